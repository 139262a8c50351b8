#include "gateways/gatewayrow.h"

#include <QJsonArray>

namespace md::gateways {

namespace {

using Snapshot = md::mesh::MeshCache::Snapshot;

QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

bool subset(const QJsonObject &selector, const QJsonObject &labels)
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.begin(); it != selector.end(); ++it) {
        if (labels.value(it.key()).toString() != it.value().toString())
            return false;
    }
    return true;
}

struct ClusterObjects
{
    QList<QJsonObject> deployments;
    QList<QJsonObject> services;
    QList<QJsonObject> pods;
};

QString nsOf(const QJsonObject &o)
{
    return obj(o, "metadata").value(QStringLiteral("namespace")).toString();
}

// Why a pod is failing (a container waiting for a bad reason), empty when it is not.
QString podProblem(const QJsonObject &pod)
{
    static const QStringList bad {
        QStringLiteral("CrashLoopBackOff"),     QStringLiteral("ImagePullBackOff"),
        QStringLiteral("ErrImagePull"),         QStringLiteral("CreateContainerConfigError"),
        QStringLiteral("CreateContainerError"), QStringLiteral("InvalidImageName"),
        QStringLiteral("RunContainerError"),
    };
    const QJsonObject status = obj(pod, "status");
    for (const char *list : {"initContainerStatuses", "containerStatuses"}) {
        for (const QJsonValue &c : status.value(QLatin1String(list)).toArray()) {
            const QJsonObject waiting = obj(obj(c.toObject(), "state"), "waiting");
            const QString reason = waiting.value(QStringLiteral("reason")).toString();
            if (bad.contains(reason))
                return Tr::tr("pod %1: container %2 is in %3")
                    .arg(obj(pod, "metadata").value(QStringLiteral("name")).toString(),
                         c.toObject().value(QStringLiteral("name")).toString(), reason);
        }
    }
    if (status.value(QStringLiteral("phase")).toString() == QLatin1String("Failed"))
        return Tr::tr("pod %1 failed")
            .arg(obj(pod, "metadata").value(QStringLiteral("name")).toString());
    return {};
}

QString quantityText(const QJsonObject &values)
{
    QStringList parts;
    for (const char *key : {"cpu", "memory"}) {
        const QString v = values.value(QLatin1String(key)).toString();
        if (!v.isEmpty())
            parts << QStringLiteral("%1 %2").arg(QLatin1String(key), v);
    }
    return parts.join(QStringLiteral(", "));
}

GatewayRow rowFor(const QString &context, const QJsonObject &deployment, GatewayType type,
                  const QString &source, const ClusterObjects &objects)
{
    const QJsonObject meta = obj(deployment, "metadata");
    const QJsonObject spec = obj(deployment, "spec");
    const QJsonObject status = obj(deployment, "status");
    const QJsonObject tmpl = obj(spec, "template");
    GatewayRow row;
    row.context = context;
    row.namespace_ = meta.value(QStringLiteral("namespace")).toString();
    row.name = meta.value(QStringLiteral("name")).toString();
    row.type = type;
    row.source = source;
    row.desired = spec.contains(QStringLiteral("replicas"))
        ? spec.value(QStringLiteral("replicas")).toInt()
        : 1;
    row.ready = status.value(QStringLiteral("readyReplicas")).toInt();
    row.updated = status.value(QStringLiteral("updatedReplicas")).toInt();
    row.podLabels = obj(obj(tmpl, "metadata"), "labels");
    row.created = QDateTime::fromString(meta.value(QStringLiteral("creationTimestamp")).toString(),
                                        Qt::ISODate);
    row.version = meta.value(QStringLiteral("resourceVersion")).toString();
    for (const QJsonValue &c : obj(tmpl, "spec").value(QStringLiteral("containers")).toArray()) {
        const QJsonObject container = c.toObject();
        if (container.value(QStringLiteral("name")).toString() != QLatin1String("istio-proxy"))
            continue;
        row.image = container.value(QStringLiteral("image")).toString();
        const QJsonObject resources = obj(container, "resources");
        QStringList parts;
        if (const QString r = quantityText(obj(resources, "requests")); !r.isEmpty())
            parts << Tr::tr("requests %1").arg(r);
        if (const QString l = quantityText(obj(resources, "limits")); !l.isEmpty())
            parts << Tr::tr("limits %1").arg(l);
        row.resources = parts.join(QStringLiteral("; "));
    }

    // The Service that selects the pods: the one of the same name first.
    const QJsonObject *service = nullptr;
    for (const QJsonObject &s : objects.services) {
        if (nsOf(s) != row.namespace_ || !subset(obj(obj(s, "spec"), "selector"), row.podLabels))
            continue;
        if (!service || obj(s, "metadata").value(QStringLiteral("name")).toString() == row.name)
            service = &s;
    }
    if (service) {
        const QJsonObject sspec = obj(*service, "spec");
        row.serviceName = obj(*service, "metadata").value(QStringLiteral("name")).toString();
        row.serviceType = sspec.value(QStringLiteral("type")).toString(QStringLiteral("ClusterIP"));
        row.version += QLatin1Char('/')
            + obj(*service, "metadata").value(QStringLiteral("resourceVersion")).toString();
        for (const QJsonValue &p : sspec.value(QStringLiteral("ports")).toArray()) {
            const QJsonObject port = p.toObject();
            GatewayPort gp;
            gp.name = port.value(QStringLiteral("name")).toString();
            gp.port = port.value(QStringLiteral("port")).toInt();
            gp.targetPort = port.value(QStringLiteral("targetPort")).toInt();
            gp.nodePort = port.value(QStringLiteral("nodePort")).toInt();
            gp.protocol = port.value(QStringLiteral("protocol")).toString(QStringLiteral("TCP"));
            row.ports.append(gp);
        }
        for (const QJsonValue &i : obj(obj(*service, "status"), "loadBalancer")
                                       .value(QStringLiteral("ingress"))
                                       .toArray()) {
            const QJsonObject ingress = i.toObject();
            const QString address
                = ingress.value(QStringLiteral("ip"))
                      .toString(ingress.value(QStringLiteral("hostname")).toString());
            if (!address.isEmpty())
                row.addresses << address;
        }
        row.addressPending
            = row.serviceType == QLatin1String("LoadBalancer") && row.addresses.isEmpty();
        for (const QJsonValue &ip : sspec.value(QStringLiteral("externalIPs")).toArray())
            row.addresses << ip.toString();
        const QString clusterIp = sspec.value(QStringLiteral("clusterIP")).toString();
        if (!clusterIp.isEmpty() && clusterIp != QLatin1String("None"))
            row.addresses << clusterIp;
    }

    // Status: deleting, stopped, failing pods, then the rollout.
    const QJsonObject selector = obj(obj(spec, "selector"), "matchLabels");
    QString problem;
    int pods = 0;
    for (const QJsonObject &pod : objects.pods) {
        if (nsOf(pod) != row.namespace_ || !subset(selector, obj(obj(pod, "metadata"), "labels")))
            continue;
        ++pods;
        if (problem.isEmpty())
            problem = podProblem(pod);
    }
    QString failure;
    for (const QJsonValue &c : status.value(QStringLiteral("conditions")).toArray()) {
        const QJsonObject condition = c.toObject();
        if (condition.value(QStringLiteral("type")).toString() == QLatin1String("ReplicaFailure")
            && condition.value(QStringLiteral("status")).toString() == QLatin1String("True"))
            failure = condition.value(QStringLiteral("message")).toString();
    }
    if (meta.contains(QStringLiteral("deletionTimestamp"))) {
        row.status = GatewayRow::Status::Deleting;
    } else if (row.desired == 0) {
        row.status = GatewayRow::Status::Stopped;
        row.statusReason = Tr::tr("scaled to 0 replicas");
    } else if (!problem.isEmpty() || !failure.isEmpty()) {
        row.status = GatewayRow::Status::Error;
        row.statusReason = problem.isEmpty() ? failure : problem;
    } else if (row.ready >= row.desired && row.updated >= row.desired) {
        row.status = GatewayRow::Status::Running;
    } else if (row.ready == 0) {
        row.status = GatewayRow::Status::Creating;
        row.statusReason
            = pods == 0 ? Tr::tr("no pod yet") : Tr::tr("%n pod(s), none ready yet", nullptr, pods);
    } else {
        row.status = GatewayRow::Status::Updating;
        row.statusReason = Tr::tr("%1 of %2 replicas ready, %3 updated")
                               .arg(row.ready)
                               .arg(row.desired)
                               .arg(row.updated);
    }
    if (!service && row.status == GatewayRow::Status::Running)
        row.statusReason = Tr::tr("no Service selects its pods");
    return row;
}

} // namespace

QString typeText(GatewayType type)
{
    return type == GatewayType::Egress ? Tr::tr("Egress") : Tr::tr("Ingress");
}

QString typeId(GatewayType type)
{
    return type == GatewayType::Egress ? QStringLiteral("egress") : QStringLiteral("ingress");
}

QString statusText(GatewayRow::Status status)
{
    switch (status) {
    case GatewayRow::Status::Running:
        return Tr::tr("Running");
    case GatewayRow::Status::Creating:
        return Tr::tr("Creating");
    case GatewayRow::Status::Updating:
        return Tr::tr("Updating");
    case GatewayRow::Status::Error:
        return Tr::tr("Error");
    case GatewayRow::Status::Stopped:
        return Tr::tr("Stopped");
    case GatewayRow::Status::Deleting:
        return Tr::tr("Deleting");
    }
    return {};
}

QString GatewayRow::portsText() const
{
    QStringList parts;
    for (const GatewayPort &p : ports) {
        QString text = p.name.isEmpty() ? QString() : p.name + QLatin1Char(' ');
        text += QString::number(p.port);
        if (p.targetPort > 0 && p.targetPort != p.port)
            text += QStringLiteral("→%1").arg(p.targetPort);
        if (p.nodePort > 0)
            text += QStringLiteral(" (:%1)").arg(p.nodePort);
        if (p.protocol != QLatin1String("TCP"))
            text += QLatin1Char('/') + p.protocol;
        parts << text;
    }
    return parts.join(QStringLiteral(", "));
}

const QList<md::mesh::MeshCache::Kind> &gatewayKinds()
{
    static const QList<md::mesh::MeshCache::Kind> kinds {
        {QStringLiteral("apps"), QStringLiteral("Deployment")},
        {QString(), QStringLiteral("Service")},
        {QString(), QStringLiteral("Pod")},
    };
    return kinds;
}

std::optional<GatewayType> gatewayTypeOf(const QJsonObject &deployment, QString *source)
{
    const QJsonObject tmeta = obj(obj(obj(deployment, "spec"), "template"), "metadata");
    const QJsonObject labels = obj(tmeta, "labels");
    const QJsonObject annotations = obj(tmeta, "annotations");
    const QString istio = labels.value(QStringLiteral("istio")).toString();
    const QString declared = obj(obj(deployment, "metadata"), "labels")
                                 .value(QStringLiteral("meshdesk.io/gateway-type"))
                                 .toString();
    const auto typeFrom = [&](const QString &hint) {
        if (declared == QLatin1String("egress") || hint.contains(QLatin1String("egress")))
            return GatewayType::Egress;
        return GatewayType::Ingress;
    };
    QString found;
    if (istio.endsWith(QLatin1String("gateway")))
        found = Tr::tr("istio label");
    else if (annotations.value(QStringLiteral("inject.istio.io/templates"))
                 .toString()
                 .split(QLatin1Char(','))
                 .contains(QStringLiteral("gateway")))
        found = Tr::tr("injection template");
    else if (labels.contains(QStringLiteral("gateway.istio.io/managed")))
        found = Tr::tr("Gateway API");
    if (found.isEmpty())
        return std::nullopt;
    if (source)
        *source = found;
    return typeFrom(istio + QLatin1Char(' ')
                    + obj(deployment, "metadata").value(QStringLiteral("name")).toString());
}

QList<GatewayRow> gatewayRows(const Snapshot &snapshot)
{
    QList<GatewayRow> rows;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        ClusterObjects objects;
        QList<std::tuple<QJsonObject, GatewayType, QString>> gateways;
        for (const auto &item : it.value()) {
            const QString &kind = item.resource.kind;
            if (item.resource.group == QLatin1String("apps")
                && kind == QLatin1String("Deployment")) {
                const QJsonObject deployment = item.object.toJson();
                QString source;
                if (auto type = gatewayTypeOf(deployment, &source))
                    gateways.append({deployment, *type, source});
            } else if (item.resource.group.isEmpty() && kind == QLatin1String("Service")) {
                objects.services.append(item.object.toJson());
            } else if (item.resource.group.isEmpty() && kind == QLatin1String("Pod")) {
                objects.pods.append(item.object.toJson());
            }
        }
        if (gateways.isEmpty())
            continue;
        for (const auto &[deployment, type, source] : gateways)
            rows.append(rowFor(it.key(), deployment, type, source, objects));
    }
    std::sort(rows.begin(), rows.end(),
              [](const GatewayRow &a, const GatewayRow &b) { return a.key() < b.key(); });
    return rows;
}

QList<GatewayObjectRef> gatewaysSelecting(const Snapshot &snapshot, const QJsonObject &podLabels)
{
    QList<GatewayObjectRef> refs;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const auto &item : it.value()) {
            if (item.resource.group != QLatin1String("networking.istio.io")
                || item.resource.kind != QLatin1String("Gateway"))
                continue;
            const QJsonObject gateway = item.object.toJson();
            const QJsonObject spec = obj(gateway, "spec");
            if (!subset(obj(spec, "selector"), podLabels))
                continue;
            GatewayObjectRef ref {it.key(),
                                  item.resource.groupVersion(),
                                  item.object.namespaceName(),
                                  item.object.name(),
                                  {}};
            for (const QJsonValue &server : spec.value(QStringLiteral("servers")).toArray()) {
                const QJsonArray hosts = server.toObject().value(QStringLiteral("hosts")).toArray();
                for (const QJsonValue &host : hosts) {
                    if (!ref.hosts.contains(host.toString()))
                        ref.hosts << host.toString();
                }
            }
            refs.append(ref);
        }
    }
    std::sort(refs.begin(), refs.end(), [](const GatewayObjectRef &a, const GatewayObjectRef &b) {
        return std::tie(a.context, a.namespace_, a.name)
            < std::tie(b.context, b.namespace_, b.name);
    });
    return refs;
}

} // namespace md::gateways

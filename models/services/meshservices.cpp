#include "services/meshservices.h"

#include "services/servicestr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace md::services {

using md::mesh::MeshCache;

namespace {

using Labels = QList<std::pair<QString, QString>>;

QJsonObject parse(const md::kube::KubeObject &object)
{
    return QJsonDocument::fromJson(object.json()).object();
}

Labels labelsOf(const QJsonObject &map)
{
    Labels labels;
    labels.reserve(map.size());
    for (auto it = map.begin(); it != map.end(); ++it)
        labels.append({it.key(), it.value().toString()});
    std::sort(labels.begin(), labels.end());
    return labels;
}

QString valueOf(const Labels &labels, const QString &key)
{
    for (const auto &[k, v] : labels) {
        if (k == key)
            return v;
    }
    return {};
}

QString imageTag(const QString &image)
{
    QString tag = image.section(u'@', 0, 0);
    const qsizetype slash = tag.lastIndexOf(u'/');
    const qsizetype colon = tag.lastIndexOf(u':');
    return colon > slash ? tag.mid(colon + 1) : QString();
}

ClusterService readService(const QString &context, const QJsonObject &json)
{
    ClusterService s;
    s.context = context;
    const QJsonObject spec = json.value(QStringLiteral("spec")).toObject();
    s.type = spec.value(QStringLiteral("type")).toString(QStringLiteral("ClusterIP"));
    s.clusterIP = spec.value(QStringLiteral("clusterIP")).toString();
    s.selector = labelsOf(spec.value(QStringLiteral("selector")).toObject());
    s.resourceVersion = json.value(QStringLiteral("metadata"))
                            .toObject()
                            .value(QStringLiteral("resourceVersion"))
                            .toString();
    for (const QJsonValue &ip : spec.value(QStringLiteral("externalIPs")).toArray())
        s.externalAddresses << ip.toString();
    const QJsonArray ingress = json.value(QStringLiteral("status"))
                                   .toObject()
                                   .value(QStringLiteral("loadBalancer"))
                                   .toObject()
                                   .value(QStringLiteral("ingress"))
                                   .toArray();
    for (const QJsonValue &i : ingress) {
        const QJsonObject o = i.toObject();
        const QString address = o.value(QStringLiteral("ip")).toString();
        s.externalAddresses << (address.isEmpty() ? o.value(QStringLiteral("hostname")).toString()
                                                  : address);
    }
    if (const QString name = spec.value(QStringLiteral("externalName")).toString(); !name.isEmpty())
        s.externalAddresses << name;
    for (const QJsonValue &v : spec.value(QStringLiteral("ports")).toArray()) {
        const QJsonObject p = v.toObject();
        ServicePort port;
        port.name = p.value(QStringLiteral("name")).toString();
        port.port = p.value(QStringLiteral("port")).toInt();
        port.transport = p.value(QStringLiteral("protocol")).toString(QStringLiteral("TCP"));
        const QJsonValue target = p.value(QStringLiteral("targetPort"));
        port.targetPort = target.isString() ? target.toString()
            : target.isDouble()             ? QString::number(target.toInt())
                                            : QString::number(port.port);
        port.appProtocol = p.value(QStringLiteral("appProtocol")).toString();
        port.nodePort = p.value(QStringLiteral("nodePort")).toInt();
        port.selected = selectProtocol(port.port, port.transport, port.name, port.appProtocol);
        s.ports << port;
    }
    return s;
}

void readEndpoints(const QJsonObject &json, QList<EndpointAddress> *out)
{
    for (const QJsonValue &subset : json.value(QStringLiteral("subsets")).toArray()) {
        const QJsonObject o = subset.toObject();
        for (bool ready : {true, false}) {
            const QString key
                = ready ? QStringLiteral("addresses") : QStringLiteral("notReadyAddresses");
            for (const QJsonValue &a : o.value(key).toArray()) {
                const QJsonObject address = a.toObject();
                EndpointAddress e;
                e.ip = address.value(QStringLiteral("ip")).toString();
                e.node = address.value(QStringLiteral("nodeName")).toString();
                const QJsonObject ref = address.value(QStringLiteral("targetRef")).toObject();
                if (ref.value(QStringLiteral("kind")).toString() == QLatin1String("Pod"))
                    e.pod = ref.value(QStringLiteral("name")).toString();
                e.ready = ready;
                // Endpoints repeat an address per subset (one per port set): keep it once.
                const bool seen = std::any_of(out->cbegin(), out->cend(), [&](const auto &x) {
                    return x.ip == e.ip && x.ready == e.ready;
                });
                if (!seen)
                    out->append(e);
            }
        }
    }
}

QString clusterList(const QStringList &contexts)
{
    return contexts.join(QStringLiteral(", "));
}

QString portLabel(const ServicePort &port)
{
    return port.transport == QLatin1String("TCP")
        ? QString::number(port.port)
        : QStringLiteral("%1/%2").arg(port.port).arg(port.transport);
}

QString nameOrNone(const QString &name)
{
    return name.isEmpty() ? Tr::tr("(no name)") : name;
}

QString noneOr(const QString &text)
{
    return text.isEmpty() ? Tr::tr("(none)") : text;
}

// Differences of the clusters' ports, each against the first cluster's.
void comparePorts(const MeshService &service, QList<DiagnosisReason> *reasons)
{
    const auto abnormal = [&](const QString &text) {
        reasons->append({Diagnosis::Abnormal, text});
    };
    // Every port key (number and transport) of any cluster, in first-seen order.
    QList<std::pair<int, QString>> keys;
    for (const ClusterService &c : service.clusters) {
        for (const ServicePort &p : c.ports) {
            if (!keys.contains(std::pair {p.port, p.transport}))
                keys.append({p.port, p.transport});
        }
    }
    const auto find = [](const ClusterService &c, const std::pair<int, QString> &key) {
        const auto it = std::find_if(c.ports.cbegin(), c.ports.cend(), [&](const ServicePort &p) {
            return p.port == key.first && p.transport == key.second;
        });
        return it == c.ports.cend() ? nullptr : &*it;
    };
    for (const auto &key : keys) {
        QStringList with, without;
        for (const ClusterService &c : service.clusters)
            (find(c, key) ? with : without) << c.context;
        const QString label = key.second == QLatin1String("TCP")
            ? QString::number(key.first)
            : QStringLiteral("%1/%2").arg(key.first).arg(key.second);
        if (!without.isEmpty()) {
            abnormal(Tr::tr("Port %1 is in %2 but not in %3")
                         .arg(label, clusterList(with), clusterList(without)));
            continue;
        }
        const ClusterService &first = service.clusters.first();
        const ServicePort *a = find(first, key);
        for (qsizetype i = 1; i < service.clusters.size(); ++i) {
            const ClusterService &other = service.clusters.at(i);
            const ServicePort *b = find(other, key);
            if (a->name != b->name)
                abnormal(Tr::tr("Port %1 is named %2 in %3 and %4 in %5")
                             .arg(label, nameOrNone(a->name), first.context, nameOrNone(b->name),
                                  other.context));
            if (a->appProtocol != b->appProtocol)
                abnormal(Tr::tr("Port %1 has appProtocol %2 in %3 and %4 in %5")
                             .arg(label, noneOr(a->appProtocol), first.context,
                                  noneOr(b->appProtocol), other.context));
            if (a->selected.protocol != b->selected.protocol)
                abnormal(Tr::tr("Istio reads port %1 as %2 in %3 and as %4 in %5")
                             .arg(label, protocolName(a->selected.protocol), first.context,
                                  protocolName(b->selected.protocol), other.context));
            if (a->targetPort != b->targetPort)
                abnormal(
                    Tr::tr("Port %1 targets %2 in %3 and %4 in %5")
                        .arg(label, a->targetPort, first.context, b->targetPort, other.context));
        }
    }
}

} // namespace

QString ServicePort::summary() const
{
    return portLabel(*this) + u'/' + protocolName(selected.protocol);
}

QString ClusterService::exposure() const
{
    if (isHeadless())
        return Tr::tr("%1 (headless)").arg(type);
    return type;
}

QString ClusterService::selectorText() const
{
    QStringList parts;
    for (const auto &[k, v] : selector)
        parts << k + u'=' + v;
    return parts.join(u',');
}

int ClusterService::readyEndpoints() const
{
    return int(std::count_if(endpoints.cbegin(), endpoints.cend(),
                             [](const EndpointAddress &e) { return e.ready; }));
}

QStringList MeshService::contexts() const
{
    QStringList list;
    for (const ClusterService &c : clusters)
        list << c.context;
    return list;
}

QStringList MeshService::versions() const
{
    QStringList list;
    for (const ClusterService &c : clusters) {
        for (const ServicePod &p : c.pods) {
            if (!p.version.isEmpty() && !list.contains(p.version))
                list << p.version;
        }
    }
    list.sort();
    return list;
}

QStringList MeshService::sidecarVersions() const
{
    QStringList list;
    for (const ClusterService &c : clusters) {
        for (const ServicePod &p : c.pods) {
            if (!p.sidecarVersion.isEmpty() && !list.contains(p.sidecarVersion))
                list << p.sidecarVersion;
        }
    }
    list.sort();
    return list;
}

int MeshService::podCount() const
{
    int n = 0;
    for (const ClusterService &c : clusters)
        n += int(c.pods.size());
    return n;
}

int MeshService::injectedCount() const
{
    int n = 0;
    for (const ClusterService &c : clusters)
        n += int(std::count_if(c.pods.cbegin(), c.pods.cend(),
                               [](const ServicePod &p) { return p.injected; }));
    return n;
}

QString MeshService::portsSummary() const
{
    QStringList seen;
    QStringList parts;
    for (const ClusterService &c : clusters) {
        for (const ServicePort &p : c.ports) {
            const QString text = p.summary();
            if (!seen.contains(text)) {
                seen << text;
                parts << text;
            }
        }
    }
    return parts.join(QStringLiteral(", "));
}

const ClusterService *MeshService::cluster(const QString &context) const
{
    for (const ClusterService &c : clusters) {
        if (c.context == context)
            return &c;
    }
    return nullptr;
}

QString diagnosisText(Diagnosis diagnosis)
{
    switch (diagnosis) {
    case Diagnosis::Normal:
        return Tr::tr("Normal");
    case Diagnosis::Warning:
        return Tr::tr("Warning");
    case Diagnosis::Abnormal:
        return Tr::tr("Abnormal");
    }
    return {};
}

QString diagnosisId(Diagnosis diagnosis)
{
    switch (diagnosis) {
    case Diagnosis::Normal:
        return QStringLiteral("normal");
    case Diagnosis::Warning:
        return QStringLiteral("warning");
    case Diagnosis::Abnormal:
        return QStringLiteral("abnormal");
    }
    return {};
}

std::optional<Diagnosis> diagnosisFromId(const QString &id)
{
    for (Diagnosis d : {Diagnosis::Normal, Diagnosis::Warning, Diagnosis::Abnormal}) {
        if (diagnosisId(d) == id)
            return d;
    }
    return std::nullopt;
}

bool isSystemNamespace(const QString &ns, const QString &rootNamespace)
{
    return ns == QLatin1String("kube-system") || ns == QLatin1String("kube-public")
        || ns == QLatin1String("kube-node-lease") || ns == rootNamespace
        || ns == QLatin1String("istio-system");
}

const QList<MeshCache::Kind> &serviceKinds()
{
    static const QList<MeshCache::Kind> kinds {{QString(), QStringLiteral("Service")},
                                               {QString(), QStringLiteral("Endpoints")},
                                               {QString(), QStringLiteral("Pod")}};
    return kinds;
}

PodInfo readPod(const QString &context, const md::kube::KubeObject &object)
{
    const QJsonObject json = parse(object);
    PodInfo info;
    info.context = context;
    info.namespaceName = object.namespaceName();
    info.name = object.name();
    const QJsonObject meta = json.value(QStringLiteral("metadata")).toObject();
    info.labels = labelsOf(meta.value(QStringLiteral("labels")).toObject());
    for (const QJsonValue &v : meta.value(QStringLiteral("ownerReferences")).toArray()) {
        const QJsonObject ref = v.toObject();
        if (info.ownerKind.isEmpty() || ref.value(QStringLiteral("controller")).toBool()) {
            info.ownerKind = ref.value(QStringLiteral("kind")).toString();
            info.ownerName = ref.value(QStringLiteral("name")).toString();
        }
    }
    ServicePod &pod = info.pod;
    pod.name = info.name;
    pod.version = valueOf(info.labels, QStringLiteral("version"));
    if (pod.version.isEmpty())
        pod.version = valueOf(info.labels, QStringLiteral("app.kubernetes.io/version"));
    const QJsonObject spec = json.value(QStringLiteral("spec")).toObject();
    for (const QString &list : {QStringLiteral("containers"), QStringLiteral("initContainers")}) {
        for (const QJsonValue &v : spec.value(list).toArray()) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("name")).toString() == QLatin1String("istio-proxy")) {
                pod.injected = true;
                pod.sidecarVersion = imageTag(c.value(QStringLiteral("image")).toString());
            }
        }
    }
    const QJsonObject status = json.value(QStringLiteral("status")).toObject();
    pod.phase = status.value(QStringLiteral("phase")).toString();
    for (const QJsonValue &v : status.value(QStringLiteral("conditions")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("type")).toString() == QLatin1String("Ready"))
            pod.ready = c.value(QStringLiteral("status")).toString() == QLatin1String("True");
    }
    return info;
}

bool selectorMatches(const Labels &selector, const Labels &labels)
{
    if (selector.isEmpty())
        return false; // a service without a selector selects no pod
    for (const auto &entry : selector) {
        const QString &key = entry.first;
        if (valueOf(labels, key) != entry.second
            || std::none_of(labels.cbegin(), labels.cend(),
                            [&key](const auto &l) { return l.first == key; }))
            return false;
    }
    return true;
}

void diagnose(MeshService &service)
{
    QList<DiagnosisReason> reasons;
    if (service.clusters.size() > 1) {
        comparePorts(service, &reasons);
        const ClusterService &first = service.clusters.first();
        for (qsizetype i = 1; i < service.clusters.size(); ++i) {
            const ClusterService &other = service.clusters.at(i);
            if (first.selector != other.selector)
                reasons.append({Diagnosis::Abnormal,
                                Tr::tr("The selector is %1 in %2 and %3 in %4")
                                    .arg(noneOr(first.selectorText()), first.context,
                                         noneOr(other.selectorText()), other.context)});
            if (first.exposure() != other.exposure())
                reasons.append(
                    {Diagnosis::Abnormal,
                     Tr::tr("The service is %1 in %2 and %3 in %4")
                         .arg(first.exposure(), first.context, other.exposure(), other.context)});
        }
    }
    const bool external = std::all_of(
        service.clusters.cbegin(), service.clusters.cend(), [](const ClusterService &c) {
            return c.type == QLatin1String("ExternalName") || c.selector.isEmpty();
        });
    const int pods = service.podCount();
    const int injected = service.injectedCount();
    if (!external) {
        if (pods == 0) {
            reasons.append({Diagnosis::Warning, Tr::tr("No pod backs the service in any cluster")});
        } else if (injected == 0) {
            reasons.append({Diagnosis::Abnormal,
                            pods == 1 ? Tr::tr("Its only pod has no sidecar")
                                      : Tr::tr("None of its %1 pods has a sidecar").arg(pods)});
        } else if (injected < pods) {
            QStringList missing;
            for (const ClusterService &c : service.clusters) {
                for (const ServicePod &p : c.pods) {
                    if (!p.injected)
                        missing << QStringLiteral("%1 (%2)").arg(p.name, c.context);
                }
            }
            const int count = int(missing.size());
            if (missing.size() > 3)
                missing = missing.mid(0, 3) << QStringLiteral("…");
            reasons.append({Diagnosis::Warning,
                            Tr::tr("%1 of %2 pods have no sidecar: %3")
                                .arg(count)
                                .arg(pods)
                                .arg(missing.join(QStringLiteral(", ")))});
        }
    }
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto &a, const auto &b) {
        return int(a.severity) > int(b.severity);
    });
    service.reasons = reasons;
    service.diagnosis = reasons.isEmpty() ? Diagnosis::Normal : reasons.first().severity;
}

QList<MeshService> aggregateServices(const MeshCache::Snapshot &snapshot,
                                     const QStringList &clusterOrder, const QString &rootNamespace)
{
    QStringList contexts = snapshot.keys();
    std::sort(contexts.begin(), contexts.end(), [&](const QString &a, const QString &b) {
        const qsizetype ia = clusterOrder.indexOf(a), ib = clusterOrder.indexOf(b);
        if (ia != ib)
            return (ia < 0 ? INT_MAX : ia) < (ib < 0 ? INT_MAX : ib);
        return a < b;
    });

    QMap<std::pair<QString, QString>, MeshService> services; // (namespace, name), sorted
    for (const QString &context : contexts) {
        QHash<QString, QList<PodInfo>> podsByNamespace;
        QHash<QString, QJsonObject> endpoints; // ns/name
        QList<std::pair<QString, QJsonObject>> serviceObjects;
        for (const MeshCache::Item &item : snapshot.value(context)) {
            const QString &kind = item.resource.kind;
            if (!item.resource.group.isEmpty())
                continue;
            if (kind == QLatin1String("Pod"))
                podsByNamespace[item.object.namespaceName()] << readPod(context, item.object);
            else if (kind == QLatin1String("Endpoints"))
                endpoints.insert(item.object.key(), parse(item.object));
            else if (kind == QLatin1String("Service"))
                serviceObjects.append({item.object.key(), parse(item.object)});
        }
        for (const auto &[key, json] : serviceObjects) {
            ClusterService cs = readService(context, json);
            const QString ns = key.section(u'/', 0, 0);
            const QString name = key.section(u'/', 1);
            readEndpoints(endpoints.value(key), &cs.endpoints);
            for (const PodInfo &pod : podsByNamespace.value(ns)) {
                if (selectorMatches(cs.selector, pod.labels))
                    cs.pods << pod.pod;
            }
            std::sort(cs.pods.begin(), cs.pods.end(),
                      [](const ServicePod &a, const ServicePod &b) { return a.name < b.name; });
            MeshService &service = services[{ns, name}];
            service.namespaceName = ns;
            service.name = name;
            service.system = isSystemNamespace(ns, rootNamespace);
            service.clusters << cs;
        }
    }
    QList<MeshService> list;
    list.reserve(services.size());
    for (MeshService &service : services) {
        diagnose(service);
        list << service;
    }
    return list;
}

} // namespace md::services

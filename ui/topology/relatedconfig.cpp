#include "topology/relatedconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace md::ui::topology {

using md::telemetry::Node;
using md::telemetry::NodeFlag;
using md::telemetry::NodeType;

bool hostNamesService(const QString &host, const QString &objectNamespace, const QString &name,
                      const QString &ns)
{
    if (host.isEmpty() || name.isEmpty() || host.contains(u'*'))
        return false;
    const QStringList parts = host.split(u'.');
    if (parts.size() == 1)
        return parts[0] == name && objectNamespace == ns;
    return parts[0] == name && parts[1] == ns;
}

namespace {

// The service names a node stands for.
QStringList serviceNames(const Node &node)
{
    QStringList names;
    switch (node.type) {
    case NodeType::Service:
    case NodeType::ServiceEntry:
        names << node.service;
        break;
    case NodeType::App:
        names << node.app;
        break;
    case NodeType::Workload:
        if (!node.app.isEmpty())
            names << node.app;
        if (!node.workload.isEmpty()) {
            // reviews-v2 -> reviews (the Deployment-per-version convention).
            static const QRegularExpression version(QStringLiteral("-v[0-9]+$"));
            names << QString(node.workload).remove(version);
        }
        break;
    case NodeType::Unknown:
        break;
    }
    names.removeAll(QString());
    names.removeDuplicates();
    return names;
}

bool hostMatches(const QString &host, const QString &objectNamespace, const Node &node,
                 const QStringList &names)
{
    if (node.type == NodeType::ServiceEntry || node.namespaceName.isEmpty()) {
        if (node.hosts.contains(host) || host == node.service)
            return true;
    }
    for (const QString &name : names) {
        if (hostNamesService(host, objectNamespace, name, node.namespaceName))
            return true;
    }
    return false;
}

void collectRouteHosts(const QJsonObject &spec, QStringList &hosts)
{
    for (const char *section : {"http", "tcp", "tls"}) {
        for (const QJsonValue &rule : spec.value(QLatin1String(section)).toArray()) {
            for (const QJsonValue &route : rule.toObject().value(QLatin1String("route")).toArray())
                hosts << route.toObject()
                             .value(QLatin1String("destination"))
                             .toObject()
                             .value(QLatin1String("host"))
                             .toString();
            hosts << rule.toObject()
                         .value(QLatin1String("mirror"))
                         .toObject()
                         .value(QLatin1String("host"))
                         .toString();
        }
    }
}

} // namespace

QList<RelatedObject> relatedConfig(const md::mesh::MeshCache::Snapshot &snapshot, const Node &node)
{
    const QStringList names = serviceNames(node);
    const bool gatewayNode = node.flags & NodeFlag::Gateway;
    QList<RelatedObject> result;
    QSet<QString> wantedGateways; // "ns/name"
    struct GatewayObject
    {
        RelatedObject ref;
        QJsonObject selector;
    };
    QList<GatewayObject> gateways;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const auto &item : it.value()) {
            const QString kind = item.resource.kind;
            if (kind != QLatin1String("VirtualService") && kind != QLatin1String("DestinationRule")
                && kind != QLatin1String("Gateway"))
                continue;
            if (item.resource.group != QLatin1String("networking.istio.io"))
                continue;
            const QJsonObject object = QJsonDocument::fromJson(item.object.json()).object();
            const QJsonObject spec = object.value(QLatin1String("spec")).toObject();
            const QString ns = item.object.namespaceName();
            RelatedObject ref {it.key(), item.resource.groupVersion(), kind, ns,
                               item.object.name()};
            if (kind == QLatin1String("Gateway")) {
                gateways.append({ref, spec.value(QLatin1String("selector")).toObject()});
                continue;
            }
            QStringList hosts;
            if (kind == QLatin1String("DestinationRule")) {
                hosts << spec.value(QLatin1String("host")).toString();
            } else {
                for (const QJsonValue &h : spec.value(QLatin1String("hosts")).toArray())
                    hosts << h.toString();
                collectRouteHosts(spec, hosts);
            }
            bool match = false;
            for (const QString &host : std::as_const(hosts))
                match = match || hostMatches(host, ns, node, names);
            if (!match)
                continue;
            result << ref;
            if (kind == QLatin1String("VirtualService")) {
                for (const QJsonValue &g : spec.value(QLatin1String("gateways")).toArray()) {
                    const QString gateway = g.toString();
                    if (gateway.isEmpty() || gateway == QLatin1String("mesh"))
                        continue;
                    wantedGateways << (gateway.contains(u'/') ? gateway : ns + u'/' + gateway);
                }
            }
        }
    }
    for (const GatewayObject &gateway : std::as_const(gateways)) {
        bool match = wantedGateways.contains(gateway.ref.namespaceName + u'/' + gateway.ref.name);
        if (!match && gatewayNode) {
            for (const QJsonValue &value : gateway.selector) {
                const QString v = value.toString();
                match = match
                    || (!v.isEmpty()
                        && (node.workload == v || node.app == v
                            || node.workload.endsWith(u'-' + v)));
            }
        }
        if (match && !result.contains(gateway.ref))
            result << gateway.ref;
    }
    std::sort(result.begin(), result.end(), [](const RelatedObject &a, const RelatedObject &b) {
        return std::tie(a.kind, a.namespaceName, a.name, a.context)
            < std::tie(b.kind, b.namespaceName, b.name, b.context);
    });
    return result;
}

} // namespace md::ui::topology

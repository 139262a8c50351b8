// Node badges from the mesh's live config, as Kiali's istio finalizer sets them.

#include "telemetry/topologyloader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace md::telemetry {

using md::istio::Value;

namespace {

QString str(const Value &v, const QString &key)
{
    return v.value(key).toString();
}

// "reviews", "reviews.bookinfo", "reviews.bookinfo.svc.cluster.local" -> "reviews.bookinfo";
// other hosts (service entries: "api.example.com") stay as they are.
QString serviceKey(const QString &host, const QString &ns)
{
    if (host.isEmpty() || host.contains(u'*'))
        return {};
    const QStringList parts = host.split(u'.');
    if (parts.size() == 1)
        return host + u'.' + ns;
    if (parts.size() == 2 || (parts.size() >= 3 && parts[2] == u"svc"))
        return parts[0] + u'.' + parts[1];
    return host;
}

bool labelsMatch(const Value &selector, const Value &labels)
{
    if (!selector.isObject() || selector.isEmpty())
        return false;
    for (qsizetype i = 0; i < selector.size(); ++i)
        if (labels.value(selector.keyAt(i)).toString() != selector.valueAt(i).toString())
            return false;
    return true;
}

bool hasCircuitBreaker(const Value &policy)
{
    if (!policy.isObject())
        return false;
    if (policy.contains(QStringLiteral("connectionPool"))
        || policy.contains(QStringLiteral("outlierDetection")))
        return true;
    const Value &ports = policy.value(QStringLiteral("portLevelSettings"));
    for (qsizetype i = 0; i < ports.size(); ++i)
        if (hasCircuitBreaker(ports.at(i)))
            return true;
    return false;
}

Badges routeBadges(const Value &spec)
{
    Badges b;
    for (const char *kind : {"http", "tcp", "tls"}) {
        const Value &routes = spec.value(QLatin1String(kind));
        for (qsizetype i = 0; i < routes.size(); ++i) {
            const Value &r = routes.at(i);
            const Value &destinations = r.value(QStringLiteral("route"));
            int weighted = 0;
            for (qsizetype j = 0; j < destinations.size(); ++j)
                if (destinations.at(j)
                        .value(QStringLiteral("weight"))
                        .toDouble(destinations.size() == 1 ? 100 : 0)
                    > 0)
                    ++weighted;
            if (weighted > 1)
                b |= Badge::TrafficShifting;
            if (r.contains(QStringLiteral("fault")))
                b |= Badge::FaultInjection;
            if (r.contains(QStringLiteral("timeout")))
                b |= Badge::RequestTimeout;
            if (r.contains(QStringLiteral("mirror")) || r.contains(QStringLiteral("mirrors")))
                b |= Badge::Mirroring;
        }
    }
    return b;
}

// The workload a pod belongs to: its owner, without the ReplicaSet's template hash.
QString workloadOf(const Value &pod)
{
    const Value &meta = pod.value(QStringLiteral("metadata"));
    const Value &owners = meta.value(QStringLiteral("ownerReferences"));
    if (owners.isArray() && owners.size() > 0) {
        const Value &owner = owners.at(0);
        QString name = str(owner, QStringLiteral("name"));
        if (str(owner, QStringLiteral("kind")) == u"ReplicaSet" && name.contains(u'-'))
            name = name.left(name.lastIndexOf(u'-'));
        return name;
    }
    return str(meta, QStringLiteral("name"));
}

} // namespace

LiveConfig LiveConfig::fromSnapshot(const md::mesh::MeshCache::Snapshot &snapshot)
{
    LiveConfig config;
    for (const auto &items : snapshot) {
        for (const auto &item : items) {
            // Only pods, services and Istio's kinds are read: the others are not parsed.
            const auto &resource = item.resource;
            const bool pod = resource.group.isEmpty() && resource.plural == u"pods";
            const bool service = resource.group.isEmpty() && resource.plural == u"services";
            const bool istio = resource.group.endsWith(QStringLiteral("istio.io"));
            if (!pod && !service && !istio)
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(item.object.json());
            if (!doc.isObject())
                continue;
            Value v = Value::fromJson(doc.object());
            if (pod) {
                config.pods << v;
            } else if (service) {
                config.services << v;
            } else {
                if (str(v, QStringLiteral("kind")).isEmpty())
                    v.insert(QStringLiteral("kind"), resource.kind);
                config.istioObjects << v;
            }
        }
    }
    return config;
}

void applyLiveConfig(Graph &graph, const LiveConfig &config, const TopologyOptions &options)
{
    // Services: badges by "name.namespace" (or host).
    QHash<QString, Badges> serviceBadges;
    QHash<QString, QStringList> serviceEntryHosts; // host -> hosts of its ServiceEntry
    QList<Value> gatewaySelectors;
    for (const Value &o : config.istioObjects) {
        const QString kind = str(o, QStringLiteral("kind"));
        const QString ns = str(o.value(QStringLiteral("metadata")), QStringLiteral("namespace"));
        const Value &spec = o.value(QStringLiteral("spec"));
        if (kind == u"VirtualService") {
            const Value &gateways = spec.value(QStringLiteral("gateways"));
            bool mesh = gateways.isEmpty();
            for (qsizetype i = 0; i < gateways.size(); ++i)
                mesh |= gateways.at(i).toString() == u"mesh";
            if (!mesh)
                continue;
            const Badges b = routeBadges(spec) | Badge::VirtualService;
            const Value &hosts = spec.value(QStringLiteral("hosts"));
            for (qsizetype i = 0; i < hosts.size(); ++i) {
                const QString key = serviceKey(hosts.at(i).toString(), ns);
                if (!key.isEmpty())
                    serviceBadges[key] |= b;
            }
        } else if (kind == u"DestinationRule") {
            bool cb = hasCircuitBreaker(spec.value(QStringLiteral("trafficPolicy")));
            const Value &subsets = spec.value(QStringLiteral("subsets"));
            for (qsizetype i = 0; i < subsets.size(); ++i)
                cb |= hasCircuitBreaker(subsets.at(i).value(QStringLiteral("trafficPolicy")));
            const QString key = serviceKey(str(spec, QStringLiteral("host")), ns);
            if (cb && !key.isEmpty())
                serviceBadges[key] |= Badge::CircuitBreaker;
        } else if (kind == u"Gateway") {
            gatewaySelectors << spec.value(QStringLiteral("selector"));
        } else if (kind == u"ServiceEntry") {
            const Value &hosts = spec.value(QStringLiteral("hosts"));
            QStringList list;
            for (qsizetype i = 0; i < hosts.size(); ++i)
                list << hosts.at(i).toString();
            for (const QString &h : std::as_const(list)) {
                serviceEntryHosts.insert(h, list);
                serviceEntryHosts.insert(serviceKey(h, ns), list);
            }
        }
    }

    // Workloads: "namespace/workload" -> what their pods show.
    struct WorkloadState
    {
        bool missingSidecar = false;
        bool gateway = false;
        bool waypoint = false;
        Value labels;
    };
    QHash<QString, WorkloadState> workloads;
    for (const Value &pod : config.pods) {
        const Value &meta = pod.value(QStringLiteral("metadata"));
        const QString key = str(meta, QStringLiteral("namespace")) + u'/' + workloadOf(pod);
        WorkloadState &w = workloads[key];
        const Value &labels = meta.value(QStringLiteral("labels"));
        w.labels = labels;
        bool sidecar = false;
        for (const char *list : {"containers", "initContainers"}) {
            const Value &containers = pod.value(QStringLiteral("spec")).value(QLatin1String(list));
            for (qsizetype i = 0; i < containers.size(); ++i)
                sidecar |= str(containers.at(i), QStringLiteral("name")) == u"istio-proxy";
        }
        const bool ambient = str(meta.value(QStringLiteral("annotations")),
                                 QStringLiteral("ambient.istio.io/redirection"))
            == u"enabled";
        w.waypoint |= str(labels, QStringLiteral("gateway.istio.io/managed"))
            == u"istio.io-mesh-controller";
        for (const Value &selector : std::as_const(gatewaySelectors))
            w.gateway |= labelsMatch(selector, labels);
        if (!sidecar && !ambient && !w.waypoint && !w.gateway)
            w.missingSidecar = true;
    }

    // Services with their selectors, for badges on workloads when the graph has no service node.
    QSet<QString> serviceNodes;
    for (const Node &n : std::as_const(graph.nodes))
        if (n.type == NodeType::Service)
            serviceNodes << n.service + u'.' + n.namespaceName;
    QHash<QString, Badges> workloadServiceBadges; // "ns/workload"
    for (const Value &svc : config.services) {
        const Value &meta = svc.value(QStringLiteral("metadata"));
        const QString ns = str(meta, QStringLiteral("namespace"));
        const QString key = str(meta, QStringLiteral("name")) + u'.' + ns;
        const Badges b = serviceBadges.value(key);
        if (!b || serviceNodes.contains(key))
            continue;
        const Value &selector = svc.value(QStringLiteral("spec")).value(QStringLiteral("selector"));
        for (auto it = workloads.cbegin(); it != workloads.cend(); ++it)
            if (it.key().startsWith(ns + u'/') && labelsMatch(selector, it->labels))
                workloadServiceBadges[it.key()] |= b;
    }

    const bool appGraph = graph.type == GraphType::App || graph.type == GraphType::VersionedApp;
    for (Node &n : graph.nodes) {
        if (n.type == NodeType::Service || n.type == NodeType::ServiceEntry) {
            n.badges |= serviceBadges.value(n.service + u'.' + n.namespaceName);
            n.badges |= serviceBadges.value(n.service);
            QStringList hosts = serviceEntryHosts.value(n.service + u'.' + n.namespaceName);
            if (hosts.isEmpty())
                hosts = serviceEntryHosts.value(n.service);
            if (!hosts.isEmpty()) {
                n.type = NodeType::ServiceEntry;
                for (const QString &h : std::as_const(hosts))
                    if (!n.hosts.contains(h))
                        n.hosts << h;
            }
            continue;
        }
        if (n.type == NodeType::Unknown)
            continue;
        // Workload, app and versioned-app nodes: every workload of theirs.
        for (auto it = workloads.cbegin(); it != workloads.cend(); ++it) {
            const QString ns = it.key().section(u'/', 0, 0);
            const QString name = it.key().section(u'/', 1);
            if (ns != n.namespaceName)
                continue;
            bool mine = !n.workload.isEmpty() && name == n.workload;
            if (!mine && n.type == NodeType::App && appGraph) {
                const QString app = str(it->labels, QStringLiteral("app"));
                const QString version = str(it->labels, QStringLiteral("version"));
                mine = app == n.app && (n.version.isEmpty() || version == n.version);
            }
            if (!mine)
                continue;
            if (it->missingSidecar)
                n.badges |= Badge::MissingSidecar;
            if (it->gateway) {
                n.badges |= Badge::Gateway;
                n.flags |= NodeFlag::Gateway;
            }
            if (it->waypoint)
                n.flags |= NodeFlag::Waypoint;
            n.badges |= workloadServiceBadges.value(it.key());
        }
    }

    if (!options.includeIdle)
        return;
    // Unused workloads: in a selected namespace, known from the config, without any traffic.
    QSet<QString> present;
    QHash<QString, QString> clusterOfNamespace;
    for (const Node &n : std::as_const(graph.nodes)) {
        if (!n.workload.isEmpty())
            present << n.namespaceName + u'/' + n.workload;
        if (!n.cluster.isEmpty())
            clusterOfNamespace.insert(n.namespaceName, n.cluster);
    }
    QStringList added;
    for (auto it = workloads.cbegin(); it != workloads.cend(); ++it) {
        const QString ns = it.key().section(u'/', 0, 0);
        if (present.contains(it.key()) || ns.isEmpty()
            || (!options.namespaces.isEmpty() && !options.namespaces.contains(ns)))
            continue;
        Node n;
        n.type = NodeType::Workload;
        n.namespaceName = ns;
        n.workload = it.key().section(u'/', 1);
        n.app = str(it->labels, QStringLiteral("app"));
        n.version = str(it->labels, QStringLiteral("version"));
        n.cluster = clusterOfNamespace.value(ns);
        n.id = QStringLiteral("wl:") + n.cluster + u':' + ns + u':' + n.workload;
        n.flags = NodeFlag::Unused | NodeFlag::Idle;
        if (it->missingSidecar)
            n.badges |= Badge::MissingSidecar;
        graph.nodes << n;
    }
}

} // namespace md::telemetry

// The builder's nodes and edges: a series' source, service and destination as node keys (as
// Kiali resolves them), nodes found by their key's identity, edges by (source, target, protocol).

#include "telemetry/topologybuilder_p.h"

namespace md::telemetry::detail {

bool Builder::isWaypoint(StrId ns, StrId workload)
{
    if (workload == StringPool::Empty)
        return false;
    if (m_pool.has(workload, StringPool::WaypointName))
        return true;
    if (m_waypoints.isEmpty())
        return false;
    auto [it, added] = m_waypointPairs.try_emplace(pairKey(ns, workload), false);
    if (added)
        it->second = m_waypoints.contains(m_pool.str(ns) + u'/' + m_pool.str(workload));
    return it->second;
}

bool Builder::isGateway(StrId app, StrId workload)
{
    return m_pool.has(app, StringPool::GatewayName)
        || m_pool.has(workload, StringPool::GatewayName);
}

NodeKey Builder::endpoint(StrId cluster, StrId ns, StrId workload, StrId app, StrId version)
{
    NodeKey k;
    k.cluster = cluster;
    k.ns = ns;
    k.workload = workload;
    k.app = StringPool::known(app) ? app : StringPool::Empty;
    k.version = StringPool::known(version) ? version : StringPool::Empty;
    k.waypoint = isWaypoint(ns, workload);
    k.gateway = isGateway(app, workload);
    const bool byApp = (m_graphType == GraphType::App || m_graphType == GraphType::VersionedApp)
        && k.app != StringPool::Empty && !k.waypoint;
    if (byApp) {
        k.type = NodeType::App;
        k.workload = StringPool::Empty;
        if (m_graphType == GraphType::App)
            k.version = StringPool::Empty;
    }
    return k;
}

Builder::Resolved Builder::resolve(const Row &m)
{
    using P = StringPool;
    Resolved r;
    StrId dstCluster = m[FDstCluster];
    StrId srcCluster = m[FSrcCluster];
    if (!P::known(dstCluster))
        dstCluster = srcCluster; // istio#29373
    if (!P::known(srcCluster))
        srcCluster = dstCluster;
    if (!P::known(dstCluster))
        dstCluster = P::Empty;
    if (!P::known(srcCluster))
        srcCluster = P::Empty;

    const StrId srcNs = m[FSrcNs];
    const StrId srcWorkload = m[FSrcWorkload];
    const StrId srcApp = m[FSrcApp];
    if (!P::known(srcWorkload) && !P::known(srcApp)) {
        if (P::known(srcNs))
            return r; // a namespace but neither workload nor app: bad telemetry
        r.source.type = NodeType::Unknown;
        r.source.cluster = dstCluster;
    } else {
        r.source = endpoint(srcCluster, srcNs, P::known(srcWorkload) ? srcWorkload : srcApp, srcApp,
                            m[FSrcVersion]);
    }

    const StrId svcName = m[FDstSvcName];
    const StrId svcHost = m[FDstSvc];
    StrId svcNs = m[FDstSvcNs];
    if (!P::known(svcNs))
        svcNs = P::Empty;
    const StrId dstWorkload = m[FDstWorkload];
    if (svcName != P::Empty) {
        r.service.type = NodeType::Service;
        r.service.cluster = dstCluster;
        r.service.ns = svcNs;
        r.service.service = svcName;
        r.service.host = svcHost;
        const bool external = svcName == P::Passthrough || svcName == P::Blackhole
            || m_pool.has(svcName, P::HasDot) || (svcNs == P::Empty && !P::known(dstWorkload));
        if (external)
            r.service.type = NodeType::ServiceEntry;
    }
    if (P::known(dstWorkload)) {
        r.destination = endpoint(dstCluster, m[FDstNs], dstWorkload, m[FDstApp], m[FDstVersion]);
        r.waypoint = r.destination.waypoint;
        r.inject = svcName != P::Empty && svcName != P::Passthrough
            && (m_options.injectServiceNodes || m_graphType == GraphType::Service) && !r.waypoint
            && m[FReporter] != P::Waypoint && !r.source.waypoint;
    } else {
        if (svcName == P::Empty)
            return r;
        // No workload answered: an IP address as service name is useless (Kiali skips it).
        if (svcName == svcHost && m_pool.has(svcName, P::IpAddress))
            return r;
        r.destination = r.service;
    }
    r.ok = true;
    return r;
}

// What makes two keys the same node for this graph type (the parts of its id, typed).
std::array<int, 5> Builder::identity(const NodeKey &k) const
{
    switch (k.type) {
    case NodeType::Unknown:
        return {0, k.cluster, 0, 0, 0};
    case NodeType::Service:
    case NodeType::ServiceEntry:
        return {1, k.cluster, k.ns, k.service, 0};
    case NodeType::App:
        return {2, k.cluster, k.ns, k.app, m_graphType == GraphType::VersionedApp ? k.version : 0};
    case NodeType::Workload:
        break;
    }
    return {3, k.cluster, k.ns, k.workload, 0};
}

QString Builder::nodeId(const NodeKey &k) const
{
    const auto &s = [this](StrId id) -> const QString & { return m_pool.str(id); };
    switch (k.type) {
    case NodeType::Unknown:
        return QStringLiteral("unknown:") + s(k.cluster);
    case NodeType::Service:
    case NodeType::ServiceEntry:
        return QStringLiteral("svc:") + s(k.cluster) + u':' + s(k.ns) + u':' + s(k.service);
    case NodeType::App:
        if (m_graphType == GraphType::VersionedApp)
            return QStringLiteral("vapp:") + s(k.cluster) + u':' + s(k.ns) + u':' + s(k.app) + u':'
                + s(k.version);
        return QStringLiteral("app:") + s(k.cluster) + u':' + s(k.ns) + u':' + s(k.app);
    case NodeType::Workload:
        break;
    }
    return QStringLiteral("wl:") + s(k.cluster) + u':' + s(k.ns) + u':' + s(k.workload);
}

namespace {

size_t hashOf(const std::array<int, 5> &identity)
{
    size_t h = 0;
    for (int v : identity)
        h = mixHash(h, uint64_t(uint32_t(v)));
    return finishHash(h);
}

} // namespace

int Builder::findNode(const NodeKey &key)
{
    const std::array<int, 5> id = identity(key);
    const size_t hash = hashOf(id);
    const int alias = m_nodeIndex.find(
        hash, [&](int a) { return identity(m_nodeAliases[size_t(a)].key) == id; });
    if (alias >= 0)
        return m_nodeAliases[size_t(alias)].node;
    // Labels with ':' can give two keys the same id: they are one node, as their id says.
    const int node = m_nodeIds.value(nodeId(key), -1);
    if (node >= 0) {
        m_nodeAliases.push_back({key, node});
        m_nodeIndex.findOrInsert(hash, int(m_nodeAliases.size() - 1), [](int) { return false; });
    }
    return node;
}

int Builder::nodeFor(const NodeKey &key)
{
    const std::array<int, 5> id = identity(key);
    const size_t hash = hashOf(id);
    const int candidate = int(m_nodeAliases.size());
    const int alias = m_nodeIndex.findOrInsert(
        hash, candidate, [&](int a) { return identity(m_nodeAliases[size_t(a)].key) == id; });
    int index;
    if (alias != candidate) {
        index = m_nodeAliases[size_t(alias)].node;
    } else {
        const QString text = nodeId(key);
        auto it = m_nodeIds.constFind(text);
        const bool added = it == m_nodeIds.constEnd();
        index = added ? int(m_nodes.size()) : *it;
        m_nodeAliases.push_back({key, index});
        if (added) {
            m_nodeIds.insert(text, index);
            NodeData data;
            Node &n = data.node;
            n.id = text;
            n.type = key.type;
            n.cluster = m_pool.str(key.cluster);
            n.namespaceName = m_pool.str(key.ns);
            n.workload = m_pool.str(key.workload);
            n.app = m_pool.str(key.app);
            n.version = m_pool.str(key.version);
            n.service = m_pool.str(key.service);
            if (key.waypoint)
                n.flags |= NodeFlag::Waypoint;
            if (key.gateway)
                n.flags |= NodeFlag::Gateway;
            m_nodes.push_back(std::move(data));
        }
    }
    if (key.host != StringPool::Empty) {
        std::vector<StrId> &hosts = m_nodes[size_t(index)].hosts;
        if (std::find(hosts.begin(), hosts.end(), key.host) == hosts.end())
            hosts.push_back(key.host);
    }
    return index;
}

namespace {

size_t edgeHash(int source, int target, Protocol protocol)
{
    return finishHash(mixHash(pairKey(source, target), uint64_t(protocol)));
}

} // namespace

int Builder::findEdge(int source, int target, Protocol protocol) const
{
    if (source < 0 || target < 0)
        return -1;
    return m_edgeIndex.find(edgeHash(source, target, protocol), [&](int e) {
        const EdgeData &d = m_edges[size_t(e)];
        return d.source == source && d.target == target && d.protocol == protocol;
    });
}

int Builder::edgeFor(int source, int target, Protocol protocol)
{
    const int candidate = int(m_edges.size());
    const int e
        = m_edgeIndex.findOrInsert(edgeHash(source, target, protocol), candidate, [&](int i) {
              const EdgeData &d = m_edges[size_t(i)];
              return d.source == source && d.target == target && d.protocol == protocol;
          });
    if (e == candidate) {
        EdgeData &d = m_edges.emplace_back();
        d.source = source;
        d.target = target;
        d.protocol = protocol;
    }
    return e;
}

Builder::EdgeIds Builder::edgesOf(const Row &m, Protocol protocol)
{
    const Resolved r = resolve(m);
    EdgeIds ids;
    if (!r.ok) {
        ++m_skipped;
    } else if (r.inject) {
        // Nodes in the order the ids name them: source, service, destination.
        const int source = nodeFor(r.source);
        const int service = nodeFor(r.service);
        ids.ids[0] = edgeFor(source, service, protocol);
        ids.ids[1] = edgeFor(service, nodeFor(r.destination), protocol);
        ids.count = 2;
    } else {
        const int source = nodeFor(r.source);
        ids.ids[0] = edgeFor(source, nodeFor(r.destination), protocol);
        ids.count = 1;
    }
    return ids;
}

Builder::EdgeIds Builder::existingEdges(const Resolved &r, Protocol protocol)
{
    EdgeIds ids;
    if (!r.ok)
        return ids;
    auto existing = [&](const NodeKey &a, const NodeKey &b) {
        const int e = findEdge(findNode(a), findNode(b), protocol);
        if (e >= 0)
            ids.ids[size_t(ids.count++)] = e;
    };
    if (r.inject) {
        existing(r.source, r.service);
        existing(r.service, r.destination);
    } else {
        existing(r.source, r.destination);
    }
    return ids;
}

} // namespace md::telemetry::detail

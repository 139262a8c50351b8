// The builder's last steps: Kiali's service graph reduction, waypoint hops (ambient), the
// namespace/cluster filter, node aggregates and flags, and the Graph's strings, made once per
// node and edge.

#include "telemetry/topologybuilder_p.h"

#include <algorithm>
#include <numeric>

namespace md::telemetry::detail {

namespace {

void scaleRates(Rates &r, double f)
{
    for (std::optional<double> *v : {&r.http, &r.http3xx, &r.http4xx, &r.http5xx, &r.httpNoResponse,
                                     &r.grpc, &r.grpcErr, &r.grpcNoResponse, &r.tcp})
        if (*v)
            **v *= f;
}

void mergeRates(std::vector<std::pair<StrId, double>> &into,
                const std::vector<std::pair<StrId, double>> &from, double share)
{
    for (const auto &[key, rate] : from) {
        auto it = std::find_if(into.begin(), into.end(),
                               [key = key](const auto &e) { return e.first == key; });
        if (it == into.end())
            into.emplace_back(key, rate * share);
        else
            it->second += rate * share;
    }
}

void mergeEdge(EdgeData &into, const EdgeData &from, double share)
{
    Rates scaled = from.rates;
    scaleRates(scaled, share);
    into.rates.add(scaled);
    for (const Response &r : from.responses) {
        Response &d = into.response(r.code);
        d.rate += r.rate * share;
        mergeRates(d.flags, r.flags, share);
        mergeRates(d.hosts, r.hosts, share);
    }
    for (const auto &[le, rate] : from.buckets) {
        auto it = std::lower_bound(into.buckets.begin(), into.buckets.end(), le,
                                   [](const auto &e, double x) { return e.first < x; });
        if (it != into.buckets.end() && !(le < it->first))
            it->second += rate * share;
        else
            into.buckets.insert(it, {le, rate * share});
    }
    into.durationSum += from.durationSum * share;
    into.durationCount += from.durationCount * share;
    into.mtls += from.mtls * share;
    into.mtlsTotal += from.mtlsTotal * share;
    if (from.throughput)
        into.throughput = into.throughput.value_or(0) + *from.throughput * share;
    into.viaWaypoint |= from.viaWaypoint;
    into.ztunnel |= from.ztunnel;
}

} // namespace

void Builder::reduceToServices()
{
    // Kiali's ReduceToServiceGraph: a workload behind services disappears; its outbound
    // traffic leaves from its services (split by their share of its inbound traffic).
    auto typeOf = [this](int node) { return m_nodes[size_t(node)].node.type; };
    std::vector<std::vector<std::pair<int, double>>> servicesOf(m_nodes.size()); // by workload
    std::vector<bool> behindService(m_nodes.size(), false);
    for (const EdgeData &d : m_edges) {
        const NodeType to = typeOf(d.target);
        if (typeOf(d.source) == NodeType::Service && to != NodeType::Service
            && to != NodeType::ServiceEntry) {
            const double rate
                = d.rates.http.value_or(0) + d.rates.grpc.value_or(0) + d.rates.tcp.value_or(0);
            servicesOf[size_t(d.target)].emplace_back(d.source, rate);
            behindService[size_t(d.target)] = true;
        }
    }
    std::vector<EdgeData> reduced;
    reduced.reserve(m_edges.size());
    IndexTable index;
    index.reserve(m_edges.size());
    auto into = [&](int source, const EdgeData &d, double share) {
        const int candidate = int(reduced.size());
        const size_t hash = finishHash(mixHash(pairKey(source, d.target), uint64_t(d.protocol)));
        const int e = index.findOrInsert(hash, candidate, [&](int i) {
            const EdgeData &r = reduced[size_t(i)];
            return r.source == source && r.target == d.target && r.protocol == d.protocol;
        });
        if (e == candidate) {
            EdgeData &r = reduced.emplace_back();
            r.source = source;
            r.target = d.target;
            r.protocol = d.protocol;
        }
        mergeEdge(reduced[size_t(e)], d, share);
    };
    for (const EdgeData &d : m_edges) {
        if (behindService[size_t(d.target)] && typeOf(d.source) == NodeType::Service)
            continue; // service -> its workload
        const auto &services = servicesOf[size_t(d.source)];
        if (services.empty()) {
            into(d.source, d, 1.0);
            continue;
        }
        double total = 0;
        for (const auto &s : services)
            total += s.second;
        for (const auto &[service, rate] : services)
            into(service, d, total > 0 ? rate / total : 1.0 / double(services.size()));
    }
    m_edges = std::move(reduced);
    m_edgeIndex = std::move(index);
}

void Builder::linkWaypoints()
{
    // Waypoint hops: an L7 edge a -> b reported by a waypoint w that ztunnel saw as a -> w, w -> b.
    std::unordered_map<int, std::vector<int>> waypointTargets; // source -> waypoints it sends to
    for (const EdgeData &d : m_edges)
        if (m_nodes[size_t(d.target)].node.flags.testFlag(NodeFlag::Waypoint))
            waypointTargets[d.source].push_back(d.target);
    for (EdgeData &d : m_edges) {
        if (!d.viaWaypoint)
            continue;
        d.mtls = d.mtlsTotal = 1; // ambient traffic through a waypoint is always mutual TLS
        auto it = waypointTargets.find(d.source);
        if (it == waypointTargets.end())
            continue;
        for (int w : it->second)
            if (findEdge(w, d.target, Protocol::Tcp) >= 0)
                d.waypoint = w;
    }
}

Edge Builder::materialise(EdgeData &d) const
{
    static const QString protocols[]
        = {protocolName(Protocol::Http), protocolName(Protocol::Grpc), protocolName(Protocol::Tcp)};
    Edge e;
    e.source = m_nodes[size_t(d.source)].node.id;
    e.target = m_nodes[size_t(d.target)].node.id;
    e.protocol = d.protocol;
    e.id = e.source + QStringLiteral("->") + e.target + u':' + protocols[int(d.protocol)];
    e.rates = d.rates;
    e.responseTime = d.responseTime;
    e.throughput = d.throughput;
    if (d.mtlsTotal > 0)
        e.mtlsPercent = std::min(100.0, d.mtls / d.mtlsTotal * 100.0);
    for (const Response &r : d.responses) {
        ResponseDetail &detail = e.responses[m_pool.str(r.code)];
        detail.rate = r.rate;
        for (const auto &[flag, rate] : r.flags)
            detail.flags.insert(m_pool.str(flag), rate);
        for (const auto &[host, rate] : r.hosts)
            detail.hosts.insert(m_pool.str(host), rate);
    }
    if (d.waypoint >= 0)
        e.waypoint = m_nodes[size_t(d.waypoint)].node.id;
    return e;
}

Graph Builder::finish()
{
    linkWaypoints();

    // The namespace and cluster filter: selected nodes, plus their direct callers and callees.
    const bool filtering = !m_options.namespaces.isEmpty() || !m_options.clusters.isEmpty();
    std::vector<bool> selected(m_nodes.size(), true);
    if (filtering)
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            const Node &n = m_nodes[i].node;
            selected[i]
                = (m_options.namespaces.isEmpty() || m_options.namespaces.contains(n.namespaceName))
                && (m_options.clusters.isEmpty() || m_options.clusters.contains(n.cluster));
        }

    Graph g;
    g.type = m_graphType;
    g.time = (m_options.time.isValid() ? m_options.time : QDateTime::currentDateTimeUtc()).toUTC();
    g.duration = m_options.duration;
    g.warnings = m_warnings;
    if (m_skipped > 0)
        g.warnings << TelemetryTr::tr(
            "%n series without usable source or destination labels skipped", nullptr, m_skipped);

    std::vector<bool> keep(m_nodes.size(), false);
    std::vector<Edge> edges;
    std::vector<const EdgeData *> from; // per edge, its data
    edges.reserve(m_edges.size());
    from.reserve(m_edges.size());
    for (EdgeData &d : m_edges) {
        if (filtering && !selected[size_t(d.source)] && !selected[size_t(d.target)])
            continue;
        d.rates.derivePercentages();
        const bool idle
            = d.rates.http.value_or(0) + d.rates.grpc.value_or(0) + d.rates.tcp.value_or(0) <= 0;
        if (idle && !m_options.includeIdle)
            continue;
        keep[size_t(d.source)] = keep[size_t(d.target)] = true;
        edges.push_back(materialise(d));
        edges.back().idle = idle;
        from.push_back(&d);
    }
    std::vector<int> kept; // node indexes, sorted by id
    for (size_t i = 0; i < m_nodes.size(); ++i)
        if (keep[i])
            kept.push_back(int(i));
    std::sort(kept.begin(), kept.end(), [this](int a, int b) {
        return m_nodes[size_t(a)].node.id < m_nodes[size_t(b)].node.id;
    });

    // Edges sorted by id ("<source>-><target>:<protocol>"). Two ids compare as their sources,
    // then targets, then protocols, unless one node's id is a prefix of the other's: only such
    // pairs need their edge ids compared.
    std::vector<int> rank(m_nodes.size(), -1);
    std::vector<bool> prefixed(m_nodes.size(), false); // is, or has, a prefix of another id
    std::vector<int> chain; // ids each a prefix of the next, the last one seen at the end
    for (size_t r = 0; r < kept.size(); ++r) {
        const int i = kept[r];
        rank[size_t(i)] = int(r);
        const QString &id = m_nodes[size_t(i)].node.id;
        while (!chain.empty() && !id.startsWith(m_nodes[size_t(chain.back())].node.id))
            chain.pop_back();
        if (!chain.empty())
            prefixed[size_t(i)] = prefixed[size_t(chain.back())] = true;
        chain.push_back(i);
    }
    auto protocolOrder = [](Protocol p) { // "grpc" < "http" < "tcp"
        return p == Protocol::Grpc ? 0 : p == Protocol::Http ? 1 : 2;
    };
    auto before = [&](int a, int b) {
        const EdgeData &x = *from[size_t(a)];
        const EdgeData &y = *from[size_t(b)];
        if (x.source != y.source) {
            if (!prefixed[size_t(x.source)] || !prefixed[size_t(y.source)])
                return rank[size_t(x.source)] < rank[size_t(y.source)];
            return edges[size_t(a)].id < edges[size_t(b)].id;
        }
        if (x.target != y.target) {
            if (!prefixed[size_t(x.target)] || !prefixed[size_t(y.target)])
                return rank[size_t(x.target)] < rank[size_t(y.target)];
            return edges[size_t(a)].id < edges[size_t(b)].id;
        }
        return protocolOrder(x.protocol) < protocolOrder(y.protocol);
    };
    std::vector<int> order(edges.size()); // edges are too big to be moved by the sort
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), before);
    std::vector<int> position(m_nodes.size(), -1);
    g.nodes.reserve(qsizetype(kept.size()));
    for (int i : kept) {
        NodeData &data = m_nodes[size_t(i)];
        position[size_t(i)] = int(g.nodes.size());
        Node &n = g.nodes.emplace_back(std::move(data.node));
        n.hosts.reserve(qsizetype(data.hosts.size()));
        for (StrId host : data.hosts)
            n.hosts << m_pool.str(host);
        if (filtering && !selected[size_t(i)])
            n.flags |= NodeFlag::Outsider;
    }
    std::vector<bool> busy(g.nodes.size(), false); // nodes with non-idle traffic
    g.edges.reserve(qsizetype(edges.size()));
    for (int i : order) {
        Edge &e = edges[size_t(i)];
        const int s = position[size_t(from[size_t(i)]->source)];
        const int t = position[size_t(from[size_t(i)]->target)];
        g.nodes[s].outbound.add(e.rates);
        g.nodes[t].inbound.add(e.rates);
        if (!e.idle)
            busy[size_t(s)] = busy[size_t(t)] = true;
        g.edges.append(std::move(e));
    }
    for (qsizetype i = 0; i < g.nodes.size(); ++i) {
        Node &n = g.nodes[i];
        if (n.inbound.isEmpty() && !n.outbound.isEmpty())
            n.flags |= NodeFlag::Root;
        if (!busy[size_t(i)])
            n.flags |= NodeFlag::Idle;
    }
    computeHealth(g, m_options.health);
    return g;
}

} // namespace md::telemetry::detail

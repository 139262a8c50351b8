#pragma once

// Internals of the graph builder (topologybuilder.h), one file per concern:
//   topologybuilder.cpp   the queries, histogramQuantile(), buildGraph(): the order of the steps
//   topologyseries.cpp    StringPool (label values as ints), IndexTable, Row, de-duplication
//   topologynodes.cpp     resolve(): a series' source, service and destination; nodes and edges
//   topologymetrics.cpp   requests, TCP, duration, mTLS and throughput into the edges
//   topologyfinish.cpp    the service graph, waypoint hops, the filter and the Graph's strings
//
// Label values are interned once per distinct string (StringPool); series, node keys and edges
// are plain integer tuples found through open-addressing tables (IndexTable). Node and edge ids,
// and every other QString of the Graph, are made once per node or edge when the graph is
// materialised.

#include "telemetry/topologybuilder.h"

#include <QSet>

#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace md::telemetry::detail {

using StrId = int;

// Distinct label values as small ints. Ids below Special::Count are fixed strings the builder
// compares with; 0 is the empty string.
class StringPool
{
public:
    enum Special : StrId {
        Empty,
        Unknown,
        Ztunnel,
        Waypoint,
        Destination,
        Source,
        MutualTls,
        Grpc,
        Passthrough,
        Blackhole,
        NoResponse, // "-"
        Zero, // "0"
        PlusInf, // "+Inf"
        Count
    };

    StringPool();

    StrId intern(const QString &text);
    // Label values of parsed answers are shared QStrings: their address (with their size) finds
    // the id without hashing the text. Valid while the answers live (the build).
    StrId internShared(const QString &text);
    const QString &str(StrId id) const { return m_strings[size_t(id)]; }
    qsizetype size() const { return qsizetype(m_strings.size()); }

    static bool known(StrId id) { return id != Empty && id != Unknown; }

    // Cached properties of a string.
    enum Property : uint8_t {
        Computed = 0x01,
        WaypointName = 0x02, // "waypoint" or "*-waypoint"
        GatewayName = 0x04, // contains "ingressgateway" or "egressgateway"
        HasDot = 0x08,
        IpAddress = 0x10, // d.d.d.d or d.d.d.d:port
    };
    bool has(StrId id, Property p)
    {
        uint8_t &bits = m_properties[size_t(id)];
        if (!(bits & Computed))
            bits = compute(id);
        return bits & p;
    }

private:
    uint8_t compute(StrId id) const;

    struct CacheEntry
    {
        const QChar *data = nullptr;
        qsizetype size = 0;
        StrId id = 0;
    };
    std::vector<QString> m_strings;
    std::vector<uint8_t> m_properties;
    QHash<QString, StrId> m_ids;
    std::unordered_map<const QChar *, CacheEntry> m_byAddress;
    std::array<CacheEntry, 1024> m_recent {}; // direct-mapped in front of m_byAddress
};

// An open-addressing hash index of rows kept elsewhere: maps a key (by hash, and an equality
// test on a candidate row) to the row's index.
class IndexTable
{
public:
    void reserve(size_t count);
    size_t size() const { return m_count; }

    template<class Equal> int find(size_t hash, Equal equal) const
    {
        if (m_slots.empty())
            return -1;
        const size_t mask = m_slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot &s = m_slots[i];
            if (s.index < 0)
                return -1;
            if (s.hash == hash && equal(s.index))
                return s.index;
        }
    }
    // The index of the equal key, or `index` after inserting it.
    template<class Equal> int findOrInsert(size_t hash, int index, Equal equal)
    {
        if ((m_count + 1) * 2 > m_slots.size())
            grow();
        const size_t mask = m_slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot &s = m_slots[i];
            if (s.index < 0) {
                s = {hash, index};
                ++m_count;
                return index;
            }
            if (s.hash == hash && equal(s.index))
                return s.index;
        }
    }

private:
    void grow();
    struct Slot
    {
        size_t hash = 0;
        int index = -1;
    };
    std::vector<Slot> m_slots;
    size_t m_count = 0;
};

inline size_t mixHash(size_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}
inline size_t finishHash(size_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

// The labels of a series the builder reads.
enum Field : int {
    FReporter,
    FApp,
    FLe,
    // the de-duplication key: every field from here on
    FSrcCluster,
    FSrcNs,
    FSrcWorkload,
    FSrcApp,
    FSrcVersion,
    FDstCluster,
    FDstSvcNs,
    FDstSvc,
    FDstSvcName,
    FDstNs,
    FDstWorkload,
    FDstApp,
    FDstVersion,
    FProtocol,
    FCode,
    FGrpcStatus,
    FFlags,
    FSecurity,
    FieldCount
};
constexpr int FirstKeyField = FSrcCluster;

struct Row
{
    std::array<StrId, FieldCount> f {}; // all Empty
    double value = 0;
    int priority = 0;

    StrId operator[](Field field) const { return f[size_t(field)]; }
    size_t keyHash() const;
    bool sameKey(const Row &other) const;
};

// Reads series into rows: label names are matched to fields by the address of their (shared)
// text, remembered per position in the label hash.
class RowReader
{
public:
    explicit RowReader(StringPool &pool)
        : m_pool(pool)
    { }
    Row read(const Series &series);
    // Asks for the series' label memory ahead of its read (kReadAhead series before).
    static void prefetch(const Series &series);
    static constexpr qsizetype kReadAhead = 4;

private:
    StringPool &m_pool;
    struct Slot
    {
        const QChar *name = nullptr;
        int field = -1;
        const QChar *value = nullptr; // the last value read at this position, and its id
        qsizetype valueSize = 0;
        StrId id = 0;
    };
    std::vector<Slot> m_byPosition;
    std::unordered_map<const QChar *, int> m_byAddress;
};

struct NodeKey
{
    NodeType type = NodeType::Workload;
    StrId cluster = 0, ns = 0, workload = 0, app = 0, version = 0, service = 0, host = 0;
    bool waypoint = false;
    bool gateway = false;
};

// One response code's traffic on an edge, as ids; ResponseDetail when materialised.
struct Response
{
    StrId code = 0;
    double rate = 0;
    std::vector<std::pair<StrId, double>> flags;
    std::vector<std::pair<StrId, double>> hosts;
};

struct EdgeData
{
    int source = -1, target = -1; // node indexes
    Protocol protocol = Protocol::Http;
    Rates rates;
    ResponseTime responseTime;
    std::optional<double> throughput;
    std::vector<Response> responses; // in order of first appearance
    std::vector<std::pair<double, double>> buckets; // le -> rate, sorted by le
    double durationSum = 0, durationCount = 0;
    double mtls = 0, mtlsTotal = 0;
    int waypoint = -1; // node index
    bool viaWaypoint = false; // waypoint-reported L7
    bool ztunnel = false;

    Response &response(StrId code);
};

// A node while building: its Graph node (strings made once, when it is first seen) and the
// hosts seen, as ids.
struct NodeData
{
    Node node;
    std::vector<StrId> hosts;
};

class Builder
{
public:
    explicit Builder(const TopologyOptions &options);
    Graph build(const TopologyAnswers &answers);

private:
    struct Resolved
    {
        bool ok = false;
        NodeKey source, destination, service;
        bool inject = false;
        bool waypoint = false; // the destination is a waypoint proxy
    };
    struct EdgeIds
    {
        std::array<int, 2> ids {-1, -1};
        int count = 0;
        const int *begin() const { return ids.data(); }
        const int *end() const { return ids.data() + count; }
    };

    // topologyseries.cpp
    std::vector<Row> deduplicated(const QueryResult &result, bool withLe);
    bool reporterAllowed(const Row &m) const;

    // topologynodes.cpp
    bool isWaypoint(StrId ns, StrId workload);
    bool isGateway(StrId app, StrId workload);
    NodeKey endpoint(StrId cluster, StrId ns, StrId workload, StrId app, StrId version);
    Resolved resolve(const Row &m);
    std::array<int, 5> identity(const NodeKey &key) const;
    QString nodeId(const NodeKey &key) const;
    int nodeFor(const NodeKey &key);
    int findNode(const NodeKey &key);
    int edgeFor(int source, int target, Protocol protocol);
    int findEdge(int source, int target, Protocol protocol) const;
    EdgeIds edgesOf(const Row &m, Protocol protocol);
    EdgeIds existingEdges(const Resolved &r, Protocol protocol);

    // topologymetrics.cpp
    void addRequests(const QueryResult &result);
    void addTcp(const QueryResult &result);
    void addDuration(const TopologyAnswers &answers);
    void addMtls(const QueryResult &result, bool tcp);
    void addThroughput(const QueryResult &result);

    // topologyfinish.cpp
    void reduceToServices();
    // Average and quantiles from the summed durations and buckets: after the service graph
    // reduction, which merges them.
    void computeResponseTimes();
    void linkWaypoints();
    Graph finish();
    Edge materialise(EdgeData &d) const;

    const TopologyOptions &m_options;
    GraphType m_graphType;
    StringPool m_pool;
    QSet<QString> m_waypoints; // "namespace/workload"
    std::unordered_map<uint64_t, bool> m_waypointPairs; // (ns, workload) -> in m_waypoints

    std::vector<NodeData> m_nodes;
    struct NodeAlias
    {
        NodeKey key;
        int node;
    };
    std::vector<NodeAlias> m_nodeAliases; // keys, by IndexTable m_nodeIndex
    IndexTable m_nodeIndex;
    QHash<QString, int> m_nodeIds; // node id -> index: equal ids are one node

    std::vector<EdgeData> m_edges;
    IndexTable m_edgeIndex;

    std::unordered_set<uint64_t> m_l7ViaWaypoint; // (source, target) of waypoint L7 edges
    QStringList m_warnings;
    int m_skipped = 0;
};

inline uint64_t pairKey(int a, int b)
{
    return (uint64_t(uint32_t(a)) << 32) | uint32_t(b);
}

} // namespace md::telemetry::detail

#pragma once

// The service topology graph as plain values, built from Istio's standard metrics the way Kiali
// builds it (see topologybuilder.h), loaded asynchronously by TopologyLoader
// (topologyloader.h), drawn by ui/topology.
//
// Node ids are readable, stable strings (the same node gets the same id on every refresh):
//   workload        "wl:<cluster>:<namespace>:<workload>"
//   app             "app:<cluster>:<namespace>:<app>"
//   versioned app   "vapp:<cluster>:<namespace>:<app>:<version>"
//   service         "svc:<cluster>:<namespace>:<service>"   (service entries and external
//                                                            hosts too; namespace may be empty)
//   unknown source  "unknown:<cluster>"
// Edge ids: "<source>-><target>:<protocol>". Every rate is per second over the graph's window
// (requests/s, bytes/s for TCP), as Kiali reports them.

#include <QCoreApplication>
#include <QDateTime>
#include <QFlags>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace md::telemetry {

enum class GraphType { Workload, App, VersionedApp, Service };
QString graphTypeName(GraphType type); // "workload", "app", "versionedApp", "service"
std::optional<GraphType> graphTypeFromName(const QString &name);

enum class NodeType { Workload, App, Service, ServiceEntry, Unknown };
QString nodeTypeName(NodeType type); // "workload", "app", "service", "serviceEntry", "unknown"

enum class Protocol { Http, Grpc, Tcp };
QString protocolName(Protocol protocol); // "http", "grpc", "tcp"

// Kiali's health states; NoData when there was no request to judge.
enum class Health { NoData, Healthy, Degraded, Failure };
QString healthName(Health health); // "noData", "healthy", "degraded", "failure"

enum class NodeFlag {
    Root = 0x01, // has outbound traffic only (a traffic source: gateway, job, unknown)
    Unused = 0x02, // known from the live config but without any traffic in the window
    Idle = 0x04, // only idle (zero-rate) traffic in the window (includeIdle)
    Gateway = 0x08, // an ingress or egress gateway workload
    Waypoint = 0x10, // an ambient waypoint proxy
    Outsider = 0x20, // outside the namespace/cluster filter, kept as a direct caller or callee
};
Q_DECLARE_FLAGS(NodeFlags, NodeFlag)

// Badges from the mesh's live config (applyLiveConfig() in topologyloader.h).
enum class Badge {
    VirtualService = 0x01, // a VirtualService routes this service (or the workload's service)
    TrafficShifting = 0x02, // weighted routes to more than one destination
    FaultInjection = 0x04,
    RequestTimeout = 0x08,
    Mirroring = 0x10,
    CircuitBreaker = 0x20, // DestinationRule with connectionPool or outlierDetection
    MissingSidecar = 0x40, // pods of the workload run without istio-proxy (and not ambient)
    Gateway = 0x80, // an Istio Gateway selects this workload
};
Q_DECLARE_FLAGS(Badges, Badge)

// Rates of one edge, or a node's aggregate. Absent (nullopt) means "no such traffic" and differs
// from a zero rate (idle traffic, or traffic without errors: http5xx absent = no 5xx series).
struct Rates
{
    std::optional<double> http; // requests/s, all codes
    std::optional<double> http3xx;
    std::optional<double> http4xx;
    std::optional<double> http5xx;
    std::optional<double> httpNoResponse; // response_code 0 ("-")
    std::optional<double> httpPercentErr; // (4xx + 5xx + no response) / http * 100
    std::optional<double> grpc; // requests/s
    std::optional<double> grpcErr; // status other than 0 (or an HTTP 4xx/5xx code)
    std::optional<double> grpcNoResponse;
    std::optional<double> grpcPercentErr;
    std::optional<double> tcp; // bytes/s

    bool isEmpty() const { return !http && !grpc && !tcp; }
    // Adds `other` into this (absent + x = x), then derives the percentages again.
    void add(const Rates &other);
    void derivePercentages();
};

// Response time in milliseconds from istio_request_duration_milliseconds.
struct ResponseTime
{
    std::optional<double> avg;
    std::optional<double> p50;
    std::optional<double> p95;
    std::optional<double> p99;
};

// Traffic of one response code ("200", "503", "-" for none; gRPC status "0".."16" on gRPC
// edges unless the HTTP code is 4xx/5xx): its rate, split by response flag ("-", "UH", "FI",
// "NR"...) and by destination host (destination_service).
struct ResponseDetail
{
    double rate = 0;
    QMap<QString, double> flags;
    QMap<QString, double> hosts;
};

struct HealthReason
{
    QString code; // the tolerance's code pattern, e.g. "5XX", "^-$"
    double percent = 0; // share of the requests with such codes
    Health health = Health::Healthy;
    QString text; // translated, e.g. "5xx responses: 12.5 % (failure at 10 %)"
};

struct Edge
{
    QString id;
    QString source; // node id
    QString target; // node id
    Protocol protocol = Protocol::Http;
    Rates rates;
    ResponseTime responseTime;
    std::optional<double>
        mtlsPercent; // share of traffic with connection_security_policy mutual_tls
    std::optional<double> throughput; // response bytes/s (HTTP/gRPC)
    QMap<QString, ResponseDetail> responses; // by response code
    QString waypoint; // id of the waypoint node this L7 traffic went through (ambient), or empty
    bool idle = false; // no traffic in the window (includeIdle)
    Health health = Health::NoData;
    QList<HealthReason> healthReasons;

    double requestRate() const { return rates.http.value_or(0) + rates.grpc.value_or(0); }
};

struct Node
{
    QString id;
    NodeType type = NodeType::Workload;
    QString cluster;
    QString namespaceName; // "namespace" in JSON
    QString workload;
    QString app;
    QString version;
    QString service;
    QStringList hosts; // service entries / external services: the hosts seen
    NodeFlags flags;
    Badges badges;
    Rates inbound; // sum of inbound edges
    Rates outbound; // sum of outbound edges
    Health health = Health::NoData;
    QList<HealthReason> healthReasons;
};

struct Graph
{
    GraphType type = GraphType::Workload;
    QList<Node> nodes;
    QList<Edge> edges;
    QDateTime time; // evaluation time (UTC)
    std::chrono::seconds duration {600};
    QStringList warnings; // Prometheus warnings, skipped series (translated)

    const Node *node(const QString &id) const;
    qsizetype indexOfNode(const QString &id) const; // -1 when absent
};

// Kiali's error tolerances (config.go AddHealthDefault): for responses whose code matches
// `code` ("X" stands for any digit, otherwise a regular expression) on a protocol matching
// `protocol` (regex over "http"/"grpc"; a 3-digit code on a gRPC edge counts as "http"), the
// share of requests (0..100) from which the edge or node is degraded or failing. A share of 0 is
// ignored; a share >= failure is Failure, else >= degraded is Degraded.
struct HealthTolerance
{
    QString code;
    QString protocol;
    double degraded = 0;
    double failure = 0;
};

struct HealthConfig
{
    QList<HealthTolerance> tolerances;
    // 5XX http 0/10, 4XX http 10/20, ^[1-9]$|^1[0-6]$ grpc 0/10, ^-$ http|grpc 0/10.
    static HealthConfig kialiDefaults();
};

// Which telemetry builds the graph. Sidecars report as "source" and "destination"; in ambient
// meshes ztunnel reports TCP (series with app="ztunnel") and waypoints report L7 with
// reporter="waypoint".
enum class Reporter { Sidecar = 0x1, Waypoint = 0x2, Ztunnel = 0x4 };
Q_DECLARE_FLAGS(Reporters, Reporter)

struct TopologyOptions
{
    GraphType graphType = GraphType::Workload;
    QStringList namespaces; // empty: every namespace
    QStringList clusters; // empty: every cluster
    QDateTime time; // invalid: now
    std::chrono::seconds duration {600};
    bool includeIdle = false; // idle edges (zero rate) and unused nodes from the live config
    bool injectServiceNodes = true; // source -> service -> workload, as Kiali's UI asks
    bool showWaypoints = true; // waypoint nodes and their ztunnel hops (ambient)
    Reporters reporters = Reporters(Reporter::Sidecar) | Reporter::Waypoint | Reporter::Ztunnel;
    QString scope; // extra label matchers for every query, e.g. mesh_id="mesh1"
    QStringList waypointWorkloads; // "namespace/workload" of waypoints (else by name: *waypoint)
    HealthConfig health = HealthConfig::kialiDefaults();
};

// Applies the tolerances to the graph's edges and nodes (a node: its inbound and its outbound
// requests, the worse wins). The builder calls it; call again after changing thresholds.
void computeHealth(Graph &graph, const HealthConfig &config);

// The JSON of `meshdesk-cli topology` (the shape of issue 10, plus optional extra node fields
// flags/badges/health when `details`), and Graphviz dot with cluster/namespace boxes.
QByteArray graphToJson(const Graph &graph, bool details = false);
QByteArray graphToDot(const Graph &graph);

// Translation context of the telemetry strings.
struct TelemetryTr
{
    Q_DECLARE_TR_FUNCTIONS(md::telemetry)
};

} // namespace md::telemetry

Q_DECLARE_OPERATORS_FOR_FLAGS(md::telemetry::NodeFlags)
Q_DECLARE_OPERATORS_FOR_FLAGS(md::telemetry::Badges)
Q_DECLARE_OPERATORS_FOR_FLAGS(md::telemetry::Reporters)
Q_DECLARE_METATYPE(md::telemetry::Graph)

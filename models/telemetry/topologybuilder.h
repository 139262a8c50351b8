#pragma once

// The graph builder, pure (no network): topologyQueries() gives the mesh-wide PromQL (one
// instant query per metric, grouped by the labels the graph needs, never one per namespace);
// buildGraph() turns their answers into a Graph as Kiali does:
// - nodes by graph type from *_canonical_service / *_canonical_revision / *_workload;
//   unknown sources; service (and service entry) nodes for traffic that reached no workload;
// - one value per series: a series reported by several reporters (labels equal but reporter) is
//   counted once, destination first, then waypoint, then source;
// - ambient: waypoint L7 series become edges source -> destination workload (marked with their
//   waypoint), ztunnel TCP series (app="ztunnel") between the same two nodes are dropped,
//   hops to and from waypoints are kept when showWaypoints;
// - rates, response codes and flags, response time (quantiles computed from the summed
//   histogram buckets of each edge, as histogram_quantile does), mTLS share, throughput;
// - namespace/cluster filter: edges touching a selected node, other ends flagged Outsider;
// - health per edge and node (computeHealth).

#include "telemetry/prometheusclient.h"
#include "telemetry/topologygraph.h"

namespace md::telemetry {

enum class TopologyMetric {
    Requests, // istio_requests_total by reporter, edge labels, protocol, codes and flags
    Tcp, // istio_tcp_received_bytes_total (Kiali's "sent", istio#32399), + app, flags
    Duration, // istio_request_duration_milliseconds_bucket by le, reporter, edge labels
    DurationSum, // ..._sum and ..._count for the average
    DurationCount,
    MtlsRequests, // destination-reported requests by connection_security_policy
    MtlsTcp,
    ResponseBytes, // istio_response_bytes_sum
};

struct TopologyQuery
{
    TopologyMetric metric;
    QString promql;
};

QList<TopologyQuery> topologyQueries(const TopologyOptions &options);

// The answers, by metric; missing metrics just leave their fields empty.
using TopologyAnswers = QHash<TopologyMetric, QueryResult>;

Graph buildGraph(const TopologyAnswers &answers, const TopologyOptions &options);

// Prometheus' histogram_quantile over cumulative buckets (upper bound, count), sorted by bound
// with +Inf last; nullopt without observations.
std::optional<double> histogramQuantile(double q, const QList<std::pair<double, double>> &buckets);

} // namespace md::telemetry

#pragma once

// PromQL for the metric dashboards (mesh, service and workload level, inbound and outbound), as
// Istio's Grafana dashboards and Kiali's metrics pages write them. Pure functions: run the
// result with PrometheusClient::rangeQuery (charts) or instantQuery (overview strip).
//
// Selection by scope and direction (reporter: inbound = "destination", outbound = "source"
// unless MetricTarget::reporter says otherwise):
//   mesh      every request of the mesh (or of `cluster`)
//   service   inbound: destination_service_name + destination_service_namespace
//             outbound: source_canonical_service + source_workload_namespace
//   workload  inbound: destination_workload + destination_workload_namespace
//             outbound: source_workload + source_workload_namespace
// Units: requests/s, ratio 0..1 (success rate), milliseconds, bytes, bytes/s, connections/s.

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace md::telemetry {

enum class MetricScope { Mesh, Service, Workload };
enum class MetricDirection { Inbound, Outbound };

enum class MetricKind {
    RequestVolume, // requests/s
    SuccessRate, // share of non-5xx responses, 0..1
    Rate4xx, // requests/s answered 4xx
    Rate5xx, // requests/s answered 5xx
    Latency, // ms: quantile, or the average without one
    RequestSize, // bytes: quantile, or the average
    ResponseSize, // bytes: quantile, or the average
    TcpSent, // bytes/s (istio_tcp_sent_bytes_total)
    TcpReceived, // bytes/s (istio_tcp_received_bytes_total)
    TcpOpened, // connections/s opened
    TcpClosed, // connections/s closed
};

// Optional split of a chart into one series per value of a label.
enum class MetricSplit {
    None,
    Source, // source_workload_namespace, source_workload
    Destination, // destination_service_namespace, destination_service_name
    Version, // destination_canonical_revision
    ResponseCode, // response_code (ignored for TCP metrics)
};

struct MetricTarget
{
    MetricScope scope = MetricScope::Mesh;
    MetricDirection direction = MetricDirection::Inbound;
    QString cluster; // empty: every cluster
    QString namespaceName; // service and workload scope
    QString name; // service or workload name
    QString reporter; // empty: by direction; else "source", "destination", "waypoint"
    QString extraMatchers; // extra label matchers, e.g. mesh_id="mesh1" (appended verbatim)
};

struct MetricQueryOptions
{
    MetricSplit split = MetricSplit::None;
    std::optional<double> quantile; // Latency/RequestSize/ResponseSize: 0.5, 0.9, 0.99...
    QString rateWindow = QStringLiteral("1m"); // the range of rate(), e.g. "1m", "5m"
};

// The PromQL for one chart series set.
QString metricQuery(MetricKind kind, const MetricTarget &target,
                    const MetricQueryOptions &options = {});

// The label selector of a target (inside the braces), exposed for tests and custom charts.
QString metricSelector(const MetricTarget &target);
// The label names a split groups by, comma separated ("" for None).
QString metricSplitLabels(MetricSplit split);

// Translated chart title and unit ("Request volume", "req/s").
QString metricTitle(MetricKind kind, const std::optional<double> &quantile = {});
QString metricUnit(MetricKind kind);

// Quotes a label value for PromQL ("a\"b" -> "\"a\\\"b\"").
QString promQuote(const QString &value);

struct MetricTr
{
    Q_DECLARE_TR_FUNCTIONS(md::telemetry::Metrics)
};

} // namespace md::telemetry

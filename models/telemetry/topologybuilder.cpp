// The graph builder's queries and the order of its steps; the steps themselves are in the files
// topologybuilder_p.h lists.

#include "telemetry/topologybuilder_p.h"

#include <cmath>
#include <limits>

namespace md::telemetry {

namespace {

const QString kEdgeLabels = QStringLiteral(
    "source_cluster,source_workload_namespace,source_workload,source_canonical_service,"
    "source_canonical_revision,destination_cluster,destination_service_namespace,"
    "destination_service,destination_service_name,destination_workload_namespace,"
    "destination_workload,destination_canonical_service,destination_canonical_revision");

} // namespace

QList<TopologyQuery> topologyQueries(const TopologyOptions &options)
{
    QStringList reporters;
    if (options.reporters & (Reporter::Sidecar | Reporter::Ztunnel))
        reporters << QStringLiteral("source") << QStringLiteral("destination");
    if (options.reporters & Reporter::Waypoint)
        reporters << QStringLiteral("waypoint");
    QString scope = options.scope.trimmed();
    if (!scope.isEmpty() && !scope.startsWith(u','))
        scope.prepend(u',');
    const QString reporter = QStringLiteral("reporter=~\"%1\"").arg(reporters.join(u'|'));
    const QString window = QStringLiteral("[%1s]").arg(options.duration.count());
    const QString positive = options.includeIdle ? QString() : QStringLiteral(" > 0");
    const QString noZtunnel = options.reporters.testFlag(Reporter::Ztunnel)
        ? QString()
        : QStringLiteral(",app!=\"ztunnel\"");
    auto sum = [&](const QString &metric, const QString &selector, const QString &by) {
        return QStringLiteral("sum(rate(%1{%2%3}%4)) by (%5)")
            .arg(metric, selector, scope, window, by);
    };
    QList<TopologyQuery> q;
    q << TopologyQuery {TopologyMetric::Requests,
                        QStringLiteral("round(%1,0.001)%2")
                            .arg(sum(QStringLiteral("istio_requests_total"), reporter,
                                     QStringLiteral("reporter,") + kEdgeLabels
                                         + QStringLiteral(",request_protocol,response_code,"
                                                          "grpc_response_status,response_flags")),
                                 positive)};
    q << TopologyQuery {
        TopologyMetric::Tcp,
        QStringLiteral("round(%1,0.001)%2")
            .arg(sum(QStringLiteral("istio_tcp_received_bytes_total"), reporter + noZtunnel,
                     QStringLiteral("reporter,app,") + kEdgeLabels
                         + QStringLiteral(",response_flags")),
                 positive)};
    const QString byLatency
        = QStringLiteral("reporter,") + kEdgeLabels + QStringLiteral(",request_protocol");
    q << TopologyQuery {TopologyMetric::Duration,
                        sum(QStringLiteral("istio_request_duration_milliseconds_bucket"), reporter,
                            QStringLiteral("le,") + byLatency)
                            + QStringLiteral(" > 0")};
    q << TopologyQuery {
        TopologyMetric::DurationSum,
        sum(QStringLiteral("istio_request_duration_milliseconds_sum"), reporter, byLatency)
            + QStringLiteral(" > 0")};
    q << TopologyQuery {
        TopologyMetric::DurationCount,
        sum(QStringLiteral("istio_request_duration_milliseconds_count"), reporter, byLatency)
            + QStringLiteral(" > 0")};
    const QString destination = QStringLiteral("reporter=\"destination\"");
    q << TopologyQuery {
        TopologyMetric::MtlsRequests,
        sum(QStringLiteral("istio_requests_total"), destination,
            kEdgeLabels + QStringLiteral(",request_protocol,connection_security_policy"))
            + QStringLiteral(" > 0")};
    q << TopologyQuery {TopologyMetric::MtlsTcp,
                        sum(QStringLiteral("istio_tcp_received_bytes_total"),
                            destination + noZtunnel,
                            kEdgeLabels + QStringLiteral(",connection_security_policy"))
                            + QStringLiteral(" > 0")};
    q << TopologyQuery {TopologyMetric::ResponseBytes,
                        sum(QStringLiteral("istio_response_bytes_sum"), reporter, byLatency)
                            + QStringLiteral(" > 0")};
    return q;
}

std::optional<double> histogramQuantile(double q, const QList<std::pair<double, double>> &buckets)
{
    // Prometheus promql/quantile.go bucketQuantile.
    if (buckets.size() < 2 || !std::isinf(buckets.constLast().first))
        return std::nullopt;
    const double observations = buckets.constLast().second;
    if (observations <= 0)
        return std::nullopt;
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();
    const double rank = q * observations;
    qsizetype b = 0;
    while (b < buckets.size() - 1 && buckets[b].second < rank)
        ++b;
    if (b == buckets.size() - 1)
        return buckets[buckets.size() - 2].first;
    if (b == 0 && buckets[0].first <= 0)
        return buckets[0].first;
    double start = 0, end = buckets[b].first, count = buckets[b].second, r = rank;
    if (b > 0) {
        start = buckets[b - 1].first;
        count -= buckets[b - 1].second;
        r -= buckets[b - 1].second;
    }
    if (count <= 0)
        return end;
    return start + (end - start) * (r / count);
}
namespace detail {

Builder::Builder(const TopologyOptions &options)
    : m_options(options)
    , m_graphType(options.graphType)
{
    for (const QString &w : options.waypointWorkloads)
        m_waypoints.insert(w);
}

Graph Builder::build(const TopologyAnswers &answers)
{
    for (const QueryResult &r : answers)
        for (const QString &w : r.warnings)
            if (!m_warnings.contains(w))
                m_warnings << w;
    qsizetype series = 0;
    for (const QueryResult &r : answers)
        series += r.series.size();
    m_nodeIndex.reserve(size_t(series / 8 + 64));
    m_edges.reserve(size_t(series / 2 + 64));
    m_edgeIndex.reserve(size_t(series / 2 + 64));
    if (answers.contains(TopologyMetric::Requests))
        addRequests(answers[TopologyMetric::Requests]);
    if (answers.contains(TopologyMetric::Tcp))
        addTcp(answers[TopologyMetric::Tcp]);
    addDuration(answers);
    if (answers.contains(TopologyMetric::MtlsRequests))
        addMtls(answers[TopologyMetric::MtlsRequests], false);
    if (answers.contains(TopologyMetric::MtlsTcp))
        addMtls(answers[TopologyMetric::MtlsTcp], true);
    if (answers.contains(TopologyMetric::ResponseBytes))
        addThroughput(answers[TopologyMetric::ResponseBytes]);
    if (m_graphType == GraphType::Service)
        reduceToServices();
    computeResponseTimes();
    return finish();
}

} // namespace detail

Graph buildGraph(const TopologyAnswers &answers, const TopologyOptions &options)
{
    return detail::Builder(options).build(answers);
}

} // namespace md::telemetry

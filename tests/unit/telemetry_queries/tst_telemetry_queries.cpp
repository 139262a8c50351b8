// The dashboards' PromQL (metricqueries.h): selection by scope and direction, splits,
// quantiles and averages, quoting; table-driven against the exact expected text.

#include "telemetry/metricqueries.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace md::telemetry;

Q_DECLARE_METATYPE(md::telemetry::MetricKind)
Q_DECLARE_METATYPE(md::telemetry::MetricTarget)
Q_DECLARE_METATYPE(md::telemetry::MetricQueryOptions)

class TestTelemetryQueries : public QObject
{
    Q_OBJECT

private slots:
    void query_data();
    void query();
    void selectors_data();
    void selectors();
    void quoting();
    void titlesAndUnits();
};

namespace {

MetricTarget target(MetricScope scope, MetricDirection direction, const QString &ns = {},
                    const QString &name = {})
{
    MetricTarget t;
    t.scope = scope;
    t.direction = direction;
    t.namespaceName = ns;
    t.name = name;
    return t;
}

MetricQueryOptions split(MetricSplit s, std::optional<double> quantile = std::nullopt,
                         const QString &window = u"1m"_s)
{
    MetricQueryOptions o;
    o.split = s;
    o.quantile = quantile;
    o.rateWindow = window;
    return o;
}

} // namespace

void TestTelemetryQueries::query_data()
{
    QTest::addColumn<MetricKind>("kind");
    QTest::addColumn<MetricTarget>("target");
    QTest::addColumn<MetricQueryOptions>("options");
    QTest::addColumn<QString>("expected");
    const MetricTarget mesh = target(MetricScope::Mesh, MetricDirection::Inbound);
    const MetricTarget svcIn
        = target(MetricScope::Service, MetricDirection::Inbound, u"bookinfo"_s, u"reviews"_s);
    const MetricTarget wlOut = target(MetricScope::Workload, MetricDirection::Outbound,
                                      u"bookinfo"_s, u"productpage-v1"_s);
    const QString svcSel = u"reporter=\"destination\",destination_service_name=\"reviews\","
                           u"destination_service_namespace=\"bookinfo\""_s;
    const QString wlSel = u"reporter=\"source\",source_workload=\"productpage-v1\","
                          u"source_workload_namespace=\"bookinfo\""_s;

    QTest::newRow("mesh volume")
        << MetricKind::RequestVolume << mesh << split(MetricSplit::None)
        << u"sum(rate(istio_requests_total{reporter=\"destination\"}[1m]))"_s;
    QTest::newRow("service volume by version")
        << MetricKind::RequestVolume << svcIn << split(MetricSplit::Version, {}, u"5m"_s)
        << u"sum(rate(istio_requests_total{%1}[5m])) by (destination_canonical_revision)"_s.arg(
               svcSel);
    QTest::newRow("service success rate")
        << MetricKind::SuccessRate << svcIn << split(MetricSplit::None)
        << u"sum(rate(istio_requests_total{%1,response_code!~\"5..\"}[1m])) / sum(rate(istio_requests_total{%1}[1m]))"_s
               .arg(svcSel);
    QTest::newRow("workload 4xx by destination")
        << MetricKind::Rate4xx << wlOut << split(MetricSplit::Destination)
        << u"sum(rate(istio_requests_total{%1,response_code=~\"4..\"}[1m])) by (destination_service_namespace,destination_service_name)"_s
               .arg(wlSel);
    QTest::newRow("workload 5xx by code")
        << MetricKind::Rate5xx << wlOut << split(MetricSplit::ResponseCode)
        << u"sum(rate(istio_requests_total{%1,response_code=~\"5..\"}[1m])) by (response_code)"_s
               .arg(wlSel);
    QTest::newRow("latency p99 by source")
        << MetricKind::Latency << svcIn << split(MetricSplit::Source, 0.99)
        << u"histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{%1}[1m])) by (le,source_workload_namespace,source_workload))"_s
               .arg(svcSel);
    QTest::newRow("latency p50")
        << MetricKind::Latency << mesh << split(MetricSplit::None, 0.5)
        << u"histogram_quantile(0.5, sum(rate(istio_request_duration_milliseconds_bucket{reporter=\"destination\"}[1m])) by (le))"_s;
    QTest::newRow("latency average")
        << MetricKind::Latency << mesh << split(MetricSplit::None)
        << u"sum(rate(istio_request_duration_milliseconds_sum{reporter=\"destination\"}[1m])) / sum(rate(istio_request_duration_milliseconds_count{reporter=\"destination\"}[1m]))"_s;
    QTest::newRow("request size p90")
        << MetricKind::RequestSize << wlOut << split(MetricSplit::None, 0.9)
        << u"histogram_quantile(0.9, sum(rate(istio_request_bytes_bucket{%1}[1m])) by (le))"_s.arg(
               wlSel);
    QTest::newRow("response size average by version")
        << MetricKind::ResponseSize << svcIn << split(MetricSplit::Version)
        << u"sum(rate(istio_response_bytes_sum{%1}[1m])) by (destination_canonical_revision) / sum(rate(istio_response_bytes_count{%1}[1m])) by (destination_canonical_revision)"_s
               .arg(svcSel);
    QTest::newRow("tcp sent") << MetricKind::TcpSent << wlOut << split(MetricSplit::None)
                              << u"sum(rate(istio_tcp_sent_bytes_total{%1}[1m]))"_s.arg(wlSel);
    QTest::newRow("tcp received by code (no codes in TCP)")
        << MetricKind::TcpReceived << wlOut << split(MetricSplit::ResponseCode)
        << u"sum(rate(istio_tcp_received_bytes_total{%1}[1m]))"_s.arg(wlSel);
    QTest::newRow("tcp opened")
        << MetricKind::TcpOpened << svcIn << split(MetricSplit::Source)
        << u"sum(rate(istio_tcp_connections_opened_total{%1}[1m])) by (source_workload_namespace,source_workload)"_s
               .arg(svcSel);
    QTest::newRow("tcp closed")
        << MetricKind::TcpClosed << mesh << split(MetricSplit::None)
        << u"sum(rate(istio_tcp_connections_closed_total{reporter=\"destination\"}[1m]))"_s;
}

void TestTelemetryQueries::query()
{
    QFETCH(MetricKind, kind);
    QFETCH(MetricTarget, target);
    QFETCH(MetricQueryOptions, options);
    QFETCH(QString, expected);
    QCOMPARE(metricQuery(kind, target, options), expected);
}

void TestTelemetryQueries::selectors_data()
{
    QTest::addColumn<MetricTarget>("target");
    QTest::addColumn<QString>("expected");
    MetricTarget svcOut
        = target(MetricScope::Service, MetricDirection::Outbound, u"bookinfo"_s, u"reviews"_s);
    QTest::newRow("service outbound")
        << svcOut
        << u"reporter=\"source\",source_canonical_service=\"reviews\",source_workload_namespace=\"bookinfo\""_s;
    MetricTarget wlIn
        = target(MetricScope::Workload, MetricDirection::Inbound, u"shop"_s, u"catalog-v1"_s);
    wlIn.cluster = u"member-1"_s;
    QTest::newRow("workload inbound in a cluster")
        << wlIn
        << u"reporter=\"destination\",destination_workload=\"catalog-v1\",destination_workload_namespace=\"shop\",destination_cluster=\"member-1\""_s;
    MetricTarget meshOut = target(MetricScope::Mesh, MetricDirection::Outbound);
    meshOut.cluster = u"primary"_s;
    meshOut.extraMatchers = u"mesh_id=\"mesh1\""_s;
    QTest::newRow("mesh outbound, scoped")
        << meshOut << u"reporter=\"source\",source_cluster=\"primary\",mesh_id=\"mesh1\""_s;
    MetricTarget waypoint = target(MetricScope::Mesh, MetricDirection::Inbound);
    waypoint.reporter = u"waypoint"_s;
    QTest::newRow("reporter chosen") << waypoint << u"reporter=\"waypoint\""_s;
}

void TestTelemetryQueries::selectors()
{
    QFETCH(MetricTarget, target);
    QFETCH(QString, expected);
    QCOMPARE(metricSelector(target), expected);
}

void TestTelemetryQueries::quoting()
{
    QCOMPARE(promQuote(u"a\"b\\c\nd"_s), u"\"a\\\"b\\\\c\\nd\""_s);
    const MetricTarget t = target(MetricScope::Workload, MetricDirection::Inbound, u"ns"_s,
                                  u"evil\"} or vector(1) or {x=\""_s);
    const QString q = metricQuery(MetricKind::RequestVolume, t);
    QVERIFY2(q.contains(u"destination_workload=\"evil\\\"} or vector(1) or {x=\\\"\""_s),
             qPrintable(q));
    QCOMPARE(metricSplitLabels(MetricSplit::None), QString());
}

void TestTelemetryQueries::titlesAndUnits()
{
    QCOMPARE(metricTitle(MetricKind::Latency, 0.99), u"Request duration (P99)"_s);
    QCOMPARE(metricTitle(MetricKind::Latency, 0.5), u"Request duration (P50)"_s);
    QCOMPARE(metricTitle(MetricKind::RequestSize), u"Request size (average)"_s);
    QCOMPARE(metricUnit(MetricKind::RequestVolume), u"req/s"_s);
    QCOMPARE(metricUnit(MetricKind::Latency), u"ms"_s);
    for (int k = int(MetricKind::RequestVolume); k <= int(MetricKind::TcpClosed); ++k) {
        QVERIFY(!metricTitle(MetricKind(k)).isEmpty());
        QVERIFY(!metricUnit(MetricKind(k)).isEmpty());
        QVERIFY(!metricQuery(MetricKind(k), {}).isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestTelemetryQueries)
#include "tst_telemetry_queries.moc"

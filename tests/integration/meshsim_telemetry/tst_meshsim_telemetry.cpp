// The demo mesh's Istio metrics and how they respond to policies applied with kubectl:
// route weights, fault abort and delay, AuthorizationPolicy DENY, PeerAuthentication
// STRICT.

#include "meshsimprocess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using md::testing::CommandResult;
using md::testing::MeshsimProcess;

namespace {

using Scrape = QHash<QByteArray, double>; // "metric{labels}" → value

Scrape parseExposition(const QByteArray &text)
{
    Scrape out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        out.insert(line.left(space), line.mid(space + 1).toDouble());
    }
    return out;
}

// Sum of the increase of every `metric` series whose labels contain all `labels`.
double delta(const Scrape &before, const Scrape &after, const QByteArray &metric,
             const QList<QByteArray> &labels)
{
    double sum = 0;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (!it.key().startsWith(QByteArray(metric + '{')))
            continue;
        bool all = true;
        for (const QByteArray &l : labels)
            all &= it.key().contains(l);
        if (all)
            sum += it.value() - before.value(it.key());
    }
    return sum;
}

QByteArray label(const char *name, const char *value)
{
    return QByteArray(QByteArray(name) + "=\"" + value + '"');
}

} // namespace

class TestMeshsimTelemetry : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void demoEdgesAndLabels();
    void weightsShiftTraffic();
    void faultAbortGivesErrors();
    void faultDelayAddsLatency();
    void denyPolicyGives403();
    void strictMtlsFailsPlaintextCallers();

private:
    QByteArray get(const QString &url);
    Scrape scrape() { return parseExposition(get(m_metricsUrl)); }
    // Applies `yaml`, then measures the traffic of at least the next `ms` milliseconds and
    // at least `minRequests` requests across the mesh (a loaded machine sends fewer per
    // second: the amount of traffic measured is what the checks rely on, not the time).
    QPair<Scrape, Scrape> measureAfter(const QByteArray &yaml, int ms = 1500,
                                       double minRequests = 300);

    MeshsimProcess m_sim;
    QNetworkAccessManager m_nam;
    QString m_metricsUrl;
};

QByteArray TestMeshsimTelemetry::get(const QString &url)
{
    QNetworkReply *reply = m_nam.get(QNetworkRequest(QUrl(url)));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

QPair<Scrape, Scrape> TestMeshsimTelemetry::measureAfter(const QByteArray &yaml, int ms,
                                                          double minRequests)
{
    if (!yaml.isEmpty()) {
        const CommandResult r = m_sim.kubectl({u"apply"_s, u"-f"_s, u"-"_s}, yaml);
        if (r.exitCode != 0)
            qWarning("kubectl apply failed: %s", qPrintable(r.describe()));
    }
    const Scrape before = scrape();
    QTest::qWait(ms);
    Scrape after = scrape();
    const QList<QByteArray> source {label("reporter", "source")};
    QDeadlineTimer deadline(120000);
    while (delta(before, after, "istio_requests_total", source) < minRequests
           && !deadline.hasExpired()) {
        QTest::qWait(250);
        after = scrape();
    }
    return {before, after};
}

void TestMeshsimTelemetry::initTestCase()
{
    QVERIFY2(!MeshsimProcess::kubectlPath().isEmpty(), "kubectl is required for this test");
    const QString error
        = m_sim.start({u"--scenario"_s, u"demo"_s, u"--crds"_s,
                       QStringLiteral(MESHDESK_SHARED_DIR) + u"/istio/crd-all.gen.yaml"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_metricsUrl = m_sim.readyLine().section(u"metrics="_s, 1).trimmed();
    QVERIFY2(m_metricsUrl.startsWith(u"http://127.0.0.1:"_s), qPrintable(m_sim.readyLine()));
}

void TestMeshsimTelemetry::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void TestMeshsimTelemetry::demoEdgesAndLabels()
{
    const auto [before, after] = measureAfter({});
    const QByteArray req = "istio_requests_total";
    const QByteArray src = label("reporter", "source");
    const QByteArray dst = label("reporter", "destination");
    QVERIFY(delta(before, after, req,
                  {src, label("source_workload", "productpage-v1"),
                   label("destination_workload", "details-v1")})
            > 0);
    // reviews: 50/30/20 across v1 (primary) and v2, v3 (member cluster).
    const double v1 = delta(before, after, req, {src, label("destination_workload", "reviews-v1")});
    const double v3 = delta(before, after, req, {src, label("destination_workload", "reviews-v3")});
    QVERIFY2(v1 > v3 && v3 > 0, qPrintable(QString::number(v1) + u' ' + QString::number(v3)));
    QVERIFY(delta(before, after, req,
                  {src, label("source_cluster", "primary"), label("destination_cluster", "member"),
                   label("destination_workload", "reviews-v2")})
            > 0);
    QVERIFY(delta(before, after, req,
                  {dst, label("request_protocol", "grpc"),
                   label("destination_service_name", "catalog"), label("grpc_response_status", "0"),
                   label("connection_security_policy", "mutual_tls")})
            > 0);
    QVERIFY(delta(before, after, "istio_response_messages_total",
                  {src, label("destination_service_name", "catalog")})
            > 0);
    QVERIFY(delta(before, after, "istio_tcp_sent_bytes_total",
                  {dst, label("destination_workload", "mysqldb-v1")})
            > 0);
    QVERIFY(delta(before, after, "istio_tcp_connections_opened_total",
                  {src, label("source_workload", "catalog-v2")})
            > 0);
    // The failing service: no healthy upstream.
    QVERIFY(delta(before, after, req,
                  {src, label("destination_workload", "payments-v1"), label("response_code", "503"),
                   label("response_flags", "UH")})
            > 0);
    // A caller without a sidecar only shows up as seen by the destination, in plain text.
    QCOMPARE(delta(before, after, req, {src, label("source_workload", "legacy-batch")}), 0.0);
    QVERIFY(delta(before, after, req,
                  {dst, label("source_workload", "legacy-batch"),
                   label("connection_security_policy", "none")})
            > 0);
    // Histograms carry Istio's default buckets.
    bool found = false;
    for (auto it = after.begin(); it != after.end(); ++it)
        found |= it.key().startsWith("istio_request_duration_milliseconds_bucket{")
            && it.key().contains("le=\"3600000\"");
    QVERIFY(found);
}

void TestMeshsimTelemetry::weightsShiftTraffic()
{
    const auto [before, after] = measureAfter(
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n"
        "  namespace: bookinfo\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n"
        "    - destination: {host: reviews, subset: v3}\n      weight: 100\n");
    const QByteArray src = label("reporter", "source");
    QCOMPARE(delta(before, after, "istio_requests_total",
                   {src, label("destination_workload", "reviews-v1")}),
             0.0);
    QCOMPARE(delta(before, after, "istio_requests_total",
                   {src, label("destination_workload", "reviews-v2")}),
             0.0);
    QVERIFY(delta(before, after, "istio_requests_total",
                  {src, label("destination_workload", "reviews-v3")})
            > 10);
}

void TestMeshsimTelemetry::faultAbortGivesErrors()
{
    const auto [before, after] = measureAfter(
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ratings\n"
        "  namespace: bookinfo\nspec:\n  hosts: [ratings]\n  http:\n  - fault:\n      abort:\n"
        "        percentage: {value: 50}\n        httpStatus: 500\n    route:\n"
        "    - destination: {host: ratings}\n");
    const QList<QByteArray> toRatings {label("destination_service_name", "ratings")};
    const double aborted
        = delta(before, after, "istio_requests_total",
                toRatings
                    + QList<QByteArray> {label("reporter", "source"), label("response_code", "500"),
                                         label("response_flags", "FI")});
    const double ok = delta(
        before, after, "istio_requests_total",
        toRatings + QList<QByteArray> {label("reporter", "source"), label("response_code", "200")});
    QVERIFY2(aborted > 0 && ok > 0,
             qPrintable(QString::number(aborted) + u' ' + QString::number(ok)));
    QVERIFY(qAbs(aborted - ok) <= 0.3 * (aborted + ok) + 2);
    // The abort happens in the caller's proxy: the destination never sees those requests.
    QCOMPARE(delta(before, after, "istio_requests_total",
                   toRatings
                       + QList<QByteArray> {label("reporter", "destination"),
                                            label("response_code", "500")}),
             0.0);
}

void TestMeshsimTelemetry::faultDelayAddsLatency()
{
    const auto [before, after] = measureAfter(
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: details\n"
        "  namespace: bookinfo\nspec:\n  hosts: [details]\n  http:\n  - fault:\n      delay:\n"
        "        percentage: {value: 100}\n        fixedDelay: 7s\n    route:\n"
        "    - destination: {host: details}\n");
    const QList<QByteArray> edge {label("reporter", "source"),
                                  label("destination_workload", "details-v1")};
    const double count = delta(before, after, "istio_request_duration_milliseconds_count", edge);
    const double fast = delta(before, after, "istio_request_duration_milliseconds_bucket",
                              edge + QList<QByteArray> {"le=\"5000\""});
    QVERIFY(count > 10);
    QCOMPARE(fast, 0.0);
    QVERIFY(delta(before, after, "istio_requests_total",
                  edge + QList<QByteArray> {label("response_flags", "DI")})
            > 0);
}

void TestMeshsimTelemetry::denyPolicyGives403()
{
    const auto [before, after] = measureAfter(
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n"
        "  name: details-deny\n  namespace: bookinfo\nspec:\n  selector:\n    matchLabels: {app: "
        "details}\n"
        "  action: DENY\n  rules:\n  - from:\n    - source:\n        namespaces: [bookinfo]\n");
    const QList<QByteArray> edge {label("source_workload", "productpage-v1"),
                                  label("destination_workload", "details-v1")};
    for (const char *reporter : {"source", "destination"}) {
        QVERIFY(delta(before, after, "istio_requests_total",
                      edge
                          + QList<QByteArray> {label("reporter", reporter),
                                               label("response_code", "403")})
                > 0);
        QCOMPARE(delta(before, after, "istio_requests_total",
                       edge
                           + QList<QByteArray> {label("reporter", reporter),
                                                label("response_code", "200")}),
                 0.0);
    }
}

void TestMeshsimTelemetry::strictMtlsFailsPlaintextCallers()
{
    const auto [before, after] = measureAfter(
        "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strict\n"
        "  namespace: bookinfo\nspec:\n  mtls: {mode: STRICT}\n");
    const QByteArray dst = label("reporter", "destination");
    const QList<QByteArray> legacy {dst, label("source_workload", "legacy-batch"),
                                    label("destination_workload", "productpage-v1")};
    QCOMPARE(delta(before, after, "istio_requests_total",
                   legacy + QList<QByteArray> {label("response_code", "200")}),
             0.0);
    QVERIFY(delta(before, after, "istio_requests_total",
                  legacy + QList<QByteArray> {label("response_code", "0")})
            > 0);
    QVERIFY(delta(before, after, "istio_requests_total",
                  {dst, label("source_workload", "istio-ingressgateway"),
                   label("destination_workload", "productpage-v1"), label("response_code", "200"),
                   label("connection_security_policy", "mutual_tls")})
            > 0);
}

QTEST_GUILESS_MAIN(TestMeshsimTelemetry)
#include "tst_meshsim_telemetry.moc"

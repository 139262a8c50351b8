// End to end: meshsim's demo mesh scraped by a real Prometheus, the graph built by
// TopologyLoader (as the Topology page does, refreshing every few seconds): the demo's edges
// with their rates; a VirtualService fault abort applied through md::kube::KubeClient turns
// productpage -> details degraded or failing within two refreshes; a 50/50 weight change makes
// reviews-v1 and reviews-v3 share the traffic. Then `meshdesk-cli topology` prints the
// graph in the JSON shape of issue 10 (and dot), with its exit codes.

#include "meshsimprocess.h"
#include "prometheusprocess.h"

#include "kube/discovery.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "telemetry/prometheusclient.h"
#include "telemetry/topologyloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace md::telemetry;
using md::testing::MeshsimProcess;
using md::testing::PrometheusProcess;

namespace {

const QString kProductpage = u"wl:primary:bookinfo:productpage-v1"_s;
const QString kDetailsService = u"svc:primary:bookinfo:details"_s;
constexpr int kRefreshSeconds = 5; // the refresh interval, and the window of the rates

struct Cli
{
    int exitCode = -1;
    QByteArray out, err;
};

Cli runCli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(MESHDESK_CLI), QStringList {u"topology"_s} + args);
    Cli r;
    if (!p.waitForFinished(90000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not finish";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

double rateInto(const Graph &g, const QString &workload)
{
    double sum = 0;
    for (const Edge &e : g.edges)
        if (e.target.endsWith(u":bookinfo:"_s + workload))
            sum += e.requestRate();
    return sum;
}

} // namespace

class TestTopologyE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void demoGraph();
    void faultAbortTurnsEdgeUnhealthy();
    void weightChangeSharesTraffic();
    void cliJson();
    void cliDotAndErrors();

private:
    Graph refresh(const TopologyOptions &options);
    void patchVirtualService(const QString &name, const QJsonObject &patch);

    MeshsimProcess m_sim;
    PrometheusProcess m_prometheus;
    std::unique_ptr<PrometheusClient> m_client;
    std::unique_ptr<TopologyLoader> m_loader;
    std::unique_ptr<md::kube::KubeClient> m_kube;
    md::kube::ResourceRef m_virtualServices;
};

void TestTopologyE2e::initTestCase()
{
    QVERIFY2(!PrometheusProcess::prometheusPath().isEmpty(),
             "prometheus is required for this test (scripts/install-deps.sh)");
    QString error = m_sim.start({u"--scenario"_s, u"demo"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString metrics = m_sim.readyLine().section(u"metrics="_s, 1).trimmed();
    error = m_prometheus.start(metrics, u"1s"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_client = std::make_unique<PrometheusClient>(PrometheusConfig {QUrl(m_prometheus.url())});
    m_loader = std::make_unique<TopologyLoader>(m_client.get());

    auto kubeconfig = md::kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(kubeconfig);
    md::kube::ResolveOptions options;
    options.context = u"meshsim-primary"_s;
    auto rest = md::kube::resolveRestConfig(*kubeconfig, options);
    QVERIFY2(rest, qPrintable(rest ? QString() : rest.error().toString()));
    m_kube = std::make_unique<md::kube::KubeClient>(*rest);
    std::optional<md::Result<md::kube::DiscoveryInfo, md::kube::ApiError>> discovered;
    md::kube::discover(m_kube.get(), this, [&](auto r) { discovered = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(discovered.has_value(), 30000);
    QVERIFY(*discovered);
    const auto *vs = (*discovered)->find(u"virtualservices.networking.istio.io"_s);
    QVERIFY(vs);
    m_virtualServices = vs->ref;
}

void TestTopologyE2e::cleanupTestCase()
{
    m_loader.reset();
    m_client.reset();
    m_kube.reset();
    QCOMPARE(m_prometheus.stop(), 0);
    QCOMPARE(m_sim.stop(), 0);
}

Graph TestTopologyE2e::refresh(const TopologyOptions &options)
{
    QSignalSpy ready(m_loader.get(), &TopologyLoader::graphReady);
    QSignalSpy failed(m_loader.get(), &TopologyLoader::failed);
    m_loader->load(options);
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 30000))
        qWarning("no graph within 30 s");
    if (!failed.isEmpty())
        qWarning().noquote() << failed.first().first().toString();
    return ready.isEmpty() ? Graph {} : ready.first().first().value<Graph>();
}

void TestTopologyE2e::patchVirtualService(const QString &name, const QJsonObject &patch)
{
    std::optional<md::kube::ObjectResult> result;
    m_kube->patch(m_virtualServices, u"bookinfo"_s, name, md::kube::PatchType::Merge,
                  QJsonDocument(patch).toJson(QJsonDocument::Compact), {}, this,
                  [&](md::kube::ObjectResult r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    QVERIFY2(*result, qPrintable(*result ? QString() : result->error().detail()));
}

void TestTopologyE2e::demoGraph()
{
    TopologyOptions options;
    options.duration = std::chrono::seconds(kRefreshSeconds * 2);
    Graph g;
    QDeadlineTimer deadline(60000);
    const Edge *details = nullptr;
    while (!deadline.hasExpired()) {
        g = refresh(options);
        details = nullptr;
        for (const Edge &e : g.edges)
            if (e.source == kProductpage && e.target == kDetailsService)
                details = &e;
        // Until Prometheus has a window's worth of samples, rates are extrapolated from a few.
        if (details && qAbs(details->rates.http.value_or(0) - 20.0) < 4.0
            && g.node(u"wl:member:data:mysqldb-v1"_s) && g.node(u"wl:primary:shop:catalog-v1"_s))
            break;
        QTest::qWait(1000);
    }
    QVERIFY2(details, qPrintable(QString::fromUtf8(graphToJson(g))));
    // productpage calls details at 20 requests/s; the 10 % delay fault does not fail them.
    QVERIFY2(qAbs(*details->rates.http - 20.0) < 4.0,
             qPrintable(QString::number(*details->rates.http)));
    QCOMPARE(details->health, Health::Healthy);
    QVERIFY(details->responseTime.p50.has_value());
    QVERIFY(details->responseTime.avg.has_value());
    QVERIFY(details->mtlsPercent.has_value());
    QCOMPARE(*details->mtlsPercent, 100.0);
    // The demo's other kinds of traffic: gRPC, TCP, the unknown source, the ingress gateway.
    bool grpc = false, tcp = false;
    for (const Edge &e : g.edges) {
        grpc |= e.protocol == Protocol::Grpc && e.target.contains(u"catalog"_s);
        tcp |= e.protocol == Protocol::Tcp && e.target.contains(u"mysqldb"_s) && e.rates.tcp > 0;
    }
    QVERIFY(grpc);
    QVERIFY(tcp);
    const Node *gateway = nullptr;
    for (const Node &n : g.nodes)
        if (n.workload.contains(u"ingressgateway"_s))
            gateway = &n;
    QVERIFY(gateway);
    QVERIFY(gateway->flags.testFlag(NodeFlag::Gateway));
    QVERIFY(gateway->flags.testFlag(NodeFlag::Root));
    // payments-v1 crash-loops: its callers see 503s (no healthy upstream) -> failure.
    bool paymentsFailing = false;
    for (const Edge &e : g.edges)
        paymentsFailing |= e.target.contains(u"payments"_s) && e.health == Health::Failure;
    QVERIFY(paymentsFailing);
}

void TestTopologyE2e::faultAbortTurnsEdgeUnhealthy()
{
    TopologyOptions options;
    options.duration = std::chrono::seconds(kRefreshSeconds);
    options.namespaces = {u"bookinfo"_s};
    const QJsonObject abort {
        {u"spec"_s,
         QJsonObject {
             {u"http"_s,
              QJsonArray {QJsonObject {
                  {u"fault"_s,
                   QJsonObject {{u"abort"_s,
                                 QJsonObject {{u"percentage"_s, QJsonObject {{u"value"_s, 50.0}}},
                                              {u"httpStatus"_s, 500}}}}},
                  {u"route"_s,
                   QJsonArray {QJsonObject {
                       {u"destination"_s,
                        QJsonObject {{u"host"_s, u"details"_s}, {u"subset"_s, u"v1"_s}}}}}}}}}}}};
    patchVirtualService(u"details"_s, abort);
    Health health = Health::NoData;
    std::optional<double> percentErr;
    for (int refreshes = 1; refreshes <= 2; ++refreshes) {
        QTest::qWait(kRefreshSeconds * 1000);
        const Graph g = refresh(options);
        for (const Edge &e : g.edges)
            if (e.source == kProductpage && e.target == kDetailsService) {
                health = e.health;
                percentErr = e.rates.httpPercentErr;
            }
        if (health == Health::Degraded || health == Health::Failure)
            break;
    }
    QVERIFY2(health == Health::Degraded || health == Health::Failure,
             qPrintable(healthName(health)));
    QVERIFY(percentErr.has_value());
    QVERIFY2(*percentErr > 20, qPrintable(QString::number(*percentErr)));
}

void TestTopologyE2e::weightChangeSharesTraffic()
{
    TopologyOptions options;
    options.duration = std::chrono::seconds(kRefreshSeconds);
    auto route = [](const QString &subset, int weight) {
        return QJsonObject {
            {u"destination"_s, QJsonObject {{u"host"_s, u"reviews"_s}, {u"subset"_s, subset}}},
            {u"weight"_s, weight}};
    };
    patchVirtualService(
        u"reviews"_s,
        QJsonObject {
            {u"spec"_s,
             QJsonObject {
                 {u"http"_s,
                  QJsonArray {QJsonObject {
                      {u"route"_s, QJsonArray {route(u"v1"_s, 50), route(u"v3"_s, 50)}}}}}}}});
    double v1 = 0, v2 = 0, v3 = 0;
    for (int refreshes = 1; refreshes <= 3; ++refreshes) {
        QTest::qWait(kRefreshSeconds * 1000);
        const Graph g = refresh(options);
        v1 = rateInto(g, u"reviews-v1"_s);
        v2 = rateInto(g, u"reviews-v2"_s);
        v3 = rateInto(g, u"reviews-v3"_s);
        if (v1 + v3 > 0 && qAbs(v1 / (v1 + v3) - 0.5) < 0.1 && v2 < 0.05 * (v1 + v3))
            break;
    }
    const QString figures = u"v1 %1, v2 %2, v3 %3"_s.arg(v1).arg(v2).arg(v3);
    QVERIFY2(v1 + v3 > 15, qPrintable(figures)); // productpage's 20 requests/s
    QVERIFY2(qAbs(v1 / (v1 + v3) - 0.5) < 0.1, qPrintable(figures));
    QVERIFY2(v2 < 0.05 * (v1 + v3), qPrintable(figures));
}

void TestTopologyE2e::cliJson()
{
    const Cli r = runCli({u"--prometheus"_s, m_prometheus.url(), u"--duration"_s, u"10s"_s,
                          u"--namespace"_s, u"bookinfo"_s, u"-o"_s, u"json"_s, u"--kubeconfig"_s,
                          m_sim.kubeconfig(), u"--context"_s, u"meshsim-primary"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, r.out.left(500).constData());
    QCOMPARE(root.keys(), (QStringList {u"edges"_s, u"graphType"_s, u"nodes"_s}));
    QCOMPARE(root.value(u"graphType"_s).toString(), u"workload"_s);
    const QJsonArray nodes = root.value(u"nodes"_s).toArray();
    QVERIFY(nodes.size() >= 8);
    const QStringList types
        = {u"workload"_s, u"app"_s, u"service"_s, u"serviceEntry"_s, u"unknown"_s};
    QSet<QString> namespaces;
    for (const QJsonValue &v : nodes) {
        const QJsonObject n = v.toObject();
        QCOMPARE(n.keys(),
                 (QStringList {u"app"_s, u"cluster"_s, u"id"_s, u"namespace"_s, u"service"_s,
                               u"type"_s, u"version"_s, u"workload"_s}));
        QVERIFY2(types.contains(n.value(u"type"_s).toString()),
                 qPrintable(n.value(u"type"_s).toString()));
        namespaces << n.value(u"namespace"_s).toString();
    }
    QVERIFY(namespaces.contains(u"bookinfo"_s));
    QVERIFY(!namespaces.contains(u"shop"_s)); // not a caller or callee of bookinfo
    QVERIFY(namespaces.contains(u"legacy"_s)); // legacy-batch calls productpage
    const QStringList rateKeys
        = {u"http"_s,           u"http3xx"_s, u"http4xx"_s, u"http5xx"_s, u"httpNoResponse"_s,
           u"httpPercentErr"_s, u"grpc"_s,    u"grpcErr"_s, u"tcp"_s};
    bool sawDetails = false;
    for (const QJsonValue &v : root.value(u"edges"_s).toArray()) {
        const QJsonObject e = v.toObject();
        for (const QString &key : e.keys())
            QVERIFY2((QStringList {u"source"_s, u"target"_s, u"protocol"_s, u"rates"_s,
                                   u"responseTime"_s, u"mtlsPercent"_s})
                         .contains(key),
                     qPrintable(key));
        QVERIFY((QStringList {u"http"_s, u"grpc"_s, u"tcp"_s})
                    .contains(e.value(u"protocol"_s).toString()));
        const QJsonObject rates = e.value(u"rates"_s).toObject();
        for (auto it = rates.begin(); it != rates.end(); ++it) {
            QVERIFY2(rateKeys.contains(it.key()), qPrintable(it.key()));
            QVERIFY(it.value().isDouble());
        }
        for (const QJsonValue &t : e.value(u"responseTime"_s).toObject())
            QVERIFY(t.isDouble());
        if (e.value(u"source"_s) == kProductpage && e.value(u"target"_s) == kDetailsService) {
            sawDetails = true;
            QVERIFY(rates.value(u"http"_s).toDouble() > 10);
            QVERIFY(rates.contains(u"http5xx"_s)); // the abort of the test before
            QVERIFY(e.value(u"responseTime"_s).toObject().contains(u"p95"_s));
            QVERIFY(e.value(u"mtlsPercent"_s).isDouble());
        }
    }
    QVERIFY(sawDetails);

    // --time in the past (RFC 3339) and another graph type.
    const QString past = QDateTime::currentDateTimeUtc().addSecs(-5).toString(Qt::ISODate);
    const Cli app = runCli({u"--prometheus"_s, m_prometheus.url(), u"--graph-type"_s, u"app"_s,
                            u"--time"_s, past, u"--duration"_s, u"60"_s});
    QVERIFY2(app.exitCode == 0, app.err.constData());
    const QJsonObject appRoot = QJsonDocument::fromJson(app.out).object();
    QCOMPARE(appRoot.value(u"graphType"_s).toString(), u"app"_s);
    QStringList ids;
    for (const QJsonValue &v : appRoot.value(u"nodes"_s).toArray())
        ids << v.toObject().value(u"id"_s).toString();
    QVERIFY2(ids.contains(u"app:member:bookinfo:reviews"_s), qPrintable(ids.join(u", "_s)));
}

void TestTopologyE2e::cliDotAndErrors()
{
    const Cli dot = runCli({u"--prometheus"_s, m_prometheus.url(), u"-o"_s, u"dot"_s,
                            u"--graph-type"_s, u"service"_s, u"--duration"_s, u"1m"_s});
    QVERIFY2(dot.exitCode == 0, dot.err.constData());
    QVERIFY(dot.out.startsWith("digraph topology {"));
    QVERIFY(dot.out.contains("\"svc:primary:bookinfo:productpage\" -> "));
    QVERIFY(dot.out.trimmed().endsWith('}'));

    const QList<std::pair<QStringList, QByteArray>> usage = {
        {{}, "--prometheus URL is required"},
        {{u"--prometheus"_s, u"ftp://x"_s}, "not an http(s) URL"},
        {{u"--prometheus"_s, m_prometheus.url(), u"--graph-type"_s, u"pods"_s}, "pods"},
        {{u"--prometheus"_s, m_prometheus.url(), u"--time"_s, u"yesterday"_s}, "yesterday"},
        {{u"--prometheus"_s, m_prometheus.url(), u"--duration"_s, u"10 minutes"_s}, "10 minutes"},
        {{u"--prometheus"_s, m_prometheus.url(), u"-o"_s, u"yaml"_s}, "yaml"},
        {{u"--prometheus"_s, m_prometheus.url(), u"--bogus"_s}, "bogus"},
    };
    for (const auto &[args, message] : usage) {
        const Cli r = runCli(args);
        QVERIFY2(r.exitCode == 2, qPrintable(args.join(u' ') + u": "_s + QString::fromUtf8(r.err)));
        QVERIFY2(r.err.contains(message), r.err.constData());
    }
    // Nothing listening: exit 1 with the failed query named.
    const Cli down = runCli({u"--prometheus"_s, u"http://127.0.0.1:1"_s});
    QCOMPARE(down.exitCode, 1);
    QVERIFY2(down.err.contains("istio_requests_total"), down.err.constData());
    const Cli help = runCli({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("--prometheus"));
}

QTEST_GUILESS_MAIN(TestTopologyE2e)
#include "tst_topology_e2e.moc"

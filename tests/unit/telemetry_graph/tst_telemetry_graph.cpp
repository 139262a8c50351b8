// The topology builder on Prometheus answers written here (as /api/v1/query returns them for
// the builder's queries), parsed by PrometheusClient::parseResponse: bookinfo-like,
// multi-cluster, gRPC, TCP, unknown source, both reporters, service entries, ambient with
// ztunnel and a waypoint; nodes, edges, rates and health for each graph type.

#include "istio/value.h"
#include "telemetry/prometheusclient.h"
#include "telemetry/topologybuilder.h"
#include "telemetry/topologyloader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace md::telemetry;

namespace {

// "cluster/namespace/workload/app/version"; "unknown" for an unknown peer.
struct Peer
{
    QString cluster, ns, workload, app, version;
};

Peer peer(const QString &spec)
{
    if (spec == u"unknown"_s)
        return {u"unknown"_s, u"unknown"_s, u"unknown"_s, u"unknown"_s, u"unknown"_s};
    const QStringList p = spec.split(u'/');
    return {p.value(0), p.value(1), p.value(2), p.value(3), p.value(4)};
}

struct S
{
    QString reporter;
    QString source;
    QString destination; // "unknown" when no workload answered; cluster of the service below
    QString service; // "name.namespace" or a host
    QString protocol = u"http"_s;
    QString code = u"200"_s;
    double value = 0;
    QString flags = u"-"_s;
    QString grpcStatus;
    QJsonObject extra; // more labels (app, le, connection_security_policy)
};

QJsonObject labels(const S &s)
{
    const Peer src = peer(s.source);
    const Peer dst = peer(s.destination);
    QJsonObject m {{u"reporter"_s, s.reporter},
                   {u"source_cluster"_s, src.cluster},
                   {u"source_workload_namespace"_s, src.ns},
                   {u"source_workload"_s, src.workload},
                   {u"source_canonical_service"_s, src.app},
                   {u"source_canonical_revision"_s, src.version},
                   {u"destination_cluster"_s, dst.cluster},
                   {u"destination_workload_namespace"_s, dst.ns},
                   {u"destination_workload"_s, dst.workload},
                   {u"destination_canonical_service"_s, dst.app},
                   {u"destination_canonical_revision"_s, dst.version}};
    const QString name = s.service.section(u'.', 0, 0);
    const QString ns = s.service.count(u'.') == 1 ? s.service.section(u'.', 1) : u"unknown"_s;
    const bool host = s.service.count(u'.') > 1;
    m.insert(u"destination_service_name"_s, host ? s.service : name);
    m.insert(u"destination_service_namespace"_s, ns);
    m.insert(u"destination_service"_s, host ? s.service : s.service + u".svc.cluster.local"_s);
    if (s.protocol != u"tcp"_s) {
        m.insert(u"request_protocol"_s, s.protocol);
        if (!s.code.isEmpty()) // Prometheus leaves empty labels out
            m.insert(u"response_code"_s, s.code);
        if (!s.grpcStatus.isEmpty())
            m.insert(u"grpc_response_status"_s, s.grpcStatus);
    }
    m.insert(u"response_flags"_s, s.flags);
    for (auto it = s.extra.begin(); it != s.extra.end(); ++it)
        m.insert(it.key(), it.value());
    return m;
}

QueryResult answer(const QList<S> &series)
{
    QJsonArray result;
    for (const S &s : series)
        result.append(QJsonObject {
            {u"metric"_s, labels(s)},
            {u"value"_s, QJsonArray {1700000000.0, QString::number(s.value, 'g', 12)}}});
    const QByteArray body
        = QJsonDocument(
              QJsonObject {
                  {u"status"_s, u"success"_s},
                  {u"data"_s, QJsonObject {{u"resultType"_s, u"vector"_s}, {u"result"_s, result}}}})
              .toJson(QJsonDocument::Compact);
    auto parsed = PrometheusClient::parseResponse(body, 200, u"test"_s);
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().toString()));
    return *parsed;
}

// Both reporters of one request series.
QList<S> both(S s)
{
    S d = s;
    s.reporter = u"source"_s;
    d.reporter = u"destination"_s;
    return {s, d};
}

const QString kIngress = u"c1/istio-system/istio-ingressgateway/istio-ingressgateway/latest"_s;
const QString kProductpage = u"c1/bookinfo/productpage-v1/productpage/v1"_s;
const QString kReviews1 = u"c1/bookinfo/reviews-v1/reviews/v1"_s;
const QString kReviews2 = u"c1/bookinfo/reviews-v2/reviews/v2"_s;
const QString kReviews3 = u"c1/bookinfo/reviews-v3/reviews/v3"_s;
const QString kDetails = u"c1/bookinfo/details-v1/details/v1"_s;
const QString kRatings = u"c1/bookinfo/ratings-v1/ratings/v1"_s;
const QString kStorefront = u"c1/shop/storefront-v1/storefront/v1"_s;
const QString kCatalog = u"c1/shop/catalog-v1/catalog/v1"_s;

TopologyAnswers bookinfo()
{
    QList<S> requests;
    requests << both(
        {{}, kIngress, kProductpage, u"productpage.bookinfo"_s, u"http"_s, u"200"_s, 10});
    requests << both({{}, kProductpage, kReviews1, u"reviews.bookinfo"_s, u"http"_s, u"200"_s, 3});
    requests << both({{}, kProductpage, kReviews2, u"reviews.bookinfo"_s, u"http"_s, u"200"_s, 3});
    requests << both(
        {{}, kProductpage, kReviews2, u"reviews.bookinfo"_s, u"http"_s, u"503"_s, 0.1});
    requests << both({{}, kProductpage, kReviews3, u"reviews.bookinfo"_s, u"http"_s, u"200"_s, 4});
    requests << both({{}, kProductpage, kDetails, u"details.bookinfo"_s, u"http"_s, u"200"_s, 9});
    requests << both({{}, kProductpage, kDetails, u"details.bookinfo"_s, u"http"_s, u"404"_s, 1});
    requests << both({{}, kReviews2, kRatings, u"ratings.bookinfo"_s, u"http"_s, u"200"_s, 2});
    requests << both({{}, kReviews3, kRatings, u"ratings.bookinfo"_s, u"http"_s, u"200"_s, 1.8});
    requests << both({{}, kReviews3, kRatings, u"ratings.bookinfo"_s, u"http"_s, u"500"_s, 0.2});
    requests << S {u"destination"_s,
                   u"unknown"_s,
                   kProductpage,
                   u"productpage.bookinfo"_s,
                   u"http"_s,
                   u"200"_s,
                   1};
    requests << both({{}, kStorefront, kCatalog, u"catalog.shop"_s, u"http"_s, u"200"_s, 5});
    // Response time and mTLS of productpage -> details (destination-reported, as Kiali reads).
    QList<S> buckets;
    const QList<std::pair<QString, double>> le
        = {{u"10"_s, 5}, {u"25"_s, 8}, {u"50"_s, 9.5}, {u"+Inf"_s, 10}};
    for (const auto &[bound, count] : le) {
        S s {u"destination"_s, kProductpage, kDetails, u"details.bookinfo"_s};
        s.value = count;
        s.extra = {{u"le"_s, bound}};
        buckets << s;
        S src = s;
        src.reporter = u"source"_s; // ignored: the destination reports this series
        src.value = count * 3;
        buckets << src;
    }
    S sum {u"destination"_s, kProductpage, kDetails, u"details.bookinfo"_s};
    sum.value = 150;
    S count = sum;
    count.value = 10;
    S mtls {u"destination"_s, kProductpage, kDetails, u"details.bookinfo"_s};
    mtls.value = 9;
    mtls.extra = {{u"connection_security_policy"_s, u"mutual_tls"_s}};
    S plain = mtls;
    plain.value = 1;
    plain.extra = {{u"connection_security_policy"_s, u"none"_s}};
    for (S &s : buckets)
        s.code.clear(); // histograms are not grouped by response code
    for (S *s : {&sum, &count, &mtls, &plain})
        s->code.clear();
    return {{TopologyMetric::Requests, answer(requests)},
            {TopologyMetric::Duration, answer(buckets)},
            {TopologyMetric::DurationSum, answer({sum})},
            {TopologyMetric::DurationCount, answer({count})},
            {TopologyMetric::MtlsRequests, answer({mtls, plain})}};
}

TopologyOptions options(GraphType type)
{
    TopologyOptions o;
    o.graphType = type;
    o.time = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    return o;
}

const Edge *edge(const Graph &g, const QString &source, const QString &target,
                 Protocol protocol = Protocol::Http)
{
    for (const Edge &e : g.edges)
        if (e.source == source && e.target == target && e.protocol == protocol)
            return &e;
    return nullptr;
}

QString describe(const Graph &g)
{
    QStringList lines;
    for (const Edge &e : g.edges)
        lines << e.id + u' ' + QString::number(e.requestRate() + e.rates.tcp.value_or(0));
    return lines.join(u'\n');
}

#define EDGE(g, s, t, ...)                                                                         \
    [&]() {                                                                                        \
        const Edge *e_ = edge(g, s, t __VA_OPT__(, ) __VA_ARGS__);                                 \
        if (!e_)                                                                                   \
            qWarning().noquote() << "missing edge" << s << "->" << t << "in\n" << describe(g);     \
        return e_;                                                                                 \
    }()

} // namespace

class TestTelemetryGraph : public QObject
{
    Q_OBJECT

private slots:
    void workloadGraph();
    void workloadGraphWithoutServiceNodes();
    void appGraph();
    void versionedAppGraph();
    void serviceGraph();
    void namespaceFilter();
    void multiCluster();
    void grpc();
    void tcpBothReporters();
    void bothReportersAndFaultAbort();
    void serviceEntries();
    void ambient();
    void ambientReporterFilter();
    void idle();
    void labelsThatJoinAlike();
    void healthThresholds_data();
    void healthThresholds();
    void histogramQuantile();
    void queries();
    void json();
    void badges();
};

void TestTelemetryGraph::workloadGraph()
{
    const Graph g = buildGraph(bookinfo(), options(GraphType::Workload));
    QCOMPARE(g.type, GraphType::Workload);
    // 9 workloads, the unknown source and 5 services.
    QCOMPARE(g.nodes.size(), 15);
    const Node *unknown = g.node(u"unknown:c1"_s);
    QVERIFY(unknown);
    QCOMPARE(unknown->type, NodeType::Unknown);
    QVERIFY(unknown->flags.testFlag(NodeFlag::Root));
    const Node *ingress = g.node(u"wl:c1:istio-system:istio-ingressgateway"_s);
    QVERIFY(ingress);
    QVERIFY(ingress->flags.testFlag(NodeFlag::Root));
    QVERIFY(ingress->flags.testFlag(NodeFlag::Gateway));
    const Node *svc = g.node(u"svc:c1:bookinfo:reviews"_s);
    QVERIFY(svc);
    QCOMPARE(svc->type, NodeType::Service);
    QCOMPARE(svc->service, u"reviews"_s);
    QCOMPARE(svc->hosts, QStringList {u"reviews.bookinfo.svc.cluster.local"_s});
    const Node *pp = g.node(u"wl:c1:bookinfo:productpage-v1"_s);
    QVERIFY(pp);
    QCOMPARE(pp->app, u"productpage"_s);
    QCOMPARE(pp->version, u"v1"_s);

    // Both reporters counted once: 10 requests/s from the gateway, not 20.
    const Edge *in = EDGE(g, ingress->id, u"svc:c1:bookinfo:productpage"_s);
    QVERIFY(in);
    QCOMPARE(*in->rates.http, 10.0);
    QVERIFY(!in->rates.http5xx); // absent, not zero
    QVERIFY(!in->rates.httpPercentErr);
    QCOMPARE(in->health, Health::Healthy);
    const Edge *toPp = EDGE(g, u"svc:c1:bookinfo:productpage"_s, pp->id);
    QVERIFY(toPp);
    QCOMPARE(*toPp->rates.http, 11.0); // the gateway's 10 and the unknown source's 1

    // reviews-v2: any 5xx is degraded (0.1 of 3.1 = 3.2 %).
    const Edge *r2 = EDGE(g, svc->id, u"wl:c1:bookinfo:reviews-v2"_s);
    QVERIFY(r2);
    QCOMPARE(*r2->rates.http5xx, 0.1);
    QVERIFY(qAbs(*r2->rates.httpPercentErr - 3.2258) < 0.001);
    QCOMPARE(r2->health, Health::Degraded);
    QCOMPARE(r2->healthReasons.size(), 1);
    QCOMPARE(r2->healthReasons.first().code, u"5XX"_s);
    QVERIFY(!r2->healthReasons.first().text.isEmpty());
    // details: 4xx at 10 % is degraded; response time from the destination's histogram.
    const Edge *d = EDGE(g, pp->id, u"svc:c1:bookinfo:details"_s);
    QVERIFY(d);
    QCOMPARE(*d->rates.http4xx, 1.0);
    QCOMPARE(*d->rates.httpPercentErr, 10.0);
    QCOMPARE(d->health, Health::Degraded);
    QCOMPARE(*d->responseTime.avg, 15.0);
    QCOMPARE(*d->responseTime.p50, 10.0);
    QCOMPARE(*d->responseTime.p95, 50.0);
    QVERIFY(qAbs(*d->responseTime.p99 - 50.0) < 1e-9); // rank 9.9 lies in the +Inf bucket
    QCOMPARE(*d->mtlsPercent, 90.0);
    QCOMPARE(d->responses.value(u"404"_s).rate, 1.0);
    QCOMPARE(d->responses.value(u"200"_s).flags.value(u"-"_s), 9.0);
    QCOMPARE(d->responses.value(u"200"_s).hosts.value(u"details.bookinfo.svc.cluster.local"_s),
             9.0);
    // ratings from reviews-v3: 5xx at 10 % is a failure.
    const Edge *rt = EDGE(g, u"wl:c1:bookinfo:reviews-v3"_s, u"svc:c1:bookinfo:ratings"_s);
    QVERIFY(rt);
    QCOMPARE(rt->health, Health::Failure);
    // Node health: details-v1's inbound is degraded, ratings-v1's inbound (0.2 of 4) degraded.
    QCOMPARE(g.node(u"wl:c1:bookinfo:details-v1"_s)->health, Health::Degraded);
    QCOMPARE(g.node(u"wl:c1:bookinfo:ratings-v1"_s)->health, Health::Degraded);
    QCOMPARE(g.node(u"wl:c1:bookinfo:reviews-v1"_s)->health, Health::Healthy);
    // productpage's outbound has 4xx at 1/20.1 (< 10 %) and 5xx (any): degraded.
    QCOMPARE(pp->health, Health::Degraded);
    // Aggregates.
    QCOMPARE(*pp->outbound.http, 20.1);
    QCOMPARE(*pp->inbound.http, 11.0);
    QCOMPARE(g.edges.size(), 14);
}

void TestTelemetryGraph::workloadGraphWithoutServiceNodes()
{
    TopologyOptions o = options(GraphType::Workload);
    o.injectServiceNodes = false;
    const Graph g = buildGraph(bookinfo(), o);
    QCOMPARE(g.nodes.size(), 10);
    for (const Node &n : g.nodes)
        QVERIFY(n.type != NodeType::Service);
    const Edge *e = EDGE(g, u"wl:c1:bookinfo:productpage-v1"_s, u"wl:c1:bookinfo:reviews-v3"_s);
    QVERIFY(e);
    QCOMPARE(*e->rates.http, 4.0);
    QCOMPARE(g.edges.size(), 9);
}

void TestTelemetryGraph::appGraph()
{
    const Graph g = buildGraph(bookinfo(), options(GraphType::App));
    const Node *reviews = g.node(u"app:c1:bookinfo:reviews"_s);
    QVERIFY(reviews);
    QCOMPARE(reviews->type, NodeType::App);
    QCOMPARE(reviews->app, u"reviews"_s);
    QVERIFY(reviews->version.isEmpty());
    QVERIFY(reviews->workload.isEmpty());
    const Edge *e = EDGE(g, u"svc:c1:bookinfo:reviews"_s, reviews->id);
    QVERIFY(e);
    QVERIFY(qAbs(*e->rates.http - 10.1) < 1e-9);
    QCOMPARE(e->health, Health::Degraded);
    // reviews (v2 and v3 together) -> ratings: 0.2 of 4.0 is 5 %: degraded, not failure.
    const Edge *r = EDGE(g, reviews->id, u"svc:c1:bookinfo:ratings"_s);
    QVERIFY(r);
    QVERIFY(qAbs(*r->rates.http - 4.0) < 1e-9);
    QCOMPARE(r->health, Health::Degraded);
    QVERIFY(g.node(u"app:c1:istio-system:istio-ingressgateway"_s));
    QCOMPARE(g.nodes.size(), 13); // 7 apps, the unknown source and 5 services
}

void TestTelemetryGraph::versionedAppGraph()
{
    const Graph g = buildGraph(bookinfo(), options(GraphType::VersionedApp));
    for (const QString &v : {u"v1"_s, u"v2"_s, u"v3"_s}) {
        const Node *n = g.node(u"vapp:c1:bookinfo:reviews:"_s + v);
        QVERIFY2(n, qPrintable(v));
        QCOMPARE(n->type, NodeType::App);
        QCOMPARE(n->version, v);
    }
    const Edge *e = EDGE(g, u"svc:c1:bookinfo:reviews"_s, u"vapp:c1:bookinfo:reviews:v3"_s);
    QVERIFY(e);
    QCOMPARE(*e->rates.http, 4.0);
    QCOMPARE(e->health, Health::Healthy);
    const Edge *f = EDGE(g, u"vapp:c1:bookinfo:reviews:v3"_s, u"svc:c1:bookinfo:ratings"_s);
    QVERIFY(f);
    QCOMPARE(f->health, Health::Failure);
}

void TestTelemetryGraph::serviceGraph()
{
    const Graph g = buildGraph(bookinfo(), options(GraphType::Service));
    for (const Node &n : g.nodes)
        QVERIFY2(n.type == NodeType::Service || n.flags.testFlag(NodeFlag::Root), qPrintable(n.id));
    const Edge *e = EDGE(g, u"svc:c1:bookinfo:productpage"_s, u"svc:c1:bookinfo:reviews"_s);
    QVERIFY(e);
    QVERIFY(qAbs(*e->rates.http - 10.1) < 1e-9);
    const Edge *r = EDGE(g, u"svc:c1:bookinfo:reviews"_s, u"svc:c1:bookinfo:ratings"_s);
    QVERIFY(r);
    QVERIFY(qAbs(*r->rates.http - 4.0) < 1e-9);
    QVERIFY(qAbs(*r->rates.http5xx - 0.2) < 1e-9);
    QCOMPARE(r->health, Health::Degraded);
    QVERIFY(
        EDGE(g, u"wl:c1:istio-system:istio-ingressgateway"_s, u"svc:c1:bookinfo:productpage"_s));
    QVERIFY(EDGE(g, u"unknown:c1"_s, u"svc:c1:bookinfo:productpage"_s));
    QVERIFY(EDGE(g, u"wl:c1:shop:storefront-v1"_s, u"svc:c1:shop:catalog"_s));
    QCOMPARE(g.edges.size(), 6);
    // Response times survive the reduction: productpage's only workload called details.
    const Edge *d = EDGE(g, u"svc:c1:bookinfo:productpage"_s, u"svc:c1:bookinfo:details"_s);
    QVERIFY(d);
    QVERIFY(d->responseTime.avg && d->responseTime.p50 && d->responseTime.p95);
    QCOMPARE(*d->responseTime.avg, 15.0);
    QCOMPARE(*d->responseTime.p50, 10.0);
    QCOMPARE(*d->responseTime.p95, 50.0);
}

void TestTelemetryGraph::namespaceFilter()
{
    TopologyOptions o = options(GraphType::Workload);
    o.namespaces = {u"bookinfo"_s};
    const Graph g = buildGraph(bookinfo(), o);
    QVERIFY(!g.node(u"wl:c1:shop:storefront-v1"_s));
    QVERIFY(!g.node(u"svc:c1:shop:catalog"_s));
    const Node *ingress = g.node(u"wl:c1:istio-system:istio-ingressgateway"_s);
    QVERIFY(ingress);
    QVERIFY(ingress->flags.testFlag(NodeFlag::Outsider));
    QVERIFY(!g.node(u"wl:c1:bookinfo:reviews-v1"_s)->flags.testFlag(NodeFlag::Outsider));
    o.namespaces = {u"shop"_s};
    const Graph shop = buildGraph(bookinfo(), o);
    QCOMPARE(shop.nodes.size(), 3);
    QCOMPARE(shop.edges.size(), 2);
}

void TestTelemetryGraph::multiCluster()
{
    const QString remoteReviews = u"c2/bookinfo/reviews-v3/reviews/v3"_s;
    QList<S> requests;
    requests << both(
        {{}, kProductpage, remoteReviews, u"reviews.bookinfo"_s, u"http"_s, u"200"_s, 6});
    requests << both({{}, kProductpage, kReviews1, u"reviews.bookinfo"_s, u"http"_s, u"200"_s, 4});
    // Reported by the source only, with an unknown destination cluster (istio#29373).
    S lost {u"source"_s,
            kProductpage,
            u"unknown/bookinfo/ratings-v1/ratings/v1"_s,
            u"ratings.bookinfo"_s,
            u"http"_s,
            u"200"_s,
            2};
    requests << lost;
    const TopologyAnswers answers {{TopologyMetric::Requests, answer(requests)}};
    const Graph g = buildGraph(answers, options(GraphType::Workload));
    QVERIFY(g.node(u"svc:c2:bookinfo:reviews"_s));
    QVERIFY(g.node(u"svc:c1:bookinfo:reviews"_s));
    const Node *remote = g.node(u"wl:c2:bookinfo:reviews-v3"_s);
    QVERIFY(remote);
    QCOMPARE(remote->cluster, u"c2"_s);
    QCOMPARE(*EDGE(g, u"svc:c2:bookinfo:reviews"_s, remote->id)->rates.http, 6.0);
    QVERIFY(g.node(u"wl:c1:bookinfo:ratings-v1"_s)); // the source's cluster stands in
    TopologyOptions o = options(GraphType::Workload);
    o.clusters = {u"c2"_s};
    const Graph only = buildGraph(answers, o);
    QCOMPARE(only.nodes.size(), 3);
    QVERIFY(only.node(u"wl:c1:bookinfo:productpage-v1"_s)->flags.testFlag(NodeFlag::Outsider));
    QVERIFY(!only.node(u"wl:c2:bookinfo:reviews-v3"_s)->flags.testFlag(NodeFlag::Outsider));
}

void TestTelemetryGraph::grpc()
{
    const QString client = u"c1/shop/frontend-v1/frontend/v1"_s;
    const QString server = u"c1/shop/inventory-v1/inventory/v1"_s;
    QList<S> requests;
    S ok {{}, client, server, u"inventory.shop"_s, u"grpc"_s, u"200"_s, 8, u"-"_s, u"0"_s};
    S unavailable = ok;
    unavailable.value = 1;
    unavailable.grpcStatus = u"14"_s;
    S http503 = ok;
    http503.value = 1;
    http503.code = u"503"_s;
    http503.grpcStatus = u"14"_s;
    requests << both(ok) << both(unavailable) << both(http503);
    const Graph g
        = buildGraph({{TopologyMetric::Requests, answer(requests)}}, options(GraphType::Workload));
    const Edge *e
        = EDGE(g, u"svc:c1:shop:inventory"_s, u"wl:c1:shop:inventory-v1"_s, Protocol::Grpc);
    QVERIFY(e);
    QCOMPARE(*e->rates.grpc, 10.0);
    QCOMPARE(*e->rates.grpcErr, 2.0);
    QCOMPARE(*e->rates.grpcPercentErr, 20.0);
    QVERIFY(!e->rates.http);
    QCOMPARE(e->responses.keys(), (QList<QString> {u"0"_s, u"14"_s, u"503"_s}));
    QCOMPARE(e->health, Health::Failure); // gRPC errors like 5xx: 10 % and more fail
    QCOMPARE(e->healthReasons.size(), 2); // the gRPC status and the HTTP 503
    QCOMPARE(g.node(u"wl:c1:shop:inventory-v1"_s)->health, Health::Failure);
}

void TestTelemetryGraph::tcpBothReporters()
{
    const QString reviews = kReviews2;
    const QString mysql = u"c1/data/mysqldb-v1/mysqldb/v1"_s;
    QList<S> tcp;
    tcp << both({{}, reviews, mysql, u"mysqldb.data"_s, u"tcp"_s, {}, 1000});
    S mtls {u"destination"_s, reviews, mysql, u"mysqldb.data"_s, u"tcp"_s, {}, 1000};
    mtls.extra = {{u"connection_security_policy"_s, u"mutual_tls"_s}};
    const Graph g = buildGraph(
        {{TopologyMetric::Tcp, answer(tcp)}, {TopologyMetric::MtlsTcp, answer({mtls})}},
        options(GraphType::Workload));
    const Edge *e
        = EDGE(g, u"wl:c1:bookinfo:reviews-v2"_s, u"svc:c1:data:mysqldb"_s, Protocol::Tcp);
    QVERIFY(e);
    QCOMPARE(*e->rates.tcp, 1000.0);
    QVERIFY(!e->rates.http);
    QCOMPARE(*e->mtlsPercent, 100.0);
    QCOMPARE(e->health, Health::Healthy);
    QCOMPARE(*g.node(u"wl:c1:data:mysqldb-v1"_s)->inbound.tcp, 1000.0);
}

void TestTelemetryGraph::bothReportersAndFaultAbort()
{
    // A fault abort is reported by the source only (the request never reached the server).
    QList<S> requests
        = both({{}, kProductpage, kRatings, u"ratings.bookinfo"_s, u"http"_s, u"200"_s, 5});
    requests << S {
        u"source"_s, kProductpage, u"unknown"_s, u"ratings.bookinfo"_s, u"http"_s, u"503"_s,
        5,           u"FI"_s};
    // A destination without sidecar: the source's report is all there is.
    requests << S {u"source"_s, kProductpage, kDetails, u"details.bookinfo"_s,
                   u"http"_s,   u"200"_s,     3};
    const Graph g
        = buildGraph({{TopologyMetric::Requests, answer(requests)}}, options(GraphType::Workload));
    const Edge *toSvc = EDGE(g, u"wl:c1:bookinfo:productpage-v1"_s, u"svc:c1:bookinfo:ratings"_s);
    QVERIFY(toSvc);
    QCOMPARE(*toSvc->rates.http, 10.0);
    QCOMPARE(*toSvc->rates.http5xx, 5.0);
    QCOMPARE(*toSvc->rates.httpPercentErr, 50.0);
    QCOMPARE(toSvc->responses.value(u"503"_s).flags.value(u"FI"_s), 5.0);
    QCOMPARE(toSvc->health, Health::Failure);
    const Edge *toWl = EDGE(g, u"svc:c1:bookinfo:ratings"_s, u"wl:c1:bookinfo:ratings-v1"_s);
    QVERIFY(toWl);
    QCOMPARE(*toWl->rates.http, 5.0);
    QCOMPARE(toWl->health, Health::Healthy);
    QCOMPARE(*EDGE(g, u"svc:c1:bookinfo:details"_s, u"wl:c1:bookinfo:details-v1"_s)->rates.http,
             3.0);
}

void TestTelemetryGraph::serviceEntries()
{
    QList<S> requests;
    requests << S {
        u"source"_s, kProductpage, u"unknown"_s, u"api.example.com"_s, u"http"_s, u"200"_s, 2};
    S passthrough {
        u"source"_s, kProductpage, u"unknown"_s, u"PassthroughCluster"_s, u"http"_s, u"200"_s, 1};
    requests << passthrough;
    // An IP address as service name, without workload: skipped as Kiali does.
    S ip {u"source"_s, kProductpage, u"unknown"_s, u"10.0.0.7:8080"_s, u"http"_s, u"200"_s, 1};
    requests << ip;
    const TopologyAnswers answers {{TopologyMetric::Requests, answer(requests)}};
    const Graph g = buildGraph(answers, options(GraphType::Workload));
    const Node *ext = g.node(u"svc:c1::api.example.com"_s);
    QVERIFY(ext);
    QCOMPARE(ext->type, NodeType::ServiceEntry);
    QCOMPARE(ext->hosts, QStringList {u"api.example.com"_s});
    QCOMPARE(*EDGE(g, u"wl:c1:bookinfo:productpage-v1"_s, ext->id)->rates.http, 2.0);
    const Node *pt = g.node(u"svc:c1::PassthroughCluster"_s);
    QVERIFY(pt);
    QCOMPARE(pt->type, NodeType::ServiceEntry);
    QCOMPARE(g.nodes.size(), 3);
    QCOMPARE(g.warnings.size(), 1); // the skipped series
    // A ServiceEntry in the live config names the node's hosts.
    md::istio::Value se = md::istio::Value::fromJson(QJsonObject {
        {u"kind"_s, u"ServiceEntry"_s},
        {u"metadata"_s, QJsonObject {{u"name"_s, u"ext"_s}, {u"namespace"_s, u"bookinfo"_s}}},
        {u"spec"_s,
         QJsonObject {{u"hosts"_s, QJsonArray {u"api.example.com"_s, u"api2.example.com"_s}}}}});
    Graph withConfig = g;
    applyLiveConfig(withConfig, LiveConfig {{se}, {}, {}}, options(GraphType::Workload));
    QCOMPARE(withConfig.node(ext->id)->hosts,
             (QStringList {u"api.example.com"_s, u"api2.example.com"_s}));
}

namespace {

TopologyAnswers ambientAnswers()
{
    const QString client = u"c1/shop/client-v1/client/v1"_s;
    const QString server = u"c1/shop/server-v1/server/v1"_s;
    const QString waypoint = u"c1/shop/waypoint/waypoint/latest"_s;
    const QString db = u"c1/shop/db-v1/db/v1"_s;
    QList<S> requests;
    requests << S {u"waypoint"_s, client, server, u"server.shop"_s, u"http"_s, u"200"_s, 9};
    requests << S {u"waypoint"_s, client, server, u"server.shop"_s, u"http"_s, u"500"_s, 1};
    const QJsonObject z {{u"app"_s, u"ztunnel"_s}};
    QList<S> tcp;
    for (const QString &reporter : {u"source"_s, u"destination"_s}) {
        S hop1 {reporter, client, waypoint, u"server.shop"_s, u"tcp"_s, {}, 3000};
        hop1.extra = z;
        S hop2 {reporter, waypoint, server, u"server.shop"_s, u"tcp"_s, {}, 3000};
        hop2.extra = z;
        // ztunnel's L4 view of the same traffic client -> server: must not double the edge.
        S same {reporter, client, server, u"server.shop"_s, u"tcp"_s, {}, 3000};
        same.extra = z;
        S direct {reporter, client, db, u"db.shop"_s, u"tcp"_s, {}, 700};
        direct.extra = z;
        tcp << hop1 << hop2 << same << direct;
    }
    return {{TopologyMetric::Requests, answer(requests)}, {TopologyMetric::Tcp, answer(tcp)}};
}

} // namespace

void TestTelemetryGraph::ambient()
{
    const Graph g = buildGraph(ambientAnswers(), options(GraphType::Workload));
    const QString client = u"wl:c1:shop:client-v1"_s;
    const QString server = u"wl:c1:shop:server-v1"_s;
    const QString waypoint = u"wl:c1:shop:waypoint"_s;
    const Edge *l7 = EDGE(g, client, server);
    QVERIFY(l7);
    QCOMPARE(*l7->rates.http, 10.0);
    QCOMPARE(*l7->rates.http5xx, 1.0);
    QCOMPARE(l7->health, Health::Failure);
    QCOMPARE(l7->waypoint, waypoint);
    QCOMPARE(*l7->mtlsPercent, 100.0);
    QVERIFY(!edge(g, client, server, Protocol::Tcp)); // no doubled edge
    QVERIFY(!g.node(u"svc:c1:shop:server"_s)); // no service node through a waypoint
    const Node *w = g.node(waypoint);
    QVERIFY(w);
    QVERIFY(w->flags.testFlag(NodeFlag::Waypoint));
    QCOMPARE(*EDGE(g, client, waypoint, Protocol::Tcp)->rates.tcp, 3000.0);
    QCOMPARE(*EDGE(g, waypoint, server, Protocol::Tcp)->rates.tcp, 3000.0);
    QCOMPARE(*EDGE(g, u"svc:c1:shop:db"_s, u"wl:c1:shop:db-v1"_s, Protocol::Tcp)->rates.tcp, 700.0);
    QCOMPARE(g.edges.size(), 5);

    TopologyOptions hidden = options(GraphType::Workload);
    hidden.showWaypoints = false;
    const Graph h = buildGraph(ambientAnswers(), hidden);
    QVERIFY(!h.node(waypoint));
    QVERIFY(EDGE(h, client, server));
    QCOMPARE(h.edges.size(), 3);

    // App graph: the waypoint stays a workload node.
    const Graph a = buildGraph(ambientAnswers(), options(GraphType::App));
    QVERIFY(a.node(waypoint));
    QVERIFY(EDGE(a, u"app:c1:shop:client"_s, u"app:c1:shop:server"_s));
}

void TestTelemetryGraph::ambientReporterFilter()
{
    const QString client = u"wl:c1:shop:client-v1"_s;
    const QString server = u"wl:c1:shop:server-v1"_s;
    TopologyOptions o = options(GraphType::Workload);
    o.reporters = Reporter::Ztunnel;
    const Graph z = buildGraph(ambientAnswers(), o);
    QVERIFY(!edge(z, client, server, Protocol::Http));
    QVERIFY(EDGE(z, client, u"svc:c1:shop:server"_s, Protocol::Tcp)); // L4 only now
    o.reporters = Reporter::Waypoint;
    const Graph w = buildGraph(ambientAnswers(), o);
    QCOMPARE(w.edges.size(), 1);
    QVERIFY(EDGE(w, client, server));
    o.reporters = Reporter::Sidecar;
    QCOMPARE(buildGraph(ambientAnswers(), o).edges.size(), 0);
    // The queries ask only for what the filter keeps.
    const QString tcpQuery = topologyQueries(o).at(1).promql;
    QVERIFY2(tcpQuery.contains(u"app!=\"ztunnel\""_s), qPrintable(tcpQuery));
    QVERIFY(!topologyQueries(o).at(0).promql.contains(u"waypoint"_s));
}

void TestTelemetryGraph::idle()
{
    QList<S> requests
        = both({{}, kProductpage, kDetails, u"details.bookinfo"_s, u"http"_s, u"200"_s, 5});
    requests << both({{}, kProductpage, kRatings, u"ratings.bookinfo"_s, u"http"_s, u"200"_s, 0});
    const TopologyAnswers answers {{TopologyMetric::Requests, answer(requests)}};
    const Graph busy = buildGraph(answers, options(GraphType::Workload));
    QVERIFY(!busy.node(u"wl:c1:bookinfo:ratings-v1"_s));
    TopologyOptions o = options(GraphType::Workload);
    o.includeIdle = true;
    const Graph g = buildGraph(answers, o);
    const Node *ratings = g.node(u"wl:c1:bookinfo:ratings-v1"_s);
    QVERIFY(ratings);
    QVERIFY(ratings->flags.testFlag(NodeFlag::Idle));
    const Edge *e = EDGE(g, u"svc:c1:bookinfo:ratings"_s, ratings->id);
    QVERIFY(e);
    QVERIFY(e->idle);
    QCOMPARE(*e->rates.http, 0.0); // zero, not absent
    QCOMPARE(e->health, Health::NoData);
    QVERIFY(!g.node(u"wl:c1:bookinfo:productpage-v1"_s)->flags.testFlag(NodeFlag::Idle));
    QVERIFY(!topologyQueries(o).at(0).promql.endsWith(u"> 0"_s));
    QVERIFY(topologyQueries(options(GraphType::Workload)).at(0).promql.endsWith(u"> 0"_s));
}

void TestTelemetryGraph::labelsThatJoinAlike()
{
    // The builder keys nodes by interned label values: values that read alike when joined
    // naively, or one value in another field, must stay apart (each edge its own power of two).
    const QString caller = u"c1/shop/caller-v1/caller/v1"_s;
    const QList<std::pair<QString, double>> targets {
        {u"c1/ns/w1/a-b/c"_s, 1}, // app "a-b" version "c"
        {u"c1/ns/w2/a/b-c"_s, 2}, // app "a" version "b-c"
        {u"c1/x-y/z/p/v1"_s, 4}, // namespace "x-y" workload "z"
        {u"c1/x/y-z/q/v1"_s, 8}, // namespace "x" workload "y-z"
        {u"c1/ns/w3/b/a"_s, 16}, // app "b" version "a": the values of app "a" swapped
        {u"c1/a/b/r/v1"_s, 32}, // namespace "a" workload "b"
        {u"c1/b/a/s/v1"_s, 64}, // namespace "b" workload "a"
        {u"c2/c1/w/t/v1"_s, 128}, // cluster "c2" namespace "c1"
        {u"c1/c2/w/u/v1"_s, 256}, // cluster "c1" namespace "c2"
    };
    QList<S> requests;
    for (const auto &[target, rate] : targets) {
        const QString ns = target.section(u'/', 1, 1);
        requests << both({{},
                          caller,
                          target,
                          target.section(u'/', 3, 3) + u'.' + ns,
                          u"http"_s,
                          u"200"_s,
                          rate});
    }
    const TopologyAnswers answers {{TopologyMetric::Requests, answer(requests)}};

    TopologyOptions o = options(GraphType::VersionedApp);
    o.injectServiceNodes = false;
    const Graph v = buildGraph(answers, o);
    const Node *caller1 = v.node(u"vapp:c1:shop:caller:v1"_s);
    QVERIFY(caller1);
    auto rateTo = [&](const Graph &g, const QString &id) {
        const QString from = caller1 ? caller1->id : QString();
        const Edge *e = EDGE(g, from, id);
        return e ? e->rates.http.value_or(-1) : -1.0;
    };
    const Node *ab = v.node(u"vapp:c1:ns:a-b:c"_s);
    const Node *a = v.node(u"vapp:c1:ns:a:b-c"_s);
    const Node *b = v.node(u"vapp:c1:ns:b:a"_s);
    QVERIFY(ab && a && b);
    QCOMPARE(ab->app, u"a-b"_s);
    QCOMPARE(ab->version, u"c"_s);
    QCOMPARE(a->app, u"a"_s);
    QCOMPARE(a->version, u"b-c"_s);
    QCOMPARE(b->app, u"b"_s);
    QCOMPARE(b->version, u"a"_s);
    QCOMPARE(rateTo(v, ab->id), 1.0);
    QCOMPARE(rateTo(v, a->id), 2.0);
    QCOMPARE(rateTo(v, b->id), 16.0);
    QCOMPARE(v.nodes.size(), targets.size() + 1);
    QCOMPARE(v.edges.size(), targets.size());

    o.graphType = GraphType::Workload;
    const Graph w = buildGraph(answers, o);
    caller1 = w.node(u"wl:c1:shop:caller-v1"_s);
    QVERIFY(caller1);
    const QList<std::tuple<QString, QString, QString, QString, double>> workloads {
        {u"wl:c1:x-y:z"_s, u"c1"_s, u"x-y"_s, u"z"_s, 4},
        {u"wl:c1:x:y-z"_s, u"c1"_s, u"x"_s, u"y-z"_s, 8},
        {u"wl:c1:a:b"_s, u"c1"_s, u"a"_s, u"b"_s, 32},
        {u"wl:c1:b:a"_s, u"c1"_s, u"b"_s, u"a"_s, 64},
        {u"wl:c2:c1:w"_s, u"c2"_s, u"c1"_s, u"w"_s, 128},
        {u"wl:c1:c2:w"_s, u"c1"_s, u"c2"_s, u"w"_s, 256},
    };
    for (const auto &[id, cluster, ns, workload, rate] : workloads) {
        const Node *n = w.node(id);
        QVERIFY2(n, qPrintable(id));
        QCOMPARE(n->cluster, cluster);
        QCOMPARE(n->namespaceName, ns);
        QCOMPARE(n->workload, workload);
        QCOMPARE(rateTo(w, id), rate);
    }
    QCOMPARE(w.nodes.size(), targets.size() + 1);
    QCOMPARE(w.edges.size(), targets.size());

    // With service nodes: services named alike in different namespaces stay apart too.
    o.injectServiceNodes = true;
    const Graph s = buildGraph(answers, o);
    QVERIFY(s.node(u"svc:c1:a:r"_s));
    QVERIFY(s.node(u"svc:c1:b:s"_s));
    const Edge *toR = EDGE(s, u"svc:c1:a:r"_s, u"wl:c1:a:b"_s);
    const Edge *toS = EDGE(s, u"svc:c1:b:s"_s, u"wl:c1:b:a"_s);
    QVERIFY(toR && toS);
    QCOMPARE(*toR->rates.http, 32.0);
    QCOMPARE(*toS->rates.http, 64.0);
    QCOMPARE(s.nodes.size(), 2 * targets.size() + 1);
}

void TestTelemetryGraph::healthThresholds_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("errors"); // of 100 requests
    QTest::addColumn<int>("expected");
    QTest::newRow("no errors") << u"500"_s << 0.0 << int(Health::Healthy);
    QTest::newRow("one 5xx") << u"500"_s << 0.5 << int(Health::Degraded);
    QTest::newRow("9.9% 5xx") << u"503"_s << 9.9 << int(Health::Degraded);
    QTest::newRow("10% 5xx") << u"503"_s << 10.0 << int(Health::Failure);
    QTest::newRow("9% 4xx") << u"404"_s << 9.0 << int(Health::Healthy);
    QTest::newRow("10% 4xx") << u"403"_s << 10.0 << int(Health::Degraded);
    QTest::newRow("19% 4xx") << u"429"_s << 19.0 << int(Health::Degraded);
    QTest::newRow("20% 4xx") << u"401"_s << 20.0 << int(Health::Failure);
    QTest::newRow("3xx") << u"301"_s << 50.0 << int(Health::Healthy);
    QTest::newRow("no response") << u"0"_s << 1.0 << int(Health::Degraded);
    QTest::newRow("10% no response") << u"0"_s << 10.0 << int(Health::Failure);
}

void TestTelemetryGraph::healthThresholds()
{
    QFETCH(QString, code);
    QFETCH(double, errors);
    QFETCH(int, expected);
    QList<S> requests = both(
        {{}, kProductpage, kDetails, u"details.bookinfo"_s, u"http"_s, u"200"_s, 100 - errors});
    if (errors > 0)
        requests << both(
            {{}, kProductpage, kDetails, u"details.bookinfo"_s, u"http"_s, code, errors});
    const TopologyAnswers answers {{TopologyMetric::Requests, answer(requests)}};
    Graph g = buildGraph(answers, options(GraphType::Workload));
    const QString source = u"wl:c1:bookinfo:productpage-v1"_s;
    QCOMPARE(int(EDGE(g, source, u"svc:c1:bookinfo:details"_s)->health), expected);
    // Configurable: stricter 4xx and 5xx tolerances.
    HealthConfig strict;
    strict.tolerances = {
        {u"4XX"_s, u"http"_s, 1, 5}, {u"5XX"_s, u"http"_s, 0, 1}, {u"^-$"_s, u"http|grpc"_s, 0, 1}};
    computeHealth(g, strict);
    const Edge *e = EDGE(g, source, u"svc:c1:bookinfo:details"_s);
    if (errors >= 5 && !code.startsWith(u'3'))
        QCOMPARE(e->health, Health::Failure);
    if (errors == 0 || code.startsWith(u'3'))
        QCOMPARE(e->health, Health::Healthy);
}

void TestTelemetryGraph::histogramQuantile()
{
    using B = QList<std::pair<double, double>>;
    const double inf = std::numeric_limits<double>::infinity();
    QVERIFY(!md::telemetry::histogramQuantile(0.5, B {{10, 0}, {inf, 0}}));
    QCOMPARE(*md::telemetry::histogramQuantile(0.5, B {{10, 4}, {20, 8}, {inf, 8}}), 10.0);
    QCOMPARE(*md::telemetry::histogramQuantile(0.75, B {{10, 4}, {20, 8}, {inf, 8}}), 15.0);
    QCOMPARE(*md::telemetry::histogramQuantile(0.25, B {{10, 4}, {20, 8}, {inf, 8}}), 5.0);
    // In the +Inf bucket: the highest finite bound.
    QCOMPARE(*md::telemetry::histogramQuantile(0.99, B {{10, 4}, {20, 8}, {inf, 10}}), 20.0);
}

void TestTelemetryGraph::queries()
{
    TopologyOptions o = options(GraphType::Workload);
    o.duration = std::chrono::seconds(300);
    o.scope = u"mesh_id=\"mesh1\""_s;
    const QList<TopologyQuery> q = topologyQueries(o);
    QCOMPARE(q.size(), 8);
    const QString requests = q.at(0).promql;
    QCOMPARE(q.at(0).metric, TopologyMetric::Requests);
    // One mesh-wide query: no namespace in it.
    QVERIFY(!requests.contains(u"namespace=\""_s));
    QVERIFY(requests.startsWith(
        u"round(sum(rate(istio_requests_total{reporter=~\"source|destination|waypoint\",mesh_id=\"mesh1\"}[300s])) by (reporter,source_cluster,"_s));
    QVERIFY(requests.contains(
        u"request_protocol,response_code,grpc_response_status,response_flags),0.001) > 0"_s));
    QVERIFY(q.at(1).promql.contains(u"istio_tcp_received_bytes_total"_s));
    QVERIFY(q.at(1).promql.contains(u"by (reporter,app,"_s));
    QVERIFY(q.at(2).promql.contains(u"istio_request_duration_milliseconds_bucket"_s));
    QVERIFY(q.at(2).promql.contains(u"by (le,reporter,"_s));
}

void TestTelemetryGraph::json()
{
    const Graph g = buildGraph(bookinfo(), options(GraphType::Workload));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(graphToJson(g), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root.keys(), (QStringList {u"edges"_s, u"graphType"_s, u"nodes"_s}));
    QCOMPARE(root.value(u"graphType"_s).toString(), u"workload"_s);
    const QJsonArray nodes = root.value(u"nodes"_s).toArray();
    QCOMPARE(nodes.size(), g.nodes.size());
    QCOMPARE(nodes.first().toObject().keys(),
             (QStringList {u"app"_s, u"cluster"_s, u"id"_s, u"namespace"_s, u"service"_s, u"type"_s,
                           u"version"_s, u"workload"_s}));
    bool found = false;
    for (const QJsonValue &v : root.value(u"edges"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(u"target"_s) != u"svc:c1:bookinfo:details"_s)
            continue;
        found = true;
        QCOMPARE(e.value(u"protocol"_s).toString(), u"http"_s);
        const QJsonObject rates = e.value(u"rates"_s).toObject();
        QCOMPARE(rates.keys(), (QStringList {u"http"_s, u"http4xx"_s, u"httpPercentErr"_s}));
        QVERIFY(rates.value(u"http"_s).isDouble());
        QCOMPARE(rates.value(u"http"_s).toDouble(), 10.0);
        QCOMPARE(e.value(u"responseTime"_s).toObject().value(u"p95"_s).toDouble(), 50.0);
        QCOMPARE(e.value(u"mtlsPercent"_s).toDouble(), 90.0);
    }
    QVERIFY(found);
    const QByteArray dot = graphToDot(g);
    QVERIFY(dot.startsWith("digraph topology {"));
    QVERIFY(dot.contains("\"wl:c1:bookinfo:productpage-v1\" -> \"svc:c1:bookinfo:details\""));
    QVERIFY(dot.contains("label=\"bookinfo\""));
    QCOMPARE(graphTypeFromName(u"versionedApp"_s), GraphType::VersionedApp);
    QVERIFY(!graphTypeFromName(u"nope"_s));
}

void TestTelemetryGraph::badges()
{
    auto json = [](const char *text) {
        return md::istio::Value::fromJson(QJsonDocument::fromJson(text).object());
    };
    LiveConfig config;
    config.istioObjects << json(
        R"({"kind":"VirtualService","metadata":{"name":"reviews","namespace":"bookinfo"},
        "spec":{"hosts":["reviews"],"http":[{"route":[{"destination":{"host":"reviews","subset":"v1"},"weight":50},
        {"destination":{"host":"reviews","subset":"v3"},"weight":50}],"timeout":"2s"}]}})");
    config.istioObjects << json(
        R"({"kind":"VirtualService","metadata":{"name":"ratings","namespace":"bookinfo"},
        "spec":{"hosts":["ratings.bookinfo.svc.cluster.local"],"http":[{"fault":{"abort":{"httpStatus":500,"percentage":{"value":50}}},
        "mirror":{"host":"ratings-shadow"},"route":[{"destination":{"host":"ratings"}}]}]}})");
    config.istioObjects << json(
        R"({"kind":"DestinationRule","metadata":{"name":"details","namespace":"bookinfo"},
        "spec":{"host":"details","trafficPolicy":{"outlierDetection":{"consecutive5xxErrors":3}}}})");
    config.istioObjects << json(
        R"({"kind":"Gateway","metadata":{"name":"gw","namespace":"istio-system"},
        "spec":{"selector":{"istio":"ingressgateway"},"servers":[]}})");
    config.pods << json(
        R"({"metadata":{"name":"details-v1-abc","namespace":"bookinfo","labels":{"app":"details"},
        "ownerReferences":[{"kind":"Deployment","name":"details-v1"}]},"spec":{"containers":[{"name":"details"}]}})");
    config.pods << json(
        R"({"metadata":{"name":"reviews-v1-5d8c-x1","namespace":"bookinfo","labels":{"app":"reviews","version":"v1"},
        "ownerReferences":[{"kind":"ReplicaSet","name":"reviews-v1-5d8c"}]},"spec":{"containers":[{"name":"reviews"},{"name":"istio-proxy"}]}})");
    config.pods << json(
        R"({"metadata":{"name":"gw-1","namespace":"istio-system","labels":{"istio":"ingressgateway"},
        "ownerReferences":[{"kind":"Deployment","name":"istio-ingressgateway"}]},"spec":{"containers":[{"name":"istio-proxy"}]}})");
    config.pods << json(
        R"({"metadata":{"name":"idle-1","namespace":"bookinfo","labels":{"app":"idle"},
        "ownerReferences":[{"kind":"Deployment","name":"idle-v1"}]},"spec":{"containers":[{"name":"istio-proxy"}]}})");

    Graph g = buildGraph(bookinfo(), options(GraphType::Workload));
    TopologyOptions o = options(GraphType::Workload);
    o.includeIdle = true;
    applyLiveConfig(g, config, o);
    const Badges reviews = g.node(u"svc:c1:bookinfo:reviews"_s)->badges;
    QCOMPARE(reviews,
             Badges(Badge::VirtualService) | Badge::TrafficShifting | Badge::RequestTimeout);
    const Badges ratings = g.node(u"svc:c1:bookinfo:ratings"_s)->badges;
    QCOMPARE(ratings, Badges(Badge::VirtualService) | Badge::FaultInjection | Badge::Mirroring);
    QCOMPARE(g.node(u"svc:c1:bookinfo:details"_s)->badges, Badges(Badge::CircuitBreaker));
    QCOMPARE(g.node(u"wl:c1:bookinfo:details-v1"_s)->badges, Badges(Badge::MissingSidecar));
    QCOMPARE(g.node(u"wl:c1:bookinfo:reviews-v1"_s)->badges, Badges());
    QVERIFY(g.node(u"wl:c1:istio-system:istio-ingressgateway"_s)->badges.testFlag(Badge::Gateway));
    const Node *unused = g.node(u"wl:c1:bookinfo:idle-v1"_s);
    QVERIFY(unused);
    QVERIFY(unused->flags.testFlag(NodeFlag::Unused));

    // Without service nodes the workloads behind a service carry its badges.
    config.services << json(
        R"({"metadata":{"name":"reviews","namespace":"bookinfo"},"spec":{"selector":{"app":"reviews"}}})");
    TopologyOptions direct = options(GraphType::Workload);
    direct.injectServiceNodes = false;
    Graph d = buildGraph(bookinfo(), direct);
    applyLiveConfig(d, config, direct);
    QVERIFY(d.node(u"wl:c1:bookinfo:reviews-v1"_s)->badges.testFlag(Badge::TrafficShifting));
}

QTEST_GUILESS_MAIN(TestTelemetryGraph)
#include "tst_telemetry_graph.moc"

#include "core/translations.h"
#include "istio/document.h"
#include "services/meshservices.h"
#include "services/meshsummary.h"
#include "services/portprotocol.h"
#include "services/servicelistmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace md;
using namespace md::services;
using md::mesh::MeshCache;

namespace {

const QString A = QStringLiteral("cluster-a");
const QString B = QStringLiteral("cluster-b");

kube::ResourceRef ref(const QString &group, const QString &plural, const QString &kind)
{
    return {group, QStringLiteral("v1"), plural, true, kind};
}

MeshCache::Item item(const QString &group, const QString &plural, const QString &kind,
                     const QJsonObject &json)
{
    return {ref(group, plural, kind), kube::KubeObject::fromJsonObject(json)};
}

QJsonObject portJson(const QString &name, int port, const QString &appProtocol = {},
                     const QString &transport = QStringLiteral("TCP"))
{
    QJsonObject p {{"name", name}, {"port", port}, {"targetPort", port}, {"protocol", transport}};
    if (!appProtocol.isEmpty())
        p.insert("appProtocol", appProtocol);
    return p;
}

MeshCache::Item service(const QString &ns, const QString &name, const QJsonArray &ports,
                        const QJsonObject &selector, const QString &type = "ClusterIP")
{
    return item({}, "services", "Service",
                QJsonObject {{"metadata",
                              QJsonObject {{"name", name},
                                           {"namespace", ns},
                                           {"uid", QString(ns + name + type)},
                                           {"resourceVersion", "7"}}},
                             {"spec",
                              QJsonObject {{"type", type},
                                           {"clusterIP", "10.0.0.1"},
                                           {"selector", selector},
                                           {"ports", ports}}}});
}

MeshCache::Item pod(const QString &ns, const QString &name, const QJsonObject &labels,
                    bool injected, bool ready = true)
{
    QJsonArray containers {QJsonObject {{"name", "app"}, {"image", "example/app:1"}}};
    if (injected)
        containers.append(
            QJsonObject {{"name", "istio-proxy"}, {"image", "docker.io/istio/proxyv2:1.24.2"}});
    return item(
        {}, "pods", "Pod",
        QJsonObject {
            {"metadata",
             QJsonObject {{"name", name},
                          {"namespace", ns},
                          {"uid", QString(ns + name)},
                          {"labels", labels},
                          {"ownerReferences",
                           QJsonArray {QJsonObject {{"kind", "ReplicaSet"},
                                                    {"name", name.section('-', 0, 1)},
                                                    {"controller", true}}}}}},
            {"spec", QJsonObject {{"containers", containers}}},
            {"status",
             QJsonObject {{"phase", "Running"},
                          {"conditions",
                           QJsonArray {QJsonObject {{"type", "Ready"},
                                                    {"status", ready ? "True" : "False"}}}}}}});
}

MeshCache::Item endpoints(const QString &ns, const QString &name,
                          const QList<std::pair<QString, QString>> &ready,
                          const QList<std::pair<QString, QString>> &notReady = {})
{
    const auto list = [](const QList<std::pair<QString, QString>> &addresses) {
        QJsonArray a;
        for (const auto &[ip, pod] : addresses)
            a.append(QJsonObject {{"ip", ip},
                                  {"targetRef", QJsonObject {{"kind", "Pod"}, {"name", pod}}}});
        return a;
    };
    QJsonObject subset {{"addresses", list(ready)}, {"ports", QJsonArray {}}};
    if (!notReady.isEmpty())
        subset.insert("notReadyAddresses", list(notReady));
    return item(
        {}, "endpoints", "Endpoints",
        QJsonObject {
            {"metadata",
             QJsonObject {{"name", name}, {"namespace", ns}, {"uid", QString("ep" + ns + name)}}},
            {"subsets", QJsonArray {subset}}});
}

const QJsonObject Reviews {{"app", "reviews"}};

// reviews in two clusters: v1 (ready) in A, v2 (one ready, one not) in B.
MeshCache::Snapshot twoClusters(const QJsonArray &portsA, const QJsonArray &portsB,
                                const QJsonObject &selectorB = Reviews,
                                const QString &typeB = "ClusterIP", bool injectB = true)
{
    MeshCache::Snapshot s;
    s[A] << service("bookinfo", "reviews", portsA, Reviews)
         << pod("bookinfo", "reviews-v1-abc", {{"app", "reviews"}, {"version", "v1"}}, true)
         << endpoints("bookinfo", "reviews", {{"10.1.0.1", "reviews-v1-abc"}});
    s[B] << service("bookinfo", "reviews", portsB, selectorB, typeB)
         << pod("bookinfo", "reviews-v2-def", {{"app", "reviews"}, {"version", "v2"}}, injectB)
         << pod("bookinfo", "reviews-v2-ghi", {{"app", "reviews"}, {"version", "v2"}}, injectB,
                false)
         << endpoints("bookinfo", "reviews", {{"10.2.0.1", "reviews-v2-def"}},
                      {{"10.2.0.2", "reviews-v2-ghi"}});
    return s;
}

const QJsonArray Http9080 {portJson("http", 9080)};

} // namespace

class tst_MeshServices : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { md::installTranslations(QLocale(QLocale::English)); }
    void protocolSelection_data();
    void protocolSelection();
    void sameNameAndNamespaceIsOneService();
    void normal();
    void portsDifferingIsAbnormal();
    void portMissingInOneClusterIsAbnormal();
    void appProtocolDifferingIsAbnormal();
    void selectorsDifferingIsAbnormal();
    void exposureDifferingIsAbnormal();
    void noPodInjectedIsAbnormal();
    void somePodsNotInjectedIsWarning();
    void noPodsIsWarning();
    void externalNameNeedsNoPods();
    void systemNamespaces();
    void portNames_data();
    void portNames();
    void portProtocolEdit();
    void portProtocolEditErrors();
    void summary();
    void listAndFilterModels();
};

void tst_MeshServices::protocolSelection_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("appProtocol");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("source");
    const auto row = [](const char *tag, int port, const char *transport, const char *name,
                        const char *app, PortProtocol p, ProtocolSource s) {
        QTest::newRow(tag) << port << QString::fromLatin1(transport) << QString::fromLatin1(name)
                           << QString::fromLatin1(app) << int(p) << int(s);
    };
    row("http", 9080, "TCP", "http", "", PortProtocol::Http, ProtocolSource::PortName);
    row("http-suffix", 9080, "TCP", "http-web", "", PortProtocol::Http, ProtocolSource::PortName);
    row("upper case", 80, "TCP", "HTTP2-x", "", PortProtocol::Http2, ProtocolSource::PortName);
    row("grpc-web", 8080, "TCP", "grpc-web-ui", "", PortProtocol::GrpcWeb,
        ProtocolSource::PortName);
    row("grpc", 50051, "TCP", "grpc", "", PortProtocol::Grpc, ProtocolSource::PortName);
    row("tcp-mysql", 3306, "TCP", "tcp-mysql", "", PortProtocol::Tcp, ProtocolSource::PortName);
    row("tls", 443, "TCP", "tls-passthrough", "", PortProtocol::Tls, ProtocolSource::PortName);
    row("https", 443, "TCP", "https", "", PortProtocol::Https, ProtocolSource::PortName);
    row("mongo", 27017, "TCP", "mongo", "", PortProtocol::Mongo, ProtocolSource::PortName);
    row("redis", 6379, "TCP", "redis-cache", "", PortProtocol::Redis, ProtocolSource::PortName);
    row("no prefix sniffed", 8080, "TCP", "web", "", PortProtocol::Auto, ProtocolSource::None);
    row("prefix needs a dash", 8080, "TCP", "httpweb", "", PortProtocol::Auto,
        ProtocolSource::None);
    row("unnamed", 8080, "TCP", "", "", PortProtocol::Auto, ProtocolSource::None);
    row("appProtocol wins", 8080, "TCP", "http", "grpc", PortProtocol::Grpc,
        ProtocolSource::AppProtocol);
    row("appProtocol h2c", 8080, "TCP", "", "kubernetes.io/h2c", PortProtocol::Http2,
        ProtocolSource::AppProtocol);
    row("udp transport", 53, "UDP", "http", "", PortProtocol::Udp, ProtocolSource::TransportUdp);
    row("udp name is not udp", 8080, "TCP", "udp-x", "", PortProtocol::Auto, ProtocolSource::None);
    row("well-known mysql", 3306, "TCP", "db", "", PortProtocol::Tcp,
        ProtocolSource::WellKnownPort);
    row("well-known smtp", 25, "TCP", "", "", PortProtocol::Tcp, ProtocolSource::WellKnownPort);
}

void tst_MeshServices::protocolSelection()
{
    QFETCH(int, port);
    QFETCH(QString, transport);
    QFETCH(QString, name);
    QFETCH(QString, appProtocol);
    QFETCH(int, protocol);
    QFETCH(int, source);
    const SelectedProtocol s = selectProtocol(port, transport, name, appProtocol);
    QCOMPARE(protocolName(s.protocol), protocolName(PortProtocol(protocol)));
    QCOMPARE(int(s.source), source);
}

void tst_MeshServices::sameNameAndNamespaceIsOneService()
{
    MeshCache::Snapshot s = twoClusters(Http9080, Http9080);
    // Same name, another namespace: another service.
    s[B] << service("shop", "reviews", Http9080, Reviews);
    const QList<MeshService> services = aggregateServices(s, {B, A});
    QCOMPARE(services.size(), 2);
    const MeshService &reviews = services.at(0);
    QCOMPARE(reviews.key(), QStringLiteral("bookinfo/reviews"));
    QCOMPARE(reviews.contexts(), (QStringList {B, A})); // in the mesh's order
    QCOMPARE(reviews.versions(), (QStringList {"v1", "v2"}));
    QCOMPARE(reviews.sidecarVersions(), QStringList {"1.24.2"});
    QCOMPARE(reviews.podCount(), 3);
    QCOMPARE(reviews.injectedCount(), 3);
    QCOMPARE(reviews.portsSummary(), QStringLiteral("9080/HTTP"));
    const ClusterService *b = reviews.cluster(B);
    QVERIFY(b);
    QCOMPARE(b->endpoints.size(), 2);
    QCOMPARE(b->readyEndpoints(), 1);
    QCOMPARE(b->endpoints.at(1).pod, QStringLiteral("reviews-v2-ghi"));
    QVERIFY(!b->endpoints.at(1).ready);
    QCOMPARE(b->selectorText(), QStringLiteral("app=reviews"));
    QCOMPARE(b->resourceVersion, QStringLiteral("7"));
    QCOMPARE(services.at(1).key(), QStringLiteral("shop/reviews"));
    QCOMPARE(services.at(1).contexts(), QStringList {B});
}

void tst_MeshServices::normal()
{
    const QList<MeshService> services = aggregateServices(twoClusters(Http9080, Http9080), {A, B});
    QCOMPARE(services.size(), 1);
    QCOMPARE(services.first().diagnosis, Diagnosis::Normal);
    QVERIFY(services.first().reasons.isEmpty());
}

void tst_MeshServices::portsDifferingIsAbnormal()
{
    const QList<MeshService> services
        = aggregateServices(twoClusters(Http9080, QJsonArray {portJson("tcp", 9080)}), {A, B});
    const MeshService &s = services.first();
    QCOMPARE(s.diagnosis, Diagnosis::Abnormal);
    QCOMPARE(s.reasons.size(), 2);
    QCOMPARE(s.reasons.at(0).text,
             QStringLiteral("Port 9080 is named http in cluster-a and tcp in cluster-b"));
    QCOMPARE(s.reasons.at(1).text,
             QStringLiteral("Istio reads port 9080 as HTTP in cluster-a and as TCP in cluster-b"));
    QCOMPARE(s.portsSummary(), QStringLiteral("9080/HTTP, 9080/TCP"));
}

void tst_MeshServices::portMissingInOneClusterIsAbnormal()
{
    const QJsonArray two {portJson("http", 9080), portJson("grpc-admin", 9090)};
    const MeshService s = aggregateServices(twoClusters(two, Http9080), {A, B}).first();
    QCOMPARE(s.diagnosis, Diagnosis::Abnormal);
    QCOMPARE(s.reasons.size(), 1);
    QCOMPARE(s.reasons.first().text,
             QStringLiteral("Port 9090 is in cluster-a but not in cluster-b"));
}

void tst_MeshServices::appProtocolDifferingIsAbnormal()
{
    const MeshService s
        = aggregateServices(twoClusters(Http9080, QJsonArray {portJson("http", 9080, "http2")}),
                            {A, B})
              .first();
    QCOMPARE(s.diagnosis, Diagnosis::Abnormal);
    QCOMPARE(
        s.reasons.at(0).text,
        QStringLiteral("Port 9080 has appProtocol (none) in cluster-a and http2 in cluster-b"));
    QCOMPARE(
        s.reasons.at(1).text,
        QStringLiteral("Istio reads port 9080 as HTTP in cluster-a and as HTTP2 in cluster-b"));
}

void tst_MeshServices::selectorsDifferingIsAbnormal()
{
    const MeshService s
        = aggregateServices(
              twoClusters(Http9080, Http9080, QJsonObject {{"app", "reviews"}, {"version", "v2"}}),
              {A, B})
              .first();
    QCOMPARE(s.diagnosis, Diagnosis::Abnormal);
    QCOMPARE(s.reasons.size(), 1);
    QCOMPARE(
        s.reasons.first().text,
        QStringLiteral(
            "The selector is app=reviews in cluster-a and app=reviews,version=v2 in cluster-b"));
}

void tst_MeshServices::exposureDifferingIsAbnormal()
{
    const MeshService s
        = aggregateServices(twoClusters(Http9080, Http9080, Reviews, "LoadBalancer"), {A, B})
              .first();
    QCOMPARE(s.diagnosis, Diagnosis::Abnormal);
    QCOMPARE(s.reasons.size(), 1);
    QCOMPARE(s.reasons.first().text,
             QStringLiteral("The service is ClusterIP in cluster-a and LoadBalancer in cluster-b"));
}

void tst_MeshServices::noPodInjectedIsAbnormal()
{
    MeshCache::Snapshot s;
    s[A] << service("legacy", "batch", Http9080, {{"app", "batch"}})
         << pod("legacy", "batch-1-a", {{"app", "batch"}}, false)
         << pod("legacy", "batch-1-b", {{"app", "batch"}}, false);
    const MeshService m = aggregateServices(s, {A}).first();
    QCOMPARE(m.diagnosis, Diagnosis::Abnormal);
    QCOMPARE(m.reasons.first().text, QStringLiteral("None of its 2 pods has a sidecar"));
    QCOMPARE(m.injectedCount(), 0);
}

void tst_MeshServices::somePodsNotInjectedIsWarning()
{
    const MeshService s
        = aggregateServices(twoClusters(Http9080, Http9080, Reviews, "ClusterIP", false), {A, B})
              .first();
    QCOMPARE(s.diagnosis, Diagnosis::Warning);
    QCOMPARE(s.reasons.size(), 1);
    QCOMPARE(s.reasons.first().text,
             QStringLiteral("2 of 3 pods have no sidecar: reviews-v2-def (cluster-b), "
                            "reviews-v2-ghi (cluster-b)"));
}

void tst_MeshServices::noPodsIsWarning()
{
    MeshCache::Snapshot s;
    s[A] << service("shop", "payments", Http9080, {{"app", "payments"}});
    s[B] << service("shop", "payments", Http9080, {{"app", "payments"}});
    const MeshService m = aggregateServices(s, {A, B}).first();
    QCOMPARE(m.diagnosis, Diagnosis::Warning);
    QCOMPARE(m.reasons.first().text, QStringLiteral("No pod backs the service in any cluster"));
}

void tst_MeshServices::externalNameNeedsNoPods()
{
    MeshCache::Snapshot s;
    s[A] << service("shop", "bank", QJsonArray {portJson("https", 443)}, {}, "ExternalName");
    const MeshService m = aggregateServices(s, {A}).first();
    QCOMPARE(m.diagnosis, Diagnosis::Normal);
}

void tst_MeshServices::systemNamespaces()
{
    MeshCache::Snapshot s;
    s[A] << service("istio-system", "istiod", Http9080, {{"app", "istiod"}})
         << service("mesh-root", "x", Http9080, {{"app", "x"}})
         << service("bookinfo", "y", Http9080, {{"app", "y"}});
    const QList<MeshService> list = aggregateServices(s, {A}, "mesh-root");
    QCOMPARE(list.size(), 3);
    QVERIFY(!list.at(0).system); // bookinfo/y
    QVERIFY(list.at(1).system); // istio-system/istiod
    QVERIFY(list.at(2).system); // mesh-root/x
}

void tst_MeshServices::portNames_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QString>("oldName");
    QTest::addColumn<QStringList>("others");
    QTest::addColumn<QString>("expected");
    QTest::newRow("suffix kept") << int(PortProtocol::Tcp) << "http-web" << QStringList()
                                 << "tcp-web";
    QTest::newRow("suffix that would change the protocol")
        << int(PortProtocol::Grpc) << "http-web" << QStringList() << "grpc";
    QTest::newRow("no prefix: name is the suffix")
        << int(PortProtocol::Http) << "web" << QStringList() << "http-web";
    QTest::newRow("empty") << int(PortProtocol::Tcp) << "" << QStringList() << "tcp";
    QTest::newRow("plain") << int(PortProtocol::Tcp) << "http" << QStringList() << "tcp";
    QTest::newRow("grpc-web prefix")
        << int(PortProtocol::Http) << "grpc-web-ui" << QStringList() << "http-ui";
    QTest::newRow("taken") << int(PortProtocol::Http) << "tcp" << QStringList {"http"} << "http-2";
}

void tst_MeshServices::portNames()
{
    QFETCH(int, protocol);
    QFETCH(QString, oldName);
    QFETCH(QStringList, others);
    QFETCH(QString, expected);
    const QString name = portNameFor(PortProtocol(protocol), oldName, others);
    QCOMPARE(name, expected);
    QCOMPARE(selectProtocol(8080, "TCP", name, {}).protocol, PortProtocol(protocol));
}

void tst_MeshServices::portProtocolEdit()
{
    const auto parsed = istio::parseValue(R"({"apiVersion":"v1","kind":"Service",
        "metadata":{"name":"catalog","namespace":"shop","resourceVersion":"12"},
        "spec":{"type":"ClusterIP","ports":[
            {"name":"http-web","port":8080,"targetPort":8080,"protocol":"TCP","appProtocol":"http"},
            {"name":"metrics","port":9090,"protocol":"TCP"}]}})");
    QVERIFY(parsed);
    const istio::Value live = *parsed;

    auto byName = withPortProtocol(live, 8080, PortProtocol::Grpc, ProtocolStyle::PortName);
    QVERIFY(byName);
    const istio::Value &p0 = byName->value("spec").value("ports").at(0);
    QCOMPARE(p0.value("name").toString(), QStringLiteral("grpc")); // not grpc-web: gRPC-Web
    QVERIFY(!p0.contains("appProtocol")); // it would override the name
    QCOMPARE(p0.keys(), (QStringList {"name", "port", "targetPort", "protocol"})); // order kept
    QCOMPARE(byName->value("spec").value("ports").at(1), live.value("spec").value("ports").at(1));
    QCOMPARE(selectProtocol(8080, "TCP", p0.value("name").toString(), {}).protocol,
             PortProtocol::Grpc);

    auto byApp = withPortProtocol(live, 9090, PortProtocol::Http2, ProtocolStyle::AppProtocol);
    QVERIFY(byApp);
    const istio::Value &p1 = byApp->value("spec").value("ports").at(1);
    QCOMPARE(p1.value("name").toString(), QStringLiteral("metrics"));
    QCOMPARE(p1.value("appProtocol").toString(), QStringLiteral("http2"));
    QCOMPARE(byApp->value("metadata").value("resourceVersion").toString(), QStringLiteral("12"));
}

void tst_MeshServices::portProtocolEditErrors()
{
    const auto parsed = istio::parseValue(R"({"apiVersion":"v1","kind":"Service",
        "metadata":{"name":"dns","namespace":"kube-system"},
        "spec":{"ports":[{"name":"dns","port":53,"protocol":"UDP"}]}})");
    QVERIFY(parsed);
    auto missing = withPortProtocol(*parsed, 80, PortProtocol::Http, ProtocolStyle::PortName);
    QVERIFY(!missing);
    QCOMPARE(missing.error().toString(),
             QStringLiteral("Service kube-system/dns: the service has no port 80"));
    auto udp = withPortProtocol(*parsed, 53, PortProtocol::Tcp, ProtocolStyle::PortName);
    QVERIFY(!udp);
    QCOMPARE(udp.error().toString(),
             QStringLiteral("Service kube-system/dns: port 53 is UDP, which Istio does not proxy"));
    auto automatic = withPortProtocol(*parsed, 53, PortProtocol::Auto, ProtocolStyle::PortName);
    QVERIFY(!automatic);
    QCOMPARE(automatic.error().where, QStringLiteral("Service kube-system/dns"));
}

void tst_MeshServices::summary()
{
    MeshCache::Snapshot s = twoClusters(Http9080, Http9080, Reviews, "ClusterIP", false);
    // reviews-v1 (A) is a Deployment's, through its ReplicaSet.
    s[A] << item("apps", "replicasets", "ReplicaSet",
                 QJsonObject {{"metadata",
                               QJsonObject {{"name", "reviews-v1"},
                                            {"namespace", "bookinfo"},
                                            {"uid", "rs1"},
                                            {"ownerReferences",
                                             QJsonArray {QJsonObject {{"kind", "Deployment"},
                                                                      {"name", "reviews"}}}}}}})
         << item("apps", "deployments", "Deployment",
                 QJsonObject {
                     {"metadata",
                      QJsonObject {{"name", "reviews"}, {"namespace", "bookinfo"}, {"uid", "d1"}}}})
         << pod("istio-system", "istio-ingressgateway-1-x", {{"istio", "ingressgateway"}}, true)
         << pod("istio-system", "istio-egressgateway-1-y", {{"istio", "egressgateway"}}, true,
                false)
         << item("networking.istio.io", "virtualservices", "VirtualService",
                 QJsonObject {{"metadata",
                               QJsonObject {{"name", "reviews"},
                                            {"namespace", "bookinfo"},
                                            {"uid", "vs1"}}}});
    s[B] << item(
        "apps", "deployments", "Deployment",
        QJsonObject {
            {"metadata",
             QJsonObject {{"name", "reviews-v2"}, {"namespace", "bookinfo"}, {"uid", "d2"}}}});
    const QList<MeshService> services = aggregateServices(s, {A, B});
    const MeshSummary m = summarize(s, services);
    QCOMPARE(m.services, 1);
    QCOMPARE(m.warningServices, 1);
    QCOMPARE(m.pods, 3); // gateways are in a system namespace
    QCOMPARE(m.injectedPods, 1);
    QCOMPARE(m.runningPods, 3);
    QCOMPARE(m.workloads, 2);
    QCOMPARE(m.injectedWorkloads, 1); // reviews (A); reviews-v2 (B) has pods without sidecars
    QCOMPARE(m.sidecarVersions.value("1.24.2"), 1); // the gateways run proxies, not sidecars
    QCOMPARE(m.ingressGateways(), 1);
    QCOMPARE(m.egressGateways(), 1);
    const GatewayDeployment &egress = m.gateways.at(0);
    QCOMPARE(egress.name, QStringLiteral("istio-egressgateway"));
    QCOMPARE(egress.readyPods, 0);
    QCOMPARE(m.policies.value("VirtualService"), 1);
    QCOMPARE(m.policies.value("DestinationRule"), 0);
}

void tst_MeshServices::listAndFilterModels()
{
    ServiceListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ServiceFilterModel filter;
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);

    MeshCache::Snapshot s = twoClusters(Http9080, QJsonArray {portJson("tcp", 9080)});
    s[A] << service("istio-system", "istiod", Http9080, {{"app", "istiod"}})
         << service("shop", "payments", Http9080, {{"app", "payments"}});
    model.setServices(aggregateServices(s, {A, B}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(filter.rowCount(), 2); // istiod is a system service
    const int reviews = model.rowOf("bookinfo/reviews");
    QCOMPARE(model.index(reviews, ServiceListModel::DiagnosisColumn).data().toString(),
             QStringLiteral("Abnormal"));
    QVERIFY(model.index(reviews, ServiceListModel::DiagnosisColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith("Port 9080 is named http in cluster-a and tcp in cluster-b"));
    QCOMPARE(model.index(reviews, ServiceListModel::InjectedColumn).data().toString(),
             QStringLiteral("3/3"));
    QCOMPARE(model.index(reviews, ServiceListModel::VersionsColumn).data().toString(),
             QStringLiteral("v1, v2"));
    QCOMPARE(model.index(reviews, ServiceListModel::ClustersColumn).data().toString(),
             QStringLiteral("cluster-a, cluster-b"));

    filter.setCluster(B);
    QCOMPARE(filter.rowCount(), 1);
    filter.setCluster({});
    filter.setDiagnosis("warning");
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("payments"));
    filter.setDiagnosis("problems");
    QCOMPARE(filter.rowCount(), 2);
    filter.setDiagnosis({});
    filter.setSearch("REV tcp");
    QCOMPARE(filter.rowCount(), 1);
    filter.setSearch({});
    filter.setShowSystem(true);
    QCOMPARE(filter.rowCount(), 3);
    filter.setShowSystem(false);
    filter.setNamespace("istio-system"); // asked for by name: shown
    QCOMPARE(filter.rowCount(), 1);
    filter.setNamespace({});

    // Fixed in cluster-b: the row changes in place, payments goes, nothing else moves.
    QPersistentModelIndex kept = model.index(reviews, 0);
    s = twoClusters(Http9080, Http9080);
    s[A] << service("istio-system", "istiod", Http9080, {{"app", "istiod"}});
    model.setServices(aggregateServices(s, {A, B}));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data(ServiceListModel::KeyRole).toString(), QStringLiteral("bookinfo/reviews"));
    QCOMPARE(model.index(kept.row(), ServiceListModel::DiagnosisColumn).data().toString(),
             QStringLiteral("Normal"));
    model.setServices({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_MeshServices)
#include "tst_meshservices.moc"

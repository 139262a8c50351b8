// The policy list model and its filter proxy over synthetic cache content (no cluster): the
// columns of each kind, tags and scopes, incremental updates that keep rows (and persistent
// indexes) in place, live-check status per row, filtering, sorting and the YAML export.

#include "items/policyexport.h"
#include "items/policyfiltermodel.h"
#include "items/policylistmodel.h"

#include <QAbstractItemModelTester>
#include <QSet>

#include <QSignalSpy>
#include <QTest>
#include <tuple>

using namespace md;
using md::mesh::MeshCache;

namespace {

const QString Primary = QStringLiteral("primary");
const QString Member = QStringLiteral("member");

kube::ResourceRef refFor(PolicyKind kind)
{
    const PolicyKindInfo &info = policyKindInfo(kind);
    return {info.group, QStringLiteral("v1"), info.plural, true, info.name};
}

// A list item as the cache holds it (no kind, no apiVersion).
MeshCache::Item item(PolicyKind kind, const QString &ns, const QString &name, const QString &rv,
                     const QByteArray &spec, const QByteArray &uid = {})
{
    const QByteArray id = uid.isEmpty() ? (ns + QLatin1Char('-') + name).toUtf8() : uid;
    const QByteArray json = R"({"metadata":{"name":")" + name.toUtf8() + R"(","namespace":")"
        + ns.toUtf8() + R"(","uid":")" + id + R"(","resourceVersion":")" + rv.toUtf8()
        + R"(","generation":3,"creationTimestamp":"2026-01-02T03:04:05Z",)"
        + R"("managedFields":[{"manager":"kubectl"}]},"spec":)" + spec
        + R"(,"status":{"observedGeneration":3}})";
    auto object = kube::KubeObject::fromJson(json);
    if (!object)
        qFatal("bad test object: %s", qPrintable(object.error().toString()));
    return {refFor(kind), *object};
}

// Waits for the model's worker to finish and its result to be applied.
bool settle(PolicyListModel &model)
{
    return QTest::qWaitFor([&] { return !model.isUpdating(); }, 10000);
}

QString cell(const PolicyListModel &model, int row, PolicyColumn column)
{
    return model.index(row, model.columnOf(column)).data().toString();
}

int rowNamed(const PolicyListModel &model, const QString &name, const QString &context = {})
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const PolicyRow &r = model.rowAt(row);
        if (r.name == name && (context.isEmpty() || r.context == context))
            return row;
    }
    return -1;
}

istio::Message message(istio::Severity severity, const QString &object, const QString &source,
                       const QString &text)
{
    istio::Message m;
    m.severity = severity;
    m.code = QStringLiteral("IST0101");
    m.path = QStringLiteral("spec.http[0].route[0].destination.host");
    m.text = text;
    m.object = object;
    m.source = source;
    return m;
}

const QByteArray ReviewsSpec = R"({"hosts":["reviews"],"http":[
    {"match":[{"headers":{"end-user":{"exact":"jason"}}}],"route":[{"destination":{"host":"reviews","subset":"v2"}}],
     "fault":{"delay":{"fixedDelay":"7s","percentage":{"value":100}}}},
    {"route":[{"destination":{"host":"reviews","subset":"v1"},"weight":80},
              {"destination":{"host":"reviews","subset":"v3"},"weight":20}],
     "timeout":"2s","retries":{"attempts":3,"perTryTimeout":"1s"}}],
    "tcp":[{"route":[{"destination":{"host":"reviews"}}]}]})";

} // namespace

class tst_PolicyListModel : public QObject
{
    Q_OBJECT

private slots:
    void virtualServiceColumns();
    void virtualServiceShapes_data();
    void virtualServiceShapes();
    void creationTimes();
    void destinationRuleAndGatewayColumns();
    void serviceEntryColumns();
    void securityScopes();
    void onlyItsKind();
    void incrementalUpdateKeepsRows();
    void bigFirstListComesInSteps();
    void bigFirstListFromTablesComesBeforeItsIndex();
    void liveChecks();
    void filterAndSearch();
    void sorting();
    void exportStripsServerFields();
};

void tst_PolicyListModel::virtualServiceColumns()
{
    PolicyListModel model(PolicyKind::VirtualService);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSnapshot({{Primary,
                        {item(PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                              QStringLiteral("reviews"), QStringLiteral("10"), ReviewsSpec),
                         item(PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                              QStringLiteral("bookinfo"), QStringLiteral("11"), R"({
                    "hosts":["*"],"gateways":["bookinfo-gateway","mesh"],"http":[
                    {"match":[{"uri":{"prefix":"/old"}}],"redirect":{"uri":"/new"}},
                    {"rewrite":{"uri":"/"},"mirror":{"host":"shadow"},
                     "route":[{"destination":{"host":"productpage"}}]}]})")}}});
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), policyColumns(PolicyKind::VirtualService).size());
    QStringList headers;
    for (int c = 0; c < model.columnCount(); ++c)
        headers << model.headerData(c, Qt::Horizontal).toString();
    QCOMPARE(headers,
             QStringList({"Name", "Namespace", "Cluster", "Checks", "Hosts", "Gateways", "Routes",
                          "Tags", "Age"}));

    const int reviews = rowNamed(model, QStringLiteral("reviews"));
    QVERIFY(reviews >= 0);
    QCOMPARE(cell(model, reviews, PolicyColumn::Namespace), QStringLiteral("bookinfo"));
    QCOMPARE(cell(model, reviews, PolicyColumn::Cluster), Primary);
    QCOMPARE(cell(model, reviews, PolicyColumn::Hosts), QStringLiteral("reviews"));
    QCOMPARE(cell(model, reviews, PolicyColumn::Gateways), QStringLiteral("mesh"));
    QCOMPARE(cell(model, reviews, PolicyColumn::Routes), QStringLiteral("HTTP 2 · TCP 1"));
    QCOMPARE(cell(model, reviews, PolicyColumn::Tags),
             QStringLiteral("fault, traffic shifting, retries, timeout"));
    QVERIFY(!cell(model, reviews, PolicyColumn::Age).isEmpty());
    QCOMPARE(model.rowAt(reviews).created, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
    QCOMPARE(model.rowAt(reviews).apiVersion, QStringLiteral("networking.istio.io/v1"));

    const int bookinfo = rowNamed(model, QStringLiteral("bookinfo"));
    QCOMPARE(cell(model, bookinfo, PolicyColumn::Gateways),
             QStringLiteral("bookinfo-gateway, mesh"));
    QCOMPARE(cell(model, bookinfo, PolicyColumn::Routes), QStringLiteral("HTTP 2"));
    QCOMPARE(cell(model, bookinfo, PolicyColumn::Tags),
             QStringLiteral("redirect, mirror, rewrite"));
}

void tst_PolicyListModel::virtualServiceShapes_data()
{
    // VirtualServices are read field by field (simdjson On-Demand): the order of fields,
    // values of the wrong type and the less common options must read as the typed view does.
    // A route's tags come in one order whatever the order of its fields.
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QString>("hosts");
    QTest::addColumn<QString>("gateways");
    QTest::addColumn<QString>("routes");
    QTest::addColumn<QString>("tags");

    QTest::newRow("no spec fields") << QByteArray("{}") << ""
                                    << "mesh"
                                    << ""
                                    << "";
    QTest::newRow("spec not an object") << QByteArray("[1,2]") << ""
                                        << "mesh"
                                        << ""
                                        << "";
    QTest::newRow("wrong types") << QByteArray(R"({"hosts":"a","gateways":7,"http":{"x":1}})") << ""
                                 << "mesh"
                                 << ""
                                 << "";
    QTest::newRow("non-string hosts") << QByteArray(R"({"hosts":["a",5,"b"]})") << "a, , b"
                                      << "mesh"
                                      << ""
                                      << "";
    QTest::newRow("fields in any order")
        << QByteArray(R"({"http":[{"timeout":"1s","fault":{"abort":{"httpStatus":500}}}],
                          "gateways":["gw"],"hosts":["x.example.com"]})")
        << "x.example.com"
        << "gw"
        << "HTTP 1"
        << "timeout, fault";
    QTest::newRow("empty or non-string timeout")
        << QByteArray(R"({"http":[{"timeout":""},{"timeout":5}]})") << ""
        << "mesh"
        << "HTTP 2"
        << "";
    QTest::newRow("header operations")
        << QByteArray(R"({"http":[{"headers":{"request":{"set":{"x-a":"1"}}}}]})") << ""
        << "mesh"
        << "HTTP 1"
        << "headers";
    QTest::newRow("header removal")
        << QByteArray(R"({"http":[{"headers":{"response":{"remove":["x-b"]}}}]})") << ""
        << "mesh"
        << "HTTP 1"
        << "headers";
    QTest::newRow("no header operation") << QByteArray(
        R"({"http":[{"headers":{"request":{"set":{},"remove":[]},"other":{"set":{"a":"b"}}}}]})")
                                         << ""
                                         << "mesh"
                                         << "HTTP 1"
                                         << "";
    QTest::newRow("mirrors") << QByteArray(
        R"({"http":[{"mirrors":[{"destination":{"host":"m"}}]}]})")
                             << ""
                             << "mesh"
                             << "HTTP 1"
                             << "mirror";
    QTest::newRow("empty mirrors, mirror not an object")
        << QByteArray(R"({"http":[{"mirrors":[],"mirror":"m"}]})") << ""
        << "mesh"
        << "HTTP 1"
        << "";
    QTest::newRow("the rarer options")
        << QByteArray(R"({"http":[{"corsPolicy":{"allowOrigins":[]},"directResponse":{"status":503},
                          "delegate":{"name":"d"}}]})")
        << ""
        << "mesh"
        << "HTTP 1"
        << "delegate, direct response, CORS";
    QTest::newRow("tags once, in order of first appearance")
        << QByteArray(R"({"http":[{"retries":{"attempts":2}},{"fault":{},"retries":{}}]})") << ""
        << "mesh"
        << "HTTP 2"
        << "retries, fault";
    QTest::newRow("TLS and TCP shifting") << QByteArray(
        R"({"tls":[{"match":[{"sniHosts":["a"]}],"route":[{"weight":50},{"weight":50}]}],
                          "tcp":[{"route":[{}]},"not a route"]})")
                                          << ""
                                          << "mesh"
                                          << "TLS 1 · TCP 2"
                                          << "traffic shifting";
    QTest::newRow("escaped keys and strings")
        << QByteArray(R"({"ho\u0073ts":["caf\u00e9.example"],"http":[{"time\u006fut":"1s"}]})")
        << QString::fromUtf8("café.example") << "mesh"
        << "HTTP 1"
        << "timeout";
}

void tst_PolicyListModel::virtualServiceShapes()
{
    QFETCH(QByteArray, spec);
    PolicyListModel model(PolicyKind::VirtualService);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSnapshot({{Primary,
                        {item(PolicyKind::VirtualService, QStringLiteral("ns"),
                              QStringLiteral("vs"), QStringLiteral("1"), spec)}}});
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 1);
    QTEST(cell(model, 0, PolicyColumn::Hosts), "hosts");
    QTEST(cell(model, 0, PolicyColumn::Gateways), "gateways");
    QTEST(cell(model, 0, PolicyColumn::Routes), "routes");
    QTEST(cell(model, 0, PolicyColumn::Tags), "tags");
    QCOMPARE(model.rowAt(0).created, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
}

void tst_PolicyListModel::creationTimes()
{
    // Kubernetes' own form is read digit by digit; other RFC 3339 forms still read; a bad
    // one leaves the age empty rather than inventing one.
    auto object = [](const QByteArray &name, const QByteArray &created) {
        auto parsed = kube::KubeObject::fromJson(
            QByteArray(R"({"metadata":{"name":")" + name + R"(","namespace":"ns","uid":")" + name
                       + R"(","resourceVersion":"1","creationTimestamp":")" + created
                       + R"("},"spec":{"hosts":["h"]}})"));
        if (!parsed)
            qFatal("bad test object");
        return MeshCache::Item {refFor(PolicyKind::VirtualService), *parsed};
    };
    PolicyListModel model(PolicyKind::VirtualService);
    model.setSnapshot(
        {{Primary,
          {object("plain", "2025-12-31T23:59:58Z"), object("fraction", "2025-12-31T23:59:58.250Z"),
           object("offset", "2026-01-01T01:00:00+02:00"),
           object("bad-month", "2025-13-01T00:00:00Z"), object("garbage", "yesterday")}}});
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 5);
    auto created = [&](const char *name) {
        return model.rowAt(rowNamed(model, QString::fromLatin1(name))).created;
    };
    QCOMPARE(created("plain"), QDateTime(QDate(2025, 12, 31), QTime(23, 59, 58), Qt::UTC));
    QCOMPARE(created("fraction"), QDateTime(QDate(2025, 12, 31), QTime(23, 59, 58, 250), Qt::UTC));
    QCOMPARE(created("offset").toUTC(), QDateTime(QDate(2025, 12, 31), QTime(23, 0), Qt::UTC));
    QVERIFY(!created("bad-month").isValid());
    QVERIFY(!created("garbage").isValid());
    QVERIFY(cell(model, rowNamed(model, QStringLiteral("garbage")), PolicyColumn::Age).isEmpty());
}

void tst_PolicyListModel::destinationRuleAndGatewayColumns()
{
    PolicyListModel rules(PolicyKind::DestinationRule);
    QAbstractItemModelTester tester(&rules, QAbstractItemModelTester::FailureReportingMode::Fatal);
    rules.setSnapshot({{Primary,
                        {item(PolicyKind::DestinationRule, QStringLiteral("bookinfo"),
                              QStringLiteral("reviews"), QStringLiteral("5"), R"({
        "host":"reviews.bookinfo.svc.cluster.local",
        "trafficPolicy":{"loadBalancer":{"simple":"LEAST_REQUEST"},"tls":{"mode":"ISTIO_MUTUAL"},
            "connectionPool":{"http":{"http1MaxPendingRequests":10}},
            "outlierDetection":{"consecutive5xxErrors":5}},
        "subsets":[{"name":"v1","labels":{"version":"v1"}},{"name":"v2","labels":{"version":"v2"},
            "trafficPolicy":{"connectionPool":{"tcp":{"maxConnections":5}}}}]})")}}});
    QVERIFY(settle(rules));
    QCOMPARE(rules.rowCount(), 1);
    QCOMPARE(cell(rules, 0, PolicyColumn::Host),
             QStringLiteral("reviews.bookinfo.svc.cluster.local"));
    QCOMPARE(cell(rules, 0, PolicyColumn::Subsets), QStringLiteral("v1, v2"));
    QCOMPARE(cell(rules, 0, PolicyColumn::Tls), QStringLiteral("ISTIO_MUTUAL"));
    QCOMPARE(
        cell(rules, 0, PolicyColumn::Tags),
        QStringLiteral("TCP pool, LB LEAST_REQUEST, HTTP pool, outlier detection, client TLS"));

    PolicyListModel gateways(PolicyKind::Gateway);
    QAbstractItemModelTester gatewayTester(&gateways,
                                           QAbstractItemModelTester::FailureReportingMode::Fatal);
    gateways.setSnapshot({{Member,
                           {item(PolicyKind::Gateway, QStringLiteral("istio-system"),
                                 QStringLiteral("public"), QStringLiteral("7"), R"({
        "selector":{"istio":"ingressgateway"},"servers":[
        {"port":{"number":80,"name":"http","protocol":"HTTP"},"hosts":["bookinfo.example.com"],
         "tls":{"httpsRedirect":true}},
        {"port":{"number":443,"name":"https","protocol":"HTTPS"},
         "hosts":["bookinfo.example.com","api.example.com"],
         "tls":{"mode":"SIMPLE","credentialName":"bookinfo-cert"}}]})")}}});
    QVERIFY(settle(gateways));
    QCOMPARE(cell(gateways, 0, PolicyColumn::Selector), QStringLiteral("istio=ingressgateway"));
    QCOMPARE(cell(gateways, 0, PolicyColumn::Hosts),
             QStringLiteral("bookinfo.example.com, api.example.com"));
    QCOMPARE(cell(gateways, 0, PolicyColumn::Servers), QStringLiteral("80/HTTP, 443/HTTPS"));
    QCOMPARE(cell(gateways, 0, PolicyColumn::Tls),
             QStringLiteral("HTTPS redirect, SIMPLE (bookinfo-cert)"));
    QCOMPARE(cell(gateways, 0, PolicyColumn::Cluster), Member);
}

void tst_PolicyListModel::serviceEntryColumns()
{
    PolicyListModel entries(PolicyKind::ServiceEntry);
    QAbstractItemModelTester tester(&entries,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    entries.setSnapshot(
        {{Primary,
          {item(PolicyKind::ServiceEntry, QStringLiteral("bookinfo"), QStringLiteral("httpbin"),
                QStringLiteral("3"), R"({"hosts":["httpbin.org"],
                "ports":[{"number":443,"name":"https","protocol":"TLS"}],
                "location":"MESH_EXTERNAL","resolution":"DNS"})"),
           item(PolicyKind::ServiceEntry, QStringLiteral("bookinfo"), QStringLiteral("vms"),
                QStringLiteral("4"), R"({"hosts":["vm.internal"],
                "ports":[{"number":8080,"protocol":"HTTP"}],"location":"MESH_INTERNAL",
                "resolution":"STATIC","endpoints":[{"address":"10.0.0.1"},{"address":"10.0.0.2"}]})")}}});
    QVERIFY(settle(entries));
    const int httpbin = rowNamed(entries, QStringLiteral("httpbin"));
    QCOMPARE(cell(entries, httpbin, PolicyColumn::Hosts), QStringLiteral("httpbin.org"));
    QCOMPARE(cell(entries, httpbin, PolicyColumn::Ports), QStringLiteral("443/TLS"));
    QCOMPARE(cell(entries, httpbin, PolicyColumn::Location), QStringLiteral("MESH_EXTERNAL"));
    QCOMPARE(cell(entries, httpbin, PolicyColumn::Resolution), QStringLiteral("DNS"));
    QCOMPARE(cell(entries, httpbin, PolicyColumn::Endpoints),
             QStringLiteral("resolved from the hosts (DNS)"));
    const int vms = rowNamed(entries, QStringLiteral("vms"));
    QCOMPARE(cell(entries, vms, PolicyColumn::Endpoints), QStringLiteral("10.0.0.1, 10.0.0.2"));
    QCOMPARE(cell(entries, vms, PolicyColumn::Location), QStringLiteral("MESH_INTERNAL"));
}

void tst_PolicyListModel::securityScopes()
{
    PolicyListModel peers(PolicyKind::PeerAuthentication);
    QAbstractItemModelTester tester(&peers, QAbstractItemModelTester::FailureReportingMode::Fatal);
    peers.setSnapshot(
        {{Primary,
          {item(PolicyKind::PeerAuthentication, QStringLiteral("istio-system"),
                QStringLiteral("default"), QStringLiteral("1"), R"({"mtls":{"mode":"STRICT"}})"),
           item(PolicyKind::PeerAuthentication, QStringLiteral("bookinfo"),
                QStringLiteral("ns-wide"), QStringLiteral("2"),
                R"({"mtls":{"mode":"PERMISSIVE"}})"),
           item(PolicyKind::PeerAuthentication, QStringLiteral("bookinfo"),
                QStringLiteral("ratings"), QStringLiteral("3"),
                R"({"selector":{"matchLabels":{"app":"ratings"}},
                    "portLevelMtls":{"9080":{"mode":"DISABLE"}}})")}}});
    QVERIFY(settle(peers));
    const int mesh = rowNamed(peers, QStringLiteral("default"));
    QCOMPARE(cell(peers, mesh, PolicyColumn::Scope), QStringLiteral("Mesh-wide (root namespace)"));
    QCOMPARE(cell(peers, mesh, PolicyColumn::MtlsMode), QStringLiteral("STRICT"));
    QCOMPARE(cell(peers, rowNamed(peers, QStringLiteral("ns-wide")), PolicyColumn::Scope),
             QStringLiteral("Namespace"));
    const int ratings = rowNamed(peers, QStringLiteral("ratings"));
    QCOMPARE(cell(peers, ratings, PolicyColumn::Scope), QStringLiteral("Workload: app=ratings"));
    QCOMPARE(cell(peers, ratings, PolicyColumn::MtlsMode), QStringLiteral("UNSET (inherits)"));
    QCOMPARE(cell(peers, ratings, PolicyColumn::PortMtls), QStringLiteral("9080: DISABLE"));

    // Another root namespace: the mesh-wide policy is now a namespace one.
    peers.setRootNamespace(QStringLiteral("mesh-root"));
    QVERIFY(settle(peers));
    QCOMPARE(cell(peers, rowNamed(peers, QStringLiteral("default")), PolicyColumn::Scope),
             QStringLiteral("Namespace"));

    PolicyListModel requests(PolicyKind::RequestAuthentication);
    requests.setSnapshot({{Primary,
                           {item(PolicyKind::RequestAuthentication, QStringLiteral("bookinfo"),
                                 QStringLiteral("jwt"), QStringLiteral("1"), R"({
        "targetRefs":[{"kind":"Gateway","group":"gateway.networking.k8s.io","name":"waypoint"}],
        "jwtRules":[{"issuer":"https://accounts.example.com","jwksUri":"https://x/jwks"},
                    {"issuer":"testing@secure.istio.io"}]})")}}});
    QVERIFY(settle(requests));
    QCOMPARE(cell(requests, 0, PolicyColumn::Scope),
             QStringLiteral("targetRefs: Gateway/waypoint"));
    QCOMPARE(cell(requests, 0, PolicyColumn::Issuers),
             QStringLiteral("https://accounts.example.com, testing@secure.istio.io"));

    PolicyListModel authz(PolicyKind::AuthorizationPolicy);
    QAbstractItemModelTester authzTester(&authz,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    authz.setSnapshot({{Primary,
                        {item(PolicyKind::AuthorizationPolicy, QStringLiteral("bookinfo"),
                              QStringLiteral("allow-nothing"), QStringLiteral("1"), R"({})"),
                         item(PolicyKind::AuthorizationPolicy, QStringLiteral("bookinfo"),
                              QStringLiteral("deny-post"), QStringLiteral("2"), R"({"action":"DENY",
                "selector":{"matchLabels":{"app":"ratings"}},
                "rules":[{"to":[{"operation":{"methods":["POST"]}}]},
                         {"from":[{"source":{"namespaces":["legacy"]}}]}]})"),
                         item(PolicyKind::AuthorizationPolicy, QStringLiteral("bookinfo"),
                              QStringLiteral("ext"), QStringLiteral("3"),
                              R"({"action":"CUSTOM","provider":{"name":"opa"},"rules":[{}]})")}}});
    QVERIFY(settle(authz));
    const int nothing = rowNamed(authz, QStringLiteral("allow-nothing"));
    QCOMPARE(cell(authz, nothing, PolicyColumn::Action), QStringLiteral("ALLOW"));
    QCOMPARE(cell(authz, nothing, PolicyColumn::Rules),
             QStringLiteral("none: allows nothing (denies every request)"));
    QCOMPARE(cell(authz, nothing, PolicyColumn::Scope), QStringLiteral("Namespace"));
    const int deny = rowNamed(authz, QStringLiteral("deny-post"));
    QCOMPARE(cell(authz, deny, PolicyColumn::Action), QStringLiteral("DENY"));
    QCOMPARE(cell(authz, deny, PolicyColumn::Rules), QStringLiteral("2 rules"));
    QCOMPARE(cell(authz, deny, PolicyColumn::Scope), QStringLiteral("Workload: app=ratings"));
    const int ext = rowNamed(authz, QStringLiteral("ext"));
    QCOMPARE(cell(authz, ext, PolicyColumn::Action), QStringLiteral("CUSTOM (opa)"));
    QCOMPARE(cell(authz, ext, PolicyColumn::Rules),
             QStringLiteral("1 rule, matches every request"));
}

void tst_PolicyListModel::onlyItsKind()
{
    // The cache holds every kind (and Services, Pods): a list shows only its own.
    MeshCache::Item service = item(PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                                   QStringLiteral("svc"), QStringLiteral("1"), "{}");
    service.resource = {QString(), QStringLiteral("v1"), QStringLiteral("services"), true,
                        QStringLiteral("Service")};
    PolicyListModel model(PolicyKind::Gateway);
    model.setSnapshot({{Primary,
                        {service,
                         item(PolicyKind::VirtualService, QStringLiteral("a"), QStringLiteral("vs"),
                              QStringLiteral("1"), "{}"),
                         item(PolicyKind::Gateway, QStringLiteral("a"), QStringLiteral("gw"),
                              QStringLiteral("1"), R"({"servers":[]})")}}});
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowAt(0).name, QStringLiteral("gw"));
}

void tst_PolicyListModel::incrementalUpdateKeepsRows()
{
    PolicyListModel model(PolicyKind::VirtualService);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    PolicyFilterModel proxy;
    proxy.setPolicyModel(&model);
    proxy.sort(model.columnOf(PolicyColumn::Name));
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto vs = [](const char *name, const char *rv, const char *host) {
        return item(PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                    QString::fromLatin1(name), QString::fromLatin1(rv),
                    R"({"hosts":[")" + QByteArray(host) + R"("]})");
    };
    model.setSnapshot(
        {{Primary,
          {vs("a", "1", "a.example"), vs("b", "1", "b.example"), vs("c", "1", "c.example")}},
         {Member, {vs("a", "1", "a.example")}}});
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 4);

    const int b = rowNamed(model, QStringLiteral("b"));
    const int c = rowNamed(model, QStringLiteral("c"));
    const QPersistentModelIndex bIndex = model.index(b, 0);
    const QPersistentModelIndex cIndex = model.index(c, 0);
    const PolicyRow *cRow = &model.rowAt(c);
    const QPersistentModelIndex bProxy = proxy.mapFromSource(model.index(b, 0));

    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    // b changes, a leaves the primary, d arrives; c is the same version: it is not read again.
    model.setSnapshot(
        {{Primary,
          {vs("b", "2", "b2.example"), vs("c", "1", "c.example"), vs("d", "1", "d.example")}},
         {Member, {vs("a", "1", "a.example")}}});
    QVERIFY(settle(model));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(bIndex.isValid() && cIndex.isValid() && bProxy.isValid());
    QCOMPARE(model.rowAt(bIndex.row()).name, QStringLiteral("b"));
    QCOMPARE(cell(model, bIndex.row(), PolicyColumn::Hosts), QStringLiteral("b2.example"));
    QCOMPARE(model.rowAt(bIndex.row()).resourceVersion, QStringLiteral("2"));
    QCOMPARE(&model.rowAt(cIndex.row()), cRow); // the very same row
    QCOMPARE(proxy.mapToSource(bProxy), QModelIndex(bIndex));
    QCOMPARE(changed.count(), 1);
    const auto range = changed.first();
    QCOMPARE(range.at(0).value<QModelIndex>().row(), b); // before the removal
    QCOMPARE(range.at(0).value<QModelIndex>().column(), model.columnOf(PolicyColumn::Hosts));
    QVERIFY(rowNamed(model, QStringLiteral("a"), Primary) < 0);
    QVERIFY(rowNamed(model, QStringLiteral("a"), Member) >= 0);
    QVERIFY(rowNamed(model, QStringLiteral("d")) >= 0);
    QCOMPARE(model.rowOfKey(Primary + QStringLiteral("\nbookinfo-d")),
             rowNamed(model, QStringLiteral("d")));

    // The same snapshot again changes nothing.
    model.setSnapshot(
        {{Primary,
          {vs("b", "2", "b2.example"), vs("c", "1", "c.example"), vs("d", "1", "d.example")}},
         {Member, {vs("a", "1", "a.example")}}});
    QVERIFY(settle(model));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);

    // A whole cluster leaves.
    model.setSnapshot(
        {{Primary,
          {vs("b", "2", "b2.example"), vs("c", "1", "c.example"), vs("d", "1", "d.example")}}});
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.clusters(), QStringList {Primary});
    QCOMPARE(resets.count(), 0);
}

void tst_PolicyListModel::bigFirstListComesInSteps()
{
    // More than 10,000 objects: a screenful of rows first, then the rest, in name order;
    // the proxies end sorted as if the rows had come at once.
    PolicyListModel model(PolicyKind::VirtualService);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    PolicyFilterModel byName, byNameDown;
    byName.setPolicyModel(&model);
    byName.sort(model.columnOf(PolicyColumn::Name));
    byNameDown.setPolicyModel(&model);
    byNameDown.sort(model.columnOf(PolicyColumn::Name), Qt::DescendingOrder);
    QAbstractItemModelTester proxyTester(&byName,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<MeshCache::Item> primary, member;
    QStringList names;
    for (int i = 0; i < 12000; ++i) {
        const QString name = QStringLiteral("vs-%1").arg((i * 7919) % 12000);
        const QString ns = QStringLiteral("ns-%1").arg(i % 3);
        primary.append(
            item(PolicyKind::VirtualService, ns, name, QStringLiteral("1"), R"({"hosts":["h"]})"));
        names << name;
    }
    primary.append(primary.first()); // the same object twice: one row
    for (int i = 0; i < 100; ++i) {
        member.append(item(PolicyKind::VirtualService, QStringLiteral("ns-0"),
                           QStringLiteral("vs-%1").arg(i), QStringLiteral("1"),
                           R"({"hosts":["h"]})"));
    }
    QList<int> steps;
    connect(&model, &PolicyListModel::updated, this, [&] { steps << model.rowCount(); });
    model.setSnapshot({{Primary, primary}, {Member, member}});
    QVERIFY(settle(model));
    QCOMPARE(steps.size(), 2);
    QVERIFY(steps.first() > 0 && steps.first() < 12100);
    QCOMPARE(model.rowCount(), 12100);
    QCOMPARE(model.updates(), 2);
    QCOMPARE(byName.rowCount(), 12100);

    // Every object once, and the proxies in (name, namespace, cluster) order both ways.
    QSet<QString> keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys.insert(model.rowAt(row).key);
    QCOMPARE(keys.size(), 12100);
    auto sortKey = [&](const PolicyFilterModel &proxy, int row) {
        const PolicyRow &r = model.rowAt(proxy.mapToSource(proxy.index(row, 0)).row());
        return std::make_tuple(r.name, r.namespace_, r.context);
    };
    for (int row = 1; row < byName.rowCount(); ++row) {
        QVERIFY2(sortKey(byName, row - 1) < sortKey(byName, row), qPrintable(QString::number(row)));
        QVERIFY(sortKey(byNameDown, row) < sortKey(byNameDown, row - 1));
    }
    QCOMPARE(std::get<0>(sortKey(byName, 0)), QStringLiteral("vs-0"));

    // A later change is an ordinary update.
    primary[5] = item(PolicyKind::VirtualService, QStringLiteral("ns-2"), QStringLiteral("zz"),
                      QStringLiteral("1"), R"({"hosts":["h"]})");
    model.setSnapshot({{Primary, primary}, {Member, member}});
    QVERIFY(settle(model));
    QCOMPARE(model.updates(), 3);
    QCOMPARE(model.rowCount(), 12100);
    QCOMPARE(std::get<0>(sortKey(byName, byName.rowCount() - 1)), QStringLiteral("zz"));
}

void tst_PolicyListModel::bigFirstListFromTablesComesBeforeItsIndex()
{
    // From the cache's tables (one per cluster, each object once): a screenful, then every row
    // in name order, then, once built, the index that the checks and the next update use.
    PolicyListModel model(PolicyKind::VirtualService);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    PolicyFilterModel byName;
    byName.setPolicyModel(&model);
    byName.sort(model.columnOf(PolicyColumn::Name));
    auto table = [](const QString &context, int count, const QString &prefix) {
        MeshCache::Table t {context, refFor(PolicyKind::VirtualService), {}};
        for (int i = 0; i < count; ++i) {
            const MeshCache::Item it
                = item(PolicyKind::VirtualService, QStringLiteral("ns-%1").arg(i % 3),
                       prefix + QString::number((i * 7919) % count), QStringLiteral("1"),
                       R"({"hosts":["h"]})");
            t.objects.insert(it.object.cacheKey(), it.object);
        }
        return t;
    };
    QList<MeshCache::Table> tables {table(Primary, 12000, QStringLiteral("vs-")),
                                    table(Member, 100, QStringLiteral("vs-"))};
    // A message for a row far past the first screenful, there before the list.
    QString lateNamespace, lateUid;
    for (const kube::KubeObject &object : std::as_const(tables.first().objects)) {
        if (object.name() == QStringLiteral("vs-11998")) {
            lateNamespace = object.namespaceName();
            lateUid = object.uid();
        }
    }
    QVERIFY(!lateNamespace.isEmpty());
    const QString late = QStringLiteral("VirtualService %1/vs-11998").arg(lateNamespace);
    model.setMessages({message(istio::Severity::Error, late, Primary, QStringLiteral("bad"))});
    QList<int> steps;
    connect(&model, &PolicyListModel::updated, this, [&] { steps << model.rowCount(); });
    model.setTableSource([&tables] { return tables; });
    model.refresh();
    QVERIFY(settle(model));
    QCOMPARE(steps.size(), 3);
    QVERIFY(steps.at(0) > 0 && steps.at(0) < 12100);
    QCOMPARE(steps.at(1), 12100);
    QCOMPARE(steps.at(2), 12100);
    QCOMPARE(byName.rowCount(), 12100);
    const int row = rowNamed(model, QStringLiteral("vs-11998"), Primary);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, model.columnOf(PolicyColumn::Checks))
                 .data(PolicyListModel::SeverityRole)
                 .toInt(),
             int(istio::Severity::Error));
    for (int r = 1; r < byName.rowCount(); ++r) {
        const PolicyRow &a = model.rowAt(byName.mapToSource(byName.index(r - 1, 0)).row());
        const PolicyRow &b = model.rowAt(byName.mapToSource(byName.index(r, 0)).row());
        QVERIFY(std::tie(a.name, a.namespace_, a.context)
                < std::tie(b.name, b.namespace_, b.context));
    }

    // The index is right: an update changes one row, removes one and adds one.
    MeshCache::Table &primary = tables[0];
    const MeshCache::Item changed
        = item(PolicyKind::VirtualService, lateNamespace, QStringLiteral("vs-11998"),
               QStringLiteral("2"), R"({"hosts":["changed.example.com"]})", lateUid.toUtf8());
    primary.objects.insert(changed.object.cacheKey(), changed.object);
    const QString gone
        = model.rowAt(rowNamed(model, QStringLiteral("vs-7"), Primary)).object.cacheKey();
    QVERIFY(primary.objects.remove(gone));
    const MeshCache::Item added
        = item(PolicyKind::VirtualService, QStringLiteral("ns-2"), QStringLiteral("zz"),
               QStringLiteral("1"), R"({"hosts":["h"]})");
    primary.objects.insert(added.object.cacheKey(), added.object);
    model.refresh();
    QVERIFY(settle(model));
    QCOMPARE(model.rowCount(), 12100);
    QCOMPARE(rowNamed(model, QStringLiteral("vs-7"), Primary), -1);
    QVERIFY(rowNamed(model, QStringLiteral("zz"), Primary) >= 0);
    QCOMPARE(cell(model, rowNamed(model, QStringLiteral("vs-11998"), Primary), PolicyColumn::Hosts),
             QStringLiteral("changed.example.com"));
    QCOMPARE(
        std::get<0>(std::make_tuple(
            model.rowAt(byName.mapToSource(byName.index(byName.rowCount() - 1, 0)).row()).name)),
        QStringLiteral("zz"));

    // Two tables of one cluster (two served versions, say) may hold one object twice: then the
    // rows wait for the key table that finds it, and it is one row.
    PolicyListModel twice(PolicyKind::VirtualService);
    QList<MeshCache::Table> doubled {table(Primary, 11000, QStringLiteral("a-")),
                                     table(Primary, 1, QStringLiteral("a-"))};
    QList<int> twiceSteps;
    connect(&twice, &PolicyListModel::updated, this, [&] { twiceSteps << twice.rowCount(); });
    twice.setTableSource([&doubled] { return doubled; });
    twice.refresh();
    QVERIFY(settle(twice));
    QCOMPARE(twiceSteps.size(), 2);
    QCOMPARE(twice.rowCount(), 11000);
}

void tst_PolicyListModel::liveChecks()
{
    PolicyListModel model(PolicyKind::VirtualService);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSnapshot({{Primary,
                        {item(PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                              QStringLiteral("reviews"), QStringLiteral("1"), ReviewsSpec)}},
                       {Member,
                        {item(PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                              QStringLiteral("reviews"), QStringLiteral("1"), ReviewsSpec)}}});
    QVERIFY(settle(model));
    const int checks = model.columnOf(PolicyColumn::Checks);
    const int primary = rowNamed(model, QStringLiteral("reviews"), Primary);
    const int member = rowNamed(model, QStringLiteral("reviews"), Member);
    QCOMPARE(model.index(primary, checks).data().toString(), QString()); // not run yet
    QCOMPARE(model.index(primary, checks).data(PolicyListModel::SeverityRole).toInt(), -1);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QString object = QStringLiteral("VirtualService bookinfo/reviews");
    model.setMessages(
        {message(istio::Severity::Warning, object, Primary,
                 QStringLiteral("subset v3 selects no pods")),
         message(istio::Severity::Error, object, Primary, QStringLiteral("host reviews not found")),
         message(istio::Severity::Error, QStringLiteral("DestinationRule bookinfo/reviews"),
                 Primary, QStringLiteral("another kind")),
         message(istio::Severity::Error, QStringLiteral("VirtualService other/reviews"), Primary,
                 QStringLiteral("another namespace"))});
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.index(primary, checks).data(PolicyListModel::SeverityRole).toInt(),
             int(istio::Severity::Error));
    QCOMPARE(model.index(primary, checks).data().toString(), QStringLiteral("1 error"));
    const QString tooltip = model.index(primary, checks).data(Qt::ToolTipRole).toString();
    QCOMPARE(tooltip,
             QStringLiteral("Error [IST0101] spec.http[0].route[0].destination.host: host reviews "
                            "not found\nWarning [IST0101] "
                            "spec.http[0].route[0].destination.host: subset v3 selects no pods"));
    QCOMPARE(model.index(member, checks).data(PolicyListModel::SeverityRole).toInt(), -1);
    QCOMPARE(model.index(member, checks).data().toString(), QStringLiteral("OK"));

    // The error is fixed; the status follows.
    model.setMessages({message(istio::Severity::Warning, object, Primary, QStringLiteral("w"))});
    QCOMPARE(model.index(primary, checks).data(PolicyListModel::SeverityRole).toInt(),
             int(istio::Severity::Warning));
    QCOMPARE(model.index(primary, checks).data().toString(), QStringLiteral("1 warning"));
    model.setMessages({});
    QCOMPARE(model.index(primary, checks).data(PolicyListModel::SeverityRole).toInt(), -1);
    QCOMPARE(model.index(primary, checks).data().toString(), QStringLiteral("OK"));
}

void tst_PolicyListModel::filterAndSearch()
{
    PolicyListModel model(PolicyKind::VirtualService);
    PolicyFilterModel proxy;
    proxy.setPolicyModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto vs = [](const char *ns, const char *name, const char *spec) {
        return item(PolicyKind::VirtualService, QString::fromLatin1(ns), QString::fromLatin1(name),
                    QStringLiteral("1"), QByteArray(spec));
    };
    model.setSnapshot({{Primary,
                        {vs("bookinfo", "reviews", ReviewsSpec),
                         vs("bookinfo", "ratings", R"({"hosts":["ratings"]})"),
                         vs("shop", "cart", R"({"hosts":["cart.shop.example.com"]})")}},
                       {Member, {vs("bookinfo", "details", R"({"hosts":["details"]})")}}});
    QVERIFY(settle(model));
    QCOMPARE(proxy.rowCount(), 4);
    QCOMPARE(model.namespaces(), QStringList({"bookinfo", "shop"}));
    QCOMPARE(model.clusters(), QStringList({Member, Primary}));

    auto names = [&] {
        QStringList list;
        for (int row = 0; row < proxy.rowCount(); ++row)
            list << proxy.index(row, 0).data().toString();
        list.sort();
        return list;
    };
    proxy.setNamespaceFilter(QStringLiteral("bookinfo"));
    QCOMPARE(names(), QStringList({"details", "ratings", "reviews"}));
    proxy.setClusterFilter(Primary);
    QCOMPARE(names(), QStringList({"ratings", "reviews"}));
    proxy.setSearchText(QStringLiteral("REV"));
    QCOMPARE(names(), QStringList({"reviews"}));
    proxy.setNamespaceFilter({});
    proxy.setClusterFilter({});
    proxy.setSearchText(QStringLiteral("example.com")); // hosts
    QCOMPARE(names(), QStringList({"cart"}));
    proxy.setSearchText(QStringLiteral("bookinfo fault")); // every word: namespace and a tag
    QCOMPARE(names(), QStringList({"reviews"}));
    proxy.setSearchText(QStringLiteral("nothing-like-this"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setSearchText({});
    QCOMPARE(proxy.rowCount(), 4);

    // Rows arriving later are filtered too.
    proxy.setNamespaceFilter(QStringLiteral("shop"));
    model.setSnapshot({{Primary,
                        {vs("bookinfo", "reviews", ReviewsSpec),
                         vs("bookinfo", "ratings", R"({"hosts":["ratings"]})"),
                         vs("shop", "cart", R"({"hosts":["cart.shop.example.com"]})"),
                         vs("shop", "checkout", R"({"hosts":["checkout"]})")}},
                       {Member, {vs("bookinfo", "details", R"({"hosts":["details"]})")}}});
    QVERIFY(settle(model));
    QCOMPARE(names(), QStringList({"cart", "checkout"}));
}

void tst_PolicyListModel::sorting()
{
    PolicyListModel model(PolicyKind::VirtualService);
    PolicyFilterModel proxy;
    proxy.setPolicyModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto vs = [](const char *name) {
        return item(PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                    QString::fromLatin1(name), QStringLiteral("1"), R"({"hosts":["x"]})");
    };
    model.setSnapshot({{Primary, {vs("b"), vs("c"), vs("a")}}});
    QVERIFY(settle(model));
    proxy.sort(model.columnOf(PolicyColumn::Name), Qt::AscendingOrder);
    auto order = [&] {
        QStringList list;
        for (int row = 0; row < proxy.rowCount(); ++row)
            list << proxy.index(row, 0).data().toString();
        return list;
    };
    QCOMPARE(order(), QStringList({"a", "b", "c"}));
    proxy.sort(model.columnOf(PolicyColumn::Name), Qt::DescendingOrder);
    QCOMPARE(order(), QStringList({"c", "b", "a"}));

    // By checks: errors, then warnings, then the rest.
    model.setMessages(
        {message(istio::Severity::Warning, QStringLiteral("VirtualService bookinfo/a"), Primary,
                 QStringLiteral("w")),
         message(istio::Severity::Error, QStringLiteral("VirtualService bookinfo/c"), Primary,
                 QStringLiteral("e"))});
    proxy.sort(model.columnOf(PolicyColumn::Checks), Qt::AscendingOrder);
    QCOMPARE(order(), QStringList({"c", "a", "b"}));
    // Dynamic: a new error moves its row up.
    model.setMessages({message(istio::Severity::Error, QStringLiteral("VirtualService bookinfo/b"),
                               Primary, QStringLiteral("e"))});
    QCOMPARE(order().first(), QStringLiteral("b"));
}

void tst_PolicyListModel::exportStripsServerFields()
{
    const MeshCache::Item vs
        = item(PolicyKind::VirtualService, QStringLiteral("bookinfo"), QStringLiteral("reviews"),
               QStringLiteral("42"), R"({"hosts":["reviews"]})");
    const MeshCache::Item pa
        = item(PolicyKind::PeerAuthentication, QStringLiteral("istio-system"),
               QStringLiteral("default"), QStringLiteral("43"), R"({"mtls":{"mode":"STRICT"}})");
    const auto yaml = exportPoliciesYaml(
        {{QStringLiteral("networking.istio.io/v1"), QStringLiteral("VirtualService"), vs.object},
         {QStringLiteral("security.istio.io/v1"), QStringLiteral("PeerAuthentication"),
          pa.object}});
    QVERIFY2(yaml, qPrintable(yaml ? QString() : yaml.error().toString()));
    const QByteArray text = *yaml;
    QVERIFY2(text.startsWith("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"),
             text.constData());
    QVERIFY(text.contains("\n---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\n"));
    QVERIFY(text.contains("name: reviews"));
    QVERIFY(text.contains("namespace: bookinfo"));
    QVERIFY(text.contains("mode: STRICT"));
    for (const char *field : {"managedFields", "resourceVersion", "uid", "creationTimestamp",
                              "generation", "status", "observedGeneration"})
        QVERIFY2(!text.contains(field), field);

    const auto bad
        = exportPoliciesYaml({{QStringLiteral("v1"), QStringLiteral("X"), kube::KubeObject()}});
    QVERIFY(!bad);
}

QTEST_GUILESS_MAIN(tst_PolicyListModel)
#include "tst_policylistmodel.moc"

// Mesh gateways and TLS secrets against the real meshsim demo (two clusters over HTTPS),
// through the apply engine as the pages use it: the demo's ingress gateways are listed with
// their Service, ports and addresses; a new egress gateway (its namespace, ServiceAccount,
// Deployment and Service, as Istio's gateway injection expects them) comes up with its
// pods, is scaled up and to zero, edited, found by the Gateway objects that select it, and
// deleted. A TLS secret made from an `openssl` certificate and key is created, listed with
// what the certificate says, flagged by the live check when a Gateway uses it while it
// expires, journaled without its data, and deleted. Models run under QAbstractItemModelTester.

#include "meshsimprocess.h"

#include "apply/applyengine.h"
#include "apply/applyplan.h"
#include "gateways/gatewaymodel.h"
#include "gateways/gatewayspec.h"
#include "gateways/tablefilter.h"
#include "istio/validator.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "secrets/tlssecret.h"
#include "secrets/tlssecretmodel.h"
#include "store/journalstore.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace md;
using md::apply::ApplyItem;
using md::gateways::GatewayForm;
using md::gateways::GatewayModel;
using md::gateways::GatewayRow;
using md::istio::Value;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");
constexpr int Timeout = 30000;

} // namespace

class tst_Gateways : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void formErrorsNameTheirField();
    void demoGatewaysAreListed();
    void createScaleEditDelete();
    void secretCreateCheckDelete();

private:
    apply::ApplyReport run(const QString &context, const QList<ApplyItem> &items);
    const GatewayRow *row(const QString &key) const;
    Value live(const QString &context, const QString &group, const QString &kind, const QString &ns,
               const QString &name, const QString &apiVersion);
    QString openssl(const QStringList &args);

    testing::MeshsimProcess m_sim;
    QTemporaryDir m_dir;
    std::unique_ptr<mesh::ConnectionManager> m_connections;
    std::unique_ptr<store::MeshStore> m_store;
    std::unique_ptr<mesh::MeshRegistry> m_registry;
    std::unique_ptr<mesh::SelectedMesh> m_mesh;
    std::unique_ptr<apply::ApplyEngine> m_engine;
    std::unique_ptr<store::JournalStore> m_journal;
    std::unique_ptr<GatewayModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_Gateways::initTestCase()
{
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto kubeconfig = kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(kubeconfig);
    m_connections = std::make_unique<mesh::ConnectionManager>();
    m_connections->setKubeconfig(*kubeconfig);
    m_store = std::make_unique<store::MeshStore>();
    QVERIFY(m_store->open(QStringLiteral(":memory:")));
    m_registry = std::make_unique<mesh::MeshRegistry>(m_store.get(), m_connections.get());
    mesh::Mesh demo;
    demo.name = QStringLiteral("demo");
    demo.type = mesh::Mesh::Type::Hosted;
    demo.controlPlane = Primary;
    demo.members = {Member};
    QVERIFY(m_registry->save(demo));
    QVERIFY(m_registry->selectMesh(QStringLiteral("demo")));
    m_mesh = std::make_unique<mesh::SelectedMesh>(m_connections.get(), m_registry.get());
    for (const QString &context : {Primary, Member})
        QVERIFY(m_connections->connectContext(context));
    QTRY_VERIFY_WITH_TIMEOUT(m_mesh->cache()->isSynced(), Timeout);
    m_engine = std::make_unique<apply::ApplyEngine>(m_connections.get());
    m_journal = std::make_unique<store::JournalStore>();
    QVERIFY(m_journal->open(m_dir.filePath(QStringLiteral("journal.sqlite"))));
    m_engine->setJournal(m_journal.get());
    m_model = std::make_unique<GatewayModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setMesh(m_mesh.get());
}

void tst_Gateways::cleanupTestCase()
{
    m_tester.reset();
    m_model.reset();
    m_engine.reset();
    m_mesh.reset();
    m_registry.reset();
    m_connections.reset();
    QCOMPARE(m_sim.stop(), 0);
}

apply::ApplyReport tst_Gateways::run(const QString &context, const QList<ApplyItem> &items)
{
    apply::ApplyRequest request;
    request.context = context;
    request.mesh = QStringLiteral("demo");
    request.items = items;
    const apply::ApplyPlan plan = apply::buildPlan(request, istio::Validator());
    std::optional<apply::ApplyReport> report;
    auto connection = connect(m_engine.get(), &apply::ApplyEngine::finished, this,
                              [&](int, const apply::ApplyReport &r) { report = r; });
    m_engine->run(plan);
    if (!QTest::qWaitFor([&] { return report.has_value(); }, Timeout))
        qWarning("the apply did not finish in time");
    disconnect(connection);
    if (!report)
        return {};
    for (const apply::ItemResult &result : report->results) {
        if (result.failure)
            qWarning("%s: %s", qPrintable(result.id.displayName()),
                     qPrintable(result.failure->message));
    }
    return *report;
}

const GatewayRow *tst_Gateways::row(const QString &key) const
{
    const int r = m_model->rowOfKey(key);
    return r < 0 ? nullptr : &m_model->rowAt(r);
}

Value tst_Gateways::live(const QString &context, const QString &group, const QString &kind,
                         const QString &ns, const QString &name, const QString &apiVersion)
{
    const auto object = m_mesh->cache()->object(context, group, kind, ns, name);
    return object ? gateways::valueOf(object->toJson(), apiVersion, kind) : Value();
}

QString tst_Gateways::openssl(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), args);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return QString::fromLocal8Bit(process.readAllStandardError()) + process.errorString();
    return {};
}

void tst_Gateways::formErrorsNameTheirField()
{
    GatewayForm form = GatewayForm::defaults(gateways::GatewayType::Ingress);
    form.context = Primary;
    QVERIFY(gateways::validateGatewayForm(form).isEmpty());
    QCOMPARE(form.selectorValue(), QStringLiteral("ingressgateway"));
    form.name = QStringLiteral("Ingress_GW");
    form.namespace_.clear();
    form.cpuRequest = QStringLiteral("lots");
    form.memoryRequest = QStringLiteral("2Gi");
    form.memoryLimit = QStringLiteral("1Gi");
    form.ports[1].port = 70000;
    form.ports[2].name = QStringLiteral("http2");
    form.ports[2].protocol = QStringLiteral("HTTP");
    form.serviceAnnotations = {{QStringLiteral("bad key!"), QStringLiteral("x")}};
    QStringList where;
    for (const Error &e : gateways::validateGatewayForm(form))
        where << e.where;
    QCOMPARE(
        where,
        (QStringList {QStringLiteral("name"), QStringLiteral("namespace"),
                      QStringLiteral("resources.requests.cpu"),
                      QStringLiteral("resources.requests.memory"), QStringLiteral("ports[1].port"),
                      QStringLiteral("ports[2].name"), QStringLiteral("ports[2].protocol"),
                      QStringLiteral("serviceAnnotations[0]")}));
    const auto built = gateways::buildGateway(form);
    QVERIFY(!built);
    QCOMPARE(built.error().where, QStringLiteral("name"));

    // What Istio's gateway injection expects.
    form = GatewayForm::defaults(gateways::GatewayType::Ingress);
    form.context = Primary;
    const auto objects = gateways::buildGateway(form);
    QVERIFY(objects);
    const Value &tmpl
        = objects->deployment.value(QStringLiteral("spec")).value(QStringLiteral("template"));
    QCOMPARE(tmpl.value(QStringLiteral("metadata"))
                 .value(QStringLiteral("annotations"))
                 .value(QStringLiteral("inject.istio.io/templates"))
                 .toString(),
             QStringLiteral("gateway"));
    QCOMPARE(tmpl.value(QStringLiteral("metadata"))
                 .value(QStringLiteral("labels"))
                 .value(QStringLiteral("sidecar.istio.io/inject"))
                 .toString(),
             QStringLiteral("true"));
    const Value &proxy
        = tmpl.value(QStringLiteral("spec")).value(QStringLiteral("containers")).at(0);
    QCOMPARE(proxy.value(QStringLiteral("name")).toString(), QStringLiteral("istio-proxy"));
    QCOMPARE(proxy.value(QStringLiteral("image")).toString(), QStringLiteral("auto"));
    QCOMPARE(
        tmpl.value(QStringLiteral("spec")).value(QStringLiteral("serviceAccountName")).toString(),
        form.name);
    QCOMPARE(objects->service.value(QStringLiteral("spec")).value(QStringLiteral("selector")),
             objects->deployment.value(QStringLiteral("spec"))
                 .value(QStringLiteral("selector"))
                 .value(QStringLiteral("matchLabels")));
    QCOMPARE(objects->serviceAccount.value(QStringLiteral("kind")).toString(),
             QStringLiteral("ServiceAccount"));
}

void tst_Gateways::demoGatewaysAreListed()
{
    const QString key = Primary + QStringLiteral("|istio-system/istio-ingressgateway");
    QTRY_VERIFY_WITH_TIMEOUT(row(key) != nullptr, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(row(key)->status, GatewayRow::Status::Running, Timeout);
    const GatewayRow *gw = row(key);
    QCOMPARE(gw->type, gateways::GatewayType::Ingress);
    QCOMPARE(gw->serviceName, QStringLiteral("istio-ingressgateway"));
    QCOMPARE(gw->serviceType, QStringLiteral("LoadBalancer"));
    QCOMPARE(gw->portsText(), QStringLiteral("status-port 15021, http2 80→8080, https 443→8443"));
    QVERIFY(gw->addressPending); // meshsim assigns no load balancer address
    QCOMPARE(gw->addresses.size(), 1); // the cluster IP
    QCOMPARE(gw->replicasText(), QStringLiteral("1/1"));
    QVERIFY(row(Member + QStringLiteral("|istio-system/istio-ingressgateway")));
    // No application deployment is taken for a gateway.
    for (int r = 0; r < m_model->rowCount(); ++r)
        QVERIFY2(m_model->rowAt(r).name.contains(QLatin1String("gateway")),
                 qPrintable(m_model->rowAt(r).name));

    // The demo's bookinfo-gateway selects them.
    const auto selecting = gateways::gatewaysSelecting(
        m_mesh->cache()->snapshot(
            {{QStringLiteral("networking.istio.io"), QStringLiteral("Gateway")}}),
        gw->podLabels);
    QCOMPARE(selecting.size(), 1);
    QCOMPARE(selecting.first().name, QStringLiteral("bookinfo-gateway"));
    QCOMPARE(selecting.first().context, Primary);

    gateways::TableFilterModel filter(GatewayModel::ContextRole, GatewayModel::NamespaceRole);
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(m_model.get());
    filter.setClusterFilter(Member);
    QCOMPARE(filter.rowCount(), 1);
    filter.setClusterFilter({});
    filter.setSearchText(QStringLiteral("443→8443"));
    QCOMPARE(filter.rowCount(), m_model->rowCount());
    filter.setSearchText(QStringLiteral("no such gateway"));
    QCOMPARE(filter.rowCount(), 0);
}

void tst_Gateways::createScaleEditDelete()
{
    GatewayForm form = GatewayForm::defaults(gateways::GatewayType::Egress);
    form.context = Member;
    form.namespace_ = QStringLiteral("edge-egress");
    form.replicas = 2;
    const auto objects = gateways::buildGateway(form);
    QVERIFY(objects);
    Value ns = Value::object();
    ns.insert(QStringLiteral("apiVersion"), Value(QStringLiteral("v1")));
    ns.insert(QStringLiteral("kind"), Value(QStringLiteral("Namespace")));
    Value nsMeta = Value::object();
    nsMeta.insert(QStringLiteral("name"), Value(form.namespace_));
    ns.insert(QStringLiteral("metadata"), nsMeta);
    QList<ApplyItem> items {ApplyItem::create(ns)};
    for (const Value &object : objects->all())
        items << ApplyItem::create(object);
    const apply::ApplyReport created = run(Member, items);
    QCOMPARE(created.succeeded(), 4);

    const QString key = Member + QStringLiteral("|edge-egress/istio-egressgateway");
    QTRY_VERIFY_WITH_TIMEOUT(row(key) != nullptr, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(row(key)->replicasText(), QStringLiteral("2/2"), Timeout);
    QCOMPARE(row(key)->status, GatewayRow::Status::Running);
    QCOMPARE(row(key)->type, gateways::GatewayType::Egress);
    QCOMPARE(row(key)->source, QStringLiteral("istio label"));
    QCOMPARE(row(key)->serviceType, QStringLiteral("ClusterIP"));
    QCOMPARE(row(key)->portsText(), QStringLiteral("http2 80→8080, https 443→8443"));
    QCOMPARE(row(key)->resources,
             QStringLiteral("requests cpu 100m, memory 128Mi; limits cpu 2, memory 1Gi"));
    // Its pods run the istio-proxy container the injection template fills in.
    int pods = 0;
    for (const auto &pod : m_mesh->cache()->items(Member, QString(), QStringLiteral("Pod"))) {
        if (pod.object.namespaceName() != QLatin1String("edge-egress"))
            continue;
        ++pods;
        QVERIFY(pod.object.json().contains("\"istio-proxy\""));
    }
    QCOMPARE(pods, 2);

    // Scale up, then to zero.
    Value deployment = live(Member, QStringLiteral("apps"), QStringLiteral("Deployment"),
                            form.namespace_, form.name, QStringLiteral("apps/v1"));
    QVERIFY(!deployment.isNull());
    QCOMPARE(run(Member, {ApplyItem::update(deployment, gateways::scaledDeployment(deployment, 3))})
                 .succeeded(),
             1);
    QTRY_COMPARE_WITH_TIMEOUT(row(key)->replicasText(), QStringLiteral("3/3"), Timeout);
    deployment = live(Member, QStringLiteral("apps"), QStringLiteral("Deployment"), form.namespace_,
                      form.name, QStringLiteral("apps/v1"));
    QCOMPARE(run(Member, {ApplyItem::update(deployment, gateways::scaledDeployment(deployment, 0))})
                 .succeeded(),
             1);
    QTRY_COMPARE_WITH_TIMEOUT(row(key)->status, GatewayRow::Status::Stopped, Timeout);
    QCOMPARE(row(key)->replicasText(), QStringLiteral("0/0"));

    // Edit: the form of the live objects, with a NodePort Service, an annotation and 1 replica.
    deployment = live(Member, QStringLiteral("apps"), QStringLiteral("Deployment"), form.namespace_,
                      form.name, QStringLiteral("apps/v1"));
    const Value service = live(Member, QString(), QStringLiteral("Service"), form.namespace_,
                               form.name, QStringLiteral("v1"));
    GatewayForm edit = gateways::formFromLive(Member, deployment, service);
    QCOMPARE(edit.type, gateways::GatewayType::Egress);
    QCOMPARE(edit.ports.size(), 2);
    QCOMPARE(edit.cpuLimit, QStringLiteral("2"));
    edit.replicas = 1;
    edit.serviceType = QStringLiteral("NodePort");
    edit.serviceAnnotations = {{QStringLiteral("example.com/owner"), QStringLiteral("edge-team")}};
    edit.memoryLimit = QStringLiteral("512Mi");
    const auto edited = gateways::editGateway(edit, deployment, service);
    QVERIFY(edited);
    QCOMPARE(run(Member,
                 {ApplyItem::update(deployment, edited->first),
                  ApplyItem::update(service, edited->second)})
                 .succeeded(),
             2);
    QTRY_COMPARE_WITH_TIMEOUT(row(key)->serviceType, QStringLiteral("NodePort"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(row(key)->replicasText(), QStringLiteral("1/1"), Timeout);
    QVERIFY(row(key)->resources.contains(QLatin1String("memory 512Mi")));
    const Value editedService = live(Member, QString(), QStringLiteral("Service"), form.namespace_,
                                     form.name, QStringLiteral("v1"));
    QCOMPARE(editedService.value(QStringLiteral("metadata"))
                 .value(QStringLiteral("annotations"))
                 .value(QStringLiteral("example.com/owner"))
                 .toString(),
             QStringLiteral("edge-team"));

    // A Gateway object selecting it, in the control plane.
    Value gw = Value::fromJson(QJsonObject {
        {QStringLiteral("apiVersion"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("Gateway")},
        {QStringLiteral("metadata"),
         QJsonObject {{QStringLiteral("name"), QStringLiteral("egress")},
                      {QStringLiteral("namespace"), QStringLiteral("default")}}},
        {QStringLiteral("spec"),
         QJsonObject {
             {QStringLiteral("selector"),
              QJsonObject {{QStringLiteral("istio"), QStringLiteral("egressgateway")}}},
             {QStringLiteral("servers"),
              QJsonArray {QJsonObject {
                  {QStringLiteral("port"),
                   QJsonObject {{QStringLiteral("number"), 80},
                                {QStringLiteral("name"), QStringLiteral("http")},
                                {QStringLiteral("protocol"), QStringLiteral("HTTP")}}},
                  {QStringLiteral("hosts"), QJsonArray {QStringLiteral("api.example.com")}}}}}}}});
    QCOMPARE(run(Primary, {ApplyItem::create(gw)}).succeeded(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(gateways::gatewaysSelecting(
                                  m_mesh->cache()->snapshot({{QStringLiteral("networking.istio.io"),
                                                              QStringLiteral("Gateway")}}),
                                  row(key)->podLabels)
                                  .size(),
                              1, Timeout);

    // Delete the three objects.
    deployment = live(Member, QStringLiteral("apps"), QStringLiteral("Deployment"), form.namespace_,
                      form.name, QStringLiteral("apps/v1"));
    const apply::ApplyReport removed
        = run(Member,
              {ApplyItem::remove(deployment), ApplyItem::remove(editedService),
               ApplyItem::remove(objects->serviceAccount)});
    QCOMPARE(removed.succeeded(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(row(key) == nullptr, Timeout);
    auto gatewayPods = [this] {
        const auto pods = m_mesh->cache()->items(Member, QString(), QStringLiteral("Pod"));
        return std::count_if(pods.cbegin(), pods.cend(), [](const mesh::MeshCache::Item &pod) {
            return pod.object.namespaceName() == QLatin1String("edge-egress");
        });
    };
    QTRY_COMPARE_WITH_TIMEOUT(gatewayPods(), 0, Timeout);
    QCOMPARE(run(Primary, {ApplyItem::remove(gw)}).succeeded(), 1);
}

void tst_Gateways::secretCreateCheckDelete()
{
    // A certificate and key from the openssl command, expiring in 10 days.
    QString error = openssl(
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
         QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
         QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
         QStringLiteral("-keyout"), QStringLiteral("shop.key"), QStringLiteral("-out"),
         QStringLiteral("shop.crt"), QStringLiteral("-days"), QStringLiteral("10"),
         QStringLiteral("-subj"), QStringLiteral("/O=MeshDesk Test/CN=shop.example.com"),
         QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:shop.example.com")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto read = [this](const QString &name) {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    secrets::TlsSecretForm form;
    form.name = QStringLiteral("shop-credential");
    form.namespace_ = QStringLiteral("istio-system");
    form.certificatePem = read(QStringLiteral("shop.crt"));
    form.keyPem = read(QStringLiteral("shop.key"));
    const auto secret = secrets::buildTlsSecret(form, QDateTime::currentDateTimeUtc());
    QVERIFY2(secret, qPrintable(secret ? QString() : secret.error().toString()));

    secrets::TlsSecretModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMesh(m_mesh.get());
    QCOMPARE(run(Member, {ApplyItem::create(*secret)}).succeeded(), 1);
    const QString key = Member + QStringLiteral("|istio-system/shop-credential");
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOfKey(key) >= 0, Timeout);
    const secrets::TlsSecretRow &row = model.rowAt(model.rowOfKey(key));
    QCOMPARE(row.status, secrets::TlsSecretRow::Status::Expiring);
    QCOMPARE(row.subject(), QStringLiteral("CN=shop.example.com,O=MeshDesk Test"));
    QCOMPARE(row.certificate->sans, QStringList {QStringLiteral("DNS:shop.example.com")});
    QCOMPARE(row.keyMatches, std::optional<bool>(true));

    // The demo's ingress gateway serving HTTPS with it: the live check warns.
    Value gw = Value::fromJson(QJsonObject {
        {QStringLiteral("apiVersion"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("Gateway")},
        {QStringLiteral("metadata"),
         QJsonObject {{QStringLiteral("name"), QStringLiteral("shop-https")},
                      {QStringLiteral("namespace"), QStringLiteral("bookinfo")}}},
        {QStringLiteral("spec"),
         QJsonObject {
             {QStringLiteral("selector"),
              QJsonObject {{QStringLiteral("istio"), QStringLiteral("ingressgateway")}}},
             {QStringLiteral("servers"),
              QJsonArray {QJsonObject {
                  {QStringLiteral("port"),
                   QJsonObject {{QStringLiteral("number"), 443},
                                {QStringLiteral("name"), QStringLiteral("https")},
                                {QStringLiteral("protocol"), QStringLiteral("HTTPS")}}},
                  {QStringLiteral("hosts"), QJsonArray {QStringLiteral("shop.example.com")}},
                  {QStringLiteral("tls"),
                   QJsonObject {{QStringLiteral("mode"), QStringLiteral("SIMPLE")},
                                {QStringLiteral("credentialName"),
                                 QStringLiteral("shop-credential")}}}}}}}}});
    QCOMPARE(run(Primary, {ApplyItem::create(gw)}).succeeded(), 1);
    QList<istio::Message> messages;
    QTRY_VERIFY_WITH_TIMEOUT(!(messages = secrets::gatewayCredentialMessages(
                                   m_mesh->cache()->snapshot(secrets::credentialKinds()),
                                   QDateTime::currentDateTimeUtc()))
                                  .isEmpty(),
                             Timeout);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().object, QStringLiteral("Gateway bookinfo/shop-https"));
    QCOMPARE(messages.first().severity, istio::Severity::Warning);
    QCOMPARE(messages.first().source, Primary);
    const auto referrers = secrets::secretReferrers(
        m_mesh->cache()->snapshot(secrets::credentialKinds()), QStringLiteral("istio-system"),
        QStringLiteral("shop-credential"));
    QCOMPARE(referrers.size(), 1);
    QCOMPARE(referrers.first().name, QStringLiteral("shop-https"));

    // The journal has the create, without the data.
    const auto entries = m_journal->entries({});
    QVERIFY(entries);
    bool found = false;
    for (const store::JournalEntry &entry : *entries) {
        if (entry.kind != QLatin1String("Secret"))
            continue;
        found = true;
        QVERIFY(!entry.after.contains("tls.key"));
        QVERIFY(!entry.after.contains(form.keyPem.toBase64().left(40)));
    }
    QVERIFY(found);

    // Delete by identity: the secret goes, and so does the warning.
    Value identity = Value::object();
    identity.insert(QStringLiteral("apiVersion"), Value(QStringLiteral("v1")));
    identity.insert(QStringLiteral("kind"), Value(QStringLiteral("Secret")));
    Value meta = Value::object();
    meta.insert(QStringLiteral("name"), Value(form.name));
    meta.insert(QStringLiteral("namespace"), Value(form.namespace_));
    identity.insert(QStringLiteral("metadata"), meta);
    QCOMPARE(run(Member, {ApplyItem::remove(identity)}).succeeded(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowOfKey(key), -1, Timeout);
    QVERIFY(
        secrets::gatewayCredentialMessages(m_mesh->cache()->snapshot(secrets::credentialKinds()),
                                           QDateTime::currentDateTimeUtc())
            .isEmpty());
    QCOMPARE(run(Primary, {ApplyItem::remove(gw)}).succeeded(), 1);
}

QTEST_GUILESS_MAIN(tst_Gateways)
#include "tst_gateways.moc"

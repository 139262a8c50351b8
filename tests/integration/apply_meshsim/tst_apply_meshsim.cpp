#include "meshsimprocess.h"

#include "apply/applyengine.h"
#include "apply/applyplan.h"
#include "apply/importer.h"
#include "apply/revert.h"
#include "istio/document.h"
#include "istio/validatefiles.h"
#include "kube/discovery.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "store/journalstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace md::apply;
using md::istio::Value;
using md::kube::ObjectResult;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Viewer = QStringLiteral("meshsim-primary-viewer");

Value yaml(const QByteArray &text)
{
    auto parsed = md::istio::parseValue(text);
    if (!parsed)
        qFatal("bad test YAML: %s", qPrintable(parsed.error().toString()));
    return *parsed;
}

// One object of each of the seven kinds, in namespace "default", and an edit of it.
struct KindCase
{
    const char *kind;
    const char *yaml;
    const char *editPath; // a dotted path of objects below spec
    const char *editValue;
};

const KindCase Kinds[] = {
    {"VirtualService", R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: apply-vs, namespace: default}
spec:
  hosts: [reviews]
  http:
  - name: main
    route:
    - destination: {host: reviews}
    timeout: 2s
)",
     "http", "5s"},
    {"DestinationRule", R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: apply-dr, namespace: default}
spec:
  host: reviews
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN}
)",
     "trafficPolicy.loadBalancer.simple", "LEAST_REQUEST"},
    {"Gateway", R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: apply-gw, namespace: default}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["apply.example.com"]
)",
     "selector.istio", "eastwestgateway"},
    {"ServiceEntry", R"(apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: apply-se, namespace: default}
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 443, name: https, protocol: TLS}
)",
     "resolution", "NONE"},
    {"PeerAuthentication", R"(apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: apply-pa, namespace: default}
spec:
  mtls: {mode: PERMISSIVE}
)",
     "mtls.mode", "STRICT"},
    {"RequestAuthentication", R"(apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: apply-ra, namespace: default}
spec:
  selector:
    matchLabels: {app: reviews}
  jwtRules:
  - issuer: https://issuer.example.com
    jwksUri: https://issuer.example.com/jwks.json
)",
     "selector.matchLabels.app", "ratings"},
    {"AuthorizationPolicy", R"(apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: apply-ap, namespace: default}
spec:
  action: ALLOW
  rules:
  - from:
    - source:
        namespaces: [bookinfo]
)",
     "action", "DENY"},
};

// Sets a dotted path below spec (the VirtualService case edits its route's timeout).
Value edited(const Value &object, const KindCase &c)
{
    Value copy = object;
    Value &spec = copy.member(QStringLiteral("spec"));
    if (QLatin1String(c.editPath) == QLatin1String("http")) {
        spec.member(QStringLiteral("http"))
            .at(0)
            .insert(QStringLiteral("timeout"), QString::fromLatin1(c.editValue));
        return copy;
    }
    const QStringList keys = QString::fromLatin1(c.editPath).split(QLatin1Char('.'));
    Value *node = &spec;
    for (qsizetype i = 0; i + 1 < keys.size(); ++i)
        node = &node->member(keys.at(i));
    node->insert(keys.constLast(), QString::fromLatin1(c.editValue));
    return copy;
}

QString read(const Value &object, const KindCase &c)
{
    const Value &spec = object.value(QStringLiteral("spec"));
    if (QLatin1String(c.editPath) == QLatin1String("http"))
        return spec.value(QStringLiteral("http")).at(0).value(QStringLiteral("timeout")).toString();
    const Value *node = &spec;
    for (const QString &key : QString::fromLatin1(c.editPath).split(QLatin1Char('.')))
        node = &node->value(key);
    return node->toString();
}

QString rv(const Value &v)
{
    return v.value(QStringLiteral("metadata")).value(QStringLiteral("resourceVersion")).toString();
}

} // namespace

class tst_ApplyMeshsim : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void createUpdateDeleteEachKind_data();
    void createUpdateDeleteEachKind();
    void conflictTakeMineAfterRebase();
    void conflictTakeTheirs();
    void staleDeleteIsAConflict();
    void viewerGetsAClearForbidden();
    void dryRunNeverPersists();
    void serverRejectionNamesTheField();
    void updateWithoutResourceVersionIsRefused();
    void revertFromTheJournal();
    void importBookinfoAppliesInOrder();
    void cliApplyCreatesUpdatesAndReportsConflicts();
    void cliClientDryRunMatchesKubectl();
    void cliDelete();

private:
    ApplyReport runPlan(const ApplyRequest &request, QList<int> *started = nullptr);
    ApplyRequest request(const QList<ApplyItem> &items, bool dryRun = false) const;
    std::optional<Value> live(const QString &kind, const QString &ns, const QString &name);
    Value createDirect(const QByteArray &text);
    md::testing::CommandResult cli(const QStringList &args, const QByteArray &input = {}) const;

    md::testing::MeshsimProcess m_sim;
    md::kube::Kubeconfig m_kubeconfig;
    std::unique_ptr<md::kube::KubeClient> m_admin, m_viewer;
    md::kube::DiscoveryInfo m_discovery;
    md::istio::Validator m_validator;
    QTemporaryDir m_dir;
    md::store::JournalStore m_journal;
    std::unique_ptr<ApplyEngine> m_engine;
};

void tst_ApplyMeshsim::initTestCase()
{
    QVERIFY2(!md::testing::MeshsimProcess::kubectlPath().isEmpty(), "kubectl is required");
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto loaded = md::kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    m_kubeconfig = *loaded;
    const auto clientFor = [&](const QString &context) {
        md::kube::ResolveOptions options;
        options.context = context;
        auto rest = md::kube::resolveRestConfig(m_kubeconfig, options);
        if (!rest)
            qFatal("%s", qPrintable(rest.error().toString()));
        return std::make_unique<md::kube::KubeClient>(*rest);
    };
    m_admin = clientFor(Primary);
    m_viewer = clientFor(Viewer);
    std::optional<md::Result<md::kube::DiscoveryInfo, md::kube::ApiError>> discovered;
    md::kube::discover(m_admin.get(), this, [&](auto r) { discovered.emplace(std::move(r)); });
    QVERIFY(QTest::qWaitFor([&] { return discovered.has_value(); }, 30000));
    QVERIFY(*discovered);
    m_discovery = **discovered;

    auto validator = md::istio::Validator::fromCrdFile(
        QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml"));
    QVERIFY(validator);
    m_validator = *validator;

    QVERIFY(m_journal.open(m_dir.filePath(QStringLiteral("meshdesk.sqlite"))));
    m_engine = std::make_unique<ApplyEngine>();
    m_engine->addCluster(Primary, m_admin.get(), m_discovery);
    m_engine->addCluster(Viewer, m_viewer.get(), m_discovery);
    m_engine->setJournal(&m_journal);
}

void tst_ApplyMeshsim::cleanupTestCase()
{
    m_engine.reset();
    QCOMPARE(m_sim.stop(), 0);
}

ApplyRequest tst_ApplyMeshsim::request(const QList<ApplyItem> &items, bool dryRun) const
{
    ApplyRequest r;
    r.context = Primary;
    r.mesh = QStringLiteral("demo");
    r.items = items;
    r.dryRun = dryRun;
    return r;
}

ApplyReport tst_ApplyMeshsim::runPlan(const ApplyRequest &request, QList<int> *started)
{
    const ApplyPlan plan = buildPlan(request, m_validator);
    if (plan.blocked())
        qWarning("%s", md::istio::formatMessages(plan.messages(), false).constData());
    QSignalSpy finished(m_engine.get(), &ApplyEngine::finished);
    QSignalSpy starts(m_engine.get(), &ApplyEngine::itemStarted);
    QSignalSpy progress(m_engine.get(), &ApplyEngine::progress);
    const int run = m_engine->run(plan);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000))
        qFatal("the apply run did not finish");
    if (finished.at(0).at(0).toInt() != run)
        qFatal("finished() named another run");
    if (started) {
        for (const auto &args : starts)
            started->append(args.at(1).toInt());
    }
    // progress() counts every item once, up to the total.
    if (progress.isEmpty() || progress.constLast().at(1).toInt() != plan.request.items.size())
        qFatal("progress did not reach the total");
    return finished.at(0).at(1).value<ApplyReport>();
}

std::optional<Value> tst_ApplyMeshsim::live(const QString &kind, const QString &ns,
                                            const QString &name)
{
    std::optional<md::Result<Value, ApplyFailure>> got;
    const md::istio::ObjectId id {kind == QLatin1String("PeerAuthentication")
                                          || kind == QLatin1String("RequestAuthentication")
                                          || kind == QLatin1String("AuthorizationPolicy")
                                      ? QStringLiteral("security.istio.io/v1")
                                      : QStringLiteral("networking.istio.io/v1"),
                                  kind, ns, name};
    m_engine->fetchLive(Primary, id, this, [&](auto r) { got.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 20000) || !*got)
        return std::nullopt;
    return **got;
}

Value tst_ApplyMeshsim::createDirect(const QByteArray &text)
{
    const Value object = yaml(text);
    const ApplyReport report = runPlan(request({ApplyItem::create(object)}));
    if (!report.ok())
        qFatal("create failed: %s", qPrintable(report.results.at(0).message()));
    return report.results.at(0).answer;
}

void tst_ApplyMeshsim::createUpdateDeleteEachKind_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(Kinds)); ++i)
        QTest::newRow(Kinds[i].kind) << i;
}

void tst_ApplyMeshsim::createUpdateDeleteEachKind()
{
    QFETCH(int, index);
    const KindCase &c = Kinds[index];
    const Value object = yaml(c.yaml);
    const md::istio::ObjectId id = md::istio::ObjectId::of(object);

    // Create.
    ApplyReport report = runPlan(request({ApplyItem::create(object)}));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    QVERIFY(report.results.at(0).operation == Operation::Create);
    auto created = live(id.kind, id.namespace_, id.name);
    QVERIFY(created && !created->isNull());
    QCOMPARE(created->value(QStringLiteral("spec")), object.value(QStringLiteral("spec")));

    // Update from the version read.
    const Value changed = edited(*created, c);
    report = runPlan(request({ApplyItem::update(*created, changed)}));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    auto updated = live(id.kind, id.namespace_, id.name);
    QVERIFY(updated);
    QCOMPARE(read(*updated, c), QString::fromLatin1(c.editValue));
    QVERIFY(rv(*updated) != rv(*created));

    // Delete (with the version read as the precondition).
    report = runPlan(request({ApplyItem::remove(*updated)}));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    auto gone = live(id.kind, id.namespace_, id.name);
    QVERIFY(gone);
    QVERIFY(gone->isNull());

    // Each write is journaled, with who did it.
    md::store::JournalQuery q;
    q.kind = id.kind;
    q.name = id.name;
    const auto entries = m_journal.entries(q);
    QVERIFY(entries);
    QCOMPARE(entries->size(), 3);
    QCOMPARE(entries->at(0).operation, QStringLiteral("delete"));
    QCOMPARE(entries->at(2).operation, QStringLiteral("create"));
    QVERIFY(!entries->at(0).identity.isEmpty());
    QCOMPARE(entries->at(1).context, Primary);
}

namespace {

const QByteArray ConflictVs = R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: NAME, namespace: default}
spec:
  hosts: [reviews]
  http:
  - name: main
    route:
    - destination: {host: reviews}
    timeout: 2s
  - name: other
    route:
    - destination: {host: ratings}
)";

// Changes a route field of a VirtualService value.
Value withRoute(const Value &vs, int route, const QString &key, const Value &value)
{
    Value copy = vs;
    copy.member(QStringLiteral("spec")).member(QStringLiteral("http")).at(route).insert(key, value);
    return copy;
}

} // namespace

void tst_ApplyMeshsim::conflictTakeMineAfterRebase()
{
    const Value base = createDirect(QByteArray(ConflictVs).replace("NAME", "conflict-mine"));
    // Another user changes the timeout and the other route behind the engine's back.
    Value theirs = withRoute(base, 0, QStringLiteral("timeout"), QStringLiteral("7s"));
    theirs = withRoute(theirs, 1, QStringLiteral("timeout"), QStringLiteral("1s"));
    std::optional<ObjectResult> written;
    m_admin->update(
        m_discovery.find(QStringLiteral("networking.istio.io"), QStringLiteral("VirtualService"))
            ->ref,
        QStringLiteral("default"), theirs.toJson().toObject(), {}, this,
        [&](ObjectResult r) { written.emplace(std::move(r)); });
    QVERIFY(QTest::qWaitFor([&] { return written.has_value(); }, 20000));
    QVERIFY(*written);

    // My edit started from `base`: the same timeout, differently.
    const Value mine = withRoute(base, 0, QStringLiteral("timeout"), QStringLiteral("9s"));
    ApplyReport report = runPlan(request({ApplyItem::update(base, mine)}));
    QCOMPARE(report.failed(), 1);
    const ItemResult &r = report.results.at(0);
    QVERIFY(r.failure && r.failure->kind == ApplyFailure::Kind::Conflict);
    QVERIFY(r.conflict);
    QCOMPARE(r.conflict->base, base);
    QCOMPARE(r.conflict->mine, mine);
    QCOMPARE(r.conflict->liveResourceVersion, rv(Value::fromJson(**written)));
    // Nothing was overwritten.
    auto now = live(QStringLiteral("VirtualService"), QStringLiteral("default"),
                    QStringLiteral("conflict-mine"));
    QCOMPARE(now->value(QStringLiteral("spec")), theirs.value(QStringLiteral("spec")));

    ThreeWayMerge merge = r.conflict->merge();
    QCOMPARE(merge.conflictCount(), 1);
    QCOMPARE(merge.changes().at(merge.conflicts().constFirst()).pathText,
             QStringLiteral("spec.http[name=main].timeout"));
    merge.resolveConflicts(Resolution::TakeMine);
    report = runPlan(request({ApplyItem::update(r.conflict->live, merge.result())}));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    now = live(QStringLiteral("VirtualService"), QStringLiteral("default"),
               QStringLiteral("conflict-mine"));
    const Value &http = now->value(QStringLiteral("spec")).value(QStringLiteral("http"));
    QCOMPARE(http.at(0).value(QStringLiteral("timeout")).toString(), QStringLiteral("9s")); // mine
    QCOMPARE(http.at(1).value(QStringLiteral("timeout")).toString(),
             QStringLiteral("1s")); // theirs kept
}

void tst_ApplyMeshsim::conflictTakeTheirs()
{
    const Value base = createDirect(QByteArray(ConflictVs).replace("NAME", "conflict-theirs"));
    const Value theirs = withRoute(base, 0, QStringLiteral("timeout"), QStringLiteral("7s"));
    std::optional<ObjectResult> written;
    m_admin->update(
        m_discovery.find(QStringLiteral("networking.istio.io"), QStringLiteral("VirtualService"))
            ->ref,
        QStringLiteral("default"), theirs.toJson().toObject(), {}, this,
        [&](ObjectResult r) { written.emplace(std::move(r)); });
    QVERIFY(QTest::qWaitFor([&] { return written.has_value(); }, 20000));
    QVERIFY(*written);

    // Mine: the same timeout, and retries on the other route (no conflict there).
    Value retries = Value::object();
    retries.insert(QStringLiteral("attempts"), 4);
    Value mine = withRoute(base, 0, QStringLiteral("timeout"), QStringLiteral("9s"));
    mine = withRoute(mine, 1, QStringLiteral("retries"), retries);
    ApplyReport report = runPlan(request({ApplyItem::update(base, mine)}));
    QVERIFY(report.results.at(0).conflict);
    ThreeWayMerge merge = report.results.at(0).conflict->merge();
    merge.resolveConflicts(Resolution::TakeTheirs);
    report = runPlan(
        request({ApplyItem::update(report.results.at(0).conflict->live, merge.result())}));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    const auto now = live(QStringLiteral("VirtualService"), QStringLiteral("default"),
                          QStringLiteral("conflict-theirs"));
    const Value &http = now->value(QStringLiteral("spec")).value(QStringLiteral("http"));
    QCOMPARE(http.at(0).value(QStringLiteral("timeout")).toString(),
             QStringLiteral("7s")); // theirs
    QCOMPARE(
        http.at(1).value(QStringLiteral("retries")).value(QStringLiteral("attempts")).toInteger(),
        4); // my non-conflicting change
}

void tst_ApplyMeshsim::staleDeleteIsAConflict()
{
    const Value base = createDirect(QByteArray(ConflictVs).replace("NAME", "stale-delete"));
    const Value theirs = withRoute(base, 0, QStringLiteral("timeout"), QStringLiteral("3s"));
    std::optional<ObjectResult> written;
    m_admin->update(
        m_discovery.find(QStringLiteral("networking.istio.io"), QStringLiteral("VirtualService"))
            ->ref,
        QStringLiteral("default"), theirs.toJson().toObject(), {}, this,
        [&](ObjectResult r) { written.emplace(std::move(r)); });
    QVERIFY(QTest::qWaitFor([&] { return written.has_value(); }, 20000));
    const ApplyReport report = runPlan(request({ApplyItem::remove(base)}));
    QVERIFY(report.results.at(0).failure);
    QVERIFY(report.results.at(0).failure->kind == ApplyFailure::Kind::Conflict);
    const auto still = live(QStringLiteral("VirtualService"), QStringLiteral("default"),
                            QStringLiteral("stale-delete"));
    QVERIFY(still && !still->isNull());
}

void tst_ApplyMeshsim::viewerGetsAClearForbidden()
{
    ApplyRequest r = request({ApplyItem::create(yaml(Kinds[0].yaml))});
    r.context = Viewer;
    const ApplyReport report = runPlan(r);
    QCOMPARE(report.failed(), 1);
    const ItemResult &result = report.results.at(0);
    QVERIFY(result.failure);
    QVERIFY(result.failure->kind == ApplyFailure::Kind::Forbidden);
    QCOMPARE(result.failure->verb, QStringLiteral("create"));
    QCOMPARE(result.failure->resource, QStringLiteral("virtualservices.networking.istio.io"));
    QCOMPARE(result.failure->namespace_, QStringLiteral("default"));
    QVERIFY2(result.failure->message.contains(
                 QLatin1String("create virtualservices.networking.istio.io")),
             qPrintable(result.failure->message));
    QVERIFY(!result.failure->retryable());
}

void tst_ApplyMeshsim::dryRunNeverPersists()
{
    Value object = yaml(Kinds[1].yaml);
    object.member(QStringLiteral("metadata")).insert(QStringLiteral("name"), QStringLiteral("dry"));
    ApplyReport report = runPlan(request({ApplyItem::create(object)}, true));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    QVERIFY(report.dryRun);
    QCOMPARE(report.results.at(0)
                 .answer.value(QStringLiteral("metadata"))
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("dry"));
    auto got
        = live(QStringLiteral("DestinationRule"), QStringLiteral("default"), QStringLiteral("dry"));
    QVERIFY(got && got->isNull());

    const Value created
        = createDirect(QByteArray(Kinds[1].yaml).replace("apply-dr", "dry-existing"));
    report = runPlan(request({ApplyItem::update(created, edited(created, Kinds[1]))}, true));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    got = live(QStringLiteral("DestinationRule"), QStringLiteral("default"),
               QStringLiteral("dry-existing"));
    QCOMPARE(read(*got, Kinds[1]), QStringLiteral("ROUND_ROBIN"));
    QCOMPARE(rv(*got), rv(created));
    report = runPlan(request({ApplyItem::remove(created)}, true));
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    got = live(QStringLiteral("DestinationRule"), QStringLiteral("default"),
               QStringLiteral("dry-existing"));
    QVERIFY(got && !got->isNull());
    // Dry runs are not journaled.
    md::store::JournalQuery q;
    q.name = QStringLiteral("dry");
    QCOMPARE(m_journal.entries(q)->size(), 0);
}

void tst_ApplyMeshsim::serverRejectionNamesTheField()
{
    // Sent as is (a plan without validation entries), the server's schema check answers 422.
    Value object = yaml(Kinds[4].yaml);
    object.member(QStringLiteral("metadata"))
        .insert(QStringLiteral("name"), QStringLiteral("bad-pa"));
    object.member(QStringLiteral("spec"))
        .member(QStringLiteral("mtls"))
        .insert(QStringLiteral("mode"), QStringLiteral("SOMETIMES"));
    ApplyPlan plan;
    plan.request = request({ApplyItem::create(object)});
    plan.order = {0};
    QSignalSpy finished(m_engine.get(), &ApplyEngine::finished);
    m_engine->run(plan);
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000));
    const ApplyReport report = finished.at(0).at(1).value<ApplyReport>();
    const ItemResult &r = report.results.at(0);
    QVERIFY(r.failure);
    QVERIFY2(r.failure->kind == ApplyFailure::Kind::Invalid, qPrintable(r.failure->message));
    QVERIFY(!r.failure->causes.isEmpty());
    QCOMPARE(r.failure->causes.at(0).field, QStringLiteral("spec.mtls.mode"));
    // Our own validation would not have sent it.
    QVERIFY(buildPlan(plan.request, m_validator).blocked());
    const ApplyReport skipped = runPlan(plan.request);
    QVERIFY(skipped.results.at(0).status == ItemResult::Status::Skipped);
    QVERIFY(skipped.results.at(0).failure->kind == ApplyFailure::Kind::Validation);
}

void tst_ApplyMeshsim::updateWithoutResourceVersionIsRefused()
{
    ApplyItem item = ApplyItem::create(yaml(Kinds[0].yaml));
    item.operation = Operation::Update; // no baseResourceVersion
    const ApplyReport report = runPlan(request({item}));
    QVERIFY(report.results.at(0).failure);
    QVERIFY(report.results.at(0).failure->kind == ApplyFailure::Kind::Refused);
}

void tst_ApplyMeshsim::revertFromTheJournal()
{
    const Value created = createDirect(QByteArray(Kinds[6].yaml).replace("apply-ap", "revert-ap"));
    ApplyReport report = runPlan(request({ApplyItem::update(created, edited(created, Kinds[6]))}));
    QVERIFY(report.ok());
    md::store::JournalQuery q;
    q.name = QStringLiteral("revert-ap");
    q.kind = QStringLiteral("AuthorizationPolicy");
    const auto entries = m_journal.entries(q);
    QVERIFY(entries && entries->size() == 2);
    const md::store::JournalEntry update = entries->at(0);
    QCOMPARE(update.operation, QStringLiteral("update"));
    QVERIFY(update.before.contains("action: ALLOW"));
    QVERIFY(update.after.contains("action: DENY"));

    auto now = live(QStringLiteral("AuthorizationPolicy"), QStringLiteral("default"),
                    QStringLiteral("revert-ap"));
    QCOMPARE(read(*now, Kinds[6]), QStringLiteral("DENY"));
    auto revert = revertRequest(update, *now);
    QVERIFY2(revert, qPrintable(revert ? QString() : revert.error().toString()));
    report = runPlan(*revert);
    QVERIFY2(report.ok(), qPrintable(report.results.at(0).message()));
    now = live(QStringLiteral("AuthorizationPolicy"), QStringLiteral("default"),
               QStringLiteral("revert-ap"));
    QCOMPARE(now->value(QStringLiteral("spec")), created.value(QStringLiteral("spec")));

    // Reverting the create deletes the object; reverting that delete brings it back.
    const auto all = m_journal.entries(q);
    auto undoCreate = revertRequest(all->constLast(), *now);
    QVERIFY(undoCreate);
    QVERIFY(runPlan(*undoCreate).ok());
    QVERIFY(live(QStringLiteral("AuthorizationPolicy"), QStringLiteral("default"),
                 QStringLiteral("revert-ap"))
                ->isNull());
    const auto afterDelete = m_journal.entries(q);
    QCOMPARE(afterDelete->at(0).operation, QStringLiteral("delete"));
    auto undoDelete = revertRequest(afterDelete->at(0), Value());
    QVERIFY(undoDelete);
    QVERIFY(runPlan(*undoDelete).ok());
    now = live(QStringLiteral("AuthorizationPolicy"), QStringLiteral("default"),
               QStringLiteral("revert-ap"));
    QVERIFY(now && !now->isNull());
    QCOMPARE(now->value(QStringLiteral("spec")), created.value(QStringLiteral("spec")));
}

void tst_ApplyMeshsim::importBookinfoAppliesInOrder()
{
    QList<ApplyItem> items;
    ImportOptions options;
    options.defaultNamespace = QStringLiteral("bookinfo");
    // Given in the wrong order on purpose: routes first.
    for (const char *name :
         {"virtual-service-all-v1.yaml", "destination-rule-all.yaml", "bookinfo-gateway.yaml"}) {
        auto imported = importFile(QStringLiteral(MESHDESK_SHARED_DIR "/istio/samples/bookinfo/")
                                       + QLatin1String(name),
                                   options);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
        items += *imported;
    }
    std::optional<ApplyEngine::ResolvedBases> resolved;
    m_engine->resolveBases(request(items), this, [&](auto r) { resolved.emplace(std::move(r)); });
    QVERIFY(QTest::qWaitFor([&] { return resolved.has_value(); }, 30000));
    QVERIFY(resolved->second.isEmpty());
    QList<int> started;
    const ApplyReport report = runPlan(resolved->first, &started);
    for (const ItemResult &r : report.results)
        QVERIFY2(r.status == ItemResult::Status::Succeeded, qPrintable(r.message()));
    QCOMPARE(started.size(), items.size());
    QStringList kinds;
    for (int i : started)
        kinds << items.at(i).id().kind;
    QVERIFY2(kinds.lastIndexOf(QStringLiteral("DestinationRule"))
                     < kinds.indexOf(QStringLiteral("VirtualService"))
                 && kinds.indexOf(QStringLiteral("Gateway"))
                     < kinds.indexOf(QStringLiteral("VirtualService")),
             qPrintable(kinds.join(QLatin1Char(','))));
    QVERIFY(live(QStringLiteral("Gateway"), QStringLiteral("bookinfo"),
                 QStringLiteral("bookinfo-gateway"))
                .has_value());

    // Imported again: every object exists now, so each becomes an update of its live version.
    std::optional<ApplyEngine::ResolvedBases> again;
    m_engine->resolveBases(request(items), this, [&](auto r) { again.emplace(std::move(r)); });
    QVERIFY(QTest::qWaitFor([&] { return again.has_value(); }, 30000));
    for (const ApplyItem &item : again->first.items) {
        QVERIFY(item.operation == Operation::Update);
        QVERIFY(!item.baseResourceVersion.isEmpty());
    }
    QVERIFY(runPlan(again->first).ok());
}

md::testing::CommandResult tst_ApplyMeshsim::cli(const QStringList &args,
                                                 const QByteArray &input) const
{
    QProcess p;
    p.start(QStringLiteral(MESHDESK_CLI),
            QStringList {QStringLiteral("--kubeconfig"), m_sim.kubeconfig(),
                         QStringLiteral("--context"), Primary}
                + args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    md::testing::CommandResult r;
    r.finished = p.waitForFinished(60000);
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void tst_ApplyMeshsim::cliApplyCreatesUpdatesAndReportsConflicts()
{
    const QString file = m_dir.filePath(QStringLiteral("cli.yaml"));
    const auto write = [&](const QByteArray &text) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    };
    // Valid against the live mesh too: its own host, a destination that exists.
    QByteArray text = QByteArray(Kinds[0].yaml)
                          .replace("apply-vs", "cli-vs")
                          .replace("hosts: [reviews]", "hosts: [cli.example.com]")
                          .replace("{host: reviews}", "{host: details.bookinfo.svc.cluster.local}");
    write(text);
    auto r = cli({QStringLiteral("apply"), QStringLiteral("-f"), file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QByteArray("virtualservice.networking.istio.io/cli-vs created\n"));

    // Unchanged, then changed.
    r = cli({QStringLiteral("apply"), QStringLiteral("-f"), file});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QByteArray("virtualservice.networking.istio.io/cli-vs unchanged\n"));
    text.replace("timeout: 2s", "timeout: 4s");
    r = cli({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, text);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QByteArray("virtualservice.networking.istio.io/cli-vs configured\n"));
    auto now = live(QStringLiteral("VirtualService"), QStringLiteral("default"),
                    QStringLiteral("cli-vs"));
    QCOMPARE(read(*now, Kinds[0]), QStringLiteral("4s"));

    // A file that carries the resourceVersion it was read at, after someone else changed the
    // object: a conflict, exit 1, nothing overwritten.
    const QString stale = rv(*now);
    const Value theirs = edited(*now, KindCase {"", "", "http", "8s"});
    std::optional<ObjectResult> written;
    m_admin->update(
        m_discovery.find(QStringLiteral("networking.istio.io"), QStringLiteral("VirtualService"))
            ->ref,
        QStringLiteral("default"), theirs.toJson().toObject(), {}, this,
        [&](ObjectResult res) { written.emplace(std::move(res)); });
    QVERIFY(QTest::qWaitFor([&] { return written.has_value(); }, 20000));
    QVERIFY(*written);
    QByteArray withVersion = text;
    withVersion.replace("namespace: default}",
                        QByteArray(QByteArray("namespace: default, resourceVersion: \"")
                                   + stale.toUtf8() + QByteArray("\"}")));
    withVersion.replace("timeout: 4s", "timeout: 6s");
    write(withVersion);
    r = cli({QStringLiteral("apply"), QStringLiteral("-f"), file});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Conflict"), r.err.constData());
    QVERIFY(r.err.contains("nothing was overwritten"));
    now = live(QStringLiteral("VirtualService"), QStringLiteral("default"),
               QStringLiteral("cli-vs"));
    QCOMPARE(read(*now, Kinds[0]), QStringLiteral("8s"));

    // Validation errors stop it before anything is sent.
    QByteArray invalid = QByteArray(Kinds[4].yaml).replace("PERMISSIVE", "SOMETIMES");
    r = cli({QStringLiteral("apply"), QStringLiteral("-f"), QStringLiteral("-")}, invalid);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Error [IST0106]") || r.err.contains("Error ["), r.err.constData());
    QVERIFY(r.err.contains("(PeerAuthentication default/apply-pa)"));
    QVERIFY(live(QStringLiteral("PeerAuthentication"), QStringLiteral("default"),
                 QStringLiteral("apply-pa"))
                ->isNull());

    // A server dry run reports but never persists.
    r = cli({QStringLiteral("apply"), QStringLiteral("--dry-run=server"), QStringLiteral("-f"),
             QStringLiteral("-")},
            QByteArray(Kinds[3].yaml).replace("apply-se", "cli-dry"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains("serviceentry.networking.istio.io/cli-dry created (server dry run)"));
    QVERIFY(
        live(QStringLiteral("ServiceEntry"), QStringLiteral("default"), QStringLiteral("cli-dry"))
            ->isNull());

    // The viewer is told what it may not do.
    QProcess p;
    p.start(QStringLiteral(MESHDESK_CLI),
            {QStringLiteral("--kubeconfig"), m_sim.kubeconfig(), QStringLiteral("--context"),
             Viewer, QStringLiteral("apply"), QStringLiteral("-f"), file});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains("Forbidden")
                 && err.contains("update virtualservices.networking.istio.io"),
             err.constData());
}

void tst_ApplyMeshsim::cliClientDryRunMatchesKubectl()
{
    // One object, several objects (a List), an object without a namespace (-n applies).
    const QString gateway
        = QStringLiteral(MESHDESK_SHARED_DIR "/istio/samples/bookinfo/bookinfo-gateway.yaml");
    const QString rules
        = QStringLiteral(MESHDESK_SHARED_DIR "/istio/samples/bookinfo/destination-rule-all.yaml");
    const QString one = m_dir.filePath(QStringLiteral("one.yaml"));
    {
        QFile f(one);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: dry-client
  labels: {app: reviews, "version": "2"}
spec:
  hosts: [dry.example.com]   # a comment
  http:
  - route:
    - destination: {host: details, port: {number: 9080}}
      weight: 100
    timeout: 1.5s
    retries: {attempts: 3, perTryTimeout: 0.5s}
)");
    }
    // As `kubectl create` prints what it sends: several objects one after the other. YAML is
    // compared on the bookinfo files only: for strings that need quotes (version: "2") the
    // YAML writer of models/schema quotes with ' where kubectl quotes with ".
    for (const QString &format : {QStringLiteral("json"), QStringLiteral("yaml")}) {
        for (const QString &file : {one, gateway, rules}) {
            if (format == QLatin1String("yaml") && file == one)
                continue;
            const QStringList args {QStringLiteral("--dry-run=client"),
                                    QStringLiteral("-o"),
                                    format,
                                    QStringLiteral("-n"),
                                    QStringLiteral("bookinfo"),
                                    QStringLiteral("-f"),
                                    file};
            const auto ours = cli(QStringList {QStringLiteral("apply")} + args);
            QVERIFY2(ours.exitCode == 0, qPrintable(ours.describe()));
            const auto theirs = m_sim.kubectl(
                QStringList {QStringLiteral("--context"), Primary, QStringLiteral("create")}
                + args);
            QVERIFY2(theirs.exitCode == 0, qPrintable(theirs.describe()));
            QCOMPARE(QString::fromUtf8(ours.out).split(QLatin1Char('\n')),
                     QString::fromUtf8(theirs.out).split(QLatin1Char('\n')));
        }
    }
    // One object is printed as that object, in the namespace given by -n.
    const auto single = cli({QStringLiteral("apply"), QStringLiteral("--dry-run=client"),
                             QStringLiteral("-o"), QStringLiteral("json"), QStringLiteral("-n"),
                             QStringLiteral("bookinfo"), QStringLiteral("-f"), one});
    const QJsonObject printed = QJsonDocument::fromJson(single.out).object();
    QCOMPARE(printed.value(QLatin1String("kind")).toString(), QStringLiteral("VirtualService"));
    QCOMPARE(printed.value(QLatin1String("metadata")).toObject().value(QLatin1String("namespace")),
             QJsonValue(QStringLiteral("bookinfo")));
    // Nothing was created.
    QVERIFY(live(QStringLiteral("VirtualService"), QStringLiteral("bookinfo"),
                 QStringLiteral("dry-client"))
                ->isNull());
}

void tst_ApplyMeshsim::cliDelete()
{
    createDirect(QByteArray(Kinds[2].yaml).replace("apply-gw", "cli-delete"));
    auto r = cli({QStringLiteral("delete"), QStringLiteral("gateway"), QStringLiteral("cli-delete"),
                  QStringLiteral("-n"), QStringLiteral("default"),
                  QStringLiteral("--dry-run=server")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(
        !live(QStringLiteral("Gateway"), QStringLiteral("default"), QStringLiteral("cli-delete"))
             ->isNull());
    r = cli({QStringLiteral("delete"), QStringLiteral("gateway"), QStringLiteral("cli-delete"),
             QStringLiteral("-n"), QStringLiteral("default")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QByteArray("gateway.networking.istio.io \"cli-delete\" deleted\n"));
    QVERIFY(live(QStringLiteral("Gateway"), QStringLiteral("default"), QStringLiteral("cli-delete"))
                ->isNull());
    r = cli({QStringLiteral("delete"), QStringLiteral("gateway"), QStringLiteral("cli-delete"),
             QStringLiteral("-n"), QStringLiteral("default")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("NotFound") || r.err.contains("not found"));
}

QTEST_GUILESS_MAIN(tst_ApplyMeshsim)
#include "tst_apply_meshsim.moc"

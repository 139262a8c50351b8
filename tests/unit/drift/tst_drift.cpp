// The drift comparison over synthetic objects: what the server sets and the order of keys
// never count, any other field does; findDrift groups copies by identity across clusters,
// names the clusters that miss an object, and copyToOthers builds updates carrying each
// target's resourceVersion or creates. The table and filter models run under
// QAbstractItemModelTester.

#include "drift/drift.h"
#include "drift/driftmodel.h"
#include "istio/document.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace md;
using md::istio::Value;

namespace {

Value yaml(const char *text)
{
    auto parsed = md::istio::parseValue(QByteArray(text));
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().toString()));
    return *parsed;
}

const char Base[] = R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  labels:
    app: reviews
spec:
  hosts:
  - reviews
  http:
  - timeout: 3s
    route:
    - destination:
        host: reviews
        subset: v1
)";

// The same object as a server returns it: server-set fields everywhere, keys reordered.
const char ServerCopy[] = R"(kind: VirtualService
apiVersion: networking.istio.io/v1beta1
metadata:
  namespace: bookinfo
  name: reviews
  uid: 7d0c7c7e-1111-2222-3333-444455556666
  resourceVersion: "4711"
  generation: 3
  creationTimestamp: "2026-01-02T03:04:05Z"
  selfLink: /apis/networking.istio.io/v1beta1/namespaces/bookinfo/virtualservices/reviews
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"spec":{}}'
  labels:
    app: reviews
  managedFields:
  - manager: kubectl
    operation: Apply
    apiVersion: networking.istio.io/v1
    fieldsType: FieldsV1
    fieldsV1: {"f:spec": {}}
spec:
  http:
  - route:
    - destination:
        subset: v1
        host: reviews
    timeout: 3s
  hosts:
  - reviews
status:
  observedGeneration: 3
)";

kube::KubeObject object(const QString &group, const QString &kind, const QString &ns,
                        const QString &name, const QString &rv, const QString &specJson)
{
    const QString json
        = QStringLiteral(R"({"apiVersion":"%1/v1","kind":"%2","metadata":{"name":"%3",)"
                         R"("namespace":"%4","uid":"u-%5","resourceVersion":"%5"},"spec":%6})")
              .arg(group, kind, name, ns, rv, specJson);
    auto parsed = kube::KubeObject::fromJson(json.toUtf8());
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().toString()));
    return *parsed;
}

kube::ResourceRef vsRef(const QString &version = QStringLiteral("v1"))
{
    return {QStringLiteral("networking.istio.io"), version, QStringLiteral("virtualservices"), true,
            QStringLiteral("VirtualService")};
}

const QString A = QStringLiteral("cluster-a");
const QString B = QStringLiteral("cluster-b");
const QString C = QStringLiteral("cluster-c");
const QString Net = QStringLiteral("networking.istio.io");
const QString VS = QStringLiteral("VirtualService");

drift::Options options3()
{
    drift::Options options;
    options.clusters = {A, B, C};
    for (const QString &c : options.clusters)
        options.served[c].insert(drift::kindKey(Net, VS), QStringLiteral("networking.istio.io/v1"));
    return options;
}

drift::Entry sampleEntry(const QString &name, int variants, const QStringList &missing = {})
{
    drift::Entry entry;
    entry.group = Net;
    entry.kind = VS;
    entry.namespace_ = QStringLiteral("bookinfo");
    entry.name = name;
    for (const QString &c : {A, B}) {
        drift::Copy copy;
        copy.context = c;
        copy.variant = (c == B && variants > 1) ? 1 : 0;
        entry.copies << copy;
    }
    entry.variants = variants;
    entry.missing = missing;
    return entry;
}

} // namespace

class tst_Drift : public QObject
{
    Q_OBJECT

private slots:
    void serverSetFieldsAndKeyOrderIgnored();
    void realDifferencesCount_data();
    void realDifferencesCount();
    void findDriftGroupsAcrossClusters();
    void findDriftOnlyIstioGroups();
    void singleCopiesOnRequest();
    void comparePairsDiffs();
    void copyToOthersBuildsUpdatesAndCreates();
    void driftModelUnderTester();
};

void tst_Drift::serverSetFieldsAndKeyOrderIgnored()
{
    const Value mine = yaml(Base);
    const Value server = yaml(ServerCopy);
    QVERIFY(!mine.identical(server));
    QVERIFY(drift::sameObject(mine, server));
    QCOMPARE(drift::comparableYaml(mine), drift::comparableYaml(server));
    const QString text = drift::comparableYaml(server);
    for (const char *field :
         {"uid", "resourceVersion", "generation", "creationTimestamp", "selfLink", "managedFields",
          "status", "last-applied", "apiVersion", "annotations"})
        QVERIFY2(!text.contains(QLatin1String(field)), field);
    // Sorted keys: "hosts" before "http" before ..., at every level.
    QVERIFY(text.indexOf(QLatin1String("hosts:")) < text.indexOf(QLatin1String("http:")));
    QVERIFY(text.indexOf(QLatin1String("host: reviews"))
            < text.indexOf(QLatin1String("subset: v1")));
    // The diff of the two is empty.
    QVERIFY(md::apply::diffText(drift::comparableYaml(mine), text).isEmpty());
}

void tst_Drift::realDifferencesCount_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("added"); // the line the diff adds
    QTest::newRow("timeout") << "timeout: 3s"
                             << "timeout: 5s"
                             << "timeout: 5s";
    QTest::newRow("label") << "app: reviews"
                           << "app: ratings"
                           << "app: ratings";
    QTest::newRow("subset") << "subset: v1"
                            << "subset: v2"
                            << "subset: v2";
    QTest::newRow("list item") << "  - reviews\n  http"
                               << "  - reviews\n  - extra\n  http"
                               << "- extra";
}

void tst_Drift::realDifferencesCount()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, added);
    QString changed = QString::fromUtf8(Base);
    QVERIFY(changed.contains(from));
    changed.replace(from, to);
    const Value a = yaml(Base);
    const Value b = yaml(changed.toUtf8().constData());
    QVERIFY(!drift::sameObject(a, b));
    const auto diff = md::apply::diffText(drift::comparableYaml(a), drift::comparableYaml(b));
    QVERIFY(!diff.isEmpty());
    bool found = false;
    for (const md::apply::DiffLine &line : diff.lines)
        found = found || (line.op == md::apply::DiffLine::Op::Added && line.text.contains(added));
    QVERIFY2(found, qPrintable(diff.unified(A, B)));
}

void tst_Drift::findDriftGroupsAcrossClusters()
{
    const QString same = QStringLiteral(R"({"hosts":["a"],"http":[{"timeout":"3s"}]})");
    const QString sameReordered = QStringLiteral(R"({"http":[{"timeout":"3s"}],"hosts":["a"]})");
    const QString other = QStringLiteral(R"({"hosts":["a"],"http":[{"timeout":"9s"}]})");
    QList<drift::Source> sources {
        {A, vsRef(), object(Net, VS, "ns", "diff", "1", same)},
        {B, vsRef(QStringLiteral("v1beta1")), object(Net, VS, "ns", "diff", "2", other)},
        {C, vsRef(), object(Net, VS, "ns", "diff", "3", same)},
        {A, vsRef(), object(Net, VS, "ns", "sync", "4", same)},
        {B, vsRef(QStringLiteral("v1beta1")), object(Net, VS, "ns", "sync", "5", sameReordered)},
        {C, vsRef(), object(Net, VS, "ns", "sync", "6", same)},
        {C, vsRef(), object(Net, VS, "ns", "partial", "7", same)},
        {A, vsRef(), object(Net, VS, "ns", "partial", "8", same)},
        {B, vsRef(), object(Net, VS, "ns", "alone", "9", same)},
    };
    const QList<drift::Entry> entries = drift::findDrift(sources, options3());
    QCOMPARE(entries.size(), 3); // "alone" is in one cluster only
    QCOMPARE(entries.at(0).name, QStringLiteral("diff"));
    QCOMPARE(entries.at(1).name, QStringLiteral("partial"));
    QCOMPARE(entries.at(2).name, QStringLiteral("sync"));

    const drift::Entry &diff = entries.at(0);
    QCOMPARE(diff.state(), drift::Entry::State::Differs);
    QCOMPARE(diff.variants, 2);
    QCOMPARE(diff.copies.size(), 3);
    QCOMPARE(diff.copies.at(0).context, A);
    QCOMPARE(diff.copies.at(1).context, B);
    QCOMPARE(diff.copies.at(0).variant, diff.copies.at(2).variant);
    QVERIFY(diff.copies.at(0).variant != diff.copies.at(1).variant);
    QCOMPARE(diff.copies.at(1).apiVersion, QStringLiteral("networking.istio.io/v1beta1"));
    QCOMPARE(diff.copies.at(1).resourceVersion, QStringLiteral("2"));
    QCOMPARE(diff.stateText(), QStringLiteral("Differs (2 versions)"));

    const drift::Entry &partial = entries.at(1);
    QCOMPARE(partial.state(), drift::Entry::State::Missing);
    QCOMPARE(partial.missing, QStringList {B});
    QCOMPARE(partial.copies.at(0).context, A); // in the mesh's order, not the input's
    QCOMPARE(partial.stateText(), QStringLiteral("Missing in cluster-b"));

    const drift::Entry &sync = entries.at(2);
    QCOMPARE(sync.state(), drift::Entry::State::InSync);
    QCOMPARE(sync.variants, 1);
    QCOMPARE(sync.id(), QStringLiteral("networking.istio.io/VirtualService/ns/sync"));
    QCOMPARE(sync.displayName(), QStringLiteral("VirtualService ns/sync"));

    // A cluster that does not serve the kind (or is not synced) misses nothing.
    drift::Options options = options3();
    options.served.remove(B);
    QVERIFY(drift::findDrift(sources, options).at(1).missing.isEmpty());
}

void tst_Drift::findDriftOnlyIstioGroups()
{
    const kube::ResourceRef services {QString(), QStringLiteral("v1"), QStringLiteral("services"),
                                      true, QStringLiteral("Service")};
    const QString spec = QStringLiteral(R"({"ports":[{"port":80}]})");
    QList<drift::Source> sources {
        {A, services, object(QStringLiteral("core"), "Service", "ns", "svc", "1", spec)},
        {B, services, object(QStringLiteral("core"), "Service", "ns", "svc", "2", spec)},
    };
    QVERIFY(drift::findDrift(sources, options3()).isEmpty());
}

void tst_Drift::singleCopiesOnRequest()
{
    const QString spec = QStringLiteral(R"({"hosts":["a"]})");
    QList<drift::Source> sources {{B, vsRef(), object(Net, VS, "ns", "alone", "9", spec)}};
    drift::Options options = options3();
    QVERIFY(drift::findDrift(sources, options).isEmpty());
    options.minCopies = 1;
    const auto entries = drift::findDrift(sources, options);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().missing, (QStringList {A, C}));
    QCOMPARE(entries.first().state(), drift::Entry::State::Missing);
}

void tst_Drift::comparePairsDiffs()
{
    QList<drift::Source> sources {
        {A, vsRef(), object(Net, VS, "ns", "x", "1", R"({"hosts":["a"]})")},
        {B, vsRef(), object(Net, VS, "ns", "x", "2", R"({"hosts":["b"]})")},
        {C, vsRef(), object(Net, VS, "ns", "x", "3", R"({"hosts":["a"]})")},
    };
    const auto entries = drift::findDrift(sources, options3());
    QCOMPARE(entries.size(), 1);
    const auto pairs = drift::comparePairs(entries.first());
    QCOMPARE(pairs.size(), 3);
    QVERIFY(!pairs.at(0).same); // A-B
    QVERIFY(pairs.at(0).diff.unified(A, B).contains(QLatin1String("-  - a")));
    QVERIFY(pairs.at(0).diff.unified(A, B).contains(QLatin1String("+  - b")));
    QVERIFY(pairs.at(1).same); // A-C
    QVERIFY(pairs.at(1).diff.isEmpty());
    QVERIFY(!pairs.at(2).same); // B-C
    QCOMPARE(drift::pairDiff(entries.first(), 0, 2).isEmpty(), true);
}

void tst_Drift::copyToOthersBuildsUpdatesAndCreates()
{
    QList<drift::Source> sources {
        {A, vsRef(), object(Net, VS, "ns", "x", "11", R"({"hosts":["a"]})")},
        {B, vsRef(QStringLiteral("v1beta1")),
         object(Net, VS, "ns", "x", "22", R"({"hosts":["b"]})")},
    };
    drift::Options options = options3();
    options.served[C][drift::kindKey(Net, VS)] = QStringLiteral("networking.istio.io/v1alpha3");
    const auto entries = drift::findDrift(sources, options);
    QCOMPARE(entries.size(), 1);
    const auto targets = drift::copyToOthers(entries.first(), A);
    QCOMPARE(targets.size(), 2);
    QCOMPARE(targets.at(0).context, B);
    const apply::ApplyItem &update = targets.at(0).item;
    QCOMPARE(update.operation, apply::Operation::Update);
    QCOMPARE(update.baseResourceVersion, QStringLiteral("22")); // the target's own
    QCOMPARE(update.object.value("apiVersion").toString(),
             QStringLiteral("networking.istio.io/v1beta1"));
    QCOMPARE(update.object.value("spec").value("hosts").at(0).toString(), QStringLiteral("a"));
    const Value &metadata = update.object.value("metadata");
    QVERIFY(!metadata.contains("uid"));
    QVERIFY(!metadata.contains("resourceVersion"));
    QCOMPARE(update.base.value("spec").value("hosts").at(0).toString(), QStringLiteral("b"));
    QVERIFY(drift::sameObject(update.object, entries.first().copies.at(0).object));

    QCOMPARE(targets.at(1).context, C);
    const apply::ApplyItem &create = targets.at(1).item;
    QCOMPARE(create.operation, apply::Operation::Create);
    QVERIFY(create.baseResourceVersion.isEmpty());
    QCOMPARE(create.object.value("apiVersion").toString(),
             QStringLiteral("networking.istio.io/v1alpha3"));
    QCOMPARE(create.object.value("metadata").value("name").toString(), QStringLiteral("x"));

    QCOMPARE(drift::copyToOthers(entries.first(), A, false).size(), 1);
    QVERIFY(drift::copyToOthers(entries.first(), QStringLiteral("nowhere")).isEmpty());
}

void tst_Drift::driftModelUnderTester()
{
    drift::DriftModel model;
    drift::DriftFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(
        {sampleEntry("alpha", 1), sampleEntry("beta", 2), sampleEntry("gamma", 1, {C})});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.count(drift::Entry::State::Differs), 1);
    QCOMPARE(model.count(drift::Entry::State::Missing), 1);
    QCOMPARE(model.index(1, drift::DriftModel::StateColumn).data().toString(),
             QStringLiteral("Differs (2 versions)"));
    QCOMPARE(model.index(0, drift::DriftModel::ClustersColumn).data().toString(),
             QStringLiteral("cluster-a, cluster-b"));
    QCOMPARE(model.rowOfId(QStringLiteral("networking.istio.io/VirtualService/bookinfo/gamma")), 2);

    filter.setDifferingOnly(true);
    QCOMPARE(filter.rowCount(), 2);
    filter.setSearchText(QStringLiteral("  BET "));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data(drift::DriftModel::NameRole).toString(),
             QStringLiteral("beta"));
    filter.setSearchText({});
    filter.setDifferingOnly(false);
    QCOMPARE(filter.rowCount(), 3);

    // Same identities: the cells change, the rows stay (no reset).
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setEntries({sampleEntry("alpha", 2), sampleEntry("beta", 1), sampleEntry("gamma", 1)});
    QCOMPARE(resets.size(), 0);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(model.count(drift::Entry::State::InSync), 2);
    model.setEntries({sampleEntry("beta", 1)});
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_Drift)
#include "tst_drift.moc"

#include "apply/revert.h"
#include "istio/document.h"
#include "store/draftstore.h"
#include "store/journalstore.h"
#include "store/meshstore.h"

#include <QTemporaryDir>
#include <QTest>

using md::istio::Value;
using md::store::Draft;
using md::store::DraftKey;
using md::store::DraftStore;
using md::store::JournalEntry;
using md::store::JournalQuery;
using md::store::JournalStore;

namespace {

Value yaml(const QByteArray &text)
{
    auto parsed = md::istio::parseValue(text);
    if (!parsed)
        qFatal("bad test YAML: %s", qPrintable(parsed.error().toString()));
    return *parsed;
}

const QByteArray Before = R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "10"
  uid: 1234
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
)";

JournalEntry entry(const QString &operation, const QDateTime &time, const QString &context)
{
    JournalEntry e;
    e.time = time;
    e.mesh = QStringLiteral("demo");
    e.context = context;
    e.apiVersion = QStringLiteral("networking.istio.io/v1");
    e.kind = QStringLiteral("VirtualService");
    e.namespace_ = QStringLiteral("bookinfo");
    e.name = QStringLiteral("reviews");
    e.operation = operation;
    e.identity = QStringLiteral("system:admin");
    return e;
}

} // namespace

class tst_ApplyStores : public QObject
{
    Q_OBJECT

private slots:
    void journalRoundTripAndQueries()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("meshdesk.sqlite"));
        // The journal shares the app's database file with MeshStore.
        md::store::MeshStore meshes;
        QVERIFY(meshes.open(path));
        JournalStore journal;
        QVERIFY(journal.open(path));
        const QDateTime t0
            = QDateTime::fromString(QStringLiteral("2026-01-01T10:00:00Z"), Qt::ISODate);
        JournalEntry a = entry(QStringLiteral("update"), t0, QStringLiteral("primary"));
        a.before = Before;
        a.after = Before;
        a.after.replace("v1", "v2");
        const auto id = journal.record(a);
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toString()));
        a.id = *id;
        JournalEntry b
            = entry(QStringLiteral("delete"), t0.addSecs(3600), QStringLiteral("member"));
        b.before = Before;
        b.succeeded = false;
        b.result = QStringLiteral("Forbidden");
        QVERIFY(journal.record(b));
        JournalEntry c
            = entry(QStringLiteral("create"), t0.addSecs(7200), QStringLiteral("primary"));
        c.name = QStringLiteral("ratings");
        QVERIFY(journal.record(c));

        const auto got = journal.entry(*id);
        QVERIFY(got);
        QCOMPARE(*got, a);

        const auto all = journal.entries();
        QVERIFY(all);
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->at(0).name, QStringLiteral("ratings")); // newest first

        JournalQuery byObject;
        byObject.kind = QStringLiteral("VirtualService");
        byObject.namespace_ = QStringLiteral("bookinfo");
        byObject.name = QStringLiteral("reviews");
        QCOMPARE(journal.entries(byObject)->size(), 2);
        JournalQuery byCluster;
        byCluster.context = QStringLiteral("member");
        QCOMPARE(journal.entries(byCluster)->size(), 1);
        QCOMPARE(journal.entries(byCluster)->at(0).result, QStringLiteral("Forbidden"));
        JournalQuery byTime;
        byTime.from = t0.addSecs(1800);
        byTime.to = t0.addSecs(7200); // exclusive
        QCOMPARE(journal.entries(byTime)->size(), 1);
        QCOMPARE(journal.entries(byTime)->at(0).operation, QStringLiteral("delete"));
        JournalQuery limited;
        limited.limit = 1;
        QCOMPARE(journal.entries(limited)->size(), 1);

        // Reopened: everything is still there, and MeshStore still opens the shared file.
        JournalStore again;
        QVERIFY(again.open(path));
        QCOMPARE(again.entries()->size(), 3);
        md::store::MeshStore meshesAgain;
        QVERIFY(meshesAgain.open(path));
        QVERIFY(!journal.entry(9999));
    }

    void secretDataIsNeverStored()
    {
        JournalStore journal;
        QVERIFY(journal.open(QStringLiteral(":memory:")));
        JournalEntry e = entry(QStringLiteral("update"), {}, QStringLiteral("primary"));
        e.kind = QStringLiteral("Secret");
        e.apiVersion = QStringLiteral("v1");
        e.before = R"(apiVersion: v1
kind: Secret
metadata:
  name: bookinfo-cert
  namespace: istio-system
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"tls.key":"c2VjcmV0"}}'
type: kubernetes.io/tls
data:
  tls.key: c2VjcmV0
stringData:
  password: hunter2
)";
        e.after = e.before;
        const auto id = journal.record(e);
        QVERIFY(id);
        const auto stored = journal.entry(*id);
        QVERIFY(stored);
        QVERIFY(stored->time.isValid());
        for (const QByteArray &text : {stored->before, stored->after}) {
            QVERIFY(!text.contains("c2VjcmV0"));
            QVERIFY(!text.contains("hunter2"));
            QVERIFY2(!text.contains("\ndata:"), text.constData());
            QVERIFY(text.contains("name: bookinfo-cert"));
            QVERIFY(text.contains("type: kubernetes.io/tls"));
        }
        // Other kinds are kept byte for byte.
        QCOMPARE(JournalStore::withoutSecretData(Before), Before);
        QVERIFY(!JournalStore::withoutSecretData(QByteArray("kind: Secret\ndata: [\n"))
                     .contains("data"));
    }

    void revertRequests()
    {
        const Value before = yaml(Before);
        Value live = before;
        live.member(QStringLiteral("metadata"))
            .insert(QStringLiteral("resourceVersion"), QStringLiteral("12"));
        live.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(0)
            .member(QStringLiteral("route"))
            .at(0)
            .member(QStringLiteral("destination"))
            .insert(QStringLiteral("subset"), QStringLiteral("v2"));

        JournalEntry update = entry(QStringLiteral("update"), {}, QStringLiteral("primary"));
        update.before = Before;
        update.after = md::istio::toYaml(live);
        auto r = md::apply::revertRequest(update, live);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(r->context, QStringLiteral("primary"));
        QCOMPARE(r->items.size(), 1);
        const md::apply::ApplyItem &item = r->items.at(0);
        QVERIFY(item.operation == md::apply::Operation::Update);
        QCOMPARE(item.baseResourceVersion, QStringLiteral("12")); // an update of what is live
        QCOMPARE(item.base, live);
        QCOMPARE(item.object.value(QStringLiteral("spec")), before.value(QStringLiteral("spec")));
        QVERIFY(!item.object.value(QStringLiteral("metadata")).contains(QStringLiteral("uid")));
        QVERIFY(!md::apply::revertRequest(update, Value())); // gone: cannot update it back

        JournalEntry created = entry(QStringLiteral("create"), {}, QStringLiteral("primary"));
        created.after = update.after;
        auto del = md::apply::revertRequest(created, live);
        QVERIFY(del);
        QVERIFY(del->items.at(0).operation == md::apply::Operation::Delete);
        QCOMPARE(del->items.at(0).baseResourceVersion, QStringLiteral("12"));

        JournalEntry deleted = entry(QStringLiteral("delete"), {}, QStringLiteral("primary"));
        deleted.before = Before;
        auto recreate = md::apply::revertRequest(deleted, Value());
        QVERIFY(recreate);
        QVERIFY(recreate->items.at(0).operation == md::apply::Operation::Create);
        QVERIFY(!recreate->items.at(0)
                     .object.value(QStringLiteral("metadata"))
                     .contains(QStringLiteral("resourceVersion")));
        auto exists = md::apply::revertRequest(deleted, live);
        QVERIFY(!exists);
        QCOMPARE(exists.error().code, QStringLiteral("revert.exists"));

        JournalEntry secret = deleted;
        secret.kind = QStringLiteral("Secret");
        auto refused = md::apply::revertRequest(secret, Value());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("revert.secret"));
        JournalEntry failed = update;
        failed.succeeded = false;
        QVERIFY(!md::apply::revertRequest(failed, live));
    }

    void draftsRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("meshdesk.sqlite"));
        DraftKey existing {QStringLiteral("demo"),           QStringLiteral("primary"),
                           QStringLiteral("VirtualService"), QStringLiteral("bookinfo"),
                           QStringLiteral("reviews"),        QString()};
        DraftKey fresh {QStringLiteral("demo"),
                        QStringLiteral("primary"),
                        QStringLiteral("Gateway"),
                        QStringLiteral("bookinfo"),
                        QString(),
                        QStringLiteral("new-1")};
        {
            DraftStore drafts;
            QVERIFY(drafts.open(path));
            Draft d;
            d.key = existing;
            d.yaml = "spec: {hosts: [reviews]\n"; // half typed: kept as it is
            d.baseResourceVersion = QStringLiteral("10");
            d.baseYaml = Before;
            QVERIFY(drafts.saveDraft(d));
            d.yaml += "}\n";
            QVERIFY(drafts.saveDraft(d)); // replaced, not added
            Draft n;
            n.key = fresh;
            n.yaml = "kind: Gateway\n";
            QVERIFY(drafts.saveDraft(n));
            // The name typed later keeps the same draft.
            n.key.name = QStringLiteral("gw");
            n.yaml = "kind: Gateway\nmetadata: {name: gw}\n";
            QVERIFY(drafts.saveDraft(n));
            Draft other;
            other.key = existing;
            other.key.mesh = QStringLiteral("other");
            other.yaml = "x: 1\n";
            QVERIFY(drafts.saveDraft(other));
            QVERIFY(drafts.setApplyTarget(QStringLiteral("demo"), QStringLiteral("member")));
        }
        // After a restart (the store reopened), the drafts are offered again.
        DraftStore drafts;
        QVERIFY(drafts.open(path));
        const auto listed = drafts.drafts(QStringLiteral("demo"));
        QVERIFY(listed);
        QCOMPARE(listed->size(), 2);
        QCOMPARE(drafts.drafts()->size(), 3);
        const auto d = drafts.draft(existing);
        QVERIFY(d);
        QCOMPARE(d->yaml, QByteArray("spec: {hosts: [reviews]\n}\n"));
        QCOMPARE(d->baseResourceVersion, QStringLiteral("10"));
        QCOMPARE(d->baseYaml, Before);
        QVERIFY(d->updated.isValid());
        const auto n = drafts.draft(fresh);
        QVERIFY(n);
        QCOMPARE(n->key.name, QStringLiteral("gw"));
        QVERIFY(n->yaml.contains("name: gw"));
        QCOMPARE(*drafts.applyTarget(QStringLiteral("demo")), QStringLiteral("member"));
        QCOMPARE(*drafts.applyTarget(QStringLiteral("nope")), QString());

        QVERIFY(drafts.remove(existing));
        QVERIFY(!drafts.draft(existing));
        QCOMPARE(drafts.draft(existing).error().code, QStringLiteral("store.notfound"));
        QVERIFY(drafts.removeAll(QStringLiteral("demo")));
        QCOMPARE(drafts.drafts()->size(), 1);
        QVERIFY(drafts.setApplyTarget(QStringLiteral("demo"), QString()));
        QCOMPARE(*drafts.applyTarget(QStringLiteral("demo")), QString());
    }
};

QTEST_GUILESS_MAIN(tst_ApplyStores)
#include "tst_apply_stores.moc"

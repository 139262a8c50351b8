#include "apply/threewaymerge.h"
#include "istio/document.h"

#include <QTest>

using md::apply::FieldChange;
using md::apply::Resolution;
using md::apply::ThreeWayMerge;
using md::istio::Value;

namespace {

Value yaml(const char *text)
{
    auto parsed = md::istio::parseValue(QByteArray(text));
    if (!parsed)
        qFatal("bad test YAML: %s", qPrintable(parsed.error().toString()));
    return *parsed;
}

const char *const Base = R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "100"
spec:
  hosts:
  - reviews
  http:
  - name: v2
    match:
    - headers:
        end-user:
          exact: jason
    route:
    - destination:
        host: reviews
        subset: v2
    timeout: 1s
  - name: default
    route:
    - destination:
        host: reviews
        subset: v1
)";

const FieldChange *changeAt(const ThreeWayMerge &merge, const QString &path)
{
    for (const FieldChange &c : merge.changes()) {
        if (c.pathText == path)
            return &c;
    }
    return nullptr;
}

QString rv(const Value &v)
{
    return v.value(QStringLiteral("metadata")).value(QStringLiteral("resourceVersion")).toString();
}

} // namespace

class tst_ApplyMerge : public QObject
{
    Q_OBJECT

private slots:
    void nonConflictingChangesOnBothSidesMerge()
    {
        const Value base = yaml(Base);
        Value live = base;
        // They: a longer timeout on the v2 route, a label; a new resourceVersion.
        live.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(0)
            .insert(QStringLiteral("timeout"), QStringLiteral("5s"));
        live.member(QStringLiteral("metadata"))
            .member(QStringLiteral("labels"))
            .insert(QStringLiteral("team"), QStringLiteral("reviews"));
        live.member(QStringLiteral("metadata"))
            .insert(QStringLiteral("resourceVersion"), QStringLiteral("101"));
        // Me: retries on the default route.
        Value mine = base;
        Value retries = Value::object();
        retries.insert(QStringLiteral("attempts"), 3);
        mine.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(1)
            .insert(QStringLiteral("retries"), retries);

        ThreeWayMerge merge(base, live, mine);
        QCOMPARE(merge.conflictCount(), 0);
        const FieldChange *timeout = changeAt(merge, QStringLiteral("spec.http[name=v2].timeout"));
        QVERIFY(timeout);
        QVERIFY(timeout->changedByThem && !timeout->changedByMe && !timeout->conflicting);
        QCOMPARE(timeout->base.toString(), QStringLiteral("1s"));
        QCOMPARE(timeout->live.toString(), QStringLiteral("5s"));
        QVERIFY(timeout->resolution == Resolution::TakeTheirs);
        const FieldChange *mineChange
            = changeAt(merge, QStringLiteral("spec.http[name=default].retries"));
        QVERIFY(mineChange);
        QVERIFY(mineChange->changedByMe && !mineChange->changedByThem && !mineChange->inBase);
        QVERIFY(!changeAt(merge, QStringLiteral("metadata.resourceVersion")));

        const Value result = merge.result();
        const Value &http = result.value(QStringLiteral("spec")).value(QStringLiteral("http"));
        QCOMPARE(http.at(0).value(QStringLiteral("timeout")).toString(), QStringLiteral("5s"));
        QCOMPARE(http.at(1)
                     .value(QStringLiteral("retries"))
                     .value(QStringLiteral("attempts"))
                     .toInteger(),
                 3);
        QCOMPARE(result.value(QStringLiteral("metadata"))
                     .value(QStringLiteral("labels"))
                     .value(QStringLiteral("team"))
                     .toString(),
                 QStringLiteral("reviews"));
        QCOMPARE(rv(result), QStringLiteral("101")); // live's: the PUT will not conflict again
        QVERIFY(merge.changesLive());
    }

    void sameFieldConflictIsOfferedBothWays()
    {
        const Value base = yaml(Base);
        Value live = base, mine = base;
        live.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(0)
            .insert(QStringLiteral("timeout"), QStringLiteral("5s"));
        live.member(QStringLiteral("metadata"))
            .insert(QStringLiteral("resourceVersion"), QStringLiteral("101"));
        mine.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(0)
            .insert(QStringLiteral("timeout"), QStringLiteral("10s"));

        ThreeWayMerge merge(base, live, mine);
        QCOMPARE(merge.conflictCount(), 1);
        const int index = merge.conflicts().constFirst();
        const FieldChange &c = merge.changes().at(index);
        QCOMPARE(c.pathText, QStringLiteral("spec.http[name=v2].timeout"));
        QCOMPARE(c.base.toString(), QStringLiteral("1s"));
        QCOMPARE(c.live.toString(), QStringLiteral("5s"));
        QCOMPARE(c.mine.toString(), QStringLiteral("10s"));
        // Nothing live is overwritten unless asked.
        QVERIFY(c.resolution == Resolution::TakeTheirs);
        auto timeoutOf = [](const Value &v) {
            return v.value(QStringLiteral("spec"))
                .value(QStringLiteral("http"))
                .at(0)
                .value(QStringLiteral("timeout"))
                .toString();
        };
        QCOMPARE(timeoutOf(merge.result()), QStringLiteral("5s"));
        QVERIFY(!merge.changesLive());
        merge.resolve(index, Resolution::TakeMine);
        QCOMPARE(timeoutOf(merge.result()), QStringLiteral("10s"));
        QCOMPARE(rv(merge.result()), QStringLiteral("101"));
        merge.resolveConflicts(Resolution::TakeTheirs);
        QCOMPARE(timeoutOf(merge.result()), QStringLiteral("5s"));
        QCOMPARE(timeoutOf(md::apply::rebase(base, live, mine, Resolution::TakeMine)),
                 QStringLiteral("10s"));
    }

    void sameChangeOnBothSidesIsNoConflict()
    {
        const Value base = yaml(Base);
        Value live = base, mine = base;
        for (Value *v : {&live, &mine})
            v->member(QStringLiteral("spec"))
                .member(QStringLiteral("hosts"))
                .append(QStringLiteral("reviews.example.com"));
        ThreeWayMerge merge(base, live, mine);
        QCOMPARE(merge.conflictCount(), 0);
        QCOMPARE(merge.result(), live);
    }

    void theyDeleteWhatIChangedIsAConflict()
    {
        const Value base = yaml(Base);
        Value live = base, mine = base;
        live.member(QStringLiteral("spec")).member(QStringLiteral("http")).removeAt(0);
        mine.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(0)
            .insert(QStringLiteral("timeout"), QStringLiteral("3s"));
        ThreeWayMerge merge(base, live, mine);
        QCOMPARE(merge.conflictCount(), 1);
        const FieldChange &c = merge.changes().at(merge.conflicts().constFirst());
        QCOMPARE(c.pathText, QStringLiteral("spec.http[name=v2]"));
        QVERIFY(c.inBase && !c.inLive && c.inMine);
        QCOMPARE(merge.result().value(QStringLiteral("spec")).value(QStringLiteral("http")).size(),
                 1);
        merge.resolveConflicts(Resolution::TakeMine);
        const Value &http
            = merge.result().value(QStringLiteral("spec")).value(QStringLiteral("http"));
        QCOMPARE(http.size(), 2);
        QCOMPARE(http.at(0).value(QStringLiteral("timeout")).toString(), QStringLiteral("3s"));
    }

    void theirNewRouteAndMyEditBothSurvive()
    {
        const Value base = yaml(Base);
        Value live = base, mine = base;
        Value route
            = yaml("name: canary\nroute:\n- destination:\n    host: reviews\n    subset: v3\n");
        live.member(QStringLiteral("spec")).member(QStringLiteral("http")).insert(1, route);
        mine.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(1)
            .member(QStringLiteral("route"))
            .at(0)
            .member(QStringLiteral("destination"))
            .insert(QStringLiteral("subset"), QStringLiteral("v2"));
        ThreeWayMerge merge(base, live, mine);
        QCOMPARE(merge.conflictCount(), 0);
        const Value &http
            = merge.result().value(QStringLiteral("spec")).value(QStringLiteral("http"));
        QCOMPARE(http.size(), 3);
        QCOMPARE(http.at(0).value(QStringLiteral("name")).toString(), QStringLiteral("v2"));
        QCOMPARE(http.at(1).value(QStringLiteral("name")).toString(), QStringLiteral("canary"));
        QCOMPARE(http.at(2)
                     .value(QStringLiteral("route"))
                     .at(0)
                     .value(QStringLiteral("destination"))
                     .value(QStringLiteral("subset"))
                     .toString(),
                 QStringLiteral("v2"));
    }

    void rebaseKeepsUnknownFieldsAndKeyOrder()
    {
        // My edit in my key order (spec before metadata, http before hosts), with a field
        // MeshDesk does not know; live gained another unknown field meanwhile.
        const Value base = yaml(R"(kind: VirtualService
apiVersion: networking.istio.io/v1
spec:
  http:
  - route:
    - destination: {host: reviews}
  hosts: [reviews]
  futureField: {a: 1}
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "7"
)");
        const Value live = yaml(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "9"
  annotations: {owner: them}
spec:
  futureField: {a: 1}
  hosts: [reviews]
  exportTo: ["."]
  http:
  - route:
    - destination: {host: reviews}
)");
        Value mine = base;
        mine.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(0)
            .insert(QStringLiteral("timeout"), QStringLiteral("2s"));
        ThreeWayMerge merge(base, live, mine);
        QCOMPARE(merge.conflictCount(), 0);
        const QByteArray expected = R"(kind: VirtualService
apiVersion: networking.istio.io/v1
spec:
  http:
  - route:
    - destination:
        host: reviews
    timeout: 2s
  hosts:
  - reviews
  exportTo:
  - .
  futureField:
    a: 1
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: '9'
  annotations:
    owner: them
)";
        // Line by line, so that a failure names the first line that differs.
        QCOMPARE(QString::fromUtf8(md::istio::toYaml(merge.result())).split(QLatin1Char('\n')),
                 QString::fromUtf8(expected).split(QLatin1Char('\n')));
    }

    void nothingChangedMeansNoChanges()
    {
        const Value base = yaml(Base);
        ThreeWayMerge merge(base, base, base);
        QVERIFY(merge.changes().isEmpty());
        QVERIFY(!merge.changesLive());
        QVERIFY(merge.result().identical(base));
    }

    void deletedLiveObjectIsAConflictOfTheWhole()
    {
        const Value base = yaml(Base);
        Value mine = base;
        mine.member(QStringLiteral("spec"))
            .member(QStringLiteral("hosts"))
            .append(QStringLiteral("more"));
        ThreeWayMerge merge(base, Value(), mine);
        QCOMPARE(merge.conflictCount(), 1);
        QVERIFY(merge.result().isNull());
        merge.resolveConflicts(Resolution::TakeMine);
        QCOMPARE(merge.result(), mine);
    }
};

QTEST_GUILESS_MAIN(tst_ApplyMerge)
#include "tst_apply_merge.moc"

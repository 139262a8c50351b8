// managedFields bookkeeping and server-side apply: ownership, conflicts, force, removal of
// fields a manager stops applying.

#include "managedfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace md::sim;

namespace {

QJsonObject obj(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject vs(const char *spec)
{
    return obj((QByteArray(R"({"apiVersion":"networking.istio.io/v1","kind":"VirtualService",)")
                + R"("metadata":{"name":"r","namespace":"n"},"spec":)" + spec + "}")
                   .constData());
}

QStringList managers(const QJsonObject &o)
{
    QStringList out;
    for (const ManagedFieldsEntry &e : readManagedFields(o))
        out << e.manager + u'/' + e.operation;
    return out;
}

} // namespace

class TestMeshsimManagedFields : public QObject
{
    Q_OBJECT

private slots:
    void fieldSetRoundTrip();
    void applyCreatesOwnership();
    void conflictWithOtherManager();
    void sameValueIsSharedNotConflicting();
    void forceTakesOver();
    void droppedFieldsAreRemoved();
    void updateMovesOwnership();
};

void TestMeshsimManagedFields::fieldSetRoundTrip()
{
    const FieldSet set = FieldSet::of(vs(R"({"hosts":["a"],"http":[{"route":[]}],"tls":{}})"));
    const QJsonObject v1 = set.toFieldsV1();
    QCOMPARE(v1, obj(R"({"f:spec":{"f:hosts":{},"f:http":{},"f:tls":{}}})"));
    QCOMPARE(FieldSet::fromFieldsV1(v1).leaves().size(), 3);
    // Keyed list entries of real API servers are atomic here.
    const FieldSet keyed = FieldSet::fromFieldsV1(
        obj(R"({"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{".":{}}}}})"));
    QCOMPARE(keyed.leaves(), (QList<QStringList> {{u"spec"_s, u"containers"_s}}));
}

void TestMeshsimManagedFields::applyCreatesOwnership()
{
    const auto result = serverSideApply({}, vs(R"({"hosts":["a"]})"), u"tool"_s,
                                        u"networking.istio.io/v1"_s, false);
    QVERIFY(result.has_value());
    QCOMPARE(managers(*result), QStringList {u"tool/Apply"_s});
    QCOMPARE(result->value(u"spec"_s).toObject().value(u"hosts"_s).toArray().size(), 1);
}

void TestMeshsimManagedFields::conflictWithOtherManager()
{
    const auto first = serverSideApply({}, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s,
                                       u"networking.istio.io/v1"_s, false);
    QVERIFY(first.has_value());
    const auto second = serverSideApply(*first, vs(R"({"hosts":["b"]})"), u"two"_s,
                                        u"networking.istio.io/v1"_s, false);
    QVERIFY(!second.has_value());
    QCOMPARE(second.error().size(), 1);
    QCOMPARE(second.error().first().manager, u"one"_s);
    QCOMPARE(second.error().first().path, u".spec.hosts"_s);
}

void TestMeshsimManagedFields::sameValueIsSharedNotConflicting()
{
    const auto first = serverSideApply({}, vs(R"({"hosts":["a"]})"), u"one"_s, u"v1"_s, false);
    const auto second = serverSideApply(*first, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"two"_s,
                                        u"v1"_s, false);
    QVERIFY(second.has_value());
    QCOMPARE(managers(*second), (QStringList {u"one/Apply"_s, u"two/Apply"_s}));
}

void TestMeshsimManagedFields::forceTakesOver()
{
    const auto first
        = serverSideApply({}, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s, u"v1"_s, false);
    const auto forced = serverSideApply(*first, vs(R"({"hosts":["b"]})"), u"two"_s, u"v1"_s, true);
    QVERIFY(forced.has_value());
    QCOMPARE(forced->value(u"spec"_s).toObject().value(u"hosts"_s).toArray().first().toString(),
             u"b"_s);
    for (const ManagedFieldsEntry &e : readManagedFields(*forced)) {
        if (e.manager == u"one"_s)
            QCOMPARE(e.fields.leaves(), (QList<QStringList> {{u"spec"_s, u"gateways"_s}}));
        else
            QCOMPARE(e.fields.leaves(), (QList<QStringList> {{u"spec"_s, u"hosts"_s}}));
    }
}

void TestMeshsimManagedFields::droppedFieldsAreRemoved()
{
    const auto first
        = serverSideApply({}, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s, u"v1"_s, false);
    const auto second = serverSideApply(*first, vs(R"({"hosts":["a"]})"), u"one"_s, u"v1"_s, false);
    QVERIFY(second.has_value());
    QVERIFY(!second->value(u"spec"_s).toObject().contains(u"gateways"_s));
    QVERIFY(second->value(u"spec"_s).toObject().contains(u"hosts"_s));
}

void TestMeshsimManagedFields::updateMovesOwnership()
{
    const auto applied
        = serverSideApply({}, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s, u"v1"_s, false);
    QJsonObject after = *applied;
    QJsonObject spec = after.value(u"spec"_s).toObject();
    spec.insert(u"hosts"_s, QJsonArray {u"z"_s});
    after.insert(u"spec"_s, spec);
    trackUpdate(*applied, after, u"kubectl-edit"_s, u"v1"_s);
    QCOMPARE(managers(after), (QStringList {u"one/Apply"_s, u"kubectl-edit/Update"_s}));
    // Now an apply of the old value by "one" conflicts with the editor.
    const auto again = serverSideApply(after, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s,
                                       u"v1"_s, false);
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().first().manager, u"kubectl-edit"_s);
}

QTEST_APPLESS_MAIN(TestMeshsimManagedFields)
#include "tst_meshsim_managedfields.moc"

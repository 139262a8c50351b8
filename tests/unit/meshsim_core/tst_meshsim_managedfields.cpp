// managedFields bookkeeping and server-side apply as the API server does them: FieldsV1 sets
// with "." entries, lists typed by the schema (atomic, map by keys, set) and by the built-in
// kinds' list types, ownership, conflicts only on changed values, co-owners, force, removal
// of fields a manager stops applying, Update operations taking fields, and the client-side
// to server-side apply upgrade for manager "kubectl".

#include "managedfields.h"
#include "registry.h"
#include "schema/structuralschema.h"

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

FieldSet fieldsOf(const QJsonObject &o, const QString &manager)
{
    for (const ManagedFieldsEntry &e : readManagedFields(o))
        if (e.manager == manager && e.subresource.isEmpty())
            return e.fields;
    return {};
}

// A custom resource without list markers (every list atomic), as Istio's VirtualService.
ResourceType untypedKind()
{
    ResourceType t;
    t.group = u"networking.istio.io"_s;
    t.kind = u"VirtualService"_s;
    t.custom = true;
    t.versions = {u"v1"_s};
    return t;
}

// A custom resource whose schema types spec.ports as a map keyed by name and spec.hosts as
// a set.
ResourceType typedKind()
{
    ResourceType t = untypedKind();
    t.kind = u"ServiceEntry"_s;
    const QJsonObject schema = obj(R"({"type":"object","properties":{"spec":{"type":"object",
        "properties":{
          "hosts":{"type":"array","items":{"type":"string"},"x-kubernetes-list-type":"set"},
          "ports":{"type":"array","x-kubernetes-list-type":"map",
                   "x-kubernetes-list-map-keys":["name"],
                   "items":{"type":"object","properties":{"name":{"type":"string"},
                            "number":{"type":"integer"}}}},
          "resolution":{"type":"string"}}}}})");
    t.schemas.insert(u"v1"_s, *md::schema::StructuralSchema::fromJson(schema));
    return t;
}

QJsonObject se(const char *spec)
{
    return obj((QByteArray(R"({"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry",)")
                + R"("metadata":{"name":"e","namespace":"n"},"spec":)" + spec + "}")
                   .constData());
}

const ResourceType &deploymentKind()
{
    static Registry registry = [] {
        Registry r;
        r.addBuiltins();
        return r;
    }();
    return *registry.byKey(u"deployments.apps"_s);
}

md::Result<QJsonObject, QList<ApplyConflict>> apply(const QJsonObject &current,
                                                    const QJsonObject &config,
                                                    const QString &manager, bool force = false,
                                                    const ResourceType &type = untypedKind())
{
    return serverSideApply(current, config, manager, type.apiVersion(u"v1"_s), force,
                           FieldType::of(type, u"v1"_s), true);
}

} // namespace

class TestMeshsimManagedFields : public QObject
{
    Q_OBJECT

private slots:
    void fieldSetRoundTrip();
    void fieldPaths();
    void applyCreatesOwnership();
    void conflictWithOtherManager();
    void sameValueIsSharedNotConflicting();
    void forceTakesOver();
    void droppedFieldsAreRemoved();
    void updateRecordsAddedMapsWithDot();
    void updateMovesOwnership();
    void mapListMergesByKey();
    void setListMergesByValue();
    void builtinListTypes();
    void lastAppliedUpgradeForKubectlOnly();
    void entriesInTheApiServersOrder();
};

void TestMeshsimManagedFields::fieldSetRoundTrip()
{
    const QJsonObject v1 = obj(R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},
        "f:spec":{".":{},"f:containers":{"k:{\"name\":\"a\"}":{".":{},"f:image":{}}},
                  "f:finalizers":{"v:\"x\"":{}}}})");
    const FieldSet set = FieldSet::fromFieldsV1(v1);
    QCOMPARE(set.toFieldsV1(), v1);
    QVERIFY(set.contains({u"f:spec"_s}));
    QVERIFY(!set.contains({u"f:metadata"_s}));
    QVERIFY(set.contains({u"f:spec"_s, u"f:containers"_s, u"k:{\"name\":\"a\"}"_s}));
    QCOMPARE(set.members().size(), 6); // labels, app, spec, the container, image, x
}

void TestMeshsimManagedFields::fieldPaths()
{
    QCOMPARE(
        fieldPathString({u"f:spec"_s, u"f:containers"_s, u"k:{\"name\":\"app\"}"_s, u"f:image"_s}),
        u".spec.containers[name=\"app\"].image"_s);
    QCOMPARE(fieldPathString(
                 {u"f:spec"_s, u"f:ports"_s, u"k:{\"containerPort\":80,\"protocol\":\"TCP\"}"_s}),
             u".spec.ports[containerPort=80,protocol=\"TCP\"]"_s);
    QCOMPARE(fieldPathString({u"f:metadata"_s, u"f:finalizers"_s, u"v:\"a\""_s}),
             u".metadata.finalizers[=\"a\"]"_s);
}

void TestMeshsimManagedFields::applyCreatesOwnership()
{
    const auto result = apply({}, vs(R"({"hosts":["a"],"tls":[{"match":[]}]})"), u"tool"_s);
    QVERIFY(result.has_value());
    QCOMPARE(managers(*result), QStringList {u"tool/Apply"_s});
    // Applied sets hold the leaves and atomic lists; maps are not members.
    QCOMPARE(fieldsOf(*result, u"tool"_s).toFieldsV1(),
             obj(R"({"f:spec":{"f:hosts":{},"f:tls":{}}})"));
}

void TestMeshsimManagedFields::conflictWithOtherManager()
{
    const auto first = apply({}, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s);
    QVERIFY(first.has_value());
    const auto second = apply(*first, vs(R"({"hosts":["b"],"gateways":["g"]})"), u"two"_s);
    QVERIFY(!second.has_value());
    QCOMPARE(second.error().size(), 1); // not .spec.gateways: same value
    QCOMPARE(second.error().first().manager, u"one"_s);
    QCOMPARE(second.error().first().path, u".spec.hosts"_s);
}

void TestMeshsimManagedFields::sameValueIsSharedNotConflicting()
{
    const auto first = apply({}, vs(R"({"hosts":["a"]})"), u"one"_s);
    const auto second = apply(*first, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"two"_s);
    QVERIFY(second.has_value());
    QCOMPARE(managers(*second), (QStringList {u"one/Apply"_s, u"two/Apply"_s}));
    QVERIFY(fieldsOf(*second, u"one"_s).contains({u"f:spec"_s, u"f:hosts"_s}));
    QVERIFY(fieldsOf(*second, u"two"_s).contains({u"f:spec"_s, u"f:hosts"_s}));
    // A shared field dropped by one owner stays for the other.
    const auto third = apply(*second, vs(R"({"gateways":["g"]})"), u"two"_s);
    QVERIFY(third.has_value());
    QCOMPARE(third->value(u"spec"_s).toObject().value(u"hosts"_s).toArray(), QJsonArray {u"a"_s});
}

void TestMeshsimManagedFields::forceTakesOver()
{
    const auto first = apply({}, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s);
    const auto forced = apply(*first, vs(R"({"hosts":["b"]})"), u"two"_s, true);
    QVERIFY(forced.has_value());
    QCOMPARE(forced->value(u"spec"_s).toObject().value(u"hosts"_s).toArray().first().toString(),
             u"b"_s);
    QCOMPARE(fieldsOf(*forced, u"one"_s).members(),
             (QList<FieldPath> {{u"f:spec"_s, u"f:gateways"_s}}));
    QCOMPARE(fieldsOf(*forced, u"two"_s).members(),
             (QList<FieldPath> {{u"f:spec"_s, u"f:hosts"_s}}));
}

void TestMeshsimManagedFields::droppedFieldsAreRemoved()
{
    const auto first
        = apply({}, vs(R"({"hosts":["a"],"gateways":["g"],"tcp":{"x":{"y":1}}})"), u"one"_s);
    const auto second = apply(*first, vs(R"({"hosts":["a"]})"), u"one"_s);
    QVERIFY(second.has_value());
    const QJsonObject spec = second->value(u"spec"_s).toObject();
    QVERIFY(!spec.contains(u"gateways"_s));
    QVERIFY(!spec.contains(u"tcp"_s)); // maps left empty go with their last field
    QVERIFY(spec.contains(u"hosts"_s));
}

void TestMeshsimManagedFields::updateRecordsAddedMapsWithDot()
{
    QJsonObject created = vs(R"({"hosts":["a"],"http":[]})");
    QJsonObject meta = created.value(u"metadata"_s).toObject();
    meta.insert(u"annotations"_s, QJsonObject {{u"note"_s, u"x"_s}});
    created.insert(u"metadata"_s, meta);
    trackUpdate({}, created, u"kubectl-client-side-apply"_s, u"networking.istio.io/v1"_s,
                FieldType::of(untypedKind(), u"v1"_s), true);
    QCOMPARE(fieldsOf(created, u"kubectl-client-side-apply"_s).toFieldsV1(),
             obj(R"({"f:metadata":{"f:annotations":{".":{},"f:note":{}}},
                     "f:spec":{".":{},"f:hosts":{},"f:http":{}}})"));
}

void TestMeshsimManagedFields::updateMovesOwnership()
{
    const auto applied = apply({}, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s);
    QJsonObject after = *applied;
    QJsonObject spec = after.value(u"spec"_s).toObject();
    spec.insert(u"hosts"_s, QJsonArray {u"z"_s});
    after.insert(u"spec"_s, spec);
    trackUpdate(*applied, after, u"kubectl-edit"_s, u"networking.istio.io/v1"_s,
                FieldType::of(untypedKind(), u"v1"_s), true);
    QCOMPARE(managers(after), (QStringList {u"one/Apply"_s, u"kubectl-edit/Update"_s}));
    QVERIFY(!fieldsOf(after, u"one"_s).contains({u"f:spec"_s, u"f:hosts"_s}));
    QCOMPARE(fieldsOf(after, u"kubectl-edit"_s).members(),
             (QList<FieldPath> {{u"f:spec"_s, u"f:hosts"_s}}));
    // Now an apply of the old value by "one" conflicts with the editor.
    const auto again = apply(after, vs(R"({"hosts":["a"],"gateways":["g"]})"), u"one"_s);
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().first().manager, u"kubectl-edit"_s);
}

void TestMeshsimManagedFields::mapListMergesByKey()
{
    const ResourceType t = typedKind();
    const auto first
        = apply({}, se(R"({"ports":[{"name":"http","number":80}]})"), u"a"_s, false, t);
    QVERIFY(first.has_value());
    QCOMPARE(
        fieldsOf(*first, u"a"_s).toFieldsV1(),
        obj(R"({"f:spec":{"f:ports":{"k:{\"name\":\"http\"}":{".":{},"f:name":{},"f:number":{}}}}})"));
    const auto second
        = apply(*first, se(R"({"ports":[{"name":"https","number":443}]})"), u"b"_s, false, t);
    QVERIFY(second.has_value());
    QCOMPARE(second->value(u"spec"_s).toObject().value(u"ports"_s).toArray().size(), 2);
    // Changing another manager's item conflicts on that field of that item only.
    const auto clash
        = apply(*second, se(R"({"ports":[{"name":"http","number":8080}]})"), u"b"_s, false, t);
    QVERIFY(!clash.has_value());
    QCOMPARE(clash.error().size(), 1);
    QCOMPARE(clash.error().first().path, u".spec.ports[name=\"http\"].number"_s);
    // Dropping an item removes it when no one else owns it.
    const auto dropped = apply(*second, se(R"({"resolution":"DNS"})"), u"b"_s, false, t);
    QVERIFY(dropped.has_value());
    const QJsonArray ports = dropped->value(u"spec"_s).toObject().value(u"ports"_s).toArray();
    QCOMPARE(ports.size(), 1);
    QCOMPARE(ports.first().toObject().value(u"name"_s).toString(), u"http"_s);
}

void TestMeshsimManagedFields::setListMergesByValue()
{
    const ResourceType t = typedKind();
    const auto first = apply({}, se(R"({"hosts":["a.example"]})"), u"a"_s, false, t);
    const auto second = apply(*first, se(R"({"hosts":["b.example"]})"), u"b"_s, false, t);
    QVERIFY(second.has_value());
    QCOMPARE(second->value(u"spec"_s).toObject().value(u"hosts"_s).toArray(),
             (QJsonArray {u"a.example"_s, u"b.example"_s}));
    QVERIFY(fieldsOf(*second, u"b"_s).contains({u"f:spec"_s, u"f:hosts"_s, u"v:\"b.example\""_s}));
}

void TestMeshsimManagedFields::builtinListTypes()
{
    const ResourceType &t = deploymentKind();
    const QJsonObject d = obj(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"n"},
        "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[
          {"name":"app","image":"x:1","ports":[{"containerPort":80}],
           "env":[{"name":"A","value":"1"}]}]}}}})");
    const auto applied = serverSideApply({}, d, u"kubectl"_s, u"apps/v1"_s, false,
                                         FieldType::of(t, u"v1"_s), true);
    QVERIFY(applied.has_value());
    const FieldSet set = fieldsOf(*applied, u"kubectl"_s);
    const FieldPath container {u"f:spec"_s, u"f:template"_s, u"f:spec"_s, u"f:containers"_s,
                               u"k:{\"name\":\"app\"}"_s};
    QVERIFY(set.contains(container));
    QVERIFY(set.contains(
        container + FieldPath {u"f:ports"_s, u"k:{\"containerPort\":80,\"protocol\":\"TCP\"}"_s}));
    QVERIFY(
        set.contains(container + FieldPath {u"f:env"_s, u"k:{\"name\":\"A\"}"_s, u"f:value"_s}));
    QVERIFY(set.contains({u"f:spec"_s, u"f:selector"_s})); // an atomic map
    QVERIFY(!set.contains({u"f:spec"_s, u"f:selector"_s, u"f:matchLabels"_s}));
}

void TestMeshsimManagedFields::lastAppliedUpgradeForKubectlOnly()
{
    QJsonObject created = vs(R"({"hosts":["a"],"http":[{"route":[]}]})");
    QJsonObject meta = created.value(u"metadata"_s).toObject();
    meta.insert(u"annotations"_s,
                QJsonObject {{u"kubectl.kubernetes.io/last-applied-configuration"_s,
                              QString::fromUtf8(QJsonDocument(created).toJson())}});
    created.insert(u"metadata"_s, meta);
    trackUpdate({}, created, u"kubectl-client-side-apply"_s, u"networking.istio.io/v1"_s,
                FieldType::of(untypedKind(), u"v1"_s), true);
    const QJsonObject config = vs(R"({"hosts":["a"],"http":[{"route":[{"weight":80}]}]})");
    const auto other = apply(created, config, u"tool"_s);
    QVERIFY(!other.has_value());
    QCOMPARE(other.error().first().manager, u"kubectl-client-side-apply"_s);
    QCOMPARE(other.error().first().path, u".spec.http"_s);
    const auto kubectl = apply(created, config, u"kubectl"_s);
    QVERIFY(kubectl.has_value());
    QVERIFY(fieldsOf(*kubectl, u"kubectl"_s).contains({u"f:spec"_s, u"f:http"_s}));
    QVERIFY(
        !fieldsOf(*kubectl, u"kubectl-client-side-apply"_s).contains({u"f:spec"_s, u"f:http"_s}));
    // The client-side annotation now holds the applied configuration.
    QVERIFY(kubectl->value(u"metadata"_s)
                .toObject()
                .value(u"annotations"_s)
                .toObject()
                .value(u"kubectl.kubernetes.io/last-applied-configuration"_s)
                .toString()
                .contains(u"\"weight\":80"_s));
}

void TestMeshsimManagedFields::entriesInTheApiServersOrder()
{
    QJsonObject o = vs(R"({})");
    QList<ManagedFieldsEntry> entries;
    FieldSet f;
    f.insert({u"f:spec"_s, u"f:x"_s});
    entries << ManagedFieldsEntry {u"b"_s, u"Update"_s, u"v1"_s, u"2026-01-01T00:00:00Z"_s, {}, f}
            << ManagedFieldsEntry {u"z"_s, u"Apply"_s, u"v1"_s, u"2026-01-02T00:00:00Z"_s, {}, f}
            << ManagedFieldsEntry {u"a"_s, u"Update"_s, u"v1"_s, u"2026-01-01T00:00:00Z"_s, {}, f}
            << ManagedFieldsEntry {u"empty"_s, u"Update"_s, u"v1"_s, {}, {}, {}};
    writeManagedFields(o, entries);
    QCOMPARE(managers(o), (QStringList {u"z/Apply"_s, u"a/Update"_s, u"b/Update"_s}));
}

QTEST_APPLESS_MAIN(TestMeshsimManagedFields)
#include "tst_meshsim_managedfields.moc"

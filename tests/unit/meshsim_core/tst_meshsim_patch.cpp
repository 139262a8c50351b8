// JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch.

#include "patch.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace md::sim;

namespace {

QJsonValue json(const char *text)
{
    const QByteArray data(text);
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

} // namespace

class TestMeshsimPatch : public QObject
{
    Q_OBJECT

private slots:
    void mergePatch_data();
    void mergePatch();
    void jsonPatch_data();
    void jsonPatch();
    void jsonPatchErrors_data();
    void jsonPatchErrors();
    void strategicMerge_data();
    void strategicMerge();
};

void TestMeshsimPatch::mergePatch_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");
    // RFC 7386 appendix A examples.
    QTest::newRow("replace") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"a":"c"})")
                             << QByteArray(R"({"a":"c"})");
    QTest::newRow("add") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"b":"c"})")
                         << QByteArray(R"({"a":"b","b":"c"})");
    QTest::newRow("null removes") << QByteArray(R"({"a":"b","b":"c"})")
                                  << QByteArray(R"({"a":null})") << QByteArray(R"({"b":"c"})");
    QTest::newRow("lists replaced") << QByteArray(R"({"a":[{"b":"c"}]})")
                                    << QByteArray(R"({"a":[1]})") << QByteArray(R"({"a":[1]})");
    QTest::newRow("nested") << QByteArray(R"({"a":{"b":"c","d":1}})")
                            << QByteArray(R"({"a":{"b":"d","d":null}})")
                            << QByteArray(R"({"a":{"b":"d"}})");
    QTest::newRow("object over scalar")
        << QByteArray(R"({"a":"foo"})") << QByteArray(R"({"a":{"bb":{"ccc":null}}})")
        << QByteArray(R"({"a":{"bb":{}}})");
}

void TestMeshsimPatch::mergePatch()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);
    QCOMPARE(applyMergePatch(json(target), json(patch)), json(expected));
}

void TestMeshsimPatch::jsonPatch_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("add member") << QByteArray(R"({"foo":"bar"})")
                                << QByteArray(R"([{"op":"add","path":"/baz","value":"qux"}])")
                                << QByteArray(R"({"baz":"qux","foo":"bar"})");
    QTest::newRow("insert into array")
        << QByteArray(R"({"foo":["bar","baz"]})")
        << QByteArray(R"([{"op":"add","path":"/foo/1","value":"qux"}])")
        << QByteArray(R"({"foo":["bar","qux","baz"]})");
    QTest::newRow("append with -")
        << QByteArray(R"({"foo":[1]})") << QByteArray(R"([{"op":"add","path":"/foo/-","value":2}])")
        << QByteArray(R"({"foo":[1,2]})");
    QTest::newRow("remove") << QByteArray(R"({"foo":[1,2,3]})")
                            << QByteArray(R"([{"op":"remove","path":"/foo/1"}])")
                            << QByteArray(R"({"foo":[1,3]})");
    QTest::newRow("replace") << QByteArray(R"({"a":{"b":1}})")
                             << QByteArray(R"([{"op":"replace","path":"/a/b","value":2}])")
                             << QByteArray(R"({"a":{"b":2}})");
    QTest::newRow("move") << QByteArray(R"({"a":{"b":1},"c":{}})")
                          << QByteArray(R"([{"op":"move","from":"/a/b","path":"/c/d"}])")
                          << QByteArray(R"({"a":{},"c":{"d":1}})");
    QTest::newRow("copy") << QByteArray(R"({"a":[1]})")
                          << QByteArray(R"([{"op":"copy","from":"/a/0","path":"/b"}])")
                          << QByteArray(R"({"a":[1],"b":1})");
    QTest::newRow("escaped") << QByteArray(R"({"a/b":{"m~n":1}})")
                             << QByteArray(R"([{"op":"replace","path":"/a~1b/m~0n","value":2}])")
                             << QByteArray(R"({"a/b":{"m~n":2}})");
    QTest::newRow("test passes") << QByteArray(R"({"a":[1,2]})")
                                 << QByteArray(R"([{"op":"test","path":"/a","value":[1,2]}])")
                                 << QByteArray(R"({"a":[1,2]})");
}

void TestMeshsimPatch::jsonPatch()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);
    const auto result = applyJsonPatch(json(target), json(patch).toArray());
    QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().toString()));
    QCOMPARE(*result, json(expected));
}

void TestMeshsimPatch::jsonPatchErrors_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::newRow("test fails") << QByteArray(R"({"a":1})")
                                << QByteArray(R"([{"op":"test","path":"/a","value":2}])");
    QTest::newRow("remove missing")
        << QByteArray(R"({"a":1})") << QByteArray(R"([{"op":"remove","path":"/b"}])");
    QTest::newRow("replace missing")
        << QByteArray(R"({"a":1})") << QByteArray(R"([{"op":"replace","path":"/b","value":1}])");
    QTest::newRow("index out of range")
        << QByteArray(R"({"a":[1]})") << QByteArray(R"([{"op":"add","path":"/a/5","value":1}])");
    QTest::newRow("leading zero") << QByteArray(R"({"a":[1,2]})")
                                  << QByteArray(R"([{"op":"remove","path":"/a/01"}])");
    QTest::newRow("bad pointer") << QByteArray(R"({"a":1})")
                                 << QByteArray(R"([{"op":"remove","path":"a"}])");
    QTest::newRow("unknown op") << QByteArray(R"({"a":1})")
                                << QByteArray(R"([{"op":"frobnicate","path":"/a"}])");
    QTest::newRow("missing parent")
        << QByteArray(R"({"a":1})") << QByteArray(R"([{"op":"add","path":"/x/y","value":1}])");
}

void TestMeshsimPatch::jsonPatchErrors()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    const auto result = applyJsonPatch(json(target), json(patch).toArray());
    QVERIFY(!result.has_value());
    QVERIFY(result.error().where.startsWith(u"operation 0"_s));
}

void TestMeshsimPatch::strategicMerge_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("containers merge by name")
        << QByteArray(
               R"({"containers":[{"name":"a","image":"1","ports":[{"containerPort":80}]},{"name":"b","image":"1"}]})")
        << QByteArray(R"({"containers":[{"name":"b","image":"2"}]})")
        << QByteArray(
               R"({"containers":[{"name":"a","image":"1","ports":[{"containerPort":80}]},{"name":"b","image":"2"}]})");
    QTest::newRow("new list element appended")
        << QByteArray(R"({"env":[{"name":"A","value":"1"}]})")
        << QByteArray(R"({"env":[{"name":"B","value":"2"}]})")
        << QByteArray(R"({"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]})");
    QTest::newRow("$patch delete in list")
        << QByteArray(R"({"volumes":[{"name":"a"},{"name":"b"}]})")
        << QByteArray(R"({"volumes":[{"name":"a","$patch":"delete"}]})")
        << QByteArray(R"({"volumes":[{"name":"b"}]})");
    QTest::newRow("$patch replace on map") << QByteArray(R"({"spec":{"a":1,"b":2}})")
                                           << QByteArray(R"({"spec":{"$patch":"replace","c":3}})")
                                           << QByteArray(R"({"spec":{"c":3}})");
    QTest::newRow("lists without merge key replaced")
        << QByteArray(R"({"args":["a","b"]})") << QByteArray(R"({"args":["c"]})")
        << QByteArray(R"({"args":["c"]})");
    QTest::newRow("directives stripped")
        << QByteArray(R"({"containers":[{"name":"a"}]})")
        << QByteArray(
               R"({"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","image":"x"}]})")
        << QByteArray(R"({"containers":[{"name":"a","image":"x"}]})");
    QTest::newRow("delete from primitive list")
        << QByteArray(R"({"finalizers":["a","b","c"]})")
        << QByteArray(R"({"$deleteFromPrimitiveList/finalizers":["b"]})")
        << QByteArray(R"({"finalizers":["a","c"]})");
    QTest::newRow("service ports by port")
        << QByteArray(R"({"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]})")
        << QByteArray(R"({"ports":[{"port":443,"targetPort":8443}]})")
        << QByteArray(
               R"({"ports":[{"port":80,"name":"http"},{"port":443,"name":"https","targetPort":8443}]})");
    QTest::newRow("null deletes") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":null})")
                                  << QByteArray(R"({"b":2})");
}

void TestMeshsimPatch::strategicMerge()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);
    const auto result = applyStrategicMergePatch(json(target), json(patch));
    QVERIFY(result.has_value());
    QCOMPARE(*result, json(expected));
}

QTEST_APPLESS_MAIN(TestMeshsimPatch)
#include "tst_meshsim_patch.moc"

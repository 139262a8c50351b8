#include "schema/yamljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace md::schema;

namespace {

QByteArray compact(const QJsonValue &v)
{
    return QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
}

QJsonValue fromJson(const QByteArray &json)
{
    return QJsonDocument::fromJson("[" + json + "]").array().at(0);
}

QJsonValue parseOne(const QByteArray &yaml)
{
    const auto docs = parseYamlStream(yaml, QStringLiteral("test.yaml"));
    if (!docs || docs->size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return docs->first().value;
}

} // namespace

class tst_YamlJson : public QObject
{
    Q_OBJECT

private slots:
    void scalarTyping_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("json"); // the expected value of key "a"

        QTest::newRow("decimal") << QByteArray("a: 42") << QByteArray("42");
        QTest::newRow("negative") << QByteArray("a: -7") << QByteArray("-7");
        QTest::newRow("plus sign") << QByteArray("a: +7") << QByteArray("7");
        // Plain scalars are typed as kubectl types them (go-yaml v2, YAML 1.1 style).
        QTest::newRow("leading zero is octal, as for kubectl")
            << QByteArray("a: 0755") << QByteArray("493");
        QTest::newRow("not octal: a float") << QByteArray("a: 08") << QByteArray("8");
        QTest::newRow("binary") << QByteArray("a: 0b101") << QByteArray("5");
        QTest::newRow("signed hex") << QByteArray("a: -0x10") << QByteArray("-16");
        QTest::newRow("plus dot float") << QByteArray("a: +.5") << QByteArray("0.5");
        QTest::newRow("hex") << QByteArray("a: 0x1F") << QByteArray("31");
        QTest::newRow("octal") << QByteArray("a: 0o17") << QByteArray("15");
        QTest::newRow("float") << QByteArray("a: 1.5") << QByteArray("1.5");
        QTest::newRow("1.10 plain is a number") << QByteArray("a: 1.10") << QByteArray("1.1");
        QTest::newRow("exponent") << QByteArray("a: 1e3") << QByteArray("1000");
        QTest::newRow("dot float") << QByteArray("a: .5") << QByteArray("0.5");
        QTest::newRow("huge int becomes double")
            << QByteArray("a: 123456789012345678901") << QByteArray("1.2345678901234568e+20");
        QTest::newRow("true") << QByteArray("a: true") << QByteArray("true");
        QTest::newRow("True") << QByteArray("a: True") << QByteArray("true");
        QTest::newRow("FALSE") << QByteArray("a: FALSE") << QByteArray("false");
        QTest::newRow("tilde") << QByteArray("a: ~") << QByteArray("null");
        QTest::newRow("null word") << QByteArray("a: Null") << QByteArray("null");
        QTest::newRow("empty") << QByteArray("a:") << QByteArray("null");
        QTest::newRow("yes is true") << QByteArray("a: yes") << QByteArray("true");
        QTest::newRow("on is true") << QByteArray("a: on") << QByteArray("true");
        QTest::newRow("Off is false") << QByteArray("a: Off") << QByteArray("false");
        QTest::newRow("y is true") << QByteArray("a: y") << QByteArray("true");
        QTest::newRow("N is false") << QByteArray("a: N") << QByteArray("false");
        QTest::newRow("quoted yes stays string") << QByteArray("a: 'yes'") << QByteArray("\"yes\"");
        QTest::newRow("underscores in a number") << QByteArray("a: 1_000") << QByteArray("1000");
        QTest::newRow("no sexagesimal") << QByteArray("a: 1:20") << QByteArray("\"1:20\"");
        QTest::newRow("yesterday stays string")
            << QByteArray("a: yesterday") << QByteArray("\"yesterday\"");
        QTest::newRow("ipv6 loopback") << QByteArray("a: ::1") << QByteArray("\"::1\"");
        QTest::newRow("ipv4") << QByteArray("a: 10.0.0.1") << QByteArray("\"10.0.0.1\"");
        QTest::newRow("date stays string")
            << QByteArray("a: 2024-01-31") << QByteArray("\"2024-01-31\"");
        QTest::newRow("duration") << QByteArray("a: 1.5s") << QByteArray("\"1.5s\"");
        QTest::newRow("quoted number") << QByteArray("a: \"1.10\"") << QByteArray("\"1.10\"");
        QTest::newRow("single quoted bool") << QByteArray("a: 'true'") << QByteArray("\"true\"");
        QTest::newRow("quoted null") << QByteArray("a: \"null\"") << QByteArray("\"null\"");
        QTest::newRow("str tag") << QByteArray("a: !!str 12") << QByteArray("\"12\"");
        QTest::newRow("int tag on quoted") << QByteArray("a: !!int \"12\"") << QByteArray("12");
        QTest::newRow("literal block")
            << QByteArray("a: |\n  x\n  y\n") << QByteArray("\"x\\ny\\n\"");
        QTest::newRow("folded strip") << QByteArray("a: >-\n  x\n  y\n") << QByteArray("\"x y\"");
        QTest::newRow("escapes") << QByteArray("a: \"\\u00e9\\t\"")
                                 << QByteArray("\"\xc3\xa9\\t\"");
        QTest::newRow("json") << QByteArray("{\"a\": [1, \"2\", null, true, {\"b\": -1.5e3}]}")
                              << QByteArray("[1,\"2\",null,true,{\"b\":-1500}]");
        QTest::newRow("json surrogate pair")
            << QByteArray("{\"a\": \"\\ud83d\\ude00\"}") << QByteArray("\"\\ud83d\\ude00\"");
        QTest::newRow("json without spaces")
            << QByteArray("{\"a\":{\"b\":1}}") << QByteArray("{\"b\":1}");
        QTest::newRow("anchor and alias")
            << QByteArray("x: &p {k: v}\na: *p") << QByteArray("{\"k\":\"v\"}");
        QTest::newRow("merge key") << QByteArray("x: &p {k: v, m: 1}\na:\n  <<: *p\n  m: 2")
                                   << QByteArray("{\"k\":\"v\",\"m\":2}");
        QTest::newRow("integer key")
            << QByteArray("a: {80: http}") << QByteArray("{\"80\":\"http\"}");
        // Keys become strings as kubectl makes them (sigs.k8s.io/yaml).
        QTest::newRow("typed keys")
            << QByteArray("a: {on: x, 0x1F: yy, 1.50: z, 'no': v, 1e6: u, n: w}")
            << QByteArray("{\"1.5\":\"z\",\"1e+06\":\"u\",\"31\":\"yy\",\"false\":\"w\","
                          "\"no\":\"v\",\"true\":\"x\"}");
        // A float key beyond float32's range is ".inf", as Go's FormatFloat(f, 'g', -1, 32)
        // gives it (found by fuzz_documents).
        QTest::newRow("huge float key")
            << QByteArray("a: {4444444444444444444444444444444444444444444444444444: x}")
            << QByteArray("{\".inf\":\"x\"}");
        // A plain scalar in a flow list may end with ":" (an IPv6 address): a string.
        QTest::newRow("flow scalar ending with a colon")
            << QByteArray("a: [1.2.3.4, 001:db8::]") << QByteArray("[\"1.2.3.4\",\"001:db8::\"]");
        QTest::newRow("flow scalar with a quote ending with a colon")
            << QByteArray("a: [it's:, b]") << QByteArray("[\"it's:\",\"b\"]");
    }

    void scalarTyping()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, json);
        const QJsonValue doc = parseOne(yaml);
        QVERIFY2(doc.isObject(), yaml.constData());
        QCOMPARE(compact(doc.toObject().value(QLatin1String("a"))), compact(fromJson(json)));
    }

    void specialFloats()
    {
        const QJsonObject o = parseOne("a: .inf\nb: -.Inf\nc: .NaN\nd: .nan\n").toObject();
        QVERIFY(std::isinf(o.value(QLatin1String("a")).toDouble()));
        QVERIFY(o.value(QLatin1String("a")).toDouble() > 0);
        QVERIFY(o.value(QLatin1String("b")).toDouble() < 0);
        QVERIFY(std::isnan(o.value(QLatin1String("c")).toDouble()));
        QVERIFY(std::isnan(o.value(QLatin1String("d")).toDouble()));
    }

    void ipv6InFlowListIsAStringAsForKubectl()
    {
        // The upstream fixture pitfall: a YAML 1.2 parser reads a map, but kubectl (go-yaml v2)
        // reads a string, and that is what reaches the API server.
        const QJsonValue v = parseOne("addresses: [1.2.3.4, 001:db8::]");
        const QJsonArray list = v.toObject().value(QLatin1String("addresses")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toString(), QStringLiteral("1.2.3.4"));
        QCOMPARE(list.at(1).toString(), QStringLiteral("001:db8::"));
        // Quoted, it is a string.
        QCOMPARE(
            parseOne("a: [\"2001:db8::\"]").toObject().value(QLatin1String("a")).toArray().at(0),
            QJsonValue(QStringLiteral("2001:db8::")));
    }

    void multiDocument()
    {
        const QByteArray yaml = "# leading comment\n---\na: 1\n---\n---\nb: 2\n...\n---\nc: [x]\n";
        const auto docs = parseYamlStream(yaml, QStringLiteral("multi.yaml"));
        QVERIFY(docs);
        QCOMPARE(docs->size(), 3);
        QCOMPARE(docs->at(0).index, 0);
        QCOMPARE(docs->at(0).line, 2);
        QCOMPARE(docs->at(1).index, 2); // the empty document keeps its index
        QCOMPARE(docs->at(1).line, 5);
        QCOMPARE(compact(docs->at(1).value), QByteArray("[{\"b\":2}]"));
        QCOMPARE(docs->at(2).index, 3);
        QCOMPARE(docs->at(2).line, 8);
    }

    void emptyInput()
    {
        for (const QByteArray &input :
             {QByteArray(), QByteArray("# nothing\n"), QByteArray("---\n")}) {
            const auto docs = parseYamlStream(input);
            QVERIFY(docs);
            QVERIFY(docs->isEmpty());
        }
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected"); // a substring of the message

        QTest::newRow("unclosed flow")
            << QByteArray("a: [1, 2\n") << QStringLiteral("document 1, line ");
        QTest::newRow("bad indentation")
            << QByteArray("a:\n  - 1\n - 2\n") << QStringLiteral("document 1, line 3, column 2: ");
        QTest::newRow("second document")
            << QByteArray("a: 1\n---\nb: c: d\n") << QStringLiteral("document 2, line 3");
        QTest::newRow("duplicate key")
            << QByteArray("a: 1\nb: 2\na: 3\n")
            << QStringLiteral("document 1, line 3, column 1: duplicate key \"a\"");
        QTest::newRow("complex key")
            << QByteArray("? [1]\n: 2\n") << QStringLiteral("mapping keys must be scalars");
        QTest::newRow("undefined alias")
            << QByteArray("a: *nope\n") << QStringLiteral("document 1, line 1");
        QTest::newRow("bad merge") << QByteArray("a:\n  <<: 5\n") << QStringLiteral("merge key");
        // yaml-cpp 0.7 emitted empty documents here forever (found by fuzzing).
        QTest::newRow("parser loop")
            << QByteArray("{\"a\":[1]},--------\r-------\xe8--}---]}")
            << QStringLiteral("document 1, line 2, column 8: the text is not valid UTF-8");
        QTest::newRow("tab indentation")
            << QByteArray("a:\n\tb: 1\n") << QStringLiteral("document 1, line");
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto docs = parseYamlStream(yaml, QStringLiteral("broken.yaml"));
        QVERIFY(!docs);
        QCOMPARE(docs.error().code, QStringLiteral("yaml.parse"));
        QCOMPARE(docs.error().where, QStringLiteral("broken.yaml"));
        QVERIFY2(docs.error().message.contains(expected), qPrintable(docs.error().message));
        QVERIFY(docs.error().toString().startsWith(QStringLiteral("broken.yaml: document ")));
    }

    void aliasBomb()
    {
        QByteArray yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (int i = 1; i < 10; ++i) {
            yaml += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [";
            for (int j = 0; j < 10; ++j)
                yaml += (j ? ", *a" : "*a") + QByteArray::number(i - 1);
            yaml += "]\n";
        }
        const auto docs = parseYamlStream(yaml);
        QVERIFY(!docs);
        QVERIFY2(docs.error().message.contains(QStringLiteral("aliases expand")),
                 qPrintable(docs.error().message));
    }

    void roundTripStrings_data()
    {
        QTest::addColumn<QString>("s");
        const QStringList strings = {
            QStringLiteral("plain"),
            QStringLiteral("true"),
            QStringLiteral("False"),
            QStringLiteral("null"),
            QStringLiteral("~"),
            QString(),
            QStringLiteral("1"),
            QStringLiteral("1.0"),
            QStringLiteral("1.10"),
            QStringLiteral("-1"),
            QStringLiteral("1e3"),
            QStringLiteral(".inf"),
            QStringLiteral(".nan"),
            QStringLiteral("0x1F"),
            QStringLiteral("0o17"),
            QStringLiteral("0755"),
            QStringLiteral("1_000"),
            QStringLiteral("1:20"),
            QStringLiteral("::1"),
            QStringLiteral("2001:db8::1"),
            QStringLiteral("fe80::1%eth0"),
            QStringLiteral("001:db8::"),
            QStringLiteral("yes"),
            QStringLiteral("no"),
            QStringLiteral("on"),
            QStringLiteral("off"),
            QStringLiteral("y"),
            QStringLiteral("N"),
            QStringLiteral("<<"),
            QStringLiteral("="),
            QStringLiteral("- item"),
            QStringLiteral("-item"),
            QStringLiteral("? q"),
            QStringLiteral(": x"),
            QStringLiteral("a: b"),
            QStringLiteral("a:b"),
            QStringLiteral("key:"),
            QStringLiteral("a #b"),
            QStringLiteral("a#b"),
            QStringLiteral("#c"),
            QStringLiteral("'quoted'"),
            QStringLiteral("\"dq\""),
            QStringLiteral("it's"),
            QStringLiteral("multi\nline"),
            QStringLiteral("multi\nline\n"),
            QStringLiteral("keep\n\n\n"),
            QStringLiteral("\nleading newline"),
            QStringLiteral(" leading space"),
            QStringLiteral("trailing space "),
            QStringLiteral("tab\there"),
            QStringLiteral("ctrl\x01z"),
            QStringLiteral("cr\r\nlf"),
            QStringLiteral("line\n  indented\n\nblank"),
            QStringLiteral("\n"),
            QStringLiteral("   "),
            QString::fromUtf8("unicode \xc3\xa9 \xe4\xb8\xad\xe6\x96\x87"),
            QString::fromUtf8("emoji \xf0\x9f\x98\x80"),
            QString::fromUtf8("nbsp\xc2\xa0"),
            QString::fromUtf8("\xe2\x80\xa8separator"),
            QStringLiteral("---"),
            QStringLiteral("..."),
            QStringLiteral("*alias"),
            QStringLiteral("&anchor"),
            QStringLiteral("!tag"),
            QStringLiteral("%p"),
            QStringLiteral("@at"),
            QStringLiteral("`bt"),
            QStringLiteral("[flow]"),
            QStringLiteral("{flow}"),
            QStringLiteral("a,b"),
            QStringLiteral("|"),
            QStringLiteral(">"),
            QStringLiteral("2024-01-01T00:00:00Z"),
            QStringLiteral("back\\slash"),
            QStringLiteral("*.example.com"),
            QStringLiteral("^/api/v[0-9]+$"),
            QStringLiteral("{{ template }}"),
            QStringLiteral("%VAR%"),
            QString(1200, u'k'),
            // Beyond the BMP (surrogate pairs) in a single-quoted scalar: found by fuzzing.
            QStringLiteral(":\U00020A00 needs quotes"),
            QStringLiteral("'\U0001F600' quoted emoji"),
        };
        for (const QString &s : strings)
            QTest::addRow("%s",
                          QJsonDocument(QJsonArray {s}).toJson(QJsonDocument::Compact).constData())
                << s;
    }

    void roundTripStrings()
    {
        QFETCH(QString, s);
        const QJsonObject value {
            {QStringLiteral("value"), s},
            {s, QStringLiteral("as key")},
            {QStringLiteral("list"), QJsonArray {s, QJsonObject {{s, s}}, QJsonArray {s}}},
            {QStringLiteral("nested"),
             QJsonObject {{QStringLiteral("deeper"), QJsonObject {{QStringLiteral("x"), s}}}}},
        };
        const QByteArray yaml = toYaml(value);
        const auto docs = parseYamlStream(yaml);
        QVERIFY2(docs,
                 qPrintable(docs ? QString()
                                 : docs.error().toString() + u'\n' + QString::fromUtf8(yaml)));
        QCOMPARE(docs->size(), 1);
        QVERIFY2(docs->first().value == QJsonValue(value), yaml.constData());
        // A top-level scalar and a list of it round-trip too.
        QCOMPARE(parseOne(toYaml(QJsonValue(s))), QJsonValue(s));
    }

    void roundTripValues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("numbers") << QByteArray(
            "{\"i\":0,\"n\":-12,\"f\":1.5,\"e\":1e300,\"t\":1e-7,\"big\":9007199254740993}");
        QTest::newRow("integral double") << QByteArray("{\"d\":2.0}");
        QTest::newRow("bools and null") << QByteArray("{\"t\":true,\"f\":false,\"n\":null}");
        QTest::newRow("empty containers") << QByteArray("{\"o\":{},\"a\":[],\"l\":[[],{}]}");
        QTest::newRow("nested lists") << QByteArray("{\"a\":[[1,[2,[3]]],[{\"b\":[{}]}]]}");
        QTest::newRow("top list") << QByteArray("[{\"a\":1},[2],\"3\",null]");
        QTest::newRow("k8s object") << QByteArray(
            "{\"apiVersion\":\"networking.istio.io/v1\",\"kind\":\"VirtualService\","
            "\"metadata\":{\"name\":\"r\",\"labels\":{\"app\":\"x\",\"version\":\"1.10\"}},"
            "\"spec\":{\"hosts\":[\"reviews\"],\"http\":[{\"route\":[{\"destination\":{\"host\":"
            "\"reviews\","
            "\"subset\":\"v1\"},\"weight\":80}],\"timeout\":\"0.5s\"}]}}");
    }

    void roundTripValues()
    {
        QFETCH(QByteArray, json);
        const QJsonValue value = fromJson(json);
        QVERIFY(!value.isUndefined());
        const QByteArray yaml = toYaml(value);
        QCOMPARE(compact(parseOne(yaml)), compact(value));
    }

    void blockStyle()
    {
        const QJsonObject value {
            {QStringLiteral("spec"),
             QJsonObject {
                 {QStringLiteral("hosts"), QJsonArray {QStringLiteral("a"), QStringLiteral("::1")}},
                 {QStringLiteral("script"), QStringLiteral("x\ny")},
                 {QStringLiteral("routes"),
                  QJsonArray {QJsonObject {{QStringLiteral("w"), 1},
                                           {QStringLiteral("h"), QStringLiteral("on")}}}}}}};
        QCOMPARE(toYaml(value),
                 QByteArray("spec:\n"
                            "  hosts:\n"
                            "  - a\n"
                            "  - '::1'\n"
                            "  routes:\n"
                            "  - h: 'on'\n"
                            "    w: 1\n"
                            "  script: |-\n"
                            "    x\n"
                            "    y\n"));
    }

    void scalarHelpers()
    {
        QVERIFY(isPlainSafe(QStringLiteral("reviews.default.svc.cluster.local")));
        QVERIFY(isPlainSafe(QStringLiteral("a:b")));
        QVERIFY(!isPlainSafe(QStringLiteral("1.10")));
        QVERIFY(!isPlainSafe(QStringLiteral("yes")));
        QCOMPARE(yamlScalarText(QJsonValue(QStringLiteral("a\nb")), 2, false),
                 QByteArray("\"a\\nb\""));
        QCOMPARE(yamlScalarText(QJsonValue(2.5)), QByteArray("2.5"));
        QCOMPARE(yamlScalarText(QJsonValue(1e300)), QByteArray("1e+300"));
        QCOMPARE(yamlScalarText(QJsonValue(qint64(3))), QByteArray("3"));
        QCOMPARE(yamlScalarValue("07", "?"), QJsonValue(7));
        QCOMPARE(yamlScalarValue("07", "!"), QJsonValue(QStringLiteral("07")));
    }
};

QTEST_APPLESS_MAIN(tst_YamlJson)
#include "tst_yamljson.moc"

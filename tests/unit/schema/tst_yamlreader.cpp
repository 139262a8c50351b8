// The YAML reader (libyaml events -> value trees) at its edges: where and how errors are
// reported, directives, byte order marks, characters beyond the BMP, nesting and alias
// limits, and what YAML 1.2 allows that libyaml alone would not read.

#include "istio/document.h"
#include "schema/yamljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTest>

using namespace md::schema;

namespace {

QByteArray compact(const QJsonValue &v)
{
    return QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
}

// The documents of `yaml` as "index@line:json" items, or "error: message".
QStringList summary(const QByteArray &yaml)
{
    const auto docs = parseYamlStream(yaml, QStringLiteral("t.yaml"));
    if (!docs)
        return {QStringLiteral("error: ") + docs.error().message};
    QStringList out;
    for (const YamlDocument &d : *docs) {
        const QByteArray json = compact(d.value);
        out << QStringLiteral("%1@%2:%3")
                   .arg(d.index)
                   .arg(d.line)
                   .arg(QString::fromUtf8(json.mid(1, json.size() - 2)));
    }
    return out;
}

QByteArray nested(const QByteArray &open, const QByteArray &close, int depth,
                  const QByteArray &inner = {})
{
    return open.repeated(depth) + inner + close.repeated(depth);
}

QByteArray utf16(const QString &s, bool littleEndian)
{
    QByteArray out = littleEndian ? QByteArray("\xff\xfe") : QByteArray("\xfe\xff");
    for (const QChar c : s) {
        const char hi = char(c.unicode() >> 8);
        const char lo = char(c.unicode() & 0xff);
        out.append(littleEndian ? lo : hi).append(littleEndian ? hi : lo);
    }
    return out;
}

} // namespace

class tst_YamlReader : public QObject
{
    Q_OBJECT

private slots:
    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message"); // Error::message, in full

        QTest::newRow("key out of indentation")
            << QByteArray("a:\n  b: 1\n c: 2\n")
            << QStringLiteral("document 1, line 3, column 2: expected a key at the indentation of "
                              "the mapping that starts at line 1, column 1");
        QTest::newRow("list item out of indentation")
            << QByteArray("a:\n  - 1\n  b: 2\n")
            << QStringLiteral("document 1, line 3, column 3: expected a list item (\"- \") at the "
                              "indentation of the list that starts at line 2, column 3");
        QTest::newRow("unclosed quote")
            << QByteArray("a: \"abc\nb: 1\n")
            << QStringLiteral("document 1, line 3, column 1: the quoted string that starts at "
                              "line 1, column 4 is not closed");
        QTest::newRow("document marker in a quote")
            << QByteArray("a: \"x\n---\n\"\n")
            << QStringLiteral("document 1, line 2, column 1: the quoted string that starts at "
                              "line 1, column 4 contains a document marker (\"---\" or \"...\")");
        QTest::newRow("tab indentation") << QByteArray("a:\n\tb: 1\n")
                                         << QStringLiteral("document 1, line 2, column 1: a tab "
                                                           "cannot indent YAML: use spaces");
        QTest::newRow("colon in a plain value")
            << QByteArray("b: c: d\n")
            << QStringLiteral("document 1, line 1, column 5: \": \" is not allowed here: quote a "
                              "value that contains \": \", or check the indentation");
        QTest::newRow("unclosed flow list")
            << QByteArray("a: [1, 2\nb: 3\n")
            << QStringLiteral("document 1, line 2, column 2: expected \",\" or \"]\" in the list "
                              "that starts at line 1, column 4");
        QTest::newRow("unclosed flow mapping")
            << QByteArray("{\"a\": 1")
            << QStringLiteral("document 1, line 2, column 1: expected \",\" or \"}\" in the "
                              "mapping that starts at line 1, column 1");
        QTest::newRow("unknown escape")
            << QByteArray("a: \"\\q\"\n")
            << QStringLiteral("document 1, line 1, column 5: unknown escape sequence in a "
                              "double-quoted string");
        QTest::newRow("reserved indicator")
            << QByteArray("a: @x\n")
            << QStringLiteral("document 1, line 1, column 4: a value cannot start with \"@\": "
                              "quote the value");
        QTest::newRow("invalid UTF-8") << QByteArray("a: 1\nb: x\xffy\n")
                                       << QStringLiteral("document 1, line 2, column 5: the text "
                                                         "is not valid UTF-8");
        QTest::newRow("truncated UTF-8 sequence")
            << QByteArray("a: \xe4\xb8x\n")
            << QStringLiteral("document 1, line 1, column 4: the text is not valid UTF-8");
        QTest::newRow("control character")
            << QByteArray("a: x\x01\n")
            << QStringLiteral("document 1, line 1, column 5: control character U+0001 is not "
                              "allowed (write it as an escape such as \"\\x01\" in a "
                              "double-quoted string)");
        QTest::newRow("third document")
            << QByteArray("a: 1\n---\nb: 2\n---\nc: [\n")
            << QStringLiteral("document 3, line 6, column 1: expected a value");
        QTest::newRow("columns count characters")
            << QByteArray("k: \xe4\xb8\xad\xe6\x96\x87: x\n")
            << QStringLiteral("document 1, line 1, column 6: \": \" is not allowed here: quote a "
                              "value that contains \": \", or check the indentation");
        QTest::newRow("a BOM is no column")
            << QByteArray("\xef\xbb\xbf"
                          "a: b: c\n")
            << QStringLiteral("document 1, line 1, column 5: \": \" is not allowed here: quote a "
                              "value that contains \": \", or check the indentation");
        QTest::newRow("CR ends a line")
            << QByteArray("a: 1\rb: c: d\r")
            << QStringLiteral("document 1, line 2, column 5: \": \" is not allowed here: quote a "
                              "value that contains \": \", or check the indentation");
        QTest::newRow("columns after a flow value indicator")
            << QByteArray("x: [a:, b: c: d]\n")
            << QStringLiteral("document 1, line 1, column 13: expected \",\" or \"]\" in the list "
                              "that starts at line 1, column 4");
        QTest::newRow("undefined alias")
            << QByteArray("a: *nope\n")
            << QStringLiteral("document 1, line 1, column 4: undefined alias \"*nope\"");
        QTest::newRow("alias inside its anchor")
            << QByteArray("a: &x [1, *x]\n")
            << QStringLiteral(
                   "document 1, line 1, column 11: alias refers to a node that contains it");
        QTest::newRow("anchors end with their document")
            << QByteArray("a: &x 1\n---\nb: *x\n")
            << QStringLiteral("document 2, line 3, column 4: undefined alias \"*x\"");
        QTest::newRow("duplicate key in a flow mapping")
            << QByteArray("{a: 1, a: 2}\n")
            << QStringLiteral("document 1, line 1, column 8: duplicate key \"a\"");
        QTest::newRow("duplicate key in a later document")
            << QByteArray("a: 1\n---\nx: 1\ny:\n  z: 1\n  z: 2\n")
            << QStringLiteral("document 2, line 6, column 3: duplicate key \"z\"");
        QTest::newRow("duplicate null key")
            << QByteArray("~: 1\nnull: 2\n")
            << QStringLiteral("document 1, line 2, column 1: duplicate key \"null\"");
        QTest::newRow("quoted and plain key")
            << QByteArray("'a': 1\na: 2\n")
            << QStringLiteral("document 1, line 2, column 1: duplicate key \"a\"");
        QTest::newRow("duplicate %YAML")
            << QByteArray("%YAML 1.2\n%YAML 1.2\n---\na: 1\n")
            << QStringLiteral("document 1, line 2, column 1: duplicate %YAML directive");
        QTest::newRow("%YAML 2.0") << QByteArray("%YAML 2.0\n---\na: 1\n")
                                   << QStringLiteral("document 1, line 1, column 1: unsupported "
                                                     "YAML version (YAML 1.x can be read)");
        QTest::newRow("undefined tag handle")
            << QByteArray("a: !e!foo 1\n")
            << QStringLiteral("document 1, line 1, column 4: undefined tag handle (declare it with "
                              "a %TAG directive)");
        QTest::newRow("escaped surrogate pair in YAML")
            << QByteArray("a: \"\\ud83d\\ude00\"\n")
            << QStringLiteral("document 1, line 1, column 7: invalid Unicode escape in a "
                              "double-quoted string (a lone surrogate or beyond U+10FFFF; write "
                              "characters beyond U+FFFF as \"\\U0001F600\")");
        QTest::newRow("invalid UTF-16")
            << utf16(QStringLiteral("a: ") + QChar(0xd800) + QStringLiteral("\n"), true)
            << QStringLiteral("document 1, line 1, column 4: the text is not valid UTF-16");
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        const auto docs = parseYamlStream(yaml, QStringLiteral("bad.yaml"));
        QVERIFY(!docs);
        QCOMPARE(docs.error().code, QStringLiteral("yaml.parse"));
        QCOMPARE(docs.error().message, message);
        QCOMPARE(docs.error().toString(), QStringLiteral("bad.yaml: ") + message);
        // The policy document reader reads with the same rules and words.
        const auto stream = md::istio::DocumentStream::parse(yaml, QStringLiteral("bad.yaml"));
        QVERIFY(!stream);
        QCOMPARE(stream.error().message, message);
    }

    void directives_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QStringList>("documents");

        QTest::newRow("%YAML 1.2") << QByteArray("%YAML 1.2\n---\na: 1\n")
                                   << QStringList {QStringLiteral("0@2:{\"a\":1}")};
        QTest::newRow("%YAML 1.1") << QByteArray("%YAML 1.1\n---\na: 1\n")
                                   << QStringList {QStringLiteral("0@2:{\"a\":1}")};
        // A later minor version is read (YAML 1.2, 6.8.1), here in the second document: what
        // was read before is not read twice.
        QTest::newRow("%YAML 1.3 later")
            << QByteArray("a: 1\n...\n%YAML 1.3\n---\nb: 2\n")
            << QStringList {QStringLiteral("0@1:{\"a\":1}"), QStringLiteral("1@4:{\"b\":2}")};
        QTest::newRow("%YAML 1.10") << QByteArray("%YAML 1.10 # comment\n---\na: [x:]\n")
                                    << QStringList {QStringLiteral("0@2:{\"a\":[\"x:\"]}")};
        QTest::newRow("unknown directive ignored")
            << QByteArray("%FOO bar baz\n%YAML 1.2\n---\na: 1\n")
            << QStringList {QStringLiteral("0@3:{\"a\":1}")};
        QTest::newRow("%TAG") << QByteArray("%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n")
                              << QStringList {QStringLiteral("0@2:{\"a\":\"1\"}")};
        QTest::newRow("directive without ---")
            << QByteArray("%YAML 1.2\na: 1\n")
            << QStringList {QStringLiteral("error: document 1, line 2, column 1: expected \"---\" "
                                           "before the next document")};
        QTest::newRow("unknown directive without ---")
            << QByteArray("%FOO\na: 1\n")
            << QStringList {QStringLiteral(
                   "error: document 1, line 1, column 5: a line that starts with \"%\" is a "
                   "directive, and directives go in front of \"---\"")};
    }

    void directives()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QStringList, documents);
        QCOMPARE(summary(yaml), documents);
    }

    void byteOrderMarks()
    {
        const QByteArray bom = "\xef\xbb\xbf";
        QCOMPARE(summary(bom + "a: 1\n"), QStringList {QStringLiteral("0@1:{\"a\":1}")});
        QCOMPARE(summary(bom + "{\"a\": [1]}"), QStringList {QStringLiteral("0@1:{\"a\":[1]}")});
        // A BOM may start every document of a stream (concatenated files).
        QCOMPARE(summary(bom + "a: 1\n---\n" + bom + "b: 2\n"),
                 (QStringList {QStringLiteral("0@1:{\"a\":1}"), QStringLiteral("1@2:{\"b\":2}")}));
        // UTF-16 with a BOM, either byte order, reads as UTF-8 does.
        const QString text = QStringLiteral("a: \U0001F600\nb: [x:]\n\u4e2d: \"\\U00020A00\"\n");
        const QStringList expected {
            QString::fromUtf8("0@1:{\"a\":\"\xf0\x9f\x98\x80\",\"b\":[\"x:\"],\"\xe4\xb8\xad\":"
                              "\"\xf0\xa0\xa8\x80\"}")};
        QCOMPARE(summary(utf16(text, true)), expected);
        QCOMPARE(summary(utf16(text, false)), expected);
        // U+FEFF inside the text is a character: a string may start with it, also in JSON.
        const QString zwnbsp = QStringLiteral("\ufeff");
        for (const QByteArray &text : {QByteArray("\"\\ufeffk\": \"\\ufeffv\"\n"),
                                       QByteArray("{\"" + bom + "k\": \"" + bom + "v\"}")}) {
            const auto docs = parseYamlStream(text);
            QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
            const QJsonObject o = docs->first().value.toObject();
            QCOMPARE(o.keys(), QStringList {zwnbsp + u'k'});
            QCOMPARE(o.value(zwnbsp + u'k').toString(), zwnbsp + u'v');
            const auto back = parseYamlStream(toYaml(o));
            QVERIFY(back);
            QCOMPARE(back->first().value, QJsonValue(o));
        }
        QCOMPARE(summary(utf16(QStringLiteral("a:\n  b: 1\n c: 2\n"), true)),
                 QStringList {QStringLiteral(
                     "error: document 1, line 3, column 2: expected a key at the indentation of "
                     "the mapping that starts at line 1, column 1")});
    }

    void beyondTheBmp()
    {
        const QString emoji = QStringLiteral("\U0001F600");
        const QString cjk = QStringLiteral("\U00020A00"); // CJK Extension B
        const QByteArray yaml = "plain: " + emoji.toUtf8() + "\nsingle: '" + emoji.toUtf8()
            + "'\ndouble: \"\\U0001F600\"\n" + emoji.toUtf8() + ": " + cjk.toUtf8() + "x\nflow: ["
            + cjk.toUtf8() + ", {" + emoji.toUtf8() + ": 1}]\n";
        const auto docs = parseYamlStream(yaml);
        QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
        const QJsonObject o = docs->first().value.toObject();
        QCOMPARE(o.value(QLatin1String("plain")).toString(), emoji);
        QCOMPARE(o.value(QLatin1String("single")).toString(), emoji);
        QCOMPARE(o.value(QLatin1String("double")).toString(), emoji);
        QCOMPARE(o.value(emoji).toString(), cjk + u'x');
        QCOMPARE(o.value(QLatin1String("flow")).toArray().at(0).toString(), cjk);
        QCOMPARE(o.value(QLatin1String("flow")).toArray().at(1).toObject().value(emoji).toInt(), 1);
        // Written back and read again, both by the JSON values and by the policy documents.
        const auto back = parseYamlStream(toYaml(docs->first().value));
        QVERIFY(back);
        QCOMPARE(back->first().value, docs->first().value);
        const auto stream = md::istio::DocumentStream::parse(yaml);
        QVERIFY(stream);
        QCOMPARE(stream->documents.first().value.value(emoji).toString(), cjk + u'x');
        const auto again = md::istio::DocumentStream::parse(stream->toYaml());
        QVERIFY(again);
        QCOMPARE(again->documents.first().value, stream->documents.first().value);
        // Escaped surrogate pairs are JSON's way; JSON text reads them.
        QCOMPARE(summary("{\"a\": \"\\ud83d\\ude00\"}"),
                 QStringList {QStringLiteral("0@1:{\"a\":\"") + emoji + QStringLiteral("\"}")});
    }

    void nesting_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error"); // empty: reads

        // No value lies deeper than 512 below the root, as with the JSON readers.
        const QString tooDeep = QStringLiteral("mappings and lists nest deeper than 512 levels");
        QTest::newRow("list at 512") << "a: " + nested("[", "]", 512) << QString();
        QTest::newRow("list at 513")
            << "a: " + nested("[", "]", 513)
            << QStringLiteral("document 1, line 1, column 516: ") + tooDeep;
        QTest::newRow("scalar at 513")
            << "a: " + nested("[", "]", 512, "x")
            << QStringLiteral("document 1, line 1, column 516: ") + tooDeep;
        QByteArray block;
        for (int i = 0; i < 512; ++i)
            block += QByteArray(i, ' ') + "k:\n";
        QTest::newRow("block at 512") << block << QString();
        const QByteArray deeper = block + QByteArray(512, ' ') + "k: []\n";
        QTest::newRow("block at 513")
            << deeper << QStringLiteral("document 1, line 513, column 516: ") + tooDeep;
        QTest::newRow("flow mappings")
            << nested("{a: ", "}", 600, "1")
            << QStringLiteral("document 1, line 1, column 2053: ") + tooDeep;
        // Aliases may not nest what was read within the limit beyond it.
        QTest::newRow("alias to 500")
            << "a: &a " + nested("[", "]", 200) + "\nb: " + nested("[", "]", 300, "*a") + "\n"
            << QString();
        QTest::newRow("alias to 600")
            << "a: &a " + nested("[", "]", 300) + "\nb: " + nested("[", "]", 300, "*a") + "\n"
            << QStringLiteral("document 1, line 2, column 304: ") + tooDeep;
        // JSON as deep as the YAML reader reads, and deeper (Qt's JSON parser would read it).
        QTest::newRow("json at 512") << nested("[", "]", 513) << QString();
        QTest::newRow("json at 513")
            << nested("[", "]", 514)
            << QStringLiteral("document 1, line 1, column 514: ") + tooDeep;
        QTest::newRow("json object at 513")
            << nested("{\"a\":", "}", 513, "1")
            << QStringLiteral("document 1, line 1, column 2566: ") + tooDeep;
    }

    void nesting()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const auto docs = parseYamlStream(yaml);
        const auto stream = md::istio::DocumentStream::parse(yaml);
        if (error.isEmpty()) {
            QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
            QVERIFY(stream);
            // What was read is written so that it reads again.
            for (const YamlDocument &d : *docs) {
                const auto back = parseYamlStream(toYaml(d.value));
                QVERIFY2(back, back ? "" : qPrintable(back.error().message));
                QCOMPARE(back->first().value, d.value);
            }
            const auto again = md::istio::DocumentStream::parse(stream->toYaml());
            QVERIFY2(again, again ? "" : qPrintable(again.error().message));
            return;
        }
        QVERIFY(!docs);
        QCOMPARE(docs.error().message, error);
        QVERIFY(!stream);
        QCOMPARE(stream.error().message, error);
    }

    void aliasBombs_data()
    {
        QTest::addColumn<QByteArray>("yaml");

        // Billion laughs: 9 levels of 10 aliases to the level before, 10^9 nodes.
        QByteArray laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (int i = 1; i < 10; ++i) {
            QStringList aliases;
            for (int j = 0; j < 10; ++j)
                aliases << QStringLiteral("*l%1").arg(i - 1);
            laughs += "l" + QByteArray::number(i) + ": &l" + QByteArray::number(i) + " ["
                + aliases.join(QStringLiteral(", ")).toUtf8() + "]\n";
        }
        QTest::newRow("billion laughs") << laughs;
        // The same with mappings.
        QByteArray maps = "m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}\n";
        for (int i = 1; i < 10; ++i) {
            QStringList members;
            for (int j = 0; j < 10; ++j)
                members << QStringLiteral("k%1: *m%2").arg(j).arg(i - 1);
            maps += "m" + QByteArray::number(i) + ": &m" + QByteArray::number(i) + " {"
                + members.join(QStringLiteral(", ")).toUtf8() + "}\n";
        }
        QTest::newRow("mappings") << maps;
        // Merge keys copy what they merge: counted as well.
        QByteArray merges = "m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n";
        for (int i = 1; i < 10; ++i) {
            QStringList sources;
            for (int j = 0; j < 10; ++j)
                sources << QStringLiteral("*m%1").arg(i - 1);
            merges += "m" + QByteArray::number(i) + ": &m" + QByteArray::number(i) + " {k"
                + QByteArray::number(i) + ": [" + sources.join(QStringLiteral(", ")).toUtf8()
                + "], <<: [" + sources.join(QStringLiteral(", ")).toUtf8() + "]}\n";
        }
        QTest::newRow("merge keys") << merges;
    }

    void aliasBombs()
    {
        QFETCH(QByteArray, yaml);
        const QString expected = QStringLiteral("aliases expand to more than 1000000 nodes");
        const auto docs = parseYamlStream(yaml);
        QVERIFY(!docs);
        QVERIFY2(docs.error().message.endsWith(expected), qPrintable(docs.error().message));
        const auto stream = md::istio::DocumentStream::parse(yaml);
        QVERIFY(!stream);
        QVERIFY2(stream.error().message.endsWith(expected), qPrintable(stream.error().message));
    }

    void aliasesWithinTheLimit()
    {
        QByteArray yaml = "base: &b {host: reviews, port: 9080}\nlist:\n";
        for (int i = 0; i < 5000; ++i)
            yaml += "- *b\n";
        yaml += "merged:\n  <<: *b\n  port: 9443\n";
        const auto docs = parseYamlStream(yaml);
        QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
        const QJsonObject o = docs->first().value.toObject();
        QCOMPARE(o.value(QLatin1String("list")).toArray().size(), 5000);
        QCOMPARE(o.value(QLatin1String("list")).toArray().at(4999), o.value(QLatin1String("base")));
        QCOMPARE(compact(o.value(QLatin1String("merged"))),
                 QByteArray("[{\"host\":\"reviews\",\"port\":9443}]"));
    }

    void tags()
    {
        QCOMPARE(summary("a: !!str 12\nb: !!int \"12\"\nc: !!float 1\nd: !!bool \"true\"\n"
                         "e: !!null \"\"\nf: ! 12\ng: !custom 12\nh: !!str\ni: !<tag:yaml.org,"
                         "2002:int> \"7\"\nj: !!int x\n"),
                 QStringList {QStringLiteral(
                     "0@1:{\"a\":\"12\",\"b\":12,\"c\":1,\"d\":true,\"e\":null,\"f\":\"12\","
                     "\"g\":\"12\",\"h\":\"\",\"i\":7,\"j\":\"x\"}")});
    }

    void flowValueIndicator()
    {
        // As kubectl (go-yaml v2) reads it: in a flow collection a plain scalar takes a ":"
        // that is not followed by a space (before ",", "]" or "}" too); after a quoted key a
        // ":" is a value indicator.
        QCOMPARE(summary("a: [a:, b]\nb: {a:}\nc: [x::]\nd: {x:: 1}\ne: [\"k\":v]\n"),
                 QStringList {
                     QStringLiteral("0@1:{\"a\":[\"a:\",\"b\"],\"b\":{\"a:\":null},\"c\":[\"x::\"],"
                                    "\"d\":{\"x:\":1},\"e\":[{\"k\":\"v\"}]}")});
        // Many of them: each one read once.
        QByteArray many = "a: [";
        for (int i = 0; i < 40; ++i)
            many += "k" + QByteArray::number(i) + ":, ";
        many += "end]\n";
        const auto docs = parseYamlStream(many);
        QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
        const QJsonArray list = docs->first().value.toObject().value(QLatin1String("a")).toArray();
        QCOMPARE(list.size(), 41);
        QCOMPARE(list.at(39).toString(), QStringLiteral("k39:"));
    }

    void jsonStreams()
    {
        QCOMPARE(summary("{\"a\":1}\n{\"b\":2}\n\n  [3]\n"),
                 (QStringList {QStringLiteral("0@1:{\"a\":1}"), QStringLiteral("1@2:{\"b\":2}"),
                               QStringLiteral("2@4:[3]")}));
        QCOMPARE(summary("{\"a\":\n  1}{\"b\":2}"),
                 (QStringList {QStringLiteral("0@1:{\"a\":1}"), QStringLiteral("1@2:{\"b\":2}")}));
        // Not JSON after the first value: the YAML reader reads it all (and says why not).
        QCOMPARE(
            summary("{\"a\":1}\nb: 2\n"),
            QStringList {QStringLiteral("error: document 2, line 2, column 1: expected \"---\" "
                                        "before the next document")});
    }

    void lineBreaks()
    {
        QCOMPARE(summary("a: 1\r\nb:\r\n  - x\r\n---\r\nc: 2\r\n"),
                 (QStringList {QStringLiteral("0@1:{\"a\":1,\"b\":[\"x\"]}"),
                               QStringLiteral("1@4:{\"c\":2}")}));
        QCOMPARE(summary("a: 1\rb: 2\r"), QStringList {QStringLiteral("0@1:{\"a\":1,\"b\":2}")});
        // LS, PS and NEL as characters of quoted strings survive a round trip.
        const QString s = QStringLiteral("x\u2028y\u2029z\u0085");
        const QJsonObject value {{QStringLiteral("s"), s}, {s, 1}};
        const auto docs = parseYamlStream(toYaml(value));
        QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
        QCOMPARE(docs->first().value, QJsonValue(value));
    }

    void fuzzFindingsReadSafely()
    {
        // Inputs fuzz_documents found: quoted flow scalars ending in ":" next to many quotes
        // (the marks of the rewritten text went below zero), and a float key beyond float32.
        const QList<QByteArray> inputs {
            QByteArray::fromHex(
                "5b2727272f3a2727272727272727272727272f3a3a2c7b272f272727272727272727272727272727"
                "27272727272727272727272727272727272727272f38272727272727272727272727272f3827273a"
                "2c"),
            QByteArray("[?44444444444444444444444444444444444444444444444444444]] "),
        };
        for (const QByteArray &input : inputs) {
            const auto docs = parseYamlStream(input, QStringLiteral("fuzz"));
            if (docs)
                continue;
            const QRegularExpression where(QStringLiteral("line (\\d+), column (\\d+)"));
            const QRegularExpressionMatch m = where.match(docs.error().toString());
            if (m.hasMatch()) {
                QVERIFY2(m.captured(1).toLongLong() <= input.size() + 1,
                         qPrintable(docs.error().toString()));
                QVERIFY2(m.captured(2).toLongLong() <= input.size() + 1,
                         qPrintable(docs.error().toString()));
            }
        }
    }

    void keysAndNumbers()
    {
        // Keys become strings as kubectl makes them: 1, 1.0 and 0x1 are all the key "1" (kubectl
        // would keep one of them at random; MeshDesk says where the duplicate is).
        QCOMPARE(summary("1: a\n1.0: b\n0x1: c\n~: d\n"),
                 QStringList {QStringLiteral("error: document 1, line 2, column 1: duplicate key "
                                             "\"1\"")});
        QCOMPARE(summary("1: a\n1.5: b\n0x10: c\n~: d\n'0x1': e\n"),
                 QStringList {QStringLiteral("0@1:{\"0x1\":\"e\",\"1\":\"a\",\"1.5\":\"b\","
                                             "\"16\":\"c\",\"null\":\"d\"}")});
        // The policy documents keep the key order and how numbers were written (a plain `y`
        // key would be the key "true", as for kubectl: quoted, it is "y").
        const auto stream = md::istio::DocumentStream::parse(
            "z: 0x1F\n'y': 1.50\nx: 1e3\nw: +7\nv: .5\nu: !!int 0o17\nt: \"10\"\n");
        QVERIFY(stream);
        const md::istio::Value &v = stream->documents.first().value;
        QCOMPARE(v.keys(),
                 (QStringList {QStringLiteral("z"), QStringLiteral("y"), QStringLiteral("x"),
                               QStringLiteral("w"), QStringLiteral("v"), QStringLiteral("u"),
                               QStringLiteral("t")}));
        QCOMPARE(v.value(QStringLiteral("z")).numberText(), QStringLiteral("0x1F"));
        QCOMPARE(v.value(QStringLiteral("z")).toInteger(), 31);
        QCOMPARE(v.value(QStringLiteral("y")).numberText(), QStringLiteral("1.50"));
        QCOMPARE(v.value(QStringLiteral("x")).numberText(), QStringLiteral("1e3"));
        QCOMPARE(v.value(QStringLiteral("w")).numberText(), QStringLiteral("+7"));
        QCOMPARE(v.value(QStringLiteral("v")).numberText(), QStringLiteral(".5"));
        QCOMPARE(v.value(QStringLiteral("u")).toInteger(), 15);
        QVERIFY(v.value(QStringLiteral("t")).isString());
        QCOMPARE(stream->toYaml(),
                 QByteArray("z: 0x1F\n'y': 1.50\nx: 1e3\nw: +7\nv: .5\nu: 15\nt: '10'\n"));
    }

    void manyDocuments()
    {
        // Enough distinct keys to go round the reader's key cache many times.
        QByteArray yaml;
        for (int i = 0; i < 3000; ++i) {
            const QByteArray n = QByteArray::number(i);
            yaml += "kind: K" + n + "\nkey" + n + ": " + n + "\nk" + QByteArray::number(i % 7)
                + ": x\n---\n";
        }
        const auto docs = parseYamlStream(yaml);
        QVERIFY2(docs, docs ? "" : qPrintable(docs.error().message));
        QCOMPARE(docs->size(), 3000);
        for (int i = 0; i < 3000; i += 97) {
            const YamlDocument &d = docs->at(i);
            QCOMPARE(d.index, i);
            QCOMPARE(d.line, i == 0 ? 1 : 4 * i);
            const QJsonObject o = d.value.toObject();
            QCOMPARE(o.size(), 3);
            QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("K%1").arg(i));
            QCOMPARE(o.value(QStringLiteral("key%1").arg(i)).toInt(), i);
            QCOMPARE(o.value(QStringLiteral("k%1").arg(i % 7)).toString(), QStringLiteral("x"));
        }
    }
};

QTEST_APPLESS_MAIN(tst_YamlReader)
#include "tst_yamlreader.moc"

#include "istio/document.h"
#include "istio/security.h"
#include "schema/yamljson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace md::istio;

namespace {

QString samplesDir()
{
    return QStringLiteral(MESHDESK_SHARED_DIR "/istio/samples/bookinfo");
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

DocumentStream parseOrFail(const QByteArray &text)
{
    auto stream = DocumentStream::parse(text, QStringLiteral("test.yaml"));
    if (!stream)
        qWarning("%s", qPrintable(stream.error().toString()));
    return stream ? *stream : DocumentStream();
}

QByteArray compactJson(const QJsonValue &v)
{
    return QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
}

const QStringList &trickyStrings()
{
    static const QStringList strings = {
        QStringLiteral("true"),
        QStringLiteral("1.10"),
        QStringLiteral("::1"),
        QStringLiteral("001:db8::"),
        QStringLiteral("yes"),
        QStringLiteral("on"),
        QStringLiteral(""),
        QStringLiteral("a: b"),
        QStringLiteral("multi\nline\n"),
        QStringLiteral("- x"),
        QStringLiteral("#x"),
        QStringLiteral("null"),
        QStringLiteral("0x10"),
        QStringLiteral("{x}"),
        QStringLiteral("\"q\""),
        QStringLiteral("tab\t"),
        QString::fromUtf8("\xe4\xb8\xad\xe6\x96\x87"),
        QStringLiteral("*.example.com"),
    };
    return strings;
}

Value randomValue(QRandomGenerator &rng, int depth)
{
    const int pick = rng.bounded(depth > 2 ? 6 : 8);
    switch (pick) {
    case 0:
        return Value();
    case 1:
        return Value(rng.bounded(2) == 1);
    case 2:
        return Value(qint64(rng.bounded(2000000)) - 1000000);
    case 3:
        return Value(rng.generateDouble() * 1000 - 500);
    case 4:
    case 5:
        return Value(trickyStrings().at(rng.bounded(int(trickyStrings().size()))));
    case 6: {
        Value a = Value::array();
        for (int i = rng.bounded(4); i > 0; --i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        Value o = Value::object();
        for (int i = rng.bounded(4); i > 0; --i)
            o.insert(trickyStrings().at(rng.bounded(int(trickyStrings().size())))
                         + QString::number(i),
                     randomValue(rng, depth + 1));
        return o;
    }
    }
}

// Inserts a random member somewhere in the tree (at a random depth).
void mutate(Value &v, QRandomGenerator &rng)
{
    if (v.isObject() && v.size() > 0 && rng.bounded(3) != 0) {
        mutate(v.valueAt(rng.bounded(int(v.size()))), rng);
    } else if (v.isArray() && v.size() > 0 && rng.bounded(3) != 0) {
        mutate(v.at(rng.bounded(int(v.size()))), rng);
    } else if (v.isObject()) {
        v.insert(QStringLiteral("x-") + QString::number(rng.bounded(100)), randomValue(rng, 0));
    } else if (v.isArray()) {
        v.insert(rng.bounded(int(v.size()) + 1), randomValue(rng, 0));
    } else {
        v = randomValue(rng, 0);
    }
}

} // namespace

class tst_Documents : public QObject
{
    Q_OBJECT

private slots:
    void samplesRoundTrip_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(samplesDir());
        for (const QString &f : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
        QVERIFY(dir.entryList({QStringLiteral("*.yaml")}).size() >= 20);
    }

    void samplesRoundTrip()
    {
        QFETCH(QString, file);
        const QByteArray text = readFile(file);
        const auto stream = DocumentStream::parse(text, file);
        QVERIFY2(stream, qPrintable(stream ? QString() : stream.error().toString()));
        const auto reference = md::schema::parseYamlStream(text, file);
        QVERIFY(reference);
        QCOMPARE(stream->documents.size(), reference->size());
        for (qsizetype i = 0; i < stream->documents.size(); ++i) {
            // The same JSON value as the independent QJsonValue reader...
            QCOMPARE(compactJson(stream->documents.at(i).value.toJson()),
                     compactJson(reference->at(i).value));
            QCOMPARE(stream->documents.at(i).index, reference->at(i).index);
            QCOMPARE(stream->documents.at(i).line, reference->at(i).line);
        }
        // ...and back through YAML and JSON with order and every field intact.
        for (const Format format : {Format::Yaml, Format::Json}) {
            const QByteArray written = format == Format::Yaml ? stream->toYaml() : stream->toJson();
            const auto again = DocumentStream::parse(written);
            QVERIFY2(again, written.constData());
            QList<Value> before, after;
            for (const ObjectRef &r : stream->objects())
                before.append(stream->object(r));
            for (const ObjectRef &r : again->objects())
                after.append(again->object(r));
            QCOMPARE(after.size(), before.size());
            for (qsizetype i = 0; i < before.size(); ++i)
                QVERIFY2(after.at(i).identical(before.at(i)), written.constData());
        }
    }

    void largeMappingsAreReadWhole()
    {
        // A ConfigMap of 20,000 keys (reading it is linear: see bench_istio); a duplicate at
        // the end is still found.
        QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n";
        for (int i = 0; i < 20000; ++i)
            yaml += "  key" + QByteArray::number(i) + ": v" + QByteArray::number(i) + "\n";
        const DocumentStream stream = parseOrFail(yaml);
        const Value &data = stream.documents.first().value.value(QStringLiteral("data"));
        QCOMPARE(data.size(), 20000);
        QCOMPARE(data.keyAt(19999), QStringLiteral("key19999"));
        QCOMPARE(data.value(QStringLiteral("key12345")).toString(), QStringLiteral("v12345"));
        QCOMPARE(data.indexOf(QStringLiteral("key17")), 17);
        QVERIFY(!data.contains(QStringLiteral("key20000")));
        // Removing members keeps lookups right.
        Value copy = data;
        QVERIFY(copy.remove(QStringLiteral("key3")));
        QCOMPARE(copy.indexOf(QStringLiteral("key4")), 3);
        QCOMPARE(copy.value(QStringLiteral("key19999")).toString(), QStringLiteral("v19999"));
        const auto duplicate = DocumentStream::parse(yaml + "  key7: again\n");
        QVERIFY(!duplicate);
        QVERIFY2(duplicate.error().toString().contains(QStringLiteral("key7")),
                 qPrintable(duplicate.error().toString()));
    }

    void canonicalYamlIsWrittenByteForByte()
    {
        const QByteArray text = "kind: VirtualService\n"
                                "apiVersion: networking.istio.io/v1alpha3\n"
                                "spec:\n"
                                "  http:\n"
                                "  - route:\n"
                                "    - weight: 80\n"
                                "      destination:\n"
                                "        subset: v1\n"
                                "        host: reviews\n"
                                "    futureField:\n"
                                "      zeta: 1.50\n"
                                "      alpha: 0x1F\n"
                                "  hosts:\n"
                                "  - '::1'\n"
                                "  - reviews\n"
                                "metadata:\n"
                                "  name: reviews\n"
                                "  annotations:\n"
                                "    note: |-\n"
                                "      two\n"
                                "      lines\n";
        const DocumentStream stream = parseOrFail(text);
        QCOMPARE(stream.documents.size(), 1);
        QCOMPARE(stream.toYaml(), text);
        QCOMPARE(stream.documents.first().value.keys(),
                 (QStringList {QStringLiteral("kind"), QStringLiteral("apiVersion"),
                               QStringLiteral("spec"), QStringLiteral("metadata")}));
    }

    void jsonKeepsOrderAndNumbers()
    {
        const QByteArray json
            = "{\n  \"spec\": {\n    \"b\": 1.50,\n    \"a\": [\n      true,\n      null,\n"
              "      \"x\\ny\"\n    ]\n  },\n  \"kind\": \"Gateway\"\n}\n";
        const DocumentStream stream = parseOrFail(json);
        QCOMPARE(stream.format, Format::Json);
        QCOMPARE(stream.write(), json);
    }

    void jsonFastPath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("object") << QByteArray("{\"kind\": \"X\", \"b\": [1, -2.50, 1e3, true, "
                                              "null, {}], \"a\": {\"z\": \"\", \"y\": []}}");
        QTest::newRow("escapes") << QByteArray(
            "{\"s\": \"q\\\"b\\\\n\\n\\t\\u00e9\\ud83d\\ude00/\\/\"}");
        QTest::newRow("stream") << QByteArray("{\"kind\": \"A\"}\n{\"kind\": \"B\"}\n");
        QTest::newRow("list") << QByteArray("[{\"kind\": \"A\"}, 1, \"x\"]");
        QTest::newRow("big integer")
            << QByteArray("{\"n\": 123456789012345678901234, \"m\": -9223372036854775808}");
    }

    void jsonFastPath()
    {
        QFETCH(QByteArray, json);
        const auto stream = DocumentStream::parse(json, QStringLiteral("x.json"));
        QVERIFY2(stream, qPrintable(stream ? QString() : stream.error().toString()));
        QCOMPARE(stream->format, Format::Json);
        // The same values, in the same order, as the YAML reader gives.
        const auto reference = md::schema::parseYamlStream(json.replace("}\n{", "}\n---\n{"));
        QVERIFY(reference);
        QCOMPARE(stream->documents.size(), reference->size());
        for (qsizetype i = 0; i < stream->documents.size(); ++i)
            QCOMPARE(compactJson(stream->documents.at(i).value.toJson()),
                     compactJson(reference->at(i).value));
        const auto back = DocumentStream::parse(stream->toJson());
        QVERIFY(back);
        if (stream->documents.size() == 1) {
            QCOMPARE(back->documents.size(), 1);
            QVERIFY(back->documents.first().value.identical(stream->documents.first().value));
        } else {
            // Several documents are written as one v1 List: its items are the documents.
            QCOMPARE(back->documents.size(), 1);
            const QList<ObjectRef> items = back->objects();
            QCOMPARE(items.size(), stream->documents.size());
            for (qsizetype i = 0; i < items.size(); ++i)
                QVERIFY(back->object(items.at(i)).identical(stream->documents.at(i).value));
        }
        // Through YAML, document for document.
        const auto yaml = DocumentStream::parse(stream->toYaml());
        QVERIFY(yaml);
        QCOMPARE(yaml->documents.size(), stream->documents.size());
        for (qsizetype i = 0; i < stream->documents.size(); ++i)
            QVERIFY(yaml->documents.at(i).value.identical(stream->documents.at(i).value));
    }

    void jsonErrorsComeFromTheYamlReader()
    {
        const auto broken
            = DocumentStream::parse("{\n  \"a\": [1,\n  }\n", QStringLiteral("bad.json"));
        QVERIFY(!broken);
        QVERIFY2(
            broken.error().toString().startsWith(QStringLiteral("bad.json: document 1, line ")),
            qPrintable(broken.error().toString()));
        const auto duplicate
            = DocumentStream::parse("{\"a\": 1,\n \"a\": 2}", QStringLiteral("dup.json"));
        QVERIFY(!duplicate);
        QVERIFY2(duplicate.error().message.contains(
                     QStringLiteral("line 2, column 2: duplicate key \"a\"")),
                 qPrintable(duplicate.error().toString()));
    }

    void typedViewKeepsUnknownFields()
    {
        const QByteArray text = "apiVersion: networking.istio.io/v1beta1\n"
                                "kind: VirtualService\n"
                                "metadata:\n"
                                "  name: reviews\n"
                                "spec:\n"
                                "  hosts:\n"
                                "  - reviews\n"
                                "  http:\n"
                                "  - websocketUpgrade: true\n"
                                "    route:\n"
                                "    - destination:\n"
                                "        host: reviews\n"
                                "        subset: v1\n"
                                "        futureDestinationField: keep\n"
                                "      weight: 50\n"
                                "    - destination:\n"
                                "        host: reviews\n"
                                "        subset: v2\n"
                                "      weight: 50\n"
                                "  futureSpecField:\n"
                                "    a: 1\n";
        DocumentStream stream = parseOrFail(text);
        Value &object = stream.object(stream.objects().first());
        VirtualService vs = readView<VirtualService>(object);
        QCOMPARE(vs.metadata.name, QStringLiteral("reviews"));
        QCOMPARE(vs.spec.hosts, QStringList {QStringLiteral("reviews")});
        QCOMPARE(vs.spec.http.size(), 1);
        QCOMPARE(vs.spec.http[0].route.size(), 2);
        QCOMPARE(vs.spec.http[0].route[1].destination.subset, QStringLiteral("v2"));
        QCOMPARE(vs.spec.http[0].route[0].weight, std::optional<qint64>(50));

        // Unchanged view: not a byte changes.
        writeView(object, vs);
        QCOMPARE(stream.toYaml(), text);

        // Edit: shift the weights, add a timeout, drop the second route's weight.
        vs.spec.http[0].route[0].weight = 90;
        vs.spec.http[0].route[1].weight.reset();
        vs.spec.http[0].timeout = QStringLiteral("2s");
        vs.metadata.labels.insert(QStringLiteral("app"), QStringLiteral("reviews"));
        writeView(object, vs);
        QCOMPARE(stream.toYaml(),
                 QByteArray("apiVersion: networking.istio.io/v1beta1\n"
                            "kind: VirtualService\n"
                            "metadata:\n"
                            "  name: reviews\n"
                            "  labels:\n"
                            "    app: reviews\n"
                            "spec:\n"
                            "  hosts:\n"
                            "  - reviews\n"
                            "  http:\n"
                            "  - websocketUpgrade: true\n"
                            "    route:\n"
                            "    - destination:\n"
                            "        host: reviews\n"
                            "        subset: v1\n"
                            "        futureDestinationField: keep\n"
                            "      weight: 90\n"
                            "    - destination:\n"
                            "        host: reviews\n"
                            "        subset: v2\n"
                            "    timeout: 2s\n"
                            "  futureSpecField:\n"
                            "    a: 1\n"));
        QCOMPARE(readView<VirtualService>(object), vs);
    }

    void typedListEditsKeepItemFields()
    {
        const QByteArray text
            = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\n"
              "spec:\n  host: r\n  subsets:\n"
              "  - name: v1\n    x-one: 1\n"
              "  - name: v2\n    x-two: 2\n"
              "  - name: v3\n    x-three: 3\n";
        DocumentStream stream = parseOrFail(text);
        Value &object = stream.object(stream.objects().first());
        DestinationRule dr = readView<DestinationRule>(object);
        QCOMPARE(dr.spec.subsets.size(), 3);
        // Remove the middle subset, move v1 to the end, label v3, add v4.
        dr.spec.subsets = {dr.spec.subsets[2], dr.spec.subsets[0]};
        dr.spec.subsets[0].labels.insert(QStringLiteral("version"), QStringLiteral("v3"));
        Subset added;
        added.name = QStringLiteral("v4");
        dr.spec.subsets.append(added);
        writeView(object, dr);
        QCOMPARE(
            stream.toYaml(),
            QByteArray(
                "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\n"
                "spec:\n  host: r\n  subsets:\n"
                "  - name: v3\n    x-three: 3\n    labels:\n      version: v3\n"
                "  - name: v1\n    x-one: 1\n"
                "  - name: v4\n"));
        QCOMPARE(readView<DestinationRule>(object), dr);
    }

    void typedViewsOfEveryKind()
    {
        const QByteArray text
            = "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n"
              "metadata: {name: deny, namespace: ns}\n"
              "spec:\n  action: DENY\n  selector: {matchLabels: {app: x}}\n"
              "  rules:\n  - from:\n    - source: {namespaces: [bad]}\n"
              "    to:\n    - operation: {methods: [POST], paths: ['/admin/*']}\n"
              "    when:\n    - {key: 'request.headers[x]', values: ['1']}\n"
              "---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\n"
              "metadata: {name: pa}\nspec:\n  selector: {matchLabels: {app: x}}\n"
              "  mtls: {mode: STRICT}\n  portLevelMtls:\n    '8080': {mode: DISABLE}\n"
              "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
              "metadata: {name: dr}\nspec:\n  host: reviews\n"
              "  trafficPolicy: {loadBalancer: {consistentHash: {httpCookie: {name: u, ttl: "
              "0s}}}}\n"
              "  subsets: [{name: v1, labels: {version: v1}}]\n";
        DocumentStream stream = parseOrFail(text);
        const QList<ObjectRef> refs = stream.objects();
        QCOMPARE(refs.size(), 3);
        const auto ap = readView<AuthorizationPolicy>(stream.object(refs[0]));
        QCOMPARE(ap.metadata.namespace_, QStringLiteral("ns"));
        QCOMPARE(ap.spec.action, QStringLiteral("DENY"));
        QCOMPARE(ap.spec.selector.value(QStringLiteral("app")), QStringLiteral("x"));
        QCOMPARE(ap.spec.rules[0].from[0].source.namespaces, QStringList {QStringLiteral("bad")});
        QCOMPARE(ap.spec.rules[0].to[0].operation.paths, QStringList {QStringLiteral("/admin/*")});
        QCOMPARE(ap.spec.rules[0].when[0].key, QStringLiteral("request.headers[x]"));
        auto pa = readView<PeerAuthentication>(stream.object(refs[1]));
        QCOMPARE(pa.spec.mtlsMode, QStringLiteral("STRICT"));
        QCOMPARE(pa.spec.portLevelMtls.value(QStringLiteral("8080")), QStringLiteral("DISABLE"));
        pa.spec.portLevelMtls.insert(QStringLiteral("9090"), QStringLiteral("PERMISSIVE"));
        writeView(stream.object(refs[1]), pa);
        QCOMPARE(stream
                     .object(refs[1])[QStringLiteral("spec")][QStringLiteral("portLevelMtls")]
                                     [QStringLiteral("9090")][QStringLiteral("mode")]
                     .toString(),
                 QStringLiteral("PERMISSIVE"));
        const auto dr = readView<DestinationRule>(stream.object(refs[2]));
        QCOMPARE(dr.spec.trafficPolicy->loadBalancer->hashCookieName, QStringLiteral("u"));
        QCOMPARE(dr.spec.subsets[0].labels.value(QStringLiteral("version")), QStringLiteral("v1"));
    }

    void listKinds()
    {
        const QByteArray text
            = "apiVersion: v1\nkind: List\nitems:\n"
              "- apiVersion: networking.istio.io/v1alpha3\n  kind: Gateway\n  metadata: {name: a}\n"
              "- notAnObject: 1\n"
              "- apiVersion: networking.istio.io/v1\n  kind: Gateway\n  metadata: {name: b}\n";
        DocumentStream stream = parseOrFail(text);
        const QList<ObjectRef> refs = stream.objects();
        QCOMPARE(refs.size(), 2);
        QCOMPARE(refs[1], (ObjectRef {0, 2}));
        QCOMPARE(ObjectId::of(stream.object(refs[0])).version(), QStringLiteral("v1alpha3"));
        QCOMPARE(ObjectId::of(stream.object(refs[1])).displayName(), QStringLiteral("Gateway b"));
        stream.object(refs[1])
            .member(QStringLiteral("metadata"))
            .insert(QStringLiteral("namespace"), Value(QStringLiteral("ns")));
        const DocumentStream again = parseOrFail(stream.toYaml());
        QCOMPARE(again.objects().size(), 2);
        QCOMPARE(ObjectId::of(again.object(again.objects()[1])).displayName(),
                 QStringLiteral("Gateway ns/b"));
        QCOMPARE(again.documents.first().value[QStringLiteral("kind")].toString(),
                 QStringLiteral("List"));
    }

    void errorsNamePlace()
    {
        const auto stream
            = DocumentStream::parse("a: 1\n---\nb: [1,\n", QStringLiteral("policies.yaml"));
        QVERIFY(!stream);
        QCOMPARE(stream.error().code, QStringLiteral("yaml.parse"));
        QVERIFY2(stream.error().toString().startsWith(
                     QStringLiteral("policies.yaml: document 2, line ")),
                 qPrintable(stream.error().toString()));
        const auto dup = DocumentStream::parse("spec:\n  hosts: [a]\n  hosts: [b]\n",
                                               QStringLiteral("d.yaml"));
        QVERIFY(!dup);
        QVERIFY(dup.error().toString().contains(
            QStringLiteral("document 1, line 3, column 3: duplicate key")));
    }

    void fuzzRoundTrip()
    {
        QRandomGenerator rng(20260501);
        const DocumentStream seed
            = parseOrFail(readFile(samplesDir() + QStringLiteral("/destination-rule-all.yaml")));
        QVERIFY(!seed.documents.isEmpty());
        for (int round = 0; round < 300; ++round) {
            Value v = seed.documents.at(round % seed.documents.size()).value;
            for (int m = 0; m < 1 + round % 5; ++m)
                mutate(v, rng);
            for (const bool json : {false, true}) {
                const QByteArray text = json ? toJson(v) : toYaml(v);
                const auto back = parseValue(text);
                QVERIFY2(
                    back,
                    qPrintable(back ? QString()
                                    : back.error().toString() + u'\n' + QString::fromUtf8(text)));
                QVERIFY2(back->identical(v) || (v.isNull() && back->isNull()), text.constData());
            }
        }
    }
};

QTEST_APPLESS_MAIN(tst_Documents)
#include "tst_documents.moc"

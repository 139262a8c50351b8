#include "schema/crd.h"
#include "schema/structuralschema.h"
#include "schema/yamljson.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace md::schema;
using Kind = Violation::Kind;

Q_DECLARE_METATYPE(Violation::Kind)

namespace {

QString sharedDir()
{
    return QStringLiteral(MESHDESK_SHARED_DIR);
}

QJsonValue yamlValue(const QByteArray &yaml)
{
    const auto docs = parseYamlStream(yaml);
    return docs && docs->size() == 1 ? docs->first().value : QJsonValue();
}

QString describe(const QList<Violation> &violations)
{
    QStringList lines;
    for (const Violation &v : violations)
        lines.append(QString::number(int(v.kind)) + u' ' + v.path + QStringLiteral(": ")
                     + v.message);
    return lines.join(u'\n');
}

std::shared_ptr<const StructuralSchema> compile(const QByteArray &yaml)
{
    const auto schema = StructuralSchema::fromJson(yamlValue(yaml).toObject());
    return schema ? *schema : nullptr;
}

} // namespace

class tst_StructuralSchema : public QObject
{
    Q_OBJECT

private:
    QList<Crd> m_crds;

    const StructuralSchema *schemaFor(const QJsonObject &object) const
    {
        const QString apiVersion = object.value(QLatin1String("apiVersion")).toString();
        const QString group = apiVersion.section(u'/', 0, 0);
        const QString version = apiVersion.section(u'/', 1, 1);
        for (const Crd &crd : m_crds) {
            if (crd.group == group && crd.kind == object.value(QLatin1String("kind")).toString()) {
                const CrdVersion *v = crd.version(version);
                return v ? v->schema.get() : nullptr;
            }
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        auto crds = loadCrdFile(sharedDir() + QStringLiteral("/istio/crd-all.gen.yaml"));
        QVERIFY2(crds, qPrintable(crds ? QString() : crds.error().toString()));
        m_crds = *crds;
    }

    void bookinfoSamplesAreValid_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(sharedDir() + QStringLiteral("/istio/samples/bookinfo"));
        const QStringList files
            = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 20);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void bookinfoSamplesAreValid()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto docs = parseYamlStream(f.readAll(), file);
        QVERIFY2(docs, qPrintable(docs ? QString() : docs.error().toString()));
        int istioObjects = 0;
        for (const YamlDocument &doc : *docs) {
            const QJsonObject object = doc.value.toObject();
            if (!object.value(QLatin1String("apiVersion"))
                     .toString()
                     .contains(QLatin1String("istio.io")))
                continue;
            const StructuralSchema *schema = schemaFor(object);
            QVERIFY2(schema, qPrintable(object.value(QLatin1String("kind")).toString()));
            const QList<Violation> violations = schema->validate(object, true);
            QVERIFY2(violations.isEmpty(), qPrintable(file + u'\n' + describe(violations)));
            QStringList pruned;
            QCOMPARE(schema->prune(object, &pruned), QJsonValue(object));
            QVERIFY(pruned.isEmpty());
            ++istioObjects;
        }
        if (!file.endsWith(QLatin1String("/bookinfo.yaml")))
            QVERIFY(istioObjects > 0);
    }

    void brokenObjects_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");

        const QByteArray vs
            = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\n";
        const QByteArray dr = "apiVersion: networking.istio.io/v1beta1\nkind: "
                              "DestinationRule\nmetadata: {name: d}\n";
        const QByteArray gw
            = "apiVersion: networking.istio.io/v1alpha3\nkind: Gateway\nmetadata: {name: g}\n";
        const QByteArray se
            = "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: s}\n";
        const QByteArray pa
            = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: p}\n";

        QTest::newRow("hosts not a list")
            << vs + "spec: {hosts: reviews}" << Kind::Type << QStringLiteral("spec.hosts")
            << QStringLiteral(
                   "Invalid value: \"string\": spec.hosts in body must be of type array");
        QTest::newRow("weight is a string")
            << vs
                + "spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: a}\n    - "
                  "destination: {host: b}\n      weight: \"50\"\n"
            << Kind::Type << QStringLiteral("spec.http[0].route[1].weight")
            << QStringLiteral("must be of type integer");
        QTest::newRow("weight beyond int32") << vs
                + "spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: a}\n      "
                  "weight: 3000000000\n" << Kind::Format
                                             << QStringLiteral("spec.http[0].route[0].weight")
                                             << QStringLiteral("int32");
        QTest::newRow("destination host missing")
            << vs + "spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {subset: v1}\n"
            << Kind::Required << QStringLiteral("spec.http[0].route[0].destination.host")
            << QStringLiteral("Required value");
        QTest::newRow("string match oneOf")
            << vs
                + "spec:\n  hosts: [r]\n  http:\n  - match:\n    - uri: {exact: /a, prefix: /b}\n  "
                  "  route:\n    - destination: {host: a}\n"
            << Kind::Invalid << QStringLiteral("spec.http[0].match[0].uri")
            << QStringLiteral("must validate one and only one schema (oneOf). Found 2 valid "
                              "alternatives (only one of \"exact\", \"prefix\" may be set)");
        QTest::newRow("unknown field strict")
            << vs
                + "spec:\n  hosts: [r]\n  http:\n  - websocketUpgrade: true\n    route:\n    - "
                  "destination: {host: a}\n"
            << Kind::UnknownField << QStringLiteral("spec.http[0].websocketUpgrade")
            << QStringLiteral("unknown field \"spec.http[0].websocketUpgrade\"");
        QTest::newRow("direct response status out of range")
            << vs + "spec:\n  hosts: [r]\n  http:\n  - directResponse: {status: -1}\n"
            << Kind::Range << QStringLiteral("spec.http[0].directResponse.status")
            << QStringLiteral("Invalid value: -1: spec.http[0].directResponse.status in body "
                              "should be greater than or equal to 0");
        QTest::newRow("bad load balancer enum")
            << dr
                + "spec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer: {simple: FASTEST}\n"
            << Kind::Enum << QStringLiteral("spec.trafficPolicy.loadBalancer.simple")
            << QStringLiteral("Unsupported value: \"FASTEST\": supported values: \"UNSPECIFIED\", "
                              "\"LEAST_CONN\"");
        QTest::newRow("dr host required")
            << dr + "spec: {subsets: [{name: v1}]}" << Kind::Required << QStringLiteral("spec.host")
            << QStringLiteral("Required value");
        QTest::newRow("load balancer oneOf")
            << dr
                + "spec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer: {simple: "
                  "ROUND_ROBIN, consistentHash: {useSourceIp: true}}\n"
            << Kind::Invalid << QStringLiteral("spec.trafficPolicy.loadBalancer")
            << QStringLiteral("(oneOf)");
        QTest::newRow("gateway port number required")
            << gw + "spec:\n  servers:\n  - port: {name: http, protocol: HTTP}\n    hosts: ['*']\n"
            << Kind::Required << QStringLiteral("spec.servers[0].port.number")
            << QStringLiteral("Required value");
        QTest::newRow("gateway hosts required")
            << gw + "spec:\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n"
            << Kind::Required << QStringLiteral("spec.servers[0].hosts")
            << QStringLiteral("Required value");
        QTest::newRow("se hosts minItems")
            << se + "spec: {hosts: []}" << Kind::Range << QStringLiteral("spec.hosts")
            << QStringLiteral("should have at least 1 items");
        QTest::newRow("se resolution enum")
            << se + "spec: {hosts: [a.com], resolution: DNS_RR}" << Kind::Enum
            << QStringLiteral("spec.resolution") << QStringLiteral("Unsupported value: \"DNS_RR\"");
        QTest::newRow("se duplicate port name")
            << se
                + "spec:\n  hosts: [a.com]\n  ports:\n  - {number: 80, name: http}\n  - {number: "
                  "81, name: http}\n"
            << Kind::Invalid << QStringLiteral("spec.ports[1]")
            << QStringLiteral("Duplicate value: {\"name\":\"http\"}");
        QTest::newRow("se port name too long")
            << se + "spec:\n  hosts: [a.com]\n  ports:\n  - {number: 80, name: "
                + QByteArray(257, 'x') + "}\n"
            << Kind::Range << QStringLiteral("spec.ports[0].name")
            << QStringLiteral("Too long: may not be longer than 256");
        QTest::newRow("pa mode enum in map") << pa
                + "spec:\n  selector: {matchLabels: {app: a}}\n  portLevelMtls:\n    '8080': "
                  "{mode: STRICTER}\n" << Kind::Enum
                                             << QStringLiteral("spec.portLevelMtls.8080.mode")
                                             << QStringLiteral("Unsupported value: \"STRICTER\"");
        QTest::newRow("pa portLevelMtls minProperties")
            << pa + "spec:\n  portLevelMtls: {}\n"
            << Kind::Range << QStringLiteral("spec.portLevelMtls")
            << QStringLiteral("should have at least 1 properties");
        QTest::newRow("spec not an object")
            << pa + "spec: [1]" << Kind::Type << QStringLiteral("spec")
            << QStringLiteral("Invalid value: \"array\": spec in body must be of type object");
        QTest::newRow("kind missing")
            << QByteArray("apiVersion: security.istio.io/v1\nmetadata: {name: p}\nspec: {}\n")
            << Kind::Required << QStringLiteral("kind") << QStringLiteral("Required value");
        QTest::newRow("null in required field")
            << dr + "spec: {host: null}" << Kind::Required << QStringLiteral("spec.host")
            << QStringLiteral("Required value");
    }

    void brokenObjects()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(Kind, kind);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const QJsonObject object = yamlValue(yaml).toObject();
        QVERIFY(!object.isEmpty());
        QJsonObject typed = object;
        if (!typed.contains(QLatin1String("kind")))
            typed.insert(QStringLiteral("kind"), QStringLiteral("PeerAuthentication"));
        const StructuralSchema *schema = schemaFor(typed);
        QVERIFY(schema);
        const QList<Violation> violations = schema->validate(object, true);
        bool found = false;
        for (const Violation &v : violations)
            found = found || (v.kind == kind && v.path == path && v.message.contains(message));
        QVERIFY2(found, qPrintable(describe(violations)));
        QCOMPARE(violations.size(), 1);
    }

    void unknownFieldsOnlyWhenStrict()
    {
        const QJsonObject object
            = yamlValue(
                  "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                  "metadata: {name: r, annotations: {a: b}}\n"
                  "spec: {hosts: [r], bogus: 1, tcp: [{route: [{destination: {host: a}}], x: 2}]}\n"
                  "status: {anything: [1, 2]}\n")
                  .toObject();
        const StructuralSchema *schema = schemaFor(object);
        QVERIFY(schema);
        QVERIFY(schema->validate(object, false).isEmpty());
        const QList<Violation> strict = schema->validate(object, true);
        QCOMPARE(strict.size(), 2);
        QCOMPARE(strict.at(0).path, QStringLiteral("spec.bogus"));
        QCOMPARE(strict.at(1).path, QStringLiteral("spec.tcp[0].x"));
        QStringList pruned;
        const QJsonObject result = schema->prune(object, &pruned).toObject();
        QCOMPARE(pruned,
                 (QStringList {QStringLiteral("spec.bogus"), QStringLiteral("spec.tcp[0].x")}));
        QVERIFY(!result.value(QLatin1String("spec")).toObject().contains(QLatin1String("bogus")));
        QCOMPARE(result.value(QLatin1String("status")), object.value(QLatin1String("status")));
        QCOMPARE(result.value(QLatin1String("metadata")), object.value(QLatin1String("metadata")));
    }

    void keywords_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("violations");
        QTest::addColumn<QString>("firstMessage");

        const QByteArray root = "apiVersion: x/v1\nkind: X\nmetadata: {}\n";
        const auto s
            = [](const QByteArray &spec) { return "type: object\nproperties:\n  spec:\n" + spec; };
        const QByteArray intOrString = s(
            "    x-kubernetes-int-or-string: true\n    anyOf: [{type: integer}, {type: string}]\n");
        QTest::newRow("int-or-string int") << intOrString << root + "spec: 8080" << 0 << QString();
        QTest::newRow("int-or-string string")
            << intOrString << root + "spec: http" << 0 << QString();
        QTest::newRow("int-or-string bool") << intOrString << root + "spec: true" << 1
                                            << QStringLiteral("must be of type integer,string");
        const QByteArray nullable = s("    type: string\n    nullable: true\n");
        QTest::newRow("nullable null") << nullable << root + "spec: null" << 0 << QString();
        QTest::newRow("non-nullable null is dropped")
            << s("    type: string\n") << root + "spec: null" << 0 << QString();
        QTest::newRow("null list item")
            << s("    type: array\n    items: {type: string}\n") << root + "spec: [a, null]" << 1
            << QStringLiteral("spec[1] in body must be of type string");
        const QByteArray exclusive
            = s("    type: number\n    minimum: 0\n    exclusiveMinimum: true\n    maximum: 1\n");
        QTest::newRow("exclusive min")
            << exclusive << root + "spec: 0" << 1 << QStringLiteral("should be greater than 0");
        QTest::newRow("inclusive max") << exclusive << root + "spec: 1" << 0 << QString();
        QTest::newRow("above max")
            << exclusive << root + "spec: 1.5" << 1
            << QStringLiteral("Invalid value: 1.5: spec in body should be less than or equal to 1");
        QTest::newRow("integer rejects fraction")
            << s("    type: integer\n") << root + "spec: 1.5" << 1
            << QStringLiteral("Invalid value: \"number\"");
        QTest::newRow("length counts code points")
            << s("    type: string\n    maxLength: 2\n")
            << root + "spec: \"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\"" << 0 << QString();
        QTest::newRow("min length")
            << s("    type: string\n    minLength: 1\n") << root + "spec: ''" << 1
            << QStringLiteral("should be at least 1 chars long");
        QTest::newRow("pattern")
            << s("    type: string\n    pattern: ^[a-z]+$\n") << root + "spec: Abc" << 1
            << QStringLiteral("Invalid value: \"Abc\": spec in body should match '^[a-z]+$'");
        QTest::newRow("invalid pattern is skipped")
            << s("    type: string\n    pattern: '[unclosed'\n") << root + "spec: anything" << 0
            << QString();
        QTest::newRow("date-time ok")
            << s("    type: string\n    format: date-time\n")
            << root + "spec: '2024-05-01T10:00:00.5+02:00'" << 0 << QString();
        QTest::newRow("date-time bad")
            << s("    type: string\n    format: date-time\n") << root + "spec: yesterday" << 1
            << QStringLiteral("must be of type date-time");
        QTest::newRow("byte bad") << s("    type: string\n    format: byte\n")
                                  << root + "spec: 'not base64!'" << 1
                                  << QStringLiteral("must be of type byte");
        QTest::newRow("unique items")
            << s("    type: array\n    uniqueItems: true\n    items: {type: integer}\n")
            << root + "spec: [1, 2, 1]" << 1 << QStringLiteral("Duplicate value: 1");
        QTest::newRow("set list") << s(
            "    type: array\n    x-kubernetes-list-type: set\n    items: {type: string}\n")
                                  << root + "spec: [a, a]" << 1
                                  << QStringLiteral("Duplicate value: \"a\"");
        QTest::newRow("max items")
            << s("    type: array\n    maxItems: 1\n    items: {type: string}\n")
            << root + "spec: [a, b]" << 1
            << QStringLiteral("Too many: 2: must have at most 1 items");
        const QByteArray mapOf
            = s("    type: object\n    additionalProperties: {type: integer, minimum: 1}\n");
        QTest::newRow("map values")
            << mapOf << root + "spec: {a: 1, b: 0}" << 1 << QStringLiteral("spec.b in body");
        const QByteArray anyNot
            = s("    type: object\n    properties: {a: {type: string}, b: {type: string}}\n"
                "    anyOf: [{required: [a]}, {required: [b]}]\n    not: {required: [a, b]}\n");
        QTest::newRow("anyOf ok") << anyNot << root + "spec: {a: x}" << 0 << QString();
        QTest::newRow("anyOf none")
            << anyNot << root + "spec: {}" << 1 << QStringLiteral("(anyOf)");
        QTest::newRow("not") << anyNot << root + "spec: {a: x, b: yy}" << 1
                             << QStringLiteral("(not)");
        const QByteArray allOf
            = s("    type: object\n    properties: {a: {type: integer}}\n"
                "    allOf: [{properties: {a: {minimum: 5}}}, {required: [a]}]\n");
        QTest::newRow("allOf reports branch errors")
            << allOf << root + "spec: {a: 1}" << 1
            << QStringLiteral("should be greater than or equal to 5");
        const QByteArray preserve
            = s("    type: object\n    x-kubernetes-preserve-unknown-fields: true\n"
                "    properties: {known: {type: integer}}\n");
        QTest::newRow("preserve unknown")
            << preserve << root + "spec: {other: {deep: 1}, known: 1}" << 0 << QString();
        QTest::newRow("preserve still checks known")
            << preserve << root + "spec: {known: x}" << 1
            << QStringLiteral("spec.known in body must be of type integer");
        const QByteArray embedded = s("    type: object\n    x-kubernetes-embedded-resource: true\n"
                                      "    x-kubernetes-preserve-unknown-fields: true\n");
        QTest::newRow("embedded ok")
            << embedded << root + "spec: {apiVersion: v1, kind: Pod, spec: {}}" << 0 << QString();
        QTest::newRow("embedded needs kind")
            << embedded << root + "spec: {apiVersion: v1}" << 1 << QStringLiteral("Required value");
        QTest::newRow("root not an object")
            << s("    type: object\n") << QByteArray("[1]") << 1
            << QStringLiteral("Invalid value: \"array\": body must be of type object");
    }

    void keywords()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, value);
        QFETCH(int, violations);
        QFETCH(QString, firstMessage);
        const auto compiled = compile(schema);
        QVERIFY(compiled);
        const QList<Violation> result = compiled->validate(yamlValue(value), true);
        QVERIFY2(result.size() == violations, qPrintable(describe(result)));
        if (violations > 0)
            QVERIFY2(result.first().message.contains(firstMessage), qPrintable(describe(result)));
    }

    void invalidSchemas()
    {
        QVERIFY(!StructuralSchema::fromJson(yamlValue("type: strange").toObject()));
        const auto bad
            = StructuralSchema::fromJson(yamlValue("properties: {a: {minLength: -1}}").toObject());
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, QStringLiteral("schema.invalid"));
        QCOMPARE(bad.error().where, QStringLiteral("openAPIV3Schema.a.minLength"));
    }

    void throughput()
    {
        // Prints how long validating a large VirtualService takes; never asserted as a timing.
        QJsonArray http;
        for (int i = 0; i < 200; ++i) {
            http.append(yamlValue("match: [{uri: {prefix: /p}, headers: {x: {exact: yy}}}]\n"
                                  "route: [{destination: {host: a, subset: v1}, weight: 50},"
                                  " {destination: {host: b, port: {number: 80}}, weight: 50}]\n"
                                  "retries: {attempts: 3, perTryTimeout: 2s}\ntimeout: 10s\n"));
        }
        QJsonObject object = yamlValue("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                                       "metadata: {name: big}\nspec: {hosts: [a]}\n")
                                 .toObject();
        QJsonObject spec = object.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("http"), http);
        object.insert(QStringLiteral("spec"), spec);
        const StructuralSchema *schema = schemaFor(object);
        QVERIFY(schema);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(schema->validate(object, true).isEmpty());
        qInfo("validated 200 http routes in %lld us", timer.nsecsElapsed() / 1000);
    }
};

QTEST_APPLESS_MAIN(tst_StructuralSchema)
#include "tst_structuralschema.moc"

// Istio policy benchmarks: figures are printed, never asserted.
//   bench_istio [CRD_FILE]
// 1. 1,000 generated policies (VirtualService, DestinationRule, AuthorizationPolicy, ...) parsed
//    and run through all three validation layers.
// 2. One edited VirtualService checked (all layers) against a mesh of 50,000 objects.

#include "istio/analyzers.h"
#include "istio/validator.h"
#include "schema/yamljson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>

#include <cstdio>

using namespace md::istio;

namespace {

QByteArray policy(int i)
{
    const QByteArray n = QByteArray::number(i);
    const QByteArray ns = "ns" + QByteArray::number(i / 5 % 50); // groups of 5 share a namespace
    const QByteArray meta = "metadata:\n  name: p" + n + "\n  namespace: " + ns + "\n";
    switch (i % 5) {
    case 0:
        return "apiVersion: networking.istio.io/v1\nkind: VirtualService\n" + meta
            + "spec:\n  hosts: [svc" + n
            + "]\n  http:\n  - match: [{uri: {prefix: /api}, headers: {x-user: {exact: a}}}]\n"
              "    route:\n    - destination: {host: svc"
            + n
            + ", subset: v1}\n      weight: 90\n"
              "    - destination: {host: svc"
            + n
            + ", subset: v2}\n      weight: 10\n"
              "    retries: {attempts: 3, perTryTimeout: 2s, retryOn: '5xx,reset'}\n    timeout: "
              "10s\n"
              "  - route:\n    - destination: {host: svc"
            + n + ", subset: v1}\n";
    case 1:
        return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n" + meta
            + "spec:\n  host: svc" + QByteArray::number(i - 1)
            + "\n  trafficPolicy:\n"
              "    connectionPool: {tcp: {maxConnections: 100, connectTimeout: 30ms}, http: "
              "{http2MaxRequests: 1000}}\n"
              "    outlierDetection: {consecutive5xxErrors: 7, interval: 5m, baseEjectionTime: "
              "15m}\n"
              "  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: "
              "{version: v2}\n";
    case 2:
        return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n" + meta
            + "spec:\n  selector: {matchLabels: {app: svc" + n
            + "}}\n  action: ALLOW\n  rules:\n"
              "  - from: [{source: {principals: ['cluster.local/ns/default/sa/client']}}]\n"
              "    to: [{operation: {methods: [GET], paths: ['/api/*']}}]\n"
              "    when: [{key: 'request.headers[x-version]', values: [v1]}]\n";
    case 3:
        return "apiVersion: networking.istio.io/v1\nkind: Gateway\n" + meta
            + "spec:\n  selector: {istio: ingressgateway}\n  servers:\n"
              "  - port: {number: 443, name: https-"
            + n + ", protocol: HTTPS}\n    hosts: [app" + n
            + ".example.com]\n"
              "    tls: {mode: SIMPLE, credentialName: cert"
            + n + "}\n";
    default:
        return "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\n" + meta
            + "spec:\n  hosts: [api" + n
            + ".example.com]\n  location: MESH_EXTERNAL\n  resolution: DNS\n"
              "  ports: [{number: 443, name: https, protocol: TLS}]\n";
    }
}

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString crdFile = argc > 1
        ? QString::fromLocal8Bit(argv[1])
        : QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml");
    auto validator = Validator::fromCrdFile(crdFile);
    if (!validator) {
        std::fprintf(stderr, "%s\n", qPrintable(validator.error().toString()));
        return 1;
    }

    QByteArray text;
    for (int i = 0; i < 1000; ++i)
        text += policy(i) + "---\n";
    QElapsedTimer timer;
    timer.start();
    const auto plain = md::schema::parseYamlStream(text);
    const qint64 jsonParse = timer.nsecsElapsed();
    timer.restart();
    const auto stream = DocumentStream::parse(text, QStringLiteral("generated.yaml"));
    const qint64 parse = timer.nsecsElapsed();
    if (!stream || !plain) {
        std::fprintf(stderr, "parse error\n");
        return 1;
    }
    timer.restart();
    QList<Message> messages;
    for (const ObjectRef &ref : stream->objects())
        messages += validator->validateSchema(stream->object(ref));
    const qint64 layer1 = timer.nsecsElapsed();
    for (const ObjectRef &ref : stream->objects())
        messages += Validator::validateRules(stream->object(ref));
    const qint64 layer2 = timer.nsecsElapsed();
    MeshIndex index;
    index.add(*stream);
    messages += analyzeMesh(index);
    const qint64 layer3 = timer.nsecsElapsed();
    std::printf(
        "1,000 policies (%lld KB): parse %.1f ms (to QJsonValue: %.1f ms); schema %.1f ms, rules "
        "%.1f ms, "
        "analyzers %.1f ms: validation %.1f ms, parse + validation %.1f ms (%lld messages)\n",
        qint64(text.size() / 1024), ms(parse), ms(jsonParse), ms(layer1), ms(layer2 - layer1),
        ms(layer3 - layer2), ms(layer3), ms(parse + layer3), qint64(messages.size()));
    QMap<QString, int> byCode;
    for (const Message &m : std::as_const(messages))
        ++byCode[m.code];
    for (auto it = byCode.constBegin(); it != byCode.constEnd(); ++it)
        std::printf("  %s: %d\n", qPrintable(it.key()), it.value());

    MeshIndex mesh;
    for (int i = 0; i < 50000; ++i) {
        auto object = parseValue(policy(i));
        mesh.add(*object);
    }
    const auto edited = parseValue(policy(0));
    timer.restart();
    QList<Message> one = validator->validate(*edited);
    one += analyzeObject(mesh, *edited);
    std::printf("one edited VirtualService against 50,000 objects: %.3f ms for all layers (%lld "
                "messages)\n",
                ms(timer.nsecsElapsed()), qint64(one.size()));

    // A large mapping (a ConfigMap of 20,000 keys, then 80,000): reading must stay linear.
    for (const int keys : {20000, 80000}) {
        QByteArray big = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n";
        for (int i = 0; i < keys; ++i)
            big += "  key" + QByteArray::number(i) + ": value" + QByteArray::number(i) + "\n";
        timer.restart();
        const auto read = DocumentStream::parse(big);
        const qint64 elapsed = timer.nsecsElapsed();
        std::printf("ConfigMap of %d keys (%lld KB): read in %.1f ms%s\n", keys,
                    qint64(big.size() / 1024), ms(elapsed), read ? "" : " (parse error)");
    }
    return 0;
}

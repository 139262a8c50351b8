#include "kube/apierror.h"
#include "kube/kubeobject.h"
#include "kube/resourceref.h"
#include "kube/tlsconfig.h"
#include "kube/watchdecoder.h"

#include <QJsonArray>
#include <QTest>

using namespace md::kube;

// The Status parser, the watch-stream decoder and resource paths.
class tst_KubeApi : public QObject
{
    Q_OBJECT

private slots:
    void statusWithCauses();
    void statusFromPlainBody_data();
    void statusFromPlainBody();
    void retryAfter();
    void retriable_data();
    void retriable();
    void decoderSplitsAnywhere();
    void decoderEventTypes();
    void decoderRejects_data();
    void decoderRejects();
    void decoderStaysFailed();
    void decoderIncompleteEnd();
    void objectIdentity();
    void objectRejects_data();
    void objectRejects();
    void listDecodes();
    void listRejects_data();
    void listRejects();
    void paths_data();
    void paths();
    void badCaIsAnError();
};

void tst_KubeApi::statusWithCauses()
{
    const QByteArray body = R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
        "message":"VirtualService.networking.istio.io \"r\" is invalid: spec.hosts: Invalid value: \"string\"",
        "reason":"Invalid","details":{"name":"r","group":"networking.istio.io","kind":"virtualservices",
        "causes":[{"reason":"FieldValueTypeInvalid","message":"Invalid value: \"string\": must be of type array","field":"spec.hosts"},
                  {"reason":"FieldValueRequired","message":"Required value","field":"spec.http[0].route"}]},"code":422})";
    const ApiError e = parseStatus(422, body, QStringLiteral("https://x/apis"));
    QCOMPARE(e.kind, ApiError::Kind::Status);
    QCOMPARE(e.code, 422);
    QCOMPARE(e.reason, QStringLiteral("Invalid"));
    QVERIFY(e.isInvalid());
    QCOMPARE(e.name, QStringLiteral("r"));
    QCOMPARE(e.group, QStringLiteral("networking.istio.io"));
    QCOMPARE(e.resource, QStringLiteral("virtualservices"));
    QCOMPARE(e.causes.size(), 2);
    QCOMPARE(e.causes.at(0).field, QStringLiteral("spec.hosts"));
    QCOMPARE(e.causes.at(1).reason, QStringLiteral("FieldValueRequired"));
    QVERIFY(e.detail().contains(QStringLiteral("spec.http[0].route: Required value")));
    QVERIFY(e.summary().startsWith(QStringLiteral("Invalid (HTTP 422)")));
    QVERIFY(isFailureStatus(body));
}

void tst_KubeApi::statusFromPlainBody_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::newRow("text") << 503 << QByteArray("upstream connect error\nmore")
                          << "ServiceUnavailable"
                          << "upstream connect error";
    QTest::newRow("empty") << 404 << QByteArray() << "NotFound"
                           << "";
    QTest::newRow("other json") << 403 << QByteArray(R"({"error":"nope"})") << "Forbidden"
                                << R"({"error":"nope"})";
    QTest::newRow("truncated json")
        << 500 << QByteArray(R"({"kind":"Status","reas)") << "InternalError"
        << R"({"kind":"Status","reas)";
    QTest::newRow("gone") << 410 << QByteArray() << "Expired"
                          << "";
}

void tst_KubeApi::statusFromPlainBody()
{
    QFETCH(int, code);
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    const ApiError e = parseStatus(code, body);
    QCOMPARE(e.code, code);
    QCOMPARE(e.reason, reason);
    QCOMPARE(e.message, message);
    QVERIFY(e.causes.isEmpty());
    QVERIFY(!isFailureStatus(body));
}

void tst_KubeApi::retryAfter()
{
    QCOMPARE(parseStatus(429, {}, {}, "7").retryAfterSeconds, std::optional<int>(7));
    QCOMPARE(parseStatus(429, {}, {}, "soon").retryAfterSeconds, std::optional<int>());
    const QByteArray body
        = R"({"kind":"Status","status":"Failure","reason":"TooManyRequests","code":429,"details":{"retryAfterSeconds":3}})";
    QCOMPARE(parseStatus(429, body).retryAfterSeconds, std::optional<int>(3));
    QCOMPARE(parseStatus(429, body, {}, "9").retryAfterSeconds,
             std::optional<int>(9)); // the header wins
}

void tst_KubeApi::retriable_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("retriable");
    QTest::newRow("network") << int(ApiError::Kind::Network) << 0 << true;
    QTest::newRow("429") << int(ApiError::Kind::Status) << 429 << true;
    QTest::newRow("500") << int(ApiError::Kind::Status) << 500 << true;
    QTest::newRow("404") << int(ApiError::Kind::Status) << 404 << false;
    QTest::newRow("409") << int(ApiError::Kind::Status) << 409 << false;
    QTest::newRow("tls") << int(ApiError::Kind::Tls) << 0 << false;
    QTest::newRow("decode") << int(ApiError::Kind::Decode) << 0 << false;
}

void tst_KubeApi::retriable()
{
    QFETCH(int, kind);
    QFETCH(int, code);
    QFETCH(bool, retriable);
    ApiError e;
    e.kind = ApiError::Kind(kind);
    e.code = code;
    QCOMPARE(e.isRetriable(), retriable);
}

void tst_KubeApi::decoderSplitsAnywhere()
{
    const QByteArray stream
        = R"({"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}
{"type":"MODIFIED","object":{"metadata":{"name":"a","resourceVersion":"6"},"data":{"k":"ü\n"}}}

{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}
{"type":"DELETED","object":{"metadata":{"name":"a","resourceVersion":"10"}}}
)";
    // Every split point of the stream into two chunks, and byte-by-byte.
    for (int split = 0; split <= stream.size(); ++split) {
        WatchDecoder decoder;
        auto first = decoder.feed(stream.left(split));
        QVERIFY(first);
        auto second = decoder.feed(stream.mid(split));
        QVERIFY(second);
        const QList<WatchEvent> all = *first + *second;
        QCOMPARE(all.size(), 4);
        QCOMPARE(all.at(1).object.toJson()["data"].toObject()["k"].toString(),
                 QStringLiteral("ü\n"));
        QCOMPARE(all.at(1).object.name(), QStringLiteral("a"));
        QCOMPARE(all.at(1).object.resourceVersion(), QStringLiteral("6"));
        QCOMPARE(all.at(2).object.resourceVersion(), QStringLiteral("9"));
        QVERIFY(decoder.finish());
    }
    WatchDecoder bytewise;
    int events = 0;
    for (char c : stream) {
        auto r = bytewise.feed(QByteArray(1, c));
        QVERIFY(r);
        events += int(r->size());
    }
    QCOMPARE(events, 4);
    QCOMPARE(bytewise.eventsDecoded(), 4);
}

void tst_KubeApi::decoderEventTypes()
{
    WatchDecoder decoder;
    auto r = decoder.feed(R"({"type":"ADDED","object":{}}
{"type":"MODIFIED","object":{}}
{"type":"DELETED","object":{}}
{"type":"BOOKMARK","object":{}}
{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired"}}
)");
    QVERIFY(r);
    QCOMPARE(r->size(), 5);
    QCOMPARE(r->at(0).type, WatchEvent::Type::Added);
    QCOMPARE(r->at(1).type, WatchEvent::Type::Modified);
    QCOMPARE(r->at(2).type, WatchEvent::Type::Deleted);
    QCOMPARE(r->at(3).type, WatchEvent::Type::Bookmark);
    QCOMPARE(r->at(4).type, WatchEvent::Type::Error);
    QCOMPARE(r->at(4).status["code"].toInt(), 410);
}

void tst_KubeApi::decoderRejects_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("hello\n") << "watch event 1: malformed JSON";
    QTest::newRow("array") << QByteArray("[1,2]\n") << "watch event 1: malformed JSON";
    QTest::newRow("unknown type") << QByteArray(R"({"type":"RENAMED","object":{}})"
                                                "\n")
                                  << "unknown type \"RENAMED\"";
    QTest::newRow("no object") << QByteArray(R"({"type":"ADDED"})"
                                             "\n")
                               << "watch event 1: no object";
    QTest::newRow("second line") << QByteArray(R"({"type":"ADDED","object":{}})"
                                               "\n{oops}\n")
                                 << "watch event 2";
}

void tst_KubeApi::decoderRejects()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, message);
    WatchDecoder decoder;
    auto r = decoder.feed(line);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ApiError::Kind::Decode);
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
}

void tst_KubeApi::decoderStaysFailed()
{
    WatchDecoder decoder;
    QVERIFY(!decoder.feed("garbage\n"));
    QVERIFY(!decoder.feed(R"({"type":"ADDED","object":{}})"
                          "\n"));
    QVERIFY(!decoder.finish());
}

void tst_KubeApi::decoderIncompleteEnd()
{
    WatchDecoder decoder;
    auto r = decoder.feed(R"({"type":"ADDED","object":{}})"
                          "\n"
                          R"({"type":"ADD)");
    QVERIFY(r);
    QCOMPARE(r->size(), 1);
    auto end = decoder.finish();
    QVERIFY(!end);
    QVERIFY(end.error().message.contains(QStringLiteral("ended inside event 2")));
}

void tst_KubeApi::objectIdentity()
{
    const QByteArray text = R"(  {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
        "metadata":{"name":"reviews","namespace":"bookinfo","uid":"u-1","resourceVersion":"42",
        "generation":3,"labels":{"app":"reviews","version":"v1"}},
        "spec":{"hosts":["reviews"],"x":1.50}}
)";
    auto object = KubeObject::fromJson(text);
    QVERIFY2(object, qPrintable(object ? QString() : object.error().message));
    QCOMPARE(object->name(), QStringLiteral("reviews"));
    QCOMPARE(object->namespaceName(), QStringLiteral("bookinfo"));
    QCOMPARE(object->uid(), QStringLiteral("u-1"));
    QCOMPARE(object->resourceVersion(), QStringLiteral("42"));
    QCOMPARE(object->kind(), QStringLiteral("VirtualService"));
    QCOMPARE(object->generation(), 3);
    QCOMPARE(object->labels().size(), 2);
    QCOMPARE(object->label(QStringLiteral("version")), QStringLiteral("v1"));
    QCOMPARE(object->key(), QStringLiteral("bookinfo/reviews"));
    QCOMPARE(object->cacheKey(), QStringLiteral("u-1"));
    QCOMPARE(object->json(), text.trimmed()); // kept as sent
    QCOMPARE(object->toJson()["spec"].toObject()["hosts"].toArray().at(0).toString(),
             QStringLiteral("reviews"));

    // From a tree, and without a uid (the key stands in).
    const KubeObject fromTree = KubeObject::fromJsonObject(object->toJson());
    QCOMPARE(fromTree.uid(), QStringLiteral("u-1"));
    QCOMPARE(fromTree.labels(), object->labels());
    QVERIFY(fromTree.sameVersion(*object));
    auto noUid = KubeObject::fromJson(R"({"metadata":{"name":"ns1"}})");
    QVERIFY(noUid);
    QCOMPARE(noUid->cacheKey(), QStringLiteral("ns1"));
    QVERIFY(KubeObject().isNull());
    QCOMPARE(KubeObject().name(), QString());
}

void tst_KubeApi::objectRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"metadata":{"name":"a")");
    QTest::newRow("array") << QByteArray("[1]");
    QTest::newRow("bad literal") << QByteArray(R"({"a":tru})");
    QTest::newRow("bad utf-8") << QByteArray("{\"a\":\"\xff\"}");
    QTest::newRow("trailing") << QByteArray(R"({"a":1} {"b":2})");
}

void tst_KubeApi::objectRejects()
{
    QFETCH(QByteArray, text);
    auto object = KubeObject::fromJson(text);
    QVERIFY(!object);
    QVERIFY(!object.error().message.isEmpty());
}

void tst_KubeApi::listDecodes()
{
    QByteArray body = R"({"kind":"ConfigMapList","apiVersion":"v1",
        "metadata":{"resourceVersion":"77","continue":"next-page"},
        "items":[{"metadata":{"name":"a","namespace":"n","uid":"1","resourceVersion":"5"}},
                 {"metadata":{"name":"b","namespace":"n","uid":"2","resourceVersion":"6"},
                  "data":{"k":"ü"}}]})";
    auto list = decode::list(body);
    QVERIFY2(list, qPrintable(list ? QString() : list.error().message));
    QCOMPARE(list->kind, QStringLiteral("ConfigMapList"));
    QCOMPARE(list->resourceVersion, QStringLiteral("77"));
    QCOMPARE(list->continueToken, QStringLiteral("next-page"));
    QCOMPARE(list->items.size(), 2);
    QCOMPARE(list->items.at(1).key(), QStringLiteral("n/b"));
    QCOMPARE(list->items.at(1).toJson()["data"].toObject()["k"].toString(), QStringLiteral("ü"));

    QByteArray empty = R"({"kind":"PodList","metadata":{"resourceVersion":"1"},"items":null})";
    auto none = decode::list(empty);
    QVERIFY(none);
    QVERIFY(none->items.isEmpty());
}

void tst_KubeApi::listRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("<html>") << "malformed list";
    QTest::newRow("array") << QByteArray("[]") << "malformed list";
    QTest::newRow("truncated") << QByteArray(R"({"items":[{"metadata":{}})") << "malformed list";
    QTest::newRow("item not object")
        << QByteArray(R"({"items":[{"metadata":{}},3]})") << "malformed list";
    QTest::newRow("bad item") << QByteArray(R"({"items":[{},{"a":nul}]})") << "item 1:";
    QTest::newRow("trailing") << QByteArray(R"({"items":[]}{"x":1})") << "malformed list";
}

void tst_KubeApi::listRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    auto list = decode::list(body);
    QVERIFY(!list);
    QVERIFY2(list.error().message.contains(message), qPrintable(list.error().message));
}

void tst_KubeApi::paths_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<bool>("namespaced");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QString>("object");
    QTest::newRow("core namespaced") << "" << true << "default"
                                     << "/api/v1/namespaces/default/things"
                                     << "/api/v1/namespaces/default/things/n%201";
    QTest::newRow("core all namespaces") << "" << true << ""
                                         << "/api/v1/things"
                                         << "/api/v1/things/n%201";
    QTest::newRow("group") << "networking.istio.io" << true << "bookinfo"
                           << "/apis/networking.istio.io/v1/namespaces/bookinfo/things"
                           << "/apis/networking.istio.io/v1/namespaces/bookinfo/things/n%201";
    QTest::newRow("cluster scoped") << "apiextensions.k8s.io" << false << "ignored"
                                    << "/apis/apiextensions.k8s.io/v1/things"
                                    << "/apis/apiextensions.k8s.io/v1/things/n%201";
}

void tst_KubeApi::paths()
{
    QFETCH(QString, group);
    QFETCH(bool, namespaced);
    QFETCH(QString, ns);
    QFETCH(QString, collection);
    QFETCH(QString, object);
    const ResourceRef ref {group, QStringLiteral("v1"), QStringLiteral("things"), namespaced,
                           QStringLiteral("Thing")};
    QCOMPARE(ref.collectionPath(ns), collection);
    QCOMPARE(ref.objectPath(ns, QStringLiteral("n 1")), object);
}

void tst_KubeApi::badCaIsAnError()
{
    TlsSettings tls;
    tls.caData = "not a certificate";
    auto r = makeSslConfiguration(tls);
    QVERIFY(!r);
    QVERIFY(r.error().message.contains(QStringLiteral("no PEM certificate")));
    TlsSettings missing;
    missing.caFile = QStringLiteral("/nonexistent/ca.crt");
    auto m = makeSslConfiguration(missing);
    QVERIFY(!m);
    QVERIFY(m.error().message.contains(QStringLiteral("/nonexistent/ca.crt")));
    TlsSettings insecure;
    insecure.insecure = true;
    auto i = makeSslConfiguration(insecure);
    QVERIFY(i);
    QCOMPARE(i->peerVerifyMode(), QSslSocket::VerifyNone);
}

QTEST_GUILESS_MAIN(tst_KubeApi)
#include "tst_kubeapi.moc"

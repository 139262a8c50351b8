// meshsim's Kubernetes API over HTTPS with QNetworkAccessManager: authentication, list
// pagination and selectors, watch streams (events, timeout, 410 Expired), the patch
// content types, dryRun, fieldValidation, optimistic concurrency and Status errors.

#include "meshsimclient.h"
#include "meshsimprocess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace Qt::StringLiterals;
using md::testing::MeshsimProcess;

using Reply = md::testing::HttpReply;

class TestMeshsimHttp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void missingOrWrongTokenIs401();
    void viewerWriteIs403();
    void createTwiceIsAlreadyExists();
    void listPaginationAndSelectors();
    void badFieldSelectorIs400();
    void watchStreamsEvents();
    void watchTimeoutEndsStream();
    void watchFromExpiredVersionIs410();
    void watchListWithInitialEventsAndBookmarks();
    void patchContentTypes();
    void applyPatchYaml();
    void dryRunAll();
    void fieldValidationModes();
    void staleUpdateConflicts();
    void generationAndSystemFields();

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &contentType = "application/json", const QString &token = {});
    QNetworkRequest request(const QString &path, const QString &token) const;
    QJsonObject configMap(const QString &name, const QString &team) const;

    MeshsimProcess m_sim;
    md::testing::MeshsimClient m_client;
    QNetworkAccessManager &m_nam = m_client.nam();
    QString m_adminToken;
    QString m_viewerToken;
    const QString m_ns = u"http-test"_s;
};

QNetworkRequest TestMeshsimHttp::request(const QString &path, const QString &token) const
{
    return m_client.request(path, token);
}

Reply TestMeshsimHttp::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            const QByteArray &contentType, const QString &token)
{
    return m_client.send(method, path, body, contentType, token);
}

QJsonObject TestMeshsimHttp::configMap(const QString &name, const QString &team) const
{
    return QJsonObject {
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"ConfigMap"_s},
        {u"metadata"_s,
         QJsonObject {{u"name"_s, name}, {u"labels"_s, QJsonObject {{u"team"_s, team}}}}},
        {u"data"_s, QJsonObject {{u"k"_s, name}}}};
}

void TestMeshsimHttp::initTestCase()
{
    const QString error = m_sim.start(
        {u"--crds"_s, QStringLiteral(MESHDESK_SHARED_DIR) + u"/istio/crd-all.gen.yaml"_s,
         u"--clusters"_s, u"1"_s, u"--scenario"_s, u"empty"_s, u"--watch-history"_s, u"200"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString loaded = m_client.load(m_sim.kubeconfig());
    QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
    m_adminToken = m_client.adminToken();
    m_viewerToken = m_client.viewerToken();
    QVERIFY(m_client.server().startsWith(u"https://127.0.0.1:"_s));
    const Reply ns
        = send("POST", u"/api/v1/namespaces"_s,
               QJsonDocument(QJsonObject {{u"apiVersion"_s, u"v1"_s},
                                          {u"kind"_s, u"Namespace"_s},
                                          {u"metadata"_s, QJsonObject {{u"name"_s, m_ns}}}})
                   .toJson());
    QVERIFY2(ns.status == 201, ns.body);
}

void TestMeshsimHttp::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void TestMeshsimHttp::missingOrWrongTokenIs401()
{
    for (const QString &token : {u"-"_s, u"wrong"_s}) {
        const Reply r = send("GET", u"/api/v1/namespaces"_s, {}, {}, token);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json.value(u"kind"_s).toString(), u"Status"_s);
        QCOMPARE(r.json.value(u"reason"_s).toString(), u"Unauthorized"_s);
        QCOMPARE(r.json.value(u"code"_s).toInt(), 401);
    }
    QCOMPARE(send("GET", u"/api/v1/namespaces"_s, {}, {}, m_viewerToken).status, 200);
}

void TestMeshsimHttp::viewerWriteIs403()
{
    const QByteArray body = QJsonDocument(configMap(u"viewer-cm"_s, u"a"_s)).toJson();
    const Reply r = send("POST", u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s, body,
                         "application/json", m_viewerToken);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.json.value(u"reason"_s).toString(), u"Forbidden"_s);
    QCOMPARE(send("GET", u"/api/v1/namespaces/"_s + m_ns + u"/configmaps/viewer-cm"_s).status, 404);
}

void TestMeshsimHttp::createTwiceIsAlreadyExists()
{
    const QByteArray body = QJsonDocument(configMap(u"twice"_s, u"a"_s)).toJson();
    const QString path = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    QCOMPARE(send("POST", path, body).status, 201);
    const Reply second = send("POST", path, body);
    QCOMPARE(second.status, 409);
    QCOMPARE(second.json.value(u"reason"_s).toString(), u"AlreadyExists"_s);
    QCOMPARE(second.json.value(u"details"_s).toObject().value(u"name"_s).toString(), u"twice"_s);
    QCOMPARE(send("DELETE", path + u"/twice"_s).status, 200);
    const Reply missing = send("GET", path + u"/twice"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json.value(u"reason"_s).toString(), u"NotFound"_s);
}

void TestMeshsimHttp::listPaginationAndSelectors()
{
    const QString path = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    for (int i = 0; i < 25; ++i) {
        const QString team = i % 3 == 0 ? u"red"_s : i % 3 == 1 ? u"blue"_s : u"green"_s;
        const Reply r = send(
            "POST", path,
            QJsonDocument(configMap(u"page-"_s + QString::number(i).rightJustified(2, u'0'), team))
                .toJson());
        QVERIFY2(r.status == 201, r.body);
    }
    QStringList names;
    QString token;
    QString listVersion;
    int pages = 0;
    do {
        QString url = path + u"?labelSelector=team&limit=10"_s;
        if (!token.isEmpty())
            url += u"&continue="_s + QString::fromLatin1(QUrl::toPercentEncoding(token));
        const Reply r = send("GET", url);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"kind"_s).toString(), u"ConfigMapList"_s);
        const QJsonObject meta = r.json.value(u"metadata"_s).toObject();
        if (listVersion.isEmpty())
            listVersion = meta.value(u"resourceVersion"_s).toString();
        QCOMPARE(meta.value(u"resourceVersion"_s).toString(), listVersion); // one snapshot
        for (const QJsonValue &item : r.json.value(u"items"_s).toArray())
            names << item.toObject().value(u"metadata"_s).toObject().value(u"name"_s).toString();
        token = meta.value(u"continue"_s).toString();
        if (!token.isEmpty())
            QCOMPARE(meta.value(u"remainingItemCount"_s).toInt(), 25 - names.size());
        ++pages;
    } while (!token.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(names.size(), 25);
    QCOMPARE(names.first(), u"page-00"_s);
    QCOMPARE(names.last(), u"page-24"_s);

    auto count = [&](const QString &query) {
        const Reply r = send("GET", path + u'?' + query);
        return r.status == 200 ? int(r.json.value(u"items"_s).toArray().size()) : -r.status;
    };
    const QByteArray in = QUrl::toPercentEncoding(u"team in (red,blue)"_s);
    QCOMPARE(count(u"labelSelector="_s + QString::fromLatin1(in)), 17);
    const QByteArray notin = QUrl::toPercentEncoding(u"team notin (red,blue)"_s);
    QCOMPARE(count(u"labelSelector="_s + QString::fromLatin1(notin)), 8);
    QCOMPARE(count(u"labelSelector=team!=red"_s), 16);
    QCOMPARE(count(u"labelSelector=!team"_s), 0);
    QCOMPARE(count(u"labelSelector=team==green"_s), 8);
    QCOMPARE(count(u"fieldSelector=metadata.name=page-07"_s), 1);
    QCOMPARE(count(u"fieldSelector=metadata.name!=page-07&labelSelector=team=blue"_s), 7);
    // All namespaces.
    const Reply all = send("GET", u"/api/v1/configmaps?fieldSelector=metadata.namespace="_s + m_ns);
    QCOMPARE(all.status, 200);
    QVERIFY(all.json.value(u"items"_s).toArray().size() >= 25);
}

void TestMeshsimHttp::badFieldSelectorIs400()
{
    const Reply r = send(
        "GET", u"/api/v1/namespaces/"_s + m_ns + u"/configmaps?fieldSelector=spec.color=red"_s);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(u"reason"_s).toString(), u"BadRequest"_s);
    QVERIFY(r.json.value(u"message"_s).toString().contains(u"spec.color"_s));
}

void TestMeshsimHttp::watchStreamsEvents()
{
    const QString base
        = u"/apis/networking.istio.io/v1/namespaces/"_s + m_ns + u"/destinationrules"_s;
    const Reply list = send("GET", base);
    QCOMPARE(list.status, 200);
    const QString rv
        = list.json.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
    QNetworkReply *watch = m_nam.get(
        request(base + u"?watch=1&allowWatchBookmarks=true&resourceVersion="_s + rv, {}));
    QList<QJsonObject> events;
    QByteArray buffer;
    connect(watch, &QNetworkReply::readyRead, this, [&] {
        buffer += watch->readAll();
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            events << QJsonDocument::fromJson(buffer.left(nl)).object();
            buffer.remove(0, nl + 1);
        }
    });
    QTest::qWait(300);
    const QByteArray dr = R"({"apiVersion":"networking.istio.io/v1","kind":"DestinationRule",
        "metadata":{"name":"watched"},"spec":{"host":"ratings"}})";
    QCOMPARE(send("POST", base, dr).status, 201);
    QCOMPARE(send("PATCH", base + u"/watched"_s, R"({"spec":{"host":"reviews"}})",
                  "application/merge-patch+json")
                 .status,
             200);
    QCOMPARE(send("DELETE", base + u"/watched"_s).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 3, 10000);
    QCOMPARE(events[0].value(u"type"_s).toString(), u"ADDED"_s);
    QCOMPARE(events[1].value(u"type"_s).toString(), u"MODIFIED"_s);
    QCOMPARE(events[1]
                 .value(u"object"_s)
                 .toObject()
                 .value(u"spec"_s)
                 .toObject()
                 .value(u"host"_s)
                 .toString(),
             u"reviews"_s);
    QCOMPARE(events[2].value(u"type"_s).toString(), u"DELETED"_s);
    QCOMPARE(events[0].value(u"object"_s).toObject().value(u"apiVersion"_s).toString(),
             u"networking.istio.io/v1"_s);
    const qint64 rv0 = events[0]
                           .value(u"object"_s)
                           .toObject()
                           .value(u"metadata"_s)
                           .toObject()
                           .value(u"resourceVersion"_s)
                           .toString()
                           .toLongLong();
    const qint64 rv1 = events[1]
                           .value(u"object"_s)
                           .toObject()
                           .value(u"metadata"_s)
                           .toObject()
                           .value(u"resourceVersion"_s)
                           .toString()
                           .toLongLong();
    QVERIFY(rv0 > rv.toLongLong());
    QVERIFY(rv1 > rv0);
    watch->abort();
    watch->deleteLater();
}

void TestMeshsimHttp::watchTimeoutEndsStream()
{
    const QString base = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    QNetworkReply *watch
        = m_nam.get(request(base + u"?watch=true&timeoutSeconds=1&labelSelector=team%3Dred"_s, {}));
    QElapsedTimer timer;
    timer.start();
    QByteArray all;
    connect(watch, &QNetworkReply::readyRead, this, [&] { all += watch->readAll(); });
    QTRY_VERIFY_WITH_TIMEOUT(watch->isFinished(), 10000);
    all += watch->readAll();
    QCOMPARE(watch->error(), QNetworkReply::NoError);
    QVERIFY(timer.elapsed() >= 900);
    // No resourceVersion: synthetic ADDED events for the current (selected) state first.
    QCOMPARE(all.count("\"type\":\"ADDED\""), 9);
    watch->deleteLater();
}

void TestMeshsimHttp::watchFromExpiredVersionIs410()
{
    // The fixture keeps 200 changes; make more and resume from before them.
    const QString path = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    const Reply first = send("POST", path, QJsonDocument(configMap(u"churn"_s, u"x"_s)).toJson());
    QCOMPARE(first.status, 201);
    const QString oldRv
        = first.json.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
    for (int i = 0; i < 210; ++i) {
        const Reply r = send(
            "PATCH", path + u"/churn"_s,
            QJsonDocument(QJsonObject {{u"data"_s, QJsonObject {{u"n"_s, QString::number(i)}}}})
                .toJson(),
            "application/merge-patch+json");
        QVERIFY2(r.status == 200, r.body);
    }
    QNetworkReply *watch = m_nam.get(request(path + u"?watch=1&resourceVersion="_s + oldRv, {}));
    QTRY_VERIFY_WITH_TIMEOUT(watch->isFinished(), 10000);
    const QJsonObject event = QJsonDocument::fromJson(watch->readAll().trimmed()).object();
    QCOMPARE(event.value(u"type"_s).toString(), u"ERROR"_s);
    const QJsonObject status = event.value(u"object"_s).toObject();
    QCOMPARE(status.value(u"code"_s).toInt(), 410);
    QCOMPARE(status.value(u"reason"_s).toString(), u"Expired"_s);
    watch->deleteLater();

    // A continue token from before the kept history is 410 as well.
    const Reply page = send("GET", path + u"?limit=1"_s);
    QVERIFY(!page.json.value(u"metadata"_s).toObject().value(u"continue"_s).toString().isEmpty());
    const QString token = page.json.value(u"metadata"_s).toObject().value(u"continue"_s).toString();
    for (int i = 0; i < 205; ++i)
        send("PATCH", path + u"/churn"_s, R"({"data":{"m":"1"}})", "application/merge-patch+json");
    for (int i = 0; i < 205; ++i)
        send("PATCH", path + u"/churn"_s,
             QJsonDocument(QJsonObject {{u"data"_s, QJsonObject {{u"m"_s, QString::number(i)}}}})
                 .toJson(),
             "application/merge-patch+json");
    const Reply expired = send("GET",
                               path + u"?limit=1&continue="_s
                                   + QString::fromLatin1(QUrl::toPercentEncoding(token)));
    QCOMPARE(expired.status, 410);
    QCOMPARE(expired.json.value(u"reason"_s).toString(), u"Expired"_s);
}

void TestMeshsimHttp::watchListWithInitialEventsAndBookmarks()
{
    const QString base = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    const Reply forbidden = send("GET", base + u"?watch=1&sendInitialEvents=true"_s);
    QCOMPARE(forbidden.status, 422);
    QNetworkReply *watch = m_nam.get(request(
        base
            + u"?watch=1&sendInitialEvents=true&allowWatchBookmarks=true"
              "&resourceVersionMatch=NotOlderThan&timeoutSeconds=1&labelSelector=team%3Dblue"_s,
        {}));
    QTRY_VERIFY_WITH_TIMEOUT(watch->isFinished(), 10000);
    QList<QJsonObject> events;
    for (const QByteArray &line : watch->readAll().split('\n'))
        if (!line.isEmpty())
            events << QJsonDocument::fromJson(line).object();
    watch->deleteLater();
    // 8 blue ConfigMaps, the end-of-initial-events bookmark, and a bookmark at the timeout.
    QCOMPARE(events.size(), 10);
    for (int i = 0; i < 8; ++i)
        QCOMPARE(events[i].value(u"type"_s).toString(), u"ADDED"_s);
    QCOMPARE(events[8].value(u"type"_s).toString(), u"BOOKMARK"_s);
    const QJsonObject meta
        = events[8].value(u"object"_s).toObject().value(u"metadata"_s).toObject();
    QCOMPARE(
        meta.value(u"annotations"_s).toObject().value(u"k8s.io/initial-events-end"_s).toString(),
        u"true"_s);
    QVERIFY(!meta.value(u"resourceVersion"_s).toString().isEmpty());
    QCOMPARE(events[9].value(u"type"_s).toString(), u"BOOKMARK"_s);
}

void TestMeshsimHttp::patchContentTypes()
{
    const QString base
        = u"/apis/networking.istio.io/v1/namespaces/"_s + m_ns + u"/virtualservices"_s;
    const QByteArray vs = R"({"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
        "metadata":{"name":"patched"},"spec":{"hosts":["a","b"],"http":[{"route":[{"destination":{"host":"a"}}]}]}})";
    QCOMPARE(send("POST", base, vs).status, 201);
    const QString obj = base + u"/patched"_s;

    Reply merge = send("PATCH", obj, R"({"spec":{"hosts":["c"]},"metadata":{"labels":{"x":"1"}}})",
                       "application/merge-patch+json");
    QCOMPARE(merge.status, 200);
    QCOMPARE(merge.json.value(u"spec"_s).toObject().value(u"hosts"_s).toArray(),
             QJsonArray {u"c"_s});
    QVERIFY(merge.json.value(u"spec"_s).toObject().contains(u"http"_s));

    Reply json = send("PATCH", obj, R"([{"op":"add","path":"/spec/hosts/-","value":"d"},
                                        {"op":"remove","path":"/metadata/labels/x"}])",
                      "application/json-patch+json");
    QCOMPARE(json.status, 200);
    QCOMPARE(json.json.value(u"spec"_s).toObject().value(u"hosts"_s).toArray(),
             (QJsonArray {u"c"_s, u"d"_s}));

    Reply failedTest = send("PATCH", obj, R"([{"op":"test","path":"/spec/hosts/0","value":"zzz"}])",
                            "application/json-patch+json");
    QCOMPARE(failedTest.status, 422);
    QCOMPARE(failedTest.json.value(u"kind"_s).toString(), u"Status"_s);

    Reply strategic = send("PATCH", obj, R"({"spec":{"hosts":["e"]}})",
                           "application/strategic-merge-patch+json");
    QCOMPARE(strategic.status, 415);
    QCOMPARE(strategic.json.value(u"reason"_s).toString(), u"UnsupportedMediaType"_s);

    // A merge patch that breaks the schema is 422 naming the field.
    Reply invalid
        = send("PATCH", obj,
               R"({"spec":{"http":[{"route":[{"destination":{"host":"a"},"weight":"x"}]}]}})",
               "application/merge-patch+json");
    QCOMPARE(invalid.status, 422);
    const QJsonArray causes
        = invalid.json.value(u"details"_s).toObject().value(u"causes"_s).toArray();
    QVERIFY(!causes.isEmpty());
    QCOMPARE(causes.first().toObject().value(u"field"_s).toString(),
             u"spec.http[0].route[0].weight"_s);
}

void TestMeshsimHttp::applyPatchYaml()
{
    const QString obj
        = u"/apis/security.istio.io/v1/namespaces/"_s + m_ns + u"/peerauthentications/strict"_s;
    const QByteArray yaml = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\n"
                            "metadata:\n  name: strict\nspec:\n  mtls:\n    mode: STRICT\n";
    Reply noManager = send("PATCH", obj, yaml, "application/apply-patch+yaml");
    QCOMPARE(noManager.status, 400);
    Reply created
        = send("PATCH", obj + u"?fieldManager=tool-a"_s, yaml, "application/apply-patch+yaml");
    QCOMPARE(created.status, 201);
    const QJsonArray managed
        = created.json.value(u"metadata"_s).toObject().value(u"managedFields"_s).toArray();
    QCOMPARE(managed.size(), 1);
    QCOMPARE(managed.first().toObject().value(u"manager"_s).toString(), u"tool-a"_s);
    QCOMPARE(managed.first().toObject().value(u"operation"_s).toString(), u"Apply"_s);

    const QByteArray other = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\n"
                             "metadata:\n  name: strict\nspec:\n  mtls:\n    mode: PERMISSIVE\n";
    Reply conflict
        = send("PATCH", obj + u"?fieldManager=tool-b"_s, other, "application/apply-patch+yaml");
    QCOMPARE(conflict.status, 409);
    QCOMPARE(conflict.json.value(u"reason"_s).toString(), u"Conflict"_s);
    const QJsonObject cause = conflict.json.value(u"details"_s)
                                  .toObject()
                                  .value(u"causes"_s)
                                  .toArray()
                                  .first()
                                  .toObject();
    QCOMPARE(cause.value(u"reason"_s).toString(), u"FieldManagerConflict"_s);
    QCOMPARE(cause.value(u"field"_s).toString(), u".spec.mtls.mode"_s);
    Reply forced = send("PATCH", obj + u"?fieldManager=tool-b&force=true"_s, other,
                        "application/apply-patch+yaml");
    QCOMPARE(forced.status, 200);
    QCOMPARE(forced.json.value(u"spec"_s)
                 .toObject()
                 .value(u"mtls"_s)
                 .toObject()
                 .value(u"mode"_s)
                 .toString(),
             u"PERMISSIVE"_s);
    // tool-a lost the field; applying without it removes nothing that tool-b owns.
    const QByteArray empty
        = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: strict\n";
    Reply released
        = send("PATCH", obj + u"?fieldManager=tool-a"_s, empty, "application/apply-patch+yaml");
    QCOMPARE(released.status, 200);
    QCOMPARE(released.json.value(u"spec"_s)
                 .toObject()
                 .value(u"mtls"_s)
                 .toObject()
                 .value(u"mode"_s)
                 .toString(),
             u"PERMISSIVE"_s);
}

void TestMeshsimHttp::dryRunAll()
{
    const QString base = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    const Reply dry = send("POST", base + u"?dryRun=All"_s,
                           QJsonDocument(configMap(u"dry"_s, u"a"_s)).toJson());
    QCOMPARE(dry.status, 201);
    QVERIFY(!dry.json.value(u"metadata"_s).toObject().value(u"uid"_s).toString().isEmpty());
    QCOMPARE(send("GET", base + u"/dry"_s).status, 404);
    QCOMPARE(send("POST", base + u"?dryRun=Sometimes"_s,
                  QJsonDocument(configMap(u"dry"_s, u"a"_s)).toJson())
                 .status,
             400);
    QCOMPARE(send("POST", base, QJsonDocument(configMap(u"dry"_s, u"a"_s)).toJson()).status, 201);
    QCOMPARE(send("DELETE", base + u"/dry?dryRun=All"_s).status, 200);
    QCOMPARE(send("GET", base + u"/dry"_s).status, 200);
}

void TestMeshsimHttp::fieldValidationModes()
{
    const QString base = u"/apis/networking.istio.io/v1/namespaces/"_s + m_ns + u"/gateways"_s;
    auto gateway = [](const QString &name) {
        return QJsonDocument::fromJson(
                   (u"{\"apiVersion\":\"networking.istio.io/v1\",\"kind\":\"Gateway\",\"metadata\":{\"name\":\""_s
                    + name
                    + u"\"},\"spec\":{\"selector\":{\"istio\":\"ingressgateway\"},\"colour\":\"red\"}}"_s)
                       .toUtf8())
            .toJson();
    };
    const Reply strict = send("POST", base + u"?fieldValidation=Strict"_s, gateway(u"gw-strict"_s));
    QCOMPARE(strict.status, 400);
    QVERIFY(
        strict.json.value(u"message"_s).toString().contains(u"unknown field \"spec.colour\""_s));
    const Reply warn = send("POST", base + u"?fieldValidation=Warn"_s, gateway(u"gw-warn"_s));
    QCOMPARE(warn.status, 201);
    QCOMPARE(warn.warnings.size(), 1);
    QVERIFY(warn.warnings.first().contains("unknown field"));
    QVERIFY(!warn.json.value(u"spec"_s).toObject().contains(u"colour"_s));
    const Reply ignore = send("POST", base + u"?fieldValidation=Ignore"_s, gateway(u"gw-ignore"_s));
    QCOMPARE(ignore.status, 201);
    QVERIFY(ignore.warnings.isEmpty());
    QVERIFY(!ignore.json.value(u"spec"_s).toObject().contains(u"colour"_s));
}

void TestMeshsimHttp::staleUpdateConflicts()
{
    const QString base = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    const Reply created = send("POST", base, QJsonDocument(configMap(u"occ"_s, u"a"_s)).toJson());
    QCOMPARE(created.status, 201);
    QJsonObject stale = created.json;
    QJsonObject fresh = created.json;
    fresh.insert(u"data"_s, QJsonObject {{u"k"_s, u"v2"_s}});
    QCOMPARE(send("PUT", base + u"/occ"_s, QJsonDocument(fresh).toJson()).status, 200);
    stale.insert(u"data"_s, QJsonObject {{u"k"_s, u"lost"_s}});
    const Reply conflict = send("PUT", base + u"/occ"_s, QJsonDocument(stale).toJson());
    QCOMPARE(conflict.status, 409);
    QCOMPARE(conflict.json.value(u"reason"_s).toString(), u"Conflict"_s);
    QVERIFY(
        conflict.json.value(u"message"_s).toString().contains(u"the object has been modified"_s));
    // Without a resourceVersion the update is unconditional.
    QJsonObject meta = stale.value(u"metadata"_s).toObject();
    meta.remove(u"resourceVersion"_s);
    stale.insert(u"metadata"_s, meta);
    QCOMPARE(send("PUT", base + u"/occ"_s, QJsonDocument(stale).toJson()).status, 200);
}

void TestMeshsimHttp::generationAndSystemFields()
{
    const QString base
        = u"/apis/networking.istio.io/v1/namespaces/"_s + m_ns + u"/serviceentries"_s;
    const QByteArray se = R"({"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry",
        "metadata":{"name":"ext"},"spec":{"hosts":["example.com"],"resolution":"DNS",
        "ports":[{"number":443,"name":"https","protocol":"TLS"}]}})";
    const Reply created = send("POST", base, se);
    QCOMPARE(created.status, 201);
    const QJsonObject m = created.json.value(u"metadata"_s).toObject();
    QCOMPARE(m.value(u"generation"_s).toInt(), 1);
    QVERIFY(!m.value(u"uid"_s).toString().isEmpty());
    QVERIFY(!m.value(u"creationTimestamp"_s).toString().isEmpty());
    const Reply labelled = send("PATCH", base + u"/ext"_s, R"({"metadata":{"labels":{"a":"b"}}})",
                                "application/merge-patch+json");
    QCOMPARE(labelled.json.value(u"metadata"_s).toObject().value(u"generation"_s).toInt(), 1);
    const Reply specChange = send("PATCH", base + u"/ext"_s, R"({"spec":{"resolution":"NONE"}})",
                                  "application/merge-patch+json");
    QCOMPARE(specChange.json.value(u"metadata"_s).toObject().value(u"generation"_s).toInt(), 2);
    QVERIFY(specChange.json.value(u"metadata"_s)
                .toObject()
                .value(u"resourceVersion"_s)
                .toString()
                .toLongLong()
            > labelled.json.value(u"metadata"_s)
                  .toObject()
                  .value(u"resourceVersion"_s)
                  .toString()
                  .toLongLong());
    // Served versions share the object.
    const Reply beta = send("GET",
                            u"/apis/networking.istio.io/v1beta1/namespaces/"_s + m_ns
                                + u"/serviceentries/ext"_s);
    QCOMPARE(beta.status, 200);
    QCOMPARE(beta.json.value(u"apiVersion"_s).toString(), u"networking.istio.io/v1beta1"_s);
    // Enum violations name the field.
    const Reply badEnum = send("PATCH", base + u"/ext"_s, R"({"spec":{"resolution":"SOMETIMES"}})",
                               "application/merge-patch+json");
    QCOMPARE(badEnum.status, 422);
    QCOMPARE(badEnum.json.value(u"details"_s)
                 .toObject()
                 .value(u"causes"_s)
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"field"_s)
                 .toString(),
             u"spec.resolution"_s);
}

QTEST_GUILESS_MAIN(TestMeshsimHttp)
#include "tst_meshsim_http.moc"

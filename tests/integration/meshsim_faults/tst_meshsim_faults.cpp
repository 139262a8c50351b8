// Fault injection (the --fault-* flags and the /meshsim/faults admin endpoint: latency,
// 500 and 429 answers, revoked tokens, 410 on watch resumes, dropped watches) and the HTTP
// server's handling of malformed requests.

#include "meshsimclient.h"
#include "meshsimprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using md::testing::HttpReply;
using md::testing::MeshsimProcess;
using Reply = HttpReply;

class TestMeshsimFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void flagsApplyAtStart();
    void faultsThrottleErrorsLatency();
    void faultsRevokeAndExpireAndDrop();
    void malformedHttpIsRejected();

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &contentType = "application/json", const QString &token = {})
    {
        return m_client.send(method, path, body, contentType, token);
    }
    QNetworkRequest request(const QString &path, const QString &token) const
    {
        return m_client.request(path, token);
    }

    MeshsimProcess m_sim;
    md::testing::MeshsimClient m_client;
    QNetworkAccessManager &m_nam = m_client.nam();
    QString m_adminToken;
    QString m_viewerToken;
    const QString m_ns = u"default"_s;
};

void TestMeshsimFaults::initTestCase()
{
    // Started with a throttling fault that the first test checks and then clears.
    const QString error = m_sim.start(
        {u"--clusters"_s, u"1"_s, u"--scenario"_s, u"empty"_s, u"--fault-throttle-rate"_s, u"1"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString loaded = m_client.load(m_sim.kubeconfig());
    QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
    m_adminToken = m_client.adminToken();
    m_viewerToken = m_client.viewerToken();
}

void TestMeshsimFaults::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void TestMeshsimFaults::flagsApplyAtStart()
{
    const Reply throttled = send("GET", u"/api/v1/namespaces"_s);
    QCOMPARE(throttled.status, 429);
    const Reply faults = send("GET", u"/meshsim/faults"_s);
    QCOMPARE(faults.status, 200);
    QCOMPARE(faults.json.value(u"throttleRate"_s).toDouble(), 1.0);
    QCOMPARE(send("PUT", u"/meshsim/faults"_s, "{}").status, 200);
    QCOMPARE(send("GET", u"/api/v1/namespaces"_s).status, 200);
}

void TestMeshsimFaults::faultsThrottleErrorsLatency()
{
    QCOMPARE(
        send("PATCH", u"/meshsim/faults"_s, R"({"latencyMs":1})", "application/json", m_viewerToken)
            .status,
        403);
    Reply bad = send("PATCH", u"/meshsim/faults"_s, R"({"errorRate":2})");
    QCOMPARE(bad.status, 400);

    Reply set = send("PATCH", u"/meshsim/faults"_s, R"({"throttleRate":1,"retryAfterSeconds":3})");
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json.value(u"throttleRate"_s).toDouble(), 1.0);
    QNetworkReply *reply = m_nam.get(request(u"/api/v1/namespaces"_s, {}));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
    QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("3"));
    const QJsonObject status = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(status.value(u"reason"_s).toString(), u"TooManyRequests"_s);
    QCOMPARE(status.value(u"details"_s).toObject().value(u"retryAfterSeconds"_s).toInt(), 3);
    reply->deleteLater();

    QCOMPARE(send("PUT", u"/meshsim/faults"_s, R"({"errorRate":1})").status, 200);
    const Reply error = send("GET", u"/api/v1/namespaces"_s);
    QCOMPARE(error.status, 500);
    QCOMPARE(error.json.value(u"reason"_s).toString(), u"InternalError"_s);

    // The added latency is a lower bound on the answer's time; once cleared, the same request
    // answers faster than the delayed one did (compared under the same load, never against
    // a fixed upper bound a loaded machine could miss).
    QCOMPARE(send("PUT", u"/meshsim/faults"_s, R"({"latencyMs":3000})").status, 200);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(send("GET", u"/api/v1/namespaces"_s).status, 200);
    const qint64 delayed = timer.elapsed();
    QVERIFY2(delayed >= 2990, qPrintable(QString::number(delayed)));
    QCOMPARE(send("PUT", u"/meshsim/faults"_s, "{}").status, 200);
    QCOMPARE(send("GET", u"/meshsim/faults"_s).json.value(u"latencyMs"_s).toInt(), 0);
    timer.restart();
    QCOMPARE(send("GET", u"/api/v1/namespaces"_s).status, 200);
    QVERIFY2(timer.elapsed() < delayed, qPrintable(QString::number(timer.elapsed())));
}

void TestMeshsimFaults::faultsRevokeAndExpireAndDrop()
{
    QCOMPARE(send("PATCH", u"/meshsim/faults"_s, R"({"revokedTokens":["viewer"]})").status, 200);
    QCOMPARE(send("GET", u"/api/v1/namespaces"_s, {}, {}, m_viewerToken).status, 401);
    QCOMPARE(send("GET", u"/api/v1/namespaces"_s).status, 200);

    QCOMPARE(send("PUT", u"/meshsim/faults"_s, R"({"expireWatchResumes":true})").status, 200);
    const QString base = u"/api/v1/namespaces/"_s + m_ns + u"/configmaps"_s;
    const Reply list = send("GET", base);
    const QString rv
        = list.json.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
    QNetworkReply *resumed = m_nam.get(request(base + u"?watch=1&resourceVersion="_s + rv, {}));
    QTRY_VERIFY_WITH_TIMEOUT(resumed->isFinished(), 10000);
    const QJsonObject event = QJsonDocument::fromJson(resumed->readAll().trimmed()).object();
    QCOMPARE(event.value(u"type"_s).toString(), u"ERROR"_s);
    QCOMPARE(event.value(u"object"_s).toObject().value(u"code"_s).toInt(), 410);
    resumed->deleteLater();

    QCOMPARE(send("PUT", u"/meshsim/faults"_s, R"({"dropWatchesEverySeconds":1})").status, 200);
    // Asked for a watch that would run for 10 minutes: it ends early, dropped by the server.
    QNetworkReply *watch = m_nam.get(
        request(base + u"?watch=1&timeoutSeconds=600&resourceVersion="_s + rv, {}));
    QTRY_VERIFY_WITH_TIMEOUT(watch->isFinished(), 60000);
    // Dropped mid-stream: no terminating chunk, so the reply ends with a network error.
    QVERIFY(watch->error() != QNetworkReply::NoError);
    watch->deleteLater();
    QCOMPARE(send("PUT", u"/meshsim/faults"_s, "{}").status, 200);
    QCOMPARE(send("GET", u"/api/v1/namespaces"_s, {}, {}, m_viewerToken).status, 200);
}

void TestMeshsimFaults::malformedHttpIsRejected()
{
    const QUrl url(m_client.server());
    auto exchange = [&](const QByteArray &bytes) -> QByteArray {
        QSslSocket socket;
        socket.setSslConfiguration(m_client.tls());
        socket.connectToHostEncrypted(url.host(), quint16(url.port()));
        if (!socket.waitForEncrypted(10000))
            return QByteArray("no TLS: ") + socket.errorString().toUtf8();
        socket.write(bytes);
        QByteArray answer;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 5000 && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.waitForReadyRead(200))
                answer += socket.readAll();
        }
        return answer + socket.readAll();
    };
    QVERIFY(exchange("NONSENSE\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(
        exchange("GET /api HTTP/1.1\r\nContent-Length: -5\r\n\r\n").startsWith("HTTP/1.1 400 "));
    QVERIFY(exchange("GET /api HTTP/1.1\r\nX: " + QByteArray(70000, 'a') + "\r\n\r\n")
                .startsWith("HTTP/1.1 413 "));
    QVERIFY(exchange("POST /api/v1/namespaces HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                .startsWith("HTTP/1.1 400 "));
    // The server is still serving.
    QCOMPARE(send("GET", u"/version"_s).status, 200);
    // Chunked request bodies are accepted.
    const QByteArray body
        = QJsonDocument(QJsonObject {{u"apiVersion"_s, u"v1"_s},
                                     {u"kind"_s, u"ConfigMap"_s},
                                     {u"metadata"_s, QJsonObject {{u"name"_s, u"chunked"_s}}}})
              .toJson(QJsonDocument::Compact);
    const QByteArray request = "POST /api/v1/namespaces/" + m_ns.toUtf8()
        + "/configmaps HTTP/1.1\r\nHost: x\r\n"
          "Authorization: Bearer "
        + m_adminToken.toUtf8()
        + "\r\n"
          "Content-Type: application/json\r\nConnection: close\r\n"
          "Transfer-Encoding: chunked\r\n\r\n"
        + QByteArray::number(body.size() - 10, 16) + "\r\n" + body.left(body.size() - 10) + "\r\n"
        + "a\r\n" + body.right(10) + "\r\n0\r\n\r\n";
    QVERIFY(exchange(request).startsWith("HTTP/1.1 201 "));
}

QTEST_GUILESS_MAIN(TestMeshsimFaults)
#include "tst_meshsim_faults.moc"

// The OIDC refresh without a cluster: the token request's wire format, how answers are read,
// NetworkOidcRefresher against a scripted identity provider on loopback, and how
// OidcTokenSource coordinates refreshes, 401s and the kubeconfig it reads and writes.

#include "kube/authprovider.h"
#include "kube/oidcrefresher.h"
#include "kube/oidcrefresher_p.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QPromise>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace md::kube;
using namespace Qt::StringLiterals;

namespace {

// Waits without QFuture::waitForFinished(), which may run a queued task on this thread.
template<typename T> T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        qFatal("future did not finish");
    return future.result();
}

QString jwtWithExp(qint64 exp)
{
    const auto part = [](const QByteArray &json) {
        return QString::fromLatin1(
            json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part(R"({"alg":"none"})") + u'.'
        + part(QJsonDocument(QJsonObject {{u"exp"_s, exp}, {u"sub"_s, u"u"_s}}).toJson())
        + u".sig"_s;
}

qint64 nowSecs()
{
    return QDateTime::currentSecsSinceEpoch();
}

// A scripted identity provider over plain HTTP on 127.0.0.1: records every request and
// answers with `respond` (Connection: close after each answer).
class FakeIdp : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    struct Answer
    {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
    };

    std::function<Answer(const Request &)> respond;
    QList<Request> requests;

    FakeIdp()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }
    QString url() const { return u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()); }

    // The standard discovery document plus `tokenAnswer` for the token endpoint.
    void script(std::function<Answer(const Request &)> tokenAnswer)
    {
        respond = [this, tokenAnswer](const Request &r) -> Answer {
            if (r.path == "/idp/.well-known/openid-configuration")
                return {200, "application/json",
                        QJsonDocument(
                            QJsonObject {{u"issuer"_s, QString(url() + u"/idp"_s)},
                                         {u"token_endpoint"_s, QString(url() + u"/idp/token"_s)}})
                            .toJson()};
            return tokenAnswer(r);
        };
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        r.method = first.value(0);
        r.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                 lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = r.headers.value("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        m_buffers.remove(socket);
        requests.append(r);
        const Answer a = respond ? respond(r) : Answer {404, "text/plain", "no script"};
        socket->write("HTTP/1.1 " + QByteArray::number(a.status) + " Answer\r\nContent-Type: "
                      + a.contentType + "\r\nContent-Length: " + QByteArray::number(a.body.size())
                      + "\r\nConnection: close\r\n\r\n" + a.body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray tokenJson(const QString &idToken, const QString &refreshToken = {})
{
    QJsonObject o {{u"access_token"_s, u"at"_s}, {u"token_type"_s, u"Bearer"_s}};
    if (!idToken.isEmpty())
        o.insert(u"id_token"_s, idToken);
    if (!refreshToken.isEmpty())
        o.insert(u"refresh_token"_s, refreshToken);
    return QJsonDocument(o).toJson();
}

QByteArray oauthError(const char *error, const char *description)
{
    return QJsonDocument(QJsonObject {{u"error"_s, QLatin1String(error)},
                                      {u"error_description"_s, QLatin1String(description)}})
        .toJson();
}

const QString Secret = u"s3cr:t/+%"_s;
const QString RefreshToken = u"r/1 x+y"_s;

AuthProviderConfig providerFor(const QString &issuer)
{
    return {u"oidc"_s,
            {{u"idp-issuer-url"_s, issuer},
             {u"client-id"_s, u"kube client"_s},
             {u"client-secret"_s, Secret},
             {u"refresh-token"_s, RefreshToken},
             {u"extra-scopes"_s, u"groups,email"_s},
             {u"id-token"_s, jwtWithExp(nowSecs() - 100)}}};
}

// An OidcRefresher whose answers the test releases.
class ManualRefresher : public OidcRefresher
{
public:
    // Called on a worker thread when the token source reads a kubeconfig first.
    QFuture<md::Result<OidcTokens>> refresh(const AuthProviderConfig &config) override
    {
        QMutexLocker locker(&mutex);
        seen << config.config.value(u"refresh-token"_s);
        auto promise = std::make_shared<QPromise<md::Result<OidcTokens>>>();
        promise->start();
        pending << promise;
        return promise->future();
    }
    void answer(const md::Result<OidcTokens> &result)
    {
        QMutexLocker locker(&mutex);
        auto promise = pending.takeFirst();
        locker.unlock();
        promise->addResult(result);
        promise->finish();
    }
    qsizetype waiting() const
    {
        QMutexLocker locker(&mutex);
        return pending.size();
    }
    QStringList requested() const
    {
        QMutexLocker locker(&mutex);
        return seen;
    }

private:
    mutable QMutex mutex;
    QStringList seen;
    QList<std::shared_ptr<QPromise<md::Result<OidcTokens>>>> pending;
};

} // namespace

class tst_OidcRefresher : public QObject
{
    Q_OBJECT

private slots:
    void wireFormat();
    void discoveryAnswers();
    void tokenAnswers_data();
    void tokenAnswers();
    void refreshWithBasicCredentials();
    void fallsBackToFormCredentials();
    void reportsTheMoreTellingRefusal();
    void missingIdTokenNamesTheUser();
    void unreachableIssuerNamesTheUser();
    void badCertificateAuthorityData();
    void concurrentCallersShareOneRefresh();
    void unauthorizedTokenIsRefreshed();
    void adoptsTokensWrittenByAnotherProgram();
    void keepsTokensWhenWritingBackFails();
    void sharedSourcePerKey();
};

void tst_OidcRefresher::wireFormat()
{
    // Go's url.QueryEscape and url.Values.Encode.
    QCOMPARE(detail::queryEscape(u"a b+c/é~_.-"_s), QByteArray("a+b%2Bc%2F%C3%A9~_.-"));
    QCOMPARE(detail::formEncode({{u"refresh_token"_s, u"r 1"_s},
                                 {u"client_id"_s, u"c"_s},
                                 {u"grant_type"_s, u"refresh_token"_s}}),
             QByteArray("client_id=c&grant_type=refresh_token&refresh_token=r+1"));
    // oauth2's AuthStyleInHeader escapes both parts before base64.
    QCOMPARE(detail::basicClientAuthorization(u"my client"_s, u"p:w/d"_s),
             "Basic " + QByteArray("my+client:p%3Aw%2Fd").toBase64());
}

void tst_OidcRefresher::discoveryAnswers()
{
    const QString url = u"https://idp/.well-known/openid-configuration"_s;
    auto ok = detail::readDiscovery(200, "OK", R"({"token_endpoint":"https://idp/token"})", url,
                                    u"alice"_s);
    QVERIFY(ok);
    QCOMPARE(*ok, QUrl(u"https://idp/token"_s));

    auto notFound = detail::readDiscovery(404, "Not Found", QByteArray(200, 'x'), url, u"alice"_s);
    QVERIFY(!notFound);
    QVERIFY(notFound.error().message.startsWith(u"user \"alice\": "_s));
    QVERIFY(notFound.error().message.contains(u"404 Not Found"_s));
    QVERIFY(notFound.error().message.contains(QString(80, u'x') + u"..."_s));
    QVERIFY(!notFound.error().message.contains(QString(81, u'x')));

    auto noEndpoint = detail::readDiscovery(200, "OK", R"({"issuer":"https://idp"})", url, u"a"_s);
    QVERIFY(!noEndpoint);
    QVERIFY(noEndpoint.error().message.contains(u"has no token_endpoint"_s));

    auto garbage = detail::readDiscovery(200, "OK", "<html>", url, u"a"_s);
    QVERIFY(!garbage);
    QVERIFY(garbage.error().message.contains(u"cannot decode"_s));
}

void tst_OidcRefresher::tokenAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("idToken"); // empty: an error is expected
    QTest::addColumn<QString>("refreshToken");
    QTest::addColumn<QString>("errorText");
    QTest::addColumn<QString>("oauthError");

    QTest::newRow("json") << 200 << QByteArray("application/json; charset=utf-8")
                          << tokenJson(u"id1"_s, u"r2"_s) << u"id1"_s << u"r2"_s << QString()
                          << QString();
    QTest::newRow("json, refresh token kept")
        << 200 << QByteArray("application/json") << tokenJson(u"id1"_s) << u"id1"_s << QString()
        << QString() << QString();
    QTest::newRow("form") << 200 << QByteArray("application/x-www-form-urlencoded")
                          << QByteArray("access_token=a&id_token=i%2B1&refresh_token=r+2")
                          << u"i+1"_s << u"r 2"_s << QString() << QString();
    QTest::newRow("invalid_grant")
        << 400 << QByteArray("application/json")
        << oauthError("invalid_grant", "Token is not active") << QString() << QString()
        << u"answered HTTP 400 Answer with invalid_grant (Token is not active); the refresh token "
           "is no longer valid"_s
        << u"invalid_grant"_s;
    QTest::newRow("error with 200")
        << 200 << QByteArray("application/json") << oauthError("invalid_client", "who are you")
        << QString() << QString() << u"invalid_client (who are you)"_s << u"invalid_client"_s;
    QTest::newRow("plain 500") << 500 << QByteArray("text/html") << QByteArray("<h1>oops</h1>")
                               << QString() << QString()
                               << u"the token endpoint answered HTTP 500"_s << QString();
    QTest::newRow("no access_token")
        << 200 << QByteArray("application/json") << QByteArray(R"({"id_token":"x"})") << QString()
        << QString() << u"has no access_token"_s << QString();
    QTest::newRow("id_token not a string")
        << 200 << QByteArray("application/json")
        << QByteArray(R"({"access_token":"a","id_token":42})") << QString() << QString()
        << u"has no id_token"_s << QString();
    QTest::newRow("not JSON") << 200 << QByteArray("application/json") << QByteArray("{")
                              << QString() << QString() << u"cannot parse"_s << QString();
}

void tst_OidcRefresher::tokenAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, idToken);
    QFETCH(QString, refreshToken);
    QFETCH(QString, errorText);
    QFETCH(QString, oauthError);
    const auto answer = detail::readTokenAnswer(status, "Answer", contentType, body, u"bob"_s);
    if (!idToken.isEmpty()) {
        QVERIFY2(answer.tokens,
                 qPrintable(answer.tokens ? QString() : answer.tokens.error().message));
        QCOMPARE(answer.tokens->idToken, idToken);
        QCOMPARE(answer.tokens->refreshToken, refreshToken);
        return;
    }
    QVERIFY(!answer.tokens);
    const QString message = answer.tokens.error().message;
    QVERIFY2(message.startsWith(u"user \"bob\": oidc: "_s), qPrintable(message));
    QVERIFY2(message.contains(errorText), qPrintable(message));
    QCOMPARE(answer.oauthError, oauthError);
}

void tst_OidcRefresher::refreshWithBasicCredentials()
{
    FakeIdp idp;
    const QString fresh = jwtWithExp(nowSecs() + 3600);
    idp.script([&](const FakeIdp::Request &) {
        return FakeIdp::Answer {200, "application/json", tokenJson(fresh, u"r2"_s)};
    });
    NetworkOidcRefresher refresher(u"alice"_s);
    const auto result = await(refresher.refresh(providerFor(idp.url() + u"/idp/"_s)));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->idToken, fresh);
    QCOMPARE(result->refreshToken, u"r2"_s);

    QCOMPARE(idp.requests.size(), 2);
    QCOMPARE(idp.requests[0].method, QByteArray("GET"));
    QCOMPARE(idp.requests[0].path, QByteArray("/idp/.well-known/openid-configuration"));
    const FakeIdp::Request &post = idp.requests[1];
    QCOMPARE(post.method, QByteArray("POST"));
    QCOMPARE(post.path, QByteArray("/idp/token"));
    QCOMPARE(post.headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(post.headers.value("authorization"),
             "Basic " + QByteArray("kube+client:s3cr%3At%2F%2B%25").toBase64());
    // Only the grant: client-go sends no scope (extra-scopes) when refreshing.
    QCOMPARE(post.body, QByteArray("grant_type=refresh_token&refresh_token=r%2F1+x%2By"));
}

void tst_OidcRefresher::fallsBackToFormCredentials()
{
    FakeIdp idp;
    idp.script([](const FakeIdp::Request &r) {
        if (r.headers.contains("authorization"))
            return FakeIdp::Answer {401, "application/json",
                                    oauthError("invalid_client", "use client_secret_post")};
        return FakeIdp::Answer {200, "application/json", tokenJson(u"id2"_s)};
    });
    NetworkOidcRefresher refresher(u"alice"_s);
    const auto result = await(refresher.refresh(providerFor(idp.url() + u"/idp"_s)));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->idToken, u"id2"_s);
    QCOMPARE(result->refreshToken, QString()); // none returned: the old one stays
    QCOMPARE(idp.requests.size(), 3);
    QVERIFY(!idp.requests[2].headers.contains("authorization"));
    QCOMPARE(idp.requests[2].body,
             QByteArray("client_id=kube+client&client_secret=s3cr%3At%2F%2B%25"
                        "&grant_type=refresh_token&refresh_token=r%2F1+x%2By"));
}

void tst_OidcRefresher::reportsTheMoreTellingRefusal()
{
    FakeIdp idp;
    // A header-only provider: the revoked grant is reported, not the second style's refusal.
    idp.script([](const FakeIdp::Request &r) {
        if (r.headers.contains("authorization"))
            return FakeIdp::Answer {400, "application/json",
                                    oauthError("invalid_grant", "refresh token revoked")};
        return FakeIdp::Answer {401, "application/json",
                                oauthError("invalid_client", "no credentials")};
    });
    NetworkOidcRefresher refresher(u"alice"_s);
    const auto result = await(refresher.refresh(providerFor(idp.url() + u"/idp"_s)));
    QVERIFY(!result);
    const QString message = result.error().message;
    QVERIFY2(message.contains(u"invalid_grant (refresh token revoked)"_s), qPrintable(message));
    QVERIFY(message.startsWith(u"user \"alice\": "_s));
    QVERIFY(!message.contains(RefreshToken) && !message.contains(Secret));
    QCOMPARE(idp.requests.size(), 3);
}

void tst_OidcRefresher::missingIdTokenNamesTheUser()
{
    FakeIdp idp;
    idp.script([](const FakeIdp::Request &) {
        return FakeIdp::Answer {200, "application/json", tokenJson({}, u"r9"_s)};
    });
    NetworkOidcRefresher refresher(u"carol"_s);
    const auto result = await(refresher.refresh(providerFor(idp.url() + u"/idp"_s)));
    QVERIFY(!result);
    QVERIFY2(result.error().message.startsWith(u"user \"carol\": oidc: the token endpoint's answer "
                                               "has no id_token"_s),
             qPrintable(result.error().message));
    QVERIFY(!result.error().message.contains(u"r9"_s));
}

void tst_OidcRefresher::unreachableIssuerNamesTheUser()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    NetworkOidcRefresher refresher(u"dave"_s);
    const auto result
        = await(refresher.refresh(providerFor(u"http://127.0.0.1:%1/idp"_s.arg(port))));
    QVERIFY(!result);
    const QString message = result.error().toString();
    QVERIFY2(message.startsWith(u"user \"dave\": oidc: cannot reach the identity provider at "
                                "http://127.0.0.1:"_s),
             qPrintable(message));
    QCOMPARE(result.error().code, u"oidc.unreachable"_s);
    QVERIFY(!message.contains(RefreshToken) && !message.contains(Secret));
}

void tst_OidcRefresher::badCertificateAuthorityData()
{
    AuthProviderConfig config = providerFor(u"https://127.0.0.1:1/idp"_s);
    config.config.insert(u"idp-certificate-authority-data"_s, u"%%% not base64"_s);
    NetworkOidcRefresher refresher(u"erin"_s);
    auto result = await(refresher.refresh(config));
    QVERIFY(!result);
    QVERIFY2(
        result.error().message.contains(u"user \"erin\": oidc: "
                                        "idp-certificate-authority-data is not valid base64"_s),
        qPrintable(result.error().message));

    config.config.insert(u"idp-certificate-authority-data"_s,
                         QString::fromLatin1(QByteArray("not a certificate").toBase64()));
    result = await(refresher.refresh(config));
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(u"user \"erin\": oidc: idp-certificate-authority: "_s)
                 && result.error().message.contains(u"no PEM certificate"_s),
             qPrintable(result.error().message));
}

void tst_OidcRefresher::concurrentCallersShareOneRefresh()
{
    auto refresher = std::make_shared<ManualRefresher>();
    OidcTokenSource source(providerFor(u"https://idp"_s), refresher);
    QVERIFY(!source.idTokenValid());
    QFuture<md::Result<QString>> a = source.token();
    QFuture<md::Result<QString>> b = source.token();
    QCOMPARE(refresher->waiting(), 1);
    QCOMPARE(source.refreshes(), 1);
    // Each caller continues on its own (as KubeClient does).
    int delivered = 0;
    a.then(this, [&delivered](const md::Result<QString> &r) { delivered += r ? 1 : 0; });
    b.then(this, [&delivered](const md::Result<QString> &r) { delivered += r ? 1 : 0; });
    const QString fresh = jwtWithExp(nowSecs() + 600);
    refresher->answer(OidcTokens {fresh, u"r2"_s});
    QTRY_COMPARE(delivered, 2);
    QCOMPARE(await(a).value(), fresh);
    QCOMPARE(await(b).value(), fresh);
    QCOMPARE(source.config().config.value(u"refresh-token"_s), u"r2"_s);
    QCOMPARE(await(source.token()).value(), fresh); // valid now: no refresh
    QCOMPARE(source.refreshes(), 1);
}

void tst_OidcRefresher::unauthorizedTokenIsRefreshed()
{
    auto refresher = std::make_shared<ManualRefresher>();
    AuthProviderConfig config = providerFor(u"https://idp"_s);
    const QString rejected = jwtWithExp(nowSecs() + 600);
    config.config.insert(u"id-token"_s, rejected);
    OidcTokenSource source(config, refresher);
    QCOMPARE(await(source.token()).value(), rejected);
    QVERIFY(!source.invalidate(u"another token"_s));
    QVERIFY(source.idTokenValid());
    QVERIFY(source.invalidate(rejected));
    QVERIFY(!source.idTokenValid());
    QFuture<md::Result<QString>> next = source.token();
    QCOMPARE(refresher->waiting(), 1);
    const QString fresh = jwtWithExp(nowSecs() + 900);
    refresher->answer(OidcTokens {fresh, {}});
    QCOMPARE(await(next).value(), fresh);
    QCOMPARE(source.config().config.value(u"refresh-token"_s), RefreshToken); // kept
    QVERIFY(!source.invalidate(rejected)); // already replaced
}

void tst_OidcRefresher::adoptsTokensWrittenByAnotherProgram()
{
    auto refresher = std::make_shared<ManualRefresher>();
    const AuthProviderConfig original = providerFor(u"https://idp"_s);
    AuthProviderConfig onDisk = original;
    int loads = 0;
    QList<AuthProviderConfig> saved;
    OidcTokenStorage storage {u"frank"_s,
                              [&]() -> md::Result<std::optional<AuthProviderConfig>> {
                                  ++loads;
                                  return std::optional<AuthProviderConfig>(onDisk);
                              },
                              [&](const AuthProviderConfig &c) {
                                  saved << c;
                                  onDisk = c;
                                  return md::Result<void>();
                              }};
    OidcTokenSource source(original, refresher, storage);

    // Unchanged on disk: refresh with the refresh token held, then write back.
    QFuture<md::Result<QString>> first = source.token();
    QVERIFY(QTest::qWaitFor([&] { return refresher->waiting() == 1; }, 5000));
    QCOMPARE(refresher->requested(), QStringList {RefreshToken});
    const QString mine = jwtWithExp(nowSecs() + 20);
    refresher->answer(OidcTokens {mine, u"r-mine"_s});
    QCOMPARE(await(first).value(), mine);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().config.value(u"refresh-token"_s), u"r-mine"_s);

    // kubectl refreshed meanwhile (its id-token valid, our refresh token rotated away).
    const QString theirs = jwtWithExp(nowSecs() + 3600);
    onDisk.config.insert(u"id-token"_s, theirs);
    onDisk.config.insert(u"refresh-token"_s, u"r-kubectl"_s);
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(15); // ours expired
    QCOMPARE(await(source.token(later)).value(), theirs);
    QCOMPARE(refresher->requested().size(), 1); // no refresh
    QCOMPARE(source.config().config.value(u"refresh-token"_s), u"r-kubectl"_s);

    // The server rejects theirs: the refresh uses the refresh token from the file.
    QVERIFY(source.invalidate(theirs));
    QFuture<md::Result<QString>> third = source.token(later);
    QVERIFY(QTest::qWaitFor([&] { return refresher->waiting() == 1; }, 5000));
    QCOMPARE(refresher->requested().last(), u"r-kubectl"_s);
    refresher->answer(md::unexpected(u"oidc.refresh"_s, u"user \"frank\": oidc: refused"_s));
    const auto failed = await(third);
    QVERIFY(!failed);
    QCOMPARE(failed.error().message, u"user \"frank\": oidc: refused"_s);
    QVERIFY(loads >= 3);

    // A half-written stanza (no issuer yet) is not taken.
    onDisk.config.remove(u"idp-issuer-url"_s);
    onDisk.config.insert(u"id-token"_s, jwtWithExp(nowSecs() + 7200));
    QFuture<md::Result<QString>> fourth = source.token(later);
    QVERIFY(QTest::qWaitFor([&] { return refresher->waiting() == 1; }, 5000));
    refresher->answer(md::unexpected(u"oidc.refresh"_s, u"refused"_s));
    QVERIFY(!await(fourth));
}

void tst_OidcRefresher::keepsTokensWhenWritingBackFails()
{
    auto refresher = std::make_shared<ManualRefresher>();
    OidcTokenStorage storage {u"gina"_s, {}, [](const AuthProviderConfig &) -> md::Result<void> {
                                  return md::unexpected(u"kubeconfig.lock"_s,
                                                        u"cannot lock the kubeconfig file"_s,
                                                        u"/tmp/config"_s);
                              }};
    OidcTokenSource source(providerFor(u"https://idp"_s), refresher, storage);
    QFuture<md::Result<QString>> first = source.token();
    const QString fresh = jwtWithExp(nowSecs() + 600);
    refresher->answer(OidcTokens {fresh, u"r2"_s});
    const auto failed = await(first);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, u"oidc.persist"_s);
    QVERIFY2(failed.error().message.startsWith(
                 u"user \"gina\": oidc: could not write the new tokens back to the kubeconfig: "
                 "/tmp/config: cannot lock"_s),
             qPrintable(failed.error().message));
    // The rotated refresh token and the new id-token are kept for the next request.
    QCOMPARE(await(source.token()).value(), fresh);
    QCOMPARE(source.config().config.value(u"refresh-token"_s), u"r2"_s);
    QCOMPARE(source.refreshes(), 1);

    OidcTokenSource noRefreshToken({u"oidc"_s, {{u"id-token"_s, jwtWithExp(0)}}}, refresher,
                                   OidcTokenStorage {u"gina"_s, {}, {}});
    const auto expired = await(noRefreshToken.token());
    QVERIFY(!expired);
    QVERIFY(expired.error().message.startsWith(
        u"user \"gina\": oidc: no valid id-token, and cannot refresh without refresh-token"_s));
}

void tst_OidcRefresher::sharedSourcePerKey()
{
    auto refresher = std::make_shared<ManualRefresher>();
    const AuthProviderConfig config = providerFor(u"https://idp"_s);
    auto a = OidcTokenSource::shared(u"file\nuser"_s, config, refresher, {});
    auto b = OidcTokenSource::shared(u"file\nuser"_s, config, refresher, {});
    auto c = OidcTokenSource::shared(u"file\nother"_s, config, refresher, {});
    QCOMPARE(a.get(), b.get());
    QVERIFY(a.get() != c.get());
    QFuture<md::Result<QString>> pending = a->token(); // expired: a refresh starts
    QCOMPARE(b->refreshes(), 1);
    QCOMPARE(c->refreshes(), 0);
    const OidcTokenSource *old = a.get();
    a.reset();
    b.reset();
    auto d = OidcTokenSource::shared(u"file\nuser"_s, config, refresher, {});
    Q_UNUSED(old)
    QCOMPARE(d->refreshes(), 0); // a new source once the last one is gone
    refresher->answer(md::unexpected(u"oidc.refresh"_s, u"refused"_s));
}

QTEST_GUILESS_MAIN(tst_OidcRefresher)

#include "tst_oidcrefresher.moc"

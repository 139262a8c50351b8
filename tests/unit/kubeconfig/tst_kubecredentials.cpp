// Credentials: exec plugins (real shell scripts written into a temporary directory),
// tokenFile re-reading and OIDC token expiry.

#include "kube/authprovider.h"
#include "kube/execauthenticator.h"
#include "kube/execcredential.h"
#include "kube/tokensource.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <signal.h>

using namespace md::kube;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

const QByteArray TestCert = "-----BEGIN CERTIFICATE-----\n"
                            "MIIBhzCCAS2gAwIBAgIUA3Rax53sEEtaMzCwfAbUohtxSCUwCgYIKoZIzj0EAwIw\n"
                            "GDEWMBQGA1UEAwwNbWVzaGRlc2stdGVzdDAgFw0yNjExMjUxOTM3MjlaGA8yMTI2\n"
                            "MTEwMTE5MzcyOVowGDEWMBQGA1UEAwwNbWVzaGRlc2stdGVzdDBZMBMGByqGSM49\n"
                            "AgEGCCqGSM49AwEHA0IABIVx1s96TKhNW/70DiQuu49dfnmJ0H97IKKB+d1CKINU\n"
                            "ZG/8l0MZ8tP9U9i1zgdjcq44JLRm6v0ePX0OOL9tg0SjUzBRMB0GA1UdDgQWBBQU\n"
                            "N78ll2rmilNUk5Ll9AHKXXGbXjAfBgNVHSMEGDAWgBQUN78ll2rmilNUk5Ll9AHK\n"
                            "XXGbXjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIBjFx794pYU3\n"
                            "9RVmTuG44+dgPyLaZIlwKjba5TYhH35nAiEAj/EqroikOlKnIcxrWTwHlF8oolrd\n"
                            "8xG69KGBazSNCGE=\n"
                            "-----END CERTIFICATE-----\n";
const QByteArray TestKey = "-----BEGIN PRIVATE KEY-----\n"
                           "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgneg3q4aCsy0Gcp3t\n"
                           "FXWDvzfWTFSWJFDs38659udRYWWhRANCAASFcdbPekyoTVv+9A4kLruPXX55idB/\n"
                           "eyCigfndQiiDVGRv/JdDGfLT/VPYtc4HY3KuOCS0Zur9Hj19Dji/bYNE\n"
                           "-----END PRIVATE KEY-----\n";

// The plugin: counts its runs, records its input, prints out.json with @N@ = run number.
const QByteArray Script = R"sh(#!/bin/sh
d="$(dirname "$0")"
echo $$ > "$d/pid"
n=$(( $(cat "$d/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$d/count"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$d/info.json"
printf '%s|%s|%s %s' "$PLUGIN_VAR" "$HOST_VAR" "$1" "$2" > "$d/env.txt"
if [ -t 0 ]; then echo tty > "$d/stdin.txt"; else cat > "$d/stdin.txt"; fi
[ -f "$d/sleep" ] && sleep "$(cat "$d/sleep")"
[ -f "$d/stderr" ] && cat "$d/stderr" >&2
[ -f "$d/out.json" ] && sed "s/@N@/$n/g" "$d/out.json"
exit "$(cat "$d/exit" 2>/dev/null || echo 0)"
)sh";

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

QByteArray credentialJson(const char *apiVersion, const QJsonObject &status)
{
    return QJsonDocument(QJsonObject {{u"apiVersion"_s, QLatin1String(apiVersion)},
                                      {u"kind"_s, u"ExecCredential"_s},
                                      {u"status"_s, status}})
        .toJson();
}

// Waits without QFuture::waitForFinished(), which may run a queued task on this thread.
template<typename T> T await(QFuture<T> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        qFatal("future did not finish");
    return future.result();
}

class FakeRefresher : public OidcRefresher
{
public:
    QFuture<md::Result<OidcTokens>> refresh(const AuthProviderConfig &config) override
    {
        ++calls;
        seenRefreshToken = config.config.value(QStringLiteral("refresh-token"));
        return QtFuture::makeReadyFuture(md::Result<OidcTokens>(next));
    }
    int calls = 0;
    QString seenRefreshToken;
    OidcTokens next;
};

QString jwtWithExp(qint64 exp)
{
    const auto part = [](const QByteArray &json) {
        return QString::fromLatin1(
            json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part(R"({"alg":"none"})") + u'.' + part("{\"exp\":" + QByteArray::number(exp) + "}")
        + QStringLiteral(".sig");
}

} // namespace

class tst_KubeCredentials : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void output_data();
    void output();
    void missingBinary_data();
    void missingBinary();
    void interactiveAlwaysIsNotRun();
    void environment();
    void clusterInfo();
    void refusesMainThread();
    void cachedUntilExpiry();
    void invalidateOn401RunsOnce();
    void concurrentCallersShareOneRun();
    void blockingWaiterDoesNotRunPlugin();
    void errorsAreNotCached();
    void certificateRotation();
    void timeout();
    void sharedPerConfig();
    void tokenFile();
    void oidcExpiry();
    void oidcRefresh();

private:
    ExecConfig config(const char *apiVersion = ExecApiV1) const
    {
        ExecConfig e;
        e.command = m_dir->filePath(QStringLiteral("plugin.sh"));
        e.apiVersion = QLatin1String(apiVersion);
        e.interactiveMode = QStringLiteral("IfAvailable");
        return e;
    }
    QString path(const char *name) const { return m_dir->filePath(QLatin1String(name)); }
    int count() const { return readFile(path("count")).trimmed().toInt(); }
    md::Result<ExecCredential> runOffThread(const ExecConfig &e,
                                            const std::optional<ExecClusterInfo> &cluster = {},
                                            const ExecRunOptions &options = {})
    {
        return await(QtConcurrent::run([=] { return runExecPlugin(e, cluster, options); }));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_KubeCredentials::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    writeFile(path("plugin.sh"), Script);
    QFile::setPermissions(path("plugin.sh"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void tst_KubeCredentials::output_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QByteArray>("out");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrText");
    QTest::addColumn<QString>("error"); // substring; empty = success
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("cert");

    const QString v1 = QLatin1String(ExecApiV1), beta = QLatin1String(ExecApiV1Beta1);
    QTest::newRow("v1 token") << v1 << credentialJson(ExecApiV1, {{u"token"_s, u"tok-@N@"_s}}) << 0
                              << QByteArray() << ""
                              << "tok-1" << false;
    QTest::newRow("v1beta1 token")
        << beta << credentialJson(ExecApiV1Beta1, {{u"token"_s, u"beta"_s}}) << 0 << QByteArray()
        << ""
        << "beta" << false;
    QTest::newRow("client certificate")
        << v1
        << credentialJson(ExecApiV1,
                          {{u"clientCertificateData"_s, QString::fromLatin1(TestCert)},
                           {u"clientKeyData"_s, QString::fromLatin1(TestKey)}})
        << 0 << QByteArray() << ""
        << "" << true;
    QTest::newRow("certificate without key")
        << v1
        << credentialJson(ExecApiV1, {{u"clientCertificateData"_s, QString::fromLatin1(TestCert)}})
        << 0 << QByteArray() << "exec plugin returned only certificate or key, not both"
        << "" << false;
    QTest::newRow("garbage certificate")
        << v1
        << credentialJson(
               ExecApiV1,
               {{u"clientCertificateData"_s, u"nope"_s}, {u"clientKeyData"_s, u"nope"_s}})
        << 0 << QByteArray() << "failed parsing the client key/certificate"
        << "" << false;
    QTest::newRow("no token or certificate")
        << v1 << credentialJson(ExecApiV1, {{u"token"_s, u""_s}}) << 0 << QByteArray()
        << "didn't return a token or cert/key pair"
        << "" << false;
    QTest::newRow("no status")
        << v1
        << QByteArray(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})")
        << 0 << QByteArray() << "didn't return a status field"
        << "" << false;
    QTest::newRow("bad JSON") << v1 << QByteArray("{\"token\": secret-xyz") << 0 << QByteArray()
                              << "decoding the plugin's output"
                              << "" << false;
    QTest::newRow("empty output") << v1 << QByteArray() << 0 << QByteArray()
                                  << "decoding the plugin's output"
                                  << "" << false;
    QTest::newRow("wrong apiVersion")
        << v1 << credentialJson(ExecApiV1Beta1, {{u"token"_s, u"t"_s}}) << 0 << QByteArray()
        << "exec plugin is configured to use API version client.authentication.k8s.io/v1, "
           "plugin returned version client.authentication.k8s.io/v1beta1"
        << "" << false;
    QTest::newRow("wrong kind")
        << v1
        << QByteArray(
               R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"Pod","status":{"token":"t"}})")
        << 0 << QByteArray() << "kind is \"Pod\""
        << "" << false;
    QTest::newRow("bad expirationTimestamp")
        << v1
        << credentialJson(ExecApiV1,
                          {{u"token"_s, u"t"_s}, {u"expirationTimestamp"_s, u"tomorrow"_s}})
        << 0 << QByteArray() << "expirationTimestamp \"tomorrow\" is not an RFC 3339 time"
        << "" << false;
    QTest::newRow("non-zero exit with stderr")
        << v1 << QByteArray() << 3 << QByteArray("login required: run sso-login\n")
        << "failed with exit code 3\nlogin required: run sso-login"
        << "" << false;
}

void tst_KubeCredentials::output()
{
    QFETCH(QString, apiVersion);
    QFETCH(QByteArray, out);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrText);
    QFETCH(QString, error);
    QFETCH(QString, token);
    QFETCH(bool, cert);

    writeFile(path("out.json"), out);
    writeFile(path("exit"), QByteArray::number(exitCode));
    if (!stderrText.isEmpty())
        writeFile(path("stderr"), stderrText);
    ExecConfig e = config();
    e.apiVersion = apiVersion;
    const auto result = runOffThread(e);
    QCOMPARE(count(), 1);
    if (!error.isEmpty()) {
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(error), qPrintable(result.error().message));
        QVERIFY2(!result.error().message.contains(QLatin1String("secret-xyz")),
                 "output leaked into the message");
        return;
    }
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(result->token, token);
    QCOMPARE(result->hasCertificate(), cert);
    if (cert) {
        QCOMPARE(result->clientCertificateData, TestCert);
        QCOMPARE(result->clientKeyData, TestKey);
    }
    QVERIFY(!result->expiry);
}

void tst_KubeCredentials::missingBinary_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("on PATH") << QStringLiteral("meshdesk-test-no-such-plugin");
    QTest::newRow("path") << QStringLiteral("/nonexistent/dir/plugin");
}

void tst_KubeCredentials::missingBinary()
{
    QFETCH(QString, command);
    ExecConfig e = config();
    e.command = command;
    e.installHint = QStringLiteral("Install it with: apt install acme-auth");
    const auto result = runOffThread(e);
    QVERIFY(!result);
    QCOMPARE(result.error().code, QStringLiteral("kube.exec.notFound"));
    QVERIFY(
        result.error().message.contains(QStringLiteral("executable %1 not found").arg(command)));
    QVERIFY(result.error().message.endsWith(
        QLatin1String("\n\nInstall it with: apt install acme-auth")));
}

void tst_KubeCredentials::interactiveAlwaysIsNotRun()
{
    writeFile(path("out.json"), credentialJson(ExecApiV1, {{u"token"_s, u"t"_s}}));
    ExecConfig e = config();
    e.interactiveMode = QStringLiteral("Always");
    ExecRunOptions options;
    options.userName = QStringLiteral("sso-user");
    const auto result = runOffThread(e, {}, options);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QLatin1String("needs a terminal")),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QLatin1String("in a terminal to log in")));
    QVERIFY(result.error().message.contains(QLatin1String("sso-user")));
    QCOMPARE(readFile(path("count")), QByteArray("<missing>"));
}

void tst_KubeCredentials::environment()
{
    writeFile(path("out.json"), credentialJson(ExecApiV1Beta1, {{u"token"_s, u"t"_s}}));
    ExecConfig e = config(ExecApiV1Beta1);
    e.args = QStringList {QStringLiteral("get-token"), QStringLiteral("--x")};
    e.env = {{QStringLiteral("PLUGIN_VAR"), QStringLiteral("from-exec")},
             {QStringLiteral("HOST_VAR"), QStringLiteral("overridden")}};
    ExecRunOptions options;
    options.environment.insert(QStringLiteral("HOST_VAR"), QStringLiteral("from-host"));
    QVERIFY(runOffThread(e, {}, options));
    QCOMPARE(readFile(path("env.txt")), QByteArray("from-exec|overridden|get-token --x"));
    QCOMPARE(readFile(path("stdin.txt")), QByteArray()); // not a terminal, nothing to read

    e.env.removeLast();
    QVERIFY(runOffThread(e, {}, options));
    QCOMPARE(readFile(path("env.txt")), QByteArray("from-exec|from-host|get-token --x"));

    const QJsonObject info = QJsonDocument::fromJson(readFile(path("info.json"))).object();
    QCOMPARE(info.value("apiVersion"_L1).toString(), QLatin1String(ExecApiV1Beta1));
    QCOMPARE(info.value("kind"_L1).toString(), QStringLiteral("ExecCredential"));
    QCOMPARE(info.value("spec"_L1).toObject().value("interactive"_L1), QJsonValue(false));
    QVERIFY(!info.value("spec"_L1).toObject().contains("cluster"_L1));
}

void tst_KubeCredentials::clusterInfo()
{
    writeFile(path("out.json"), credentialJson(ExecApiV1, {{u"token"_s, u"t"_s}}));
    ExecClusterInfo cluster;
    cluster.server = QStringLiteral("https://api:6443");
    cluster.tlsServerName = QStringLiteral("sni");
    cluster.certificateAuthorityData = "CA-PEM";
    cluster.config = QJsonObject {{u"audience"_s, u"meshdesk"_s}};
    QVERIFY(runOffThread(config(), cluster));
    const QJsonObject c = QJsonDocument::fromJson(readFile(path("info.json")))
                              .object()
                              .value("spec"_L1)
                              .toObject()
                              .value("cluster"_L1)
                              .toObject();
    QCOMPARE(c.value("server"_L1).toString(), cluster.server);
    QCOMPARE(c.value("tls-server-name"_L1).toString(), QStringLiteral("sni"));
    QCOMPARE(c.value("certificate-authority-data"_L1).toString(), QStringLiteral("Q0EtUEVN"));
    QCOMPARE(c.value("config"_L1).toObject().value("audience"_L1).toString(),
             QStringLiteral("meshdesk"));
    QVERIFY(!c.contains("insecure-skip-tls-verify"_L1));
    QVERIFY(!c.contains("proxy-url"_L1));
}

void tst_KubeCredentials::refusesMainThread()
{
    writeFile(path("out.json"), credentialJson(ExecApiV1, {{u"token"_s, u"t"_s}}));
    const auto result = runExecPlugin(config(), {});
    QVERIFY(!result);
    QVERIFY(result.error().message.contains(QLatin1String("main (GUI) thread")));
    QCOMPARE(readFile(path("count")), QByteArray("<missing>"));
}

void tst_KubeCredentials::cachedUntilExpiry()
{
    const QDateTime expiry(QDate(2031, 1, 1), QTime(12, 0), Qt::UTC);
    writeFile(path("out.json"),
              credentialJson(ExecApiV1,
                             {{u"token"_s, u"tok-@N@"_s},
                              {u"expirationTimestamp"_s, u"2031-01-01T12:00:00Z"_s}}));
    QDateTime now = expiry.addSecs(-3600);
    ExecAuthenticator auth(config(), {}, {}, [&now] { return now; });

    auto first = await(auth.credential());
    QVERIFY(first);
    QCOMPARE(first->token, QStringLiteral("tok-1"));
    QCOMPARE(*first->expiry, expiry);
    now = expiry.addSecs(-1);
    QCOMPARE(await(auth.credential())->token, QStringLiteral("tok-1"));
    QCOMPARE(count(), 1);
    QCOMPARE(auth.runs(), 1);

    now = expiry.addSecs(1);
    QCOMPARE(await(auth.credential())->token, QStringLiteral("tok-2"));
    QCOMPARE(count(), 2);
}

void tst_KubeCredentials::invalidateOn401RunsOnce()
{
    writeFile(path("out.json"), credentialJson(ExecApiV1, {{u"token"_s, u"tok-@N@"_s}}));
    ExecAuthenticator auth(config(), {});
    const ExecCredential first = *await(auth.credential());
    QCOMPARE(first.token, QStringLiteral("tok-1"));
    QCOMPARE(await(auth.credential())->token, QStringLiteral("tok-1")); // no expiry: cached

    QVERIFY(auth.invalidate(first)); // 401 with tok-1
    const ExecCredential second = *await(auth.credential());
    QCOMPARE(second.token, QStringLiteral("tok-2"));
    // A second request that also failed with tok-1: already rotated, no new run.
    QVERIFY(!auth.invalidate(first));
    QCOMPARE(await(auth.credential())->token, QStringLiteral("tok-2"));
    QCOMPARE(count(), 2);
    QCOMPARE(auth.runs(), 2);
}

void tst_KubeCredentials::concurrentCallersShareOneRun()
{
    writeFile(path("out.json"), credentialJson(ExecApiV1, {{u"token"_s, u"tok-@N@"_s}}));
    writeFile(path("sleep"), "0.4");
    ExecAuthenticator auth(config(), {});
    auto a = auth.credential();
    auto b = auth.credential();
    QVERIFY(!a.isFinished()); // ran off this thread
    QCOMPARE(await(a)->token, QStringLiteral("tok-1"));
    QCOMPARE(await(b)->token, QStringLiteral("tok-1"));
    QCOMPARE(count(), 1);

    // Each caller's continuation runs (a QFuture keeps only its last continuation: callers
    // sharing one future would wait forever, as concurrent first requests of a client did).
    auth.invalidate(*await(a));
    QStringList delivered;
    QObject context;
    auth.credential().then(&context,
                           [&](md::Result<ExecCredential> r) { delivered << u"x:"_s + r->token; });
    auth.credential().then(&context,
                           [&](md::Result<ExecCredential> r) { delivered << u"y:"_s + r->token; });
    auth.credential().then(&context,
                           [&](md::Result<ExecCredential> r) { delivered << u"z:"_s + r->token; });
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 3, 10000);
    delivered.sort();
    QCOMPARE(delivered, (QStringList {u"x:tok-2"_s, u"y:tok-2"_s, u"z:tok-2"_s}));
    QCOMPARE(count(), 2);
}

void tst_KubeCredentials::blockingWaiterDoesNotRunPlugin()
{
    // QFuture::waitForFinished() on the main thread must not pull the plugin run onto it.
    writeFile(path("out.json"), credentialJson(ExecApiV1, {{u"token"_s, u"tok-@N@"_s}}));
    ExecAuthenticator auth(config(), {});
    auto future = auth.credential();
    future.waitForFinished();
    const auto result = future.result();
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->token, u"tok-1"_s);
}

void tst_KubeCredentials::errorsAreNotCached()
{
    writeFile(path("exit"), "1");
    ExecAuthenticator auth(config(), {});
    QVERIFY(!await(auth.credential()));
    writeFile(path("exit"), "0");
    writeFile(path("out.json"), credentialJson(ExecApiV1, {{u"token"_s, u"tok-@N@"_s}}));
    QCOMPARE(await(auth.credential())->token, QStringLiteral("tok-2"));
}

void tst_KubeCredentials::certificateRotation()
{
    const auto certOutput = [](const QByteArray &cert) {
        return credentialJson(ExecApiV1,
                              {{u"clientCertificateData"_s, QString::fromLatin1(cert)},
                               {u"clientKeyData"_s, QString::fromLatin1(TestKey)}});
    };
    writeFile(path("out.json"), certOutput(TestCert));
    ExecAuthenticator auth(config(), {});
    const ExecCredential first = *await(auth.credential());
    QCOMPARE(auth.certificateGeneration(), 0u);
    QVERIFY(auth.invalidate(first));
    QVERIFY(await(auth.credential())); // same certificate again: no rotation
    QCOMPARE(auth.certificateGeneration(), 0u);

    writeFile(path("out.json"), certOutput(TestCert.trimmed())); // different bytes, valid PEM
    QVERIFY(auth.invalidate(*auth.cached()));
    QVERIFY(await(auth.credential()));
    QCOMPARE(auth.certificateGeneration(), 1u);
}

void tst_KubeCredentials::timeout()
{
    // A plugin that would run for a minute: the run gives up after its timeout and stops it
    // (the plugin's process is gone), instead of waiting for it.
    writeFile(path("sleep"), "60");
    ExecRunOptions options;
    options.timeout = 300ms;
    const auto result = runOffThread(config(), {}, options);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QLatin1String("did not finish")),
             qPrintable(result.error().message));
    const qint64 pid = readFile(path("pid")).trimmed().toLongLong();
    QVERIFY(pid > 0);
    QTRY_VERIFY(::kill(pid_t(pid), 0) != 0);
}

void tst_KubeCredentials::sharedPerConfig()
{
    const ExecConfig a = config();
    ExecConfig b = config();
    b.args << QStringLiteral("--other");
    auto first = ExecAuthenticator::shared(a, {});
    QCOMPARE(ExecAuthenticator::shared(a, {}).get(), first.get());
    QVERIFY(ExecAuthenticator::shared(b, {}).get() != first.get());
    ExecClusterInfo cluster;
    cluster.server = QStringLiteral("https://other");
    QVERIFY(ExecAuthenticator::shared(a, cluster).get() != first.get());
}

void tst_KubeCredentials::tokenFile()
{
    QDateTime now(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    TokenFileSource source(path("token"), 60s, [&now] { return now; });
    auto missing = source.token();
    QVERIFY(!missing);
    QCOMPARE(missing.error().where, path("token"));

    writeFile(path("token"), "first\n");
    QCOMPARE(source.token().value(), QStringLiteral("first"));
    writeFile(path("token"), "second\n");
    now = now.addSecs(59);
    QCOMPARE(source.token().value(), QStringLiteral("first")); // not re-read within a minute
    now = now.addSecs(2);
    QCOMPARE(source.token().value(), QStringLiteral("second"));
    QFile::remove(path("token"));
    now = now.addSecs(61);
    QCOMPARE(source.token().value(), QStringLiteral("second")); // keeps the last good token
}

void tst_KubeCredentials::oidcExpiry()
{
    const QDateTime now(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    QCOMPARE(jwtExpiry(jwtWithExp(now.toSecsSinceEpoch())), now);
    QVERIFY(!jwtExpiry(QStringLiteral("not-a-jwt")));

    const auto source = [&](const QString &idToken) {
        AuthProviderConfig c {QStringLiteral("oidc"), {{QStringLiteral("id-token"), idToken}}};
        return OidcTokenSource(c).idTokenValid(now);
    };
    QVERIFY(source(jwtWithExp(now.toSecsSinceEpoch() + 60)));
    QVERIFY(!source(jwtWithExp(now.toSecsSinceEpoch() + 9))); // expired 10 s early
    QVERIFY(source(jwtWithExp(now.toSecsSinceEpoch() + 11)));
    QVERIFY(!source(jwtWithExp(now.toSecsSinceEpoch() - 1)));
    QVERIFY(!source(QStringLiteral("opaque")));
    QVERIFY(!source(QString()));

    QVERIFY(!checkAuthProvider({QStringLiteral("gcp"), {}}, QStringLiteral("u")));
    QVERIFY(checkAuthProvider({QStringLiteral("gcp"), {}}, QStringLiteral("u"))
                .error()
                .message.contains(QLatin1String("gke-gcloud-auth-plugin")));
    QVERIFY(checkAuthProvider({QStringLiteral("azure"), {}}, QStringLiteral("u"))
                .error()
                .message.contains(QLatin1String("kubelogin")));
}

void tst_KubeCredentials::oidcRefresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString fresh = jwtWithExp(now.toSecsSinceEpoch() + 3600);
    const QString stale = jwtWithExp(now.toSecsSinceEpoch() - 10);
    AuthProviderConfig c {QStringLiteral("oidc"),
                          {{QStringLiteral("id-token"), fresh},
                           {QStringLiteral("refresh-token"), QStringLiteral("r1")}}};

    auto refresher = std::make_shared<FakeRefresher>();
    refresher->next = {jwtWithExp(now.toSecsSinceEpoch() + 7200), QStringLiteral("r2")};
    QList<AuthProviderConfig> persisted;
    OidcTokenSource valid(c, refresher, [&](const AuthProviderConfig &p) {
        persisted << p;
        return md::Result<void>();
    });
    QCOMPARE(await(valid.token(now)).value(), fresh);
    QCOMPARE(refresher->calls, 0);

    c.config[QStringLiteral("id-token")] = stale;
    OidcTokenSource expired(c, refresher, [&](const AuthProviderConfig &p) {
        persisted << p;
        return md::Result<void>();
    });
    QCOMPARE(await(expired.token(now)).value(), refresher->next.idToken);
    QCOMPARE(refresher->calls, 1);
    QCOMPARE(refresher->seenRefreshToken, QStringLiteral("r1"));
    QCOMPARE(persisted.size(), 1);
    QCOMPARE(persisted.first().config.value(QStringLiteral("refresh-token")), QStringLiteral("r2"));
    QCOMPARE(persisted.first().config.value(QStringLiteral("id-token")), refresher->next.idToken);
    QCOMPARE(await(expired.token(now)).value(),
             refresher->next.idToken); // now valid: no new refresh
    QCOMPARE(refresher->calls, 1);

    c.config.remove(QStringLiteral("refresh-token"));
    OidcTokenSource noRefresh(c, refresher);
    const auto failed = await(noRefresh.token(now));
    QVERIFY(!failed);
    QVERIFY(failed.error().message.contains(QLatin1String("cannot refresh without refresh-token")));
}

QTEST_GUILESS_MAIN(tst_KubeCredentials)

#include "tst_kubecredentials.moc"

#include "kube/oidcrefresher.h"

#include "kube/kubeconfigwriter.h"
#include "kube/kubetr.h"
#include "kube/oidcrefresher_p.h"
#include "kube/tlsconfig.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>

namespace md::kube {

namespace {

// Every error names the kubeconfig user.
QString named(const QString &userName, const QString &message)
{
    return Tr::tr("user \"%1\"").arg(userName) + QStringLiteral(": ") + message;
}

} // namespace

namespace detail {

namespace {

// At most `n` characters of an answer, on one line (client-go quotes 80 bytes of it).
QString excerpt(const QByteArray &body, qsizetype n = 80)
{
    QString text = QString::fromUtf8(body.left(n)).simplified();
    if (body.size() > n)
        text += QStringLiteral("...");
    return u'"' + text + u'"';
}

QString statusText(int status, const QByteArray &reason)
{
    return reason.isEmpty() ? QString::number(status)
                            : QString::number(status) + u' ' + QString::fromLatin1(reason);
}

} // namespace

QByteArray queryEscape(const QString &text)
{
    return QUrl::toPercentEncoding(text).replace("%20", "+");
}

QByteArray formEncode(QList<std::pair<QString, QString>> fields)
{
    std::stable_sort(fields.begin(), fields.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    for (const auto &[name, value] : std::as_const(fields)) {
        if (!out.isEmpty())
            out += '&';
        out += queryEscape(name) + '=' + queryEscape(value);
    }
    return out;
}

QByteArray basicClientAuthorization(const QString &clientId, const QString &clientSecret)
{
    const QByteArray credentials = queryEscape(clientId) + ':' + queryEscape(clientSecret);
    return "Basic " + credentials.toBase64();
}

Result<QUrl> readDiscovery(int status, const QByteArray &reason, const QByteArray &body,
                           const QString &url, const QString &userName)
{
    const QString code = QStringLiteral("oidc.discovery");
    if (status != 200) {
        return md::unexpected(code,
                              named(userName,
                                    Tr::tr("oidc: failed to query the identity provider's "
                                           "metadata %1: HTTP %2 %3")
                                        .arg(url, statusText(status, reason), excerpt(body))));
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString why = error.error != QJsonParseError::NoError
            ? error.errorString()
            : Tr::tr("the answer is not a JSON object");
        return md::unexpected(code,
                              named(userName,
                                    Tr::tr("oidc: cannot decode the identity provider's "
                                           "discovery document %1: %2")
                                        .arg(url, why)));
    }
    const QString endpoint = doc.object().value(QLatin1String("token_endpoint")).toString();
    if (endpoint.isEmpty()) {
        return md::unexpected(
            code,
            named(userName,
                  Tr::tr("oidc: the discovery document %1 has no token_endpoint").arg(url)));
    }
    const QUrl tokenUrl(endpoint, QUrl::StrictMode);
    if (!tokenUrl.isValid() || tokenUrl.isRelative() || tokenUrl.host().isEmpty()) {
        return md::unexpected(
            code,
            named(userName,
                  Tr::tr("oidc: the discovery document %1 has an invalid token_endpoint %2")
                      .arg(url, excerpt(endpoint.toUtf8()))));
    }
    return tokenUrl;
}

TokenAnswer readTokenAnswer(int status, const QByteArray &reason, const QByteArray &contentType,
                            const QByteArray &body, const QString &userName)
{
    const auto fail = [&](const QString &code, const QString &message, const QString &oauth = {}) {
        return TokenAnswer {md::unexpected(code, named(userName, message)), oauth};
    };
    const bool failure = status < 200 || status > 299;
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();

    QString accessToken, refreshToken, idToken, error, description;
    bool parsed = true;
    QString parseError;
    if (mime == "application/x-www-form-urlencoded" || mime == "text/plain") {
        QUrlQuery form(QString::fromUtf8(QByteArray(body).replace('+', ' ')));
        const auto field = [&form](const char *name) {
            return form.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
        };
        accessToken = field("access_token");
        refreshToken = field("refresh_token");
        idToken = field("id_token");
        error = field("error");
        description = field("error_description");
    } else {
        QJsonParseError jsonError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &jsonError);
        if (jsonError.error != QJsonParseError::NoError || !doc.isObject()) {
            parsed = false;
            parseError = jsonError.error != QJsonParseError::NoError
                ? jsonError.errorString()
                : Tr::tr("the answer is not a JSON object");
        } else {
            const QJsonObject o = doc.object();
            accessToken = o.value(QLatin1String("access_token")).toString();
            refreshToken = o.value(QLatin1String("refresh_token")).toString();
            // Like client-go: only a string id_token counts.
            idToken = o.value(QLatin1String("id_token")).toString();
            error = o.value(QLatin1String("error")).toString();
            description = o.value(QLatin1String("error_description")).toString();
        }
    }

    const QString code = QStringLiteral("oidc.refresh");
    // Servers should answer errors with 400, some answer 200 with an `error` field.
    if (failure || !error.isEmpty()) {
        QString detail;
        if (!error.isEmpty()) {
            QString what = error;
            if (!description.isEmpty())
                what += QStringLiteral(" (") + description.left(300).simplified() + u')';
            detail = Tr::tr("the identity provider answered HTTP %1 with %2")
                         .arg(statusText(status, reason), what);
            if (error == QLatin1String("invalid_grant"))
                detail += QStringLiteral("; ")
                    + Tr::tr("the refresh token is no longer valid (revoked, expired or already "
                             "used): log in again with your identity provider's tool");
        } else {
            detail = Tr::tr("the token endpoint answered HTTP %1").arg(statusText(status, reason));
        }
        return fail(code, Tr::tr("oidc: failed to refresh the token: %1").arg(detail), error);
    }
    if (!parsed)
        return fail(code,
                    Tr::tr("oidc: cannot parse the token endpoint's answer: %1").arg(parseError));
    if (accessToken.isEmpty())
        return fail(code, Tr::tr("oidc: the token endpoint's answer has no access_token"));
    if (idToken.isEmpty()) {
        return fail(code,
                    Tr::tr("oidc: the token endpoint's answer has no id_token: either the scope "
                           "\"openid\" was not requested at login, or the identity provider "
                           "does not return id-tokens when refreshing"));
    }
    return TokenAnswer {OidcTokens {idToken, refreshToken}, {}};
}

} // namespace detail

namespace {

// The thread every refresh talks to identity providers on: answers never wait for a busy
// caller (GUI or cluster) thread. Stopped when the application object goes away.
QMutex g_threadMutex;
QThread *g_thread = nullptr;
QObject *g_home = nullptr; // lives in g_thread; the refresh jobs are its children

void stopNetworkThread()
{
    QMutexLocker locker(&g_threadMutex);
    if (!g_thread)
        return;
    g_thread->quit(); // deletes g_home and the jobs left, which cancels their promises
    g_thread->wait();
    delete g_thread;
    g_thread = nullptr;
    g_home = nullptr;
}

QObject *networkHome()
{
    QMutexLocker locker(&g_threadMutex);
    if (!g_thread) {
        g_thread = new QThread;
        g_thread->setObjectName(QStringLiteral("md::kube oidc"));
        g_home = new QObject;
        g_home->moveToThread(g_thread);
        QObject::connect(g_thread, &QThread::finished, g_home, &QObject::deleteLater);
        g_thread->start();
        qAddPostRoutine(stopNetworkThread);
    }
    return g_home;
}

enum class ClientAuth { Header, Params };

// The environment's proxies (http_proxy, https_proxy, no_proxy), as client-go's transport
// for the identity provider uses them, whatever the application-wide proxy setting is.
class SystemProxies final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return systemProxyForQuery(query);
    }
};

// One refresh: discovery, then the token request (twice when the first style fails).
class RefreshJob final : public QObject
{
public:
    using Promise = QPromise<Result<OidcTokens>>;

    RefreshJob(QString userName, AuthProviderConfig config, std::shared_ptr<Promise> promise,
               QObject *parent)
        : QObject(parent)
        , m_userName(std::move(userName))
        , m_config(std::move(config))
        , m_promise(std::move(promise))
    { }

    void start()
    {
        auto ssl = sslConfiguration();
        if (!ssl) {
            finish(md::unexpected(ssl.error()));
            return;
        }
        m_ssl = *ssl;
        QString issuer = value(oidc::IssuerUrl);
        while (issuer.endsWith(u'/'))
            issuer.chop(1);
        const QUrl wellKnown(issuer + QStringLiteral("/.well-known/openid-configuration"),
                             QUrl::StrictMode);
        if (!wellKnown.isValid() || wellKnown.isRelative() || wellKnown.host().isEmpty()) {
            finish(configError(
                Tr::tr("oidc: idp-issuer-url %1 is not a valid URL").arg(value(oidc::IssuerUrl))));
            return;
        }
        m_nam = new QNetworkAccessManager(this);
        m_nam->setProxyFactory(new SystemProxies); // owned by m_nam
        QNetworkReply *reply = m_nam->get(request(wellKnown));
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onDiscovery(reply); });
    }

private:
    QString value(const char *key) const { return m_config.config.value(QLatin1String(key)); }

    Unexpected<Error> configError(const QString &message) const
    {
        return md::unexpected(QStringLiteral("oidc.config"), named(m_userName, message));
    }

    Result<QSslConfiguration> sslConfiguration() const
    {
        TlsSettings tls;
        tls.caFile = value(oidc::CertificateAuthority);
        const QString data = value(oidc::CertificateAuthorityData);
        if (!data.isEmpty()) {
            auto decoded = QByteArray::fromBase64Encoding(data.toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return configError(
                    Tr::tr("oidc: idp-certificate-authority-data is not valid base64"));
            tls.caData = *decoded;
        }
        auto ssl = makeSslConfiguration(tls);
        if (!ssl)
            return configError(
                Tr::tr("oidc: idp-certificate-authority: %1").arg(ssl.error().toString()));
        return ssl;
    }

    QNetworkRequest request(const QUrl &url) const
    {
        QNetworkRequest req(url);
        if (url.scheme() == QLatin1String("https"))
            req.setSslConfiguration(m_ssl);
        req.setTransferTimeout(NetworkOidcRefresher::TimeoutMs);
        return req;
    }

    Unexpected<Error> unreachable(QNetworkReply *reply, bool tokenEndpoint) const
    {
        const QString url = reply->url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        const QString message = tokenEndpoint
            ? Tr::tr("oidc: cannot reach the token endpoint %1: %2").arg(url, reply->errorString())
            : Tr::tr("oidc: cannot reach the identity provider at %1: %2")
                  .arg(url, reply->errorString());
        return md::unexpected(QStringLiteral("oidc.unreachable"), named(m_userName, message));
    }

    void onDiscovery(QNetworkReply *reply)
    {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid()) {
            finish(unreachable(reply, false));
            return;
        }
        auto endpoint = detail::readDiscovery(
            status.toInt(),
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
            reply->readAll(), reply->url().toString(QUrl::RemoveUserInfo), m_userName);
        if (!endpoint) {
            finish(md::unexpected(endpoint.error()));
            return;
        }
        m_tokenUrl = *endpoint;
        requestToken(ClientAuth::Header);
    }

    void requestToken(ClientAuth style)
    {
        QList<std::pair<QString, QString>> fields {
            {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
            {QStringLiteral("refresh_token"), value(oidc::RefreshToken)}};
        QNetworkRequest req = request(m_tokenUrl);
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
        const QString id = value(oidc::ClientId);
        const QString secret = value(oidc::ClientSecret);
        if (style == ClientAuth::Header) {
            req.setRawHeader("Authorization", detail::basicClientAuthorization(id, secret));
        } else {
            if (!id.isEmpty())
                fields.append({QStringLiteral("client_id"), id});
            if (!secret.isEmpty())
                fields.append({QStringLiteral("client_secret"), secret});
        }
        QNetworkReply *reply = m_nam->post(req, detail::formEncode(fields));
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, style] { onToken(reply, style); });
    }

    void onToken(QNetworkReply *reply, ClientAuth style)
    {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        detail::TokenAnswer answer {unreachable(reply, true), {}};
        if (status.isValid()) {
            answer = detail::readTokenAnswer(
                status.toInt(),
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
                reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), reply->readAll(),
                m_userName);
        }
        if (answer.tokens || style == ClientAuth::Params) {
            // Of two refusals, the one that is not about the client's credentials says more
            // (a header-only server refuses the second style with invalid_client).
            if (!answer.tokens && m_first && !m_first->oauthError.isEmpty()
                && m_first->oauthError != QLatin1String("invalid_client")
                && (answer.oauthError.isEmpty()
                    || answer.oauthError == QLatin1String("invalid_client")))
                answer = *m_first;
            finish(answer.tokens);
            return;
        }
        // Like oauth2's probe: any failure with the Basic header is tried again with the
        // credentials as form fields.
        m_first = answer;
        requestToken(ClientAuth::Params);
    }

    void finish(const Result<OidcTokens> &result)
    {
        m_promise->addResult(result);
        m_promise->finish();
        deleteLater();
    }

    const QString m_userName;
    const AuthProviderConfig m_config;
    std::shared_ptr<Promise> m_promise;
    QSslConfiguration m_ssl;
    QNetworkAccessManager *m_nam = nullptr; // a child: one connection pool per refresh
    QUrl m_tokenUrl;
    std::optional<detail::TokenAnswer> m_first;
};

} // namespace

NetworkOidcRefresher::NetworkOidcRefresher(QString userName)
    : m_userName(std::move(userName))
{ }

QFuture<Result<OidcTokens>> NetworkOidcRefresher::refresh(const AuthProviderConfig &config)
{
    auto promise = std::make_shared<RefreshJob::Promise>();
    QFuture<Result<OidcTokens>> future = promise->future();
    promise->start();
    QObject *home = networkHome();
    QMetaObject::invokeMethod(
        home,
        [home, userName = m_userName, config, promise] {
            (new RefreshJob(userName, config, promise, home))->start();
        },
        Qt::QueuedConnection);
    return future;
}

std::shared_ptr<OidcTokenSource> oidcTokenSource(const RestConfig &config)
{
    if (!config.authProvider || config.authProvider->name != QLatin1String("oidc"))
        return {};
    const AuthProviderConfig &provider = *config.authProvider;
    auto refresher = std::make_shared<NetworkOidcRefresher>(config.userName);
    if (config.userOrigin.isEmpty()) {
        // Not from a file: nothing to read again or write back to.
        return std::make_shared<OidcTokenSource>(provider, refresher,
                                                 OidcTokenStorage {config.userName, {}, {}});
    }
    LoadingRules rules;
    rules.explicitPath = config.userOrigin;
    const QString key = QStringList {config.userOrigin, config.userName,
                                     provider.config.value(QLatin1String(oidc::IssuerUrl)),
                                     provider.config.value(QLatin1String(oidc::ClientId))}
                            .join(u'\n');
    return OidcTokenSource::shared(key, provider, refresher,
                                   {config.userName,
                                    kubeconfigAuthProviderLoader(rules, config.userName),
                                    kubeconfigPersister(rules, config.userName)});
}

} // namespace md::kube

#include "oidcissuer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int n)
{
    QByteArray bytes(n, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(QRandomGenerator::system()->bounded(256));
    return bytes;
}

QString randomToken(const QString &prefix)
{
    return prefix + QString::fromLatin1(randomBytes(32).toBase64(Base64Url));
}

HttpResponse json(int status, const QJsonObject &body)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.setHeader("Content-Type", "application/json");
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Pragma", "no-cache");
    return r;
}

// An OAuth 2.0 error answer (RFC 6749 section 5.2).
HttpResponse oauthError(int status, const QString &error, const QString &description)
{
    return json(status, QJsonObject {{u"error"_s, error}, {u"error_description"_s, description}});
}

// application/x-www-form-urlencoded: "+" is a space.
QUrlQuery formFields(QByteArray body)
{
    return QUrlQuery(QString::fromUtf8(body.replace('+', "%20")));
}

QString formValue(const QUrlQuery &form, const QString &key)
{
    return form.queryItemValue(key, QUrl::FullyDecoded);
}

QString formUnescape(QByteArray text)
{
    return QUrl::fromPercentEncoding(text.replace('+', ' '));
}

bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= char(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

OidcIssuer::OidcIssuer(OidcOptions options)
    : m_options(std::move(options))
    , m_key(randomBytes(32))
{
    if (m_options.clientSecret.isEmpty())
        m_options.clientSecret = randomToken(u"secret-"_s);
}

void OidcIssuer::setServerUrl(const QString &serverUrl)
{
    m_issuer = serverUrl + u"/oidc"_s;
}

bool OidcIssuer::isIssuerPath(const QString &path)
{
    return path.startsWith(u"/oidc/"_s);
}

OidcSession OidcIssuer::login(const QString &user, const QStringList &groups,
                              qint64 idTokenLifetime)
{
    const Session session {user, groups};
    OidcSession out;
    out.refreshToken = randomToken(u"mrt-"_s);
    m_refreshTokens.insert(out.refreshToken, session);
    out.idToken = issueIdToken(session, idTokenLifetime);
    return out;
}

QString OidcIssuer::issueIdToken(const Session &session, qint64 lifetime)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims {{u"iss"_s, m_issuer},
                              {u"sub"_s, session.user},
                              {u"aud"_s, m_options.clientId},
                              {u"iat"_s, now},
                              {u"exp"_s, now + lifetime},
                              {u"jti"_s, QString::number(++m_serial)},
                              {u"groups"_s, QJsonArray::fromStringList(session.groups)}};
    const QByteArray header
        = QByteArray(R"({"alg":"HS256","kid":"meshsim","typ":"JWT"})").toBase64(Base64Url);
    const QByteArray input
        = header + '.' + QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(Base64Url);
    const QByteArray signature
        = QMessageAuthenticationCode::hash(input, m_key, QCryptographicHash::Sha256);
    return QString::fromLatin1(input + '.' + signature.toBase64(Base64Url));
}

std::optional<OidcIdentity> OidcIssuer::verify(const QString &idToken) const
{
    const QByteArray token = idToken.toLatin1();
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3 || m_issuer.isEmpty())
        return std::nullopt;
    const QByteArray input = parts[0] + '.' + parts[1];
    const QByteArray expected
        = QMessageAuthenticationCode::hash(input, m_key, QCryptographicHash::Sha256)
              .toBase64(Base64Url);
    if (!sameBytes(expected, parts[2]))
        return std::nullopt;
    const auto header = QByteArray::fromBase64Encoding(parts[0], Base64Url);
    const auto payload = QByteArray::fromBase64Encoding(parts[1], Base64Url);
    if (!header || !payload)
        return std::nullopt;
    if (QJsonDocument::fromJson(*header).object().value(u"alg"_s).toString() != u"HS256"_s)
        return std::nullopt;
    const QJsonObject claims = QJsonDocument::fromJson(*payload).object();
    const QJsonValue aud = claims.value(u"aud"_s);
    const bool audience = aud.isArray() ? aud.toArray().contains(m_options.clientId)
                                        : aud.toString() == m_options.clientId;
    const qint64 exp = qint64(claims.value(u"exp"_s).toDouble());
    if (claims.value(u"iss"_s).toString() != m_issuer || !audience
        || exp <= QDateTime::currentSecsSinceEpoch()
        || claims.value(u"jti"_s).toString().toLongLong() <= m_revokedThrough)
        return std::nullopt;
    OidcIdentity identity;
    identity.user = claims.value(u"sub"_s).toString();
    for (const QJsonValue &g : claims.value(u"groups"_s).toArray())
        identity.groups << g.toString();
    if (identity.user.isEmpty())
        return std::nullopt;
    return identity;
}

HttpResponse OidcIssuer::handle(const HttpRequest &request)
{
    if (request.path == u"/oidc/.well-known/openid-configuration"_s) {
        if (request.method != "GET")
            return oauthError(405, u"invalid_request"_s, u"use GET"_s);
        QJsonArray methods;
        if (m_options.clientAuth != u"post"_s)
            methods << u"client_secret_basic"_s;
        if (m_options.clientAuth != u"basic"_s)
            methods << u"client_secret_post"_s;
        return json(
            200,
            QJsonObject {
                {u"issuer"_s, m_issuer},
                {u"token_endpoint"_s, m_issuer + u"/token"_s},
                {u"grant_types_supported"_s, QJsonArray {u"refresh_token"_s}},
                {u"token_endpoint_auth_methods_supported"_s, methods},
                {u"response_types_supported"_s, QJsonArray {u"id_token"_s}},
                {u"subject_types_supported"_s, QJsonArray {u"public"_s}},
                {u"id_token_signing_alg_values_supported"_s, QJsonArray {u"HS256"_s}},
                {u"scopes_supported"_s, QJsonArray {u"openid"_s, u"offline_access"_s, u"groups"_s}},
                {u"claims_supported"_s,
                 QJsonArray {u"iss"_s, u"sub"_s, u"aud"_s, u"exp"_s, u"iat"_s, u"groups"_s}}});
    }
    if (request.path == u"/oidc/token"_s) {
        HttpResponse r = token(request);
        if (r.status != 200)
            ++m_refused;
        return r;
    }
    return oauthError(404, u"invalid_request"_s, u"no such endpoint of the meshsim issuer"_s);
}

HttpResponse OidcIssuer::token(const HttpRequest &request)
{
    if (request.method != "POST")
        return oauthError(405, u"invalid_request"_s, u"use POST"_s);
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    if (type != "application/x-www-form-urlencoded")
        return oauthError(400, u"invalid_request"_s,
                          u"the body must be application/x-www-form-urlencoded"_s);
    const QUrlQuery form = formFields(request.body);

    // Client authentication: client_secret_basic (RFC 6749 2.3.1: both parts form-encoded
    // before base64) or client_secret_post, never both.
    QString id, secret;
    const QByteArray auth = request.header("authorization");
    const bool basic = auth.left(6).toLower() == "basic ";
    const bool post = form.hasQueryItem(u"client_id"_s);
    if (basic) {
        const QByteArray decoded = QByteArray::fromBase64(auth.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon < 0)
            return oauthError(401, u"invalid_client"_s, u"malformed Basic credentials"_s);
        id = formUnescape(decoded.left(colon));
        secret = formUnescape(decoded.mid(colon + 1));
    } else if (post) {
        id = formValue(form, u"client_id"_s);
        secret = formValue(form, u"client_secret"_s);
    }
    if (basic && post)
        return oauthError(400, u"invalid_request"_s,
                          u"the client authenticated with more than one method"_s);
    if (!basic && !post)
        return oauthError(401, u"invalid_client"_s, u"client authentication is required"_s);
    if ((basic && m_options.clientAuth == u"post"_s)
        || (post && m_options.clientAuth == u"basic"_s))
        return oauthError(401, u"invalid_client"_s,
                          u"this client authentication method is not allowed"_s);
    if (id != m_options.clientId || !sameBytes(secret.toUtf8(), m_options.clientSecret.toUtf8()))
        return oauthError(401, u"invalid_client"_s, u"client authentication failed"_s);

    if (formValue(form, u"grant_type"_s) != u"refresh_token"_s)
        return oauthError(400, u"unsupported_grant_type"_s,
                          u"this issuer only exchanges refresh tokens"_s);
    const QString refreshToken = formValue(form, u"refresh_token"_s);
    if (refreshToken.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"refresh_token is missing"_s);
    const auto session = m_refreshTokens.constFind(refreshToken);
    if (session == m_refreshTokens.cend())
        return oauthError(400, u"invalid_grant"_s,
                          u"unknown, revoked or already used refresh token"_s);

    // Rotation: the refresh token just used is revoked and a new one replaces it.
    const Session s = *session;
    m_refreshTokens.erase(session);
    const QString next = randomToken(u"mrt-"_s);
    m_refreshTokens.insert(next, s);
    ++m_refreshes;
    return json(200,
                QJsonObject {{u"access_token"_s, randomToken(u"mat-"_s)},
                             {u"token_type"_s, u"Bearer"_s},
                             {u"expires_in"_s, m_options.tokenLifetimeSeconds},
                             {u"refresh_token"_s, next},
                             {u"id_token"_s, issueIdToken(s, m_options.tokenLifetimeSeconds)},
                             {u"scope"_s, u"openid offline_access groups"_s}});
}

QJsonObject OidcIssuer::state() const
{
    return QJsonObject {{u"issuer"_s, m_issuer},
                        {u"clientId"_s, m_options.clientId},
                        {u"clientAuth"_s, m_options.clientAuth},
                        {u"idTokenLifetimeSeconds"_s, m_options.tokenLifetimeSeconds},
                        {u"refreshes"_s, m_refreshes},
                        {u"refused"_s, m_refused},
                        {u"liveRefreshTokens"_s, int(m_refreshTokens.size())},
                        {u"idTokensIssued"_s, m_serial},
                        {u"idTokensRevokedThrough"_s, m_revokedThrough}};
}

HttpResponse OidcIssuer::admin(const HttpRequest &request)
{
    const auto bad
        = [](const QString &message) { return oauthError(400, u"invalid_request"_s, message); };
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return bad(u"expected a JSON object"_s);
        body = doc.object();
    }
    if (request.path == u"/meshsim/oidc/sessions"_s) {
        if (request.method != "POST")
            return oauthError(405, u"invalid_request"_s, u"use POST"_s);
        const QString user = body.value(u"user"_s).toString(m_options.user);
        QStringList groups {u"system:masters"_s};
        if (body.contains(u"groups"_s)) {
            groups.clear();
            for (const QJsonValue &g : body.value(u"groups"_s).toArray())
                groups << g.toString();
        }
        const QJsonValue lifetime = body.value(u"idTokenExpiresInSeconds"_s);
        if (!lifetime.isUndefined() && !lifetime.isDouble())
            return bad(u"idTokenExpiresInSeconds must be a number"_s);
        if (user.isEmpty())
            return bad(u"user must not be empty"_s);
        const OidcSession session
            = login(user, groups, qint64(lifetime.toDouble(m_options.tokenLifetimeSeconds)));
        return json(201,
                    QJsonObject {{u"user"_s, user},
                                 {u"groups"_s, QJsonArray::fromStringList(groups)},
                                 {u"id_token"_s, session.idToken},
                                 {u"refresh_token"_s, session.refreshToken}});
    }
    if (request.method == "GET")
        return json(200, state());
    if (request.method != "PATCH" && request.method != "POST")
        return oauthError(405, u"invalid_request"_s, u"use GET or PATCH"_s);
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() == u"revokeIdTokens"_s || it.key() == u"revokeRefreshTokens"_s) {
            if (!it.value().isBool())
                return bad(it.key() + u" must be true or false"_s);
        } else if (it.key() == u"idTokenLifetimeSeconds"_s) {
            if (!it.value().isDouble() || it.value().toDouble() < 1)
                return bad(u"idTokenLifetimeSeconds must be a positive number"_s);
        } else {
            return bad(u"unknown setting "_s + it.key());
        }
    }
    if (body.value(u"revokeIdTokens"_s).toBool())
        m_revokedThrough = m_serial;
    if (body.value(u"revokeRefreshTokens"_s).toBool())
        m_refreshTokens.clear();
    if (body.contains(u"idTokenLifetimeSeconds"_s))
        m_options.tokenLifetimeSeconds = body.value(u"idTokenLifetimeSeconds"_s).toInt();
    return json(200, state());
}

} // namespace md::sim

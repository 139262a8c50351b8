#pragma once

// An OpenID Connect identity provider for the kubeconfig `oidc` auth-provider of kubectl and
// MeshDesk (meshsim --oidc-issuer). The first cluster's HTTPS port serves, below /oidc, the
// discovery document and a token endpoint that exchanges refresh tokens (rotating them: a
// used refresh token is revoked); every cluster's API server accepts the id-tokens it issued
// as bearer tokens (signature, iss, aud = client id, exp) and answers 401 to expired or
// revoked ones. Id-tokens are JWTs signed with HS256 and a key generated at start; only
// meshsim verifies them. No authorization endpoint: sessions start from the kubeconfig meshsim
// writes or from POST /meshsim/oidc/sessions.

#include "httpserver.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md::sim {

struct OidcOptions
{
    bool enabled = false;
    QString clientId = QStringLiteral("meshsim");
    QString clientSecret; // empty: generated at start
    QString user = QStringLiteral("alice"); // the sub of the kubeconfig's session
    int tokenLifetimeSeconds = 300; // of id-tokens
    QString clientAuth = QStringLiteral("any"); // any, basic (client_secret_basic), post
};

struct OidcIdentity
{
    QString user; // sub
    QStringList groups;
};

struct OidcSession
{
    QString idToken;
    QString refreshToken;
};

class OidcIssuer
{
public:
    explicit OidcIssuer(OidcOptions options);

    // The issuer is <serverUrl>/oidc.
    void setServerUrl(const QString &serverUrl);
    QString issuerUrl() const { return m_issuer; }
    const OidcOptions &options() const { return m_options; }

    static bool isIssuerPath(const QString &path);
    // GET /oidc/.well-known/openid-configuration and POST /oidc/token.
    HttpResponse handle(const HttpRequest &request);
    // /meshsim/oidc (GET: state and counters; PATCH: revocations and settings) and
    // POST /meshsim/oidc/sessions (a new session); the caller is an admin.
    HttpResponse admin(const HttpRequest &request);

    // A new session: a refresh token and an id-token that expires `idTokenLifetime` seconds
    // from now (negative: already expired).
    OidcSession login(const QString &user, const QStringList &groups, qint64 idTokenLifetime);

    // The identity of a valid, unexpired and unrevoked id-token of this issuer.
    std::optional<OidcIdentity> verify(const QString &idToken) const;

private:
    struct Session
    {
        QString user;
        QStringList groups;
    };
    QString issueIdToken(const Session &session, qint64 lifetime);
    HttpResponse token(const HttpRequest &request);
    QJsonObject state() const;

    OidcOptions m_options;
    QString m_issuer;
    QByteArray m_key; // HS256
    qint64 m_serial = 0; // of the last id-token issued (its jti)
    qint64 m_revokedThrough = 0; // id-tokens with a jti up to this are revoked
    QHash<QString, Session> m_refreshTokens; // the live ones
    int m_refreshes = 0; // refresh grants served
    int m_refused = 0; // token requests refused
};

} // namespace md::sim

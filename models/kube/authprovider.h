#pragma once

// kubeconfig `auth-provider`: client-go keeps only `oidc`; `gcp` and `azure` were removed in
// favour of exec credential plugins and fail with a message saying so.

#include "core/result.h"
#include "kube/kubeconfig.h"

#include <QDateTime>
#include <QFuture>
#include <QMap>
#include <QMutex>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace md::kube {

// Whether an auth-provider can be used, with client-go's messages for removed or unknown
// providers. `userName` names the kubeconfig user in the message.
Result<void> checkAuthProvider(const AuthProviderConfig &provider, const QString &userName);

// The `exp` claim of a JWT (not verified: only read to know when to refresh).
std::optional<QDateTime> jwtExpiry(const QString &jwt);

// OIDC configuration keys (auth-provider.config).
namespace oidc {
inline constexpr auto IssuerUrl = "idp-issuer-url";
inline constexpr auto ClientId = "client-id";
inline constexpr auto ClientSecret = "client-secret";
inline constexpr auto CertificateAuthority = "idp-certificate-authority";
inline constexpr auto CertificateAuthorityData = "idp-certificate-authority-data";
inline constexpr auto IdToken = "id-token";
inline constexpr auto RefreshToken = "refresh-token";
inline constexpr auto ExtraScopes = "extra-scopes";
} // namespace oidc

struct OidcTokens
{
    QString idToken;
    QString refreshToken; // empty = keep the old one
};

// The network half of an OIDC refresh: discover token_endpoint from
// <issuer>/.well-known/openid-configuration and exchange the refresh token there.
class OidcRefresher
{
public:
    virtual ~OidcRefresher() = default;
    virtual QFuture<Result<OidcTokens>> refresh(const AuthProviderConfig &config) = 0;
};

// Writes a refreshed auth-provider config back into the user's kubeconfig stanza.
using AuthProviderPersister = std::function<Result<void>(const AuthProviderConfig &)>;

// Holds the id-token and refresh-token of an `oidc` auth-provider. Thread-safe. It must
// outlive the futures token() returns (the refresh continuation updates it).
class OidcTokenSource
{
public:
    static constexpr int ExpiryDeltaSeconds = 10; // tokens count as expired 10 s early

    explicit OidcTokenSource(AuthProviderConfig config,
                             std::shared_ptr<OidcRefresher> refresher = {},
                             AuthProviderPersister persister = {});

    AuthProviderConfig config() const;
    bool idTokenValid(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    // The id-token while valid; otherwise a refresh through the refresher, whose new tokens
    // are kept and persisted. Never blocks.
    QFuture<Result<QString>> token(const QDateTime &now = QDateTime::currentDateTimeUtc());

private:
    Result<QString> applyRefresh(const Result<OidcTokens> &tokens);

    mutable QMutex m_mutex;
    AuthProviderConfig m_config;
    std::shared_ptr<OidcRefresher> m_refresher;
    AuthProviderPersister m_persister;
};

} // namespace md::kube

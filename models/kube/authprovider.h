#pragma once

// kubeconfig `auth-provider`: client-go keeps only `oidc`; `gcp` and `azure` were removed in
// favour of exec credential plugins and fail with a message saying so.

#include "core/result.h"
#include "kube/kubeconfig.h"

#include <QDateTime>
#include <QFuture>
#include <QMap>
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
// Reads the user's auth-provider stanza as the kubeconfig file holds it now (nullopt when the
// stanza is gone): another program (kubectl, a login tool) may have written new tokens there.
using AuthProviderLoader = std::function<Result<std::optional<AuthProviderConfig>>()>;

// Where an OIDC user's tokens live besides memory: the kubeconfig stanza they were read from.
struct OidcTokenStorage
{
    QString userName; // the kubeconfig user, named in errors
    AuthProviderLoader load; // consulted before each refresh (runs on a worker thread)
    AuthProviderPersister save; // called with the refreshed config
};

// Holds the id-token and refresh-token of an `oidc` auth-provider. Thread-safe; refreshes
// outlive the source (they share its state), and concurrent callers share one refresh, so a
// rotating refresh token is never used twice.
class OidcTokenSource
{
public:
    static constexpr int ExpiryDeltaSeconds = 10; // tokens count as expired 10 s early

    explicit OidcTokenSource(AuthProviderConfig config,
                             std::shared_ptr<OidcRefresher> refresher = {},
                             AuthProviderPersister persister = {});
    OidcTokenSource(AuthProviderConfig config, std::shared_ptr<OidcRefresher> refresher,
                    OidcTokenStorage storage);

    // The source registered under `key` while one is alive, else a new one made from the
    // other arguments (client-go likewise keeps one provider per issuer and client, so that
    // its clients coordinate their refreshes and writes).
    static std::shared_ptr<OidcTokenSource> shared(const QString &key, AuthProviderConfig config,
                                                   std::shared_ptr<OidcRefresher> refresher,
                                                   OidcTokenStorage storage);

    AuthProviderConfig config() const;
    bool idTokenValid(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    // The id-token while valid; otherwise the stored stanza when it holds a valid one, else
    // a refresh through the refresher, whose new tokens are kept and persisted. Never blocks.
    QFuture<Result<QString>> token(const QDateTime &now = QDateTime::currentDateTimeUtc());

    // The API server answered 401 to a request carrying `idToken`: stop using it, so that
    // the next token() refreshes. False when it had already been replaced.
    bool invalidate(const QString &idToken);

    int refreshes() const; // how many refreshes were asked of the refresher

private:
    struct State;
    std::shared_ptr<State> d;
};

} // namespace md::kube

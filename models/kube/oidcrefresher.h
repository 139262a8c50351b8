#pragma once

// The network half of client-go's `oidc` auth-provider. A refresh discovers the token
// endpoint from <idp-issuer-url>/.well-known/openid-configuration, then POSTs
// grant_type=refresh_token there as golang.org/x/oauth2 does: the client credentials first in
// an HTTP Basic header, and when that answer is an error, once more as client_id/client_secret
// form fields. No scope is sent (client-go ignores extra-scopes when refreshing). TLS is
// verified against idp-certificate-authority(-data) when given, else the system's roots;
// proxies come from the environment. Requests run on a thread of their own and never block
// the caller; no token or secret appears in an error.

#include "kube/authprovider.h"
#include "kube/restconfig.h"

#include <memory>

namespace md::kube {

class NetworkOidcRefresher final : public OidcRefresher
{
public:
    static constexpr int TimeoutMs = 30000; // per request to the identity provider

    // `userName` (the kubeconfig user) is named in every error.
    explicit NetworkOidcRefresher(QString userName);

    QFuture<Result<OidcTokens>> refresh(const AuthProviderConfig &config) override;

private:
    QString m_userName;
};

// The token source of `config`'s oidc user (null without one): shared by every client of that
// user in the process, refreshing through NetworkOidcRefresher, reading tokens another program
// wrote and writing new ones back to the kubeconfig file the user came from (kubectl's rules:
// that file, "<file>.lock", mode 0600).
std::shared_ptr<OidcTokenSource> oidcTokenSource(const RestConfig &config);

} // namespace md::kube

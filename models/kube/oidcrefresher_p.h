#pragma once

// Pieces of the OIDC refresh exposed for unit tests: the wire format of the token request
// and how the identity provider's answers are read.

#include "core/result.h"
#include "kube/authprovider.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

namespace md::kube::detail {

// Go's url.QueryEscape: everything but letters, digits and "-_.~" percent-encoded, a space
// as "+".
QByteArray queryEscape(const QString &text);

// Go's url.Values.Encode(): fields sorted by name, "name=value" joined with "&".
QByteArray formEncode(QList<std::pair<QString, QString>> fields);

// oauth2's AuthStyleInHeader: "Basic " + base64(QueryEscape(id) + ":" + QueryEscape(secret)).
QByteArray basicClientAuthorization(const QString &clientId, const QString &clientSecret);

// The token_endpoint of an OpenID discovery document (`url` is where it was read).
Result<QUrl> readDiscovery(int status, const QByteArray &reason, const QByteArray &body,
                           const QString &url, const QString &userName);

// A token endpoint's answer, read as golang.org/x/oauth2 reads it (form-encoded for
// application/x-www-form-urlencoded and text/plain, else JSON; a non-2xx status or an
// `error` field is a refusal; access_token is required), plus client-go's demand for an
// id_token.
struct TokenAnswer
{
    Result<OidcTokens> tokens;
    QString oauthError; // the `error` field of a refusal
};
TokenAnswer readTokenAnswer(int status, const QByteArray &reason, const QByteArray &contentType,
                            const QByteArray &body, const QString &userName);

} // namespace md::kube::detail

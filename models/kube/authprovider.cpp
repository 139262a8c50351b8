#include "kube/authprovider.h"

#include "kube/kubetr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

namespace md::kube {

Result<void> checkAuthProvider(const AuthProviderConfig &provider, const QString &userName)
{
    const QString code = QStringLiteral("kubeconfig.authProvider");
    const QString who = Tr::tr("user \"%1\"").arg(userName);
    if (provider.name == QLatin1String("gcp")) {
        return md::unexpected(
            code,
            who + QStringLiteral(": ")
                + Tr::tr("the gcp auth plugin has been removed from Kubernetes clients. Use the "
                         "\"gke-gcloud-auth-plugin\" credential plugin (an exec entry in the "
                         "kubeconfig) instead; see https://cloud.google.com/blog/products/"
                         "containers-kubernetes/kubectl-auth-changes-in-gke"));
    }
    if (provider.name == QLatin1String("azure")) {
        return md::unexpected(
            code,
            who + QStringLiteral(": ")
                + Tr::tr("the azure auth plugin has been removed from Kubernetes clients. Use the "
                         "kubelogin credential plugin (https://github.com/Azure/kubelogin, an exec "
                         "entry in the kubeconfig) instead; see https://kubernetes.io/docs/"
                         "reference/access-authn-authz/authentication/"
                         "#client-go-credential-plugins"));
    }
    if (provider.name != QLatin1String("oidc")) {
        return md::unexpected(
            code,
            who + QStringLiteral(": ")
                + Tr::tr("no auth provider found for name \"%1\"").arg(provider.name));
    }
    for (const char *key : {oidc::IssuerUrl, oidc::ClientId}) {
        if (provider.config.value(QLatin1String(key)).isEmpty()) {
            return md::unexpected(code,
                                  who + QStringLiteral(": ")
                                      + Tr::tr("oidc: must provide %1").arg(QLatin1String(key)));
        }
    }
    return {};
}

std::optional<QDateTime> jwtExpiry(const QString &jwt)
{
    const QStringList parts = jwt.split(u'.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto payload = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    if (!payload)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*payload);
    const QJsonValue exp = doc.object().value(QLatin1String("exp"));
    if (!exp.isDouble())
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(exp.toDouble()), Qt::UTC);
}

OidcTokenSource::OidcTokenSource(AuthProviderConfig config,
                                 std::shared_ptr<OidcRefresher> refresher,
                                 AuthProviderPersister persister)
    : m_config(std::move(config))
    , m_refresher(std::move(refresher))
    , m_persister(std::move(persister))
{ }

AuthProviderConfig OidcTokenSource::config() const
{
    QMutexLocker locker(&m_mutex);
    return m_config;
}

bool OidcTokenSource::idTokenValid(const QDateTime &now) const
{
    QMutexLocker locker(&m_mutex);
    const QString token = m_config.config.value(QLatin1String(oidc::IdToken));
    if (token.isEmpty())
        return false;
    // A token without a readable exp counts as expired, as in client-go.
    const auto expiry = jwtExpiry(token);
    return expiry && now.addSecs(ExpiryDeltaSeconds) < *expiry;
}

QFuture<Result<QString>> OidcTokenSource::token(const QDateTime &now)
{
    if (idTokenValid(now))
        return QtFuture::makeReadyFuture(
            Result<QString>(config().config.value(QLatin1String(oidc::IdToken))));
    const AuthProviderConfig current = config();
    if (current.config.value(QLatin1String(oidc::RefreshToken)).isEmpty()) {
        return QtFuture::makeReadyFuture(Result<QString>(md::unexpected(
            QStringLiteral("oidc.expired"),
            Tr::tr("oidc: no valid id-token, and cannot refresh without refresh-token; log in "
                   "again with your identity provider's tool"))));
    }
    if (!m_refresher) {
        return QtFuture::makeReadyFuture(Result<QString>(md::unexpected(
            QStringLiteral("oidc.refresh"),
            Tr::tr("oidc: the id-token has expired and refreshing it is not available here; "
                   "run kubectl once to refresh it"))));
    }
    return m_refresher->refresh(current).then(
        [this](const Result<OidcTokens> &tokens) { return applyRefresh(tokens); });
}

Result<QString> OidcTokenSource::applyRefresh(const Result<OidcTokens> &tokens)
{
    if (!tokens)
        return md::unexpected(tokens.error());
    AuthProviderConfig updated;
    {
        QMutexLocker locker(&m_mutex);
        m_config.config.insert(QLatin1String(oidc::IdToken), tokens->idToken);
        if (!tokens->refreshToken.isEmpty())
            m_config.config.insert(QLatin1String(oidc::RefreshToken), tokens->refreshToken);
        updated = m_config;
    }
    if (m_persister) {
        if (auto saved = m_persister(updated); !saved)
            return md::unexpected(saved.error());
    }
    return tokens->idToken;
}

} // namespace md::kube

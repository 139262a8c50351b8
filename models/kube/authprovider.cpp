#include "kube/authprovider.h"

#include "core/waiters.h"
#include "kube/kubetr.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>

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

struct OidcTokenSource::State : std::enable_shared_from_this<State>
{
    mutable QMutex mutex;
    AuthProviderConfig config;
    AuthProviderConfig synced; // as last read from or written to the storage
    std::shared_ptr<OidcRefresher> refresher;
    OidcTokenStorage storage;
    QString rejected; // an id-token the API server answered 401 to
    Waiters<Result<QString>> waiting; // callers of the running refresh (none: idle)
    int refreshes = 0;

    bool validLocked(const QDateTime &now) const
    {
        const QString token = config.config.value(QLatin1String(oidc::IdToken));
        if (token.isEmpty() || token == rejected)
            return false;
        // A token without a readable exp counts as expired, as in client-go.
        const auto expiry = jwtExpiry(token);
        return expiry && now.addSecs(ExpiryDeltaSeconds) < *expiry;
    }

    QString named(const QString &message) const
    {
        if (storage.userName.isEmpty())
            return message;
        return Tr::tr("user \"%1\"").arg(storage.userName) + QStringLiteral(": ") + message;
    }

    // Takes the stanza as the file holds it now when someone else changed it since it was
    // last read or written here (kubectl refreshed, or the user logged in again). A file
    // that cannot be read now leaves the tokens in memory as they are.
    void adoptStored()
    {
        if (!storage.load)
            return;
        const auto stored = storage.load();
        // An incomplete stanza (a file caught half-written by another program) is ignored.
        if (!stored || !*stored || !checkAuthProvider(**stored, storage.userName))
            return;
        QMutexLocker locker(&mutex);
        if (**stored == synced)
            return;
        config = **stored;
        synced = **stored;
    }

    void refresh(const QDateTime &now)
    {
        adoptStored();
        AuthProviderConfig current;
        {
            QMutexLocker locker(&mutex);
            if (validLocked(now)) {
                const QString token = config.config.value(QLatin1String(oidc::IdToken));
                locker.unlock();
                finish(token);
                return;
            }
            current = config;
        }
        if (current.config.value(QLatin1String(oidc::RefreshToken)).isEmpty()) {
            finish(md::unexpected(QStringLiteral("oidc.expired"),
                                  named(Tr::tr("oidc: no valid id-token, and cannot refresh "
                                               "without refresh-token; log in again with your "
                                               "identity provider's tool"))));
            return;
        }
        if (!refresher) {
            finish(md::unexpected(QStringLiteral("oidc.refresh"),
                                  named(Tr::tr("oidc: the id-token has expired and refreshing "
                                               "it is not available here; run kubectl once to "
                                               "refresh it"))));
            return;
        }
        {
            QMutexLocker locker(&mutex);
            ++refreshes;
        }
        auto self = shared_from_this();
        refresher->refresh(current)
            .then(QtFuture::Launch::Sync,
                  [self](const Result<OidcTokens> &tokens) { self->finish(self->apply(tokens)); })
            .onCanceled([self] {
                self->finish(md::unexpected(QStringLiteral("oidc.refresh"),
                                            self->named(Tr::tr("oidc: the token refresh was "
                                                               "cancelled"))));
            });
    }

    Result<QString> apply(const Result<OidcTokens> &tokens)
    {
        if (!tokens)
            return md::unexpected(tokens.error());
        AuthProviderConfig updated;
        {
            QMutexLocker locker(&mutex);
            config.config.insert(QLatin1String(oidc::IdToken), tokens->idToken);
            if (!tokens->refreshToken.isEmpty())
                config.config.insert(QLatin1String(oidc::RefreshToken), tokens->refreshToken);
            updated = config;
        }
        // The new tokens stay in memory even when writing them fails: a rotated refresh
        // token is the only one the identity provider still accepts.
        if (storage.save) {
            if (auto saved = storage.save(updated); !saved) {
                return md::unexpected(QStringLiteral("oidc.persist"),
                                      named(Tr::tr("oidc: could not write the new tokens back "
                                                   "to the kubeconfig: %1")
                                                .arg(saved.error().toString())));
            }
            QMutexLocker locker(&mutex);
            synced = updated;
        }
        return tokens->idToken;
    }

    void finish(const Result<QString> &result)
    {
        QMutexLocker locker(&mutex);
        auto callers = waiting.take();
        locker.unlock();
        callers.fulfil(result);
    }
};

OidcTokenSource::OidcTokenSource(AuthProviderConfig config,
                                 std::shared_ptr<OidcRefresher> refresher,
                                 AuthProviderPersister persister)
    : OidcTokenSource(std::move(config), std::move(refresher),
                      OidcTokenStorage {{}, {}, std::move(persister)})
{ }

OidcTokenSource::OidcTokenSource(AuthProviderConfig config,
                                 std::shared_ptr<OidcRefresher> refresher, OidcTokenStorage storage)
    : d(std::make_shared<State>())
{
    d->synced = config;
    d->config = std::move(config);
    d->refresher = std::move(refresher);
    d->storage = std::move(storage);
}

std::shared_ptr<OidcTokenSource> OidcTokenSource::shared(const QString &key,
                                                         AuthProviderConfig config,
                                                         std::shared_ptr<OidcRefresher> refresher,
                                                         OidcTokenStorage storage)
{
    static QMutex mutex;
    using Cache = QHash<QString, std::weak_ptr<OidcTokenSource>>;
    static Cache cache;

    QMutexLocker locker(&mutex);
    if (auto existing = cache.value(key).lock())
        return existing;
    auto created = std::make_shared<OidcTokenSource>(std::move(config), std::move(refresher),
                                                     std::move(storage));
    cache.removeIf([](Cache::iterator it) { return it.value().expired(); });
    cache.insert(key, created);
    return created;
}

AuthProviderConfig OidcTokenSource::config() const
{
    QMutexLocker locker(&d->mutex);
    return d->config;
}

bool OidcTokenSource::idTokenValid(const QDateTime &now) const
{
    QMutexLocker locker(&d->mutex);
    return d->validLocked(now);
}

QFuture<Result<QString>> OidcTokenSource::token(const QDateTime &now)
{
    QMutexLocker locker(&d->mutex);
    if (d->validLocked(now))
        return QtFuture::makeReadyFuture(
            Result<QString>(d->config.config.value(QLatin1String(oidc::IdToken))));
    // One refresh at a time (a rotated refresh token works only once); every caller gets a
    // future of its own, as a QFuture takes a single continuation.
    bool first = false;
    QFuture<Result<QString>> future = d->waiting.add(&first);
    locker.unlock();
    if (!first)
        return future;
    if (d->storage.load) {
        // Reading the kubeconfig is file I/O: not on the caller's (maybe the GUI) thread.
        // The pool rather than QtConcurrent::run, so that no waiting caller runs it.
        QThreadPool::globalInstance()->start([state = d, now] { state->refresh(now); });
    } else {
        d->refresh(now);
    }
    return future;
}

bool OidcTokenSource::invalidate(const QString &idToken)
{
    QMutexLocker locker(&d->mutex);
    if (idToken.isEmpty() || d->config.config.value(QLatin1String(oidc::IdToken)) != idToken)
        return false;
    d->rejected = idToken;
    return true;
}

int OidcTokenSource::refreshes() const
{
    QMutexLocker locker(&d->mutex);
    return d->refreshes;
}

} // namespace md::kube

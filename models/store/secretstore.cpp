#include "store/secretstore.h"

#include "mesh/meshtr.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QPromise>
#include <qt6keychain/keychain.h>

#include <functional>
#include <memory>

namespace md::store {

using md::mesh::Tr;

namespace {

template<typename T> using Promise = std::shared_ptr<QPromise<T>>;

template<typename T> Promise<T> startPromise()
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    return promise;
}

template<typename T> void finish(const Promise<T> &promise, T result)
{
    promise->addResult(std::move(result));
    promise->finish();
}

// QtKeychain reports most Secret Service failures as OtherError with GLib's message; those
// that mean "nothing to talk to" are recognised by what they mention.
bool meansNoKeychain(QKeychain::Error code, const QString &detail)
{
    if (code == QKeychain::NoBackendAvailable || code == QKeychain::NotImplemented)
        return true;
    if (code != QKeychain::OtherError)
        return false;
    for (const char *hint : {"d-bus", "dbus", "message bus", "org.freedesktop.secrets",
                             "/org/freedesktop/secrets", "could not connect"}) {
        if (detail.contains(QLatin1String(hint), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// `what` says which secret and what was being done with it; never the secret itself.
Error jobError(const QKeychain::Job *job, const QString &what)
{
    const QString detail = job->errorString();
    if (meansNoKeychain(job->error(), detail)) {
        return Error {QString::fromLatin1(SecretStore::NoKeychainCode),
                      Tr::tr("%1: no keychain is available (%2). MeshDesk keeps tokens and "
                             "passwords only in the system keychain: start and unlock GNOME "
                             "Keyring or KWallet in your desktop session; without a desktop, "
                             "start \"gnome-keyring-daemon --unlock --components=secrets\" "
                             "inside dbus-run-session and run MeshDesk there.")
                          .arg(what, detail)};
    }
    if (job->error() == QKeychain::AccessDenied || job->error() == QKeychain::AccessDeniedByUser) {
        return Error {QString::fromLatin1(SecretStore::AccessDeniedCode),
                      Tr::tr("%1: the keychain refused access (%2). Unlock your keyring and "
                             "try again.")
                          .arg(what, detail)};
    }
    return Error {QString::fromLatin1(SecretStore::FailedCode), Tr::tr("%1: %2").arg(what, detail)};
}

template<typename T> bool refuseEmptyKey(const QString &key, const Promise<T> &promise)
{
    if (!key.isEmpty())
        return false;
    finish(promise,
           T(unexpected(QString::fromLatin1(SecretStore::FailedCode),
                        Tr::tr("a secret needs a key"))));
    return true;
}

// A locked Secret Service keyring whose unlock prompt cannot be shown (no prompter, or the
// user dismissed it) answers a read with "not found" and a delete with success, and the item
// stays. Such answers are checked against the service's default collection (asynchronously;
// the answer arrives on the calling thread): locked means the keychain refused access.
// Backends without the Secret Service interface answer nothing here and count as unlocked.
void whenDefaultKeyringLocked(std::function<void(bool)> done)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        done(false);
        return;
    }
    const QString service = QStringLiteral("org.freedesktop.secrets");
    QDBusMessage alias = QDBusMessage::createMethodCall(
        service, QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("ReadAlias"));
    alias << QStringLiteral("default");
    auto *first = new QDBusPendingCallWatcher(bus.asyncCall(alias, 5000));
    QObject::connect(
        first, &QDBusPendingCallWatcher::finished, first,
        [bus, service, done](QDBusPendingCallWatcher *w) mutable {
            w->deleteLater();
            const QDBusPendingReply<QDBusObjectPath> path = *w;
            if (path.isError() || path.value().path() == QLatin1String("/")) {
                done(false);
                return;
            }
            QDBusMessage get = QDBusMessage::createMethodCall(
                service, path.value().path(), QStringLiteral("org.freedesktop.DBus.Properties"),
                QStringLiteral("Get"));
            get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
            auto *second = new QDBusPendingCallWatcher(bus.asyncCall(get, 5000));
            QObject::connect(second, &QDBusPendingCallWatcher::finished, second,
                             [done](QDBusPendingCallWatcher *w2) {
                                 w2->deleteLater();
                                 const QDBusPendingReply<QDBusVariant> locked = *w2;
                                 done(!locked.isError() && locked.value().variant().toBool());
                             });
        });
}

Error lockedError(const QString &what)
{
    return Error {QString::fromLatin1(SecretStore::AccessDeniedCode),
                  Tr::tr("%1: the keychain refused access (%2). Unlock your keyring and "
                         "try again.")
                      .arg(what, Tr::tr("the keyring is locked"))};
}

// Jobs run one after another in QtKeychain's queue and delete themselves when finished;
// the local fallback (a plain-text file) stays off.
void startJob(QKeychain::Job *job, const QString &key)
{
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->start();
}

} // namespace

SecretStore::SecretStore(const QString &service)
    : m_service(service)
{ }

QFuture<Result<std::optional<QString>>> SecretStore::read(const QString &key) const
{
    using R = Result<std::optional<QString>>;
    auto promise = startPromise<R>();
    if (refuseEmptyKey(key, promise))
        return promise->future();
    auto job = new QKeychain::ReadPasswordJob(m_service);
    QObject::connect(job, &QKeychain::Job::finished, job, [promise, key](QKeychain::Job *done) {
        switch (done->error()) {
        case QKeychain::NoError:
            finish(promise,
                   R(std::optional<QString>(
                       static_cast<QKeychain::ReadPasswordJob *>(done)->textData())));
            break;
        case QKeychain::EntryNotFound:
            whenDefaultKeyringLocked([promise, key](bool locked) {
                if (locked)
                    finish(promise,
                           R(unexpected(
                               lockedError(Tr::tr("Cannot read %1 from the keychain").arg(key)))));
                else
                    finish(promise, R(std::optional<QString>()));
            });
            break;
        default:
            finish(
                promise,
                R(unexpected(jobError(done, Tr::tr("Cannot read %1 from the keychain").arg(key)))));
        }
    });
    startJob(job, key);
    return promise->future();
}

QFuture<Result<void>> SecretStore::write(const QString &key, const QString &secret) const
{
    auto promise = startPromise<Result<void>>();
    if (refuseEmptyKey(key, promise))
        return promise->future();
    auto job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    QObject::connect(job, &QKeychain::Job::finished, job, [promise, key](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError)
            finish(promise, Result<void>());
        else
            finish(promise,
                   Result<void>(unexpected(
                       jobError(done, Tr::tr("Cannot store %1 in the keychain").arg(key)))));
    });
    startJob(job, key);
    return promise->future();
}

QFuture<Result<void>> SecretStore::remove(const QString &key) const
{
    auto promise = startPromise<Result<void>>();
    if (refuseEmptyKey(key, promise))
        return promise->future();
    auto job = new QKeychain::DeletePasswordJob(m_service);
    QObject::connect(job, &QKeychain::Job::finished, job, [promise, key](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound) {
            whenDefaultKeyringLocked([promise, key](bool locked) {
                if (locked)
                    finish(promise,
                           Result<void>(unexpected(lockedError(
                               Tr::tr("Cannot remove %1 from the keychain").arg(key)))));
                else
                    finish(promise, Result<void>());
            });
        } else
            finish(promise,
                   Result<void>(unexpected(
                       jobError(done, Tr::tr("Cannot remove %1 from the keychain").arg(key)))));
    });
    startJob(job, key);
    return promise->future();
}

QFuture<Result<void>> SecretStore::move(const QString &from, const QString &to) const
{
    auto promise = startPromise<Result<void>>();
    if (from == to) {
        finish(promise, Result<void>());
        return promise->future();
    }
    const SecretStore self = *this;
    read(from).then([self, promise, from, to](const Result<std::optional<QString>> &value) {
        if (!value) {
            finish(promise, Result<void>(unexpected(value.error())));
            return;
        }
        const bool found = value->has_value();
        QFuture<Result<void>> stored = found ? self.write(to, **value) : self.remove(to);
        stored.then([self, promise, from, found](const Result<void> &written) {
            if (!written || !found) {
                finish(promise, written);
                return;
            }
            self.remove(from).then(
                [promise](const Result<void> &removed) { finish(promise, removed); });
        });
    });
    return promise->future();
}

} // namespace md::store

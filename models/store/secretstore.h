#pragma once

// Secrets the user gives MeshDesk (Prometheus bearer tokens, passwords) live in the system
// keychain, through QtKeychain: the Secret Service (GNOME Keyring, KWallet) on Linux. They
// are never written to the database, the settings or a log, and never cached here.
//
// Every call returns at once with a future; the keychain answers over D-Bus and the future
// finishes on the thread that made the call, which must run an event loop (the GUI thread).
// Chain with `.then(context, ...)`. A secret that is not there is not a failure: read()
// gives std::nullopt and remove() succeeds. Failures carry one of the codes below.

#include "core/result.h"

#include <QFuture>
#include <QString>

#include <optional>

namespace md::store {

class SecretStore
{
public:
    // No keychain to talk to: no Secret Service on the session bus, no session bus, or no
    // unlocked default keyring. The message says what to do.
    static constexpr auto NoKeychainCode = "secret.noKeychain";
    // The keychain refused (locked, or the user said no).
    static constexpr auto AccessDeniedCode = "secret.accessDenied";
    // Anything else the keychain reported.
    static constexpr auto FailedCode = "secret.failed";
    static constexpr auto DefaultService = "MeshDesk";

    // `service` names MeshDesk's entries in the keychain (their "service" attribute).
    explicit SecretStore(const QString &service = QString::fromLatin1(DefaultService));

    QString service() const { return m_service; }

    QFuture<Result<std::optional<QString>>> read(const QString &key) const;
    QFuture<Result<void>> write(const QString &key, const QString &secret) const;
    QFuture<Result<void>> remove(const QString &key) const;
    // Moves the secret under `from` to `to` (write, then remove); when `from` holds none,
    // `to` is removed, so that afterwards `to` holds exactly what `from` held.
    QFuture<Result<void>> move(const QString &from, const QString &to) const;

    static bool isNoKeychain(const Error &error)
    {
        return error.code == QLatin1String(NoKeychainCode);
    }

private:
    QString m_service;
};

} // namespace md::store

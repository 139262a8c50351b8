#pragma once

// Keychain tests talk to the real Secret Service, but only to the throwaway one that
// scripts/test.sh starts (a private session bus and an unlocked gnome-keyring-daemon whose
// files live in a temporary folder, named by MESHDESK_TEST_KEYRING): never to a developer's
// own keyring. In CI (CI=true) a missing keychain fails the test; elsewhere it is skipped
// with the reason.

#include "store/secretstore.h"

#include <QCoreApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>
#include <QDir>
#include <QFuture>
#include <QTest>

namespace md::testing {

// The keychain service of this test process: test executables run in parallel and share the
// keyring, so each keeps to its own entries.
inline QString testService()
{
    return QStringLiteral("MeshDesk-test-%1").arg(QCoreApplication::applicationPid());
}

// Waits (running the event loop) for a keychain future; a timeout is a failure.
template<typename T> T await(QFuture<T> future, int timeoutMs = 30000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        return T(
            md::unexpected(QStringLiteral("test.timeout"),
                           QStringLiteral("the keychain did not answer in %1 ms").arg(timeoutMs)));
    return future.result();
}

// Empty when the isolated test keychain answers a write, a read and a remove.
inline QString keychainUnavailable()
{
    const QString isolated = qEnvironmentVariable("MESHDESK_TEST_KEYRING");
    if (isolated.isEmpty() || !QDir(isolated).exists())
        return QStringLiteral("no isolated test keyring (MESHDESK_TEST_KEYRING): run the tests "
                              "through scripts/test.sh, which starts one in a private session "
                              "bus; they never use your own keyring");
    const md::store::SecretStore probe(testService() + QStringLiteral("-probe"));
    const QString key = QStringLiteral("probe");
    if (auto written = await(probe.write(key, QStringLiteral("probe-value"))); !written)
        return written.error().toString();
    auto read = await(probe.read(key));
    if (!read)
        return read.error().toString();
    if (*read != QStringLiteral("probe-value"))
        return QStringLiteral("the keychain gave back another value than the one stored");
    if (auto removed = await(probe.remove(key)); !removed)
        return removed.error().toString();
    return {};
}

inline bool inCi()
{
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

// Locking and unlocking the isolated test keyring, to make the keychain fail on purpose.
// A test that locks it runs alone (CTest RUN_SERIAL), so a locked keyring never reaches
// another test.
// The unlock uses gnome-keyring's own interface with the password scripts/test.sh set.
struct KeyringSecret
{
    QDBusObjectPath session;
    QByteArray parameters;
    QByteArray value;
    QString contentType;
};

inline QDBusArgument &operator<<(QDBusArgument &arg, const KeyringSecret &s)
{
    arg.beginStructure();
    arg << s.session << s.parameters << s.value << s.contentType;
    arg.endStructure();
    return arg;
}

inline const QDBusArgument &operator>>(const QDBusArgument &arg, KeyringSecret &s)
{
    arg.beginStructure();
    arg >> s.session >> s.parameters >> s.value >> s.contentType;
    arg.endStructure();
    return arg;
}

} // namespace md::testing

Q_DECLARE_METATYPE(md::testing::KeyringSecret)

namespace md::testing {

inline QString secretServiceCall(const QString &interface, const QString &method,
                                 const QVariantList &args, QVariantList *out = nullptr)
{
    QDBusInterface service(QStringLiteral("org.freedesktop.secrets"),
                           QStringLiteral("/org/freedesktop/secrets"), interface,
                           QDBusConnection::sessionBus());
    const QDBusMessage reply = service.callWithArgumentList(QDBus::Block, method, args);
    if (reply.type() == QDBusMessage::ErrorMessage)
        return interface + u'.' + method + QStringLiteral(": ") + reply.errorMessage();
    if (out)
        *out = reply.arguments();
    return {};
}

// The collection behind the "default" alias (gnome-keyring's login keyring).
inline QString defaultCollection(QDBusObjectPath *path)
{
    QVariantList out;
    const QString error
        = secretServiceCall(QStringLiteral("org.freedesktop.Secret.Service"),
                            QStringLiteral("ReadAlias"), {QStringLiteral("default")}, &out);
    if (!error.isEmpty())
        return error;
    *path = out.value(0).value<QDBusObjectPath>();
    if (path->path() == u"/")
        return QStringLiteral("the test keyring has no default collection");
    return {};
}

// Empty on success, else what failed.
inline QString lockTestKeyring()
{
    QDBusObjectPath collection;
    if (QString error = defaultCollection(&collection); !error.isEmpty())
        return error;
    return secretServiceCall(QStringLiteral("org.freedesktop.Secret.Service"),
                             QStringLiteral("Lock"),
                             {QVariant::fromValue(QList<QDBusObjectPath> {collection})});
}

inline QString unlockTestKeyring()
{
    qDBusRegisterMetaType<KeyringSecret>();
    QDBusObjectPath collection;
    if (QString error = defaultCollection(&collection); !error.isEmpty())
        return error;
    QVariantList session;
    if (QString error = secretServiceCall(
            QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("OpenSession"),
            {QStringLiteral("plain"), QVariant::fromValue(QDBusVariant(QString()))}, &session);
        !error.isEmpty())
        return error;
    const KeyringSecret master {session.value(1).value<QDBusObjectPath>(),
                                {},
                                QByteArrayLiteral("meshdesk-test"),
                                QStringLiteral("text/plain")};
    return secretServiceCall(
        QStringLiteral("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"),
        QStringLiteral("UnlockWithMasterPassword"),
        {QVariant::fromValue(collection), QVariant::fromValue(master)});
}

// Whether the default collection is locked now (read from the Secret Service).
inline bool testKeyringLocked()
{
    QDBusObjectPath collection;
    if (!defaultCollection(&collection).isEmpty())
        return false;
    QDBusInterface c(QStringLiteral("org.freedesktop.secrets"), collection.path(),
                     QStringLiteral("org.freedesktop.Secret.Collection"),
                     QDBusConnection::sessionBus());
    return c.property("Locked").toBool();
}

} // namespace md::testing

// In initTestCase(): fails in CI, skips elsewhere, when there is no test keychain.
#define MD_REQUIRE_KEYCHAIN()                                                                      \
    do {                                                                                           \
        const QString reason_ = md::testing::keychainUnavailable();                                \
        if (!reason_.isEmpty()) {                                                                  \
            if (md::testing::inCi())                                                               \
                QFAIL(qPrintable(QStringLiteral("CI needs a keychain: ") + reason_));              \
            QSKIP(qPrintable(QStringLiteral("no keychain: ") + reason_));                          \
        }                                                                                          \
    } while (false)

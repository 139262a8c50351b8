#pragma once

// Keychain tests talk to the real Secret Service, but only to the throwaway one that
// scripts/test.sh starts (a private session bus and an unlocked gnome-keyring-daemon whose
// files live in a temporary folder, named by MESHDESK_TEST_KEYRING): never to a developer's
// own keyring. In CI (CI=true) a missing keychain fails the test; elsewhere it is skipped
// with the reason.

#include "store/secretstore.h"

#include <QCoreApplication>
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

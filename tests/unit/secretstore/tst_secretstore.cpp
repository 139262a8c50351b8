#include "keychaintestutil.h"

#include "store/secretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using md::store::SecretStore;
using md::testing::await;

namespace {

QStringList g_messages; // every Qt message while a test runs

void collectMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages << message;
}

} // namespace

class tst_SecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void writeReadOverwriteRemove();
    void callsReturnBeforeTheKeychainAnswers();
    void missingIsNotAFailure();
    void lockedKeyringIsRefusedNotMissing();
    void keepsAnyText();
    void servicesAreApart();
    void moveCarriesTheSecret();
    void emptyKeyIsRefused();
    void secretsNeverReachTheLog();
    void noKeychainSaysWhatToDo_data();
    void noKeychainSaysWhatToDo();

private:
    QStringList m_keys; // written by a test, removed after it
    QString key(const QString &name)
    {
        m_keys << name;
        return name;
    }
};

void tst_SecretStore::initTestCase()
{
    MD_REQUIRE_KEYCHAIN();
}

void tst_SecretStore::cleanup()
{
    const SecretStore store(md::testing::testService());
    for (const QString &k : std::as_const(m_keys))
        QVERIFY(await(store.remove(k)));
    m_keys.clear();
}

void tst_SecretStore::writeReadOverwriteRemove()
{
    const SecretStore store(md::testing::testService());
    const QString k = key(QStringLiteral("mesh/prod/prometheus-token"));
    auto written = await(store.write(k, QStringLiteral("first")));
    QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));
    auto read = await(store.read(k));
    QVERIFY(read);
    QCOMPARE(*read, std::optional<QString>(QStringLiteral("first")));

    QVERIFY(await(store.write(k, QStringLiteral("second"))));
    QCOMPARE(*await(store.read(k)), std::optional<QString>(QStringLiteral("second")));

    QVERIFY(await(store.remove(k)));
    read = await(store.read(k));
    QVERIFY(read);
    QVERIFY(!read->has_value());
}

void tst_SecretStore::callsReturnBeforeTheKeychainAnswers()
{
    const SecretStore store(md::testing::testService());
    const QString k = key(QStringLiteral("mesh/async/prometheus-token"));
    QFuture<md::Result<void>> written = store.write(k, QStringLiteral("value"));
    QVERIFY(!written.isFinished()); // the answer comes through the event loop
    QVERIFY(await(written));
    QFuture<md::Result<std::optional<QString>>> read = store.read(k);
    QVERIFY(!read.isFinished());
    QCOMPARE(*await(read), std::optional<QString>(QStringLiteral("value")));
}

void tst_SecretStore::lockedKeyringIsRefusedNotMissing()
{
    // A locked keyring whose unlock prompt cannot appear answers "not found" to a read and
    // success to a delete: neither may reach the caller as such.
    const SecretStore store(md::testing::testService());
    const QString k = key(QStringLiteral("mesh/locked/prometheus-token"));
    QVERIFY(await(store.write(k, QStringLiteral("kept"))));
    const QString locked = md::testing::lockTestKeyring();
    QVERIFY2(locked.isEmpty(), qPrintable(locked));
    const auto unlock = qScopeGuard([] {
        const QString unlocked = md::testing::unlockTestKeyring();
        if (!unlocked.isEmpty() || md::testing::testKeyringLocked())
            qFatal("the test keyring stays locked: %s", qPrintable(unlocked));
    });
    QVERIFY(md::testing::testKeyringLocked());
    const auto read = await(store.read(k));
    QVERIFY(!read);
    QCOMPARE(read.error().code, QString::fromLatin1(SecretStore::AccessDeniedCode));
    QVERIFY2(read.error().message.contains(k), qPrintable(read.error().message));
    QVERIFY2(read.error().message.contains(QStringLiteral("the keyring is locked")),
             qPrintable(read.error().message));
    const auto removed = await(store.remove(k));
    QVERIFY(!removed);
    QCOMPARE(removed.error().code, QString::fromLatin1(SecretStore::AccessDeniedCode));
    QVERIFY2(removed.error().message.startsWith(QStringLiteral("Cannot remove ") + k),
             qPrintable(removed.error().message));
    // Unlocked: the secret is still there, and a missing one is again just missing.
    QVERIFY(md::testing::unlockTestKeyring().isEmpty());
    QCOMPARE(*await(store.read(k)), std::optional<QString>(QStringLiteral("kept")));
    QCOMPARE(*await(store.read(key(QStringLiteral("mesh/never-written/prometheus-token")))),
             std::optional<QString>());
}

void tst_SecretStore::missingIsNotAFailure()
{
    const SecretStore store(md::testing::testService());
    auto read = await(store.read(QStringLiteral("mesh/never-written/prometheus-token")));
    QVERIFY2(read, read ? "" : qPrintable(read.error().toString()));
    QVERIFY(!read->has_value());
    // Removing what is not there succeeds: the caller wanted it gone, and it is.
    QVERIFY(await(store.remove(QStringLiteral("mesh/never-written/prometheus-token"))));
}

void tst_SecretStore::keepsAnyText()
{
    const SecretStore store(md::testing::testService());
    const QString k = key(QStringLiteral("mesh/网格 with spaces/prometheus-token"));
    QString secret = QStringLiteral("eyJhbGciOi.令牌.\n\t\"quoted\" ");
    secret += QString(4096, QLatin1Char('x'));
    QVERIFY(await(store.write(k, secret)));
    QCOMPARE(*await(store.read(k)), std::optional<QString>(secret));
}

void tst_SecretStore::servicesAreApart()
{
    const SecretStore a(md::testing::testService());
    const SecretStore b(md::testing::testService() + QStringLiteral("-other"));
    const QString k = key(QStringLiteral("mesh/shared/prometheus-token"));
    QVERIFY(await(a.write(k, QStringLiteral("from a"))));
    QVERIFY(!await(b.read(k))->has_value());
    QVERIFY(await(b.write(k, QStringLiteral("from b"))));
    QCOMPARE(*await(a.read(k)), std::optional<QString>(QStringLiteral("from a")));
    QVERIFY(await(b.remove(k)));
    QCOMPARE(*await(a.read(k)), std::optional<QString>(QStringLiteral("from a")));
}

void tst_SecretStore::moveCarriesTheSecret()
{
    const SecretStore store(md::testing::testService());
    const QString from = key(QStringLiteral("mesh/old/prometheus-token"));
    const QString to = key(QStringLiteral("mesh/new/prometheus-token"));
    QVERIFY(await(store.write(from, QStringLiteral("token-1"))));
    auto moved = await(store.move(from, to));
    QVERIFY2(moved, moved ? "" : qPrintable(moved.error().toString()));
    QVERIFY(!await(store.read(from))->has_value());
    QCOMPARE(*await(store.read(to)), std::optional<QString>(QStringLiteral("token-1")));

    // Moving nothing leaves nothing: a stale secret under the new key goes.
    QVERIFY(await(store.move(from, to)));
    QVERIFY(!await(store.read(to))->has_value());

    // A move onto itself keeps the secret.
    QVERIFY(await(store.write(to, QStringLiteral("token-2"))));
    QVERIFY(await(store.move(to, to)));
    QCOMPARE(*await(store.read(to)), std::optional<QString>(QStringLiteral("token-2")));
}

void tst_SecretStore::emptyKeyIsRefused()
{
    const SecretStore store(md::testing::testService());
    auto written = await(store.write(QString(), QStringLiteral("x")));
    QVERIFY(!written);
    QCOMPARE(written.error().code, QString::fromLatin1(SecretStore::FailedCode));
    QVERIFY(!await(store.read(QString())));
    QVERIFY(!await(store.remove(QString())));
}

void tst_SecretStore::secretsNeverReachTheLog()
{
    const QString secret = QStringLiteral("sekrit-9f3c2a7e-must-not-be-logged");
    const SecretStore store(md::testing::testService());
    const QString a = key(QStringLiteral("mesh/logged/prometheus-token"));
    const QString b = key(QStringLiteral("mesh/logged2/prometheus-token"));
    g_messages.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(collectMessage);
    const bool ok = await(store.write(a, secret)) && await(store.read(a)) && await(store.move(a, b))
        && await(store.read(b)) && await(store.remove(b));
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(ok);
    for (const QString &message : std::as_const(g_messages))
        QVERIFY2(!message.contains(secret), qPrintable(QStringLiteral("logged: ") + message));
}

void tst_SecretStore::noKeychainSaysWhatToDo_data()
{
    QTest::addColumn<QString>("busAddress"); // empty: no session bus at all
    QTest::newRow("no session bus") << QString();
    QTest::newRow("session bus gone") << QStringLiteral("unix:path=%1/no-such-bus");
}

// A child process without a usable session bus (as under a bare xvfb-run) reads and writes:
// both fail as "no keychain", with a message that says what to do.
void tst_SecretStore::noKeychainSaysWhatToDo()
{
    QFETCH(QString, busAddress);
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    if (!busAddress.isEmpty())
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress.arg(runtime.path()));
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--no-keychain-child")});
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitCode(), 0);
    const QStringList lines = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n');
    QCOMPARE(lines.size(), 5); // read code, read message, write code, write message, ""
    for (int i : {0, 2}) {
        QCOMPARE(lines.at(i), QString::fromLatin1(SecretStore::NoKeychainCode));
        const QString message = lines.at(i + 1);
        QVERIFY2(message.contains(QStringLiteral("mesh/child/prometheus-token")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("no keychain is available")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("gnome-keyring-daemon --unlock")),
                 qPrintable(message));
    }
}

// The child of noKeychainSaysWhatToDo: prints the code and message of a read and a write.
static int noKeychainChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const SecretStore store(md::testing::testService());
    const QString k = QStringLiteral("mesh/child/prometheus-token");
    auto read = await(store.read(k));
    auto written = await(store.write(k, QStringLiteral("value")));
    for (const md::Error &e : {read ? md::Error {QStringLiteral("ok")} : read.error(),
                               written ? md::Error {QStringLiteral("ok")} : written.error()}) {
        QString message = e.message;
        message.replace(u'\n', u' ');
        std::printf("%s\n%s\n", qPrintable(e.code), qPrintable(message));
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--no-keychain-child") == 0)
        return noKeychainChild(argc, argv);
    QCoreApplication app(argc, argv);
    tst_SecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"

#include "keychaintestutil.h"

#include "mesh/connectionmanager.h"
#include "mesh/meshregistry.h"
#include "store/meshstore.h"
#include "store/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using md::mesh::Mesh;
using md::mesh::MeshRegistry;
using md::store::MeshStore;
using md::store::SecretStore;
using md::testing::await;

// The registry's handling of mesh secrets, against the isolated test keychain: the token
// lives only there, follows renames and goes with the mesh.
class tst_MeshSecrets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tokenLivesOnlyInTheKeychain();
    void renameMovesTheToken();
    void renameWithANewToken();
    void emptyTokenDeletesIt();
    void tokenUntouchedWhenNotGiven();
    void removeDeletesTheToken();
    void removeReportsThroughTheSignalToo();
    void keychainWorkRunsInTheOrderAsked();
    void takenNamesAreRefusedAndTouchNothing();
    void invalidMeshTouchesNothing();
    void withoutKeychainTheMeshIsStillSaved();

private:
    static Mesh prod();
    std::optional<QString> tokenOf(const QString &mesh) const;
    // Every file that could hold the token: the database (and its journals) and QSettings.
    QStringList filesHolding(const QByteArray &needle) const;

    const SecretStore m_secrets {md::testing::testService()};
    QTemporaryDir m_config; // XDG_CONFIG_HOME: QSettings
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MeshStore> m_store;
    std::unique_ptr<md::mesh::ConnectionManager> m_connections;
    std::unique_ptr<MeshRegistry> m_registry;
};

Mesh tst_MeshSecrets::prod()
{
    Mesh m;
    m.name = QStringLiteral("prod");
    m.type = Mesh::Type::Hosted;
    m.controlPlane = QStringLiteral("cp-east");
    m.members = {QStringLiteral("member-a")};
    m.prometheusUrl = QStringLiteral("https://thanos.example.org:9090");
    return m;
}

void tst_MeshSecrets::initTestCase()
{
    // QSettings settles on its folder once: a temporary one, for the whole run.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("MeshDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_meshsecrets"));
    QVERIFY(QSettings().fileName().startsWith(m_config.path()));
    MD_REQUIRE_KEYCHAIN();
}

void tst_MeshSecrets::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MeshStore>();
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("meshdesk.sqlite"))));
    m_connections = std::make_unique<md::mesh::ConnectionManager>();
    m_registry = std::make_unique<MeshRegistry>(m_store.get(), m_connections.get());
    m_registry->setSecretStore(m_secrets);
}

void tst_MeshSecrets::cleanup()
{
    for (const char *name : {"prod", "production", "staging", "other"})
        QVERIFY(await(m_secrets.remove(md::mesh::prometheusTokenKey(QString::fromLatin1(name)))));
    m_registry.reset();
    m_connections.reset();
    m_store.reset();
    m_dir.reset();
}

std::optional<QString> tst_MeshSecrets::tokenOf(const QString &mesh) const
{
    auto read = await(m_registry->prometheusToken(mesh));
    if (!read) {
        qWarning("%s", qPrintable(read.error().toString()));
        return QStringLiteral("<keychain error>");
    }
    return *read;
}

QStringList tst_MeshSecrets::filesHolding(const QByteArray &needle) const
{
    QSettings settings;
    settings.setValue(QStringLiteral("probe/written"), true); // the settings file exists
    settings.sync();
    const QByteArray utf16(reinterpret_cast<const char *>(QString::fromLatin1(needle).utf16()),
                           needle.size() * 2);
    QStringList found;
    for (const QString &dir : {m_dir->path(), m_config.path()}) {
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly)) {
                const QByteArray bytes = file.readAll();
                if (bytes.contains(needle) || bytes.contains(utf16))
                    found << file.fileName();
            }
        }
    }
    return found;
}

void tst_MeshSecrets::tokenLivesOnlyInTheKeychain()
{
    const QString token = QStringLiteral("tok-7d1e5b2c-prometheus-bearer");
    auto saved = await(m_registry->saveMesh(prod(), QString(), token));
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>(token));
    QCOMPARE(m_registry->meshes().size(), 1);

    // The scan finds what is there (the mesh's URL, a setting), and not the token.
    QSettings().setValue(QStringLiteral("meshes/current"), QStringLiteral("prod-in-settings"));
    QVERIFY(filesHolding("thanos.example.org")
                .contains(m_dir->filePath(QStringLiteral("meshdesk.sqlite"))));
    QCOMPARE(filesHolding("prod-in-settings"), QStringList {QSettings().fileName()});
    const QStringList holding = filesHolding(token.toLatin1());
    QVERIFY2(holding.isEmpty(), qPrintable(holding.join(QStringLiteral(", "))));
    // Read back from the store: nothing about the token either.
    QCOMPARE(m_store->mesh(QStringLiteral("prod")).value(), prod());
}

void tst_MeshSecrets::renameMovesTheToken()
{
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("token-1"))));
    QSignalSpy current(m_registry.get(), &MeshRegistry::currentMeshChanged);
    // Its clusters are not in any kubeconfig here: selecting says so, and selects it.
    m_registry->selectMesh(QStringLiteral("prod"));
    QCOMPARE(m_registry->currentMesh(), QStringLiteral("prod"));
    Mesh renamed = prod();
    renamed.name = QStringLiteral("production");
    auto saved = await(m_registry->saveMesh(renamed, QStringLiteral("prod")));
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    QCOMPARE(tokenOf(QStringLiteral("production")),
             std::optional<QString>(QStringLiteral("token-1")));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>());
    QCOMPARE(m_registry->meshes().size(), 1);
    QCOMPARE(m_registry->meshes().constFirst().name, QStringLiteral("production"));
    QCOMPARE(m_registry->meshes().constFirst().members, prod().members);
    // The selected mesh keeps being selected under its new name.
    QCOMPARE(m_registry->currentMesh(), QStringLiteral("production"));
    QCOMPARE(current.last().at(0).toString(), QStringLiteral("production"));
}

void tst_MeshSecrets::renameWithANewToken()
{
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("old-token"))));
    Mesh renamed = prod();
    renamed.name = QStringLiteral("production");
    QVERIFY(
        await(m_registry->saveMesh(renamed, QStringLiteral("prod"), QStringLiteral("new-token"))));
    QCOMPARE(tokenOf(QStringLiteral("production")),
             std::optional<QString>(QStringLiteral("new-token")));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>());
}

void tst_MeshSecrets::emptyTokenDeletesIt()
{
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("token"))));
    QVERIFY(await(m_registry->saveMesh(prod(), QStringLiteral("prod"), QString())));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>());
    // A new mesh without a token stores none.
    Mesh other = prod();
    other.name = QStringLiteral("other");
    QVERIFY(await(m_registry->saveMesh(other, QString(), QString())));
    QCOMPARE(tokenOf(QStringLiteral("other")), std::optional<QString>());
}

void tst_MeshSecrets::tokenUntouchedWhenNotGiven()
{
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("token"))));
    Mesh changed = prod();
    changed.rootNamespace = QStringLiteral("istio-config");
    QVERIFY(await(m_registry->saveMesh(changed, QStringLiteral("prod"))));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>(QStringLiteral("token")));
    QCOMPARE(m_registry->mesh(QStringLiteral("prod"))->rootNamespace,
             QStringLiteral("istio-config"));
    // The plain save() (used for detected meshes) leaves secrets alone too.
    QVERIFY(m_registry->save(prod()));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>(QStringLiteral("token")));
}

void tst_MeshSecrets::removeDeletesTheToken()
{
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("token"))));
    auto removed = await(m_registry->removeMesh(QStringLiteral("prod")));
    QVERIFY2(removed, removed ? "" : qPrintable(removed.error().toString()));
    QVERIFY(m_registry->meshes().isEmpty());
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>());
    // Unknown meshes: refused at once, nothing else happens.
    QVERIFY(!await(m_registry->removeMesh(QStringLiteral("prod"))));
}

void tst_MeshSecrets::removeReportsThroughTheSignalToo()
{
    // A remove that succeeds says nothing.
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("token"))));
    QSignalSpy errors(m_registry.get(), &MeshRegistry::errorOccurred);
    QVERIFY(m_registry->remove(QStringLiteral("prod")));
    QVERIFY(m_registry->meshes().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(tokenOf(QStringLiteral("prod")), std::optional<QString>(), 20000);
    QCOMPARE(errors.size(), 0);

    // A remove whose keychain work fails (the keyring is locked, nobody can unlock it) still
    // removes the mesh, and says through the signal that the token was left behind.
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("token"))));
    const QString locked = md::testing::lockTestKeyring();
    QVERIFY2(locked.isEmpty(), qPrintable(locked));
    QVERIFY(md::testing::testKeyringLocked());
    const auto unlock = qScopeGuard([] {
        const QString unlocked = md::testing::unlockTestKeyring();
        if (!unlocked.isEmpty() || md::testing::testKeyringLocked())
            qFatal("the test keyring stays locked: %s", qPrintable(unlocked));
    });
    // Reading a locked keyring is refused, not "no token".
    auto read = await(m_registry->prometheusToken(QStringLiteral("prod")));
    QVERIFY(!read);
    QCOMPARE(read.error().code, QString::fromLatin1(SecretStore::AccessDeniedCode));
    QVERIFY2(read.error().message.contains(QStringLiteral("the keyring is locked")),
             qPrintable(read.error().message));
    QVERIFY(m_registry->remove(QStringLiteral("prod")));
    QVERIFY(m_registry->meshes().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 30000);
    const QString message = errors.constFirst().constFirst().toString();
    QVERIFY2(message.contains(QStringLiteral("Mesh prod is removed, but the keychain still holds "
                                             "its secrets")),
             qPrintable(message));

    // Unlocked again: the token is still there, as the message said; nothing else came.
    QVERIFY2(md::testing::unlockTestKeyring().isEmpty(), "unlock failed");
    QVERIFY(!md::testing::testKeyringLocked());
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>(QStringLiteral("token")));
    QCOMPARE(errors.size(), 1); // cleanup() removes the token
}

void tst_MeshSecrets::keychainWorkRunsInTheOrderAsked()
{
    // Nothing awaited in between: each read sees the saves and removes asked before it.
    auto created = m_registry->saveMesh(prod(), QString(), QStringLiteral("token-1"));
    auto first = m_registry->prometheusToken(QStringLiteral("prod"));
    Mesh renamed = prod();
    renamed.name = QStringLiteral("production");
    auto moved = m_registry->saveMesh(renamed, QStringLiteral("prod"));
    auto atNewName = m_registry->prometheusToken(QStringLiteral("production"));
    auto atOldName = m_registry->prometheusToken(QStringLiteral("prod"));
    auto changed
        = m_registry->saveMesh(renamed, QStringLiteral("production"), QStringLiteral("token-2"));
    auto second = m_registry->prometheusToken(QStringLiteral("production"));
    auto removed = m_registry->removeMesh(QStringLiteral("production"));
    auto gone = m_registry->prometheusToken(QStringLiteral("production"));

    QVERIFY(await(created));
    QCOMPARE(*await(first), std::optional<QString>(QStringLiteral("token-1")));
    QVERIFY(await(moved));
    QCOMPARE(*await(atNewName), std::optional<QString>(QStringLiteral("token-1")));
    QCOMPARE(*await(atOldName), std::optional<QString>());
    QVERIFY(await(changed));
    QCOMPARE(*await(second), std::optional<QString>(QStringLiteral("token-2")));
    QVERIFY(await(removed));
    QCOMPARE(*await(gone), std::optional<QString>());
}

void tst_MeshSecrets::takenNamesAreRefusedAndTouchNothing()
{
    QVERIFY(await(m_registry->saveMesh(prod(), QString(), QStringLiteral("prod-token"))));
    Mesh staging = prod();
    staging.name = QStringLiteral("staging");
    QVERIFY(await(m_registry->saveMesh(staging, QString(), QStringLiteral("staging-token"))));

    // A new mesh with a kept mesh's name.
    auto created = await(m_registry->saveMesh(prod(), QString(), QStringLiteral("other-token")));
    QVERIFY(!created);
    QCOMPARE(created.error().where, QStringLiteral("name"));
    // A rename onto a kept mesh's name.
    auto renamed = await(m_registry->saveMesh(prod(), QStringLiteral("staging")));
    QVERIFY(!renamed);
    QCOMPARE(renamed.error().where, QStringLiteral("name"));

    QCOMPARE(m_registry->meshes().size(), 2);
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>(QStringLiteral("prod-token")));
    QCOMPARE(tokenOf(QStringLiteral("staging")),
             std::optional<QString>(QStringLiteral("staging-token")));
}

void tst_MeshSecrets::invalidMeshTouchesNothing()
{
    Mesh bad = prod();
    bad.prometheusUrl = QStringLiteral("ftp://metrics");
    auto saved = await(m_registry->saveMesh(bad, QString(), QStringLiteral("token")));
    QVERIFY(!saved);
    QCOMPARE(saved.error().where, QStringLiteral("prometheusUrl"));
    QVERIFY(m_registry->meshes().isEmpty());
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>());
}

void tst_MeshSecrets::withoutKeychainTheMeshIsStillSaved()
{
    MeshRegistry registry(m_store.get(), m_connections.get()); // no secret store
    const QString token = QStringLiteral("tok-4b8e-no-keychain");
    auto saved = await(registry.saveMesh(prod(), QString(), token));
    QVERIFY(!saved);
    QCOMPARE(saved.error().code, QString::fromLatin1(SecretStore::NoKeychainCode));
    QCOMPARE(saved.error().where, QStringLiteral("prometheusToken"));
    QVERIFY(saved.error().message.contains(QStringLiteral("prod")));
    // The other edits are kept: the mesh is in the store.
    QCOMPARE(m_store->mesh(QStringLiteral("prod")).value(), prod());
    QVERIFY(!await(registry.prometheusToken(QStringLiteral("prod"))));
    // Without a token to store, nothing fails.
    QVERIFY(await(registry.saveMesh(prod(), QStringLiteral("prod"))));
    QVERIFY(filesHolding(token.toLatin1()).isEmpty());
}

QTEST_GUILESS_MAIN(tst_MeshSecrets)
#include "tst_meshsecrets.moc"

#include "store/meshstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using md::mesh::Mesh;
using md::store::MeshStore;

class tst_MeshStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void savesAndReadsBackAcrossRestarts();
    void updatesInPlace();
    void renameAndRemoveCarryTheClusters();
    void saveUnderANewNameRenamesInOneGo();
    void caFileIsKept();
    void invalidMeshesAreRefusedWithTheField_data();
    void invalidMeshesAreRefusedWithTheField();
    void newerSchemaIsRefused();
    void firstSchemaIsUpgraded();
    void unknownNames();

private:
    static Mesh hosted();
    QString writeCa() const;
    QString dbPath() const { return m_dir->filePath(QStringLiteral("sub/dir/meshdesk.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

Mesh tst_MeshStore::hosted()
{
    Mesh m;
    m.name = QStringLiteral("prod");
    m.type = Mesh::Type::Hosted;
    m.controlPlane = QStringLiteral("cp-east");
    m.members = {QStringLiteral("member-b"), QStringLiteral("member-a")};
    m.prometheusUrl = QStringLiteral("https://thanos.example.org:9090");
    m.meshId = QStringLiteral("mesh1");
    m.grafanaUrl = QStringLiteral("https://grafana.example.org");
    return m;
}

QString tst_MeshStore::writeCa() const
{
    const QString path = m_dir->filePath(QStringLiteral("ca.pem"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    return path;
}

void tst_MeshStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_MeshStore::savesAndReadsBackAcrossRestarts()
{
    {
        MeshStore store;
        QVERIFY(store.open(dbPath()));
        const auto saved = store.save(hosted());
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
        Mesh dedicated;
        dedicated.name = QStringLiteral("dev");
        dedicated.controlPlane = QStringLiteral("kind-dev");
        dedicated.rootNamespace = QStringLiteral("istio-config");
        QVERIFY(store.save(dedicated));
    }
    MeshStore again;
    QVERIFY(again.open(dbPath()));
    auto all = again.meshes();
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).name, QStringLiteral("dev")); // by name
    QCOMPARE(all->at(0).rootNamespace, QStringLiteral("istio-config"));
    QCOMPARE(all->at(1), hosted()); // every field, member order kept
    QCOMPARE(all->at(1).clusters(), (QStringList {"cp-east", "member-b", "member-a"}));
}

void tst_MeshStore::updatesInPlace()
{
    MeshStore store;
    QVERIFY(store.open(dbPath()));
    QVERIFY(store.save(hosted()));
    Mesh changed = hosted();
    changed.members = {QStringLiteral("member-c")};
    changed.prometheusUrl.clear();
    QVERIFY(store.save(changed));
    auto read = store.mesh(QStringLiteral("prod"));
    QVERIFY(read);
    QCOMPARE(*read, changed);
    QCOMPARE(store.meshes()->size(), 1);
}

void tst_MeshStore::renameAndRemoveCarryTheClusters()
{
    MeshStore store;
    QVERIFY(store.open(dbPath()));
    QVERIFY(store.save(hosted()));
    QVERIFY(store.rename(QStringLiteral("prod"), QStringLiteral("production")));
    auto renamed = store.mesh(QStringLiteral("production"));
    QVERIFY(renamed);
    QCOMPARE(renamed->members, hosted().members);
    QVERIFY(!store.mesh(QStringLiteral("prod")));

    QVERIFY(store.remove(QStringLiteral("production")));
    QVERIFY(store.meshes()->isEmpty());
    // No orphaned cluster rows.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
    db.setDatabaseName(dbPath());
    QVERIFY(db.open());
    QSqlQuery q(QStringLiteral("SELECT COUNT(*) FROM mesh_clusters"), db);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    q.finish();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

void tst_MeshStore::saveUnderANewNameRenamesInOneGo()
{
    MeshStore store;
    QVERIFY(store.open(dbPath()));
    QVERIFY(store.save(hosted()));
    Mesh other = hosted();
    other.name = QStringLiteral("other");
    QVERIFY(store.save(other));

    Mesh changed = hosted();
    changed.name = QStringLiteral("production");
    changed.members = {QStringLiteral("member-c")};
    auto saved = store.save(changed, QStringLiteral("prod"));
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().toString()));
    QVERIFY(!store.mesh(QStringLiteral("prod")));
    QCOMPARE(store.mesh(QStringLiteral("production")).value(), changed);

    // Onto a kept name: refused, and nothing changes (the rename is rolled back).
    Mesh clash = changed;
    clash.name = QStringLiteral("other");
    clash.rootNamespace = QStringLiteral("changed");
    auto refused = store.save(clash, QStringLiteral("production"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().where, QStringLiteral("name"));
    QCOMPARE(store.mesh(QStringLiteral("production")).value(), changed);
    QCOMPARE(store.mesh(QStringLiteral("other")).value(), other);
    // From a name that is not kept: refused.
    Mesh ghost = hosted();
    ghost.name = QStringLiteral("ghost2");
    QVERIFY(!store.save(ghost, QStringLiteral("ghost")));
    QVERIFY(!store.mesh(QStringLiteral("ghost2")));
}

void tst_MeshStore::caFileIsKept()
{
    MeshStore store;
    QVERIFY(store.open(dbPath()));
    Mesh m = hosted();
    m.prometheusCaFile = writeCa();
    QVERIFY(store.save(m));
    QCOMPARE(store.mesh(m.name)->prometheusCaFile, m.prometheusCaFile);
}

void tst_MeshStore::invalidMeshesAreRefusedWithTheField_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<QString>("field");
    QTest::newRow("no name") << 0 << "name";
    QTest::newRow("no control plane") << 1 << "controlPlane";
    QTest::newRow("control plane as member") << 2 << "members";
    QTest::newRow("dedicated with members") << 3 << "members";
    QTest::newRow("bad namespace") << 4 << "rootNamespace";
    QTest::newRow("bad prometheus url") << 5 << "prometheusUrl";
    QTest::newRow("duplicate member") << 6 << "members";
    QTest::newRow("ca file with http") << 7 << "prometheusCaFile";
    QTest::newRow("ca file missing") << 8 << "prometheusCaFile";
    QTest::newRow("bad grafana url") << 9 << "grafanaUrl";
}

void tst_MeshStore::invalidMeshesAreRefusedWithTheField()
{
    QFETCH(int, change);
    QFETCH(QString, field);
    Mesh m = hosted();
    switch (change) {
    case 0:
        m.name = QStringLiteral("  ");
        break;
    case 1:
        m.controlPlane.clear();
        break;
    case 2:
        m.members << m.controlPlane;
        break;
    case 3:
        m.type = Mesh::Type::Dedicated;
        break;
    case 4:
        m.rootNamespace = QStringLiteral("Istio_System");
        break;
    case 5:
        m.prometheusUrl = QStringLiteral("ftp://x");
        break;
    case 6:
        m.members << m.members.constFirst();
        break;
    case 7:
        m.prometheusUrl = QStringLiteral("http://prometheus:9090");
        m.prometheusCaFile = writeCa();
        break;
    case 8:
        m.prometheusCaFile = m_dir->filePath(QStringLiteral("no-such-ca.pem"));
        break;
    case 9:
        m.grafanaUrl = QStringLiteral("grafana:3000");
        break;
    }
    MeshStore store;
    QVERIFY(store.open(dbPath()));
    auto saved = store.save(m);
    QVERIFY(!saved);
    QCOMPARE(saved.error().where, field);
    QVERIFY(!saved.error().message.isEmpty());
    QVERIFY(store.meshes()->isEmpty()); // nothing half-written
}

void tst_MeshStore::newerSchemaIsRefused()
{
    {
        MeshStore store;
        QVERIFY(store.open(dbPath()));
    }
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery(QStringLiteral("PRAGMA user_version = 99"), db);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    MeshStore store;
    auto opened = store.open(dbPath());
    QVERIFY(!opened);
    QVERIFY(opened.error().message.contains(QStringLiteral("newer MeshDesk")));
}

void tst_MeshStore::firstSchemaIsUpgraded()
{
    // A database of the first schema (before the Grafana URL) with one mesh in it.
    QVERIFY(QDir().mkpath(QFileInfo(dbPath()).path()));
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        for (const char *statement :
             {"CREATE TABLE meshes (name TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL, "
              "control_plane TEXT NOT NULL, root_namespace TEXT NOT NULL, prometheus_url TEXT "
              "NOT NULL DEFAULT '', prometheus_ca TEXT NOT NULL DEFAULT '', mesh_id TEXT NOT "
              "NULL DEFAULT '', created TEXT NOT NULL, updated TEXT NOT NULL)",
              "CREATE TABLE mesh_clusters (mesh TEXT NOT NULL REFERENCES meshes(name) ON DELETE "
              "CASCADE ON UPDATE CASCADE, context TEXT NOT NULL, position INTEGER NOT NULL, "
              "PRIMARY KEY (mesh, context))",
              "INSERT INTO meshes VALUES ('old', 'dedicated', 'cp', 'istio-system', "
              "'http://prom:9090', '', '', '2026-01-01', '2026-01-01')",
              "PRAGMA user_version = 1"}) {
            QSqlQuery q(db);
            QVERIFY2(q.exec(QString::fromLatin1(statement)), statement);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    MeshStore store;
    QVERIFY(store.open(dbPath()));
    auto meshes = store.meshes();
    QVERIFY(meshes);
    QCOMPARE(meshes->size(), 1);
    Mesh old = meshes->constFirst();
    QCOMPARE(old.prometheusUrl, QStringLiteral("http://prom:9090"));
    QCOMPARE(old.grafanaUrl, QString());
    old.grafanaUrl = QStringLiteral("http://grafana:3000");
    const auto saved = store.save(old);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
    QCOMPARE(store.meshes()->constFirst().grafanaUrl, QStringLiteral("http://grafana:3000"));
}

void tst_MeshStore::unknownNames()
{
    MeshStore store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    QVERIFY(!store.mesh(QStringLiteral("nope")));
    QVERIFY(!store.remove(QStringLiteral("nope")));
    QVERIFY(!store.rename(QStringLiteral("nope"), QStringLiteral("x")));
}

QTEST_GUILESS_MAIN(tst_MeshStore)
#include "tst_meshstore.moc"

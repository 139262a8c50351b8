#include "store/meshstore.h"

#include "mesh/meshtr.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

namespace md::store {

using md::mesh::Mesh;
using md::mesh::Tr;

namespace {

Error sqlError(const QString &what, const QSqlError &e)
{
    return Error {QStringLiteral("store.sql"), Tr::tr("%1: %2").arg(what, e.text())};
}

Result<void> exec(QSqlQuery &q, const QString &what)
{
    if (!q.exec())
        return Unexpected<Error> {sqlError(what, q.lastError())};
    return {};
}

} // namespace

MeshStore::MeshStore()
    : m_connection(QStringLiteral("meshstore-")
                   + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

MeshStore::~MeshStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString MeshStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("meshdesk.sqlite"));
}

bool MeshStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection)
        && QSqlDatabase::database(m_connection, false).isOpen();
}

Result<void> MeshStore::open(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return unexpected(
            QStringLiteral("store.driver"),
            Tr::tr("Qt's SQLite driver is missing (Debian package libqt6sql6-sqlite)"));
    if (path != QLatin1String(":memory:") && !QDir().mkpath(QFileInfo(path).absolutePath()))
        return unexpected(QStringLiteral("store.path"),
                          Tr::tr("cannot create the folder of %1").arg(path));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        return Unexpected<Error> {sqlError(Tr::tr("cannot open %1").arg(path), db.lastError())};
    m_path = path;

    QSqlQuery q(db);
    q.prepare(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (auto r = exec(q, Tr::tr("enabling foreign keys")); !r)
        return r;
    q.prepare(QStringLiteral("PRAGMA user_version"));
    if (auto r = exec(q, Tr::tr("reading the schema version")); !r)
        return r;
    const int version = q.next() ? q.value(0).toInt() : 0;
    if (version > SchemaVersion)
        return unexpected(
            QStringLiteral("store.version"),
            Tr::tr("%1 was written by a newer MeshDesk (schema %2, this one knows %3)")
                .arg(path)
                .arg(version)
                .arg(SchemaVersion));
    if (version < 1) {
        db.transaction();
        for (const char *statement :
             {"CREATE TABLE meshes (name TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL, "
              "control_plane TEXT NOT NULL,"
              " root_namespace TEXT NOT NULL, prometheus_url TEXT NOT NULL DEFAULT '',"
              " prometheus_ca TEXT NOT NULL DEFAULT '', mesh_id TEXT NOT NULL DEFAULT '',"
              " created TEXT NOT NULL, updated TEXT NOT NULL)",
              "CREATE TABLE mesh_clusters (mesh TEXT NOT NULL REFERENCES meshes(name) ON DELETE "
              "CASCADE ON UPDATE CASCADE,"
              " context TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (mesh, context))",
              "PRAGMA user_version = 1"}) {
            q.prepare(QString::fromLatin1(statement));
            if (auto r = exec(q, Tr::tr("creating the schema")); !r) {
                db.rollback();
                return r;
            }
        }
        db.commit();
    }
    if (version < 2) {
        // 2: the mesh's Grafana URL.
        db.transaction();
        for (const char *statement :
             {"ALTER TABLE meshes ADD COLUMN grafana_url TEXT NOT NULL DEFAULT ''",
              "PRAGMA user_version = 2"}) {
            q.prepare(QString::fromLatin1(statement));
            if (auto r = exec(q, Tr::tr("upgrading the schema")); !r) {
                db.rollback();
                return r;
            }
        }
        db.commit();
    }
    return {};
}

Result<QList<Mesh>> MeshStore::meshes() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT name, type, control_plane, root_namespace, prometheus_url, prometheus_ca, mesh_id,"
        " grafana_url FROM meshes ORDER BY name"));
    if (auto r = exec(q, Tr::tr("reading meshes")); !r)
        return Unexpected<Error> {r.error()};
    QList<Mesh> list;
    while (q.next()) {
        Mesh m;
        m.name = q.value(0).toString();
        m.type = md::mesh::typeFromId(q.value(1).toString()).value_or(Mesh::Type::Dedicated);
        m.controlPlane = q.value(2).toString();
        m.rootNamespace = q.value(3).toString();
        m.prometheusUrl = q.value(4).toString();
        m.prometheusCaFile = q.value(5).toString();
        m.meshId = q.value(6).toString();
        m.grafanaUrl = q.value(7).toString();
        list << m;
    }
    QSqlQuery members(db);
    members.prepare(
        QStringLiteral("SELECT context FROM mesh_clusters WHERE mesh = ? ORDER BY position"));
    for (Mesh &m : list) {
        members.bindValue(0, m.name);
        if (auto r = exec(members, Tr::tr("reading the clusters of %1").arg(m.name)); !r)
            return Unexpected<Error> {r.error()};
        while (members.next())
            m.members << members.value(0).toString();
    }
    return list;
}

Result<Mesh> MeshStore::mesh(const QString &name) const
{
    auto all = meshes();
    if (!all)
        return Unexpected<Error> {all.error()};
    for (const Mesh &m : *all) {
        if (m.name == name)
            return m;
    }
    return unexpected(QStringLiteral("store.notFound"),
                      Tr::tr("there is no mesh named \"%1\"").arg(name));
}

Result<void> MeshStore::save(const Mesh &mesh)
{
    return save(mesh, mesh.name);
}

Result<void> MeshStore::save(const Mesh &mesh, const QString &previousName)
{
    if (auto valid = md::mesh::validateMesh(mesh); !valid)
        return valid;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    if (!previousName.isEmpty() && previousName != mesh.name) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM meshes WHERE name = ?"));
        q.bindValue(0, mesh.name);
        if (auto r = exec(q, Tr::tr("renaming mesh %1").arg(previousName)); !r) {
            db.rollback();
            return r;
        }
        if (q.next() && q.value(0).toInt() > 0) {
            db.rollback();
            return unexpected(QStringLiteral("mesh.name"),
                              Tr::tr("there is a mesh named \"%1\" already").arg(mesh.name),
                              QStringLiteral("name"));
        }
        q.prepare(QStringLiteral("UPDATE meshes SET name = ? WHERE name = ?"));
        q.bindValue(0, mesh.name);
        q.bindValue(1, previousName);
        if (auto r = exec(q, Tr::tr("renaming mesh %1").arg(previousName)); !r) {
            db.rollback();
            return r;
        }
        if (q.numRowsAffected() != 1) {
            db.rollback();
            return unexpected(QStringLiteral("store.notFound"),
                              Tr::tr("there is no mesh named \"%1\"").arg(previousName));
        }
    }
    if (auto r = writeMesh(mesh); !r) {
        db.rollback();
        return r;
    }
    if (!db.commit())
        return Unexpected<Error> {
            sqlError(Tr::tr("saving mesh %1").arg(mesh.name), db.lastError())};
    return {};
}

Result<void> MeshStore::writeMesh(const Mesh &mesh)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO meshes (name, type, control_plane, root_namespace, prometheus_url, "
        "prometheus_ca,"
        " mesh_id, created, updated, grafana_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(name) DO UPDATE SET type = excluded.type, control_plane = "
        "excluded.control_plane,"
        " root_namespace = excluded.root_namespace, prometheus_url = excluded.prometheus_url,"
        " prometheus_ca = excluded.prometheus_ca, mesh_id = excluded.mesh_id, updated = "
        "excluded.updated, grafana_url = excluded.grafana_url"));
    const QVariantList values {mesh.name,
                               md::mesh::typeId(mesh.type),
                               mesh.controlPlane,
                               mesh.rootNamespace,
                               mesh.prometheusUrl,
                               mesh.prometheusCaFile,
                               mesh.meshId,
                               now,
                               now,
                               mesh.grafanaUrl};
    for (int i = 0; i < values.size(); ++i) {
        const QString text = values.at(i).toString();
        q.bindValue(i, text.isNull() ? QStringLiteral("") : text); // a null QString binds as NULL
    }
    if (auto r = exec(q, Tr::tr("saving mesh %1").arg(mesh.name)); !r)
        return r;
    q.prepare(QStringLiteral("DELETE FROM mesh_clusters WHERE mesh = ?"));
    q.bindValue(0, mesh.name);
    if (auto r = exec(q, Tr::tr("saving mesh %1").arg(mesh.name)); !r)
        return r;
    q.prepare(
        QStringLiteral("INSERT INTO mesh_clusters (mesh, context, position) VALUES (?, ?, ?)"));
    for (int i = 0; i < mesh.members.size(); ++i) {
        q.bindValue(0, mesh.name);
        q.bindValue(1, mesh.members.at(i));
        q.bindValue(2, i);
        if (auto r = exec(q, Tr::tr("saving the clusters of %1").arg(mesh.name)); !r)
            return r;
    }
    return {};
}

Result<void> MeshStore::rename(const QString &from, const QString &to)
{
    if (to.trimmed().isEmpty())
        return unexpected(QStringLiteral("mesh.name"), Tr::tr("a mesh needs a name"),
                          QStringLiteral("name"));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE meshes SET name = ? WHERE name = ?"));
    q.bindValue(0, to);
    q.bindValue(1, from);
    if (auto r = exec(q, Tr::tr("renaming mesh %1").arg(from)); !r)
        return r;
    if (q.numRowsAffected() != 1)
        return unexpected(QStringLiteral("store.notFound"),
                          Tr::tr("there is no mesh named \"%1\"").arg(from));
    return {};
}

Result<void> MeshStore::remove(const QString &name)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM meshes WHERE name = ?"));
    q.bindValue(0, name);
    if (auto r = exec(q, Tr::tr("removing mesh %1").arg(name)); !r)
        return r;
    if (q.numRowsAffected() != 1)
        return unexpected(QStringLiteral("store.notFound"),
                          Tr::tr("there is no mesh named \"%1\"").arg(name));
    return {};
}

} // namespace md::store

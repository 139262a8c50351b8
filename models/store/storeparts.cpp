#include "store/storeparts_p.h"

#include "mesh/meshtr.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUuid>
#include <QVariant>

namespace md::store::detail {

using md::mesh::Tr;

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

QString newConnectionName(const char *prefix)
{
    return QLatin1String(prefix) + QLatin1Char('-')
        + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void closeConnection(const QString &connection)
{
    if (QSqlDatabase::contains(connection)) {
        QSqlDatabase::database(connection, false).close();
        QSqlDatabase::removeDatabase(connection);
    }
}

Result<void> openDatabase(const QString &connection, const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return unexpected(
            QStringLiteral("store.driver"),
            Tr::tr("Qt's SQLite driver is missing (Debian package libqt6sql6-sqlite)"));
    if (path != QLatin1String(":memory:") && !QDir().mkpath(QFileInfo(path).absolutePath()))
        return unexpected(QStringLiteral("store.path"),
                          Tr::tr("cannot create the folder of %1").arg(path));
    closeConnection(connection);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Unexpected<Error> {sqlError(Tr::tr("cannot open %1").arg(path), db.lastError())};
    return {};
}

Result<void> migratePart(const QString &connection, const QString &part, int version,
                         const QList<const char *> &statements)
{
    QSqlDatabase db = QSqlDatabase::database(connection, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("CREATE TABLE IF NOT EXISTS store_parts (part TEXT PRIMARY KEY NOT "
                             "NULL, version INTEGER NOT NULL)"));
    if (auto r = exec(q, Tr::tr("creating the schema")); !r)
        return r;
    q.prepare(QStringLiteral("SELECT version FROM store_parts WHERE part = ?"));
    q.addBindValue(part);
    if (auto r = exec(q, Tr::tr("reading the schema version")); !r)
        return r;
    const int current = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    if (current > version)
        return unexpected(QStringLiteral("store.version"),
                          Tr::tr("%1 was written by a newer MeshDesk (%2 schema %3, this one "
                                 "knows %4)")
                              .arg(db.databaseName(), part)
                              .arg(current)
                              .arg(version));
    if (current == version)
        return {};
    db.transaction();
    for (const char *statement : statements) {
        q.prepare(QString::fromLatin1(statement));
        if (auto r = exec(q, Tr::tr("creating the schema")); !r) {
            db.rollback();
            return r;
        }
    }
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO store_parts (part, version) VALUES (?, ?)"));
    q.addBindValue(part);
    q.addBindValue(version);
    if (auto r = exec(q, Tr::tr("creating the schema")); !r) {
        db.rollback();
        return r;
    }
    db.commit();
    return {};
}

} // namespace md::store::detail

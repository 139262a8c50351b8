#pragma once

// Helpers shared by the stores that keep their own tables in the app's database file beside
// MeshStore's (JournalStore, DraftStore): each opens its own Qt SQL connection and versions
// its tables in `store_parts (part, version)`, so PRAGMA user_version stays MeshStore's.

#include "core/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace md::store::detail {

QString newConnectionName(const char *prefix);
void closeConnection(const QString &connection);
// Opens `path` under `connection` with a busy timeout (several connections share the file).
Result<void> openDatabase(const QString &connection, const QString &path);
// Runs `statements` in one transaction when `part`'s version is below `version`, then
// records `version`. Refuses a file written by a newer MeshDesk.
Result<void> migratePart(const QString &connection, const QString &part, int version,
                         const QList<const char *> &statements);
Result<void> exec(QSqlQuery &q, const QString &what);
Error sqlError(const QString &what, const QSqlError &e);
// A value for a NOT NULL text/blob column: Qt binds a null QString/QByteArray as NULL.
inline QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
inline QByteArray blob(const QByteArray &b)
{
    return b.isNull() ? QByteArray("") : b;
}

} // namespace md::store::detail

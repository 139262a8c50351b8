#include "store/draftstore.h"

#include "mesh/meshtr.h"
#include "store/storeparts_p.h"

#include <QSqlQuery>
#include <QVariant>

namespace md::store {

using md::mesh::Tr;
using namespace detail;

DraftStore::DraftStore()
    : m_connection(newConnectionName("draftstore"))
{ }

DraftStore::~DraftStore()
{
    closeConnection(m_connection);
}

bool DraftStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection)
        && QSqlDatabase::database(m_connection, false).isOpen();
}

Result<void> DraftStore::open(const QString &path)
{
    if (auto r = openDatabase(m_connection, path); !r)
        return r;
    return migratePart(
        m_connection, QStringLiteral("drafts"), SchemaVersion,
        {"CREATE TABLE IF NOT EXISTS drafts (key TEXT PRIMARY KEY NOT NULL, mesh TEXT NOT NULL,"
         " context TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL,"
         " name TEXT NOT NULL, new_id TEXT NOT NULL, yaml BLOB NOT NULL,"
         " base_resource_version TEXT NOT NULL DEFAULT '', base_yaml BLOB NOT NULL DEFAULT '',"
         " updated TEXT NOT NULL)",
         "CREATE INDEX IF NOT EXISTS drafts_mesh ON drafts (mesh, updated)",
         "CREATE TABLE IF NOT EXISTS apply_targets (mesh TEXT PRIMARY KEY NOT NULL,"
         " context TEXT NOT NULL)"});
}

namespace {

// The row key: a new object's draft is found by its id alone (its kind, namespace and name
// may change while they are typed); an existing object's by what it is.
QString rowKey(const DraftKey &key)
{
    const QChar sep(0x1f);
    if (key.isNew())
        return QStringLiteral("new") + sep + key.mesh + sep + key.context + sep + key.newId;
    return QStringLiteral("object") + sep + key.mesh + sep + key.context + sep + key.kind + sep
        + key.namespace_ + sep + key.name;
}

const char *const columns = "SELECT mesh, context, kind, namespace, name, new_id, yaml,"
                            " base_resource_version, base_yaml, updated FROM drafts";

Draft readDraft(const QSqlQuery &q)
{
    Draft d;
    d.key.mesh = q.value(0).toString();
    d.key.context = q.value(1).toString();
    d.key.kind = q.value(2).toString();
    d.key.namespace_ = q.value(3).toString();
    d.key.name = q.value(4).toString();
    d.key.newId = q.value(5).toString();
    d.yaml = q.value(6).toByteArray();
    d.baseResourceVersion = q.value(7).toString();
    d.baseYaml = q.value(8).toByteArray();
    d.updated = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
    return d;
}

} // namespace

Result<void> DraftStore::saveDraft(Draft draft)
{
    draft.updated = QDateTime::currentDateTimeUtc();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO drafts (key, mesh, context, kind, namespace,"
                             " name, new_id, yaml, base_resource_version, base_yaml, updated)"
                             " VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(rowKey(draft.key));
    q.addBindValue(text(draft.key.mesh));
    q.addBindValue(text(draft.key.context));
    q.addBindValue(text(draft.key.kind));
    q.addBindValue(text(draft.key.namespace_));
    q.addBindValue(text(draft.key.name));
    q.addBindValue(text(draft.key.newId));
    q.addBindValue(blob(draft.yaml));
    q.addBindValue(text(draft.baseResourceVersion));
    q.addBindValue(blob(draft.baseYaml));
    q.addBindValue(draft.updated.toString(Qt::ISODateWithMs));
    return exec(q, Tr::tr("saving a draft"));
}

Result<Draft> DraftStore::draft(const DraftKey &key) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QLatin1String(columns) + QStringLiteral(" WHERE key = ?"));
    q.addBindValue(rowKey(key));
    if (auto r = exec(q, Tr::tr("reading a draft")); !r)
        return Unexpected<Error> {r.error()};
    if (!q.next())
        return unexpected(QStringLiteral("store.notfound"),
                          Tr::tr("no draft of %1 %2/%3")
                              .arg(key.kind, key.namespace_, key.isNew() ? key.newId : key.name));
    return readDraft(q);
}

Result<QList<Draft>> DraftStore::drafts(const QString &mesh) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    QString sql = QLatin1String(columns);
    if (!mesh.isEmpty())
        sql += QStringLiteral(" WHERE mesh = ?");
    sql += QStringLiteral(" ORDER BY updated DESC, key");
    q.prepare(sql);
    if (!mesh.isEmpty())
        q.addBindValue(text(mesh));
    if (auto r = exec(q, Tr::tr("reading the drafts")); !r)
        return Unexpected<Error> {r.error()};
    QList<Draft> list;
    while (q.next())
        list.append(readDraft(q));
    return list;
}

Result<void> DraftStore::remove(const DraftKey &key)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM drafts WHERE key = ?"));
    q.addBindValue(rowKey(key));
    return exec(q, Tr::tr("removing a draft"));
}

Result<void> DraftStore::removeAll(const QString &mesh)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM drafts WHERE mesh = ?"));
    q.addBindValue(text(mesh));
    return exec(q, Tr::tr("removing the drafts"));
}

Result<QString> DraftStore::applyTarget(const QString &mesh) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT context FROM apply_targets WHERE mesh = ?"));
    q.addBindValue(text(mesh));
    if (auto r = exec(q, Tr::tr("reading the apply target")); !r)
        return Unexpected<Error> {r.error()};
    return q.next() ? q.value(0).toString() : QString();
}

Result<void> DraftStore::setApplyTarget(const QString &mesh, const QString &context)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (context.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM apply_targets WHERE mesh = ?"));
        q.addBindValue(text(mesh));
    } else {
        q.prepare(
            QStringLiteral("INSERT OR REPLACE INTO apply_targets (mesh, context) VALUES (?, ?)"));
        q.addBindValue(text(mesh));
        q.addBindValue(text(context));
    }
    return exec(q, Tr::tr("saving the apply target"));
}

} // namespace md::store

#include "store/journalstore.h"

#include "istio/document.h"
#include "mesh/meshtr.h"
#include "store/storeparts_p.h"

#include <QSqlQuery>
#include <QVariant>

namespace md::store {

using md::istio::Value;
using md::mesh::Tr;
using namespace detail;

JournalStore::JournalStore()
    : m_connection(newConnectionName("journalstore"))
{ }

JournalStore::~JournalStore()
{
    closeConnection(m_connection);
}

bool JournalStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection)
        && QSqlDatabase::database(m_connection, false).isOpen();
}

Result<void> JournalStore::open(const QString &path)
{
    if (auto r = openDatabase(m_connection, path); !r)
        return r;
    return migratePart(
        m_connection, QStringLiteral("journal"), SchemaVersion,
        {"CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY AUTOINCREMENT,"
         " time TEXT NOT NULL, mesh TEXT NOT NULL DEFAULT '', context TEXT NOT NULL,"
         " api_version TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL DEFAULT '',"
         " name TEXT NOT NULL, operation TEXT NOT NULL, before BLOB NOT NULL DEFAULT '',"
         " after BLOB NOT NULL DEFAULT '', identity TEXT NOT NULL DEFAULT '',"
         " succeeded INTEGER NOT NULL, result TEXT NOT NULL DEFAULT '')",
         "CREATE INDEX IF NOT EXISTS journal_object ON journal (kind, namespace, name)",
         "CREATE INDEX IF NOT EXISTS journal_context_time ON journal (context, time)"});
}

Value JournalStore::withoutSecretData(const Value &object)
{
    if (!object.isObject()
        || object.value(QStringLiteral("kind")).toString() != QLatin1String("Secret"))
        return object;
    Value copy = object;
    copy.remove(QStringLiteral("data"));
    copy.remove(QStringLiteral("stringData"));
    if (Value *metadata = copy.find(QStringLiteral("metadata"))) {
        // kubectl keeps the whole object, data included, in this annotation.
        if (Value *annotations = metadata->find(QStringLiteral("annotations")))
            annotations->remove(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"));
        metadata->remove(QStringLiteral("managedFields"));
    }
    return copy;
}

QByteArray JournalStore::withoutSecretData(const QByteArray &yaml)
{
    if (yaml.isEmpty())
        return yaml;
    auto stream = md::istio::DocumentStream::parse(yaml);
    if (!stream)
        return QByteArray("# not journaled: the text could not be read\n");
    bool secret = false;
    for (const md::istio::ObjectRef &ref : stream->objects()) {
        Value &object = stream->object(ref);
        if (object.value(QStringLiteral("kind")).toString() == QLatin1String("Secret")) {
            object = withoutSecretData(object);
            secret = true;
        }
    }
    return secret ? stream->toYaml() : yaml;
}

Result<qint64> JournalStore::record(JournalEntry entry)
{
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    entry.before = withoutSecretData(entry.before);
    entry.after = withoutSecretData(entry.after);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral(
        "INSERT INTO journal (time, mesh, context, api_version, kind, namespace, name, operation,"
        " before, after, identity, succeeded, result) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(entry.time.toUTC().toString(Qt::ISODateWithMs));
    q.addBindValue(text(entry.mesh));
    q.addBindValue(text(entry.context));
    q.addBindValue(text(entry.apiVersion));
    q.addBindValue(text(entry.kind));
    q.addBindValue(text(entry.namespace_));
    q.addBindValue(text(entry.name));
    q.addBindValue(text(entry.operation));
    q.addBindValue(blob(entry.before));
    q.addBindValue(blob(entry.after));
    q.addBindValue(text(entry.identity));
    q.addBindValue(entry.succeeded ? 1 : 0);
    q.addBindValue(text(entry.result));
    if (auto r = exec(q, Tr::tr("recording a journal entry")); !r)
        return Unexpected<Error> {r.error()};
    return q.lastInsertId().toLongLong();
}

namespace {

JournalEntry readEntry(const QSqlQuery &q)
{
    JournalEntry e;
    e.id = q.value(0).toLongLong();
    e.time = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    e.mesh = q.value(2).toString();
    e.context = q.value(3).toString();
    e.apiVersion = q.value(4).toString();
    e.kind = q.value(5).toString();
    e.namespace_ = q.value(6).toString();
    e.name = q.value(7).toString();
    e.operation = q.value(8).toString();
    e.before = q.value(9).toByteArray();
    e.after = q.value(10).toByteArray();
    e.identity = q.value(11).toString();
    e.succeeded = q.value(12).toInt() != 0;
    e.result = q.value(13).toString();
    return e;
}

const char *const columns = "SELECT id, time, mesh, context, api_version, kind, namespace, name,"
                            " operation, before, after, identity, succeeded, result FROM journal";

} // namespace

Result<QList<JournalEntry>> JournalStore::entries(const JournalQuery &query) const
{
    QStringList where;
    QVariantList values;
    const auto equal = [&](const char *column, const QString &value) {
        if (!value.isEmpty()) {
            where.append(QLatin1String(column) + QStringLiteral(" = ?"));
            values.append(value);
        }
    };
    equal("context", query.context);
    equal("mesh", query.mesh);
    equal("kind", query.kind);
    equal("namespace", query.namespace_);
    equal("name", query.name);
    // ISO 8601 UTC texts of one format compare as the times they name.
    if (query.from.isValid()) {
        where.append(QStringLiteral("time >= ?"));
        values.append(query.from.toUTC().toString(Qt::ISODateWithMs));
    }
    if (query.to.isValid()) {
        where.append(QStringLiteral("time < ?"));
        values.append(query.to.toUTC().toString(Qt::ISODateWithMs));
    }
    QString sql = QLatin1String(columns);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY time DESC, id DESC");
    if (query.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(query.limit);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    if (auto r = exec(q, Tr::tr("reading the journal")); !r)
        return Unexpected<Error> {r.error()};
    QList<JournalEntry> list;
    while (q.next())
        list.append(readEntry(q));
    return list;
}

Result<JournalEntry> JournalStore::entry(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QLatin1String(columns) + QStringLiteral(" WHERE id = ?"));
    q.addBindValue(id);
    if (auto r = exec(q, Tr::tr("reading the journal")); !r)
        return Unexpected<Error> {r.error()};
    if (!q.next())
        return unexpected(QStringLiteral("store.notfound"), Tr::tr("no journal entry %1").arg(id));
    return readEntry(q);
}

Result<void> JournalStore::clear()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM journal"));
    return exec(q, Tr::tr("clearing the journal"));
}

} // namespace md::store

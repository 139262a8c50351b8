#pragma once

// The journal of every apply and delete MeshDesk made (SQLite, in the app's database file
// beside MeshStore's tables; its own Qt SQL connection, its own tables created on open and
// versioned in the shared `store_parts` table, so the stores migrate independently).
// Secret data is never stored: record() strips data and stringData of Secrets.

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace md::istio {
class Value;
}

namespace md::store {

struct JournalEntry
{
    qint64 id = 0; // assigned by record()
    QDateTime time; // UTC; record() sets it when invalid
    QString mesh; // may be empty
    QString context; // the cluster written to
    QString apiVersion;
    QString kind;
    QString namespace_;
    QString name;
    QString operation; // "create", "update", "delete" (md::apply::operationId)
    QByteArray before; // YAML of the object before (empty for a create)
    QByteArray after; // YAML of the object the server returned (empty for a delete)
    QString identity; // the user, from SelfSubjectReview (empty when unknown)
    bool succeeded = true;
    QString result; // the failure's message; empty on success

    bool operator==(const JournalEntry &) const = default;
};

struct JournalQuery
{
    QString context; // empty: any
    QString mesh;
    QString kind;
    QString namespace_;
    QString name;
    QDateTime from; // inclusive; invalid: no bound
    QDateTime to; // exclusive; invalid: no bound
    int limit = 0; // 0: all; newest first
};

class JournalStore
{
public:
    JournalStore();
    ~JournalStore();
    JournalStore(const JournalStore &) = delete;
    JournalStore &operator=(const JournalStore &) = delete;

    // Opens the database at `path` (MeshStore::defaultPath() in the app; ":memory:" for a
    // private one), creating the journal's tables.
    Result<void> open(const QString &path);
    bool isOpen() const;

    // Records an entry (Secret data stripped from before/after); returns its id.
    Result<qint64> record(JournalEntry entry);
    Result<QList<JournalEntry>> entries(const JournalQuery &query = {}) const;
    Result<JournalEntry> entry(qint64 id) const;
    Result<void> clear();

    // A Secret without data/stringData (other kinds unchanged).
    static md::istio::Value withoutSecretData(const md::istio::Value &object);
    // The same on a YAML text; texts that cannot be read are replaced by a note, never kept.
    static QByteArray withoutSecretData(const QByteArray &yaml);

    static constexpr int SchemaVersion = 1;

private:
    QString m_connection;
};

} // namespace md::store

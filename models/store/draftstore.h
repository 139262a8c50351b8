#pragma once

// Drafts of edits in progress (SQLite, in the app's database file beside MeshStore's tables;
// its own connection and tables, versioned in `store_parts`): the editor saves the text as
// the user types (debounced), and after a crash or a closed window the app lists them and
// offers to restore. Also remembers the apply target chosen per mesh (applytarget.h).

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace md::store {

// What a draft is of: one object of one cluster of a mesh, or a new object (`newId`, e.g. a
// UUID the editor made, with `name` possibly still empty).
struct DraftKey
{
    QString mesh;
    QString context;
    QString kind;
    QString namespace_;
    QString name;
    QString newId; // non-empty for an object not created yet

    bool isNew() const { return !newId.isEmpty(); }
    bool operator==(const DraftKey &) const = default;
};

struct Draft
{
    DraftKey key;
    QByteArray yaml; // the editor's text, as typed (may be invalid YAML)
    QString baseResourceVersion; // the version the edit started from (empty for a new object)
    QByteArray baseYaml; // the object when the edit began (empty for a new object)
    QDateTime updated; // UTC; saveDraft() sets it

    bool operator==(const Draft &) const = default;
};

class DraftStore
{
public:
    DraftStore();
    ~DraftStore();
    DraftStore(const DraftStore &) = delete;
    DraftStore &operator=(const DraftStore &) = delete;

    Result<void> open(const QString &path);
    bool isOpen() const;

    // Inserts or replaces the draft of that key (one statement: cheap enough per keystroke
    // burst; the editor debounces).
    Result<void> saveDraft(Draft draft);
    Result<Draft> draft(const DraftKey &key) const; // error store.notfound when absent
    // Newest first; an empty mesh lists every mesh's drafts.
    Result<QList<Draft>> drafts(const QString &mesh = {}) const;
    Result<void> remove(const DraftKey &key);
    Result<void> removeAll(const QString &mesh);

    // The apply target chosen for a mesh (empty when none was chosen).
    Result<QString> applyTarget(const QString &mesh) const;
    Result<void> setApplyTarget(const QString &mesh, const QString &context); // empty: forget

    static constexpr int SchemaVersion = 1;

private:
    QString m_connection;
};

} // namespace md::store

#pragma once

// metadata.managedFields as the API server keeps them: per manager and operation (Apply,
// Update) and subresource, a FieldsV1 set of the fields it owns, typed by the object's
// schema (fieldtype.h). Server-side apply merges an applied configuration, reports
// conflicts only where another manager owns a field whose value the apply changes, makes
// co-owners of managers that apply the same value, removes fields an applier stopped
// sending unless someone else owns them, and lets manager "kubectl" take over, without a
// conflict, the fields the kubectl.kubernetes.io/last-applied-configuration annotation
// names (the client-side to server-side apply upgrade).

#include "core/result.h"
#include "fieldset.h"
#include "fieldtype.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace md::sim {

struct ManagedFieldsEntry
{
    QString manager;
    QString operation; // "Apply" or "Update"
    QString apiVersion;
    QString time;
    QString subresource;
    FieldSet fields;
};

QList<ManagedFieldsEntry> readManagedFields(const QJsonObject &object);
// Writes the entries in the API server's order (Apply before Update, then by time,
// manager, apiVersion, subresource); empty entries are dropped.
void writeManagedFields(QJsonObject &object, QList<ManagedFieldsEntry> entries);

// The fields an applied configuration sets: leaves, atomic lists and maps, and the items
// of keyed lists (maps themselves are not members).
FieldSet appliedFieldSet(const QJsonValue &value, const FieldType &type);

// Merges an applied configuration into a live object: maps by field, keyed lists by key,
// sets by value; anything else is replaced.
QJsonValue typedMerge(const QJsonValue &live, const QJsonValue &config, const FieldType &type);

struct Comparison
{
    FieldSet added;
    FieldSet modified;
    FieldSet removed;
};
Comparison compareValues(const QJsonValue &before, const QJsonValue &after, const FieldType &type);

// Records a non-apply write (create, update, patch) by `manager`: the fields it added or
// changed become its own (Update entry) and are taken from every other manager.
// `subresource` "status" tracks only the status; otherwise status is not tracked when the
// kind has a status subresource.
void trackUpdate(const QJsonObject &before, QJsonObject &after, const QString &manager,
                 const QString &apiVersion, const FieldType &type, bool statusSubresource,
                 const QString &subresource = {});

struct ApplyConflict
{
    QString manager;
    QString apiVersion;
    QString path;
};

// Server-side apply of `config` by `manager` onto `current` (empty when the object does
// not exist). Returns the merged object with managedFields updated, or the conflicts
// with other managers (unless `force`, which takes the fields over).
Result<QJsonObject, QList<ApplyConflict>>
serverSideApply(const QJsonObject &current, const QJsonObject &config, const QString &manager,
                const QString &apiVersion, bool force, const FieldType &type,
                bool statusSubresource);

} // namespace md::sim

#pragma once

// metadata.managedFields bookkeeping and server-side apply (FieldsV1 sets of field
// paths per manager). Lists are atomic, as for custom resources without list-type
// markers (Istio's CRDs have almost none): a list is owned and replaced as a whole.

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <map>

namespace md::sim {

struct FieldSet
{
    std::map<QString, FieldSet> children;
    bool self = false; // the field at this node is owned as a whole (a leaf)

    bool isEmpty() const { return !self && children.empty(); }
    QList<QStringList> leaves(const QStringList &prefix = {}) const;
    void add(const QStringList &path);
    // Removes `path`, everything below it and any owned ancestor of it.
    void remove(const QStringList &path);
    // Leaves of this set that overlap `path` (are its ancestor, itself or below it).
    QList<QStringList> overlapping(const QStringList &path) const;

    QJsonObject toFieldsV1() const;
    static FieldSet fromFieldsV1(const QJsonObject &fields);
    // The fields an applied configuration sets (labels and annotations of metadata;
    // everything but apiVersion, kind and status elsewhere).
    static FieldSet of(const QJsonObject &object);
};

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
void writeManagedFields(QJsonObject &object, const QList<ManagedFieldsEntry> &entries);

QString fieldPathString(const QStringList &path); // ".spec.http"

// Records a non-apply write (create, update, patch) by `manager`: fields whose value
// changed move to the manager's Update entry.
void trackUpdate(const QJsonObject &before, QJsonObject &after, const QString &manager,
                 const QString &apiVersion, const QString &subresource = {});

struct ApplyConflict
{
    QString manager;
    QString apiVersion;
    QString path;
};

// Server-side apply of `config` by `manager` onto `current` (empty when the object does
// not exist). Returns the merged object with managedFields updated, or the conflicts
// with other managers (unless `force`, which takes the fields over).
Result<QJsonObject, QList<ApplyConflict>> serverSideApply(const QJsonObject &current,
                                                          const QJsonObject &config,
                                                          const QString &manager,
                                                          const QString &apiVersion, bool force);

} // namespace md::sim

#include "managedfields.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kLastApplied = u"kubectl.kubernetes.io/last-applied-configuration"_s;

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

// The items of a keyed list with their path elements, or nothing when an item has no key
// or two items share one (the list is then handled as atomic).
std::optional<QList<QPair<QString, QJsonValue>>> keyedItems(const QJsonArray &list,
                                                            const FieldType &type)
{
    QList<QPair<QString, QJsonValue>> out;
    QSet<QString> seen;
    for (const QJsonValue &item : list) {
        const auto element = type.itemElement(item);
        if (!element || seen.contains(*element))
            return std::nullopt;
        seen.insert(*element);
        out << qMakePair(*element, item);
    }
    return out;
}

bool granularList(const QJsonValue &v, const FieldType &type)
{
    return v.isArray() && type.listKind() != FieldType::List::Atomic
        && keyedItems(v.toArray(), type).has_value();
}

// What field management tracks of an object: no apiVersion/kind and no system metadata;
// the status only for the status subresource (or when the kind has none).
QJsonObject trackedPart(const QJsonObject &object, bool statusSubresource,
                        const QString &subresource = {})
{
    if (subresource == u"status"_s) {
        QJsonObject out {{u"metadata"_s, QJsonObject {}}};
        if (object.contains(u"status"_s))
            out.insert(u"status"_s, object.value(u"status"_s));
        return out;
    }
    QJsonObject out = object;
    out.remove(u"apiVersion"_s);
    out.remove(u"kind"_s);
    if (statusSubresource)
        out.remove(u"status"_s);
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    for (const QString &k :
         {u"name"_s, u"namespace"_s, u"uid"_s, u"resourceVersion"_s, u"generation"_s,
          u"creationTimestamp"_s, u"selfLink"_s, u"managedFields"_s, u"deletionTimestamp"_s})
        meta.remove(k);
    out.insert(u"metadata"_s, meta);
    return out;
}

void collectApplied(const QJsonValue &v, const FieldType &type, const FieldPath &path,
                    FieldSet &set)
{
    if (v.isObject() && !type.atomicMap()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectApplied(it.value(), type.field(it.key()), path + FieldPath {u"f:"_s + it.key()},
                           set);
        return;
    }
    if (granularList(v, type)) {
        const FieldType itemType = type.item();
        const auto items = *keyedItems(v.toArray(), type);
        for (const auto &[element, item] : items) {
            const FieldPath itemPath = path + FieldPath {element};
            set.insert(itemPath);
            if (item.isObject())
                collectApplied(item, itemType, itemPath, set);
        }
        return;
    }
    if (!path.isEmpty())
        set.insert(path);
}

void collectAdded(const QJsonValue &v, const FieldType &type, const FieldPath &path, FieldSet &set)
{
    if (v.isObject() && !type.atomicMap()) {
        const QJsonObject o = v.toObject();
        if (!path.isEmpty() && (o.isEmpty() || !type.alwaysPresent()))
            set.insert(path);
        for (auto it = o.begin(); it != o.end(); ++it)
            collectAdded(it.value(), type.field(it.key()), path + FieldPath {u"f:"_s + it.key()},
                         set);
        return;
    }
    if (granularList(v, type)) {
        const FieldType itemType = type.item();
        const auto items = *keyedItems(v.toArray(), type);
        if (items.isEmpty())
            set.insert(path);
        for (const auto &[element, item] : items)
            collectAdded(item, itemType, path + FieldPath {element}, set);
        return;
    }
    if (!path.isEmpty())
        set.insert(path);
}

void compare(const QJsonValue &a, const QJsonValue &b, const FieldType &type, const FieldPath &path,
             Comparison &c)
{
    if (a.isUndefined() && b.isUndefined())
        return;
    if (a.isUndefined()) {
        collectAdded(b, type, path, c.added);
        return;
    }
    if (b.isUndefined()) {
        c.removed.insert(path);
        return;
    }
    if (a.isObject() && b.isObject() && !type.atomicMap()) {
        const QJsonObject oa = a.toObject();
        const QJsonObject ob = b.toObject();
        for (auto it = oa.begin(); it != oa.end(); ++it)
            compare(it.value(), ob.value(it.key()), type.field(it.key()),
                    path + FieldPath {u"f:"_s + it.key()}, c);
        for (auto it = ob.begin(); it != ob.end(); ++it)
            if (!oa.contains(it.key()))
                compare(QJsonValue::Undefined, it.value(), type.field(it.key()),
                        path + FieldPath {u"f:"_s + it.key()}, c);
        return;
    }
    if (granularList(a, type) && granularList(b, type)) {
        const FieldType itemType = type.item();
        const auto ia = *keyedItems(a.toArray(), type);
        const auto ib = *keyedItems(b.toArray(), type);
        QHash<QString, QJsonValue> before;
        for (const auto &[element, item] : ia)
            before.insert(element, item);
        QSet<QString> after;
        for (const auto &[element, item] : ib) {
            after.insert(element);
            compare(before.value(element, QJsonValue::Undefined), item, itemType,
                    path + FieldPath {element}, c);
        }
        for (const auto &[element, item] : ia)
            if (!after.contains(element))
                c.removed.insert(path + FieldPath {element});
        return;
    }
    if (a != b)
        c.modified.insert(path);
}

void removeAt(QJsonValue &v, const FieldPath &path, const FieldType &type)
{
    if (path.isEmpty())
        return;
    const QString &step = path.first();
    if (step.startsWith(u"f:"_s) && v.isObject()) {
        QJsonObject o = v.toObject();
        const QString name = step.mid(2);
        if (!o.contains(name))
            return;
        if (path.size() == 1) {
            o.remove(name);
        } else {
            QJsonValue child = o.value(name);
            removeAt(child, path.mid(1), type.field(name));
            // A map left empty by the removal goes too, as it does from a typed object.
            if (child.isObject() && child.toObject().isEmpty())
                o.remove(name);
            else
                o.insert(name, child);
        }
        v = o;
        return;
    }
    if (v.isArray()) {
        QJsonArray list = v.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (type.itemElement(list.at(i)) != step)
                continue;
            if (path.size() == 1) {
                list.removeAt(i);
            } else {
                QJsonValue child = list.at(i);
                removeAt(child, path.mid(1), type.item());
                list.replace(i, child);
            }
            v = list;
            return;
        }
    }
}

} // namespace

QList<ManagedFieldsEntry> readManagedFields(const QJsonObject &object)
{
    QList<ManagedFieldsEntry> out;
    const QJsonArray list
        = object.value(u"metadata"_s).toObject().value(u"managedFields"_s).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        ManagedFieldsEntry e;
        e.manager = o.value(u"manager"_s).toString();
        e.operation = o.value(u"operation"_s).toString();
        e.apiVersion = o.value(u"apiVersion"_s).toString();
        e.time = o.value(u"time"_s).toString();
        e.subresource = o.value(u"subresource"_s).toString();
        e.fields = FieldSet::fromFieldsV1(o.value(u"fieldsV1"_s).toObject());
        out << e;
    }
    return out;
}

void writeManagedFields(QJsonObject &object, QList<ManagedFieldsEntry> entries)
{
    std::stable_sort(entries.begin(), entries.end(),
                     [](const ManagedFieldsEntry &p, const ManagedFieldsEntry &q) {
                         if (p.operation != q.operation)
                             return p.operation < q.operation;
                         if (p.time != q.time)
                             return p.time < q.time;
                         if (p.manager != q.manager)
                             return p.manager < q.manager;
                         if (p.apiVersion != q.apiVersion)
                             return p.apiVersion < q.apiVersion;
                         return p.subresource < q.subresource;
                     });
    QJsonArray list;
    for (const ManagedFieldsEntry &e : entries) {
        if (e.fields.isEmpty())
            continue;
        QJsonObject o {{u"manager"_s, e.manager},        {u"operation"_s, e.operation},
                       {u"apiVersion"_s, e.apiVersion},  {u"time"_s, e.time},
                       {u"fieldsType"_s, u"FieldsV1"_s}, {u"fieldsV1"_s, e.fields.toFieldsV1()}};
        if (!e.subresource.isEmpty())
            o.insert(u"subresource"_s, e.subresource);
        list.append(o);
    }
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    if (list.isEmpty())
        meta.remove(u"managedFields"_s);
    else
        meta.insert(u"managedFields"_s, list);
    object.insert(u"metadata"_s, meta);
}

FieldSet appliedFieldSet(const QJsonValue &value, const FieldType &type)
{
    FieldSet set;
    collectApplied(value, type, {}, set);
    return set;
}

QJsonValue typedMerge(const QJsonValue &live, const QJsonValue &config, const FieldType &type)
{
    if (config.isObject() && live.isObject() && !type.atomicMap()) {
        QJsonObject result = live.toObject();
        const QJsonObject c = config.toObject();
        for (auto it = c.begin(); it != c.end(); ++it)
            result.insert(it.key(),
                          typedMerge(result.value(it.key()), it.value(), type.field(it.key())));
        return result;
    }
    if (granularList(config, type) && granularList(live, type)) {
        QJsonArray result = live.toArray();
        QHash<QString, qsizetype> index;
        for (qsizetype i = 0; i < result.size(); ++i)
            index.insert(*type.itemElement(result.at(i)), i);
        const FieldType itemType = type.item();
        const auto items = *keyedItems(config.toArray(), type);
        for (const auto &[element, item] : items) {
            const auto it = index.constFind(element);
            if (it == index.constEnd())
                result.append(item);
            else if (type.listKind() == FieldType::List::Map)
                result.replace(*it, typedMerge(result.at(*it), item, itemType));
        }
        return result;
    }
    return config;
}

Comparison compareValues(const QJsonValue &before, const QJsonValue &after, const FieldType &type)
{
    Comparison c;
    compare(before, after, type, {}, c);
    return c;
}

void trackUpdate(const QJsonObject &before, QJsonObject &after, const QString &manager,
                 const QString &apiVersion, const FieldType &type, bool statusSubresource,
                 const QString &subresource)
{
    const Comparison c = compareValues(trackedPart(before, statusSubresource, subresource),
                                       trackedPart(after, statusSubresource, subresource), type);
    FieldSet changed = c.added;
    changed.unite(c.modified);
    if (changed.isEmpty() && c.removed.isEmpty())
        return;
    QList<ManagedFieldsEntry> entries = readManagedFields(after);
    qsizetype mine = -1;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        ManagedFieldsEntry &e = entries[i];
        if (e.manager == manager && e.operation == u"Update"_s && e.subresource == subresource) {
            mine = i;
            continue;
        }
        e.fields.subtract(changed);
        e.fields.subtractRecursive(c.removed);
    }
    if (mine < 0) {
        entries.append(ManagedFieldsEntry {manager, u"Update"_s, apiVersion, {}, subresource, {}});
        mine = entries.size() - 1;
    }
    ManagedFieldsEntry &m = entries[mine];
    const FieldSet previous = m.fields;
    m.fields.unite(changed);
    m.fields.subtractRecursive(c.removed);
    if (!(m.fields == previous) || m.apiVersion != apiVersion || m.time.isEmpty()) {
        m.time = now();
        m.apiVersion = apiVersion;
    }
    writeManagedFields(after, entries);
}

Result<QJsonObject, QList<ApplyConflict>>
serverSideApply(const QJsonObject &current, const QJsonObject &config, const QString &manager,
                const QString &apiVersion, bool force, const FieldType &type,
                bool statusSubresource)
{
    QList<ManagedFieldsEntry> entries = readManagedFields(current);
    QJsonObject applied = config;
    if (statusSubresource)
        applied.remove(u"status"_s);
    const FieldSet appliedSet = appliedFieldSet(trackedPart(applied, statusSubresource), type);

    QJsonValue merged = typedMerge(current, applied, type);
    qsizetype mine = -1;
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (entries[i].manager == manager && entries[i].operation == u"Apply"_s
            && entries[i].subresource.isEmpty())
            mine = i;
    // Fields this manager applied before and no longer applies go, unless someone (this
    // apply included) still owns them or something below them.
    if (mine >= 0) {
        FieldSet owned = appliedSet;
        for (qsizetype i = 0; i < entries.size(); ++i)
            if (i != mine)
                owned.unite(entries[i].fields);
        for (const FieldPath &path : entries[mine].fields.members()) {
            if (owned.contains(path) || owned.hasMemberBelow(path) || owned.ownsWhole(path))
                continue;
            removeAt(merged, path, type);
        }
    }
    QJsonObject result = merged.toObject();

    const Comparison c = compareValues(trackedPart(current, statusSubresource),
                                       trackedPart(result, statusSubresource), type);
    FieldSet changed = c.added;
    changed.unite(c.modified);
    QList<ApplyConflict> conflicts;
    QList<QPair<qsizetype, FieldSet>> clashes;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (i == mine || !entries[i].subresource.isEmpty())
            continue;
        const FieldSet clash = entries[i].fields.intersected(changed);
        if (clash.isEmpty())
            continue;
        for (const FieldPath &path : clash.members())
            conflicts << ApplyConflict {entries[i].manager, entries[i].apiVersion,
                                        fieldPathString(path)};
        clashes << qMakePair(i, clash);
    }
    const QJsonObject annotations
        = current.value(u"metadata"_s).toObject().value(u"annotations"_s).toObject();
    if (!conflicts.isEmpty() && !force) {
        // The client-side to server-side apply upgrade: manager "kubectl" takes over the
        // fields its last client-side apply set.
        FieldSet allowed;
        if (manager == u"kubectl"_s && annotations.contains(kLastApplied)) {
            const QJsonObject last
                = QJsonDocument::fromJson(annotations.value(kLastApplied).toString().toUtf8())
                      .object();
            allowed = appliedFieldSet(trackedPart(last, statusSubresource), type);
        }
        QList<ApplyConflict> remaining;
        for (const auto &[index, clash] : clashes)
            for (const FieldPath &path : clash.members())
                if (!allowed.contains(path))
                    remaining << ApplyConflict {entries[index].manager, entries[index].apiVersion,
                                                fieldPathString(path)};
        if (!remaining.isEmpty())
            return Unexpected<QList<ApplyConflict>> {remaining};
    }
    for (const auto &[index, clash] : clashes)
        entries[index].fields.subtract(clash);
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (i != mine)
            entries[i].fields.subtractRecursive(c.removed);

    if (mine < 0) {
        entries.append(ManagedFieldsEntry {manager, u"Apply"_s, apiVersion, {}, {}, {}});
        mine = entries.size() - 1;
    }
    ManagedFieldsEntry &m = entries[mine];
    if (!(m.fields == appliedSet) || m.apiVersion != apiVersion || m.time.isEmpty()) {
        m.time = now();
        m.apiVersion = apiVersion;
    }
    m.fields = appliedSet;

    // kubectl's server-side apply keeps an existing client-side annotation in step.
    if (manager == u"kubectl"_s && annotations.contains(kLastApplied)) {
        QJsonObject last = config;
        QJsonObject lastMeta = last.value(u"metadata"_s).toObject();
        QJsonObject lastAnnotations = lastMeta.value(u"annotations"_s).toObject();
        lastAnnotations.remove(kLastApplied);
        if (lastAnnotations.isEmpty())
            lastMeta.remove(u"annotations"_s);
        else
            lastMeta.insert(u"annotations"_s, lastAnnotations);
        last.insert(u"metadata"_s, lastMeta);
        QJsonObject meta = result.value(u"metadata"_s).toObject();
        QJsonObject resultAnnotations = meta.value(u"annotations"_s).toObject();
        resultAnnotations.insert(
            kLastApplied,
            QString::fromUtf8(QJsonDocument(last).toJson(QJsonDocument::Compact)) + u'\n');
        meta.insert(u"annotations"_s, resultAnnotations);
        result.insert(u"metadata"_s, meta);
    }
    writeManagedFields(result, entries);
    return result;
}

} // namespace md::sim

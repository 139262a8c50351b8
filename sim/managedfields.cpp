#include "managedfields.h"

#include "patch.h"

#include <QDateTime>
#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

bool isPrefix(const QStringList &a, const QStringList &b) // a is a prefix of b
{
    if (a.size() > b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

std::optional<QJsonValue> valueAt(const QJsonObject &object, const QStringList &path)
{
    QJsonValue v = object;
    for (const QString &step : path) {
        const QJsonObject o = v.toObject();
        if (!v.isObject() || !o.contains(step))
            return std::nullopt;
        v = o.value(step);
    }
    return v;
}

void removeAt(QJsonObject &object, const QStringList &path)
{
    if (path.isEmpty())
        return;
    if (path.size() == 1) {
        object.remove(path.first());
        return;
    }
    if (!object.value(path.first()).isObject())
        return;
    QJsonObject child = object.value(path.first()).toObject();
    removeAt(child, path.mid(1));
    object.insert(path.first(), child);
}

void collect(const QJsonValue &v, const QStringList &prefix, FieldSet &set)
{
    const QJsonObject o = v.toObject();
    if (!v.isObject() || o.isEmpty()) {
        set.add(prefix);
        return;
    }
    for (auto it = o.begin(); it != o.end(); ++it)
        collect(it.value(), prefix + QStringList {it.key()}, set);
}

// Leaf paths whose values differ between a and b (objects compared field by field).
void diff(const QJsonValue &a, const QJsonValue &b, const QStringList &prefix,
          QList<QStringList> &changed)
{
    if (a.isObject() && b.isObject() && !a.toObject().isEmpty() && !b.toObject().isEmpty()) {
        const QJsonObject oa = a.toObject();
        const QJsonObject ob = b.toObject();
        QStringList keys = oa.keys();
        for (const QString &k : ob.keys())
            if (!oa.contains(k))
                keys << k;
        for (const QString &k : keys)
            diff(oa.value(k), ob.value(k), prefix + QStringList {k}, changed);
        return;
    }
    if (a != b)
        changed << prefix;
}

QJsonObject trackedPart(const QJsonObject &object)
{
    QJsonObject out = object;
    out.remove(u"apiVersion"_s);
    out.remove(u"kind"_s);
    out.remove(u"status"_s);
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    QJsonObject m;
    for (const QString &k : {u"labels"_s, u"annotations"_s})
        if (meta.contains(k))
            m.insert(k, meta.value(k));
    out.insert(u"metadata"_s, m);
    return out;
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

} // namespace

QList<QStringList> FieldSet::leaves(const QStringList &prefix) const
{
    QList<QStringList> out;
    if (self)
        out << prefix;
    for (const auto &c : children)
        out += c.second.leaves(prefix + QStringList {c.first});
    return out;
}

void FieldSet::add(const QStringList &path)
{
    FieldSet *node = this;
    for (const QString &step : path)
        node = &node->children[step];
    node->self = true;
}

void FieldSet::remove(const QStringList &path)
{
    if (path.isEmpty()) {
        *this = FieldSet {};
        return;
    }
    self = false; // an owned ancestor loses its ownership with any part of it
    const auto it = children.find(path.first());
    if (it == children.end())
        return;
    if (path.size() > 1)
        it->second.remove(path.mid(1));
    if (path.size() == 1 || it->second.isEmpty())
        children.erase(it);
}

QList<QStringList> FieldSet::overlapping(const QStringList &path) const
{
    QList<QStringList> out;
    for (const QStringList &leaf : leaves())
        if (isPrefix(leaf, path) || isPrefix(path, leaf))
            out << leaf;
    return out;
}

QJsonObject FieldSet::toFieldsV1() const
{
    QJsonObject o;
    if (self && !children.empty())
        o.insert(u"."_s, QJsonObject {});
    for (const auto &c : children)
        o.insert(u"f:"_s + c.first, c.second.toFieldsV1());
    return o;
}

FieldSet FieldSet::fromFieldsV1(const QJsonObject &fields)
{
    FieldSet set;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString k = it.key();
        if (k == u"."_s) {
            set.self = true;
        } else if (k.startsWith(u"f:"_s)) {
            FieldSet child = fromFieldsV1(it.value().toObject());
            if (it.value().toObject().isEmpty())
                child.self = true;
            set.children[k.mid(2)] = child;
        } else {
            set.self = true; // k:/v:/i: entries: meshsim treats the list as atomic
        }
    }
    return set;
}

FieldSet FieldSet::of(const QJsonObject &object)
{
    FieldSet set;
    const QJsonObject tracked = trackedPart(object);
    for (auto it = tracked.begin(); it != tracked.end(); ++it) {
        if (it.key() == u"metadata"_s) {
            const QJsonObject meta = it.value().toObject();
            for (auto m = meta.begin(); m != meta.end(); ++m)
                for (const QString &k : m.value().toObject().keys())
                    set.add({u"metadata"_s, m.key(), k});
            continue;
        }
        collect(it.value(), {it.key()}, set);
    }
    return set;
}

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

void writeManagedFields(QJsonObject &object, const QList<ManagedFieldsEntry> &entries)
{
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

QString fieldPathString(const QStringList &path)
{
    return u'.' + path.join(u'.');
}

void trackUpdate(const QJsonObject &before, QJsonObject &after, const QString &manager,
                 const QString &apiVersion, const QString &subresource)
{
    QList<ManagedFieldsEntry> entries = readManagedFields(after);
    QList<QStringList> changed;
    QJsonObject a = trackedPart(before);
    QJsonObject b = trackedPart(after);
    if (!subresource.isEmpty()) {
        a = QJsonObject {{u"status"_s, before.value(u"status"_s)}};
        b = QJsonObject {{u"status"_s, after.value(u"status"_s)}};
    }
    diff(a, b, {}, changed);
    if (changed.isEmpty())
        return;
    ManagedFieldsEntry *mine = nullptr;
    for (ManagedFieldsEntry &e : entries) {
        if (e.manager == manager && e.operation == u"Update"_s && e.subresource == subresource)
            mine = &e;
    }
    if (!mine) {
        entries.append(ManagedFieldsEntry {manager, u"Update"_s, apiVersion, {}, subresource, {}});
        mine = &entries.last();
    }
    mine->apiVersion = apiVersion;
    mine->time = now();
    for (const QStringList &path : changed) {
        for (ManagedFieldsEntry &e : entries)
            if (&e != mine)
                e.fields.remove(path);
        if (valueAt(b, path))
            mine->fields.add(path);
        else
            mine->fields.remove(path);
    }
    writeManagedFields(after, entries);
}

Result<QJsonObject, QList<ApplyConflict>> serverSideApply(const QJsonObject &current,
                                                          const QJsonObject &config,
                                                          const QString &manager,
                                                          const QString &apiVersion, bool force)
{
    QList<ManagedFieldsEntry> entries = readManagedFields(current);
    const FieldSet applied = FieldSet::of(config);
    const QJsonObject configTracked = trackedPart(config);
    const QJsonObject currentTracked = trackedPart(current);

    QList<ApplyConflict> conflicts;
    QList<QPair<int, QStringList>> takeOver;
    for (int i = 0; i < entries.size(); ++i) {
        const ManagedFieldsEntry &e = entries[i];
        if (e.manager == manager && e.operation == u"Apply"_s)
            continue;
        if (!e.subresource.isEmpty())
            continue;
        for (const QStringList &path : applied.leaves()) {
            for (const QStringList &owned : e.fields.overlapping(path)) {
                const QStringList &deeper = owned.size() > path.size() ? owned : path;
                if (valueAt(currentTracked, deeper) == valueAt(configTracked, deeper))
                    continue;
                conflicts << ApplyConflict {e.manager, e.apiVersion, fieldPathString(owned)};
                takeOver << qMakePair(i, owned);
            }
        }
    }
    if (!conflicts.isEmpty() && !force)
        return Unexpected<QList<ApplyConflict>> {conflicts};
    for (const auto &t : takeOver)
        entries[t.first].fields.remove(t.second);

    QJsonObject result = current.isEmpty() ? QJsonObject {} : current;
    // Fields this manager applied before and no longer applies are removed unless
    // another manager still owns them.
    qsizetype mineIndex = -1;
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (entries[i].manager == manager && entries[i].operation == u"Apply"_s)
            mineIndex = i;
    if (mineIndex >= 0) {
        for (const QStringList &old : entries[mineIndex].fields.leaves()) {
            if (!applied.overlapping(old).isEmpty())
                continue;
            bool ownedElsewhere = false;
            for (qsizetype i = 0; i < entries.size(); ++i)
                if (i != mineIndex && !entries[i].fields.overlapping(old).isEmpty())
                    ownedElsewhere = true;
            if (!ownedElsewhere)
                removeAt(result, old);
        }
    }
    QJsonObject merged = config;
    merged.remove(u"status"_s);
    QJsonObject meta = merged.value(u"metadata"_s).toObject();
    meta.remove(u"managedFields"_s);
    merged.insert(u"metadata"_s, meta);
    result = deepMerge(result, merged).toObject();

    if (mineIndex < 0) {
        entries.append(ManagedFieldsEntry {manager, u"Apply"_s, apiVersion, {}, {}, {}});
        mineIndex = entries.size() - 1;
    }
    entries[mineIndex].apiVersion = apiVersion;
    entries[mineIndex].time = now();
    entries[mineIndex].fields = applied;
    writeManagedFields(result, entries);
    return result;
}

} // namespace md::sim

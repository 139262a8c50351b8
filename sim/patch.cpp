#include "patch.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

// ---- JSON pointer -------------------------------------------------------------------

QStringList pointerTokens(const QString &pointer, bool *ok)
{
    *ok = pointer.isEmpty() || pointer.startsWith(u'/');
    if (pointer.isEmpty())
        return {};
    QStringList tokens = pointer.mid(1).split(u'/');
    for (QString &t : tokens)
        t = t.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
    return tokens;
}

bool arrayIndex(const QString &token, qsizetype size, bool allowEnd, qsizetype *index)
{
    if (allowEnd && token == u"-"_s) {
        *index = size;
        return true;
    }
    bool ok = false;
    const qsizetype i = token.toLongLong(&ok);
    if (!ok || i < 0 || (token.size() > 1 && token.startsWith(u'0')))
        return false;
    *index = i;
    return allowEnd ? i <= size : i < size;
}

enum class Op { Get, Add, Remove, Replace };

// Walks `tokens` below `node`, performing `op` at the end. Returns false when the path
// does not exist (or an index is out of range).
bool walk(QJsonValue &node, const QStringList &tokens, qsizetype depth, Op op,
          const QJsonValue &value, QJsonValue *out)
{
    if (depth == tokens.size()) {
        if (op == Op::Get) {
            *out = node;
            return true;
        }
        if (op == Op::Replace || op == Op::Add) {
            node = value;
            return true;
        }
        return false;
    }
    const QString &token = tokens[depth];
    const bool last = depth + 1 == tokens.size();
    if (node.isObject()) {
        QJsonObject obj = node.toObject();
        if (last && op != Op::Get) {
            if (op == Op::Add) {
                obj.insert(token, value);
            } else {
                if (!obj.contains(token))
                    return false;
                if (op == Op::Remove)
                    obj.remove(token);
                else
                    obj.insert(token, value);
            }
            node = obj;
            return true;
        }
        if (!obj.contains(token))
            return false;
        QJsonValue child = obj.value(token);
        if (!walk(child, tokens, depth + 1, op, value, out))
            return false;
        if (op != Op::Get) {
            obj.insert(token, child);
            node = obj;
        }
        return true;
    }
    if (node.isArray()) {
        QJsonArray arr = node.toArray();
        qsizetype index = 0;
        if (!arrayIndex(token, arr.size(), last && op == Op::Add, &index))
            return false;
        if (last && op != Op::Get) {
            if (op == Op::Add)
                arr.insert(index, value);
            else if (op == Op::Remove)
                arr.removeAt(index);
            else
                arr.replace(index, value);
            node = arr;
            return true;
        }
        QJsonValue child = arr.at(index);
        if (!walk(child, tokens, depth + 1, op, value, out))
            return false;
        if (op != Op::Get) {
            arr.replace(index, child);
            node = arr;
        }
        return true;
    }
    return false;
}

// ---- strategic merge ----------------------------------------------------------------

QString mergeKeyFor(const QString &field, const QJsonArray &items)
{
    static const QList<QPair<QString, QString>> keys = {
        {u"containers"_s, u"name"_s},
        {u"initContainers"_s, u"name"_s},
        {u"ephemeralContainers"_s, u"name"_s},
        {u"env"_s, u"name"_s},
        {u"volumes"_s, u"name"_s},
        {u"volumeMounts"_s, u"mountPath"_s},
        {u"volumeDevices"_s, u"devicePath"_s},
        {u"imagePullSecrets"_s, u"name"_s},
        {u"conditions"_s, u"type"_s},
        {u"ownerReferences"_s, u"uid"_s},
        {u"hostAliases"_s, u"ip"_s},
        {u"topologySpreadConstraints"_s, u"topologyKey"_s},
        {u"secrets"_s, u"name"_s},
        {u"subsets"_s, QString()},
    };
    for (const auto &k : keys)
        if (k.first == field)
            return k.second;
    if (field == u"ports"_s) {
        // Service ports merge by "port", container ports by "containerPort".
        for (const QJsonValue &v : items) {
            const QJsonObject o = v.toObject();
            if (o.contains(u"containerPort"_s))
                return u"containerPort"_s;
            if (o.contains(u"port"_s))
                return u"port"_s;
        }
        return u"port"_s;
    }
    return {};
}

Result<QJsonValue> strategicMerge(const QJsonValue &target, const QJsonValue &patch);

Result<QJsonValue> mergeList(const QString &field, const QJsonArray &target,
                             const QJsonArray &patch)
{
    const QString key = mergeKeyFor(field, patch);
    if (key.isEmpty()) {
        for (const QJsonValue &v : patch)
            if (v.toObject().value(u"$patch"_s).toString() == u"replace"_s)
                return QJsonValue(QJsonArray());
        return QJsonValue(patch);
    }
    QJsonArray result = target;
    for (const QJsonValue &pv : patch) {
        QJsonObject item = pv.toObject();
        const QString directive = item.take(u"$patch"_s).toString();
        if (directive == u"replace"_s)
            return QJsonValue(QJsonArray());
        const QJsonValue id = item.value(key);
        qsizetype found = -1;
        for (qsizetype i = 0; i < result.size(); ++i)
            if (result.at(i).toObject().value(key) == id) {
                found = i;
                break;
            }
        if (directive == u"delete"_s) {
            if (found >= 0)
                result.removeAt(found);
            continue;
        }
        if (found < 0) {
            result.append(item);
            continue;
        }
        auto merged = strategicMerge(result.at(found), item);
        if (!merged)
            return merged;
        result.replace(found, *merged);
    }
    return QJsonValue(result);
}

Result<QJsonValue> strategicMerge(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject p = patch.toObject();
    const QString directive = p.take(u"$patch"_s).toString();
    if (directive == u"delete"_s)
        return QJsonValue(QJsonValue::Undefined);
    QJsonObject result = directive == u"replace"_s ? QJsonObject {} : target.toObject();
    const QJsonArray retain = p.take(u"$retainKeys"_s).toArray();
    for (auto it = p.begin(); it != p.end(); ++it) {
        const QString name = it.key();
        if (name.startsWith(u"$setElementOrder/"_s))
            continue;
        if (name.startsWith(u"$deleteFromPrimitiveList/"_s)) {
            const QString field = name.mid(name.indexOf(u'/') + 1);
            QJsonArray list = result.value(field).toArray();
            const QJsonArray drops = it.value().toArray();
            for (qsizetype i = list.size() - 1; i >= 0; --i)
                if (drops.contains(list.at(i)))
                    list.removeAt(i);
            result.insert(field, list);
            continue;
        }
        const QJsonValue value = it.value();
        if (value.isNull()) {
            result.remove(name);
        } else if (value.isObject()) {
            auto merged = strategicMerge(result.value(name), value);
            if (!merged)
                return merged;
            if (merged->isUndefined())
                result.remove(name);
            else
                result.insert(name, *merged);
        } else if (value.isArray()) {
            auto merged = mergeList(name, result.value(name).toArray(), value.toArray());
            if (!merged)
                return merged;
            result.insert(name, *merged);
        } else {
            result.insert(name, value);
        }
    }
    if (!retain.isEmpty()) {
        QStringList keep;
        for (const QJsonValue &k : retain)
            keep << k.toString();
        for (const QString &k : result.keys())
            if (!keep.contains(k))
                result.remove(k);
    }
    return QJsonValue(result);
}

} // namespace

QJsonValue applyMergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject result = target.isObject() ? target.toObject() : QJsonObject {};
    const QJsonObject p = patch.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else
            result.insert(it.key(), applyMergePatch(result.value(it.key()), it.value()));
    }
    return result;
}

Result<QJsonValue> applyJsonPatch(const QJsonValue &target, const QJsonArray &operations)
{
    QJsonValue doc = target;
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const QJsonObject op = operations.at(i).toObject();
        const QString name = op.value(u"op"_s).toString();
        const QString path = op.value(u"path"_s).toString();
        const QString where
            = u"operation "_s + QString::number(i) + u" ("_s + name + u' ' + path + u')';
        bool ok = false;
        const QStringList tokens = pointerTokens(path, &ok);
        if (!ok || !op.contains(u"path"_s))
            return unexpected(u"jsonpatch"_s, u"invalid JSON pointer \""_s + path + u'"', where);
        QJsonValue scratch;
        if (name == u"add"_s || name == u"replace"_s) {
            if (!op.contains(u"value"_s))
                return unexpected(u"jsonpatch"_s, u"missing value"_s, where);
            if (!walk(doc, tokens, 0, name == u"add"_s ? Op::Add : Op::Replace,
                      op.value(u"value"_s), &scratch))
                return unexpected(u"jsonpatch"_s,
                                  name == u"add"_s ? u"add operation does not apply: doc is "
                                                     "missing path: \""_s
                                          + path + u'"'
                                                   : u"replace operation does not apply: doc "
                                                     "is missing key: "_s
                                          + path,
                                  where);
        } else if (name == u"remove"_s) {
            if (!walk(doc, tokens, 0, Op::Remove, {}, &scratch))
                return unexpected(u"jsonpatch"_s,
                                  u"remove operation does not apply: doc is missing path: \""_s
                                      + path + u'"',
                                  where);
        } else if (name == u"test"_s) {
            if (!walk(doc, tokens, 0, Op::Get, {}, &scratch) || scratch != op.value(u"value"_s))
                return unexpected(u"jsonpatch"_s,
                                  u"testing value "_s + path + u" failed: test failed"_s, where);
        } else if (name == u"move"_s || name == u"copy"_s) {
            const QString fromPath = op.value(u"from"_s).toString();
            bool fromOk = false;
            const QStringList from = pointerTokens(fromPath, &fromOk);
            if (!fromOk || !walk(doc, from, 0, Op::Get, {}, &scratch))
                return unexpected(u"jsonpatch"_s,
                                  name + u" operation does not apply: doc is missing from path: "_s
                                      + fromPath,
                                  where);
            QJsonValue moved = scratch;
            if (name == u"move"_s && !walk(doc, from, 0, Op::Remove, {}, &scratch))
                return unexpected(u"jsonpatch"_s, u"move failed"_s, where);
            if (!walk(doc, tokens, 0, Op::Add, moved, &scratch))
                return unexpected(
                    u"jsonpatch"_s,
                    name + u" operation does not apply: doc is missing path: "_s + path, where);
        } else {
            return unexpected(u"jsonpatch"_s, u"Unexpected kind: "_s + name, where);
        }
    }
    return doc;
}

Result<QJsonValue> applyStrategicMergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return unexpected(u"smp"_s, u"a strategic merge patch must be a JSON object"_s);
    return strategicMerge(target, patch);
}

QJsonValue deepMerge(const QJsonValue &target, const QJsonValue &applied)
{
    if (!applied.isObject() || !target.isObject())
        return applied;
    QJsonObject result = target.toObject();
    const QJsonObject a = applied.toObject();
    for (auto it = a.begin(); it != a.end(); ++it)
        result.insert(it.key(), deepMerge(result.value(it.key()), it.value()));
    return result;
}

} // namespace md::sim

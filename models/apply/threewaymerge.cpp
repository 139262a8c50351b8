#include "apply/threewaymerge.h"

#include <QSet>

#include <optional>

namespace md::apply {

using md::istio::Value;

QString pathText(const QList<PathStep> &path)
{
    QString text;
    for (const PathStep &step : path) {
        switch (step.kind) {
        case PathStep::Kind::Key:
            if (!text.isEmpty())
                text += QLatin1Char('.');
            text += step.key;
            break;
        case PathStep::Kind::Index:
            text += QLatin1Char('[') + QString::number(step.index) + QLatin1Char(']');
            break;
        case PathStep::Kind::Name:
            text += QStringLiteral("[name=") + step.key + QLatin1Char(']');
            break;
        }
    }
    return text;
}

namespace {

// Fields the server sets: never a change, live's value is kept.
bool serverManaged(const QList<PathStep> &path)
{
    if (path.size() == 1)
        return path.at(0).kind == PathStep::Kind::Key && path.at(0).key == QLatin1String("status");
    if (path.size() == 2 && path.at(0).kind == PathStep::Kind::Key
        && path.at(0).key == QLatin1String("metadata") && path.at(1).kind == PathStep::Kind::Key) {
        static const QSet<QString> managed {
            QStringLiteral("resourceVersion"),   QStringLiteral("uid"),
            QStringLiteral("generation"),        QStringLiteral("creationTimestamp"),
            QStringLiteral("managedFields"),     QStringLiteral("selfLink"),
            QStringLiteral("deletionTimestamp"), QStringLiteral("deletionGracePeriodSeconds")};
        return managed.contains(path.at(1).key);
    }
    return false;
}

// The names of an array whose items are all objects with a unique string "name"; nullopt
// otherwise.
std::optional<QStringList> itemNames(const Value &array)
{
    if (!array.isArray() || array.isEmpty())
        return std::nullopt;
    QStringList names;
    QSet<QString> seen;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const Value &item = array.at(i);
        if (!item.isObject() || !item.value(QStringLiteral("name")).isString())
            return std::nullopt;
        const QString name = item.value(QStringLiteral("name")).toString();
        if (seen.contains(name))
            return std::nullopt;
        seen.insert(name);
        names.append(name);
    }
    return names;
}

const Value *itemByName(const Value &array, const QString &name)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (array.at(i).value(QStringLiteral("name")).toString() == name)
            return &array.at(i);
    }
    return nullptr;
}

// `order` with the entries of `extra` missing from it, each placed after its predecessor in
// `extra` (or first when it has none that is kept).
QStringList mergeOrder(QStringList order, const QStringList &extra)
{
    QString previous;
    for (const QString &key : extra) {
        if (!order.contains(key)) {
            const qsizetype at = previous.isEmpty() ? 0 : order.indexOf(previous) + 1;
            order.insert(at, key);
        }
        previous = key;
    }
    return order;
}

// Walks the three trees in document order. In collect mode it appends the changes; in
// build mode it returns the merged node (nullopt: absent), taking each change's resolution
// from `changes` in the same order.
class Walker
{
public:
    bool build = false;
    QList<FieldChange> *changes = nullptr; // collect: appended; build: read
    qsizetype next = 0; // build: the next change to read

    std::optional<Value> walk(const QList<PathStep> &path, const Value *base, const Value *live,
                              const Value *mine)
    {
        if (serverManaged(path))
            return live ? std::optional<Value>(*live) : std::nullopt;
        const bool inBase = base, inLive = live, inMine = mine;
        // Unchanged everywhere.
        if (inBase == inLive && inLive == inMine && (!inBase || (*base == *live && *live == *mine)))
            return live ? std::optional<Value>(*live) : std::nullopt;

        if (live && mine && live->isObject() && mine->isObject() && (!base || base->isObject()))
            return walkObject(path, base, *live, *mine);
        if (live && mine && live->isArray() && mine->isArray() && (!base || base->isArray())) {
            const auto bn = base ? itemNames(*base) : std::optional<QStringList>(QStringList());
            const auto ln = itemNames(*live);
            const auto mn = itemNames(*mine);
            if (bn && ln && mn && (*bn == *ln || *bn == *mn))
                return walkNamed(path, base, *live, *mine, *bn, *ln, *mn);
            if (base && base->size() == live->size() && live->size() == mine->size())
                return walkIndexed(path, *base, *live, *mine);
        }
        return leaf(path, base, live, mine);
    }

private:
    std::optional<Value> leaf(const QList<PathStep> &path, const Value *base, const Value *live,
                              const Value *mine)
    {
        const auto same
            = [](const Value *a, const Value *b) { return (!a && !b) || (a && b && *a == *b); };
        if (build) {
            const FieldChange &change = changes->at(next++);
            const Value *chosen = change.resolution == Resolution::TakeMine ? mine : live;
            return chosen ? std::optional<Value>(*chosen) : std::nullopt;
        }
        FieldChange change;
        change.path = path;
        change.pathText = pathText(path);
        change.inBase = base;
        change.inLive = live;
        change.inMine = mine;
        if (base)
            change.base = *base;
        if (live)
            change.live = *live;
        if (mine)
            change.mine = *mine;
        change.changedByMe = !same(base, mine);
        change.changedByThem = !same(base, live);
        change.conflicting = change.changedByMe && change.changedByThem && !same(live, mine);
        change.resolution = change.conflicting || !change.changedByMe ? Resolution::TakeTheirs
                                                                      : Resolution::TakeMine;
        changes->append(change);
        return std::nullopt;
    }

    std::optional<Value> walkObject(const QList<PathStep> &path, const Value *base,
                                    const Value &live, const Value &mine)
    {
        // My edit's key order (the document the user sees), live's own keys after their
        // predecessor there.
        QStringList order = mergeOrder(mine.keys(), live.keys());
        if (base)
            order = mergeOrder(order, base->keys());
        Value result = Value::object();
        for (const QString &key : std::as_const(order)) {
            QList<PathStep> child = path;
            child.append(PathStep {PathStep::Kind::Key, key, -1});
            auto merged
                = walk(child, base ? base->find(key) : nullptr, live.find(key), mine.find(key));
            if (build && merged)
                result.insert(key, *merged);
        }
        return result;
    }

    std::optional<Value> walkNamed(const QList<PathStep> &path, const Value *base,
                                   const Value &live, const Value &mine, const QStringList &bn,
                                   const QStringList &ln, const QStringList &mn)
    {
        // The side that changed the list's structure (which items, in which order) gives the
        // order; items it added sit after their predecessor there.
        QStringList order = (ln == bn) ? mergeOrder(mn, ln) : mergeOrder(ln, mn);
        order = mergeOrder(order, bn);
        Value result = Value::array();
        for (const QString &name : std::as_const(order)) {
            QList<PathStep> child = path;
            child.append(PathStep {PathStep::Kind::Name, name, -1});
            auto merged = walk(child, base ? itemByName(*base, name) : nullptr,
                               itemByName(live, name), itemByName(mine, name));
            if (build && merged)
                result.append(*merged);
        }
        return result;
    }

    std::optional<Value> walkIndexed(const QList<PathStep> &path, const Value &base,
                                     const Value &live, const Value &mine)
    {
        Value result = Value::array();
        for (qsizetype i = 0; i < live.size(); ++i) {
            QList<PathStep> child = path;
            child.append(PathStep {PathStep::Kind::Index, QString(), i});
            auto merged = walk(child, &base.at(i), &live.at(i), &mine.at(i));
            if (build)
                result.append(merged ? *merged : Value());
        }
        return result;
    }
};

const Value *present(const Value &v)
{
    return v.isNull() ? nullptr : &v;
}

} // namespace

ThreeWayMerge::ThreeWayMerge(Value base, Value live, Value mine)
    : m_base(std::move(base))
    , m_live(std::move(live))
    , m_mine(std::move(mine))
{
    Walker walker;
    walker.changes = &m_changes;
    walker.walk({}, present(m_base), present(m_live), present(m_mine));
}

QList<int> ThreeWayMerge::conflicts() const
{
    QList<int> list;
    for (qsizetype i = 0; i < m_changes.size(); ++i) {
        if (m_changes.at(i).conflicting)
            list.append(int(i));
    }
    return list;
}

int ThreeWayMerge::conflictCount() const
{
    return int(conflicts().size());
}

void ThreeWayMerge::resolve(int change, Resolution resolution)
{
    if (change >= 0 && change < m_changes.size())
        m_changes[change].resolution = resolution;
}

void ThreeWayMerge::resolveConflicts(Resolution resolution)
{
    for (FieldChange &change : m_changes) {
        if (change.conflicting)
            change.resolution = resolution;
    }
}

Value ThreeWayMerge::result() const
{
    Walker walker;
    walker.build = true;
    auto changes = m_changes; // read only; the walker takes a mutable pointer
    walker.changes = &changes;
    auto merged = walker.walk({}, present(m_base), present(m_live), present(m_mine));
    return merged ? *merged : Value();
}

bool ThreeWayMerge::changesLive() const
{
    const Value merged = result();
    return !(merged == m_live);
}

Value rebase(const Value &base, const Value &live, const Value &mine, Resolution conflicts)
{
    ThreeWayMerge merge(base, live, mine);
    merge.resolveConflicts(conflicts);
    return merge.result();
}

} // namespace md::apply

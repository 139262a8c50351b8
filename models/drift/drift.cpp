#include "drift/drift.h"

#include "istio/document.h"
#include "mesh/meshcache.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace md::drift {

namespace {

using md::istio::Value;

// Above this many copies to read, they are read on the thread pool.
constexpr qsizetype ParallelThreshold = 1000;

const QString LastApplied = QStringLiteral("kubectl.kubernetes.io/last-applied-configuration");

// The object without what the API server sets; key order kept.
Value withoutServerFields(Value object)
{
    object.remove(QStringLiteral("status"));
    if (Value *metadata = object.find(QStringLiteral("metadata"))) {
        for (const char *key : {"managedFields", "uid", "resourceVersion", "generation",
                                "creationTimestamp", "selfLink"})
            metadata->remove(QLatin1String(key));
        if (Value *annotations = metadata->find(QStringLiteral("annotations"))) {
            annotations->remove(LastApplied);
            if (annotations->isEmpty())
                metadata->remove(QStringLiteral("annotations"));
        }
        if (const Value *labels = metadata->find(QStringLiteral("labels"));
            labels && labels->isEmpty())
            metadata->remove(QStringLiteral("labels"));
    }
    return object;
}

Value sortedKeys(const Value &value)
{
    if (value.isArray()) {
        Value out = Value::array();
        for (qsizetype i = 0; i < value.size(); ++i)
            out.append(sortedKeys(value.at(i)));
        return out;
    }
    if (!value.isObject())
        return value;
    QStringList keys = value.keys();
    keys.sort();
    Value out = Value::object();
    for (const QString &key : std::as_const(keys))
        out.insert(key, sortedKeys(value.value(key)));
    return out;
}

struct Task
{
    int entry;
    int copy;
    const Source *source;
};

struct Read
{
    Value object;
    QString yaml;
};

Read readCopy(const Task &task)
{
    Read read;
    auto parsed = md::istio::parseValue(task.source->object.json());
    Value object = parsed ? *parsed : Value::object();
    // List items of some kinds carry no apiVersion or kind.
    if (object.value(QStringLiteral("kind")).toString().isEmpty())
        object.insert(QStringLiteral("kind"), task.source->resource.kind);
    if (object.value(QStringLiteral("apiVersion")).toString().isEmpty())
        object.insert(QStringLiteral("apiVersion"), task.source->resource.groupVersion());
    read.yaml = comparableYaml(object);
    read.object = std::move(object);
    return read;
}

} // namespace

Entry::State Entry::state() const
{
    if (variants > 1)
        return State::Differs;
    if (!missing.isEmpty())
        return State::Missing;
    return State::InSync;
}

QString Entry::id() const
{
    return group + QLatin1Char('/') + kind + QLatin1Char('/') + namespace_ + QLatin1Char('/')
        + name;
}

QString Entry::displayName() const
{
    if (namespace_.isEmpty())
        return kind + QLatin1Char(' ') + name;
    return kind + QLatin1Char(' ') + namespace_ + QLatin1Char('/') + name;
}

QString Entry::stateText() const
{
    QString text;
    switch (state()) {
    case State::InSync:
        return Tr::tr("In sync");
    case State::Differs:
        text = Tr::tr("Differs (%1 versions)").arg(variants);
        break;
    case State::Missing:
        break;
    }
    if (!missing.isEmpty()) {
        const QString where = Tr::tr("missing in %1").arg(missing.join(QStringLiteral(", ")));
        if (text.isEmpty())
            text = where.left(1).toUpper() + where.mid(1);
        else
            text += QStringLiteral("; ") + where;
    }
    return text;
}

int Entry::indexOf(const QString &context) const
{
    for (int i = 0; i < copies.size(); ++i) {
        if (copies.at(i).context == context)
            return i;
    }
    return -1;
}

Value comparable(const Value &object)
{
    Value stripped = withoutServerFields(object);
    stripped.remove(QStringLiteral("apiVersion"));
    return sortedKeys(stripped);
}

QString comparableYaml(const Value &object)
{
    return QString::fromUtf8(md::istio::toYaml(comparable(object)));
}

bool sameObject(const Value &a, const Value &b)
{
    return comparable(a) == comparable(b);
}

md::apply::TextDiff pairDiff(const Entry &entry, int a, int b)
{
    return md::apply::diffText(entry.copies.at(a).yaml, entry.copies.at(b).yaml);
}

QList<PairResult> comparePairs(const Entry &entry)
{
    QList<PairResult> pairs;
    for (int a = 0; a < entry.copies.size(); ++a) {
        for (int b = a + 1; b < entry.copies.size(); ++b) {
            PairResult pair;
            pair.a = a;
            pair.b = b;
            pair.same = entry.copies.at(a).variant == entry.copies.at(b).variant;
            if (!pair.same)
                pair.diff = pairDiff(entry, a, b);
            pairs.append(pair);
        }
    }
    return pairs;
}

QString kindKey(const QString &group, const QString &kind)
{
    return group + QLatin1Char('/') + kind;
}

QList<Entry> findDrift(const QList<Source> &objects, const Options &options)
{
    // Group the objects by identity, in the clusters' order.
    QHash<QString, QList<const Source *>> byId;
    QStringList order;
    for (const Source &source : objects) {
        if (!md::mesh::MeshCache::isIstioGroup(source.resource.group))
            continue;
        const QString id = source.resource.group + QLatin1Char('/') + source.resource.kind
            + QLatin1Char('/') + source.object.namespaceName() + QLatin1Char('/')
            + source.object.name();
        auto it = byId.find(id);
        if (it == byId.end()) {
            it = byId.insert(id, {});
            order.append(id);
        }
        const bool seen = std::any_of(it->cbegin(), it->cend(), [&](const Source *s) {
            return s->context == source.context;
        });
        if (!seen) // one copy per cluster
            it->append(&source);
    }
    const auto rank = [&](const QString &context) {
        const qsizetype i = options.clusters.indexOf(context);
        return i < 0 ? options.clusters.size() : i;
    };

    QList<Entry> entries;
    QList<Task> tasks;
    for (const QString &id : std::as_const(order)) {
        QList<const Source *> sources = byId.value(id);
        if (sources.size() < std::max(1, options.minCopies))
            continue;
        std::stable_sort(sources.begin(), sources.end(), [&](const Source *x, const Source *y) {
            return rank(x->context) < rank(y->context);
        });
        Entry entry;
        entry.group = sources.first()->resource.group;
        entry.kind = sources.first()->resource.kind;
        entry.namespace_ = sources.first()->object.namespaceName();
        entry.name = sources.first()->object.name();
        const QString key = kindKey(entry.group, entry.kind);
        for (const QString &cluster : options.clusters) {
            const bool has = std::any_of(sources.cbegin(), sources.cend(),
                                         [&](const Source *s) { return s->context == cluster; });
            const auto served = options.served.constFind(cluster);
            if (!has && served != options.served.cend() && served->contains(key)) {
                entry.missing.append(cluster);
                entry.missingApiVersions.insert(cluster, served->value(key));
            }
        }
        for (const Source *source : std::as_const(sources)) {
            Copy copy;
            copy.context = source->context;
            copy.apiVersion = source->resource.groupVersion();
            copy.resourceVersion = source->object.resourceVersion();
            tasks.append({int(entries.size()), int(entry.copies.size()), source});
            entry.copies.append(copy);
        }
        entries.append(entry);
    }

    QList<Read> reads;
    if (tasks.size() >= ParallelThreshold) {
        reads = QtConcurrent::blockingMapped<QList<Read>>(tasks, readCopy);
    } else {
        reads.reserve(tasks.size());
        for (const Task &task : std::as_const(tasks))
            reads.append(readCopy(task));
    }
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        Copy &copy = entries[tasks.at(i).entry].copies[tasks.at(i).copy];
        copy.object = std::move(reads[i].object);
        copy.yaml = std::move(reads[i].yaml);
    }
    for (Entry &entry : entries) {
        QStringList distinct;
        for (Copy &copy : entry.copies) {
            qsizetype variant = distinct.indexOf(copy.yaml);
            if (variant < 0) {
                variant = distinct.size();
                distinct.append(copy.yaml);
            }
            copy.variant = int(variant);
        }
        entry.variants = int(std::max<qsizetype>(1, distinct.size()));
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &x, const Entry &y) {
        return std::tie(x.kind, x.namespace_, x.name, x.group)
            < std::tie(y.kind, y.namespace_, y.name, y.group);
    });
    return entries;
}

QList<CopyTarget> copyToOthers(const Entry &entry, const QString &sourceContext,
                               bool includeMissing)
{
    QList<CopyTarget> targets;
    const int from = entry.indexOf(sourceContext);
    if (from < 0)
        return targets;
    const Copy &source = entry.copies.at(from);
    Value clean = withoutServerFields(source.object);
    if (Value *metadata = clean.find(QStringLiteral("metadata")))
        metadata->remove(QStringLiteral("ownerReferences")); // uids of the source cluster
    for (int i = 0; i < entry.copies.size(); ++i) {
        const Copy &target = entry.copies.at(i);
        if (i == from || target.variant == source.variant)
            continue;
        Value edited = clean;
        edited.insert(QStringLiteral("apiVersion"), target.apiVersion);
        targets.append({target.context, md::apply::ApplyItem::update(target.object, edited)});
    }
    if (includeMissing) {
        for (const QString &cluster : entry.missing) {
            Value created = clean;
            created.insert(QStringLiteral("apiVersion"),
                           entry.missingApiVersions.value(cluster, source.apiVersion));
            targets.append({cluster, md::apply::ApplyItem::create(created)});
        }
    }
    return targets;
}

} // namespace md::drift

#include "items/policylistmodel.h"

#include "mesh/liveanalysis.h"
#include "mesh/selectedmesh.h"

#include <QtConcurrent/QtConcurrentRun>

#include <QFuture>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <mutex>

#include <vector>

namespace md {

namespace {

using md::mesh::MeshCache;
using RowPtr = PolicyListModel::RowPtr;

// Objects read by one worker run: below this many, one thread reads them.
constexpr qsizetype ParallelThreshold = 2000;
// A first list of more objects than this comes in two steps of one worker run: a screenful
// of rows is handed to the GUI thread at once, and the rest follows when it is read.
constexpr qsizetype SplitAbove = 10000;
constexpr qsizetype FirstRows = 500;

// One object of the kind in the source (a snapshot or the cache's tables, which outlive
// the worker run that reads them).
struct Source
{
    const QString *context;
    const md::kube::ResourceRef *resource;
    const md::kube::KubeObject *object;
};

struct Pending
{
    Source source;
    int row; // -1: a new object
};

QList<Source> sourcesOf(PolicyKind kind, const MeshCache::Snapshot &snapshot)
{
    const PolicyKindInfo &info = policyKindInfo(kind);
    QList<Source> sources;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        sources.reserve(sources.size() + it.value().size());
        for (const MeshCache::Item &item : it.value()) {
            if (item.resource.kind == info.name && item.resource.group == info.group)
                sources.append({&it.key(), &item.resource, &item.object});
        }
    }
    return sources;
}

// The tables as they are: no snapshot is built (50,000 items cost more to copy than to scan).
// `unique` says whether no two of them are of one cluster: a table holds each object once
// (by its cache key), so then no two sources share a row key.
QList<Source> sourcesOf(PolicyKind kind, const QList<MeshCache::Table> &tables, bool *unique)
{
    const PolicyKindInfo &info = policyKindInfo(kind);
    QList<Source> sources;
    QSet<QString> contexts;
    *unique = true;
    for (const MeshCache::Table &table : tables) {
        if (table.resource.kind != info.name || table.resource.group != info.group)
            continue;
        if (contexts.contains(table.context))
            *unique = false;
        contexts.insert(table.context);
        sources.reserve(sources.size() + table.objects.size());
        for (const md::kube::KubeObject &object : table.objects)
            sources.append({&table.context, &table.resource, &object});
    }
    return sources;
}

// Runs fn(from, to) over [0, n) in chunks on every thread of the pool, the calling thread
// included. Chunks are claimed from a shared counter, so a helper that starts late (the pool
// busy elsewhere) finds nothing left and a wait never depends on it.
template<typename Fn> void parallelChunks(qsizetype n, Fn fn)
{
    const int threads = std::max(1, QThreadPool::globalInstance()->maxThreadCount());
    if (n < ParallelThreshold || threads == 1) {
        fn(qsizetype(0), n);
        return;
    }
    const qsizetype chunk = std::max<qsizetype>(256, n / (qsizetype(threads) * 8));
    std::atomic<qsizetype> next = 0;
    auto work = [&next, &fn, chunk, n] {
        for (;;) {
            const qsizetype from = next.fetch_add(chunk);
            if (from >= n)
                return;
            fn(from, std::min(n, from + chunk));
        }
    };
    QList<QFuture<void>> helpers;
    for (int t = 1; t < threads; ++t)
        helpers << QtConcurrent::run(work);
    work();
    for (QFuture<void> &helper : helpers)
        helper.waitForFinished();
}

// The order of a name-sorted list (PolicyFilterModel's default: name, then namespace and
// cluster): big batches of new rows arrive in it, so the view's sort finds them in order.
// Sorted on views of the three strings, so that a comparison reads no row. With `delta`,
// the rows' namespaces and clusters are counted into its facets on the way.
void sortByName(QList<RowPtr> &rows, PolicyListModel::Delta *delta = nullptr)
{
    struct Key
    {
        QStringView name, namespace_, context;
        qsizetype at;
    };
    std::vector<Key> keys(size_t(rows.size()));
    struct Facets
    {
        QHash<QString, int> namespaces, clusters;
    };
    std::vector<Facets> facets;
    std::mutex facetsMutex;
    parallelChunks(rows.size(), [&](qsizetype from, qsizetype to) {
        Facets counted;
        for (qsizetype i = from; i < to; ++i) {
            const PolicyRow &row = *rows.at(i);
            keys[size_t(i)] = {row.name, row.namespace_, row.context, i};
            if (delta) {
                ++counted.namespaces[row.namespace_];
                ++counted.clusters[row.context];
            }
        }
        if (delta) {
            const std::lock_guard lock(facetsMutex);
            facets.push_back(std::move(counted));
        }
    });
    for (const Facets &counted : facets) {
        for (auto it = counted.namespaces.cbegin(); it != counted.namespaces.cend(); ++it)
            delta->addedNamespaces[it.key()] += it.value();
        for (auto it = counted.clusters.cbegin(); it != counted.clusters.cend(); ++it)
            delta->addedClusters[it.key()] += it.value();
    }
    auto less = [](const Key &a, const Key &b) {
        if (const int c = a.name.compare(b.name))
            return c < 0;
        if (const int c = a.namespace_.compare(b.namespace_))
            return c < 0;
        return a.context.compare(b.context) < 0;
    };
    if (keys.size() < size_t(ParallelThreshold)) {
        std::sort(keys.begin(), keys.end(), less);
    } else {
        const auto middle = keys.begin() + qsizetype(keys.size() / 2);
        QFuture<void> first
            = QtConcurrent::run([&keys, middle, less] { std::sort(keys.begin(), middle, less); });
        std::sort(middle, keys.end(), less);
        first.waitForFinished();
        std::inplace_merge(keys.begin(), middle, keys.end(), less);
    }
    QList<RowPtr> sorted;
    sorted.reserve(rows.size());
    for (const Key &key : keys)
        sorted.append(std::move(rows[key.at]));
    rows = std::move(sorted);
}

QList<RowPtr> readRows(PolicyKind kind, const QString &root, const Pending *pending,
                       qsizetype count)
{
    QList<RowPtr> rows(count);
    RowPtr *out = rows.data();
    parallelChunks(count, [&](qsizetype from, qsizetype to) {
        // Objects of one table share their resource: its "group/version" is made once.
        const md::kube::ResourceRef *resource = nullptr;
        QString apiVersion;
        for (qsizetype i = from; i < to; ++i) {
            const Source &p = pending[i].source;
            if (p.resource != resource) {
                resource = p.resource;
                apiVersion = resource->groupVersion();
            }
            out[i] = std::make_shared<const PolicyRow>(
                makePolicyRow(kind, *p.context, apiVersion, *p.object, root));
        }
    });
    return rows;
}

QList<RowPtr> readRows(PolicyKind kind, const QString &root, const QList<Pending> &pending)
{
    return readRows(kind, root, pending.constData(), pending.size());
}

// The namespaces and clusters of the added rows, counted in the worker.
void countAdded(PolicyListModel::Delta &delta)
{
    for (const RowPtr &ptr : std::as_const(delta.added)) {
        ++delta.addedNamespaces[ptr->namespace_];
        ++delta.addedClusters[ptr->context];
    }
}

void reserveIndex(PolicyListModel::Index &index, qsizetype total)
{
    index.keys.reserve(total);
    index.ids.reserve(total);
    index.versions.reserve(total);
    index.rowOfKey.reserve(total);
    index.rowOfId.reserve(total);
}

// Appends every row to `index`, in order: the key table in a helper thread, the rest here.
// With `stopAtDuplicate`, a key already there ends the key table early and the result is
// false (the index is then incomplete); without, the caller knows there is none.
bool indexRows(PolicyListModel::Index &index, const QList<RowPtr> &rows, bool stopAtDuplicate)
{
    reserveIndex(index, index.keys.size() + rows.size());
    const int base = int(index.keys.size());
    QFuture<bool> keyed = QtConcurrent::run([&index, &rows, base, stopAtDuplicate] {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QString &key = rows.at(i)->key;
            if (stopAtDuplicate && index.rowOfKey.contains(key))
                return false;
            index.rowOfKey.insert(key, base + int(i));
        }
        return true;
    });
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const PolicyRow &row = *rows.at(i);
        index.rowOfId.insert(row.id(), base + int(i));
        index.keys.append(row.key);
        index.ids.append(row.id());
        index.versions.append(row.resourceVersion);
    }
    return keyed.result();
}

// Appends new rows (in order) to `delta.added` and to `index`; an object that is there
// already (the same object twice in a snapshot) is left out: the first counts.
void appendNew(PolicyListModel::Delta &delta, PolicyListModel::Index &index, QList<RowPtr> rows)
{
    delta.added.reserve(delta.added.size() + rows.size());
    if (rows.size() >= ParallelThreshold) {
        // In parallel (see indexRows()). A duplicate, rare, sends everything back to the
        // one-thread way below.
        const PolicyListModel::Index before = index;
        if (indexRows(index, rows, true)) {
            delta.added.append(std::move(rows));
            return;
        }
        index = before;
    }
    reserveIndex(index, index.keys.size() + rows.size());
    for (RowPtr &ptr : rows) {
        const int row = int(index.keys.size());
        if (index.rowOfKey.contains(ptr->key)) {
            // Counted by sortByName() already.
            for (auto [counts, value] : {std::pair(&delta.addedNamespaces, &ptr->namespace_),
                                         std::pair(&delta.addedClusters, &ptr->context)}) {
                if (const auto it = counts->find(*value); it != counts->end() && --*it <= 0)
                    counts->erase(it);
            }
            continue;
        }
        index.rowOfKey.insert(ptr->key, row);
        index.rowOfId.insert(ptr->id(), row);
        index.keys.append(ptr->key);
        index.ids.append(ptr->id());
        index.versions.append(ptr->resourceVersion);
        delta.added.append(std::move(ptr));
    }
}

// The first list (no rows yet): every object is new, so no key is looked up; the rows are
// read in parallel, put in name order and indexed once. A big one hands its first rows to
// `early` before it reads the rest; when no two sources can share a key (`unique`), the rest
// go to `early` too before their index is built, and the result carries only the index.
PolicyListModel::Delta firstList(PolicyKind kind, const QString &root, const QList<Source> &sources,
                                 int generation, const PolicyListModel::Early &early, bool unique)
{
    QList<Pending> pending;
    pending.reserve(sources.size());
    for (const Source &source : sources)
        pending.append({source, -1});
    PolicyListModel::Index index;
    qsizetype start = 0;
    if (early && pending.size() > SplitAbove) {
        PolicyListModel::Delta first;
        first.generation = generation;
        QList<RowPtr> rows = readRows(kind, root, pending.constData(), FirstRows);
        sortByName(rows, &first);
        appendNew(first, index, std::move(rows));
        first.index = index;
        early(std::move(first));
        start = FirstRows;
    }
    PolicyListModel::Delta delta;
    delta.generation = generation;
    QList<RowPtr> rows = readRows(kind, root, pending.constData() + start, pending.size() - start);
    sortByName(rows, &delta);
    if (early && unique && start > 0) {
        // The rows are shown while their index (which the checks column and the next
        // refresh need, not the view) is built.
        delta.added = rows;
        delta.indexPending = true;
        early(std::move(delta));
        PolicyListModel::Delta last;
        last.generation = generation;
        indexRows(index, rows, false);
        last.index = std::move(index);
        return last;
    }
    appendNew(delta, index, std::move(rows));
    delta.index = std::move(index);
    return delta;
}

PolicyListModel::Delta diff(PolicyKind kind, const QString &root, const QList<Source> &sources,
                            const PolicyListModel::Index &old, int generation,
                            const PolicyListModel::Early &early = {}, bool unique = false)
{
    if (old.keys.isEmpty())
        return firstList(kind, root, sources, generation, early, unique);
    PolicyListModel::Delta delta;
    delta.generation = generation;
    std::vector<char> present(size_t(old.keys.size()), 0);
    QList<Pending> pending;
    QSet<QString> addedKeys;
    for (const Source &source : sources) {
        QString key = *source.context + QLatin1Char('\n') + source.object->cacheKey();
        const auto known = old.rowOfKey.constFind(key);
        if (known != old.rowOfKey.constEnd()) {
            present[size_t(*known)] = 1;
            if (old.versions.at(*known) != source.object->resourceVersion())
                pending.append({source, *known});
        } else if (!addedKeys.contains(key)) {
            addedKeys.insert(key);
            pending.append({source, -1});
        }
    }
    const QList<RowPtr> rows = readRows(kind, root, pending);
    for (qsizetype i = 0; i < pending.size(); ++i) {
        if (pending.at(i).row >= 0)
            delta.changed.append({pending.at(i).row, rows.at(i)});
        else
            delta.added.append(rows.at(i));
    }
    if (delta.added.size() >= ParallelThreshold)
        sortByName(delta.added);
    for (size_t row = 0; row < present.size(); ++row) {
        if (!present[row])
            delta.removed.append(int(row));
    }

    // The index after the model applies this.
    PolicyListModel::Index &index = delta.index;
    index = old;
    for (const auto &[row, ptr] : std::as_const(delta.changed))
        index.versions[row] = ptr->resourceVersion;
    if (!delta.removed.isEmpty()) {
        QList<QString> keys, ids, versions;
        keys.reserve(old.keys.size());
        ids.reserve(old.keys.size());
        versions.reserve(old.keys.size());
        for (size_t row = 0; row < present.size(); ++row) {
            if (present[row]) {
                keys.append(index.keys.at(qsizetype(row)));
                ids.append(index.ids.at(qsizetype(row)));
                versions.append(index.versions.at(qsizetype(row)));
            }
        }
        index.keys = std::move(keys);
        index.ids = std::move(ids);
        index.versions = std::move(versions);
        index.rowOfKey.clear();
        index.rowOfId.clear();
        index.rowOfKey.reserve(index.keys.size() + delta.added.size());
        index.rowOfId.reserve(index.keys.size() + delta.added.size());
        for (int row = 0; row < index.keys.size(); ++row) {
            index.rowOfKey.insert(index.keys.at(row), row);
            index.rowOfId.insert(index.ids.at(row), row);
        }
    }
    for (const RowPtr &ptr : std::as_const(delta.added)) {
        const int row = int(index.keys.size());
        index.keys.append(ptr->key);
        index.ids.append(ptr->id());
        index.versions.append(ptr->resourceVersion);
        index.rowOfKey.insert(ptr->key, row);
        index.rowOfId.insert(ptr->id(), row);
    }
    countAdded(delta);
    return delta;
}

QString messageLine(const md::istio::Message &m)
{
    QString line = md::istio::severityName(m.severity) + QStringLiteral(" [") + m.code
        + QStringLiteral("] ");
    if (!m.path.isEmpty())
        line += m.path + QStringLiteral(": ");
    return line + m.text;
}

} // namespace

int PolicyListModel::Checks::severity() const
{
    if (errors)
        return int(md::istio::Severity::Error);
    if (warnings)
        return int(md::istio::Severity::Warning);
    if (infos)
        return int(md::istio::Severity::Info);
    return -1;
}

PolicyListModel::PolicyListModel(PolicyKind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
    , m_kindName(policyKindInfo(kind).name)
    , m_columns(policyColumns(kind))
{
    connect(&m_watcher, &QFutureWatcher<Delta>::finished, this, [this] {
        m_running = false;
        apply(m_watcher.result());
        if (std::exchange(m_again, false))
            refresh();
    });
}

PolicyListModel::~PolicyListModel()
{
    m_watcher.waitForFinished();
}

void PolicyListModel::setMesh(md::mesh::SelectedMesh *mesh)
{
    if (m_mesh)
        disconnect(m_mesh, nullptr, this, nullptr);
    m_mesh = mesh;
    if (!mesh) {
        m_source = {};
        m_tables = {};
        reset();
        return;
    }
    // Only this kind: the all-kinds snapshot touches every object of the mesh.
    const PolicyKindInfo &info = policyKindInfo(m_kind);
    m_source = {};
    m_tables = [mesh, kind = md::mesh::MeshCache::Kind {info.group, info.name}] {
        return mesh->cache()->tables({kind});
    };
    auto follow = [this, mesh] {
        const auto selected = mesh->mesh();
        m_rootNamespace = selected ? selected->rootNamespace : QStringLiteral("istio-system");
        m_checked = false;
        m_messages.clear();
        reset();
        refresh();
    };
    connect(mesh, &md::mesh::SelectedMesh::meshChanged, this, follow);
    connect(mesh->cache(), &md::mesh::MeshCache::changed, this, &PolicyListModel::refresh);
    connect(mesh->analysis(), &md::mesh::LiveAnalysis::updated, this,
            [this, mesh] { setMessages(mesh->analysis()->messages()); });
    follow();
    if (mesh->analysis()->runs() > 0)
        setMessages(mesh->analysis()->messages());
}

void PolicyListModel::setSource(std::function<md::mesh::MeshCache::Snapshot()> source)
{
    m_tables = {};
    m_source = std::move(source);
}

void PolicyListModel::setTableSource(std::function<QList<md::mesh::MeshCache::Table>()> source)
{
    m_source = {};
    m_tables = std::move(source);
}

void PolicyListModel::setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot)
{
    m_tables = {};
    m_source = [snapshot] { return snapshot; };
    refresh();
}

void PolicyListModel::setRootNamespace(const QString &rootNamespace)
{
    if (rootNamespace == m_rootNamespace)
        return;
    m_rootNamespace = rootNamespace;
    reset(); // scopes depend on it: read every object again
    refresh();
}

void PolicyListModel::setMessages(const QList<md::istio::Message> &messages)
{
    m_messages = messages;
    if (!std::exchange(m_checked, true) && !m_rows.isEmpty()) {
        // "OK" appears on every row once the checks have run.
        const int column = columnOf(PolicyColumn::Checks);
        emit dataChanged(index(0, column), index(rowCount() - 1, column));
    }
    applyChecks();
}

void PolicyListModel::refresh()
{
    if (!m_source && !m_tables)
        return;
    if (m_running) {
        m_again = true; // once this run ends, with the newest snapshot
        return;
    }
    m_running = true;
    if (m_tables) {
        m_watcher.setFuture(
            QtConcurrent::run([kind = m_kind, root = m_rootNamespace, tables = m_tables(),
                               index = m_index, generation = m_generation, early = early()] {
                bool unique = false;
                const QList<Source> sources = sourcesOf(kind, tables, &unique);
                return diff(kind, root, sources, index, generation, early, unique);
            }));
        return;
    }
    m_watcher.setFuture(
        QtConcurrent::run([kind = m_kind, root = m_rootNamespace, snapshot = m_source(),
                           index = m_index, generation = m_generation, early = early()] {
            return diff(kind, root, sourcesOf(kind, snapshot), index, generation, early);
        }));
}

PolicyListModel::Early PolicyListModel::early()
{
    // Posted to this model's thread; dropped with the model if it goes first (its
    // destructor waits for the worker, and pending events die with their receiver).
    return [this](Delta delta) {
        QMetaObject::invokeMethod(
            this, [this, delta = std::move(delta)]() mutable { apply(std::move(delta)); },
            Qt::QueuedConnection);
    };
}

void PolicyListModel::reset()
{
    ++m_generation; // a run in progress is discarded when it ends
    if (m_running)
        m_again = true;
    beginResetModel();
    m_rows.clear();
    m_checks.clear();
    m_index = {};
    m_flagged.clear();
    m_namespaceCount.clear();
    m_clusterCount.clear();
    endResetModel();
    emit facetsChanged();
}

void PolicyListModel::apply(Delta delta)
{
    if (delta.generation != m_generation)
        return;
    const QStringList namespacesBefore = namespaces();
    const QStringList clustersBefore = clusters();

    const int ageColumn = columnOf(PolicyColumn::Age);
    for (const auto &[row, ptr] : std::as_const(delta.changed)) {
        const RowPtr old = std::exchange(m_rows[row], ptr);
        int first = -1, last = -1;
        for (int column = 0; column < m_columns.size(); ++column) {
            const bool differs = column == ageColumn
                ? old->created != ptr->created
                : old->cells.value(column) != ptr->cells.value(column);
            if (differs) {
                if (first < 0)
                    first = column;
                last = column;
            }
        }
        if (first >= 0)
            emit dataChanged(index(row, first), index(row, last));
    }

    // Removed rows: a few contiguous ranges are signalled as such; many (watch churn
    // scattered over 50,000 rows) as one layout change, so that views and proxies renumber
    // their rows once rather than once per range.
    qsizetype ranges = 0;
    for (qsizetype i = 0; i < delta.removed.size(); ++i) {
        if (i == 0 || delta.removed.at(i) != delta.removed.at(i - 1) + 1)
            ++ranges;
    }
    if (ranges > 4) {
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const qsizetype before = m_rows.size();
        std::vector<int> renumbered(size_t(before), -1);
        for (int row : std::as_const(delta.removed))
            renumbered[size_t(row)] = -2;
        QList<RowPtr> rows;
        QList<Checks> checks;
        rows.reserve(before);
        checks.reserve(before);
        for (qsizetype row = 0; row < before; ++row) {
            if (renumbered[size_t(row)] == -2) {
                renumbered[size_t(row)] = -1;
                countFacets(*m_rows.at(row), -1);
                continue;
            }
            renumbered[size_t(row)] = int(rows.size());
            rows.append(std::move(m_rows[row]));
            checks.append(std::move(m_checks[row]));
        }
        m_rows = std::move(rows);
        m_checks = std::move(checks);
        const QModelIndexList from = persistentIndexList();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex &index : from) {
            const int row = index.isValid() ? renumbered[size_t(index.row())] : -1;
            to << (row >= 0 ? this->index(row, index.column()) : QModelIndex());
        }
        changePersistentIndexList(from, to);
        m_renumbered = std::move(renumbered);
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        m_renumbered.clear();
        delta.removed.clear();
    }
    // Removed rows, as contiguous ranges from the end.
    for (qsizetype i = delta.removed.size() - 1; i >= 0;) {
        const int last = delta.removed.at(i);
        int first = last;
        while (i > 0 && delta.removed.at(i - 1) == first - 1) {
            --i;
            --first;
        }
        --i;
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row)
            countFacets(*m_rows.at(row), -1);
        m_rows.remove(first, last - first + 1);
        m_checks.remove(first, last - first + 1);
        endRemoveRows();
    }

    if (!delta.added.isEmpty() && delta.added.size() > m_rows.size()) {
        // The first list (or a new cluster bigger than what is here): one reset lets views
        // and proxies sort once instead of placing each row.
        beginResetModel();
        m_rows.append(std::move(delta.added));
        m_checks.resize(m_rows.size());
        addFacets(delta);
        endResetModel();
    } else if (!delta.added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(delta.added.size()) - 1);
        m_rows.append(delta.added);
        m_checks.resize(m_rows.size());
        addFacets(delta);
        endInsertRows();
    }
    // The previous index may hold the last references to 100,000 strings: free it in a
    // worker thread. (Rows whose index is still being built keep the one there: the rows it
    // indexes have not moved, and the new ones get their checks with their index.)
    if (!delta.indexPending) {
        QThreadPool::globalInstance()->start(
            [old = std::exchange(m_index, std::move(delta.index))] { Q_UNUSED(old) });
    }
    applyChecks();
    ++m_updates;
    if (namespaces() != namespacesBefore || clusters() != clustersBefore)
        emit facetsChanged();
    emit updated();
}

void PolicyListModel::applyChecks()
{
    QHash<QString, Checks> next;
    const QString prefix = m_kindName + QLatin1Char(' ');
    for (const md::istio::Message &m : std::as_const(m_messages)) {
        if (!m.object.startsWith(prefix))
            continue;
        const QString id = m.source + QLatin1Char('\n') + m.object.mid(prefix.size());
        if (!m_index.rowOfId.contains(id))
            continue;
        Checks &checks = next[id];
        switch (m.severity) {
        case md::istio::Severity::Error:
            ++checks.errors;
            break;
        case md::istio::Severity::Warning:
            ++checks.warnings;
            break;
        case md::istio::Severity::Info:
            ++checks.infos;
            break;
        }
        checks.lines << messageLine(m);
    }
    const int column = columnOf(PolicyColumn::Checks);
    auto set = [this, column](int row, Checks checks) {
        if (row < 0 || row >= m_checks.size() || m_checks.at(row) == checks)
            return;
        m_checks[row] = std::move(checks);
        emit dataChanged(index(row, column), index(row, column));
    };
    for (const QString &id : std::as_const(m_flagged)) {
        if (!next.contains(id))
            set(m_index.rowOfId.value(id, -1), {});
    }
    m_flagged.clear();
    for (auto it = next.begin(); it != next.end(); ++it) {
        std::sort(it->lines.begin(), it->lines.end(), [](const QString &a, const QString &b) {
            // Errors, then warnings, then infos; in order of path otherwise.
            auto rank = [](const QString &s) {
                return s.startsWith(QLatin1String("Error"))  ? 0
                    : s.startsWith(QLatin1String("Warning")) ? 1
                                                             : 2;
            };
            return std::pair(rank(a), a) < std::pair(rank(b), b);
        });
        m_flagged.insert(it.key());
        set(m_index.rowOfId.value(it.key(), -1), std::move(it.value()));
    }
}

void PolicyListModel::addFacets(const Delta &delta)
{
    for (auto it = delta.addedNamespaces.cbegin(); it != delta.addedNamespaces.cend(); ++it)
        m_namespaceCount[it.key()] += it.value();
    for (auto it = delta.addedClusters.cbegin(); it != delta.addedClusters.cend(); ++it)
        m_clusterCount[it.key()] += it.value();
}

void PolicyListModel::countFacets(const PolicyRow &row, int delta)
{
    auto count = [delta](QHash<QString, int> &counts, const QString &value) {
        int &n = counts[value];
        n += delta;
        if (n <= 0)
            counts.remove(value);
    };
    count(m_namespaceCount, row.namespace_);
    count(m_clusterCount, row.context);
}

QStringList PolicyListModel::namespaces() const
{
    QStringList list = m_namespaceCount.keys();
    list.sort();
    return list;
}

QStringList PolicyListModel::clusters() const
{
    QStringList list = m_clusterCount.keys();
    list.sort();
    return list;
}

int PolicyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PolicyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant PolicyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const PolicyRow &row = *m_rows.at(index.row());
    const PolicyColumn column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (column == PolicyColumn::Checks) {
            const Checks &checks = m_checks.at(index.row());
            if (checks.errors) {
                return checks.errors == 1 ? PolicyTr::tr("1 error")
                                          : PolicyTr::tr("%1 errors").arg(checks.errors);
            }
            if (checks.warnings) {
                return checks.warnings == 1 ? PolicyTr::tr("1 warning")
                                            : PolicyTr::tr("%1 warnings").arg(checks.warnings);
            }
            if (checks.infos) {
                return checks.infos == 1 ? PolicyTr::tr("1 note")
                                         : PolicyTr::tr("%1 notes").arg(checks.infos);
            }
            return m_checked ? PolicyTr::tr("OK") : QString();
        }
        if (column == PolicyColumn::Age)
            return ageText(row.created, QDateTime::currentDateTimeUtc());
        return row.cells.value(index.column());
    case Qt::ToolTipRole:
        if (column == PolicyColumn::Checks) {
            const Checks &checks = m_checks.at(index.row());
            if (!checks.lines.isEmpty())
                return checks.lines.join(QLatin1Char('\n'));
            return m_checks.isEmpty() || !m_checked
                ? PolicyTr::tr("The live checks have not run yet.")
                : PolicyTr::tr("No problems found by the live checks.");
        }
        if (column == PolicyColumn::Age)
            return row.created.toLocalTime().toString(Qt::ISODate);
        return row.cells.value(index.column());
    case KeyRole:
        return row.key;
    case ContextRole:
        return row.context;
    case NamespaceRole:
        return row.namespace_;
    case NameRole:
        return row.name;
    case SeverityRole:
        return m_checks.at(index.row()).severity();
    default:
        return {};
    }
}

QVariant PolicyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return policyColumnTitle(m_columns.at(section));
    return {};
}

} // namespace md

#include "items/policylistmodel.h"

#include "mesh/liveanalysis.h"
#include "mesh/selectedmesh.h"

#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <QFuture>
#include <QThreadPool>

#include <algorithm>

#include <vector>

namespace md {

namespace {

using md::mesh::MeshCache;
using RowPtr = PolicyListModel::RowPtr;

// Objects read by one worker run: below this many, one thread reads them.
constexpr qsizetype ParallelThreshold = 2000;
// A first list of more objects than this comes in two steps: a screenful of rows at once,
// then the rest (the page shows rows while the others are read).
constexpr qsizetype SplitAbove = 10000;
constexpr qsizetype FirstRows = 500;

struct Pending
{
    const QString *context;
    const MeshCache::Item *item;
    int row; // -1: a new object
};

// The order of a name-sorted list (PolicyFilterModel's default: name, then namespace and
// cluster): big batches of new rows arrive in it, so the view's sort finds them in order.
bool nameOrder(const RowPtr &a, const RowPtr &b)
{
    if (const int c = QString::compare(a->name, b->name))
        return c < 0;
    if (const int c = QString::compare(a->namespace_, b->namespace_))
        return c < 0;
    return QString::compare(a->context, b->context) < 0;
}

// Sorts `rows` by nameOrder, the two halves in parallel.
void sortByName(QList<RowPtr> &rows)
{
    if (rows.size() < ParallelThreshold) {
        std::sort(rows.begin(), rows.end(), nameOrder);
        return;
    }
    const auto middle = rows.begin() + rows.size() / 2;
    QFuture<void> first
        = QtConcurrent::run([&rows, middle] { std::sort(rows.begin(), middle, nameOrder); });
    std::sort(middle, rows.end(), nameOrder);
    first.waitForFinished();
    std::inplace_merge(rows.begin(), middle, rows.end(), nameOrder);
}

QList<RowPtr> readRows(PolicyKind kind, const QString &root, const QList<Pending> &pending)
{
    auto read = [kind, &root](const Pending &p) {
        return std::make_shared<const PolicyRow>(
            makePolicyRow(kind, *p.context, p.item->resource.groupVersion(), p.item->object, root));
    };
    if (pending.size() >= ParallelThreshold)
        return QtConcurrent::blockingMapped<QList<RowPtr>>(pending, read);
    QList<RowPtr> rows;
    rows.reserve(pending.size());
    for (const Pending &p : pending)
        rows.append(read(p));
    return rows;
}

// The first list (no rows yet): every object is new, so no key is looked up; the rows are
// read in parallel, put in name order and indexed once.
PolicyListModel::Delta firstList(PolicyKind kind, const QString &root,
                                 const MeshCache::Snapshot &snapshot, int generation)
{
    const PolicyKindInfo &info = policyKindInfo(kind);
    PolicyListModel::Delta delta;
    delta.generation = generation;
    QList<Pending> pending;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        pending.reserve(pending.size() + it.value().size());
        for (const MeshCache::Item &item : it.value()) {
            if (item.resource.kind == info.name && item.resource.group == info.group)
                pending.append({&it.key(), &item, -1});
        }
    }
    if (pending.size() > SplitAbove) {
        pending.resize(FirstRows);
        delta.more = true;
    }
    QList<RowPtr> rows = readRows(kind, root, pending);
    sortByName(rows);
    PolicyListModel::Index &index = delta.index;
    index.keys.reserve(rows.size());
    index.ids.reserve(rows.size());
    index.versions.reserve(rows.size());
    index.rowOfKey.reserve(rows.size());
    index.rowOfId.reserve(rows.size());
    delta.added.reserve(rows.size());
    for (RowPtr &ptr : rows) {
        const int row = int(index.keys.size());
        if (index.rowOfKey.contains(ptr->key))
            continue; // the same object twice in a snapshot: the first counts
        QString id = ptr->id();
        index.rowOfKey.insert(ptr->key, row);
        index.rowOfId.insert(id, row);
        index.keys.append(ptr->key);
        index.ids.append(std::move(id));
        index.versions.append(ptr->resourceVersion);
        delta.added.append(std::move(ptr));
    }
    return delta;
}

PolicyListModel::Delta diff(PolicyKind kind, const QString &root,
                            const MeshCache::Snapshot &snapshot, const PolicyListModel::Index &old,
                            int generation)
{
    if (old.keys.isEmpty())
        return firstList(kind, root, snapshot, generation);
    const PolicyKindInfo &info = policyKindInfo(kind);
    PolicyListModel::Delta delta;
    delta.generation = generation;
    std::vector<char> present(size_t(old.keys.size()), 0);
    QList<Pending> pending;
    QSet<QString> addedKeys;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const MeshCache::Item &item : it.value()) {
            if (item.resource.kind != info.name || item.resource.group != info.group)
                continue;
            QString key = it.key() + QLatin1Char('\n') + item.object.cacheKey();
            const auto known = old.rowOfKey.constFind(key);
            if (known != old.rowOfKey.constEnd()) {
                present[size_t(*known)] = 1;
                if (old.versions.at(*known) != item.object.resourceVersion())
                    pending.append({&it.key(), &item, *known});
            } else if (!addedKeys.contains(key)) {
                addedKeys.insert(key);
                pending.append({&it.key(), &item, -1});
            }
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
        const QString id = ptr->id();
        index.keys.append(ptr->key);
        index.ids.append(id);
        index.versions.append(ptr->resourceVersion);
        index.rowOfKey.insert(ptr->key, row);
        index.rowOfId.insert(id, row);
    }
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
                               index = m_index, generation = m_generation] {
                return diff(kind, root, md::mesh::MeshCache::toSnapshot(tables), index, generation);
            }));
        return;
    }
    m_watcher.setFuture(
        QtConcurrent::run(diff, m_kind, m_rootNamespace, m_source(), m_index, m_generation));
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
    if (delta.more)
        m_again = true; // the rest of a first list
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
        m_rows.append(delta.added);
        m_checks.resize(m_rows.size());
        for (const RowPtr &ptr : std::as_const(delta.added))
            countFacets(*ptr, 1);
        endResetModel();
    } else if (!delta.added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(delta.added.size()) - 1);
        m_rows.append(delta.added);
        m_checks.resize(m_rows.size());
        for (const RowPtr &ptr : std::as_const(delta.added))
            countFacets(*ptr, 1);
        endInsertRows();
    }
    // The previous index may hold the last references to 100,000 strings: free it in a
    // worker thread.
    QThreadPool::globalInstance()->start(
        [old = std::exchange(m_index, std::move(delta.index))] { Q_UNUSED(old) });
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

#include "sidecar/sidecarmodels.h"

#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "sidecar/sidecartr.h"

#include <QtConcurrent/QtConcurrentRun>

namespace md::sidecar {

namespace {

// Brings `rows` to `fresh` by key: removes rows gone (in descending ranges), replaces rows
// kept in place, appends new ones. `ops` wraps the model's protected notifications.
template<typename Row, typename Ops>
void syncRows(QList<Row> &rows, QList<Row> fresh, const Ops &ops)
{
    if (rows.isEmpty()) {
        // The first load: one insert of every row, sharing the list (no copy).
        if (!fresh.isEmpty()) {
            ops.beginInsert(0, int(fresh.size() - 1));
            rows = std::move(fresh);
            ops.endInsert();
        }
        return;
    }
    QHash<QString, qsizetype> freshIndex;
    freshIndex.reserve(fresh.size());
    for (qsizetype i = 0; i < fresh.size(); ++i)
        freshIndex.insert(fresh.at(i).key(), i);
    // Removals, last first, in contiguous ranges.
    for (qsizetype i = rows.size() - 1; i >= 0;) {
        if (freshIndex.contains(rows.at(i).key())) {
            --i;
            continue;
        }
        qsizetype first = i;
        while (first > 0 && !freshIndex.contains(rows.at(first - 1).key()))
            --first;
        ops.beginRemove(int(first), int(i));
        rows.remove(first, i - first + 1);
        ops.endRemove();
        i = first - 1;
    }
    QList<bool> taken(fresh.size(), false);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const qsizetype j = freshIndex.value(rows.at(i).key());
        taken[j] = true;
        if (!(rows.at(i) == fresh.at(j))) {
            rows[i] = std::move(fresh[j]);
            ops.changed(int(i));
        }
    }
    QList<Row> added;
    for (qsizetype j = 0; j < fresh.size(); ++j) {
        if (!taken.at(j))
            added.append(std::move(fresh[j]));
    }
    if (!added.isEmpty()) {
        ops.beginInsert(int(rows.size()), int(rows.size() + added.size() - 1));
        rows.append(std::move(added));
        ops.endInsert();
    }
}

QString countText(int part, int total)
{
    return QString::number(part) + u'/' + QString::number(total);
}

QString pairText(const QString &request, const QString &limit)
{
    if (request.isEmpty() && limit.isEmpty())
        return {};
    const QString dash = QStringLiteral("–");
    return (request.isEmpty() ? dash : request) + QStringLiteral(" / ")
        + (limit.isEmpty() ? dash : limit);
}

QString passthroughText(const Passthrough &p)
{
    QStringList parts;
    if (!p.inboundPorts.isEmpty())
        parts << Tr::tr("in: %1").arg(p.inboundPorts);
    if (!p.outboundPorts.isEmpty())
        parts << Tr::tr("out: %1").arg(p.outboundPorts);
    if (!p.outboundIpRanges.isEmpty())
        parts << Tr::tr("out IPs: %1").arg(p.outboundIpRanges);
    return parts.join(QStringLiteral("; "));
}

QString statusDisplay(const WorkloadRow &row)
{
    QString text = statusText(row.status);
    if (row.status == WorkloadStatus::Ambient && !row.decision.waypoint.isEmpty())
        text = Tr::tr("Ambient (waypoint %1)").arg(row.decision.waypoint);
    return text;
}

} // namespace

// --- WorkloadTableModel ---

WorkloadTableModel::WorkloadTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void WorkloadTableModel::setRows(QList<WorkloadRow> rows)
{
    QList<int> changed;
    // Notifications of removals and inserts go out as they happen; changes after the index
    // and the search texts are rebuilt.
    struct Sync
    {
        WorkloadTableModel *m;
        QList<int> *list;
        void beginRemove(int a, int b) const
        {
            m->beginRemoveRows({}, a, b);
            m->m_search.remove(a, b - a + 1);
        }
        void endRemove() const { m->endRemoveRows(); }
        void beginInsert(int a, int b) const { m->beginInsertRows({}, a, b); }
        void endInsert() const
        {
            m->rebuildIndex();
            m->endInsertRows();
        }
        void changed(int r) const { list->append(r); }
    };
    syncRows(m_rows, std::move(rows), Sync {this, &changed});
    rebuildIndex();
    for (int r : std::as_const(changed))
        emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

void WorkloadTableModel::rebuildIndex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_rows.size());
    m_search.resize(m_rows.size());
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const WorkloadRow &row = m_rows.at(i);
        m_rowOfKey.insert(row.key(), int(i));
        // buildInventory computes the text in its worker; rows made elsewhere have none.
        m_search[i] = row.searchText.isEmpty() ? workloadSearchText(row) : row.searchText;
    }
}

int WorkloadTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkloadTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkloadTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WorkloadRow &row = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return row.key();
    case ContextRole:
        return row.context;
    case NamespaceRole:
        return row.namespace_;
    case NameRole:
        return row.name;
    case StatusRole:
        return int(row.status);
    case SortRole:
        switch (index.column()) {
        case PodsColumn:
            return row.podsTotal == 0 ? -1.0 : double(row.podsInjected) / row.podsTotal;
        case StatusColumn:
            return int(row.status);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case KindColumn:
            return row.kind;
        case NamespaceColumn:
            return row.namespace_;
        case ClusterColumn:
            return row.context;
        case StatusColumn:
            return statusDisplay(row);
        case PodsColumn:
            return countText(row.podsInjected, row.podsTotal);
        case VersionsColumn:
            return row.versions.join(QStringLiteral(", "));
        case CpuColumn:
            return pairText(row.resources.cpuRequest, row.resources.cpuLimit);
        case MemoryColumn:
            return pairText(row.resources.memoryRequest, row.resources.memoryLimit);
        case PassthroughColumn:
            return passthroughText(row.passthrough);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            return row.statusReason;
        case PodsColumn:
            return Tr::tr("%1 of %2 pods run a sidecar").arg(row.podsInjected).arg(row.podsTotal);
        case CpuColumn:
            return Tr::tr("Sidecar CPU request / limit (annotations %1, %2)")
                .arg(keys::ProxyCpu, keys::ProxyCpuLimit);
        case MemoryColumn:
            return Tr::tr("Sidecar memory request / limit (annotations %1, %2)")
                .arg(keys::ProxyMemory, keys::ProxyMemoryLimit);
        default:
            return {};
        }
    case HighlightRole:
        return index.column() == PodsColumn && row.podsInjected < row.podsTotal
            && (row.podsInjected > 0 || row.decision.injected);
    default:
        return {};
    }
}

QVariant WorkloadTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return Tr::tr("Workload");
    case KindColumn:
        return Tr::tr("Kind");
    case NamespaceColumn:
        return Tr::tr("Namespace");
    case ClusterColumn:
        return Tr::tr("Cluster");
    case StatusColumn:
        return Tr::tr("Status");
    case PodsColumn:
        return Tr::tr("Injected pods");
    case VersionsColumn:
        return Tr::tr("Sidecar versions");
    case CpuColumn:
        return Tr::tr("CPU req / limit");
    case MemoryColumn:
        return Tr::tr("Memory req / limit");
    case PassthroughColumn:
        return Tr::tr("Traffic passthrough");
    default:
        return {};
    }
}

// --- NamespaceTableModel ---

NamespaceTableModel::NamespaceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void NamespaceTableModel::setRows(QList<NamespaceRow> rows)
{
    struct Sync
    {
        NamespaceTableModel *m;
        QList<int> *list;
        void beginRemove(int a, int b) const { m->beginRemoveRows({}, a, b); }
        void endRemove() const
        {
            m->reindex();
            m->endRemoveRows();
        }
        void beginInsert(int a, int b) const { m->beginInsertRows({}, a, b); }
        void endInsert() const
        {
            m->reindex();
            m->endInsertRows();
        }
        void changed(int r) const { list->append(r); }
    };
    QList<int> changed;
    syncRows(m_rows, std::move(rows), Sync {this, &changed});
    reindex();
    for (int r : std::as_const(changed))
        emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

void NamespaceTableModel::reindex()
{
    m_rowOfKey.clear();
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        m_rowOfKey.insert(m_rows.at(i).key(), int(i));
}

int NamespaceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NamespaceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NamespaceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NamespaceRow &row = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return row.key();
    case ContextRole:
        return row.context;
    case NamespaceRole:
    case NameRole:
        return row.name;
    case StatusRole:
        return int(row.policy.state);
    case SortRole:
        switch (index.column()) {
        case PodsColumn:
            return row.podsTotal == 0 ? -1.0 : double(row.podsInjected) / row.podsTotal;
        case WaitingColumn:
            return row.podsWaitingRestart;
        case WorkloadsColumn:
            return row.workloads;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.system ? Tr::tr("%1 (system)").arg(row.name) : row.name;
        case ClusterColumn:
            return row.context;
        case PolicyColumn: {
            QString text = namespaceStateText(row.policy.state);
            if (row.policy.ambient)
                text += Tr::tr(", ambient");
            return text;
        }
        case LabelColumn:
            return row.policy.label;
        case PodsColumn:
            return countText(row.podsInjected, row.podsTotal);
        case WaitingColumn:
            return row.podsWaitingRestart;
        case WorkloadsColumn:
            return row.workloads;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case PolicyColumn:
            if (row.policy.state == NamespacePolicy::State::NotSet)
                return Tr::tr("Neither %1 nor %2 is set: pods are injected only when their own "
                              "label asks for it.")
                    .arg(keys::NamespaceInjection, keys::Revision);
            return Tr::tr("Set by the namespace label %1.").arg(row.policy.label);
        case WaitingColumn:
            return row.podsWaitingRestart == 0
                ? QVariant()
                : Tr::tr("%1 pods run with a sidecar state that differs from what injection "
                         "decides now: restart their workloads.")
                      .arg(row.podsWaitingRestart);
        default:
            return {};
        }
    case HighlightRole:
        return index.column() == WaitingColumn && row.podsWaitingRestart > 0;
    default:
        return {};
    }
}

QVariant NamespaceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return Tr::tr("Namespace");
    case ClusterColumn:
        return Tr::tr("Cluster");
    case PolicyColumn:
        return Tr::tr("Injection policy");
    case LabelColumn:
        return Tr::tr("Label");
    case PodsColumn:
        return Tr::tr("Injected pods");
    case WaitingColumn:
        return Tr::tr("Waiting for restart");
    case WorkloadsColumn:
        return Tr::tr("Workloads");
    default:
        return {};
    }
}

// --- Filters ---

WorkloadFilterModel::WorkloadFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void WorkloadFilterModel::setWorkloadModel(WorkloadTableModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void WorkloadFilterModel::setClusterFilter(const QString &context)
{
    if (context == m_cluster)
        return;
    m_cluster = context;
    invalidateFilter();
}

void WorkloadFilterModel::setNamespaceFilter(const QString &ns)
{
    if (ns == m_namespace)
        return;
    m_namespace = ns;
    invalidateFilter();
}

void WorkloadFilterModel::setStatusFilter(int status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void WorkloadFilterModel::setSearchText(const QString &text)
{
    const QStringList words = text.toLower().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

bool WorkloadFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_model)
        return true;
    const WorkloadRow &row = m_model->rowAt(sourceRow);
    if (!m_cluster.isEmpty() && row.context != m_cluster)
        return false;
    if (!m_namespace.isEmpty() && row.namespace_ != m_namespace)
        return false;
    if (m_status >= 0 && int(row.status) != m_status)
        return false;
    const QString &text = m_model->searchTextAt(sourceRow);
    for (const QString &word : m_words) {
        if (!text.contains(word))
            return false;
    }
    return true;
}

bool WorkloadFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_model || sortRole() != SortRole || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    const WorkloadRow &a = m_model->rowAt(left.row());
    const WorkloadRow &b = m_model->rowAt(right.row());
    const Qt::CaseSensitivity cs = sortCaseSensitivity();
    switch (left.column()) {
    case WorkloadTableModel::NameColumn:
        return a.name.compare(b.name, cs) < 0;
    case WorkloadTableModel::KindColumn:
        return a.kind.compare(b.kind, cs) < 0;
    case WorkloadTableModel::NamespaceColumn:
        return a.namespace_.compare(b.namespace_, cs) < 0;
    case WorkloadTableModel::ClusterColumn:
        return a.context.compare(b.context, cs) < 0;
    case WorkloadTableModel::StatusColumn:
        return int(a.status) < int(b.status);
    case WorkloadTableModel::PodsColumn: {
        auto ratio = [](const WorkloadRow &r) {
            return r.podsTotal == 0 ? -1.0 : double(r.podsInjected) / r.podsTotal;
        };
        return ratio(a) < ratio(b);
    }
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

NamespaceFilterModel::NamespaceFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void NamespaceFilterModel::setNamespaceModel(NamespaceTableModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void NamespaceFilterModel::setClusterFilter(const QString &context)
{
    if (context == m_cluster)
        return;
    m_cluster = context;
    invalidateFilter();
}

void NamespaceFilterModel::setHideSystem(bool hide)
{
    if (hide == m_hideSystem)
        return;
    m_hideSystem = hide;
    invalidateFilter();
}

void NamespaceFilterModel::setSearchText(const QString &text)
{
    const QString search = text.trimmed().toLower();
    if (search == m_search)
        return;
    m_search = search;
    invalidateFilter();
}

bool NamespaceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_model)
        return true;
    const NamespaceRow &row = m_model->rowAt(sourceRow);
    if (!m_cluster.isEmpty() && row.context != m_cluster)
        return false;
    if (m_hideSystem && row.system)
        return false;
    return m_search.isEmpty() || row.name.toLower().contains(m_search)
        || row.policy.label.toLower().contains(m_search);
}

// --- SidecarInventoryLoader ---

SidecarInventoryLoader::SidecarInventoryLoader(QObject *parent)
    : QObject(parent)
    , m_workloads(new WorkloadTableModel(this))
    , m_namespaces(new NamespaceTableModel(this))
{
    connect(&m_watcher, &QFutureWatcher<SidecarInventory>::finished, this, [this] {
        m_running = false;
        apply(m_watcher.result());
        if (m_again) {
            m_again = false;
            refresh();
        }
    });
}

SidecarInventoryLoader::~SidecarInventoryLoader()
{
    m_watcher.waitForFinished();
}

void SidecarInventoryLoader::setMesh(md::mesh::SelectedMesh *mesh)
{
    if (m_mesh)
        disconnect(m_mesh->cache(), nullptr, this, nullptr);
    m_mesh = mesh;
    if (!mesh) {
        m_source = nullptr;
        return;
    }
    m_source = [this] {
        return m_mesh ? m_mesh->cache()->snapshot(inventoryKinds())
                      : md::mesh::MeshCache::Snapshot();
    };
    connect(mesh->cache(), &md::mesh::MeshCache::changed, this, &SidecarInventoryLoader::refresh);
    connect(mesh, &md::mesh::SelectedMesh::meshChanged, this, &SidecarInventoryLoader::refresh);
    refresh();
}

void SidecarInventoryLoader::setSource(std::function<md::mesh::MeshCache::Snapshot()> source)
{
    m_source = std::move(source);
    refresh();
}

void SidecarInventoryLoader::refresh()
{
    if (!m_source)
        return;
    if (m_running) {
        m_again = true; // the newest snapshot is read when the run in flight ends
        return;
    }
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run(buildInventory, m_source()));
}

void SidecarInventoryLoader::apply(SidecarInventory inventory)
{
    m_workloads->setRows(inventory.workloads);
    m_namespaces->setRows(inventory.namespaces);
    m_inventory = std::move(inventory);
    ++m_updates;
    emit updated();
}

} // namespace md::sidecar

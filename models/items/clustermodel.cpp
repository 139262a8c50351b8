#include "items/clustermodel.h"

#include "mesh/connectionmanager.h"
#include "mesh/healthtext.h"
#include "mesh/meshcache.h"
#include "mesh/meshtr.h"

namespace md {

using md::mesh::ClusterHealth;
using md::mesh::Tr;

ClusterModel::ClusterModel(md::mesh::ConnectionManager *manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_manager(manager)
{
    m_contexts = manager->connectedContexts();
    connect(manager, &md::mesh::ConnectionManager::healthChanged, this,
            [this](const QString &context) { onHealth(context); });
    connect(manager, &md::mesh::ConnectionManager::contextsChanged, this, &ClusterModel::sync);
}

void ClusterModel::setMeshCache(md::mesh::MeshCache *cache)
{
    if (m_cache)
        m_cache->disconnect(this);
    m_cache = cache;
    if (cache) {
        connect(cache, &md::mesh::MeshCache::changed, this, [this] {
            if (!m_contexts.isEmpty())
                emit dataChanged(index(0, StateColumn), index(rowCount() - 1, StateColumn));
        });
    }
    if (!m_contexts.isEmpty())
        emit dataChanged(index(0, StateColumn), index(rowCount() - 1, StateColumn));
}

int ClusterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_contexts.size());
}

int ClusterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant ClusterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_manager)
        return {};
    const ClusterHealth h = m_manager->health(m_contexts.at(index.row()));
    std::optional<md::mesh::MeshCache::CacheStatus> cache;
    if (m_cache && m_cache->clusters().contains(h.context))
        cache = m_cache->status(h.context);
    switch (role) {
    case ConditionRole:
        return int(md::mesh::liveCondition(h, cache));
    case ContextRole:
        return h.context;
    case StateRole:
        return int(h.state);
    case HealthRole:
        return QVariant::fromValue(h);
    case WarningRole:
        return !h.warnings.isEmpty();
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && h.probes.lastFailure && h.probes.failed > 0)
            return Tr::tr("Last failed probe: %1").arg(h.probes.lastFailure->detail());
        if (index.column() == StateColumn && cache && cache->lastError)
            return Tr::tr("Caches: %1").arg(cache->lastError->detail());
        if (index.column() == StateColumn && h.lastError)
            return h.lastError->detail();
        if (index.column() == NameColumn && !h.warnings.isEmpty())
            return h.warnings.join(QLatin1Char('\n'));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return h.context;
    case StateColumn:
        return md::mesh::liveHealthText(h, cache);
    case KubernetesColumn:
        return h.kubernetesVersion;
    case IstioColumn:
        if (h.state != ClusterHealth::State::Connected)
            return QString();
        return h.hasIstio() ? h.istioVersion : Tr::tr("not installed");
    case MeshColumn:
        return h.meshId;
    case AccessColumn:
        if (!h.canWriteIstio)
            return QString();
        return *h.canWriteIstio ? Tr::tr("read and write") : Tr::tr("read only");
    case LatencyColumn:
        return h.latencyMs >= 0 ? Tr::tr("%1 ms").arg(h.latencyMs) : QString();
    case ServerColumn:
        return h.server;
    default:
        return {};
    }
}

QVariant ClusterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return Tr::tr("Cluster");
    case StateColumn:
        return Tr::tr("Connection");
    case KubernetesColumn:
        return Tr::tr("Kubernetes");
    case IstioColumn:
        return Tr::tr("Istio");
    case MeshColumn:
        return Tr::tr("Mesh ID");
    case AccessColumn:
        return Tr::tr("Istio resources");
    case LatencyColumn:
        return Tr::tr("Latency");
    case ServerColumn:
        return Tr::tr("API server");
    default:
        return {};
    }
}

void ClusterModel::sync()
{
    if (!m_manager)
        return;
    const QStringList now = m_manager->connectedContexts();
    if (now == m_contexts)
        return;
    beginResetModel();
    m_contexts = now;
    endResetModel();
}

void ClusterModel::onHealth(const QString &context)
{
    if (!m_manager)
        return;
    const QStringList now = m_manager->connectedContexts();
    if (now != m_contexts) {
        // A context joined or left: insert or remove its row.
        const int oldRow = int(m_contexts.indexOf(context));
        const int newRow = int(now.indexOf(context));
        if (oldRow < 0 && newRow >= 0 && now.size() == m_contexts.size() + 1) {
            beginInsertRows({}, newRow, newRow);
            m_contexts = now;
            endInsertRows();
        } else if (oldRow >= 0 && newRow < 0 && now.size() + 1 == m_contexts.size()) {
            beginRemoveRows({}, oldRow, oldRow);
            m_contexts = now;
            endRemoveRows();
        } else {
            beginResetModel();
            m_contexts = now;
            endResetModel();
        }
        return;
    }
    const int row = int(m_contexts.indexOf(context));
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, NUM_COLUMNS - 1));
}

void ClusterModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, NUM_COLUMNS - 1);
    if (!m_contexts.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_contexts.size()) - 1, NUM_COLUMNS - 1));
}

} // namespace md

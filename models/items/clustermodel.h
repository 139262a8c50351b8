#pragma once

#include "mesh/clusterhealth.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace md::mesh {
class ConnectionManager;
class MeshCache;
} // namespace md::mesh

namespace md {

// The clusters the user connected (ConnectionManager::connectedContexts()), one row each,
// with their health. Follows the manager live.
//
// Roles: Qt::DisplayRole per column, Qt::ToolTipRole (the last error in full on the state
// column), ContextRole (QString), StateRole (int, ClusterHealth::State), HealthRole
// (ClusterHealth), WarningRole (bool: TLS verification off or other warnings),
// ConditionRole (int, md::mesh::LiveCondition: from the probes and, for the clusters of the
// selected mesh, its caches). The state column says what the cluster is doing now
// ("Degraded: 48 % of requests failing, data 12 s old").
class ClusterModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        NameColumn = 0,
        StateColumn,
        KubernetesColumn,
        IstioColumn,
        MeshColumn,
        AccessColumn,
        LatencyColumn,
        ServerColumn,
        NUM_COLUMNS
    };
    enum Roles {
        ContextRole = Qt::UserRole + 1,
        StateRole,
        HealthRole,
        WarningRole,
        ConditionRole
    };

    explicit ClusterModel(md::mesh::ConnectionManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The caches whose state the clusters of the selected mesh report (may be null).
    void setMeshCache(md::mesh::MeshCache *cache);

    QString contextAt(int row) const { return m_contexts.value(row); }
    int rowOf(const QString &context) const { return int(m_contexts.indexOf(context)); }
    void retranslate();

private:
    void sync();
    void onHealth(const QString &context);

    QPointer<md::mesh::ConnectionManager> m_manager;
    QPointer<md::mesh::MeshCache> m_cache;
    QStringList m_contexts;
};

} // namespace md

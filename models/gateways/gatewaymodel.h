#pragma once

#include "gateways/gatewayrow.h"
#include "mesh/meshcache.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QPointer>

#include <functional>

namespace md::mesh {
class SelectedMesh;
}

namespace md::gateways {

// The gateway deployments of a mesh (gatewayRows()), live from its caches: rows are built in
// a worker thread and applied in place, so selections survive updates.
//
// Roles: Qt::DisplayRole, Qt::ToolTipRole; Qt::UserRole a sort key (numbers for Replicas);
// KeyRole, ContextRole, NamespaceRole, NameRole (QString), StatusRole (int:
// GatewayRow::Status).
class GatewayModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Cluster,
        Namespace,
        Type,
        Replicas,
        Status,
        ServiceType,
        Ports,
        Addresses,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole,
        KeyRole = Qt::UserRole + 1,
        ContextRole,
        NamespaceRole,
        NameRole,
        StatusRole,
    };

    explicit GatewayModel(QObject *parent = nullptr);
    ~GatewayModel() override;

    void setMesh(md::mesh::SelectedMesh *mesh);
    void setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot);
    void refresh();
    bool isUpdating() const { return m_running || m_again; }
    int updates() const { return m_updates; }

    const GatewayRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOfKey(const QString &key) const;
    QStringList namespaces() const;
    QStringList clusters() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void updated();

private:
    void apply(QList<GatewayRow> rows);

    QPointer<md::mesh::SelectedMesh> m_mesh;
    std::function<md::mesh::MeshCache::Snapshot()> m_source;
    QList<GatewayRow> m_rows;
    QFutureWatcher<QList<GatewayRow>> m_watcher;
    bool m_running = false;
    bool m_again = false;
    int m_updates = 0;
};

} // namespace md::gateways

#pragma once

#include "gateways/gatewayrow.h"
#include "items/snapshotrowmodel.h"

namespace md::gateways {

// The gateway deployments of a mesh (gatewayRows()), live from its caches: rows are built in
// a worker thread and applied in place, so selections survive updates.
//
// Roles: Qt::DisplayRole, Qt::ToolTipRole; Qt::UserRole a sort key (numbers for Replicas);
// KeyRole, ContextRole, NamespaceRole, NameRole (QString), StatusRole (int:
// GatewayRow::Status).
class GatewayModel final : public md::items::SnapshotRowModel<GatewayRow>
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

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    std::function<QList<GatewayRow>(const md::mesh::MeshCache::Snapshot &)>
    computation() const override;
    bool sameRow(const GatewayRow &a, const GatewayRow &b) const override { return a == b; }
};

} // namespace md::gateways

#include "gateways/gatewaymodel.h"

namespace md::gateways {

GatewayModel::GatewayModel(QObject *parent)
    : SnapshotRowModel(gatewayKinds(), parent)
{ }

std::function<QList<GatewayRow>(const md::mesh::MeshCache::Snapshot &)>
GatewayModel::computation() const
{
    return [](const md::mesh::MeshCache::Snapshot &snapshot) { return gatewayRows(snapshot); };
}

int GatewayModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GatewayModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GatewayRow &row = m_rows.at(index.row());
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
        if (index.column() == Replicas)
            return row.desired * 100000 + row.ready;
        return data(index, Qt::DisplayRole).toString();
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return row.name;
        case Cluster:
            return row.context;
        case Namespace:
            return row.namespace_;
        case Type:
            return typeText(row.type);
        case Replicas:
            return row.replicasText();
        case Status:
            return statusText(row.status);
        case ServiceType:
            return row.serviceName.isEmpty() ? Tr::tr("no Service") : row.serviceType;
        case Ports:
            return row.portsText();
        case Addresses: {
            QStringList addresses = row.addresses;
            if (row.addressPending)
                addresses.prepend(Tr::tr("pending"));
            return addresses.join(QStringLiteral(", "));
        }
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Status:
            return row.statusReason.isEmpty() ? QVariant() : QVariant(row.statusReason);
        case Name: {
            QStringList lines;
            lines << Tr::tr("Recognised by: %1").arg(row.source);
            if (!row.image.isEmpty())
                lines << Tr::tr("Proxy image: %1").arg(row.image);
            if (!row.resources.isEmpty())
                lines << Tr::tr("Proxy resources: %1").arg(row.resources);
            return lines.join(QLatin1Char('\n'));
        }
        case ServiceType:
            return row.serviceName.isEmpty() ? Tr::tr("No Service selects the gateway's pods")
                                             : Tr::tr("Service %1").arg(row.serviceName);
        case Addresses:
            return row.addressPending
                ? Tr::tr("The load balancer has not assigned an external address yet")
                : QVariant();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant GatewayModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return Tr::tr("Name");
    case Cluster:
        return Tr::tr("Cluster");
    case Namespace:
        return Tr::tr("Namespace");
    case Type:
        return Tr::tr("Type");
    case Replicas:
        return Tr::tr("Ready");
    case Status:
        return Tr::tr("Status");
    case ServiceType:
        return Tr::tr("Service");
    case Ports:
        return Tr::tr("Ports");
    case Addresses:
        return Tr::tr("Addresses");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace md::gateways

#include "items/meshlistmodel.h"

#include "mesh/meshregistry.h"
#include "mesh/meshtr.h"

namespace md {

using md::mesh::Tr;

MeshListModel::MeshListModel(md::mesh::MeshRegistry *registry, QObject *parent)
    : QAbstractListModel(parent)
    , m_registry(registry)
    , m_rows(int(registry->meshes().size()))
{
    connect(registry, &md::mesh::MeshRegistry::meshesChanged, this, [this] {
        beginResetModel();
        m_rows = m_registry ? int(m_registry->meshes().size()) : 0;
        endResetModel();
    });
}

int MeshListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant MeshListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_registry || index.row() >= m_registry->meshes().size())
        return {};
    const md::mesh::Mesh &m = m_registry->meshes().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m.name;
    case Qt::ToolTipRole:
        return Tr::tr("%1 mesh, control plane %2, %3 cluster(s)")
            .arg(md::mesh::typeText(m.type), m.controlPlane)
            .arg(m.clusters().size());
    default:
        return {};
    }
}

int MeshListModel::rowOf(const QString &name) const
{
    if (!m_registry)
        return -1;
    for (int i = 0; i < m_registry->meshes().size(); ++i) {
        if (m_registry->meshes().at(i).name == name)
            return i;
    }
    return -1;
}

} // namespace md

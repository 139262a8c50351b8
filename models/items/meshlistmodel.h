#pragma once

#include <QAbstractListModel>
#include <QPointer>

namespace md::mesh {
class MeshRegistry;
}

namespace md {

// The kept meshes, by name, for the toolbar's mesh picker.
// Roles: Qt::DisplayRole (name), Qt::ToolTipRole (type, control plane, clusters),
// NameRole (QString).
class MeshListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles { NameRole = Qt::UserRole + 1 };

    explicit MeshListModel(md::mesh::MeshRegistry *registry, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    int rowOf(const QString &name) const;

private:
    QPointer<md::mesh::MeshRegistry> m_registry;
    int m_rows = 0;
};

} // namespace md

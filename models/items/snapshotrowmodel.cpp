#include "items/snapshotrowmodel.h"

#include "mesh/selectedmesh.h"

namespace md::items {

SnapshotRowModelBase::SnapshotRowModelBase(QList<md::mesh::MeshCache::Kind> kinds, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kinds(std::move(kinds))
{ }

void SnapshotRowModelBase::setMesh(md::mesh::SelectedMesh *mesh)
{
    if (m_mesh)
        disconnect(m_mesh->cache(), nullptr, this, nullptr);
    m_mesh = mesh;
    if (!mesh) {
        m_source = nullptr;
        clear();
        return;
    }
    m_source = [mesh, kinds = m_kinds] { return mesh->cache()->snapshot(kinds); };
    connect(mesh->cache(), &md::mesh::MeshCache::changed, this, &SnapshotRowModelBase::refresh);
    refresh();
}

void SnapshotRowModelBase::setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot)
{
    m_source = [snapshot] { return snapshot; };
    refresh();
}

void SnapshotRowModelBase::refresh()
{
    if (!m_source)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    start(m_source());
}

void SnapshotRowModelBase::applied()
{
    m_running = false;
    ++m_updates;
    emit updated();
    if (m_again) {
        m_again = false;
        refresh();
    }
}

md::gateways::RowSignals SnapshotRowModelBase::rowSignals()
{
    md::gateways::RowSignals s;
    s.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    s.endRemove = [this] { endRemoveRows(); };
    s.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    s.endInsert = [this] { endInsertRows(); };
    s.changed = [this](int row) { emit dataChanged(index(row, 0), index(row, columnCount() - 1)); };
    return s;
}

} // namespace md::items

#pragma once

// The meshes the user keeps (in the MeshStore), which one is selected, and the meshes
// MeshDesk detects on connected clusters and proposes to keep. Selecting a mesh connects
// its clusters.

#include "mesh/mesh.h"

#include <QObject>

namespace md::store {
class MeshStore;
}

namespace md::mesh {

class ConnectionManager;

class MeshRegistry final : public QObject
{
    Q_OBJECT

public:
    MeshRegistry(md::store::MeshStore *store, ConnectionManager *connections,
                 QObject *parent = nullptr);

    const QList<Mesh> &meshes() const { return m_meshes; }
    QString currentMesh() const { return m_current; }
    std::optional<Mesh> mesh(const QString &name) const;

    // Detected meshes that are not kept yet (no kept mesh has the same mesh ID or control plane).
    const QList<Mesh> &proposals() const { return m_proposals; }

    Result<void> reload();
    Result<void> save(const Mesh &mesh);
    Result<void> remove(const QString &name);
    // Selects a mesh and connects its clusters; an empty name selects none.
    Result<void> selectMesh(const QString &name);

signals:
    void meshesChanged();
    void currentMeshChanged(const QString &name);
    void proposalsChanged();
    void errorOccurred(const QString &message);

private:
    void updateProposals();

    md::store::MeshStore *m_store = nullptr; // Not owned.
    ConnectionManager *m_connections = nullptr; // Not owned.
    QList<Mesh> m_meshes;
    QList<Mesh> m_proposals;
    QString m_current;
};

} // namespace md::mesh

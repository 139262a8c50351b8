#pragma once

// The mesh the user works on: the live caches (MeshCache) and live checks (LiveAnalysis) of
// the mesh the registry selects, shared by every page, the status bar and the editors, so
// that one set of informers serves them all. Follows the registry: selecting another mesh
// points the caches at its clusters.

#include "mesh/mesh.h"

#include <QObject>

#include <optional>

namespace md::mesh {

class ConnectionManager;
class LiveAnalysis;
class MeshCache;
class MeshRegistry;

class SelectedMesh final : public QObject
{
    Q_OBJECT

public:
    // `registry` may be null (no kept meshes): the caches then stay empty.
    SelectedMesh(ConnectionManager *connections, MeshRegistry *registry, QObject *parent = nullptr);
    ~SelectedMesh() override;

    ConnectionManager *connections() const { return m_connections; }
    MeshRegistry *registry() const { return m_registry; }
    MeshCache *cache() const { return m_cache; }
    LiveAnalysis *analysis() const { return m_analysis; }

    // The selected mesh, when there is one.
    std::optional<Mesh> mesh() const;
    QString name() const { return m_name; }

signals:
    // Another mesh was selected (or the selected one changed its clusters).
    void meshChanged();

private:
    void follow();

    ConnectionManager *m_connections = nullptr; // Not owned.
    MeshRegistry *m_registry = nullptr; // Not owned.
    MeshCache *m_cache = nullptr; // Owned (child).
    LiveAnalysis *m_analysis = nullptr; // Owned (child).
    QString m_name;
    QStringList m_clusters;
};

} // namespace md::mesh

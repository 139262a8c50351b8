#include "mesh/selectedmesh.h"

#include "mesh/liveanalysis.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"

namespace md::mesh {

SelectedMesh::SelectedMesh(ConnectionManager *connections, MeshRegistry *registry, QObject *parent)
    : QObject(parent)
    , m_connections(connections)
    , m_registry(registry)
    , m_cache(new MeshCache(connections, this))
    , m_analysis(new LiveAnalysis(m_cache, this))
{
    if (m_registry) {
        connect(m_registry, &MeshRegistry::currentMeshChanged, this, &SelectedMesh::follow);
        connect(m_registry, &MeshRegistry::meshesChanged, this, &SelectedMesh::follow);
    }
    follow();
}

SelectedMesh::~SelectedMesh() = default;

std::optional<Mesh> SelectedMesh::mesh() const
{
    if (!m_registry)
        return std::nullopt;
    return m_registry->mesh(m_registry->currentMesh());
}

void SelectedMesh::follow()
{
    const std::optional<Mesh> current = mesh();
    const QString name = current ? current->name : QString();
    const QStringList clusters = current ? current->clusters() : QStringList();
    if (name == m_name && clusters == m_clusters)
        return;
    m_name = name;
    m_clusters = clusters;
    if (clusters != m_cache->clusters())
        m_cache->setClusters(clusters);
    emit meshChanged();
}

} // namespace md::mesh

#include "mesh/meshregistry.h"

#include "mesh/connectionmanager.h"
#include "mesh/meshtr.h"
#include "store/meshstore.h"

namespace md::mesh {

MeshRegistry::MeshRegistry(md::store::MeshStore *store, ConnectionManager *connections,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_connections(connections)
{
    connect(connections, &ConnectionManager::healthChanged, this, &MeshRegistry::updateProposals);
    reload();
}

std::optional<Mesh> MeshRegistry::mesh(const QString &name) const
{
    for (const Mesh &m : m_meshes) {
        if (m.name == name)
            return m;
    }
    return std::nullopt;
}

Result<void> MeshRegistry::reload()
{
    auto all = m_store->meshes();
    if (!all) {
        emit errorOccurred(all.error().toString());
        return Unexpected<Error> {all.error()};
    }
    m_meshes = *all;
    emit meshesChanged();
    updateProposals();
    return {};
}

Result<void> MeshRegistry::save(const Mesh &mesh)
{
    if (auto saved = m_store->save(mesh); !saved)
        return saved;
    return reload();
}

Result<void> MeshRegistry::remove(const QString &name)
{
    if (auto removed = m_store->remove(name); !removed)
        return removed;
    if (m_current == name) {
        m_current.clear();
        emit currentMeshChanged(m_current);
    }
    return reload();
}

Result<void> MeshRegistry::selectMesh(const QString &name)
{
    if (name == m_current)
        return {};
    if (name.isEmpty()) {
        m_current.clear();
        emit currentMeshChanged(m_current);
        return {};
    }
    const std::optional<Mesh> m = mesh(name);
    if (!m)
        return unexpected(QStringLiteral("mesh.unknown"),
                          Tr::tr("there is no mesh named \"%1\"").arg(name));
    m_current = name;
    QStringList errors;
    for (const QString &context : m->clusters()) {
        if (m_connections->connectedContexts().contains(context))
            continue;
        QString error;
        if (!m_connections->connectContext(context, &error))
            errors << Tr::tr("%1: %2").arg(context, error);
    }
    emit currentMeshChanged(m_current);
    if (!errors.isEmpty()) {
        const QString message = Tr::tr("Some clusters of mesh %1 cannot connect: %2")
                                    .arg(name, errors.join(QStringLiteral("; ")));
        emit errorOccurred(message);
        return unexpected(QStringLiteral("mesh.connect"), message);
    }
    return {};
}

void MeshRegistry::updateProposals()
{
    QList<ClusterHealth> health;
    for (const QString &context : m_connections->connectedContexts())
        health << m_connections->health(context);
    QList<Mesh> proposals;
    // The kubeconfig's current context is the likeliest control plane, then connection order.
    QStringList preferred {m_connections->kubeconfig().currentContext};
    preferred << m_connections->connectedContexts();
    for (const Mesh &candidate : proposeMeshes(health, preferred)) {
        bool kept = false;
        for (const Mesh &m : m_meshes) {
            kept = kept || (!candidate.meshId.isEmpty() && m.meshId == candidate.meshId)
                || m.clusters().contains(candidate.controlPlane);
        }
        if (!kept)
            proposals << candidate;
    }
    if (proposals != m_proposals) {
        m_proposals = proposals;
        emit proposalsChanged();
    }
}

} // namespace md::mesh

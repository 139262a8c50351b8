#include "mesh/meshcache.h"

#include "kube/kubeclient.h"
#include "kube/kubeworker.h"
#include "mesh/clusterconnection.h"
#include "mesh/connectionmanager.h"

namespace md::mesh {

using md::kube::Informer;
using md::kube::KubeWorker;

struct MeshCache::Cluster
{
    std::unique_ptr<KubeWorker> worker;
    QList<Informer *> informers; // children of the cache; deleted before the worker
    ~Cluster() { qDeleteAll(informers); }
};

const QList<std::pair<QString, QString>> &MeshCache::watchedKinds()
{
    static const QList<std::pair<QString, QString>> kinds = [] {
        const QString networking = QStringLiteral("networking.istio.io");
        const QString security = QStringLiteral("security.istio.io");
        return QList<std::pair<QString, QString>> {
            {networking, QStringLiteral("VirtualService")},
            {networking, QStringLiteral("DestinationRule")},
            {networking, QStringLiteral("Gateway")},
            {networking, QStringLiteral("ServiceEntry")},
            {networking, QStringLiteral("Sidecar")},
            {security, QStringLiteral("PeerAuthentication")},
            {security, QStringLiteral("RequestAuthentication")},
            {security, QStringLiteral("AuthorizationPolicy")},
            {QString(), QStringLiteral("Service")},
            {QString(), QStringLiteral("Pod")},
        };
    }();
    return kinds;
}

MeshCache::MeshCache(ConnectionManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(250);
    connect(&m_changeTimer, &QTimer::timeout, this, [this] {
        emit changed();
        const bool synced = isSynced();
        if (synced != m_synced) {
            m_synced = synced;
            emit syncedChanged(synced);
        }
    });
    connect(manager, &ConnectionManager::healthChanged, this, &MeshCache::onHealth);
}

MeshCache::~MeshCache() = default;

void MeshCache::setClusters(const QStringList &contexts)
{
    for (auto it = m_clusters.begin(); it != m_clusters.end();) {
        if (!contexts.contains(it.key()))
            it = m_clusters.erase(it);
        else
            ++it;
    }
    m_contexts = contexts;
    for (const QString &context : contexts)
        attach(context);
    noteChange();
}

void MeshCache::onHealth(const QString &context, const ClusterHealth &health)
{
    if (m_contexts.contains(context) && health.isUp())
        attach(context);
}

void MeshCache::attach(const QString &context)
{
    if (m_clusters.contains(context))
        return;
    ClusterConnection *connection = m_manager->connection(context);
    if (!connection || !connection->health().isUp())
        return; // its informers come when it connects (onHealth)
    auto cluster = std::make_shared<Cluster>();
    cluster->worker = std::make_unique<KubeWorker>(connection->client()->config());
    for (const auto &[group, kind] : watchedKinds()) {
        const md::kube::ApiResource *resource = connection->discovery().find(group, kind);
        if (!resource || !resource->can(QStringLiteral("watch")))
            continue; // this cluster does not serve it (no Istio, or an older one)
        auto *informer = new Informer(cluster->worker.get(), resource->ref, {});
        connect(informer, &Informer::changed, this, &MeshCache::noteChange);
        connect(informer, &Informer::statusChanged, this, &MeshCache::noteChange);
        cluster->informers.append(informer);
        informer->start();
    }
    m_clusters.insert(context, std::move(cluster));
}

void MeshCache::noteChange()
{
    if (!m_changeTimer.isActive())
        m_changeTimer.start();
}

bool MeshCache::isSynced() const
{
    if (m_clusters.isEmpty())
        return false;
    for (const auto &cluster : m_clusters) {
        for (const Informer *informer : cluster->informers) {
            if (!informer->status().synced)
                return false;
        }
    }
    return true;
}

qsizetype MeshCache::objectCount() const
{
    qsizetype count = 0;
    for (const auto &cluster : m_clusters) {
        for (const Informer *informer : cluster->informers)
            count += informer->size();
    }
    return count;
}

MeshCache::Snapshot MeshCache::snapshot() const
{
    Snapshot snapshot;
    for (auto it = m_clusters.cbegin(); it != m_clusters.cend(); ++it) {
        QList<Item> &items = snapshot[it.key()];
        for (const Informer *informer : it.value()->informers) {
            items.reserve(items.size() + informer->size());
            for (const md::kube::KubeObject &object : informer->objects())
                items.append({informer->resource(), object});
        }
    }
    return snapshot;
}

} // namespace md::mesh

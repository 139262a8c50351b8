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

const QList<MeshCache::Watch> &MeshCache::coreWatches()
{
    static const QList<Watch> specs = [] {
        const QString apps = QStringLiteral("apps");
        const QString admission = QStringLiteral("admissionregistration.k8s.io");
        return QList<Watch> {
            {{}, QStringLiteral("Namespace"), {}, {}},
            {{}, QStringLiteral("Service"), {}, {}},
            {{}, QStringLiteral("Endpoints"), {}, {}},
            {{}, QStringLiteral("Pod"), {}, {}},
            {apps, QStringLiteral("Deployment"), {}, {}},
            {apps, QStringLiteral("StatefulSet"), {}, {}},
            {apps, QStringLiteral("DaemonSet"), {}, {}},
            {apps, QStringLiteral("ReplicaSet"), {}, {}},
            // Gateway credentials are TLS or opaque secrets (cert/key/cacert keys); service
            // account tokens, Helm releases and the like are never read.
            {{}, QStringLiteral("Secret"), {}, QStringLiteral("type=kubernetes.io/tls")},
            {{}, QStringLiteral("Secret"), {}, QStringLiteral("type=Opaque")},
            // Istio's own: mesh config, mesh networks, injector templates (istio.io/rev set).
            {{}, QStringLiteral("ConfigMap"), QStringLiteral("istio.io/rev"), {}},
            {admission, QStringLiteral("MutatingWebhookConfiguration"), {}, {}},
            {admission, QStringLiteral("ValidatingWebhookConfiguration"), {}, {}},
        };
    }();
    return specs;
}

namespace {

// The Istio kinds watched before a cluster's discovery is known, in the order pages list them.
const QList<MeshCache::Kind> &istioKinds()
{
    static const QList<MeshCache::Kind> kinds = [] {
        const QString networking = QStringLiteral("networking.istio.io");
        const QString security = QStringLiteral("security.istio.io");
        return QList<MeshCache::Kind> {
            {networking, QStringLiteral("VirtualService")},
            {networking, QStringLiteral("DestinationRule")},
            {networking, QStringLiteral("Gateway")},
            {networking, QStringLiteral("ServiceEntry")},
            {networking, QStringLiteral("Sidecar")},
            {security, QStringLiteral("PeerAuthentication")},
            {security, QStringLiteral("RequestAuthentication")},
            {security, QStringLiteral("AuthorizationPolicy")},
        };
    }();
    return kinds;
}

} // namespace

bool MeshCache::isIstioGroup(const QString &group)
{
    return group == QLatin1String("istio.io") || group.endsWith(QLatin1String(".istio.io"));
}

const QList<MeshCache::Kind> &MeshCache::watchedKinds()
{
    static const QList<Kind> kinds = [] {
        QList<Kind> all = istioKinds();
        for (const Watch &spec : coreWatches()) {
            const Kind kind {spec.group, spec.kind};
            if (!all.contains(kind))
                all.append(kind);
        }
        return all;
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
    const md::kube::DiscoveryInfo &discovery = connection->discovery();
    const auto watch = [&](const md::kube::ApiResource *resource, const Watch &spec) {
        if (!resource || !resource->can(QStringLiteral("watch")))
            return; // this cluster does not serve it (no Istio, or an older one)
        md::kube::Reflector::Options options;
        options.labelSelector = spec.labelSelector;
        options.fieldSelector = spec.fieldSelector;
        auto *informer = new Informer(cluster->worker.get(), resource->ref, options);
        connect(informer, &Informer::changed, this, &MeshCache::noteChange);
        connect(informer, &Informer::statusChanged, this, &MeshCache::noteChange);
        cluster->informers.append(informer);
        informer->start();
    };
    // Istio's kinds first: the well-known ones in their order, then whatever else the
    // cluster's CRDs add to the Istio groups (Telemetry, WasmPlugin, EnvoyFilter, ...).
    QList<Kind> istio = istioKinds();
    for (const md::kube::ApiResource &resource : discovery.resources) {
        const Kind kind {resource.ref.group, resource.ref.kind};
        if (isIstioGroup(kind.first) && !istio.contains(kind))
            istio.append(kind);
    }
    for (const Kind &kind : istio)
        watch(discovery.find(kind.first, kind.second), Watch {kind.first, kind.second, {}, {}});
    for (const Watch &spec : coreWatches())
        watch(discovery.find(spec.group, spec.kind), spec);
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
    return snapshot({});
}

MeshCache::Snapshot MeshCache::snapshot(const QList<Kind> &kinds) const
{
    Snapshot snapshot;
    for (auto it = m_clusters.cbegin(); it != m_clusters.cend(); ++it) {
        QList<Item> &items = snapshot[it.key()];
        for (const Informer *informer : it.value()->informers) {
            if (!kinds.isEmpty()
                && !kinds.contains(Kind {informer->resource().group, informer->resource().kind}))
                continue;
            items.reserve(items.size() + informer->size());
            for (const md::kube::KubeObject &object : informer->objects())
                items.append({informer->resource(), object});
        }
    }
    return snapshot;
}

QList<MeshCache::Table> MeshCache::tables(const QList<Kind> &kinds) const
{
    QList<Table> tables;
    for (auto it = m_clusters.cbegin(); it != m_clusters.cend(); ++it) {
        for (const Informer *informer : it.value()->informers) {
            const md::kube::ResourceRef &resource = informer->resource();
            if (kinds.isEmpty() || kinds.contains(Kind {resource.group, resource.kind}))
                tables.append({it.key(), resource, informer->objects()});
        }
    }
    return tables;
}

MeshCache::Snapshot MeshCache::toSnapshot(const QList<Table> &tables)
{
    Snapshot snapshot;
    for (const Table &table : tables) {
        QList<Item> &items = snapshot[table.context];
        items.reserve(items.size() + table.objects.size());
        for (const md::kube::KubeObject &object : table.objects)
            items.append({table.resource, object});
    }
    return snapshot;
}

QList<MeshCache::Item> MeshCache::items(const QString &context, const QString &group,
                                        const QString &kind) const
{
    QList<Item> items;
    const auto cluster = m_clusters.constFind(context);
    if (cluster == m_clusters.cend())
        return items;
    for (const Informer *informer : (*cluster)->informers) {
        const md::kube::ResourceRef &resource = informer->resource();
        if (resource.group != group || resource.kind != kind)
            continue;
        items.reserve(items.size() + informer->size());
        for (const md::kube::KubeObject &object : informer->objects())
            items.append({resource, object});
    }
    return items;
}

std::optional<md::kube::KubeObject> MeshCache::object(const QString &context, const QString &group,
                                                      const QString &kind, const QString &ns,
                                                      const QString &name) const
{
    const auto cluster = m_clusters.constFind(context);
    if (cluster == m_clusters.cend())
        return std::nullopt;
    for (const Informer *informer : (*cluster)->informers) {
        const md::kube::ResourceRef &resource = informer->resource();
        if (resource.group != group || resource.kind != kind)
            continue;
        if (auto found = informer->object(resource.namespaced ? ns : QString(), name))
            return found;
    }
    return std::nullopt;
}

QList<md::kube::ResourceRef> MeshCache::resources(const QString &context) const
{
    QList<md::kube::ResourceRef> resources;
    const auto cluster = m_clusters.constFind(context);
    if (cluster == m_clusters.cend())
        return resources;
    for (const Informer *informer : (*cluster)->informers) {
        if (!resources.contains(informer->resource()))
            resources.append(informer->resource());
    }
    return resources;
}

MeshCache::CacheStatus MeshCache::status(const QString &context) const
{
    CacheStatus status;
    const auto cluster = m_clusters.constFind(context);
    if (cluster == m_clusters.cend())
        return status;
    using Phase = md::kube::Reflector::Phase;
    for (const Informer *informer : (*cluster)->informers) {
        const md::kube::Reflector::Status &s = informer->status();
        ++status.informers;
        if (s.synced)
            ++status.synced;
        if (s.phase == Phase::Listing)
            ++status.listing;
        if (s.phase == Phase::Backoff) {
            ++status.backingOff;
            if (!status.nextRetryAt.isValid() || s.nextRetryAt > status.nextRetryAt)
                status.nextRetryAt = s.nextRetryAt;
        }
        if (s.staleSince.isValid()
            && (!status.staleSince.isValid() || s.staleSince < status.staleSince))
            status.staleSince = s.staleSince;
        if (s.lastError && (s.staleSince.isValid() || s.phase == Phase::Backoff))
            status.lastError = s.lastError;
    }
    return status;
}

} // namespace md::mesh

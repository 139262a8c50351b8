#pragma once

// The live objects of a mesh: for every cluster of it, an Informer per Istio kind the
// cluster serves (every kind of the *.istio.io groups its discovery lists) and per core kind
// the pages and checks need (namespaces, services, endpoints, pods, workloads, TLS and opaque
// secrets, Istio's config maps, admission webhooks), fed by a KubeWorker of its own (lists,
// watches and decoding stay off the GUI thread). Resources are found through the cluster's
// discovery, so whichever API version a cluster serves is used. A cluster that is not
// connected yet gets its informers when it connects.

#include "kube/informer.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace md::kube {
class KubeWorker;
}

namespace md::mesh {

class ConnectionManager;
struct ClusterHealth;

class MeshCache final : public QObject
{
    Q_OBJECT

public:
    // One cached object with what it is (list items of core kinds carry no kind).
    struct Item
    {
        md::kube::ResourceRef resource;
        md::kube::KubeObject object;
    };
    using Snapshot = QHash<QString, QList<Item>>; // context -> its objects
    using Kind = std::pair<QString, QString>; // (group, kind); group "" is the core group
    // One informer's objects, by uid. Copying it costs nothing (the table is implicitly
    // shared) and the copy may be read on any thread while the cache moves on.
    struct Table
    {
        QString context;
        md::kube::ResourceRef resource;
        QHash<QString, md::kube::KubeObject> objects;
    };

    // What the caches of one cluster are doing, summed over its informers.
    struct CacheStatus
    {
        int informers = 0;
        int synced = 0; // listed at least once
        int listing = 0; // listing or relisting now
        int backingOff = 0; // waiting to retry after an error
        QDateTime staleSince; // the earliest of its informers; invalid while all are live
        QDateTime nextRetryAt; // the latest retry planned
        std::optional<md::kube::ApiError> lastError; // of an informer that is not live
        bool isLive() const
        {
            return informers > 0 && synced == informers && !staleSince.isValid();
        }
    };

    // How a core kind is watched: some are narrowed so the caches hold only what MeshDesk
    // reads (the CLI lists them the same way).
    struct Watch
    {
        QString group;
        QString kind;
        QString labelSelector;
        QString fieldSelector;
    };
    static const QList<Watch> &coreWatches();
    // The fixed kinds watched in every cluster that serves them (the Istio kinds of the
    // cluster's discovery come on top).
    static const QList<Kind> &watchedKinds();
    // The API groups whose every kind is watched.
    static bool isIstioGroup(const QString &group);

    explicit MeshCache(ConnectionManager *manager, QObject *parent = nullptr);
    ~MeshCache() override;

    void setClusters(const QStringList &contexts);
    QStringList clusters() const { return m_contexts; }

    // Whether every informer of every connected cluster has listed once.
    bool isSynced() const;
    qsizetype objectCount() const;
    // A copy of every object, cheap (objects are implicitly shared), but it touches every
    // object: prefer the one naming the kinds wanted.
    Snapshot snapshot() const;
    Snapshot snapshot(const QList<Kind> &kinds) const;
    // The tables of those kinds (all with an empty list), for work off the GUI thread:
    // O(informers) here, toSnapshot() in the worker.
    QList<Table> tables(const QList<Kind> &kinds) const;
    static Snapshot toSnapshot(const QList<Table> &tables);
    // One kind in one cluster; empty when the cluster does not serve it.
    QList<Item> items(const QString &context, const QString &group, const QString &kind) const;
    std::optional<md::kube::KubeObject> object(const QString &context, const QString &group,
                                               const QString &kind, const QString &ns,
                                               const QString &name) const;
    // The resources watched in a cluster (its informers), in watch order.
    QList<md::kube::ResourceRef> resources(const QString &context) const;
    CacheStatus status(const QString &context) const;

signals:
    // Something changed; delivered at most every 250 ms.
    void changed();
    void syncedChanged(bool synced);

private:
    struct Cluster;
    void attach(const QString &context);
    void onHealth(const QString &context, const ClusterHealth &health);
    void noteChange();

    ConnectionManager *m_manager = nullptr; // Not owned.
    QStringList m_contexts;
    QHash<QString, std::shared_ptr<Cluster>> m_clusters;
    QTimer m_changeTimer;
    bool m_synced = false;
};

} // namespace md::mesh

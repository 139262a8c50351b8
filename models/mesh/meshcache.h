#pragma once

// The live objects of a mesh: for every cluster of it, an Informer per Istio policy kind
// and per kind the cross-reference checks need (Services, Pods), fed by a KubeWorker of its
// own (lists, watches and decoding stay off the GUI thread). Resources are found through
// the cluster's discovery, so whichever Istio API version a cluster serves is used.
// A cluster that is not connected yet gets its informers when it connects.

#include "kube/informer.h"

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

    // The kinds watched: (group, kind).
    static const QList<std::pair<QString, QString>> &watchedKinds();

    explicit MeshCache(ConnectionManager *manager, QObject *parent = nullptr);
    ~MeshCache() override;

    void setClusters(const QStringList &contexts);
    QStringList clusters() const { return m_contexts; }

    // Whether every informer of every connected cluster has listed once.
    bool isSynced() const;
    qsizetype objectCount() const;
    // A copy of every object, cheap (objects are implicitly shared).
    Snapshot snapshot() const;

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

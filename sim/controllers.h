#pragma once

// What runs inside a real cluster besides the API server, reduced to what MeshDesk sees:
// workload controllers (Deployments, StatefulSets and DaemonSets own Pods; a changed pod
// template, e.g. `kubectl rollout restart`, replaces the pods), the Endpoints controller,
// and Istio's sidecar injector, which mutates a Pod when it is created.

#include "store.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

namespace md::sim {

class Cluster;

inline constexpr char kIstioVersion[] = "1.24.2";

class Controllers : public QObject
{
    Q_OBJECT
public:
    explicit Controllers(Cluster *cluster);

    // Mutating admission for a Pod being created: sidecar injection and a simulated status
    // (Running and Ready, or CrashLoopBackOff when the pod carries the annotation
    // meshsim.io/failure: CrashLoopBackOff).
    void admitPod(QJsonObject &pod) const;
    void onChange(const StoreEvent &event);
    // Runs the controllers until nothing is left to do (used before announcing readiness).
    void settle();

private:
    void reconcile();
    void reconcileWorkload(const QString &typeKey, const QString &ns, const QString &name,
                           const QHash<QString, QList<QJsonObject>> &podsByOwner);
    void reconcileEndpoints(const QString &ns, const QList<QJsonObject> &pods);
    bool shouldInject(const QJsonObject &pod) const;

    Cluster *m_cluster;
    QSet<QString> m_dirtyWorkloads; // "typeKey|ns|name"
    QSet<QString> m_dirtyNamespaces;
    QTimer m_timer;
    int m_podCounter = 0;
};

} // namespace md::sim

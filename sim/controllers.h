#pragma once

// What runs inside a real cluster besides the API server, reduced to what MeshDesk sees:
// the workload controllers (a Deployment owns one ReplicaSet per pod template, labelled
// pod-template-hash, that owns the Pods; StatefulSets and DaemonSets own their Pods with a
// ControllerRevision per template, labelled controller-revision-hash), the Endpoints
// controller, Istio's sidecar injector, which mutates a Pod when it is created, and the
// Events the scheduler, the kubelet, the controllers and the injector record.

#include "events.h"
#include "injection.h"
#include "store.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <optional>

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
    // The injector's failure for a pod whose creation calls the injector's webhook and that
    // carries the annotation meshsim.io/failure: InjectionFailed (empty: none).
    QString injectionFailure(const QJsonObject &pod) const;
    // Istio's decision for a pod being created (decideSidecarInjection over the cluster's
    // namespace, its injector webhooks and the injectors' ConfigMaps).
    InjectionVerdict injection(const QJsonObject &pod) const;
    void onChange(const StoreEvent &event);
    // Runs the controllers until nothing is left to do (used before announcing readiness).
    void settle();

private:
    using PodsByOwner = QHash<QString, QList<QJsonObject>>; // owner uid → objects

    void reconcile();
    void reconcileDeployment(const QString &ns, const QString &name,
                             const PodsByOwner &replicaSetsByOwner);
    void reconcileReplicaSet(const QString &ns, const QString &name,
                             const PodsByOwner &podsByOwner);
    void reconcilePodOwner(const QString &typeKey, const QString &ns, const QString &name,
                           const PodsByOwner &podsByOwner);
    void reconcileEndpoints(const QString &ns, const QList<QJsonObject> &pods);
    InjectorPolicy injectorPolicy(const QString &revision) const;
    // Creates a pod of `owner` from its template; records FailedCreate when admission fails.
    std::optional<QJsonObject> createPod(const QJsonObject &owner, const QString &ownerKind,
                                         QJsonObject podMeta, const QJsonObject &podSpec);
    void deletePod(const QJsonObject &owner, const QString &ownerKind, const QJsonObject &pod);
    QString revisionFor(const QString &typeKey, const QJsonObject &workload);
    void recordPodEvents(const StoreEvent &event);

    Cluster *m_cluster;
    EventRecorder m_events;
    QSet<QString> m_dirtyWorkloads; // "typeKey|ns|name"
    QSet<QString> m_dirtyNamespaces;
    // Injector configs by revision, with the resourceVersion of the ConfigMap they came from.
    mutable QHash<QString, std::pair<QString, InjectorPolicy>> m_injectorPolicies;
    QTimer m_timer;
};

} // namespace md::sim

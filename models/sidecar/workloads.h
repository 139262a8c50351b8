#pragma once

// The sidecar state of a mesh's workloads and namespaces, built from the live caches
// (MeshCache items of Namespaces, Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods,
// the injector's ConfigMap and MutatingWebhookConfigurations). Pods are matched to their
// workload through ownerReferences (Pod -> ReplicaSet -> Deployment; Pod -> StatefulSet or
// DaemonSet). Each workload's pod template is decided with decideInjection() and compared
// with what its running pods have: a difference is "Pending restart".
//
// buildInventory() is a pure function of a snapshot: run it in a worker thread. Object
// bodies are read with simdjson (only the fields needed), in parallel.

#include "mesh/meshcache.h"
#include "sidecar/injectionpolicy.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace md::sidecar {

// One pod's sidecar.
struct PodSidecar
{
    QString name;
    QString phase; // Running, Pending, ...
    QString node;
    bool hasSidecar = false; // injected: an istio-proxy container (or a native sidecar) and
                             // the injector's sidecar.istio.io/status annotation
    bool sidecarReady = false;
    int sidecarRestarts = 0;
    QString version; // the istio-proxy image tag
    bool expected = false; // what the workload's template decides now
    bool operator==(const PodSidecar &) const = default;
};

enum class WorkloadStatus : quint8 { Injected, NotInjected, PendingRestart, Ambient };
QString statusText(WorkloadStatus status); // translated

// The sidecar.istio.io/proxy* annotations of a pod template ("" when not set).
struct SidecarResources
{
    QString cpuRequest;
    QString cpuLimit;
    QString memoryRequest;
    QString memoryLimit;
    bool isEmpty() const
    {
        return cpuRequest.isEmpty() && cpuLimit.isEmpty() && memoryRequest.isEmpty()
            && memoryLimit.isEmpty();
    }
    bool operator==(const SidecarResources &) const = default;
};

// The traffic.sidecar.istio.io/exclude* annotations of a pod template.
struct Passthrough
{
    QString inboundPorts;
    QString outboundPorts;
    QString outboundIpRanges;
    bool isEmpty() const
    {
        return inboundPorts.isEmpty() && outboundPorts.isEmpty() && outboundIpRanges.isEmpty();
    }
    bool operator==(const Passthrough &) const = default;
};

struct WorkloadRow
{
    QString context;
    QString apiVersion; // "apps/v1"
    QString kind; // Deployment, StatefulSet, DaemonSet
    QString namespace_;
    QString name;
    QString resourceVersion;
    StringMap templateLabels;
    InjectionDecision decision;
    WorkloadStatus status = WorkloadStatus::NotInjected;
    QString statusReason; // the decision's reason, and why a restart is pending
    int podsTotal = 0;
    int podsInjected = 0;
    QStringList versions; // distinct sidecar versions of its pods, sorted
    SidecarResources resources;
    Passthrough passthrough;
    QList<PodSidecar> pods; // sorted by name
    QString searchText; // what the search matches, lower case (workloadSearchText)

    QString key() const; // "context/kind/namespace/name"
    bool operator==(const WorkloadRow &) const = default;
};

struct NamespaceRow
{
    QString context;
    QString name;
    QString resourceVersion;
    NamespacePolicy policy;
    bool system = false;
    int workloads = 0;
    int podsTotal = 0;
    int podsInjected = 0;
    int podsWaitingRestart = 0; // pods whose sidecar differs from what injection decides now

    QString key() const; // "context/name"
    bool operator==(const NamespaceRow &) const = default;
};

struct SidecarInventory
{
    QList<WorkloadRow> workloads; // by context, namespace, kind, name
    QList<NamespaceRow> namespaces; // by context, name
    QHash<QString, MeshInjection> injection; // per context
    QHash<QString, QString> injectorErrors; // per context: an unreadable injector ConfigMap
};

// The kinds buildInventory reads (for MeshCache::snapshot(kinds)).
const QList<md::mesh::MeshCache::Kind> &inventoryKinds();

SidecarInventory buildInventory(const md::mesh::MeshCache::Snapshot &snapshot);

// The lower-case text a search matches: name, namespace, kind, cluster, template labels.
QString workloadSearchText(const WorkloadRow &row);

// The istio-proxy image's tag ("docker.io/istio/proxyv2:1.24.2" -> "1.24.2").
QString imageTag(const QString &image);

} // namespace md::sidecar

Q_DECLARE_METATYPE(md::sidecar::SidecarInventory)

#pragma once

// The numbers of the Mesh overview, from a snapshot of the mesh's caches: workloads and pods
// with and without sidecars (outside the system namespaces), sidecar versions, the ingress
// and egress gateway deployments, and the Istio policies per kind. Plain value, computed off
// the GUI thread; the cluster health and live-check counts are added by the page.

#include "mesh/meshcache.h"
#include "services/meshservices.h"

#include <QMap>

namespace md::services {

struct GatewayDeployment
{
    QString context;
    QString namespaceName;
    QString name; // the Deployment (or the pods' owner)
    bool egress = false;
    int pods = 0;
    int readyPods = 0;
};

struct MeshSummary
{
    int services = 0; // outside system namespaces
    int normalServices = 0;
    int warningServices = 0;
    int abnormalServices = 0;
    int workloads = 0; // Deployments, StatefulSets, DaemonSets outside system namespaces
    int injectedWorkloads = 0; // with at least one pod, every pod with a sidecar
    int pods = 0; // outside system namespaces
    int runningPods = 0;
    int injectedPods = 0;
    QMap<QString, int> sidecarVersions; // version -> pods, outside system namespaces
    QList<GatewayDeployment> gateways;
    QMap<QString, int> policies; // kind -> objects, across the mesh's clusters
    QMap<QString, QMap<QString, int>> istioVersionsByCluster; // context -> istiod version -> pods

    int ingressGateways() const;
    int egressGateways() const;
};

// The kinds summarize() reads (besides serviceKinds()).
const QList<md::mesh::MeshCache::Kind> &summaryKinds();
// The Istio policy kinds counted, in display order.
const QStringList &summaryPolicyKinds();

MeshSummary summarize(const md::mesh::MeshCache::Snapshot &snapshot,
                      const QList<MeshService> &services,
                      const QString &rootNamespace = QStringLiteral("istio-system"));

} // namespace md::services

#pragma once

// Services as the mesh sees them: Istio merges the Services of the same name and namespace
// in every cluster of a mesh into one mesh service (one host, the endpoints of all clusters).
// aggregateServices() builds them from a snapshot of the mesh's caches (Services, Endpoints,
// Pods), with per-cluster ports, endpoints, selectors and exposure, the versions of the pods
// behind them (their `version` label), how many of those pods have a sidecar, and a
// diagnosis: Normal, Warning (some pods have no sidecar, or no pod backs the service) or
// Abnormal (no pod has a sidecar; or ports, selectors or exposure differ between clusters),
// each reason in words. Plain values; the work runs off the GUI thread.

#include "mesh/meshcache.h"
#include "services/portprotocol.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace md::services {

struct ServicePort
{
    QString name;
    int port = 0;
    QString transport = QStringLiteral("TCP"); // spec.ports[].protocol
    QString targetPort; // number or name, as written
    QString appProtocol;
    int nodePort = 0;
    SelectedProtocol selected; // as Istio reads it

    // "9080/HTTP"
    QString summary() const;
    bool operator==(const ServicePort &) const = default;
};

struct ServicePod
{
    QString name;
    QString version; // label `version` (else app.kubernetes.io/version)
    QString phase; // status.phase
    QString sidecarVersion; // tag of the istio-proxy image; empty without a sidecar
    bool ready = false;
    bool injected = false; // has an istio-proxy container (or native sidecar)
    bool operator==(const ServicePod &) const = default;
};

struct EndpointAddress
{
    QString ip;
    QString pod; // targetRef name, when it is a pod
    QString node;
    bool ready = false;
    bool operator==(const EndpointAddress &) const = default;
};

// The Service of one cluster.
struct ClusterService
{
    QString context;
    QString type = QStringLiteral("ClusterIP"); // ClusterIP, NodePort, LoadBalancer, ExternalName
    QString clusterIP; // "None" for a headless service
    QStringList externalAddresses; // load balancer ingress, externalIPs, externalName
    QList<std::pair<QString, QString>> selector; // sorted by key
    QList<ServicePort> ports; // as written
    QList<EndpointAddress> endpoints;
    QList<ServicePod> pods; // the pods its selector matches
    QString resourceVersion;

    bool isHeadless() const { return clusterIP == QLatin1String("None"); }
    // "ClusterIP", "ClusterIP (headless)", "LoadBalancer", ...
    QString exposure() const;
    QString selectorText() const; // "app=reviews,version=v2"; "" without a selector
    int readyEndpoints() const;
    bool operator==(const ClusterService &) const = default;
};

enum class Diagnosis { Normal, Warning, Abnormal };

struct DiagnosisReason
{
    Diagnosis severity = Diagnosis::Warning;
    QString text; // translated
    bool operator==(const DiagnosisReason &) const = default;
};

struct MeshService
{
    QString namespaceName;
    QString name;
    QList<ClusterService> clusters; // in the mesh's cluster order
    Diagnosis diagnosis = Diagnosis::Normal;
    QList<DiagnosisReason> reasons; // the worst first
    bool system = false; // in a system namespace (kube-*, the Istio root namespace)

    QString key() const { return namespaceName + u'/' + name; }
    QStringList contexts() const;
    QStringList versions() const; // sorted, distinct
    QStringList sidecarVersions() const;
    int podCount() const;
    int injectedCount() const;
    // Port numbers and their protocol, across clusters: "9080/HTTP, 9090/GRPC".
    QString portsSummary() const;
    const ClusterService *cluster(const QString &context) const;
    bool operator==(const MeshService &) const = default;
};

QString diagnosisText(Diagnosis diagnosis); // "Normal", "Warning", "Abnormal" (translated)
QString diagnosisId(Diagnosis diagnosis); // "normal", "warning", "abnormal"
std::optional<Diagnosis> diagnosisFromId(const QString &id);

// Namespaces MeshDesk counts as the system's: kube-system, kube-public, kube-node-lease and
// the Istio root namespace.
bool isSystemNamespace(const QString &ns, const QString &rootNamespace);

// The kinds aggregateServices() reads.
const QList<md::mesh::MeshCache::Kind> &serviceKinds();

// One pod as the service and overview code read it.
struct PodInfo
{
    QString context;
    QString namespaceName;
    QString name;
    QList<std::pair<QString, QString>> labels;
    QString ownerKind; // of the first controller owner reference
    QString ownerName;
    ServicePod pod;
};
PodInfo readPod(const QString &context, const md::kube::KubeObject &object);
bool selectorMatches(const QList<std::pair<QString, QString>> &selector,
                     const QList<std::pair<QString, QString>> &labels);

// Every mesh service of the snapshot, sorted by namespace and name, diagnosed. `clusterOrder`
// orders each service's clusters (contexts not in it come after, sorted).
QList<MeshService> aggregateServices(const md::mesh::MeshCache::Snapshot &snapshot,
                                     const QStringList &clusterOrder,
                                     const QString &rootNamespace = QStringLiteral("istio-system"));
// The diagnosis of one service from its clusters (fills diagnosis and reasons).
void diagnose(MeshService &service);

} // namespace md::services

Q_DECLARE_METATYPE(md::services::MeshService)

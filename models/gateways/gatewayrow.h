#pragma once

// The ingress and egress gateway deployments of a mesh as the Mesh gateways page lists them:
// Deployments whose pod template is a gateway (label istio=...gateway, Istio's gateway
// injection template, or gateway.istio.io/managed from the Gateway API), with their
// Service, pods and status. Plain values built from a MeshCache snapshot in a worker thread.

#include "mesh/meshcache.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace md::gateways {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::gateways)
};

enum class GatewayType { Ingress, Egress };
QString typeText(GatewayType type); // translated "Ingress", "Egress"
QString typeId(GatewayType type); // "ingress", "egress"

struct GatewayPort
{
    QString name;
    int port = 0;
    int targetPort = 0; // 0 when the Service names it or leaves it to the port
    int nodePort = 0;
    QString protocol = QStringLiteral("TCP");
    bool operator==(const GatewayPort &) const = default;
};

struct GatewayRow
{
    enum class Status { Running, Creating, Updating, Error, Stopped, Deleting };

    QString context;
    QString namespace_;
    QString name; // the Deployment's
    GatewayType type = GatewayType::Ingress;
    QString source; // how it was recognised: "istio label", "injection template", "Gateway API"
    int desired = 0;
    int ready = 0;
    int updated = 0;
    QJsonObject podLabels; // the pod template's labels (Gateways select by them)
    QString serviceName; // empty when no Service selects the pods
    QString serviceType; // "LoadBalancer", "NodePort", "ClusterIP"
    QList<GatewayPort> ports;
    QStringList addresses; // load balancer ingress, external IPs, then the cluster IP
    bool addressPending = false; // a LoadBalancer without an address yet
    Status status = Status::Running;
    QString statusReason; // why it is not Running, in words
    QString image; // of the istio-proxy container
    QString resources; // "requests cpu 100m, memory 128Mi; limits ..." of istio-proxy
    QString version; // the Deployment's and Service's resourceVersions, for change detection
    QDateTime created;

    QString key() const
    {
        return context + QLatin1Char('|') + namespace_ + QLatin1Char('/') + name;
    }
    QString portsText() const; // "http2 80→8080, https 443→8443"
    QString replicasText() const { return QStringLiteral("%1/%2").arg(ready).arg(desired); }
    bool operator==(const GatewayRow &) const = default;
};

QString statusText(GatewayRow::Status status); // translated

// The kinds gatewayRows() reads.
const QList<md::mesh::MeshCache::Kind> &gatewayKinds();
// Whether a Deployment (its JSON) is a gateway, and of which type; nullopt when it is not.
std::optional<GatewayType> gatewayTypeOf(const QJsonObject &deployment, QString *source = nullptr);
// Every gateway deployment of the snapshot with its Service and pods, sorted by key.
QList<GatewayRow> gatewayRows(const md::mesh::MeshCache::Snapshot &snapshot);

// An Istio Gateway object (networking.istio.io) that selects a gateway's pods.
struct GatewayObjectRef
{
    QString context;
    QString apiVersion;
    QString namespace_;
    QString name;
    QStringList hosts; // of its servers
};
// Gateway objects of any cluster whose selector matches `podLabels` (Istio applies a
// Gateway's selector to gateway pods of every namespace).
QList<GatewayObjectRef> gatewaysSelecting(const md::mesh::MeshCache::Snapshot &snapshot,
                                          const QJsonObject &podLabels);

} // namespace md::gateways

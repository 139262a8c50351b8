#pragma once

// A gateway deployment as the create and edit forms describe it, and the objects Istio's
// gateway injection expects for it (istio.io/latest/docs/setup/additional-setup/gateway):
// a ServiceAccount, a Deployment whose pod template carries the label
// sidecar.istio.io/inject: "true" and the annotation inject.istio.io/templates: gateway with
// a container istio-proxy of image "auto" (istiod's injector fills it in), and a Service
// selecting the pods. Validation names the field of every problem.

#include "core/result.h"
#include "gateways/gatewayrow.h"
#include "istio/value.h"

#include <QList>
#include <QString>

namespace md::gateways {

struct GatewayForm
{
    QString name;
    QString context; // the cluster
    QString namespace_;
    GatewayType type = GatewayType::Ingress;
    int replicas = 1;
    // istio-proxy's resources; empty fields are left out.
    QString cpuRequest = QStringLiteral("100m");
    QString memoryRequest = QStringLiteral("128Mi");
    QString cpuLimit = QStringLiteral("2");
    QString memoryLimit = QStringLiteral("1Gi");
    QString serviceType = QStringLiteral("LoadBalancer"); // ClusterIP, NodePort, LoadBalancer
    QList<GatewayPort> ports;
    QList<std::pair<QString, QString>> serviceAnnotations; // e.g. load balancer settings
    QList<std::pair<QString, QString>> podAnnotations;

    // The ports and service type Istio's charts give each type.
    static GatewayForm defaults(GatewayType type);
    // The pod label Gateways select: istio=<name without the "istio-" prefix>.
    QString selectorValue() const;
};

struct GatewayObjects
{
    md::istio::Value serviceAccount;
    md::istio::Value deployment;
    md::istio::Value service;
    QList<md::istio::Value> all() const { return {serviceAccount, deployment, service}; }
};

// Every problem of the form; Error::where names the field ("name", "namespace", "replicas",
// "resources.limits.cpu", "ports[1].port", "serviceAnnotations[0]").
QList<Error> validateGatewayForm(const GatewayForm &form);
// The three objects, or the first problem.
Result<GatewayObjects> buildGateway(const GatewayForm &form);

// The form of a live gateway (its Deployment and Service, as JSON), for the edit dialog.
GatewayForm formFromLive(const QString &context, const md::istio::Value &deployment,
                         const md::istio::Value &service);
// The live objects with the form's editable fields applied (replicas, resources, service
// type, ports and annotations, pod annotations); everything else is kept as it is. The
// Service is null when `service` is null. Errors as validateGatewayForm().
Result<std::pair<md::istio::Value, md::istio::Value>>
editGateway(const GatewayForm &form, const md::istio::Value &deployment,
            const md::istio::Value &service);
// The Deployment with spec.replicas set.
md::istio::Value scaledDeployment(const md::istio::Value &deployment, int replicas);

// A cached object (list items of core kinds carry no kind) as a complete Value.
md::istio::Value valueOf(const QJsonObject &object, const QString &apiVersion, const QString &kind);

} // namespace md::gateways

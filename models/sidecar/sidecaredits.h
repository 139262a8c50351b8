#pragma once

// The edits behind the sidecar pages' batch actions: each takes a live object (as the caches
// hold it, with its resourceVersion) and returns the edited copy, for
// ApplyItem::update(live, edited) and the one review and apply path. Inputs are checked
// first; errors name the field and the bad entry.

#include "core/result.h"
#include "istio/value.h"
#include "sidecar/workloads.h"

#include <QDateTime>

namespace md::sidecar {

enum class InjectionAction : quint8 { Enable, Disable, Clear };

// Namespace labels. Enable sets istio-injection=enabled (or, with a revision,
// istio.io/rev=<revision> and removes istio-injection); a namespace already enabled through
// istio.io/rev stays as it is. Disable sets istio-injection=disabled (it wins over
// istio.io/rev). Clear removes both.
Result<md::istio::Value> editNamespaceInjection(const md::istio::Value &ns, InjectionAction action,
                                                const QString &revision = {});

// The pod template label sidecar.istio.io/inject of a Deployment, StatefulSet or DaemonSet:
// "true", "false", or removed (Clear also removes the deprecated annotation of that name).
Result<md::istio::Value> editWorkloadInjection(const md::istio::Value &workload,
                                               InjectionAction action);

// The sidecar.istio.io/proxy* template annotations; an empty field removes its annotation.
// Values must be Kubernetes quantities, and a request may not exceed its limit.
Result<md::istio::Value> editSidecarResources(const md::istio::Value &workload,
                                              const SidecarResources &resources);

// The traffic.sidecar.istio.io/exclude* template annotations; an empty field removes its
// annotation. Ports: comma-separated 1-65535; ranges: comma-separated CIDRs.
Result<md::istio::Value> editPassthrough(const md::istio::Value &workload,
                                         const Passthrough &passthrough);

// kubectl rollout restart: the template annotation kubectl.kubernetes.io/restartedAt = `at`.
Result<md::istio::Value> restartWorkload(const md::istio::Value &workload,
                                         const QDateTime &at = QDateTime::currentDateTimeUtc());

// Checks, shared with the dialogs. Each returns an empty string or the error, naming the field.
QString checkQuantity(const QString &field, const QString &value);
QString checkPortList(const QString &field, const QString &value);
QString checkCidrList(const QString &field, const QString &value);
// A quantity's value (cores for CPU, bytes for memory); nullopt when it is not one.
std::optional<double> parseQuantity(const QString &value);

// The object as a Value for the apply path (kind and apiVersion filled in for list items).
md::istio::Value valueOf(const md::kube::KubeObject &object, const QString &apiVersion,
                         const QString &kind);

} // namespace md::sidecar

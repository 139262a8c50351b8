#pragma once

// Whether Istio injects a sidecar into a pod, decided as the API server and istiod decide it,
// with the rule that decided in words. Pure functions over plain values (no cache, no Qt
// object), cheap enough to run for every workload of a mesh.
//
// Two stages, as in a cluster:
// 1. The API server calls the injector's webhook only when one of its selectors matches
//    (Istio's charts, revision and default-tag webhooks): a pod label
//    `sidecar.istio.io/inject=false` never matches; a namespace label `istio-injection` that
//    is not `enabled` (e.g. `disabled`) matches none; `istio-injection=enabled` selects the
//    default revision whatever `istio.io/rev` says; else the namespace label `istio.io/rev`
//    selects its revision; in an unlabelled namespace a pod label `istio.io/rev` (its
//    revision) or `sidecar.istio.io/inject=true` (the default revision) selects one.
// 2. istiod's injectRequired (pkg/kube/inject/inject.go): hostNetwork pods and the ignored
//    namespaces (kube-system, kube-public) are never injected; the pod label
//    `sidecar.istio.io/inject` (else the deprecated annotation of that name) decides when set
//    (y, yes, true, on: inject; any other value: do not); else the injector config's
//    neverInjectSelector, then alwaysInjectSelector; else its `policy` (enabled: inject,
//    disabled: do not).
// A pod without a sidecar is in the mesh in ambient mode when it or its namespace carries
// `istio.io/dataplane-mode=ambient` (the pod label `none` opts out); its waypoint comes from
// `istio.io/use-waypoint` on the pod, else the namespace (`none` opts out).

#include "core/result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace md::sidecar {

using StringMap = QHash<QString, QString>;

namespace keys {
inline const QString InjectLabel = QStringLiteral("sidecar.istio.io/inject");
inline const QString NamespaceInjection = QStringLiteral("istio-injection");
inline const QString Revision = QStringLiteral("istio.io/rev");
inline const QString DataplaneMode = QStringLiteral("istio.io/dataplane-mode");
inline const QString UseWaypoint = QStringLiteral("istio.io/use-waypoint");
inline const QString UseWaypointNamespace = QStringLiteral("istio.io/use-waypoint-namespace");
inline const QString ProxyCpu = QStringLiteral("sidecar.istio.io/proxyCPU");
inline const QString ProxyCpuLimit = QStringLiteral("sidecar.istio.io/proxyCPULimit");
inline const QString ProxyMemory = QStringLiteral("sidecar.istio.io/proxyMemory");
inline const QString ProxyMemoryLimit = QStringLiteral("sidecar.istio.io/proxyMemoryLimit");
inline const QString ExcludeInboundPorts
    = QStringLiteral("traffic.sidecar.istio.io/excludeInboundPorts");
inline const QString ExcludeOutboundPorts
    = QStringLiteral("traffic.sidecar.istio.io/excludeOutboundPorts");
inline const QString ExcludeOutboundIPRanges
    = QStringLiteral("traffic.sidecar.istio.io/excludeOutboundIPRanges");
inline const QString RestartedAt = QStringLiteral("kubectl.kubernetes.io/restartedAt");
inline const QString ProxyContainer = QStringLiteral("istio-proxy");
} // namespace keys

// A Kubernetes label selector (matchLabels and matchExpressions).
struct LabelSelector
{
    struct Requirement
    {
        enum class Op : quint8 { In, NotIn, Exists, DoesNotExist };
        QString key;
        Op op = Op::In;
        QStringList values;
    };
    StringMap matchLabels;
    QList<Requirement> matchExpressions;

    bool isEmpty() const { return matchLabels.isEmpty() && matchExpressions.isEmpty(); }
    bool matches(const StringMap &labels) const; // an empty selector matches nothing here
    QString toString() const; // "app=x,tier in (a,b)"
};

// The injector's configuration: the `config` key of the `istio-sidecar-injector` ConfigMap.
struct InjectorConfig
{
    enum class Policy : quint8 { Enabled, Disabled, Invalid };
    Policy policy = Policy::Enabled; // Istio's charts default
    QString policyText = QStringLiteral("enabled"); // as written
    QList<LabelSelector> neverInjectSelector;
    QList<LabelSelector> alwaysInjectSelector;
    bool fromConfigMap = false; // false: the defaults (no ConfigMap seen)

    // Reads the YAML of the `config` key; the error names the field.
    static Result<InjectorConfig> parse(const QByteArray &configYaml);
};

// What decides for the pods of one cluster.
struct MeshInjection
{
    InjectorConfig config;
    // Revisions with an injector in the cluster ("default" for the default tag); empty when
    // unknown (then every revision is taken to exist).
    QSet<QString> revisions;
};

// One pod (or pod template) in its namespace.
struct InjectionInput
{
    QString namespaceName;
    StringMap namespaceLabels;
    StringMap podLabels;
    StringMap podAnnotations;
    bool hostNetwork = false;
};

// The rule that decided.
enum class InjectionRule : quint8 {
    HostNetwork,
    IgnoredNamespace,
    PodLabelFalse, // the webhook is never called
    NamespaceNotEnabled, // istio-injection=<not enabled>
    UnknownRevision, // the selected revision has no injector
    NotSelected, // no namespace or pod label selects the injector
    PodLabelValue, // injectRequired: the pod label decided
    PodAnnotationValue, // injectRequired: the deprecated annotation decided
    NeverInjectSelector,
    AlwaysInjectSelector,
    PolicyEnabled,
    PolicyDisabled,
    PolicyInvalid,
};

struct InjectionDecision
{
    bool injected = false;
    QString revision; // the injector's revision when selected ("default", "canary")
    bool ambient = false; // in the mesh without a sidecar
    QString waypoint; // "namespace/name" or "name" of the ambient waypoint; empty: none
    InjectionRule rule = InjectionRule::NotSelected;
    QString reason; // one translated sentence naming the rule and the labels
    QString ambientReason; // when ambient (or opted out of it): why

    bool operator==(const InjectionDecision &) const = default;
};

// Kubernetes system namespaces the injector never touches.
bool isIgnoredNamespace(const QString &ns);
// Namespaces shown as "system" (hidden by default on the namespace page).
bool isSystemNamespace(const QString &ns);

InjectionDecision decideInjection(const InjectionInput &input, const MeshInjection &mesh);

// A namespace's own injection setting, as the namespace page shows it.
struct NamespacePolicy
{
    enum class State : quint8 { Enabled, Disabled, NotSet };
    State state = State::NotSet;
    QString label; // "istio-injection=enabled", "istio.io/rev=canary"; empty when not set
    bool ambient = false; // istio.io/dataplane-mode=ambient
    bool operator==(const NamespacePolicy &) const = default;
};
NamespacePolicy namespacePolicy(const StringMap &namespaceLabels);
QString namespaceStateText(NamespacePolicy::State state); // translated

} // namespace md::sidecar

#pragma once

// Istio's sidecar injection as a cluster decides it (Istio 1.24, the version meshsim runs),
// in one place. Two stages, as in a real cluster:
// 1. The API server calls a webhook of a MutatingWebhookConfiguration only when its
//    namespaceSelector matches the pod's namespace labels (plus kubernetes.io/metadata.name,
//    which the API server sets on every namespace) and its objectSelector the pod's labels.
//    Configurations are called in name order, their webhooks in order. istiod installs
//    `istio-sidecar-injector` (revision default) or `istio-sidecar-injector-<rev>` with the
//    selectors of Istio's chart (injectorWebhookConfiguration below).
// 2. The called injector runs injectRequired (pkg/kube/inject/inject.go): hostNetwork pods
//    and the ignored namespaces kube-system and kube-public are never injected; the pod label
//    `sidecar.istio.io/inject`, else the annotation of that name, decides when not empty
//    (y, yes, true, on in any case: inject; any other value: do not); else the injector
//    config's neverInjectSelector, then alwaysInjectSelector; else its `policy` (enabled:
//    inject, disabled: do not, anything else: nothing is injected).
// The injector's config is the `config` key of the ConfigMap `istio-sidecar-injector`
// (`istio-sidecar-injector-<rev>` for a revision) in istiod's namespace; without one the
// chart's defaults apply (policy enabled, no selectors). Ambient mode
// (istio.io/dataplane-mode=ambient) plays no part: a pod in an ambient namespace gets a
// sidecar only if a webhook selects it, and then ztunnel leaves it alone.

#include "core/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace md::sim {

// One webhook of a MutatingWebhookConfiguration that calls Istio's injector.
struct InjectorWebhook
{
    QString configuration; // the MutatingWebhookConfiguration's name
    QString name; // "namespace.sidecar-injector.istio.io"
    QString revision; // the configuration's istio.io/rev label ("default")
    QJsonObject namespaceSelector; // {} matches everything
    QJsonObject objectSelector;
};

// The injector's configuration of one revision.
struct InjectorPolicy
{
    QString policy = QStringLiteral("enabled");
    QList<QJsonObject> neverInjectSelector;
    QList<QJsonObject> alwaysInjectSelector;

    // Reads the YAML of the ConfigMap's `config` key; the error names the field.
    static Result<InjectorPolicy> parse(const QString &configYaml);
};

struct InjectionInputs
{
    QString namespaceName;
    QJsonObject namespaceLabels;
    QJsonObject podLabels;
    QJsonObject podAnnotations;
    bool hostNetwork = false;
    QList<InjectorWebhook> webhooks; // in the order the API server calls them
    QHash<QString, InjectorPolicy> injectors; // by revision; missing: the chart's defaults
};

struct InjectionVerdict
{
    enum class Step : quint8 {
        NoWebhook, // no webhook's selectors match: the injector is never called
        HostNetwork,
        IgnoredNamespace,
        PodLabel,
        PodAnnotation,
        NeverInjectSelector,
        AlwaysInjectSelector,
        PolicyEnabled,
        PolicyDisabled,
        PolicyInvalid,
    };
    bool webhookCalled = false;
    bool inject = false;
    QString revision; // of the webhook that was called ("default")
    QString webhook; // "istio-sidecar-injector/namespace.sidecar-injector.istio.io"
    Step step = Step::NoWebhook;
};

InjectionVerdict decideSidecarInjection(const InjectionInputs &inputs);

// A Kubernetes LabelSelector ({matchLabels, matchExpressions}) against labels; an empty
// selector matches everything, an unknown operator nothing.
bool labelSelectorMatches(const QJsonObject &selector, const QJsonObject &labels);

// The webhooks of a stored MutatingWebhookConfiguration that call Istio's injector (their
// name ends in sidecar-injector.istio.io), with the configuration's revision.
QList<InjectorWebhook> injectorWebhooks(const QJsonObject &configuration);

// The MutatingWebhookConfiguration istiod installs for `revision` ("default" or "canary"),
// as Istio's istio-discovery chart renders it (enableNamespacesByDefault adds the `auto.`
// webhook).
QJsonObject injectorWebhookConfiguration(const QString &revision,
                                         bool enableNamespacesByDefault = false);
// The injector's ConfigMap for `revision` with the given `config` YAML.
QJsonObject injectorConfigMap(const QString &revision, const QString &configYaml);
// Their names: istio-sidecar-injector[-<rev>].
QString injectorObjectName(const QString &revision);

} // namespace md::sim

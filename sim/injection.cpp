#include "injection.h"

#include "controllers.h" // kIstioVersion
#include "schema/yamljson.h"
#include "selectors.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kInjectKey = u"sidecar.istio.io/inject"_s;
const QString kRevisionKey = u"istio.io/rev"_s;
const QString kInjectionKey = u"istio-injection"_s;

QJsonObject expression(const QString &key, const QString &op, const QStringList &values = {})
{
    QJsonObject e {{u"key"_s, key}, {u"operator"_s, op}};
    if (!values.isEmpty())
        e.insert(u"values"_s, QJsonArray::fromStringList(values));
    return e;
}

QJsonObject selector(const QList<QJsonObject> &expressions)
{
    QJsonArray list;
    for (const QJsonObject &e : expressions)
        list.append(e);
    return QJsonObject {{u"matchExpressions"_s, list}};
}

QJsonObject webhook(const QString &prefix, const QString &revision,
                    const QJsonObject &namespaceSelector, const QJsonObject &objectSelector)
{
    const QString service = revision == u"default"_s ? u"istiod"_s : u"istiod-"_s + revision;
    return QJsonObject {
        {u"name"_s, prefix + u"sidecar-injector.istio.io"_s},
        {u"clientConfig"_s,
         QJsonObject {{u"service"_s,
                       QJsonObject {{u"name"_s, service},
                                    {u"namespace"_s, u"istio-system"_s},
                                    {u"path"_s, u"/inject"_s},
                                    {u"port"_s, 443}}}}},
        {u"sideEffects"_s, u"None"_s},
        {u"rules"_s,
         QJsonArray {QJsonObject {{u"operations"_s, QJsonArray {u"CREATE"_s}},
                                  {u"apiGroups"_s, QJsonArray {QString()}},
                                  {u"apiVersions"_s, QJsonArray {u"v1"_s}},
                                  {u"resources"_s, QJsonArray {u"pods"_s}},
                                  {u"scope"_s, u"*"_s}}}},
        {u"failurePolicy"_s, u"Fail"_s},
        {u"matchPolicy"_s, u"Equivalent"_s},
        {u"reinvocationPolicy"_s, u"Never"_s},
        {u"timeoutSeconds"_s, 10},
        {u"admissionReviewVersions"_s, QJsonArray {u"v1"_s}},
        {u"namespaceSelector"_s, namespaceSelector},
        {u"objectSelector"_s, objectSelector},
    };
}

bool isTrueWord(const QString &value)
{
    const QString v = value.toLower();
    return v == u"y"_s || v == u"yes"_s || v == u"true"_s || v == u"on"_s;
}

Result<QList<QJsonObject>> selectorList(const QJsonValue &value, const QString &key)
{
    QList<QJsonObject> out;
    if (value.isNull() || value.isUndefined())
        return out;
    if (!value.isArray())
        return unexpected(u"injector"_s, key + u" must be a list of label selectors"_s,
                          u"config."_s + key);
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return unexpected(u"injector"_s, u"a label selector must be a mapping"_s,
                              u"config.%1[%2]"_s.arg(key).arg(i));
        out << items.at(i).toObject();
    }
    return out;
}

// injectRequired of the injector of `revision`.
InjectionVerdict injectRequired(const InjectionInputs &in, const InjectorPolicy &config)
{
    InjectionVerdict v;
    v.webhookCalled = true;
    auto done = [&](InjectionVerdict::Step step, bool inject) {
        v.step = step;
        v.inject = inject;
        return v;
    };
    if (in.hostNetwork)
        return done(InjectionVerdict::Step::HostNetwork, false);
    if (in.namespaceName == u"kube-system"_s || in.namespaceName == u"kube-public"_s)
        return done(InjectionVerdict::Step::IgnoredNamespace, false);
    // The label is the newer API: when both are there the label decides, even empty.
    const bool hasLabel = in.podLabels.contains(kInjectKey);
    const QString value = hasLabel ? in.podLabels.value(kInjectKey).toString()
                                   : in.podAnnotations.value(kInjectKey).toString();
    if (!value.isEmpty())
        return done(hasLabel ? InjectionVerdict::Step::PodLabel
                             : InjectionVerdict::Step::PodAnnotation,
                    isTrueWord(value));
    for (const QJsonObject &s : config.neverInjectSelector)
        if (!s.isEmpty() && labelSelectorMatches(s, in.podLabels))
            return done(InjectionVerdict::Step::NeverInjectSelector, false);
    for (const QJsonObject &s : config.alwaysInjectSelector)
        if (!s.isEmpty() && labelSelectorMatches(s, in.podLabels))
            return done(InjectionVerdict::Step::AlwaysInjectSelector, true);
    if (config.policy == u"enabled"_s)
        return done(InjectionVerdict::Step::PolicyEnabled, true);
    if (config.policy == u"disabled"_s)
        return done(InjectionVerdict::Step::PolicyDisabled, false);
    return done(InjectionVerdict::Step::PolicyInvalid, false);
}

} // namespace

Result<InjectorPolicy> InjectorPolicy::parse(const QString &configYaml)
{
    const auto docs = md::schema::parseYamlStream(configYaml.toUtf8(), u"config"_s);
    if (!docs)
        return unexpected(docs.error());
    InjectorPolicy policy;
    if (docs->isEmpty())
        return policy;
    const QJsonValue root = docs->first().value;
    if (!root.isObject() && !root.isNull())
        return unexpected(u"injector"_s, u"the injector configuration must be a mapping"_s,
                          u"config"_s);
    const QJsonObject object = root.toObject();
    if (object.contains(u"policy"_s))
        policy.policy = object.value(u"policy"_s).toVariant().toString();
    auto never = selectorList(object.value(u"neverInjectSelector"_s), u"neverInjectSelector"_s);
    if (!never)
        return unexpected(never.error());
    auto always = selectorList(object.value(u"alwaysInjectSelector"_s), u"alwaysInjectSelector"_s);
    if (!always)
        return unexpected(always.error());
    policy.neverInjectSelector = *never;
    policy.alwaysInjectSelector = *always;
    return policy;
}

bool labelSelectorMatches(const QJsonObject &selector, const QJsonObject &labels)
{
    const auto parsed = LabelSelector::fromObject(selector);
    return parsed && parsed->matches(labels); // an unknown operator matches nothing
}

InjectionVerdict decideSidecarInjection(const InjectionInputs &in)
{
    // The API server sets this label on every namespace; Istio's `auto.` webhook reads it.
    QJsonObject namespaceLabels = in.namespaceLabels;
    namespaceLabels.insert(u"kubernetes.io/metadata.name"_s, in.namespaceName);
    std::optional<InjectionVerdict> first;
    for (const InjectorWebhook &w : in.webhooks) {
        if (!labelSelectorMatches(w.namespaceSelector, namespaceLabels)
            || !labelSelectorMatches(w.objectSelector, in.podLabels))
            continue;
        InjectionVerdict v = injectRequired(in, in.injectors.value(w.revision));
        v.revision = w.revision;
        v.webhook = w.configuration + u'/' + w.name;
        if (v.inject)
            return v; // the sidecar is in; later injectors see it and leave the pod alone
        if (!first)
            first = v;
    }
    return first.value_or(InjectionVerdict {});
}

QList<InjectorWebhook> injectorWebhooks(const QJsonObject &configuration)
{
    QList<InjectorWebhook> out;
    const QJsonObject m = configuration.value(u"metadata"_s).toObject();
    const QString name = m.value(u"name"_s).toString();
    const QString revision
        = m.value(u"labels"_s).toObject().value(kRevisionKey).toString(u"default"_s);
    for (const QJsonValue &wv : configuration.value(u"webhooks"_s).toArray()) {
        const QJsonObject w = wv.toObject();
        const QString webhookName = w.value(u"name"_s).toString();
        if (!webhookName.endsWith(u"sidecar-injector.istio.io"_s))
            continue;
        out << InjectorWebhook {name, webhookName, revision,
                                w.value(u"namespaceSelector"_s).toObject(),
                                w.value(u"objectSelector"_s).toObject()};
    }
    return out;
}

QString injectorObjectName(const QString &revision)
{
    return revision == u"default"_s || revision.isEmpty() ? u"istio-sidecar-injector"_s
                                                          : u"istio-sidecar-injector-"_s + revision;
}

QJsonObject injectorWebhookConfiguration(const QString &revision, bool enableNamespacesByDefault)
{
    const QString rev = revision.isEmpty() ? u"default"_s : revision;
    const QJsonObject notDisabled = selector({expression(kInjectKey, u"NotIn"_s, {u"false"_s})});
    QJsonArray webhooks {
        // Case 1: the namespace selects this revision and the pod does not opt out. With
        // istio-injection set as well, the legacy label wins (the default revision's webhook).
        webhook(u"rev.namespace."_s, rev,
                selector({expression(kRevisionKey, u"In"_s, {rev}),
                          expression(kInjectionKey, u"DoesNotExist"_s)}),
                notDisabled),
        // Case 2: an unlabelled namespace, the pod selects this revision.
        webhook(u"rev.object."_s, rev,
                selector({expression(kRevisionKey, u"DoesNotExist"_s),
                          expression(kInjectionKey, u"DoesNotExist"_s)}),
                selector({expression(kInjectKey, u"NotIn"_s, {u"false"_s}),
                          expression(kRevisionKey, u"In"_s, {rev})})),
    };
    if (rev == u"default"_s) {
        webhooks.append(webhook(u"namespace."_s, rev,
                                selector({expression(kInjectionKey, u"In"_s, {u"enabled"_s})}),
                                notDisabled));
        webhooks.append(webhook(u"object."_s, rev,
                                selector({expression(kInjectionKey, u"DoesNotExist"_s),
                                          expression(kRevisionKey, u"DoesNotExist"_s)}),
                                selector({expression(kInjectKey, u"In"_s, {u"true"_s}),
                                          expression(kRevisionKey, u"DoesNotExist"_s)})));
        if (enableNamespacesByDefault)
            webhooks.append(
                webhook(u"auto."_s, rev,
                        selector({expression(kInjectionKey, u"DoesNotExist"_s),
                                  expression(kRevisionKey, u"DoesNotExist"_s),
                                  expression(u"kubernetes.io/metadata.name"_s, u"NotIn"_s,
                                             {u"kube-system"_s, u"kube-public"_s,
                                              u"kube-node-lease"_s, u"local-path-storage"_s})}),
                        selector({expression(kInjectKey, u"DoesNotExist"_s),
                                  expression(kRevisionKey, u"DoesNotExist"_s)})));
    }
    return QJsonObject {
        {u"apiVersion"_s, u"admissionregistration.k8s.io/v1"_s},
        {u"kind"_s, u"MutatingWebhookConfiguration"_s},
        {u"metadata"_s,
         QJsonObject {{u"name"_s, injectorObjectName(rev)},
                      {u"labels"_s,
                       QJsonObject {{kRevisionKey, rev},
                                    {u"app"_s, u"sidecar-injector"_s},
                                    {u"app.kubernetes.io/name"_s, u"istiod"_s},
                                    {u"install.operator.istio.io/owning-resource"_s, u"unknown"_s},
                                    {u"operator.istio.io/component"_s, u"Pilot"_s},
                                    {u"release"_s, u"istio"_s}}}}},
        {u"webhooks"_s, webhooks},
    };
}

QJsonObject injectorConfigMap(const QString &revision, const QString &configYaml)
{
    const QString rev = revision.isEmpty() ? u"default"_s : revision;
    return QJsonObject {
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"ConfigMap"_s},
        {u"metadata"_s,
         QJsonObject {{u"name"_s, injectorObjectName(rev)},
                      {u"namespace"_s, u"istio-system"_s},
                      {u"labels"_s,
                       QJsonObject {{kRevisionKey, rev},
                                    {u"app.kubernetes.io/name"_s, u"istiod"_s},
                                    {u"operator.istio.io/component"_s, u"Pilot"_s},
                                    {u"release"_s, u"istio"_s}}}}},
        // The chart's values as istiod reads them (the injected proxy's image among them).
        {u"data"_s,
         QJsonObject {
             {u"config"_s, configYaml},
             {u"values"_s,
              QString::fromUtf8(
                  QJsonDocument(
                      QJsonObject {
                          {u"global"_s,
                           QJsonObject {{u"hub"_s, u"docker.io/istio"_s},
                                        {u"tag"_s, QLatin1String(kIstioVersion)},
                                        {u"proxy"_s, QJsonObject {{u"image"_s, u"proxyv2"_s}}}}},
                          {u"revision"_s, rev == u"default"_s ? QString() : rev}})
                      .toJson(QJsonDocument::Compact))}}},
    };
}

} // namespace md::sim

#include "registry.h"

#include "schema/crd.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QJsonObject permissiveSchema()
{
    return QJsonObject {{u"type"_s, u"object"_s},
                        {u"x-kubernetes-preserve-unknown-fields"_s, true}};
}

ResourceType builtin(const QString &group, const QString &version, const QString &kind,
                     const QString &plural, bool namespaced, const QStringList &shortNames,
                     bool hasStatus = true)
{
    ResourceType t;
    t.group = group;
    t.kind = kind;
    t.listKind = kind + u"List"_s;
    t.plural = plural;
    t.singular = kind.toLower();
    t.shortNames = shortNames;
    t.versions = {version};
    t.storageVersion = version;
    t.namespaced = namespaced;
    t.hasStatus = hasStatus;
    t.openApiSchemas.insert(version, permissiveSchema());
    if (group.isEmpty() || group == u"apps"_s)
        t.categories = {u"all"_s};
    return t;
}

struct VersionParts
{
    int major = 0;
    int stability = 3; // 3 GA, 2 beta, 1 alpha, 0 not kube-like
    int minor = 0;
};

VersionParts parse(const QString &v)
{
    static const QRegularExpression re(u"^v(\\d+)(?:(alpha|beta)(\\d+))?$"_s);
    const auto m = re.match(v);
    if (!m.hasMatch())
        return {0, 0, 0};
    VersionParts p;
    p.major = m.captured(1).toInt();
    if (m.captured(2) == u"beta"_s)
        p.stability = 2;
    else if (m.captured(2) == u"alpha"_s)
        p.stability = 1;
    p.minor = m.captured(3).toInt();
    return p;
}

} // namespace

bool kubeVersionLess(const QString &a, const QString &b)
{
    const VersionParts pa = parse(a);
    const VersionParts pb = parse(b);
    if (pa.stability == 0 || pb.stability == 0) {
        if (pa.stability != pb.stability)
            return pa.stability < pb.stability;
        return a > b; // non kube-like versions sort alphabetically
    }
    if (pa.stability != pb.stability)
        return pa.stability < pb.stability;
    if (pa.major != pb.major)
        return pa.major < pb.major;
    return pa.minor < pb.minor;
}

QStringList ResourceType::verbs() const
{
    if (createOnly)
        return {u"create"_s};
    return {u"create"_s, u"delete"_s, u"deletecollection"_s, u"get"_s,
            u"list"_s,   u"patch"_s,  u"update"_s,           u"watch"_s};
}

void Registry::addBuiltins()
{
    const QList<ResourceType> types = {
        builtin({}, u"v1"_s, u"Namespace"_s, u"namespaces"_s, false, {u"ns"_s}),
        builtin({}, u"v1"_s, u"Node"_s, u"nodes"_s, false, {u"no"_s}),
        builtin({}, u"v1"_s, u"Pod"_s, u"pods"_s, true, {u"po"_s}),
        builtin({}, u"v1"_s, u"Service"_s, u"services"_s, true, {u"svc"_s}),
        builtin({}, u"v1"_s, u"Endpoints"_s, u"endpoints"_s, true, {u"ep"_s}, false),
        builtin({}, u"v1"_s, u"ServiceAccount"_s, u"serviceaccounts"_s, true, {u"sa"_s}, false),
        builtin({}, u"v1"_s, u"ConfigMap"_s, u"configmaps"_s, true, {u"cm"_s}, false),
        builtin({}, u"v1"_s, u"Secret"_s, u"secrets"_s, true, {}, false),
        builtin(u"apps"_s, u"v1"_s, u"Deployment"_s, u"deployments"_s, true, {u"deploy"_s}),
        builtin(u"apps"_s, u"v1"_s, u"StatefulSet"_s, u"statefulsets"_s, true, {u"sts"_s}),
        builtin(u"apps"_s, u"v1"_s, u"DaemonSet"_s, u"daemonsets"_s, true, {u"ds"_s}),
        builtin(u"apps"_s, u"v1"_s, u"ReplicaSet"_s, u"replicasets"_s, true, {u"rs"_s}),
        builtin(u"apps"_s, u"v1"_s, u"ControllerRevision"_s, u"controllerrevisions"_s, true, {},
                false),
        builtin({}, u"v1"_s, u"Event"_s, u"events"_s, true, {u"ev"_s}, false),
        builtin(u"events.k8s.io"_s, u"v1"_s, u"Event"_s, u"events"_s, true, {u"ev"_s}, false),
        builtin(u"apiextensions.k8s.io"_s, u"v1"_s, u"CustomResourceDefinition"_s,
                u"customresourcedefinitions"_s, false, {u"crd"_s, u"crds"_s}),
        // istiod installs its injector's MutatingWebhookConfiguration (and a validating one);
        // the API server calls the injector's webhooks by their selectors (injection.h).
        builtin(u"admissionregistration.k8s.io"_s, u"v1"_s, u"MutatingWebhookConfiguration"_s,
                u"mutatingwebhookconfigurations"_s, false, {}, false),
        builtin(u"admissionregistration.k8s.io"_s, u"v1"_s, u"ValidatingWebhookConfiguration"_s,
                u"validatingwebhookconfigurations"_s, false, {}, false),
        builtin(u"authorization.k8s.io"_s, u"v1"_s, u"SelfSubjectAccessReview"_s,
                u"selfsubjectaccessreviews"_s, false, {}, false),
        builtin(u"authentication.k8s.io"_s, u"v1"_s, u"SelfSubjectReview"_s,
                u"selfsubjectreviews"_s, false, {}, false),
    };
    m_builtinGroups = {QString(),
                       u"apps"_s,
                       u"events.k8s.io"_s,
                       u"apiextensions.k8s.io"_s,
                       u"admissionregistration.k8s.io"_s,
                       u"authorization.k8s.io"_s,
                       u"authentication.k8s.io"_s};
    for (ResourceType t : types) {
        t.createOnly
            = t.group.startsWith(u"authorization"_s) || t.group.startsWith(u"authentication"_s);
        t.categories.removeAll(QString());
        if (t.kind == u"Namespace"_s || t.kind == u"Node"_s || t.kind == u"Endpoints"_s
            || t.kind == u"ServiceAccount"_s || t.kind == u"ConfigMap"_s || t.kind == u"Secret"_s
            || t.createOnly || t.kind == u"CustomResourceDefinition"_s || t.kind == u"Event"_s
            || t.kind == u"ControllerRevision"_s || t.group == u"admissionregistration.k8s.io"_s)
            t.categories.clear();
        m_types.insert(t.key(), t);
    }
}

Result<void> Registry::addCrd(const schema::Crd &crd)
{
    ResourceType t;
    t.group = crd.group;
    t.kind = crd.kind;
    t.listKind = crd.listKind.isEmpty() ? crd.kind + u"List"_s : crd.listKind;
    t.plural = crd.plural;
    t.singular = crd.singular.isEmpty() ? crd.kind.toLower() : crd.singular;
    t.shortNames = crd.shortNames;
    t.categories = crd.categories;
    t.namespaced = crd.namespaced;
    t.custom = true;
    const QJsonArray rawVersions
        = crd.raw.value(u"spec"_s).toObject().value(u"versions"_s).toArray();
    for (const schema::CrdVersion &v : crd.versions) {
        if (!v.served)
            continue;
        t.versions << v.name;
        if (v.storage)
            t.storageVersion = v.name;
        t.schemas.insert(v.name, v.schema);
        QJsonObject openApi = permissiveSchema();
        for (const QJsonValue &rv : rawVersions) {
            const QJsonObject o = rv.toObject();
            if (o.value(u"name"_s).toString() == v.name) {
                const QJsonObject s
                    = o.value(u"schema"_s).toObject().value(u"openAPIV3Schema"_s).toObject();
                if (!s.isEmpty())
                    openApi = s;
                t.hasStatus = o.value(u"subresources"_s).toObject().contains(u"status"_s);
                t.printerColumns.insert(v.name, o.value(u"additionalPrinterColumns"_s).toArray());
            }
        }
        t.openApiSchemas.insert(v.name, openApi);
    }
    if (t.versions.isEmpty())
        return unexpected(u"crd.noversion"_s, u"no served version"_s, crd.name);
    std::sort(t.versions.begin(), t.versions.end(),
              [](const QString &a, const QString &b) { return kubeVersionLess(b, a); });
    if (t.storageVersion.isEmpty())
        t.storageVersion = t.versions.first();
    m_types.insert(t.key(), t);
    return {};
}

void Registry::removeCrd(const QString &group, const QString &plural)
{
    const QString key = plural + u'.' + group;
    if (m_types.value(key).custom)
        m_types.remove(key);
}

const ResourceType *Registry::find(const QString &group, const QString &version,
                                   const QString &plural) const
{
    const auto it = m_types.constFind(group.isEmpty() ? plural : plural + u'.' + group);
    if (it == m_types.constEnd() || !it->versions.contains(version))
        return nullptr;
    return &*it;
}

const ResourceType *Registry::byKey(const QString &key) const
{
    const auto it = m_types.constFind(key);
    return it == m_types.constEnd() ? nullptr : &*it;
}

const ResourceType *Registry::byKind(const QString &group, const QString &kind) const
{
    for (const ResourceType &t : m_types)
        if (t.group == group && t.kind == kind)
            return &t;
    return nullptr;
}

QStringList Registry::groups() const
{
    QStringList custom;
    for (const ResourceType &t : m_types)
        if (!m_builtinGroups.contains(t.group) && !custom.contains(t.group))
            custom << t.group;
    std::sort(custom.begin(), custom.end());
    return m_builtinGroups + custom;
}

QStringList Registry::versionsOf(const QString &group) const
{
    QStringList versions;
    for (const ResourceType &t : m_types)
        if (t.group == group)
            for (const QString &v : t.versions)
                if (!versions.contains(v))
                    versions << v;
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return kubeVersionLess(b, a); });
    return versions;
}

QList<const ResourceType *> Registry::typesIn(const QString &group, const QString &version) const
{
    QList<const ResourceType *> out;
    for (const ResourceType &t : m_types)
        if (t.group == group && t.versions.contains(version))
            out << &t;
    return out;
}

QList<const ResourceType *> Registry::all() const
{
    QList<const ResourceType *> out;
    for (const ResourceType &t : m_types)
        out << &t;
    return out;
}

QList<QJsonObject> permissiveIstioCrds()
{
    struct K
    {
        const char *group;
        const char *kind;
        const char *plural;
        const char *shortName;
        const char *versions; // storage first
    };
    static const K kinds[] = {
        {"networking.istio.io", "VirtualService", "virtualservices", "vs", "v1,v1alpha3,v1beta1"},
        {"networking.istio.io", "DestinationRule", "destinationrules", "dr", "v1,v1alpha3,v1beta1"},
        {"networking.istio.io", "Gateway", "gateways", "gw", "v1,v1alpha3,v1beta1"},
        {"networking.istio.io", "ServiceEntry", "serviceentries", "se", "v1,v1alpha3,v1beta1"},
        {"networking.istio.io", "Sidecar", "sidecars", "", "v1,v1alpha3,v1beta1"},
        {"networking.istio.io", "WorkloadEntry", "workloadentries", "we", "v1,v1alpha3,v1beta1"},
        {"networking.istio.io", "WorkloadGroup", "workloadgroups", "wg", "v1,v1alpha3,v1beta1"},
        {"networking.istio.io", "EnvoyFilter", "envoyfilters", "", "v1alpha3"},
        {"networking.istio.io", "ProxyConfig", "proxyconfigs", "", "v1beta1"},
        {"security.istio.io", "AuthorizationPolicy", "authorizationpolicies", "ap", "v1,v1beta1"},
        {"security.istio.io", "PeerAuthentication", "peerauthentications", "pa", "v1,v1beta1"},
        {"security.istio.io", "RequestAuthentication", "requestauthentications", "ra",
         "v1,v1beta1"},
        {"telemetry.istio.io", "Telemetry", "telemetries", "telemetry", "v1,v1alpha1"},
        {"extensions.istio.io", "WasmPlugin", "wasmplugins", "", "v1alpha1"},
    };
    QList<QJsonObject> out;
    for (const K &k : kinds) {
        const QString group = QString::fromLatin1(k.group);
        const QString kind = QString::fromLatin1(k.kind);
        const QString plural = QString::fromLatin1(k.plural);
        QJsonArray versions;
        bool first = true;
        for (const QString &v : QString::fromLatin1(k.versions).split(u',')) {
            const QJsonObject spec {{u"type"_s, u"object"_s},
                                    {u"x-kubernetes-preserve-unknown-fields"_s, true}};
            const QJsonObject schema {
                {u"type"_s, u"object"_s},
                {u"properties"_s, QJsonObject {{u"spec"_s, spec}, {u"status"_s, spec}}}};
            versions.append(
                QJsonObject {{u"name"_s, v},
                             {u"served"_s, true},
                             {u"storage"_s, first},
                             {u"schema"_s, QJsonObject {{u"openAPIV3Schema"_s, schema}}},
                             {u"subresources"_s, QJsonObject {{u"status"_s, QJsonObject {}}}}});
            first = false;
        }
        QJsonObject names {{u"kind"_s, kind},
                           {u"listKind"_s, kind + u"List"_s},
                           {u"plural"_s, plural},
                           {u"singular"_s, kind.toLower()},
                           {u"categories"_s, QJsonArray {u"istio-io"_s}}};
        if (*k.shortName)
            names.insert(u"shortNames"_s, QJsonArray {QString::fromLatin1(k.shortName)});
        out << QJsonObject {{u"apiVersion"_s, u"apiextensions.k8s.io/v1"_s},
                            {u"kind"_s, u"CustomResourceDefinition"_s},
                            {u"metadata"_s, QJsonObject {{u"name"_s, plural + u'.' + group}}},
                            {u"spec"_s,
                             QJsonObject {{u"group"_s, group},
                                          {u"names"_s, names},
                                          {u"scope"_s, u"Namespaced"_s},
                                          {u"versions"_s, versions}}}};
    }
    return out;
}

} // namespace md::sim

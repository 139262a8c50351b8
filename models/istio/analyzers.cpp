// Cross-reference analyzers (istioctl analyze and Kiali checks) over a MeshIndex: the
// dispatch by kind, what the areas share, and the mesh-wide comparison across clusters.

#include "istio/analyzers.h"

#include "istio/analyzers_p.h"

#include <algorithm>

namespace md::istio {

namespace analysis {

bool Context::isSelf(int entry) const
{
    const ObjectId &other = index.entry(entry).id;
    return other.kind == id.kind && other.name == id.name && namespaceOf(other) == ns
        && other.group() == id.group();
}

QString Context::nameOf(int entry) const
{
    const ObjectId &other = index.entry(entry).id;
    const QString otherNs = namespaceOf(other);
    return otherNs.isEmpty() ? other.name : otherNs + u'/' + other.name;
}

QString namespaceOf(const ObjectId &id)
{
    if (MeshIndex::isClusterScoped(id.kind))
        return QString();
    return id.namespace_.isEmpty() ? QStringLiteral("default") : id.namespace_;
}

QMap<QString, QString> stringMap(const Value &v)
{
    QMap<QString, QString> map;
    for (qsizetype i = 0; i < v.size() && v.isObject(); ++i)
        map.insert(v.keyAt(i),
                   v.valueAt(i).isString()     ? v.valueAt(i).toString()
                       : v.valueAt(i).isNull() ? QString()
                                               : v.valueAt(i).plainText());
    return map;
}

bool selects(const QMap<QString, QString> &selector, const QMap<QString, QString> &labels)
{
    for (auto it = selector.constBegin(); it != selector.constEnd(); ++it) {
        const auto found = labels.constFind(it.key());
        if (found == labels.cend() || *found != it.value())
            return false;
    }
    return true;
}

bool labelSelectorMatches(const Value &selector, const QMap<QString, QString> &labels)
{
    if (selector.isNull())
        return true;
    if (!selects(stringMap(selector.value(QStringLiteral("matchLabels"))), labels))
        return false;
    const Value &expressions = selector.value(QStringLiteral("matchExpressions"));
    for (qsizetype i = 0; i < expressions.size(); ++i) {
        const Value &e = expressions.at(i);
        const QString key = e.value(QStringLiteral("key")).toString();
        const QString op = e.value(QStringLiteral("operator")).toString();
        QStringList values;
        const Value &list = e.value(QStringLiteral("values"));
        for (qsizetype v = 0; v < list.size(); ++v)
            values.append(list.at(v).toString());
        const bool present = labels.contains(key);
        if (op == QLatin1String("In")) {
            if (!present || !values.contains(labels.value(key)))
                return false;
        } else if (op == QLatin1String("NotIn")) {
            if (present && values.contains(labels.value(key)))
                return false;
        } else if (op == QLatin1String("Exists")) {
            if (!present)
                return false;
        } else if (op == QLatin1String("DoesNotExist")) {
            if (present)
                return false;
        } else {
            return false; // as LabelSelectorAsSelector fails on an unknown operator
        }
    }
    return true;
}

QString goList(const QStringList &items)
{
    return u'[' + items.join(u' ') + u']';
}

QString goQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + quoted + u'"';
}

bool hostsOverlap(const QString &a, const QString &b)
{
    const bool aWild = a.startsWith(u'*');
    const bool bWild = b.startsWith(u'*');
    if (aWild && bWild)
        return a.size() < b.size() ? b.mid(1).endsWith(a.mid(1)) : a.mid(1).endsWith(b.mid(1));
    if (aWild)
        return b.endsWith(a.mid(1));
    if (bWild)
        return a.endsWith(b.mid(1));
    return a == b;
}

QStringList exportScopes(const Value &exportTo, const QString &ns)
{
    QStringList scopes;
    for (qsizetype i = 0; i < exportTo.size(); ++i) {
        const QString e = exportTo.at(i).toString();
        if (e == QLatin1String("*"))
            return {QStringLiteral("*")};
        const QString scope = e == QLatin1String(".") ? ns : e;
        if (!scopes.contains(scope))
            scopes.append(scope);
    }
    return scopes.isEmpty() ? QStringList {QStringLiteral("*")} : scopes;
}

const Value &podSpecOf(const Value &object)
{
    const Value &spec = object.value(QStringLiteral("spec"));
    if (object.value(QStringLiteral("kind")).toString() == QLatin1String("Pod"))
        return spec;
    return spec.value(QStringLiteral("template")).value(QStringLiteral("spec"));
}

namespace {

const Value &podMetadataOf(const Value &object)
{
    if (object.value(QStringLiteral("kind")).toString() == QLatin1String("Pod"))
        return object.value(QStringLiteral("metadata"));
    return object.value(QStringLiteral("spec"))
        .value(QStringLiteral("template"))
        .value(QStringLiteral("metadata"));
}

} // namespace

QMap<QString, QString> podLabelsOf(const Value &object)
{
    return stringMap(podMetadataOf(object).value(QStringLiteral("labels")));
}

QMap<QString, QString> podAnnotationsOf(const Value &object)
{
    return stringMap(podMetadataOf(object).value(QStringLiteral("annotations")));
}

bool hasProxyContainer(const Value &podSpec)
{
    for (const char *list : {"containers", "initContainers"}) {
        const Value &containers = podSpec.value(QString::fromLatin1(list));
        for (qsizetype i = 0; i < containers.size(); ++i) {
            if (containers.at(i).value(QStringLiteral("name")).toString()
                    == QLatin1String("istio-proxy")
                && !containers.at(i).value(QStringLiteral("image")).toString().isEmpty())
                return true;
        }
    }
    return false;
}

bool inMesh(const MeshIndex &index, const Value &object, const QString &ns)
{
    if (hasProxyContainer(podSpecOf(object)))
        return true;
    const QString key = QStringLiteral("sidecar.istio.io/inject");
    const auto labels = podLabelsOf(object);
    if (labels.contains(key))
        return labels.value(key) == QLatin1String("true");
    const auto annotations = podAnnotationsOf(object);
    if (annotations.contains(key))
        return annotations.value(key) == QLatin1String("true");
    const int namespaceEntry = index.find(QStringLiteral("Namespace"), QString(), ns);
    if (namespaceEntry < 0)
        return false;
    return stringMap(index.entry(namespaceEntry)
                         .object.value(QStringLiteral("metadata"))
                         .value(QStringLiteral("labels")))
               .value(QStringLiteral("istio-injection"))
        == QLatin1String("enabled");
}

} // namespace analysis

using namespace analysis;

QList<Message> analyzeObject(const MeshIndex &index, const Value &object)
{
    Findings findings;
    const ObjectId id = ObjectId::of(object);
    Context c {index, object, id, namespaceOf(id), findings};
    const QString group = id.group();
    const QString &kind = id.kind;
    const bool istio = group == QLatin1String("istio.io") || group.endsWith(u".istio.io");
    // As istioctl, Kubernetes' own namespaces are not analyzed.
    static const QStringList ignored
        = {QStringLiteral("kube-system"), QStringLiteral("kube-public"),
           QStringLiteral("kube-node-lease"), QStringLiteral("local-path-storage")};
    if (ignored.contains(kind == QLatin1String("Namespace") ? id.name : c.ns))
        return findings.messages;
    if (istio) {
        analyzeConditions(c);
        if (!object.value(QStringLiteral("spec")).isObject())
            return findings.messages;
        if (kind == QLatin1String("VirtualService")) {
            analyzeVirtualService(c);
            analyzeJwtClaimRoutes(c);
        } else if (kind == QLatin1String("DestinationRule")) {
            analyzeDestinationRule(c);
        } else if (kind == QLatin1String("Gateway")) {
            analyzeGateway(c);
        } else if (kind == QLatin1String("Sidecar")) {
            analyzeSidecar(c);
        } else if (kind == QLatin1String("AuthorizationPolicy")) {
            analyzeAuthorizationPolicy(c);
            analyzeIneffectiveSelector(c);
        } else if (kind == QLatin1String("RequestAuthentication")
                   || kind == QLatin1String("PeerAuthentication")) {
            analyzeWorkloadPolicy(c);
            analyzeIneffectiveSelector(c);
        } else if (kind == QLatin1String("Telemetry")) {
            analyzeTelemetry(c);
            analyzeIneffectiveSelector(c);
        } else if (kind == QLatin1String("WasmPlugin")) {
            analyzeIneffectiveSelector(c);
        } else if (kind == QLatin1String("EnvoyFilter")) {
            analyzeEnvoyFilter(c);
        } else if (kind == QLatin1String("ServiceEntry")) {
            analyzeServiceEntry(c);
        }
        analyzeDeprecations(c);
        return findings.messages;
    }
    if (group.isEmpty() || group == QLatin1String("apps")) {
        if (kind == QLatin1String("Namespace") || kind == QLatin1String("Service")
            || kind == QLatin1String("Pod") || kind == QLatin1String("Deployment"))
            analyzeAnnotations(c);
        if (kind == QLatin1String("Namespace") || kind == QLatin1String("Pod")
            || kind == QLatin1String("Deployment"))
            analyzeInjection(c);
        if (kind == QLatin1String("Pod") || kind == QLatin1String("Deployment"))
            analyzeApplicationUid(c);
        if (kind == QLatin1String("Service")) {
            analyzeServicePorts(c);
            analyzeConditions(c);
        }
        if (kind == QLatin1String("Deployment")) {
            analyzeDeploymentServices(c);
            analyzeJwksFetch(c);
        }
        if (kind == QLatin1String("ConfigMap"))
            analyzeMeshNetworks(c);
    } else if (group == QLatin1String("admissionregistration.k8s.io")) {
        if (kind == QLatin1String("MutatingWebhookConfiguration"))
            analyzeMutatingWebhook(c);
        analyzeExternalControlPlane(c);
    } else if (group == QLatin1String("gateway.networking.k8s.io")) {
        analyzeConditions(c);
    } else if (kind == QLatin1String("CustomResourceDefinition")) {
        analyzeDeprecations(c);
    }
    return findings.messages;
}

QList<Message> analyzeMesh(const MeshIndex &index)
{
    QList<Message> all;
    for (qsizetype i = 0; i < index.size(); ++i) {
        const MeshIndex::Entry &e = index.entry(i);
        if (e.id.name.isEmpty())
            continue; // replaced by a later definition
        for (Message m : analyzeObject(index, e.object)) {
            m.object = e.id.displayName();
            m.source = e.source;
            m.line = e.line;
            all.append(std::move(m));
        }
    }
    return all;
}

QList<Message> analyzeClusters(const QList<std::pair<QString, const MeshIndex *>> &clusters)
{
    // Services by namespace/name, with the cluster each comes from.
    struct Seen
    {
        QString cluster;
        const MeshIndex::Entry *entry;
    };
    QMap<QString, QList<Seen>> services;
    for (const auto &[cluster, index] : clusters) {
        for (int i : index->ofKind(QStringLiteral("Service"))) {
            const MeshIndex::Entry &e = index->entry(i);
            if (e.id.group().isEmpty())
                services[namespaceOf(e.id) + u'/' + e.id.name].append({cluster, &e});
        }
    }
    const auto portsOf = [](const Value &spec) {
        QList<Value> ports;
        const Value &list = spec.value(QStringLiteral("ports"));
        for (qsizetype i = 0; i < list.size(); ++i)
            ports.append(list.at(i));
        std::stable_sort(ports.begin(), ports.end(), [](const Value &a, const Value &b) {
            return a.value(QStringLiteral("name")).toString()
                < b.value(QStringLiteral("name")).toString();
        });
        return ports;
    };
    QList<Message> messages;
    for (auto it = services.cbegin(); it != services.cend(); ++it) {
        if (it->size() < 2)
            continue;
        const Seen &first = it->first();
        const Value &firstSpec = first.entry->object.value(QStringLiteral("spec"));
        const bool firstHeadless
            = firstSpec.value(QStringLiteral("clusterIP")).toString() == QLatin1String("None");
        const QString firstType
            = firstSpec.value(QStringLiteral("type")).toString(QStringLiteral("ClusterIP"));
        const QList<Value> firstPorts = portsOf(firstSpec);
        QStringList clustersInvolved, reasons;
        for (const Seen &s : *it) {
            const Value &spec = s.entry->object.value(QStringLiteral("spec"));
            if ((spec.value(QStringLiteral("clusterIP")).toString() == QLatin1String("None"))
                != firstHeadless) {
                for (const Seen &all : *it)
                    clustersInvolved.append(all.cluster);
                reasons.append(
                    QStringLiteral("service has mixed mode like headless and clusterIP"));
            }
            if (spec.value(QStringLiteral("type")).toString(QStringLiteral("ClusterIP"))
                != firstType) {
                clustersInvolved.append(s.cluster);
                reasons.append(QStringLiteral("service type is inconsistent"));
            }
            if (portsOf(spec) != firstPorts) {
                clustersInvolved.append(s.cluster);
                reasons.append(QStringLiteral("service ports are inconsistent"));
            }
        }
        if (clustersInvolved.isEmpty())
            continue;
        clustersInvolved.append(first.cluster);
        clustersInvolved.removeDuplicates();
        clustersInvolved.sort();
        reasons.removeDuplicates();
        reasons.sort();
        QStringList quoted;
        for (const QString &cluster : std::as_const(clustersInvolved))
            quoted.append(goQuote(cluster));
        const QString ns = it.key().section(u'/', 0, 0);
        const QString name = it.key().section(u'/', 1);
        Message m {QStringLiteral("IST0170"),
                   Severity::Warning,
                   QString(),
                   QStringLiteral("The service %1 in namespace %2 is inconsistent across clusters "
                                  "%3, which can lead to undefined behaviors. The inconsistent "
                                  "behaviors are: %4.")
                       .arg(name, goQuote(ns), goList(quoted), reasons.join(QStringLiteral("; "))),
                   first.entry->id.displayName(),
                   first.cluster,
                   first.entry->line};
        messages.append(m);
    }
    return messages;
}

} // namespace md::istio

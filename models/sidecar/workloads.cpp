#include "sidecar/workloads.h"

#include "sidecar/sidecartr.h"

#include <QtConcurrent/QtConcurrentMap>

#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>

namespace md::sidecar {

namespace {

using md::mesh::MeshCache;
using namespace simdjson;

enum class What : quint8 {
    Other,
    Namespace,
    Deployment,
    StatefulSet,
    DaemonSet,
    ReplicaSet,
    Pod,
    ConfigMap,
    Webhook
};

What whatOf(const md::kube::ResourceRef &r)
{
    if (r.group.isEmpty()) {
        if (r.kind == u"Namespace")
            return What::Namespace;
        if (r.kind == u"Pod")
            return What::Pod;
        if (r.kind == u"ConfigMap")
            return What::ConfigMap;
        return What::Other;
    }
    if (r.group == u"apps") {
        if (r.kind == u"Deployment")
            return What::Deployment;
        if (r.kind == u"StatefulSet")
            return What::StatefulSet;
        if (r.kind == u"DaemonSet")
            return What::DaemonSet;
        if (r.kind == u"ReplicaSet")
            return What::ReplicaSet;
        return What::Other;
    }
    if (r.group == u"admissionregistration.k8s.io" && r.kind == u"MutatingWebhookConfiguration")
        return What::Webhook;
    return What::Other;
}

// What one object says, read from its JSON (only the fields needed).
struct Facts
{
    What what = What::Other;
    QString context;
    const md::kube::KubeObject *object = nullptr; // in the snapshot, which outlives the facts
    QString ownerKind;
    QString ownerName;
    StringMap templateLabels; // workloads: spec.template; pods: the pod's own
    StringMap templateAnnotations;
    bool hostNetwork = false;
    // Pods
    QString phase;
    QString node;
    bool hasSidecar = false;
    bool sidecarReady = false;
    int sidecarRestarts = 0;
    QString proxyImage;
    // ConfigMaps
    QByteArray injectorConfig;
};

QString str(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

StringMap readMap(dom::element parent, const char *key)
{
    StringMap map;
    dom::object object;
    if (parent[key].get(object) != SUCCESS)
        return map;
    map.reserve(qsizetype(object.size()));
    for (auto field : object) {
        std::string_view value;
        if (field.value.get(value) == SUCCESS)
            map.insert(str(field.key), str(value));
    }
    return map;
}

// Values that repeat across thousands of pods (phase, node, owner kind, proxy image) share
// one QString per worker thread instead of one allocation each.
QString interned(std::string_view v)
{
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    thread_local std::unordered_map<std::string, QString, Hash, std::equal_to<>> cache;
    const auto it = cache.find(v);
    if (it != cache.end())
        return it->second;
    if (cache.size() > 4096)
        cache.clear(); // bounded: many distinct values mean little to share
    return cache.emplace(std::string(v), str(v)).first->second;
}

// The annotations the inventory reads (injection, sidecar resources, passthrough); the rest
// (often large: last-applied configurations, tool metadata) are skipped unread.
StringMap readAnnotations(dom::element metadata)
{
    static constexpr std::string_view wanted[] = {
        "sidecar.istio.io/inject",
        "sidecar.istio.io/proxyCPU",
        "sidecar.istio.io/proxyCPULimit",
        "sidecar.istio.io/proxyMemory",
        "sidecar.istio.io/proxyMemoryLimit",
        "traffic.sidecar.istio.io/excludeInboundPorts",
        "traffic.sidecar.istio.io/excludeOutboundPorts",
        "traffic.sidecar.istio.io/excludeOutboundIPRanges",
    };
    StringMap map;
    dom::object object;
    if (metadata["annotations"].get(object) != SUCCESS)
        return map;
    for (auto field : object) {
        if (std::find(std::begin(wanted), std::end(wanted), field.key) == std::end(wanted))
            continue;
        std::string_view value;
        if (field.value.get(value) == SUCCESS)
            map.insert(str(field.key), str(value));
    }
    return map;
}

std::string_view stringAt(dom::element parent, const char *key)
{
    std::string_view v;
    if (parent[key].get(v) != SUCCESS)
        return {};
    return v;
}

void readController(dom::element metadata, Facts *f)
{
    dom::array owners;
    if (metadata["ownerReferences"].get(owners) != SUCCESS)
        return;
    for (dom::element owner : owners) {
        bool controller = false;
        if (owner["controller"].get(controller) == SUCCESS && controller) {
            f->ownerKind = interned(stringAt(owner, "kind"));
            f->ownerName = str(stringAt(owner, "name"));
            return;
        }
    }
}

void readPod(dom::element root, Facts *f)
{
    dom::element metadata, spec, status;
    bool injectorStatus = false;
    if (root["metadata"].get(metadata) == SUCCESS) {
        readController(metadata, f);
        dom::object annotations;
        injectorStatus = metadata["annotations"].get(annotations) == SUCCESS
            && annotations["sidecar.istio.io/status"].error() == SUCCESS;
        // Only a pod without a controller is decided on its own labels.
        if (f->ownerKind.isEmpty()) {
            f->templateLabels = readMap(metadata, "labels");
            f->templateAnnotations = readAnnotations(metadata);
        }
    }
    if (root["spec"].get(spec) == SUCCESS) {
        bool host = false;
        f->hostNetwork = spec["hostNetwork"].get(host) == SUCCESS && host;
        f->node = interned(stringAt(spec, "nodeName"));
        for (const char *list : {"containers", "initContainers"}) {
            dom::array containers;
            if (spec[list].get(containers) != SUCCESS)
                continue;
            for (dom::element c : containers) {
                if (stringAt(c, "name") != "istio-proxy")
                    continue;
                // An init container is the proxy only as a native sidecar.
                if (std::string_view(list) == "initContainers"
                    && stringAt(c, "restartPolicy") != "Always")
                    continue;
                f->hasSidecar = true;
                f->proxyImage = interned(stringAt(c, "image"));
            }
        }
    }
    // The injector records what it added; a pod that runs the proxy as its own container
    // (a gateway) has no such record and no sidecar.
    if (!injectorStatus)
        f->hasSidecar = false;
    if (root["status"].get(status) == SUCCESS) {
        f->phase = interned(stringAt(status, "phase"));
        for (const char *list : {"containerStatuses", "initContainerStatuses"}) {
            dom::array statuses;
            if (status[list].get(statuses) != SUCCESS)
                continue;
            for (dom::element s : statuses) {
                if (stringAt(s, "name") != "istio-proxy")
                    continue;
                bool ready = false;
                f->sidecarReady = s["ready"].get(ready) == SUCCESS && ready;
                int64_t restarts = 0;
                if (s["restartCount"].get(restarts) == SUCCESS)
                    f->sidecarRestarts = int(restarts);
            }
        }
    }
}

void readWorkload(dom::element root, Facts *f)
{
    dom::element metadata, tmpl, tmeta, tspec;
    if (root["metadata"].get(metadata) == SUCCESS)
        readController(metadata, f);
    if (f->what == What::ReplicaSet)
        return;
    if (root["spec"]["template"].get(tmpl) != SUCCESS)
        return;
    if (tmpl["metadata"].get(tmeta) == SUCCESS) {
        f->templateLabels = readMap(tmeta, "labels");
        f->templateAnnotations = readAnnotations(tmeta);
    }
    bool host = false;
    if (tmpl["spec"].get(tspec) == SUCCESS)
        f->hostNetwork = tspec["hostNetwork"].get(host) == SUCCESS && host;
}

// Fills in what `f` (kind, context and object set) says, in place: run in parallel over
// every object of the snapshot, with one parser per thread.
void readFacts(Facts &f)
{
    if (f.what == What::Other || f.what == What::Namespace || f.what == What::Webhook)
        return; // labels are decoded already
    if (f.what == What::ConfigMap && f.object->name() != u"istio-sidecar-injector")
        return;
    thread_local dom::parser parser;
    const QByteArray &json = f.object->json();
    dom::element root;
    if (parser.parse(json.constData(), size_t(json.size())).get(root) != SUCCESS)
        return; // the cache validated it; nothing to read otherwise
    switch (f.what) {
    case What::Pod:
        readPod(root, &f);
        break;
    case What::ConfigMap: {
        dom::element data;
        if (root["data"].get(data) == SUCCESS) {
            const std::string_view config = stringAt(data, "config");
            f.injectorConfig = QByteArray(config.data(), qsizetype(config.size()));
        }
        break;
    }
    default:
        readWorkload(root, &f);
        break;
    }
}

StringMap labelsOf(const md::kube::KubeObject &object)
{
    StringMap map;
    for (const auto &[k, v] : object.labels())
        map.insert(k, v);
    return map;
}

QString pendingReason(int missing, int extra, int total)
{
    QStringList parts;
    if (missing > 0)
        parts << Tr::tr("%1 of %2 pods run without a sidecar: restart the workload to inject "
                        "them.")
                     .arg(missing)
                     .arg(total);
    if (extra > 0)
        parts << Tr::tr("%1 of %2 pods still run a sidecar: restart the workload to remove it.")
                     .arg(extra)
                     .arg(total);
    return parts.join(u' ');
}

} // namespace

QString statusText(WorkloadStatus status)
{
    switch (status) {
    case WorkloadStatus::Injected:
        return Tr::tr("Injected");
    case WorkloadStatus::NotInjected:
        return Tr::tr("Not injected");
    case WorkloadStatus::PendingRestart:
        return Tr::tr("Pending restart");
    case WorkloadStatus::Ambient:
        return Tr::tr("Ambient");
    }
    return {};
}

QString WorkloadRow::key() const
{
    return context + u'/' + kind + u'/' + namespace_ + u'/' + name;
}

QString workloadSearchText(const WorkloadRow &row)
{
    QString text = row.name + u' ' + row.namespace_ + u' ' + row.kind + u' ' + row.context;
    for (auto it = row.templateLabels.cbegin(); it != row.templateLabels.cend(); ++it)
        text += u' ' + it.key() + u'=' + it.value();
    return text.toLower();
}

QString NamespaceRow::key() const
{
    return context + u'/' + name;
}

QString imageTag(const QString &image)
{
    QString ref = image.section(u'@', 0, 0);
    const qsizetype slash = ref.lastIndexOf(u'/');
    const qsizetype colon = ref.lastIndexOf(u':');
    if (colon > slash)
        return ref.mid(colon + 1);
    return image.contains(u'@') ? image.section(u'@', 1).left(19) : QStringLiteral("latest");
}

const QList<MeshCache::Kind> &inventoryKinds()
{
    static const QList<MeshCache::Kind> kinds {
        {QString(), QStringLiteral("Namespace")},
        {QStringLiteral("apps"), QStringLiteral("Deployment")},
        {QStringLiteral("apps"), QStringLiteral("StatefulSet")},
        {QStringLiteral("apps"), QStringLiteral("DaemonSet")},
        {QStringLiteral("apps"), QStringLiteral("ReplicaSet")},
        {QString(), QStringLiteral("Pod")},
        {QString(), QStringLiteral("ConfigMap")},
        {QStringLiteral("admissionregistration.k8s.io"),
         QStringLiteral("MutatingWebhookConfiguration")},
    };
    return kinds;
}

namespace {

// Decisions depend on few inputs; workloads of a namespace mostly share them. Without
// never/alwaysInjectSelector (which read every label) they are remembered by those inputs.
class DecisionCache
{
public:
    explicit DecisionCache(const MeshInjection &mesh)
        : m_mesh(mesh)
        , m_enabled(mesh.config.neverInjectSelector.isEmpty()
                    && mesh.config.alwaysInjectSelector.isEmpty())
    { }

    InjectionDecision decide(const InjectionInput &in)
    {
        if (!m_enabled)
            return decideInjection(in, m_mesh);
        QString key = in.namespaceName;
        key += in.hostNetwork ? u'1' : u'0';
        for (const QString *k : {&keys::InjectLabel, &keys::Revision, &keys::DataplaneMode,
                                 &keys::UseWaypoint, &keys::UseWaypointNamespace}) {
            const auto it = in.podLabels.constFind(*k);
            key += u'\x1f';
            if (it != in.podLabels.cend())
                key += u'=' + *it;
        }
        const auto a = in.podAnnotations.constFind(keys::InjectLabel);
        key += u'\x1f';
        if (a != in.podAnnotations.cend())
            key += u'=' + *a;
        const auto found = m_cache.constFind(key);
        if (found != m_cache.cend())
            return *found;
        InjectionDecision d = decideInjection(in, m_mesh);
        m_cache.insert(key, d);
        return d;
    }

private:
    const MeshInjection m_mesh;
    bool m_enabled;
    QHash<QString, InjectionDecision> m_cache; // namespace labels are fixed per namespace
};

} // namespace

SidecarInventory buildInventory(const MeshCache::Snapshot &snapshot)
{
    SidecarInventory inventory;
    // The objects read, grouped by cluster as the snapshot holds them; each is read in place
    // by a worker (no per-object result to copy or collect).
    std::vector<Facts> facts;
    qsizetype total = 0;
    for (const auto &items : snapshot)
        total += items.size();
    facts.reserve(size_t(total));
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const MeshCache::Item &item : it.value()) {
            const What what = whatOf(item.resource);
            if (what == What::Other)
                continue;
            Facts &f = facts.emplace_back();
            f.what = what;
            f.context = it.key();
            f.object = &item.object;
        }
    }
    if (facts.size() > 256)
        QtConcurrent::blockingMap(facts, readFacts);
    else
        std::for_each(facts.begin(), facts.end(), readFacts);

    struct Cluster
    {
        QHash<QString, StringMap> namespaces; // name -> labels
        QHash<QString, const md::kube::KubeObject *> namespaceObjects;
        QHash<QString, QString> deploymentOfReplicaSet; // "ns/rs" -> deployment name
        QHash<QString, int> workloadIndex; // "ns/Kind/name" -> index in inventory.workloads
    };
    QHash<QString, Cluster> clusters;
    // Facts come grouped by cluster: look the cluster up only when it changes.
    const QString *lastContext = nullptr;
    Cluster *cluster = nullptr;
    auto clusterOf = [&](const QString &context) -> Cluster & {
        if (!lastContext || *lastContext != context) {
            cluster = &clusters[context];
            lastContext = &context;
        }
        return *cluster;
    };
    // Pass 1: namespaces, injector configuration, revisions, replica set owners.
    MeshInjection *mesh = nullptr;
    const QString *meshContext = nullptr;
    for (const Facts &f : facts) {
        Cluster &c = clusterOf(f.context);
        if (!meshContext || *meshContext != f.context) {
            mesh = &inventory.injection[f.context];
            meshContext = &f.context;
        }
        switch (f.what) {
        case What::Namespace:
            c.namespaces.insert(f.object->name(), labelsOf(*f.object));
            c.namespaceObjects.insert(f.object->name(), f.object);
            break;
        case What::ConfigMap:
            if (!f.injectorConfig.isEmpty()
                && (!mesh->config.fromConfigMap || f.object->namespaceName() == u"istio-system")) {
                auto config = InjectorConfig::parse(f.injectorConfig);
                if (config) {
                    mesh->config = *config;
                    inventory.injectorErrors.remove(f.context);
                } else {
                    inventory.injectorErrors.insert(f.context,
                                                    Tr::tr("ConfigMap %1/%2: %3")
                                                        .arg(f.object->namespaceName(),
                                                             f.object->name(),
                                                             config.error().toString()));
                }
            }
            break;
        case What::Webhook:
            for (const QString &key : {keys::Revision, QStringLiteral("istio.io/tag")}) {
                const QString rev = f.object->label(key);
                if (!rev.isEmpty())
                    mesh->revisions.insert(rev);
            }
            break;
        case What::ReplicaSet:
            if (f.ownerKind == u"Deployment")
                c.deploymentOfReplicaSet.insert(f.object->namespaceName() + u'/' + f.object->name(),
                                                f.ownerName);
            break;
        default:
            break;
        }
    }
    // Pass 2: workloads and their decisions.
    inventory.workloads.reserve(
        qsizetype(std::count_if(facts.cbegin(), facts.cend(), [](const Facts &f) {
            return f.what == What::Deployment || f.what == What::StatefulSet
                || f.what == What::DaemonSet;
        })));
    QHash<QString, std::shared_ptr<DecisionCache>> deciders;
    auto decider = [&](const QString &context) -> DecisionCache & {
        auto &d = deciders[context];
        if (!d)
            d = std::make_shared<DecisionCache>(inventory.injection[context]);
        return *d;
    };
    for (const Facts &f : facts) {
        if (f.what != What::Deployment && f.what != What::StatefulSet && f.what != What::DaemonSet)
            continue;
        Cluster &c = clusterOf(f.context);
        WorkloadRow row;
        row.context = f.context;
        row.apiVersion = QStringLiteral("apps/v1");
        row.kind = f.what == What::Deployment ? QStringLiteral("Deployment")
            : f.what == What::StatefulSet     ? QStringLiteral("StatefulSet")
                                              : QStringLiteral("DaemonSet");
        row.namespace_ = f.object->namespaceName();
        row.name = f.object->name();
        row.resourceVersion = f.object->resourceVersion();
        row.templateLabels = f.templateLabels;
        InjectionInput in;
        in.namespaceName = row.namespace_;
        in.namespaceLabels = c.namespaces.value(row.namespace_);
        in.podLabels = f.templateLabels;
        in.podAnnotations = f.templateAnnotations;
        in.hostNetwork = f.hostNetwork;
        row.decision = decider(f.context).decide(in);
        const StringMap &a = f.templateAnnotations;
        row.resources = {a.value(keys::ProxyCpu), a.value(keys::ProxyCpuLimit),
                         a.value(keys::ProxyMemory), a.value(keys::ProxyMemoryLimit)};
        row.passthrough = {a.value(keys::ExcludeInboundPorts), a.value(keys::ExcludeOutboundPorts),
                           a.value(keys::ExcludeOutboundIPRanges)};
        c.workloadIndex.insert(row.namespace_ + u'/' + row.kind + u'/' + row.name,
                               int(inventory.workloads.size()));
        inventory.workloads.append(std::move(row));
    }
    // Pass 3: pods to their workloads (and their namespaces).
    struct Counts
    {
        int total = 0, injected = 0, waiting = 0;
    };
    QHash<QString, Counts> namespaceCounts; // "context/ns"
    QHash<QString, QString> tags; // proxy image -> version: pods share a few images
    for (const Facts &f : facts) {
        if (f.what != What::Pod)
            continue;
        const Cluster &c = clusterOf(f.context);
        const QString ns = f.object->namespaceName();
        QString kind = f.ownerKind;
        QString name = f.ownerName;
        if (kind == u"ReplicaSet") {
            name = c.deploymentOfReplicaSet.value(ns + u'/' + name);
            kind = name.isEmpty() ? QString() : QStringLiteral("Deployment");
        }
        const int index
            = kind.isEmpty() ? -1 : c.workloadIndex.value(ns + u'/' + kind + u'/' + name, -1);
        PodSidecar pod;
        pod.name = f.object->name();
        pod.phase = f.phase;
        pod.node = f.node;
        pod.hasSidecar = f.hasSidecar;
        pod.sidecarReady = f.sidecarReady;
        pod.sidecarRestarts = f.sidecarRestarts;
        if (f.hasSidecar) {
            auto tag = tags.constFind(f.proxyImage);
            if (tag == tags.cend())
                tag = tags.insert(f.proxyImage, imageTag(f.proxyImage));
            pod.version = *tag;
        }
        if (index >= 0) {
            pod.expected = inventory.workloads.at(index).decision.injected;
        } else {
            InjectionInput in;
            in.namespaceName = ns;
            in.namespaceLabels = c.namespaces.value(ns);
            in.podLabels = f.templateLabels;
            in.podAnnotations = f.templateAnnotations;
            in.hostNetwork = f.hostNetwork;
            pod.expected = decider(f.context).decide(in).injected;
        }
        Counts &counts = namespaceCounts[f.context + u'/' + ns];
        ++counts.total;
        counts.injected += pod.hasSidecar ? 1 : 0;
        counts.waiting += pod.hasSidecar != pod.expected ? 1 : 0;
        if (index >= 0)
            inventory.workloads[index].pods.append(std::move(pod));
    }
    // Workload status.
    QHash<QString, int> workloadsPerNamespace;
    for (WorkloadRow &row : inventory.workloads) {
        ++workloadsPerNamespace[row.context + u'/' + row.namespace_];
        std::sort(row.pods.begin(), row.pods.end(),
                  [](const PodSidecar &a, const PodSidecar &b) { return a.name < b.name; });
        int missing = 0, extra = 0;
        for (const PodSidecar &pod : std::as_const(row.pods)) {
            ++row.podsTotal;
            if (pod.hasSidecar) {
                ++row.podsInjected;
                if (!row.versions.contains(pod.version))
                    row.versions << pod.version;
            }
            missing += !pod.hasSidecar && pod.expected ? 1 : 0;
            extra += pod.hasSidecar && !pod.expected ? 1 : 0;
        }
        row.versions.sort();
        row.searchText = workloadSearchText(row);
        row.statusReason = row.decision.reason;
        if (!row.decision.ambientReason.isEmpty())
            row.statusReason += u' ' + row.decision.ambientReason;
        if (missing + extra > 0) {
            row.status = WorkloadStatus::PendingRestart;
            row.statusReason += u' ' + pendingReason(missing, extra, row.podsTotal);
        } else if (row.decision.injected) {
            row.status = WorkloadStatus::Injected;
        } else if (row.decision.ambient) {
            row.status = WorkloadStatus::Ambient;
        } else {
            row.status = WorkloadStatus::NotInjected;
        }
    }
    // One three-way comparison per field (std::tie compares equal fields twice).
    std::sort(inventory.workloads.begin(), inventory.workloads.end(),
              [](const WorkloadRow &a, const WorkloadRow &b) {
                  for (const auto field : {&WorkloadRow::context, &WorkloadRow::namespace_,
                                           &WorkloadRow::kind, &WorkloadRow::name}) {
                      if (const int c = QtPrivate::compareStrings(a.*field, b.*field))
                          return c < 0;
                  }
                  return false;
              });
    // Namespaces.
    for (auto it = clusters.cbegin(); it != clusters.cend(); ++it) {
        for (auto ns = it->namespaces.cbegin(); ns != it->namespaces.cend(); ++ns) {
            NamespaceRow row;
            row.context = it.key();
            row.name = ns.key();
            row.resourceVersion = it->namespaceObjects.value(ns.key())->resourceVersion();
            row.policy = namespacePolicy(ns.value());
            row.system = isSystemNamespace(row.name);
            const QString key = row.context + u'/' + row.name;
            const Counts counts = namespaceCounts.value(key);
            row.podsTotal = counts.total;
            row.podsInjected = counts.injected;
            row.podsWaitingRestart = counts.waiting;
            row.workloads = workloadsPerNamespace.value(key);
            inventory.namespaces.append(std::move(row));
        }
    }
    std::sort(inventory.namespaces.begin(), inventory.namespaces.end(),
              [](const NamespaceRow &a, const NamespaceRow &b) {
                  return std::tie(a.context, a.name) < std::tie(b.context, b.name);
              });
    return inventory;
}

} // namespace md::sidecar

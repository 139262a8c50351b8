#include "controllers.h"

#include "cluster.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kDeployments = u"deployments.apps"_s;
const QString kStatefulSets = u"statefulsets.apps"_s;
const QString kDaemonSets = u"daemonsets.apps"_s;
const QString kReplicaSets = u"replicasets.apps"_s;
const QString kPods = u"pods"_s;
const QString kServices = u"services"_s;
const QString kEndpoints = u"endpoints"_s;

QJsonObject meta(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject();
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

bool selectorMatches(const QJsonObject &selector, const QJsonObject &labels)
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.begin(); it != selector.end(); ++it)
        if (labels.value(it.key()) != it.value())
            return false;
    return true;
}

QJsonObject sidecarContainer()
{
    const QString image = u"docker.io/istio/proxyv2:"_s + QLatin1String(kIstioVersion);
    return QJsonObject {
        {u"name"_s, u"istio-proxy"_s},
        {u"image"_s, image},
        {u"args"_s,
         QJsonArray {u"proxy"_s, u"sidecar"_s, u"--domain"_s,
                     u"$(POD_NAMESPACE).svc.cluster.local"_s}},
        {u"ports"_s,
         QJsonArray {QJsonObject {{u"containerPort"_s, 15090},
                                  {u"name"_s, u"http-envoy-prom"_s},
                                  {u"protocol"_s, u"TCP"_s}}}},
        {u"resources"_s,
         QJsonObject {
             {u"requests"_s, QJsonObject {{u"cpu"_s, u"100m"_s}, {u"memory"_s, u"128Mi"_s}}}}}};
}

} // namespace

Controllers::Controllers(Cluster *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
    , m_events(cluster)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &Controllers::reconcile);
}

InjectorPolicy Controllers::injectorPolicy(const QString &revision) const
{
    const auto cm
        = m_cluster->store().get(u"configmaps"_s, u"istio-system"_s, injectorObjectName(revision));
    if (!cm)
        return {}; // the chart's defaults
    const QString version = meta(*cm).value(u"resourceVersion"_s).toString();
    const auto cached = m_injectorPolicies.constFind(revision);
    if (cached != m_injectorPolicies.cend() && cached->first == version)
        return cached->second;
    // istiod keeps its defaults when the config does not parse (and logs why).
    const auto parsed
        = InjectorPolicy::parse(cm->value(u"data"_s).toObject().value(u"config"_s).toString());
    if (!parsed)
        qWarning("meshsim: %s: injector ConfigMap istio-system/%s: %s",
                 qPrintable(m_cluster->name()), qPrintable(injectorObjectName(revision)),
                 qPrintable(parsed.error().toString()));
    const InjectorPolicy policy = parsed ? *parsed : InjectorPolicy {};
    m_injectorPolicies.insert(revision, {version, policy});
    return policy;
}

InjectionVerdict Controllers::injection(const QJsonObject &pod) const
{
    const QJsonObject m = meta(pod);
    InjectionInputs in;
    in.namespaceName = m.value(u"namespace"_s).toString();
    if (const auto ns = m_cluster->namespaceObject(in.namespaceName))
        in.namespaceLabels = meta(*ns).value(u"labels"_s).toObject();
    in.podLabels = m.value(u"labels"_s).toObject();
    in.podAnnotations = m.value(u"annotations"_s).toObject();
    in.hostNetwork = pod.value(u"spec"_s).toObject().value(u"hostNetwork"_s).toBool();
    // The API server calls configurations in name order (the store's map is ordered).
    for (const auto &[key, configuration] : m_cluster->store().objects(
             u"mutatingwebhookconfigurations.admissionregistration.k8s.io"_s))
        in.webhooks += injectorWebhooks(configuration);
    for (const InjectorWebhook &w : std::as_const(in.webhooks))
        if (!in.injectors.contains(w.revision))
            in.injectors.insert(w.revision, injectorPolicy(w.revision));
    return decideSidecarInjection(in);
}

void Controllers::admitPod(QJsonObject &pod) const
{
    QJsonObject m = meta(pod);
    QJsonObject spec = pod.value(u"spec"_s).toObject();
    QJsonArray containers = spec.value(u"containers"_s).toArray();
    bool hasProxy = false;
    for (const QJsonValue &c : containers)
        hasProxy |= c.toObject().value(u"name"_s).toString() == u"istio-proxy"_s;
    const InjectionVerdict verdict = hasProxy ? InjectionVerdict {} : injection(pod);
    if (verdict.inject) {
        containers.append(sidecarContainer());
        QJsonArray init = spec.value(u"initContainers"_s).toArray();
        init.append(
            QJsonObject {{u"name"_s, u"istio-init"_s},
                         {u"image"_s, u"docker.io/istio/proxyv2:"_s + QLatin1String(kIstioVersion)},
                         {u"args"_s, QJsonArray {u"istio-iptables"_s}}});
        spec.insert(u"initContainers"_s, init);
        spec.insert(u"containers"_s, containers);
        QJsonObject labels = m.value(u"labels"_s).toObject();
        labels.insert(u"security.istio.io/tlsMode"_s, u"istio"_s);
        const QString app = labels.value(u"app"_s).toString();
        labels.insert(u"service.istio.io/canonical-name"_s,
                      app.isEmpty() ? m.value(u"generateName"_s).toString().section(u'-', 0, 0)
                                    : app);
        labels.insert(u"service.istio.io/canonical-revision"_s,
                      labels.value(u"version"_s).toString(u"latest"_s));
        m.insert(u"labels"_s, labels);
        QJsonObject annotations = m.value(u"annotations"_s).toObject();
        annotations.insert(
            u"sidecar.istio.io/status"_s,
            QString::fromUtf8(
                QJsonDocument(
                    QJsonObject {{u"initContainers"_s, QJsonArray {u"istio-init"_s}},
                                 {u"containers"_s, QJsonArray {u"istio-proxy"_s}},
                                 {u"volumes"_s, QJsonArray {u"istio-envoy"_s, u"istio-data"_s}},
                                 {u"revision"_s, verdict.revision}})
                    .toJson(QJsonDocument::Compact)));
        annotations.insert(u"prometheus.io/scrape"_s, u"true"_s);
        annotations.insert(u"prometheus.io/port"_s, u"15020"_s);
        m.insert(u"annotations"_s, annotations);
        pod.insert(u"metadata"_s, m);
    }
    const int index = int(qHash(m.value(u"name"_s).toString()) % 3);
    if (spec.value(u"nodeName"_s).toString().isEmpty())
        spec.insert(u"nodeName"_s, m_cluster->name() + u"-node-"_s + QString::number(index));
    if (!spec.contains(u"restartPolicy"_s))
        spec.insert(u"restartPolicy"_s, u"Always"_s);
    pod.insert(u"spec"_s, spec);

    const bool failing
        = m.value(u"annotations"_s).toObject().value(u"meshsim.io/failure"_s).toString()
        == u"CrashLoopBackOff"_s;
    const QString started = now();
    QJsonArray statuses;
    for (const QJsonValue &cv : spec.value(u"containers"_s).toArray()) {
        const QJsonObject c = cv.toObject();
        const bool app = c.value(u"name"_s).toString() != u"istio-proxy"_s;
        const bool ready = !(failing && app);
        QJsonObject st {{u"name"_s, c.value(u"name"_s)},
                        {u"image"_s, c.value(u"image"_s)},
                        {u"imageID"_s, c.value(u"image"_s)},
                        {u"ready"_s, ready},
                        {u"started"_s, ready},
                        {u"restartCount"_s, ready ? 0 : 7}};
        if (ready)
            st.insert(u"state"_s,
                      QJsonObject {{u"running"_s, QJsonObject {{u"startedAt"_s, started}}}});
        else
            st.insert(
                u"state"_s,
                QJsonObject {{u"waiting"_s,
                              QJsonObject {{u"reason"_s, u"CrashLoopBackOff"_s},
                                           {u"message"_s,
                                            u"back-off 5m0s restarting failed container"_s}}}});
        statuses.append(st);
    }
    const QString readyText = failing ? u"False"_s : u"True"_s;
    auto condition = [&](const QString &type, const QString &status) {
        return QJsonObject {
            {u"type"_s, type}, {u"status"_s, status}, {u"lastTransitionTime"_s, started}};
    };
    const quint32 n = qHash(m.value(u"namespace"_s).toString() + m.value(u"name"_s).toString());
    pod.insert(
        u"status"_s,
        QJsonObject {
            {u"phase"_s, u"Running"_s},
            {u"hostIP"_s, u"192.168.0."_s + QString::number(10 + index)},
            {u"podIP"_s,
             u"10.244."_s + QString::number((n >> 8) & 0xff) + u'.' + QString::number(n & 0xff)},
            {u"startTime"_s, started},
            {u"qosClass"_s, u"Burstable"_s},
            {u"conditions"_s,
             QJsonArray {
                 condition(u"PodScheduled"_s, u"True"_s), condition(u"Initialized"_s, u"True"_s),
                 condition(u"ContainersReady"_s, readyText), condition(u"Ready"_s, readyText)}},
            {u"containerStatuses"_s, statuses}});
}

QString Controllers::injectionFailure(const QJsonObject &pod) const
{
    const QJsonObject annotations = meta(pod).value(u"annotations"_s).toObject();
    if (annotations.value(u"meshsim.io/failure"_s).toString() != u"InjectionFailed"_s)
        return {};
    const InjectionVerdict verdict = injection(pod);
    if (!verdict.webhookCalled)
        return {};
    const QString service
        = verdict.revision == u"default"_s ? u"istiod"_s : u"istiod-"_s + verdict.revision;
    return u"Internal error occurred: failed calling webhook \""_s
        + verdict.webhook.section(u'/', 1) + u"\": failed to call webhook: Post \"https://"_s
        + service
        + u".istio-system.svc:443/inject?timeout=10s\": dial tcp 10.96.0.20:443: connect: "
          "connection refused"_s;
}

void Controllers::onChange(const StoreEvent &event)
{
    const QJsonObject m = meta(event.object);
    const QString ns = m.value(u"namespace"_s).toString();
    auto dirtyOwners = [&] {
        for (const QJsonValue &ref : m.value(u"ownerReferences"_s).toArray()) {
            const QJsonObject r = ref.toObject();
            const QString kind = r.value(u"kind"_s).toString();
            const QString key = kind == u"Deployment"_s ? kDeployments
                : kind == u"ReplicaSet"_s               ? kReplicaSets
                : kind == u"StatefulSet"_s              ? kStatefulSets
                : kind == u"DaemonSet"_s                ? kDaemonSets
                                                        : QString();
            if (!key.isEmpty())
                m_dirtyWorkloads.insert(key + u'|' + ns + u'|' + r.value(u"name"_s).toString());
        }
    };
    if (event.typeKey == kDeployments || event.typeKey == kStatefulSets
        || event.typeKey == kDaemonSets) {
        if (event.type != StoreEvent::Type::Deleted)
            m_dirtyWorkloads.insert(event.typeKey + u'|' + ns + u'|'
                                    + m.value(u"name"_s).toString());
    } else if (event.typeKey == kReplicaSets) {
        if (event.type != StoreEvent::Type::Deleted)
            m_dirtyWorkloads.insert(event.typeKey + u'|' + ns + u'|'
                                    + m.value(u"name"_s).toString());
        dirtyOwners();
    } else if (event.typeKey == kPods) {
        dirtyOwners();
        m_dirtyNamespaces.insert(ns);
        recordPodEvents(event);
    } else if (event.typeKey == kServices) {
        m_dirtyNamespaces.insert(ns);
    } else {
        return;
    }
    if (!m_timer.isActive())
        m_timer.start();
}

void Controllers::recordPodEvents(const StoreEvent &event)
{
    const QJsonObject &pod = event.object;
    const QJsonObject m = meta(pod);
    const QJsonObject spec = pod.value(u"spec"_s).toObject();
    const QString node = spec.value(u"nodeName"_s).toString();
    auto containerRef = [&](const QString &list, const QString &name) {
        return EventRecorder::reference(pod, u"v1"_s, u"Pod"_s,
                                        u"spec."_s + list + u'{' + name + u'}');
    };
    if (event.type == StoreEvent::Type::Deleted) {
        for (const QJsonValue &c : spec.value(u"containers"_s).toArray()) {
            const QString name = c.toObject().value(u"name"_s).toString();
            m_events.record({containerRef(u"containers"_s, name),
                             u"Normal"_s,
                             u"Killing"_s,
                             u"Stopping container "_s + name,
                             u"kubelet"_s,
                             node,
                             {}});
        }
        return;
    }
    if (event.type != StoreEvent::Type::Added)
        return;
    const QJsonObject ref = EventRecorder::reference(pod, u"v1"_s, u"Pod"_s);
    m_events.record({ref,
                     u"Normal"_s,
                     u"Scheduled"_s,
                     u"Successfully assigned "_s + m.value(u"namespace"_s).toString() + u'/'
                         + m.value(u"name"_s).toString() + u" to "_s + node,
                     u"default-scheduler"_s,
                     {},
                     u"Binding"_s});
    const QString status
        = m.value(u"annotations"_s).toObject().value(u"sidecar.istio.io/status"_s).toString();
    const QString revision = QJsonDocument::fromJson(status.toUtf8())
                                 .object()
                                 .value(u"revision"_s)
                                 .toString(u"default"_s);
    if (!status.isEmpty())
        m_events.record({ref,
                         u"Normal"_s,
                         u"Injected"_s,
                         u"Injected sidecar istio-proxy and init container istio-init (revision "_s
                             + revision + u")"_s,
                         u"istio-sidecar-injector"_s,
                         {},
                         u"Inject"_s});
    QJsonObject statuses;
    for (const QJsonValue &st :
         pod.value(u"status"_s).toObject().value(u"containerStatuses"_s).toArray())
        statuses.insert(st.toObject().value(u"name"_s).toString(), st);
    for (const QString &list : {u"initContainers"_s, u"containers"_s}) {
        for (const QJsonValue &cv : spec.value(list).toArray()) {
            const QJsonObject c = cv.toObject();
            const QString name = c.value(u"name"_s).toString();
            const QJsonObject r = containerRef(list, name);
            m_events.record({r,
                             u"Normal"_s,
                             u"Pulled"_s,
                             u"Container image \""_s + c.value(u"image"_s).toString()
                                 + u"\" already present on machine"_s,
                             u"kubelet"_s,
                             node,
                             {}});
            m_events.record({r,
                             u"Normal"_s,
                             u"Created"_s,
                             u"Created container: "_s + name,
                             u"kubelet"_s,
                             node,
                             {}});
            m_events.record({r,
                             u"Normal"_s,
                             u"Started"_s,
                             u"Started container "_s + name,
                             u"kubelet"_s,
                             node,
                             {}});
            const QJsonObject st = statuses.value(name).toObject();
            if (st.value(u"state"_s).toObject().value(u"waiting"_s).toObject().value(u"reason"_s)
                == u"CrashLoopBackOff"_s)
                m_events.record({r,
                                 u"Warning"_s,
                                 u"BackOff"_s,
                                 u"Back-off restarting failed container "_s + name + u" in pod "_s
                                     + m.value(u"name"_s).toString() + u'_'
                                     + m.value(u"namespace"_s).toString() + u'('
                                     + m.value(u"uid"_s).toString() + u')',
                                 u"kubelet"_s,
                                 node,
                                 {}});
        }
    }
}

void Controllers::settle()
{
    for (int round = 0; round < 100
         && (!m_dirtyWorkloads.isEmpty() || !m_dirtyNamespaces.isEmpty() || m_events.hasPending());
         ++round)
        reconcile();
    m_timer.stop();
}

void Controllers::reconcile()
{
    const QSet<QString> workloads = std::exchange(m_dirtyWorkloads, {});
    // One pass over the pods and replica sets indexes them by owner for this round.
    PodsByOwner podsByOwner;
    PodsByOwner replicaSetsByOwner;
    if (!workloads.isEmpty()) {
        for (const QString &type : {kPods, kReplicaSets}) {
            PodsByOwner &index = type == kPods ? podsByOwner : replicaSetsByOwner;
            for (const auto &entry : m_cluster->store().objects(type))
                for (const QJsonValue &ref :
                     meta(entry.second).value(u"ownerReferences"_s).toArray())
                    index[ref.toObject().value(u"uid"_s).toString()] << entry.second;
        }
    }
    for (const QString &w : workloads) {
        const QStringList parts = w.split(u'|');
        if (parts[0] == kDeployments)
            reconcileDeployment(parts[1], parts[2], replicaSetsByOwner);
        else if (parts[0] == kReplicaSets)
            reconcileReplicaSet(parts[1], parts[2], podsByOwner);
        else
            reconcilePodOwner(parts[0], parts[1], parts[2], podsByOwner);
    }
    const QSet<QString> namespaces = std::exchange(m_dirtyNamespaces, {});
    if (!namespaces.isEmpty()) {
        QHash<QString, QList<QJsonObject>> byNamespace;
        for (const auto &entry : m_cluster->store().objects(kPods)) {
            const QString ns = meta(entry.second).value(u"namespace"_s).toString();
            if (namespaces.contains(ns))
                byNamespace[ns] << entry.second;
        }
        for (const QString &ns : namespaces)
            reconcileEndpoints(ns, byNamespace.value(ns));
    }
    m_events.flush();
}

void Controllers::reconcileEndpoints(const QString &ns, const QList<QJsonObject> &pods)
{
    Store &store = m_cluster->store();
    const ResourceType *endpointsType = m_cluster->registry().byKey(kEndpoints);
    QSet<QString> services;
    for (const auto &entry : store.objects(kServices)) {
        const QJsonObject &svc = entry.second;
        const QJsonObject sm = meta(svc);
        if (sm.value(u"namespace"_s).toString() != ns)
            continue;
        const QString name = sm.value(u"name"_s).toString();
        services.insert(name);
        const QJsonObject selector
            = svc.value(u"spec"_s).toObject().value(u"selector"_s).toObject();
        if (selector.isEmpty())
            continue;
        QJsonArray ready;
        QJsonArray notReady;
        for (const QJsonObject &p : pods) {
            const QJsonObject pm = meta(p);
            if (!selectorMatches(selector, pm.value(u"labels"_s).toObject()))
                continue;
            bool isReady = false;
            for (const QJsonValue &c :
                 p.value(u"status"_s).toObject().value(u"conditions"_s).toArray())
                isReady |= c.toObject().value(u"type"_s) == u"Ready"_s
                    && c.toObject().value(u"status"_s) == u"True"_s;
            const QJsonObject address {
                {u"ip"_s, p.value(u"status"_s).toObject().value(u"podIP"_s)},
                {u"nodeName"_s, p.value(u"spec"_s).toObject().value(u"nodeName"_s)},
                {u"targetRef"_s,
                 QJsonObject {{u"kind"_s, u"Pod"_s},
                              {u"name"_s, pm.value(u"name"_s)},
                              {u"namespace"_s, ns},
                              {u"uid"_s, pm.value(u"uid"_s)}}}};
            (isReady ? ready : notReady).append(address);
        }
        QJsonArray ports;
        for (const QJsonValue &pv : svc.value(u"spec"_s).toObject().value(u"ports"_s).toArray()) {
            const QJsonObject sp = pv.toObject();
            QJsonObject port {{u"port"_s,
                               sp.value(u"targetPort"_s).isDouble() ? sp.value(u"targetPort"_s)
                                                                    : sp.value(u"port"_s)},
                              {u"protocol"_s, sp.value(u"protocol"_s).toString(u"TCP"_s)}};
            if (sp.contains(u"name"_s))
                port.insert(u"name"_s, sp.value(u"name"_s));
            if (sp.contains(u"appProtocol"_s))
                port.insert(u"appProtocol"_s, sp.value(u"appProtocol"_s));
            ports.append(port);
        }
        QJsonObject subset;
        if (!ready.isEmpty())
            subset.insert(u"addresses"_s, ready);
        if (!notReady.isEmpty())
            subset.insert(u"notReadyAddresses"_s, notReady);
        QJsonObject endpoints {{u"metadata"_s,
                                QJsonObject {{u"name"_s, name},
                                             {u"namespace"_s, ns},
                                             {u"labels"_s, sm.value(u"labels"_s)}}}};
        if (!subset.isEmpty()) {
            subset.insert(u"ports"_s, ports);
            endpoints.insert(u"subsets"_s, QJsonArray {subset});
        }
        const auto old = store.get(kEndpoints, ns, name);
        if (old) {
            QJsonObject next = *old;
            next.insert(u"subsets"_s, endpoints.value(u"subsets"_s));
            if (!endpoints.contains(u"subsets"_s))
                next.remove(u"subsets"_s);
            if (next != *old)
                m_cluster->putInternal(*endpointsType, next, u"kube-controller-manager"_s);
        } else {
            m_cluster->putInternal(*endpointsType, endpoints, u"kube-controller-manager"_s);
        }
    }
    QStringList orphans;
    for (const auto &entry : store.objects(kEndpoints)) {
        const QJsonObject em = meta(entry.second);
        if (em.value(u"namespace"_s).toString() == ns
            && !services.contains(em.value(u"name"_s).toString()))
            orphans << em.value(u"name"_s).toString();
    }
    for (const QString &o : orphans)
        store.remove(kEndpoints, ns, o);
}

} // namespace md::sim

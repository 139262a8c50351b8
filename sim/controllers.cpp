#include "controllers.h"

#include "cluster.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kDeployments = u"deployments.apps"_s;
const QString kStatefulSets = u"statefulsets.apps"_s;
const QString kDaemonSets = u"daemonsets.apps"_s;
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

QString templateHash(const QJsonObject &podTemplate)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(podTemplate).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha1)
            .toHex()
            .left(10));
}

QString randomSuffix()
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString s;
    for (int i = 0; i < 5; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))]);
    return s;
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
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &Controllers::reconcile);
}

bool Controllers::shouldInject(const QJsonObject &pod) const
{
    const QJsonObject m = meta(pod);
    const QJsonObject labels = m.value(u"labels"_s).toObject();
    const QJsonObject annotations = m.value(u"annotations"_s).toObject();
    const QString podLabel = labels.value(u"sidecar.istio.io/inject"_s).toString();
    const QString podAnnotation = annotations.value(u"sidecar.istio.io/inject"_s).toString();
    if (podLabel == u"false"_s || podAnnotation == u"false"_s)
        return false;
    if (pod.value(u"spec"_s).toObject().value(u"hostNetwork"_s).toBool())
        return false;
    const auto ns = m_cluster->namespaceObject(m.value(u"namespace"_s).toString());
    const QJsonObject nsLabels = ns ? meta(*ns).value(u"labels"_s).toObject() : QJsonObject {};
    const QString injection = nsLabels.value(u"istio-injection"_s).toString();
    if (injection == u"disabled"_s)
        return false;
    if (injection == u"enabled"_s || nsLabels.contains(u"istio.io/rev"_s))
        return true;
    // Istio's object selector: a pod label opts in even in an unlabelled namespace.
    return podLabel == u"true"_s || labels.contains(u"istio.io/rev"_s);
}

void Controllers::admitPod(QJsonObject &pod) const
{
    QJsonObject m = meta(pod);
    QJsonObject spec = pod.value(u"spec"_s).toObject();
    QJsonArray containers = spec.value(u"containers"_s).toArray();
    bool hasProxy = false;
    for (const QJsonValue &c : containers)
        hasProxy |= c.toObject().value(u"name"_s).toString() == u"istio-proxy"_s;
    if (!hasProxy && shouldInject(pod)) {
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
                                 {u"revision"_s, u"default"_s}})
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

void Controllers::onChange(const StoreEvent &event)
{
    const QJsonObject m = meta(event.object);
    const QString ns = m.value(u"namespace"_s).toString();
    if (event.typeKey == kDeployments || event.typeKey == kStatefulSets
        || event.typeKey == kDaemonSets) {
        if (event.type != StoreEvent::Type::Deleted)
            m_dirtyWorkloads.insert(event.typeKey + u'|' + ns + u'|'
                                    + m.value(u"name"_s).toString());
    } else if (event.typeKey == kPods) {
        for (const QJsonValue &ref : m.value(u"ownerReferences"_s).toArray()) {
            const QJsonObject r = ref.toObject();
            const QString kind = r.value(u"kind"_s).toString();
            const QString key = kind == u"Deployment"_s ? kDeployments
                : kind == u"StatefulSet"_s              ? kStatefulSets
                : kind == u"DaemonSet"_s                ? kDaemonSets
                                                        : QString();
            if (!key.isEmpty())
                m_dirtyWorkloads.insert(key + u'|' + ns + u'|' + r.value(u"name"_s).toString());
        }
        m_dirtyNamespaces.insert(ns);
    } else if (event.typeKey == kServices) {
        m_dirtyNamespaces.insert(ns);
    } else {
        return;
    }
    if (!m_timer.isActive())
        m_timer.start();
}

void Controllers::settle()
{
    for (int round = 0;
         round < 100 && (!m_dirtyWorkloads.isEmpty() || !m_dirtyNamespaces.isEmpty()); ++round)
        reconcile();
    m_timer.stop();
}

void Controllers::reconcile()
{
    const QSet<QString> workloads = std::exchange(m_dirtyWorkloads, {});
    // One pass over the pods indexes them by owner and by namespace for this round.
    QHash<QString, QList<QJsonObject>> byOwner;
    if (!workloads.isEmpty()) {
        for (const auto &entry : m_cluster->store().objects(kPods))
            for (const QJsonValue &ref : meta(entry.second).value(u"ownerReferences"_s).toArray())
                byOwner[ref.toObject().value(u"uid"_s).toString()] << entry.second;
    }
    for (const QString &w : workloads) {
        const QStringList parts = w.split(u'|');
        reconcileWorkload(parts[0], parts[1], parts[2], byOwner);
    }
    const QSet<QString> namespaces = std::exchange(m_dirtyNamespaces, {});
    if (namespaces.isEmpty())
        return;
    QHash<QString, QList<QJsonObject>> byNamespace;
    for (const auto &entry : m_cluster->store().objects(kPods)) {
        const QString ns = meta(entry.second).value(u"namespace"_s).toString();
        if (namespaces.contains(ns))
            byNamespace[ns] << entry.second;
    }
    for (const QString &ns : namespaces)
        reconcileEndpoints(ns, byNamespace.value(ns));
}

void Controllers::reconcileWorkload(const QString &typeKey, const QString &ns, const QString &name,
                                    const QHash<QString, QList<QJsonObject>> &podsByOwner)
{
    Store &store = m_cluster->store();
    const Registry &registry = m_cluster->registry();
    const auto workload = store.get(typeKey, ns, name);
    if (!workload)
        return; // its pods go with it (garbage collection)
    const ResourceType *podType = registry.byKey(kPods);
    const ResourceType *workloadType = registry.byKey(typeKey);
    const QJsonObject wm = meta(*workload);
    const QString uid = wm.value(u"uid"_s).toString();
    const QJsonObject spec = workload->value(u"spec"_s).toObject();
    const QJsonObject podTemplate = spec.value(u"template"_s).toObject();
    const QString hash = templateHash(podTemplate);
    int desired = spec.value(u"replicas"_s).toInt(1);
    if (typeKey == kDaemonSets)
        desired = int(store.objects(u"nodes"_s).size());

    QList<QJsonObject> current;
    QList<QJsonObject> stale;
    for (const QJsonObject &pod : podsByOwner.value(uid)) {
        const QJsonObject pm = meta(pod);
        if (!store.get(kPods, ns, pm.value(u"name"_s).toString()))
            continue; // removed earlier in this round
        if (pm.value(u"labels"_s).toObject().value(u"pod-template-hash"_s).toString() == hash)
            current << pod;
        else
            stale << pod;
    }
    for (const QJsonObject &p : stale)
        store.remove(kPods, ns, meta(p).value(u"name"_s).toString());
    while (current.size() > desired) {
        store.remove(kPods, ns, meta(current.last()).value(u"name"_s).toString());
        current.removeLast();
    }
    QSet<QString> names;
    for (const QJsonObject &p : current)
        names.insert(meta(p).value(u"name"_s).toString());
    for (int i = 0; current.size() < desired; ++i) {
        QJsonObject tm = podTemplate.value(u"metadata"_s).toObject();
        QJsonObject labels = tm.value(u"labels"_s).toObject();
        labels.insert(u"pod-template-hash"_s, hash);
        tm.insert(u"labels"_s, labels);
        QString podName;
        if (typeKey == kStatefulSets) {
            podName = name + u'-' + QString::number(i);
            if (names.contains(podName))
                continue;
        } else {
            podName = name + u'-' + hash.left(9) + u'-' + randomSuffix();
        }
        tm.insert(u"name"_s, podName);
        tm.insert(u"generateName"_s, name + u'-');
        tm.insert(u"namespace"_s, ns);
        tm.insert(u"ownerReferences"_s,
                  QJsonArray {QJsonObject {{u"apiVersion"_s, u"apps/v1"_s},
                                           {u"kind"_s, workloadType->kind},
                                           {u"name"_s, name},
                                           {u"uid"_s, uid},
                                           {u"controller"_s, true},
                                           {u"blockOwnerDeletion"_s, true}}});
        QJsonObject pod {{u"metadata"_s, tm}, {u"spec"_s, podTemplate.value(u"spec"_s)}};
        current << m_cluster->putInternal(*podType, pod, u"kube-controller-manager"_s);
        names.insert(podName);
    }
    int ready = 0;
    for (const QJsonObject &p : current) {
        for (const QJsonValue &c : p.value(u"status"_s).toObject().value(u"conditions"_s).toArray())
            if (c.toObject().value(u"type"_s) == u"Ready"_s
                && c.toObject().value(u"status"_s) == u"True"_s)
                ++ready;
    }
    QJsonObject status {{u"observedGeneration"_s, wm.value(u"generation"_s)},
                        {u"replicas"_s, int(current.size())},
                        {u"readyReplicas"_s, ready}};
    if (typeKey == kDaemonSets) {
        status = QJsonObject {{u"observedGeneration"_s, wm.value(u"generation"_s)},
                              {u"desiredNumberScheduled"_s, desired},
                              {u"currentNumberScheduled"_s, int(current.size())},
                              {u"numberReady"_s, ready},
                              {u"updatedNumberScheduled"_s, int(current.size())},
                              {u"numberAvailable"_s, ready}};
    } else {
        status.insert(u"updatedReplicas"_s, int(current.size()));
        status.insert(u"availableReplicas"_s, ready);
        status.insert(u"currentReplicas"_s, int(current.size()));
        if (ready < current.size())
            status.insert(u"unavailableReplicas"_s, int(current.size()) - ready);
        if (typeKey == kDeployments) {
            const QJsonObject old = workload->value(u"status"_s).toObject();
            const QString since = old.value(u"conditions"_s).toArray().isEmpty()
                ? now()
                : old.value(u"conditions"_s)
                      .toArray()
                      .first()
                      .toObject()
                      .value(u"lastTransitionTime"_s)
                      .toString();
            const bool available = ready >= desired;
            status.insert(
                u"conditions"_s,
                QJsonArray {QJsonObject {{u"type"_s, u"Available"_s},
                                         {u"status"_s, available ? u"True"_s : u"False"_s},
                                         {u"reason"_s,
                                          available ? u"MinimumReplicasAvailable"_s
                                                    : u"MinimumReplicasUnavailable"_s},
                                         {u"lastTransitionTime"_s, since},
                                         {u"lastUpdateTime"_s, since}},
                            QJsonObject {{u"type"_s, u"Progressing"_s},
                                         {u"status"_s, u"True"_s},
                                         {u"reason"_s, u"NewReplicaSetAvailable"_s},
                                         {u"lastTransitionTime"_s, since},
                                         {u"lastUpdateTime"_s, since}}});
        }
    }
    if (workload->value(u"status"_s).toObject() != status) {
        QJsonObject next = *workload;
        next.insert(u"status"_s, status);
        m_cluster->putInternal(*workloadType, next, u"kube-controller-manager"_s);
    }
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

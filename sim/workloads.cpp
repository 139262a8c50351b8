// Controllers: the workload controllers. A Deployment owns one ReplicaSet per pod template
// (named <deployment>-<pod-template-hash>, revision in deployment.kubernetes.io/revision);
// the newest is scaled to spec.replicas and the others to 0, and old ones beyond
// revisionHistoryLimit are deleted. ReplicaSets own Pods. StatefulSets and DaemonSets own
// their Pods directly, with a ControllerRevision per template (controller-revision-hash).

#include "controllers.h"

#include "cluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kDeployments = u"deployments.apps"_s;
const QString kReplicaSets = u"replicasets.apps"_s;
const QString kStatefulSets = u"statefulsets.apps"_s;
const QString kDaemonSets = u"daemonsets.apps"_s;
const QString kRevisions = u"controllerrevisions.apps"_s;
const QString kPods = u"pods"_s;
const QString kRevision = u"deployment.kubernetes.io/revision"_s;
const QString kRevisionHistory = u"deployment.kubernetes.io/revision-history"_s;
const QString kManager = u"kube-controller-manager"_s;
const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789"; // k8s.io/apimachinery SafeEncodeString

QJsonObject meta(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject();
}

void setMeta(QJsonObject &o, const QString &key, const QJsonValue &value)
{
    QJsonObject m = meta(o);
    m.insert(key, value);
    o.insert(u"metadata"_s, m);
}

// Nulls and empty maps and lists carry nothing: a template read back through Go types
// (kubectl rollout undo) hashes like the one it came from.
QJsonValue normalized(const QJsonValue &v)
{
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QJsonValue c = normalized(it.value());
            if (!c.isNull() && !c.isUndefined())
                out.insert(it.key(), c);
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(out);
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &c : v.toArray())
            out.append(normalized(c));
        return out.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(out);
    }
    return v;
}

// FNV-1a of the template, its decimal digits safe-encoded as the controllers do.
QString templateHash(const QJsonObject &podTemplate)
{
    const QJsonValue n = normalized(podTemplate);
    const QByteArray bytes = QJsonDocument(n.toObject()).toJson(QJsonDocument::Compact);
    quint32 h = 2166136261u;
    for (const char c : bytes) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    QString out;
    for (const QChar c : QString::number(h))
        out += QLatin1Char(kAlphabet[c.unicode() % (sizeof kAlphabet - 1)]);
    return out;
}

QString randomSuffix()
{
    QString s;
    for (int i = 0; i < 5; ++i)
        s += QLatin1Char(kAlphabet[QRandomGenerator::global()->bounded(int(sizeof kAlphabet - 1))]);
    return s;
}

QJsonObject controllerRef(const QJsonObject &owner, const QString &kind)
{
    return QJsonObject {{u"apiVersion"_s, u"apps/v1"_s},
                        {u"kind"_s, kind},
                        {u"name"_s, meta(owner).value(u"name"_s)},
                        {u"uid"_s, meta(owner).value(u"uid"_s)},
                        {u"controller"_s, true},
                        {u"blockOwnerDeletion"_s, true}};
}

int revisionOf(const QJsonObject &rs)
{
    return meta(rs).value(u"annotations"_s).toObject().value(kRevision).toString().toInt();
}

bool isReady(const QJsonObject &pod)
{
    for (const QJsonValue &c : pod.value(u"status"_s).toObject().value(u"conditions"_s).toArray())
        if (c.toObject().value(u"type"_s) == u"Ready"_s
            && c.toObject().value(u"status"_s) == u"True"_s)
            return true;
    return false;
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString controllerName(const QString &kind)
{
    return kind.toLower() + u"-controller"_s;
}

// The pods of `owner` still in the store.
QList<QJsonObject> liveDependents(const Store &store, const QString &typeKey, const QString &ns,
                                  const QList<QJsonObject> &indexed)
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : indexed)
        if (auto fresh = store.get(typeKey, ns, meta(o).value(u"name"_s).toString()))
            out << *fresh;
    return out;
}

int surge(const QJsonObject &deploymentSpec, int replicas)
{
    const QJsonValue v = deploymentSpec.value(u"strategy"_s)
                             .toObject()
                             .value(u"rollingUpdate"_s)
                             .toObject()
                             .value(u"maxSurge"_s);
    if (v.isDouble())
        return v.toInt();
    const QString text = v.toString(u"25%"_s);
    if (text.endsWith(u'%'))
        return int(std::ceil(replicas * text.chopped(1).toDouble() / 100.0));
    return text.toInt();
}

} // namespace

std::optional<QJsonObject> Controllers::createPod(const QJsonObject &owner,
                                                  const QString &ownerKind, QJsonObject podMeta,
                                                  const QJsonObject &podSpec)
{
    const QJsonObject ownerRef = EventRecorder::reference(owner, u"apps/v1"_s, ownerKind);
    podMeta.insert(u"ownerReferences"_s, QJsonArray {controllerRef(owner, ownerKind)});
    QJsonObject pod {{u"metadata"_s, podMeta}, {u"spec"_s, podSpec}};
    const QString failure = injectionFailure(pod);
    if (!failure.isEmpty()) {
        m_events.record({ownerRef,
                         u"Warning"_s,
                         u"FailedCreate"_s,
                         u"Error creating: "_s + failure,
                         controllerName(ownerKind),
                         {},
                         {}});
        return std::nullopt;
    }
    const QJsonObject created
        = m_cluster->putInternal(*m_cluster->registry().byKey(kPods), pod, kManager);
    m_events.record({ownerRef,
                     u"Normal"_s,
                     u"SuccessfulCreate"_s,
                     u"Created pod: "_s + podMeta.value(u"name"_s).toString(),
                     controllerName(ownerKind),
                     {},
                     {}});
    return created;
}

void Controllers::deletePod(const QJsonObject &owner, const QString &ownerKind,
                            const QJsonObject &pod)
{
    const QString name = meta(pod).value(u"name"_s).toString();
    m_cluster->store().remove(kPods, meta(pod).value(u"namespace"_s).toString(), name);
    m_events.record({EventRecorder::reference(owner, u"apps/v1"_s, ownerKind),
                     u"Normal"_s,
                     u"SuccessfulDelete"_s,
                     u"Deleted pod: "_s + name,
                     controllerName(ownerKind),
                     {},
                     {}});
}

void Controllers::reconcileDeployment(const QString &ns, const QString &name,
                                      const PodsByOwner &replicaSetsByOwner)
{
    Store &store = m_cluster->store();
    const auto deployment = store.get(kDeployments, ns, name);
    if (!deployment)
        return; // its replica sets go with it (garbage collection)
    const ResourceType *rsType = m_cluster->registry().byKey(kReplicaSets);
    const QJsonObject dm = meta(*deployment);
    const QJsonObject spec = deployment->value(u"spec"_s).toObject();
    const QJsonObject podTemplate = spec.value(u"template"_s).toObject();
    const QString hash = templateHash(podTemplate);
    const int desired = spec.value(u"replicas"_s).toInt(1);
    const int historyLimit = spec.value(u"revisionHistoryLimit"_s).toInt(10);
    const QJsonObject dRef = EventRecorder::reference(*deployment, u"apps/v1"_s, u"Deployment"_s);
    auto scaled = [&](const QString &rsName, int from, int to) {
        m_events.record({dRef,
                         u"Normal"_s,
                         u"ScalingReplicaSet"_s,
                         u"Scaled "_s + (to > from ? u"up"_s : u"down"_s) + u" replica set "_s
                             + rsName + u" from "_s + QString::number(from) + u" to "_s
                             + QString::number(to),
                         u"deployment-controller"_s,
                         {},
                         {}});
    };

    QList<QJsonObject> owned = liveDependents(
        store, kReplicaSets, ns, replicaSetsByOwner.value(dm.value(u"uid"_s).toString()));
    int maxRevision = 0;
    qsizetype current = -1;
    for (qsizetype i = 0; i < owned.size(); ++i) {
        maxRevision = std::max(maxRevision, revisionOf(owned[i]));
        if (meta(owned[i]).value(u"labels"_s).toObject().value(u"pod-template-hash"_s).toString()
            == hash)
            current = i;
    }
    // The deployment's own annotations go to its replica sets.
    QJsonObject copied = dm.value(u"annotations"_s).toObject();
    for (const QString &k : {u"kubectl.kubernetes.io/last-applied-configuration"_s, kRevision,
                             kRevisionHistory, u"deployment.kubernetes.io/desired-replicas"_s,
                             u"deployment.kubernetes.io/max-replicas"_s})
        copied.remove(k);
    auto annotationsFor = [&](int revision, const QJsonObject &old) {
        QJsonObject a = copied;
        a.insert(kRevision, QString::number(revision));
        a.insert(u"deployment.kubernetes.io/desired-replicas"_s, QString::number(desired));
        a.insert(u"deployment.kubernetes.io/max-replicas"_s,
                 QString::number(desired + surge(spec, desired)));
        if (old.contains(kRevisionHistory))
            a.insert(kRevisionHistory, old.value(kRevisionHistory));
        return a;
    };

    if (current < 0) {
        QJsonObject tm = podTemplate.value(u"metadata"_s).toObject();
        QJsonObject labels = tm.value(u"labels"_s).toObject();
        labels.insert(u"pod-template-hash"_s, hash);
        tm.insert(u"labels"_s, labels);
        QJsonObject rsTemplate = podTemplate;
        rsTemplate.insert(u"metadata"_s, tm);
        QJsonObject selector = spec.value(u"selector"_s).toObject();
        QJsonObject matchLabels = selector.value(u"matchLabels"_s).toObject();
        matchLabels.insert(u"pod-template-hash"_s, hash);
        selector.insert(u"matchLabels"_s, matchLabels);
        const QString rsName = name + u'-' + hash;
        QJsonObject rsSpec {
            {u"replicas"_s, desired}, {u"selector"_s, selector}, {u"template"_s, rsTemplate}};
        if (spec.contains(u"minReadySeconds"_s))
            rsSpec.insert(u"minReadySeconds"_s, spec.value(u"minReadySeconds"_s));
        const QJsonObject rs {
            {u"metadata"_s,
             QJsonObject {
                 {u"name"_s, rsName},
                 {u"namespace"_s, ns},
                 {u"labels"_s, labels},
                 {u"annotations"_s, annotationsFor(maxRevision + 1, {})},
                 {u"ownerReferences"_s, QJsonArray {controllerRef(*deployment, u"Deployment"_s)}}}},
            {u"spec"_s, rsSpec}};
        owned << m_cluster->putInternal(*rsType, rs, kManager);
        current = owned.size() - 1;
        scaled(rsName, 0, desired);
    } else {
        QJsonObject next = owned[current];
        QJsonObject annotations = meta(next).value(u"annotations"_s).toObject();
        int revision = revisionOf(next);
        if (revision < maxRevision) {
            // Back to an older template (rollout undo): it becomes the newest revision.
            QStringList history
                = annotations.value(kRevisionHistory).toString().split(u',', Qt::SkipEmptyParts);
            history << QString::number(revision);
            annotations.insert(kRevisionHistory, history.join(u','));
            revision = maxRevision + 1;
        }
        setMeta(next, u"annotations"_s, annotationsFor(revision, annotations));
        QJsonObject rsSpec = next.value(u"spec"_s).toObject();
        const int was = rsSpec.value(u"replicas"_s).toInt(1);
        rsSpec.insert(u"replicas"_s, desired);
        next.insert(u"spec"_s, rsSpec);
        if (next != owned[current]) {
            owned[current] = m_cluster->putInternal(*rsType, next, kManager);
            if (was != desired)
                scaled(meta(next).value(u"name"_s).toString(), was, desired);
        }
    }
    // Older replica sets scale down to 0 and are kept up to revisionHistoryLimit.
    QList<QJsonObject> history;
    for (qsizetype i = 0; i < owned.size(); ++i) {
        if (i == current)
            continue;
        QJsonObject rs = owned[i];
        QJsonObject rsSpec = rs.value(u"spec"_s).toObject();
        const int was = rsSpec.value(u"replicas"_s).toInt(1);
        if (was != 0) {
            rsSpec.insert(u"replicas"_s, 0);
            rs.insert(u"spec"_s, rsSpec);
            owned[i] = m_cluster->putInternal(*rsType, rs, kManager);
            scaled(meta(rs).value(u"name"_s).toString(), was, 0);
        } else if (rs.value(u"status"_s).toObject().value(u"replicas"_s).toInt() == 0) {
            history << rs;
        }
    }
    std::sort(history.begin(), history.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return revisionOf(a) < revisionOf(b);
    });
    for (qsizetype i = 0; i + historyLimit < history.size(); ++i)
        (void)m_cluster->deleteObject(*rsType, ns, meta(history[i]).value(u"name"_s).toString(),
                                      WriteOptions {}, {});

    // The deployment's revision and status.
    int replicas = 0, ready = 0, available = 0;
    for (const QJsonObject &rs : owned) {
        const QJsonObject st = rs.value(u"status"_s).toObject();
        replicas += st.value(u"replicas"_s).toInt();
        ready += st.value(u"readyReplicas"_s).toInt();
        available += st.value(u"availableReplicas"_s).toInt();
    }
    const QJsonObject newest = owned[current];
    const int updated = newest.value(u"status"_s).toObject().value(u"replicas"_s).toInt();
    QJsonObject status {{u"observedGeneration"_s, dm.value(u"generation"_s)},
                        {u"replicas"_s, replicas},
                        {u"updatedReplicas"_s, updated},
                        {u"readyReplicas"_s, ready},
                        {u"availableReplicas"_s, available}};
    if (available < desired)
        status.insert(u"unavailableReplicas"_s, desired - available);
    const QJsonArray oldConditions
        = deployment->value(u"status"_s).toObject().value(u"conditions"_s).toArray();
    auto since = [&](const QString &type, const QString &state) {
        for (const QJsonValue &c : oldConditions)
            if (c.toObject().value(u"type"_s) == type && c.toObject().value(u"status"_s) == state)
                return c.toObject().value(u"lastTransitionTime"_s).toString();
        return now();
    };
    const bool isAvailable = available >= desired;
    const bool complete = updated == desired && replicas == updated && available >= updated;
    const QString rsName = meta(newest).value(u"name"_s).toString();
    const QString availableState = isAvailable ? u"True"_s : u"False"_s;
    const QString availableSince = since(u"Available"_s, availableState);
    const QString progressingSince = since(u"Progressing"_s, u"True"_s);
    status.insert(
        u"conditions"_s,
        QJsonArray {
            QJsonObject {
                {u"type"_s, u"Available"_s},
                {u"status"_s, availableState},
                {u"reason"_s,
                 isAvailable ? u"MinimumReplicasAvailable"_s : u"MinimumReplicasUnavailable"_s},
                {u"message"_s,
                 isAvailable ? u"Deployment has minimum availability."_s
                             : u"Deployment does not have minimum availability."_s},
                {u"lastTransitionTime"_s, availableSince},
                {u"lastUpdateTime"_s, availableSince}},
            QJsonObject {
                {u"type"_s, u"Progressing"_s},
                {u"status"_s, u"True"_s},
                {u"reason"_s, complete ? u"NewReplicaSetAvailable"_s : u"ReplicaSetUpdated"_s},
                {u"message"_s,
                 complete ? u"ReplicaSet \""_s + rsName + u"\" has successfully progressed."_s
                          : u"ReplicaSet \""_s + rsName + u"\" is progressing."_s},
                {u"lastTransitionTime"_s, progressingSince},
                {u"lastUpdateTime"_s, progressingSince}}});
    QJsonObject next = *deployment;
    QJsonObject annotations = dm.value(u"annotations"_s).toObject();
    annotations.insert(kRevision, QString::number(revisionOf(newest)));
    setMeta(next, u"annotations"_s, annotations);
    next.insert(u"status"_s, status);
    if (next != *deployment)
        m_cluster->putInternal(*m_cluster->registry().byKey(kDeployments), next, kManager);
}

void Controllers::reconcileReplicaSet(const QString &ns, const QString &name,
                                      const PodsByOwner &podsByOwner)
{
    Store &store = m_cluster->store();
    const auto rs = store.get(kReplicaSets, ns, name);
    if (!rs)
        return;
    const QJsonObject rm = meta(*rs);
    const QJsonObject spec = rs->value(u"spec"_s).toObject();
    const int desired = spec.value(u"replicas"_s).toInt(1);
    QList<QJsonObject> pods
        = liveDependents(store, kPods, ns, podsByOwner.value(rm.value(u"uid"_s).toString()));
    while (pods.size() > desired)
        deletePod(*rs, u"ReplicaSet"_s, pods.takeLast());
    const QJsonObject podTemplate = spec.value(u"template"_s).toObject();
    while (pods.size() < desired) {
        QJsonObject pm = podTemplate.value(u"metadata"_s).toObject();
        pm.insert(u"name"_s, name + u'-' + randomSuffix());
        pm.insert(u"generateName"_s, name + u'-');
        pm.insert(u"namespace"_s, ns);
        const auto pod
            = createPod(*rs, u"ReplicaSet"_s, pm, podTemplate.value(u"spec"_s).toObject());
        if (!pod)
            break;
        pods << *pod;
    }
    int ready = 0;
    for (const QJsonObject &p : pods)
        ready += isReady(p);
    const QJsonObject status {{u"replicas"_s, int(pods.size())},
                              {u"fullyLabeledReplicas"_s, int(pods.size())},
                              {u"readyReplicas"_s, ready},
                              {u"availableReplicas"_s, ready},
                              {u"observedGeneration"_s, rm.value(u"generation"_s)}};
    if (rs->value(u"status"_s).toObject() != status) {
        QJsonObject next = *rs;
        next.insert(u"status"_s, status);
        m_cluster->putInternal(*m_cluster->registry().byKey(kReplicaSets), next, kManager);
    }
}

QString Controllers::revisionFor(const QString &typeKey, const QJsonObject &workload)
{
    Store &store = m_cluster->store();
    const ResourceType *revisionType = m_cluster->registry().byKey(kRevisions);
    const QJsonObject wm = meta(workload);
    const QString ns = wm.value(u"namespace"_s).toString();
    const QString name = wm.value(u"name"_s).toString();
    const QString uid = wm.value(u"uid"_s).toString();
    const QString kind = typeKey == kStatefulSets ? u"StatefulSet"_s : u"DaemonSet"_s;
    const QJsonObject podTemplate
        = workload.value(u"spec"_s).toObject().value(u"template"_s).toObject();
    const QString hash = templateHash(podTemplate);
    const QString revisionName = name + u'-' + hash;
    QList<QJsonObject> owned;
    qint64 maxRevision = 0;
    for (const auto &entry : store.objects(kRevisions)) {
        const QJsonObject m = meta(entry.second);
        if (m.value(u"namespace"_s).toString() != ns)
            continue;
        for (const QJsonValue &ref : m.value(u"ownerReferences"_s).toArray())
            if (ref.toObject().value(u"uid"_s).toString() == uid) {
                owned << entry.second;
                maxRevision = std::max(maxRevision, entry.second.value(u"revision"_s).toInteger());
            }
    }
    const auto current = std::find_if(owned.begin(), owned.end(), [&](const QJsonObject &r) {
        return meta(r).value(u"name"_s).toString() == revisionName;
    });
    if (current == owned.end()) {
        QJsonObject labels = meta(podTemplate).value(u"labels"_s).toObject();
        labels.insert(u"controller.kubernetes.io/hash"_s, hash);
        QJsonObject replaced = podTemplate;
        replaced.insert(u"$patch"_s, u"replace"_s);
        owned << m_cluster->putInternal(
            *revisionType,
            QJsonObject {
                {u"metadata"_s,
                 QJsonObject {{u"name"_s, revisionName},
                              {u"namespace"_s, ns},
                              {u"labels"_s, labels},
                              {u"ownerReferences"_s, QJsonArray {controllerRef(workload, kind)}}}},
                {u"data"_s, QJsonObject {{u"spec"_s, QJsonObject {{u"template"_s, replaced}}}}},
                {u"revision"_s, maxRevision + 1}},
            kManager);
    } else if (current->value(u"revision"_s).toInteger() < maxRevision) {
        QJsonObject next = *current;
        next.insert(u"revision"_s, maxRevision + 1);
        *current = m_cluster->putInternal(*revisionType, next, kManager);
    }
    const int limit
        = workload.value(u"spec"_s).toObject().value(u"revisionHistoryLimit"_s).toInt(10);
    std::sort(owned.begin(), owned.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"revision"_s).toInteger() < b.value(u"revision"_s).toInteger();
    });
    for (qsizetype i = 0; i + limit + 1 < owned.size(); ++i)
        store.remove(kRevisions, ns, meta(owned[i]).value(u"name"_s).toString());
    return hash;
}

void Controllers::reconcilePodOwner(const QString &typeKey, const QString &ns, const QString &name,
                                    const PodsByOwner &podsByOwner)
{
    Store &store = m_cluster->store();
    const auto workload = store.get(typeKey, ns, name);
    if (!workload)
        return; // its pods go with it (garbage collection)
    const bool stateful = typeKey == kStatefulSets;
    const QString kind = stateful ? u"StatefulSet"_s : u"DaemonSet"_s;
    const QJsonObject wm = meta(*workload);
    const QJsonObject spec = workload->value(u"spec"_s).toObject();
    const QJsonObject podTemplate = spec.value(u"template"_s).toObject();
    const QString hash = revisionFor(typeKey, *workload);
    const QString revisionLabel = stateful ? name + u'-' + hash : hash;
    QStringList nodes;
    for (const auto &entry : store.objects(u"nodes"_s))
        nodes << meta(entry.second).value(u"name"_s).toString();
    const int desired = stateful ? spec.value(u"replicas"_s).toInt(1) : int(nodes.size());

    QList<QJsonObject> current;
    for (const QJsonObject &pod :
         liveDependents(store, kPods, ns, podsByOwner.value(wm.value(u"uid"_s).toString()))) {
        const QJsonObject labels = meta(pod).value(u"labels"_s).toObject();
        const int ordinal = labels.value(u"apps.kubernetes.io/pod-index"_s).toString().toInt();
        const bool wanted = labels.value(u"controller-revision-hash"_s).toString() == revisionLabel
            && (!stateful || ordinal < desired)
            && (stateful
                || nodes.contains(pod.value(u"spec"_s).toObject().value(u"nodeName"_s).toString()));
        if (wanted)
            current << pod;
        else
            deletePod(*workload, kind, pod);
    }
    QSet<QString> taken; // ordinals or nodes with a pod
    for (const QJsonObject &p : current)
        taken.insert(stateful ? meta(p).value(u"name"_s).toString()
                              : p.value(u"spec"_s).toObject().value(u"nodeName"_s).toString());
    for (int i = 0; i < desired; ++i) {
        const QString slot = stateful ? name + u'-' + QString::number(i) : nodes[i];
        if (taken.contains(slot))
            continue;
        QJsonObject pm = podTemplate.value(u"metadata"_s).toObject();
        QJsonObject labels = pm.value(u"labels"_s).toObject();
        labels.insert(u"controller-revision-hash"_s, revisionLabel);
        QJsonObject podSpec = podTemplate.value(u"spec"_s).toObject();
        if (stateful) {
            labels.insert(u"statefulset.kubernetes.io/pod-name"_s, slot);
            labels.insert(u"apps.kubernetes.io/pod-index"_s, QString::number(i));
            pm.insert(u"name"_s, slot);
        } else {
            labels.insert(u"pod-template-generation"_s,
                          QString::number(wm.value(u"generation"_s).toInteger(1)));
            pm.insert(u"name"_s, name + u'-' + randomSuffix());
            podSpec.insert(u"nodeName"_s, slot);
        }
        pm.insert(u"labels"_s, labels);
        pm.insert(u"generateName"_s, name + u'-');
        pm.insert(u"namespace"_s, ns);
        const auto pod = createPod(*workload, kind, pm, podSpec);
        if (!pod)
            break;
        current << *pod;
    }
    int ready = 0;
    for (const QJsonObject &p : current)
        ready += isReady(p);
    const int count = int(current.size());
    QJsonObject status;
    if (stateful)
        status = QJsonObject {{u"observedGeneration"_s, wm.value(u"generation"_s)},
                              {u"replicas"_s, count},
                              {u"readyReplicas"_s, ready},
                              {u"currentReplicas"_s, count},
                              {u"updatedReplicas"_s, count},
                              {u"availableReplicas"_s, ready},
                              {u"currentRevision"_s, revisionLabel},
                              {u"updateRevision"_s, revisionLabel},
                              {u"collisionCount"_s, 0}};
    else
        status = QJsonObject {{u"observedGeneration"_s, wm.value(u"generation"_s)},
                              {u"desiredNumberScheduled"_s, desired},
                              {u"currentNumberScheduled"_s, count},
                              {u"numberMisscheduled"_s, 0},
                              {u"numberReady"_s, ready},
                              {u"updatedNumberScheduled"_s, count},
                              {u"numberAvailable"_s, ready}};
    if (workload->value(u"status"_s).toObject() != status) {
        QJsonObject next = *workload;
        next.insert(u"status"_s, status);
        m_cluster->putInternal(*m_cluster->registry().byKey(typeKey), next, kManager);
    }
}

} // namespace md::sim

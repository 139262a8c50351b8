// meshsim's workloads and Events as real kubectl sees them: a Deployment owns ReplicaSets
// (pod-template-hash, revisions) that own the Pods; rollout restart, history and undo;
// revisionHistoryLimit; StatefulSets and DaemonSets owning their Pods with
// controller-revision-hash; Events for scheduling, containers, injection, restarts and
// failed injections, listed by `kubectl get events` and shown by `kubectl describe`.

#include "meshsimprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using md::testing::CommandResult;
using md::testing::MeshsimProcess;

namespace {

const QString kShared = QStringLiteral(MESHDESK_SHARED_DIR);
const QString kNs = QStringLiteral("wl-test");

QByteArray deployment(const QString &name, int replicas, const QByteArray &extraSpec = {},
                      const QByteArray &templateAnnotations = {})
{
    QByteArray y = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name.toUtf8()
        + "\n  annotations:\n    kubernetes.io/change-cause: first release\nspec:\n  replicas: "
        + QByteArray::number(replicas) + "\n" + extraSpec
        + "  selector:\n    matchLabels: {app: " + name.toUtf8()
        + "}\n  template:\n    metadata:\n      labels: {app: " + name.toUtf8() + "}\n";
    if (!templateAnnotations.isEmpty())
        y += "      annotations:\n" + templateAnnotations;
    y += "    spec:\n      containers:\n      - name: app\n        image: example/" + name.toUtf8()
        + ":1\n";
    return y;
}

QJsonObject meta(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject();
}

QJsonObject owner(const QJsonObject &o)
{
    return meta(o).value(u"ownerReferences"_s).toArray().first().toObject();
}

} // namespace

#define KUBECTL_OK(result)                                                                         \
    do {                                                                                           \
        const CommandResult &r_ = (result);                                                        \
        QVERIFY2(r_.finished &&r_.exitCode == 0, qPrintable(r_.describe()));                       \
    } while (false)

class TestMeshsimWorkloads : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void deploymentOwnsReplicaSetOwnsPods();
    void demoScenarioPodsGoThroughReplicaSets();
    void rolloutRestartMakesANewReplicaSet();
    void rolloutHistoryListsRevisions();
    void rolloutUndoGoesBack();
    void revisionHistoryLimitDeletesOldReplicaSets();
    void eventsOfAPod();
    void eventsServedAsEventsV1();
    void failedInjectionRecordsFailedCreate();
    void statefulSetAndDaemonSetOwnTheirPods();

private:
    QList<QJsonObject> items(const QStringList &args);
    QList<QJsonObject> replicaSetsOf(const QString &app);
    QList<QJsonObject> eventsFor(const QString &kind, const QString &name);

    MeshsimProcess m_sim;
};

void TestMeshsimWorkloads::initTestCase()
{
    QVERIFY2(!MeshsimProcess::kubectlPath().isEmpty(),
             "kubectl is required for this test (scripts/install-deps.sh)");
    const QString error = m_sim.start(
        {u"--scenario"_s, u"demo"_s, u"--crds"_s, kShared + u"/istio/crd-all.gen.yaml"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    KUBECTL_OK(m_sim.kubectl({u"create"_s, u"namespace"_s, kNs}));
    KUBECTL_OK(m_sim.kubectl({u"label"_s, u"namespace"_s, kNs, u"istio-injection=enabled"_s}));
    KUBECTL_OK(m_sim.kubectl({u"apply"_s, u"-n"_s, kNs, u"-f"_s, u"-"_s}, deployment(u"web"_s, 2)));
    KUBECTL_OK(m_sim.kubectl(
        {u"rollout"_s, u"status"_s, u"deploy/web"_s, u"-n"_s, kNs, u"--timeout=30s"_s}));
}

void TestMeshsimWorkloads::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

QList<QJsonObject> TestMeshsimWorkloads::items(const QStringList &args)
{
    const CommandResult r
        = m_sim.kubectl(QStringList {u"get"_s} + args + QStringList {u"-o"_s, u"json"_s});
    if (!r.finished || r.exitCode != 0) {
        qWarning("%s", qPrintable(r.describe()));
        return {};
    }
    QList<QJsonObject> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).object().value(u"items"_s).toArray())
        out << v.toObject();
    return out;
}

QList<QJsonObject> TestMeshsimWorkloads::replicaSetsOf(const QString &app)
{
    return items({u"rs"_s, u"-n"_s, kNs, u"-l"_s, u"app="_s + app});
}

QList<QJsonObject> TestMeshsimWorkloads::eventsFor(const QString &kind, const QString &name)
{
    return items({u"events"_s, u"-n"_s, kNs, u"--field-selector"_s,
                  u"involvedObject.kind="_s + kind + u",involvedObject.name="_s + name});
}

void TestMeshsimWorkloads::deploymentOwnsReplicaSetOwnsPods()
{
    const QList<QJsonObject> sets = replicaSetsOf(u"web"_s);
    QCOMPARE(sets.size(), 1);
    const QJsonObject rs = sets.first();
    const QString hash
        = meta(rs).value(u"labels"_s).toObject().value(u"pod-template-hash"_s).toString();
    QVERIFY(!hash.isEmpty());
    const QString rsName = meta(rs).value(u"name"_s).toString();
    QCOMPARE(rsName, u"web-"_s + hash);
    QCOMPARE(owner(rs).value(u"kind"_s).toString(), u"Deployment"_s);
    QCOMPARE(owner(rs).value(u"name"_s).toString(), u"web"_s);
    QVERIFY(owner(rs).value(u"controller"_s).toBool());
    QCOMPARE(meta(rs)
                 .value(u"annotations"_s)
                 .toObject()
                 .value(u"deployment.kubernetes.io/revision"_s)
                 .toString(),
             u"1"_s);
    QCOMPARE(rs.value(u"spec"_s)
                 .toObject()
                 .value(u"selector"_s)
                 .toObject()
                 .value(u"matchLabels"_s)
                 .toObject()
                 .value(u"pod-template-hash"_s)
                 .toString(),
             hash);

    const QList<QJsonObject> pods = items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=web"_s});
    QCOMPARE(pods.size(), 2);
    for (const QJsonObject &pod : pods) {
        QCOMPARE(owner(pod).value(u"kind"_s).toString(), u"ReplicaSet"_s);
        QCOMPARE(owner(pod).value(u"name"_s).toString(), rsName);
        QCOMPARE(owner(pod).value(u"uid"_s), meta(rs).value(u"uid"_s));
        QCOMPARE(meta(pod).value(u"labels"_s).toObject().value(u"pod-template-hash"_s).toString(),
                 hash);
        QVERIFY(meta(pod).value(u"name"_s).toString().startsWith(rsName + u'-'));
    }
    const CommandResult table = m_sim.kubectl({u"get"_s, u"rs"_s, u"-n"_s, kNs});
    KUBECTL_OK(table);
    QVERIFY2(table.out.contains("DESIRED") && table.out.contains(rsName.toUtf8()), table.out);

    // Deleting the deployment takes its replica sets and their pods with it.
    KUBECTL_OK(
        m_sim.kubectl({u"apply"_s, u"-n"_s, kNs, u"-f"_s, u"-"_s}, deployment(u"gone"_s, 1)));
    KUBECTL_OK(m_sim.kubectl(
        {u"rollout"_s, u"status"_s, u"deploy/gone"_s, u"-n"_s, kNs, u"--timeout=30s"_s}));
    QCOMPARE(replicaSetsOf(u"gone"_s).size(), 1);
    KUBECTL_OK(m_sim.kubectl({u"delete"_s, u"deploy"_s, u"gone"_s, u"-n"_s, kNs}));
    QTRY_COMPARE_WITH_TIMEOUT(replicaSetsOf(u"gone"_s).size(), 0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=gone"_s}).size(), 0,
                              20000);
}

void TestMeshsimWorkloads::demoScenarioPodsGoThroughReplicaSets()
{
    const QList<QJsonObject> pods
        = items({u"pods"_s, u"-n"_s, u"bookinfo"_s, u"-l"_s, u"app=reviews"_s});
    QVERIFY(!pods.isEmpty());
    const QList<QJsonObject> sets = items({u"rs"_s, u"-n"_s, u"bookinfo"_s});
    for (const QJsonObject &pod : pods) {
        QCOMPARE(owner(pod).value(u"kind"_s).toString(), u"ReplicaSet"_s);
        const auto rs = std::find_if(sets.begin(), sets.end(), [&](const QJsonObject &s) {
            return meta(s).value(u"uid"_s) == owner(pod).value(u"uid"_s);
        });
        QVERIFY(rs != sets.end());
        QCOMPARE(owner(*rs).value(u"kind"_s).toString(), u"Deployment"_s);
        QVERIFY(owner(*rs).value(u"name"_s).toString().startsWith(u"reviews-v"_s));
    }
}

void TestMeshsimWorkloads::rolloutRestartMakesANewReplicaSet()
{
    const QString first = meta(replicaSetsOf(u"web"_s).first()).value(u"name"_s).toString();
    KUBECTL_OK(m_sim.kubectl({u"rollout"_s, u"restart"_s, u"deploy/web"_s, u"-n"_s, kNs}));
    KUBECTL_OK(m_sim.kubectl(
        {u"rollout"_s, u"status"_s, u"deploy/web"_s, u"-n"_s, kNs, u"--timeout=30s"_s}));
    QList<QJsonObject> sets = replicaSetsOf(u"web"_s);
    QCOMPARE(sets.size(), 2);
    QString second;
    for (const QJsonObject &rs : sets) {
        const QString name = meta(rs).value(u"name"_s).toString();
        const QString revision = meta(rs)
                                     .value(u"annotations"_s)
                                     .toObject()
                                     .value(u"deployment.kubernetes.io/revision"_s)
                                     .toString();
        const int replicas = rs.value(u"spec"_s).toObject().value(u"replicas"_s).toInt();
        if (name == first) {
            QCOMPARE(revision, u"1"_s);
            QCOMPARE(replicas, 0);
        } else {
            second = name;
            QCOMPARE(revision, u"2"_s);
            QCOMPARE(replicas, 2);
        }
    }
    QVERIFY(!second.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QList<QJsonObject> pods = items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=web"_s});
            return pods.size() == 2
                && std::all_of(pods.begin(), pods.end(), [&](const QJsonObject &p) {
                       return owner(p).value(u"name"_s).toString() == second;
                   });
        }(),
        20000);
    // The deployment controller says what it did, the kubelet stopped the old containers.
    QStringList messages;
    for (const QJsonObject &e : eventsFor(u"Deployment"_s, u"web"_s)) {
        QCOMPARE(e.value(u"reason"_s).toString(), u"ScalingReplicaSet"_s);
        QCOMPARE(e.value(u"source"_s).toObject().value(u"component"_s).toString(),
                 u"deployment-controller"_s);
        messages << e.value(u"message"_s).toString();
    }
    QVERIFY2(messages.contains(u"Scaled up replica set "_s + first + u" from 0 to 2"_s),
             qPrintable(messages.join(u'\n')));
    QVERIFY2(messages.contains(u"Scaled up replica set "_s + second + u" from 0 to 2"_s),
             qPrintable(messages.join(u'\n')));
    QVERIFY2(messages.contains(u"Scaled down replica set "_s + first + u" from 2 to 0"_s),
             qPrintable(messages.join(u'\n')));
    bool killing = false;
    for (const QJsonObject &e :
         items({u"events"_s, u"-n"_s, kNs, u"--field-selector"_s, u"reason=Killing"_s}))
        killing |= e.value(u"involvedObject"_s)
                       .toObject()
                       .value(u"name"_s)
                       .toString()
                       .startsWith(first + u'-')
            && e.value(u"message"_s).toString() == u"Stopping container app"_s;
    QVERIFY(killing);
}

void TestMeshsimWorkloads::rolloutHistoryListsRevisions()
{
    const CommandResult history
        = m_sim.kubectl({u"rollout"_s, u"history"_s, u"deploy/web"_s, u"-n"_s, kNs});
    KUBECTL_OK(history);
    QVERIFY2(history.out.contains("REVISION") && history.out.contains("CHANGE-CAUSE"), history.out);
    for (const char *revision : {"1", "2"}) {
        const QRegularExpression line(u"^"_s + QLatin1String(revision) + u"\\s+first release$"_s,
                                      QRegularExpression::MultilineOption);
        QVERIFY2(line.match(QString::fromUtf8(history.out)).hasMatch(), history.out);
    }
    const CommandResult one = m_sim.kubectl(
        {u"rollout"_s, u"history"_s, u"deploy/web"_s, u"-n"_s, kNs, u"--revision=2"_s});
    KUBECTL_OK(one);
    QVERIFY2(one.out.contains("kubectl.kubernetes.io/restartedAt"), one.out);
}

void TestMeshsimWorkloads::rolloutUndoGoesBack()
{
    QString first;
    for (const QJsonObject &rs : replicaSetsOf(u"web"_s))
        if (meta(rs)
                .value(u"annotations"_s)
                .toObject()
                .value(u"deployment.kubernetes.io/revision"_s)
                .toString()
            == u"1"_s)
            first = meta(rs).value(u"name"_s).toString();
    QVERIFY(!first.isEmpty());
    const CommandResult undo
        = m_sim.kubectl({u"rollout"_s, u"undo"_s, u"deploy/web"_s, u"-n"_s, kNs});
    KUBECTL_OK(undo);
    QVERIFY2(undo.out.contains("deployment.apps/web rolled back"), undo.out);
    KUBECTL_OK(m_sim.kubectl(
        {u"rollout"_s, u"status"_s, u"deploy/web"_s, u"-n"_s, kNs, u"--timeout=30s"_s}));
    // The first replica set is back, as revision 3, and runs the pods again.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonObject &rs : replicaSetsOf(u"web"_s)) {
                const bool isFirst = meta(rs).value(u"name"_s).toString() == first;
                const int replicas = rs.value(u"spec"_s).toObject().value(u"replicas"_s).toInt();
                if (isFirst != (replicas == 2))
                    return false;
                if (isFirst
                    && meta(rs)
                            .value(u"annotations"_s)
                            .toObject()
                            .value(u"deployment.kubernetes.io/revision"_s)
                            .toString()
                        != u"3"_s)
                    return false;
            }
            return true;
        }(),
        20000);
    const CommandResult restartedAt
        = m_sim.kubectl({u"get"_s, u"deploy"_s, u"web"_s, u"-n"_s, kNs, u"-o"_s,
                         u"jsonpath={.spec.template.metadata.annotations}"_s});
    KUBECTL_OK(restartedAt);
    QVERIFY2(!restartedAt.out.contains("restartedAt"), restartedAt.out);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QList<QJsonObject> pods = items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=web"_s});
            return pods.size() == 2
                && std::all_of(pods.begin(), pods.end(), [&](const QJsonObject &p) {
                       return owner(p).value(u"name"_s).toString() == first;
                   });
        }(),
        20000);
    const CommandResult history
        = m_sim.kubectl({u"rollout"_s, u"history"_s, u"deploy/web"_s, u"-n"_s, kNs});
    KUBECTL_OK(history);
    QVERIFY2(history.out.contains("\n2 ") && history.out.contains("\n3 ")
                 && !history.out.contains("\n1 "),
             history.out);
}

void TestMeshsimWorkloads::revisionHistoryLimitDeletesOldReplicaSets()
{
    KUBECTL_OK(m_sim.kubectl({u"apply"_s, u"-n"_s, kNs, u"-f"_s, u"-"_s},
                             deployment(u"short"_s, 1, "  revisionHistoryLimit: 1\n")));
    for (int i = 0; i < 3; ++i) {
        // Each step is a new pod template, hence a new replica set.
        KUBECTL_OK(m_sim.kubectl({u"set"_s, u"env"_s, u"deploy/short"_s, u"-n"_s, kNs,
                                  u"STEP="_s + QString::number(i)}));
        KUBECTL_OK(m_sim.kubectl(
            {u"rollout"_s, u"status"_s, u"deploy/short"_s, u"-n"_s, kNs, u"--timeout=30s"_s}));
    }
    QTRY_COMPARE_WITH_TIMEOUT(replicaSetsOf(u"short"_s).size(), 2, 20000);
    QStringList revisions;
    for (const QJsonObject &rs : replicaSetsOf(u"short"_s))
        revisions << meta(rs)
                         .value(u"annotations"_s)
                         .toObject()
                         .value(u"deployment.kubernetes.io/revision"_s)
                         .toString();
    revisions.sort();
    QCOMPARE(revisions, (QStringList {u"3"_s, u"4"_s}));
}

void TestMeshsimWorkloads::eventsOfAPod()
{
    const QList<QJsonObject> pods = items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=web"_s});
    QVERIFY(!pods.isEmpty());
    const QString pod = meta(pods.first()).value(u"name"_s).toString();
    QStringList reasons;
    for (const QJsonObject &e : eventsFor(u"Pod"_s, pod)) {
        reasons << e.value(u"reason"_s).toString();
        QCOMPARE(e.value(u"involvedObject"_s).toObject().value(u"uid"_s),
                 meta(pods.first()).value(u"uid"_s));
    }
    for (const QString &r :
         {u"Scheduled"_s, u"Injected"_s, u"Pulled"_s, u"Created"_s, u"Started"_s})
        QVERIFY2(reasons.contains(r), qPrintable(r + u": "_s + reasons.join(u',')));

    // kubectl's own table and describe.
    const CommandResult table
        = m_sim.kubectl({u"get"_s, u"events"_s, u"-n"_s, kNs, u"--field-selector"_s,
                         u"involvedObject.name="_s + pod});
    KUBECTL_OK(table);
    QVERIFY2(table.out.contains("LAST SEEN") && table.out.contains("Scheduled")
                 && table.out.contains(QString(u"pod/"_s + pod).toUtf8())
                 && table.out.contains("Started container istio-proxy"),
             table.out);
    const CommandResult describe = m_sim.kubectl({u"describe"_s, u"pod"_s, pod, u"-n"_s, kNs});
    KUBECTL_OK(describe);
    QVERIFY2(describe.out.contains("Events:") && describe.out.contains("default-scheduler")
                 && describe.out.contains(
                     QByteArray(QByteArray("Successfully assigned wl-test/") + pod.toUtf8()))
                 && describe.out.contains("Started container app"),
             describe.out);
    const CommandResult one = m_sim.kubectl(
        {u"get"_s, u"event"_s, meta(eventsFor(u"Pod"_s, pod).first()).value(u"name"_s).toString(),
         u"-n"_s, kNs, u"-o"_s, u"name"_s});
    KUBECTL_OK(one);
    QVERIFY(one.out.startsWith("event/"));
}

void TestMeshsimWorkloads::eventsServedAsEventsV1()
{
    const QList<QJsonObject> events = items({u"events.v1.events.k8s.io"_s, u"-n"_s, kNs});
    QVERIFY(!events.isEmpty());
    bool scheduled = false;
    for (const QJsonObject &e : events) {
        QCOMPARE(e.value(u"apiVersion"_s).toString(), u"events.k8s.io/v1"_s);
        scheduled |= e.value(u"reason"_s).toString() == u"Scheduled"_s
            && e.value(u"regarding"_s).toObject().value(u"kind"_s).toString() == u"Pod"_s
            && e.value(u"note"_s).toString().startsWith(u"Successfully assigned wl-test/"_s);
    }
    QVERIFY(scheduled);
}

void TestMeshsimWorkloads::failedInjectionRecordsFailedCreate()
{
    KUBECTL_OK(m_sim.kubectl(
        {u"apply"_s, u"-n"_s, kNs, u"-f"_s, u"-"_s},
        deployment(u"broken"_s, 1, {}, "        meshsim.io/failure: InjectionFailed\n")));
    QTRY_VERIFY_WITH_TIMEOUT(!replicaSetsOf(u"broken"_s).isEmpty(), 20000);
    const QString rs = meta(replicaSetsOf(u"broken"_s).first()).value(u"name"_s).toString();
    QTRY_VERIFY_WITH_TIMEOUT(!eventsFor(u"ReplicaSet"_s, rs).isEmpty(), 20000);
    bool failed = false;
    for (const QJsonObject &e : eventsFor(u"ReplicaSet"_s, rs))
        failed |= e.value(u"reason"_s).toString() == u"FailedCreate"_s
            && e.value(u"type"_s).toString() == u"Warning"_s
            && e.value(u"message"_s)
                   .toString()
                   .contains(u"failed calling webhook \"namespace.sidecar-injector.istio.io\""_s);
    QVERIFY(failed);
    QCOMPARE(items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=broken"_s}).size(), 0);
    // The same admission failure reaches a client creating such a pod itself.
    const CommandResult direct
        = m_sim.kubectl({u"run"_s, u"lone"_s, u"-n"_s, kNs, u"--image=example/lone:1"_s,
                         u"--annotations=meshsim.io/failure=InjectionFailed"_s});
    QVERIFY(direct.exitCode != 0);
    QVERIFY2(direct.err.contains("failed calling webhook"), direct.err);
}

void TestMeshsimWorkloads::statefulSetAndDaemonSetOwnTheirPods()
{
    const QByteArray sts = R"(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: 2
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: example/db:1
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: example/agent:1
)";
    KUBECTL_OK(m_sim.kubectl({u"apply"_s, u"-n"_s, kNs, u"-f"_s, u"-"_s}, sts));
    KUBECTL_OK(
        m_sim.kubectl({u"rollout"_s, u"status"_s, u"sts/db"_s, u"-n"_s, kNs, u"--timeout=30s"_s}));
    QList<QJsonObject> revisions
        = items({u"controllerrevisions"_s, u"-n"_s, kNs, u"-l"_s, u"app=db"_s});
    QCOMPARE(revisions.size(), 1);
    const QString revision = meta(revisions.first()).value(u"name"_s).toString();
    QCOMPARE(owner(revisions.first()).value(u"kind"_s).toString(), u"StatefulSet"_s);
    QList<QJsonObject> pods = items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=db"_s});
    QStringList names;
    for (const QJsonObject &p : pods) {
        names << meta(p).value(u"name"_s).toString();
        QCOMPARE(owner(p).value(u"kind"_s).toString(), u"StatefulSet"_s);
        QCOMPARE(
            meta(p).value(u"labels"_s).toObject().value(u"controller-revision-hash"_s).toString(),
            revision);
    }
    names.sort();
    QCOMPARE(names, (QStringList {u"db-0"_s, u"db-1"_s}));
    KUBECTL_OK(m_sim.kubectl({u"rollout"_s, u"restart"_s, u"sts/db"_s, u"-n"_s, kNs}));
    QTRY_COMPARE_WITH_TIMEOUT(
        items({u"controllerrevisions"_s, u"-n"_s, kNs, u"-l"_s, u"app=db"_s}).size(), 2, 20000);
    const CommandResult history
        = m_sim.kubectl({u"rollout"_s, u"history"_s, u"sts/db"_s, u"-n"_s, kNs});
    KUBECTL_OK(history);
    QVERIFY2(history.out.contains("\n1 ") && history.out.contains("\n2 "), history.out);

    KUBECTL_OK(m_sim.kubectl(
        {u"rollout"_s, u"status"_s, u"ds/agent"_s, u"-n"_s, kNs, u"--timeout=30s"_s}));
    const int nodes = items({u"nodes"_s}).size();
    QVERIFY(nodes > 0);
    pods = items({u"pods"_s, u"-n"_s, kNs, u"-l"_s, u"app=agent"_s});
    QCOMPARE(pods.size(), nodes);
    QSet<QString> onNodes;
    for (const QJsonObject &p : pods) {
        QCOMPARE(owner(p).value(u"kind"_s).toString(), u"DaemonSet"_s);
        QVERIFY(!meta(p)
                     .value(u"labels"_s)
                     .toObject()
                     .value(u"controller-revision-hash"_s)
                     .toString()
                     .isEmpty());
        onNodes.insert(p.value(u"spec"_s).toObject().value(u"nodeName"_s).toString());
    }
    QCOMPARE(onNodes.size(), nodes);
}

QTEST_GUILESS_MAIN(TestMeshsimWorkloads)
#include "tst_meshsim_workloads.moc"

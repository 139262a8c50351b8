// meshsim as real kubectl sees it: discovery, apply (client- and server-side) of Istio's
// bookinfo samples against the real CRDs, validation errors, authorization, conflicts,
// patches, watch, delete, rollout restart, persistence.

#include "meshsimprocess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using md::testing::CommandResult;
using md::testing::MeshsimProcess;

namespace {

const QString kShared = QStringLiteral(MESHDESK_SHARED_DIR);

QString sample(const QString &name)
{
    return kShared + u"/istio/samples/bookinfo/"_s + name;
}

QByteArray namespaceYaml(const QString &name, bool injected)
{
    QByteArray y = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name.toUtf8() + "\n";
    if (injected)
        y += "  labels:\n    istio-injection: enabled\n";
    return y;
}

} // namespace

#define KUBECTL_OK(result)                                                                         \
    do {                                                                                           \
        const CommandResult &r_ = (result);                                                        \
        QVERIFY2(r_.finished &&r_.exitCode == 0, qPrintable(r_.describe()));                       \
    } while (false)

class TestMeshsimKubectl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void discovery();
    void applyBookinfoClientSide();
    void applyServerSideAndGetYaml();
    void invalidVirtualServiceIs422NamingTheField();
    void unknownFieldStrictAndWarn();
    void viewerCannotWrite();
    void wrongTokenIsUnauthorized();
    void staleReplaceConflicts();
    void patchTypes();
    void serverSideApplyConflicts();
    void watchReceivesEvents();
    void deleteRemoves();
    void rolloutRestartRecreatesInjectedPods();
    void dryRunDoesNotPersist();
    void stateSurvivesRestart();
    void tableOutput();
    void typedClientCommands();
    void customResourceDefinitionLifecycle();

private:
    MeshsimProcess m_sim;
};

void TestMeshsimKubectl::initTestCase()
{
    QVERIFY2(!MeshsimProcess::kubectlPath().isEmpty(),
             "kubectl is required for this test (scripts/install-deps.sh)");
    QVERIFY2(QFile::exists(kShared + u"/istio/crd-all.gen.yaml"_s), "missing ../shared/istio");
    const QString error = m_sim.start({u"--crds"_s, kShared + u"/istio/crd-all.gen.yaml"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_sim.readyLine().contains(u"kubeconfig="_s + m_sim.kubeconfig()));
    KUBECTL_OK(
        m_sim.kubectl({u"apply"_s, u"-f"_s, u"-"_s}, namespaceYaml(u"bookinfo-test"_s, true)));
}

void TestMeshsimKubectl::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void TestMeshsimKubectl::discovery()
{
    const CommandResult version = m_sim.kubectl({u"version"_s, u"-o"_s, u"json"_s});
    KUBECTL_OK(version);
    QVERIFY(version.out.contains("\"gitVersion\": \"v1.32.0-meshsim\""));

    const CommandResult resources = m_sim.kubectl({u"api-resources"_s});
    KUBECTL_OK(resources);
    for (const char *kind : {"virtualservices", "destinationrules", "authorizationpolicies",
                             "deployments", "customresourcedefinitions", "pods"})
        QVERIFY2(resources.out.contains(kind), kind);

    const CommandResult ns = m_sim.kubectl({u"get"_s, u"namespaces"_s, u"-o"_s, u"name"_s});
    KUBECTL_OK(ns);
    QVERIFY(ns.out.contains("namespace/istio-system"));
    QVERIFY(ns.out.contains("namespace/bookinfo")); // the demo scenario

    const CommandResult istiod
        = m_sim.kubectl({u"get"_s, u"deploy"_s, u"istiod"_s, u"-n"_s, u"istio-system"_s, u"-o"_s,
                         u"jsonpath={.metadata.labels.app\\.kubernetes\\.io/version}"_s});
    KUBECTL_OK(istiod);
    QVERIFY(!istiod.out.trimmed().isEmpty());

    const CommandResult member
        = m_sim.kubectl({u"--context"_s, u"meshsim-member"_s, u"get"_s, u"deploy"_s, u"-n"_s,
                         u"bookinfo"_s, u"-o"_s, u"name"_s});
    KUBECTL_OK(member);
    QVERIFY(member.out.contains("deployment.apps/reviews-v3"));
}

void TestMeshsimKubectl::applyBookinfoClientSide()
{
    const QStringList ns {u"-n"_s, u"bookinfo-test"_s};
    for (const QString &file :
         {u"bookinfo.yaml"_s, u"bookinfo-gateway.yaml"_s, u"destination-rule-all.yaml"_s})
        KUBECTL_OK(m_sim.kubectl(QStringList {u"apply"_s, u"-f"_s, sample(file)} + ns));
    // Applying again changes nothing.
    const CommandResult again
        = m_sim.kubectl(QStringList {u"apply"_s, u"-f"_s, sample(u"bookinfo.yaml"_s)} + ns);
    KUBECTL_OK(again);
    QVERIFY2(again.out.contains("deployment.apps/reviews-v2 unchanged"), again.out);

    const CommandResult pods = m_sim.kubectl(
        QStringList {
            u"get"_s, u"pods"_s, u"-l"_s, u"app=reviews"_s, u"-o"_s,
            u"jsonpath={range .items[*]}{.metadata.name} {.spec.containers[*].name}{\"\\n\"}{end}"_s}
        + ns);
    KUBECTL_OK(pods);
    const QList<QByteArray> lines = pods.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    for (const QByteArray &line : lines)
        QVERIFY2(line.contains("istio-proxy"), line); // injected: namespace label
}

void TestMeshsimKubectl::applyServerSideAndGetYaml()
{
    const CommandResult ssa
        = m_sim.kubectl({u"apply"_s, u"--server-side"_s, u"-f"_s,
                         sample(u"virtual-service-all-v1.yaml"_s), u"-n"_s, u"bookinfo-test"_s});
    KUBECTL_OK(ssa);
    QVERIFY2(ssa.out.contains("virtualservice.networking.istio.io/reviews serverside-applied"),
             ssa.out);

    const CommandResult all
        = m_sim.kubectl({u"get"_s, u"virtualservices"_s, u"-A"_s, u"-o"_s, u"yaml"_s});
    KUBECTL_OK(all);
    for (const char *name : {"name: productpage", "name: reviews", "name: ratings", "name: details",
                             "name: bookinfo", "namespace: bookinfo-test", "subset: v1"})
        QVERIFY2(all.out.contains(name), name);

    const CommandResult managed
        = m_sim.kubectl({u"get"_s, u"vs"_s, u"reviews"_s, u"-n"_s, u"bookinfo-test"_s, u"-o"_s,
                         u"yaml"_s, u"--show-managed-fields"_s});
    KUBECTL_OK(managed);
    QVERIFY(managed.out.contains("manager: kubectl"));
    QVERIFY(managed.out.contains("operation: Apply"));
}

void TestMeshsimKubectl::invalidVirtualServiceIs422NamingTheField()
{
    const QByteArray bad = "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                           "metadata:\n  name: bad-weight\n  namespace: bookinfo-test\n"
                           "spec:\n  hosts: [reviews]\n  http:\n  - route:\n"
                           "    - destination:\n        host: reviews\n      weight: heavy\n";
    const CommandResult r = m_sim.kubectl({u"apply"_s, u"-f"_s, u"-"_s, u"-v=6"_s}, bad);
    QVERIFY2(r.finished && r.exitCode != 0, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("422 Unprocessable Entity"), r.err);
    QVERIFY2(r.err.contains("is invalid"), r.err);
    QVERIFY2(r.err.contains("spec.http[0].route[0].weight"), r.err);

    const CommandResult gone
        = m_sim.kubectl({u"get"_s, u"vs"_s, u"bad-weight"_s, u"-n"_s, u"bookinfo-test"_s});
    QVERIFY(gone.exitCode != 0);
    QVERIFY2(gone.err.contains("NotFound") || gone.err.contains("not found"), gone.err);
}

void TestMeshsimKubectl::unknownFieldStrictAndWarn()
{
    const QByteArray doc = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\n"
                           "metadata:\n  name: extra-field\n  namespace: bookinfo-test\n"
                           "spec:\n  host: ratings\n  bogus: 1\n";
    const CommandResult strict = m_sim.kubectl({u"apply"_s, u"-f"_s, u"-"_s}, doc);
    QVERIFY2(strict.exitCode != 0, qPrintable(strict.describe()));
    QVERIFY2(strict.err.contains("unknown field \"spec.bogus\""), strict.err);

    const CommandResult warn
        = m_sim.kubectl({u"apply"_s, u"--validate=warn"_s, u"-f"_s, u"-"_s}, doc);
    KUBECTL_OK(warn);
    QVERIFY2(warn.err.contains("Warning: unknown field \"spec.bogus\""), warn.err);
    const CommandResult stored
        = m_sim.kubectl({u"get"_s, u"dr"_s, u"extra-field"_s, u"-n"_s, u"bookinfo-test"_s, u"-o"_s,
                         u"jsonpath={.spec}"_s});
    KUBECTL_OK(stored);
    QCOMPARE(stored.out, QByteArray("{\"host\":\"ratings\"}")); // pruned
}

void TestMeshsimKubectl::viewerCannotWrite()
{
    const QStringList viewer {u"--context"_s, u"meshsim-primary-viewer"_s};
    const CommandResult read
        = m_sim.kubectl(viewer + QStringList {u"get"_s, u"vs"_s, u"-n"_s, u"bookinfo-test"_s});
    KUBECTL_OK(read);
    const CommandResult del = m_sim.kubectl(
        viewer + QStringList {u"delete"_s, u"vs"_s, u"reviews"_s, u"-n"_s, u"bookinfo-test"_s});
    QVERIFY2(del.exitCode != 0, qPrintable(del.describe()));
    QVERIFY2(del.err.contains("Forbidden") && del.err.contains("cannot delete"), del.err);
    const CommandResult apply = m_sim.kubectl(
        viewer
        + QStringList {u"apply"_s, u"-f"_s, sample(u"virtual-service-reviews-v3.yaml"_s), u"-n"_s,
                       u"bookinfo-test"_s});
    QVERIFY(apply.exitCode != 0);
    QVERIFY2(apply.err.contains("Forbidden"), apply.err);
}

void TestMeshsimKubectl::wrongTokenIsUnauthorized()
{
    const CommandResult r = m_sim.kubectl({u"--token=not-a-token"_s, u"get"_s, u"pods"_s});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("Unauthorized"), r.err);
}

void TestMeshsimKubectl::staleReplaceConflicts()
{
    const CommandResult current = m_sim.kubectl(
        {u"get"_s, u"vs"_s, u"ratings"_s, u"-n"_s, u"bookinfo-test"_s, u"-o"_s, u"json"_s});
    KUBECTL_OK(current);
    const QString file = m_sim.workDir() + u"/ratings.json"_s;
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(current.out);
    f.close();
    KUBECTL_OK(m_sim.kubectl(
        {u"label"_s, u"vs"_s, u"ratings"_s, u"-n"_s, u"bookinfo-test"_s, u"touched=yes"_s}));
    const CommandResult replace = m_sim.kubectl({u"replace"_s, u"-f"_s, file});
    QVERIFY2(replace.exitCode != 0, qPrintable(replace.describe()));
    QVERIFY2(replace.err.contains("Conflict")
                 && replace.err.contains("the object has been modified"),
             replace.err);
}

void TestMeshsimKubectl::patchTypes()
{
    const QStringList target {u"vs"_s, u"details"_s, u"-n"_s, u"bookinfo-test"_s};
    KUBECTL_OK(m_sim.kubectl(
        QStringList {u"patch"_s} + target
        + QStringList {u"--type"_s, u"merge"_s, u"-p"_s,
                       u"{\"spec\":{\"hosts\":[\"details\",\"details.bookinfo-test\"]}}"_s}));
    KUBECTL_OK(m_sim.kubectl(
        QStringList {u"patch"_s} + target
        + QStringList {
            u"--type"_s, u"json"_s, u"-p"_s,
            u"[{\"op\":\"replace\",\"path\":\"/spec/hosts/1\",\"value\":\"details.example\"}]"_s}));
    const CommandResult hosts = m_sim.kubectl(
        QStringList {u"get"_s} + target
        + QStringList {u"-o"_s, u"jsonpath={.spec.hosts} {.metadata.generation}"_s});
    KUBECTL_OK(hosts);
    QCOMPARE(hosts.out, QByteArray("[\"details\",\"details.example\"] 3"));

    const CommandResult failedTest = m_sim.kubectl(
        QStringList {u"patch"_s} + target
        + QStringList {u"--type"_s, u"json"_s, u"-p"_s,
                       u"[{\"op\":\"test\",\"path\":\"/spec/hosts/0\",\"value\":\"nope\"}]"_s});
    QVERIFY(failedTest.exitCode != 0);

    const CommandResult strategic = m_sim.kubectl(
        QStringList {u"patch"_s} + target
        + QStringList {u"--type"_s, u"strategic"_s, u"-p"_s, u"{\"spec\":{\"hosts\":[\"x\"]}}"_s});
    QVERIFY(strategic.exitCode != 0);
    QVERIFY2(strategic.err.contains("application/strategic-merge-patch+json is not supported"),
             strategic.err);

    // Strategic merge on a built-in kind merges containers by name.
    KUBECTL_OK(m_sim.kubectl(
        {u"patch"_s, u"deploy"_s, u"ratings-v1"_s, u"-n"_s, u"bookinfo-test"_s, u"-p"_s,
         u"{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"ratings\",\"image\":\"example/ratings:v9\"}]}}}}"_s}));
    const CommandResult image = m_sim.kubectl(
        {u"get"_s, u"deploy"_s, u"ratings-v1"_s, u"-n"_s, u"bookinfo-test"_s, u"-o"_s,
         u"jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}"_s});
    KUBECTL_OK(image);
    QCOMPARE(image.out, QByteArray("example/ratings:v9 9080"));
}

void TestMeshsimKubectl::serverSideApplyConflicts()
{
    const QStringList base {u"apply"_s,
                            u"--server-side"_s,
                            u"-n"_s,
                            u"bookinfo-test"_s,
                            u"-f"_s,
                            sample(u"virtual-service-reviews-50-v3.yaml"_s),
                            u"--field-manager"_s,
                            u"canary-tool"_s};
    const CommandResult conflict = m_sim.kubectl(base);
    QVERIFY2(conflict.exitCode != 0, qPrintable(conflict.describe()));
    QVERIFY2(conflict.err.contains("Apply failed with")
                 && conflict.err.contains("conflict with \"kubectl\"")
                 && conflict.err.contains(".spec.http"),
             conflict.err);
    KUBECTL_OK(m_sim.kubectl(base + QStringList {u"--force-conflicts"_s}));
    const CommandResult weights
        = m_sim.kubectl({u"get"_s, u"vs"_s, u"reviews"_s, u"-n"_s, u"bookinfo-test"_s, u"-o"_s,
                         u"jsonpath={.spec.http[0].route[*].weight}"_s});
    KUBECTL_OK(weights);
    QCOMPARE(weights.out, QByteArray("50 50"));
}

void TestMeshsimKubectl::watchReceivesEvents()
{
    QProcess watch;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"KUBECONFIG"_s, m_sim.kubeconfig());
    env.insert(u"HOME"_s, m_sim.workDir());
    watch.setProcessEnvironment(env);
    watch.start(MeshsimProcess::kubectlPath(),
                {u"get"_s, u"vs"_s, u"-n"_s, u"bookinfo-test"_s, u"-w"_s,
                 u"--output-watch-events"_s, u"--request-timeout=30s"_s});
    QVERIFY(watch.waitForStarted());
    // The initial list arrives first.
    QByteArray seen;
    QTRY_VERIFY_WITH_TIMEOUT((seen += watch.readAllStandardOutput()).contains("productpage"),
                             20000);
    KUBECTL_OK(m_sim.kubectl(
        {u"annotate"_s, u"vs"_s, u"productpage"_s, u"-n"_s, u"bookinfo-test"_s, u"watched=yes"_s}));
    QTRY_VERIFY_WITH_TIMEOUT((seen += watch.readAllStandardOutput()).contains("MODIFIED"), 20000);
    QVERIFY(seen.contains("productpage"));
    watch.kill();
    watch.waitForFinished(5000);
}

void TestMeshsimKubectl::deleteRemoves()
{
    const CommandResult del
        = m_sim.kubectl({u"delete"_s, u"-f"_s, sample(u"destination-rule-all.yaml"_s), u"-n"_s,
                         u"bookinfo-test"_s});
    KUBECTL_OK(del);
    QVERIFY2(del.out.contains("destinationrule.networking.istio.io \"reviews\" deleted"), del.out);
    const CommandResult get
        = m_sim.kubectl({u"get"_s, u"dr"_s, u"reviews"_s, u"-n"_s, u"bookinfo-test"_s});
    QVERIFY(get.exitCode != 0);
    QVERIFY2(get.err.contains("NotFound"), get.err);
}

void TestMeshsimKubectl::rolloutRestartRecreatesInjectedPods()
{
    const QStringList ns {u"-n"_s, u"bookinfo-test"_s};
    const QStringList podsOf {u"get"_s,         u"pods"_s, u"-l"_s,
                              u"app=details"_s, u"-o"_s,   u"jsonpath={.items[*].metadata.name}"_s};
    const CommandResult before = m_sim.kubectl(podsOf + ns);
    KUBECTL_OK(before);
    QVERIFY(!before.out.isEmpty());
    // Turn injection off for the namespace: only recreated pods notice.
    KUBECTL_OK(m_sim.kubectl(QStringList {u"label"_s, u"ns"_s, u"bookinfo-test"_s,
                                          u"istio-injection=disabled"_s, u"--overwrite"_s}));
    KUBECTL_OK(
        m_sim.kubectl(QStringList {u"rollout"_s, u"restart"_s, u"deploy/details-v1"_s} + ns));
    KUBECTL_OK(m_sim.kubectl(
        QStringList {u"rollout"_s, u"status"_s, u"deploy/details-v1"_s, u"--timeout=20s"_s} + ns));
    const CommandResult after = m_sim.kubectl(podsOf + ns);
    KUBECTL_OK(after);
    QVERIFY(!after.out.isEmpty());
    QVERIFY2(after.out != before.out, after.out);
    const CommandResult containers
        = m_sim.kubectl(QStringList {u"get"_s, u"pods"_s, u"-l"_s, u"app=details"_s, u"-o"_s,
                                     u"jsonpath={.items[0].spec.containers[*].name}"_s}
                        + ns);
    KUBECTL_OK(containers);
    QCOMPARE(containers.out, QByteArray("details"));
    const CommandResult other
        = m_sim.kubectl(QStringList {u"get"_s, u"pods"_s, u"-l"_s, u"app=productpage"_s, u"-o"_s,
                                     u"jsonpath={.items[0].spec.containers[*].name}"_s}
                        + ns);
    KUBECTL_OK(other);
    QCOMPARE(other.out, QByteArray("productpage istio-proxy")); // not recreated
    KUBECTL_OK(m_sim.kubectl(QStringList {u"label"_s, u"ns"_s, u"bookinfo-test"_s,
                                          u"istio-injection=enabled"_s, u"--overwrite"_s}));
}

void TestMeshsimKubectl::dryRunDoesNotPersist()
{
    const CommandResult dry = m_sim.kubectl({u"apply"_s, u"--dry-run=server"_s, u"-f"_s,
                                             sample(u"virtual-service-ratings-test-abort.yaml"_s),
                                             u"-n"_s, u"bookinfo-test"_s});
    KUBECTL_OK(dry);
    QVERIFY2(dry.out.contains("(server dry run)"), dry.out);
    const CommandResult abort
        = m_sim.kubectl({u"get"_s, u"vs"_s, u"ratings"_s, u"-n"_s, u"bookinfo-test"_s, u"-o"_s,
                         u"jsonpath={.spec.http[0].fault}"_s});
    KUBECTL_OK(abort);
    QCOMPARE(abort.out, QByteArray());
}

void TestMeshsimKubectl::stateSurvivesRestart()
{
    MeshsimProcess sim;
    const QString stateDir = m_sim.workDir() + u"/state"_s;
    QString error = sim.start(
        {u"--scenario"_s, u"empty"_s, u"--clusters"_s, u"1"_s, u"--state-dir"_s, stateDir});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    KUBECTL_OK(sim.kubectl(
        {u"apply"_s, u"-f"_s, sample(u"destination-rule-all.yaml"_s), u"-n"_s, u"default"_s}));
    QCOMPARE(sim.stop(), 0);
    QVERIFY(QFile::exists(stateDir + u"/primary.json"_s));

    MeshsimProcess again;
    error = again.start(
        {u"--scenario"_s, u"empty"_s, u"--clusters"_s, u"1"_s, u"--state-dir"_s, stateDir});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const CommandResult dr
        = again.kubectl({u"get"_s, u"dr"_s, u"-n"_s, u"default"_s, u"-o"_s, u"name"_s});
    KUBECTL_OK(dr);
    QVERIFY2(dr.out.contains("destinationrule.networking.istio.io/reviews"), dr.out);
    QCOMPARE(again.stop(), 0);
}

void TestMeshsimKubectl::tableOutput()
{
    const CommandResult pods = m_sim.kubectl({u"get"_s, u"pods"_s, u"-n"_s, u"bookinfo"_s});
    KUBECTL_OK(pods);
    QVERIFY2(pods.out.startsWith("NAME ") && pods.out.contains(" READY ")
                 && pods.out.contains(" STATUS "),
             pods.out);
    QVERIFY2(pods.out.contains("2/2") && pods.out.contains("Running"), pods.out);
    const CommandResult failing
        = m_sim.kubectl({u"--context"_s, u"meshsim-member"_s, u"get"_s, u"pods"_s, u"-n"_s,
                         u"shop"_s, u"-l"_s, u"app=payments"_s});
    KUBECTL_OK(failing);
    QVERIFY2(failing.out.contains("CrashLoopBackOff"), failing.out);
    const CommandResult vs = m_sim.kubectl({u"get"_s, u"vs"_s, u"-n"_s, u"bookinfo"_s});
    KUBECTL_OK(vs);
    QVERIFY2(vs.out.contains("GATEWAYS") && vs.out.contains("[\"bookinfo-gateway\"]"),
             vs.out); // printer columns
}

void TestMeshsimKubectl::typedClientCommands()
{
    // kubectl's generators and auth commands send protobuf bodies.
    KUBECTL_OK(m_sim.kubectl({u"create"_s, u"namespace"_s, u"typed"_s}));
    KUBECTL_OK(m_sim.kubectl({u"create"_s, u"configmap"_s, u"settings"_s, u"-n"_s, u"typed"_s,
                              u"--from-literal=mode=fast"_s}));
    const CommandResult cm = m_sim.kubectl({u"get"_s, u"cm"_s, u"settings"_s, u"-n"_s, u"typed"_s,
                                            u"-o"_s, u"jsonpath={.data.mode}"_s});
    KUBECTL_OK(cm);
    QCOMPARE(cm.out, QByteArray("fast"));
    const CommandResult canAdmin
        = m_sim.kubectl({u"auth"_s, u"can-i"_s, u"create"_s, u"virtualservices"_s});
    KUBECTL_OK(canAdmin);
    QCOMPARE(canAdmin.out.trimmed(), QByteArray("yes"));
    const CommandResult canViewer = m_sim.kubectl({u"--context"_s, u"meshsim-primary-viewer"_s,
                                                   u"auth"_s, u"can-i"_s, u"delete"_s, u"pods"_s});
    QCOMPARE(canViewer.exitCode, 1);
    QVERIFY2(canViewer.out.startsWith("no"), canViewer.out);
    const CommandResult whoami = m_sim.kubectl({u"auth"_s, u"whoami"_s});
    KUBECTL_OK(whoami);
    QVERIFY(whoami.out.contains("meshsim-admin"));
    KUBECTL_OK(m_sim.kubectl(
        {u"scale"_s, u"deploy/productpage-v1"_s, u"-n"_s, u"bookinfo-test"_s, u"--replicas=3"_s}));
    const CommandResult pods = m_sim.kubectl({u"get"_s, u"pods"_s, u"-n"_s, u"bookinfo-test"_s,
                                              u"-l"_s, u"app=productpage"_s, u"-o"_s, u"name"_s});
    KUBECTL_OK(pods);
    QCOMPARE(pods.out.trimmed().split('\n').size(), 3);
}

void TestMeshsimKubectl::customResourceDefinitionLifecycle()
{
    const QByteArray crd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg]}
  versions:
  - name: v1
    served: true
    storage: true
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1}
              colour: {type: string, enum: [red, green]}
)";
    KUBECTL_OK(m_sim.kubectl({u"apply"_s, u"-f"_s, u"-"_s}, crd));
    const QByteArray good = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n"
                            "  namespace: default\nspec:\n  size: 3\n  colour: red\n";
    KUBECTL_OK(m_sim.kubectl({u"apply"_s, u"-f"_s, u"-"_s}, good));
    const CommandResult table = m_sim.kubectl({u"get"_s, u"wdg"_s, u"-n"_s, u"default"_s});
    KUBECTL_OK(table);
    QVERIFY2(table.out.contains("SIZE") && table.out.contains("w1") && table.out.contains(" 3"),
             table.out);
    const QByteArray bad = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\n"
                           "  namespace: default\nspec:\n  size: 0\n  colour: blue\n";
    const CommandResult rejected = m_sim.kubectl({u"apply"_s, u"-f"_s, u"-"_s}, bad);
    QVERIFY(rejected.exitCode != 0);
    QVERIFY2(rejected.err.contains("spec.size") && rejected.err.contains("spec.colour"),
             rejected.err);
    KUBECTL_OK(m_sim.kubectl({u"delete"_s, u"crd"_s, u"widgets.example.com"_s}));
    const CommandResult gone = m_sim.kubectl({u"get"_s, u"widgets"_s, u"-n"_s, u"default"_s});
    QVERIFY(gone.exitCode != 0);
    // With kubectl's discovery cache still knowing the type, the list itself is 404.
    QVERIFY2(gone.err.contains("the server could not find the requested resource")
                 || gone.err.contains("the server doesn't have a resource type"),
             gone.err);
}

QTEST_GUILESS_MAIN(TestMeshsimKubectl)
#include "tst_meshsim_kubectl.moc"

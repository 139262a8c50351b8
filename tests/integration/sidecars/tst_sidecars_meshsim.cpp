// The sidecar inventory and edits against the real meshsim demo (two clusters over HTTPS):
// the inventory built from the live caches matches the demo (bookinfo injected, legacy not,
// its rule named); enabling injection for the legacy namespace makes its workload "Pending
// restart", and a rollout restart gives its new pods an istio-proxy container (seen in the
// caches and by real kubectl); disabling a workload's injection with a restart removes its
// sidecars; resources and passthrough land as template annotations. Every write goes through
// the apply engine, as the pages' review does. Istio's injection rules, applied with real
// kubectl and checked both in the pods meshsim's injector made and in MeshDesk's explanation:
// a pod label false in an enabled namespace, hostNetwork, istio-injection over istio.io/rev,
// a canary revision's own webhook configuration, an ambient namespace (Ambient, its waypoint),
// and the injector ConfigMap's policy.

#include "meshsimprocess.h"

#include "apply/applyengine.h"
#include "apply/applyplan.h"
#include "istio/validatefiles.h"
#include "istio/validator.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "sidecar/sidecaredits.h"
#include "sidecar/workloads.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace md;
using namespace md::sidecar;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");

} // namespace

class tst_SidecarsMeshsim : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void inventoryOfTheDemo();
    void enableNamespaceThenRestart();
    void disableWorkloadWithRestart();
    void resourcesAndPassthrough();
    void injectionRulesWithKubectl();
    void injectorPolicyFromConfigMap();

private:
    SidecarInventory inventory() const;
    std::optional<WorkloadRow> workload(const QString &context, const QString &ns,
                                        const QString &name) const;
    istio::Value live(const QString &context, const QString &group, const QString &kind,
                      const QString &ns, const QString &name) const;
    apply::ApplyReport run(const QString &context, const QList<apply::ApplyItem> &items);
    // Container names of the pods of namespace `ns` whose name starts with `prefix`, as real
    // kubectl lists them.
    QList<QStringList> kubectlContainers(const QString &ns, const QString &prefix);
    // The pods of `ns` as real kubectl lists them.
    QJsonArray kubectlPods(const QString &ns);
    void kubectlApply(const QByteArray &yaml);

    testing::MeshsimProcess m_sim;
    std::unique_ptr<mesh::ConnectionManager> m_manager;
    std::unique_ptr<mesh::MeshCache> m_cache;
    std::unique_ptr<apply::ApplyEngine> m_engine;
    std::optional<istio::Validator> m_validator;
};

void tst_SidecarsMeshsim::initTestCase()
{
    QVERIFY2(!testing::MeshsimProcess::kubectlPath().isEmpty(), "kubectl is required");
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto kubeconfig = kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(kubeconfig);
    m_manager = std::make_unique<mesh::ConnectionManager>();
    m_manager->setKubeconfig(*kubeconfig);
    QVERIFY(m_manager->connectContext(Primary));
    QVERIFY(m_manager->connectContext(Member));
    QTRY_VERIFY_WITH_TIMEOUT(m_manager->health(Primary).isUp() && m_manager->health(Member).isUp(),
                             20000);
    m_cache = std::make_unique<mesh::MeshCache>(m_manager.get());
    m_cache->setClusters({Primary, Member});
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->isSynced(), 30000);
    auto validator = istio::Validator::fromCrdFile(
        QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml"));
    QVERIFY(validator);
    m_validator = *validator;
    m_engine = std::make_unique<apply::ApplyEngine>(m_manager.get());
}

void tst_SidecarsMeshsim::cleanupTestCase()
{
    m_engine.reset();
    m_cache.reset();
    m_manager.reset();
    QCOMPARE(m_sim.stop(), 0);
}

SidecarInventory tst_SidecarsMeshsim::inventory() const
{
    return buildInventory(m_cache->snapshot(inventoryKinds()));
}

std::optional<WorkloadRow> tst_SidecarsMeshsim::workload(const QString &context, const QString &ns,
                                                         const QString &name) const
{
    for (const WorkloadRow &row : inventory().workloads) {
        if (row.context == context && row.namespace_ == ns && row.name == name)
            return row;
    }
    return std::nullopt;
}

istio::Value tst_SidecarsMeshsim::live(const QString &context, const QString &group,
                                       const QString &kind, const QString &ns,
                                       const QString &name) const
{
    const auto object = m_cache->object(context, group, kind, ns, name);
    if (!object)
        return {};
    return valueOf(*object, group.isEmpty() ? QStringLiteral("v1") : group + QStringLiteral("/v1"),
                   kind);
}

apply::ApplyReport tst_SidecarsMeshsim::run(const QString &context,
                                            const QList<apply::ApplyItem> &items)
{
    apply::ApplyRequest request;
    request.context = context;
    request.mesh = QStringLiteral("demo");
    request.items = items;
    const apply::ApplyPlan plan = apply::buildPlan(request, *m_validator);
    if (plan.blocked())
        qWarning("%s", istio::formatMessages(plan.messages(), false).constData());
    QSignalSpy finished(m_engine.get(), &apply::ApplyEngine::finished);
    m_engine->run(plan);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000))
        qFatal("the apply run did not finish");
    return finished.at(0).at(1).value<apply::ApplyReport>();
}

QList<QStringList> tst_SidecarsMeshsim::kubectlContainers(const QString &ns, const QString &prefix)
{
    const testing::CommandResult r = m_sim.kubectl(
        {QStringLiteral("--context"), Primary, QStringLiteral("get"), QStringLiteral("pods"),
         QStringLiteral("-n"), ns, QStringLiteral("-o"), QStringLiteral("json")});
    if (r.exitCode != 0)
        qFatal("kubectl failed: %s", qPrintable(r.describe()));
    QList<QStringList> pods;
    for (const QJsonValue &pod : QJsonDocument::fromJson(r.out).object().value("items").toArray()) {
        if (!pod["metadata"]["name"].toString().startsWith(prefix))
            continue;
        QStringList names;
        for (const QJsonValue &c : pod["spec"]["containers"].toArray())
            names << c["name"].toString();
        pods << names;
    }
    return pods;
}

QJsonArray tst_SidecarsMeshsim::kubectlPods(const QString &ns)
{
    const testing::CommandResult r = m_sim.kubectl(
        {QStringLiteral("--context"), Primary, QStringLiteral("get"), QStringLiteral("pods"),
         QStringLiteral("-n"), ns, QStringLiteral("-o"), QStringLiteral("json")});
    if (r.exitCode != 0)
        qFatal("kubectl failed: %s", qPrintable(r.describe()));
    return QJsonDocument::fromJson(r.out).object().value("items").toArray();
}

void tst_SidecarsMeshsim::kubectlApply(const QByteArray &yaml)
{
    const testing::CommandResult r
        = m_sim.kubectl({QStringLiteral("--context"), Primary, QStringLiteral("apply"),
                         QStringLiteral("-f"), QStringLiteral("-")},
                        yaml);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
}

namespace {

// A one-replica Deployment `name` in `ns`; `templateLabels` go into its pod template's
// labels, `spec` into its pod spec.
QByteArray deploymentYaml(const QByteArray &ns, const QByteArray &name,
                          const QByteArray &templateLabels = {}, const QByteArray &spec = {})
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: "
        + ns + "\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: " + name
        + "\n  template:\n    metadata:\n      labels:\n        app: " + name + "\n"
        + templateLabels + "    spec:\n" + spec + "      containers:\n      - name: app\n"
        + "        image: example/" + name + ":1\n---\n";
}

QByteArray namespaceYaml(const QByteArray &name, const QByteArray &labels)
{
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n  labels:\n" + labels
        + "---\n";
}

// The pods' sidecar as the API server stored it: containers and the injector's revision.
struct Injected
{
    int pods = 0;
    int withProxy = 0;
    QStringList revisions;
};

Injected injectedOf(const QJsonArray &pods, const QString &prefix)
{
    Injected r;
    for (const QJsonValue &pod : pods) {
        if (!pod["metadata"]["name"].toString().startsWith(prefix))
            continue;
        ++r.pods;
        for (const QJsonValue &c : pod["spec"]["containers"].toArray())
            r.withProxy += c["name"].toString() == "istio-proxy" ? 1 : 0;
        const QString status = pod["metadata"]["annotations"]["sidecar.istio.io/status"].toString();
        if (!status.isEmpty())
            r.revisions << QJsonDocument::fromJson(status.toUtf8())["revision"].toString();
    }
    return r;
}

} // namespace

void tst_SidecarsMeshsim::injectionRulesWithKubectl()
{
    // A canary revision's injector, as istiod installs it with --set revision=canary (its
    // webhooks select namespaces and pods labelled istio.io/rev=canary).
    const QByteArray canary = R"(apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector-canary
  labels:
    istio.io/rev: canary
    app: sidecar-injector
webhooks:
- name: rev.namespace.sidecar-injector.istio.io
  clientConfig:
    service: {name: istiod-canary, namespace: istio-system, path: /inject, port: 443}
  rules:
  - operations: [CREATE]
    apiGroups: [""]
    apiVersions: [v1]
    resources: [pods]
  sideEffects: None
  failurePolicy: Fail
  admissionReviewVersions: [v1]
  namespaceSelector:
    matchExpressions:
    - {key: istio.io/rev, operator: In, values: [canary]}
    - {key: istio-injection, operator: DoesNotExist}
  objectSelector:
    matchExpressions:
    - {key: sidecar.istio.io/inject, operator: NotIn, values: ["false"]}
- name: rev.object.sidecar-injector.istio.io
  clientConfig:
    service: {name: istiod-canary, namespace: istio-system, path: /inject, port: 443}
  rules:
  - operations: [CREATE]
    apiGroups: [""]
    apiVersions: [v1]
    resources: [pods]
  sideEffects: None
  failurePolicy: Fail
  admissionReviewVersions: [v1]
  namespaceSelector:
    matchExpressions:
    - {key: istio.io/rev, operator: DoesNotExist}
    - {key: istio-injection, operator: DoesNotExist}
  objectSelector:
    matchExpressions:
    - {key: sidecar.istio.io/inject, operator: NotIn, values: ["false"]}
    - {key: istio.io/rev, operator: In, values: [canary]}
---
)";
    // The webhook configuration istiod installs is served and cached like any object.
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->object(Primary, "admissionregistration.k8s.io",
                                             "MutatingWebhookConfiguration", {},
                                             "istio-sidecar-injector"),
                             20000);
    kubectlApply(canary);
    QTRY_VERIFY_WITH_TIMEOUT(inventory().injection.value(Primary).revisions.contains("canary"),
                             20000);
    QByteArray yaml;
    yaml += namespaceYaml("rules-optout", "    istio-injection: enabled\n");
    yaml
        += deploymentYaml("rules-optout", "optout", "        sidecar.istio.io/inject: \"false\"\n");
    yaml += deploymentYaml("rules-optout", "host", {}, "      hostNetwork: true\n");
    yaml += namespaceYaml("rules-both", "    istio-injection: enabled\n    istio.io/rev: canary\n");
    yaml += deploymentYaml("rules-both", "both");
    yaml += namespaceYaml("rules-canary", "    istio.io/rev: canary\n");
    yaml += deploymentYaml("rules-canary", "rev");
    yaml += namespaceYaml("rules-ambient",
                          "    istio.io/dataplane-mode: ambient\n"
                          "    istio.io/use-waypoint: waypoint\n");
    yaml += deploymentYaml("rules-ambient", "amb");
    yaml += deploymentYaml("rules-ambient", "amb-sidecar",
                           "        sidecar.istio.io/inject: \"true\"\n");
    kubectlApply(yaml);

    // What meshsim's injector did, as real kubectl sees it.
    auto check = [&](const char *ns, const char *prefix, int withProxy, const QString &revision) {
        QTRY_VERIFY_WITH_TIMEOUT(injectedOf(kubectlPods(ns), prefix).pods == 1, 20000);
        const Injected got = injectedOf(kubectlPods(ns), prefix);
        QVERIFY2(got.withProxy == withProxy, prefix);
        QCOMPARE(got.revisions, revision.isEmpty() ? QStringList() : QStringList {revision});
    };
    check("rules-optout", "optout-", 0, {});
    check("rules-optout", "host-", 0, {});
    // istio-injection takes precedence over istio.io/rev: the default revision injects.
    check("rules-both", "both-", 1, "default");
    check("rules-canary", "rev-", 1, "canary");
    check("rules-ambient", "amb-sidecar-", 1, "default");
    // amb- also matches amb-sidecar-: count the ambient workload's pod by its exact prefix.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue &pod : kubectlPods("rules-ambient"))
                if (pod["metadata"]["labels"]["app"].toString() == "amb")
                    return true;
            return false;
        }(),
        20000);
    for (const QJsonValue &pod : kubectlPods("rules-ambient")) {
        if (pod["metadata"]["labels"]["app"].toString() != "amb")
            continue;
        for (const QJsonValue &c : pod["spec"]["containers"].toArray())
            QVERIFY(c["name"].toString() != "istio-proxy");
    }

    // What MeshDesk explains, from its caches: the same outcome, settled (no restart pending).
    auto row = [&](const char *ns, const char *name) {
        std::optional<WorkloadRow> r;
        if (!QTest::qWaitFor(
                [&] {
                    r = workload(Primary, ns, name);
                    return r && r->podsTotal == 1;
                },
                20000))
            qFatal("no workload %s/%s with its pod in the caches", ns, name);
        return *r;
    };
    const WorkloadRow optout = row("rules-optout", "optout");
    QCOMPARE(optout.status, WorkloadStatus::NotInjected);
    QCOMPARE(optout.decision.rule, InjectionRule::PodLabelFalse);
    QCOMPARE(row("rules-optout", "host").decision.rule, InjectionRule::HostNetwork);
    QCOMPARE(row("rules-optout", "host").status, WorkloadStatus::NotInjected);
    const WorkloadRow both = row("rules-both", "both");
    QCOMPARE(both.status, WorkloadStatus::Injected);
    QCOMPARE(both.decision.revision, QString("default"));
    QVERIFY2(both.decision.reason.contains("takes precedence over istio.io/rev=canary"),
             qPrintable(both.decision.reason));
    const WorkloadRow rev = row("rules-canary", "rev");
    QCOMPARE(rev.status, WorkloadStatus::Injected);
    QCOMPARE(rev.decision.revision, QString("canary"));
    const WorkloadRow amb = row("rules-ambient", "amb");
    QCOMPARE(amb.status, WorkloadStatus::Ambient);
    QCOMPARE(amb.decision.waypoint, QString("rules-ambient/waypoint"));
    QCOMPARE(amb.podsInjected, 0);
    QCOMPARE(statusText(amb.status), QString("Ambient"));
    const WorkloadRow ambSidecar = row("rules-ambient", "amb-sidecar");
    QCOMPARE(ambSidecar.status, WorkloadStatus::Injected);
    QVERIFY(!ambSidecar.decision.ambient);
    for (const NamespaceRow &ns : inventory().namespaces) {
        if (ns.context == Primary && ns.name == "rules-ambient") {
            QVERIFY(ns.policy.ambient);
            QCOMPARE(ns.podsWaitingRestart, 0);
        }
    }
}

void tst_SidecarsMeshsim::injectorPolicyFromConfigMap()
{
    // policy: disabled in the injector's ConfigMap: a namespace's label no longer injects, a
    // pod's own label still does; MeshDesk reads the same ConfigMap and agrees.
    const testing::CommandResult r = m_sim.kubectl(
        {"--context", Primary, "-n", "istio-system", "patch", "configmap", "istio-sidecar-injector",
         "--type", "merge", "-p",
         R"({"data":{"config":"policy: disabled\nalwaysInjectSelector: []\nneverInjectSelector:\n- matchLabels: {tier: batch}\n"}})"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(inventory().injection.value(Primary).config.policy
                                 == InjectorConfig::Policy::Disabled,
                             20000);
    QByteArray yaml = namespaceYaml("rules-policy", "    istio-injection: enabled\n");
    yaml += deploymentYaml("rules-policy", "plain");
    yaml += deploymentYaml("rules-policy", "optin", "        sidecar.istio.io/inject: \"true\"\n");
    kubectlApply(yaml);
    QTRY_VERIFY_WITH_TIMEOUT(injectedOf(kubectlPods("rules-policy"), "plain-").pods == 1
                                 && injectedOf(kubectlPods("rules-policy"), "optin-").pods == 1,
                             20000);
    QCOMPARE(injectedOf(kubectlPods("rules-policy"), "plain-").withProxy, 0);
    QCOMPARE(injectedOf(kubectlPods("rules-policy"), "optin-").withProxy, 1);
    QTRY_VERIFY_WITH_TIMEOUT(workload(Primary, "rules-policy", "optin")
                                 && workload(Primary, "rules-policy", "optin")->podsTotal == 1
                                 && workload(Primary, "rules-policy", "plain")
                                 && workload(Primary, "rules-policy", "plain")->podsTotal == 1,
                             20000);
    const auto plain = workload(Primary, "rules-policy", "plain");
    QCOMPARE(plain->decision.rule, InjectionRule::PolicyDisabled);
    QCOMPARE(plain->status, WorkloadStatus::NotInjected);
    const auto optin = workload(Primary, "rules-policy", "optin");
    QCOMPARE(optin->decision.rule, InjectionRule::PodLabelValue);
    QCOMPARE(optin->status, WorkloadStatus::Injected);
    // Back to the chart's default, for whatever runs after.
    const testing::CommandResult back = m_sim.kubectl(
        {"--context", Primary, "-n", "istio-system", "patch", "configmap", "istio-sidecar-injector",
         "--type", "merge", "-p",
         R"({"data":{"config":"policy: enabled\nalwaysInjectSelector: []\nneverInjectSelector: []\n"}})"});
    QVERIFY2(back.exitCode == 0, qPrintable(back.describe()));
}

void tst_SidecarsMeshsim::inventoryOfTheDemo()
{
    const SidecarInventory inv = inventory();
    QVERIFY(inv.workloads.size() > 10);
    const auto productpage = workload(Primary, "bookinfo", "productpage-v1");
    QVERIFY(productpage);
    QCOMPARE(productpage->status, WorkloadStatus::Injected);
    QVERIFY(productpage->podsTotal >= 1);
    QCOMPARE(productpage->podsInjected, productpage->podsTotal);
    QCOMPARE(productpage->versions.size(), 1);
    QVERIFY(productpage->versions.first().startsWith("1."));
    QVERIFY(productpage->decision.reason.contains("istio-injection=enabled"));
    const auto ratings = workload(Member, "bookinfo", "ratings-v1");
    QVERIFY(ratings);
    QCOMPARE(ratings->status, WorkloadStatus::Injected);

    const auto batch = workload(Primary, "legacy", "legacy-batch");
    QVERIFY(batch);
    QCOMPARE(batch->status, WorkloadStatus::NotInjected);
    QCOMPARE(batch->decision.rule, InjectionRule::NamespaceNotEnabled);
    QCOMPARE(batch->podsInjected, 0);
    // The ingress gateway runs the proxy as its own container (no injection status): not a
    // sidecar, and nothing selects the injector in istio-system.
    const auto gateway = workload(Primary, "istio-system", "istio-ingressgateway");
    QVERIFY(gateway);
    QCOMPARE(gateway->decision.rule, InjectionRule::NotSelected);
    QCOMPARE(gateway->status, WorkloadStatus::NotInjected);
    QCOMPARE(gateway->podsInjected, 0);

    bool sawLegacy = false;
    for (const NamespaceRow &ns : inv.namespaces) {
        if (ns.context == Primary && ns.name == "legacy") {
            sawLegacy = true;
            QCOMPARE(ns.policy.state, NamespacePolicy::State::Disabled);
            QCOMPARE(ns.podsInjected, 0);
            QVERIFY(ns.podsTotal >= 1);
            QCOMPARE(ns.podsWaitingRestart, 0);
        }
        if (ns.name == "istio-system")
            QVERIFY(ns.system);
        if (ns.name == "bookinfo")
            QCOMPARE(ns.policy.state, NamespacePolicy::State::Enabled);
    }
    QVERIFY(sawLegacy);
}

void tst_SidecarsMeshsim::enableNamespaceThenRestart()
{
    const istio::Value ns = live(Primary, {}, "Namespace", {}, "legacy");
    QVERIFY(!ns.isNull());
    auto enabled = editNamespaceInjection(ns, InjectionAction::Enable);
    QVERIFY(enabled);
    apply::ApplyReport report = run(Primary, {apply::ApplyItem::update(ns, *enabled)});
    QVERIFY2(report.ok(), qPrintable(report.results.value(0).message()));

    // The caches see the label; running pods have no sidecar yet: pending restart.
    QTRY_VERIFY_WITH_TIMEOUT(workload(Primary, "legacy", "legacy-batch")->status
                                 == WorkloadStatus::PendingRestart,
                             20000);
    auto batch = workload(Primary, "legacy", "legacy-batch");
    QVERIFY(batch->decision.injected);
    QVERIFY2(batch->statusReason.contains("run without a sidecar"),
             qPrintable(batch->statusReason));
    for (const QStringList &containers : kubectlContainers("legacy", "legacy-batch"))
        QVERIFY(!containers.contains("istio-proxy"));

    // kubectl rollout restart, through the apply path.
    const istio::Value deployment = live(Primary, "apps", "Deployment", "legacy", "legacy-batch");
    auto restarted = restartWorkload(deployment);
    QVERIFY(restarted);
    report = run(Primary, {apply::ApplyItem::update(deployment, *restarted)});
    QVERIFY2(report.ok(), qPrintable(report.results.value(0).message()));
    QTRY_VERIFY_WITH_TIMEOUT(
        workload(Primary, "legacy", "legacy-batch")->status == WorkloadStatus::Injected, 30000);
    batch = workload(Primary, "legacy", "legacy-batch");
    QVERIFY(batch->podsTotal >= 1);
    QCOMPARE(batch->podsInjected, batch->podsTotal);
    for (const PodSidecar &pod : batch->pods)
        QVERIFY(pod.hasSidecar && !pod.version.isEmpty());
    // Real kubectl sees the new pods' istio-proxy container.
    const QList<QStringList> pods = kubectlContainers("legacy", "legacy-batch");
    QVERIFY(!pods.isEmpty());
    for (const QStringList &containers : pods)
        QVERIFY2(containers.contains("istio-proxy"), qPrintable(containers.join(',')));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const NamespaceRow &row : inventory().namespaces) {
                if (row.context == Primary && row.name == "legacy")
                    return row.policy.state == NamespacePolicy::State::Enabled
                        && row.podsWaitingRestart == 0 && row.podsInjected == row.podsTotal;
            }
            return false;
        }(),
        20000);
}

void tst_SidecarsMeshsim::disableWorkloadWithRestart()
{
    const istio::Value deployment = live(Member, "apps", "Deployment", "bookinfo", "ratings-v1");
    QVERIFY(!deployment.isNull());
    auto disabled = editWorkloadInjection(deployment, InjectionAction::Disable);
    QVERIFY(disabled);
    auto restarted = restartWorkload(*disabled);
    QVERIFY(restarted);
    const apply::ApplyReport report
        = run(Member, {apply::ApplyItem::update(deployment, *restarted)});
    QVERIFY2(report.ok(), qPrintable(report.results.value(0).message()));
    QTRY_VERIFY_WITH_TIMEOUT(
        workload(Member, "bookinfo", "ratings-v1")->status == WorkloadStatus::NotInjected, 30000);
    const auto ratings = workload(Member, "bookinfo", "ratings-v1");
    QCOMPARE(ratings->decision.rule, InjectionRule::PodLabelFalse);
    QVERIFY(ratings->decision.reason.contains(
        "Pod label sidecar.istio.io/inject=false overrides the namespace label "
        "istio-injection=enabled"));
    QCOMPARE(ratings->podsInjected, 0);
    QVERIFY(ratings->podsTotal >= 1);

    // Clear: the namespace decides again. The template changed, so the Deployment rolls out
    // new pods by itself (as a real one does) and they are injected.
    const istio::Value current = live(Member, "apps", "Deployment", "bookinfo", "ratings-v1");
    auto cleared = editWorkloadInjection(current, InjectionAction::Clear);
    QVERIFY(cleared);
    QVERIFY(run(Member, {apply::ApplyItem::update(current, *cleared)}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(
        workload(Member, "bookinfo", "ratings-v1")->status == WorkloadStatus::Injected, 20000);
    QCOMPARE(workload(Member, "bookinfo", "ratings-v1")->decision.rule,
             InjectionRule::PolicyEnabled);
}

void tst_SidecarsMeshsim::resourcesAndPassthrough()
{
    const istio::Value deployment = live(Primary, "apps", "Deployment", "bookinfo", "details-v1");
    auto edited = editSidecarResources(deployment, {"100m", "1", "128Mi", "512Mi"});
    QVERIFY(edited);
    edited = editPassthrough(*edited, {"8081", "3306, 6379", "10.96.0.0/12"});
    QVERIFY(edited);
    QVERIFY(run(Primary, {apply::ApplyItem::update(deployment, *edited)}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(workload(Primary, "bookinfo", "details-v1")->resources.cpuLimit == "1",
                             20000);
    const auto details = workload(Primary, "bookinfo", "details-v1");
    QCOMPARE(details->resources, (SidecarResources {"100m", "1", "128Mi", "512Mi"}));
    QCOMPARE(details->passthrough, (Passthrough {"8081", "3306,6379", "10.96.0.0/12"}));
    // The template changed, so the deployment rolled: its pods keep their sidecar.
    QTRY_VERIFY_WITH_TIMEOUT(
        workload(Primary, "bookinfo", "details-v1")->status == WorkloadStatus::Injected, 20000);
    // A bad value never reaches the server.
    auto bad = editPassthrough(deployment, {"8081", "", "10.0.0.0/40"});
    QVERIFY(!bad);
    QVERIFY(bad.error().message.contains("\"10.0.0.0/40\" is not a CIDR range"));
}

QTEST_GUILESS_MAIN(tst_SidecarsMeshsim)
#include "tst_sidecars_meshsim.moc"

// Table-driven tests of Istio's injection rules as decideInjection() applies them (webhook
// selectors, then istiod's injectRequired, then ambient enrolment), the injector ConfigMap,
// the inventory built from cache items (owner chains, pending restart, namespace counts),
// the batch edits with their checks, and the item models under QAbstractItemModelTester.

#include "kube/kubeobject.h"
#include "sidecar/injectionpolicy.h"
#include "sidecar/sidecaredits.h"
#include "sidecar/sidecarmodels.h"
#include "sidecar/workloads.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace md::sidecar;
using md::istio::Value;

namespace {

StringMap parseMap(const QString &text)
{
    StringMap map;
    for (const QString &pair : text.split(u',', Qt::SkipEmptyParts))
        map.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    return map;
}

QJsonObject mapObject(const QString &text)
{
    QJsonObject o;
    const StringMap map = parseMap(text);
    for (auto it = map.begin(); it != map.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

md::mesh::MeshCache::Item item(const QString &group, const QString &kind, const QJsonObject &json)
{
    md::mesh::MeshCache::Item i;
    i.resource.group = group;
    i.resource.version = QStringLiteral("v1");
    i.resource.kind = kind;
    i.object = md::kube::KubeObject::fromJsonObject(json);
    return i;
}

QJsonObject meta(const QString &ns, const QString &name, const QString &labels = {},
                 const QJsonArray &owners = {})
{
    QJsonObject m {{"name", name}, {"uid", QString(ns + "-" + name)}, {"resourceVersion", "1"}};
    if (!ns.isEmpty())
        m.insert("namespace", ns);
    if (!labels.isEmpty())
        m.insert("labels", mapObject(labels));
    if (!owners.isEmpty())
        m.insert("ownerReferences", owners);
    return m;
}

QJsonArray owner(const QString &kind, const QString &name)
{
    return {QJsonObject {{"kind", kind}, {"name", name}, {"controller", true}, {"uid", name}}};
}

md::mesh::MeshCache::Item nsItem(const QString &name, const QString &labels)
{
    return item({}, "Namespace", {{"metadata", meta({}, name, labels)}});
}

md::mesh::MeshCache::Item deployment(const QString &ns, const QString &name,
                                     const QString &templateLabels,
                                     const QString &templateAnnotations = {})
{
    QJsonObject tmeta {
        {"labels",
         mapObject("app=" + name + (templateLabels.isEmpty() ? QString() : "," + templateLabels))}};
    if (!templateAnnotations.isEmpty())
        tmeta.insert("annotations", mapObject(templateAnnotations));
    return item("apps", "Deployment",
                {{"metadata", meta(ns, name)},
                 {"spec",
                  QJsonObject {
                      {"template", QJsonObject {{"metadata", tmeta}, {"spec", QJsonObject {}}}}}}});
}

md::mesh::MeshCache::Item replicaSet(const QString &ns, const QString &name,
                                     const QString &deploymentName)
{
    return item("apps", "ReplicaSet",
                {{"metadata", meta(ns, name, {}, owner("Deployment", deploymentName))}});
}

md::mesh::MeshCache::Item pod(const QString &ns, const QString &name, const QString &ownerKind,
                              const QString &ownerName, bool sidecar,
                              const QString &version = QStringLiteral("1.24.2"))
{
    QJsonArray containers {QJsonObject {{"name", "app"}, {"image", "example/app:1"}}};
    QJsonArray statuses {QJsonObject {{"name", "app"}, {"ready", true}}};
    if (sidecar) {
        containers.append(QJsonObject {{"name", "istio-proxy"},
                                       {"image", QString("docker.io/istio/proxyv2:" + version)}});
        statuses.append(
            QJsonObject {{"name", "istio-proxy"}, {"ready", true}, {"restartCount", 2}});
    }
    QJsonObject metadata = meta(ns, name, "app=x", owner(ownerKind, ownerName));
    if (sidecar && !version.startsWith("gateway"))
        metadata.insert("annotations",
                        QJsonObject {{"sidecar.istio.io/status",
                                      R"({"containers":["istio-proxy"],"revision":"default"})"}});
    return item({}, "Pod",
                {{"metadata", metadata},
                 {"spec", QJsonObject {{"containers", containers}, {"nodeName", "node-1"}}},
                 {"status", QJsonObject {{"phase", "Running"}, {"containerStatuses", statuses}}}});
}

Value workloadValue(const QString &templateLabels = {}, const QString &annotations = {})
{
    QJsonObject tmeta {{"labels", mapObject(templateLabels.isEmpty() ? "app=x" : templateLabels)}};
    if (!annotations.isEmpty())
        tmeta.insert("annotations", mapObject(annotations));
    return Value::fromJson(QJsonObject {
        {"apiVersion", "apps/v1"},
        {"kind", "Deployment"},
        {"metadata",
         QJsonObject {{"name", "web"}, {"namespace", "shop"}, {"resourceVersion", "7"}}},
        {"spec", QJsonObject {{"template", QJsonObject {{"metadata", tmeta}}}}}});
}

} // namespace

class tst_InjectionPolicy : public QObject
{
    Q_OBJECT

private slots:
    void decide_data();
    void decide();
    void injectorConfig();
    void injectorConfigErrors();
    void namespacePolicies();
    void inventory();
    void inventoryAmbientAndOrphans();
    void editsNamespace();
    void editsWorkload();
    void editsResources_data();
    void editsResources();
    void editsPassthrough_data();
    void editsPassthrough();
    void restart();
    void models();
    void imageTags();
};

void tst_InjectionPolicy::decide_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("nsLabels");
    QTest::addColumn<QString>("podLabels");
    QTest::addColumn<QString>("podAnnotations");
    QTest::addColumn<bool>("hostNetwork");
    QTest::addColumn<QString>("policy"); // enabled, disabled, or something invalid
    QTest::addColumn<QString>("revisions"); // known revisions; empty = unknown
    QTest::addColumn<bool>("injected");
    QTest::addColumn<int>("rule");
    QTest::addColumn<QString>("revision");
    QTest::addColumn<bool>("ambient");
    QTest::addColumn<QString>("waypoint");
    QTest::addColumn<QString>("reasonContains");

    using R = InjectionRule;
    const QString en = "istio-injection=enabled";
    // Namespace labels.
    QTest::newRow("namespace enabled")
        << "shop" << en << ""
        << "" << false << "enabled"
        << "" << true << int(R::PolicyEnabled) << "default" << false << ""
        << "the namespace label istio-injection=enabled";
    QTest::newRow("namespace disabled")
        << "shop"
        << "istio-injection=disabled"
        << ""
        << "" << false << "enabled"
        << "" << false << int(R::NamespaceNotEnabled) << "" << false << ""
        << "Namespace label istio-injection=disabled turns injection off";
    QTest::newRow("namespace other value is not enabled")
        << "shop"
        << "istio-injection=yes"
        << ""
        << "" << false << "enabled"
        << "" << false << int(R::NamespaceNotEnabled) << "" << false << ""
        << "istio-injection=yes";
    QTest::newRow("no labels anywhere")
        << "shop"
        << ""
        << ""
        << "" << false << "enabled"
        << "" << false << int(R::NotSelected) << "" << false << ""
        << "Namespace shop has neither istio-injection nor istio.io/rev";
    // Pod label over namespace label.
    QTest::newRow("pod label false over namespace enabled")
        << "shop" << en << "sidecar.istio.io/inject=false"
        << "" << false << "enabled"
        << "" << false << int(R::PodLabelFalse) << "" << false << ""
        << "Pod label sidecar.istio.io/inject=false overrides the namespace label "
           "istio-injection=enabled.";
    QTest::newRow("pod label false over namespace rev")
        << "shop"
        << "istio.io/rev=canary"
        << "sidecar.istio.io/inject=false"
        << "" << false << "enabled"
        << "" << false << int(R::PodLabelFalse) << "" << false << ""
        << "overrides the namespace label istio.io/rev=canary";
    QTest::newRow("pod label true in unlabelled namespace")
        << "shop"
        << ""
        << "sidecar.istio.io/inject=true"
        << "" << false << "enabled"
        << "" << true << int(R::PodLabelValue) << "default" << false << ""
        << "Pod label sidecar.istio.io/inject=true turns injection on";
    QTest::newRow("pod label true beats policy disabled")
        << "shop" << en << "sidecar.istio.io/inject=true"
        << "" << false << "disabled"
        << "" << true << int(R::PodLabelValue) << "default" << false << ""
        << "turns injection on";
    QTest::newRow("pod label other value turns off")
        << "shop" << en << "sidecar.istio.io/inject=no"
        << "" << false << "enabled"
        << "" << false << int(R::PodLabelValue) << "default" << false << ""
        << "any value but true";
    QTest::newRow("pod label True (case) in enabled namespace")
        << "shop" << en << "sidecar.istio.io/inject=True"
        << "" << false << "enabled"
        << "" << true << int(R::PodLabelValue) << "default" << false << ""
        << "turns injection on";
    QTest::newRow("pod label True does not select in unlabelled namespace")
        << "shop"
        << ""
        << "sidecar.istio.io/inject=True"
        << "" << false << "enabled"
        << "" << false << int(R::NotSelected) << "" << false << ""
        << "has neither";
    // Disabled wins.
    QTest::newRow("namespace disabled wins over pod label true")
        << "shop"
        << "istio-injection=disabled"
        << "sidecar.istio.io/inject=true"
        << "" << false << "enabled"
        << "" << false << int(R::NamespaceNotEnabled) << "" << false << ""
        << "wins over the pod label sidecar.istio.io/inject=true";
    QTest::newRow("namespace disabled wins over istio.io/rev")
        << "shop"
        << "istio-injection=disabled,istio.io/rev=canary"
        << ""
        << "" << false << "enabled"
        << "" << false << int(R::NamespaceNotEnabled) << "" << false << ""
        << "wins over istio.io/rev";
    // The deprecated annotation.
    QTest::newRow("annotation false over namespace enabled")
        << "shop" << en << ""
        << "sidecar.istio.io/inject=false" << false << "enabled"
        << "" << false << int(R::PodAnnotationValue) << "default" << false << ""
        << "The deprecated pod annotation sidecar.istio.io/inject=false overrides the namespace "
           "label istio-injection=enabled.";
    QTest::newRow("annotation true alone selects nothing")
        << "shop"
        << ""
        << ""
        << "sidecar.istio.io/inject=true" << false << "enabled"
        << "" << false << int(R::NotSelected) << "" << false << ""
        << "is read only once a label selects";
    QTest::newRow("annotation true beats policy disabled")
        << "shop" << en << ""
        << "sidecar.istio.io/inject=true" << false << "disabled"
        << "" << true << int(R::PodAnnotationValue) << "default" << false << ""
        << "deprecated pod annotation";
    QTest::newRow("label over annotation")
        << "shop" << en << "sidecar.istio.io/inject=true"
        << "sidecar.istio.io/inject=false" << false << "enabled"
        << "" << true << int(R::PodLabelValue) << "default" << false << ""
        << "pod label";
    QTest::newRow("empty label hides the annotation")
        << "shop" << en << "sidecar.istio.io/inject="
        << "sidecar.istio.io/inject=false" << false << "enabled"
        << "" << true << int(R::PolicyEnabled) << "default" << false << ""
        << "default policy (enabled)";
    // Revisions.
    QTest::newRow("istio-injection over istio.io/rev")
        << "shop"
        << "istio-injection=enabled,istio.io/rev=canary"
        << ""
        << "" << false << "enabled"
        << "" << true << int(R::PolicyEnabled) << "default" << false << ""
        << "it takes precedence over istio.io/rev=canary";
    QTest::newRow("namespace rev")
        << "shop"
        << "istio.io/rev=canary"
        << ""
        << "" << false << "enabled"
        << "default,canary" << true << int(R::PolicyEnabled) << "canary" << false << ""
        << "the namespace label istio.io/rev=canary";
    QTest::newRow("namespace rev over pod rev")
        << "shop"
        << "istio.io/rev=canary"
        << "istio.io/rev=stable"
        << "" << false << "enabled"
        << "" << true << int(R::PolicyEnabled) << "canary" << false << ""
        << "istio.io/rev=canary";
    QTest::newRow("pod rev in unlabelled namespace")
        << "shop"
        << ""
        << "istio.io/rev=canary"
        << "" << false << "enabled"
        << "" << true << int(R::PolicyEnabled) << "canary" << false << ""
        << "the pod label istio.io/rev=canary";
    QTest::newRow("pod rev over pod inject=true")
        << "shop"
        << ""
        << "istio.io/rev=canary,sidecar.istio.io/inject=true"
        << "" << false << "enabled"
        << "" << true << int(R::PodLabelValue) << "canary" << false << ""
        << "istio.io/rev=canary";
    QTest::newRow("unknown revision")
        << "shop"
        << "istio.io/rev=canary"
        << ""
        << "" << false << "enabled"
        << "default" << false << int(R::UnknownRevision) << "canary" << false << ""
        << "no injector of revision canary";
    QTest::newRow("default revision missing")
        << "shop" << en << ""
        << "" << false << "enabled"
        << "canary" << false << int(R::UnknownRevision) << "default" << false << ""
        << "revision default";
    // Policy.
    QTest::newRow("policy disabled")
        << "shop" << en << ""
        << "" << false << "disabled"
        << "" << false << int(R::PolicyDisabled) << "default" << false << ""
        << "policy is disabled";
    QTest::newRow("policy invalid")
        << "shop" << en << ""
        << "" << false << "sometimes"
        << "" << false << int(R::PolicyInvalid) << "default" << false << ""
        << "\"sometimes\"";
    // hostNetwork and ignored namespaces.
    QTest::newRow("hostNetwork") << "shop" << en << "sidecar.istio.io/inject=true"
                                 << "" << true << "enabled"
                                 << "" << false << int(R::HostNetwork) << "" << false << ""
                                 << "host network";
    QTest::newRow("kube-system") << "kube-system" << en << ""
                                 << "" << false << "enabled"
                                 << "" << false << int(R::IgnoredNamespace) << "default" << false
                                 << ""
                                 << "Kubernetes system namespace";
    // Ambient.
    QTest::newRow("ambient namespace") << "shop"
                                       << "istio.io/dataplane-mode=ambient"
                                       << ""
                                       << "" << false << "enabled"
                                       << "" << false << int(R::NotSelected) << "" << true << ""
                                       << "Namespace label istio.io/dataplane-mode=ambient enrols";
    QTest::newRow("ambient namespace waypoint")
        << "shop"
        << "istio.io/dataplane-mode=ambient,istio.io/use-waypoint=waypoint"
        << ""
        << "" << false << "enabled"
        << "" << false << int(R::NotSelected) << "" << true << "shop/waypoint"
        << "enrols";
    QTest::newRow("ambient pod waypoint in other namespace")
        << "shop"
        << ""
        << "istio.io/dataplane-mode=ambient,istio.io/use-waypoint=wp,istio.io/"
           "use-waypoint-namespace=infra"
        << "" << false << "enabled"
        << "" << false << int(R::NotSelected) << "" << true << "infra/wp"
        << "Pod label istio.io/dataplane-mode=ambient";
    QTest::newRow("ambient pod opts out of waypoint")
        << "shop"
        << "istio.io/dataplane-mode=ambient,istio.io/use-waypoint=waypoint"
        << "istio.io/use-waypoint=none"
        << "" << false << "enabled"
        << "" << false << int(R::NotSelected) << "" << true << ""
        << "enrols";
    QTest::newRow("pod opts out of ambient")
        << "shop"
        << "istio.io/dataplane-mode=ambient"
        << "istio.io/dataplane-mode=none"
        << "" << false << "enabled"
        << "" << false << int(R::NotSelected) << "" << false << ""
        << "keeps the pod out";
    QTest::newRow("sidecar wins over ambient")
        << "shop"
        << "istio.io/dataplane-mode=ambient,istio-injection=enabled"
        << ""
        << "" << false << "enabled"
        << "" << true << int(R::PolicyEnabled) << "default" << false << ""
        << "the namespace label istio-injection=enabled";
    QTest::newRow("ambient with disabled injection")
        << "shop"
        << "istio.io/dataplane-mode=ambient,istio-injection=disabled"
        << ""
        << "" << false << "enabled"
        << "" << false << int(R::NamespaceNotEnabled) << "" << true << ""
        << "turns injection off";
    QTest::newRow("hostNetwork never ambient")
        << "shop"
        << "istio.io/dataplane-mode=ambient"
        << ""
        << "" << true << "enabled"
        << "" << false << int(R::HostNetwork) << "" << false << ""
        << "host network";
}

void tst_InjectionPolicy::decide()
{
    QFETCH(QString, ns);
    QFETCH(QString, nsLabels);
    QFETCH(QString, podLabels);
    QFETCH(QString, podAnnotations);
    QFETCH(bool, hostNetwork);
    QFETCH(QString, policy);
    QFETCH(QString, revisions);
    QFETCH(bool, injected);
    QFETCH(int, rule);
    QFETCH(QString, revision);
    QFETCH(bool, ambient);
    QFETCH(QString, waypoint);
    QFETCH(QString, reasonContains);

    MeshInjection mesh;
    auto config = InjectorConfig::parse("policy: " + policy.toUtf8() + "\n");
    QVERIFY(config);
    mesh.config = *config;
    for (const QString &r : revisions.split(u',', Qt::SkipEmptyParts))
        mesh.revisions.insert(r);
    InjectionInput in {ns, parseMap(nsLabels), parseMap(podLabels), parseMap(podAnnotations),
                       hostNetwork};
    const InjectionDecision d = decideInjection(in, mesh);
    QCOMPARE(d.injected, injected);
    QCOMPARE(int(d.rule), rule);
    if (!revision.isEmpty() || d.injected)
        QCOMPARE(d.revision, revision);
    QCOMPARE(d.ambient, ambient);
    QCOMPARE(d.waypoint, waypoint);
    const QString all = d.reason + u' ' + d.ambientReason;
    QVERIFY2(all.contains(reasonContains), qPrintable(all));
}

void tst_InjectionPolicy::injectorConfig()
{
    const QByteArray yaml = R"(policy: disabled
alwaysInjectSelector:
  - matchLabels: {inject: always}
neverInjectSelector:
  - matchExpressions:
      - {key: openshift.io/build.name, operator: Exists}
  - matchLabels: {team: batch}
template: |
  spec: {}
)";
    auto config = InjectorConfig::parse(yaml);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
    QCOMPARE(config->policy, InjectorConfig::Policy::Disabled);
    QCOMPARE(config->neverInjectSelector.size(), 2);
    QCOMPARE(config->alwaysInjectSelector.size(), 1);
    MeshInjection mesh {*config, {}};
    const StringMap en = parseMap("istio-injection=enabled");
    // alwaysInjectSelector beats the disabled policy.
    auto d = decideInjection({"shop", en, parseMap("inject=always"), {}, false}, mesh);
    QVERIFY(d.injected);
    QCOMPARE(d.rule, InjectionRule::AlwaysInjectSelector);
    QVERIFY(d.reason.contains("alwaysInjectSelector (inject=always)"));
    // neverInjectSelector is read before alwaysInjectSelector.
    d = decideInjection({"shop", en, parseMap("inject=always,team=batch"), {}, false}, mesh);
    QVERIFY(!d.injected);
    QCOMPARE(d.rule, InjectionRule::NeverInjectSelector);
    d = decideInjection({"shop", en, parseMap("openshift.io/build.name=x"), {}, false}, mesh);
    QCOMPARE(d.rule, InjectionRule::NeverInjectSelector);
    // An explicit pod label beats both selectors.
    d = decideInjection(
        {"shop", en, parseMap("team=batch,sidecar.istio.io/inject=true"), {}, false}, mesh);
    QVERIFY(d.injected);
    QCOMPARE(d.rule, InjectionRule::PodLabelValue);
    // Neither: the policy.
    d = decideInjection({"shop", en, parseMap("app=x"), {}, false}, mesh);
    QCOMPARE(d.rule, InjectionRule::PolicyDisabled);
    // Selectors: NotIn, DoesNotExist, In.
    LabelSelector s;
    s.matchExpressions = {{"tier", LabelSelector::Requirement::Op::NotIn, {"db"}},
                          {"legacy", LabelSelector::Requirement::Op::DoesNotExist, {}},
                          {"zone", LabelSelector::Requirement::Op::In, {"a", "b"}}};
    QVERIFY(s.matches(parseMap("zone=a,tier=web")));
    QVERIFY(!s.matches(parseMap("zone=a,tier=db")));
    QVERIFY(!s.matches(parseMap("zone=c")));
    QVERIFY(!s.matches(parseMap("zone=a,legacy=1")));
    QVERIFY(!LabelSelector().matches(parseMap("zone=a")));
    QCOMPARE(s.toString(), QStringLiteral("tier notin (db),!legacy,zone in (a,b)"));
    // Defaults: enabled.
    QCOMPARE(InjectorConfig().policy, InjectorConfig::Policy::Enabled);
    auto empty = InjectorConfig::parse("");
    QVERIFY(empty);
    QCOMPARE(empty->policy, InjectorConfig::Policy::Enabled);
}

void tst_InjectionPolicy::injectorConfigErrors()
{
    auto bad = InjectorConfig::parse("neverInjectSelector: {a: b}\n");
    QVERIFY(!bad);
    QCOMPARE(bad.error().where, QStringLiteral("config.neverInjectSelector"));
    bad = InjectorConfig::parse(
        "alwaysInjectSelector:\n  - matchExpressions: [{key: a, operator: Maybe}]\n");
    QVERIFY(!bad);
    QCOMPARE(bad.error().where,
             QStringLiteral("config.alwaysInjectSelector[0].matchExpressions[0].operator"));
    QVERIFY(bad.error().message.contains("Maybe"));
    bad = InjectorConfig::parse("policy: [\n");
    QVERIFY(!bad);
    QVERIFY(bad.error().toString().startsWith("config"));
}

void tst_InjectionPolicy::namespacePolicies()
{
    QCOMPARE(namespacePolicy(parseMap("istio-injection=enabled")).state,
             NamespacePolicy::State::Enabled);
    QCOMPARE(namespacePolicy(parseMap("istio-injection=disabled")).state,
             NamespacePolicy::State::Disabled);
    const NamespacePolicy rev = namespacePolicy(parseMap("istio.io/rev=canary"));
    QCOMPARE(rev.state, NamespacePolicy::State::Enabled);
    QCOMPARE(rev.label, QStringLiteral("istio.io/rev=canary"));
    QCOMPARE(namespacePolicy(parseMap("istio-injection=disabled,istio.io/rev=canary")).state,
             NamespacePolicy::State::Disabled);
    QCOMPARE(namespacePolicy(parseMap("team=a")).state, NamespacePolicy::State::NotSet);
    QVERIFY(namespacePolicy(parseMap("istio.io/dataplane-mode=ambient")).ambient);
    QVERIFY(isSystemNamespace("kube-node-lease"));
    QVERIFY(isSystemNamespace("istio-system"));
    QVERIFY(!isSystemNamespace("shop"));
    QVERIFY(isIgnoredNamespace("kube-public"));
    QVERIFY(!isIgnoredNamespace("istio-system"));
}

void tst_InjectionPolicy::inventory()
{
    md::mesh::MeshCache::Snapshot snapshot;
    snapshot["c1"] = {
        nsItem("shop", "istio-injection=enabled"),
        nsItem("legacy", "istio-injection=disabled"),
        nsItem("kube-system", ""),
        deployment("shop", "web", "",
                   "sidecar.istio.io/proxyCPU=200m,sidecar.istio.io/"
                   "proxyMemoryLimit=1Gi,traffic.sidecar.istio.io/excludeInboundPorts=8081"),
        replicaSet("shop", "web-abc", "web"),
        replicaSet("shop", "web-old", "web"),
        pod("shop", "web-abc-1", "ReplicaSet", "web-abc", true),
        pod("shop", "web-abc-2", "ReplicaSet", "web-abc", true, "1.23.0"),
        pod("shop", "web-old-1", "ReplicaSet", "web-old", false), // created before injection
        deployment("shop", "cache", "sidecar.istio.io/inject=false"),
        replicaSet("shop", "cache-1", "cache"),
        pod("shop", "cache-1-a", "ReplicaSet", "cache-1", false),
        deployment("legacy", "batch", ""),
        replicaSet("legacy", "batch-1", "batch"),
        pod("legacy", "batch-1-a", "ReplicaSet", "batch-1", true), // injected before disabling
        item("apps", "StatefulSet",
             {{"metadata", meta("shop", "db")},
              {"spec", QJsonObject {{"template", QJsonObject {{"metadata", QJsonObject {}}}}}}}),
        pod("shop", "db-0", "StatefulSet", "db", true),
        // A gateway runs the proxy as its own container: not an injected sidecar.
        deployment("gw", "gateway", "", "sidecar.istio.io/inject=false"),
        pod("gw", "gateway-0", "Deployment", "gateway", true, "gateway-1.24"),
    };
    const SidecarInventory inv = buildInventory(snapshot);
    QCOMPARE(inv.workloads.size(), 5);
    auto find = [&](const QString &name) -> const WorkloadRow & {
        for (const WorkloadRow &r : inv.workloads) {
            if (r.name == name)
                return r;
        }
        qFatal("no workload %s", qPrintable(name));
    };
    const WorkloadRow &web = find("web");
    QCOMPARE(web.podsTotal, 3);
    QCOMPARE(web.podsInjected, 2);
    QCOMPARE(web.status, WorkloadStatus::PendingRestart);
    QVERIFY2(web.statusReason.contains("1 of 3 pods run without a sidecar"),
             qPrintable(web.statusReason));
    QCOMPARE(web.versions, QStringList({"1.23.0", "1.24.2"}));
    QCOMPARE(web.resources.cpuRequest, QStringLiteral("200m"));
    QCOMPARE(web.resources.memoryLimit, QStringLiteral("1Gi"));
    QCOMPARE(web.passthrough.inboundPorts, QStringLiteral("8081"));
    QCOMPARE(web.pods.size(), 3);
    QCOMPARE(web.pods.at(0).name, QStringLiteral("web-abc-1"));
    QVERIFY(web.pods.at(0).sidecarReady);
    QCOMPARE(web.pods.at(0).sidecarRestarts, 2);
    QCOMPARE(web.pods.at(0).node, QStringLiteral("node-1"));
    const WorkloadRow &cache = find("cache");
    QCOMPARE(cache.status, WorkloadStatus::NotInjected);
    QCOMPARE(cache.decision.rule, InjectionRule::PodLabelFalse);
    const WorkloadRow &batch = find("batch");
    QCOMPARE(batch.status, WorkloadStatus::PendingRestart);
    QVERIFY(batch.statusReason.contains("still run a sidecar"));
    const WorkloadRow &db = find("db");
    QCOMPARE(db.kind, QStringLiteral("StatefulSet"));
    QCOMPARE(db.status, WorkloadStatus::Injected);
    QCOMPARE(db.podsInjected, 1);
    const WorkloadRow &gateway = find("gateway");
    QCOMPARE(gateway.podsTotal, 1);
    QCOMPARE(gateway.podsInjected, 0);
    QCOMPARE(gateway.status, WorkloadStatus::NotInjected);

    QCOMPARE(inv.namespaces.size(), 3);
    const NamespaceRow &shop = inv.namespaces.at(2);
    QCOMPARE(shop.name, QStringLiteral("shop"));
    QCOMPARE(shop.policy.state, NamespacePolicy::State::Enabled);
    QCOMPARE(shop.podsTotal, 5);
    QCOMPARE(shop.podsInjected, 3);
    QCOMPARE(shop.podsWaitingRestart, 1);
    QCOMPARE(shop.workloads, 3);
    QVERIFY(inv.namespaces.at(0).system); // kube-system
    QCOMPARE(inv.namespaces.at(1).name, QStringLiteral("legacy"));
    QVERIFY(!inv.namespaces.at(1).system);
    QCOMPARE(inv.namespaces.at(1).podsWaitingRestart, 1);
}

void tst_InjectionPolicy::inventoryAmbientAndOrphans()
{
    md::mesh::MeshCache::Snapshot snapshot;
    QJsonObject cm {{"metadata", meta("istio-system", "istio-sidecar-injector")},
                    {"data", QJsonObject {{"config", "policy: disabled\n"}}}};
    QJsonObject webhook {{"metadata", meta({}, "istio-sidecar-injector", "istio.io/rev=default")}};
    snapshot["c1"] = {
        nsItem("mesh", "istio.io/dataplane-mode=ambient,istio.io/use-waypoint=wp"),
        nsItem("shop", "istio-injection=enabled"),
        deployment("mesh", "api", ""),
        replicaSet("mesh", "api-1", "api"),
        pod("mesh", "api-1-a", "ReplicaSet", "api-1", false),
        deployment("shop", "web", ""),
        item({}, "ConfigMap", cm),
        item("admissionregistration.k8s.io", "MutatingWebhookConfiguration", webhook),
        pod("shop", "bare", "", "", false), // no owner
    };
    snapshot["c2"] = {nsItem("shop", "istio.io/rev=canary"), deployment("shop", "web", "")};
    const SidecarInventory inv = buildInventory(snapshot);
    QCOMPARE(inv.injection.value("c1").config.policy, InjectorConfig::Policy::Disabled);
    QCOMPARE(inv.injection.value("c1").revisions, QSet<QString>({"default"}));
    QVERIFY(inv.injection.value("c2").revisions.isEmpty());
    QCOMPARE(inv.workloads.size(), 3);
    const WorkloadRow &api = inv.workloads.at(0);
    QCOMPARE(api.name, QStringLiteral("api"));
    QCOMPARE(api.status, WorkloadStatus::Ambient);
    QCOMPARE(api.decision.waypoint, QStringLiteral("mesh/wp"));
    QCOMPARE(inv.workloads.at(1).status, WorkloadStatus::NotInjected); // policy disabled
    QCOMPARE(inv.workloads.at(1).decision.rule, InjectionRule::PolicyDisabled);
    QCOMPARE(inv.workloads.at(2).context, QStringLiteral("c2"));
    QCOMPARE(inv.workloads.at(2).status, WorkloadStatus::Injected);
    QCOMPARE(inv.workloads.at(2).decision.revision, QStringLiteral("canary"));
    // The pod without an owner counts in its namespace (policy disabled: not expected).
    QCOMPARE(inv.namespaces.at(1).name, QStringLiteral("shop"));
    QCOMPARE(inv.namespaces.at(1).podsTotal, 1);
    QCOMPARE(inv.namespaces.at(1).podsWaitingRestart, 0);

    // An unreadable injector configuration is reported, the defaults stay.
    cm.insert("data", QJsonObject {{"config", "policy: [\n"}});
    snapshot["c1"][6] = item({}, "ConfigMap", cm);
    const SidecarInventory bad = buildInventory(snapshot);
    QVERIFY(bad.injectorErrors.value("c1").startsWith(
        "ConfigMap istio-system/istio-sidecar-injector: config"));
    QCOMPARE(bad.injection.value("c1").config.policy, InjectorConfig::Policy::Enabled);
}

void tst_InjectionPolicy::editsNamespace()
{
    const Value ns
        = Value::fromJson(QJsonObject {{"apiVersion", "v1"},
                                       {"kind", "Namespace"},
                                       {"metadata",
                                        QJsonObject {{"name", "shop"},
                                                     {"resourceVersion", "3"},
                                                     {"labels", QJsonObject {{"team", "a"}}}}}});
    auto labels = [](const Value &v) { return v["metadata"]["labels"]; };
    auto enabled = editNamespaceInjection(ns, InjectionAction::Enable);
    QVERIFY(enabled);
    QCOMPARE(labels(*enabled)["istio-injection"].toString(), QStringLiteral("enabled"));
    QCOMPARE(labels(*enabled)["team"].toString(), QStringLiteral("a"));
    auto disabled = editNamespaceInjection(*enabled, InjectionAction::Disable);
    QCOMPARE(labels(*disabled)["istio-injection"].toString(), QStringLiteral("disabled"));
    auto rev = editNamespaceInjection(*disabled, InjectionAction::Enable, "canary");
    QVERIFY(!labels(*rev).contains("istio-injection"));
    QCOMPARE(labels(*rev)["istio.io/rev"].toString(), QStringLiteral("canary"));
    auto again = editNamespaceInjection(*rev, InjectionAction::Enable);
    QVERIFY(*again == *rev); // already enabled through its revision
    auto cleared = editNamespaceInjection(*rev, InjectionAction::Clear);
    QVERIFY(!labels(*cleared).contains("istio.io/rev"));
    QVERIFY(!labels(*cleared).contains("istio-injection"));
    QCOMPARE(labels(*cleared)["team"].toString(), QStringLiteral("a"));
    QVERIFY(!editNamespaceInjection(workloadValue(), InjectionAction::Enable));
}

void tst_InjectionPolicy::editsWorkload()
{
    const Value w = workloadValue("app=x", "sidecar.istio.io/inject=false");
    auto tmplLabels = [](const Value &v) { return v["spec"]["template"]["metadata"]["labels"]; };
    auto on = editWorkloadInjection(w, InjectionAction::Enable);
    QVERIFY(on);
    QCOMPARE(tmplLabels(*on)["sidecar.istio.io/inject"].toString(), QStringLiteral("true"));
    auto off = editWorkloadInjection(w, InjectionAction::Disable);
    QCOMPARE(tmplLabels(*off)["sidecar.istio.io/inject"].toString(), QStringLiteral("false"));
    auto clear = editWorkloadInjection(*on, InjectionAction::Clear);
    QVERIFY(!tmplLabels(*clear).contains("sidecar.istio.io/inject"));
    QVERIFY(!(*clear)["spec"]["template"]["metadata"].contains("annotations")); // emptied
    QCOMPARE(tmplLabels(*clear)["app"].toString(), QStringLiteral("x"));
    // Not a workload, or no resourceVersion.
    Value ns = Value::object();
    ns.insert("kind", QStringLiteral("Namespace"));
    auto bad = editWorkloadInjection(ns, InjectionAction::Enable);
    QVERIFY(!bad);
    QVERIFY(bad.error().message.contains("Namespace is not a Deployment"));
    Value noVersion = w;
    noVersion.find("metadata")->remove("resourceVersion");
    QVERIFY(!editWorkloadInjection(noVersion, InjectionAction::Enable));
}

void tst_InjectionPolicy::editsResources_data()
{
    QTest::addColumn<QString>("cpu");
    QTest::addColumn<QString>("cpuLimit");
    QTest::addColumn<QString>("memory");
    QTest::addColumn<QString>("memoryLimit");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::newRow("all set") << "100m"
                             << "2"
                             << "128Mi"
                             << "1Gi"
                             << "";
    QTest::newRow("decimal and exponent") << "0.5"
                                          << "1e3"
                                          << "1G"
                                          << "2G"
                                          << "";
    QTest::newRow("some empty") << ""
                                << "500m"
                                << ""
                                << ""
                                << "";
    QTest::newRow("bad cpu") << "100 m"
                             << ""
                             << ""
                             << ""
                             << "sidecar.istio.io/proxyCPU: \"100 m\" is not a Kubernetes quantity";
    QTest::newRow("bad memory unit") << ""
                                     << ""
                                     << "128MB"
                                     << ""
                                     << "sidecar.istio.io/proxyMemory: \"128MB\"";
    QTest::newRow("negative") << ""
                              << "-1"
                              << ""
                              << ""
                              << "\"-1\" is negative";
    QTest::newRow("request above limit") << "2"
                                         << "500m"
                                         << ""
                                         << ""
                                         << "the CPU request 2 is above its limit 500m";
    QTest::newRow("memory above limit") << ""
                                        << ""
                                        << "2Gi"
                                        << "1Gi"
                                        << "the memory request 2Gi is above its limit 1Gi";
}

void tst_InjectionPolicy::editsResources()
{
    QFETCH(QString, cpu);
    QFETCH(QString, cpuLimit);
    QFETCH(QString, memory);
    QFETCH(QString, memoryLimit);
    QFETCH(QString, error);
    const Value w = workloadValue("app=x", "sidecar.istio.io/proxyCPU=50m");
    auto edited = editSidecarResources(w, {cpu, cpuLimit, memory, memoryLimit});
    if (!error.isEmpty()) {
        QVERIFY(!edited);
        QVERIFY2(edited.error().toString().contains(error), qPrintable(edited.error().toString()));
        return;
    }
    QVERIFY(edited);
    const Value a = (*edited)["spec"]["template"]["metadata"]["annotations"];
    QCOMPARE(a["sidecar.istio.io/proxyCPU"].toString(), cpu);
    QCOMPARE(a.contains("sidecar.istio.io/proxyCPULimit"), !cpuLimit.isEmpty());
    QCOMPARE(a["sidecar.istio.io/proxyMemoryLimit"].toString(), memoryLimit);
    QCOMPARE(*parseQuantity("1Gi"), 1073741824.0);
    QCOMPARE(*parseQuantity("250m"), 0.25);
}

void tst_InjectionPolicy::editsPassthrough_data()
{
    QTest::addColumn<QString>("inbound");
    QTest::addColumn<QString>("outbound");
    QTest::addColumn<QString>("ranges");
    QTest::addColumn<QString>("error");
    QTest::newRow("ok") << "8080, 9090"
                        << "3306"
                        << "10.0.0.0/8, fd00::/8"
                        << "";
    QTest::newRow("clear") << ""
                           << ""
                           << ""
                           << "";
    QTest::newRow("port zero")
        << "0"
        << ""
        << ""
        << "traffic.sidecar.istio.io/excludeInboundPorts: \"0\" is not a port (1-65535)";
    QTest::newRow("port too big") << ""
                                  << "80,70000"
                                  << ""
                                  << "\"70000\" is not a port";
    QTest::newRow("port word") << "http"
                               << ""
                               << ""
                               << "\"http\" is not a port";
    QTest::newRow("empty entry") << "80,,90"
                                 << ""
                                 << ""
                                 << "entry 2 is empty";
    QTest::newRow("no prefix") << ""
                               << ""
                               << "10.0.0.1"
                               << "\"10.0.0.1\" has no prefix length";
    QTest::newRow("bad prefix")
        << ""
        << ""
        << "10.0.0.0/33"
        << "traffic.sidecar.istio.io/excludeOutboundIPRanges: \"10.0.0.0/33\" is not a CIDR range";
    QTest::newRow("bad address") << ""
                                 << ""
                                 << "10.0.0.0/8,300.1.1.1/32"
                                 << "\"300.1.1.1/32\"";
}

void tst_InjectionPolicy::editsPassthrough()
{
    QFETCH(QString, inbound);
    QFETCH(QString, outbound);
    QFETCH(QString, ranges);
    QFETCH(QString, error);
    const Value w = workloadValue("app=x", "traffic.sidecar.istio.io/excludeInboundPorts=1");
    auto edited = editPassthrough(w, {inbound, outbound, ranges});
    if (!error.isEmpty()) {
        QVERIFY(!edited);
        QVERIFY2(edited.error().message.contains(error), qPrintable(edited.error().message));
        return;
    }
    QVERIFY(edited);
    const Value meta = (*edited)["spec"]["template"]["metadata"];
    if (inbound.isEmpty() && outbound.isEmpty() && ranges.isEmpty()) {
        QVERIFY(!meta.contains("annotations"));
        return;
    }
    const Value a = meta["annotations"];
    QCOMPARE(a["traffic.sidecar.istio.io/excludeInboundPorts"].toString(),
             QStringLiteral("8080,9090"));
    QCOMPARE(a["traffic.sidecar.istio.io/excludeOutboundIPRanges"].toString(),
             QStringLiteral("10.0.0.0/8,fd00::/8"));
}

void tst_InjectionPolicy::restart()
{
    const QDateTime at(QDate(2026, 12, 7), QTime(5, 0, 1), Qt::UTC);
    auto r = restartWorkload(workloadValue(), at);
    QVERIFY(r);
    QCOMPARE(
        (*r)["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"]
            .toString(),
        QStringLiteral("2026-12-07T05:00:01Z"));
}

void tst_InjectionPolicy::models()
{
    md::mesh::MeshCache::Snapshot snapshot;
    snapshot["c1"] = {nsItem("shop", "istio-injection=enabled"),
                      nsItem("kube-system", ""),
                      deployment("shop", "web", ""),
                      replicaSet("shop", "web-1", "web"),
                      pod("shop", "web-1-a", "ReplicaSet", "web-1", false),
                      deployment("shop", "api", "")};
    snapshot["c2"] = {nsItem("shop", ""), deployment("shop", "web", "")};
    SidecarInventoryLoader loader;
    QAbstractItemModelTester t1(loader.workloads(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(loader.namespaces(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    WorkloadFilterModel workloads;
    workloads.setWorkloadModel(loader.workloads());
    NamespaceFilterModel namespaces;
    namespaces.setNamespaceModel(loader.namespaces());
    QAbstractItemModelTester t3(&workloads, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t4(&namespaces,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    workloads.sort(WorkloadTableModel::NameColumn);
    namespaces.sort(NamespaceTableModel::NameColumn);

    QSignalSpy updated(&loader, &SidecarInventoryLoader::updated);
    loader.setSource([&] { return snapshot; });
    QVERIFY(updated.wait());
    QCOMPARE(loader.workloads()->rowCount(), 3);
    QCOMPARE(workloads.rowCount(), 3);
    QCOMPARE(namespaces.rowCount(), 2); // kube-system hidden
    namespaces.setHideSystem(false);
    QCOMPARE(namespaces.rowCount(), 3);
    namespaces.setClusterFilter("c2");
    QCOMPARE(namespaces.rowCount(), 1);
    namespaces.setClusterFilter({});
    namespaces.setSearchText("KUBE");
    QCOMPARE(namespaces.rowCount(), 1);

    const int web = loader.workloads()->rowOfKey("c1/Deployment/shop/web");
    QVERIFY(web >= 0);
    const QModelIndex status = loader.workloads()->index(web, WorkloadTableModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Pending restart"));
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains("istio-injection=enabled"));
    QCOMPARE(loader.workloads()->index(web, WorkloadTableModel::PodsColumn).data().toString(),
             QStringLiteral("0/1"));
    QVERIFY(loader.workloads()
                ->index(web, WorkloadTableModel::PodsColumn)
                .data(HighlightRole)
                .toBool());

    workloads.setStatusFilter(int(WorkloadStatus::NotInjected));
    QCOMPARE(workloads.rowCount(), 1); // c2's web (namespace not set)
    workloads.setStatusFilter(-1);
    workloads.setSearchText("web c1");
    QCOMPARE(workloads.rowCount(), 1);
    workloads.setSearchText("app=api");
    QCOMPARE(workloads.rowCount(), 1);
    workloads.setSearchText({});
    workloads.setClusterFilter("c2");
    QCOMPARE(workloads.rowCount(), 1);
    workloads.setClusterFilter({});
    workloads.setNamespaceFilter("shop");
    QCOMPARE(workloads.rowCount(), 3);

    // An update: one workload gone, one changed (restarted with a sidecar), one added; the
    // row of the unchanged one keeps its place.
    const QPersistentModelIndex apiIndex
        = loader.workloads()->index(loader.workloads()->rowOfKey("c1/Deployment/shop/api"), 0);
    snapshot["c1"][4] = pod("shop", "web-1-a", "ReplicaSet", "web-1", true);
    snapshot["c2"] = {nsItem("shop", ""), deployment("shop", "new", "")};
    loader.refresh();
    QVERIFY(updated.wait());
    QCOMPARE(loader.workloads()->rowCount(), 3);
    QVERIFY(apiIndex.isValid());
    QCOMPARE(apiIndex.data().toString(), QStringLiteral("api"));
    const int web2 = loader.workloads()->rowOfKey("c1/Deployment/shop/web");
    QCOMPARE(loader.workloads()->rowAt(web2).status, WorkloadStatus::Injected);
    QCOMPARE(loader.workloads()->rowOfKey("c2/Deployment/shop/web"), -1);
    QVERIFY(loader.workloads()->rowOfKey("c2/Deployment/shop/new") >= 0);
    for (int c = 0; c < WorkloadTableModel::ColumnCount; ++c)
        QVERIFY(!loader.workloads()->headerData(c, Qt::Horizontal).toString().isEmpty());
    for (int c = 0; c < NamespaceTableModel::ColumnCount; ++c)
        QVERIFY(!loader.namespaces()->headerData(c, Qt::Horizontal).toString().isEmpty());
}

void tst_InjectionPolicy::imageTags()
{
    QCOMPARE(imageTag("docker.io/istio/proxyv2:1.24.2"), QStringLiteral("1.24.2"));
    QCOMPARE(imageTag("localhost:5000/istio/proxyv2:1.22.0-distroless"),
             QStringLiteral("1.22.0-distroless"));
    QCOMPARE(imageTag("localhost:5000/istio/proxyv2"), QStringLiteral("latest"));
    QCOMPARE(imageTag("gcr.io/istio/proxyv2:1.20@sha256:abcdef"), QStringLiteral("1.20"));
}

QTEST_GUILESS_MAIN(tst_InjectionPolicy)
#include "tst_injectionpolicy.moc"

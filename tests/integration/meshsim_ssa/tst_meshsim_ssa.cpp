// meshsim's server-side apply and managedFields as real kubectl sees them: the client-side
// to server-side apply upgrade, conflicts on fields (not objects), co-owners, forced
// takeovers, fields dropped from an applied file, Update operations taking fields, and
// FieldsV1 sets with "." entries and "k:" keys for lists typed as maps.

#include "meshsimprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

QByteArray destinationRule(const QByteArray &spec)
{
    return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n"
           "  name: reviews\nspec:\n"
        + spec;
}

} // namespace

#define KUBECTL_OK(result)                                                                         \
    do {                                                                                           \
        const CommandResult &r_ = (result);                                                        \
        QVERIFY2(r_.finished &&r_.exitCode == 0, qPrintable(r_.describe()));                       \
    } while (false)

#define KUBECTL_FAILS(result)                                                                      \
    do {                                                                                           \
        const CommandResult &r_ = (result);                                                        \
        QVERIFY2(r_.finished &&r_.exitCode != 0, qPrintable(r_.describe()));                       \
    } while (false)

class TestMeshsimSsa : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void clientSideToServerSideUpgrade();
    void upgradeIsForKubectlOnly();
    void conflictOnOneFieldCoOwnerOfAnother();
    void forceConflictsTakesOwnership();
    void droppedFieldIsRemovedUnlessOwnedElsewhere();
    void updateTakesFieldsFromAppliers();
    void mapListsMergeByKey();
    void managedFieldsArePerField();

private:
    // The object as JSON with its managedFields (kubectl get --show-managed-fields -o json).
    QJsonObject get(const QString &resource, const QString &name, const QString &ns);
    static QJsonObject fieldsOf(const QJsonObject &object, const QString &manager,
                                const QString &operation);
    CommandResult apply(const QString &ns, const QString &manager, const QByteArray &yaml,
                        const QStringList &extra = {});

    MeshsimProcess m_sim;
};

void TestMeshsimSsa::initTestCase()
{
    QVERIFY2(!MeshsimProcess::kubectlPath().isEmpty(),
             "kubectl is required for this test (scripts/install-deps.sh)");
    QVERIFY2(QFile::exists(kShared + u"/istio/crd-all.gen.yaml"_s), "missing ../shared/istio");
    const QString error = m_sim.start(
        {u"--scenario"_s, u"demo"_s, u"--crds"_s, kShared + u"/istio/crd-all.gen.yaml"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &ns : {u"bars"_s, u"upgrade-other"_s, u"owners"_s, u"lists"_s})
        KUBECTL_OK(m_sim.kubectl({u"create"_s, u"namespace"_s, ns}));
}

void TestMeshsimSsa::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

QJsonObject TestMeshsimSsa::get(const QString &resource, const QString &name, const QString &ns)
{
    const CommandResult r = m_sim.kubectl(
        {u"get"_s, resource, name, u"-n"_s, ns, u"--show-managed-fields"_s, u"-o"_s, u"json"_s});
    if (!r.finished || r.exitCode != 0) {
        qWarning("%s", qPrintable(r.describe()));
        return {};
    }
    return QJsonDocument::fromJson(r.out).object();
}

QJsonObject TestMeshsimSsa::fieldsOf(const QJsonObject &object, const QString &manager,
                                     const QString &operation)
{
    for (const QJsonValue &v :
         object.value(u"metadata"_s).toObject().value(u"managedFields"_s).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(u"manager"_s).toString() == manager
            && e.value(u"operation"_s).toString() == operation
            && e.value(u"subresource"_s).toString().isEmpty()) {
            return e.value(u"fieldsV1"_s).toObject();
        }
    }
    return {};
}

CommandResult TestMeshsimSsa::apply(const QString &ns, const QString &manager,
                                    const QByteArray &yaml, const QStringList &extra)
{
    return m_sim.kubectl(QStringList {u"apply"_s, u"--server-side"_s, u"-n"_s, ns,
                                      u"--field-manager"_s, manager, u"-f"_s, u"-"_s}
                             + extra,
                         yaml);
}

void TestMeshsimSsa::clientSideToServerSideUpgrade()
{
    // The sequence of issue 12, as a user moving from client-side to server-side apply.
    KUBECTL_OK(m_sim.kubectl(
        {u"apply"_s, u"-n"_s, u"bars"_s, u"-f"_s, sample(u"virtual-service-all-v1.yaml"_s)}));
    const QJsonObject before = get(u"vs"_s, u"reviews"_s, u"bars"_s);
    const QJsonObject clientSide = fieldsOf(before, u"kubectl-client-side-apply"_s, u"Update"_s);
    // A create records every field it set, with "." for the maps it added.
    QCOMPARE(clientSide.value(u"f:spec"_s).toObject(),
             (QJsonObject {{u"."_s, QJsonObject {}},
                           {u"f:hosts"_s, QJsonObject {}},
                           {u"f:http"_s, QJsonObject {}}}));
    QVERIFY(clientSide.value(u"f:metadata"_s)
                .toObject()
                .value(u"f:annotations"_s)
                .toObject()
                .contains(u"f:kubectl.kubernetes.io/last-applied-configuration"_s));

    const CommandResult upgrade
        = m_sim.kubectl({u"apply"_s, u"--server-side"_s, u"-n"_s, u"bars"_s, u"-f"_s,
                         sample(u"virtual-service-reviews-80-20.yaml"_s)});
    KUBECTL_OK(upgrade);
    QVERIFY2(upgrade.out.contains("virtualservice.networking.istio.io/reviews serverside-applied"),
             upgrade.out);
    const CommandResult weights
        = m_sim.kubectl({u"get"_s, u"vs"_s, u"reviews"_s, u"-n"_s, u"bars"_s, u"-o"_s,
                         u"jsonpath={.spec.http[0].route[*].weight}"_s});
    KUBECTL_OK(weights);
    QCOMPARE(weights.out, QByteArray("80 20"));

    const QJsonObject after = get(u"vs"_s, u"reviews"_s, u"bars"_s);
    const QJsonObject applied = fieldsOf(after, u"kubectl"_s, u"Apply"_s);
    QCOMPARE(applied.value(u"f:spec"_s).toObject(),
             (QJsonObject {{u"f:hosts"_s, QJsonObject {}}, {u"f:http"_s, QJsonObject {}}}));
    // kubectl took the fields over (kubectl then folds the client-side entry into its own).
    QVERIFY(fieldsOf(after, u"kubectl-client-side-apply"_s, u"Update"_s)
                .value(u"f:spec"_s)
                .toObject()
                .value(u"f:http"_s)
                .isUndefined());
    // The client-side annotation follows the server-side apply.
    const QString lastApplied = after.value(u"metadata"_s)
                                    .toObject()
                                    .value(u"annotations"_s)
                                    .toObject()
                                    .value(u"kubectl.kubernetes.io/last-applied-configuration"_s)
                                    .toString();
    QVERIFY2(lastApplied.contains(u"\"weight\":80"_s), qPrintable(lastApplied));

    // Another manager now conflicts with kubectl, the owner of .spec.http.
    const CommandResult other
        = m_sim.kubectl({u"apply"_s, u"--server-side"_s, u"-n"_s, u"bars"_s, u"--field-manager"_s,
                         u"canary"_s, u"-f"_s, sample(u"virtual-service-reviews-50-v3.yaml"_s)});
    KUBECTL_FAILS(other);
    QVERIFY2(other.err.contains("Apply failed with 1 conflict: conflict with \"kubectl\" using "
                                "networking.istio.io/v1: .spec.http"),
             other.err);
}

void TestMeshsimSsa::upgradeIsForKubectlOnly()
{
    KUBECTL_OK(m_sim.kubectl({u"apply"_s, u"-n"_s, u"upgrade-other"_s, u"-f"_s,
                              sample(u"virtual-service-all-v1.yaml"_s)}));
    const CommandResult r = m_sim.kubectl(
        {u"apply"_s, u"--server-side"_s, u"-n"_s, u"upgrade-other"_s, u"--field-manager"_s,
         u"my-tool"_s, u"-f"_s, sample(u"virtual-service-reviews-80-20.yaml"_s)});
    KUBECTL_FAILS(r);
    QVERIFY2(r.err.contains("conflict with \"kubectl-client-side-apply\" using "
                            "networking.istio.io/v1: .spec.http"),
             r.err);
    // Only the changed field conflicts: .spec.hosts has the same value.
    QVERIFY2(!r.err.contains(".spec.hosts"), r.err);
}

void TestMeshsimSsa::conflictOnOneFieldCoOwnerOfAnother()
{
    KUBECTL_OK(apply(u"owners"_s, u"team-a"_s, destinationRule(R"(  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
    connectionPool:
      tcp:
        maxConnections: 100
)")));
    // team-b sets the same host (no conflict) and another load balancer (a conflict).
    const QByteArray teamB = destinationRule(R"(  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: LEAST_REQUEST
)");
    const CommandResult conflict = apply(u"owners"_s, u"team-b"_s, teamB);
    KUBECTL_FAILS(conflict);
    QVERIFY2(
        conflict.err.contains("Apply failed with 1 conflict: conflict with \"team-a\" using "
                              "networking.istio.io/v1: .spec.trafficPolicy.loadBalancer.simple"),
        conflict.err);
    QVERIFY2(!conflict.err.contains(".spec.host\n") && !conflict.err.contains(".spec.host "),
             conflict.err);

    // The same value makes a co-owner.
    KUBECTL_OK(apply(u"owners"_s, u"team-b"_s, destinationRule("  host: reviews\n")));
    const QJsonObject dr = get(u"dr"_s, u"reviews"_s, u"owners"_s);
    for (const QString &manager : {u"team-a"_s, u"team-b"_s})
        QVERIFY2(
            fieldsOf(dr, manager, u"Apply"_s).value(u"f:spec"_s).toObject().contains(u"f:host"_s),
            qPrintable(manager));
    QCOMPARE(dr.value(u"spec"_s)
                 .toObject()
                 .value(u"trafficPolicy"_s)
                 .toObject()
                 .value(u"loadBalancer"_s)
                 .toObject()
                 .value(u"simple"_s)
                 .toString(),
             u"ROUND_ROBIN"_s);
}

void TestMeshsimSsa::forceConflictsTakesOwnership()
{
    const QByteArray teamB = destinationRule(R"(  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: LEAST_REQUEST
)");
    KUBECTL_OK(apply(u"owners"_s, u"team-b"_s, teamB, {u"--force-conflicts"_s}));
    const QJsonObject dr = get(u"dr"_s, u"reviews"_s, u"owners"_s);
    const QJsonObject policy = dr.value(u"spec"_s).toObject().value(u"trafficPolicy"_s).toObject();
    QCOMPARE(policy.value(u"loadBalancer"_s).toObject().value(u"simple"_s).toString(),
             u"LEAST_REQUEST"_s);
    const QJsonObject teamAPolicy = fieldsOf(dr, u"team-a"_s, u"Apply"_s)
                                        .value(u"f:spec"_s)
                                        .toObject()
                                        .value(u"f:trafficPolicy"_s)
                                        .toObject();
    QVERIFY2(!teamAPolicy.contains(u"f:loadBalancer"_s), QJsonDocument(teamAPolicy).toJson());
    QVERIFY(teamAPolicy.contains(u"f:connectionPool"_s));
    QVERIFY(fieldsOf(dr, u"team-b"_s, u"Apply"_s)
                .value(u"f:spec"_s)
                .toObject()
                .value(u"f:trafficPolicy"_s)
                .toObject()
                .value(u"f:loadBalancer"_s)
                .toObject()
                .contains(u"f:simple"_s));
}

void TestMeshsimSsa::droppedFieldIsRemovedUnlessOwnedElsewhere()
{
    // team-a stops sending its whole trafficPolicy: the connection pool, owned by no one
    // else, goes; the load balancer (team-b's now) and the shared host stay.
    KUBECTL_OK(apply(u"owners"_s, u"team-a"_s, destinationRule("  host: reviews\n")));
    const QJsonObject dr = get(u"dr"_s, u"reviews"_s, u"owners"_s);
    const QJsonObject spec = dr.value(u"spec"_s).toObject();
    QCOMPARE(spec.value(u"host"_s).toString(), u"reviews"_s);
    const QJsonObject policy = spec.value(u"trafficPolicy"_s).toObject();
    QVERIFY2(!policy.contains(u"connectionPool"_s), QJsonDocument(spec).toJson());
    QCOMPARE(policy.value(u"loadBalancer"_s).toObject().value(u"simple"_s).toString(),
             u"LEAST_REQUEST"_s);

    // A field only its applier owned disappears when the applier drops it.
    KUBECTL_OK(apply(u"owners"_s, u"team-b"_s, destinationRule("  host: reviews\n")));
    const QJsonObject after = get(u"dr"_s, u"reviews"_s, u"owners"_s);
    QVERIFY2(!after.value(u"spec"_s)
                  .toObject()
                  .value(u"trafficPolicy"_s)
                  .toObject()
                  .contains(u"loadBalancer"_s),
             QJsonDocument(after.value(u"spec"_s).toObject()).toJson());
    QCOMPARE(after.value(u"spec"_s).toObject().value(u"host"_s).toString(), u"reviews"_s);
}

void TestMeshsimSsa::updateTakesFieldsFromAppliers()
{
    KUBECTL_OK(apply(u"owners"_s, u"team-a"_s, destinationRule(R"(  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
)")));
    KUBECTL_OK(m_sim.kubectl(
        {u"patch"_s, u"dr"_s, u"reviews"_s, u"-n"_s, u"owners"_s, u"--type"_s, u"merge"_s, u"-p"_s,
         u"{\"spec\":{\"trafficPolicy\":{\"loadBalancer\":{\"simple\":\"RANDOM\"}}}}"_s}));
    const QJsonObject dr = get(u"dr"_s, u"reviews"_s, u"owners"_s);
    QVERIFY(fieldsOf(dr, u"kubectl-patch"_s, u"Update"_s)
                .value(u"f:spec"_s)
                .toObject()
                .value(u"f:trafficPolicy"_s)
                .toObject()
                .value(u"f:loadBalancer"_s)
                .toObject()
                .contains(u"f:simple"_s));
    QVERIFY(!fieldsOf(dr, u"team-a"_s, u"Apply"_s)
                 .value(u"f:spec"_s)
                 .toObject()
                 .contains(u"f:trafficPolicy"_s));
    // Applying the old value again now conflicts with the patch's manager.
    const CommandResult again = apply(u"owners"_s, u"team-a"_s, destinationRule(R"(  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
)"));
    KUBECTL_FAILS(again);
    QVERIFY2(again.err.contains("conflict with \"kubectl-patch\""), again.err);
}

void TestMeshsimSsa::mapListsMergeByKey()
{
    // ServiceEntry.spec.ports is x-kubernetes-list-type: map keyed by name: two managers
    // applying one port each both keep theirs.
    const QByteArray head = "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n"
                            "  name: external\nspec:\n  hosts: [api.example.com]\n"
                            "  resolution: DNS\n  ports:\n";
    KUBECTL_OK(
        apply(u"lists"_s, u"http-team"_s, head + "  - {name: http, number: 80, protocol: HTTP}\n"));
    KUBECTL_OK(
        apply(u"lists"_s, u"tls-team"_s, head + "  - {name: https, number: 443, protocol: TLS}\n"));
    QJsonObject se = get(u"se"_s, u"external"_s, u"lists"_s);
    QStringList names;
    for (const QJsonValue &p : se.value(u"spec"_s).toObject().value(u"ports"_s).toArray())
        names << p.toObject().value(u"name"_s).toString();
    QCOMPARE(names, (QStringList {u"http"_s, u"https"_s}));
    const QJsonObject ports = fieldsOf(se, u"tls-team"_s, u"Apply"_s)
                                  .value(u"f:spec"_s)
                                  .toObject()
                                  .value(u"f:ports"_s)
                                  .toObject();
    QCOMPARE(ports.keys(), QStringList {u"k:{\"name\":\"https\"}"_s});
    QCOMPARE(ports.value(u"k:{\"name\":\"https\"}"_s).toObject().value(u"."_s).toObject(),
             QJsonObject {});
    QVERIFY(ports.value(u"k:{\"name\":\"https\"}"_s).toObject().contains(u"f:number"_s));

    // A changed port of the other manager conflicts on that item's field only.
    const CommandResult clash = apply(u"lists"_s, u"tls-team"_s,
                                      head + "  - {name: http, number: 8080, protocol: HTTP}\n");
    KUBECTL_FAILS(clash);
    QVERIFY2(clash.err.contains("conflict with \"http-team\" using networking.istio.io/v1: "
                                ".spec.ports[name=\"http\"].number"),
             clash.err);

    // Dropping its item removes it; the other manager's stays.
    KUBECTL_OK(apply(u"lists"_s, u"tls-team"_s,
                     "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n"
                     "  name: external\nspec:\n  hosts: [api.example.com]\n"));
    se = get(u"se"_s, u"external"_s, u"lists"_s);
    names.clear();
    for (const QJsonValue &p : se.value(u"spec"_s).toObject().value(u"ports"_s).toArray())
        names << p.toObject().value(u"name"_s).toString();
    QCOMPARE(names, QStringList {u"http"_s});
}

void TestMeshsimSsa::managedFieldsArePerField()
{
    // A built-in kind: containers keyed by name, ports by containerPort and protocol, env by
    // name, as the API server's OpenAPI types them.
    const QByteArray deployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: example/web:1
        ports:
        - containerPort: 8080
        env:
        - {name: MODE, value: fast}
)";
    KUBECTL_OK(apply(u"lists"_s, u"kubectl"_s, deployment));
    const QJsonObject d = get(u"deploy"_s, u"web"_s, u"lists"_s);
    const QJsonObject spec = fieldsOf(d, u"kubectl"_s, u"Apply"_s).value(u"f:spec"_s).toObject();
    QCOMPARE(spec.value(u"f:selector"_s).toObject(), QJsonObject {}); // an atomic map
    QCOMPARE(spec.value(u"f:replicas"_s).toObject(), QJsonObject {});
    const QJsonObject container = spec.value(u"f:template"_s)
                                      .toObject()
                                      .value(u"f:spec"_s)
                                      .toObject()
                                      .value(u"f:containers"_s)
                                      .toObject()
                                      .value(u"k:{\"name\":\"web\"}"_s)
                                      .toObject();
    QVERIFY2(container.contains(u"."_s), QJsonDocument(spec).toJson());
    QVERIFY(container.contains(u"f:image"_s));
    QVERIFY2(container.value(u"f:ports"_s)
                 .toObject()
                 .contains(u"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}"_s),
             QJsonDocument(container).toJson());
    QVERIFY(container.value(u"f:env"_s).toObject().contains(u"k:{\"name\":\"MODE\"}"_s));
    // The controllers record their status writes on the status subresource.
    bool statusEntry = false;
    for (const QJsonValue &e :
         d.value(u"metadata"_s).toObject().value(u"managedFields"_s).toArray())
        statusEntry |= e.toObject().value(u"subresource"_s).toString() == u"status"_s
            && e.toObject().value(u"manager"_s).toString() == u"kube-controller-manager"_s;
    QVERIFY(statusEntry);

    // Another manager adding a container merges it by name instead of replacing the list.
    KUBECTL_OK(apply(u"lists"_s, u"sidecar-tool"_s, R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: helper
        image: example/helper:1
)"));
    const CommandResult names
        = m_sim.kubectl({u"get"_s, u"deploy"_s, u"web"_s, u"-n"_s, u"lists"_s, u"-o"_s,
                         u"jsonpath={.spec.template.spec.containers[*].name}"_s});
    KUBECTL_OK(names);
    QCOMPARE(names.out, QByteArray("web helper"));

    // kubectl prints the sets as the API server stores them.
    const CommandResult yaml = m_sim.kubectl({u"get"_s, u"deploy"_s, u"web"_s, u"-n"_s, u"lists"_s,
                                              u"--show-managed-fields"_s, u"-o"_s, u"yaml"_s});
    KUBECTL_OK(yaml);
    QVERIFY2(yaml.out.contains("k:{\"name\":\"helper\"}:"), yaml.out);
    QVERIFY2(yaml.out.contains("manager: sidecar-tool"), yaml.out);
}

QTEST_GUILESS_MAIN(TestMeshsimSsa)
#include "tst_meshsim_ssa.moc"

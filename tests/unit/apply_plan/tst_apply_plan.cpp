#include "apply/applyplan.h"
#include "apply/applytarget.h"
#include "apply/importer.h"
#include "apply/referrers.h"
#include "apply/textdiff.h"
#include "istio/document.h"
#include "istio/validatefiles.h"
#include "kube/kubeobject.h"

#include <QFile>
#include <QTest>

using namespace md::apply;
using md::istio::Value;

namespace {

Value yaml(const char *text)
{
    auto parsed = md::istio::parseValue(QByteArray(text));
    if (!parsed)
        qFatal("bad test YAML: %s", qPrintable(parsed.error().toString()));
    return *parsed;
}

QStringList kindsInOrder(const QList<ApplyItem> &items, const QList<int> &order)
{
    QStringList kinds;
    for (int i : order)
        kinds << items.at(i).id().kind + QLatin1Char('/') + items.at(i).id().name;
    return kinds;
}

ApplyItem object(const QString &kind, const QString &name)
{
    Value v = Value::object();
    v.insert(QStringLiteral("apiVersion"), QStringLiteral("networking.istio.io/v1"));
    v.insert(QStringLiteral("kind"), kind);
    Value metadata = Value::object();
    metadata.insert(QStringLiteral("name"), name);
    metadata.insert(QStringLiteral("namespace"), QStringLiteral("bookinfo"));
    v.insert(QStringLiteral("metadata"), metadata);
    return ApplyItem::create(v);
}

const char *const Gateway = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: bookinfo-gateway, namespace: bookinfo}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["bookinfo.example.com"]
    tls: {mode: SIMPLE, credentialName: bookinfo-cert}
)";

const char *const VirtualService = R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bookinfo, namespace: bookinfo}
spec:
  hosts: ["bookinfo.example.com"]
  gateways: [bookinfo-gateway]
  http:
  - route:
    - destination: {host: productpage, port: {number: 9080}}
)";

const char *const Reviews = R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - match:
    - gateways: [istio-system/other-gateway]
    route:
    - destination: {host: reviews, subset: v2}
      weight: 50
    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v3}
      weight: 50
)";

const char *const ReviewsRule = R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
  - {name: v3, labels: {version: v3}}
)";

} // namespace

class tst_ApplyPlan : public QObject
{
    Q_OBJECT

private slots:
    void ordersDependenciesFirstAndStably()
    {
        const QList<ApplyItem> items {
            object(QStringLiteral("AuthorizationPolicy"), QStringLiteral("ap")),
            object(QStringLiteral("VirtualService"), QStringLiteral("vs1")),
            object(QStringLiteral("DestinationRule"), QStringLiteral("dr")),
            object(QStringLiteral("VirtualService"), QStringLiteral("vs2")),
            object(QStringLiteral("Gateway"), QStringLiteral("gw")),
            object(QStringLiteral("PeerAuthentication"), QStringLiteral("pa")),
            object(QStringLiteral("ServiceEntry"), QStringLiteral("se")),
            object(QStringLiteral("Secret"), QStringLiteral("cert")),
            object(QStringLiteral("Namespace"), QStringLiteral("ns")),
            object(QStringLiteral("RequestAuthentication"), QStringLiteral("ra")),
        };
        QCOMPARE(kindsInOrder(items, applyOrder(items)),
                 QStringList({"Namespace/ns", "Secret/cert", "ServiceEntry/se", "Gateway/gw",
                              "DestinationRule/dr", "VirtualService/vs1", "VirtualService/vs2",
                              "PeerAuthentication/pa", "RequestAuthentication/ra",
                              "AuthorizationPolicy/ap"}));
    }

    void deletesRunAfterWritesInReverse()
    {
        QList<ApplyItem> items {
            object(QStringLiteral("Gateway"), QStringLiteral("gw")),
            object(QStringLiteral("VirtualService"), QStringLiteral("vs")),
            object(QStringLiteral("DestinationRule"), QStringLiteral("dr")),
        };
        items[0].operation = Operation::Delete;
        items[1].operation = Operation::Delete;
        QCOMPARE(kindsInOrder(items, applyOrder(items)),
                 QStringList({"DestinationRule/dr", "VirtualService/vs", "Gateway/gw"}));
    }

    void planValidatesTogether()
    {
        // A VirtualService using a Gateway of the same import: no missing-gateway message;
        // alone, the Gateway is reported missing.
        ApplyRequest request;
        request.items = {ApplyItem::create(yaml(VirtualService)), ApplyItem::create(yaml(Gateway))};
        const ApplyPlan together = buildPlan(request, md::istio::Validator());
        QCOMPARE(together.order, QList<int>({1, 0}));
        const auto hasMissingGateway = [](const ApplyPlan &plan) {
            for (const md::istio::Message &m : plan.messages()) {
                if (m.code == QLatin1String("IST0101")
                    && m.path.startsWith(QLatin1String("spec.gateways")))
                    return true;
            }
            return false;
        };
        QVERIFY(!hasMissingGateway(together));

        request.items.removeLast();
        const ApplyPlan alone = buildPlan(request, md::istio::Validator());
        QVERIFY(hasMissingGateway(alone));
        QVERIFY(alone.blocked());
        for (const md::istio::Message &m : alone.messages())
            QCOMPARE(m.object, QStringLiteral("VirtualService bookinfo/bookinfo"));
    }

    void planReportsRuleErrorsAndDiff()
    {
        Value base = yaml(Reviews);
        Value edited = base;
        edited.member(QStringLiteral("spec"))
            .member(QStringLiteral("http"))
            .at(0)
            .member(QStringLiteral("route"))
            .at(0)
            .insert(QStringLiteral("weight"), -10); // a negative weight: istiod refuses it
        base.member(QStringLiteral("metadata"))
            .insert(QStringLiteral("resourceVersion"), QStringLiteral("5"));
        ApplyRequest request;
        request.items = {ApplyItem::update(base, edited)};
        QCOMPARE(request.items.at(0).baseResourceVersion, QStringLiteral("5"));
        int crossChecks = 0;
        const ApplyPlan plan = buildPlan(request, md::istio::Validator(), [&](const Value &) {
            ++crossChecks;
            return QList<md::istio::Message>();
        });
        QCOMPARE(crossChecks, 1);
        QVERIFY(plan.blocked());
        bool weight = false;
        for (const md::istio::Message &m : plan.messages())
            weight |= m.code == QLatin1String("MD2004");
        QVERIFY2(weight, "a negative weight is an error");
        const TextDiff &diff = plan.entries.at(0).diff;
        QCOMPARE(diff.added, 1);
        QCOMPARE(diff.removed, 1);
        bool changed = false;
        for (const DiffRow &row : diff.rows()) {
            if (row.kind == DiffRow::Kind::Changed) {
                QVERIFY(row.left.contains(QLatin1String("weight: 50")));
                QVERIFY(row.right.contains(QLatin1String("weight: -10")));
                QCOMPARE(row.leftLine, row.rightLine);
                changed = true;
            }
        }
        QVERIFY(changed);
        // The review hides what the server manages.
        QVERIFY(!reviewYaml(base).contains(QLatin1String("resourceVersion")));
    }

    void diffRowsAndHunks()
    {
        const TextDiff diff = diffText(QStringLiteral("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"),
                                       QStringLiteral("a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"));
        QCOMPARE(diff.added, 2);
        QCOMPARE(diff.removed, 1);
        const QList<DiffRow> rows = diff.rows();
        QCOMPARE(rows.size(), 11);
        QCOMPARE(
            rows.at(1),
            (DiffRow {DiffRow::Kind::Changed, 2, QStringLiteral("b"), 2, QStringLiteral("B")}));
        QCOMPARE(rows.at(10),
                 (DiffRow {DiffRow::Kind::Added, 0, QString(), 11, QStringLiteral("k")}));
        const QList<DiffHunk> hunks = diff.hunks(1);
        QCOMPARE(hunks.size(), 2);
        QCOMPARE(hunks.at(0).oldStart, 1);
        QCOMPARE(hunks.at(0).oldCount, 3);
        QCOMPARE(hunks.at(1).newStart, 10);
        QCOMPARE(diff.unified(QStringLiteral("live"), QStringLiteral("edited"), 1),
                 QStringLiteral("--- live\n+++ edited\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
                                "@@ -10,1 +10,2 @@\n j\n+k\n"));
        QVERIFY(diffText(QStringLiteral("x\n"), QStringLiteral("x\n")).isEmpty());
        const TextDiff created = diffObjects(Value(), yaml(Gateway));
        QCOMPARE(created.removed, 0);
        QVERIFY(created.added > 5);
        QCOMPARE(created.hunks().constFirst().oldStart, 0);
    }

    void referrersOfAGatewayASubsetAndASecret()
    {
        const QList<Value> objects {yaml(Gateway), yaml(VirtualService), yaml(Reviews),
                                    yaml(ReviewsRule)};
        const QList<Referrer> toGateway
            = findReferrers(yaml(Gateway), objects, QStringLiteral("c1"));
        QCOMPARE(toGateway.size(), 1);
        QCOMPARE(toGateway.at(0).id.name, QStringLiteral("bookinfo"));
        QCOMPARE(toGateway.at(0).path, QStringLiteral("spec.gateways[0]"));
        QCOMPARE(toGateway.at(0).context, QStringLiteral("c1"));

        const QList<Referrer> toRule = findReferrers(yaml(ReviewsRule), objects);
        QCOMPARE(toRule.size(), 2); // subsets v2 and v3, the host written short and long
        QCOMPARE(toRule.at(0).path, QStringLiteral("spec.http[0].route[0].destination.subset"));
        QVERIFY(toRule.at(0).reason.contains(QLatin1String("v2")));
        QCOMPARE(toRule.at(1).path, QStringLiteral("spec.http[0].route[1].destination.subset"));

        const Value secret = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: bookinfo-cert, "
                                  "namespace: bookinfo}\n");
        const QList<Referrer> toSecret = findReferrers(secret, objects);
        QCOMPARE(toSecret.size(), 1);
        QCOMPARE(toSecret.at(0).id.kind, QStringLiteral("Gateway"));
        QCOMPARE(toSecret.at(0).path, QStringLiteral("spec.servers[0].tls.credentialName"));

        const Value other = yaml("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: "
                                 "{name: other-gateway, namespace: istio-system}\n");
        const QList<Referrer> toOther = findReferrers(other, objects);
        QCOMPARE(toOther.size(), 1);
        QCOMPARE(toOther.at(0).path, QStringLiteral("spec.http[0].match[0].gateways[0]"));
        // An AuthorizationPolicy is referred to by nothing; a rule with no users has none.
        QVERIFY(findReferrers(yaml(VirtualService), objects).isEmpty());
    }

    void referrersOverASnapshot()
    {
        md::mesh::MeshCache::Snapshot snapshot;
        const auto item = [](const char *text, const QString &plural, const QString &kind) {
            const Value v = yaml(text);
            md::mesh::MeshCache::Item i;
            i.resource = md::kube::ResourceRef {QStringLiteral("networking.istio.io"),
                                                QStringLiteral("v1"), plural, true, kind};
            // List items carry no kind: the referrer search must not need it.
            Value body = v;
            body.remove(QStringLiteral("kind"));
            auto object = md::kube::KubeObject::fromJson(md::istio::toJson(body, false));
            if (!object)
                qFatal("%s", qPrintable(object.error().toString()));
            i.object = *object;
            return i;
        };
        snapshot.insert(QStringLiteral("primary"),
                        {item(VirtualService, QStringLiteral("virtualservices"),
                              QStringLiteral("VirtualService"))});
        snapshot.insert(
            QStringLiteral("member"),
            {item(Reviews, QStringLiteral("virtualservices"), QStringLiteral("VirtualService")),
             item(VirtualService, QStringLiteral("virtualservices"),
                  QStringLiteral("VirtualService"))});
        // A Gateway is looked for in its own cluster only; subsets across the mesh.
        const QList<Referrer> toGateway
            = findReferrers(yaml(Gateway), QStringLiteral("primary"), snapshot);
        QCOMPARE(toGateway.size(), 1);
        QCOMPARE(toGateway.at(0).context, QStringLiteral("primary"));
        const QList<Referrer> toRule
            = findReferrers(yaml(ReviewsRule), QStringLiteral("primary"), snapshot);
        QCOMPARE(toRule.size(), 2);
        QCOMPARE(toRule.at(0).context, QStringLiteral("member"));
        const Value ns = yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: bookinfo}\n");
        QCOMPARE(findReferrers(ns, QStringLiteral("member"), snapshot).size(), 2);
    }

    void importsManyObjectsWithTheirLines()
    {
        const QByteArray text = QByteArray(VirtualService) + "---\n" + Gateway
            + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n";
        ImportOptions options;
        options.defaultNamespace = QStringLiteral("fallback");
        auto items = importObjects(text, QStringLiteral("paste"), options);
        QVERIFY2(items, qPrintable(items ? QString() : items.error().toString()));
        QCOMPARE(items->size(), 3);
        QCOMPARE(items->at(1).line, 10);
        QCOMPARE(items->at(1).source, QStringLiteral("paste"));
        QVERIFY(items->at(0).operation == Operation::Create);
        QVERIFY(items->at(2).id().namespace_.isEmpty()); // cluster-scoped: no namespace added

        auto noNamespace = importObjects("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
                                         QString(), options);
        QVERIFY(noNamespace);
        QCOMPARE(noNamespace->at(0).id().namespace_, QStringLiteral("fallback"));

        auto bad = importObjects("kind: VirtualService\nmetadata: {name: x}\n---\nkind: Gateway\n"
                                 "apiVersion: networking.istio.io/v1\nmetadata: {}\n",
                                 QStringLiteral("f.yaml"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, QStringLiteral("import.object"));
        QVERIFY(bad.error().where.contains(QLatin1String("f.yaml")));
        auto empty = importObjects("# nothing\n", QStringLiteral("e.yaml"));
        QVERIFY(!empty);
        QCOMPARE(empty.error().code, QStringLiteral("import.empty"));
        auto broken = importObjects("a: [\n", QStringLiteral("b.yaml"));
        QVERIFY(!broken);
        QCOMPARE(broken.error().code, QStringLiteral("yaml.parse"));
    }

    void importsBookinfoInOrder()
    {
        QList<ApplyItem> all;
        for (const char *name : {"virtual-service-all-v1.yaml", "destination-rule-all.yaml",
                                 "bookinfo-gateway.yaml"}) {
            auto items = importFile(QStringLiteral(MESHDESK_SHARED_DIR "/istio/samples/bookinfo/")
                                    + QLatin1String(name));
            QVERIFY2(items, qPrintable(items ? QString() : items.error().toString()));
            all += *items;
        }
        const QList<int> order = applyOrder(all);
        QStringList kinds;
        for (int i : order)
            kinds << all.at(i).id().kind;
        const qsizetype lastRule = kinds.lastIndexOf(QStringLiteral("DestinationRule"));
        const qsizetype firstRoute = kinds.indexOf(QStringLiteral("VirtualService"));
        QVERIFY(kinds.indexOf(QStringLiteral("Gateway")) < firstRoute);
        QVERIFY(lastRule < firstRoute);
        ApplyRequest request;
        request.items = all;
        const ApplyPlan plan = buildPlan(request, md::istio::Validator());
        QVERIFY2(!plan.blocked(), qPrintable(md::istio::formatMessages(plan.messages(), false)));
    }

    void targets()
    {
        md::mesh::Mesh mesh;
        mesh.name = QStringLiteral("m");
        mesh.controlPlane = QStringLiteral("cp");
        mesh.members = {QStringLiteral("a"), QStringLiteral("b")};
        md::mesh::ClusterHealth a;
        a.context = QStringLiteral("a");
        a.state = md::mesh::ClusterHealth::State::Connected;
        a.istioVersion = QStringLiteral("1.24.2");
        md::mesh::ClusterHealth cp = a;
        cp.context = QStringLiteral("cp");
        md::mesh::ClusterHealth b;
        b.context = QStringLiteral("b");
        b.state = md::mesh::ClusterHealth::State::Connected;
        const QList<TargetCandidate> candidates = targetCandidates(mesh, {b, a, cp});
        QCOMPARE(candidates.size(), 2);
        QCOMPARE(candidates.at(0).context, QStringLiteral("cp"));
        QVERIFY(candidates.at(0).controlPlane);
        QVERIFY(needsChoice(candidates));
        QCOMPARE(chooseTarget(mesh, candidates, QString()), QStringLiteral("cp"));
        QCOMPARE(chooseTarget(mesh, candidates, QStringLiteral("a")), QStringLiteral("a"));
        QCOMPARE(chooseTarget(mesh, candidates, QStringLiteral("b")), QStringLiteral("cp"));
        QVERIFY(!needsChoice(targetCandidates(mesh, {cp})));
    }

    void failuresAreClassified()
    {
        md::kube::ApiError forbidden;
        forbidden.kind = md::kube::ApiError::Kind::Status;
        forbidden.code = 403;
        forbidden.reason = QStringLiteral("Forbidden");
        forbidden.message = QStringLiteral(
            "virtualservices.networking.istio.io is forbidden: User \"viewer\" cannot create "
            "resource \"virtualservices\" in API group \"networking.istio.io\" in the namespace "
            "\"bookinfo\"");
        const ApplyFailure f
            = ApplyFailure::fromApiError(forbidden, QStringLiteral("create"), QString(), QString());
        QVERIFY(f.kind == ApplyFailure::Kind::Forbidden);
        QCOMPARE(f.verb, QStringLiteral("create"));
        QCOMPARE(f.resource, QStringLiteral("virtualservices.networking.istio.io"));
        QCOMPARE(f.namespace_, QStringLiteral("bookinfo"));
        QVERIFY(f.message.contains(QLatin1String("viewer")));
        QVERIFY(f.message.contains(QLatin1String("create virtualservices.networking.istio.io")));

        md::kube::ApiError invalid;
        invalid.kind = md::kube::ApiError::Kind::Status;
        invalid.code = 422;
        invalid.reason = QStringLiteral("Invalid");
        invalid.causes = {{QStringLiteral("FieldValueInvalid"), QStringLiteral("must be <= 100"),
                           QStringLiteral("spec.http[0].route[0].weight")}};
        const ApplyFailure i
            = ApplyFailure::fromApiError(invalid, QStringLiteral("update"),
                                         QStringLiteral("virtualservices"), QStringLiteral("ns"));
        QVERIFY(i.kind == ApplyFailure::Kind::Invalid);
        QCOMPARE(i.causes.size(), 1);
        QVERIFY(i.message.contains(QLatin1String("spec.http[0].route[0].weight")));

        md::kube::ApiError lost;
        lost.kind = md::kube::ApiError::Kind::Network;
        lost.message = QStringLiteral("Connection refused");
        QVERIFY(ApplyFailure::fromApiError(lost, QStringLiteral("update"), {}, {}).retryable());

        md::kube::ApiError conflict;
        conflict.kind = md::kube::ApiError::Kind::Status;
        conflict.code = 409;
        conflict.reason = QStringLiteral("Conflict");
        QVERIFY(ApplyFailure::fromApiError(conflict, QStringLiteral("update"), {}, {}).kind
                == ApplyFailure::Kind::Conflict);
    }
};

QTEST_GUILESS_MAIN(tst_ApplyPlan)
#include "tst_apply_plan.moc"

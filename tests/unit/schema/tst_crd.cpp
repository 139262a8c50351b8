#include "schema/crd.h"
#include "schema/schemanode.h"

#include <QTest>

using namespace md::schema;

namespace {

QString crdFile()
{
    return QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml");
}

const Crd *findKind(const QList<Crd> &crds, const QString &kind)
{
    for (const Crd &c : crds) {
        if (c.kind == kind)
            return &c;
    }
    return nullptr;
}

} // namespace

class tst_Crd : public QObject
{
    Q_OBJECT

private:
    QList<Crd> m_crds;

private slots:
    void initTestCase()
    {
        auto crds = loadCrdFile(crdFile());
        QVERIFY2(crds, qPrintable(crds ? QString() : crds.error().toString()));
        m_crds = *crds;
    }

    void allIstioCrds()
    {
        QCOMPARE(m_crds.size(), 15);
        for (const Crd &crd : std::as_const(m_crds)) {
            QVERIFY(crd.namespaced);
            QVERIFY(!crd.versions.isEmpty());
            QVERIFY(crd.storageVersion() && crd.storageVersion()->storage);
            QCOMPARE(crd.name, crd.plural + u'.' + crd.group);
            for (const CrdVersion &v : crd.versions)
                QVERIFY2(v.schema, qPrintable(crd.name + u' ' + v.name));
        }
    }

    void names_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("plural");
        QTest::addColumn<QStringList>("shortNames");
        QTest::addColumn<QStringList>("versions");
        QTest::addColumn<QString>("storage");

        const QStringList net
            = {QStringLiteral("v1"), QStringLiteral("v1alpha3"), QStringLiteral("v1beta1")};
        const QStringList sec = {QStringLiteral("v1"), QStringLiteral("v1beta1")};
        QTest::newRow("vs") << QStringLiteral("VirtualService")
                            << QStringLiteral("networking.istio.io")
                            << QStringLiteral("virtualservices")
                            << QStringList {QStringLiteral("vs")} << net << QStringLiteral("v1");
        QTest::newRow("dr") << QStringLiteral("DestinationRule")
                            << QStringLiteral("networking.istio.io")
                            << QStringLiteral("destinationrules")
                            << QStringList {QStringLiteral("dr")} << net << QStringLiteral("v1");
        QTest::newRow("gw") << QStringLiteral("Gateway") << QStringLiteral("networking.istio.io")
                            << QStringLiteral("gateways") << QStringList {QStringLiteral("gw")}
                            << net << QStringLiteral("v1");
        QTest::newRow("se") << QStringLiteral("ServiceEntry")
                            << QStringLiteral("networking.istio.io")
                            << QStringLiteral("serviceentries")
                            << QStringList {QStringLiteral("se")} << net << QStringLiteral("v1");
        QTest::newRow("envoyfilter")
            << QStringLiteral("EnvoyFilter") << QStringLiteral("networking.istio.io")
            << QStringLiteral("envoyfilters") << QStringList()
            << QStringList {QStringLiteral("v1alpha3")} << QStringLiteral("v1alpha3");
        QTest::newRow("pa") << QStringLiteral("PeerAuthentication")
                            << QStringLiteral("security.istio.io")
                            << QStringLiteral("peerauthentications")
                            << QStringList {QStringLiteral("pa")} << sec << QStringLiteral("v1");
        QTest::newRow("ap") << QStringLiteral("AuthorizationPolicy")
                            << QStringLiteral("security.istio.io")
                            << QStringLiteral("authorizationpolicies")
                            << QStringList {QStringLiteral("ap")} << sec << QStringLiteral("v1");
        QTest::newRow("telemetry")
            << QStringLiteral("Telemetry") << QStringLiteral("telemetry.istio.io")
            << QStringLiteral("telemetries") << QStringList()
            << QStringList {QStringLiteral("v1"), QStringLiteral("v1alpha1")}
            << QStringLiteral("v1alpha1");
    }

    void names()
    {
        QFETCH(QString, kind);
        QFETCH(QString, group);
        QFETCH(QString, plural);
        QFETCH(QStringList, shortNames);
        QFETCH(QStringList, versions);
        QFETCH(QString, storage);
        const Crd *crd = findKind(m_crds, kind);
        QVERIFY(crd);
        QCOMPARE(crd->group, group);
        QCOMPARE(crd->plural, plural);
        QCOMPARE(crd->listKind, kind + QStringLiteral("List"));
        QCOMPARE(crd->singular, kind.toLower());
        if (!shortNames.isEmpty())
            QCOMPARE(crd->shortNames, shortNames);
        QStringList actual;
        for (const CrdVersion &v : crd->versions)
            actual.append(v.name);
        actual.sort();
        QCOMPARE(actual, versions);
        QCOMPARE(crd->storageVersion()->name, storage);
        QVERIFY(crd->categories.contains(QStringLiteral("istio-io")));
        QVERIFY(crd->version(storage));
        QVERIFY(!crd->version(QStringLiteral("v9")));
    }

    void identicalVersionSchemasAreCompiledOnce()
    {
        const Crd *vs = findKind(m_crds, QStringLiteral("VirtualService"));
        QVERIFY(vs);
        QCOMPARE(vs->version(QStringLiteral("v1"))->schema,
                 vs->version(QStringLiteral("v1beta1"))->schema);
        const auto &root = vs->version(QStringLiteral("v1"))->schema->root();
        QVERIFY(root.find(QStringLiteral("spec.http.route.destination.host")));
        QCOMPARE(root.find(QStringLiteral("spec.http.route.weight"))->formatName,
                 QStringLiteral("int32"));
        QVERIFY(!root.find(QStringLiteral("spec.nope")));
        QVERIFY(root.find(QStringLiteral("status"))->preserveUnknown);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");

        const QByteArray head
            = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
              "metadata: {name: widgets.example.com}\n";
        QTest::newRow("no group") << head
                + "spec: {names: {kind: Widget, plural: widgets}, versions: [{name: v1}]}"
                                  << QStringLiteral("crd.invalid")
                                  << QStringLiteral("\"widgets.example.com\": spec.group");
        QTest::newRow("no versions")
            << head + "spec: {group: example.com, names: {kind: Widget, plural: widgets}}"
            << QStringLiteral("crd.invalid") << QStringLiteral("spec.versions: Required value");
        QTest::newRow("bad type")
            << head
                + "spec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  "
                  "versions:\n"
                  "  - name: v2\n    schema:\n      openAPIV3Schema: {type: object, properties: "
                  "{spec: {type: strng}}}\n"
            << QStringLiteral("crd.invalid")
            << QStringLiteral("version v2: openAPIV3Schema.spec.type: unknown type \"strng\"");
        QTest::newRow("bad apiVersion")
            << QByteArray("apiVersion: v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n")
            << QStringLiteral("crd.invalid") << QStringLiteral("unsupported apiVersion");
        QTest::newRow("yaml error")
            << QByteArray("a: [") << QStringLiteral("yaml.parse") << QStringLiteral("document 1");
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, code);
        QFETCH(QString, expected);
        const auto crds = loadCrds(yaml, QStringLiteral("crds.yaml"));
        QVERIFY(!crds);
        QCOMPARE(crds.error().code, code);
        QVERIFY2(crds.error().toString().contains(expected), qPrintable(crds.error().toString()));
        QVERIFY2(crds.error().toString().startsWith(QStringLiteral("crds.yaml")),
                 qPrintable(crds.error().toString()));
    }

    void otherKindsAreIgnored()
    {
        const QByteArray yaml
            = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n"
              "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
              "metadata: {name: widgets.example.com}\n"
              "spec: {group: example.com, scope: Cluster, names: {kind: Widget, plural: widgets},"
              " versions: [{name: v1, served: true, storage: true}]}\n";
        const auto crds = loadCrds(yaml);
        QVERIFY(crds);
        QCOMPARE(crds->size(), 1);
        QVERIFY(!crds->first().namespaced);
        QCOMPARE(crds->first().listKind, QStringLiteral("WidgetList"));
        QVERIFY(!crds->first().versions.first().schema);
    }

    void missingFile()
    {
        const auto crds = loadCrdFile(QStringLiteral("/nonexistent/crds.yaml"));
        QVERIFY(!crds);
        QCOMPARE(crds.error().code, QStringLiteral("io.read"));
        QCOMPARE(crds.error().where, QStringLiteral("/nonexistent/crds.yaml"));
    }
};

QTEST_APPLESS_MAIN(tst_Crd)
#include "tst_crd.moc"

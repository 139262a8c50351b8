// The PeerAuthentication form under Xvfb: scope, mode and per-port modes written as
// expected; unknown fields and key order survive an edit of one field.

#include "formtest.h"

using namespace formtest;
using md::istio::Value;

class TestPeerAuthenticationEditor : public QObject
{
    Q_OBJECT

private slots:
    void fillFromScratch()
    {
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("PeerAuthentication"), QStringLiteral("security.istio.io/v1")));
        type(field(form.get(), QStringLiteral("metadata.name")), QStringLiteral("reviews-mtls"));
        type(field(form.get(), QStringLiteral("metadata.namespace")), QStringLiteral("bookinfo"));
        auto scope = form->findChild<QComboBox *>(QStringLiteral("scope"));
        QVERIFY(scope);
        QCOMPARE(scope->currentIndex(), 1); // a namespace policy
        QVERIFY(choose(scope, QStringLiteral("Workloads (label selector)")));
        QTRY_VERIFY(field(form.get(), QStringLiteral("spec.selector")));
        addPair(field<KeyValueEdit>(form.get(), QStringLiteral("spec.selector")),
                QStringLiteral("app"), QStringLiteral("reviews"));
        QVERIFY(choose(field<QComboBox>(form.get(), QStringLiteral("spec.mtls.mode")),
                       QStringLiteral("STRICT")));
        auto ports = field<RowList>(form.get(), QStringLiteral("spec.portLevelMtls"));
        press(ports->addButton());
        type(ports->rowAt(0)->findChild<IntField *>(), QStringLiteral("9080"));
        QVERIFY(choose(ports->rowAt(0)->findChild<ChoiceField *>(), QStringLiteral("DISABLE")));
        screenshot(form.get(), QStringLiteral("form-peerauthentication"));
        const QString expected = QStringLiteral(R"(apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: reviews-mtls
  namespace: bookinfo
spec:
  selector:
    matchLabels:
      app: reviews
  mtls:
    mode: STRICT
  portLevelMtls:
    '9080':
      mode: DISABLE
)");
        QCOMPARE_YAML(yaml(form->object()), expected);
        // Mesh-wide moves the policy to the root namespace and drops the selector.
        QVERIFY(choose(form->findChild<QComboBox *>(QStringLiteral("scope")),
                       QStringLiteral("Mesh-wide (root namespace istio-system)")));
        const Value mesh = form->object();
        QCOMPARE(mesh[QStringLiteral("metadata")][QStringLiteral("namespace")].toString(),
                 QStringLiteral("istio-system"));
        QVERIFY(!mesh[QStringLiteral("spec")].contains(QStringLiteral("selector")));
    }

    void unknownFieldsSurvive()
    {
        const Value object = parse(R"(spec:
  mtls: {mode: PERMISSIVE}
  x-future: 1
kind: PeerAuthentication
metadata: {namespace: bookinfo, name: default, annotations: {note: "keep"}}
apiVersion: security.istio.io/v1beta1
)");
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("PeerAuthentication"), QStringLiteral("security.istio.io/v1")));
        form->setObject(object);
        QCOMPARE(yaml(form->object()), yaml(object));
        QVERIFY(choose(field<QComboBox>(form.get(), QStringLiteral("spec.mtls.mode")),
                       QStringLiteral("STRICT")));
        QString expected = yaml(object);
        QVERIFY(expected.contains(QStringLiteral("mode: PERMISSIVE")));
        expected.replace(QStringLiteral("mode: PERMISSIVE"), QStringLiteral("mode: STRICT"));
        QCOMPARE_YAML(yaml(form->object()), expected);
    }
};

QTEST_MAIN(TestPeerAuthenticationEditor)
#include "tst_peerauthenticationeditor.moc"

// The Gateway form under Xvfb: filled with clicks and typing it writes the expected
// document; unknown fields and key order survive an edit of one field.

#include "formtest.h"

using namespace formtest;
using md::istio::Value;

class TestGatewayEditor : public QObject
{
    Q_OBJECT

private slots:
    void fillFromScratch()
    {
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("Gateway"), QStringLiteral("networking.istio.io/v1")));
        type(field(form.get(), QStringLiteral("metadata.name")),
             QStringLiteral("bookinfo-gateway"));
        type(field(form.get(), QStringLiteral("metadata.namespace")), QStringLiteral("bookinfo"));
        addPair(field<KeyValueEdit>(form.get(), QStringLiteral("spec.selector")),
                QStringLiteral("istio"), QStringLiteral("ingressgateway"));
        auto servers = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.servers"));
        QVERIFY(servers);
        press(servers->addButton()); // HTTP 80 on *
        press(servers->addButton());
        type(field(form.get(), QStringLiteral("spec.servers[1].port.number")),
             QStringLiteral("443"));
        QVERIFY(
            choose(field<QComboBox>(form.get(), QStringLiteral("spec.servers[1].port.protocol")),
                   QStringLiteral("HTTPS")));
        type(field(form.get(), QStringLiteral("spec.servers[1].port.name")),
             QStringLiteral("https"));
        auto hosts = field<StringListEdit>(form.get(), QStringLiteral("spec.servers[1].hosts"));
        type(hosts->field(0), QStringLiteral("bookinfo.example.com"));
        QVERIFY(tick(form.get(), QStringLiteral("spec.servers[1].tls")));
        QVERIFY(choose(field<QComboBox>(form.get(), QStringLiteral("spec.servers[1].tls.mode")),
                       QStringLiteral("SIMPLE")));
        auto cred
            = field<ChoiceField>(form.get(), QStringLiteral("spec.servers[1].tls.credentialName"));
        QVERIFY(cred);
        // The picker offers the credentials the mesh uses.
        cred->showPopup();
        QVERIFY(cred->findText(QStringLiteral("bookinfo-cert")) >= 0);
        cred->hidePopup();
        type(cred, QStringLiteral("bookinfo-cert"));
        screenshot(form.get(), QStringLiteral("form-gateway"));
        const QString expected = QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: bookinfo-gateway
  namespace: bookinfo
spec:
  servers:
  - port:
      number: 80
      protocol: HTTP
      name: http
    hosts:
    - '*'
  - port:
      number: 443
      protocol: HTTPS
      name: https
    hosts:
    - bookinfo.example.com
    tls:
      mode: SIMPLE
      credentialName: bookinfo-cert
  selector:
    istio: ingressgateway
)");
        QCOMPARE_YAML(yaml(form->object()), expected);
    }

    void unknownFieldsSurvive()
    {
        const Value object = parse(R"(apiVersion: networking.istio.io/v1beta1
kind: Gateway
metadata: {name: gw, namespace: istio-ingress, generation: 7}
spec:
  selector: {istio: ingressgateway, zone: "01"}
  servers:
  - hosts: ["*/bookinfo.example.com"]
    tls: {credentialName: old-cert, mode: SIMPLE, futureTls: x}
    port: {protocol: HTTPS, name: https, number: 443}
    extra: [a, b]
)");
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("Gateway"), QStringLiteral("networking.istio.io/v1")));
        form->setObject(object);
        QCOMPARE(yaml(form->object()), yaml(object));
        type(field(form.get(), QStringLiteral("spec.servers[0].tls.credentialName")),
             QStringLiteral("new-cert"));
        QString expected = yaml(object);
        QVERIFY(expected.contains(QStringLiteral("credentialName: old-cert")));
        expected.replace(QStringLiteral("credentialName: old-cert"),
                         QStringLiteral("credentialName: new-cert"));
        QCOMPARE_YAML(yaml(form->object()), expected);
    }
};

QTEST_MAIN(TestGatewayEditor)
#include "tst_gatewayeditor.moc"

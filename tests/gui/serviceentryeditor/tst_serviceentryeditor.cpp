// The ServiceEntry form under Xvfb: filled with clicks and typing it writes the expected
// document; unknown fields and key order survive an edit of one field.

#include "formtest.h"

using namespace formtest;
using md::istio::Value;

class TestServiceEntryEditor : public QObject
{
    Q_OBJECT

private slots:
    void fillFromScratch()
    {
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("ServiceEntry"), QStringLiteral("networking.istio.io/v1")));
        type(field(form.get(), QStringLiteral("metadata.name")), QStringLiteral("payments-api"));
        type(field(form.get(), QStringLiteral("metadata.namespace")), QStringLiteral("shop"));
        addString(field<StringListEdit>(form.get(), QStringLiteral("spec.hosts")),
                  QStringLiteral("api.payments.example.com"));
        QVERIFY(choose(field<QComboBox>(form.get(), QStringLiteral("spec.location")),
                       QStringLiteral("MESH_EXTERNAL")));
        QVERIFY(choose(field<QComboBox>(form.get(), QStringLiteral("spec.resolution")),
                       QStringLiteral("DNS")));
        auto ports = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.ports"));
        press(ports->addButton()); // 443 TLS tls
        QVERIFY(field(form.get(), QStringLiteral("spec.ports[0].number")));
        auto endpoints
            = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.endpoints"));
        press(endpoints->addButton());
        type(field(form.get(), QStringLiteral("spec.endpoints[0].address")),
             QStringLiteral("payments.internal.example.com"));
        addPair(field<KeyValueEdit>(form.get(), QStringLiteral("spec.endpoints[0].ports")),
                QStringLiteral("tls"), QStringLiteral("8443"));
        addString(field<StringListEdit>(form.get(), QStringLiteral("spec.exportTo")),
                  QStringLiteral("."));
        screenshot(form.get(), QStringLiteral("form-serviceentry"));
        const QString expected = QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: payments-api
  namespace: shop
spec:
  hosts:
  - api.payments.example.com
  ports:
  - number: 443
    protocol: TLS
    name: tls
  location: MESH_EXTERNAL
  resolution: DNS
  endpoints:
  - address: payments.internal.example.com
    ports:
      tls: 8443
  exportTo:
  - .
)");
        QCOMPARE_YAML(yaml(form->object()), expected);
    }

    void unknownFieldsSurvive()
    {
        const Value object = parse(R"(kind: ServiceEntry
apiVersion: networking.istio.io/v1beta1
metadata: {name: ext, namespace: shop, labels: {owner: sre}}
spec:
  resolution: STATIC
  endpoints:
  - {address: vm-7.corp.internal, ports: {http: 8080}, labels: {zone: a}, x-vm: true}
  hosts: [ext.example.com]
  ports: [{number: 80, name: http, protocol: HTTP}]
  location: MESH_INTERNAL
)");
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("ServiceEntry"), QStringLiteral("networking.istio.io/v1")));
        form->setObject(object);
        QCOMPARE(yaml(form->object()), yaml(object));
        type(field(form.get(), QStringLiteral("spec.endpoints[0].address")),
             QStringLiteral("vm-8.corp.internal"));
        QString expected = yaml(object);
        QVERIFY(expected.contains(QStringLiteral("address: vm-7.corp.internal")));
        expected.replace(QStringLiteral("address: vm-7.corp.internal"),
                         QStringLiteral("address: vm-8.corp.internal"));
        QCOMPARE_YAML(yaml(form->object()), expected);
    }
};

QTEST_MAIN(TestServiceEntryEditor)
#include "tst_serviceentryeditor.moc"

// The RequestAuthentication form under Xvfb: JWT rules written as expected; unknown fields
// and key order survive an edit of one field.

#include "formtest.h"

using namespace formtest;
using md::istio::Value;

class TestRequestAuthenticationEditor : public QObject
{
    Q_OBJECT

private slots:
    void fillFromScratch()
    {
        std::unique_ptr<md::ui::PolicyForm> form(newForm(QStringLiteral("RequestAuthentication"),
                                                         QStringLiteral("security.istio.io/v1")));
        type(field(form.get(), QStringLiteral("metadata.name")), QStringLiteral("reviews-jwt"));
        type(field(form.get(), QStringLiteral("metadata.namespace")), QStringLiteral("bookinfo"));
        QVERIFY(choose(form->findChild<QComboBox *>(QStringLiteral("scope")),
                       QStringLiteral("Workloads (label selector)")));
        QTRY_VERIFY(field(form.get(), QStringLiteral("spec.selector")));
        addPair(field<KeyValueEdit>(form.get(), QStringLiteral("spec.selector")),
                QStringLiteral("app"), QStringLiteral("reviews"));
        auto rules = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.jwtRules"));
        press(rules->addButton());
        type(field(form.get(), QStringLiteral("spec.jwtRules[0].issuer")),
             QStringLiteral("https://issuer.example.com"));
        type(field(form.get(), QStringLiteral("spec.jwtRules[0].jwksUri")),
             QStringLiteral("https://issuer.example.com/jwks.json"));
        addString(field<StringListEdit>(form.get(), QStringLiteral("spec.jwtRules[0].audiences")),
                  QStringLiteral("bookinfo"));
        addPair(field<KeyValueEdit>(form.get(), QStringLiteral("spec.jwtRules[0].fromHeaders")),
                QStringLiteral("x-jwt"), QStringLiteral("Bearer "));
        screenshot(form.get(), QStringLiteral("form-requestauthentication"));
        const QString expected = QStringLiteral(R"(apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: reviews-jwt
  namespace: bookinfo
spec:
  selector:
    matchLabels:
      app: reviews
  jwtRules:
  - issuer: https://issuer.example.com
    audiences:
    - bookinfo
    jwksUri: https://issuer.example.com/jwks.json
    fromHeaders:
    - name: x-jwt
      prefix: 'Bearer '
)");
        QCOMPARE_YAML(yaml(form->object()), expected);
    }

    void unknownFieldsSurvive()
    {
        const Value object = parse(R"(apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: shop}
spec:
  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}]
  jwtRules:
  - jwksUri: https://old.example.com/jwks
    issuer: old
    x-rule: keep
)");
        std::unique_ptr<md::ui::PolicyForm> form(newForm(QStringLiteral("RequestAuthentication"),
                                                         QStringLiteral("security.istio.io/v1")));
        form->setObject(object);
        QCOMPARE(yaml(form->object()), yaml(object));
        QCOMPARE(form->findChild<QComboBox *>(QStringLiteral("scope"))->currentIndex(), 3);
        type(field(form.get(), QStringLiteral("spec.jwtRules[0].issuer")), QStringLiteral("new"));
        QString expected = yaml(object);
        expected.replace(QStringLiteral("issuer: old"), QStringLiteral("issuer: new"));
        QCOMPARE_YAML(yaml(form->object()), expected);
    }
};

QTEST_MAIN(TestRequestAuthenticationEditor)
#include "tst_requestauthenticationeditor.moc"

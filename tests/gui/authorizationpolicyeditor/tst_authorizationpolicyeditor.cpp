// The AuthorizationPolicy form under Xvfb: action and rules written as expected; the
// ambient warning for L7 rules on a selector; unknown fields survive an edit of one field.

#include "formtest.h"

#include <QLabel>

using namespace formtest;
using md::istio::Value;

class TestAuthorizationPolicyEditor : public QObject
{
    Q_OBJECT

private slots:
    void fillFromScratch()
    {
        std::unique_ptr<md::ui::PolicyForm> form(newForm(QStringLiteral("AuthorizationPolicy"),
                                                         QStringLiteral("security.istio.io/v1")));
        type(field(form.get(), QStringLiteral("metadata.name")), QStringLiteral("cart-policy"));
        type(field(form.get(), QStringLiteral("metadata.namespace")), QStringLiteral("shop"));
        QVERIFY(choose(form->findChild<QComboBox *>(QStringLiteral("scope")),
                       QStringLiteral("Workloads (label selector)")));
        QTRY_VERIFY(field(form.get(), QStringLiteral("spec.selector")));
        addPair(field<KeyValueEdit>(form.get(), QStringLiteral("spec.selector")), QStringLiteral("app"),
                QStringLiteral("cart"));
        QVERIFY(choose(field<QComboBox>(form.get(), QStringLiteral("spec.action")),
                       QStringLiteral("DENY")));
        auto rules = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.rules"));
        press(rules->addButton());
        auto from = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.rules[0].from"));
        QVERIFY(from);
        from->addButton()->click(); // nested list: the signal a click gives
        addString(field<StringListEdit>(form.get(),
                                        QStringLiteral("spec.rules[0].from[0].source.notNamespaces")),
                  QStringLiteral("shop"));
        auto to = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.rules[0].to"));
        to->addButton()->click(); // nested list: the signal a click gives
        addString(field<StringListEdit>(form.get(),
                                        QStringLiteral("spec.rules[0].to[0].operation.methods")),
                  QStringLiteral("POST"));
        auto when = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.rules[0].when"));
        when->addButton()->click(); // nested list: the signal a click gives
        type(field(form.get(), QStringLiteral("spec.rules[0].when[0].key")),
             QStringLiteral("request.headers[x-env]"));
        addString(field<StringListEdit>(form.get(), QStringLiteral("spec.rules[0].when[0].values")),
                  QStringLiteral("prod"));
        // shop runs in ambient mode: HTTP methods on a selector are not enforced by ztunnel.
        auto warning = form->findChild<QLabel *>(QStringLiteral("l7Warning"));
        QVERIFY(warning);
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QStringLiteral("ambient")));
        screenshot(form.get(), QStringLiteral("form-authorizationpolicy"));
        const QString expected = QStringLiteral(R"(apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: cart-policy
  namespace: shop
spec:
  selector:
    matchLabels:
      app: cart
  rules:
  - from:
    - source:
        notNamespaces:
        - shop
    to:
    - operation:
        methods:
        - POST
    when:
    - key: request.headers[x-env]
      values:
      - prod
  action: DENY
)");
        QCOMPARE_YAML(yaml(form->object()), expected);
        // Targets (a waypoint) is where L7 rules go: the warning goes away.
        QVERIFY(choose(form->findChild<QComboBox *>(QStringLiteral("scope")),
                       QStringLiteral("Targets (waypoint, gateway or Service)")));
        QTRY_VERIFY(form->findChild<QLabel *>(QStringLiteral("l7Warning"))
                    && form->findChild<QLabel *>(QStringLiteral("l7Warning"))->text().isEmpty());
        const Value target = form->object()[QStringLiteral("spec")];
        QCOMPARE(target[QStringLiteral("targetRefs")][0][QStringLiteral("kind")].toString(),
                 QStringLiteral("Gateway"));
        QVERIFY(!target.contains(QStringLiteral("selector")));
    }

    void unknownFieldsSurvive()
    {
        const Value object = parse(R"(apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow, namespace: bookinfo}
spec:
  action: ALLOW
  rules:
  - to: [{operation: {methods: [GET], paths: ["/api/v1"]}}]
    from: [{source: {namespaces: [frontend], x-src: 1}}]
  selector: {matchLabels: {app: reviews}, x-sel: 2}
)");
        std::unique_ptr<md::ui::PolicyForm> form(newForm(QStringLiteral("AuthorizationPolicy"),
                                                         QStringLiteral("security.istio.io/v1")));
        form->setObject(object);
        QCOMPARE(yaml(form->object()), yaml(object));
        auto ns = field<StringListEdit>(form.get(),
                                        QStringLiteral("spec.rules[0].from[0].source.namespaces"));
        QVERIFY(ns);
        type(ns->field(0), QStringLiteral("gateway"));
        QString expected = yaml(object);
        QVERIFY(expected.contains(QStringLiteral("- frontend")));
        expected.replace(QStringLiteral("- frontend"), QStringLiteral("- gateway"));
        QCOMPARE_YAML(yaml(form->object()), expected);
    }
};

QTEST_MAIN(TestAuthorizationPolicyEditor)
#include "tst_authorizationpolicyeditor.moc"

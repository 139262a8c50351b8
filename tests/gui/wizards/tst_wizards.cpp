// Every policy wizard, run with QTest over a catalog of bookinfo, produces the expected
// objects (pre-filled from the mesh: services, versions, selectors, namespaces).

#include "formtest.h"

#include "editors/wizards/wizards.h"
#include "editors/wizards/wizards_p.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>

using namespace formtest;
using md::istio::Value;

class TestWizards : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<md::ui::PolicyWizard> open(const QString &id)
    {
        std::unique_ptr<md::ui::PolicyWizard> w(md::ui::createPolicyWizard(id, catalog()));
        if (w) {
            w->show();
            if (!QTest::qWaitForWindowExposed(w.get()))
                qWarning("wizard not exposed");
        }
        return w;
    }

    template<typename T = QWidget> T *child(QWizard *w, const QString &name)
    {
        for (T *c : w->currentPage()->findChildren<T *>(name)) {
            if (c->isVisible())
                return c;
        }
        return nullptr;
    }

    // Clicks Next; false when the page refused (its fields are not valid).
    bool next(QWizard *w)
    {
        const int before = w->currentId();
        press(w->button(QWizard::NextButton));
        return w->currentId() != before;
    }

    // Finishes on the preview page and returns the objects as one YAML stream.
    QString finish(QWizard *w, const QString &screenshotName)
    {
        QSignalSpy ready(static_cast<md::ui::PolicyWizard *>(w), &md::ui::PolicyWizard::objectsReady);
        auto preview = child<QPlainTextEdit>(w, QStringLiteral("preview"));
        if (!preview)
            return QStringLiteral("(no preview page)");
        screenshot(w, screenshotName);
        const QString shown = preview->toPlainText();
        press(w->button(QWizard::FinishButton));
        if (ready.count() != 1)
            return QStringLiteral("(objectsReady emitted %1 times)").arg(ready.count());
        QString out;
        for (const Value &o : ready.at(0).at(0).value<QList<Value>>()) {
            if (!out.isEmpty())
                out += QStringLiteral("---\n");
            out += yaml(o);
        }
        if (out != shown)
            return QStringLiteral("(preview differs)\n") + shown;
        return out;
    }

private slots:
    void initTestCase() { qRegisterMetaType<QList<Value>>(); }

    void list()
    {
        QCOMPARE(md::ui::policyWizards().size(), 8);
        for (const md::ui::WizardInfo &info : md::ui::policyWizards()) {
            auto w = open(info.id);
            QVERIFY2(w, qPrintable(info.id));
            QVERIFY(!w->windowTitle().isEmpty());
        }
        QVERIFY(!md::ui::createPolicyWizard(QStringLiteral("nope"), catalog()));
    }

    void trafficShifting()
    {
        auto w = open(QStringLiteral("traffic-shifting"));
        auto service = child<ChoiceField>(w.get(), QStringLiteral("service"));
        QVERIFY(service);
        type(service, QStringLiteral("bookinfo/reviews"));
        QVERIFY(next(w.get()));
        // Pre-filled: one row per version of reviews' Pods, split evenly.
        auto weights = child<md::ui::forms::DestinationList>(w.get(), QStringLiteral("weights"));
        QVERIFY(weights);
        QCOMPARE(weights->rowCount(), 3);
        QCOMPARE(weights->total(), 100);
        type(weights->rowAt(0)->findChild<IntField *>(QStringLiteral("weight")), QStringLiteral("80"));
        QVERIFY(!next(w.get())); // 80 + 33 + 33: refused
        type(weights->rowAt(1)->findChild<IntField *>(QStringLiteral("weight")), QStringLiteral("20"));
        type(weights->rowAt(2)->findChild<IntField *>(QStringLiteral("weight")), QStringLiteral("0"));
        QVERIFY(next(w.get()));
        QCOMPARE_YAML(finish(w.get(), QStringLiteral("wizard-traffic-shifting")),
                 QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: traffic-shifting
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
  - name: v3
    labels:
      version: v3
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: traffic-shifting
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 80
    - destination:
        host: reviews
        subset: v2
      weight: 20
    - destination:
        host: reviews
        subset: v3
      weight: 0
)"));
    }

    void requestRouting()
    {
        auto w = open(QStringLiteral("request-routing"));
        type(child<ChoiceField>(w.get(), QStringLiteral("service")), QStringLiteral("bookinfo/reviews"));
        QVERIFY(next(w.get()));
        QCOMPARE(child<ChoiceField>(w.get(), QStringLiteral("matchedVersion"))->value(),
                 QStringLiteral("v3"));
        QVERIFY(!next(w.get())); // no header yet
        type(child<TextField>(w.get(), QStringLiteral("headerName")), QStringLiteral("end-user"));
        type(child<md::ui::forms::StringMatchEdit>(w.get(), QStringLiteral("matchValue"))->textField(),
             QStringLiteral("jason"));
        type(child<ChoiceField>(w.get(), QStringLiteral("matchedVersion")), QStringLiteral("v2"));
        QVERIFY(next(w.get()));
        const QString out = finish(w.get(), QStringLiteral("wizard-request-routing"));
        QVERIFY2(out.contains(QStringLiteral(R"(  http:
  - match:
    - headers:
        end-user:
          exact: jason
    route:
    - destination:
        host: reviews
        subset: v2
  - route:
    - destination:
        host: reviews
        subset: v1
)")),
                 qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("  subsets:\n  - name: v2\n    labels:\n      version: v2\n"
                                            "  - name: v1\n")));
    }

    void requestRoutingByUri()
    {
        auto w = open(QStringLiteral("request-routing"));
        type(child<ChoiceField>(w.get(), QStringLiteral("service")), QStringLiteral("bookinfo/reviews"));
        QVERIFY(next(w.get()));
        press(child<QRadioButton>(w.get(), QStringLiteral("byUri")));
        auto match = child<md::ui::forms::StringMatchEdit>(w.get(), QStringLiteral("matchValue"));
        QVERIFY(choose(match->kindBox(), QStringLiteral("prefix")));
        type(match->textField(), QStringLiteral("/beta"));
        QVERIFY(next(w.get()));
        const QString out = finish(w.get(), QStringLiteral("wizard-request-routing-uri"));
        QVERIFY2(out.contains(QStringLiteral("  - match:\n    - uri:\n        prefix: /beta\n")),
                 qPrintable(out));
    }

    void faultInjection()
    {
        auto w = open(QStringLiteral("fault-injection"));
        type(child<ChoiceField>(w.get(), QStringLiteral("service")), QStringLiteral("bookinfo/ratings"));
        QVERIFY(next(w.get()));
        type(child<md::ui::forms::DurationField>(w.get(), QStringLiteral("fixedDelay")),
             QStringLiteral("7s"));
        type(child<md::ui::forms::RealField>(w.get(), QStringLiteral("delayPercent")),
             QStringLiteral("50"));
        auto abort = child<QGroupBox>(w.get(), QStringLiteral("abort"));
        abort->setFocus();
        QTest::keyClick(abort, Qt::Key_Space); // tick the group
        QVERIFY(abort->isChecked());
        type(child<IntField>(w.get(), QStringLiteral("httpStatus")), QStringLiteral("500"));
        QVERIFY(next(w.get()));
        QCOMPARE_YAML(finish(w.get(), QStringLiteral("wizard-fault-injection")),
                 QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: fault-injection
spec:
  hosts:
  - ratings
  http:
  - route:
    - destination:
        host: ratings
    fault:
      delay:
        fixedDelay: 7s
        percentage:
          value: 50
      abort:
        httpStatus: 500
        percentage:
          value: 10
)"));
    }

    void timeoutsRetries()
    {
        auto w = open(QStringLiteral("timeouts-retries"));
        type(child<ChoiceField>(w.get(), QStringLiteral("service")), QStringLiteral("bookinfo/ratings"));
        QVERIFY(next(w.get()));
        type(child<md::ui::forms::DurationField>(w.get(), QStringLiteral("timeout")),
             QStringLiteral("bad"));
        QVERIFY(!next(w.get()));
        type(child<md::ui::forms::DurationField>(w.get(), QStringLiteral("timeout")),
             QStringLiteral("4s"));
        type(child<IntField>(w.get(), QStringLiteral("attempts")), QStringLiteral("2"));
        QVERIFY(next(w.get()));
        QCOMPARE_YAML(finish(w.get(), QStringLiteral("wizard-timeouts-retries")),
                 QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: timeouts-retries
spec:
  hosts:
  - ratings
  http:
  - route:
    - destination:
        host: ratings
    timeout: 4s
    retries:
      attempts: 2
      perTryTimeout: 2s
      retryOn: 5xx,gateway-error,connect-failure,refused-stream
)"));
    }

    void circuitBreaking()
    {
        auto w = open(QStringLiteral("circuit-breaking"));
        type(child<ChoiceField>(w.get(), QStringLiteral("service")),
             QStringLiteral("bookinfo/productpage"));
        QVERIFY(next(w.get()));
        type(child<IntField>(w.get(), QStringLiteral("maxConnections")), QStringLiteral("1"));
        type(child<IntField>(w.get(), QStringLiteral("http1MaxPendingRequests")), QStringLiteral("1"));
        QVERIFY(next(w.get()));
        QCOMPARE_YAML(finish(w.get(), QStringLiteral("wizard-circuit-breaking")),
                 QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: productpage
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: circuit-breaking
spec:
  host: productpage
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
        maxRequestsPerConnection: 10
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
      baseEjectionTime: 30s
      maxEjectionPercent: 100
)"));
    }

    void strictMtls()
    {
        auto w = open(QStringLiteral("strict-mtls"));
        auto ns = child<ChoiceField>(w.get(), QStringLiteral("namespace"));
        QVERIFY(ns);
        ns->showPopup(); // offers the mesh's namespaces
        QVERIFY(ns->findText(QStringLiteral("shop")) >= 0);
        ns->hidePopup();
        type(ns, QStringLiteral("shop"));
        QVERIFY(next(w.get()));
        QCOMPARE_YAML(finish(w.get(), QStringLiteral("wizard-strict-mtls")),
                 QStringLiteral(R"(apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
  labels:
    meshdesk.io/wizard: strict-mtls
spec:
  mtls:
    mode: STRICT
)"));
        auto mesh = open(QStringLiteral("strict-mtls"));
        press(child<QCheckBox>(mesh.get(), QStringLiteral("meshWide")));
        QVERIFY(next(mesh.get()));
        QVERIFY(finish(mesh.get(), QStringLiteral("wizard-strict-mtls-mesh"))
                    .contains(QStringLiteral("  namespace: istio-system\n")));
    }

    void jwtRequired()
    {
        auto w = open(QStringLiteral("jwt-required"));
        type(child<ChoiceField>(w.get(), QStringLiteral("service")), QStringLiteral("bookinfo/reviews"));
        QVERIFY(next(w.get()));
        QVERIFY(!next(w.get()));
        type(child<TextField>(w.get(), QStringLiteral("issuer")), QStringLiteral("https://id.example.com"));
        type(child<TextField>(w.get(), QStringLiteral("jwksUri")),
             QStringLiteral("https://id.example.com/jwks"));
        addString(child<StringListEdit>(w.get(), QStringLiteral("audiences")), QStringLiteral("shop"));
        QVERIFY(next(w.get()));
        QCOMPARE_YAML(finish(w.get(), QStringLiteral("wizard-jwt-required")),
                 QStringLiteral(R"(apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: reviews-jwt
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: jwt-required
spec:
  selector:
    matchLabels:
      app: reviews
  jwtRules:
  - issuer: https://id.example.com
    audiences:
    - shop
    jwksUri: https://id.example.com/jwks
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: reviews-require-jwt
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: jwt-required
spec:
  selector:
    matchLabels:
      app: reviews
  rules:
  - from:
    - source:
        requestPrincipals:
        - https://id.example.com/*
  action: ALLOW
)"));
    }

    void namespaceAllowlist()
    {
        auto w = open(QStringLiteral("namespace-allowlist"));
        type(child<ChoiceField>(w.get(), QStringLiteral("service")), QStringLiteral("bookinfo/ratings"));
        QVERIFY(next(w.get()));
        auto list = child<StringListEdit>(w.get(), QStringLiteral("namespaces"));
        QCOMPARE(list->value(), QStringList {QStringLiteral("bookinfo")}); // pre-filled
        addString(list, QStringLiteral("shop"));
        QVERIFY(next(w.get()));
        QCOMPARE_YAML(finish(w.get(), QStringLiteral("wizard-namespace-allowlist")),
                 QStringLiteral(R"(apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ratings-allow-namespaces
  namespace: bookinfo
  labels:
    meshdesk.io/wizard: namespace-allowlist
spec:
  selector:
    matchLabels:
      app: ratings
  rules:
  - from:
    - source:
        namespaces:
        - bookinfo
        - shop
  action: ALLOW
)"));
    }
};

QTEST_MAIN(TestWizards)
#include "tst_wizards.moc"

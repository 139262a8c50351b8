// The DestinationRule form under Xvfb: filled with clicks and typing it writes the expected
// document; unknown fields and key order survive an edit of one field.

#include "formtest.h"

using namespace formtest;
using md::istio::Value;

class TestDestinationRuleEditor : public QObject
{
    Q_OBJECT

private slots:
    void fillFromScratch()
    {
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("DestinationRule"), QStringLiteral("networking.istio.io/v1")));
        QCOMPARE(form->kind(), QStringLiteral("DestinationRule"));
        type(field(form.get(), QStringLiteral("metadata.name")), QStringLiteral("reviews"));
        type(field(form.get(), QStringLiteral("metadata.namespace")), QStringLiteral("bookinfo"));
        type(field(form.get(), QStringLiteral("spec.host")), QStringLiteral("reviews"));
        // Subsets from the Pods' version labels (v1, v2, v3), in one click.
        QVERIFY(click(form.get(), QStringLiteral("subsetsFromVersions")));
        QVERIFY(tick(form.get(), QStringLiteral("spec.trafficPolicy")));
        QVERIFY(tick(form.get(), QStringLiteral("spec.trafficPolicy.connectionPool")));
        type(field(form.get(),
                   QStringLiteral("spec.trafficPolicy.connectionPool.tcp.maxConnections")),
             QStringLiteral("100"));
        QVERIFY(tick(form.get(), QStringLiteral("spec.trafficPolicy.outlierDetection")));
        type(field(form.get(),
                   QStringLiteral("spec.trafficPolicy.outlierDetection.consecutive5xxErrors")),
             QStringLiteral("5"));
        type(field(form.get(), QStringLiteral("spec.trafficPolicy.outlierDetection.interval")),
             QStringLiteral("10s"));
        QVERIFY(tick(form.get(), QStringLiteral("spec.trafficPolicy.loadBalancer")));
        QVERIFY(choose(
            field<QComboBox>(form.get(), QStringLiteral("spec.trafficPolicy.loadBalancer.simple")),
            QStringLiteral("LEAST_REQUEST")));
        QVERIFY(tick(form.get(), QStringLiteral("spec.trafficPolicy.tls")));
        QVERIFY(choose(field<QComboBox>(form.get(), QStringLiteral("spec.trafficPolicy.tls.mode")),
                       QStringLiteral("ISTIO_MUTUAL")));
        screenshot(form.get(), QStringLiteral("form-destinationrule"));
        const QString expected = QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: LEAST_REQUEST
    connectionPool:
      tcp:
        maxConnections: 100
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
    tls:
      mode: ISTIO_MUTUAL
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
)");
        QCOMPARE_YAML(yaml(form->object()), expected);
    }

    void unknownFieldsSurvive()
    {
        const Value object = parse(R"(metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "42"
kind: DestinationRule
apiVersion: networking.istio.io/v1alpha3
spec:
  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: 0100, tcpKeepalive: {time: 7200s, interval: 75s}}
      http: {http1MaxPendingRequests: 10}
    loadBalancer:
      localityLbSetting:
        enabled: true
        distribute: [{from: us-west/zone1, to: {"us-west/zone1": 80, "us-west/zone2": 20}}]
      simple: ROUND_ROBIN
      warmupDurationSecs: 30s
  host: reviews.bookinfo.svc.cluster.local
  subsets:
  - labels: {version: v1}
    name: v1
    x-note: keep me
)");
        std::unique_ptr<md::ui::PolicyForm> form(
            newForm(QStringLiteral("DestinationRule"), QStringLiteral("networking.istio.io/v1")));
        form->setObject(object);
        QCOMPARE(yaml(form->object()), yaml(object));
        type(
            field(form.get(),
                  QStringLiteral("spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests")),
            QStringLiteral("25"));
        QString expected = yaml(object);
        QVERIFY(expected.contains(QStringLiteral("http1MaxPendingRequests: 10")));
        expected.replace(QStringLiteral("http1MaxPendingRequests: 10"),
                         QStringLiteral("http1MaxPendingRequests: 25"));
        QCOMPARE_YAML(yaml(form->object()), expected);
        // The locality distribution is shown as the user reads it.
        auto distribute = field<KeyValueEdit>(
            form.get(),
            QStringLiteral("spec.trafficPolicy.loadBalancer.localityLbSetting.distribute"));
        QVERIFY(distribute);
        QCOMPARE(distribute->valueField(0)->text(),
                 QStringLiteral("us-west/zone1=80, us-west/zone2=20"));
        screenshot(form.get(), QStringLiteral("form-destinationrule-policy"));
    }
};

QTEST_MAIN(TestDestinationRuleEditor)
#include "tst_destinationruleeditor.moc"

#include "istio/analyzers.h"

#include <QTest>

#include "../istio/istiotestutil.h"
#include "meshfixture.h"
#include "rowhelpers.h"

using namespace md::istio;
using namespace md::istio::testing;

namespace {

// Messages about the objects of `extra` (analyzed together with the mesh fixture).
QList<Message> analyzeWith(const QByteArray &extra, bool *ok)
{
    MeshIndex index;
    const auto mesh = DocumentStream::parse(meshFixture(), QStringLiteral("mesh.yaml"));
    const auto stream = DocumentStream::parse(extra, QStringLiteral("extra.yaml"));
    *ok = mesh && stream;
    if (!*ok)
        return {};
    index.add(*mesh);
    index.add(*stream);
    QList<Message> messages;
    for (const Message &m : analyzeMesh(index)) {
        if (m.source == QLatin1String("extra.yaml"))
            messages.append(m);
    }
    return messages;
}

} // namespace

// One case where each code fires (code, level and istioctl's exact text) and one where it
// must not, per analyzer.
class tst_AnalyzerCodes : public QObject
{
    Q_OBJECT

private slots:
    void baseMeshIsClean()
    {
        MeshIndex index;
        const auto mesh = DocumentStream::parse(meshFixture(), QStringLiteral("mesh.yaml"));
        QVERIFY2(mesh, qPrintable(mesh ? QString() : mesh.error().toString()));
        index.add(*mesh);
        const QList<Message> messages = analyzeMesh(index);
        QVERIFY2(messages.isEmpty(), qPrintable(describe(messages)));
    }

    void codes_data();
    void codes()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, code);
        QFETCH(QString, level);
        QFETCH(QString, text);
        bool ok = false;
        const QList<Message> messages = analyzeWith(yaml, &ok);
        QVERIFY2(ok, "the test documents do not parse");
        if (level.isEmpty()) {
            for (const Message &m : messages)
                QVERIFY2(m.code != code, qPrintable(QStringLiteral("unexpected: ") + m.toString()));
            return;
        }
        bool found = false;
        for (const Message &m : messages)
            found
                = found || (m.code == code && severityName(m.severity) == level && m.text == text);
        QVERIFY2(found,
                 qPrintable(QStringLiteral("expected %1 %2: %3\ngot:\n").arg(level, code, text)
                            + describe(messages)));
    }

    void inconsistentServicesAcrossClusters()
    {
        const QByteArray a
            = doc("v1", "Service", "shop", "cart", "spec: {ports: [{name: http, port: 80}]}\n");
        const QByteArray b = doc("v1", "Service", "shop", "cart",
                                 "spec: {type: NodePort, ports: [{name: http, port: 8080}]}\n");
        MeshIndex east, west, south;
        east.add(*DocumentStream::parse(a, QStringLiteral("east")));
        west.add(*DocumentStream::parse(b, QStringLiteral("west")));
        south.add(*DocumentStream::parse(a, QStringLiteral("south")));
        const QList<Message> messages
            = analyzeClusters({{QStringLiteral("east"), &east}, {QStringLiteral("west"), &west}});
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().code, QStringLiteral("IST0170"));
        QCOMPARE(messages.first().severity, Severity::Warning);
        QCOMPARE(messages.first().text,
                 QStringLiteral("The service cart in namespace \"shop\" is inconsistent across "
                                "clusters [\"east\" \"west\"], which can lead to undefined "
                                "behaviors. The inconsistent behaviors are: service ports are "
                                "inconsistent; service type is inconsistent."));
        // The same Service in two clusters is consistent.
        QVERIFY(
            analyzeClusters({{QStringLiteral("east"), &east}, {QStringLiteral("south"), &south}})
                .isEmpty());
    }
};

void tst_AnalyzerCodes::codes_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("level"); // empty: the code must not be reported
    QTest::addColumn<QString>("text");
    const QString none;

    // Deprecations
    QTest::newRow("IST0002 fault delay percent")
        << vs("fault",
              "  hosts: [cart]\n  http:\n  - fault: {delay: {percent: 10, fixedDelay: 1s}}\n"
              "    route: [{destination: {host: cart}}]\n")
        << "IST0002"
        << "Warning"
        << "Deprecated: HTTPRoute.fault.delay.percent is deprecated; use "
           "HTTPRoute.fault.delay.percentage";
    QTest::newRow("IST0002 not for percentage")
        << vs("fault",
              "  hosts: [cart]\n  http:\n  - fault: {delay: {percentage: {value: 10}, "
              "fixedDelay: 1s}}\n    route: [{destination: {host: cart}}]\n")
        << "IST0002" << none << none;
    QTest::newRow("IST0002 sidecar egress proxy")
        << doc("networking.istio.io/v1", "Sidecar", "shop", "s",
               "spec: {outboundTrafficPolicy: {mode: REGISTRY_ONLY, egressProxy: {host: "
               "egress}}}\n")
        << "IST0002"
        << "Warning"
        << "Deprecated: OutboundTrafficPolicy.EgressProxy ignored";

    // References (IST0101)
    QTest::newRow("IST0101 gateway")
        << vs("r", "  hosts: [shop.example.com]\n  gateways: [nogw]\n  http:\n" + route())
        << "IST0101"
        << "Error"
        << "Referenced gateway not found: \"nogw\"";
    QTest::newRow("IST0101 gateway in another namespace exists")
        << vs("r", "  hosts: [shop.example.com]\n  gateways: [shop/gw]\n  http:\n" + route())
        << "IST0101" << none << none;
    QTest::newRow("IST0101 host:port")
        << vs("r",
              "  hosts: [cart]\n  http:\n  - route: [{destination: {host: cart, port: "
              "{number: 81}}}]\n")
        << "IST0101"
        << "Error"
        << "Referenced host:port not found: \"cart:81\"";
    QTest::newRow("IST0101 mirror host")
        << vs("r",
              "  hosts: [cart]\n  http:\n  - route: [{destination: {host: cart}}]\n"
              "    mirror: {host: nothere}\n")
        << "IST0101"
        << "Error"
        << "Referenced mirror host not found: \"nothere\"";
    QTest::newRow("IST0101 credentialName")
        << doc("networking.istio.io/v1", "Gateway", "shop", "tls",
               "spec:\n  selector: {istio: ingressgateway}\n  servers: [{port: {number: 443, "
               "name: https, protocol: HTTPS}, hosts: [a.example.com], tls: {mode: SIMPLE, "
               "credentialName: missing-cert}}]\n")
        << "IST0101"
        << "Error"
        << "Referenced credentialName not found: \"missing-cert\"";
    QTest::newRow("IST0101 credentialName found")
        << doc("networking.istio.io/v1", "Gateway", "shop", "tls",
               "spec:\n  selector: {istio: ingressgateway}\n  servers: [{port: {number: 443, "
               "name: https, protocol: HTTPS}, hosts: [a.example.com], tls: {mode: SIMPLE, "
               "credentialName: shop-cert}}]\n")
        << "IST0101" << none << none;
    QTest::newRow("IST0101 gateway selector")
        << doc("networking.istio.io/v1", "Gateway", "shop", "g2",
               "spec:\n  selector: {istio: egress}\n  servers: [{port: {number: 80, name: http, "
               "protocol: HTTP}, hosts: [b.example.com]}]\n")
        << "IST0101"
        << "Error"
        << "Referenced selector not found: \"istio=egress\"";
    QTest::newRow("IST0101 sidecar selector")
        << doc("networking.istio.io/v1", "Sidecar", "shop", "s",
               "spec: {workloadSelector: {labels: {app: nothing}}}\n")
        << "IST0101"
        << "Error"
        << "Referenced selector not found: \"app=nothing\"";
    QTest::newRow("IST0101 telemetry selector")
        << doc("telemetry.istio.io/v1", "Telemetry", "shop", "t",
               "spec: {selector: {matchLabels: {app: nothing}}, tracing: "
               "[{randomSamplingPercentage: 1}]}\n")
        << "IST0101"
        << "Error"
        << "Referenced selector not found: \"app=nothing\"";
    QTest::newRow("IST0101 authorization namespace")
        << doc("security.istio.io/v1", "AuthorizationPolicy", "shop", "ap",
               "spec:\n  selector: {matchLabels: {app: cart}}\n  rules: [{from: [{source: "
               "{namespaces: [nowhere, 'sh*']}}]}]\n")
        << "IST0101"
        << "Error"
        << "Referenced namespace not found: \"nowhere\"";
    QTest::newRow("IST0101 authorization wildcard namespace")
        << doc("security.istio.io/v1", "AuthorizationPolicy", "shop", "ap",
               "spec:\n  selector: {matchLabels: {app: cart}}\n  rules: [{from: [{source: "
               "{namespaces: ['*-system', 'sh*']}}]}]\n")
        << "IST0101" << none << none;

    // Injection
    QTest::newRow("IST0102")
        << doc("v1", "Namespace", "", "plain", "") << "IST0102"
        << "Info"
        << "The namespace is not enabled for Istio injection. Run 'kubectl label namespace plain "
           "istio-injection=enabled' to enable it, or 'kubectl label namespace plain "
           "istio-injection=disabled' to explicitly mark it as not needing injection.";
    QTest::newRow("IST0102 labelled")
        << doc("v1", "Namespace", "", "off", "  labels: {istio-injection: disabled}\n") << "IST0102"
        << none << none;
    QTest::newRow("IST0102 kube-system")
        << doc("v1", "Namespace", "", "kube-system", "") << "IST0102" << none << none;
    QTest::newRow("IST0103")
        << doc("v1", "Pod", "shop", "bare",
               "  labels: {app: bare}\nspec: {containers: [{name: app, image: a}]}\n")
        << "IST0103"
        << "Warning"
        << "The pod shop/bare is missing the Istio proxy. This can often be resolved by "
           "restarting or redeploying the workload.";
    QTest::newRow("IST0103 opted out")
        << doc("v1", "Pod", "shop", "bare",
               "  labels: {app: bare, sidecar.istio.io/inject: 'false'}\nspec: {containers: "
               "[{name: app, image: a}]}\n")
        << "IST0103" << none << none;
    QTest::newRow("IST0123")
        << doc("v1", "Namespace", "", "both",
               "  labels: {istio-injection: enabled, istio.io/rev: canary}\n")
        << "IST0123"
        << "Warning"
        << "The namespace has more than one type of injection labels [istio-injection=enabled "
           "istio.io/rev=canary], which may lead to undefined behavior. Make sure only one "
           "injection label exists.";
    QTest::newRow("IST0123 one label")
        << doc("v1", "Namespace", "", "one", "  labels: {istio.io/rev: canary}\n") << "IST0123"
        << none << none;
    const QByteArray autoImage = "spec:\n  template:\n    metadata: {labels: {app: auto}}\n    "
                                 "spec: {containers: [{name: istio-proxy, image: auto}]}\n";
    QTest::newRow("IST0146")
        << doc("apps/v1", "Deployment", "shop", "auto", autoImage) << "IST0146"
        << "Warning"
        << "Deployment auto contains `image: auto` but does not match any Istio injection webhook "
           "selectors.";
    QTest::newRow("IST0146 matched by the injector")
        << doc("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "",
               "istio-sidecar-injector",
               "webhooks:\n- name: namespace.sidecar-injector.istio.io\n  clientConfig: {service: "
               "{name: istio-ingressgateway, namespace: istio-system}}\n  namespaceSelector: "
               "{matchLabels: {istio-injection: enabled}}\n")
            + doc("apps/v1", "Deployment", "shop", "auto", autoImage)
        << "IST0146" << none << none;
    QTest::newRow("IST0147")
        << doc("v1", "Pod", "shop", "auto",
               "  labels: {app: auto}\nspec: {containers: [{name: istio-proxy, image: auto}]}\n")
        << "IST0147"
        << "Error"
        << "Pod auto contains `image: auto` but does not match any Istio injection webhook "
           "selectors.";
    QTest::newRow("IST0147 injected image")
        << doc("v1", "Pod", "shop", "done",
               "  labels: {app: done}\nspec: {containers: [{name: istio-proxy, image: "
               "docker.io/istio/proxyv2:1.24.0}]}\n")
        << "IST0147" << none << none;
    QTest::newRow("IST0148")
        << doc("v1", "ConfigMap", "istio-system", "istio-sidecar-injector",
               "data: {values: '{\"sidecarInjectorWebhook\": {\"enableNamespacesByDefault\": "
               "true}}'}\n")
            + doc("v1", "Namespace", "", "plain", "")
        << "IST0148"
        << "Info"
        << "is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault "
           "as true.";
    QTest::newRow("IST0148 not by default")
        << doc("v1", "Namespace", "", "plain", "") << "IST0148" << none << none;
    QTest::newRow("IST0158")
        << doc("v1", "Namespace", "", "old", "  labels: {istio-injection: enabled}\n")
            + doc("v1", "Pod", "old", "old-1",
                  "  labels: {app: old}\nspec: {containers: [{name: istio-proxy, image: "
                  "docker.io/istio/proxyv2:1.22.0}]}\n")
        << "IST0158"
        << "Warning"
        << "The Istio proxy images of the pods running in the namespace do not match the image "
           "defined in the injection configuration (pod names: [old-1]). This often happens "
           "after upgrading the Istio control-plane and can be fixed by redeploying the pods.";
    QTest::newRow("IST0158 current")
        << doc("v1", "Namespace", "", "new", "  labels: {istio-injection: enabled}\n")
            + doc("v1", "Pod", "new", "new-1",
                  "  labels: {app: new}\nspec: {containers: [{name: istio-proxy, image: "
                  "docker.io/istio/proxyv2:1.24.0}]}\n")
        << "IST0158" << none << none;
    QTest::newRow("IST0144") << doc(
        "v1", "Pod", "shop", "uid",
        "  labels: {app: uid}\nspec:\n  securityContext: {runAsUser: 1337}\n  containers: "
        "[{name: app, image: a}, {name: istio-proxy, image: p}]\n")
                             << "IST0144"
                             << "Warning"
                             << "User ID (UID) 1337 is reserved for the sidecar proxy.";
    QTest::newRow("IST0144 proxy uid")
        << doc("v1", "Pod", "shop", "uid",
               "  labels: {app: uid}\nspec:\n  containers: [{name: app, image: a}, {name: "
               "istio-proxy, image: p, securityContext: {runAsUser: 1337}}]\n")
        << "IST0144" << none << none;
    addTrafficRows();
    addPolicyRows();
}

QTEST_GUILESS_MAIN(tst_AnalyzerCodes) // a QCoreApplication: the TLS backend is a plugin
#include "tst_analyzer_codes.moc"

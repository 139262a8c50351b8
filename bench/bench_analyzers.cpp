// Every analyzer over a mesh of 50,000 objects (500 namespaces of Services, Pods,
// Deployments, Istio policies, secrets; the control plane's config maps and webhooks), then
// one edited object of each kind re-checked against it. Prints figures; asserts nothing.
// Targets (README): the whole mesh < 1 s, one edited object < 10 ms.

#include "istio/analyzers.h"

#include <QElapsedTimer>
#include <QMap>

#include <cstdio>

using namespace md::istio;

namespace {

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

QByteArray n(int i)
{
    return QByteArray::number(i);
}

// The objects of namespace `i`: 100 of them.
QList<QByteArray> namespaceObjects(int i)
{
    const QByteArray ns = "ns" + n(i);
    QList<QByteArray> docs;
    docs << "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + ns
            + ", labels: {istio-injection: enabled}}\n";
    for (int s = 0; s < 15; ++s) {
        const QByteArray app = "app" + n(s);
        docs << "apiVersion: v1\nkind: Service\nmetadata: {name: " + app + ", namespace: " + ns
                + "}\nspec: {selector: {app: " + app
                + "}, ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}, {name: "
                  "grpc, port: 9090, protocol: TCP}]}\n";
        docs << "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + app
                + "-v1, namespace: " + ns + "}\nspec: {template: {metadata: {labels: {app: " + app
                + ", version: v1}}, spec: {containers: [{name: app, image: img}]}}}\n";
        for (int p = 0; p < 2; ++p)
            docs << "apiVersion: v1\nkind: Pod\nmetadata: {name: " + app + "-" + n(p)
                    + ", namespace: " + ns + ", labels: {app: " + app
                    + ", version: v1}}\nspec: {containers: [{name: app, image: img}, {name: "
                      "istio-proxy, image: docker.io/istio/proxyv2:1.24.0}]}\n";
        docs << "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: " + app
                + ", namespace: " + ns + "}\nspec: {hosts: [" + app
                + "], http: [{match: [{uri: {prefix: /a}}], route: [{destination: {host: " + app
                + ", subset: v1, port: {number: 80}}}]}, {route: [{destination: {host: " + app
                + ", port: {number: 80}}}]}]}\n";
        docs << "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: " + app
                + ", namespace: " + ns + "}\nspec: {host: " + app
                + ", subsets: [{name: v1, labels: {version: v1}}]}\n";
    }
    for (int a = 0; a < 7; ++a)
        docs << "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ap"
                + n(a) + ", namespace: " + ns + "}\nspec: {selector: {matchLabels: {app: app" + n(a)
                + "}}, rules: [{from: [{source: {namespaces: [" + ns + "]}}]}]}\n";
    docs << "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, "
            "namespace: "
            + ns + "}\nspec: {egress: [{hosts: ['./*', 'istio-system/*']}]}\n";
    docs << "apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: mesh, namespace: "
            + ns + "}\nspec: {accessLogging: [{providers: [{name: envoy}]}]}\n";
    docs << "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: "
            + ns
            + "}\nspec: {selector: {istio: ingressgateway}, servers: [{port: {number: 443, "
              "name: https, protocol: HTTPS}, hosts: [app0."
            + ns + ".example.com], tls: {mode: SIMPLE, credentialName: cert-" + ns + "}}]}\n";
    docs << "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, "
            "namespace: "
            + ns + "}\nspec: {hosts: [api" + n(i)
            + ".example.com], ports: [{number: 443, name: https, protocol: HTTPS}], resolution: "
              "DNS}\n";
    docs << "apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: ef, "
            "namespace: "
            + ns
            + "}\nspec: {priority: 10, configPatches: [{applyTo: HTTP_FILTER, patch: "
              "{operation: INSERT_BEFORE, value: {name: f}}}]}\n";
    return docs;
}

QList<QByteArray> controlPlane(int namespaces)
{
    QList<QByteArray> docs;
    docs << "apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n";
    docs << "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\n"
            "data: {mesh: \"rootNamespace: istio-system\\n\", meshNetworks: \"networks: {}\"}\n";
    docs << "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-sidecar-injector, namespace: "
            "istio-system}\ndata: {values: '{\"global\": {\"hub\": \"docker.io/istio\", \"tag\": "
            "\"1.24.0\", \"proxy\": {\"image\": \"proxyv2\"}}}'}\n";
    docs
        << "apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\n"
           "metadata: {name: istio-sidecar-injector}\nwebhooks: [{name: "
           "namespace.sidecar-injector.istio.io, clientConfig: {service: {name: istiod, namespace: "
           "istio-system}}, namespaceSelector: {matchLabels: {istio-injection: enabled}}}]\n";
    docs << "apiVersion: v1\nkind: Service\nmetadata: {name: istiod, namespace: istio-system}\n"
            "spec: {selector: {app: istiod}, ports: [{name: grpc-xds, port: 15010}]}\n";
    docs << "apiVersion: v1\nkind: Pod\nmetadata: {name: ingress-1, namespace: istio-system, "
            "labels: {istio: ingressgateway}}\nspec: {containers: [{name: istio-proxy, image: "
            "docker.io/istio/proxyv2:1.24.0}]}\n";
    docs << "apiVersion: v1\nkind: Service\nmetadata: {name: istio-ingressgateway, namespace: "
            "istio-system}\nspec: {selector: {istio: ingressgateway}, ports: [{name: https, port: "
            "443, targetPort: 8443, protocol: TCP}]}\n";
    for (int i = 0; i < namespaces; ++i)
        docs << "apiVersion: v1\nkind: Secret\nmetadata: {name: cert-ns" + n(i)
                + ", namespace: istio-system}\ntype: kubernetes.io/tls\ndata: {tls.key: a2V5}\n";
    return docs;
}

} // namespace

int main()
{
    const int namespaces = 500;
    QList<Value> objects;
    for (const QByteArray &doc : controlPlane(namespaces))
        objects << *parseValue(doc);
    for (int i = 0; i < namespaces; ++i) {
        for (const QByteArray &doc : namespaceObjects(i))
            objects << *parseValue(doc);
    }
    QElapsedTimer timer;
    timer.start();
    MeshIndex index;
    for (const Value &object : std::as_const(objects))
        index.add(object, QStringLiteral("bench"));
    const qint64 built = timer.nsecsElapsed();
    timer.restart();
    const QList<Message> messages = analyzeMesh(index);
    const qint64 analyzed = timer.nsecsElapsed();
    std::printf("index of %lld objects built in %.1f ms; every analyzer over them in %.1f ms "
                "(%lld messages)\n",
                qint64(index.size()), ms(built), ms(analyzed), qint64(messages.size()));
    QMap<QString, int> byCode;
    for (const Message &m : messages)
        ++byCode[m.code];
    for (auto it = byCode.constBegin(); it != byCode.constEnd(); ++it)
        std::printf("  %s: %d\n", qPrintable(it.key()), it.value());

    // One edited object of each kind, re-checked against the mesh (the editors' live check).
    const QList<QByteArray> edits = {
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: app3, "
        "namespace: ns250}\nspec: {hosts: [app3], gateways: [gw, mesh], http: [{route: "
        "[{destination: {host: app3, subset: v2}}]}]}\n",
        "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: app3, "
        "namespace: ns250}\nspec: {host: app3, subsets: [{name: v2, labels: {version: v2}}]}\n",
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: "
        "ns250}\nspec: {selector: {istio: ingressgateway}, servers: [{port: {number: 443, name: "
        "https, protocol: HTTPS}, hosts: [app0.ns250.example.com], tls: {mode: SIMPLE, "
        "credentialName: cert-ns250}}]}\n",
        "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ap1, "
        "namespace: ns250}\nspec: {selector: {matchLabels: {app: app1}}}\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app3-v1, namespace: ns250}\n"
        "spec: {template: {metadata: {labels: {app: app3, version: v1}}, spec: {containers: "
        "[{name: app, image: img}]}}}\n",
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns250, labels: {istio-injection: "
        "enabled}}\n",
        "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: "
        "ns250}\nspec: {egress: [{hosts: ['./*']}]}\n",
        "apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\n"
        "metadata: {name: istio-sidecar-injector}\nwebhooks: [{name: "
        "namespace.sidecar-injector.istio.io, clientConfig: {service: {name: istiod, namespace: "
        "istio-system}}, namespaceSelector: {matchLabels: {istio-injection: enabled}}}]\n",
    };
    double worst = 0;
    for (const QByteArray &text : edits) {
        const Value edited = *parseValue(text);
        timer.restart();
        const QList<Message> found = analyzeObject(index, edited);
        const double took = ms(timer.nsecsElapsed());
        worst = std::max(worst, took);
        std::printf("one edited %s re-checked in %.3f ms (%lld messages)\n",
                    qPrintable(ObjectId::of(edited).kind), took, qint64(found.size()));
    }
    std::printf("slowest edited object: %.3f ms\n", worst);
    return 0;
}

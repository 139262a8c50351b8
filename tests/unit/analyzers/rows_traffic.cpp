// Rows of tst_analyzer_codes: VirtualServices, DestinationRules, Gateways, Services.

#include "rowhelpers.h"

namespace md::istio::testing {

namespace {

QByteArray dr(const char *name, const QByteArray &spec)
{
    return doc("networking.istio.io/v1", "DestinationRule", "shop", name, "spec:\n" + spec);
}

QByteArray gateway(const char *name, const QByteArray &servers,
                   const QByteArray &selector = "{istio: ingressgateway}")
{
    return doc("networking.istio.io/v1", "Gateway", "shop", name,
               "spec:\n  selector: " + selector + "\n  servers:\n" + servers);
}

QByteArray tlsServer(const char *credential, int port = 443)
{
    return "  - port: {number: " + QByteArray::number(port)
        + ", name: https, protocol: HTTPS}\n    hosts: [secure.example.com]\n"
          "    tls: {mode: SIMPLE, credentialName: "
        + credential + "}\n";
}

QByteArray service(const char *name, const QByteArray &spec)
{
    return doc("v1", "Service", "shop", name, "spec: " + spec + "\n");
}

QByteArray deployment(const char *app)
{
    return doc("apps/v1", "Deployment", "shop", "d",
               QByteArray("spec:\n  template:\n    metadata: {labels: {app: ") + app
                   + "}}\n    spec: {containers: [{name: app, image: a}]}\n");
}

} // namespace

void addTrafficRows()
{
    const QString none;
    // VirtualServices
    const QByteArray meshA = vs("a", "  hosts: [cart]\n  http:\n" + route());
    const QByteArray meshB = vs("b", "  hosts: [cart.shop.svc.cluster.local]\n  http:\n" + route());
    QTest::newRow("IST0109") << meshA + meshB << "IST0109"
                             << "Error"
                             << "The VirtualServices shop/a,shop/b associated with mesh gateway "
                                "define the same host */cart.shop.svc.cluster.local which can lead "
                                "to undefined behavior. This can be fixed by merging the "
                                "conflicting VirtualServices into a single resource.";
    QTest::newRow("IST0109 exported apart")
        << vs("a", "  hosts: [cart]\n  exportTo: [.]\n  http:\n" + route())
            + vs("b",
                 "  hosts: [cart.shop.svc.cluster.local]\n  exportTo: [other]\n  http:\n" + route())
        << "IST0109" << none << none;
    // A namespace-scoped wildcard host and a host exported to all that it covers: istioctl
    // reports both VirtualServices, naming the scoped host.
    QTest::newRow("IST0109 wildcard")
        << vs("a", "  hosts: [\"*.example.com\"]\n  exportTo: [.]\n  http:\n" + route())
            + vs("b", "  hosts: [api.example.com]\n  http:\n" + route())
        << "IST0109"
        << "Error"
        << "The VirtualServices shop/a,shop/b associated with mesh gateway define the same host "
           "shop/*.example.com which can lead to undefined behavior. This can be fixed by merging "
           "the conflicting VirtualServices into a single resource.";
    QTest::newRow("IST0109 wildcard both exported")
        << vs("a", "  hosts: [\"*.example.com\"]\n  http:\n" + route())
            + vs("b", "  hosts: [api.example.com]\n  http:\n" + route())
        << "IST0109" << none << none;
    QTest::newRow("IST0109 wildcard not covering")
        << vs("a", "  hosts: [\"*.example.org\"]\n  exportTo: [.]\n  http:\n" + route())
            + vs("b", "  hosts: [api.example.com]\n  http:\n" + route())
        << "IST0109" << none << none;
    QTest::newRow("IST0112")
        << vs("r", "  hosts: [pay]\n  http:\n" + route("pay")) << "IST0112"
        << "Error"
        << "This VirtualService routes to a service \"pay\" that exposes multiple ports [80 9090]. "
           "Specifying a port in the destination is required to disambiguate.";
    QTest::newRow("IST0112 port given")
        << vs("r",
              "  hosts: [pay]\n  http:\n  - route: [{destination: {host: pay, port: {number: "
              "80}}}]\n")
        << "IST0112" << none << none;
    const QByteArray tcpCatchAll = "  - route: [{destination: {host: cart}}]\n";
    const QByteArray tcpMatched
        = "  - match: [{port: 80}]\n    route: [{destination: {host: cart}}]\n";
    QTest::newRow("IST0130 tcp")
        << vs("r", "  hosts: [cart]\n  tcp:\n" + tcpCatchAll + tcpMatched) << "IST0130"
        << "Warning"
        << "VirtualService rule #1 not used (route without matches defined before).";
    QTest::newRow("IST0130 tcp in order")
        << vs("r", "  hosts: [cart]\n  tcp:\n" + tcpMatched + tcpCatchAll) << "IST0130" << none
        << none;
    const QByteArray tlsRule = "  - match: [{sniHosts: [a.example.com], port: 443}]\n    route: "
                               "[{destination: {host: cart}}]\n";
    QTest::newRow("IST0131 tls")
        << vs("r", "  hosts: [a.example.com]\n  tls:\n" + tlsRule + tlsRule) << "IST0131"
        << "Info"
        << "VirtualService rule #1 match #0 is not used (duplicate/overlapping match in rule #0).";
    QTest::newRow("IST0130 tls all matches used")
        << vs("r", "  hosts: [a.example.com]\n  tls:\n" + tlsRule + tlsRule) << "IST0130"
        << "Warning"
        << "VirtualService rule #1 not used (all matches used by prior rules).";
    QTest::newRow("IST0131 prefix overlap")
        << vs("r",
              "  hosts: [cart]\n  http:\n  - name: first\n    match: [{uri: {prefix: /a}}]\n"
              "    route: [{destination: {host: cart}}]\n  - match: [{uri: {prefix: /ab}}]\n"
              "    route: [{destination: {host: cart}}]\n")
        << "IST0131"
        << "Info"
        << "VirtualService rule #1 match #0 of prefix /ab is not used (duplicate/overlapping match "
           "in rule #0 of prefix /a on \"first\").";
    QTest::newRow("IST0131 distinct prefixes")
        << vs("r",
              "  hosts: [cart]\n  http:\n  - match: [{uri: {prefix: /a}}]\n    route: "
              "[{destination: {host: cart}}]\n  - match: [{uri: {prefix: /b}}]\n    route: "
              "[{destination: {host: cart}}]\n")
        << "IST0131" << none << none;
    QTest::newRow("IST0132 namespaced gateway hosts")
        << gateway("elsewhere",
                   "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                   "['other/*']\n")
            + vs("r", "  hosts: [x.example.com]\n  gateways: [shop/elsewhere]\n  http:\n" + route())
        << "IST0132"
        << "Warning"
        << "one or more host [x.example.com] defined in VirtualService shop/r not found in "
           "Gateway shop/elsewhere.";
    QTest::newRow("IST0132 host in the gateway's namespace list")
        << gateway("here",
                   "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                   "['./*.example.com']\n")
            + vs("r", "  hosts: [x.example.com]\n  gateways: [here]\n  http:\n" + route())
        << "IST0132" << none << none;
    const QByteArray bySubset = vs(
        "sub", "  hosts: [cart]\n  http:\n  - route: [{destination: {host: cart, subset: v1}}]\n");
    const QByteArray ingress
        = vs("ingress", "  hosts: [shop.example.com]\n  gateways: [gw]\n  http:\n" + route());
    QTest::newRow("IST0140") << bySubset + ingress << "IST0140"
                             << "Warning"
                             << "Subset in virtual service shop/sub has no effect on ingress "
                                "gateway shop/ingress requests";
    QTest::newRow("IST0140 no subset routing") << ingress << "IST0140" << none << none;
    QTest::newRow("IST0165")
        << vs("r",
              "  hosts: [shop.example.com]\n  gateways: "
              "[shop/gw~istio-autogenerated-k8s-gateway~http]\n  http:\n"
                  + route())
        << "IST0165"
        << "Warning"
        << "Gateway reference in VirtualService shop/r is to an implementation-generated internal "
           "Gateway: shop/gw~istio-autogenerated-k8s-gateway~http.";
    QTest::newRow("IST0165 plain gateway") << ingress << "IST0165" << none << none;

    // DestinationRules
    QTest::newRow("IST0128") << dr("d", "  host: pay\n  trafficPolicy: {tls: {mode: SIMPLE}}\n")
                             << "IST0128"
                             << "Warning"
                             << "DestinationRule shop/d in namespace shop has TLS mode set to "
                                "SIMPLE but no caCertificates are set to validate server identity "
                                "for host: pay";
    QTest::newRow("IST0128 credential with selector")
        << dr("d",
              "  host: pay\n  workloadSelector: {matchLabels: {app: cart}}\n  trafficPolicy: "
              "{tls: {mode: SIMPLE, credentialName: pay-ca}}\n")
        << "IST0128" << none << none;
    QTest::newRow("IST0129")
        << dr("d",
              "  host: pay\n  trafficPolicy: {portLevelSettings: [{port: {number: 80}, tls: "
              "{mode: MUTUAL, clientCertificate: c, privateKey: k}}]}\n")
        << "IST0129"
        << "Warning"
        << "DestinationRule shop/d in namespace shop has TLS mode set to MUTUAL but no "
           "caCertificates are set to validate server identity for host: pay at port number:80";
    QTest::newRow("IST0129 with CA")
        << dr("d",
              "  host: pay\n  trafficPolicy: {portLevelSettings: [{port: {number: 80}, tls: "
              "{mode: MUTUAL, caCertificates: /ca.pem}}]}\n")
        << "IST0129" << none << none;
    QTest::newRow("IST0173")
        << dr("d", "  host: pay\n  subsets: [{name: v9, labels: {version: v9}}]\n") << "IST0173"
        << "Error"
        << "The Subset v9 defined in the DestinationRule does not select any pods. Which may lead "
           "to 503 UH (NoHealthyUpstream).";
    QTest::newRow("IST0173 selects")
        << dr("d", "  host: pay\n  subsets: [{name: v1, labels: {version: v1}}]\n") << "IST0173"
        << none << none;
    QTest::newRow("IST0174") << dr("d", "  host: ghost\n") << "IST0174"
                             << "Warning"
                             << "The host ghost defined in the DestinationRule does not match any "
                                "services in the mesh.";
    QTest::newRow("IST0174 service exists")
        << dr("d", "  host: cart\n") << "IST0174" << none << none;
    // Wildcard hosts are looked up as istioctl does: only a ServiceEntry host covers them.
    QTest::newRow("IST0174 wildcard")
        << dr("d", "  host: \"*.example.com\"\n") << "IST0174"
        << "Warning"
        << "The host *.example.com defined in the DestinationRule does not match any services "
           "in the mesh.";
    QTest::newRow("IST0174 wildcard covered")
        << doc("networking.istio.io/v1", "ServiceEntry", "shop", "ext",
               "spec:\n  hosts: [\"*.com\"]\n  ports: [{number: 443, name: tls, protocol: TLS}]\n"
               "  resolution: NONE\n")
            + dr("d", "  host: \"*.example.com\"\n")
        << "IST0174" << none << none;

    // Gateways
    QTest::newRow("IST0138")
        << gateway("g1", tlsServer("shop-cert")) + gateway("g2", tlsServer("shop-cert"))
        << "IST0138"
        << "Warning"
        << "Duplicate certificate in multiple gateways [shop/g1 shop/g2] may cause 404s if "
           "clients re-use HTTP2 connections.";
    QTest::newRow("IST0138 other workloads") << gateway("g1", tlsServer("shop-cert"))
            + gateway("g2", tlsServer("shop-cert"), "{istio: other}")
                                             << "IST0138" << none << none;
    const QByteArray sameHost = "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: "
                                "[shop.example.com]\n";
    QTest::newRow("IST0145") << gateway("g3", sameHost) << "IST0145"
                             << "Error"
                             << "Conflict with gateways shop/gw (workload selector "
                                "istio=ingressgateway, port 80, hosts shop.example.com).";
    QTest::newRow("IST0145 other host")
        << gateway("g3", QByteArray(sameHost).replace("shop.example.com", "news.example.com"))
        << "IST0145" << none << none;
    QTest::newRow("IST0161")
        << doc("v1", "Secret", "istio-system", "bad-cert",
               "type: kubernetes.io/tls\ndata: {tls.crt: bm90IGEgY2VydA==, tls.key: a2V5}\n")
            + gateway("g4", tlsServer("bad-cert"))
        << "IST0161"
        << "Error"
        << "The credential referenced by the Gateway g4 in namespace istio-system is invalid, "
           "which can cause the traffic not to work as expected.";
    QTest::newRow("IST0161 valid")
        << gateway("g4", tlsServer("shop-cert")) << "IST0161" << none << none;
    QTest::newRow("IST0162") << gateway("g5", tlsServer("shop-cert", 9443)) << "IST0162"
                             << "Warning"
                             << "The gateway is listening on a target port (port 9443) that is not "
                                "defined in the Service associated with its workload instances "
                                "(Pod selector istio=ingressgateway). If you need to access the "
                                "gateway port through the gateway Service, it will not be "
                                "available.";
    QTest::newRow("IST0162 target port")
        << gateway("g5", tlsServer("shop-cert", 8443)) << "IST0162" << none << none;

    // Services and ports
    QTest::newRow("IST0118")
        << service("web",
                   "{selector: {app: web}, ports: [{name: web, port: 8000, targetPort: 8000}]}")
        << "IST0118"
        << "Info"
        << "Port name web (port: 8000, targetPort: 8000) doesn't follow the naming convention of "
           "Istio port.";
    QTest::newRow("IST0118 prefixed")
        << service("web", "{selector: {app: web}, ports: [{name: http-web, port: 8000}]}")
        << "IST0118" << none << none;
    QTest::newRow("IST0150")
        << service("ext",
                   "{type: ExternalName, externalName: a.example.com, ports: [{name: tcp, "
                   "port: 5432}]}")
        << "IST0150"
        << "Warning"
        << "Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and "
           "unmatched traffic for ports serving TCP protocol from being forwarded correctly";
    QTest::newRow("IST0150 https")
        << service("ext",
                   "{type: ExternalName, externalName: a.example.com, ports: [{name: "
                   "https, port: 443}]}")
        << "IST0150" << none << none;
    QTest::newRow("IST0116")
        << deployment("multi")
            + service("multi-a", "{selector: {app: multi}, ports: [{name: tcp-a, port: 5000}]}")
            + service("multi-b",
                      "{selector: {app: multi}, ports: [{name: udp-b, port: 5000, "
                      "protocol: UDP}]}")
        << "IST0116"
        << "Warning"
        << "This deployment d is associated with multiple services using port 5000 but different "
           "protocols: [shop/multi-a shop/multi-b]";
    QTest::newRow("IST0116 same protocol") << deployment("multi")
            + service("multi-a", "{selector: {app: multi}, ports: [{name: tcp-a, port: 5000}]}")
            + service("multi-b", "{selector: {app: multi}, ports: [{name: tcp-b, port: 5000}]}")
                                           << "IST0116" << none << none;
    QTest::newRow("IST0137")
        << deployment("multi")
            + service("multi-a",
                      "{selector: {app: multi}, ports: [{name: http, port: 80, "
                      "targetPort: 8080}]}")
            + service("multi-b",
                      "{selector: {app: multi}, ports: [{name: http, port: 81, "
                      "targetPort: 8080}]}")
        << "IST0137"
        << "Warning"
        << "This deployment d is associated with multiple services [shop/multi-a shop/multi-b] "
           "using targetPort \"8080\" but different ports: [80 81].";
    QTest::newRow("IST0137 same port") << deployment("multi")
            + service("multi-a",
                      "{selector: {app: multi}, ports: [{name: http, port: 80, "
                      "targetPort: 8080}]}")
            + service("multi-b",
                      "{selector: {app: multi}, ports: [{name: http, port: 80, "
                      "targetPort: 8080}]}")
                                       << "IST0137" << none << none;
}

} // namespace md::istio::testing

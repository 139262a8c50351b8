// Rows of tst_analyzer_codes: annotations, Telemetry, Sidecars and security policies, JWT,
// EnvoyFilters, ServiceEntries, webhooks, mesh networks and conditions.

#include "rowhelpers.h"

namespace md::istio::testing {

namespace {

QByteArray pod(const char *name, const QByteArray &metadata)
{
    return doc("v1", "Pod", "shop", name,
               metadata
                   + "spec: {containers: [{name: app, image: a}, {name: istio-proxy, image: "
                     "docker.io/istio/proxyv2:1.24.0}]}\n");
}

QByteArray policy(const char *group, const char *kind, const char *ns, const char *name,
                  const QByteArray &spec)
{
    return doc(group, kind, ns, name, "spec: " + spec + "\n");
}

QByteArray telemetry(const char *name, const QByteArray &spec)
{
    return policy("telemetry.istio.io/v1", "Telemetry", "shop", name, spec);
}

QByteArray sidecar(const char *name, const QByteArray &spec, const char *ns = "shop")
{
    return policy("networking.istio.io/v1", "Sidecar", ns, name, spec);
}

QByteArray envoyFilter(const QByteArray &spec)
{
    return policy("networking.istio.io/v1alpha3", "EnvoyFilter", "shop", "ef", spec);
}

QByteArray serviceEntry(const char *name, const QByteArray &spec)
{
    return policy("networking.istio.io/v1", "ServiceEntry", "shop", name, spec);
}

QByteArray injector(const char *name, const char *service = "istio-ingressgateway")
{
    return doc("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", "", name,
               QByteArray("webhooks:\n- name: sidecar-injector.istio.io\n  clientConfig: {service: "
                          "{name: ")
                   + service
                   + ", namespace: istio-system}}\n  namespaceSelector: {matchLabels: "
                     "{istio-injection: enabled}}\n");
}

QByteArray validator(const QByteArray &clientConfig)
{
    return doc("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "",
               "istio-validator-istio-system",
               "webhooks:\n- name: rev.validation.istio.io\n  clientConfig: " + clientConfig
                   + "\n");
}

QByteArray meshConfigMap(const QByteArray &data)
{
    return doc("v1", "ConfigMap", "istio-system", "istio", "data:\n" + data);
}

} // namespace

void addPolicyRows()
{
    const QString none;
    // Annotations
    QTest::newRow("IST0108") << pod(
        "p", "  labels: {app: p}\n  annotations: {sidecar.istio.io/nonsense: x}\n")
                             << "IST0108"
                             << "Warning"
                             << "Unknown annotation: sidecar.istio.io/nonsense";
    QTest::newRow("IST0108 foreign")
        << pod("p", "  labels: {app: p}\n  annotations: {example.com/nonsense: x}\n") << "IST0108"
        << none << none;
    QTest::newRow("IST0107")
        << doc("v1", "Service", "shop", "s",
               "  annotations: {sidecar.istio.io/proxyCPU: 100m}\nspec: {ports: [{name: http, "
               "port: 80}]}\n")
        << "IST0107"
        << "Warning"
        << "Misplaced annotation: sidecar.istio.io/proxyCPU can only be applied to Pod";
    QTest::newRow("IST0107 on a pod")
        << pod("p", "  labels: {app: p}\n  annotations: {sidecar.istio.io/proxyCPU: 100m}\n")
        << "IST0107" << none << none;
    QTest::newRow("IST0125")
        << pod("p",
               "  labels: {app: p}\n  annotations: {sidecar.istio.io/interceptionMode: BOGUS}\n")
        << "IST0125"
        << "Warning"
        << "Invalid annotation sidecar.istio.io/interceptionMode: interceptionMode invalid, use "
           "REDIRECT,TPROXY,NONE: BOGUS";
    QTest::newRow("IST0125 valid")
        << pod("p",
               "  labels: {app: p}\n  annotations: {sidecar.istio.io/interceptionMode: TPROXY, "
               "traffic.sidecar.istio.io/excludeOutboundPorts: '15020,8080'}\n")
        << "IST0125" << none << none;
    QTest::newRow("IST0135")
        << pod("p", "  labels: {app: p}\n  annotations: {sidecar.istio.io/inject: 'true'}\n")
        << "IST0135"
        << "Info"
        << "Annotation \"sidecar.istio.io/inject\" has been deprecated in favor of the "
           "\"sidecar.istio.io/inject\" label and may not work in future Istio versions.";
    QTest::newRow("IST0135 with the label")
        << pod("p",
               "  labels: {app: p, sidecar.istio.io/inject: 'true'}\n  annotations: "
               "{sidecar.istio.io/inject: 'true'}\n")
        << "IST0135" << none << none;
    QTest::newRow("IST0136")
        << pod("p", "  labels: {app: p}\n  annotations: {inject.istio.io/templates: sidecar}\n")
        << "IST0136"
        << "Info"
        << "Annotation \"inject.istio.io/templates\" is part of an alpha-phase feature and may be "
           "incompletely supported.";
    QTest::newRow("IST0136 beta") << pod(
        "p", "  labels: {app: p}\n  annotations: {proxy.istio.io/config: '{}'}\n")
                                  << "IST0136" << none << none;

    // Telemetry
    QTest::newRow("IST0157") << telemetry("t", "{accessLogging: [{disabled: false}]}") << "IST0157"
                             << "Warning"
                             << "The Telemetry t in namespace \"shop\" with empty providers will "
                                "be ignored.";
    QTest::newRow("IST0157 provider")
        << telemetry("t", "{accessLogging: [{providers: [{name: envoy}]}]}") << "IST0157" << none
        << none;
    QTest::newRow("IST0160")
        << telemetry("t1", "{tracing: [{randomSamplingPercentage: 1}]}")
            + telemetry("t2", "{tracing: [{randomSamplingPercentage: 2}]}")
        << "IST0160"
        << "Error"
        << "The Telemetries [t1 t2] in namespace \"shop\" have no workload selector, which can "
           "lead to undefined behavior.";
    QTest::newRow("IST0160 one selects")
        << telemetry("t1", "{tracing: [{randomSamplingPercentage: 1}]}")
            + telemetry("t2", "{selector: {matchLabels: {app: cart}}}")
        << "IST0160" << none << none;
    QTest::newRow("IST0159")
        << telemetry("t1", "{selector: {matchLabels: {app: cart}}}")
            + telemetry("t2", "{selector: {matchLabels: {version: v1, app: cart}}}")
        << "IST0159"
        << "Error"
        << "The Telemetries [t1 t2] in namespace \"shop\" select the same workload pod "
           "\"cart-1\", which can lead to undefined behavior.";
    QTest::newRow("IST0159 apart") << telemetry("t1", "{selector: {matchLabels: {app: cart}}}")
            + telemetry("t2", "{selector: {matchLabels: {app: pay}}}")
                                   << "IST0159" << none << none;
    const QByteArray lightstepMesh = meshConfigMap(
        "  mesh: \"rootNamespace: istio-system\\nextensionProviders: [{name: ls, lightstep: "
        "{address: 'ls:8080'}}]\\n\"\n");
    QTest::newRow("IST0002 lightstep")
        << lightstepMesh + telemetry("t", "{tracing: [{providers: [{name: ls}]}]}") << "IST0002"
        << "Warning"
        << "Deprecated: The Lightstep provider ls is deprecated, please migrate to OpenTelemetry "
           "provider.";
    QTest::newRow("IST0002 other provider")
        << lightstepMesh + telemetry("t", "{tracing: [{providers: [{name: zipkin}]}]}") << "IST0002"
        << none << none;

    // Sidecars and policies
    QTest::newRow("IST0110")
        << sidecar("s1", "{workloadSelector: {labels: {app: cart}}}")
            + sidecar("s2", "{workloadSelector: {labels: {version: v1}}}")
        << "IST0110"
        << "Error"
        << "The Sidecars [s1 s2] in namespace \"shop\" select the same workload pod \"cart-1\", "
           "which can lead to undefined behavior.";
    QTest::newRow("IST0110 apart") << sidecar("s1", "{workloadSelector: {labels: {app: cart}}}")
            + sidecar("s2", "{workloadSelector: {labels: {app: pay}}}")
                                   << "IST0110" << none << none;
    QTest::newRow("IST0111")
        << sidecar("s1", "{egress: [{hosts: ['./*']}]}")
            + sidecar("s2", "{egress: [{hosts: ['./*']}]}")
        << "IST0111"
        << "Error"
        << "The Sidecars [s1 s2] in namespace \"shop\" have no workload selector, which can lead "
           "to undefined behavior.";
    QTest::newRow("IST0111 one") << sidecar("s1", "{egress: [{hosts: ['./*']}]}") << "IST0111"
                                 << none << none;
    QTest::newRow("IST0167")
        << doc("v1", "Namespace", "", "amb", "  labels: {istio.io/dataplane-mode: ambient}\n")
            + sidecar("s1", "{egress: [{hosts: ['./*']}]}", "amb")
        << "IST0167"
        << "Warning"
        << "The policy has no impact: namespace is in ambient mode, the policy has no impact.";
    QTest::newRow("IST0167 sidecar mode")
        << sidecar("s1", "{egress: [{hosts: ['./*']}]}") << "IST0167" << none << none;
    QTest::newRow("IST0127")
        << policy("security.istio.io/v1", "AuthorizationPolicy", "shop", "ap",
                  "{selector: {matchLabels: {app: nothing}}, action: ALLOW}")
        << "IST0127"
        << "Warning"
        << "No matching workloads for this resource with the following labels: app=nothing";
    QTest::newRow("IST0127 selects")
        << policy("security.istio.io/v1", "AuthorizationPolicy", "shop", "ap",
                  "{selector: {matchLabels: {app: cart}}, action: ALLOW}")
        << "IST0127" << none << none;
    const QByteArray kubeGatewayPod
        = pod("kgw-1", "  labels: {app: kgw, gateway.networking.k8s.io/gateway-name: kgw}\n");
    QTest::newRow("IST0166")
        << kubeGatewayPod
            + policy("security.istio.io/v1", "AuthorizationPolicy", "shop", "ap",
                     "{selector: {matchLabels: {app: kgw}}, action: ALLOW}")
        << "IST0166"
        << "Warning"
        << "Ineffective selector on Kubernetes Gateway kgw. Use the TargetRef field instead.";
    QTest::newRow("IST0166 targetRef") << kubeGatewayPod
            + policy("security.istio.io/v1", "AuthorizationPolicy", "shop", "ap",
                     "{targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: "
                     "kgw}, action: ALLOW}")
                                       << "IST0166" << none << none;

    // JWT
    const QByteArray claimRoute
        = vs("j",
             "  hosts: [shop.example.com]\n  gateways: [gw]\n  http:\n  - match: "
             "[{headers: {'@request.auth.claims.group': {exact: admin}}}]\n    route: "
             "[{destination: {host: cart}}]\n");
    QTest::newRow("IST0149") << claimRoute << "IST0149"
                             << "Error"
                             << "The virtual service uses the JWT claim based routing (key: "
                                "@request.auth.claims.group) but found no request authentication "
                                "for the gateway (shop/gw) pod (ingress-1). The request "
                                "authentication must first be applied for the gateway pods to "
                                "validate the JWT token and make the claims available for routing.";
    QTest::newRow("IST0149 authenticated") << claimRoute
            + policy("security.istio.io/v1", "RequestAuthentication", "istio-system", "ra",
                     "{selector: {matchLabels: {istio: ingressgateway}}, jwtRules: [{issuer: i}]}")
                                           << "IST0149" << none << none;
    const QByteArray istiod
        = "  labels: {app: istiod}\nspec:\n  template:\n    metadata: {labels: "
          "{app: istiod}}\n    spec:\n      containers:\n      - name: discovery\n"
          "        image: pilot\n";
    const QByteArray ra
        = policy("security.istio.io/v1", "RequestAuthentication", "shop", "ra",
                 "{jwtRules: [{issuer: i, jwksUri: 'https://i.example.com/jwks'}]}");
    QTest::newRow("IST0175")
        << doc("apps/v1", "Deployment", "istio-system", "istiod", istiod) + ra << "IST0175"
        << "Warning"
        << "BLOCKED_CIDRS_IN_JWKS_URIS is not configured but 1 RequestAuthentication resource(s) "
           "exist (shop/ra). Consider configuring it to restrict JWKS URI fetches to trusted "
           "networks.";
    QTest::newRow("IST0175 configured")
        << doc("apps/v1", "Deployment", "istio-system", "istiod",
               istiod + "        env: [{name: BLOCKED_CIDRS_IN_JWKS_URIS, value: 10.0.0.0/8}]\n")
            + ra
        << "IST0175" << none << none;

    // EnvoyFilters
    const auto patch
        = [](const char *applyTo, const char *op, const QByteArray &extra = {}) -> QByteArray {
        return QByteArray("{applyTo: ") + applyTo + ", patch: {operation: " + op
            + ", value: {name: f1}}" + extra + "}";
    };
    QTest::newRow("IST0151")
        << envoyFilter("{configPatches: [" + patch("HTTP_FILTER", "INSERT_BEFORE") + "]}")
        << "IST0151"
        << "Warning"
        << "This EnvoyFilter does not have a priority and has a relative patch operation set "
           "which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD "
           "option or setting the priority may help in ensuring the EnvoyFilter is applied "
           "correctly.";
    QTest::newRow("IST0151 priority") << envoyFilter("{priority: 10, configPatches: ["
                                                     + patch("HTTP_FILTER", "INSERT_BEFORE") + "]}")
                                      << "IST0151" << none << none;
    QTest::newRow("IST0152")
        << envoyFilter("{configPatches: [" + patch("CLUSTER", "REPLACE") + "]}") << "IST0152"
        << "Error"
        << "The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.";
    QTest::newRow("IST0152 filter")
        << envoyFilter("{priority: 1, configPatches: [" + patch("HTTP_FILTER", "REPLACE") + "]}")
        << "IST0152" << none << none;
    QTest::newRow("IST0153")
        << envoyFilter("{configPatches: [" + patch("HTTP_ROUTE", "ADD") + "]}") << "IST0153"
        << "Error"
        << "The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or "
           "HTTP_ROUTE.";
    QTest::newRow("IST0153 cluster")
        << envoyFilter("{configPatches: [" + patch("CLUSTER", "ADD") + "]}") << "IST0153" << none
        << none;
    QTest::newRow("IST0154")
        << envoyFilter("{configPatches: [" + patch("ROUTE_CONFIGURATION", "REMOVE") + "]}")
        << "IST0154"
        << "Error"
        << "The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or "
           "HTTP_ROUTE.";
    QTest::newRow("IST0154 filter")
        << envoyFilter("{priority: 1, configPatches: [" + patch("HTTP_FILTER", "REMOVE") + "]}")
        << "IST0154" << none << none;
    const QByteArray versioned
        = patch("HTTP_FILTER", "ADD", ", match: {proxy: {proxyVersion: '^1\\.2.*'}}");
    QTest::newRow("IST0155")
        << envoyFilter("{configPatches: [" + versioned + ", " + patch("HTTP_FILTER", "INSERT_AFTER")
                       + "]}")
        << "IST0155"
        << "Warning"
        << "This EnvoyFilter does not have a priority and has a relative patch operation "
           "(NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the "
           "EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option "
           "or setting the priority may help in ensuring the EnvoyFilter is applied correctly.";
    QTest::newRow("IST0155 no proxy version")
        << envoyFilter("{configPatches: [" + patch("HTTP_FILTER", "ADD") + ", "
                       + patch("HTTP_FILTER", "INSERT_AFTER") + "]}")
        << "IST0155" << none << none;

    // ServiceEntries
    QTest::newRow("IST0134") << serviceEntry(
        "db",
        "{hosts: [db.example.com], ports: [{number: 5432, name: tcp, "
        "protocol: TCP}], resolution: DNS}")
                             << "IST0134"
                             << "Warning"
                             << "ServiceEntry addresses are required for this protocol.";
    QTest::newRow("IST0134 addresses")
        << serviceEntry("db",
                        "{hosts: [db.example.com], addresses: [240.0.0.1], ports: [{number: "
                        "5432, name: tcp, protocol: TCP}], resolution: DNS}")
        << "IST0134" << none << none;
    const QByteArray se1 = serviceEntry(
        "se1",
        "{hosts: [api.example.com], exportTo: [.], ports: [{number: 443, name: https, "
        "protocol: HTTPS}], resolution: DNS}");
    QTest::newRow("IST0177")
        << se1
            + serviceEntry("se2",
                           "{hosts: [api.example.com], ports: [{number: 443, name: tls, "
                           "protocol: TLS}], resolution: DNS}")
        << "IST0177"
        << "Warning"
        << "Multiple ServiceEntries (shop/se1, shop/se2) define the same host \"api.example.com\" "
           "and port 443 with conflicting protocols (HTTPS, TLS).";
    QTest::newRow("IST0177 exported apart") << se1
            + serviceEntry("se2",
                           "{hosts: [api.example.com], exportTo: [other], ports: "
                           "[{number: 443, name: tls, protocol: TLS}], resolution: DNS}")
                                            << "IST0177" << none << none;

    // Webhooks and the control plane
    QTest::newRow("IST0139 overlap") << injector("a") + injector("b") << "IST0139"
                                     << "Error"
                                     << "Webhook overlaps with others: "
                                        "[b/sidecar-injector.istio.io]. This may cause injection "
                                        "to occur twice.";
    QTest::newRow("IST0139 service") << injector("a", "istiod") << "IST0139"
                                     << "Error"
                                     << "Injector refers to a control plane service that does "
                                        "not exist: istio-system/istiod.";
    QTest::newRow("IST0139 one injector") << injector("a") << "IST0139" << none << none;
    QTest::newRow("IST0163") << validator("{}") << "IST0163"
                             << "Warning"
                             << "The hostname () that was provided for the webhook "
                                "(rev.validation.istio.io) to reach the ingress gateway on the "
                                "external control plane cluster is blank. Traffic may not flow "
                                "properly.";
    QTest::newRow("IST0164") << validator("{url: 'https://10.0.0.1:15017/validate'}") << "IST0164"
                             << "Info"
                             << "The address (https://10.0.0.1:15017/validate) that was provided "
                                "for the webhook (rev.validation.istio.io) to reach the ingress "
                                "gateway on the external control plane cluster is an IP address. "
                                "This is not recommended for a production environment.";
    QTest::newRow("IST0164 host name")
        << validator("{url: 'https://istiod.example.com:15017/validate'}") << "IST0164" << none
        << none;
    QTest::newRow("IST0163 host name")
        << validator("{url: 'https://istiod.example.com:15017/validate'}") << "IST0163" << none
        << none;
    QTest::newRow("IST0126") << meshConfigMap(
        "  mesh: \"rootNamespace: istio-system\\n\"\n  meshNetworks: "
        "\"networks: {network1: {endpoints: [{fromRegistry: cluster-9}]}}\"\n")
                             << "IST0126"
                             << "Error"
                             << "Unknown service registry cluster-9 in network network1";
    QTest::newRow("IST0126 kubernetes")
        << meshConfigMap("  mesh: \"rootNamespace: istio-system\\n\"\n  meshNetworks: "
                         "\"networks: {network1: {endpoints: [{fromRegistry: Kubernetes}]}}\"\n")
        << "IST0126" << none << none;
    const QByteArray bound = serviceEntry(
        "bound",
        "{hosts: [b.example.com], addresses: [240.0.0.2], ports: [{number: 80, name: "
        "http, protocol: HTTP}]}\nstatus: {conditions: [{type: istio.io/WaypointBound, "
        "status: 'False', reason: NotFound, message: no waypoint}]}");
    QTest::newRow("IST0171")
        << bound << "IST0171"
        << "Warning"
        << "A condition with a negative status is present: "
           "type=istio.io/WaypointBound, reason=NotFound, message=no waypoint.";
    QTest::newRow("IST0171 true") << QByteArray(bound).replace("'False'", "'True'") << "IST0171"
                                  << none << none;
}

} // namespace md::istio::testing

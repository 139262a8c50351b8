#include "resources/resourcetemplates.h"

#include <QHash>

namespace md::resources {

namespace {

// The spec (and what else follows metadata) of each kind; %1 is the namespace.
const QHash<QString, QString> &specs()
{
    static const QHash<QString, QString> specs {
        {QStringLiteral("VirtualService"),
         QStringLiteral("spec:\n"
                        "  hosts:\n"
                        "  - example.%1.svc.cluster.local\n"
                        "  http:\n"
                        "  - route:\n"
                        "    - destination:\n"
                        "        host: example.%1.svc.cluster.local\n")},
        {QStringLiteral("DestinationRule"),
         QStringLiteral("spec:\n"
                        "  host: example.%1.svc.cluster.local\n"
                        "  trafficPolicy:\n"
                        "    tls:\n"
                        "      mode: ISTIO_MUTUAL\n")},
        {QStringLiteral("Gateway"),
         QStringLiteral("spec:\n"
                        "  selector:\n"
                        "    istio: ingressgateway\n"
                        "  servers:\n"
                        "  - port:\n"
                        "      number: 80\n"
                        "      name: http\n"
                        "      protocol: HTTP\n"
                        "    hosts:\n"
                        "    - \"*\"\n")},
        {QStringLiteral("ServiceEntry"),
         QStringLiteral("spec:\n"
                        "  hosts:\n"
                        "  - api.example.com\n"
                        "  location: MESH_EXTERNAL\n"
                        "  ports:\n"
                        "  - number: 443\n"
                        "    name: tls\n"
                        "    protocol: TLS\n"
                        "  resolution: DNS\n")},
        {QStringLiteral("Sidecar"),
         QStringLiteral("spec:\n"
                        "  egress:\n"
                        "  - hosts:\n"
                        "    - \"./*\"\n"
                        "    - \"istio-system/*\"\n")},
        {QStringLiteral("WorkloadEntry"),
         QStringLiteral("spec:\n"
                        "  address: 10.0.0.10\n"
                        "  labels:\n"
                        "    app: example\n"
                        "  serviceAccount: default\n")},
        {QStringLiteral("WorkloadGroup"),
         QStringLiteral("spec:\n"
                        "  metadata:\n"
                        "    labels:\n"
                        "      app: example\n"
                        "  template:\n"
                        "    serviceAccount: default\n")},
        {QStringLiteral("EnvoyFilter"),
         QStringLiteral("spec:\n"
                        "  workloadSelector:\n"
                        "    labels:\n"
                        "      app: example\n"
                        "  configPatches:\n"
                        "  - applyTo: HTTP_FILTER\n"
                        "    match:\n"
                        "      context: SIDECAR_INBOUND\n"
                        "      listener:\n"
                        "        filterChain:\n"
                        "          filter:\n"
                        "            name: envoy.filters.network.http_connection_manager\n"
                        "    patch:\n"
                        "      operation: INSERT_BEFORE\n"
                        "      value:\n"
                        "        name: envoy.filters.http.buffer\n"
                        "        typed_config:\n"
                        "          \"@type\": type.googleapis.com/"
                        "envoy.extensions.filters.http.buffer.v3.Buffer\n"
                        "          max_request_bytes: 1048576\n")},
        {QStringLiteral("ProxyConfig"),
         QStringLiteral("spec:\n"
                        "  selector:\n"
                        "    matchLabels:\n"
                        "      app: example\n"
                        "  concurrency: 2\n")},
        {QStringLiteral("Telemetry"),
         QStringLiteral("spec:\n"
                        "  accessLogging:\n"
                        "  - providers:\n"
                        "    - name: envoy\n")},
        {QStringLiteral("WasmPlugin"),
         QStringLiteral("spec:\n"
                        "  selector:\n"
                        "    matchLabels:\n"
                        "      app: example\n"
                        "  url: oci://ghcr.io/istio-ecosystem/wasm-extensions/basic_auth:1.12.0\n"
                        "  phase: AUTHN\n")},
        {QStringLiteral("PeerAuthentication"),
         QStringLiteral("spec:\n"
                        "  mtls:\n"
                        "    mode: STRICT\n")},
        {QStringLiteral("RequestAuthentication"),
         QStringLiteral("spec:\n"
                        "  selector:\n"
                        "    matchLabels:\n"
                        "      app: example\n"
                        "  jwtRules:\n"
                        "  - issuer: https://issuer.example.com\n"
                        "    jwksUri: https://issuer.example.com/.well-known/jwks.json\n")},
        {QStringLiteral("AuthorizationPolicy"),
         QStringLiteral("spec:\n"
                        "  selector:\n"
                        "    matchLabels:\n"
                        "      app: example\n"
                        "  action: ALLOW\n"
                        "  rules:\n"
                        "  - from:\n"
                        "    - source:\n"
                        "        principals:\n"
                        "        - cluster.local/ns/%1/sa/default\n")},
    };
    return specs;
}

} // namespace

const QStringList &templateKinds()
{
    static const QStringList kinds {QStringLiteral("VirtualService"),
                                    QStringLiteral("DestinationRule"),
                                    QStringLiteral("Gateway"),
                                    QStringLiteral("ServiceEntry"),
                                    QStringLiteral("Sidecar"),
                                    QStringLiteral("WorkloadEntry"),
                                    QStringLiteral("WorkloadGroup"),
                                    QStringLiteral("EnvoyFilter"),
                                    QStringLiteral("ProxyConfig"),
                                    QStringLiteral("Telemetry"),
                                    QStringLiteral("WasmPlugin"),
                                    QStringLiteral("PeerAuthentication"),
                                    QStringLiteral("RequestAuthentication"),
                                    QStringLiteral("AuthorizationPolicy")};
    return kinds;
}

QString defaultApiVersionOf(const QString &kind)
{
    static const QHash<QString, QString> versions {
        {QStringLiteral("VirtualService"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("DestinationRule"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("Gateway"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("ServiceEntry"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("Sidecar"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("WorkloadEntry"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("WorkloadGroup"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("EnvoyFilter"), QStringLiteral("networking.istio.io/v1alpha3")},
        {QStringLiteral("ProxyConfig"), QStringLiteral("networking.istio.io/v1beta1")},
        {QStringLiteral("Telemetry"), QStringLiteral("telemetry.istio.io/v1")},
        {QStringLiteral("WasmPlugin"), QStringLiteral("extensions.istio.io/v1alpha1")},
        {QStringLiteral("PeerAuthentication"), QStringLiteral("security.istio.io/v1")},
        {QStringLiteral("RequestAuthentication"), QStringLiteral("security.istio.io/v1")},
        {QStringLiteral("AuthorizationPolicy"), QStringLiteral("security.istio.io/v1")},
    };
    return versions.value(kind);
}

QString resourceTemplate(const QString &apiVersion, const QString &kind, const QString &namespace_)
{
    const QString ns = namespace_.isEmpty() ? QStringLiteral("default") : namespace_;
    QString version = apiVersion.isEmpty() ? defaultApiVersionOf(kind) : apiVersion;
    if (version.isEmpty())
        version = QStringLiteral("v1");
    QString name = QStringLiteral("new-") + kind.toLower();
    if (kind == QLatin1String("PeerAuthentication"))
        name = QStringLiteral("default"); // the namespace-wide policy
    QString text = QStringLiteral("apiVersion: %1\nkind: %2\nmetadata:\n  name: %3\n"
                                  "  namespace: %4\n")
                       .arg(version, kind, name, ns);
    const auto spec = specs().constFind(kind);
    if (spec == specs().cend())
        return text + QStringLiteral("spec: {}\n");
    return text + (spec->contains(QLatin1String("%1")) ? spec->arg(ns) : *spec);
}

} // namespace md::resources

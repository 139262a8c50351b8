#pragma once

// The mesh the analyzer tests add their objects to: namespace "shop" (injected) with the
// Services cart and pay and their Pods, the ingress gateway in istio-system with its Service
// and a TLS credential, a Gateway, Istio's mesh config and injector config maps. It analyzes
// clean (tst_analyzer_codes::baseMeshIsClean).

#include <QByteArray>

namespace md::istio::testing {

inline const QByteArray kValidCertificateBase64
    = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURHVENDQWdHZ0F3SUJBZ0lVSUJ2SVpxbUFsVXVOa2VVdmRQUWx1"
      "WSs3N0w4d0RRWUpLb1pJaHZjTkFRRUwKQlFBd0d6RVpNQmNHQTFVRUF3d1FjMmh2Y0M1bGVHRnRjR3hsTG1OdmJUQWdG"
      "dzB5TmpFeU1EY3dOVEUxTWpoYQpHQTh5TVRJMk1URXhNekExTVRVeU9Gb3dHekVaTUJjR0ExVUVBd3dRYzJodmNDNWxl"
      "R0Z0Y0d4bExtTnZiVENDCkFTSXdEUVlKS29aSWh2Y05BUUVCQlFBRGdnRVBBRENDQVFvQ2dnRUJBTGlWNUJUeVV5ZVF6"
      "dVB1eUVyT2svMG0KVEVDR2FTL3hZZk5ZSU9CSmZKakVQcTNoWXNuNjRxVHc0N1ZObElabkh1eHVobUdndUVWTlFiZENa"
      "djFoNVh6Ngo1ZU5hY3hmRkR4bFlLc0JldFBac0ovY284YWVDK2RTcUhlelNYeVVBS1AzZ2RqdUNBbEhSeG1Qd1ErU2pL"
      "UU93Ckk1RUVTcFpsZmNXSlFIWHNGdEM1ZDI2NHYybmFxa2E2NUorSWI0ejhocUJ0KzdsNVhIdXZ2ZzJYNDNkUTJpaHUK"
      "QXo5Ykl3NE5MbTRwUHBhTStXS3B0M0U3N3ZWcjdQUG5nVUh3SUdvWFBkTzR3N2tlSVdpMk5RR0VDOUNKM2JVVwp6OFRB"
      "ZHJlb1RIVytKZ1ZSMkd2MVlNVnFwbU8rdnhHTmdBUTY4NTZET1dXUWVBVVBQRXFhQWt5YTJwUHZoS2NDCkF3RUFBYU5U"
      "TUZFd0hRWURWUjBPQkJZRUZLWHROcTdSckRGcGM5VGtqVlBuZlVEbVQ2emlNQjhHQTFVZEl3UVkKTUJhQUZLWHROcTdS"
      "ckRGcGM5VGtqVlBuZlVEbVQ2emlNQThHQTFVZEV3RUIvd1FGTUFNQkFmOHdEUVlKS29aSQpodmNOQVFFTEJRQURnZ0VC"
      "QUl0Tlo1Y1lvMzZmV0V0VHVHc0xRVTNvWEU1V1JkWFJ6U3FaRXhobFQxdmtlVi9PCkEzMitQbDFxd0NDMnltbll1TXRI"
      "ZC8vYlh0TmtXdkhWVWFVbmRwaHovZmNkdllmcS9xczBFMHBLN3FQWHg0REkKYnQrNEl2V3hUb1IyZTVseXVLRndvemVB"
      "czVmemNycUJrQXBaQzdJQ2N4TFhHN2d1aWVsc2trNG5VeWJzbXlUWQpQUUhTT0tQbUNmT05HR1lCQUtBZlFQVkQrQzFw"
      "NE9PalRLVXAyYWhMakI2TUozTTdodWgyUm5VcS9jRVlRdXJJCktWdFNRcCt4WXZ3NTYrZXVFekZQMUoxL21lOVVYWk1t"
      "cDdYYXd2dnllZGFzeVc4WHNmbEZJalV1OTAvbFA5eHMKb21ubnhzOWoxSnZIbE1RcncyNFdISE5od28rc05yRkdteVNl"
      "MTY0PQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==";

inline QByteArray meshFixture()
{
    return QByteArray(R"(apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: istio-system}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}]}
---
apiVersion: v1
kind: Service
metadata: {name: pay, namespace: shop}
spec:
  selector: {app: pay}
  ports: [{name: http, port: 80, protocol: TCP}, {name: grpc, port: 9090, protocol: TCP}]
---
apiVersion: v1
kind: Pod
metadata: {name: cart-1, namespace: shop, labels: {app: cart, version: v1}}
spec:
  containers: [{name: app, image: cart}, {name: istio-proxy, image: docker.io/istio/proxyv2:1.24.0}]
---
apiVersion: v1
kind: Pod
metadata: {name: pay-1, namespace: shop, labels: {app: pay, version: v1}}
spec:
  containers: [{name: app, image: pay}, {name: istio-proxy, image: docker.io/istio/proxyv2:1.24.0}]
---
apiVersion: v1
kind: Pod
metadata: {name: ingress-1, namespace: istio-system, labels: {istio: ingressgateway}}
spec: {containers: [{name: istio-proxy, image: docker.io/istio/proxyv2:1.24.0}]}
---
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  ports:
  - {name: http2, port: 80, targetPort: 8080, protocol: TCP}
  - {name: https, port: 443, targetPort: 8443, protocol: TCP}
---
apiVersion: v1
kind: Secret
metadata: {name: shop-cert, namespace: istio-system}
type: kubernetes.io/tls
data: {tls.crt: )")
        + kValidCertificateBase64 + R"(, tls.key: a2V5}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system, labels: {istio.io/rev: default}}
data:
  mesh: "rootNamespace: istio-system\n"
  meshNetworks: "networks: {}"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system, labels: {istio.io/rev: default}}
data:
  values: '{"global": {"hub": "docker.io/istio", "tag": "1.24.0", "proxy": {"image": "proxyv2"}},
    "sidecarInjectorWebhook": {"enableNamespacesByDefault": false}}'
)";
}

} // namespace md::istio::testing

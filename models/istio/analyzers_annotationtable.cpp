// The annotations Istio defines (istio.io/api annotation/annotations.yaml): name, maturity,
// whether deprecated, and the kinds it attaches to ("Any" for every kind). Facts for the
// annotation analyzers (IST0107, IST0108, IST0135, IST0136), sorted by name.

#include "istio/analyzers_p.h"

#include <algorithm>
#include <cstring>

namespace md::istio::analysis {

namespace {

const AnnotationInfo kAnnotations[] = {
    {"alpha.istio.io/canonical-serviceaccounts", Maturity::Alpha, true, "Service"},
    {"alpha.istio.io/kubernetes-serviceaccounts", Maturity::Alpha, true, "Service"},
    {"ambient.istio.io/bypass-inbound-capture", Maturity::Alpha, false, "Pod"},
    {"ambient.istio.io/dns-capture", Maturity::Alpha, false, "Pod"},
    {"ambient.istio.io/redirection", Maturity::Beta, false, "Pod"},
    {"ambient.istio.io/waypoint-inbound-binding", Maturity::Alpha, false, "GatewayClass, Gateway"},
    {"galley.istio.io/analyze-suppress", Maturity::Alpha, false, "Any"},
    {"gateway.istio.io/controller-version", Maturity::Alpha, false, "Any"},
    {"gateway.istio.io/name-override", Maturity::Alpha, false, "Gateway"},
    {"gateway.istio.io/service-account", Maturity::Alpha, false, "Gateway"},
    {"inject.istio.io/templates", Maturity::Alpha, false, "Pod"},
    {"istio.io/autoRegistrationGroup", Maturity::Alpha, false, "WorkloadEntry"},
    {"istio.io/connectedAt", Maturity::Alpha, false, "WorkloadEntry"},
    {"istio.io/disconnectedAt", Maturity::Alpha, false, "WorkloadEntry"},
    {"istio.io/dry-run", Maturity::Alpha, false, "AuthorizationPolicy"},
    {"istio.io/reroute-virtual-interfaces", Maturity::Alpha, false, "Pod"},
    {"istio.io/rev", Maturity::Alpha, false, "Pod"},
    {"istio.io/use-waypoint-canary-weight", Maturity::Alpha, false,
     "Service, ServiceEntry, Namespace"},
    {"istio.io/workloadController", Maturity::Alpha, false, "WorkloadEntry"},
    {"kubernetes.io/ingress.class", Maturity::Stable, false, "Ingress"},
    {"networking.istio.io/exportTo", Maturity::Alpha, false, "Service"},
    {"networking.istio.io/service-type", Maturity::Alpha, false, "Gateway"},
    {"networking.istio.io/traffic-distribution", Maturity::Alpha, false,
     "Namespace, Service, ServiceEntry"},
    {"prometheus.istio.io/merge-metrics", Maturity::Alpha, false, "Pod"},
    {"proxy.istio.io/config", Maturity::Beta, false, "Pod"},
    {"proxy.istio.io/overrides", Maturity::Alpha, false, "Pod"},
    {"readiness.status.sidecar.istio.io/applicationPorts", Maturity::Alpha, false, "Pod"},
    {"readiness.status.sidecar.istio.io/failureThreshold", Maturity::Alpha, false, "Pod"},
    {"readiness.status.sidecar.istio.io/initialDelaySeconds", Maturity::Alpha, false, "Pod"},
    {"readiness.status.sidecar.istio.io/periodSeconds", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/agentLogLevel", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/bootstrapOverride", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/componentLogLevel", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/discoveryAddress", Maturity::Alpha, true, "Pod"},
    {"sidecar.istio.io/extraStatTags", Maturity::Alpha, true, "Pod"},
    {"sidecar.istio.io/inject", Maturity::Beta, true, "Pod"},
    {"sidecar.istio.io/interceptionMode", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/logLevel", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/nativeSidecar", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/proxyCPU", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/proxyCPULimit", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/proxyImage", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/proxyImageType", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/proxyMemory", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/proxyMemoryLimit", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/rewriteAppHTTPProbers", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/statsCompression", Maturity::Alpha, true, "Pod"},
    {"sidecar.istio.io/statsEvictionInterval", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/statsFlushInterval", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/statsHistogramBins", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/statsHistogramBuckets", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/statsInclusionPrefixes", Maturity::Alpha, true, "Pod"},
    {"sidecar.istio.io/statsInclusionRegexps", Maturity::Alpha, true, "Pod"},
    {"sidecar.istio.io/statsInclusionSuffixes", Maturity::Alpha, true, "Pod"},
    {"sidecar.istio.io/status", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/userVolume", Maturity::Alpha, false, "Pod"},
    {"sidecar.istio.io/userVolumeMount", Maturity::Alpha, false, "Pod"},
    {"status.sidecar.istio.io/port", Maturity::Alpha, false, "Pod"},
    {"topology.istio.io/controlPlaneClusters", Maturity::Alpha, false, "Namespace"},
    {"traffic.istio.io/nodeSelector", Maturity::Stable, false, "Service"},
    {"traffic.sidecar.istio.io/excludeInboundPorts", Maturity::Alpha, false, "Pod"},
    {"traffic.sidecar.istio.io/excludeInterfaces", Maturity::Alpha, false, "Pod"},
    {"traffic.sidecar.istio.io/excludeOutboundIPRanges", Maturity::Alpha, false, "Pod"},
    {"traffic.sidecar.istio.io/excludeOutboundPorts", Maturity::Alpha, false, "Pod"},
    {"traffic.sidecar.istio.io/includeInboundPorts", Maturity::Alpha, false, "Pod"},
    {"traffic.sidecar.istio.io/includeOutboundIPRanges", Maturity::Alpha, false, "Pod"},
    {"traffic.sidecar.istio.io/includeOutboundPorts", Maturity::Alpha, false, "Pod"},
    {"traffic.sidecar.istio.io/kubevirtInterfaces", Maturity::Alpha, true, "Pod"},
};

} // namespace

const AnnotationInfo *findAnnotation(const QString &name)
{
    const QByteArray key = name.toUtf8();
    const auto end = std::end(kAnnotations);
    const auto it = std::lower_bound(std::begin(kAnnotations), end, key,
                                     [](const AnnotationInfo &a, const QByteArray &k) {
                                         return std::strcmp(a.name, k.constData()) < 0;
                                     });
    return it != end && key == it->name ? it : nullptr;
}

} // namespace md::istio::analysis

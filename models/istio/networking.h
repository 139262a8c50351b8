#pragma once

// Typed views of networking.istio.io kinds (v1; v1beta1 and v1alpha3 share the schema).
// Read with readView<VirtualService>(object), write back with writeView(object, view):
// see fields.h for how unknown fields survive.

#include "istio/fields.h"

namespace md::istio {

#define MD_VIEW(Type) bool operator==(const Type &) const = default

struct ObjectMeta
{
    QString name, namespace_;
    QMap<QString, QString> labels, annotations;
    QString resourceVersion;
    template<typename V> void fields(V &v)
    {
        v("name", name), v("namespace", namespace_), v("labels", labels),
            v("annotations", annotations);
        v("resourceVersion", resourceVersion);
    }
    MD_VIEW(ObjectMeta);
};

struct StringMatch
{
    QString exact, prefix, regex;
    template<typename V> void fields(V &v)
    {
        v("exact", exact), v("prefix", prefix), v("regex", regex);
    }
    MD_VIEW(StringMatch);
};

struct Percent
{
    std::optional<double> value;
    template<typename V> void fields(V &v) { v("value", value); }
    MD_VIEW(Percent);
};

struct Destination
{
    QString host, subset;
    std::optional<qint64> port;
    template<typename V> void fields(V &v)
    {
        v("host", host), v("subset", subset), v("port.number", port);
    }
    MD_VIEW(Destination);
};

struct HeaderOps
{
    QMap<QString, QString> set, add;
    QStringList remove;
    template<typename V> void fields(V &v) { v("set", set), v("add", add), v("remove", remove); }
    MD_VIEW(HeaderOps);
};

struct Headers
{
    HeaderOps request, response;
    template<typename V> void fields(V &v) { v("request", request), v("response", response); }
    MD_VIEW(Headers);
};

struct HTTPMatchRequest
{
    QString name, sourceNamespace;
    std::optional<StringMatch> uri, scheme, method, authority;
    QMap<QString, StringMatch> headers, queryParams, withoutHeaders;
    std::optional<qint64> port;
    QMap<QString, QString> sourceLabels;
    QStringList gateways;
    bool ignoreUriCase = false;
    template<typename V> void fields(V &v)
    {
        v("name", name), v("uri", uri), v("scheme", scheme), v("method", method),
            v("authority", authority);
        v("headers", headers), v("port", port), v("sourceLabels", sourceLabels),
            v("gateways", gateways);
        v("queryParams", queryParams), v("ignoreUriCase", ignoreUriCase),
            v("withoutHeaders", withoutHeaders);
        v("sourceNamespace", sourceNamespace);
    }
    MD_VIEW(HTTPMatchRequest);
};

struct HTTPRouteDestination
{
    Destination destination;
    std::optional<qint64> weight;
    Headers headers;
    template<typename V> void fields(V &v)
    {
        v("destination", destination), v("weight", weight), v("headers", headers);
    }
    MD_VIEW(HTTPRouteDestination);
};

struct HTTPRedirect
{
    QString uri, authority, scheme, derivePort;
    std::optional<qint64> port, redirectCode;
    template<typename V> void fields(V &v)
    {
        v("uri", uri), v("authority", authority), v("port", port), v("derivePort", derivePort);
        v("scheme", scheme), v("redirectCode", redirectCode);
    }
    MD_VIEW(HTTPRedirect);
};

struct HTTPDirectResponse
{
    std::optional<qint64> status;
    QString bodyString, bodyBytes;
    template<typename V> void fields(V &v)
    {
        v("status", status), v("body.string", bodyString), v("body.bytes", bodyBytes);
    }
    MD_VIEW(HTTPDirectResponse);
};

struct HTTPRewrite
{
    QString uri, authority, regexMatch, regexRewrite;
    template<typename V> void fields(V &v)
    {
        v("uri", uri), v("authority", authority);
        v("uriRegexRewrite.match", regexMatch), v("uriRegexRewrite.rewrite", regexRewrite);
    }
    MD_VIEW(HTTPRewrite);
};

struct HTTPRetry
{
    std::optional<qint64> attempts;
    QString perTryTimeout, retryOn, backoff;
    std::optional<bool> retryRemoteLocalities;
    template<typename V> void fields(V &v)
    {
        v("attempts", attempts), v("perTryTimeout", perTryTimeout), v("retryOn", retryOn);
        v("retryRemoteLocalities", retryRemoteLocalities), v("backoff", backoff);
    }
    MD_VIEW(HTTPRetry);
};

struct HTTPFaultInjection
{
    QString delayFixed;
    std::optional<double> delayPercent, abortPercent;
    std::optional<qint64> abortHttpStatus;
    QString abortGrpcStatus;
    template<typename V> void fields(V &v)
    {
        v("delay.fixedDelay", delayFixed), v("delay.percentage.value", delayPercent);
        v("abort.httpStatus", abortHttpStatus), v("abort.grpcStatus", abortGrpcStatus);
        v("abort.percentage.value", abortPercent);
    }
    MD_VIEW(HTTPFaultInjection);
};

struct HTTPMirrorPolicy
{
    Destination destination;
    std::optional<double> percentage;
    template<typename V> void fields(V &v)
    {
        v("destination", destination), v("percentage.value", percentage);
    }
    MD_VIEW(HTTPMirrorPolicy);
};

struct CorsPolicy
{
    QList<StringMatch> allowOrigins;
    QStringList allowMethods, allowHeaders, exposeHeaders;
    QString maxAge;
    std::optional<bool> allowCredentials;
    template<typename V> void fields(V &v)
    {
        v("allowOrigins", allowOrigins), v("allowMethods", allowMethods),
            v("allowHeaders", allowHeaders);
        v("exposeHeaders", exposeHeaders), v("maxAge", maxAge),
            v("allowCredentials", allowCredentials);
    }
    MD_VIEW(CorsPolicy);
};

struct Delegate
{
    QString name, namespace_;
    template<typename V> void fields(V &v) { v("name", name), v("namespace", namespace_); }
    MD_VIEW(Delegate);
};

struct HTTPRoute
{
    QString name, timeout;
    QList<HTTPMatchRequest> match;
    QList<HTTPRouteDestination> route;
    std::optional<HTTPRedirect> redirect;
    std::optional<HTTPDirectResponse> directResponse;
    std::optional<Delegate> delegate;
    std::optional<HTTPRewrite> rewrite;
    std::optional<HTTPRetry> retries;
    std::optional<HTTPFaultInjection> fault;
    std::optional<Destination> mirror;
    QList<HTTPMirrorPolicy> mirrors;
    std::optional<double> mirrorPercentage;
    std::optional<CorsPolicy> corsPolicy;
    Headers headers;
    template<typename V> void fields(V &v)
    {
        v("name", name), v("match", match), v("route", route), v("redirect", redirect);
        v("directResponse", directResponse), v("delegate", delegate), v("rewrite", rewrite);
        v("timeout", timeout), v("retries", retries), v("fault", fault), v("mirror", mirror);
        v("mirrors", mirrors), v("mirrorPercentage.value", mirrorPercentage),
            v("corsPolicy", corsPolicy);
        v("headers", headers);
    }
    MD_VIEW(HTTPRoute);
};

struct RouteDestination
{
    Destination destination;
    std::optional<qint64> weight;
    template<typename V> void fields(V &v) { v("destination", destination), v("weight", weight); }
    MD_VIEW(RouteDestination);
};

struct L4Match
{
    QStringList destinationSubnets, gateways, sniHosts; // sniHosts: TLS routes only
    std::optional<qint64> port;
    QMap<QString, QString> sourceLabels;
    QString sourceNamespace;
    template<typename V> void fields(V &v)
    {
        v("sniHosts", sniHosts), v("destinationSubnets", destinationSubnets), v("port", port);
        v("sourceLabels", sourceLabels), v("gateways", gateways),
            v("sourceNamespace", sourceNamespace);
    }
    MD_VIEW(L4Match);
};

struct L4Route
{
    QList<L4Match> match;
    QList<RouteDestination> route;
    template<typename V> void fields(V &v) { v("match", match), v("route", route); }
    MD_VIEW(L4Route);
};

struct VirtualServiceSpec
{
    QStringList hosts, gateways, exportTo;
    QList<HTTPRoute> http;
    QList<L4Route> tls, tcp;
    template<typename V> void fields(V &v)
    {
        v("hosts", hosts), v("gateways", gateways), v("http", http), v("tls", tls), v("tcp", tcp);
        v("exportTo", exportTo);
    }
    MD_VIEW(VirtualServiceSpec);
};

struct WorkloadSelector
{
    QMap<QString, QString> labels;
    template<typename V> void fields(V &v) { v("labels", labels); }
    MD_VIEW(WorkloadSelector);
};

struct ClientTLSSettings
{
    QString mode, clientCertificate, privateKey, caCertificates, credentialName, sni, caCrl;
    QStringList subjectAltNames;
    std::optional<bool> insecureSkipVerify;
    template<typename V> void fields(V &v)
    {
        v("mode", mode), v("clientCertificate", clientCertificate), v("privateKey", privateKey);
        v("caCertificates", caCertificates), v("credentialName", credentialName);
        v("subjectAltNames", subjectAltNames), v("sni", sni),
            v("insecureSkipVerify", insecureSkipVerify);
        v("caCrl", caCrl);
    }
    MD_VIEW(ClientTLSSettings);
};

struct LoadBalancerSettings
{
    QString simple;
    QString hashHeaderName, hashCookieName, hashCookieTtl, hashQueryParameterName;
    std::optional<bool> hashUseSourceIp;
    Value localityLbSetting; // kept as a tree: distribute/failover/failoverPriority
    template<typename V> void fields(V &v)
    {
        v("simple", simple), v("consistentHash.httpHeaderName", hashHeaderName);
        v("consistentHash.httpCookie.name", hashCookieName),
            v("consistentHash.httpCookie.ttl", hashCookieTtl);
        v("consistentHash.useSourceIp", hashUseSourceIp);
        v("consistentHash.httpQueryParameterName", hashQueryParameterName);
        v("localityLbSetting", localityLbSetting);
    }
    MD_VIEW(LoadBalancerSettings);
};

struct ConnectionPoolSettings
{
    std::optional<qint64> maxConnections, http1MaxPendingRequests, http2MaxRequests,
        maxRequestsPerConnection, maxRetries;
    QString connectTimeout, idleTimeout, h2UpgradePolicy;
    template<typename V> void fields(V &v)
    {
        v("tcp.maxConnections", maxConnections), v("tcp.connectTimeout", connectTimeout);
        v("http.http1MaxPendingRequests", http1MaxPendingRequests),
            v("http.http2MaxRequests", http2MaxRequests);
        v("http.maxRequestsPerConnection", maxRequestsPerConnection),
            v("http.maxRetries", maxRetries);
        v("http.idleTimeout", idleTimeout), v("http.h2UpgradePolicy", h2UpgradePolicy);
    }
    MD_VIEW(ConnectionPoolSettings);
};

struct OutlierDetection
{
    std::optional<qint64> consecutive5xxErrors, consecutiveGatewayErrors, maxEjectionPercent,
        minHealthPercent;
    QString interval, baseEjectionTime;
    template<typename V> void fields(V &v)
    {
        v("consecutive5xxErrors", consecutive5xxErrors),
            v("consecutiveGatewayErrors", consecutiveGatewayErrors);
        v("interval", interval), v("baseEjectionTime", baseEjectionTime);
        v("maxEjectionPercent", maxEjectionPercent), v("minHealthPercent", minHealthPercent);
    }
    MD_VIEW(OutlierDetection);
};

struct PortTrafficPolicy
{
    std::optional<qint64> port;
    std::optional<LoadBalancerSettings> loadBalancer;
    std::optional<ConnectionPoolSettings> connectionPool;
    std::optional<OutlierDetection> outlierDetection;
    std::optional<ClientTLSSettings> tls;
    template<typename V> void fields(V &v)
    {
        v("port.number", port), v("loadBalancer", loadBalancer),
            v("connectionPool", connectionPool);
        v("outlierDetection", outlierDetection), v("tls", tls);
    }
    MD_VIEW(PortTrafficPolicy);
};

struct TrafficPolicy
{
    std::optional<LoadBalancerSettings> loadBalancer;
    std::optional<ConnectionPoolSettings> connectionPool;
    std::optional<OutlierDetection> outlierDetection;
    std::optional<ClientTLSSettings> tls;
    QList<PortTrafficPolicy> portLevelSettings;
    template<typename V> void fields(V &v)
    {
        v("loadBalancer", loadBalancer), v("connectionPool", connectionPool);
        v("outlierDetection", outlierDetection), v("tls", tls),
            v("portLevelSettings", portLevelSettings);
    }
    MD_VIEW(TrafficPolicy);
};

struct Subset
{
    QString name;
    QMap<QString, QString> labels;
    std::optional<TrafficPolicy> trafficPolicy;
    template<typename V> void fields(V &v)
    {
        v("name", name), v("labels", labels), v("trafficPolicy", trafficPolicy);
    }
    MD_VIEW(Subset);
};

struct DestinationRuleSpec
{
    QString host;
    std::optional<TrafficPolicy> trafficPolicy;
    QList<Subset> subsets;
    QStringList exportTo;
    QMap<QString, QString> workloadSelector;
    template<typename V> void fields(V &v)
    {
        v("host", host), v("trafficPolicy", trafficPolicy), v("subsets", subsets),
            v("exportTo", exportTo);
        v("workloadSelector.matchLabels", workloadSelector);
    }
    MD_VIEW(DestinationRuleSpec);
};

struct ServerTLSSettings
{
    QString mode, serverCertificate, privateKey, caCertificates, credentialName, minProtocolVersion;
    QStringList credentialNames, subjectAltNames, cipherSuites;
    bool httpsRedirect = false;
    template<typename V> void fields(V &v)
    {
        v("httpsRedirect", httpsRedirect), v("mode", mode),
            v("serverCertificate", serverCertificate);
        v("privateKey", privateKey), v("caCertificates", caCertificates),
            v("credentialName", credentialName);
        v("credentialNames", credentialNames), v("subjectAltNames", subjectAltNames);
        v("minProtocolVersion", minProtocolVersion), v("cipherSuites", cipherSuites);
    }
    MD_VIEW(ServerTLSSettings);
};

struct Port
{
    std::optional<qint64> number;
    QString protocol, name;
    std::optional<qint64> targetPort;
    template<typename V> void fields(V &v)
    {
        v("number", number), v("protocol", protocol), v("name", name), v("targetPort", targetPort);
    }
    MD_VIEW(Port);
};

struct Server
{
    Port port;
    QString bind, defaultEndpoint, name;
    QStringList hosts;
    std::optional<ServerTLSSettings> tls;
    template<typename V> void fields(V &v)
    {
        v("port", port), v("bind", bind), v("hosts", hosts), v("tls", tls);
        v("defaultEndpoint", defaultEndpoint), v("name", name);
    }
    MD_VIEW(Server);
};

struct GatewaySpec
{
    QList<Server> servers;
    QMap<QString, QString> selector;
    template<typename V> void fields(V &v) { v("servers", servers), v("selector", selector); }
    MD_VIEW(GatewaySpec);
};

struct WorkloadEntrySpec
{
    QString address, network, locality, serviceAccount;
    QMap<QString, qint64> ports;
    QMap<QString, QString> labels;
    std::optional<qint64> weight;
    template<typename V> void fields(V &v)
    {
        v("address", address), v("ports", ports), v("labels", labels), v("network", network);
        v("locality", locality), v("weight", weight), v("serviceAccount", serviceAccount);
    }
    MD_VIEW(WorkloadEntrySpec);
};

struct ServiceEntrySpec
{
    QStringList hosts, addresses, exportTo, subjectAltNames;
    QList<Port> ports;
    QString location, resolution;
    QList<WorkloadEntrySpec> endpoints;
    QMap<QString, QString> workloadSelector;
    template<typename V> void fields(V &v)
    {
        v("hosts", hosts), v("addresses", addresses), v("ports", ports), v("location", location);
        v("resolution", resolution), v("endpoints", endpoints),
            v("workloadSelector.labels", workloadSelector);
        v("exportTo", exportTo), v("subjectAltNames", subjectAltNames);
    }
    MD_VIEW(ServiceEntrySpec);
};

struct IstioEgressListener
{
    std::optional<Port> port;
    QString bind, captureMode;
    QStringList hosts;
    template<typename V> void fields(V &v)
    {
        v("port", port), v("bind", bind), v("captureMode", captureMode), v("hosts", hosts);
    }
    MD_VIEW(IstioEgressListener);
};

struct IstioIngressListener
{
    Port port;
    QString bind, captureMode, defaultEndpoint;
    std::optional<ServerTLSSettings> tls;
    template<typename V> void fields(V &v)
    {
        v("port", port), v("bind", bind), v("captureMode", captureMode),
            v("defaultEndpoint", defaultEndpoint);
        v("tls", tls);
    }
    MD_VIEW(IstioIngressListener);
};

struct SidecarSpec
{
    QMap<QString, QString> workloadSelector;
    QList<IstioIngressListener> ingress;
    QList<IstioEgressListener> egress;
    QString outboundTrafficPolicyMode;
    template<typename V> void fields(V &v)
    {
        v("workloadSelector.labels", workloadSelector), v("ingress", ingress), v("egress", egress);
        v("outboundTrafficPolicy.mode", outboundTrafficPolicyMode);
    }
    MD_VIEW(SidecarSpec);
};

// A whole object: metadata plus a spec view; apiVersion and kind stay as they are.
template<typename Spec> struct Resource
{
    ObjectMeta metadata;
    Spec spec;
    template<typename V> void fields(V &v) { v("metadata", metadata), v("spec", spec); }
    bool operator==(const Resource &) const = default;
};

using VirtualService = Resource<VirtualServiceSpec>;
using DestinationRule = Resource<DestinationRuleSpec>;
using Gateway = Resource<GatewaySpec>;
using ServiceEntry = Resource<ServiceEntrySpec>;
using Sidecar = Resource<SidecarSpec>;

} // namespace md::istio

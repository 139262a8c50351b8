#pragma once

// Typed views of security.istio.io kinds (v1; v1beta1 shares the schema).

#include "istio/networking.h"

namespace md::istio {

struct PolicyTargetReference
{
    QString group, kind, name, namespace_;
    template<typename V> void fields(V &v)
    {
        v("group", group), v("kind", kind), v("name", name), v("namespace", namespace_);
    }
    MD_VIEW(PolicyTargetReference);
};

struct PeerAuthenticationSpec
{
    QMap<QString, QString> selector; // selector.matchLabels
    QString mtlsMode;
    QMap<QString, QString> portLevelMtls; // port -> mode
    template<typename V> void fields(V &v)
    {
        v("selector.matchLabels", selector), v("mtls.mode", mtlsMode);
        portLevel(v);
    }
    MD_VIEW(PeerAuthenticationSpec);

private:
    // portLevelMtls is a map of {mode: X}; the view flattens it to port -> mode.
    struct PortMode
    {
        QString mode;
        template<typename V> void fields(V &v) { v("mode", mode); }
        MD_VIEW(PortMode);
    };
    template<typename V> void portLevel(V &v)
    {
        QMap<QString, PortMode> modes;
        for (auto it = portLevelMtls.constBegin(); it != portLevelMtls.constEnd(); ++it)
            modes.insert(it.key(), PortMode {it.value()});
        v("portLevelMtls", modes);
        portLevelMtls.clear();
        for (auto it = modes.constBegin(); it != modes.constEnd(); ++it)
            portLevelMtls.insert(it.key(), it.value().mode);
    }
};

struct JWTHeader
{
    QString name, prefix;
    template<typename V> void fields(V &v) { v("name", name), v("prefix", prefix); }
    MD_VIEW(JWTHeader);
};

struct ClaimToHeader
{
    QString header, claim;
    template<typename V> void fields(V &v) { v("header", header), v("claim", claim); }
    MD_VIEW(ClaimToHeader);
};

struct JWTRule
{
    QString issuer, jwksUri, jwks, outputPayloadToHeader, timeout;
    QStringList audiences, fromParams, fromCookies;
    QList<JWTHeader> fromHeaders;
    QList<ClaimToHeader> outputClaimToHeaders;
    std::optional<bool> forwardOriginalToken;
    template<typename V> void fields(V &v)
    {
        v("issuer", issuer), v("audiences", audiences), v("jwksUri", jwksUri), v("jwks", jwks);
        v("fromHeaders", fromHeaders), v("fromParams", fromParams), v("fromCookies", fromCookies);
        v("outputPayloadToHeader", outputPayloadToHeader),
            v("forwardOriginalToken", forwardOriginalToken);
        v("outputClaimToHeaders", outputClaimToHeaders), v("timeout", timeout);
    }
    MD_VIEW(JWTRule);
};

struct RequestAuthenticationSpec
{
    QMap<QString, QString> selector;
    std::optional<PolicyTargetReference> targetRef;
    QList<PolicyTargetReference> targetRefs;
    QList<JWTRule> jwtRules;
    template<typename V> void fields(V &v)
    {
        v("selector.matchLabels", selector), v("targetRef", targetRef), v("targetRefs", targetRefs);
        v("jwtRules", jwtRules);
    }
    MD_VIEW(RequestAuthenticationSpec);
};

struct Source
{
    QStringList principals, notPrincipals, requestPrincipals, notRequestPrincipals, namespaces,
        notNamespaces, ipBlocks, notIpBlocks, remoteIpBlocks, notRemoteIpBlocks, serviceAccounts,
        notServiceAccounts;
    template<typename V> void fields(V &v)
    {
        v("principals", principals), v("notPrincipals", notPrincipals);
        v("requestPrincipals", requestPrincipals), v("notRequestPrincipals", notRequestPrincipals);
        v("namespaces", namespaces), v("notNamespaces", notNamespaces), v("ipBlocks", ipBlocks);
        v("notIpBlocks", notIpBlocks), v("remoteIpBlocks", remoteIpBlocks);
        v("notRemoteIpBlocks", notRemoteIpBlocks), v("serviceAccounts", serviceAccounts);
        v("notServiceAccounts", notServiceAccounts);
    }
    MD_VIEW(Source);
};

struct Operation
{
    QStringList hosts, notHosts, ports, notPorts, methods, notMethods, paths, notPaths;
    template<typename V> void fields(V &v)
    {
        v("hosts", hosts), v("notHosts", notHosts), v("ports", ports), v("notPorts", notPorts);
        v("methods", methods), v("notMethods", notMethods), v("paths", paths),
            v("notPaths", notPaths);
    }
    MD_VIEW(Operation);
};

struct Condition
{
    QString key;
    QStringList values, notValues;
    template<typename V> void fields(V &v)
    {
        v("key", key), v("values", values), v("notValues", notValues);
    }
    MD_VIEW(Condition);
};

struct RuleFrom
{
    Source source;
    template<typename V> void fields(V &v) { v("source", source); }
    MD_VIEW(RuleFrom);
};

struct RuleTo
{
    Operation operation;
    template<typename V> void fields(V &v) { v("operation", operation); }
    MD_VIEW(RuleTo);
};

struct Rule
{
    QList<RuleFrom> from;
    QList<RuleTo> to;
    QList<Condition> when;
    template<typename V> void fields(V &v) { v("from", from), v("to", to), v("when", when); }
    MD_VIEW(Rule);
};

struct AuthorizationPolicySpec
{
    QMap<QString, QString> selector;
    std::optional<PolicyTargetReference> targetRef;
    QList<PolicyTargetReference> targetRefs;
    QList<Rule> rules;
    QString action, provider; // provider: CUSTOM action's provider.name
    template<typename V> void fields(V &v)
    {
        v("selector.matchLabels", selector), v("targetRef", targetRef), v("targetRefs", targetRefs);
        v("rules", rules), v("action", action), v("provider.name", provider);
    }
    MD_VIEW(AuthorizationPolicySpec);
};

using PeerAuthentication = Resource<PeerAuthenticationSpec>;
using RequestAuthentication = Resource<RequestAuthenticationSpec>;
using AuthorizationPolicy = Resource<AuthorizationPolicySpec>;

} // namespace md::istio

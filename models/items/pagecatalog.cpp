#include "items/pagecatalog.h"

#include <QCoreApplication>

namespace md {

namespace {

QList<ModuleInfo> buildModules()
{
    return {
        {QStringLiteral("overview"), QT_TRANSLATE_NOOP("md::Pages", "Mesh overview"),
         QStringLiteral("overview")},
        {QStringLiteral("services"), QT_TRANSLATE_NOOP("md::Pages", "Service management"),
         QStringLiteral("services")},
        {QStringLiteral("traffic"), QT_TRANSLATE_NOOP("md::Pages", "Traffic management"),
         QStringLiteral("traffic")},
        {QStringLiteral("security"), QT_TRANSLATE_NOOP("md::Pages", "Security"),
         QStringLiteral("security")},
        {QStringLiteral("monitor"), QT_TRANSLATE_NOOP("md::Pages", "Monitor"),
         QStringLiteral("monitor")},
        {QStringLiteral("sidecars"), QT_TRANSLATE_NOOP("md::Pages", "Sidecars"),
         QStringLiteral("sidecars")},
        {QStringLiteral("clusters"), QT_TRANSLATE_NOOP("md::Pages", "Mesh clusters"),
         QStringLiteral("clusters")},
        {QStringLiteral("gateways"), QT_TRANSLATE_NOOP("md::Pages", "Mesh gateways"),
         QStringLiteral("gateways")},
        {QStringLiteral("config"), QT_TRANSLATE_NOOP("md::Pages", "Mesh config"),
         QStringLiteral("config")},
    };
}

QList<PageInfo> buildPages()
{
    const auto s = [](const char *text) { return QString::fromLatin1(text); };
    return {
        {s("overview"),
         s("overview"),
         QT_TRANSLATE_NOOP("md::Pages", "Mesh overview"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Health at a glance: clusters, services, injected pods, Istio versions "
                           "and the busiest services."),
         {s("health"), s("summary"), s("dashboard")},
         s("Ctrl+1")},
        {s("services.list"),
         s("services"),
         QT_TRANSLATE_NOOP("md::Pages", "Services"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Services aggregated across clusters, their endpoints and diagnostics."),
         {s("svc"), s("endpoints"), s("service")},
         s("Ctrl+2")},
        {s("services.serviceentries"),
         s("services"),
         QT_TRANSLATE_NOOP("md::Pages", "External services"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "ServiceEntries: services outside the mesh that workloads may call."),
         {s("serviceentry"), s("se"), s("external"), s("egress")},
         {}},
        {s("traffic.virtualservices"),
         s("traffic"),
         QT_TRANSLATE_NOOP("md::Pages", "VirtualService"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Routing rules: matches, destinations and weights, retries, timeouts, "
                           "faults and mirrors."),
         {s("vs"), s("route"), s("routing")},
         s("Ctrl+3")},
        {s("traffic.destinationrules"),
         s("traffic"),
         QT_TRANSLATE_NOOP("md::Pages", "DestinationRule"),
         QT_TRANSLATE_NOOP(
             "md::Pages",
             "Subsets, load balancing, connection pools, outlier detection and client TLS."),
         {s("dr"), s("subset"), s("load balancing")},
         {}},
        {s("traffic.gateways"),
         s("traffic"),
         QT_TRANSLATE_NOOP("md::Pages", "Gateway"),
         QT_TRANSLATE_NOOP(
             "md::Pages",
             "Gateway rules: servers, ports, hosts and TLS of ingress and egress gateways."),
         {s("gw"), s("ingress"), s("egress")},
         {}},
        {s("security.peerauthentications"),
         s("security"),
         QT_TRANSLATE_NOOP("md::Pages", "PeerAuthentication"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Mutual TLS modes for the mesh, a namespace or a workload."),
         {s("pa"), s("mtls")},
         s("Ctrl+4")},
        {s("security.requestauthentications"),
         s("security"),
         QT_TRANSLATE_NOOP("md::Pages", "RequestAuthentication"),
         QT_TRANSLATE_NOOP("md::Pages", "JWT rules: issuers, audiences and key sets."),
         {s("ra"), s("jwt")},
         {}},
        {s("security.authorizationpolicies"),
         s("security"),
         QT_TRANSLATE_NOOP("md::Pages", "AuthorizationPolicy"),
         QT_TRANSLATE_NOOP("md::Pages", "Who may call what: ALLOW, DENY, AUDIT and CUSTOM rules."),
         {s("ap"), s("authz"), s("rbac")},
         {}},
        {s("monitor.topology"),
         s("monitor"),
         QT_TRANSLATE_NOOP("md::Pages", "Topology"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "The live service graph with request rates, errors and latency."),
         {s("graph"), s("map")},
         s("Ctrl+5")},
        {s("monitor.metrics"),
         s("monitor"),
         QT_TRANSLATE_NOOP("md::Pages", "Metrics"),
         QT_TRANSLATE_NOOP("md::Pages", "Dashboards at mesh, service and workload level."),
         {s("charts"), s("prometheus"), s("dashboard")},
         {}},
        {s("sidecars.namespaces"),
         s("sidecars"),
         QT_TRANSLATE_NOOP("md::Pages", "Namespace injection"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Sidecar injection policy per namespace: enabled, disabled or not set."),
         {s("namespace"), s("injection"), s("sidecar")},
         s("Ctrl+6")},
        {s("sidecars.workloads"),
         s("sidecars"),
         QT_TRANSLATE_NOOP("md::Pages", "Workload injection"),
         QT_TRANSLATE_NOOP(
             "md::Pages",
             "Sidecars per workload: injection, resources, traffic passthrough and restarts."),
         {s("workload"), s("deployment"), s("pods"), s("sidecar")},
         {}},
        {s("clusters"),
         s("clusters"),
         QT_TRANSLATE_NOOP("md::Pages", "Mesh clusters"),
         QT_TRANSLATE_NOOP(
             "md::Pages", "The clusters of the mesh, their connection health, versions and roles."),
         {s("cluster"), s("kubeconfig"), s("context")},
         s("Ctrl+7")},
        {s("gateways"),
         s("gateways"),
         QT_TRANSLATE_NOOP("md::Pages", "Mesh gateways"),
         QT_TRANSLATE_NOOP(
             "md::Pages",
             "Ingress and egress gateway deployments: create, scale, edit and delete."),
         {s("ingress"), s("egress"), s("deployment")},
         s("Ctrl+8")},
        {s("config.resources"),
         s("config"),
         QT_TRANSLATE_NOOP("md::Pages", "Istio resources"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Every Istio resource kind each cluster serves: browse, edit as YAML, "
                           "create from a template, labels, annotations and delete."),
         {s("yaml"), s("crd"), s("envoyfilter"), s("sidecar"), s("telemetry")},
         s("Ctrl+9")},
        {s("config.secrets"),
         s("config"),
         QT_TRANSLATE_NOOP("md::Pages", "TLS secrets"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Gateway certificates: subject, SANs, issuer and expiry; create from "
                           "certificate and key files."),
         {s("tls"), s("certificate"), s("secret"), s("credentialName"), s("expiry")},
         {}},
        {s("config.drift"),
         s("config"),
         QT_TRANSLATE_NOOP("md::Pages", "Config drift"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Istio resources that differ between the clusters of the mesh, with "
                           "the diff and copying one version to the others."),
         {s("drift"), s("diff"), s("compare"), s("multi-primary")},
         {}},
        {s("config.history"),
         s("config"),
         QT_TRANSLATE_NOOP("md::Pages", "History"),
         QT_TRANSLATE_NOOP("md::Pages",
                           "Every change MeshDesk applied or deleted, with before and after, and "
                           "one-click revert."),
         {s("journal"), s("audit"), s("revert"), s("undo")},
         {}},
    };
}

} // namespace

const QList<ModuleInfo> &PageCatalog::modules()
{
    static const QList<ModuleInfo> list = buildModules();
    return list;
}

const QList<PageInfo> &PageCatalog::pages()
{
    static const QList<PageInfo> list = buildPages();
    return list;
}

const PageInfo *PageCatalog::page(const QString &id)
{
    for (const PageInfo &p : pages()) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

const ModuleInfo *PageCatalog::module(const QString &id)
{
    for (const ModuleInfo &m : modules()) {
        if (m.id == id)
            return &m;
    }
    return nullptr;
}

QList<PageInfo> PageCatalog::pagesOf(const QString &moduleId)
{
    QList<PageInfo> result;
    for (const PageInfo &p : pages()) {
        if (p.module == moduleId)
            result.append(p);
    }
    return result;
}

QString PageCatalog::defaultPageId()
{
    return pages().constFirst().id;
}

QString PageCatalog::translatedTitle(const PageInfo &page)
{
    return QCoreApplication::translate("md::Pages", page.title);
}

QString PageCatalog::translatedSummary(const PageInfo &page)
{
    return QCoreApplication::translate("md::Pages", page.summary);
}

QString PageCatalog::translatedTitle(const ModuleInfo &module)
{
    return QCoreApplication::translate("md::Pages", module.title);
}

} // namespace md

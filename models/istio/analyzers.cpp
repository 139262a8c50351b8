// Cross-reference analyzers (istioctl analyze and Kiali checks) over a MeshIndex.

#include "istio/analyzers.h"

#include "istio/checks.h"
#include "istio/webhookrules_p.h"

namespace md::istio {

namespace {

using webhook::hostCovers;
using Entry = MeshIndex::Entry;

struct Context
{
    const MeshIndex &index;
    const Value &object;
    ObjectId id;
    QString ns;
    Findings &f;

    bool isSelf(int entry) const
    {
        const ObjectId &other = index.entry(entry).id;
        return other.kind == id.kind && other.name == id.name
            && (other.namespace_.isEmpty() ? QStringLiteral("default") : other.namespace_) == ns;
    }
    QString nameOf(int entry) const
    {
        const ObjectId &other = index.entry(entry).id;
        return (other.namespace_.isEmpty() ? QStringLiteral("default") : other.namespace_) + u'/'
            + other.name;
    }
};

QMap<QString, QString> stringMap(const Value &v)
{
    QMap<QString, QString> map;
    for (qsizetype i = 0; i < v.size() && v.isObject(); ++i)
        map.insert(v.keyAt(i), v.valueAt(i).toString());
    return map;
}

bool selects(const QMap<QString, QString> &selector, const QMap<QString, QString> &labels)
{
    for (auto it = selector.constBegin(); it != selector.constEnd(); ++it) {
        if (labels.value(it.key(), QStringLiteral("\x01")) != it.value())
            return false;
    }
    return true;
}

QString labelsText(const QMap<QString, QString> &labels)
{
    QStringList parts;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        parts.append(it.key() + u'=' + it.value());
    return parts.join(u',');
}

void checkSelectorMatches(Context &c, const QMap<QString, QString> &selector, const QString &path)
{
    if (selector.isEmpty() || !c.index.knowsWorkloads())
        return;
    for (const auto &labels : c.index.workloadLabels(c.ns)) {
        if (selects(selector, labels))
            return;
    }
    c.f.warning("IST0127", path,
                Tr::tr("No matching workloads for this resource with the following labels: %1")
                    .arg(labelsText(selector)));
}

// (namespace, name) of a VirtualService gateway reference.
std::pair<QString, QString> gatewayRef(const QString &ref, const QString &ns)
{
    const qsizetype slash = ref.indexOf(u'/');
    if (slash >= 0)
        return {ref.left(slash), ref.mid(slash + 1)};
    if (ref.contains(u'.')) // legacy name.namespace[.svc.cluster.local]
        return {ref.section(u'.', 1, 1), ref.section(u'.', 0, 0)};
    return {ns, ref};
}

void checkDestination(Context &c, const Value &destination, const QString &path)
{
    const QString host = destination.value(QStringLiteral("host")).toString();
    if (host.isEmpty())
        return;
    const QString fqdn = MeshIndex::fqdn(host, c.ns);
    if (c.index.knowsServices() && !c.index.hostExists(fqdn))
        c.f.error("IST0101", joinPath(path, QStringLiteral("host")),
                  Tr::tr("Referenced host not found: \"%1\"").arg(host));
    const QString subset = destination.value(QStringLiteral("subset")).toString();
    if (subset.isEmpty())
        return;
    for (int dr : c.index.destinationRulesForHost(fqdn)) {
        const Value &subsets = c.index.entry(dr)
                                   .object.value(QStringLiteral("spec"))
                                   .value(QStringLiteral("subsets"));
        for (qsizetype i = 0; i < subsets.size(); ++i) {
            if (subsets.at(i).value(QStringLiteral("name")).toString() == subset)
                return;
        }
    }
    c.f.error(
        "IST0101", joinPath(path, QStringLiteral("subset")),
        Tr::tr("Referenced host+subset in destinationrule not found: \"%1+%2\"").arg(host, subset));
}

void forEachDestination(const Value &spec,
                        const std::function<void(const Value &, const QString &)> &fn)
{
    for (const char *section : {"http", "tcp", "tls"}) {
        const Value &routes = spec.value(QString::fromLatin1(section));
        for (qsizetype i = 0; i < routes.size(); ++i) {
            const QString routePath
                = itemPath(QStringLiteral("spec.") + QString::fromLatin1(section), i);
            const Value &dests = routes.at(i).value(QStringLiteral("route"));
            for (qsizetype d = 0; d < dests.size(); ++d)
                fn(dests.at(d).value(QStringLiteral("destination")),
                   itemPath(joinPath(routePath, QStringLiteral("route")), d)
                       + QStringLiteral(".destination"));
            if (routes.at(i).value(QStringLiteral("mirror")).isObject())
                fn(routes.at(i).value(QStringLiteral("mirror")),
                   joinPath(routePath, QStringLiteral("mirror")));
        }
    }
}

void analyzeVirtualService(Context &c)
{
    const Value &spec = c.object.value(QStringLiteral("spec"));
    const Value &gateways = spec.value(QStringLiteral("gateways"));
    const Value &hosts = spec.value(QStringLiteral("hosts"));
    bool mesh = gateways.isEmpty();
    QList<int> boundGateways;
    for (qsizetype i = 0; i < gateways.size(); ++i) {
        const QString ref = gateways.at(i).toString();
        if (ref == QLatin1String("mesh")) {
            mesh = true;
            continue;
        }
        const auto [gwNs, gwName] = gatewayRef(ref, c.ns);
        const int gw = c.index.gateway(gwNs, gwName);
        if (gw < 0)
            c.f.error("IST0101", itemPath(QStringLiteral("spec.gateways"), i),
                      Tr::tr("Referenced gateway not found: \"%1\"").arg(ref));
        else
            boundGateways.append(gw);
    }
    for (qsizetype h = 0; h < hosts.size(); ++h) {
        const QString host = hosts.at(h).toString();
        const QString fqdn = MeshIndex::fqdn(host, c.ns);
        const QString path = itemPath(QStringLiteral("spec.hosts"), h);
        QStringList meshConflicts, gatewayConflicts;
        for (int other : c.index.virtualServicesForHost(fqdn)) {
            if (c.isSelf(other))
                continue;
            const Value &otherGateways = c.index.entry(other)
                                             .object.value(QStringLiteral("spec"))
                                             .value(QStringLiteral("gateways"));
            bool otherMesh = otherGateways.isEmpty();
            bool sharedGateway = false;
            for (qsizetype g = 0; g < otherGateways.size(); ++g) {
                const QString ref = otherGateways.at(g).toString();
                otherMesh = otherMesh || ref == QLatin1String("mesh");
                const auto [gwNs, gwName] = gatewayRef(ref, c.index.entry(other).id.namespace_);
                const int gw = c.index.gateway(gwNs, gwName);
                sharedGateway = sharedGateway || (gw >= 0 && boundGateways.contains(gw));
            }
            if (mesh && otherMesh)
                meshConflicts.append(c.nameOf(other));
            else if (sharedGateway)
                gatewayConflicts.append(c.nameOf(other));
        }
        if (!meshConflicts.isEmpty())
            c.f.error("IST0109", path,
                      Tr::tr("The VirtualServices %1 associated with mesh define the same host or "
                             "subset %2 which can lead to undefined behavior")
                          .arg(meshConflicts.join(QStringLiteral(", ")), host));
        if (!gatewayConflicts.isEmpty())
            c.f.warning("MD3002", path,
                        Tr::tr("More than one VirtualService for host %1 on the same gateway: %2")
                            .arg(host, gatewayConflicts.join(QStringLiteral(", "))));
        for (int gw : std::as_const(boundGateways)) {
            bool served = false;
            const Value &servers = c.index.entry(gw)
                                       .object.value(QStringLiteral("spec"))
                                       .value(QStringLiteral("servers"));
            for (qsizetype s = 0; s < servers.size() && !served; ++s) {
                const Value &serverHosts = servers.at(s).value(QStringLiteral("hosts"));
                for (qsizetype k = 0; k < serverHosts.size() && !served; ++k) {
                    const QString serverHost = serverHosts.at(k).toString().section(u'/', -1);
                    served = hostCovers(serverHost, host) || hostCovers(serverHost, fqdn);
                }
            }
            if (!served)
                c.f.warning("IST0132", path,
                            Tr::tr("one or more host [%1] defined in VirtualService %2 not found "
                                   "in Gateway %3")
                                .arg(host, c.ns + u'/' + c.id.name, c.nameOf(gw)));
        }
    }
    forEachDestination(spec, [&c](const Value &destination, const QString &path) {
        checkDestination(c, destination, path);
    });
    const Value &http = spec.value(QStringLiteral("http"));
    for (qsizetype i = 0; i < http.size(); ++i) {
        const Value &matches = http.at(i).value(QStringLiteral("match"));
        if (matches.isEmpty() && i + 1 < http.size()) {
            for (qsizetype j = i + 1; j < http.size(); ++j)
                c.f.warning("IST0130", itemPath(QStringLiteral("spec.http"), j),
                            Tr::tr("VirtualService rule #%1 not used (rule #%2 has no match and "
                                   "catches every request)")
                                .arg(j)
                                .arg(i));
            break;
        }
        for (qsizetype m = 0; m < matches.size(); ++m) {
            for (qsizetype j = 0; j < i; ++j) {
                const Value &earlier = http.at(j).value(QStringLiteral("match"));
                for (qsizetype e = 0; e < earlier.size(); ++e) {
                    if (earlier.at(e) == matches.at(m))
                        c.f.add(Severity::Info, "IST0131",
                                itemPath(itemPath(QStringLiteral("spec.http"), i)
                                             + QStringLiteral(".match"),
                                         m),
                                Tr::tr("VirtualService rule #%1 match #%2 is not used (duplicate "
                                       "of rule #%3 match #%4)")
                                    .arg(i)
                                    .arg(m)
                                    .arg(j)
                                    .arg(e));
                }
            }
        }
        const Value &delegate = http.at(i).value(QStringLiteral("delegate"));
        if (delegate.isObject()) {
            const QString dns = delegate.value(QStringLiteral("namespace")).toString(c.ns);
            const QString name = delegate.value(QStringLiteral("name")).toString();
            bool found = false;
            for (int vs : c.index.kindInNamespace(QStringLiteral("VirtualService"),
                                                  dns.isEmpty() ? c.ns : dns))
                found = found || c.index.entry(vs).id.name == name;
            if (!found)
                c.f.error("IST0101",
                          itemPath(QStringLiteral("spec.http"), i) + QStringLiteral(".delegate"),
                          Tr::tr("Referenced delegate VirtualService not found: \"%1/%2\"")
                              .arg(dns.isEmpty() ? c.ns : dns, name));
        }
    }
}

void checkServerVerification(Context &c, const Value &tls, const QString &path, const char *code,
                             const QString &host)
{
    const QString mode = tls.value(QStringLiteral("mode")).toString();
    if ((mode == QLatin1String("SIMPLE") || mode == QLatin1String("MUTUAL"))
        && !has(tls, QStringLiteral("caCertificates"))
        && !has(tls, QStringLiteral("credentialName"))
        && !tls.value(QStringLiteral("insecureSkipVerify")).toBool())
        c.f.warning(code, path,
                    Tr::tr("DestinationRule %1 has TLS mode set to %2 but no caCertificates are "
                           "set to validate server identity for host: %3")
                        .arg(c.ns + u'/' + c.id.name, mode, host));
}

void analyzeDestinationRule(Context &c)
{
    const Value &spec = c.object.value(QStringLiteral("spec"));
    const QString host = spec.value(QStringLiteral("host")).toString();
    const QString fqdn = MeshIndex::fqdn(host, c.ns);
    if (!host.isEmpty() && !host.contains(u'*') && c.index.knowsServices()
        && !c.index.hostExists(fqdn))
        c.f.warning("IST0174", QStringLiteral("spec.host"),
                    Tr::tr("The host %1 defined in the DestinationRule does not match any services "
                           "in the mesh")
                        .arg(host));
    const Value &tp = spec.value(QStringLiteral("trafficPolicy"));
    checkServerVerification(c, tp.value(QStringLiteral("tls")),
                            QStringLiteral("spec.trafficPolicy.tls"), "IST0128", host);
    const Value &ports = tp.value(QStringLiteral("portLevelSettings"));
    for (qsizetype i = 0; i < ports.size(); ++i)
        checkServerVerification(c, ports.at(i).value(QStringLiteral("tls")),
                                itemPath(QStringLiteral("spec.trafficPolicy.portLevelSettings"), i)
                                    + QStringLiteral(".tls"),
                                "IST0129", host);
    const int service = c.index.service(fqdn);
    const Value &subsets = spec.value(QStringLiteral("subsets"));
    if (service >= 0 && c.index.knowsWorkloads()) {
        const Entry &svc = c.index.entry(service);
        const auto selector
            = stringMap(svc.object.value(QStringLiteral("spec")).value(QStringLiteral("selector")));
        const QString svcNs
            = svc.id.namespace_.isEmpty() ? QStringLiteral("default") : svc.id.namespace_;
        for (qsizetype i = 0; i < subsets.size(); ++i) {
            QMap<QString, QString> wanted = selector;
            wanted.insert(stringMap(subsets.at(i).value(QStringLiteral("labels"))));
            bool any = false;
            for (const auto &labels : c.index.workloadLabels(svcNs))
                any = any || selects(wanted, labels);
            if (any || selector.isEmpty())
                continue;
            const QString text
                = Tr::tr("This DestinationRule subset \"%1\" for host %2 does not select any pods")
                      .arg(subsets.at(i).value(QStringLiteral("name")).toString(), host);
            // With running Pods it is an error, as istioctl reports it on a live cluster; from
            // workload templates in files only, the version may simply not be deployed yet.
            if (c.index.knowsPods())
                c.f.error("IST0173", itemPath(QStringLiteral("spec.subsets"), i), text);
            else
                c.f.warning("IST0173", itemPath(QStringLiteral("spec.subsets"), i), text);
        }
    }
    QStringList duplicates;
    for (int other : c.index.destinationRulesForHost(fqdn)) {
        if (!c.isSelf(other)
            && !has(c.index.entry(other).object.value(QStringLiteral("spec")),
                    QStringLiteral("workloadSelector"))
            && !has(spec, QStringLiteral("workloadSelector")))
            duplicates.append(c.nameOf(other));
    }
    if (!duplicates.isEmpty())
        c.f.warning("MD3001", QStringLiteral("spec.host"),
                    Tr::tr("More than one DestinationRule for host %1: %2 (only one takes effect)")
                        .arg(host, duplicates.join(QStringLiteral(", "))));
    if (spec.value(QStringLiteral("trafficPolicy"))
            .value(QStringLiteral("tls"))
            .value(QStringLiteral("mode"))
            .toString()
        == QLatin1String("DISABLE")) {
        const QString hostNs
            = fqdn.endsWith(QLatin1String(".svc.cluster.local")) ? fqdn.section(u'.', 1, 1) : c.ns;
        for (const QString &ns : {hostNs, QStringLiteral("istio-system")}) {
            for (int pa : c.index.kindInNamespace(QStringLiteral("PeerAuthentication"), ns)) {
                const Value &paSpec = c.index.entry(pa).object.value(QStringLiteral("spec"));
                if (!has(paSpec, QStringLiteral("selector"))
                    && paSpec.value(QStringLiteral("mtls")).value(QStringLiteral("mode")).toString()
                        == QLatin1String("STRICT"))
                    c.f.error("MD3003", QStringLiteral("spec.trafficPolicy.tls.mode"),
                              Tr::tr("PeerAuthentication %1 requires STRICT mTLS but this "
                                     "DestinationRule disables TLS for %2")
                                  .arg(c.nameOf(pa), host));
            }
        }
    }
}

void analyzeGateway(Context &c)
{
    const Value &spec = c.object.value(QStringLiteral("spec"));
    const auto selector = stringMap(spec.value(QStringLiteral("selector")));
    if (!selector.isEmpty() && c.index.knowsWorkloads()) {
        bool any = false;
        for (int i = 0; i < c.index.size() && !any; ++i) {
            const Entry &e = c.index.entry(i);
            if (e.id.kind == QLatin1String("Pod") || e.id.kind == QLatin1String("Deployment"))
                any = selects(selector,
                              stringMap(e.id.kind == QLatin1String("Pod")
                                            ? e.object.value(QStringLiteral("metadata"))
                                                  .value(QStringLiteral("labels"))
                                            : e.object.value(QStringLiteral("spec"))
                                                  .value(QStringLiteral("template"))
                                                  .value(QStringLiteral("metadata"))
                                                  .value(QStringLiteral("labels"))));
        }
        if (!any)
            c.f.warning(
                "IST0127", QStringLiteral("spec.selector"),
                Tr::tr("No matching workloads for this resource with the following labels: %1")
                    .arg(labelsText(selector)));
    }
}

void analyzeWorkloadPolicy(Context &c, const QString &selectorPath)
{
    const Value &spec = c.object.value(QStringLiteral("spec"));
    const Value *selector = &spec;
    for (const QString &part : selectorPath.split(u'.'))
        selector = &selector->value(part);
    checkSelectorMatches(c, stringMap(*selector), QStringLiteral("spec.") + selectorPath);
    if (c.id.kind == QLatin1String("RequestAuthentication")
        && c.index.kindInNamespace(QStringLiteral("AuthorizationPolicy"), c.ns).isEmpty()
        && c.index
               .kindInNamespace(QStringLiteral("AuthorizationPolicy"),
                                QStringLiteral("istio-system"))
               .isEmpty())
        c.f.add(
            Severity::Info, "MD3004", QString(),
            Tr::tr(
                "RequestAuthentication only rejects invalid tokens; without an AuthorizationPolicy "
                "requiring a principal, requests without a token are allowed"));
    if (c.id.kind == QLatin1String("Sidecar")) {
        for (int other : c.index.kindInNamespace(QStringLiteral("Sidecar"), c.ns)) {
            if (c.isSelf(other))
                continue;
            const Value &otherSelector = c.index.entry(other)
                                             .object.value(QStringLiteral("spec"))
                                             .value(QStringLiteral("workloadSelector"))
                                             .value(QStringLiteral("labels"));
            if (selector->isEmpty() && otherSelector.isEmpty())
                c.f.error("IST0111", QString(),
                          Tr::tr("More than one sidecar resource in namespace %1 without a "
                                 "workload selector: %2")
                              .arg(c.ns, c.nameOf(other)));
            else if (!selector->isEmpty() && *selector == otherSelector)
                c.f.error("IST0110", QStringLiteral("spec.workloadSelector"),
                          Tr::tr("Sidecar %1 selects the same workloads").arg(c.nameOf(other)));
        }
    }
}

} // namespace

QList<Message> analyzeObject(const MeshIndex &index, const Value &object)
{
    Findings findings;
    const ObjectId id = ObjectId::of(object);
    Context c {index, object, id,
               id.namespace_.isEmpty() ? QStringLiteral("default") : id.namespace_, findings};
    if (!object.value(QStringLiteral("spec")).isObject()
        || !id.group().endsWith(QLatin1String("istio.io")))
        return findings.messages;
    if (id.kind == QLatin1String("VirtualService"))
        analyzeVirtualService(c);
    else if (id.kind == QLatin1String("DestinationRule"))
        analyzeDestinationRule(c);
    else if (id.kind == QLatin1String("Gateway"))
        analyzeGateway(c);
    else if (id.kind == QLatin1String("Sidecar"))
        analyzeWorkloadPolicy(c, QStringLiteral("workloadSelector.labels"));
    else if (id.kind == QLatin1String("AuthorizationPolicy")
             || id.kind == QLatin1String("RequestAuthentication")
             || id.kind == QLatin1String("PeerAuthentication"))
        analyzeWorkloadPolicy(c, QStringLiteral("selector.matchLabels"));
    return findings.messages;
}

QList<Message> analyzeMesh(const MeshIndex &index)
{
    QList<Message> all;
    for (qsizetype i = 0; i < index.size(); ++i) {
        const MeshIndex::Entry &e = index.entry(i);
        if (e.id.name.isEmpty())
            continue; // replaced by a later definition
        for (Message m : analyzeObject(index, e.object)) {
            m.object = e.id.displayName();
            m.source = e.source;
            m.line = e.line;
            all.append(std::move(m));
        }
    }
    return all;
}

} // namespace md::istio

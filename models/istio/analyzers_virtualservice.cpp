// VirtualService analyzers: references to gateways, hosts, ports and subsets (IST0101, IST0112,
// IST0132, IST0165), hosts shared on the mesh gateway (IST0109), unreachable rules and
// ineffective matches (IST0130, IST0131), subsets an ingress route ignores (IST0140).

#include "istio/analyzers_p.h"
#include "istio/webhookrules_p.h"

#include <functional>

namespace md::istio::analysis {

namespace {

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

bool boundToMesh(const Value &spec)
{
    const Value &gateways = spec.value(QStringLiteral("gateways"));
    if (gateways.isEmpty())
        return true;
    for (qsizetype i = 0; i < gateways.size(); ++i) {
        if (gateways.at(i).toString() == QLatin1String("mesh"))
            return true;
    }
    return false;
}

struct Destination
{
    const Value *destination;
    QString path;
    bool mirror = false;
};

QList<Destination> destinationsOf(const Value &spec)
{
    QList<Destination> result;
    for (const char *section : {"tcp", "tls", "http"}) {
        const Value &routes = spec.value(QString::fromLatin1(section));
        for (qsizetype i = 0; i < routes.size(); ++i) {
            const QString routePath
                = itemPath(QStringLiteral("spec.") + QString::fromLatin1(section), i);
            const Value &dests = routes.at(i).value(QStringLiteral("route"));
            for (qsizetype d = 0; d < dests.size(); ++d)
                result.append({&dests.at(d).value(QStringLiteral("destination")),
                               itemPath(joinPath(routePath, QStringLiteral("route")), d)
                                   + QStringLiteral(".destination")});
        }
    }
    const Value &http = spec.value(QStringLiteral("http"));
    for (qsizetype i = 0; i < http.size(); ++i) {
        const QString routePath = itemPath(QStringLiteral("spec.http"), i);
        if (http.at(i).value(QStringLiteral("mirror")).isObject())
            result.append({&http.at(i).value(QStringLiteral("mirror")),
                           joinPath(routePath, QStringLiteral("mirror")), true});
        const Value &mirrors = http.at(i).value(QStringLiteral("mirrors"));
        for (qsizetype m = 0; m < mirrors.size(); ++m)
            result.append({&mirrors.at(m).value(QStringLiteral("destination")),
                           itemPath(joinPath(routePath, QStringLiteral("mirrors")), m)
                               + QStringLiteral(".destination"),
                           true});
    }
    return result;
}

// The port numbers a destination host offers: its Service's, else its ServiceEntry's.
std::optional<QList<qint64>> portsOfHost(const Context &c, const QString &fqdn)
{
    QList<qint64> ports;
    const int service = c.index.service(fqdn);
    if (service >= 0) {
        const Value &list
            = c.objectAt(service).value(QStringLiteral("spec")).value(QStringLiteral("ports"));
        for (qsizetype i = 0; i < list.size(); ++i)
            ports.append(list.at(i).value(QStringLiteral("port")).toInteger());
        return ports;
    }
    const QList<int> entries = c.index.serviceEntriesForHost(fqdn);
    if (entries.isEmpty())
        return std::nullopt;
    const Value &list
        = c.objectAt(entries.first()).value(QStringLiteral("spec")).value(QStringLiteral("ports"));
    for (qsizetype i = 0; i < list.size(); ++i)
        ports.append(list.at(i).value(QStringLiteral("number")).toInteger());
    return ports;
}

void checkDestination(Context &c, const Destination &d)
{
    const Value &destination = *d.destination;
    const QString host = destination.value(QStringLiteral("host")).toString();
    if (host.isEmpty())
        return;
    const QString fqdn = MeshIndex::fqdn(host, c.ns);
    const QString what = d.mirror ? QStringLiteral("mirror host") : QStringLiteral("host");
    if (c.index.knowsServices() && !c.index.hostExists(fqdn)) {
        c.report(Severity::Error, "IST0101", joinPath(d.path, QStringLiteral("host")),
                 QStringLiteral("Referenced %1 not found: %2").arg(what, goQuote(host)));
    } else if (const auto ports = portsOfHost(c, fqdn)) {
        const Value &port = destination.value(QStringLiteral("port"));
        if (port.isNull() && ports->size() > 1) {
            QStringList numbers;
            for (qint64 p : *ports)
                numbers.append(QString::number(p));
            c.report(Severity::Error, "IST0112", joinPath(d.path, QStringLiteral("host")),
                     QStringLiteral("This VirtualService routes to a service %1 that exposes "
                                    "multiple ports %2. Specifying a port in the destination is "
                                    "required to disambiguate.")
                         .arg(goQuote(host), goList(numbers)));
        } else if (!port.isNull()) {
            const qint64 number = port.value(QStringLiteral("number")).toInteger();
            if (!ports->contains(number))
                c.report(Severity::Error, "IST0101", joinPath(d.path, QStringLiteral("port")),
                         QStringLiteral("Referenced host:port not found: %1")
                             .arg(goQuote(host + u':' + QString::number(number))));
        }
    }
    const QString subset = destination.value(QStringLiteral("subset")).toString();
    if (subset.isEmpty())
        return;
    for (int dr : c.index.destinationRulesForHost(fqdn)) {
        const Value &subsets
            = c.objectAt(dr).value(QStringLiteral("spec")).value(QStringLiteral("subsets"));
        for (qsizetype i = 0; i < subsets.size(); ++i) {
            if (subsets.at(i).value(QStringLiteral("name")).toString() == subset)
                return;
        }
    }
    c.report(Severity::Error, "IST0101", joinPath(d.path, QStringLiteral("subset")),
             QStringLiteral("Referenced %1 not found: %2")
                 .arg(d.mirror ? QStringLiteral("mirror+subset in destinationrule")
                               : QStringLiteral("host+subset in destinationrule"),
                      goQuote(host + u'+' + subset)));
}

void checkGateways(Context &c)
{
    const Value &spec = c.spec();
    const Value &gateways = spec.value(QStringLiteral("gateways"));
    const Value &hosts = spec.value(QStringLiteral("hosts"));
    QStringList hostList;
    for (qsizetype h = 0; h < hosts.size(); ++h)
        hostList.append(hosts.at(h).toString());
    for (qsizetype i = 0; i < gateways.size(); ++i) {
        const QString ref = gateways.at(i).toString();
        const QString path = itemPath(QStringLiteral("spec.gateways"), i);
        if (ref == QLatin1String("mesh"))
            continue;
        if (ref.section(u'/', -1).contains(QLatin1String("~istio-autogenerated-k8s-gateway~"))) {
            c.report(Severity::Warning, "IST0165", path,
                     QStringLiteral("Gateway reference in VirtualService %1 is to an "
                                    "implementation-generated internal Gateway: %2.")
                         .arg(c.fullName(), ref));
            continue;
        }
        const auto [gwNs, gwName] = gatewayRef(ref, c.ns);
        const int gw = c.index.gateway(gwNs, gwName);
        const int kubeGw = gw >= 0 ? -1 : c.index.find(QStringLiteral("Gateway"), gwNs, gwName);
        if (gw < 0 && kubeGw < 0) {
            c.report(Severity::Error, "IST0101", path,
                     QStringLiteral("Referenced gateway not found: %1").arg(goQuote(ref)));
            continue;
        }
        bool match = false;
        if (gw >= 0) {
            const Value &servers
                = c.objectAt(gw).value(QStringLiteral("spec")).value(QStringLiteral("servers"));
            for (qsizetype s = 0; s < servers.size() && !match; ++s) {
                const Value &serverHosts = servers.at(s).value(QStringLiteral("hosts"));
                for (qsizetype k = 0; k < serverHosts.size() && !match; ++k) {
                    QString h = serverHosts.at(k).toString();
                    if (h.contains(u'/')) {
                        QString hostNs = h.section(u'/', 0, 0);
                        h = h.section(u'/', 1);
                        if (hostNs == QLatin1String("."))
                            hostNs = gwNs;
                        if (hostNs != QLatin1String("*") && hostNs != c.ns)
                            continue;
                    }
                    for (const QString &vsHost : std::as_const(hostList))
                        match = match || hostsOverlap(h, vsHost);
                }
            }
        } else {
            const Value &listeners = c.objectAt(kubeGw)
                                         .value(QStringLiteral("spec"))
                                         .value(QStringLiteral("listeners"));
            for (qsizetype l = 0; l < listeners.size() && !match; ++l) {
                const QString h = listeners.at(l).value(QStringLiteral("hostname")).toString();
                match = h.isEmpty();
                for (const QString &vsHost : std::as_const(hostList))
                    match = match || hostsOverlap(h, vsHost);
            }
        }
        if (!match)
            c.report(Severity::Warning, "IST0132", path,
                     QStringLiteral("one or more host %1 defined in VirtualService %2 not found "
                                    "in Gateway %3.")
                         .arg(goList(hostList), c.fullName(), gwNs + u'/' + gwName));
    }
}

// istioctl also puts, beside the VirtualServices of a host seen in some namespaces only, the
// VirtualServices exported to every namespace whose hosts match it as wildcards match
// ("*.example.com" and "a.example.com"); the reported host is the namespace-scoped one.
// Exact names are found by the caller.
void addWildcardConflicts(const Context &c, const QString &fqdn, const QStringList &scopes,
                          QStringList &conflicts, QString &scopeShown, QString &shownHost)
{
    const bool mineToAll = scopes.contains(QStringLiteral("*"));
    QString myScope;
    for (const QString &s : scopes) {
        if (s != QLatin1String("*")) {
            myScope = s;
            break;
        }
    }
    const QList<int> candidates = fqdn.startsWith(u'*')
        ? c.index.ofKind(QStringLiteral("VirtualService"))
        : c.index.virtualServicesWithWildcardHosts();
    for (int other : candidates) {
        if (c.isSelf(other) || conflicts.contains(c.nameOf(other)))
            continue;
        const Value &otherSpec = c.objectAt(other).value(QStringLiteral("spec"));
        if (!boundToMesh(otherSpec))
            continue;
        const QString otherNs = namespaceOf(c.index.entry(other).id);
        const QStringList otherScopes
            = exportScopes(otherSpec.value(QStringLiteral("exportTo")), otherNs);
        const bool otherToAll = otherScopes.contains(QStringLiteral("*"));
        QString otherScope;
        for (const QString &s : otherScopes) {
            if (s != QLatin1String("*")) {
                otherScope = s;
                break;
            }
        }
        // One side seen in some namespaces, the other exported to all.
        const bool mineScoped = !myScope.isEmpty() && otherToAll;
        const bool otherScoped = !otherScope.isEmpty() && mineToAll;
        if (!mineScoped && !otherScoped)
            continue;
        const Value &hosts = otherSpec.value(QStringLiteral("hosts"));
        for (qsizetype h = 0; h < hosts.size(); ++h) {
            const QString otherFqdn = MeshIndex::fqdn(hosts.at(h).toString(), otherNs);
            if (otherFqdn == fqdn || !hostsOverlap(fqdn, otherFqdn))
                continue;
            conflicts.append(c.nameOf(other));
            if (scopeShown.isEmpty()) {
                scopeShown = mineScoped ? myScope : otherScope;
                shownHost = mineScoped ? fqdn : otherFqdn;
            }
            break;
        }
    }
}

void checkHostConflicts(Context &c)
{
    const Value &spec = c.spec();
    const Value &hosts = spec.value(QStringLiteral("hosts"));
    const bool mesh = boundToMesh(spec);
    const QStringList scopes = exportScopes(spec.value(QStringLiteral("exportTo")), c.ns);
    bool reported = false;
    for (qsizetype h = 0; h < hosts.size(); ++h) {
        const QString host = hosts.at(h).toString();
        const QString fqdn = MeshIndex::fqdn(host, c.ns);
        const QString path = itemPath(QStringLiteral("spec.hosts"), h);
        QStringList gatewayConflicts;
        QStringList meshConflicts {c.fullName()};
        QString scopeShown;
        QString shownHost = fqdn;
        for (int other : c.index.virtualServicesForHost(fqdn)) {
            if (c.isSelf(other))
                continue;
            const Value &otherSpec = c.objectAt(other).value(QStringLiteral("spec"));
            const QString otherNs = namespaceOf(c.index.entry(other).id);
            if (mesh && boundToMesh(otherSpec)) {
                const QStringList otherScopes
                    = exportScopes(otherSpec.value(QStringLiteral("exportTo")), otherNs);
                for (const QString &scope : scopes) {
                    const bool shared = otherScopes.contains(scope)
                        || (scope == QLatin1String("*"))
                            != otherScopes.contains(QStringLiteral("*"));
                    if (shared) {
                        meshConflicts.append(c.nameOf(other));
                        if (scopeShown.isEmpty() || scopeShown == QLatin1String("*"))
                            scopeShown = scope == QLatin1String("*") ? otherScopes.first() : scope;
                        break;
                    }
                }
            }
            // MeshDesk's own: two VirtualServices for one host on one gateway are merged in an
            // order that is not defined.
            const Value &gateways = spec.value(QStringLiteral("gateways"));
            const Value &otherGateways = otherSpec.value(QStringLiteral("gateways"));
            bool sharedGateway = false;
            for (qsizetype g = 0; g < gateways.size() && !sharedGateway; ++g) {
                if (gateways.at(g).toString() == QLatin1String("mesh"))
                    continue;
                const auto mine = gatewayRef(gateways.at(g).toString(), c.ns);
                for (qsizetype o = 0; o < otherGateways.size() && !sharedGateway; ++o)
                    sharedGateway = gatewayRef(otherGateways.at(o).toString(), otherNs) == mine;
            }
            if (sharedGateway)
                gatewayConflicts.append(c.nameOf(other));
        }
        if (mesh)
            addWildcardConflicts(c, fqdn, scopes, meshConflicts, scopeShown, shownHost);
        if (meshConflicts.size() > 1 && !reported) {
            reported = true; // istioctl reports each VirtualService once
            meshConflicts.sort();
            c.report(Severity::Error, "IST0109", path,
                     QStringLiteral("The VirtualServices %1 associated with mesh gateway define "
                                    "the same host %2 which can lead to undefined behavior. This "
                                    "can be fixed by merging the conflicting VirtualServices into "
                                    "a single resource.")
                         .arg(meshConflicts.join(u','), scopeShown + u'/' + shownHost));
        }
        if (!gatewayConflicts.isEmpty())
            c.f.warning("MD3002", path,
                        Tr::tr("More than one VirtualService for host %1 on the same gateway: %2")
                            .arg(host, gatewayConflicts.join(QStringLiteral(", "))));
    }
}

QString routeName(const Value &route, qsizetype n, bool http)
{
    const QString name = route.value(QStringLiteral("name")).toString();
    return http && !name.isEmpty() ? goQuote(name) : u'#' + QString::number(n);
}

struct PrefixMatch
{
    QString route, match, prefix, method, authority;
    Value port;
    QMap<QString, QString> headers, params, withoutHeaders;
};

QString exactOrPrefix(const Value &m)
{
    const QString exact = m.value(QStringLiteral("exact")).toString();
    if (!exact.isEmpty())
        return QStringLiteral("exact:") + exact;
    const QString prefix = m.value(QStringLiteral("prefix")).toString();
    return prefix.isEmpty() ? QString() : QStringLiteral("prefix:") + prefix;
}

QMap<QString, QString> exactOrPrefixMap(const Value &map)
{
    QMap<QString, QString> result;
    for (qsizetype i = 0; i < map.size() && map.isObject(); ++i)
        result.insert(map.keyAt(i), exactOrPrefix(map.valueAt(i)));
    return result;
}

bool mapCovered(const QMap<QString, QString> &a, const QMap<QString, QString> &b)
{
    if (a.size() != b.size())
        return false;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        if (!b.contains(it.key()))
            return false;
        if (*it != b.value(it.key()) && !it->startsWith(b.value(it.key())))
            return false;
    }
    return true;
}

bool covers(const PrefixMatch &a, const PrefixMatch &b)
{
    if (!b.prefix.startsWith(a.prefix) || !(a.port == b.port))
        return false;
    if (a.method != b.method && !a.method.startsWith(b.method))
        return false;
    if (a.authority != b.authority && !a.authority.startsWith(b.authority))
        return false;
    return mapCovered(a.headers, b.headers) && mapCovered(a.params, b.params)
        && mapCovered(a.withoutHeaders, b.withoutHeaders);
}

// As istiod's analyzeUnreachable*Rules, for one section of routes.
void checkUnreachable(Context &c, const QString &section)
{
    const bool http = section == QLatin1String("http");
    const Value &routes = c.spec().value(section);
    const QString base = QStringLiteral("spec.") + section;
    QList<std::pair<Value, qsizetype>> seen; // match without name, rule
    qsizetype catchAll = -1;
    QList<PrefixMatch> prefixes;
    for (qsizetype r = 0; r < routes.size(); ++r) {
        const Value &route = routes.at(r);
        if (!route.isObject())
            continue;
        const Value &matches = route.value(QStringLiteral("match"));
        const QString name = routeName(route, r, http);
        if (matches.isEmpty()) {
            if (catchAll >= 0)
                c.report(Severity::Warning, "IST0130", itemPath(base, r),
                         QStringLiteral("VirtualService rule %1 not used (%2).")
                             .arg(name, QStringLiteral("only the last rule can have no matches")));
            catchAll = r;
            continue;
        }
        qsizetype duplicates = 0;
        for (qsizetype m = 0; m < matches.size(); ++m) {
            if (catchAll >= 0) {
                c.report(Severity::Warning, "IST0130", itemPath(base, r),
                         QStringLiteral("VirtualService rule %1 not used (%2).")
                             .arg(name, QStringLiteral("route without matches defined before")));
                continue;
            }
            Value match = matches.at(m);
            const QString matchName
                = http && !match.value(QStringLiteral("name")).toString().isEmpty()
                ? goQuote(match.value(QStringLiteral("name")).toString())
                : u'#' + QString::number(m);
            if (http)
                match.remove(QStringLiteral("name"));
            const auto earlier = std::find_if(seen.cbegin(), seen.cend(),
                                              [&](const auto &s) { return s.first == match; });
            if (earlier != seen.cend()) {
                c.report(Severity::Info, "IST0131",
                         itemPath(itemPath(base, r) + QStringLiteral(".match"), m),
                         QStringLiteral("VirtualService rule %1 match %2 is not used "
                                        "(duplicate/overlapping match in rule %3).")
                             .arg(name, matchName,
                                  routeName(routes.at(earlier->second), earlier->second, http)));
                ++duplicates;
                continue;
            }
            seen.append({match, r});
            const QString prefix
                = match.value(QStringLiteral("uri")).value(QStringLiteral("prefix")).toString();
            if (http && !prefix.isEmpty()) {
                QString method = exactOrPrefix(match.value(QStringLiteral("method")));
                prefixes.append({name, matchName, prefix,
                                 method.isEmpty() ? QStringLiteral("exact:GET") : method,
                                 exactOrPrefix(match.value(QStringLiteral("authority"))),
                                 match.value(QStringLiteral("port")),
                                 exactOrPrefixMap(match.value(QStringLiteral("headers"))),
                                 exactOrPrefixMap(match.value(QStringLiteral("queryParams"))),
                                 exactOrPrefixMap(match.value(QStringLiteral("withoutHeaders")))});
            }
        }
        if (duplicates == matches.size())
            c.report(Severity::Warning, "IST0130", itemPath(base, r),
                     QStringLiteral("VirtualService rule %1 not used (%2).")
                         .arg(name, QStringLiteral("all matches used by prior rules")));
    }
    for (qsizetype a = 0; a < prefixes.size(); ++a) {
        for (qsizetype b = a + 1; b < prefixes.size(); ++b) {
            const PrefixMatch &pa = prefixes.at(a);
            const PrefixMatch &pb = prefixes.at(b);
            if (pb.prefix == pa.prefix || !covers(pa, pb))
                continue;
            c.report(Severity::Info, "IST0131", base,
                     QStringLiteral("VirtualService rule %1 match %2 is not used "
                                    "(duplicate/overlapping match in rule %3).")
                         .arg(pb.route, pb.match + QStringLiteral(" of prefix ") + pb.prefix,
                              pa.match + QStringLiteral(" of prefix ") + pa.prefix
                                  + QStringLiteral(" on ") + pa.route));
        }
    }
}

// IST0140: routes of a gateway-bound VirtualService without a subset to a host that some
// VirtualService routes by subset.
void checkIngressSubsets(Context &c)
{
    const Value &spec = c.spec();
    if (spec.value(QStringLiteral("gateways")).isEmpty())
        return;
    const Value &http = spec.value(QStringLiteral("http"));
    for (qsizetype r = 0; r < http.size(); ++r) {
        const Value &dests = http.at(r).value(QStringLiteral("route"));
        for (qsizetype d = 0; d < dests.size(); ++d) {
            const Value &dest = dests.at(d).value(QStringLiteral("destination"));
            if (!dest.value(QStringLiteral("subset")).toString().isEmpty())
                continue;
            const QString host = dest.value(QStringLiteral("host")).toString();
            for (int other : c.index.virtualServicesForHost(MeshIndex::fqdn(host, c.ns))) {
                const Value &otherSpec = c.objectAt(other).value(QStringLiteral("spec"));
                bool bySubset = false;
                const Value &otherHttp = otherSpec.value(QStringLiteral("http"));
                for (qsizetype o = 0; o < otherHttp.size() && !bySubset; ++o) {
                    const Value &od = otherHttp.at(o).value(QStringLiteral("route"));
                    for (qsizetype k = 0; k < od.size() && !bySubset; ++k) {
                        const Value &x = od.at(k).value(QStringLiteral("destination"));
                        bySubset = !x.value(QStringLiteral("subset")).toString().isEmpty()
                            && x.value(QStringLiteral("host")).toString() == host;
                    }
                }
                if (bySubset)
                    c.report(Severity::Warning, "IST0140",
                             itemPath(itemPath(QStringLiteral("spec.http"), r)
                                          + QStringLiteral(".route"),
                                      d),
                             QStringLiteral("Subset in virtual service %1 has no effect on "
                                            "ingress gateway %2 requests")
                                 .arg(c.nameOf(other), c.fullName()));
            }
        }
    }
}

} // namespace

void analyzeVirtualService(Context &c)
{
    checkGateways(c);
    checkHostConflicts(c);
    for (const Destination &d : destinationsOf(c.spec()))
        checkDestination(c, d);
    for (const char *section : {"http", "tcp", "tls"})
        checkUnreachable(c, QString::fromLatin1(section));
    checkIngressSubsets(c);
    const Value &http = c.spec().value(QStringLiteral("http"));
    for (qsizetype i = 0; i < http.size(); ++i) {
        const Value &delegate = http.at(i).value(QStringLiteral("delegate"));
        if (!delegate.isObject())
            continue;
        QString dns = delegate.value(QStringLiteral("namespace")).toString();
        if (dns.isEmpty())
            dns = c.ns;
        const QString name = delegate.value(QStringLiteral("name")).toString();
        if (c.index.find(QStringLiteral("VirtualService"), dns, name) < 0)
            c.report(Severity::Error, "IST0101",
                     itemPath(QStringLiteral("spec.http"), i) + QStringLiteral(".delegate"),
                     QStringLiteral("Referenced delegate VirtualService not found: %1")
                         .arg(goQuote(dns + u'/' + name)));
    }
}

} // namespace md::istio::analysis

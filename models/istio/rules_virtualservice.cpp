// Webhook checks of VirtualService (pkg/config/validation/virtualservice.go, validation.go).

#include "istio/webhookrules_p.h"

#include <QRegularExpression>
#include <QSet>

namespace md::istio::webhook {

namespace {

const QString S_route = QStringLiteral("route");
const QString S_match = QStringLiteral("match");

} // namespace

void checkMirrorDestination(const Value &destination, const QString &path, Findings &f)
{
    if (!destination.isObject())
        return;
    const QString host = destination.value(QStringLiteral("host")).toString();
    const QString hostPath = joinPath(path, QStringLiteral("host"));
    if (host == QLatin1String("*")) {
        f.error(codes::Destination, hostPath, Tr::tr("invalid destination host *"));
    } else if (!host.isEmpty() && !isIpAddress(host)) {
        if (const QString problem = hostnameProblem(host); !problem.isEmpty())
            f.error(codes::Destination, hostPath, problem);
    }
    const QString subset = destination.value(QStringLiteral("subset")).toString();
    if (!subset.isEmpty() && !isDnsLabel(subset)) {
        f.error(codes::Destination, joinPath(path, QStringLiteral("subset")),
                Tr::tr("subset \"%1\" is not a valid DNS label").arg(subset));
    }
    checkPort(destination.value(QStringLiteral("port")).value(QStringLiteral("number")),
              joinPath(path, QStringLiteral("port.number")), f, codes::Destination);
}

void checkRouteDestinations(const Value &routes, const QString &path, Findings &f)
{
    double total = 0;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        const QString item = itemPath(path, i);
        const Value &r = routes.at(i);
        checkMirrorDestination(r.value(QStringLiteral("destination")),
                               joinPath(item, QStringLiteral("destination")), f);
        const Value &weight = r.value(QStringLiteral("weight"));
        if (weight.isNumber() && weight.toDouble() < 0)
            f.error(codes::Weight, joinPath(item, QStringLiteral("weight")),
                    Tr::tr("weight %1 < 0").arg(weight.toDouble()));
        total += weight.toDouble();
    }
    if (routes.size() > 1 && total == 0)
        f.error(codes::Weight, path, Tr::tr("total destination weight = 0"));
}

namespace {

bool isPseudoHeader(const QString &name)
{
    return name.startsWith(u':');
}

void checkStringMatch(const Value &m, const QString &path, Findings &f)
{
    if (!m.isObject())
        return;
    for (const char *field : {"prefix", "regex"}) {
        const Value *v = m.find(QString::fromLatin1(field));
        if (v && v->isString() && v->toString().isEmpty())
            f.error(codes::Match, joinPath(path, QString::fromLatin1(field)),
                    Tr::tr("%1 match must not be empty").arg(QString::fromLatin1(field)));
    }
    const QString regex = m.value(QStringLiteral("regex")).toString();
    if (regex.size() > 1024) {
        f.error(codes::Match, joinPath(path, QStringLiteral("regex")),
                Tr::tr("regex is longer than 1024 characters"));
    } else if (!regex.isEmpty() && !QRegularExpression(regex).isValid()) {
        f.error(codes::Match, joinPath(path, QStringLiteral("regex")),
                Tr::tr("\"%1\" is not a valid regular expression: %2")
                    .arg(regex, QRegularExpression(regex).errorString()));
    }
}

void checkHeaderMatches(const Value &headers, const QString &path, bool gatewayBound, Findings &f)
{
    for (qsizetype i = 0; i < headers.size() && headers.isObject(); ++i) {
        const QString name = headers.keyAt(i);
        const QString entry = path + u'[' + name + u']';
        if (name.startsWith(QLatin1String("@request.auth.claims."))) {
            if (!gatewayBound)
                f.error(codes::Match, entry,
                        Tr::tr("JWT claim based routing is only supported for gateway-bound "
                               "virtual services"));
        } else if (name.isEmpty() || (!isPseudoHeader(name) && !isHeaderName(name))) {
            f.error(codes::Match, entry, Tr::tr("header name \"%1\" is not valid").arg(name));
        }
        checkStringMatch(headers.valueAt(i), entry, f);
    }
}

} // namespace

void checkHttpMatch(const Value &match, const QString &path, bool gatewayBound, Findings &f)
{
    for (const char *field : {"uri", "scheme", "method", "authority"})
        checkStringMatch(match.value(QString::fromLatin1(field)),
                         joinPath(path, QString::fromLatin1(field)), f);
    checkHeaderMatches(match.value(QStringLiteral("headers")),
                       joinPath(path, QStringLiteral("headers")), gatewayBound, f);
    checkHeaderMatches(match.value(QStringLiteral("withoutHeaders")),
                       joinPath(path, QStringLiteral("withoutHeaders")), gatewayBound, f);
    const Value &query = match.value(QStringLiteral("queryParams"));
    for (qsizetype i = 0; i < query.size() && query.isObject(); ++i)
        checkStringMatch(query.valueAt(i),
                         joinPath(path, QStringLiteral("queryParams[")) + query.keyAt(i) + u']', f);
    checkPort(match.value(QStringLiteral("port")), joinPath(path, QStringLiteral("port")), f,
              codes::Match);
    checkLabels(match.value(QStringLiteral("sourceLabels")),
                joinPath(path, QStringLiteral("sourceLabels")), f, codes::Match);
    const QString ns = match.value(QStringLiteral("sourceNamespace")).toString();
    if (!ns.isEmpty() && !isDnsLabel(ns))
        f.error(codes::Match, joinPath(path, QStringLiteral("sourceNamespace")),
                Tr::tr("invalid namespace \"%1\"").arg(ns));
}

namespace {

void checkL4Match(const Value &match, const QString &path, Findings &f)
{
    const Value &subnets = match.value(QStringLiteral("destinationSubnets"));
    for (qsizetype i = 0; i < subnets.size(); ++i) {
        if (!isCidrOrIp(subnets.at(i).toString()))
            f.error(codes::Match, itemPath(joinPath(path, QStringLiteral("destinationSubnets")), i),
                    Tr::tr("\"%1\" is not a valid IP address or CIDR range")
                        .arg(subnets.at(i).toString()));
    }
    checkPort(match.value(QStringLiteral("port")), joinPath(path, QStringLiteral("port")), f,
              codes::Match);
    checkLabels(match.value(QStringLiteral("sourceLabels")),
                joinPath(path, QStringLiteral("sourceLabels")), f, codes::Match);
}

void checkHosts(const Value &spec, bool appliesToMesh, Findings &f)
{
    const Value &hosts = spec.value(QStringLiteral("hosts"));
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        const QString host = hosts.at(i).toString();
        const QString path = itemPath(QStringLiteral("spec.hosts"), i);
        if (host == QLatin1String("*") && appliesToMesh) {
            f.error(codes::Host, path,
                    Tr::tr("wildcard host * is not allowed for virtual services bound to the mesh "
                           "gateway"));
        } else if (!isIpAddress(host)) {
            if (const QString problem = hostnameProblem(host); !problem.isEmpty())
                f.error(codes::Host, path, problem);
        }
        for (qsizetype j = 0; j < i; ++j) {
            const QString other = hosts.at(j).toString();
            if (hostCovers(other, host) || hostCovers(host, other)) {
                f.error(codes::Host, path,
                        Tr::tr("duplicate hosts in virtual service: %1 & %2").arg(other, host));
                break;
            }
        }
    }
}

void checkGateways(const Value &gateways, Findings &f)
{
    for (qsizetype i = 0; i < gateways.size(); ++i) {
        const QString gw = gateways.at(i).toString();
        const QString path = itemPath(QStringLiteral("spec.gateways"), i);
        if (gw == QLatin1String("mesh"))
            continue;
        const qsizetype slash = gw.indexOf(u'/');
        if (slash >= 0) {
            const QString ns = gw.left(slash);
            const QString name = gw.mid(slash + 1);
            if (!isDnsLabel(ns))
                f.error(codes::Host, path,
                        Tr::tr("invalid namespace \"%1\" in gateway reference").arg(ns));
            if (const QString problem = hostnameProblem(name, false); !problem.isEmpty())
                f.error(codes::Host, path, Tr::tr("invalid gateway name: %1").arg(problem));
        } else if (const QString problem = hostnameProblem(gw, false); !problem.isEmpty()) {
            f.error(codes::Host, path, Tr::tr("invalid gateway name: %1").arg(problem));
        } else if (gw.contains(u'.')) {
            f.warning(
                codes::Host, path,
                Tr::tr(
                    "using legacy gatewayName.namespace \"%1\"; use namespace/gatewayName instead")
                    .arg(gw));
        }
    }
}

void checkL4Routes(const Value &routes, const QString &path, const Value &hosts, bool tls,
                   Findings &f)
{
    for (qsizetype i = 0; i < routes.size(); ++i) {
        const QString item = itemPath(path, i);
        const Value &r = routes.at(i);
        const Value &matches = r.value(S_match);
        if (tls && matches.isEmpty())
            f.error(codes::RouteStructure, item,
                    Tr::tr("TLS route must have at least one match condition"));
        for (qsizetype m = 0; m < matches.size(); ++m) {
            const QString matchPath = itemPath(joinPath(item, S_match), m);
            checkL4Match(matches.at(m), matchPath, f);
            if (!tls)
                continue;
            const Value &sni = matches.at(m).value(QStringLiteral("sniHosts"));
            if (sni.isEmpty())
                f.error(codes::Match, matchPath,
                        Tr::tr("TLS match must have at least one SNI host"));
            for (qsizetype s = 0; s < sni.size(); ++s) {
                const QString name = sni.at(s).toString();
                const QString sniPath
                    = itemPath(joinPath(matchPath, QStringLiteral("sniHosts")), s);
                if (isIpAddress(name)) {
                    f.warning(
                        codes::Match, sniPath,
                        Tr::tr("SNI host %1 is an IP address, which clients do not send as SNI")
                            .arg(name));
                    continue;
                }
                bool covered = false;
                for (qsizetype h = 0; h < hosts.size() && !covered; ++h)
                    covered = hostCovers(hosts.at(h).toString(), name);
                if (!covered)
                    f.error(codes::Match, sniPath,
                            Tr::tr("the SNI host %1 is not a match for any virtual service host")
                                .arg(name));
            }
        }
        const Value &dest = r.value(S_route);
        if (dest.isEmpty())
            f.error(codes::RouteStructure, item,
                    tls ? Tr::tr("TLS route is required") : Tr::tr("TCP route is required"));
        checkRouteDestinations(dest, joinPath(item, S_route), f);
    }
}

} // namespace

void checkVirtualService(const Value &spec, Findings &f)
{
    const Value &http = spec.value(QStringLiteral("http"));
    const Value &tcp = spec.value(QStringLiteral("tcp"));
    const Value &tls = spec.value(QStringLiteral("tls"));
    const Value &hosts = spec.value(QStringLiteral("hosts"));
    const Value &gateways = spec.value(QStringLiteral("gateways"));
    if (http.isEmpty() && tcp.isEmpty() && tls.isEmpty())
        f.error(codes::RouteStructure, QStringLiteral("spec"),
                Tr::tr("http, tcp or tls must be provided in virtual service"));
    bool appliesToMesh = gateways.isEmpty();
    for (qsizetype i = 0; i < gateways.size(); ++i)
        appliesToMesh = appliesToMesh || gateways.at(i).toString() == QLatin1String("mesh");
    const bool delegate = hosts.isEmpty();
    if (delegate) {
        if (!gateways.isEmpty())
            f.error(codes::RouteStructure, QStringLiteral("spec.gateways"),
                    Tr::tr("delegate virtual service must not have gateways"));
        if (!tls.isEmpty() || !tcp.isEmpty())
            f.error(codes::RouteStructure, QStringLiteral("spec"),
                    Tr::tr("delegate virtual service must have only http routes"));
    }
    checkHosts(spec, appliesToMesh, f);
    checkGateways(gateways, f);
    for (qsizetype i = 0; i < http.size(); ++i) {
        const QString path = itemPath(QStringLiteral("spec.http"), i);
        if (delegate && has(http.at(i), QStringLiteral("delegate")))
            f.error(codes::RouteStructure, joinPath(path, QStringLiteral("delegate")),
                    Tr::tr("delegate virtual service cannot have delegate"));
        checkHttpRoute(http.at(i), path, !appliesToMesh, f);
    }
    checkL4Routes(tls, QStringLiteral("spec.tls"), hosts, true, f);
    checkL4Routes(tcp, QStringLiteral("spec.tcp"), hosts, false, f);
}

} // namespace md::istio::webhook

// Webhook checks of DestinationRule, Gateway, ServiceEntry and Sidecar.

#include "istio/webhookrules_p.h"

#include <QSet>

namespace md::istio::webhook {

namespace {

bool anyOf(const Value &object, std::initializer_list<const char *> fields)
{
    for (const char *field : fields) {
        if (has(object, QString::fromLatin1(field)))
            return true;
    }
    return false;
}

void checkClientTls(const Value &tls, const QString &path, Findings &f)
{
    if (!tls.isObject())
        return;
    const QString mode = tls.value(QStringLiteral("mode")).toString();
    const bool credential = has(tls, QStringLiteral("credentialName"));
    if (mode == QLatin1String("MUTUAL") && !credential
        && (!has(tls, QStringLiteral("clientCertificate"))
            || !has(tls, QStringLiteral("privateKey"))))
        f.error(codes::ClientTls, path,
                Tr::tr("client certificate and private key are required for MUTUAL mode without "
                       "credentialName"));
    if (credential && anyOf(tls, {"clientCertificate", "privateKey", "caCertificates", "caCrl"}))
        f.error(codes::ClientTls, path,
                Tr::tr("credentialName cannot be combined with inline certificates, keys or CRL"));
    if (tls.value(QStringLiteral("insecureSkipVerify")).toBool()
        && anyOf(tls, {"caCertificates", "subjectAltNames"}))
        f.error(
            codes::ClientTls, path,
            Tr::tr("insecureSkipVerify cannot be combined with caCertificates or subjectAltNames"));
}

void checkLoadBalancer(const Value &lb, const QString &path, Findings &f)
{
    const Value &hash = lb.value(QStringLiteral("consistentHash"));
    if (hash.isObject()) {
        const Value &cookie = hash.value(QStringLiteral("httpCookie"));
        if (cookie.isObject() && cookie.value(QStringLiteral("name")).toString().isEmpty())
            f.error(codes::TrafficPolicy,
                    joinPath(path, QStringLiteral("consistentHash.httpCookie.name")),
                    Tr::tr("cookie name is required for consistent hashing"));
        if (has(hash, QStringLiteral("minimumRingSize"))) {
            if (anyOf(hash, {"ringHash", "maglev"}))
                f.error(codes::TrafficPolicy,
                        joinPath(path, QStringLiteral("consistentHash.minimumRingSize")),
                        Tr::tr("minimumRingSize cannot be combined with ringHash or maglev"));
            else
                f.warning(codes::TrafficPolicy,
                          joinPath(path, QStringLiteral("consistentHash.minimumRingSize")),
                          Tr::tr("minimumRingSize is deprecated; use ringHash.minimumRingSize"));
        }
        const Value &table
            = hash.value(QStringLiteral("maglev")).value(QStringLiteral("tableSize"));
        if (table.isNumber()) {
            const qint64 n = table.toInteger();
            bool prime = n >= 2 && n < 5000011;
            for (qint64 d = 2; prime && d * d <= n; ++d)
                prime = n % d != 0;
            if (!prime)
                f.error(codes::TrafficPolicy,
                        joinPath(path, QStringLiteral("consistentHash.maglev.tableSize")),
                        Tr::tr("maglev tableSize must be a prime number below 5000011"));
        }
    }
    if (has(lb, QStringLiteral("localityLbSetting"))
        && has(lb, QStringLiteral("zoneAwareLbSetting")))
        f.error(codes::TrafficPolicy, path,
                Tr::tr("localityLbSetting and zoneAwareLbSetting are mutually exclusive"));
    const Value &warmup = lb.value(QStringLiteral("warmup"));
    checkPercent(warmup.value(QStringLiteral("minimumPercent")),
                 joinPath(path, QStringLiteral("warmup.minimumPercent")), f, codes::TrafficPolicy);
    const Value &aggression = warmup.value(QStringLiteral("aggression"));
    if (aggression.isNumber() && aggression.toDouble() <= 0)
        f.error(codes::TrafficPolicy, joinPath(path, QStringLiteral("warmup.aggression")),
                Tr::tr("aggression must be greater than 0"));
}

void checkTrafficPolicy(const Value &tp, const QString &path, Findings &f, bool portLevel = false)
{
    if (!tp.isObject())
        return;
    if (tp.size() == (portLevel && has(tp, QStringLiteral("port")) ? 1 : 0))
        f.error(codes::TrafficPolicy, path, Tr::tr("traffic policy must have at least one field"));
    if (portLevel && !has(tp, QStringLiteral("port")))
        f.error(codes::TrafficPolicy, path, Tr::tr("portLevelSettings need a port"));
    if (has(tp, QStringLiteral("tunnel")) && has(tp, QStringLiteral("proxyProtocol")))
        f.error(codes::TrafficPolicy, path,
                Tr::tr("tunnel and proxyProtocol are mutually exclusive"));
    const Value &tunnel = tp.value(QStringLiteral("tunnel"));
    if (tunnel.isObject()) {
        const QString protocol = tunnel.value(QStringLiteral("protocol")).toString();
        if (!protocol.isEmpty() && protocol != QLatin1String("CONNECT")
            && protocol != QLatin1String("POST"))
            f.error(codes::TrafficPolicy, joinPath(path, QStringLiteral("tunnel.protocol")),
                    Tr::tr("tunnel protocol must be CONNECT or POST"));
        const QString target = tunnel.value(QStringLiteral("targetHost")).toString();
        if (!target.isEmpty() && !isIpAddress(target) && !hostnameProblem(target, false).isEmpty())
            f.error(codes::TrafficPolicy, joinPath(path, QStringLiteral("tunnel.targetHost")),
                    hostnameProblem(target, false));
        checkPort(tunnel.value(QStringLiteral("targetPort")),
                  joinPath(path, QStringLiteral("tunnel.targetPort")), f, codes::TrafficPolicy);
    }
    const Value &outlier = tp.value(QStringLiteral("outlierDetection"));
    const QString outlierPath = joinPath(path, QStringLiteral("outlierDetection"));
    for (const char *field : {"maxEjectionPercent", "minHealthPercent"})
        checkPercent(outlier.value(QString::fromLatin1(field)),
                     joinPath(outlierPath, QString::fromLatin1(field)), f, codes::TrafficPolicy);
    if (has(outlier, QStringLiteral("consecutiveErrors")))
        f.warning(codes::TrafficPolicy, joinPath(outlierPath, QStringLiteral("consecutiveErrors")),
                  Tr::tr("consecutiveErrors is deprecated; use consecutive5xxErrors"));
    if (has(outlier, QStringLiteral("consecutiveLocalOriginFailures"))
        && !outlier.value(QStringLiteral("splitExternalLocalOriginErrors")).toBool())
        f.error(codes::TrafficPolicy,
                joinPath(outlierPath, QStringLiteral("consecutiveLocalOriginFailures")),
                Tr::tr("consecutiveLocalOriginFailures requires splitExternalLocalOriginErrors"));
    const Value &pool = tp.value(QStringLiteral("connectionPool"));
    const QString poolPath = joinPath(path, QStringLiteral("connectionPool"));
    if (pool.isObject() && !has(pool, QStringLiteral("http")) && !has(pool, QStringLiteral("tcp")))
        f.error(codes::TrafficPolicy, poolPath,
                Tr::tr("connection pool must have at least one of http or tcp"));
    const Value &http = pool.value(QStringLiteral("http"));
    if (http.value(QStringLiteral("useClientProtocol")).toBool()
        && http.value(QStringLiteral("h2UpgradePolicy")).toString() == QLatin1String("UPGRADE"))
        f.error(codes::TrafficPolicy, joinPath(poolPath, QStringLiteral("http")),
                Tr::tr("useClientProtocol cannot be combined with h2UpgradePolicy UPGRADE"));
    checkLoadBalancer(tp.value(QStringLiteral("loadBalancer")),
                      joinPath(path, QStringLiteral("loadBalancer")), f);
    checkClientTls(tp.value(QStringLiteral("tls")), joinPath(path, QStringLiteral("tls")), f);
    const Value &ports = tp.value(QStringLiteral("portLevelSettings"));
    for (qsizetype i = 0; i < ports.size(); ++i) {
        const QString item = itemPath(joinPath(path, QStringLiteral("portLevelSettings")), i);
        checkPort(ports.at(i).value(QStringLiteral("port")).value(QStringLiteral("number")),
                  joinPath(item, QStringLiteral("port.number")), f, codes::TrafficPolicy);
        checkTrafficPolicy(ports.at(i), item, f, true);
    }
}

bool isGatewayProtocol(const QString &protocol)
{
    static const QSet<QString> protocols
        = {QStringLiteral("HTTP"), QStringLiteral("HTTPS"),    QStringLiteral("HTTP2"),
           QStringLiteral("GRPC"), QStringLiteral("GRPC-WEB"), QStringLiteral("TCP"),
           QStringLiteral("TLS"),  QStringLiteral("MONGO"),    QStringLiteral("REDIS"),
           QStringLiteral("MYSQL")};
    return protocols.contains(protocol.toUpper());
}

void checkServerTls(const Value &tls, const QString &path, const QString &protocol, Findings &f)
{
    const bool secure = protocol == QLatin1String("HTTPS") || protocol == QLatin1String("TLS");
    if (!tls.isObject()) {
        if (secure)
            f.error(codes::GatewayServer, path,
                    Tr::tr("server must have TLS settings for HTTPS/TLS protocols"));
        return;
    }
    const QString mode = tls.value(QStringLiteral("mode")).toString();
    const bool redirectOnly = tls.value(QStringLiteral("httpsRedirect")).toBool() && mode.isEmpty();
    if (!secure && !redirectOnly && protocol != QLatin1String("HTTP"))
        f.error(codes::GatewayServer, path,
                Tr::tr("server cannot have TLS settings for non HTTPS/TLS ports"));
    if (protocol == QLatin1String("HTTP") && !redirectOnly && mode != QLatin1String("PASSTHROUGH")
        && !mode.isEmpty())
        f.error(codes::GatewayServer, path,
                Tr::tr("server cannot have TLS settings for plain text HTTP ports"));
    const bool credentials = anyOf(tls, {"credentialName", "credentialNames", "tlsCertificates"});
    const bool inline_
        = has(tls, QStringLiteral("serverCertificate")) || has(tls, QStringLiteral("privateKey"));
    if (mode == QLatin1String("ISTIO_MUTUAL")) {
        if (credentials || inline_ || has(tls, QStringLiteral("caCertificates")))
            f.error(codes::GatewayServer, path,
                    Tr::tr("ISTIO_MUTUAL TLS cannot have certificates, CA or credential names"));
    } else if (mode == QLatin1String("SIMPLE") || mode == QLatin1String("MUTUAL")
               || mode == QLatin1String("OPTIONAL_MUTUAL")) {
        if (!credentials
            && !(has(tls, QStringLiteral("serverCertificate"))
                 && has(tls, QStringLiteral("privateKey"))))
            f.error(codes::GatewayServer, path,
                    Tr::tr("%1 TLS requires a credentialName or serverCertificate and privateKey")
                        .arg(mode));
        if (credentials && inline_)
            f.error(codes::GatewayServer, path,
                    Tr::tr("only one certificate source may be set: credentialName(s), "
                           "tlsCertificates or inline certificates"));
        if (mode != QLatin1String("SIMPLE") && !credentials
            && !has(tls, QStringLiteral("caCertificates")))
            f.error(codes::GatewayServer, path,
                    Tr::tr("%1 TLS without credentialName requires caCertificates").arg(mode));
        if (has(tls, QStringLiteral("caCrl"))
            && (mode == QLatin1String("SIMPLE") || has(tls, QStringLiteral("credentialName"))))
            f.error(codes::GatewayServer, joinPath(path, QStringLiteral("caCrl")),
                    Tr::tr("caCrl is not allowed with SIMPLE mode or credentialName"));
    } else if (mode == QLatin1String("PASSTHROUGH") && (credentials || inline_)) {
        f.warning(codes::GatewayServer, path, Tr::tr("PASSTHROUGH mode ignores the certificates"));
    }
    if (tls.value(QStringLiteral("tlsCertificates")).size() > 2)
        f.warning(codes::GatewayServer, joinPath(path, QStringLiteral("tlsCertificates")),
                  Tr::tr("more than 2 TLS certificates"));
}

void checkGatewayHosts(const Value &hosts, const QString &path, Findings &f)
{
    if (hosts.isEmpty())
        f.error(codes::GatewayServer, path, Tr::tr("server config must contain at least one host"));
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        const QString entry = hosts.at(i).toString();
        const QString item = itemPath(path, i);
        const qsizetype slash = entry.indexOf(u'/');
        const QString ns = slash < 0 ? QString() : entry.left(slash);
        const QString host = slash < 0 ? entry : entry.mid(slash + 1);
        if (slash >= 0 && ns != QLatin1String("*") && ns != QLatin1String(".") && !isDnsLabel(ns))
            f.error(codes::GatewayServer, item,
                    Tr::tr("invalid namespace \"%1\" in host %2").arg(ns, entry));
        if (host == QLatin1String("*") || isIpAddress(host))
            continue;
        if (host.startsWith(u'*') && !host.startsWith(QLatin1String("*.")))
            f.error(codes::GatewayServer, item,
                    Tr::tr("partial wildcard \"%1\" is not allowed").arg(host));
        else if (!host.contains(u'.'))
            f.error(codes::GatewayServer, item,
                    Tr::tr("host \"%1\" must be a fully qualified name, * or an IP").arg(host));
        else if (const QString problem = hostnameProblem(host); !problem.isEmpty())
            f.error(codes::GatewayServer, item, problem);
    }
}

} // namespace

void checkDestinationRule(const Value &spec, const QString &ownNamespace, Findings &f)
{
    const QString host = spec.value(QStringLiteral("host")).toString();
    if (!host.isEmpty()) {
        if (const QString problem = hostnameProblem(host); !problem.isEmpty())
            f.error(codes::Host, QStringLiteral("spec.host"), problem);
    }
    checkTrafficPolicy(spec.value(QStringLiteral("trafficPolicy")),
                       QStringLiteral("spec.trafficPolicy"), f);
    const Value &subsets = spec.value(QStringLiteral("subsets"));
    QSet<QString> names;
    for (qsizetype i = 0; i < subsets.size(); ++i) {
        const QString item = itemPath(QStringLiteral("spec.subsets"), i);
        const QString name = subsets.at(i).value(QStringLiteral("name")).toString();
        if (!name.isEmpty() && !isDnsLabel(name))
            f.error(codes::SubsetRule, joinPath(item, QStringLiteral("name")),
                    Tr::tr("subset name \"%1\" is not a valid DNS label").arg(name));
        if (!name.isEmpty() && names.contains(name))
            f.error(codes::Duplicate, joinPath(item, QStringLiteral("name")),
                    Tr::tr("duplicate subset name \"%1\"").arg(name));
        names.insert(name);
        checkLabels(subsets.at(i).value(QStringLiteral("labels")),
                    joinPath(item, QStringLiteral("labels")), f, codes::SubsetRule);
        checkTrafficPolicy(subsets.at(i).value(QStringLiteral("trafficPolicy")),
                           joinPath(item, QStringLiteral("trafficPolicy")), f);
    }
    const Value &exportTo = spec.value(QStringLiteral("exportTo"));
    checkExportTo(exportTo, QStringLiteral("spec.exportTo"), ownNamespace, false, f);
    if (has(spec, QStringLiteral("workloadSelector"))) {
        for (qsizetype i = 0; i < exportTo.size(); ++i) {
            const QString ns = exportTo.at(i).toString();
            if (ns != QLatin1String(".") && (ownNamespace.isEmpty() || ns != ownNamespace))
                f.error(codes::ExportTo, itemPath(QStringLiteral("spec.exportTo"), i),
                        Tr::tr("a DestinationRule with workloadSelector can only be exported to "
                               "its own namespace"));
        }
    }
    checkSelectorAndTargetRefs(spec, QStringLiteral("workloadSelector"),
                               QStringLiteral("matchLabels"), f);
}

void checkGateway(const Value &object, Findings &f)
{
    const QString name
        = object.value(QStringLiteral("metadata")).value(QStringLiteral("name")).toString();
    if (name.contains(u'.'))
        f.error(codes::GatewayServer, QStringLiteral("metadata.name"),
                Tr::tr("gateway name \"%1\" must not contain dots").arg(name));
    const Value &spec = object.value(QStringLiteral("spec"));
    const Value &servers = spec.value(QStringLiteral("servers"));
    if (servers.isEmpty())
        f.error(codes::GatewayServer, QStringLiteral("spec.servers"),
                Tr::tr("gateway must have at least one server"));
    QSet<QString> portNames;
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const Value &server = servers.at(i);
        const QString item = itemPath(QStringLiteral("spec.servers"), i);
        checkGatewayHosts(server.value(QStringLiteral("hosts")),
                          joinPath(item, QStringLiteral("hosts")), f);
        const Value &port = server.value(QStringLiteral("port"));
        const QString portPath = joinPath(item, QStringLiteral("port"));
        const QString bind = server.value(QStringLiteral("bind")).toString();
        const bool uds = bind.startsWith(QLatin1String("unix://"));
        if (!(uds && port.value(QStringLiteral("number")).toInteger(-1) == 0))
            checkPort(port.value(QStringLiteral("number")),
                      joinPath(portPath, QStringLiteral("number")), f, codes::GatewayServer);
        const QString protocol = port.value(QStringLiteral("protocol")).toString();
        if (!protocol.isEmpty() && !isGatewayProtocol(protocol))
            f.error(codes::GatewayServer, joinPath(portPath, QStringLiteral("protocol")),
                    Tr::tr("unrecognized protocol \"%1\"").arg(protocol));
        if (has(port, QStringLiteral("targetPort")))
            f.error(codes::GatewayServer, joinPath(portPath, QStringLiteral("targetPort")),
                    Tr::tr("targetPort is not supported in Gateway"));
        const QString portName = port.value(QStringLiteral("name")).toString();
        if (!portName.isEmpty() && portNames.contains(portName))
            f.error(
                codes::Duplicate, joinPath(portPath, QStringLiteral("name")),
                Tr::tr("port names in servers must be unique: duplicate name %1").arg(portName));
        portNames.insert(portName);
        if (!bind.isEmpty() && !isIpAddress(bind)
            && !(uds && bind.size() > 7 && (bind[7] == u'/' || bind[7] == u'@')))
            f.error(codes::GatewayServer, joinPath(item, QStringLiteral("bind")),
                    Tr::tr("bind must be an IP address or an absolute unix:// path"));
        checkServerTls(server.value(QStringLiteral("tls")), joinPath(item, QStringLiteral("tls")),
                       protocol.toUpper(), f);
        if (server.value(QStringLiteral("tls")).value(QStringLiteral("httpsRedirect")).toBool()
            && protocol.toUpper() != QLatin1String("HTTP"))
            f.warning(codes::GatewayServer, joinPath(item, QStringLiteral("tls.httpsRedirect")),
                      Tr::tr("httpsRedirect only applies to plain text HTTP servers"));
    }
    checkLabels(spec.value(QStringLiteral("selector")), QStringLiteral("spec.selector"), f,
                codes::Selector);
}

void checkServiceEntry(const Value &spec, const QString &ownNamespace, Findings &f)
{
    const Value &hosts = spec.value(QStringLiteral("hosts"));
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        const QString host = hosts.at(i).toString();
        if (host != QLatin1String("*")) {
            if (const QString problem = hostnameProblem(host); !problem.isEmpty())
                f.error(codes::Host, itemPath(QStringLiteral("spec.hosts"), i), problem);
        }
    }
    const Value &addresses = spec.value(QStringLiteral("addresses"));
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        if (!isCidrOrIp(addresses.at(i).toString()))
            f.error(codes::Address, itemPath(QStringLiteral("spec.addresses"), i),
                    Tr::tr("\"%1\" is not a valid IP address or CIDR range")
                        .arg(addresses.at(i).toString()));
    }
    const QString resolution = spec.value(QStringLiteral("resolution")).toString();
    const Value &endpoints = spec.value(QStringLiteral("endpoints"));
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        const QString address = endpoints.at(i).value(QStringLiteral("address")).toString();
        const QString path
            = itemPath(QStringLiteral("spec.endpoints"), i) + QStringLiteral(".address");
        if (address.isEmpty() || address.startsWith(QLatin1String("unix://")))
            continue;
        if (resolution == QLatin1String("STATIC") && !isIpAddress(address))
            f.error(codes::Address, path,
                    Tr::tr("endpoint address \"%1\" must be an IP address for STATIC resolution")
                        .arg(address));
        else if (!isIpAddress(address) && !hostnameProblem(address, false).isEmpty())
            f.error(codes::Address, path, hostnameProblem(address, false));
        checkLabels(endpoints.at(i).value(QStringLiteral("labels")),
                    itemPath(QStringLiteral("spec.endpoints"), i) + QStringLiteral(".labels"), f,
                    codes::Address);
    }
    checkExportTo(spec.value(QStringLiteral("exportTo")), QStringLiteral("spec.exportTo"),
                  ownNamespace, true, f);
    checkSelectorAndTargetRefs(spec, QStringLiteral("workloadSelector"), QStringLiteral("labels"),
                               f);
}

void checkSidecar(const Value &spec, Findings &f)
{
    const Value &egress = spec.value(QStringLiteral("egress"));
    for (qsizetype i = 0; i < egress.size(); ++i) {
        const Value &hosts = egress.at(i).value(QStringLiteral("hosts"));
        const QString item = itemPath(QStringLiteral("spec.egress"), i);
        if (hosts.isEmpty())
            f.error(codes::Host, joinPath(item, QStringLiteral("hosts")),
                    Tr::tr("egress listener must have at least one host"));
        for (qsizetype h = 0; h < hosts.size(); ++h) {
            const QString entry = hosts.at(h).toString();
            const qsizetype slash = entry.indexOf(u'/');
            const QString ns = entry.left(slash);
            const QString host = entry.mid(slash + 1);
            const QString path = itemPath(joinPath(item, QStringLiteral("hosts")), h);
            if (slash < 0)
                f.error(
                    codes::Host, path,
                    Tr::tr("egress host \"%1\" must have the form namespace/dnsName").arg(entry));
            else if (ns != QLatin1String("*") && ns != QLatin1String(".")
                     && ns != QLatin1String("~") && !isDnsLabel(ns))
                f.error(codes::Host, path,
                        Tr::tr("invalid namespace \"%1\" in egress host").arg(ns));
            else if (host != QLatin1String("*") && !hostnameProblem(host).isEmpty())
                f.error(codes::Host, path, hostnameProblem(host));
        }
        checkPort(egress.at(i).value(QStringLiteral("port")).value(QStringLiteral("number")),
                  joinPath(item, QStringLiteral("port.number")), f, codes::PortRange);
    }
    const Value &ingress = spec.value(QStringLiteral("ingress"));
    for (qsizetype i = 0; i < ingress.size(); ++i) {
        const QString item = itemPath(QStringLiteral("spec.ingress"), i);
        checkPort(ingress.at(i).value(QStringLiteral("port")).value(QStringLiteral("number")),
                  joinPath(item, QStringLiteral("port.number")), f, codes::PortRange);
    }
    checkSelectorAndTargetRefs(spec, QStringLiteral("workloadSelector"), QStringLiteral("labels"),
                               f);
}

} // namespace md::istio::webhook

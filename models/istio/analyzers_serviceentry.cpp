// ServiceEntry analyzers: TCP ports without addresses (IST0134) and one host and port declared
// with different protocols by several ServiceEntries (IST0177).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

namespace {

bool addressesAutoAllocated(const MeshIndex &index)
{
    const Value &metadata = index.meshConfig()
                                .value(QStringLiteral("defaultConfig"))
                                .value(QStringLiteral("proxyMetadata"));
    if (metadata.value(QStringLiteral("ISTIO_META_DNS_CAPTURE")).toString()
        != QLatin1String("true"))
        return false;
    return metadata.value(QStringLiteral("ISTIO_META_DNS_AUTO_ALLOCATE")).toString()
        == QLatin1String("true")
        || metadata.value(QStringLiteral("PILOT_ENABLE_IP_AUTOALLOCATE")).toString()
        == QLatin1String("true");
}

bool scopesShare(const QStringList &a, const QStringList &b)
{
    if (a.contains(QStringLiteral("*")) || b.contains(QStringLiteral("*")))
        return true;
    for (const QString &s : a) {
        if (b.contains(s))
            return true;
    }
    return false;
}

} // namespace

void analyzeServiceEntry(Context &c)
{
    const Value &spec = c.spec();
    const Value &ports = spec.value(QStringLiteral("ports"));
    if (!spec.contains(QStringLiteral("addresses"))
        && c.object.value(QStringLiteral("status")).value(QStringLiteral("addresses")).isEmpty()
        && !addressesAutoAllocated(c.index)) {
        for (qsizetype i = 0; i < ports.size(); ++i) {
            const QString protocol = ports.at(i).value(QStringLiteral("protocol")).toString();
            if (protocol.isEmpty()
                || protocol.compare(QLatin1String("TCP"), Qt::CaseInsensitive) == 0)
                c.report(Severity::Warning, "IST0134", itemPath(QStringLiteral("spec.ports"), i),
                         QStringLiteral("ServiceEntry addresses are required for this protocol."));
        }
    }
    const QStringList scopes = exportScopes(spec.value(QStringLiteral("exportTo")), c.ns);
    const Value &hosts = spec.value(QStringLiteral("hosts"));
    for (qsizetype h = 0; h < hosts.size(); ++h) {
        const QString host = hosts.at(h).toString();
        for (qsizetype p = 0; p < ports.size(); ++p) {
            const qint64 number = ports.at(p).value(QStringLiteral("number")).toInteger();
            QStringList names {c.fullName()};
            QStringList protocols {
                ports.at(p).value(QStringLiteral("protocol")).toString().toUpper()};
            for (int other : c.index.serviceEntriesForHost(MeshIndex::fqdn(host, c.ns))) {
                if (c.isSelf(other))
                    continue;
                const Value &otherSpec = c.objectAt(other).value(QStringLiteral("spec"));
                const QString otherNs = namespaceOf(c.index.entry(other).id);
                bool sameHost = false;
                const Value &otherHosts = otherSpec.value(QStringLiteral("hosts"));
                for (qsizetype k = 0; k < otherHosts.size(); ++k)
                    sameHost = sameHost || otherHosts.at(k).toString() == host;
                if (!sameHost
                    || !scopesShare(
                        scopes, exportScopes(otherSpec.value(QStringLiteral("exportTo")), otherNs)))
                    continue;
                const Value &otherPorts = otherSpec.value(QStringLiteral("ports"));
                for (qsizetype k = 0; k < otherPorts.size(); ++k) {
                    if (otherPorts.at(k).value(QStringLiteral("number")).toInteger() != number)
                        continue;
                    names.append(c.nameOf(other));
                    protocols.append(
                        otherPorts.at(k).value(QStringLiteral("protocol")).toString().toUpper());
                }
            }
            protocols.removeDuplicates();
            if (protocols.size() < 2)
                continue;
            names.removeDuplicates();
            names.sort();
            protocols.sort();
            c.report(Severity::Warning, "IST0177", QStringLiteral("metadata.name"),
                     QStringLiteral("Multiple ServiceEntries (%1) define the same host %2 and port "
                                    "%3 with conflicting protocols (%4).")
                         .arg(names.join(QStringLiteral(", ")), goQuote(host))
                         .arg(number)
                         .arg(protocols.join(QStringLiteral(", "))));
            return; // once per ServiceEntry, as istioctl
        }
    }
}

} // namespace md::istio::analysis

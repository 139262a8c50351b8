// DestinationRule analyzers: the host (IST0174), subsets selecting no pod (IST0173), TLS
// without server verification (IST0128, IST0129), and MeshDesk's own duplicate rules
// (MD3001) and TLS disabled against STRICT mTLS (MD3003).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

namespace {

bool verifiesServer(const Value &tls, bool workloadSelector)
{
    return has(tls, QStringLiteral("caCertificates"))
        || (!tls.value(QStringLiteral("credentialName")).toString().isEmpty() && workloadSelector);
}

QString tlsMode(const Value &tls)
{
    const QString mode = tls.value(QStringLiteral("mode")).toString();
    return mode == QLatin1String("SIMPLE") || mode == QLatin1String("MUTUAL") ? mode : QString();
}

void checkServerVerification(Context &c)
{
    const Value &spec = c.spec();
    const QString host = spec.value(QStringLiteral("host")).toString();
    const bool selector = has(spec, QStringLiteral("workloadSelector"));
    const Value &tp = spec.value(QStringLiteral("trafficPolicy"));
    const Value &tls = tp.value(QStringLiteral("tls"));
    if (const QString mode = tlsMode(tls); !mode.isEmpty() && !verifiesServer(tls, selector))
        c.report(Severity::Warning, "IST0128", QStringLiteral("spec.trafficPolicy.tls"),
                 QStringLiteral("DestinationRule %1 in namespace %2 has TLS mode set to %3 but no "
                                "caCertificates are set to validate server identity for host: %4")
                     .arg(c.fullName(), c.ns, mode, host));
    const Value &ports = tp.value(QStringLiteral("portLevelSettings"));
    for (qsizetype i = 0; i < ports.size(); ++i) {
        const Value &portTls = ports.at(i).value(QStringLiteral("tls"));
        const QString mode = tlsMode(portTls);
        if (mode.isEmpty() || verifiesServer(portTls, selector))
            continue;
        const qint64 number
            = ports.at(i).value(QStringLiteral("port")).value(QStringLiteral("number")).toInteger();
        c.report(Severity::Warning, "IST0129",
                 itemPath(QStringLiteral("spec.trafficPolicy.portLevelSettings"), i)
                     + QStringLiteral(".tls"),
                 QStringLiteral("DestinationRule %1 in namespace %2 has TLS mode set to %3 but no "
                                "caCertificates are set to validate server identity for host: %4 "
                                "at port %5")
                     .arg(c.fullName(), c.ns, mode, host,
                          QStringLiteral("number:") + QString::number(number)));
    }
}

void checkSubsets(Context &c, const QString &fqdn)
{
    const Value &subsets = c.spec().value(QStringLiteral("subsets"));
    if (subsets.isEmpty() || !c.index.knowsWorkloads())
        return;
    // As istioctl: the subset's labels against every pod of the mesh (a Service's selector
    // is not merged in).
    for (qsizetype i = 0; i < subsets.size(); ++i) {
        const auto wanted = stringMap(subsets.at(i).value(QStringLiteral("labels")));
        const bool any = c.index.anyWorkloadSelected(wanted);
        if (any)
            continue;
        const QString text = QStringLiteral("The Subset %1 defined in the DestinationRule does not "
                                            "select any pods. Which may lead to 503 UH "
                                            "(NoHealthyUpstream).")
                                 .arg(subsets.at(i).value(QStringLiteral("name")).toString());
        // With running Pods it is an error, as istioctl reports it on a live cluster; from
        // workload templates in files only, the version may simply not be deployed yet.
        c.report(c.index.knowsPods() ? Severity::Error : Severity::Warning, "IST0173",
                 itemPath(QStringLiteral("spec.subsets"), i), text);
    }
    Q_UNUSED(fqdn);
}

void checkDuplicatesAndMtls(Context &c, const QString &host, const QString &fqdn)
{
    const Value &spec = c.spec();
    QStringList duplicates;
    for (int other : c.index.destinationRulesForHost(fqdn)) {
        if (!c.isSelf(other)
            && !has(c.objectAt(other).value(QStringLiteral("spec")),
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
        != QLatin1String("DISABLE"))
        return;
    const QString hostNs
        = fqdn.endsWith(QLatin1String(".svc.cluster.local")) ? fqdn.section(u'.', 1, 1) : c.ns;
    for (const QString &ns : {hostNs, c.index.rootNamespace()}) {
        for (int pa : c.index.kindInNamespace(QStringLiteral("PeerAuthentication"), ns)) {
            const Value &paSpec = c.objectAt(pa).value(QStringLiteral("spec"));
            if (!has(paSpec, QStringLiteral("selector"))
                && paSpec.value(QStringLiteral("mtls")).value(QStringLiteral("mode")).toString()
                    == QLatin1String("STRICT"))
                c.f.error("MD3003", QStringLiteral("spec.trafficPolicy.tls.mode"),
                          Tr::tr("PeerAuthentication %1 requires STRICT mTLS but this "
                                 "DestinationRule disables TLS for %2")
                              .arg(c.nameOf(pa), host));
        }
        if (hostNs == c.index.rootNamespace())
            break;
    }
}

} // namespace

void analyzeDestinationRule(Context &c)
{
    const QString host = c.spec().value(QStringLiteral("host")).toString();
    const QString fqdn = MeshIndex::fqdn(host, c.ns);
    checkServerVerification(c);
    bool known = true;
    // As istioctl looks hosts up: exact names, then ServiceEntry wildcards whose suffix
    // covers the host. A wildcard host ("*.example.com") is known only through a
    // ServiceEntry host that covers it; Kubernetes Services never do.
    if (!host.isEmpty() && c.index.knowsServices() && !c.index.hostExists(fqdn)) {
        known = false;
        c.report(Severity::Warning, "IST0174", QStringLiteral("spec.host"),
                 QStringLiteral("The host %1 defined in the DestinationRule does not match any "
                                "services in the mesh.")
                     .arg(host));
    }
    if (known && !host.contains(u'*')) // subsets of a family of hosts: no pods to compare
        checkSubsets(c, fqdn);
    checkDuplicatesAndMtls(c, host, fqdn);
}

} // namespace md::istio::analysis

// Annotation analyzers on Namespaces, Services, Pods and Deployments: unknown (IST0108),
// misplaced (IST0107), invalid values (IST0125), deprecated (IST0135) and alpha-phase
// (IST0136) Istio annotations, as istioctl's annotations and maturity analyzers.

#include "istio/analyzers_p.h"

#include <QRegularExpression>

namespace md::istio::analysis {

namespace {

bool isIstioAnnotation(const QString &name)
{
    if (name == QLatin1String("kubernetes.io/ingress.class"))
        return true;
    return name.section(u'/', 0, 0).endsWith(QLatin1String("istio.io"));
}

bool alwaysIgnored(const QString &name)
{
    return name == QLatin1String("sidecar.istio.io/status")
        || name == QLatin1String("gateway.istio.io/controller-version")
        || name == QLatin1String("istio.io/rev");
}

QString parseUintProblem(const QString &value, int bits)
{
    bool ok = false;
    const qulonglong n = value.toULongLong(&ok, 10);
    const bool syntax = !value.isEmpty()
        && std::all_of(value.cbegin(), value.cend(), [](QChar ch) { return ch.isDigit(); });
    if (!syntax)
        return QStringLiteral("strconv.ParseUint: parsing %1: invalid syntax").arg(goQuote(value));
    if (!ok || n > (bits == 16 ? 0xFFFFull : 0xFFFFFFFFull))
        return QStringLiteral("strconv.ParseUint: parsing %1: value out of range")
            .arg(goQuote(value));
    return QString();
}

QString portProblem(const QString &port)
{
    const QString problem = parseUintProblem(port.trimmed(), 16);
    return problem.isEmpty() ? QString()
                             : QStringLiteral("failed parsing port '%1': %2").arg(port, problem);
}

QString portListProblem(const QString &name, const QString &ports)
{
    const QString trimmed = ports.trimmed();
    if (trimmed.isEmpty())
        return QString();
    for (const QString &port : trimmed.split(u',')) {
        const QString problem = portProblem(port);
        if (!problem.isEmpty())
            return QStringLiteral("%1 invalid: failed parsing port '%2': %3")
                .arg(name, port, problem);
    }
    return QString();
}

QString cidrListProblem(const QString &name, const QString &cidrs)
{
    if (cidrs.isEmpty())
        return QString();
    for (const QString &cidr : cidrs.split(u',')) {
        if (!cidr.contains(u'/') || !isCidrOrIp(cidr))
            return QStringLiteral("%1 invalid: failed parsing cidr '%2': netip.ParsePrefix(%3): "
                                  "invalid prefix")
                .arg(name, cidr, goQuote(cidr));
    }
    return QString();
}

// Why the value is invalid for the annotation, as istio's injector validates it; empty if valid
// or not validated.
QString valueProblem(const QString &name, const QString &value)
{
    const QString sidecar = QStringLiteral("sidecar.istio.io/");
    const QString traffic = QStringLiteral("traffic.sidecar.istio.io/");
    if (name == sidecar + QLatin1String("interceptionMode")) {
        if (value != QLatin1String("REDIRECT") && value != QLatin1String("TPROXY")
            && value != QLatin1String("NONE"))
            return QStringLiteral("interceptionMode invalid, use REDIRECT,TPROXY,NONE: ") + value;
    } else if (name == QLatin1String("status.sidecar.istio.io/port")) {
        const QString problem = portProblem(value);
        if (!problem.isEmpty())
            return QStringLiteral("excludeInboundPorts invalid: ") + problem;
    } else if (name == QLatin1String("readiness.status.sidecar.istio.io/initialDelaySeconds")
               || name == QLatin1String("readiness.status.sidecar.istio.io/periodSeconds")
               || name == QLatin1String("readiness.status.sidecar.istio.io/failureThreshold")) {
        return parseUintProblem(value, 32);
    } else if (name == traffic + QLatin1String("includeOutboundIPRanges")) {
        if (value != QLatin1String("*"))
            return cidrListProblem(QStringLiteral("includeIPRanges"), value);
    } else if (name == traffic + QLatin1String("excludeOutboundIPRanges")) {
        return cidrListProblem(QStringLiteral("excludeIPRanges"), value);
    } else if (name == traffic + QLatin1String("includeInboundPorts")) {
        if (value != QLatin1String("*"))
            return portListProblem(QStringLiteral("includeInboundPorts"), value);
    } else if (name == traffic + QLatin1String("excludeInboundPorts")) {
        return portListProblem(QStringLiteral("excludeInboundPorts"), value);
    } else if (name == traffic + QLatin1String("excludeOutboundPorts")) {
        return portListProblem(QStringLiteral("excludeOutboundPorts"), value);
    } else if (name == traffic + QLatin1String("excludeInterfaces")
               || name == traffic + QLatin1String("kubevirtInterfaces")
               || name == QLatin1String("istio.io/reroute-virtual-interfaces")) {
        for (const QString &iface : value.split(u',', Qt::SkipEmptyParts)) {
            static const QRegularExpression bad(QStringLiteral("[\\s/:]"));
            if (iface.trimmed().size() > 15 || bad.match(iface.trimmed()).hasMatch())
                return QStringLiteral("invalid interface name %1").arg(goQuote(iface));
        }
    } else if (name == QLatin1String("prometheus.istio.io/merge-metrics")) {
        static const QStringList bools
            = QStringLiteral("1 t T TRUE true True 0 f F FALSE false False").split(u' ');
        if (!bools.contains(value))
            return QStringLiteral("strconv.ParseBool: parsing %1: invalid syntax")
                .arg(goQuote(value));
    } else if (name == QLatin1String("proxy.istio.io/config")) {
        const auto parsed = parseValue(value.toUtf8());
        if (!parsed || !(parsed->isObject() || parsed->isNull()))
            return QStringLiteral("failed to convert to apply proxy config: not a ProxyConfig "
                                  "mapping");
    } else if (name == sidecar + QLatin1String("proxyCPU")
               || name == sidecar + QLatin1String("proxyMemory")
               || name == sidecar + QLatin1String("proxyCPULimit")
               || name == sidecar + QLatin1String("proxyMemoryLimit")) {
        static const QRegularExpression quantity(
            QStringLiteral("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"
                           "([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$"));
        if (!quantity.match(value).hasMatch())
            return QStringLiteral("quantities must match the regular expression "
                                  "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    return QString();
}

} // namespace

void analyzeAnnotations(Context &c)
{
    const Value &annotations = c.metadata().value(QStringLiteral("annotations"));
    if (!annotations.isObject())
        return;
    const auto labels = stringMap(c.metadata().value(QStringLiteral("labels")));
    bool cni = false; // a Pod without istio-init: CNI redirects its traffic
    if (c.id.kind == QLatin1String("Pod")) {
        cni = true;
        const Value &init = c.spec().value(QStringLiteral("initContainers"));
        for (qsizetype i = 0; i < init.size(); ++i)
            cni = cni
                && init.at(i).value(QStringLiteral("name")).toString()
                    != QLatin1String("istio-init");
    }
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const QString name = annotations.keyAt(i);
        if (!isIstioAnnotation(name) || alwaysIgnored(name))
            continue;
        const QString path = QStringLiteral("metadata.annotations[") + name + u']';
        const AnnotationInfo *info = findAnnotation(name);
        if (!info) {
            c.report(Severity::Warning, "IST0108", path,
                     QStringLiteral("Unknown annotation: %1").arg(name));
            continue;
        }
        if (info->maturity == Maturity::Alpha) {
            const bool conditional = name == QLatin1String("sidecar.istio.io/interceptionMode")
                || name == QLatin1String("traffic.sidecar.istio.io/includeInboundPorts")
                || name == QLatin1String("traffic.sidecar.istio.io/excludeInboundPorts")
                || name == QLatin1String("traffic.sidecar.istio.io/includeOutboundIPRanges");
            if (!(cni && conditional))
                c.report(Severity::Info, "IST0136", path,
                         QStringLiteral("Annotation %1 is part of an alpha-phase feature and may "
                                        "be incompletely supported.")
                             .arg(goQuote(name)));
        }
        const bool inject = name == QLatin1String("sidecar.istio.io/inject");
        if (info->deprecated && !(inject && labels.contains(name)))
            c.report(Severity::Info, "IST0135", path,
                     QStringLiteral("Annotation %1 has been deprecated%2 and may not work in "
                                    "future Istio versions.")
                         .arg(goQuote(name),
                              inject ? QStringLiteral(
                                  " in favor of the \"sidecar.istio.io/inject\" label")
                                     : QString()));
        const QStringList resources
            = QString::fromLatin1(info->resources).split(QStringLiteral(", "));
        if (resources.contains(QStringLiteral("Any")))
            continue;
        if (!resources.contains(c.id.kind)) {
            c.report(Severity::Warning, "IST0107", path,
                     QStringLiteral("Misplaced annotation: %1 can only be applied to %2")
                         .arg(name, resources.join(QStringLiteral(", "))));
            continue;
        }
        const Value &value = annotations.valueAt(i);
        const QString problem
            = valueProblem(name, value.isString() ? value.toString() : value.plainText());
        if (!problem.isEmpty())
            c.report(Severity::Warning, "IST0125", path,
                     QStringLiteral("Invalid annotation %1: %2").arg(name, problem));
    }
}

} // namespace md::istio::analysis

// Service and port analyzers: port names Istio cannot read a protocol from (IST0118), port
// names of ExternalName services (IST0150), and a Deployment behind several Services with
// conflicting protocols (IST0116) or target ports (IST0137).

#include "istio/analyzers_p.h"

#include <QSet>

namespace md::istio::analysis {

namespace {

bool isControlPlane(const Value &metadata)
{
    const auto labels = stringMap(metadata.value(QStringLiteral("labels")));
    return labels.contains(QStringLiteral("istio"))
        || labels.value(QStringLiteral("release")) == QLatin1String("istio");
}

// Istio's kube.ConvertProtocol: whether the protocol of a Service port is known.
bool protocolSupported(qint64 port, const QString &portName, const QString &protocol,
                       const Value &appProtocol)
{
    if (protocol == QLatin1String("UDP"))
        return true;
    QString name = portName;
    if (appProtocol.isString()) {
        name = appProtocol.toString();
        if (name == QLatin1String("kubernetes.io/h2c") || name == QLatin1String("kubernetes.io/ws")
            || name == QLatin1String("kubernetes.io/wss"))
            return true;
    }
    if (name.startsWith(QLatin1String("grpc-web"), Qt::CaseInsensitive))
        return true;
    const QString prefix = name.section(u'-', 0, 0).toLower();
    static const QSet<QString> known = {
        QStringLiteral("tcp"),   QStringLiteral("udp"),        QStringLiteral("grpc"),
        QStringLiteral("http"),  QStringLiteral("http_proxy"), QStringLiteral("http2"),
        QStringLiteral("https"), QStringLiteral("tls"),        QStringLiteral("mongo"),
        QStringLiteral("redis"), QStringLiteral("mysql"),
    };
    if (known.contains(prefix))
        return true;
    return port == 25 || port == 53 || port == 3306 || port == 27017;
}

QString targetPortText(const Value &targetPort)
{
    if (targetPort.isString())
        return targetPort.toString();
    return QString::number(targetPort.toInteger());
}

} // namespace

void analyzeServicePorts(Context &c)
{
    if (isControlPlane(c.metadata()))
        return;
    const QString managed = stringMap(c.metadata().value(QStringLiteral("labels")))
                                .value(QStringLiteral("gateway.istio.io/managed"));
    if (managed == QLatin1String("istio.io-gateway-controller")
        || managed == QLatin1String("istio.io-mesh-controller")
        || managed == QLatin1String("istio.io-eastwest-controller"))
        return;
    const bool externalName
        = c.spec().value(QStringLiteral("type")).toString() == QLatin1String("ExternalName");
    const Value &ports = c.spec().value(QStringLiteral("ports"));
    for (qsizetype i = 0; i < ports.size(); ++i) {
        const Value &port = ports.at(i);
        const QString name = port.value(QStringLiteral("name")).toString();
        const qint64 number = port.value(QStringLiteral("port")).toInteger();
        const bool supported = protocolSupported(
            number, name, port.value(QStringLiteral("protocol")).toString(QStringLiteral("TCP")),
            port.value(QStringLiteral("appProtocol")));
        if (supported && !(name == QLatin1String("tcp") && externalName))
            continue;
        const QString path = itemPath(QStringLiteral("spec.ports"), i);
        if (externalName)
            c.report(Severity::Warning, "IST0150", path,
                     QStringLiteral("Port name for ExternalName service is invalid. Proxy may "
                                    "prevent tcp named ports and unmatched traffic for ports "
                                    "serving TCP protocol from being forwarded correctly"));
        else
            c.report(Severity::Info, "IST0118", path,
                     QStringLiteral("Port name %1 (port: %2, targetPort: %3) doesn't follow the "
                                    "naming convention of Istio port.")
                         .arg(name)
                         .arg(number)
                         .arg(targetPortText(port.value(QStringLiteral("targetPort")))));
    }
}

void analyzeDeploymentServices(Context &c)
{
    if (stringMap(c.metadata().value(QStringLiteral("labels")))
            .value(QStringLiteral("gateway.istio.io/managed"))
        == QLatin1String("istio.io-mesh-controller"))
        return; // a waypoint
    if (!inMesh(c.index, c.object, c.ns))
        return;
    const auto labels = podLabelsOf(c.object);
    // port -> protocol -> services; target port -> port -> service
    QMap<qint64, QMap<QString, QStringList>> byPort;
    QMap<QString, QMap<qint64, QString>> byTargetPort;
    for (int s : c.index.kindInNamespace(QStringLiteral("Service"), c.ns)) {
        const Value &spec = c.objectAt(s).value(QStringLiteral("spec"));
        const auto selector = stringMap(spec.value(QStringLiteral("selector")));
        if (selector.isEmpty() || !selects(selector, labels))
            continue;
        const QString name = c.nameOf(s);
        const Value &ports = spec.value(QStringLiteral("ports"));
        for (qsizetype i = 0; i < ports.size(); ++i) {
            const Value &port = ports.at(i);
            const qint64 number = port.value(QStringLiteral("port")).toInteger();
            byPort[number][port.value(QStringLiteral("protocol")).toString(QStringLiteral("TCP"))]
                .append(name);
            QString target = targetPortText(port.value(QStringLiteral("targetPort")));
            if (target.isEmpty() || target == QLatin1String("0"))
                target = QString::number(number);
            byTargetPort[target].insert(number, name);
        }
    }
    for (auto it = byPort.cbegin(); it != byPort.cend(); ++it) {
        if (it->size() < 2)
            continue;
        QStringList names;
        for (const QStringList &services : *it)
            names += services;
        names.sort();
        c.report(Severity::Warning, "IST0116", QStringLiteral("metadata.name"),
                 QStringLiteral("This deployment %1 is associated with multiple services using "
                                "port %2 but different protocols: %3")
                     .arg(c.id.name)
                     .arg(it.key())
                     .arg(goList(names)));
    }
    for (auto it = byTargetPort.cbegin(); it != byTargetPort.cend(); ++it) {
        if (it->size() < 2)
            continue;
        QStringList names, ports;
        for (auto p = it->cbegin(); p != it->cend(); ++p) {
            names.append(*p);
            ports.append(QString::number(p.key()));
        }
        names.sort();
        c.report(Severity::Warning, "IST0137", QStringLiteral("metadata.name"),
                 QStringLiteral("This deployment %1 is associated with multiple services %2 using "
                                "targetPort %3 but different ports: %4.")
                     .arg(c.id.name, goList(names), goQuote(it.key()), goList(ports)));
    }
}

} // namespace md::istio::analysis

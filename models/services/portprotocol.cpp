#include "services/portprotocol.h"

#include "services/servicestr.h"

namespace md::services {

namespace {

struct Known
{
    PortProtocol protocol;
    const char *id;
    const char *name;
};

constexpr Known kKnown[] = {
    {PortProtocol::Tcp, "tcp", "TCP"},
    {PortProtocol::Http, "http", "HTTP"},
    {PortProtocol::Http2, "http2", "HTTP2"},
    {PortProtocol::Https, "https", "HTTPS"},
    {PortProtocol::Tls, "tls", "TLS"},
    {PortProtocol::Grpc, "grpc", "GRPC"},
    {PortProtocol::GrpcWeb, "grpc-web", "GRPC-Web"},
    {PortProtocol::Mongo, "mongo", "Mongo"},
    {PortProtocol::Mysql, "mysql", "MySQL"},
    {PortProtocol::Redis, "redis", "Redis"},
    {PortProtocol::Udp, "udp", "UDP"},
};

// Ports Istio never sniffs (SMTP, DNS, MySQL, MongoDB): undeclared, they are TCP.
bool isWellKnownPort(int port)
{
    return port == 25 || port == 53 || port == 3306 || port == 27017;
}

} // namespace

PortProtocol parseProtocol(const QString &name)
{
    for (const Known &k : kKnown) {
        if (name.compare(QLatin1String(k.id), Qt::CaseInsensitive) == 0)
            return k.protocol;
    }
    return PortProtocol::Auto;
}

SelectedProtocol selectProtocol(int port, const QString &transport, const QString &name,
                                const QString &appProtocol)
{
    if (transport.compare(QLatin1String("UDP"), Qt::CaseInsensitive) == 0)
        return {PortProtocol::Udp, ProtocolSource::TransportUdp};
    const bool fromApp = !appProtocol.isEmpty();
    const ProtocolSource source = fromApp ? ProtocolSource::AppProtocol : ProtocolSource::PortName;
    QString text = fromApp ? appProtocol : name;
    if (fromApp && text == QLatin1String("kubernetes.io/h2c"))
        return {PortProtocol::Http2, source};
    if (fromApp && text == QLatin1String("kubernetes.io/ws"))
        return {PortProtocol::Http, source};
    if (text.startsWith(QLatin1String("grpc-web"), Qt::CaseInsensitive))
        return {PortProtocol::GrpcWeb, source};
    const qsizetype dash = text.indexOf(u'-');
    if (dash >= 0)
        text.truncate(dash);
    PortProtocol protocol = parseProtocol(text);
    if (protocol == PortProtocol::Udp) // only the transport makes a port UDP
        protocol = PortProtocol::Auto;
    if (protocol != PortProtocol::Auto)
        return {protocol, source};
    if (isWellKnownPort(port))
        return {PortProtocol::Tcp, ProtocolSource::WellKnownPort};
    return {PortProtocol::Auto, ProtocolSource::None};
}

QString protocolName(PortProtocol protocol)
{
    for (const Known &k : kKnown) {
        if (k.protocol == protocol)
            return QLatin1String(k.name);
    }
    return QStringLiteral("auto");
}

QString protocolId(PortProtocol protocol)
{
    for (const Known &k : kKnown) {
        if (k.protocol == protocol)
            return QLatin1String(k.id);
    }
    return {};
}

QList<PortProtocol> selectableProtocols()
{
    QList<PortProtocol> list;
    for (const Known &k : kKnown) {
        if (k.protocol != PortProtocol::Udp)
            list << k.protocol;
    }
    return list;
}

QString portNameFor(PortProtocol protocol, const QString &oldName, const QStringList &otherNames)
{
    const QString id = protocolId(protocol);
    // The suffix the old name carries after its protocol prefix (or the whole old name when it
    // names no protocol).
    QString suffix;
    if (!oldName.isEmpty()) {
        const SelectedProtocol old = selectProtocol(0, QString(), oldName, QString());
        if (old.protocol == PortProtocol::Auto) {
            suffix = oldName;
        } else {
            const QString prefix = old.protocol == PortProtocol::GrpcWeb
                ? QStringLiteral("grpc-web")
                : oldName.section(u'-', 0, 0);
            suffix = oldName.mid(prefix.size());
            if (suffix.startsWith(u'-'))
                suffix.remove(0, 1);
        }
    }
    QString name = suffix.isEmpty() ? id : id + u'-' + suffix;
    name = name.toLower();
    // "grpc" with the suffix "web" would read as gRPC-Web: then the protocol alone.
    if (selectProtocol(0, QString(), name, QString()).protocol != protocol)
        name = id;
    if (name.size() > 63) // a DNS label
        name.truncate(63);
    QString unique = name;
    for (int n = 2; otherNames.contains(unique); ++n)
        unique = name.left(60) + u'-' + QString::number(n);
    return unique;
}

Result<md::istio::Value> withPortProtocol(const md::istio::Value &service, int port,
                                          PortProtocol protocol, ProtocolStyle style)
{
    using md::istio::Value;
    const Value &meta = service.value(QStringLiteral("metadata"));
    const QString where = QStringLiteral("Service %1/%2")
                              .arg(meta.value(QStringLiteral("namespace")).toString(),
                                   meta.value(QStringLiteral("name")).toString());
    if (protocol == PortProtocol::Auto || protocol == PortProtocol::Udp)
        return unexpected(
            QStringLiteral("services.protocol"),
            Tr::tr("%1 cannot be selected as a port protocol").arg(protocolName(protocol)), where);
    const Value &ports = service.value(QStringLiteral("spec")).value(QStringLiteral("ports"));
    QStringList names;
    qsizetype index = -1;
    for (qsizetype i = 0; i < (ports.isArray() ? ports.size() : 0); ++i) {
        const Value &p = ports.at(i);
        if (p.value(QStringLiteral("port")).toInteger() == port && index < 0)
            index = i;
        else
            names << p.value(QStringLiteral("name")).toString();
    }
    if (index < 0)
        return unexpected(QStringLiteral("services.port"),
                          Tr::tr("the service has no port %1").arg(port), where);
    if (ports.at(index).value(QStringLiteral("protocol")).toString() == QLatin1String("UDP"))
        return unexpected(QStringLiteral("services.udp"),
                          Tr::tr("port %1 is UDP, which Istio does not proxy").arg(port), where);
    Value edited = service;
    Value &p = edited.member(QStringLiteral("spec")).member(QStringLiteral("ports")).at(index);
    if (style == ProtocolStyle::PortName) {
        p.insert(QStringLiteral("name"),
                 portNameFor(protocol, p.value(QStringLiteral("name")).toString(), names));
        p.remove(QStringLiteral("appProtocol"));
    } else {
        p.insert(QStringLiteral("appProtocol"), protocolId(protocol));
    }
    return edited;
}

} // namespace md::services

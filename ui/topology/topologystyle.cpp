#include "topology/topologystyle.h"

#include <QLocale>

namespace md::ui::topology {

using md::telemetry::Badge;
using md::telemetry::Health;
using md::telemetry::NodeFlag;
using md::telemetry::NodeType;
using md::telemetry::Protocol;

namespace style {

QColor healthColor(Health health)
{
    switch (health) {
    case Health::Healthy:
        return QColor(0x3e, 0x86, 0x35);
    case Health::Degraded:
        return QColor(0xe0, 0x9b, 0x00);
    case Health::Failure:
        return QColor(0xc9, 0x19, 0x0b);
    case Health::NoData:
        break;
    }
    return QColor(0x8a, 0x8d, 0x90);
}

QColor edgeColor(const md::telemetry::Edge &edge)
{
    if (edge.idle)
        return QColor(0xa0, 0xa3, 0xa6);
    if (edge.protocol == Protocol::Tcp)
        return QColor(0x00, 0x66, 0xcc);
    return healthColor(edge.health);
}

QColor nodeFill(const md::telemetry::Node &node)
{
    if (node.flags & NodeFlag::Outsider)
        return QColor(0xf0, 0xf0, 0xf0);
    switch (node.type) {
    case NodeType::Service:
        return QColor(0xe7, 0xf1, 0xfa);
    case NodeType::ServiceEntry:
        return QColor(0xf3, 0xfa, 0xf2);
    case NodeType::Unknown:
        return QColor(0xf5, 0xf5, 0xf5);
    case NodeType::App:
    case NodeType::Workload:
        break;
    }
    return Qt::white;
}

QColor textColor()
{
    return QColor(0x15, 0x15, 0x15);
}

QColor mutedTextColor()
{
    return QColor(0x6a, 0x6e, 0x73);
}

QColor highlightColor()
{
    return QColor(0x00, 0x66, 0xcc);
}

} // namespace style

QString nodeLabel(const md::telemetry::Node &node)
{
    if (node.type == NodeType::Unknown)
        return Tr::tr("unknown");
    QString name;
    switch (node.type) {
    case NodeType::Workload:
        name = node.workload;
        break;
    case NodeType::App:
        name = node.version.isEmpty() ? node.app : node.app + QLatin1Char(' ') + node.version;
        break;
    case NodeType::Service:
    case NodeType::ServiceEntry:
        name = node.service;
        break;
    case NodeType::Unknown:
        break;
    }
    if (name.isEmpty())
        name = !node.workload.isEmpty() ? node.workload
            : !node.app.isEmpty()       ? node.app
            : !node.service.isEmpty()   ? node.service
                                        : node.id;
    return name;
}

QString nodeKindText(const md::telemetry::Node &node)
{
    if (node.flags & NodeFlag::Waypoint)
        return Tr::tr("Waypoint");
    if (node.flags & NodeFlag::Gateway)
        return Tr::tr("Gateway");
    switch (node.type) {
    case NodeType::Workload:
        return Tr::tr("Workload");
    case NodeType::App:
        return node.version.isEmpty() ? Tr::tr("App") : Tr::tr("Versioned app");
    case NodeType::Service:
        return Tr::tr("Service");
    case NodeType::ServiceEntry:
        return Tr::tr("Service entry");
    case NodeType::Unknown:
        break;
    }
    return Tr::tr("Unknown source");
}

QString formatRate(double perSecond, bool bytes)
{
    const QLocale locale;
    if (bytes) {
        if (perSecond >= 1024.0 * 1024.0)
            return Tr::tr("%1 MB/s").arg(locale.toString(perSecond / 1024.0 / 1024.0, 'f', 1));
        if (perSecond >= 1024.0)
            return Tr::tr("%1 kB/s").arg(locale.toString(perSecond / 1024.0, 'f', 1));
        return Tr::tr("%1 B/s").arg(locale.toString(perSecond, 'f', 0));
    }
    return Tr::tr("%1 rps").arg(locale.toString(perSecond, 'f', perSecond >= 100 ? 0 : 2));
}

QString formatMs(double ms)
{
    const QLocale locale;
    if (ms >= 1000.0)
        return Tr::tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 2));
    return Tr::tr("%1 ms").arg(locale.toString(ms, 'f', ms >= 10 ? 0 : 1));
}

QString formatPercent(double percent)
{
    return Tr::tr("%1 %").arg(QLocale().toString(percent, 'f', percent >= 10 ? 0 : 1));
}

QString edgeLabel(const md::telemetry::Edge &edge, EdgeLabelMode mode, double sourceOut)
{
    const bool tcp = edge.protocol == Protocol::Tcp;
    switch (mode) {
    case EdgeLabelMode::None:
        return {};
    case EdgeLabelMode::Rate: {
        if (tcp)
            return edge.rates.tcp ? formatRate(*edge.rates.tcp, true) : QString();
        const double rate = edge.requestRate();
        if (edge.idle || rate <= 0)
            return {};
        QString text = formatRate(rate, false);
        const auto err = edge.protocol == Protocol::Grpc ? edge.rates.grpcPercentErr
                                                         : edge.rates.httpPercentErr;
        if (err && *err > 0)
            text += QLatin1Char('\n') + Tr::tr("%1 err").arg(formatPercent(*err));
        return text;
    }
    case EdgeLabelMode::Distribution:
        if (tcp || sourceOut <= 0 || edge.requestRate() <= 0)
            return {};
        return formatPercent(edge.requestRate() / sourceOut * 100.0);
    case EdgeLabelMode::ResponseTime:
        if (edge.responseTime.p95)
            return Tr::tr("p95 %1").arg(formatMs(*edge.responseTime.p95));
        if (edge.responseTime.avg)
            return Tr::tr("avg %1").arg(formatMs(*edge.responseTime.avg));
        return {};
    case EdgeLabelMode::Throughput:
        if (tcp)
            return edge.rates.tcp ? formatRate(*edge.rates.tcp, true) : QString();
        return edge.throughput ? formatRate(*edge.throughput, true) : QString();
    case EdgeLabelMode::Mtls:
        if (!edge.mtlsPercent)
            return {};
        if (*edge.mtlsPercent >= 99.95)
            return Tr::tr("mTLS");
        if (*edge.mtlsPercent <= 0.05)
            return Tr::tr("plain text");
        return Tr::tr("mTLS %1").arg(formatPercent(*edge.mtlsPercent));
    }
    return {};
}

QList<std::pair<QString, QString>> badgeTexts(md::telemetry::Badges badges)
{
    QList<std::pair<QString, QString>> list;
    const auto add = [&](Badge badge, const char *glyph, const QString &name) {
        if (badges & badge)
            list.append({QString::fromLatin1(glyph), name});
    };
    add(Badge::VirtualService, "VS", Tr::tr("Has a VirtualService"));
    add(Badge::TrafficShifting, "TS", Tr::tr("Traffic shifting"));
    add(Badge::FaultInjection, "FI", Tr::tr("Fault injection"));
    add(Badge::RequestTimeout, "TO", Tr::tr("Request timeout"));
    add(Badge::Mirroring, "MI", Tr::tr("Mirroring"));
    add(Badge::CircuitBreaker, "CB", Tr::tr("Circuit breaker"));
    add(Badge::MissingSidecar, "!", Tr::tr("Missing sidecar"));
    add(Badge::Gateway, "GW", Tr::tr("Gateway"));
    return list;
}

} // namespace md::ui::topology

#include "telemetry/metricqueries.h"

#include <QStringList>

namespace md::telemetry {

QString promQuote(const QString &value)
{
    QString v = value;
    v.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'"', QStringLiteral("\\\""))
        .replace(u'\n', QStringLiteral("\\n"));
    return u'"' + v + u'"';
}

QString metricSelector(const MetricTarget &target)
{
    const bool inbound = target.direction == MetricDirection::Inbound;
    QStringList m;
    const QString reporter = !target.reporter.isEmpty()
        ? target.reporter
        : (inbound ? QStringLiteral("destination") : QStringLiteral("source"));
    m << QStringLiteral("reporter=") + promQuote(reporter);
    auto add = [&](const char *label, const QString &value) {
        m << QLatin1String(label) + u'=' + promQuote(value);
    };
    switch (target.scope) {
    case MetricScope::Mesh:
        break;
    case MetricScope::Service:
        if (inbound) {
            add("destination_service_name", target.name);
            add("destination_service_namespace", target.namespaceName);
        } else {
            add("source_canonical_service", target.name);
            add("source_workload_namespace", target.namespaceName);
        }
        break;
    case MetricScope::Workload:
        if (inbound) {
            add("destination_workload", target.name);
            add("destination_workload_namespace", target.namespaceName);
        } else {
            add("source_workload", target.name);
            add("source_workload_namespace", target.namespaceName);
        }
        break;
    }
    if (!target.cluster.isEmpty())
        add(inbound ? "destination_cluster" : "source_cluster", target.cluster);
    QString selector = m.join(u',');
    const QString extra = target.extraMatchers.trimmed();
    if (!extra.isEmpty())
        selector += (extra.startsWith(u',') ? QString() : QStringLiteral(",")) + extra;
    return selector;
}

QString metricSplitLabels(MetricSplit split)
{
    switch (split) {
    case MetricSplit::None:
        return {};
    case MetricSplit::Source:
        return QStringLiteral("source_workload_namespace,source_workload");
    case MetricSplit::Destination:
        return QStringLiteral("destination_service_namespace,destination_service_name");
    case MetricSplit::Version:
        return QStringLiteral("destination_canonical_revision");
    case MetricSplit::ResponseCode:
        return QStringLiteral("response_code");
    }
    return {};
}

namespace {

bool isTcp(MetricKind kind)
{
    return kind == MetricKind::TcpSent || kind == MetricKind::TcpReceived
        || kind == MetricKind::TcpOpened || kind == MetricKind::TcpClosed;
}

QString sumRate(const QString &metric, const QString &selector, const QString &window,
                const QString &by)
{
    QString q = QStringLiteral("sum(rate(%1{%2}[%3]))").arg(metric, selector, window);
    if (!by.isEmpty())
        q += QStringLiteral(" by (%1)").arg(by);
    return q;
}

} // namespace

QString metricQuery(MetricKind kind, const MetricTarget &target, const MetricQueryOptions &options)
{
    const QString selector = metricSelector(target);
    QString by = metricSplitLabels(options.split);
    if (isTcp(kind) && options.split == MetricSplit::ResponseCode)
        by.clear(); // TCP has no response codes
    const QString &w = options.rateWindow;
    const QString requests = QStringLiteral("istio_requests_total");
    switch (kind) {
    case MetricKind::RequestVolume:
        return sumRate(requests, selector, w, by);
    case MetricKind::SuccessRate:
        return sumRate(requests, selector + QStringLiteral(",response_code!~\"5..\""), w, by)
            + QStringLiteral(" / ") + sumRate(requests, selector, w, by);
    case MetricKind::Rate4xx:
        return sumRate(requests, selector + QStringLiteral(",response_code=~\"4..\""), w, by);
    case MetricKind::Rate5xx:
        return sumRate(requests, selector + QStringLiteral(",response_code=~\"5..\""), w, by);
    case MetricKind::Latency:
    case MetricKind::RequestSize:
    case MetricKind::ResponseSize: {
        const QString base = kind == MetricKind::Latency
            ? QStringLiteral("istio_request_duration_milliseconds")
            : kind == MetricKind::RequestSize ? QStringLiteral("istio_request_bytes")
                                              : QStringLiteral("istio_response_bytes");
        if (options.quantile) {
            const QString le = by.isEmpty() ? QStringLiteral("le") : QStringLiteral("le,") + by;
            return QStringLiteral("histogram_quantile(%1, %2)")
                .arg(QString::number(*options.quantile, 'g', 6),
                     sumRate(base + QStringLiteral("_bucket"), selector, w, le));
        }
        return sumRate(base + QStringLiteral("_sum"), selector, w, by) + QStringLiteral(" / ")
            + sumRate(base + QStringLiteral("_count"), selector, w, by);
    }
    case MetricKind::TcpSent:
        return sumRate(QStringLiteral("istio_tcp_sent_bytes_total"), selector, w, by);
    case MetricKind::TcpReceived:
        return sumRate(QStringLiteral("istio_tcp_received_bytes_total"), selector, w, by);
    case MetricKind::TcpOpened:
        return sumRate(QStringLiteral("istio_tcp_connections_opened_total"), selector, w, by);
    case MetricKind::TcpClosed:
        return sumRate(QStringLiteral("istio_tcp_connections_closed_total"), selector, w, by);
    }
    return {};
}

QString metricTitle(MetricKind kind, const std::optional<double> &quantile)
{
    auto withQuantile = [&](const QString &title) {
        if (!quantile)
            return MetricTr::tr("%1 (average)").arg(title);
        return MetricTr::tr("%1 (P%2)").arg(title, QString::number(*quantile * 100, 'g', 4));
    };
    switch (kind) {
    case MetricKind::RequestVolume:
        return MetricTr::tr("Request volume");
    case MetricKind::SuccessRate:
        return MetricTr::tr("Success rate (non-5xx)");
    case MetricKind::Rate4xx:
        return MetricTr::tr("4xx responses");
    case MetricKind::Rate5xx:
        return MetricTr::tr("5xx responses");
    case MetricKind::Latency:
        return withQuantile(MetricTr::tr("Request duration"));
    case MetricKind::RequestSize:
        return withQuantile(MetricTr::tr("Request size"));
    case MetricKind::ResponseSize:
        return withQuantile(MetricTr::tr("Response size"));
    case MetricKind::TcpSent:
        return MetricTr::tr("TCP bytes sent");
    case MetricKind::TcpReceived:
        return MetricTr::tr("TCP bytes received");
    case MetricKind::TcpOpened:
        return MetricTr::tr("TCP connections opened");
    case MetricKind::TcpClosed:
        return MetricTr::tr("TCP connections closed");
    }
    return {};
}

QString metricUnit(MetricKind kind)
{
    switch (kind) {
    case MetricKind::RequestVolume:
    case MetricKind::Rate4xx:
    case MetricKind::Rate5xx:
        return MetricTr::tr("req/s");
    case MetricKind::SuccessRate:
        return MetricTr::tr("ratio");
    case MetricKind::Latency:
        return MetricTr::tr("ms");
    case MetricKind::RequestSize:
    case MetricKind::ResponseSize:
        return MetricTr::tr("B");
    case MetricKind::TcpSent:
    case MetricKind::TcpReceived:
        return MetricTr::tr("B/s");
    case MetricKind::TcpOpened:
    case MetricKind::TcpClosed:
        return MetricTr::tr("conn/s");
    }
    return {};
}

} // namespace md::telemetry

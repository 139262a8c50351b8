#include "telemetry.h"

#include "cluster.h"
#include "httpserver.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QByteArray escape(const QString &value)
{
    QByteArray v = value.toUtf8();
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return v;
}

QByteArray labelSet(const TrafficOutcome &o, bool sourceReporter)
{
    const WorkloadInfo &s = o.source;
    const WorkloadInfo &d = o.destination;
    const bool known = d.name != u"unknown"_s;
    const QString security
        = sourceReporter ? u"unknown"_s : (o.mutualTls ? u"mutual_tls"_s : u"none"_s);
    const QList<QPair<const char *, QString>> labels = {
        {"reporter", sourceReporter ? u"source"_s : u"destination"_s},
        {"source_workload", s.name},
        {"source_canonical_service", s.app},
        {"source_canonical_revision", s.version},
        {"source_workload_namespace", s.ns},
        {"source_principal", o.mutualTls ? s.principal() : u"unknown"_s},
        {"source_app", s.app},
        {"source_version", s.version},
        {"source_cluster", s.cluster},
        {"destination_workload", d.name},
        {"destination_workload_namespace", d.ns},
        {"destination_principal", o.mutualTls && known ? d.principal() : u"unknown"_s},
        {"destination_app", known ? d.app : u"unknown"_s},
        {"destination_version", known ? d.version : u"unknown"_s},
        {"destination_service", o.service},
        {"destination_canonical_service", known ? d.app : u"unknown"_s},
        {"destination_canonical_revision", known ? d.version : u"latest"_s},
        {"destination_service_name", o.serviceName},
        {"destination_service_namespace", o.serviceNamespace},
        {"destination_cluster", d.cluster},
        {"request_protocol", o.protocol},
        {"response_code", QString::number(o.responseCode)},
        {"grpc_response_status",
         o.protocol == u"grpc"_s ? (o.responseCode == 200       ? u"0"_s
                                        : o.responseCode == 403 ? u"7"_s
                                                                : u"14"_s)
                                 : QString()},
        {"response_flags", o.responseFlags},
        {"connection_security_policy", security},
    };
    QByteArray out;
    for (const auto &l : labels) {
        if (o.protocol == u"tcp"_s
            && (qstrcmp(l.first, "response_code") == 0
                || qstrcmp(l.first, "grpc_response_status") == 0))
            continue;
        if (!out.isEmpty())
            out += ',';
        out += l.first;
        out += "=\"" + escape(l.second) + '"';
    }
    return out;
}

void observe(std::array<double, Telemetry::kBuckets> &counts, double &count, double &sum,
             double value, double n)
{
    const auto &bounds = Telemetry::buckets();
    for (int i = 0; i < Telemetry::kBuckets; ++i)
        if (value <= bounds[i])
            counts[i] += n;
    count += n;
    sum += value * n;
}

QByteArray number(double v)
{
    return QByteArray::number(std::floor(v + 1e-9), 'f', 0);
}

} // namespace

const std::array<double, Telemetry::kBuckets> &Telemetry::buckets()
{
    // Istio's default buckets (Envoy's), for durations and sizes alike.
    static const std::array<double, kBuckets> b
        = {0.5,  1,    5,     10,    25,    50,     100,    250,     500,    1000,
           2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000};
    return b;
}

Telemetry::Telemetry(const QList<Cluster *> &clusters, QObject *parent)
    : QObject(parent)
    , m_clusters(clusters)
{
    m_clock.start();
    static const QStringList relevant = {u"pods"_s,
                                         u"services"_s,
                                         u"deployments.apps"_s,
                                         u"replicasets.apps"_s,
                                         u"statefulsets.apps"_s,
                                         u"daemonsets.apps"_s,
                                         u"namespaces"_s,
                                         u"virtualservices.networking.istio.io"_s,
                                         u"destinationrules.networking.istio.io"_s,
                                         u"authorizationpolicies.security.istio.io"_s,
                                         u"peerauthentications.security.istio.io"_s};
    for (Cluster *c : clusters)
        connect(&c->store(), &Store::changed, this, [this](const StoreEvent &event) {
            if (!relevant.contains(event.typeKey))
                return;
            advance(false); // traffic so far followed the previous state
            m_dirty = true;
        });
}

Result<QString> Telemetry::listen(const QString &hostPort)
{
    QHostAddress address(QHostAddress::LocalHost);
    quint16 port = 0;
    if (!hostPort.isEmpty()) {
        const qsizetype colon = hostPort.lastIndexOf(u':');
        bool ok = false;
        port = quint16(hostPort.mid(colon + 1).toUInt(&ok));
        const QString host = hostPort.left(colon);
        if (colon < 0 || !ok
            || (!host.isEmpty()
                && !address.setAddress(host == u"localhost"_s ? u"127.0.0.1"_s : host)))
            return unexpected(u"usage"_s, u"--metrics-listen wants HOST:PORT"_s, hostPort);
    }
    resolveFlows(); // traffic flows from now on
    m_lastMs = m_clock.elapsed();
    m_server = new HttpServer(
        [this](const HttpRequest &request) {
            HttpResponse r;
            if (request.path != u"/metrics"_s) {
                r.status = 404;
                r.body = "not found\n";
                r.setHeader("Content-Type", "text/plain");
                return r;
            }
            r.body = exposition();
            r.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            return r;
        },
        this);
    if (!m_server->listen(address, port, nullptr))
        return unexpected(u"listen"_s, m_server->errorString(), hostPort);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + address.toString() + u']'
        : address.toString();
    return u"http://"_s + host + u':' + QString::number(m_server->port()) + u"/metrics"_s;
}

void Telemetry::resolveFlows()
{
    m_flows.clear();
    int httpSeries = 0;
    for (const TrafficOutcome &o : resolveTraffic(m_clusters)) {
        Flow f {o, {}, {}};
        if (o.sourceReports)
            f.sourceLabels = labelSet(o, true);
        if (o.destinationReports)
            f.destinationLabels = labelSet(o, false);
        if (o.protocol != u"tcp"_s)
            httpSeries += int(o.sourceReports) + int(o.destinationReports);
        m_flows << f;
    }
    m_histograms = httpSeries <= kHistogramSeriesLimit;
    m_dirty = false;
}

void Telemetry::advance(bool resolve)
{
    const qint64 now = m_clock.elapsed();
    const double seconds = double(now - m_lastMs) / 1000.0;
    m_lastMs = now;
    if (seconds > 0)
        for (const Flow &f : m_flows)
            accumulate(f, seconds);
    if (resolve && m_dirty)
        resolveFlows();
}

void Telemetry::accumulate(const Flow &flow, double seconds)
{
    const TrafficOutcome &o = flow.outcome;
    const double n = o.rate * seconds;
    if (n <= 0)
        return;
    for (const QByteArray *labels : {&flow.sourceLabels, &flow.destinationLabels}) {
        if (labels->isEmpty())
            continue;
        if (o.protocol == u"tcp"_s) {
            TcpSeries &t = m_tcp[*labels];
            t.opened += n;
            t.closed += n;
            t.sent += n * 4096;
            t.received += n * 512;
            continue;
        }
        HttpSeries &h = m_http[*labels];
        h.requests += n;
        if (o.protocol == u"grpc"_s && o.responseCode == 200)
            h.messages += n;
        if (!m_histograms)
            continue;
        // A fixed latency profile around the outcome's latency.
        const double l = o.latencyMs;
        const std::array<std::pair<double, double>, 4> profile
            = {std::pair {l, 0.6}, std::pair {l * 1.5, 0.3}, std::pair {l * 3, 0.09},
               std::pair {l * 10, 0.01}};
        for (const auto &[value, share] : profile)
            observe(h.duration.counts, h.duration.count, h.duration.sum, value, n * share);
        const bool grpc = o.protocol == u"grpc"_s;
        observe(h.requestBytes.counts, h.requestBytes.count, h.requestBytes.sum, grpc ? 180 : 420,
                n);
        observe(h.responseBytes.counts, h.responseBytes.count, h.responseBytes.sum,
                o.responseCode == 200 ? (grpc ? 900 : 5200) : 24, n);
    }
}

QByteArray Telemetry::exposition()
{
    advance(true);
    QByteArray out;
    out.reserve(int(m_http.size() * 6000 + m_tcp.size() * 2000 + 1024));
    auto histogram = [&](const char *name, const char *help, auto member) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " histogram\n";
        for (const auto &[labels, series] : m_http) {
            const Histogram &h = series.*member;
            const auto &bounds = buckets();
            for (int i = 0; i < kBuckets; ++i)
                out += QByteArray(name) + "_bucket{" + labels + ",le=\""
                    + QByteArray::number(bounds[i], 'g', 10) + "\"} " + number(h.counts[i]) + '\n';
            out += QByteArray(name) + "_bucket{" + labels + ",le=\"+Inf\"} " + number(h.count)
                + '\n';
            out += QByteArray(name) + "_sum{" + labels + "} " + QByteArray::number(h.sum, 'f', 3)
                + '\n';
            out += QByteArray(name) + "_count{" + labels + "} " + number(h.count) + '\n';
        }
    };
    out += "# HELP istio_requests_total Total requests.\n# TYPE istio_requests_total counter\n";
    for (const auto &[labels, series] : m_http)
        out += "istio_requests_total{" + labels + "} " + number(series.requests) + '\n';
    for (const char *name : {"istio_request_messages_total", "istio_response_messages_total"}) {
        out += QByteArray("# HELP ") + name + " gRPC messages.\n# TYPE " + name + " counter\n";
        for (const auto &[labels, series] : m_http)
            if (labels.contains("request_protocol=\"grpc\""))
                out += QByteArray(name) + '{' + labels + "} " + number(series.messages) + '\n';
    }
    if (m_histograms) {
        histogram("istio_request_duration_milliseconds", "Request duration in milliseconds.",
                  &HttpSeries::duration);
        histogram("istio_request_bytes", "Request size in bytes.", &HttpSeries::requestBytes);
        histogram("istio_response_bytes", "Response size in bytes.", &HttpSeries::responseBytes);
    }
    auto tcp = [&](const char *name, const char *help, double TcpSeries::*member) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n";
        for (const auto &[labels, series] : m_tcp)
            out += QByteArray(name) + '{' + labels + "} " + number(series.*member) + '\n';
    };
    tcp("istio_tcp_sent_bytes_total", "Bytes sent during TCP connections.", &TcpSeries::sent);
    tcp("istio_tcp_received_bytes_total", "Bytes received during TCP connections.",
        &TcpSeries::received);
    tcp("istio_tcp_connections_opened_total", "TCP connections opened.", &TcpSeries::opened);
    tcp("istio_tcp_connections_closed_total", "TCP connections closed.", &TcpSeries::closed);
    return out;
}

} // namespace md::sim

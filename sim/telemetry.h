#pragma once

// Istio's standard metrics for the simulated mesh, in Prometheus text format on /metrics:
// istio_requests_total, istio_request_duration_milliseconds, istio_request_bytes,
// istio_response_bytes (histograms with Istio's default buckets) and the TCP metrics,
// reported by source and destination proxies. Counters advance with wall-clock time
// according to the traffic model (traffic.h), which is re-resolved whenever the mesh's
// workloads or policies change.

#include "core/result.h"
#include "traffic.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <array>
#include <map>

namespace md::sim {

class Cluster;
class HttpServer;

class Telemetry : public QObject
{
    Q_OBJECT
public:
    explicit Telemetry(const QList<Cluster *> &clusters, QObject *parent = nullptr);

    // Above this many HTTP series (the scale scenario) only counters are exported, which
    // keeps a scrape in the tens of megabytes.
    static constexpr int kHistogramSeriesLimit = 4000;

    // "HOST:PORT" (empty: 127.0.0.1 and a free port). Returns the metrics URL.
    Result<QString> listen(const QString &hostPort);
    QByteArray exposition();

    static constexpr int kBuckets = 19;
    static const std::array<double, kBuckets> &buckets();

private:
    struct Histogram
    {
        std::array<double, kBuckets> counts {};
        double count = 0;
        double sum = 0;
    };
    struct HttpSeries
    {
        double requests = 0;
        double messages = 0; // gRPC: request and response messages (one each per call here)
        Histogram duration;
        Histogram requestBytes;
        Histogram responseBytes;
    };
    struct TcpSeries
    {
        double sent = 0;
        double received = 0;
        double opened = 0;
        double closed = 0;
    };

    // A resolved outcome with the label sets of its two reporters (empty: not reported).
    struct Flow
    {
        TrafficOutcome outcome;
        QByteArray sourceLabels;
        QByteArray destinationLabels;
    };

    void advance(bool resolve);
    void resolveFlows();
    void accumulate(const Flow &flow, double seconds);

    QList<Cluster *> m_clusters;
    HttpServer *m_server = nullptr;
    QList<Flow> m_flows;
    bool m_histograms = true;
    bool m_dirty = true;
    QElapsedTimer m_clock;
    qint64 m_lastMs = 0;
    std::map<QByteArray, HttpSeries> m_http;
    std::map<QByteArray, TcpSeries> m_tcp;
};

} // namespace md::sim

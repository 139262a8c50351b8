#pragma once

// md::telemetry::PrometheusClient: instant and range queries against any Prometheus-compatible
// HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics): /api/v1/query and
// /api/v1/query_range below the configured URL (a path prefix such as
// https://mimir.example/prometheus is kept).
//
// Style as md::kube::KubeClient: every call takes a context object and a callback that runs on
// the context's thread; when the context dies first, the callback never runs. Requests are GET,
// or a POST form (application/x-www-form-urlencoded) when the encoded query is longer than
// PrometheusConfig::postThreshold. Answers are parsed with simdjson on the global thread pool
// (QtConcurrent), never on the calling thread.
//
// Cancellation: a call made with a non-empty `key` aborts the previous call still running with
// the same key (a newer refresh supersedes the older); the superseded callback then runs with an
// Error whose code is "prometheus.canceled" (see isCanceled()). cancel(key) and cancelAll() do
// the same explicitly.
//
// Errors are md::Error: code "prometheus.<errorType>" for an answer with status "error"
// (e.g. "prometheus.bad_data", "prometheus.timeout", "prometheus.execution"), "prometheus.http"
// for a non-JSON HTTP error, "prometheus.network" (connection, TLS, DNS), "prometheus.timeout"
// (the client's own timeout), "prometheus.parse" (malformed JSON or an unexpected shape; the
// message names the JSON path), "prometheus.canceled"; `where` is always the query that failed.
// Prometheus' `warnings` (and `infos`) of a successful answer are in QueryResult::warnings.

#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace md::telemetry {

struct PrometheusConfig
{
    QUrl url; // e.g. http://127.0.0.1:9090 (a path prefix is kept)
    QString bearerToken; // Authorization: Bearer ... (takes precedence over basic auth)
    QString username; // HTTP basic auth when not empty
    QString password;
    QString caFile; // PEM file of extra CA certificates trusted for https
    bool insecureSkipTlsVerify = false;
    std::chrono::milliseconds timeout {30000};
    int postThreshold = 2048; // URL-encoded query length above which a POST form is sent
};

using Labels = QHash<QString, QString>;

struct Sample
{
    double timestamp = 0; // unix seconds
    double value = 0; // may be NaN or ±Inf ("NaN", "+Inf", "-Inf" in the answer)
};

// One series: its labels and its samples (one for a vector, many for a matrix).
struct Series
{
    Labels metric;
    QList<Sample> samples;

    double value() const { return samples.isEmpty() ? 0.0 : samples.constLast().value; }
};

struct QueryResult
{
    enum class Type { Vector, Matrix, Scalar, String };
    Type type = Type::Vector;
    QList<Series> series; // a scalar is one series without labels; a string has none
    QString stringValue; // Type::String only
    QStringList warnings; // the answer's `warnings` and `infos`
    QString query; // the query that was asked
};

struct InstantQuery
{
    QString query;
    std::optional<QDateTime> time; // evaluation time; the server's "now" when absent
};

struct RangeQuery
{
    QString query;
    QDateTime start;
    QDateTime end;
    std::chrono::milliseconds step {15000};
};

using QueryCallback = std::function<void(Result<QueryResult>)>;

class PrometheusClient final : public QObject
{
    Q_OBJECT

public:
    explicit PrometheusClient(PrometheusConfig config, QObject *parent = nullptr);
    ~PrometheusClient() override;

    const PrometheusConfig &config() const { return m_config; }

    void instantQuery(const InstantQuery &query, QObject *context, QueryCallback done,
                      const QString &key = {});
    void rangeQuery(const RangeQuery &query, QObject *context, QueryCallback done,
                    const QString &key = {});

    // Aborts the running call with this key (its callback gets "prometheus.canceled").
    void cancel(const QString &key);
    void cancelAll();
    // Number of calls still running (sent, or being parsed).
    int runningCount() const;

    static bool isCanceled(const Error &error)
    {
        return error.code == QStringLiteral("prometheus.canceled");
    }

    // Parses a Prometheus API answer (any HTTP status): thread-safe and pure, used by the client
    // off the GUI thread, by tests and by the benchmarks.
    static Result<QueryResult> parseResponse(const QByteArray &body, int httpStatus,
                                             const QString &query);

private:
    struct Call;
    void send(const QString &path, const QList<std::pair<QString, QString>> &params,
              const QString &query, QObject *context, QueryCallback done, const QString &key);
    void finish(const std::shared_ptr<Call> &call, Result<QueryResult> result);

    struct Private;
    std::unique_ptr<Private> d;
    PrometheusConfig m_config;
};

} // namespace md::telemetry

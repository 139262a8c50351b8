#include "telemetry/topologyloader.h"

#include "core/futures.h"
#include "telemetry/prometheusclient.h"
#include "telemetry/topologybuilder.h"

#include <QtConcurrent/QtConcurrentRun>

namespace md::telemetry {

struct TopologyLoader::Load
{
    quint64 generation = 0;
    TopologyOptions options;
    TopologyAnswers answers;
    int pending = 0;
    std::optional<Error> error;
    QStringList warnings;
};

TopologyLoader::TopologyLoader(PrometheusClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    qRegisterMetaType<md::telemetry::Graph>();
}

TopologyLoader::~TopologyLoader()
{
    cancel();
}

void TopologyLoader::setLiveConfig(const LiveConfig &config)
{
    ++m_configGeneration;
    m_config = config.isEmpty() ? nullptr : std::make_shared<const LiveConfig>(config);
}

void TopologyLoader::setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot)
{
    const quint64 generation = ++m_configGeneration;
    md::onFinished(
        this, QtConcurrent::run([snapshot] { return LiveConfig::fromSnapshot(snapshot); }),
        [this, generation](const LiveConfig &config) {
            if (generation != m_configGeneration)
                return; // a newer config was set meanwhile
            m_config = config.isEmpty() ? nullptr : std::make_shared<const LiveConfig>(config);
        });
}

void TopologyLoader::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void TopologyLoader::cancel()
{
    if (!m_load)
        return;
    ++m_generation;
    m_load.reset();
    if (m_client)
        for (const TopologyQuery &q : topologyQueries({}))
            m_client->cancel(
                QStringLiteral("topology/%1/%2").arg(quintptr(this)).arg(int(q.metric)));
    setLoading(false);
}

void TopologyLoader::load(const TopologyOptions &options)
{
    if (!m_client) {
        emit failed(TelemetryTr::tr("no Prometheus client"));
        return;
    }
    auto load = std::make_shared<Load>();
    load->generation = ++m_generation;
    load->options = options;
    if (!load->options.time.isValid())
        load->options.time = QDateTime::currentDateTimeUtc();
    m_load = load;
    setLoading(true);
    const QList<TopologyQuery> queries = topologyQueries(load->options);
    load->pending = int(queries.size());
    for (const TopologyQuery &q : queries) {
        const TopologyMetric metric = q.metric;
        const bool essential = metric == TopologyMetric::Requests || metric == TopologyMetric::Tcp;
        m_client->instantQuery(
            InstantQuery {q.promql, load->options.time}, this,
            [this, load, metric, essential](Result<QueryResult> result) {
                if (load != m_load)
                    return; // superseded
                if (result)
                    load->answers.insert(metric, std::move(result).value());
                else if (PrometheusClient::isCanceled(result.error()))
                    ; // a newer load took over
                else if (essential && !load->error)
                    load->error = result.error();
                else if (!essential)
                    load->warnings << result.error().toString();
                if (--load->pending > 0)
                    return;
                if (load->error) {
                    m_load.reset();
                    setLoading(false);
                    emit failed(TelemetryTr::tr("Prometheus query failed: %1")
                                    .arg(load->error->message + QStringLiteral("\n")
                                         + TelemetryTr::tr("query: %1").arg(load->error->where)));
                    return;
                }
                const auto config = m_config;
                md::onFinished(this, QtConcurrent::run([load, config] {
                                   Graph g = buildGraph(load->answers, load->options);
                                   if (config)
                                       applyLiveConfig(g, *config, load->options);
                                   g.warnings << load->warnings;
                                   return g;
                               }),
                               [this, load](const Graph &graph) {
                                   if (load != m_load)
                                       return;
                                   m_load.reset();
                                   setLoading(false);
                                   emit graphReady(graph);
                               });
            },
            QStringLiteral("topology/%1/%2").arg(quintptr(this)).arg(int(metric)));
    }
}

} // namespace md::telemetry

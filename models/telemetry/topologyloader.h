#pragma once

// TopologyLoader: what the topology view uses. load(options) runs the builder's mesh-wide
// Prometheus queries (topologybuilder.h) through a PrometheusClient, builds the graph and
// applies the live config's badges on the global thread pool, and emits graphReady() or
// failed() on the loader's thread. A newer load() supersedes a running one (its queries are
// canceled and it never emits).

#include "istio/value.h"
#include "mesh/meshcache.h"
#include "telemetry/topologygraph.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace md::telemetry {

class PrometheusClient;

// The mesh's live objects the badges come from. Objects are JSON trees with apiVersion/kind
// (Istio objects must carry kind; pods and services are told apart by the list they are in).
struct LiveConfig
{
    QList<md::istio::Value> istioObjects; // VirtualService, DestinationRule, Gateway,
                                          // ServiceEntry, ...
    QList<md::istio::Value> pods;
    QList<md::istio::Value> services;

    bool isEmpty() const { return istioObjects.isEmpty() && pods.isEmpty() && services.isEmpty(); }
    // From a MeshCache snapshot (every cluster's objects; kinds from the cached resources).
    static LiveConfig fromSnapshot(const md::mesh::MeshCache::Snapshot &snapshot);
};

// Sets node badges (has VirtualService, traffic shifting, fault injection, timeout, mirroring,
// circuit breaker, missing sidecar, gateway), marks gateway and waypoint workloads, and, when
// options.includeIdle, adds Unused nodes for the services and workloads of the selected
// namespaces that had no traffic.
void applyLiveConfig(Graph &graph, const LiveConfig &config, const TopologyOptions &options);

class TopologyLoader final : public QObject
{
    Q_OBJECT

public:
    // The client is not owned and must outlive the loader's running loads.
    explicit TopologyLoader(PrometheusClient *client, QObject *parent = nullptr);
    ~TopologyLoader() override;

    // Used by the following loads (badges); an empty config gives no badges.
    void setLiveConfig(const LiveConfig &config);
    // The same from a MeshCache snapshot, converted off the GUI thread (used once converted).
    void setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot);

    void load(const TopologyOptions &options);
    void cancel();
    bool isLoading() const { return m_loading; }

signals:
    void graphReady(const md::telemetry::Graph &graph);
    void failed(const QString &error); // translated, names the query that failed
    void loadingChanged(bool loading);

private:
    struct Load;
    void setLoading(bool loading);

    QPointer<PrometheusClient> m_client;
    std::shared_ptr<const LiveConfig> m_config;
    quint64 m_configGeneration = 0;
    std::shared_ptr<Load> m_load;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace md::telemetry

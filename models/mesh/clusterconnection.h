#pragma once

// One cluster (a kubeconfig context): its client, its discovery and its health. Connecting
// runs discovery, looks for istiod and the mesh configuration, and asks the API server
// whether the user may write Istio resources; nothing here blocks.

#include "kube/discovery.h"
#include "kube/restconfig.h"
#include "mesh/clusterhealth.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>

namespace md::kube {
class KubeClient;
}

namespace md::mesh {

class ClusterConnection final : public QObject
{
    Q_OBJECT

public:
    ClusterConnection(md::kube::RestConfig config, QObject *parent = nullptr);
    ~ClusterConnection() override;

    QString context() const { return m_health.context; }
    const ClusterHealth &health() const { return m_health; }
    const md::kube::DiscoveryInfo &discovery() const { return m_discovery; }
    md::kube::KubeClient *client() const { return m_client.get(); }

    // Starts (or restarts) the checks; healthChanged() reports each step. Once connected,
    // the cluster is probed every probeInterval() and the health follows what the probes see.
    void connectToCluster();

    // The probes are a GET /version each; the health sums up the last `window` of them.
    static constexpr int ProbeWindow = 10;
    // Probes failing to connect in a row before the cluster is called unreachable.
    static constexpr int UnreachableAfter = 3;
    std::chrono::milliseconds probeInterval() const;
    void setProbeInterval(std::chrono::milliseconds interval);

signals:
    void healthChanged(const md::mesh::ClusterHealth &health);

private:
    void probeIstio();
    void probeMeshConfig();
    void probeAccess();
    void probe();
    void recordProbe(bool ok, qint64 latencyMs, const std::optional<md::kube::ApiError> &error);
    void update(const std::function<void(ClusterHealth &)> &change);

    ClusterHealth m_health;
    md::kube::DiscoveryInfo m_discovery;
    std::unique_ptr<md::kube::KubeClient> m_client;
    quint64 m_attempt = 0;
    QTimer m_probeTimer;
    bool m_probing = false; // a probe is in flight
    std::deque<bool> m_window; // the last probes: true = answered
};

// Parses "defaultConfig.meshId" and "trustDomain" out of the istio ConfigMap's `mesh` key.
struct MeshConfigInfo
{
    QString meshId;
    QString trustDomain;
    QString rootNamespace;
};
MeshConfigInfo parseMeshConfig(const QString &meshYaml);

// The Istio version of an istiod Deployment: its version labels, else its image tag.
QString istioVersionOf(const QJsonObject &deployment);

} // namespace md::mesh

#pragma once

// One cluster (a kubeconfig context): its client, its discovery and its health. Connecting
// runs discovery, looks for istiod and the mesh configuration, and asks the API server
// whether the user may write Istio resources; nothing here blocks.

#include "kube/discovery.h"
#include "kube/restconfig.h"
#include "mesh/clusterhealth.h"

#include <QObject>

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

    // Starts (or restarts) the checks; healthChanged() reports each step.
    void connectToCluster();

signals:
    void healthChanged(const md::mesh::ClusterHealth &health);

private:
    void probeIstio();
    void probeMeshConfig();
    void probeAccess();
    void update(const std::function<void(ClusterHealth &)> &change);

    ClusterHealth m_health;
    md::kube::DiscoveryInfo m_discovery;
    std::unique_ptr<md::kube::KubeClient> m_client;
    quint64 m_attempt = 0;
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

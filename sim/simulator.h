#pragma once

// The whole simulated mesh: N clusters, a scenario, the kubeconfig and the ready line.

#include "core/result.h"
#include "faults.h"
#include "oidcissuer.h"
#include "scenario.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace md::sim {

class Cluster;
class Telemetry;

struct SimulatorOptions
{
    ScenarioOptions scenario;
    int clusters = 2;
    QString kubeconfigPath = QStringLiteral("meshsim-kubeconfig.yaml");
    QString crdsFile; // empty: Istio kinds with permissive schemas
    QString stateDir; // empty: no persistence
    quint16 portBase = 0; // 0: ports chosen by the OS
    QString metricsListen; // HOST:PORT, empty: 127.0.0.1 with a free port
    QString readyFile; // written with the ready line once serving
    int watchHistory = 10000;
    FaultConfig faults; // applied to every cluster at start
    OidcOptions oidc; // --oidc-*: an OIDC issuer on the first cluster's port
};

class Simulator : public QObject
{
    Q_OBJECT
public:
    explicit Simulator(SimulatorOptions options, QObject *parent = nullptr);
    ~Simulator() override;

    // Starts every cluster and returns the ready line ("meshsim ready: kubeconfig=...").
    Result<QString> start();
    void shutdown();
    const QList<Cluster *> &clusters() const { return m_clusters; }

    static QStringList clusterNames(int count);

private:
    SimulatorOptions m_options;
    QList<Cluster *> m_clusters;
    Telemetry *m_telemetry = nullptr;
    std::shared_ptr<OidcIssuer> m_oidc;
};

} // namespace md::sim

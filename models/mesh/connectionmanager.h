#pragma once

// Holds one ClusterConnection per kubeconfig context the user works with. Contexts connect
// lazily (never all at start-up); one unreachable cluster never holds up the others, since
// every connection runs its own asynchronous checks.

#include "kube/kubeconfig.h"
#include "mesh/clusterhealth.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <chrono>
#include <optional>

namespace md::mesh {

class ClusterConnection;

class ConnectionManager final : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    // Replaces the configuration; connections of contexts that vanished are closed, the
    // others are kept (reconnected when their settings changed).
    void setKubeconfig(const md::kube::Kubeconfig &config);
    const md::kube::Kubeconfig &kubeconfig() const { return m_config; }
    QStringList contexts() const;

    // The connection of `context`, created (not yet connected) on first use; nullptr and an
    // error when the context cannot be resolved (the error names what is wrong).
    ClusterConnection *connection(const QString &context, QString *error = nullptr);
    // Connects (or reconnects) a context. Returns false with `error` when it cannot be resolved.
    bool connectContext(const QString &context, QString *error = nullptr);
    void disconnectContext(const QString &context);
    QStringList connectedContexts() const; // contexts asked to connect, in that order

    ClusterHealth health(const QString &context) const;
    // How often connected clusters are probed (tests shorten it).
    void setProbeInterval(std::chrono::milliseconds interval);

    struct Summary
    {
        int total = 0; // contexts asked to connect
        int connected = 0; // degraded ones included
        int degraded = 0; // connected, but recent probes failed
        int connecting = 0;
        int failed = 0;
    };
    Summary summary() const;

signals:
    void healthChanged(const QString &context, const md::mesh::ClusterHealth &health);
    void contextsChanged();
    void summaryChanged(const md::mesh::ConnectionManager::Summary &summary);

private:
    md::kube::Kubeconfig m_config;
    QHash<QString, ClusterConnection *> m_connections; // Owned (children).
    QStringList m_order;
    std::optional<std::chrono::milliseconds> m_probeInterval;
};

} // namespace md::mesh

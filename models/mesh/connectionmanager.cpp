#include "mesh/connectionmanager.h"

#include "kube/restconfig.h"
#include "mesh/clusterconnection.h"

namespace md::mesh {

using namespace md::kube;

ConnectionManager::ConnectionManager(QObject *parent)
    : QObject(parent)
{ }

ConnectionManager::~ConnectionManager() = default;

void ConnectionManager::setKubeconfig(const Kubeconfig &config)
{
    const Kubeconfig old = m_config;
    m_config = config;
    for (const QString &context : QStringList(m_order)) {
        const bool gone = !config.contexts.contains(context);
        const bool changed = !gone && old.contexts.value(context) != config.contexts.value(context);
        if (gone) {
            disconnectContext(context);
        } else if (changed) {
            delete m_connections.take(context);
            connectContext(context);
        }
    }
    emit contextsChanged();
}

QStringList ConnectionManager::contexts() const
{
    return m_config.contexts.keys();
}

ClusterConnection *ConnectionManager::connection(const QString &context, QString *error)
{
    if (ClusterConnection *existing = m_connections.value(context))
        return existing;
    ResolveOptions options;
    options.context = context;
    const Result<RestConfig> rest = resolveRestConfig(m_config, options);
    if (!rest) {
        if (error)
            *error = rest.error().toString();
        return nullptr;
    }
    auto connection = new ClusterConnection(*rest, this);
    if (m_probeInterval)
        connection->setProbeInterval(*m_probeInterval);
    connect(connection, &ClusterConnection::healthChanged, this,
            [this, context](const ClusterHealth &health) {
                emit healthChanged(context, health);
                emit summaryChanged(summary());
            });
    m_connections.insert(context, connection);
    return connection;
}

bool ConnectionManager::connectContext(const QString &context, QString *error)
{
    ClusterConnection *c = connection(context, error);
    if (!c)
        return false;
    if (!m_order.contains(context))
        m_order.append(context);
    c->connectToCluster();
    return true;
}

void ConnectionManager::disconnectContext(const QString &context)
{
    m_order.removeAll(context);
    if (ClusterConnection *c = m_connections.take(context)) {
        c->disconnect(this);
        c->deleteLater();
    }
    ClusterHealth gone;
    gone.context = context;
    emit healthChanged(context, gone);
    emit summaryChanged(summary());
}

void ConnectionManager::setProbeInterval(std::chrono::milliseconds interval)
{
    m_probeInterval = interval;
    for (ClusterConnection *c : std::as_const(m_connections))
        c->setProbeInterval(interval);
}

QStringList ConnectionManager::connectedContexts() const
{
    return m_order;
}

ClusterHealth ConnectionManager::health(const QString &context) const
{
    if (const ClusterConnection *c = m_connections.value(context))
        return c->health();
    ClusterHealth h;
    h.context = context;
    return h;
}

ConnectionManager::Summary ConnectionManager::summary() const
{
    Summary s;
    for (const QString &context : m_order) {
        ++s.total;
        switch (health(context).state) {
        case ClusterHealth::State::Connected:
            ++s.connected;
            if (health(context).isDegraded())
                ++s.degraded;
            break;
        case ClusterHealth::State::Connecting:
        case ClusterHealth::State::NotConnected:
            ++s.connecting;
            break;
        default:
            ++s.failed;
            break;
        }
    }
    return s;
}

} // namespace md::mesh

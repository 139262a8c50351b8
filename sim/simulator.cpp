#include "simulator.h"

#include "cluster.h"
#include "kubeconfig.h"
#include "registry.h"
#include "telemetry.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include "schema/crd.h"

using namespace Qt::StringLiterals;

namespace md::sim {

Simulator::Simulator(SimulatorOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{ }

Simulator::~Simulator()
{
    shutdown();
}

QStringList Simulator::clusterNames(int count)
{
    QStringList names {u"primary"_s};
    if (count == 2)
        names << u"member"_s;
    else
        for (int i = 1; i < count; ++i)
            names << u"member-"_s + QString::number(i);
    return names;
}

Result<QString> Simulator::start()
{
    if (m_options.clusters < 1 || m_options.clusters > 16)
        return unexpected(u"usage"_s, u"--clusters must be between 1 and 16"_s);
    QList<QJsonObject> crds;
    if (!m_options.crdsFile.isEmpty()) {
        auto loaded = schema::loadCrdFile(m_options.crdsFile);
        if (!loaded)
            return unexpected(loaded.error());
        for (const schema::Crd &crd : *loaded)
            crds << crd.raw;
    } else {
        crds = permissiveIstioCrds();
    }
    const QStringList names = clusterNames(m_options.clusters);
    bool restored = false;
    for (int i = 0; i < names.size(); ++i) {
        ClusterConfig config;
        config.name = names[i];
        config.network = u"network-"_s + names[i];
        config.meshId = u"mesh1"_s;
        config.controlPlane = i == 0;
        config.port = m_options.portBase ? quint16(m_options.portBase + i) : 0;
        config.watchHistory = m_options.watchHistory;
        if (!m_options.stateDir.isEmpty())
            config.stateFile = QDir(m_options.stateDir).filePath(names[i] + u".json"_s);
        auto *cluster = new Cluster(config, this);
        m_clusters << cluster;
        if (auto started = cluster->start(); !started)
            return unexpected(started.error().code, started.error().message,
                              names[i] + u": "_s + started.error().where);
        restored |= cluster->restoredFromState();
        if (!cluster->restoredFromState()) {
            for (const QJsonObject &crd : crds)
                if (auto installed = cluster->installCrd(crd); !installed)
                    return unexpected(installed.error());
        }
    }
    if (!restored) {
        if (auto populated = populateScenario(m_clusters, m_options.scenario); !populated)
            return unexpected(populated.error());
    }
    for (Cluster *c : m_clusters) {
        c->settle();
        c->setFaults(m_options.faults);
    }
    if (m_options.oidc.enabled) {
        m_oidc = std::make_shared<OidcIssuer>(m_options.oidc);
        m_oidc->setServerUrl(m_clusters.first()->serverUrl());
        for (Cluster *c : m_clusters)
            c->setOidcIssuer(m_oidc, c == m_clusters.first());
    }

    m_telemetry = new Telemetry(m_clusters, this);
    auto metricsUrl = m_telemetry->listen(m_options.metricsListen);
    if (!metricsUrl)
        return unexpected(metricsUrl.error());

    if (auto written = writeKubeconfig(m_options.kubeconfigPath, m_clusters, m_oidc.get());
        !written)
        return unexpected(written.error());
    const QString line = u"meshsim ready: kubeconfig="_s
        + QFileInfo(m_options.kubeconfigPath).absoluteFilePath() + u" metrics="_s + *metricsUrl;
    if (!m_options.readyFile.isEmpty()) {
        QSaveFile ready(m_options.readyFile);
        if (!ready.open(QIODevice::WriteOnly))
            return unexpected(u"ready-file"_s, ready.errorString(), m_options.readyFile);
        ready.write(line.toUtf8() + '\n');
        if (!ready.commit())
            return unexpected(u"ready-file"_s, ready.errorString(), m_options.readyFile);
    }
    return line;
}

void Simulator::shutdown()
{
    for (Cluster *c : m_clusters)
        c->flushState();
}

} // namespace md::sim

#include "meshsimprocess.h"

#include "kube/kubeconfig.h"
#include "mesh/clusterconnection.h"
#include "mesh/connectionmanager.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace md::mesh;
using md::kube::Kubeconfig;

class tst_ConnectionManager : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void contextsConnectLazily();
    void connectedClusterReportsVersionsAndAccess();
    void viewerCannotWriteIstio();
    void hangingClusterDoesNotHoldUpTheOthers();
    void unknownContextIsAnError();
    void parsesMeshConfig();
    void istioVersionFromImage();

private:
    Kubeconfig withExtraCluster(const QString &name, const QString &server) const;

    md::testing::MeshsimProcess m_sim;
    Kubeconfig m_kubeconfig;
    QTcpServer m_blackhole; // accepts connections and never answers
    QList<QTcpSocket *> m_held;
};

void tst_ConnectionManager::initTestCase()
{
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto loaded = md::kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(loaded);
    m_kubeconfig = *loaded;
    QVERIFY(m_blackhole.listen(QHostAddress::LocalHost));
    connect(&m_blackhole, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = m_blackhole.nextPendingConnection())
            m_held.append(s);
    });
}

void tst_ConnectionManager::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

Kubeconfig tst_ConnectionManager::withExtraCluster(const QString &name, const QString &server) const
{
    Kubeconfig config = m_kubeconfig;
    md::kube::Cluster cluster = config.clusters.value(QStringLiteral("meshsim-primary"));
    cluster.server = server;
    config.clusters.insert(name, cluster);
    md::kube::Context context = config.contexts.value(QStringLiteral("meshsim-primary"));
    context.cluster = name;
    config.contexts.insert(name, context);
    return config;
}

void tst_ConnectionManager::contextsConnectLazily()
{
    ConnectionManager manager;
    QSignalSpy health(&manager, &ConnectionManager::healthChanged);
    manager.setKubeconfig(m_kubeconfig);
    QVERIFY(manager.contexts().contains(QStringLiteral("meshsim-member")));
    QVERIFY(manager.connectedContexts().isEmpty());
    QCOMPARE(manager.summary().total, 0);
    // Connecting one context contacts that one only: every health report until it is
    // connected is about it, and the other context is never contacted.
    QVERIFY(manager.connectContext(QStringLiteral("meshsim-member")));
    QTRY_COMPARE_WITH_TIMEOUT(manager.health(QStringLiteral("meshsim-member")).state,
                              ClusterHealth::State::Connected, 30000);
    QVERIFY(health.count() > 0);
    for (const QList<QVariant> &report : std::as_const(health))
        QCOMPARE(report.at(0).toString(), QStringLiteral("meshsim-member"));
    QCOMPARE(manager.health(QStringLiteral("meshsim-primary")).state,
             ClusterHealth::State::NotConnected);
    QCOMPARE(manager.connectedContexts(), QStringList {QStringLiteral("meshsim-member")});
    QCOMPARE(manager.summary().total, 1);
}

void tst_ConnectionManager::connectedClusterReportsVersionsAndAccess()
{
    ConnectionManager manager;
    manager.setKubeconfig(m_kubeconfig);
    QVERIFY(manager.connectContext(QStringLiteral("meshsim-primary")));
    QVERIFY(manager.connectContext(QStringLiteral("meshsim-member")));
    for (const QString &context :
         {QStringLiteral("meshsim-primary"), QStringLiteral("meshsim-member")}) {
        QTRY_COMPARE_WITH_TIMEOUT(manager.health(context).state, ClusterHealth::State::Connected,
                                  20000);
        QTRY_VERIFY_WITH_TIMEOUT(manager.health(context).canWriteIstio.has_value(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!manager.health(context).meshId.isEmpty(), 20000);
        const ClusterHealth h = manager.health(context);
        QVERIFY2(h.kubernetesVersion.startsWith(QLatin1Char('v')), qPrintable(h.kubernetesVersion));
        QVERIFY2(h.hasIstio(), "the demo runs istiod in every cluster");
        QVERIFY(h.istioVersion.at(0).isDigit());
        QVERIFY(*h.canWriteIstio);
        QVERIFY(h.latencyMs >= 0);
        QVERIFY(!h.lastError);
    }
    // One mesh: both clusters report the same mesh ID.
    QCOMPARE(manager.health(QStringLiteral("meshsim-primary")).meshId,
             manager.health(QStringLiteral("meshsim-member")).meshId);
    QCOMPARE(manager.summary().connected, 2);
    QCOMPARE(manager.summary().failed, 0);

    manager.disconnectContext(QStringLiteral("meshsim-member"));
    QCOMPARE(manager.connectedContexts(), QStringList {QStringLiteral("meshsim-primary")});
    QCOMPARE(manager.summary().total, 1);
}

void tst_ConnectionManager::viewerCannotWriteIstio()
{
    ConnectionManager manager;
    manager.setKubeconfig(m_kubeconfig);
    QVERIFY(manager.connectContext(QStringLiteral("meshsim-primary-viewer")));
    QTRY_VERIFY_WITH_TIMEOUT(
        manager.health(QStringLiteral("meshsim-primary-viewer")).canWriteIstio.has_value(), 20000);
    QCOMPARE(*manager.health(QStringLiteral("meshsim-primary-viewer")).canWriteIstio, false);
    QCOMPARE(manager.health(QStringLiteral("meshsim-primary-viewer")).state,
             ClusterHealth::State::Connected);
}

void tst_ConnectionManager::hangingClusterDoesNotHoldUpTheOthers()
{
    ConnectionManager manager;
    Kubeconfig config
        = withExtraCluster(QStringLiteral("hanging"),
                           QStringLiteral("https://127.0.0.1:%1").arg(m_blackhole.serverPort()));
    config = [&] {
        Kubeconfig c = config;
        md::kube::Cluster refused = c.clusters.value(QStringLiteral("meshsim-primary"));
        refused.server = QStringLiteral("https://127.0.0.1:1");
        c.clusters.insert(QStringLiteral("refused"), refused);
        md::kube::Context ctx = c.contexts.value(QStringLiteral("meshsim-primary"));
        ctx.cluster = QStringLiteral("refused");
        c.contexts.insert(QStringLiteral("refused"), ctx);
        return c;
    }();
    manager.setKubeconfig(config);
    QVERIFY(manager.connectContext(QStringLiteral("hanging")));
    QVERIFY(manager.connectContext(QStringLiteral("refused")));
    QVERIFY(manager.connectContext(QStringLiteral("meshsim-primary")));
    QTRY_COMPARE_WITH_TIMEOUT(manager.health(QStringLiteral("meshsim-primary")).state,
                              ClusterHealth::State::Connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(manager.health(QStringLiteral("refused")).state,
                              ClusterHealth::State::Unreachable, 10000);
    QVERIFY(manager.health(QStringLiteral("refused")).lastError.has_value());
    QCOMPARE(manager.health(QStringLiteral("hanging")).state, ClusterHealth::State::Connecting);
    const auto s = manager.summary();
    QCOMPARE(s.total, 3);
    QCOMPARE(s.connected, 1);
    QCOMPARE(s.failed, 1);
    QCOMPARE(s.connecting, 1);
}

void tst_ConnectionManager::unknownContextIsAnError()
{
    ConnectionManager manager;
    manager.setKubeconfig(m_kubeconfig);
    QString error;
    QVERIFY(!manager.connectContext(QStringLiteral("nope"), &error));
    QVERIFY2(error.contains(QStringLiteral("nope")), qPrintable(error));
    QVERIFY(manager.connectedContexts().isEmpty());
}

void tst_ConnectionManager::parsesMeshConfig()
{
    const MeshConfigInfo info = parseMeshConfig(QStringLiteral(
        "defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n  meshId: mesh-a\n"
        "rootNamespace: istio-system\ntrustDomain: example.org\n"));
    QCOMPARE(info.meshId, QStringLiteral("mesh-a"));
    QCOMPARE(info.trustDomain, QStringLiteral("example.org"));
    QCOMPARE(info.rootNamespace, QStringLiteral("istio-system"));
    QCOMPARE(parseMeshConfig(QStringLiteral(": : not yaml [")).meshId, QString());
}

void tst_ConnectionManager::istioVersionFromImage()
{
    const QJsonObject d = QJsonDocument::fromJson(R"({"metadata":{"labels":{"app":"istiod"}},
        "spec":{"template":{"spec":{"containers":[{"name":"discovery","image":"registry:5000/istio/pilot:1.24.2"}]}}}})")
                              .object();
    QCOMPARE(istioVersionOf(d), QStringLiteral("1.24.2"));
    const QJsonObject labelled
        = QJsonDocument::fromJson(
              R"({"metadata":{"labels":{"operator.istio.io/version":"1.23.0"}}})")
              .object();
    QCOMPARE(istioVersionOf(labelled), QStringLiteral("1.23.0"));
    QCOMPARE(istioVersionOf(QJsonObject()), QString());
}

QTEST_GUILESS_MAIN(tst_ConnectionManager)
#include "tst_connectionmanager.moc"

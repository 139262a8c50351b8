// Health that stays true: with meshsim failing half of all requests, adding latency and
// dropping watches, a connected cluster turns Degraded within seconds and says how many
// requests fail and how old its data is; it turns healthy again when the faults stop, and
// Unreachable (with the time of the data shown) when its API server goes away.

#include "meshsimclient.h"
#include "meshsimprocess.h"

#include "items/clustermodel.h"
#include "kube/kubeconfig.h"
#include "mesh/clusterconnection.h"
#include "mesh/connectionmanager.h"
#include "mesh/healthtext.h"
#include "mesh/meshcache.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace md::mesh;
using namespace Qt::StringLiterals;

class tst_ClusterHealth : public QObject
{
    Q_OBJECT

private slots:
    void textsSayWhatIsGoingOn();
    void degradedUnderFaultsAndClearsAfter();

private:
    ClusterHealth connected() const;
};

ClusterHealth tst_ClusterHealth::connected() const
{
    ClusterHealth h;
    h.context = u"prod"_s;
    h.state = ClusterHealth::State::Connected;
    return h;
}

void tst_ClusterHealth::textsSayWhatIsGoingOn()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ClusterHealth h = connected();
    h.probes.sent = 10;
    QCOMPARE(liveCondition(h, std::nullopt), LiveCondition::Healthy);
    QCOMPARE(liveHealthText(h, std::nullopt, now), u"Connected"_s);

    MeshCache::CacheStatus cache;
    cache.informers = 18;
    cache.synced = 18;
    QCOMPARE(liveCondition(h, cache), LiveCondition::Healthy);
    cache.synced = 12;
    QCOMPARE(liveHealthText(h, cache, now), u"Connected, loading (12 of 18 kinds)"_s);
    cache.synced = 18;

    h.probes.failed = 5;
    h.probes.sent = 10;
    QCOMPARE(liveCondition(h, cache), LiveCondition::Degraded);
    QCOMPARE(liveHealthText(h, cache, now), u"Degraded: 50 % of requests failing"_s);
    cache.backingOff = 3;
    cache.staleSince = now.addSecs(-12);
    QCOMPARE(liveHealthText(h, cache, now),
             u"Degraded: 50 % of requests failing, 3 of 18 caches retrying, data 12 s old"_s);

    // The probes are fine but the caches are not: still degraded, and why.
    h.probes.failed = 0;
    QCOMPARE(liveCondition(h, cache), LiveCondition::Degraded);
    QCOMPARE(liveHealthText(h, cache, now), u"Degraded: 3 of 18 caches retrying, data 12 s old"_s);

    // Gone after having been connected: since when, and how old the data shown is.
    h.state = ClusterHealth::State::Unreachable;
    h.probes.failingSince = now.addSecs(-30);
    h.probes.lastSuccessAt = now.addSecs(-32);
    cache.staleSince = now.addSecs(-40);
    const QString clock = u"HH:mm:ss"_s;
    QCOMPARE(liveCondition(h, cache), LiveCondition::Down);
    QCOMPARE(liveHealthText(h, cache, now),
             u"Unreachable since %1, showing data from %2"_s.arg(
                 h.probes.failingSince.toLocalTime().toString(clock),
                 cache.staleSince.toLocalTime().toString(clock)));
    QCOMPARE(liveHealthText(h, std::nullopt, now),
             u"Unreachable since %1, showing data from %2"_s.arg(
                 h.probes.failingSince.toLocalTime().toString(clock),
                 h.probes.lastSuccessAt.toLocalTime().toString(clock)));

    // Never connected: the plain state and the error.
    ClusterHealth never;
    never.state = ClusterHealth::State::Unreachable;
    md::kube::ApiError error;
    error.message = u"connection refused"_s;
    never.lastError = error;
    QVERIFY(liveHealthText(never, std::nullopt, now).startsWith(u"Unreachable: "_s));

    QCOMPARE(ageText(5), u"5 s"_s);
    QCOMPARE(ageText(600), u"10 min"_s);
    QCOMPARE(ageText(3 * 3600 + 5), u"3 h"_s);
}

void tst_ClusterHealth::degradedUnderFaultsAndClearsAfter()
{
    md::testing::MeshsimProcess sim;
    const QString started = sim.start({u"--scenario"_s, u"demo"_s});
    QVERIFY2(started.isEmpty(), qPrintable(started));
    md::testing::MeshsimClient admin;
    const QString loaded = admin.load(sim.kubeconfig());
    QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
    auto config = md::kube::loadKubeconfigFile(sim.kubeconfig());
    QVERIFY(config);

    ConnectionManager manager;
    manager.setKubeconfig(*config);
    manager.setProbeInterval(std::chrono::milliseconds(200));
    const QString context = u"meshsim-primary"_s;
    QVERIFY(manager.connectContext(context));
    QTRY_VERIFY_WITH_TIMEOUT(manager.health(context).isUp(), 30000);
    MeshCache cache(&manager);
    cache.setClusters({context});
    QTRY_VERIFY_WITH_TIMEOUT(cache.isSynced(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(manager.health(context).probes.sent >= 3, 10000);
    QCOMPARE(liveCondition(manager.health(context), cache.status(context)), LiveCondition::Healthy);

    md::ClusterModel model(&manager);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMeshCache(&cache);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex state = model.index(0, md::ClusterModel::StateColumn);
    QCOMPARE(state.data().toString(), u"Connected"_s);

    // Half of all requests fail, 300 ms more per answer, watches dropped every 5 s.
    QCOMPARE(admin
                 .send("PATCH", u"/meshsim/faults"_s,
                       R"({"errorRate":0.5,"latencyMs":300,"dropWatchesEverySeconds":5})")
                 .status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(manager.health(context).isDegraded(), 10000);
    const ClusterHealth degraded = manager.health(context);
    QVERIFY(degraded.failurePercent() > 0);
    QVERIFY(degraded.probes.lastFailure.has_value());
    QCOMPARE(degraded.probes.lastFailure->code, 500);
    QVERIFY2(state.data().toString().startsWith(u"Degraded: "_s),
             qPrintable(state.data().toString()));
    QVERIFY(state.data().toString().contains(u"% of requests failing"_s));
    QCOMPARE(LiveCondition(state.data(md::ClusterModel::ConditionRole).toInt()),
             LiveCondition::Degraded);
    QCOMPARE(manager.summary().degraded, 1);
    // The latency measured now, not at connect time.
    QTRY_VERIFY_WITH_TIMEOUT(manager.health(context).latencyMs >= 300, 10000);

    // The faults stop: healthy again once the probes and the caches recover.
    QCOMPARE(admin.send("PUT", u"/meshsim/faults"_s, "{}").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(liveCondition(manager.health(context), cache.status(context)),
                              LiveCondition::Healthy, 90000);
    QCOMPARE(state.data().toString(), u"Connected"_s);
    QCOMPARE(manager.summary().degraded, 0);
    QVERIFY(manager.health(context).latencyMs < 300);

    // The API server goes away: unreachable since the first failed probe, with the data kept.
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QCOMPARE(sim.stop(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(manager.health(context).state, ClusterHealth::State::Unreachable,
                              15000);
    const ClusterHealth down = manager.health(context);
    QVERIFY(down.probes.failingSince >= before.addSecs(-1));
    QVERIFY(down.probes.lastSuccessAt.isValid());
    QVERIFY2(state.data().toString().startsWith(u"Unreachable since "_s),
             qPrintable(state.data().toString()));
    QVERIFY(state.data().toString().contains(u", showing data from "_s));
    QVERIFY(cache.objectCount() > 0); // the data shown is kept
}

QTEST_GUILESS_MAIN(tst_ClusterHealth)
#include "tst_clusterhealth.moc"

// The status bar's live checks follow the selected mesh: a broken policy applied to a
// meshsim cluster turns into an error there, and the dialog lists and filters it.

#include "guitestutils.h"
#include "meshsimprocess.h"

#include "checks/checksdialog.h"
#include "checks/checksstatus.h"
#include "core/translations.h"
#include "items/messagemodel.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/liveanalysis.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMainWindow>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace md;

class tst_Checks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void followsTheSelectedMesh();

private:
    testing::MeshsimProcess m_sim;
    kube::Kubeconfig m_kubeconfig;
};

void tst_Checks::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
    md::installTranslations(QLocale(QLocale::English));
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto loaded = kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(loaded);
    m_kubeconfig = *loaded;
}

void tst_Checks::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void tst_Checks::followsTheSelectedMesh()
{
    const QString primary = QStringLiteral("meshsim-primary");
    const QString member = QStringLiteral("meshsim-member");
    mesh::ConnectionManager manager;
    manager.setKubeconfig(m_kubeconfig);
    QVERIFY(manager.connectContext(primary));
    QVERIFY(manager.connectContext(member));
    store::MeshStore store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    mesh::MeshRegistry registry(&store, &manager);

    QMainWindow window;
    auto *status = new ui::ChecksStatus(&manager, &registry, &window);
    window.statusBar()->addPermanentWidget(status);
    window.resize(1200, 300);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemModelTester tester(status->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!status->isVisible()); // no mesh selected: nothing to check

    mesh::Mesh demo;
    demo.name = QStringLiteral("demo");
    demo.type = mesh::Mesh::Type::Hosted;
    demo.controlPlane = primary;
    demo.members = {member};
    QVERIFY(registry.save(demo));
    QVERIFY(registry.selectMesh(demo.name));
    QTRY_VERIFY_WITH_TIMEOUT(status->isVisible(), 5000);
    QCOMPARE(status->cache()->clusters(), (QStringList {primary, member}));
    QTRY_VERIFY_WITH_TIMEOUT(status->analysis()->runs() >= 1, 30000);
    QVERIFY(status->text().startsWith(QStringLiteral("Mesh checks:")));
    const int errorsBefore = status->model()->errorCount();

    // A VirtualService routing to a host nothing serves.
    kube::ResolveOptions resolve;
    resolve.context = primary;
    kube::KubeClient admin(*kube::resolveRestConfig(m_kubeconfig, resolve));
    const QJsonObject vs = QJsonDocument::fromJson(R"({
        "apiVersion":"networking.istio.io/v1","kind":"VirtualService",
        "metadata":{"name":"to-nowhere","namespace":"bookinfo"},
        "spec":{"hosts":["to-nowhere.example.com"],
                "http":[{"route":[{"destination":{"host":"nowhere"}}]}]}})")
                               .object();
    std::optional<kube::ObjectResult> created;
    admin.create({QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                  QStringLiteral("virtualservices"), true, QStringLiteral("VirtualService")},
                 QStringLiteral("bookinfo"), vs, {}, this,
                 [&](kube::ObjectResult r) { created.emplace(std::move(r)); });
    QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 20000);
    QVERIFY(*created);
    QTRY_COMPARE_WITH_TIMEOUT(status->model()->errorCount(), errorsBefore + 1, 20000);
    QVERIFY2(status->text().contains(QStringLiteral("error")), qPrintable(status->text()));

    // The dialog lists it; the filter narrows the table to it.
    QTest::mouseClick(status, Qt::LeftButton);
    ui::ChecksDialog *dialog = status->dialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->table()->model()->rowCount(), status->model()->rowCount());
    QTest::keyClicks(dialog->filter(), QStringLiteral("to-nowhere"));
    QCOMPARE(dialog->proxy()->rowCount(), 1);
    const QModelIndex row = dialog->proxy()->index(0, MessageModel::CodeColumn);
    QCOMPARE(row.data().toString(), QStringLiteral("IST0101"));
    QCOMPARE(dialog->proxy()->index(0, MessageModel::ClusterColumn).data().toString(), primary);
    dialog->filter()->clear();
    QTest::qWait(100);
    const QImage shot = dialog->grab().toImage();
    QVERIFY(shot.save(QStringLiteral(SCREENSHOT_DIR "/checks-dialog.png")));
    QVERIFY(window.grab().toImage().save(QStringLiteral(SCREENSHOT_DIR "/checks-status.png")));

    // Switching to another mesh (the member cluster alone, where the VirtualService is not)
    // points the caches at its cluster and drops the first mesh's messages.
    mesh::Mesh memberOnly;
    memberOnly.name = QStringLiteral("member-only");
    memberOnly.type = mesh::Mesh::Type::Dedicated;
    memberOnly.controlPlane = member;
    QVERIFY(registry.save(memberOnly));
    const int runsBefore = status->analysis()->runs();
    QVERIFY(registry.selectMesh(memberOnly.name));
    QTRY_COMPARE_WITH_TIMEOUT(status->cache()->clusters(), QStringList {member}, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(status->analysis()->runs() > runsBefore && status->cache()->isSynced(),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Mesh checks:")), 30000);
    for (int r = 0; r < status->model()->rowCount(); ++r) {
        const QModelIndex cluster = status->model()->index(r, MessageModel::ClusterColumn);
        QCOMPARE(cluster.data().toString(), member);
    }
    dialog->filter()->setText(QStringLiteral("to-nowhere"));
    QCOMPARE(dialog->proxy()->rowCount(), 0);

    // Back to the first mesh: its message comes back.
    QVERIFY(registry.selectMesh(demo.name));
    QTRY_COMPARE_WITH_TIMEOUT(status->cache()->clusters(), (QStringList {primary, member}), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->proxy()->rowCount(), 1, 30000);

    // No mesh selected: nothing to check.
    QVERIFY(registry.remove(demo.name));
    QVERIFY(registry.remove(memberOnly.name));
    QTRY_VERIFY_WITH_TIMEOUT(!status->isVisible(), 5000);
    QCOMPARE(status->model()->rowCount(), 0);
}

QTEST_MAIN(tst_Checks)
#include "tst_checks.moc"

#include "guitestutils.h"
#include "meshsimprocess.h"

#include "clusters/addclusterdialog.h"
#include "clusters/clusterspage.h"
#include "core/translations.h"
#include "items/clustermodel.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshregistry.h"
#include "shell/connectionstatus.h"
#include "shell/emptystatepage.h"
#include "shell/mainwindow.h"
#include "shell/meshselector.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFrame>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace md;

class tst_ClustersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void addConnectShowAndRemove();

private:
    md::testing::MeshsimProcess m_sim;
    md::kube::Kubeconfig m_kubeconfig;
};

void tst_ClustersPage::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
    md::installTranslations(QLocale(QLocale::English));
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto loaded = md::kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(loaded);
    m_kubeconfig = *loaded;
}

void tst_ClustersPage::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

void tst_ClustersPage::addConnectShowAndRemove()
{
    mesh::ConnectionManager manager;
    manager.setKubeconfig(m_kubeconfig);
    store::MeshStore store;
    QVERIFY(store.open(QStringLiteral(":memory:")));
    mesh::MeshRegistry registry(&store, &manager);
    ui::MainWindow window(&manager, &registry);
    window.resize(1400, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showPage(QStringLiteral("clusters"));
    auto page = qobject_cast<ui::ClustersPage *>(window.currentPage());
    QVERIFY(page);
    QAbstractItemModelTester tester(page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Nothing connected: the page says so.
    QVERIFY(!page->table()->isVisible());
    QVERIFY(!page->removeAction()->isEnabled());

    // Add the two admin contexts through the dialog.
    bool dialogSeen = false;
    // The dialog is modal: act on it from a timer that waits until it is up (under load it
    // may take a while to appear).
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto dialog = qobject_cast<ui::AddClusterDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll.stop();
        dialogSeen = true;
        QListWidget *list = dialog->list();
        // A failed check must close the modal dialog, or exec() would wait for ever and the
        // test would hang until CTest's timeout instead of failing here.
        bool checked = false;
        [&] {
            QCOMPARE(list->count(), 4); // two clusters, admin and viewer each
            checked = true;
        }();
        if (!checked) {
            dialog->reject();
            return;
        }
        for (int i = 0; i < list->count(); ++i) {
            const QString ctx = list->item(i)->data(Qt::UserRole).toString();
            if (!ctx.endsWith(QLatin1String("-viewer")))
                list->item(i)->setCheckState(Qt::Checked);
        }
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    poll.start();
    page->addAction()->trigger();
    QVERIFY(dialogSeen);
    QCOMPARE(page->model()->rowCount(), 2);
    QVERIFY(page->table()->isVisible());

    // Health arrives: connected, versions, Istio, mesh ID, read-write.
    QTRY_COMPARE_WITH_TIMEOUT(manager.summary().connected, 2, 20000);
    // Each cluster's checks finish on their own: wait for every row's access and mesh ID.
    for (int row = 0; row < 2; ++row) {
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->model()->index(row, ClusterModel::AccessColumn).data().toString().isEmpty(),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->model()->index(row, ClusterModel::MeshColumn).data().toString().isEmpty(),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->model()->index(row, ClusterModel::IstioColumn).data().toString().isEmpty(),
            20000);
    }
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(page->model()->index(row, ClusterModel::StateColumn).data().toString(),
                 QStringLiteral("Connected"));
        QVERIFY(page->model()
                    ->index(row, ClusterModel::KubernetesColumn)
                    .data()
                    .toString()
                    .startsWith(QLatin1Char('v')));
        QVERIFY(
            page->model()->index(row, ClusterModel::IstioColumn).data().toString().at(0).isDigit());
        QCOMPARE(page->model()->index(row, ClusterModel::AccessColumn).data().toString(),
                 QStringLiteral("read and write"));
    }
    QVERIFY(window.connectionStatus()->text().contains(QStringLiteral("2 clusters")));
    QCOMPARE(window.connectionStatus()->state(), ui::ConnectionStatus::State::Connected);
    // The two clusters share mesh ID mesh1: MeshDesk proposes to keep them as one mesh.
    QTRY_VERIFY_WITH_TIMEOUT(page->proposalBar()->isVisible(), 10000);
    QTest::qWait(300);
    QVERIFY(window.grab().save(QStringLiteral(SCREENSHOT_DIR "/clusters-page.png")));
    QVERIFY(!window.meshSelector()->meshBox()->isEnabled());
    page->keepMeshButton()->click();
    QCOMPARE(registry.meshes().size(), 1);
    QCOMPARE(registry.meshes().constFirst().clusters().size(), 2);
    QCOMPARE(registry.meshes().constFirst().type, mesh::Mesh::Type::Hosted);
    // The kubeconfig's current context is proposed as the control plane.
    QCOMPARE(registry.meshes().constFirst().controlPlane, m_kubeconfig.currentContext);
    QCOMPARE(registry.currentMesh(), QStringLiteral("mesh1"));
    QVERIFY(!page->proposalBar()->isVisible());
    QVERIFY(window.meshSelector()->meshBox()->isEnabled());
    QCOMPARE(window.meshSelector()->meshBox()->currentText(), QStringLiteral("mesh1"));
    QCOMPARE(store.meshes()->size(), 1); // kept in the store

    // Remove the first cluster with the keyboard.
    QApplication::setActiveWindow(&window);
    page->table()->setFocus();
    page->table()->selectRow(0);
    QVERIFY(page->removeAction()->isEnabled());
    const QString removed = page->model()->contextAt(0);
    QTest::keyClick(page->table(), Qt::Key_Delete);
    QCOMPARE(page->model()->rowCount(), 1);
    QVERIFY(!manager.connectedContexts().contains(removed));
    QVERIFY(window.connectionStatus()->text().contains(QStringLiteral("1 cluster")));
}

QTEST_MAIN(tst_ClustersPage)
#include "tst_clusterspage.moc"

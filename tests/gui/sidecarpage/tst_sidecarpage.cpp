// The Sidecars pages (namespaces and workloads) against the real meshsim demo (two clusters
// over HTTPS) in the main window under Xvfb: loading then the demo's rows, system namespaces
// hidden by default, search and filters; enabling injection for the legacy namespace through
// the page, its review and apply makes legacy-batch "Pending restart" with the deciding rule
// in its tooltip; "Restart" through the review gives its pods a sidecar, shown in the detail
// pane; the resources and passthrough dialogs refuse bad values naming them. Every model
// runs under QAbstractItemModelTester. Screenshots of both pages go to SCREENSHOT_DIR.

#include "guitestutils.h"
#include "meshsimprocess.h"

#include "core/translations.h"
#include "editors/reviewdialog.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshregistry.h"
#include "shell/mainwindow.h"
#include "sidecar/sidecarmodels.h"
#include "sidecars/sidecardialogs.h"
#include "sidecars/sidecarpages.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace md;
using namespace md::sidecar;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");
constexpr int Timeout = 30000;

ui::ReviewDialog *openReview()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        auto dialog = qobject_cast<ui::ReviewDialog *>(w);
        if (dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

bool reviewAndApply()
{
    ui::ReviewDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = openReview()) != nullptr; }, Timeout))
        return false;
    dialog->setConfirmWarnings(false);
    if (!QTest::qWaitFor([&] { return dialog->dryRunDone() && !dialog->isBusy(); }, Timeout))
        return false;
    QSignalSpy finished(dialog, &ui::ReviewDialog::applyFinished);
    if (!dialog->applyButton()->isEnabled())
        return false;
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    if (!finished.wait(Timeout) && finished.isEmpty())
        return false;
    const bool ok = finished.at(0).at(0).value<apply::ApplyReport>().ok();
    dialog->close();
    return ok;
}

// Selects the source row with `key` in a page's table.
bool selectKey(QTableView *table, const QSortFilterProxyModel *filter, const QString &key)
{
    for (int row = 0; row < filter->rowCount(); ++row) {
        const QModelIndex index = filter->index(row, 0);
        if (index.data(KeyRole).toString() == key) {
            table->selectionModel()->select(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            table->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

} // namespace

class tst_SidecarPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void namespacePageListsTheDemo();
    void enableNamespaceThroughTheReview();
    void workloadPageShowsPendingRestartAndRestarts();
    void workloadFilters();
    void dialogsRefuseBadValues();

private:
    template<typename Page> Page *showPage(const QString &id);
    void screenshot(const QString &name);

    testing::MeshsimProcess m_sim;
    std::unique_ptr<mesh::ConnectionManager> m_manager;
    std::unique_ptr<store::MeshStore> m_store;
    std::unique_ptr<mesh::MeshRegistry> m_registry;
    std::unique_ptr<ui::MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void tst_SidecarPage::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
    md::installTranslations(QLocale(QLocale::English));
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto kubeconfig = kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(kubeconfig);
    m_manager = std::make_unique<mesh::ConnectionManager>();
    m_manager->setKubeconfig(*kubeconfig);
    m_store = std::make_unique<store::MeshStore>();
    QVERIFY(m_store->open(QStringLiteral(":memory:")));
    m_registry = std::make_unique<mesh::MeshRegistry>(m_store.get(), m_manager.get());
    mesh::Mesh demo;
    demo.name = QStringLiteral("demo");
    demo.type = mesh::Mesh::Type::Hosted;
    demo.controlPlane = Primary;
    demo.members = {Member};
    QVERIFY(m_registry->save(demo));
    m_window = std::make_unique<ui::MainWindow>(m_manager.get(), m_registry.get(), m_store.get());
    m_window->resize(1500, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SidecarPage::cleanupTestCase()
{
    m_testers.clear();
    m_window.reset();
    m_registry.reset();
    m_manager.reset();
    QCOMPARE(m_sim.stop(), 0);
}

template<typename Page> Page *tst_SidecarPage::showPage(const QString &id)
{
    m_window->showPage(id);
    return qobject_cast<Page *>(m_window->currentPage());
}

void tst_SidecarPage::screenshot(const QString &name)
{
    QTest::qWait(200);
    QVERIFY(
        m_window->grab().save(QStringLiteral(SCREENSHOT_DIR "/") + name + QStringLiteral(".png")));
}

void tst_SidecarPage::namespacePageListsTheDemo()
{
    auto page = showPage<ui::NamespaceSidecarPage>(QStringLiteral("sidecars.namespaces"));
    QVERIFY(page);
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    m_testers.push_back(
        std::make_unique<QAbstractItemModelTester>(page->loader()->namespaces(), Mode::QtTest));
    m_testers.push_back(
        std::make_unique<QAbstractItemModelTester>(page->filterModel(), Mode::QtTest));
    // No mesh yet, then the mesh is selected before its clusters answer: loading.
    QVERIFY2(page->stateText().startsWith("No mesh selected"), qPrintable(page->stateText()));
    QVERIFY(m_registry->selectMesh(QStringLiteral("demo")));
    QTRY_VERIFY_WITH_TIMEOUT(page->stateText().startsWith("Loading namespaces"), Timeout);
    QVERIFY2(page->stateText().contains("mesh demo"), qPrintable(page->stateText()));
    screenshot(QStringLiteral("sidecars-loading"));
    for (const QString &context : {Primary, Member})
        QVERIFY(m_manager->connectContext(context));
    QTRY_VERIFY_WITH_TIMEOUT(page->isShowingTable() && page->filterModel()->rowCount() >= 8,
                             Timeout);
    // System namespaces are hidden by default.
    QVERIFY(!page->systemToggle()->isChecked());
    for (int row = 0; row < page->filterModel()->rowCount(); ++row)
        QVERIFY(!page->filterModel()->index(row, 0).data().toString().contains("system"));
    const int shown = page->filterModel()->rowCount();
    page->systemToggle()->setChecked(true);
    QVERIFY(page->filterModel()->rowCount() > shown);
    page->systemToggle()->setChecked(false);
    QCOMPARE(page->filterModel()->rowCount(), shown);

    QTest::keyClicks(page->searchField(), "legacy");
    QCOMPARE(page->filterModel()->rowCount(), 2); // one per cluster
    QVERIFY(page->countLabel()->text().contains("2 of"));
    const QModelIndex policy = page->filterModel()->index(0, NamespaceTableModel::PolicyColumn);
    QCOMPARE(policy.data().toString(), QStringLiteral("Disabled"));
    QVERIFY(policy.data(Qt::ToolTipRole).toString().contains("istio-injection=disabled"));
    page->searchField()->clear();
    page->table()->sortByColumn(NamespaceTableModel::NameColumn, Qt::AscendingOrder);
    screenshot(QStringLiteral("sidecars-namespaces"));
}

void tst_SidecarPage::enableNamespaceThroughTheReview()
{
    auto page = showPage<ui::NamespaceSidecarPage>(QStringLiteral("sidecars.namespaces"));
    QVERIFY(page);
    QVERIFY(!page->enableAction()->isEnabled()); // nothing selected
    QVERIFY(selectKey(page->table(), page->filterModel(), Primary + "/legacy"));
    QVERIFY(page->enableAction()->isEnabled());
    const auto targets = page->selectedTargets();
    QCOMPARE(targets.size(), 1);
    QStringList errors;
    const auto prepared = page->prepareEdits(
        targets,
        [](const istio::Value &ns) { return editNamespaceInjection(ns, InjectionAction::Enable); },
        false, &errors);
    QVERIFY(errors.isEmpty());
    QCOMPARE(prepared.value(Primary).size(), 1);
    QCOMPARE(
        prepared.value(Primary).at(0).object["metadata"]["labels"]["istio-injection"].toString(),
        QStringLiteral("enabled"));

    page->enableAction()->trigger();
    QVERIFY(reviewAndApply());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const int row = page->loader()->namespaces()->rowOfKey(Primary + "/legacy");
            if (row < 0)
                return false;
            const NamespaceRow &ns = page->loader()->namespaces()->rowAt(row);
            return ns.policy.state == NamespacePolicy::State::Enabled && ns.podsWaitingRestart >= 1;
        }(),
        Timeout);
    const int row = page->loader()->namespaces()->rowOfKey(Primary + "/legacy");
    const QModelIndex waiting
        = page->loader()->namespaces()->index(row, NamespaceTableModel::WaitingColumn);
    QVERIFY(waiting.data(HighlightRole).toBool());
    QVERIFY(waiting.data(Qt::ToolTipRole).toString().contains("restart"));
}

void tst_SidecarPage::workloadPageShowsPendingRestartAndRestarts()
{
    auto page = showPage<ui::WorkloadSidecarPage>(QStringLiteral("sidecars.workloads"));
    QVERIFY(page);
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    m_testers.push_back(
        std::make_unique<QAbstractItemModelTester>(page->loader()->workloads(), Mode::QtTest));
    m_testers.push_back(
        std::make_unique<QAbstractItemModelTester>(page->filterModel(), Mode::QtTest));
    QTRY_VERIFY_WITH_TIMEOUT(page->isShowingTable() && page->filterModel()->rowCount() > 10,
                             Timeout);
    const QString key = Primary + "/Deployment/legacy/legacy-batch";
    QTRY_VERIFY_WITH_TIMEOUT(page->loader()->workloads()->rowOfKey(key) >= 0, Timeout);
    auto row = [&] {
        return page->loader()->workloads()->rowAt(page->loader()->workloads()->rowOfKey(key));
    };
    QTRY_COMPARE_WITH_TIMEOUT(row().status, WorkloadStatus::PendingRestart, Timeout);
    const QModelIndex status = page->loader()->workloads()->index(
        page->loader()->workloads()->rowOfKey(key), WorkloadTableModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Pending restart"));
    QVERIFY(status.data(Qt::ToolTipRole)
                .toString()
                .contains("the namespace label istio-injection=enabled"));

    QVERIFY(selectKey(page->table(), page->filterModel(), key));
    QVERIFY(page->detailLabel()->text().contains("legacy/legacy-batch"));
    QVERIFY(page->podTable()->rowCount() >= 1);
    QCOMPARE(page->podTable()->item(0, 2)->text(), QStringLiteral("No sidecar"));
    QCOMPARE(page->podTable()->item(0, 6)->text(), QStringLiteral("restart to inject"));
    screenshot(QStringLiteral("sidecars-workloads-pending"));

    QVERIFY(page->restartAction()->isEnabled());
    page->restartAction()->trigger();
    QVERIFY(reviewAndApply());
    QTRY_COMPARE_WITH_TIMEOUT(row().status, WorkloadStatus::Injected, Timeout);
    QCOMPARE(row().podsInjected, row().podsTotal);
    QTRY_VERIFY_WITH_TIMEOUT(page->podTable()->rowCount() >= 1
                                 && page->podTable()->item(0, 2)->text() == "Running, ready",
                             Timeout);
    QVERIFY(page->podTable()->item(0, 3)->text().startsWith("1."));
    screenshot(QStringLiteral("sidecars-workloads"));
}

void tst_SidecarPage::workloadFilters()
{
    auto page = showPage<ui::WorkloadSidecarPage>(QStringLiteral("sidecars.workloads"));
    QVERIFY(page);
    const int all = page->filterModel()->rowCount();
    page->setPageArguments({{"cluster", Member}});
    QVERIFY(page->filterModel()->rowCount() < all);
    for (int r = 0; r < page->filterModel()->rowCount(); ++r)
        QCOMPARE(page->filterModel()->index(r, 0).data(ContextRole).toString(), Member);
    page->setPageArguments({{"cluster", QString()}, {"namespace", "bookinfo"}});
    QCOMPARE(page->namespaceCombo()->currentData().toString(), QStringLiteral("bookinfo"));
    const int bookinfo = page->filterModel()->rowCount();
    QVERIFY(bookinfo >= 6);
    QTest::keyClicks(page->searchField(), "reviews");
    QCOMPARE(page->filterModel()->rowCount(), 3); // reviews-v1, -v2, -v3
    page->searchField()->clear();
    QTest::keyClicks(page->searchField(), "version=v2");
    QVERIFY(page->filterModel()->rowCount() >= 1); // pod labels are searched
    page->searchField()->clear();
    page->setPageArguments({{"namespace", QString()}, {"status", "notinjected"}});
    QVERIFY(page->filterModel()->rowCount() >= 1);
    for (int r = 0; r < page->filterModel()->rowCount(); ++r)
        QCOMPARE(page->filterModel()->index(r, 0).data(StatusRole).toInt(),
                 int(WorkloadStatus::NotInjected));
    page->setPageArguments({{"status", "all"}});
    QCOMPARE(page->filterModel()->rowCount(), all);
    QCOMPARE(page->statusCombo()->currentIndex(), 0);
}

void tst_SidecarPage::dialogsRefuseBadValues()
{
    ui::SidecarResourcesDialog resources({"100m", "", "", ""}, 2);
    QDialogButtonBox *buttons = resources.findChild<QDialogButtonBox *>();
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    resources.field(2)->setText("128MB");
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(resources.errorText().contains("sidecar.istio.io/proxyMemory: \"128MB\""));
    resources.field(2)->setText("128Mi");
    resources.field(1)->setText("50m");
    QVERIFY(resources.errorText().contains("the CPU request 100m is above its limit 50m"));
    resources.field(1)->setText("1");
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(resources.resources(), (SidecarResources {"100m", "1", "128Mi", ""}));

    ui::PassthroughDialog passthrough({}, 1);
    QDialogButtonBox *pbuttons = passthrough.findChild<QDialogButtonBox *>();
    passthrough.field(0)->setText("8080,70000");
    QVERIFY(!pbuttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(passthrough.errorText().contains("\"70000\" is not a port (1-65535)"));
    passthrough.field(0)->setText("8080");
    passthrough.field(2)->setText("10.0.0.0/8,bad");
    QVERIFY(passthrough.errorText().contains("\"bad\" has no prefix length"));
    passthrough.field(2)->setText("10.0.0.0/8");
    QVERIFY(pbuttons->button(QDialogButtonBox::Ok)->isEnabled());
    passthrough.resize(600, 300);
    passthrough.show();
    QVERIFY(QTest::qWaitForWindowExposed(&passthrough));
    passthrough.field(1)->setText("0");
    QTest::qWait(100);
    QVERIFY(
        passthrough.grab().save(QStringLiteral(SCREENSHOT_DIR "/sidecars-passthrough-dialog.png")));
}

QTEST_MAIN(tst_SidecarPage)
#include "tst_sidecarpage.moc"

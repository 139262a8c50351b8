// The Mesh overview against the real meshsim demo (two clusters over HTTPS) in the main
// window: clusters, services, workloads, pods, gateways, Istio versions and policies as the
// demo has them; a service broken in one cluster shows on the services card; cards open
// their pages filtered; the metric strip shows when the mesh has Prometheus; with two kept
// meshes the mesh list selects, edits and removes them. Screenshots go to SCREENSHOT_DIR.

#include "guitestutils.h"
#include "meshsimprocess.h"
#include "meshwindowfixture.h"

#include "charts/meshmetricstrip.h"
#include "core/translations.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "meshes/meshdialog.h"
#include "overview/overviewcard.h"
#include "overview/overviewpage.h"
#include "services/servicelistmodel.h"
#include "services/servicespage.h"
#include "shell/mainwindow.h"
#include "store/meshstore.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace md;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");
constexpr int Timeout = 30000;

} // namespace

class tst_OverviewPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cardsShowTheDemo();
    void brokenServiceShowsOnItsCard();
    void cardsOpenTheirPages();
    void metricStripWhenTheMeshHasPrometheus();
    void meshList();

private:
    ui::OverviewPage *showPage();
    void screenshot(const QString &name);
    QString kubectl(const QStringList &args);

    testing::MeshWindowFixture m_fx;
};

void tst_OverviewPage::initTestCase()
{
    testing::MeshWindowFixture::Options setup;
    setup.windowSize = QSize(1500, 940);
    setup.selectAndSync = false;
    const QString error = m_fx.start(setup);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_OverviewPage::cleanupTestCase()
{
    QCOMPARE(m_fx.stop(), 0);
}

ui::OverviewPage *tst_OverviewPage::showPage()
{
    m_fx.window->showPage(QStringLiteral("overview"));
    return qobject_cast<ui::OverviewPage *>(m_fx.window->currentPage());
}

void tst_OverviewPage::screenshot(const QString &name)
{
    QTest::qWait(50);
    QVERIFY(m_fx.window->grab().save(QStringLiteral(SCREENSHOT_DIR "/") + name
                                     + QStringLiteral(".png")));
}

QString tst_OverviewPage::kubectl(const QStringList &args)
{
    const testing::CommandResult r = m_fx.sim.kubectl(args);
    if (r.exitCode != 0)
        qWarning("%s", qPrintable(r.describe()));
    return r.exitCode == 0 ? QString::fromUtf8(r.out).trimmed() : QStringLiteral("<failed>");
}

void tst_OverviewPage::cardsShowTheDemo()
{
    QVERIFY(m_fx.registry->selectMesh(QStringLiteral("demo")));
    ui::OverviewPage *page = showPage();
    QVERIFY(page);
    QCOMPARE(page->titleLabel()->text(), QStringLiteral("Mesh demo"));
    QCOMPARE(page->cardIds(),
             (QStringList {"clusters", "services", "workloads", "pods", "gateways", "istio",
                           "policies"}));
    for (const QString &context : {Primary, Member})
        QVERIFY(m_fx.connections->connectContext(context));
    QTRY_VERIFY_WITH_TIMEOUT(m_fx.window->pageContext().mesh->cache()->isSynced(), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(page->card("services")->valueText(), QStringLiteral("8/8"), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isUpdating(), Timeout);

    QTRY_COMPARE_WITH_TIMEOUT(page->card("clusters")->valueText(), QStringLiteral("2/2"), Timeout);
    QVERIFY2(
        page->card("clusters")->detailText().contains(QLatin1String("meshsim-member: Connected")),
        qPrintable(page->card("clusters")->detailText()));
    QCOMPARE(page->card("services")->captionText(), QStringLiteral("services healthy"));
    // 12 Deployments outside istio-system; legacy-batch runs where injection is disabled.
    // (Each card may still be catching up with caches that listed after the last update:
    // the page follows the cache's change signal, which comes at most every 250 ms.)
    QTRY_COMPARE_WITH_TIMEOUT(page->card("workloads")->valueText(), QStringLiteral("11/12"),
                              Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(page->card("pods")->valueText(), QStringLiteral("12/13"), Timeout);
    // "loading…" goes once every cache has listed.
    QTRY_COMPARE_WITH_TIMEOUT(page->subtitleText(),
                              QStringLiteral("Hosted mesh · control plane meshsim-primary · root "
                                             "namespace istio-system"),
                              Timeout);
    QVERIFY2(page->card("pods")->detailText().contains(QLatin1String("sidecar 1.24.2: 12 pods")),
             qPrintable(page->card("pods")->detailText()));
    // Each cluster runs an ingress gateway.
    QTRY_COMPARE_WITH_TIMEOUT(page->card("gateways")->valueText(), QStringLiteral("2 · 0"),
                              Timeout);
    QVERIFY2(
        page->card("gateways")
            ->detailText()
            .contains(QLatin1String("ingress istio-ingressgateway (meshsim-primary): 1/1 ready")),
        qPrintable(page->card("gateways")->detailText()));
    QTRY_COMPARE_WITH_TIMEOUT(page->card("istio")->valueText(), QStringLiteral("1.24.2"), Timeout);
    QVERIFY(page->card("istio")->detailText().contains(
        QLatin1String("meshsim-primary: 1.24.2 (control plane)")));
    // The demo's policies: 3 + 5 + 1 + 1 + 2 + 0 + 2.
    QTRY_COMPARE_WITH_TIMEOUT(page->card("policies")->valueText(), QStringLiteral("14"), Timeout);
    const QString policies = page->card("policies")->detailText();
    QVERIFY2(policies.contains(QLatin1String("VirtualService: 3")), qPrintable(policies));
    QVERIFY2(policies.contains(QLatin1String("DestinationRule: 5")), qPrintable(policies));
    QVERIFY2(policies.contains(QLatin1String("AuthorizationPolicy: 2")), qPrintable(policies));
    // The mesh has no Prometheus; the list of meshes is for several meshes.
    QVERIFY(page->metricStrip()->isHidden());
    QVERIFY(page->metricsNote()->isVisible());
    QVERIFY(page->meshList()->isHidden());
    screenshot(QStringLiteral("overview-demo"));
}

void tst_OverviewPage::brokenServiceShowsOnItsCard()
{
    ui::OverviewPage *page = showPage();
    // The member's reviews selects other pods than the primary's.
    QVERIFY(kubectl({"--context", Member, "-n", "bookinfo", "patch", "service", "reviews",
                     "--type=merge", "-p", R"({"spec":{"selector":{"version":"v2"}}})"})
            != QLatin1String("<failed>"));
    QTRY_COMPARE_WITH_TIMEOUT(page->card("services")->valueText(), QStringLiteral("7/8"), Timeout);
    const QString details = page->card("services")->detailText();
    QVERIFY2(details.contains(QLatin1String("1 abnormal")), qPrintable(details));
    QVERIFY2(details.contains(QLatin1String(
                 "reviews.bookinfo: The selector is app=reviews in meshsim-primary and "
                 "app=reviews,version=v2 in meshsim-member")),
             qPrintable(details));
    screenshot(QStringLiteral("overview-abnormal"));
}

void tst_OverviewPage::cardsOpenTheirPages()
{
    ui::OverviewPage *page = showPage();
    QTest::mouseClick(page->card("services"), Qt::LeftButton);
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("services.list"));
    auto services = qobject_cast<ui::ServicesPage *>(m_fx.window->currentPage());
    QVERIFY(services);
    QCOMPARE(services->diagnosisCombo()->currentData().toString(), QStringLiteral("problems"));
    QTRY_COMPARE_WITH_TIMEOUT(services->filterModel()->rowCount(), 1, Timeout);
    services->setPageArguments({{"diagnosis", ""}});

    page = showPage();
    QTest::mouseClick(page->card("clusters"), Qt::LeftButton);
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("clusters"));
    page = showPage();
    QTest::mouseClick(page->card("gateways"), Qt::LeftButton);
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("gateways"));
    page = showPage();
    QTest::mouseClick(page->card("workloads"), Qt::LeftButton);
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("sidecars.workloads"));
    page = showPage();
    emit page->card("policies")->linkActivated(QStringLiteral("traffic.destinationrules"));
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("traffic.destinationrules"));
    page = showPage();
    page->card("istio")->setFocus();
    QTest::keyClick(page->card("istio"), Qt::Key_Return);
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("clusters"));

    // Put reviews back as it was.
    QVERIFY(kubectl({"--context", Member, "-n", "bookinfo", "patch", "service", "reviews",
                     "--type=json", "-p", R"([{"op":"remove","path":"/spec/selector/version"}])"})
            != QLatin1String("<failed>"));
    page = showPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->card("services")->valueText(), QStringLiteral("8/8"), Timeout);
}

void tst_OverviewPage::metricStripWhenTheMeshHasPrometheus()
{
    ui::OverviewPage *page = showPage();
    auto demo = m_fx.registry->mesh(QStringLiteral("demo"));
    QVERIFY(demo);
    demo->prometheusUrl = QStringLiteral("http://127.0.0.1:9");
    QVERIFY(m_fx.registry->save(*demo));
    QTRY_VERIFY_WITH_TIMEOUT(page->metricStrip()->isVisible(), Timeout);
    QVERIFY(page->metricsNote()->isHidden());
    demo->prometheusUrl.clear();
    QVERIFY(m_fx.registry->save(*demo));
    QTRY_VERIFY_WITH_TIMEOUT(page->metricStrip()->isHidden(), Timeout);
}

void tst_OverviewPage::meshList()
{
    ui::OverviewPage *page = showPage();
    mesh::Mesh staging;
    staging.name = QStringLiteral("staging");
    staging.type = mesh::Mesh::Type::Dedicated;
    staging.controlPlane = Member;
    QVERIFY(m_fx.registry->save(staging));
    QTRY_VERIFY_WITH_TIMEOUT(page->meshList()->isVisible(), Timeout);
    QTableWidget *table = page->meshTable();
    QCOMPARE(table->rowCount(), 2);
    const auto row = [&](int r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c)
            cells << table->item(r, c)->text();
        return cells.join(QStringLiteral(" | "));
    };
    QTRY_COMPARE_WITH_TIMEOUT(row(0),
                              QStringLiteral("demo (selected) | Hosted | Running | 1.24.2 | "
                                             "meshsim-primary | 2/2 | 12/13"),
                              Timeout);
    QCOMPARE(row(1),
             QStringLiteral("staging | Dedicated | Running | 1.24.2 | meshsim-member | "
                            "1/1 | —"));
    screenshot(QStringLiteral("overview-meshes"));

    // Select: the overview follows the other mesh.
    table->selectRow(1);
    QVERIFY(page->selectMeshButton()->isEnabled());
    QTest::mouseClick(page->selectMeshButton(), Qt::LeftButton);
    QCOMPARE(m_fx.registry->currentMesh(), QStringLiteral("staging"));
    QTRY_COMPARE_WITH_TIMEOUT(page->titleLabel()->text(), QStringLiteral("Mesh staging"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(page->card("clusters")->valueText(), QStringLiteral("1/1"), Timeout);

    // Edit opens the mesh dialog on that mesh.
    QString edited;
    QTimer::singleShot(300, this, [&] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto dialog = qobject_cast<ui::MeshDialog *>(w); dialog && dialog->isVisible()) {
                edited = dialog->originalName();
                dialog->reject();
            }
        }
    });
    table->selectRow(1);
    QTest::mouseClick(page->editMeshButton(), Qt::LeftButton);
    QCOMPARE(edited, QStringLiteral("staging"));

    // Back to demo, then remove staging after confirming.
    table->selectRow(0);
    QTest::mouseClick(page->selectMeshButton(), Qt::LeftButton);
    QCOMPARE(m_fx.registry->currentMesh(), QStringLiteral("demo"));
    table->selectRow(1);
    QString asked;
    QTimer::singleShot(300, this, [&] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto box = qobject_cast<QMessageBox *>(w);
            if (!box || !box->isVisible())
                continue;
            asked = box->text();
            for (QAbstractButton *b : box->buttons()) {
                if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                    b->click();
            }
        }
    });
    QTest::mouseClick(page->removeMeshButton(), Qt::LeftButton);
    QCOMPARE(asked, QStringLiteral("Remove mesh staging from MeshDesk?"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_fx.registry->mesh(QStringLiteral("staging")), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(page->meshList()->isHidden(), Timeout);
}

QTEST_MAIN(tst_OverviewPage)
#include "tst_overviewpage.moc"

// The Mesh gateways page in the main window against meshsim's demo, under Xvfb: the demo's
// ingress gateways are listed; a gateway is created with the dialog (problems named by
// field first), scaled with the spin box, edited, and deleted after a confirmation that
// lists the Gateway objects selecting it, every write through the review; an external mesh
// gets no gateway actions. Screenshots go to SCREENSHOT_DIR.

#include "meshwindowfixture.h"

#include "gateways/gatewaydialog.h"
#include "gateways/gatewaymodel.h"
#include "gateways/gatewayspage.h"
#include "gateways/tablefilter.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>

using namespace md;
using namespace md::testing;
using md::gateways::GatewayModel;
using md::gateways::GatewayRow;

class tst_GatewaysPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsTheDemoGateways();
    void createWithTheDialog();
    void scaleWithTheSpinBox();
    void editThroughTheDialog();
    void deleteListsSelectingGateways();
    void externalMeshHasNoActions();

private:
    const GatewayRow *row(const QString &key) const;
    ui::GatewaysPage *m_page = nullptr;
    MeshWindowFixture m_fx;
    std::unique_ptr<QAbstractItemModelTester> m_tester, m_filterTester;
    const QString m_key = Member + QStringLiteral("|edge/istio-ingressgateway");
};

void tst_GatewaysPage::initTestCase()
{
    const QString error = m_fx.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_GatewaysPage::cleanupTestCase()
{
    m_tester.reset();
    m_filterTester.reset();
    m_fx.stop();
}

const GatewayRow *tst_GatewaysPage::row(const QString &key) const
{
    const int r = m_page->model()->rowOfKey(key);
    return r < 0 ? nullptr : &m_page->model()->rowAt(r);
}

void tst_GatewaysPage::listsTheDemoGateways()
{
    m_page = m_fx.showPage<ui::GatewaysPage>(QStringLiteral("gateways"));
    QVERIFY(m_page);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_filterTester = std::make_unique<QAbstractItemModelTester>(
        m_page->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->rowCount(), 2, Timeout);
    QVERIFY(m_page->isShowingTable());
    QVERIFY(row(Primary + QStringLiteral("|istio-system/istio-ingressgateway")));
    QTRY_COMPARE_WITH_TIMEOUT(
        row(Primary + QStringLiteral("|istio-system/istio-ingressgateway"))->status,
        GatewayRow::Status::Running, Timeout);
    const QModelIndex first = m_page->filterModel()->index(0, GatewayModel::Ports);
    QCOMPARE(first.data().toString(),
             QStringLiteral("status-port 15021, http2 80→8080, https 443→8443"));
    QVERIFY(m_page->filterModel()
                ->index(0, GatewayModel::Addresses)
                .data()
                .toString()
                .startsWith(QLatin1String("pending, ")));
    QCOMPARE(m_page->filterModel()->index(0, GatewayModel::Type).data().toString(),
             QStringLiteral("Ingress"));
    QVERIFY(m_page->newAction()->isEnabled());
    QVERIFY(!m_page->scaleAction()->isEnabled()); // nothing selected

    // Filters and search.
    const int member = m_page->clusterCombo()->findData(Member);
    QVERIFY(member > 0);
    m_page->clusterCombo()->setCurrentIndex(member);
    emit m_page->clusterCombo()->activated(member);
    QCOMPARE(m_page->filterModel()->rowCount(), 1);
    m_page->clusterCombo()->setCurrentIndex(0);
    emit m_page->clusterCombo()->activated(0);
    m_page->searchField()->setText(QStringLiteral("nothing like this"));
    QCOMPARE(m_page->filterModel()->rowCount(), 0);
    m_page->searchField()->clear();
    QCOMPARE(m_page->filterModel()->rowCount(), 2);
    // A click on a row: the spin box shows its replicas, and Scale waits for a change.
    QTest::mouseClick(m_page->table()->viewport(), Qt::LeftButton, {},
                      m_page->table()->visualRect(m_page->filterModel()->index(1, 0)).center());
    QTRY_COMPARE(m_page->scaleBox()->value(), 1);
    QVERIFY(!m_page->scaleAction()->isEnabled());
    QVERIFY(m_page->editAction()->isEnabled());
    MeshWindowFixture::shoot(m_fx.window.get(), QStringLiteral("gateways-page"));
    m_page->table()->clearSelection();
}

void tst_GatewaysPage::createWithTheDialog()
{
    m_page->newGateway();
    ui::GatewayDialog *dialog = nullptr;
    QTRY_VERIFY(
        (dialog = MeshWindowFixture::topLevel<ui::GatewayDialog>(QStringLiteral("gatewayDialog"))));
    // The defaults of an ingress gateway, then problems named by their field.
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("istio-ingressgateway"));
    QCOMPARE(dialog->portsTable()->rowCount(), 3);
    QVERIFY(dialog->reviewButton()->isEnabled());
    dialog->nameEdit()->setText(QStringLiteral("Bad_Name"));
    dialog->cpuRequestEdit()->setText(QStringLiteral("fast"));
    dialog->portsTable()->item(1, 1)->setText(QStringLiteral("99999"));
    QVERIFY(!dialog->reviewButton()->isEnabled());
    const QString problems = dialog->problemsLabel()->text();
    QVERIFY2(problems.contains(QLatin1String("name: ")), qPrintable(problems));
    QVERIFY2(problems.contains(QLatin1String("resources.requests.cpu: ")), qPrintable(problems));
    QVERIFY2(problems.contains(QLatin1String("ports[1].port: port 99999")), qPrintable(problems));
    MeshWindowFixture::shoot(dialog, QStringLiteral("gateways-create-problems"));
    // Type egress switches to its defaults; then back to an ingress named as Istio's.
    dialog->typeCombo()->setCurrentIndex(1);
    emit dialog->typeCombo()->activated(1);
    QCOMPARE(dialog->serviceTypeCombo()->currentText(), QStringLiteral("ClusterIP"));
    QCOMPARE(dialog->portsTable()->rowCount(), 2);
    dialog->typeCombo()->setCurrentIndex(0);
    emit dialog->typeCombo()->activated(0);
    dialog->nameEdit()->setText(QStringLiteral("istio-ingressgateway"));
    dialog->cpuRequestEdit()->setText(QStringLiteral("200m"));
    dialog->clusterCombo()->setCurrentText(Member);
    dialog->namespaceCombo()->setCurrentText(QStringLiteral("edge")); // a new namespace
    dialog->replicasBox()->setValue(2);
    dialog->serviceTypeCombo()->setCurrentText(QStringLiteral("NodePort"));
    QVERIFY2(dialog->reviewButton()->isEnabled(), qPrintable(dialog->problemsLabel()->text()));
    MeshWindowFixture::shoot(dialog, QStringLiteral("gateways-create-dialog"));
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);

    ui::ReviewDialog *review
        = MeshWindowFixture::reviewAndApply(QStringLiteral("gateways-create-review"));
    QVERIFY(review);
    // Namespace, ServiceAccount, Deployment, Service: all created.
    QCOMPARE(review->request().items.size(), 4);
    QCOMPARE(review->request().context, Member);
    for (int i = 0; i < review->resultModel()->rowCount(); ++i)
        QCOMPARE(review->resultModel()->row(i).stage, ui::ReviewRow::Stage::Applied);
    review->close();

    QTRY_VERIFY_WITH_TIMEOUT(row(m_key) != nullptr, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(row(m_key)->replicasText(), QStringLiteral("2/2"), Timeout);
    QCOMPARE(row(m_key)->status, GatewayRow::Status::Running);
    QCOMPARE(row(m_key)->serviceType, QStringLiteral("NodePort"));
    QVERIFY(row(m_key)->resources.contains(QLatin1String("cpu 200m")));
}

void tst_GatewaysPage::scaleWithTheSpinBox()
{
    QVERIFY(m_page->selectGateway(Member, QStringLiteral("edge"),
                                  QStringLiteral("istio-ingressgateway")));
    QCOMPARE(m_page->scaleBox()->value(), 2);
    QVERIFY(!m_page->scaleAction()->isEnabled()); // same as now
    m_page->scaleBox()->setValue(3);
    QVERIFY(m_page->scaleAction()->isEnabled());
    MeshWindowFixture::shoot(m_fx.window.get(), QStringLiteral("gateways-scale"));
    m_page->scaleAction()->trigger();
    ui::ReviewDialog *review = MeshWindowFixture::reviewAndApply();
    QVERIFY(review);
    QCOMPARE(review->request().items.size(), 1);
    QCOMPARE(review->request().items.first().operation, apply::Operation::Update);
    QCOMPARE(review->plan().entries.first().diff.added, 1);
    QCOMPARE(review->plan().entries.first().diff.removed, 1);
    review->close();
    QTRY_COMPARE_WITH_TIMEOUT(row(m_key)->replicasText(), QStringLiteral("3/3"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->scaleBox()->value(), 3, Timeout);
}

void tst_GatewaysPage::editThroughTheDialog()
{
    QVERIFY(m_page->selectGateway(Member, QStringLiteral("edge"),
                                  QStringLiteral("istio-ingressgateway")));
    m_page->editAction()->trigger();
    ui::GatewayDialog *dialog = nullptr;
    QTRY_VERIFY(
        (dialog = MeshWindowFixture::topLevel<ui::GatewayDialog>(QStringLiteral("gatewayDialog"))));
    QVERIFY(dialog->nameEdit()->isReadOnly());
    QVERIFY(!dialog->clusterCombo()->isEnabled());
    QCOMPARE(dialog->replicasBox()->value(), 3);
    QCOMPARE(dialog->serviceTypeCombo()->currentText(), QStringLiteral("NodePort"));
    QCOMPARE(dialog->cpuRequestEdit()->text(), QStringLiteral("200m"));
    dialog->serviceTypeCombo()->setCurrentText(QStringLiteral("LoadBalancer"));
    dialog->replicasBox()->setValue(1);
    MeshWindowFixture::shoot(dialog, QStringLiteral("gateways-edit-dialog"));
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    ui::ReviewDialog *review = MeshWindowFixture::reviewAndApply();
    QVERIFY(review);
    QCOMPARE(review->request().items.size(), 2); // the Deployment and the Service
    review->close();
    QTRY_COMPARE_WITH_TIMEOUT(row(m_key)->serviceType, QStringLiteral("LoadBalancer"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(row(m_key)->replicasText(), QStringLiteral("1/1"), Timeout);
    QVERIFY(row(m_key)->addressPending);
}

void tst_GatewaysPage::deleteListsSelectingGateways()
{
    QVERIFY(m_page->selectGateway(Member, QStringLiteral("edge"),
                                  QStringLiteral("istio-ingressgateway")));
    m_page->deleteAction()->trigger();
    QDialog *confirm = nullptr;
    QTRY_VERIFY(
        (confirm = MeshWindowFixture::topLevel<QDialog>(QStringLiteral("gatewayDeleteDialog"))));
    // The demo's bookinfo-gateway selects istio=ingressgateway: it is listed.
    auto referrers = confirm->findChild<QTreeWidget *>(QStringLiteral("gatewayReferrers"));
    QVERIFY(referrers && referrers->isVisible());
    QCOMPARE(referrers->topLevelItemCount(), 1);
    QCOMPARE(referrers->topLevelItem(0)->text(0), QStringLiteral("bookinfo/bookinfo-gateway"));
    QCOMPARE(referrers->topLevelItem(0)->text(1), Primary);
    const QString intro = confirm->findChild<QLabel *>(QStringLiteral("deleteIntro"))->text();
    QVERIFY(intro.contains(QLatin1String("Deployment edge/istio-ingressgateway")));
    QVERIFY(intro.contains(QLatin1String("Service edge/istio-ingressgateway")));
    QVERIFY(intro.contains(QLatin1String("ServiceAccount edge/istio-ingressgateway")));
    MeshWindowFixture::shoot(confirm, QStringLiteral("gateways-delete-confirm"));
    QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("reviewDeleteButton")),
                      Qt::LeftButton);
    ui::ReviewDialog *review = MeshWindowFixture::reviewAndApply();
    QVERIFY(review);
    QCOMPARE(review->request().items.size(), 3);
    for (const apply::ApplyItem &item : review->request().items)
        QCOMPARE(item.operation, apply::Operation::Delete);
    review->close();
    QTRY_VERIFY_WITH_TIMEOUT(row(m_key) == nullptr, Timeout);
    QCOMPARE(m_page->model()->rowCount(), 2);
}

void tst_GatewaysPage::externalMeshHasNoActions()
{
    md::mesh::Mesh outside;
    outside.name = QStringLiteral("outside");
    outside.type = md::mesh::Mesh::Type::External;
    outside.controlPlane = Member;
    QVERIFY(m_fx.registry->save(outside));
    QVERIFY(m_fx.registry->selectMesh(QStringLiteral("outside")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isShowingTable(), Timeout);
    QVERIFY(!m_page->isManaged());
    QVERIFY2(m_page->stateText().startsWith(
                 QLatin1String("Mesh gateways are not managed for external meshes")),
             qPrintable(m_page->stateText()));
    QVERIFY(!m_page->newAction()->isEnabled());
    QVERIFY(!m_page->deleteAction()->isEnabled());
    MeshWindowFixture::shoot(m_fx.window.get(), QStringLiteral("gateways-external"));
    QVERIFY(m_fx.registry->selectMesh(QStringLiteral("demo")));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->isShowingTable(), Timeout);
    QVERIFY(m_page->newAction()->isEnabled());
}

QTEST_MAIN(tst_GatewaysPage)
#include "tst_gatewayspage.moc"

// The Services page against the real meshsim demo (two clusters over HTTPS) in the main
// window: the demo's services, each once across its clusters, diagnosed; a port renamed in
// one cluster (as kubectl would) makes the service Abnormal with the reason in words; editing
// the port's protocol goes through the review and lands in meshsim, and the service is
// Normal again; filters, search, the detail pane and the actions that open other pages.
// Screenshots go to SCREENSHOT_DIR.

#include "guitestutils.h"
#include "meshsimprocess.h"
#include "meshwindowfixture.h"

#include "core/translations.h"
#include "editors/reviewdialog.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "policies/policylistpage.h"
#include "services/portprotocoldialog.h"
#include "services/servicelistmodel.h"
#include "services/servicespage.h"
#include "shell/mainwindow.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace md;
using services::Diagnosis;
using services::ServiceListModel;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");
constexpr int Timeout = 30000;

QStringList shownKeys(const ui::ServicesPage *page)
{
    QStringList keys;
    const auto *filter = page->filterModel();
    for (int row = 0; row < filter->rowCount(); ++row)
        keys << filter->index(row, 0).data(ServiceListModel::KeyRole).toString();
    keys.sort();
    return keys;
}

template<typename T> T *topLevel(const QString &name)
{
    T *found = nullptr;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w->objectName() == name && w->isVisible())
            if (auto typed = qobject_cast<T *>(w))
                found = typed;
    }
    return found;
}

} // namespace

class tst_ServicesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void demoServicesAggregatedAndDiagnosed();
    void detailPane();
    void filtersAndSearch();
    void portsDifferingBetweenClustersIsAbnormal();
    void portProtocolEditGoesThroughReview();
    void actionsOpenOtherPages();

private:
    ui::ServicesPage *showPage();
    void screenshot(const QString &name);
    const services::MeshService *service(const QString &key);
    QString kubectl(const QStringList &args);

    testing::MeshWindowFixture m_fx;
};

void tst_ServicesPage::initTestCase()
{
    testing::MeshWindowFixture::Options setup;
    setup.windowSize = QSize(1500, 900);
    setup.selectAndSync = false;
    const QString error = m_fx.start(setup);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_ServicesPage::cleanupTestCase()
{
    QCOMPARE(m_fx.stop(), 0);
}

ui::ServicesPage *tst_ServicesPage::showPage()
{
    m_fx.window->showPage(QStringLiteral("services.list"));
    return qobject_cast<ui::ServicesPage *>(m_fx.window->currentPage());
}

void tst_ServicesPage::screenshot(const QString &name)
{
    QTest::qWait(50);
    QVERIFY(m_fx.window->grab().save(QStringLiteral(SCREENSHOT_DIR "/") + name
                                     + QStringLiteral(".png")));
}

const services::MeshService *tst_ServicesPage::service(const QString &key)
{
    auto page = qobject_cast<ui::ServicesPage *>(m_fx.window->currentPage());
    if (!page)
        return nullptr;
    const int row = page->model()->rowOf(key);
    return row < 0 ? nullptr : &page->model()->serviceAt(row);
}

QString tst_ServicesPage::kubectl(const QStringList &args)
{
    const testing::CommandResult r = m_fx.sim.kubectl(args);
    if (r.exitCode != 0)
        qWarning("%s", qPrintable(r.describe()));
    return r.exitCode == 0 ? QString::fromUtf8(r.out).trimmed() : QStringLiteral("<failed>");
}

void tst_ServicesPage::demoServicesAggregatedAndDiagnosed()
{
    QVERIFY(m_fx.registry->selectMesh(QStringLiteral("demo")));
    ui::ServicesPage *page = showPage();
    QVERIFY(page);
    QVERIFY(!page->isShowingTable());
    QVERIFY2(page->stateText().startsWith(QLatin1String("Loading the services of mesh demo")),
             qPrintable(page->stateText()));
    QAbstractItemModelTester tester(page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(page->filterModel(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const QString &context : {Primary, Member})
        QVERIFY(m_fx.connections->connectContext(context));
    QTRY_VERIFY_WITH_TIMEOUT(m_fx.window->pageContext().mesh->cache()->isSynced(), Timeout);
    const QStringList expected {"bookinfo/details", "bookinfo/productpage", "bookinfo/ratings",
                                "bookinfo/reviews", "data/mysqldb",         "shop/catalog",
                                "shop/payments",    "shop/storefront"};
    QTRY_COMPARE_WITH_TIMEOUT(shownKeys(page), expected, Timeout);
    // Both clusters' caches have listed (a cluster may connect after the other has synced).
    const auto complete = [&] {
        for (const QString &key : expected) {
            const services::MeshService *s = service(key);
            if (!s || s->contexts().size() != 2 || s->podCount() == 0
                || s->injectedCount() != s->podCount())
                return false;
        }
        return !page->model()->isUpdating();
    };
    QTRY_VERIFY_WITH_TIMEOUT(complete(), Timeout);
    QVERIFY(page->isShowingTable());

    // Every demo service is defined in both clusters the same way: one mesh service each,
    // whose pods all have sidecars (the demo's namespaces have injection enabled).
    for (const QString &key : expected) {
        const services::MeshService *s = service(key);
        QVERIFY(s);
        QCOMPARE(s->contexts(), (QStringList {Primary, Member}));
        QVERIFY2(s->diagnosis == Diagnosis::Normal,
                 qPrintable(key + QStringLiteral(": ") + s->reasons.value(0).text));
        QVERIFY(s->podCount() > 0);
        QCOMPARE(s->injectedCount(), s->podCount());
    }
    // reviews: v1 in the primary cluster, v2 and v3 in the member.
    const services::MeshService *reviews = service(QStringLiteral("bookinfo/reviews"));
    QCOMPARE(reviews->versions(), (QStringList {"v1", "v2", "v3"}));
    QCOMPARE(reviews->cluster(Primary)->pods.size(), 1);
    QCOMPARE(reviews->cluster(Member)->pods.size(), 2);
    QCOMPARE(reviews->portsSummary(), QStringLiteral("9080/HTTP"));
    // catalog declares gRPC with appProtocol; mysqldb with its port name.
    QCOMPARE(service(QStringLiteral("shop/catalog"))->portsSummary(), QStringLiteral("50051/GRPC"));
    QCOMPARE(service(QStringLiteral("data/mysqldb"))->portsSummary(), QStringLiteral("3306/TCP"));
    // payments crash-loops: its endpoint is not ready.
    const services::ClusterService *payments
        = service(QStringLiteral("shop/payments"))->cluster(Member);
    QCOMPARE(payments->endpoints.size(), 1);
    QCOMPARE(payments->readyEndpoints(), 0);

    const ServiceListModel *model = page->model();
    const int row = model->rowOf(QStringLiteral("bookinfo/reviews"));
    QCOMPARE(model->index(row, ServiceListModel::InjectedColumn).data().toString(),
             QStringLiteral("3/3"));
    QCOMPARE(model->index(row, ServiceListModel::DiagnosisColumn).data().toString(),
             QStringLiteral("Normal"));
    QCOMPARE(page->countLabel()->text(), QStringLiteral("8 services"));
    screenshot(QStringLiteral("services-demo"));
}

void tst_ServicesPage::detailPane()
{
    ui::ServicesPage *page = showPage();
    QVERIFY(page->selectService(QStringLiteral("bookinfo/reviews")));
    QCOMPARE(page->currentKey(), QStringLiteral("bookinfo/reviews"));
    QCOMPARE(page->detailTitle()->text(), QStringLiteral("reviews.bookinfo"));
    QCOMPARE(page->detailReasons()->text(), QStringLiteral("Normal: no problem found."));
    QTreeWidget *tree = page->detailTree();
    QCOMPARE(tree->topLevelItemCount(), 2);
    QTreeWidgetItem *member = tree->topLevelItem(1);
    QCOMPARE(member->text(0), Member);
    QCOMPARE(member->text(1), QStringLiteral("ClusterIP"));
    QStringList children;
    for (int i = 0; i < member->childCount(); ++i)
        children << member->child(i)->text(0) + QStringLiteral(": ") + member->child(i)->text(1);
    QVERIFY2(children.contains(QStringLiteral("Selector: app=reviews")),
             qPrintable(children.join(u'|')));
    QVERIFY2(children.contains(QStringLiteral("Endpoints: 2 ready of 2")),
             qPrintable(children.join(u'|')));
    QVERIFY2(children.contains(QStringLiteral("Pods: 2 of 2 with a sidecar")),
             qPrintable(children.join(u'|')));
    QTreeWidgetItem *ports = member->child(children.indexOf(QStringLiteral("Ports: 1")));
    QVERIFY(ports);
    QCOMPARE(ports->child(0)->text(0), QStringLiteral("9080/TCP http"));
    QCOMPARE(ports->child(0)->text(1), QStringLiteral("HTTP (port name) → 9080"));
    QVERIFY(page->editProtocolAction()->isEnabled());
    screenshot(QStringLiteral("services-detail"));
}

void tst_ServicesPage::filtersAndSearch()
{
    ui::ServicesPage *page = showPage();
    page->searchField()->setText(QStringLiteral("rev"));
    QCOMPARE(shownKeys(page), QStringList {"bookinfo/reviews"});
    page->searchField()->setText(QStringLiteral("grpc"));
    QCOMPARE(shownKeys(page), QStringList {"shop/catalog"});
    page->searchField()->clear();
    page->setPageArguments({{"namespace", "shop"}});
    QCOMPARE(shownKeys(page), (QStringList {"shop/catalog", "shop/payments", "shop/storefront"}));
    QCOMPARE(page->namespaceCombo()->currentData().toString(), QStringLiteral("shop"));
    page->setPageArguments({{"namespace", ""}, {"diagnosis", "problems"}});
    QVERIFY(shownKeys(page).isEmpty());
    page->setPageArguments({{"diagnosis", ""}});
    // The system services (istiod, the ingress gateway) on demand.
    page->systemCheck()->setChecked(true);
    QVERIFY(shownKeys(page).contains(QStringLiteral("istio-system/istiod")));
    QVERIFY(shownKeys(page).contains(QStringLiteral("istio-system/istio-ingressgateway")));
    // istiod runs without a sidecar: Abnormal, with the reason.
    QCOMPARE(service(QStringLiteral("istio-system/istiod"))->diagnosis, Diagnosis::Abnormal);
    page->systemCheck()->setChecked(false);
    QCOMPARE(shownKeys(page).size(), 8);
}

void tst_ServicesPage::portsDifferingBetweenClustersIsAbnormal()
{
    ui::ServicesPage *page = showPage();
    // payments' port is renamed in the member cluster only, as a user with kubectl would.
    QCOMPARE(
        kubectl({"--context", Member, "-n", "shop", "patch", "service", "payments", "--type=json",
                 "-p", R"([{"op":"replace","path":"/spec/ports/0/name","value":"tcp"}])"})
            .isEmpty(),
        false);
    QTRY_COMPARE_WITH_TIMEOUT(int(service(QStringLiteral("shop/payments"))->diagnosis),
                              int(Diagnosis::Abnormal), Timeout);
    const services::MeshService *s = service(QStringLiteral("shop/payments"));
    QCOMPARE(
        s->reasons.at(0).text,
        QStringLiteral("Port 8080 is named http in meshsim-primary and tcp in meshsim-member"));
    QCOMPARE(s->reasons.at(1).text,
             QStringLiteral(
                 "Istio reads port 8080 as HTTP in meshsim-primary and as TCP in meshsim-member"));
    const ServiceListModel *model = page->model();
    const QModelIndex diagnosis = model->index(model->rowOf(QStringLiteral("shop/payments")),
                                               ServiceListModel::DiagnosisColumn);
    QCOMPARE(diagnosis.data().toString(), QStringLiteral("Abnormal"));
    QVERIFY(diagnosis.data(Qt::ToolTipRole)
                .toString()
                .startsWith(QLatin1String("Port 8080 is named http in meshsim-primary")));
    page->setPageArguments({{"diagnosis", "abnormal"}, {"service", "shop/payments"}});
    QCOMPARE(shownKeys(page), QStringList {"shop/payments"});
    QCOMPARE(page->countLabel()->text(), QStringLiteral("1 service, 1 with problems"));
    QVERIFY(page->detailReasons()->text().contains(
        QLatin1String("Port 8080 is named http in meshsim-primary and tcp in meshsim-member")));
    screenshot(QStringLiteral("services-abnormal"));
}

void tst_ServicesPage::portProtocolEditGoesThroughReview()
{
    ui::ServicesPage *page = showPage();
    QVERIFY(page->selectService(QStringLiteral("shop/payments")));
    // The dialog: the member's Service, port 8080, HTTP by the port name.
    bool dialogSeen = false;
    QTimer::singleShot(200, this, [&] {
        auto dialog = topLevel<ui::PortProtocolDialog>(QStringLiteral("portProtocolDialog"));
        if (!dialog)
            return;
        dialogSeen = true;
        dialog->setContext(Member);
        dialog->setPort(8080);
        dialog->setProtocol(services::PortProtocol::Http);
        dialog->setStyle(services::ProtocolStyle::PortName);
        QCOMPARE(dialog->previewLabel()->text(), QStringLiteral("name: http"));
        m_fx.window->grab().save(QStringLiteral(SCREENSHOT_DIR "/services-protocol-main.png"));
        dialog->grab().save(QStringLiteral(SCREENSHOT_DIR "/services-protocol-dialog.png"));
        dialog->accept();
    });
    page->editPortProtocol();
    QVERIFY(dialogSeen);
    ui::ReviewDialog *review = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((review = topLevel<ui::ReviewDialog>(QStringLiteral("reviewDialog"))),
                             Timeout);
    QCOMPARE(review->request().context, Member);
    QCOMPARE(review->request().items.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!review->isBusy(), Timeout);
    review->setConfirmWarnings(false);
    QTRY_VERIFY_WITH_TIMEOUT(review->applyButton()->isEnabled(), Timeout);
    QSignalSpy finished(review, &ui::ReviewDialog::applyFinished);
    QTest::mouseClick(review->applyButton(), Qt::LeftButton);
    QVERIFY(finished.wait(Timeout) || finished.size() > 0);
    review->close();

    // In meshsim, then in the page: Normal again.
    QCOMPARE(kubectl({"--context", Member, "-n", "shop", "get", "service", "payments", "-o",
                      "jsonpath={.spec.ports[0].name}"}),
             QStringLiteral("http"));
    QTRY_COMPARE_WITH_TIMEOUT(int(service(QStringLiteral("shop/payments"))->diagnosis),
                              int(Diagnosis::Normal), Timeout);

    // appProtocol instead: grpc for catalog's primary Service; Istio then reads GRPC there.
    QVERIFY(page->selectService(QStringLiteral("shop/payments")) || true);
    page->setPageArguments({{"diagnosis", ""}, {"service", "shop/storefront"}});
    QCOMPARE(page->currentKey(), QStringLiteral("shop/storefront"));
    QTimer::singleShot(200, this, [&] {
        auto dialog = topLevel<ui::PortProtocolDialog>(QStringLiteral("portProtocolDialog"));
        if (!dialog)
            return;
        dialog->setContext(Primary);
        dialog->setPort(8080);
        dialog->setProtocol(services::PortProtocol::Http2);
        dialog->setStyle(services::ProtocolStyle::AppProtocol);
        QCOMPARE(dialog->previewLabel()->text(), QStringLiteral("appProtocol: http2"));
        dialog->accept();
    });
    page->editPortProtocol();
    QTRY_VERIFY_WITH_TIMEOUT((review = topLevel<ui::ReviewDialog>(QStringLiteral("reviewDialog"))),
                             Timeout);
    QCOMPARE(review->request().context, Primary);
    review->setConfirmWarnings(false);
    QTRY_VERIFY_WITH_TIMEOUT(review->applyButton()->isEnabled(), Timeout);
    QSignalSpy finished2(review, &ui::ReviewDialog::applyFinished);
    QTest::mouseClick(review->applyButton(), Qt::LeftButton);
    QVERIFY(finished2.wait(Timeout) || finished2.size() > 0);
    review->close();
    QCOMPARE(kubectl({"--context", Primary, "-n", "shop", "get", "service", "storefront", "-o",
                      "jsonpath={.spec.ports[0].appProtocol}"}),
             QStringLiteral("http2"));
    // Now the clusters disagree: the primary's appProtocol makes it HTTP2 there.
    QTRY_COMPARE_WITH_TIMEOUT(int(service(QStringLiteral("shop/storefront"))->diagnosis),
                              int(Diagnosis::Abnormal), Timeout);
    QCOMPARE(service(QStringLiteral("shop/storefront"))->reasons.at(1).text,
             QStringLiteral("Istio reads port 8080 as HTTP2 in meshsim-primary and as HTTP in "
                            "meshsim-member"));
}

void tst_ServicesPage::actionsOpenOtherPages()
{
    ui::ServicesPage *page = showPage();
    page->setPageArguments({{"service", "bookinfo/reviews"}});
    QCOMPARE(page->currentKey(), QStringLiteral("bookinfo/reviews"));
    page->virtualServicesAction()->trigger();
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("traffic.virtualservices"));
    auto vs = qobject_cast<ui::PolicyListPage *>(m_fx.window->currentPage());
    QVERIFY(vs);
    QCOMPARE(vs->searchField()->text(), QStringLiteral("reviews"));
    vs->searchField()->clear();

    page = showPage();
    page->authorizationPoliciesAction()->trigger();
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("security.authorizationpolicies"));
    auto ap = qobject_cast<ui::PolicyListPage *>(m_fx.window->currentPage());
    QVERIFY(ap);
    QCOMPARE(ap->namespaceCombo()->currentData().toString(), QStringLiteral("bookinfo"));

    page = showPage();
    page->metricsAction()->trigger();
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("monitor.metrics"));
    page = showPage();
    page->topologyAction()->trigger();
    QCOMPARE(m_fx.window->currentPageId(), QStringLiteral("monitor.topology"));
    auto find = m_fx.window->currentPage()->findChild<QLineEdit *>(QStringLiteral("topologyFind"));
    QVERIFY(find);
    QCOMPARE(find->text(), QStringLiteral("reviews"));
}

QTEST_MAIN(tst_ServicesPage)
#include "tst_servicespage.moc"

// The seven policy list pages against the real meshsim demo (two clusters over HTTPS), in the
// main window under Xvfb: every page lists the demo's objects; objects created and deleted
// with the Kubernetes client (as kubectl would) appear and disappear; a live-check error
// shows on its row; filters, search, open, new and export work; a disconnected cluster is
// named. Screenshots of every page go to SCREENSHOT_DIR.

#include "guitestutils.h"
#include "meshsimprocess.h"

#include "core/translations.h"
#include "items/policyfiltermodel.h"
#include "items/policylistmodel.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "policies/policylistpage.h"
#include "shell/mainwindow.h"
#include "shell/navigator.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace md;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");
constexpr int Timeout = 20000;

kube::ResourceRef refFor(PolicyKind kind)
{
    const PolicyKindInfo &info = policyKindInfo(kind);
    return {info.group, QStringLiteral("v1"), info.plural, true, info.name};
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// "name" of every row the page shows (through its filter), sorted.
QStringList shownNames(const ui::PolicyListPage *page)
{
    QStringList names;
    const PolicyFilterModel *filter = page->filterModel();
    for (int row = 0; row < filter->rowCount(); ++row)
        names << filter->index(row, 0).data(PolicyListModel::NameRole).toString();
    names.sort();
    return names;
}

int sourceRowNamed(const PolicyListModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->rowAt(row).name == name)
            return row;
    }
    return -1;
}

const char Body1[] = R"({
        "apiVersion":"networking.istio.io/v1","kind":"VirtualService",
        "metadata":{"name":"ratings-timeout","namespace":"bookinfo"},
        "spec":{"hosts":["ratings"],"http":[{"timeout":"3s","retries":{"attempts":2},
            "route":[{"destination":{"host":"ratings","subset":"v1"}}]}]}})";

const char Body2[] = R"({
        "apiVersion":"security.istio.io/v1","kind":"RequestAuthentication",
        "metadata":{"name":"productpage-jwt","namespace":"bookinfo"},
        "spec":{"selector":{"matchLabels":{"app":"productpage"}},
                "jwtRules":[{"issuer":"testing@secure.istio.io",
                             "jwksUri":"https://raw.githubusercontent.com/istio/istio/release-1.24/security/tools/jwt/samples/jwks.json"}]}})";

const char Body3[] = R"({
        "apiVersion":"networking.istio.io/v1","kind":"VirtualService",
        "metadata":{"name":"broken","namespace":"bookinfo"},
        "spec":{"hosts":["broken.example.com"],"http":[{"route":[
            {"destination":{"host":"reviews","subset":"missing"}}]}]}})";

} // namespace

class tst_PolicyListPages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void loadingThenEveryPageListsTheDemo();
    void createdAndDeletedObjectsFollow();
    void liveCheckErrorOnItsRow();
    void filterAndSearch();
    void openNewAndExport();
    void disconnectedClusterIsNamed();

private:
    ui::PolicyListPage *showPage(PolicyKind kind);
    void screenshot(const QString &name);
    bool write(const QByteArray &method, PolicyKind kind, const QString &ns, const QString &name,
               const QJsonObject &body = {});

    testing::MeshsimProcess m_sim;
    std::unique_ptr<mesh::ConnectionManager> m_manager;
    std::unique_ptr<store::MeshStore> m_store;
    std::unique_ptr<mesh::MeshRegistry> m_registry;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<kube::KubeClient> m_admin;
};

void tst_PolicyListPages::initTestCase()
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

    kube::ResolveOptions options;
    options.context = Primary;
    m_admin = std::make_unique<kube::KubeClient>(*kube::resolveRestConfig(*kubeconfig, options));

    m_window = std::make_unique<ui::MainWindow>(m_manager.get(), m_registry.get(), m_store.get());
    m_window->resize(1500, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_PolicyListPages::cleanupTestCase()
{
    m_window.reset();
    m_registry.reset();
    m_manager.reset();
    m_admin.reset();
    QCOMPARE(m_sim.stop(), 0);
}

ui::PolicyListPage *tst_PolicyListPages::showPage(PolicyKind kind)
{
    m_window->showPage(policyKindInfo(kind).pageId);
    return qobject_cast<ui::PolicyListPage *>(m_window->currentPage());
}

void tst_PolicyListPages::screenshot(const QString &name)
{
    QCoreApplication::processEvents();
    QVERIFY(
        m_window->grab().save(QStringLiteral(SCREENSHOT_DIR "/") + name + QStringLiteral(".png")));
}

bool tst_PolicyListPages::write(const QByteArray &method, PolicyKind kind, const QString &ns,
                                const QString &name, const QJsonObject &body)
{
    std::optional<kube::ObjectResult> result;
    auto done = [&](kube::ObjectResult r) { result.emplace(std::move(r)); };
    if (method == "POST")
        m_admin->create(refFor(kind), ns, body, {}, this, done);
    else
        m_admin->remove(refFor(kind), ns, name, {}, this, done);
    if (!QTest::qWaitFor([&] { return result.has_value(); }, Timeout))
        return false;
    if (!*result)
        qWarning("%s", qPrintable(result->error().detail()));
    return bool(*result);
}

void tst_PolicyListPages::loadingThenEveryPageListsTheDemo()
{
    // The mesh is selected before its clusters answer: the page says it is loading.
    QVERIFY(m_registry->selectMesh(QStringLiteral("demo")));
    ui::PolicyListPage *first = showPage(PolicyKind::VirtualService);
    QVERIFY(first);
    QVERIFY(!first->isShowingTable());
    QVERIFY2(first->stateText().startsWith(QLatin1String("Loading VirtualServices")),
             qPrintable(first->stateText()));
    screenshot(QStringLiteral("policylist-loading"));
    for (const QString &context : {Primary, Member})
        QVERIFY(m_manager->connectContext(context));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->pageContext().mesh->cache()->isSynced(), 30000);

    const QList<std::pair<PolicyKind, QStringList>> expected {
        {PolicyKind::VirtualService, {"bookinfo", "details", "reviews"}},
        {PolicyKind::DestinationRule, {"catalog", "details", "productpage", "ratings", "reviews"}},
        {PolicyKind::Gateway, {"bookinfo-gateway"}},
        {PolicyKind::ServiceEntry, {"payment-gateway"}},
        {PolicyKind::PeerAuthentication, {"default", "strict"}},
        {PolicyKind::RequestAuthentication, {}},
        {PolicyKind::AuthorizationPolicy, {"catalog-allow-storefront", "ratings-deny-legacy"}},
    };
    for (const auto &[kind, names] : expected) {
        ui::PolicyListPage *page = showPage(kind);
        QVERIFY(page);
        QCOMPARE(page->kind(), kind);
        QAbstractItemModelTester tester(page->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            page->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(shownNames(page), names, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!page->model()->isUpdating(), Timeout);
        if (names.isEmpty()) {
            QTRY_COMPARE_WITH_TIMEOUT(page->stateText(),
                                      QStringLiteral("No RequestAuthentications in mesh demo\n"
                                                     "Looked in every cluster of the mesh: "
                                                     "meshsim-primary, meshsim-member."),
                                      Timeout);
        } else {
            QVERIFY(page->isShowingTable());
            // Policies live in the control-plane cluster; the live checks have run.
            const int cluster = page->model()->columnOf(PolicyColumn::Cluster);
            const int checks = page->model()->columnOf(PolicyColumn::Checks);
            QTRY_VERIFY_WITH_TIMEOUT(!page->model()->index(0, checks).data().toString().isEmpty(),
                                     Timeout);
            for (int row = 0; row < page->model()->rowCount(); ++row)
                QCOMPARE(page->model()->index(row, cluster).data().toString(), Primary);
            QCOMPARE(page->countLabel()->text(),
                     QStringLiteral("%1 %2").arg(names.size()).arg(policyKindPlural(kind)));
        }
        screenshot(QStringLiteral("policylist-") + policyKindInfo(kind).name.toLower());
    }

    // What the columns say about the demo's objects.
    ui::PolicyListPage *vs = showPage(PolicyKind::VirtualService);
    const PolicyListModel *model = vs->model();
    const int reviews = sourceRowNamed(model, QStringLiteral("reviews"));
    QCOMPARE(model->index(reviews, model->columnOf(PolicyColumn::Tags)).data().toString(),
             QStringLiteral("traffic shifting"));
    const int details = sourceRowNamed(model, QStringLiteral("details"));
    QCOMPARE(model->index(details, model->columnOf(PolicyColumn::Tags)).data().toString(),
             QStringLiteral("fault"));
    const int bookinfo = sourceRowNamed(model, QStringLiteral("bookinfo"));
    QCOMPARE(model->index(bookinfo, model->columnOf(PolicyColumn::Gateways)).data().toString(),
             QStringLiteral("bookinfo-gateway"));
    ui::PolicyListPage *pa = showPage(PolicyKind::PeerAuthentication);
    const int mesh = sourceRowNamed(pa->model(), QStringLiteral("default"));
    QCOMPARE(pa->model()->index(mesh, pa->model()->columnOf(PolicyColumn::Scope)).data().toString(),
             QStringLiteral("Mesh-wide (root namespace)"));
}

void tst_PolicyListPages::createdAndDeletedObjectsFollow()
{
    ui::PolicyListPage *page = showPage(PolicyKind::VirtualService);
    // Select a row: it stays selected while other rows come and go.
    const int reviews = sourceRowNamed(page->model(), QStringLiteral("reviews"));
    page->table()->selectRow(
        page->filterModel()->mapFromSource(page->model()->index(reviews, 0)).row());
    QVERIFY(write("POST", PolicyKind::VirtualService, QStringLiteral("bookinfo"), {}, json(Body1)));
    QTRY_COMPARE_WITH_TIMEOUT(shownNames(page),
                              QStringList({"bookinfo", "details", "ratings-timeout", "reviews"}),
                              Timeout);
    const int added = sourceRowNamed(page->model(), QStringLiteral("ratings-timeout"));
    QCOMPARE(
        page->model()->index(added, page->model()->columnOf(PolicyColumn::Tags)).data().toString(),
        QStringLiteral("retries, timeout"));
    QCOMPARE(page->selectedObjects().size(), 1);
    QCOMPARE(page->selectedObjects().first().name, QStringLiteral("reviews"));

    QVERIFY(write("DELETE", PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                  QStringLiteral("ratings-timeout")));
    QTRY_COMPARE_WITH_TIMEOUT(shownNames(page), QStringList({"bookinfo", "details", "reviews"}),
                              Timeout);
    QCOMPARE(page->selectedObjects().first().name, QStringLiteral("reviews"));

    // The empty RequestAuthentication page turns into a list when one is created.
    ui::PolicyListPage *ra = showPage(PolicyKind::RequestAuthentication);
    QVERIFY(!ra->isShowingTable());
    QVERIFY(write("POST", PolicyKind::RequestAuthentication, QStringLiteral("bookinfo"), {},
                  json(Body2)));
    QTRY_COMPARE_WITH_TIMEOUT(shownNames(ra), QStringList({"productpage-jwt"}), Timeout);
    QVERIFY(ra->isShowingTable());
    QCOMPARE(ra->model()->index(0, ra->model()->columnOf(PolicyColumn::Issuers)).data().toString(),
             QStringLiteral("testing@secure.istio.io"));
    QCOMPARE(ra->model()->index(0, ra->model()->columnOf(PolicyColumn::Scope)).data().toString(),
             QStringLiteral("Workload: app=productpage"));
    screenshot(QStringLiteral("policylist-requestauthentication-created"));
}

void tst_PolicyListPages::liveCheckErrorOnItsRow()
{
    ui::PolicyListPage *page = showPage(PolicyKind::VirtualService);
    QVERIFY(write("POST", PolicyKind::VirtualService, QStringLiteral("bookinfo"), {}, json(Body3)));
    const PolicyListModel *model = page->model();
    const int checks = model->columnOf(PolicyColumn::Checks);
    QTRY_VERIFY_WITH_TIMEOUT(sourceRowNamed(model, QStringLiteral("broken")) >= 0, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(model->index(sourceRowNamed(model, QStringLiteral("broken")), checks)
                                     .data(PolicyListModel::SeverityRole)
                                     .toInt()
                                 == int(istio::Severity::Error),
                             Timeout);
    const QModelIndex broken
        = model->index(sourceRowNamed(model, QStringLiteral("broken")), checks);
    QVERIFY2(broken.data().toString().contains(QLatin1String("error")),
             qPrintable(broken.data().toString()));
    const QString tooltip = broken.data(Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.startsWith(QLatin1String("Error [")), qPrintable(tooltip));
    QVERIFY2(tooltip.contains(QLatin1String("missing")), qPrintable(tooltip));
    // The demo's own reviews route is fine.
    QCOMPARE(model->index(sourceRowNamed(model, QStringLiteral("reviews")), checks)
                 .data(PolicyListModel::SeverityRole)
                 .toInt(),
             -1);
    // Sorting by checks puts it first.
    page->table()->sortByColumn(checks, Qt::AscendingOrder);
    QCOMPARE(page->filterModel()->index(0, 0).data().toString(), QStringLiteral("broken"));
    screenshot(QStringLiteral("policylist-virtualservice-error"));
    page->table()->sortByColumn(model->columnOf(PolicyColumn::Name), Qt::AscendingOrder);
    QVERIFY(write("DELETE", PolicyKind::VirtualService, QStringLiteral("bookinfo"),
                  QStringLiteral("broken")));
    QTRY_VERIFY_WITH_TIMEOUT(sourceRowNamed(model, QStringLiteral("broken")) < 0, Timeout);
}

void tst_PolicyListPages::filterAndSearch()
{
    ui::PolicyListPage *page = showPage(PolicyKind::DestinationRule);
    QComboBox *namespaces = page->namespaceCombo();
    QCOMPARE(namespaces->itemText(0), QStringLiteral("All namespaces"));
    const int shop = namespaces->findText(QStringLiteral("shop"));
    QVERIFY(shop > 0);
    namespaces->setCurrentIndex(shop);
    emit namespaces->activated(shop);
    QCOMPARE(shownNames(page), QStringList({"catalog"}));
    QCOMPARE(page->countLabel()->text(), QStringLiteral("1 of 5 DestinationRules"));
    namespaces->setCurrentIndex(0);
    emit namespaces->activated(0);
    QCOMPARE(shownNames(page).size(), 5);

    // Ctrl+F, then typing: every keystroke filters.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    page->table()->setFocus();
    QTest::keyClick(page->table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(page->searchField()->hasFocus());
    QTest::keyClicks(page->searchField(), QStringLiteral("rev"));
    QCOMPARE(shownNames(page), QStringList({"reviews"}));
    screenshot(QStringLiteral("policylist-destinationrule-search"));
    page->searchField()->clear();
    QCOMPARE(shownNames(page).size(), 5);

    // Another page's request: namespace and search.
    m_window->navigator()->showPage(policyKindInfo(PolicyKind::DestinationRule).pageId,
                                    {{QStringLiteral("namespace"), QStringLiteral("bookinfo")},
                                     {QStringLiteral("search"), QStringLiteral("rat")}});
    QTRY_COMPARE(shownNames(page), QStringList({"ratings"}));
    QCOMPARE(page->namespaceCombo()->currentText(), QStringLiteral("bookinfo"));
    QCOMPARE(page->searchField()->text(), QStringLiteral("rat"));
    // The member cluster holds no policies.
    page->setPageArguments({{QStringLiteral("namespace"), QString()},
                            {QStringLiteral("search"), QString()},
                            {QStringLiteral("cluster"), Member}});
    QCOMPARE(shownNames(page), QStringList());
    QCOMPARE(page->clusterCombo()->currentText(), Member);
    page->setPageArguments({{QStringLiteral("cluster"), QString()}});
    QCOMPARE(shownNames(page).size(), 5);
}

void tst_PolicyListPages::openNewAndExport()
{
    // A page of its own, with a navigator whose handler records what it is asked to open.
    ui::Navigator navigator;
    QList<ui::ObjectLink> opened;
    navigator.addObjectHandler([&](const ui::ObjectLink &link) {
        opened << link;
        return true;
    });
    ui::PageContext context = m_window->pageContext();
    context.navigator = &navigator;
    ui::PolicyListPage page(PolicyKind::Gateway, context);
    page.resize(1200, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QTRY_COMPARE_WITH_TIMEOUT(shownNames(&page), QStringList({"bookinfo-gateway"}), Timeout);

    // Double-click opens the row.
    QTableView *table = page.table();
    const QRect cell = table->visualRect(page.filterModel()->index(0, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first(),
             (ui::ObjectLink {Primary, QStringLiteral("networking.istio.io/v1"),
                              QStringLiteral("Gateway"), QStringLiteral("bookinfo"),
                              QStringLiteral("bookinfo-gateway")}));
    // Enter opens it too.
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(opened.size(), 2);
    QCOMPARE(opened.last().name, QStringLiteral("bookinfo-gateway"));
    // Ctrl+N asks for a new object of the kind, in the filtered namespace.
    page.setPageArguments({{QStringLiteral("namespace"), QStringLiteral("bookinfo")}});
    QTest::keyClick(table, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(opened.size(), 3);
    QCOMPARE(opened.last().kind, QStringLiteral("Gateway"));
    QCOMPARE(opened.last().namespace_, QStringLiteral("bookinfo"));
    QVERIFY(opened.last().name.isEmpty());

    // Delete is offered for a selection.
    QVERIFY(page.deleteAction()->isEnabled());

    // Export as YAML: what kubectl apply takes again, without server-set fields.
    ui::PolicyListPage *dr = showPage(PolicyKind::DestinationRule);
    dr->table()->selectAll();
    QCOMPARE(dr->selectedObjects().size(), 5);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.yaml"));
    QCOMPARE(dr->exportTo(path).result(), QString()); // written in a worker thread
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray yaml = file.readAll();
    QCOMPARE(yaml.count("kind: DestinationRule\n"), 5);
    QCOMPARE(yaml.count("\n---\n"), 4);
    for (const char *field :
         {"resourceVersion", "uid:", "creationTimestamp", "managedFields", "generation"})
        QVERIFY2(!yaml.contains(field), field);
    // kubectl reads it back (a server-side dry run against the control-plane cluster).
    const testing::CommandResult applied
        = m_sim.kubectl({QStringLiteral("--context"), Primary, QStringLiteral("apply"),
                         QStringLiteral("--dry-run=server"), QStringLiteral("-f"), path});
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.describe()));
    QCOMPARE(applied.out.count("destinationrule.networking.istio.io/"), 5);
}

void tst_PolicyListPages::disconnectedClusterIsNamed()
{
    ui::PolicyListPage *page = showPage(PolicyKind::AuthorizationPolicy);
    QVERIFY(page->bannerLabel()->isHidden());
    m_manager->disconnectContext(Member);
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerLabel()->isVisible(), Timeout);
    QVERIFY2(page->bannerLabel()->text().contains(Member), qPrintable(page->bannerLabel()->text()));
    QVERIFY(page->bannerLabel()->text().contains(QLatin1String("may be stale")));
    // The rows of the control plane stay.
    QCOMPARE(shownNames(page), QStringList({"catalog-allow-storefront", "ratings-deny-legacy"}));
    screenshot(QStringLiteral("policylist-authorizationpolicy-stale"));
    QVERIFY(m_manager->connectContext(Member));
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerLabel()->isHidden(), Timeout);
}

QTEST_MAIN(tst_PolicyListPages)
#include "tst_policylistpages.moc"

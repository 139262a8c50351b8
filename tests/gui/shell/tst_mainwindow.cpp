#include "guitestutils.h"

#include "clusters/clusterspage.h"
#include "core/translations.h"
#include "items/commandmodel.h"
#include "items/navigationmodel.h"
#include "items/pagecatalog.h"
#include "shell/commandpalette.h"
#include "shell/connectionstatus.h"
#include "shell/emptystatepage.h"
#include "shell/mainwindow.h"
#include "shell/meshselector.h"
#include "shell/navigationsidebar.h"
#include "shell/navigator.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>

#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStringListModel>
#include <QTest>
#include <algorithm>

using md::ui::MainWindow;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void opensOnTheOverview();
    void sidebarModelIsConsistent();
    void everyNavigationEntrySwitchesPage();
    void groupEntryOpensFirstPage();
    void pageShortcuts();
    void commandPaletteFindsPagesByPartialName_data();
    void commandPaletteFindsPagesByPartialName();
    void commandPaletteKeyboardNavigation();
    void commandPaletteSaysWhenNothingMatches();
    void backAndForward();
    void emptyStatesAreHonest();
    void geometryAndLastPagePersist();
    void retranslatesToChinese();
    void meshPickerFollowsItsModel();
    void modulePagesComeFromTheirFactories();
    void navigatorOpensPages();
    void paletteRunsActions();

private:
    static void clickEntry(MainWindow &window, const QString &pageId);
};

void tst_MainWindow::initTestCase()
{
    isolateSettings();
}

void tst_MainWindow::init()
{
    QSettings().clear();
    md::installTranslations(QLocale(QLocale::English));
}

void tst_MainWindow::clickEntry(MainWindow &window, const QString &pageId)
{
    md::ui::NavigationSidebar *sidebar = window.sidebar();
    QModelIndex found;
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < sidebar->model()->rowCount(parent); ++row) {
            const QModelIndex idx = sidebar->model()->index(row, 0, parent);
            if (idx.data(md::NavigationModel::PageIdRole).toString() == pageId)
                found = idx;
            walk(idx);
        }
    };
    walk({});
    QVERIFY2(found.isValid(), qPrintable(pageId));
    sidebar->scrollTo(found);
    const QRect rect = sidebar->visualRect(found);
    QVERIFY(rect.isValid());
    QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, rect.center());
}

void tst_MainWindow::opensOnTheOverview()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentPageId(), QStringLiteral("overview"));
    QCOMPARE(window.windowTitle(), QStringLiteral("MeshDesk"));
    QVERIFY(window.connectionStatus()->text().contains(QStringLiteral("Not connected")));
    QVERIFY(!window.meshSelector()->meshBox()->isEnabled());
    QCOMPARE(window.meshSelector()->meshBox()->placeholderText(), QStringLiteral("No mesh"));
}

void tst_MainWindow::sidebarModelIsConsistent()
{
    MainWindow window;
    QAbstractItemModelTester tester(window.sidebar()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QPalette dark = window.palette();
    dark.setColor(QPalette::WindowText, Qt::white);
    window.sidebar()->setPalette(dark); // icons re-tint: dataChanged on the proxy
}

void tst_MainWindow::everyNavigationEntrySwitchesPage()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy spy(&window, &MainWindow::currentPageChanged);
    auto stack = window.findChild<QStackedWidget *>(QStringLiteral("pageStack"));
    QVERIFY(stack);
    int switches = 0;
    for (const md::PageInfo &page : md::PageCatalog::pages()) {
        if (page.id == window.currentPageId())
            continue;
        clickEntry(window, page.id);
        QCOMPARE(window.currentPageId(), page.id);
        QCOMPARE(stack->currentWidget(), window.page(page.id));
        if (page.id == QLatin1String("clusters")) {
            QVERIFY(qobject_cast<md::ui::ClustersPage *>(stack->currentWidget()));
        } else if (window.pageRegistry().hasPage(page.id)) {
            // A module's page, made by its factory: not the placeholder.
            QVERIFY(!qobject_cast<md::ui::EmptyStatePage *>(stack->currentWidget()));
        } else {
            auto empty = qobject_cast<md::ui::EmptyStatePage *>(stack->currentWidget());
            QVERIFY(empty);
            QCOMPARE(empty->titleText(), md::PageCatalog::translatedTitle(page));
        }
        QVERIFY(window.pageAction(page.id)->isChecked());
        ++switches;
    }
    QCOMPARE(spy.count(), switches);
    QCOMPARE(switches, md::PageCatalog::pages().size() - 1);
}

void tst_MainWindow::groupEntryOpensFirstPage()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto sidebar = window.sidebar();
    QModelIndex security;
    for (int row = 0; row < sidebar->model()->rowCount(); ++row) {
        const QModelIndex idx = sidebar->model()->index(row, 0);
        if (idx.data(md::NavigationModel::ModuleIdRole).toString() == QStringLiteral("security"))
            security = idx;
    }
    QVERIFY(security.isValid());
    QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {},
                      sidebar->visualRect(security).center());
    QCOMPARE(window.currentPageId(), QStringLiteral("security.peerauthentications"));
}

void tst_MainWindow::pageShortcuts()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::setActiveWindow(&window);
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPageId(), QStringLiteral("traffic.virtualservices"));
    QTest::keyClick(&window, Qt::Key_7, Qt::ControlModifier);
    QCOMPARE(window.currentPageId(), QStringLiteral("clusters"));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPageId(), QStringLiteral("overview"));
}

void tst_MainWindow::commandPaletteFindsPagesByPartialName_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("page");
    QTest::newRow("virt") << "virt"
                          << "traffic.virtualservices";
    QTest::newRow("authz") << "authz"
                           << "security.authorizationpolicies";
    QTest::newRow("topo") << "topo"
                          << "monitor.topology";
    QTest::newRow("gatew") << "mesh gatew"
                           << "gateways";
    QTest::newRow("side ns") << "namespace inj"
                             << "sidecars.namespaces";
}

void tst_MainWindow::commandPaletteFindsPagesByPartialName()
{
    QFETCH(QString, typed);
    QFETCH(QString, page);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::setActiveWindow(&window);
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    md::ui::CommandPalette *palette = window.commandPalette();
    QTRY_VERIFY(palette->isVisible());
    QTest::keyClicks(palette->searchField(), typed);
    QCOMPARE(palette->resultView()->currentIndex().data(md::CommandModel::PageIdRole).toString(),
             page);
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QTRY_VERIFY(!palette->isVisible());
    QCOMPARE(window.currentPageId(), page);
}

void tst_MainWindow::commandPaletteKeyboardNavigation()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCommandPalette();
    md::ui::CommandPalette *palette = window.commandPalette();
    QTRY_VERIFY(palette->isVisible());
    QTest::keyClicks(palette->searchField(), QStringLiteral("auth"));
    const int rows = palette->resultView()->model()->rowCount();
    QVERIFY(rows >= 3); // Peer-, Request- and AuthorizationPolicy
    const QString first
        = palette->resultView()->currentIndex().data(md::CommandModel::PageIdRole).toString();
    const int firstRow = palette->resultView()->currentIndex().row();
    QTest::keyClick(palette->searchField(), Qt::Key_Down);
    QCOMPARE(palette->resultView()->currentIndex().row(), firstRow + 1);
    QTest::keyClick(palette->searchField(), Qt::Key_Up);
    QCOMPARE(palette->resultView()->currentIndex().data(md::CommandModel::PageIdRole).toString(),
             first);
    // Down to the next page (actions such as "New AuthorizationPolicy…" are rows too), Enter.
    QString target;
    for (int i = 0; i < rows && target.isEmpty(); ++i) {
        QTest::keyClick(palette->searchField(), Qt::Key_Down);
        const QString id
            = palette->resultView()->currentIndex().data(md::CommandModel::PageIdRole).toString();
        if (!id.isEmpty() && id != first)
            target = id;
    }
    QVERIFY(!target.isEmpty());
    QTest::keyClick(palette->searchField(), Qt::Key_Enter);
    QCOMPARE(window.currentPageId(), target);

    window.showCommandPalette();
    QTRY_VERIFY(palette->isVisible());
    QVERIFY(palette->searchField()->text().isEmpty());
    QTest::keyClick(palette->searchField(), Qt::Key_Escape);
    QTRY_VERIFY(!palette->isVisible());
    QCOMPARE(window.currentPageId(), target);
}

void tst_MainWindow::commandPaletteSaysWhenNothingMatches()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCommandPalette();
    md::ui::CommandPalette *palette = window.commandPalette();
    QTest::keyClicks(palette->searchField(), QStringLiteral("qqqqq"));
    QVERIFY(!palette->resultView()->isVisible());
    bool said = false;
    for (QLabel *label : palette->findChildren<QLabel *>())
        said = said || (label->isVisible() && label->text().contains(QStringLiteral("qqqqq")));
    QVERIFY(said);
    QTest::keyClick(palette->searchField(), Qt::Key_Return); // nothing to open: stays
    QCOMPARE(window.currentPageId(), QStringLiteral("overview"));
}

void tst_MainWindow::backAndForward()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showPage(QStringLiteral("monitor.topology"));
    window.showPage(QStringLiteral("clusters"));
    window.goBack();
    QCOMPARE(window.currentPageId(), QStringLiteral("monitor.topology"));
    window.goBack();
    QCOMPARE(window.currentPageId(), QStringLiteral("overview"));
    window.goBack(); // nothing further back
    QCOMPARE(window.currentPageId(), QStringLiteral("overview"));
    window.goForward();
    QCOMPARE(window.currentPageId(), QStringLiteral("monitor.topology"));
    window.showPage(QStringLiteral("gateways")); // drops the forward history
    window.goForward();
    QCOMPARE(window.currentPageId(), QStringLiteral("gateways"));
}

void tst_MainWindow::emptyStatesAreHonest()
{
    MainWindow window;
    for (const md::PageInfo &page : md::PageCatalog::pages()) {
        if (window.pageRegistry().hasPage(page.id))
            continue; // a real page (its own empty state is tested with it)
        auto empty = qobject_cast<md::ui::EmptyStatePage *>(window.page(page.id));
        QVERIFY(empty);
        QCOMPARE(empty->messageText(),
                 QStringLiteral("No mesh connected — add a cluster or start the demo"));
    }
}

void tst_MainWindow::geometryAndLastPagePersist()
{
    const QRect wanted(QPoint(40, 50), QSize(1111, 777));
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setGeometry(wanted);
        QTRY_COMPARE(window.size(), wanted.size());
        window.showPage(QStringLiteral("security.requestauthentications"));
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.currentPageId(), QStringLiteral("security.requestauthentications"));
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), wanted.size());

    // A stale page id in the settings falls back to the overview.
    QSettings().setValue(QStringLiteral("mainwindow/lastPage"), QStringLiteral("removed.page"));
    MainWindow third;
    QCOMPARE(third.currentPageId(), QStringLiteral("overview"));
}

void tst_MainWindow::retranslatesToChinese()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(md::installTranslations(QLocale(QStringLiteral("zh_CN"))));
    QTRY_COMPARE(window.sidebar()->model()->index(0, 0).data().toString(),
                 QStringLiteral("网格概览"));
    QTRY_COMPARE(window.menuBar()->actions().constFirst()->text(), QStringLiteral("文件(&F)"));
    // The overview page (a module's real page) follows the language too.
    QWidget *overview = window.page(QStringLiteral("overview"));
    QVERIFY(overview);
    // (One list for both ends: begin and end of two temporaries would walk off the first.)
    auto hasChinese = [overview] {
        const QList<QLabel *> labels = overview->findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
            const QString text = label->text();
            return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
                return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff;
            });
        });
    };
    QTRY_VERIFY(hasChinese());
    QVERIFY(!window.connectionStatus()->text().contains(QStringLiteral("Not connected")));
}

void tst_MainWindow::meshPickerFollowsItsModel()
{
    MainWindow window;
    QStringListModel meshes;
    window.meshSelector()->setMeshModel(&meshes);
    QComboBox *box = window.meshSelector()->meshBox();
    QVERIFY(!box->isEnabled());
    meshes.setStringList({QStringLiteral("prod-mesh"), QStringLiteral("staging-mesh")});
    QVERIFY(box->isEnabled());
    QCOMPARE(box->count(), 2);
    meshes.setStringList({});
    QVERIFY(!box->isEnabled());
}

void tst_MainWindow::modulePagesComeFromTheirFactories()
{
    MainWindow window;
    QVERIFY(window.pageRegistry().hasPage(QStringLiteral("clusters")));
    QVERIFY(window.pageContext().connections == window.connections());
    QVERIFY(window.pageContext().mesh != nullptr);
    QVERIFY(window.pageContext().navigator == window.navigator());
    // The module's page replaces its placeholder in the stack, once.
    QWidget *page = window.page(QStringLiteral("clusters"));
    QVERIFY(qobject_cast<md::ui::ClustersPage *>(page));
    QCOMPARE(window.page(QStringLiteral("clusters")), page);
    auto stack = window.findChild<QStackedWidget *>(QStringLiteral("pageStack"));
    QVERIFY(stack->indexOf(page) >= 0);
    QCOMPARE(stack->count(), md::PageCatalog::pages().size());
}

void tst_MainWindow::navigatorOpensPages()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&window, &MainWindow::currentPageChanged);
    window.navigator()->showPage(QStringLiteral("clusters"), {{QStringLiteral("x"), 1}});
    QCOMPARE(window.currentPageId(), QStringLiteral("clusters"));
    QVERIFY(qobject_cast<md::ui::ClustersPage *>(window.currentPage()));
    QCOMPARE(changed.size(), 1);
    // An unknown page changes nothing.
    window.navigator()->showPage(QStringLiteral("no.such.page"));
    QCOMPARE(window.currentPageId(), QStringLiteral("clusters"));
    // Object handlers are asked in order until one takes the object.
    QStringList asked;
    window.navigator()->addObjectHandler([&](const md::ui::ObjectLink &link) {
        asked << QStringLiteral("first:") + link.kind;
        return link.kind == QLatin1String("TestKindA");
    });
    window.navigator()->addObjectHandler([&](const md::ui::ObjectLink &link) {
        asked << QStringLiteral("second:") + link.kind;
        return true;
    });
    QVERIFY(window.navigator()->openObject({{}, {}, QStringLiteral("TestKindA"), {}, {}}));
    QVERIFY(window.navigator()->openObject({{}, {}, QStringLiteral("TestKindB"), {}, {}}));
    QCOMPARE(asked,
             (QStringList {QStringLiteral("first:TestKindA"), QStringLiteral("first:TestKindB"),
                           QStringLiteral("second:TestKindB")}));
}

void tst_MainWindow::paletteRunsActions()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    md::ui::CommandPalette *palette = window.commandPalette();
    palette->commandModel()->addAction(
        {QStringLiteral("test.action"), "tst", "Frobnicate the mesh", nullptr, {}, {}});
    QSignalSpy pages(palette, &md::ui::CommandPalette::pageChosen);
    QSignalSpy commands(palette, &md::ui::CommandPalette::commandChosen);
    window.showCommandPalette();
    QTRY_VERIFY(palette->isVisible());
    QTest::keyClicks(palette->searchField(), QStringLiteral("frobnicate"));
    QCOMPARE(palette->resultView()->model()->rowCount(), 1);
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QCOMPARE(commands.size(), 1);
    QCOMPARE(commands.at(0).at(0).toString(), QStringLiteral("test.action"));
    QCOMPARE(pages.size(), 0);
    QVERIFY(!palette->isVisible());
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

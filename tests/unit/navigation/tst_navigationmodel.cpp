#include "items/navigationmodel.h"
#include "items/pagecatalog.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using md::NavigationModel;
using md::PageCatalog;

class tst_NavigationModel : public QObject
{
    Q_OBJECT

private slots:
    void modelIsConsistent();
    void nineModulesInOrder();
    void everyPageHasOneEntry();
    void groupsAndLeaves_data();
    void groupsAndLeaves();
    void indexForPageRoundTrips();
    void shortcutsAreUnique();
    void retranslateSignalsEveryRow();
};

void tst_NavigationModel::modelIsConsistent()
{
    NavigationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.retranslate();
}

void tst_NavigationModel::nineModulesInOrder()
{
    NavigationModel model;
    const QStringList expected {
        QStringLiteral("overview"), QStringLiteral("services"), QStringLiteral("traffic"),
        QStringLiteral("security"), QStringLiteral("monitor"),  QStringLiteral("sidecars"),
        QStringLiteral("clusters"), QStringLiteral("gateways"), QStringLiteral("config")};
    QCOMPARE(model.rowCount(), expected.size());
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(NavigationModel::ModuleIdRole).toString(),
                 expected.at(row));
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Mesh overview"));
}

void tst_NavigationModel::everyPageHasOneEntry()
{
    NavigationModel model;
    QSet<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex module = model.index(row, 0);
        const QString leafPage = module.data(NavigationModel::PageIdRole).toString();
        if (!leafPage.isEmpty())
            seen.insert(leafPage);
        for (int child = 0; child < model.rowCount(module); ++child) {
            const QString id
                = model.index(child, 0, module).data(NavigationModel::PageIdRole).toString();
            QVERIFY2(!seen.contains(id), qPrintable(id));
            seen.insert(id);
        }
    }
    QCOMPARE(seen.size(), PageCatalog::pages().size());
    for (const md::PageInfo &page : PageCatalog::pages())
        QVERIFY2(seen.contains(page.id), qPrintable(page.id));
}

void tst_NavigationModel::groupsAndLeaves_data()
{
    QTest::addColumn<QString>("module");
    QTest::addColumn<QStringList>("children");
    QTest::newRow("overview") << "overview" << QStringList {};
    QTest::newRow("services") << "services" << QStringList {"Services", "External services"};
    QTest::newRow("traffic") << "traffic"
                             << QStringList {"VirtualService", "DestinationRule", "Gateway"};
    QTest::newRow("security") << "security"
                              << QStringList {"PeerAuthentication", "RequestAuthentication",
                                              "AuthorizationPolicy"};
    QTest::newRow("monitor") << "monitor" << QStringList {"Topology", "Metrics"};
    QTest::newRow("sidecars") << "sidecars"
                              << QStringList {"Namespace injection", "Workload injection"};
    QTest::newRow("clusters") << "clusters" << QStringList {};
    QTest::newRow("gateways") << "gateways" << QStringList {};
    QTest::newRow("config") << "config"
                            << QStringList {"Istio resources", "TLS secrets", "Config drift",
                                            "History"};
}

void tst_NavigationModel::groupsAndLeaves()
{
    QFETCH(QString, module);
    QFETCH(QStringList, children);
    NavigationModel model;
    QModelIndex moduleIndex;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(NavigationModel::ModuleIdRole).toString() == module)
            moduleIndex = model.index(row, 0);
    }
    QVERIFY(moduleIndex.isValid());
    QCOMPARE(model.rowCount(moduleIndex), children.size());
    if (children.isEmpty()) {
        QCOMPARE(moduleIndex.data(NavigationModel::PageIdRole).toString(), module);
        QVERIFY(!moduleIndex.data(Qt::ToolTipRole).toString().isEmpty());
    } else {
        QVERIFY(moduleIndex.data(NavigationModel::PageIdRole).toString().isEmpty());
        QVERIFY(!moduleIndex.data(NavigationModel::IconNameRole).toString().isEmpty());
    }
    for (int i = 0; i < children.size(); ++i)
        QCOMPARE(model.index(i, 0, moduleIndex).data().toString(), children.at(i));
}

void tst_NavigationModel::indexForPageRoundTrips()
{
    NavigationModel model;
    for (const md::PageInfo &page : PageCatalog::pages()) {
        const QModelIndex idx = model.indexForPage(page.id);
        QVERIFY2(idx.isValid(), qPrintable(page.id));
        QCOMPARE(idx.data(NavigationModel::PageIdRole).toString(), page.id);
        QCOMPARE(idx.data().toString(), PageCatalog::translatedTitle(page));
    }
    QVERIFY(!model.indexForPage(QStringLiteral("no.such.page")).isValid());
}

void tst_NavigationModel::shortcutsAreUnique()
{
    QSet<QString> shortcuts;
    int modulesWithShortcut = 0;
    QSet<QString> modules;
    for (const md::PageInfo &page : PageCatalog::pages()) {
        if (page.shortcut.isEmpty())
            continue;
        QVERIFY2(!shortcuts.contains(page.shortcut), qPrintable(page.shortcut));
        shortcuts.insert(page.shortcut);
        if (!modules.contains(page.module)) {
            modules.insert(page.module);
            ++modulesWithShortcut;
        }
    }
    // Every module is one key press away.
    QCOMPARE(modulesWithShortcut, PageCatalog::modules().size());
}

void tst_NavigationModel::retranslateSignalsEveryRow()
{
    NavigationModel model;
    QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
    model.retranslate();
    int groups = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        groups += model.rowCount(model.index(row, 0)) > 0 ? 1 : 0;
    QCOMPARE(spy.count(), 1 + groups);
}

QTEST_APPLESS_MAIN(tst_NavigationModel)
#include "tst_navigationmodel.moc"

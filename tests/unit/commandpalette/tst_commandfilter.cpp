#include "items/commandfiltermodel.h"
#include "items/commandmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using md::CommandFilterModel;
using md::CommandModel;

class tst_CommandFilter : public QObject
{
    Q_OBJECT

private slots:
    void modelsAreConsistent();
    void termScore_data();
    void termScore();
    void findsPagesByPartialName_data();
    void findsPagesByPartialName();
    void noMatchGivesNoRows();
    void emptyQueryListsEveryPageInOrder();
    void ranksBetterMatchesFirst();
    void actionsFollowThePages();

private:
    static QStringList pageIds(const CommandFilterModel &model);
};

QStringList tst_CommandFilter::pageIds(const CommandFilterModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(CommandModel::PageIdRole).toString();
    return ids;
}

void tst_CommandFilter::modelsAreConsistent()
{
    CommandModel source;
    QAbstractItemModelTester sourceTester(&source,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    CommandFilterModel filter;
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&source);
    for (const char *query : {"v", "vir", "", "zzz", "sec", "auth pol", ""})
        filter.setQuery(QString::fromLatin1(query));
    source.retranslate();
}

void tst_CommandFilter::termScore_data()
{
    QTest::addColumn<QString>("term");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("score");
    QTest::newRow("whole") << "gateway"
                           << "Gateway" << 100;
    QTest::newRow("prefix") << "virt"
                            << "VirtualService" << 80;
    QTest::newRow("camel word") << "service"
                                << "VirtualService" << 60;
    QTest::newRow("space word") << "clu"
                                << "Mesh clusters" << 60;
    QTest::newRow("substring") << "ualser"
                               << "VirtualService" << 40;
    QTest::newRow("subsequence") << "vrtsvc"
                                 << "VirtualService" << 10;
    QTest::newRow("none") << "xyz"
                          << "VirtualService" << 0;
    QTest::newRow("out of order") << "ecivres"
                                  << "Service" << 0;
    QTest::newRow("empty term") << ""
                                << "VirtualService" << 0;
}

void tst_CommandFilter::termScore()
{
    QFETCH(QString, term);
    QFETCH(QString, text);
    QFETCH(int, score);
    QCOMPARE(CommandFilterModel::termScore(term, text), score);
}

void tst_CommandFilter::findsPagesByPartialName_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("firstPage");
    QTest::newRow("virt") << "virt"
                          << "traffic.virtualservices";
    QTest::newRow("vs keyword") << "vs"
                                << "traffic.virtualservices";
    QTest::newRow("dest") << "dest"
                          << "traffic.destinationrules";
    QTest::newRow("auth pol") << "auth pol"
                              << "security.authorizationpolicies";
    QTest::newRow("peer") << "PEER"
                          << "security.peerauthentications";
    QTest::newRow("mtls") << "mtls"
                          << "security.peerauthentications";
    QTest::newRow("jwt") << "jwt"
                         << "security.requestauthentications";
    QTest::newRow("topo") << "topo"
                          << "monitor.topology";
    QTest::newRow("metric") << "metric"
                            << "monitor.metrics";
    QTest::newRow("workload inj") << "workload inj"
                                  << "sidecars.workloads";
    QTest::newRow("clusters") << "clusters"
                              << "clusters";
    QTest::newRow("istio res") << "istio res"
                               << "config.resources";
    QTest::newRow("overview") << "over"
                              << "overview";
    QTest::newRow("subsequence") << "drul"
                                 << "traffic.destinationrules";
}

void tst_CommandFilter::findsPagesByPartialName()
{
    QFETCH(QString, query);
    QFETCH(QString, firstPage);
    CommandModel source;
    CommandFilterModel filter;
    filter.setSourceModel(&source);
    filter.setQuery(query);
    const QStringList ids = pageIds(filter);
    QVERIFY2(!ids.isEmpty(), qPrintable(query));
    QCOMPARE(ids.constFirst(), firstPage);
}

void tst_CommandFilter::noMatchGivesNoRows()
{
    CommandModel source;
    CommandFilterModel filter;
    filter.setSourceModel(&source);
    filter.setQuery(QStringLiteral("qqqq"));
    QCOMPARE(filter.rowCount(), 0);
    // Every term must match: a good term and a bad one find nothing.
    filter.setQuery(QStringLiteral("virtual qqqq"));
    QCOMPARE(filter.rowCount(), 0);
}

void tst_CommandFilter::emptyQueryListsEveryPageInOrder()
{
    CommandModel source;
    CommandFilterModel filter;
    filter.setSourceModel(&source);
    filter.setQuery(QString());
    QCOMPARE(filter.rowCount(), source.rowCount());
    for (int row = 0; row < source.rowCount(); ++row) {
        QCOMPARE(filter.index(row, 0).data(CommandModel::PageIdRole),
                 source.index(row, 0).data(CommandModel::PageIdRole));
    }
}

void tst_CommandFilter::ranksBetterMatchesFirst()
{
    CommandModel source;
    CommandFilterModel filter;
    filter.setSourceModel(&source);
    // "gateway": the Gateway page (whole word) ranks above Mesh gateways (word prefix).
    filter.setQuery(QStringLiteral("gateway"));
    const QStringList ids = pageIds(filter);
    QVERIFY(ids.size() >= 2);
    QCOMPARE(ids.at(0), QStringLiteral("traffic.gateways"));
    QVERIFY(ids.contains(QStringLiteral("gateways")));
}

void tst_CommandFilter::actionsFollowThePages()
{
    CommandModel source;
    QAbstractItemModelTester tester(&source,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int pages = source.rowCount();
    source.addAction({QStringLiteral("editors.new.VirtualService"),
                      "md::ui::Editors",
                      "New VirtualService…",
                      "Traffic management",
                      {QStringLiteral("create")},
                      QStringLiteral("Ctrl+Shift+V")});
    source.addAction(
        {QStringLiteral("editors.import"), "md::ui::Editors", "Import YAML…", nullptr, {}, {}});
    QCOMPARE(source.rowCount(), pages + 2);
    const QModelIndex first = source.index(pages);
    QCOMPARE(first.data().toString(), QStringLiteral("New VirtualService…"));
    QCOMPARE(first.data(CommandModel::CommandIdRole).toString(),
             QStringLiteral("editors.new.VirtualService"));
    QVERIFY(first.data(CommandModel::PageIdRole).toString().isEmpty());
    QCOMPARE(first.data(CommandModel::ContextRole).toString(),
             QStringLiteral("Traffic management"));
    QCOMPARE(first.data(CommandModel::ShortcutRole).toString(), QStringLiteral("Ctrl+Shift+V"));
    QVERIFY(source.index(0).data(CommandModel::CommandIdRole).toString().isEmpty());

    // Replacing an action by id keeps one row.
    source.addAction({QStringLiteral("editors.import"),
                      "md::ui::Editors",
                      "Import YAML files…",
                      nullptr,
                      {},
                      {}});
    QCOMPARE(source.rowCount(), pages + 2);
    QCOMPARE(source.index(pages + 1).data().toString(), QStringLiteral("Import YAML files…"));

    // The filter finds actions by title and keyword.
    CommandFilterModel filter;
    filter.setSourceModel(&source);
    filter.setQuery(QStringLiteral("new virt"));
    QVERIFY(filter.rowCount() >= 1);
    QCOMPARE(filter.index(0, 0).data(CommandModel::CommandIdRole).toString(),
             QStringLiteral("editors.new.VirtualService"));
    filter.setQuery(QStringLiteral("create"));
    QCOMPARE(filter.rowCount(), 1);
}

QTEST_APPLESS_MAIN(tst_CommandFilter)
#include "tst_commandfilter.moc"

// The topology page on meshsim's scale scenario: 1,500 workloads calling each other through
// 1,500 services, scraped by a real Prometheus, give a graph of about 3,000 nodes that the page
// loads, lays out and draws with its minimap; zooming in shows readable nodes.

#include "guitestutils.h"
#include "meshsimprocess.h"
#include "prometheusprocess.h"

#include "charts/meshprometheus.h"
#include "charts/monitorsettings.h"
#include "core/translations.h"
#include "shell/navigator.h"
#include "shell/pagecontext.h"
#include "topology/topologyitems.h"
#include "topology/topologypage.h"
#include "topology/topologyscene.h"
#include "topology/topologysidepanel.h"
#include "topology/topologyview.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace md;
using namespace Qt::StringLiterals;
using ui::topology::TopologyPage;

class tst_TopologyScale : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void threeThousandNodes();

private:
    testing::MeshsimProcess m_sim;
    testing::PrometheusProcess m_prometheus;
};

void tst_TopologyScale::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
    md::installTranslations(QLocale(QLocale::English));
    QVERIFY2(!testing::PrometheusProcess::prometheusPath().isEmpty(),
             "prometheus is required for this test (scripts/install-deps.sh)");
    QString error = m_sim.start({u"--scenario"_s, u"scale"_s, u"--workloads"_s, u"1500"_s}, 120000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_prometheus.start(m_sim.readyLine().section(u"metrics="_s, 1).trimmed(), u"2s"_s,
                               120000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_TopologyScale::cleanupTestCase()
{
    QCOMPARE(m_prometheus.stop(), 0);
    QCOMPARE(m_sim.stop(), 0);
}

void tst_TopologyScale::threeThousandNodes()
{
    ui::MonitorSettings::instance()->setRefreshInterval(std::chrono::seconds(0));
    ui::Navigator navigator;
    ui::PageContext context;
    context.navigator = &navigator;
    TopologyPage page(context);
    page.resize(1600, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.prometheus()->setFixedUrl(m_prometheus.url());

    // Until Prometheus has two scrapes of every workload, the graph grows.
    QDeadlineTimer deadline(240000);
    qsizetype nodes = 0;
    while (!deadline.hasExpired()) {
        QSignalSpy shown(&page, &TopologyPage::graphShown);
        page.refresh();
        QVERIFY2(shown.wait(120000), qPrintable(page.stateMessage()));
        QVERIFY2(page.state() != TopologyPage::State::Error, qPrintable(page.stateMessage()));
        nodes = page.scene()->nodeItems().size();
        if (nodes >= 2900)
            break;
        QTest::qWait(3000);
    }
    QCOMPARE(page.state(), TopologyPage::State::Graph);
    QVERIFY2(nodes >= 2900, qPrintable(QString::number(nodes)));
    QVERIFY(page.scene()->edgeItems().size() >= 4000);
    qInfo("scale graph: %lld nodes, %lld edges, layout %lld ms", qlonglong(nodes),
          qlonglong(page.scene()->edgeItems().size()), qlonglong(page.lastLayoutMs()));

    // Every node was placed: no two workload/service nodes share a position.
    QSet<QPair<int, int>> places;
    for (auto *item : page.scene()->nodeItems())
        places.insert({qRound(item->pos().x()), qRound(item->pos().y())});
    QCOMPARE(places.size(), nodes);
    // Fitted: the whole graph is in view, small; the minimap is shown for it.
    QVERIFY(page.view()->zoom() < ui::topology::lod::Shapes);
    QTRY_VERIFY(page.view()->minimap()->isVisible());
    QTest::qWait(200);
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/topology-scale-fit.png")));

    // At fit the node and edge items draw nothing: the edge layer draws them and takes the
    // nodes' hover and clicks, so hovering highlights and a click selects and opens the panel.
    QVERIFY(page.scene()->isOverview());
    auto *layer = page.scene()->edgeLayer();
    QVERIFY(layer);
    auto *probe = page.scene()->nodeItems().at(int(nodes / 3));
    QVERIFY(probe->flags() & QGraphicsItem::ItemHasNoContents);
    const QPoint spot = page.view()->mapFromScene(probe->anchor());
    auto *under = layer->nodeAt(page.view()->mapToScene(spot), page.view()->zoom());
    QVERIFY(under);
    QVERIFY(QLineF(page.view()->mapFromScene(under->anchor()), spot).length() <= 5);
    QTest::mouseMove(page.view()->viewport(), spot + QPoint(0, 1));
    QTest::mouseMove(page.view()->viewport(), spot);
    QTRY_COMPARE(under->emphasis(), ui::topology::Emphasis::Hovered);
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, spot);
    QTRY_VERIFY(under->isSelected());
    QTRY_COMPARE_WITH_TIMEOUT(page.sidePanel()->shownId(), under->id(), 30000);
    // Far from any node: a click clears the selection.
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, QPoint(5, 5));
    QTRY_VERIFY(page.scene()->selectedItems().isEmpty());

    // Zoomed in on a node: labels are drawn.
    auto *node = page.scene()->nodeItems().at(int(nodes / 2));
    page.view()->resetZoom();
    page.view()->centerOn(node->anchor());
    QCOMPARE(page.view()->zoom(), 1.0);
    // While the zoom changes the edge layer draws edges one pixel wide (the benchmark
    // times both); once the zoom has rested for a moment, at full width again.
    QVERIFY(page.scene()->isZooming());
    QTRY_VERIFY(!page.scene()->isZooming());
    page.view()->zoomBy(1.2);
    QVERIFY(page.scene()->isZooming());
    QTest::qWait(60);
    page.view()->zoomBy(1 / 1.2);
    QTest::qWait(60);
    QVERIFY(page.scene()->isZooming()); // each step starts the moment again
    QTRY_VERIFY(!page.scene()->isZooming());
    QTest::qWait(200);
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/topology-scale-zoomed.png")));

    // A refresh keeps the layout: the same node stays where it was.
    const QString id = node->id();
    const QPointF before = node->pos();
    QSignalSpy shown(&page, &TopologyPage::graphShown);
    page.refresh();
    QVERIFY(shown.wait(120000));
    auto *again = page.scene()->nodeItem(id);
    QVERIFY(again);
    const QRectF bounds = page.scene()->graphRect();
    QVERIFY2(
        QLineF(before, again->pos()).length() < 0.05 * bounds.width(),
        qPrintable(
            u"moved %1 of %2"_s.arg(QLineF(before, again->pos()).length()).arg(bounds.width())));

    // Find among 3,000 nodes.
    page.findEdit()->setText(u"svc-0042"_s);
    QVERIFY(page.findNext());
    auto selected = page.scene()->selectedItems();
    QCOMPARE(selected.size(), 1);
    QVERIFY(ui::topology::nodeLabel(
                qgraphicsitem_cast<ui::topology::NodeItem *>(selected.first())->node())
                .contains(u"svc-0042"_s));
}

QTEST_MAIN(tst_TopologyScale)
#include "tst_topology_scale.moc"

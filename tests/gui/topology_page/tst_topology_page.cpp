// Monitor › Topology on the demo mesh: meshsim's two clusters scraped by a real Prometheus.
// The page follows the selected mesh (no mesh, no Prometheus URL, then the graph), draws the
// demo's nodes and edges, opens the side panel with the node's metrics and policies on a
// click, finds nodes, filters by namespace and exports PNG and SVG.

#include "guitestutils.h"
#include "meshsimprocess.h"
#include "prometheusprocess.h"

#include "charts/meshprometheus.h"
#include "charts/monitorsettings.h"
#include "charts/sparkline.h"
#include "core/translations.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "shell/navigator.h"
#include "shell/pagecontext.h"
#include "store/meshstore.h"
#include "topology/topologyitems.h"
#include "topology/topologypage.h"
#include "topology/topologyscene.h"
#include "topology/topologysidepanel.h"
#include "topology/topologyview.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace md;
using namespace Qt::StringLiterals;
using ui::topology::EdgeItem;
using ui::topology::NodeItem;
using ui::topology::TopologyPage;

class tst_TopologyPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void followsTheMeshAndDrawsTheDemo();

private:
    static NodeItem *nodeNamed(TopologyPage &page, const QString &workload);
    static void clickNode(TopologyPage &page, NodeItem *item);

    testing::MeshsimProcess m_sim;
    testing::PrometheusProcess m_prometheus;
    kube::Kubeconfig m_kubeconfig;
};

void tst_TopologyPage::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
    md::installTranslations(QLocale(QLocale::English));
    QVERIFY2(!testing::PrometheusProcess::prometheusPath().isEmpty(),
             "prometheus is required for this test (scripts/install-deps.sh)");
    QString error = m_sim.start({u"--scenario"_s, u"demo"_s, u"--crds"_s,
                                 QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_prometheus.start(m_sim.readyLine().section(u"metrics="_s, 1).trimmed(), u"1s"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto loaded = kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(loaded);
    m_kubeconfig = *loaded;
}

void tst_TopologyPage::cleanupTestCase()
{
    QCOMPARE(m_prometheus.stop(), 0);
    QCOMPARE(m_sim.stop(), 0);
}

NodeItem *tst_TopologyPage::nodeNamed(TopologyPage &page, const QString &workload)
{
    for (NodeItem *item : page.scene()->nodeItems()) {
        if (item->node().type == telemetry::NodeType::Workload && item->node().workload == workload)
            return item;
    }
    return nullptr;
}

void tst_TopologyPage::clickNode(TopologyPage &page, NodeItem *item)
{
    page.view()->centerOn(item->anchor());
    const QPoint at = page.view()->mapFromScene(item->anchor());
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, at);
}

void tst_TopologyPage::followsTheMeshAndDrawsTheDemo()
{
    const QString primary = u"meshsim-primary"_s;
    const QString member = u"meshsim-member"_s;
    mesh::ConnectionManager manager;
    manager.setKubeconfig(m_kubeconfig);
    QVERIFY(manager.connectContext(primary));
    QVERIFY(manager.connectContext(member));
    store::MeshStore store;
    QVERIFY(store.open(u":memory:"_s));
    mesh::MeshRegistry registry(&store, &manager);
    mesh::SelectedMesh selected(&manager, &registry);
    ui::Navigator navigator;
    QList<ui::ObjectLink> opened;
    navigator.addObjectHandler([&](const ui::ObjectLink &link) {
        opened << link;
        return true;
    });
    QSignalSpy pageRequests(&navigator, &ui::Navigator::pageRequested);
    ui::MonitorSettings::instance()->setRefreshInterval(std::chrono::seconds(0));

    ui::PageContext context;
    context.connections = &manager;
    context.registry = &registry;
    context.mesh = &selected;
    context.navigator = &navigator;
    TopologyPage page(context);
    page.resize(1500, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    // No mesh, then a mesh without a Prometheus URL: the page says what to do.
    QCOMPARE(page.state(), TopologyPage::State::NoMesh);
    QCOMPARE(page.stateTitle(), u"No mesh selected"_s);
    mesh::Mesh demo;
    demo.name = u"demo"_s;
    demo.type = mesh::Mesh::Type::Hosted;
    demo.controlPlane = primary;
    demo.members = {member};
    QVERIFY(registry.save(demo));
    QVERIFY(registry.selectMesh(demo.name));
    QTRY_COMPARE_WITH_TIMEOUT(page.state(), TopologyPage::State::NoUrl, 30000);
    QVERIFY2(page.stateMessage().contains(u"Ctrl+Shift+E"_s), qPrintable(page.stateMessage()));
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/topology-no-url.png")));

    // With its Prometheus: the demo's graph.
    demo.prometheusUrl = m_prometheus.url();
    QVERIFY(registry.save(demo));
    QTRY_COMPARE_WITH_TIMEOUT(page.prometheus()->state(), ui::MeshPrometheus::State::Ready, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(selected.cache()->isSynced(), 30000);
    // Prometheus needs a few scrapes before rates exist: refresh until the calls show.
    const QStringList expected = {u"productpage-v1"_s, u"reviews-v2"_s, u"ratings-v1"_s,
                                  u"details-v1"_s, u"istio-ingressgateway"_s};
    QDeadlineTimer deadline(90000);
    while (!deadline.hasExpired()) {
        QSignalSpy shown(&page, &TopologyPage::graphShown);
        page.refresh();
        QVERIFY2(shown.wait(30000) || page.state() == TopologyPage::State::Error,
                 qPrintable(page.stateMessage()));
        QVERIFY2(page.state() != TopologyPage::State::Error, qPrintable(page.stateMessage()));
        bool all = page.state() == TopologyPage::State::Graph;
        for (const QString &w : expected)
            all = all && nodeNamed(page, w);
        if (all && page.scene()->edgeItems().size() >= 8)
            break;
        QTest::qWait(3000);
    }
    QCOMPARE(page.state(), TopologyPage::State::Graph);
    for (const QString &w : expected)
        QVERIFY2(nodeNamed(page, w), qPrintable(w));
    // Every edge joins two drawn nodes; productpage calls reviews through the reviews service.
    bool productToReviews = false;
    for (EdgeItem *edge : page.scene()->edgeItems()) {
        QVERIFY(edge->sourceItem() && edge->targetItem());
        productToReviews = productToReviews
            || (edge->sourceItem()->node().workload == u"productpage-v1"_s
                && edge->targetItem()->node().service == u"reviews"_s);
    }
    QVERIFY(productToReviews);
    QVERIFY(!page.scene()->boxItems().isEmpty()); // cluster and namespace boxes
    // Every box is an axis-aligned rectangle, drawn unrotated and unsheared, around the nodes
    // of its cluster (and namespace) that the layout put in it.
    for (ui::topology::BoxItem *box : page.scene()->boxItems()) {
        const QPolygonF corners = box->mapToScene(box->rect());
        QCOMPARE(corners.size(), 5); // closed: the first corner again
        QCOMPARE(corners.first(), corners.last());
        for (int i = 0; i < 4; ++i) {
            const QPointF a = corners.at(i), b = corners.at(i + 1);
            QVERIFY2(qFuzzyCompare(a.x() + 1, b.x() + 1) || qFuzzyCompare(a.y() + 1, b.y() + 1),
                     qPrintable(box->path().join(u'/')));
        }
        QVERIFY(box->sceneTransform().type() <= QTransform::TxTranslate);
        QVERIFY(box->rect().width() > 0 && box->rect().height() > 0);
        int inside = 0;
        for (NodeItem *item : page.scene()->nodeItems()) {
            const auto &node = item->node();
            if (node.flags & telemetry::NodeFlag::Outsider || node.cluster != box->path().first()
                || (box->path().size() > 1 && node.namespaceName != box->path().at(1)))
                continue;
            const QRectF shape(item->anchor() - QPointF(15, 15), QSizeF(30, 30));
            QVERIFY2(box->sceneBoundingRect().contains(shape),
                     qPrintable(u"%1 outside %2"_s.arg(node.id, box->path().join(u'/'))));
            ++inside;
        }
        QVERIFY2(inside > 0, qPrintable(box->path().join(u'/')));
    }
    QVERIFY(page.knownNamespaces().contains(u"bookinfo"_s));
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/topology-demo.png")));

    // A click on productpage opens the side panel with its metrics and policies.
    NodeItem *product = nodeNamed(page, u"productpage-v1"_s);
    QSignalSpy charts(page.sidePanel(), &ui::topology::TopologySidePanel::chartsReady);
    QSignalSpy related(page.sidePanel(), &ui::topology::TopologySidePanel::relatedReady);
    clickNode(page, product);
    QTRY_COMPARE_WITH_TIMEOUT(page.sidePanel()->shownId(), product->id(), 30000);
    QVERIFY(product->isSelected());
    QCOMPARE(page.sidePanel()->titleText(), u"productpage-v1"_s);
    QVERIFY(!page.sidePanel()->healthText().isEmpty());
    QVERIFY(charts.count() || charts.wait(30000));
    QCOMPARE(page.sidePanel()->sparklines().size(), 3);
    QVERIFY2(page.sidePanel()->sparklines().first()->pointCount() > 0,
             qPrintable(page.sidePanel()->sparklines().first()->valueText()));
    QVERIFY(page.sidePanel()->sparklines().first()->valueText().endsWith(u"rps"_s));
    // The sparkline draws its line: its colour is in the plot's pixels, over much of the width.
    {
        ui::Sparkline *line = page.sidePanel()->sparklines().first();
        QVERIFY(line->plot()->isVisible() && line->plot()->height() >= 30);
        const QImage plot = line->plot()->grab().toImage();
        const QColor want = ui::Sparkline::lineColor();
        QSet<int> columns;
        for (int y = 0; y < plot.height(); ++y) {
            for (int x = 0; x < plot.width(); ++x) {
                const QColor c = plot.pixelColor(x, y);
                if (qAbs(c.red() - want.red()) + qAbs(c.green() - want.green())
                        + qAbs(c.blue() - want.blue())
                    < 60)
                    columns.insert(x);
            }
        }
        QVERIFY2(columns.size() > plot.width() / 4,
                 qPrintable(u"%1 of %2 columns"_s.arg(columns.size()).arg(plot.width())));
    }
    QVERIFY(related.count() || related.wait(30000));
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/topology-side-panel.png")));

    // The reviews service has the demo's VirtualService and DestinationRule.
    NodeItem *reviews = nullptr;
    for (NodeItem *item : page.scene()->nodeItems()) {
        if (item->node().type == telemetry::NodeType::Service
            && item->node().service == u"reviews"_s)
            reviews = item;
    }
    QVERIFY(reviews);
    related.clear();
    page.scene()->clearSelection();
    reviews->setSelected(true);
    const bool looked = related.wait(30000);
    QVERIFY2(looked,
             qPrintable(u"the side panel shows '%1' (want '%2'), %3 item(s) selected"_s
                            .arg(page.sidePanel()->shownId(), reviews->id())
                            .arg(page.scene()->selectedItems().size())));
    QStringList kinds;
    for (const auto &object : page.sidePanel()->relatedObjects()) {
        QCOMPARE(object.name, u"reviews"_s);
        kinds << object.kind;
    }
    QVERIFY2(kinds.contains(u"VirtualService"_s) && kinds.contains(u"DestinationRule"_s),
             qPrintable(kinds.join(u", "_s)));

    // Find: Ctrl+F, type, Enter selects and centres the match.
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.view()->setFocus();
    QTest::keyClick(page.view(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(page.findEdit()->hasFocus(), 30000);
    QTest::keyClicks(page.findEdit(), u"ratings"_s);
    QTest::keyClick(page.findEdit(), Qt::Key_Return);
    const auto selection = page.scene()->selectedItems();
    QCOMPARE(selection.size(), 1);
    auto found = qgraphicsitem_cast<NodeItem *>(selection.first());
    QVERIFY(found);
    QVERIFY(ui::topology::nodeLabel(found->node()).contains(u"ratings"_s));
    QVERIFY(page.view()->viewport()->rect().contains(page.view()->mapFromScene(found->anchor())));
    QTRY_COMPARE_WITH_TIMEOUT(page.sidePanel()->shownId(), found->id(), 30000);
    page.findEdit()->clear();

    // Filter by namespace: bookinfo's nodes plus their direct callers and callees only.
    QSignalSpy shown(&page, &TopologyPage::graphShown);
    page.setNamespaces({u"bookinfo"_s});
    QVERIFY(shown.wait(30000));
    QCOMPARE(page.state(), TopologyPage::State::Graph);
    bool storefront = false;
    for (NodeItem *item : page.scene()->nodeItems()) {
        const auto &node = item->node();
        if (node.namespaceName != u"bookinfo"_s)
            QVERIFY2(node.flags & telemetry::NodeFlag::Outsider, qPrintable(node.id));
        storefront = storefront || node.workload == u"storefront-v1"_s;
    }
    QVERIFY(!storefront);
    QVERIFY(nodeNamed(page, u"productpage-v1"_s));

    // Right-click → metrics dashboard goes to the metrics page with the node's arguments.
    page.scene()->clearSelection();
    product = nodeNamed(page, u"productpage-v1"_s);
    QTimer::singleShot(300, [] {
        if (QWidget *menu = QApplication::activePopupWidget()) {
            QTest::keyClick(menu, Qt::Key_Down);
            QTest::keyClick(menu, Qt::Key_Return);
        }
    });
    page.view()->centerOn(product->anchor());
    const QPoint at = page.view()->mapFromScene(product->anchor());
    QContextMenuEvent menuEvent(QContextMenuEvent::Mouse, at,
                                page.view()->viewport()->mapToGlobal(at));
    QApplication::sendEvent(page.view()->viewport(), &menuEvent);
    QTRY_COMPARE_WITH_TIMEOUT(pageRequests.count(), 1, 30000);
    QCOMPARE(pageRequests.first().at(0).toString(), u"monitor.metrics"_s);
    const QVariantMap args = pageRequests.first().at(1).toMap();
    QCOMPARE(args.value(u"level"_s).toString(), u"workload"_s);
    QCOMPARE(args.value(u"name"_s).toString(), u"productpage-v1"_s);
    QCOMPARE(args.value(u"namespace"_s).toString(), u"bookinfo"_s);

    // Export PNG and SVG.
    page.setNamespaces({});
    QVERIFY(shown.wait(30000));
    QTemporaryDir dir;
    const QString png = dir.filePath(u"graph.png"_s);
    const QString svg = dir.filePath(u"graph.svg"_s);
    const auto pngResult = page.exportPng(png);
    QVERIFY2(pngResult, qPrintable(pngResult.error().toString()));
    const auto svgResult = page.exportSvg(svg);
    QVERIFY2(svgResult, qPrintable(svgResult.error().toString()));
    QImage image(png);
    QVERIFY(image.width() > 300 && image.height() > 200);
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    QVERIFY(svgText.contains("<svg"));
    QVERIFY(svgText.contains("productpage-v1"));
    QVERIFY(QFile::copy(png, QStringLiteral(SCREENSHOT_DIR "/topology-export.png"))
            || QFile::exists(QStringLiteral(SCREENSHOT_DIR "/topology-export.png")));
    const auto bad = page.exportPng(u"/nonexistent-dir/graph.png"_s);
    QVERIFY(!bad);
    QVERIFY(bad.error().where.contains(u"/nonexistent-dir/graph.png"_s));

    // Zoom keys and fit.
    page.view()->setFocus();
    const double fitted = page.view()->zoom();
    QTest::keyClick(page.view(), Qt::Key_Plus);
    QVERIFY(page.view()->zoom() > fitted);
    QTest::keyClick(page.view(), Qt::Key_F);
    QVERIFY(qAbs(page.view()->zoom() - fitted) < 1e-6);

    // Edge labels: response time.
    page.setEdgeLabelMode(ui::topology::EdgeLabelMode::ResponseTime);
    bool timed = false;
    for (EdgeItem *edge : page.scene()->edgeItems())
        timed = timed || edge->labelText().startsWith(u"p95"_s)
            || edge->labelText().startsWith(u"avg"_s);
    QVERIFY(timed);
    page.setEdgeLabelMode(ui::topology::EdgeLabelMode::Rate);

    // Back to no mesh.
    QVERIFY(registry.selectMesh({}));
    QTRY_COMPARE_WITH_TIMEOUT(page.state(), TopologyPage::State::NoMesh, 30000);
}

QTEST_MAIN(tst_TopologyPage)
#include "tst_topology_page.moc"

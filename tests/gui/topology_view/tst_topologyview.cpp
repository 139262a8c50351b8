// TopologyView's zoom: while the zoom changes step by step, the view shows its last rendered
// frame scaled to the new zoom; it renders the scene again when the zoom rests, when the frame
// would be scaled past 2x, when the view jumps (fit, 100 %) and when the graph changes.

#include "topology/topologylayout.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QImage>
#include <QTest>

using namespace md;
using namespace Qt::StringLiterals;
using ui::topology::TopologyScene;
using ui::topology::TopologyView;

namespace {

// Namespaces of five services calling down a chain, and across to the next namespace.
telemetry::Graph chainGraph(int namespaces)
{
    telemetry::Graph graph;
    for (int n = 0; n < namespaces; ++n) {
        for (int i = 0; i < 5; ++i) {
            telemetry::Node node;
            node.namespaceName = u"ns-%1"_s.arg(n);
            node.cluster = u"primary"_s;
            node.workload = u"svc-%1-v1"_s.arg(i);
            node.app = u"svc-%1"_s.arg(i);
            node.id = node.namespaceName + u'/' + node.workload;
            node.health = i == 3 ? telemetry::Health::Failure : telemetry::Health::Healthy;
            graph.nodes << node;
        }
    }
    auto addEdge = [&](int from, int to) {
        telemetry::Edge edge;
        edge.source = graph.nodes.at(from).id;
        edge.target = graph.nodes.at(to).id;
        edge.id = edge.source + u"->"_s + edge.target;
        edge.rates.http = 10.0 + from;
        graph.edges << edge;
    };
    for (int n = 0; n < namespaces; ++n) {
        for (int i = 0; i + 1 < 5; ++i)
            addEdge(n * 5 + i, n * 5 + i + 1);
        if (n + 1 < namespaces)
            addEdge(n * 5, (n + 1) * 5 + 2);
    }
    return graph;
}

// Mean absolute difference of two images over the part both cover (scroll bars that come
// with the zoom make the viewport smaller), per channel (0-255).
double difference(const QImage &a, const QImage &b)
{
    const QRect common = a.rect() & b.rect();
    const QImage x = a.copy(common).convertToFormat(QImage::Format_RGB32);
    const QImage y = b.copy(common).convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto *p = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *q = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) {
            sum += std::abs(qRed(p[col]) - qRed(q[col])) + std::abs(qGreen(p[col]) - qGreen(q[col]))
                + std::abs(qBlue(p[col]) - qBlue(q[col]));
        }
    }
    return sum / (3.0 * x.width() * x.height());
}

} // namespace

class tst_TopologyView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void zoomStepsShowTheLastFrameScaled();
    void scaledPastTwiceRendersAgain();
    void jumpsAndNewGraphsRenderAgain();
    void stretchingCanBeTurnedOff();

private:
    QImage viewportImage() const { return m_view->viewport()->grab().toImage(); }

    TopologyScene *m_scene = nullptr;
    TopologyView *m_view = nullptr;
};

void tst_TopologyView::init()
{
    m_scene = new TopologyScene;
    m_view = new TopologyView(m_scene);
    m_view->resize(900, 600);
    // Scroll bars that appear with the zoom would move the view between two pictures.
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    const auto laid = ui::topology::layoutGraph(chainGraph(3), {}, nullptr);
    m_scene->setGraph(laid.graph, laid.layout);
    m_view->fitToView();
    m_view->settleZoom();
    QCoreApplication::processEvents();
    QVERIFY(!m_view->isStretching());
}

void tst_TopologyView::cleanup()
{
    delete m_view;
    delete m_scene;
}

void tst_TopologyView::zoomStepsShowTheLastFrameScaled()
{
    const QImage before = viewportImage();
    const QPoint cursor(m_view->viewport()->width() / 3, m_view->viewport()->height() / 2);
    m_view->zoomBy(1.3, cursor);
    QVERIFY(m_view->isStretching());
    QVERIFY(m_scene->isZooming());
    const QImage stretched = viewportImage();
    QVERIFY(m_view->isStretching());

    // Once the zoom rests, the scene is rendered at the new zoom. The scaled frame is close to
    // it; the frame from before the zoom is not (so the scaled one is moved and scaled right).
    QTRY_VERIFY(!m_view->isStretching());
    QVERIFY(!m_scene->isZooming());
    const QImage rendered = viewportImage();
    if (qEnvironmentVariableIsSet("TOPOLOGYVIEW_SHOTS")) {
        before.save(u"/tmp/tv-before.png"_s);
        stretched.save(u"/tmp/tv-stretched.png"_s);
        rendered.save(u"/tmp/tv-rendered.png"_s);
    }
    const double scaledOff = difference(stretched, rendered);
    const double unscaledOff = difference(before, rendered);
    QVERIFY2(unscaledOff > 2.0, qPrintable(u"%1"_s.arg(unscaledOff)));
    QVERIFY2(scaledOff < unscaledOff / 3,
             qPrintable(u"scaled %1, unscaled %2"_s.arg(scaledOff).arg(unscaledOff)));

    // A step keeps the moment going; every step scales the same kept frame.
    m_view->zoomBy(1.1, cursor);
    QVERIFY(m_view->isStretching());
    QTest::qWait(60);
    m_view->zoomBy(1 / 1.1, cursor);
    QVERIFY(m_view->isStretching());
    QTRY_VERIFY(!m_view->isStretching());
}

void tst_TopologyView::scaledPastTwiceRendersAgain()
{
    m_view->resetZoom(); // a jump: rendered, nothing kept
    QVERIFY(!m_view->isStretching());
    m_view->zoomBy(1.4);
    QVERIFY(m_view->isStretching());
    m_view->zoomBy(1.4); // 1.96x the kept frame
    QVERIFY(m_view->isStretching());
    m_view->zoomBy(1.4); // 2.7x: too blurred, rendered again
    QVERIFY(!m_view->isStretching());
    QVERIFY(m_scene->isZooming());
    m_view->zoomBy(1 / 1.4); // the next step keeps the frame just rendered (0.71x)
    QVERIFY(m_view->isStretching());
    m_view->zoomBy(1 / 1.4); // 0.51x
    QVERIFY(m_view->isStretching());
    m_view->zoomBy(1 / 1.4); // 0.36x
    QVERIFY(!m_view->isStretching());
    QCOMPARE(m_view->zoom(), 1.0);
}

void tst_TopologyView::jumpsAndNewGraphsRenderAgain()
{
    m_view->zoomBy(1.2);
    QVERIFY(m_view->isStretching());
    m_view->fitToView();
    QVERIFY(!m_view->isStretching());

    m_view->zoomBy(1.2);
    QVERIFY(m_view->isStretching());
    m_view->resetZoom();
    QVERIFY(!m_view->isStretching());

    m_view->zoomBy(1.2);
    QVERIFY(m_view->isStretching());
    const auto laid = ui::topology::layoutGraph(chainGraph(4), {}, nullptr);
    m_scene->setGraph(laid.graph, laid.layout);
    QVERIFY(!m_view->isStretching());
}

void tst_TopologyView::stretchingCanBeTurnedOff()
{
    m_view->zoomBy(1.2);
    QVERIFY(m_view->isStretching());
    m_view->setStretchEnabled(false);
    QVERIFY(!m_view->isStretching());
    m_view->zoomBy(1.2);
    QVERIFY(!m_view->isStretching());
    QVERIFY(m_scene->isZooming()); // edges still thin while the zoom changes
    m_view->setStretchEnabled(true);
    m_view->zoomBy(1.2);
    QVERIFY(m_view->isStretching());
}

QTEST_MAIN(tst_TopologyView)
#include "tst_topologyview.moc"

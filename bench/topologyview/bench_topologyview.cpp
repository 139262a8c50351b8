// bench_topologyview [NODES...]: paints the topology view of a synthetic mesh graph (the
// layout benchmark's generator: ~2.8 edges per node, cluster/namespace boxes) and prints the
// time per frame and frames per second at fit-to-view and at 100 %: still frames, pan steps,
// zoom steps (the view shows its last frame scaled while the zoom changes, and renders the scene
// again past 2x: see TopologyView), the same zoom steps with every step rendered, frames with
// the edge layer's cache cold (while the zoom changes, edges are drawn one pixel wide), and the
// full-width frame that follows when the zoom rests. Each timed frame includes the step (scroll
// or zoom) and the repaint after it. Frames are full repaints of a 1600×1000 viewport
// (QWidget::repaint), so they include everything QGraphicsView does for a frame. Run under Xvfb
// or with QT_QPA_PLATFORM=offscreen. Goal: 60 frames/s at 3,000 nodes. Each case prints the wall
// time and the thread's CPU time per frame (the machine may be shared: CPU time is the steadier
// one).

#include "meshgraph.h"

#include "graph/layout.h"
#include "telemetry/topologygraph.h"
#include "topology/topologyitems.h"
#include "topology/topologylayout.h"
#include "topology/topologyscene.h"
#include "topology/topologyview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>

#include <cstdio>
#include <ctime>

using namespace md;
using md::telemetry::Health;

namespace {

telemetry::Graph meshGraph(int size)
{
    const auto generated = bench::generateMeshGraph(size, 7);
    telemetry::Graph graph;
    int i = 0;
    for (const auto &n : generated.input.nodes) {
        telemetry::Node node;
        node.id = n.id;
        node.cluster = n.boxPath.value(0, QStringLiteral("primary"));
        node.namespaceName = n.boxPath.value(1);
        const QString name = n.id.section(u'/', -1);
        node.type = i % 3 == 0 ? telemetry::NodeType::Service : telemetry::NodeType::Workload;
        node.service = name;
        node.workload = name + QStringLiteral("-v1");
        node.app = name;
        node.health = i % 29 == 0 ? Health::Failure
            : i % 11 == 0         ? Health::Degraded
                                  : Health::Healthy;
        if (i % 7 == 0)
            node.badges |= telemetry::Badge::VirtualService;
        graph.nodes << node;
        ++i;
    }
    int e = 0;
    for (const auto &edge : generated.input.edges) {
        telemetry::Edge out;
        out.source = graph.nodes.at(edge.source).id;
        out.target = graph.nodes.at(edge.target).id;
        out.protocol = e % 13 == 0 ? telemetry::Protocol::Tcp
            : e % 5 == 0           ? telemetry::Protocol::Grpc
                                   : telemetry::Protocol::Http;
        out.id = out.source + QStringLiteral("->") + out.target + QString::number(e);
        if (out.protocol == telemetry::Protocol::Tcp)
            out.rates.tcp = 1000.0 + e;
        else if (out.protocol == telemetry::Protocol::Grpc)
            out.rates.grpc = 1.0 + e % 17;
        else
            out.rates.http = 1.0 + e % 23;
        out.responseTime.p95 = 5.0 + e % 90;
        out.health = e % 31 == 0 ? Health::Failure
            : e % 17 == 0        ? Health::Degraded
                                 : Health::Healthy;
        graph.edges << out;
        ++e;
    }
    return graph;
}

struct Timing
{
    double wallMs = 0; // mean per frame
    double cpuMs = 0;
};

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Mean milliseconds of `frames` full repaints, each after `step` ran.
Timing measure(ui::topology::TopologyView &view, int frames, const std::function<void(int)> &step)
{
    QElapsedTimer timer;
    qint64 total = 0;
    double cpu = 0;
    QCoreApplication::processEvents();
    for (int i = 0; i < frames; ++i) {
        // The frame right after the step is the one timed (the step's pending update goes
        // into it); events are processed afterwards, untimed.
        const double cpu0 = threadCpuMs();
        timer.start();
        step(i);
        view.viewport()->repaint();
        total += timer.nsecsElapsed();
        cpu += threadCpuMs() - cpu0;
        QCoreApplication::processEvents();
    }
    return {total / 1e6 / frames, cpu / frames};
}

void print(const char *what, Timing t)
{
    std::printf("  %-34s %8.2f ms/frame  %7.1f frames/s  (CPU %6.2f ms/frame, %6.1f frames/s)\n",
                what, t.wallMs, t.wallMs > 0 ? 1000.0 / t.wallMs : 0.0, t.cpuMs,
                t.cpuMs > 0 ? 1000.0 / t.cpuMs : 0.0);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QString::fromLocal8Bit(argv[i]).toInt();
    if (sizes.isEmpty())
        sizes = {200, 1000, 3000};
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QByteArray load = loadavg.open(QIODevice::ReadOnly) ? loadavg.readLine().trimmed() : "?";
    std::printf("bench_topologyview (platform %s, viewport 1600x1000, loadavg %s)\n",
                qPrintable(QGuiApplication::platformName()), load.constData());
    for (int size : std::as_const(sizes)) {
        const telemetry::Graph graph = meshGraph(size);
        QElapsedTimer timer;
        timer.start();
        const auto laid = ui::topology::layoutGraph(graph, {}, nullptr);
        const qint64 layoutMs = timer.elapsed();
        ui::topology::TopologyScene scene;
        ui::topology::TopologyView view(&scene);
        view.resize(1600, 1000);
        view.show();
        for (int i = 0; i < 50 && !view.isVisible(); ++i)
            QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        timer.restart();
        scene.setGraph(laid.graph, laid.layout);
        const qint64 sceneMs = timer.elapsed();
        view.fitToView();
        QCoreApplication::processEvents();
        std::printf("%lld nodes, %lld edges: layout %lld ms, scene items %lld ms, fit zoom %.3f\n",
                    qlonglong(graph.nodes.size()), qlonglong(graph.edges.size()), layoutMs, sceneMs,
                    view.zoom());
        print("fit to view", measure(view, 10, [](int) {}));
        // The same frame without the edge layer's cache (a zoom change of 0.1 % re-renders).
        view.setStretchEnabled(false);
        print("fit to view, cache cold",
              measure(view, 10, [&](int i) { view.zoomBy(i % 2 ? 1 / 1.001 : 1.001); }));
        view.setStretchEnabled(true);
        view.settleZoom();
        print("pan at fit (40 px steps)", measure(view, 10, [&](int i) {
                  view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value()
                                                       + (i % 2 ? -40 : 40));
              }));
        print("zoom in steps (x1.2)", measure(view, 15, [&](int) { view.zoomBy(1.2); }));
        print("zoom out steps (x1/1.2)", measure(view, 15, [&](int) { view.zoomBy(1 / 1.2); }));
        view.settleZoom();
        view.setStretchEnabled(false);
        print("zoom in steps, each rendered", measure(view, 15, [&](int) { view.zoomBy(1.2); }));
        print("zoom out steps, each rendered",
              measure(view, 15, [&](int) { view.zoomBy(1 / 1.2); }));
        view.setStretchEnabled(true);
        view.settleZoom();
        view.resetZoom();
        view.centerOn(scene.graphRect().center());
        {
            int nodes = 0, edges = 0;
            double edgeLength = 0;
            const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
            for (QGraphicsItem *item : scene.items(visible)) {
                if (item->type() == ui::topology::NodeItem::Type) {
                    ++nodes;
                } else if (auto edge = qgraphicsitem_cast<ui::topology::EdgeItem *>(item)) {
                    ++edges;
                    const QPolygonF line = edge->polyline();
                    for (qsizetype i = 1; i < line.size(); ++i)
                        edgeLength += QLineF(line.at(i - 1), line.at(i)).length();
                }
            }
            std::printf("  at 100 %%: %d nodes and %d edges (%.0f px of polylines) in view\n",
                        nodes, edges, edgeLength);
        }
        print("100 % (labels)", measure(view, 10, [](int) {}));
        print("100 %, zoom steps (x1.1 in, out)",
              measure(view, 20, [&](int i) { view.zoomBy(i < 10 ? 1.1 : 1 / 1.1); }));
        view.settleZoom();
        view.resetZoom();
        view.centerOn(scene.graphRect().center());
        QCoreApplication::processEvents();
        // A frame rendered while the zoom changes (the first step, or past 2x): edges thin.
        view.setStretchEnabled(false);
        print("100 %, cache cold (zooming)",
              measure(view, 10, [&](int i) { view.zoomBy(i % 2 ? 1 / 1.001 : 1.001); }));
        view.setStretchEnabled(true);
        // The one frame at full width once the zoom rests (150 ms after the last step).
        print("100 %, cache cold, zoom at rest", measure(view, 10, [&](int i) {
                  view.zoomBy(i % 2 ? 1 / 1.001 : 1.001);
                  view.settleZoom();
              }));
        print("pan at 100 % (40 px steps)", measure(view, 10, [&](int i) {
                  view.verticalScrollBar()->setValue(view.verticalScrollBar()->value()
                                                     + (i % 2 ? -40 : 40));
              }));
        view.zoomBy(0.45);
        print("45 % (labels fading)", measure(view, 10, [](int) {}));
    }
    return 0;
}

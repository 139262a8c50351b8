#pragma once

// The scene of the topology view: builds one item per node, edge and box from a graph and its
// layout, and keeps what the items share (label mode, hover emphasis, traffic animation).

#include "graph/layout.h"
#include "telemetry/topologygraph.h"
#include "topology/topologystyle.h"

#include <QGraphicsScene>
#include <QHash>
#include <QTimer>

namespace md::ui::topology {

class BoxItem;
class EdgeItem;
class NodeItem;
class EdgeLayerItem;

class TopologyScene final : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit TopologyScene(QObject *parent = nullptr);
    ~TopologyScene() override;

    // Replaces every item. `layout` was computed for `graph` (same node and edge order, as
    // makeLayoutInput() builds it). The selection is kept by id.
    void setGraph(const md::telemetry::Graph &graph, const md::graph::LayoutResult &layout);
    void clearGraph();
    const md::telemetry::Graph &graph() const { return m_graph; }
    bool isEmpty() const { return m_nodes.isEmpty(); }

    NodeItem *nodeItem(const QString &id) const { return m_nodeById.value(id); }
    EdgeItem *edgeItem(const QString &id) const { return m_edgeById.value(id); }
    const QList<NodeItem *> &nodeItems() const { return m_nodes; }
    const QList<EdgeItem *> &edgeItems() const { return m_edges; }
    const QList<BoxItem *> &boxItems() const { return m_boxes; }
    // The bounds of what is drawn (boxes, nodes, edges) with a margin.
    QRectF graphRect() const { return m_graphRect; }

    void setEdgeLabelMode(EdgeLabelMode mode);
    EdgeLabelMode edgeLabelMode() const { return m_labelMode; }
    // Total outbound request rate of a node (distribution labels).
    double outboundRate(int nodeIndex) const;

    // Nodes whose label, id, namespace or workload contain `text` (case-insensitive),
    // marked as found (and the others unmarked).
    QList<NodeItem *> find(const QString &text);

    // Below lod::Shapes the view hides the edge items and empties the node items (they stay
    // for selection): the EdgeLayerItem draws everything and takes hover and clicks near nodes.
    void setOverview(bool on);
    bool isOverview() const { return m_overview; }
    EdgeLayerItem *edgeLayer() const { return m_edgeLayer; }
    // Redraws the edge layer (its cache) after what it shows changed.
    void updateEdgeLayer();
    // While the zoom changes (the view sets it, and clears it once the zoom has rested), the
    // edge layer draws its edges one pixel wide: each zoom step re-renders the layer, and at
    // 100 % a thousand long edges cross the view. The layer redraws at full width after.
    void setZooming(bool on);
    bool isZooming() const { return m_zooming; }
    // Renders the whole graph at full detail and without caches (PNG and SVG export).
    void renderAll(QPainter *painter, const QRectF &target, const QRectF &source);

    // Moving dashes along the edges; refused (false) above `maxAnimatedEdges`.
    bool setAnimation(bool on);
    bool animation() const { return m_animationTimer.isActive(); }
    double animationPhase() const { return m_phase; }
    static constexpr int maxAnimatedEdges = 400;

    // Hover emphasis (called by the items).
    void hoverNode(NodeItem *item, bool entered);
    void hoverEdge(EdgeItem *item, bool entered);
    // Right-click on a node (the page shows its menu).
    void requestNodeMenu(NodeItem *item, const QPoint &screenPos);

signals:
    void graphChanged();
    void nodeMenuRequested(const QString &nodeId, const QPoint &screenPos);

private:
    void setEmphasis(NodeItem *hovered, EdgeItem *hoveredEdge);

    md::telemetry::Graph m_graph;
    QList<NodeItem *> m_nodes;
    QList<EdgeItem *> m_edges;
    QList<BoxItem *> m_boxes;
    QHash<QString, NodeItem *> m_nodeById;
    QHash<QString, EdgeItem *> m_edgeById;
    std::vector<double> m_outbound;
    QRectF m_graphRect;
    EdgeLayerItem *m_edgeLayer = nullptr;
    bool m_overview = false;
    bool m_zooming = false;
    EdgeLabelMode m_labelMode = EdgeLabelMode::Rate;
    QTimer m_animationTimer;
    double m_phase = 0;
    bool m_dimOthers = true;
};

} // namespace md::ui::topology

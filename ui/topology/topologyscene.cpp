#include "topology/topologyscene.h"

#include "topology/topologyitems.h"

namespace md::ui::topology {

namespace {
// Above this many nodes a hover only emphasises the neighbours (dimming the rest would
// repaint everything on every hover).
constexpr int DimLimit = 400;
} // namespace

TopologyScene::TopologyScene(QObject *parent)
    : QGraphicsScene(parent)
{
    setBackgroundBrush(Qt::white);
    m_animationTimer.setInterval(50);
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (m_overview)
            updateEdgeLayer();
    });
    connect(&m_animationTimer, &QTimer::timeout, this, [this] {
        m_phase += 1.0;
        for (EdgeItem *edge : std::as_const(m_edges))
            edge->update();
        updateEdgeLayer();
    });
}

TopologyScene::~TopologyScene()
{
    // Items reach into m_graph while they are destroyed (none do today, but keep the order).
    clear();
}

void TopologyScene::clearGraph()
{
    m_animationTimer.stop();
    clear();
    m_nodes.clear();
    m_edges.clear();
    m_boxes.clear();
    m_nodeById.clear();
    m_edgeById.clear();
    m_outbound.clear();
    m_edgeLayer = nullptr;
    m_overview = false;
    m_graph = {};
    m_graphRect = {};
}

void TopologyScene::setGraph(const md::telemetry::Graph &graph,
                             const md::graph::LayoutResult &layout)
{
    QStringList selectedIds;
    for (QGraphicsItem *item : selectedItems()) {
        if (auto node = qgraphicsitem_cast<NodeItem *>(item))
            selectedIds << node->id();
        else if (auto edge = qgraphicsitem_cast<EdgeItem *>(item))
            selectedIds << edge->edge().id;
    }
    const bool animate = animation();
    clearGraph();
    m_graph = graph;
    m_dimOthers = graph.nodes.size() <= DimLimit;
    m_outbound.assign(m_graph.nodes.size(), 0.0);
    for (const auto &edge : std::as_const(m_graph.edges)) {
        const qsizetype source = m_graph.indexOfNode(edge.source);
        if (source >= 0)
            m_outbound[source] += edge.requestRate();
    }
    // No BSP index: long edges span most of the scene, so the tree would hold each of them
    // in hundreds of leaves and a query for the whole view (the fit) would walk millions of
    // entries per frame. A linear pass over the items' bounding rects costs well under a
    // millisecond at 3,000 nodes, and the edges are drawn by the edge layer anyway.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    QRectF bounds;
    for (const auto &box : layout.boxes) {
        auto item = new BoxItem(box.path, box.rect);
        addItem(item);
        m_boxes << item;
        bounds = bounds.united(box.rect);
    }
    m_nodes.reserve(m_graph.nodes.size());
    for (int i = 0; i < m_graph.nodes.size(); ++i) {
        NodeItem *item = createNodeItem(this, i);
        if (size_t(i) < layout.nodes.size())
            item->setPos(layout.nodes[i].x, layout.nodes[i].y);
        addItem(item);
        m_nodes << item;
        m_nodeById.insert(m_graph.nodes.at(i).id, item);
        bounds = bounds.united(item->sceneBoundingRect());
    }
    m_edges.reserve(m_graph.edges.size());
    for (int i = 0; i < m_graph.edges.size(); ++i) {
        const auto &edge = m_graph.edges.at(i);
        NodeItem *source = m_nodeById.value(edge.source);
        NodeItem *target = m_nodeById.value(edge.target);
        if (!source || !target)
            continue;
        static const std::vector<QPointF> none;
        const auto &route = size_t(i) < layout.edges.size() ? layout.edges[i].points : none;
        EdgeItem *item = createEdgeItem(this, i, source, target, route);
        addItem(item);
        source->addEdge(item);
        if (target != source)
            target->addEdge(item);
        m_edges << item;
        m_edgeById.insert(edge.id, item);
        bounds = bounds.united(item->boundingRect());
    }
    m_graphRect = bounds.adjusted(-40, -40, 40, 40);
    setSceneRect(m_graphRect);
    m_edgeLayer = new EdgeLayerItem(this, m_graphRect);
    addItem(m_edgeLayer);
    for (const QString &id : std::as_const(selectedIds)) {
        if (QGraphicsItem *item = m_nodeById.value(id))
            item->setSelected(true);
        else if (QGraphicsItem *edgeItem = m_edgeById.value(id))
            edgeItem->setSelected(true);
    }
    if (animate)
        setAnimation(true);
    emit graphChanged();
}

void TopologyScene::setOverview(bool on)
{
    if (on == m_overview || !m_edgeLayer)
        return;
    m_overview = on;
    for (EdgeItem *edge : std::as_const(m_edges))
        edge->setVisible(!on);
    // Nodes stay visible (hidden items cannot stay selected) but draw nothing: the layer
    // draws them all in a few calls.
    for (NodeItem *node : std::as_const(m_nodes))
        node->setFlag(QGraphicsItem::ItemHasNoContents, on);
    updateEdgeLayer();
}

void TopologyScene::setZooming(bool on)
{
    if (on == m_zooming)
        return;
    m_zooming = on;
    if (!on)
        updateEdgeLayer();
}

void TopologyScene::updateEdgeLayer()
{
    if (m_edgeLayer)
        m_edgeLayer->update();
}

void TopologyScene::renderAll(QPainter *painter, const QRectF &target, const QRectF &source)
{
    const bool overview = m_overview;
    setOverview(false);
    if (m_edgeLayer)
        m_edgeLayer->setCacheMode(QGraphicsItem::NoCache);
    render(painter, target, source);
    if (m_edgeLayer)
        m_edgeLayer->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    setOverview(overview);
}

double TopologyScene::outboundRate(int nodeIndex) const
{
    return nodeIndex >= 0 && size_t(nodeIndex) < m_outbound.size() ? m_outbound[nodeIndex] : 0.0;
}

void TopologyScene::setEdgeLabelMode(EdgeLabelMode mode)
{
    if (mode == m_labelMode)
        return;
    m_labelMode = mode;
    for (EdgeItem *edge : std::as_const(m_edges))
        edge->updateLabel();
    updateEdgeLayer();
    update();
}

QList<NodeItem *> TopologyScene::find(const QString &text)
{
    QList<NodeItem *> found;
    const QString needle = text.trimmed();
    for (NodeItem *item : std::as_const(m_nodes)) {
        const auto &node = item->node();
        const bool match = !needle.isEmpty()
            && (nodeLabel(node).contains(needle, Qt::CaseInsensitive)
                || node.id.contains(needle, Qt::CaseInsensitive)
                || node.workload.contains(needle, Qt::CaseInsensitive)
                || node.service.contains(needle, Qt::CaseInsensitive)
                || node.app.contains(needle, Qt::CaseInsensitive));
        item->setFound(match);
        if (match)
            found << item;
    }
    if (m_overview)
        updateEdgeLayer();
    return found;
}

bool TopologyScene::setAnimation(bool on)
{
    if (on && m_edges.size() > maxAnimatedEdges) {
        m_animationTimer.stop();
        return false;
    }
    if (on)
        m_animationTimer.start();
    else
        m_animationTimer.stop();
    for (EdgeItem *edge : std::as_const(m_edges))
        edge->update();
    updateEdgeLayer();
    return true;
}

void TopologyScene::hoverNode(NodeItem *item, bool entered)
{
    setEmphasis(entered ? item : nullptr, nullptr);
}

void TopologyScene::hoverEdge(EdgeItem *item, bool entered)
{
    setEmphasis(nullptr, entered ? item : nullptr);
}

void TopologyScene::requestNodeMenu(NodeItem *item, const QPoint &screenPos)
{
    emit nodeMenuRequested(item->id(), screenPos);
}

void TopologyScene::setEmphasis(NodeItem *hovered, EdgeItem *hoveredEdge)
{
    // The layer draws dimmed edges (small graphs) and, in the overview, the highlights.
    if (m_dimOthers || m_overview)
        updateEdgeLayer();
    // Everything back to normal (only what was emphasised is touched when not dimming).
    for (NodeItem *node : std::as_const(m_nodes)) {
        if (node->emphasis() != Emphasis::Normal)
            node->setEmphasis(Emphasis::Normal);
    }
    for (EdgeItem *edge : std::as_const(m_edges)) {
        if (edge->emphasis() != Emphasis::Normal)
            edge->setEmphasis(Emphasis::Normal);
    }
    if (!hovered && !hoveredEdge)
        return;
    if (m_dimOthers) {
        for (NodeItem *node : std::as_const(m_nodes))
            node->setEmphasis(Emphasis::Dimmed);
        for (EdgeItem *edge : std::as_const(m_edges))
            edge->setEmphasis(Emphasis::Dimmed);
    }
    if (hovered) {
        hovered->setEmphasis(Emphasis::Hovered);
        for (EdgeItem *edge : hovered->edges()) {
            edge->setEmphasis(Emphasis::Neighbour);
            NodeItem *other
                = edge->sourceItem() == hovered ? edge->targetItem() : edge->sourceItem();
            if (other != hovered)
                other->setEmphasis(Emphasis::Neighbour);
        }
    } else {
        hoveredEdge->setEmphasis(Emphasis::Hovered);
        hoveredEdge->sourceItem()->setEmphasis(Emphasis::Neighbour);
        hoveredEdge->targetItem()->setEmphasis(Emphasis::Neighbour);
    }
}

} // namespace md::ui::topology

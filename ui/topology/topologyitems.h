#pragma once

// The graphics items of the topology: one class per node kind (workload, app, service, service
// entry, unknown source, waypoint; gateways are workloads with the gateway look) and per edge
// protocol (HTTP, gRPC, TCP), and the nested cluster and namespace boxes. Items keep an index
// into their TopologyScene's graph and draw with a level of detail: labels, badges and
// arrowheads fade out as the view zooms out, so that thousands of nodes stay fast.

#include "telemetry/topologygraph.h"

#include <QGraphicsItem>
#include <QHash>
#include <QPainterPath>
#include <QStaticText>

#include <vector>

namespace md::ui::topology {

class EdgeItem;
class TopologyScene;

enum class Emphasis { Normal, Hovered, Neighbour, Dimmed };

// Level-of-detail thresholds (the view's scale).
namespace lod {
constexpr double Shapes = 0.3; // below: nodes as plain dots, edges as plain lines
constexpr double LabelsFrom = 0.3; // labels start fading in
constexpr double LabelsFull = 0.5; // labels fully drawn
// 0 below `from`, 1 above `full`, linear in between.
double fade(double scale, double from = LabelsFrom, double full = LabelsFull);
} // namespace lod

class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    NodeItem(TopologyScene *scene, int index);

    int type() const override { return Type; }
    int index() const { return m_index; }
    const md::telemetry::Node &node() const;
    QString id() const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // The shape's centre in scene coordinates and its radius (edges end there).
    QPointF anchor() const;
    double radius() const;

    void addEdge(EdgeItem *edge) { m_edges.push_back(edge); }
    const std::vector<EdgeItem *> &edges() const { return m_edges; }
    void setEmphasis(Emphasis emphasis);
    Emphasis emphasis() const { return m_emphasis; }
    void setFound(bool found);
    bool isFound() const { return m_found; }

protected:
    // The outline centred on (0, 0), NodeSize across.
    virtual QPainterPath outline() const = 0;
    // Drawn inside the outline at full detail (a glyph for the kind).
    virtual void paintGlyph(QPainter *painter) const;
    bool isGateway() const;

    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

    TopologyScene *m_scene = nullptr; // Not owned.

private:
    QPainterPath cachedOutline() const;

    int m_index = 0;
    std::vector<EdgeItem *> m_edges;
    Emphasis m_emphasis = Emphasis::Normal;
    bool m_found = false;
    QStaticText m_label;
    QStaticText m_subLabel;
    double m_labelWidth = 0;
    QStringList m_badges;
    mutable QPainterPath m_outline;
};

class WorkloadNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline() const override;
    void paintGlyph(QPainter *painter) const override;
};

class AppNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline() const override;
};

class ServiceNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline() const override;
};

class ServiceEntryNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline() const override;
};

class UnknownNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline() const override;
    void paintGlyph(QPainter *painter) const override;
};

class WaypointNodeItem final : public NodeItem
{
public:
    using NodeItem::NodeItem;

protected:
    QPainterPath outline() const override;
};

// The item class for a node of the graph.
NodeItem *createNodeItem(TopologyScene *scene, int index);

class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    // `route`: the layout's polyline (its inner bends are kept, its ends move to the shapes).
    EdgeItem(TopologyScene *scene, int index, NodeItem *source, NodeItem *target,
             const std::vector<QPointF> &route);

    int type() const override { return Type; }
    int index() const { return m_index; }
    const md::telemetry::Edge &edge() const;
    NodeItem *sourceItem() const { return m_source; }
    NodeItem *targetItem() const { return m_target; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void setEmphasis(Emphasis emphasis);
    Emphasis emphasis() const { return m_emphasis; }
    // Selected or emphasised: painted by the item itself (thicker, above the edge layer).
    bool drawsItself() const;
    // Draws the edge (line, arrowhead, label by level of detail); `exposed` in scene
    // coordinates, `scale` the view's. Used by the item and by the EdgeLayerItem.
    void paintEdge(QPainter *painter, const QRectF &exposed, double scale, bool strong) const;
    // Recomputes the label (after the label mode changed).
    void updateLabel();
    QString labelText() const { return m_labelText; }
    QPolygonF polyline() const { return m_polyline; }

protected:
    virtual QColor color() const;
    virtual Qt::PenStyle penStyle() const;
    // The arrowhead at `tip` pointing along `direction` (unit vector).
    virtual void paintArrow(QPainter *painter, QPointF tip, QPointF direction,
                            const QColor &color) const;

    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

    TopologyScene *m_scene = nullptr; // Not owned.

private:
    void updateContentsFlag();

    int m_index = 0;
    NodeItem *m_source = nullptr;
    NodeItem *m_target = nullptr;
    QPainterPath m_path;
    QPolygonF m_polyline; // the cheap form for small scales
    QPointF m_tip;
    QPointF m_direction;
    QPointF m_labelPos;
    QString m_labelText;
    QRectF m_labelRect;
    QRectF m_bounds;
    mutable QPainterPath m_shape; // the hit area, stroked on first use
    double m_width = 1.5;
    Emphasis m_emphasis = Emphasis::Normal;
};

class HttpEdgeItem final : public EdgeItem
{
public:
    using EdgeItem::EdgeItem;
};

class GrpcEdgeItem final : public EdgeItem
{
public:
    using EdgeItem::EdgeItem;

protected:
    void paintArrow(QPainter *painter, QPointF tip, QPointF direction,
                    const QColor &color) const override;
};

class TcpEdgeItem final : public EdgeItem
{
public:
    using EdgeItem::EdgeItem;

protected:
    Qt::PenStyle penStyle() const override;
    void paintArrow(QPainter *painter, QPointF tip, QPointF direction,
                    const QColor &color) const override;
};

EdgeItem *createEdgeItem(TopologyScene *scene, int index, NodeItem *source, NodeItem *target,
                         const std::vector<QPointF> &route);

// Draws every edge that does not draw itself, in one item with a device-coordinate cache:
// a frame that changes nothing, or a pan, reuses (and scrolls) the cached pixels instead of
// visiting and stroking the hundreds of long edges that cross the view. Below lod::Shapes
// (the overview, set by the view) it also draws the nodes, all in a few batched calls per
// colour, and takes over the nodes' hover, click and context menu while their items are
// hidden: thousands of items cost more to visit than to draw.
class EdgeLayerItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };

    EdgeLayerItem(TopologyScene *scene, const QRectF &bounds);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    // The node whose square is within a few pixels of `scenePos` at `scale` (overview only).
    NodeItem *nodeAt(const QPointF &scenePos, double scale) const;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *event) override;

private:
    void paintOverview(QPainter *painter, double scale) const;
    double viewScale(const QGraphicsSceneEvent *event) const;

    TopologyScene *m_scene = nullptr; // Not owned.
    QRectF m_bounds;
    QHash<QRgb, QList<QLineF>> m_lines; // overview edges by colour
    NodeItem *m_hovered = nullptr;
};

// A cluster box (depth 1) or a namespace box (depth 2) from the layout.
class BoxItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    BoxItem(const QStringList &path, const QRectF &rect);

    int type() const override { return Type; }
    QStringList path() const { return m_path; }
    QRectF rect() const { return m_rect; }
    QString title() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QStringList m_path;
    QRectF m_rect;
    QStaticText m_title;
};

} // namespace md::ui::topology

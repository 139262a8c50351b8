#include "topology/topologyitems.h"

#include "topology/topologyscene.h"
#include "topology/topologystyle.h"

#include <QFontMetricsF>
#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace md::ui::topology {

using md::telemetry::Health;
using md::telemetry::NodeFlag;
using md::telemetry::NodeType;
using md::telemetry::Protocol;

namespace {

constexpr double LabelMaxWidth = 130.0;
constexpr double LabelTop = style::ShapeOffset + style::NodeSize / 2 + 3;

QFont labelFont()
{
    QFont font;
    font.setPixelSize(11);
    return font;
}

QFont smallFont()
{
    QFont font;
    font.setPixelSize(9);
    return font;
}

double scaleOf(const QStyleOptionGraphicsItem *option, QPainter *painter)
{
    Q_UNUSED(option)
    return QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
}

QPointF unit(QPointF v)
{
    const double length = std::hypot(v.x(), v.y());
    return length > 1e-9 ? v / length : QPointF(1, 0);
}

// Liang–Barsky: appends the part of `line` inside `rect` to `out`; false when none is.
bool clipToRect(const QLineF &line, const QRectF &rect, QList<QLineF> &out)
{
    const double dx = line.dx(), dy = line.dy();
    double t0 = 0, t1 = 1;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {line.x1() - rect.left(), rect.right() - line.x1(), line.y1() - rect.top(),
                         rect.bottom() - line.y1()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    out.append(QLineF(line.pointAt(t0), line.pointAt(t1)));
    return true;
}

// Draws `lines` `width` scene units wide as parallel 1 px cosmetic lines (one per device pixel
// of width): the cosmetic stroker is several times faster than stroking a wide pen, which
// matters for the hundreds of long edges that cross the view at 100 %.
void drawWideLines(QPainter *painter, const QList<QLineF> &lines, const QColor &color, double width,
                   double scale)
{
    painter->setPen(QPen(color, 0));
    const int copies = std::max(1, int(std::lround(width * scale)));
    if (copies == 1) {
        painter->drawLines(lines);
        return;
    }
    QList<QLineF> shifted;
    shifted.reserve(lines.size() * copies);
    for (const QLineF &line : lines) {
        const double length = line.length();
        if (length <= 0)
            continue;
        const QPointF normal(-line.dy() / length / scale, line.dx() / length / scale);
        for (int i = 0; i < copies; ++i)
            shifted.append(line.translated(normal * (i - (copies - 1) / 2.0)));
    }
    painter->drawLines(shifted);
}

} // namespace

double lod::fade(double scale, double from, double full)
{
    if (scale <= from)
        return 0.0;
    if (scale >= full)
        return 1.0;
    return (scale - from) / (full - from);
}

// ---- nodes --------------------------------------------------------------------------------

NodeItem::NodeItem(TopologyScene *scene, int index)
    : m_scene(scene)
    , m_index(index)
{
    setFlags(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(2);
    const auto &n = node();
    const QFontMetricsF metrics(labelFont());
    const QString label = metrics.elidedText(nodeLabel(n), Qt::ElideMiddle, LabelMaxWidth);
    m_labelWidth = metrics.horizontalAdvance(label);
    m_label.setText(label);
    m_label.setTextFormat(Qt::PlainText);
    m_label.prepare(QTransform(), labelFont());
    // Beside the label, the namespace when the node is outside the boxes it is drawn in.
    if ((n.flags & NodeFlag::Outsider) && !n.namespaceName.isEmpty()) {
        m_subLabel.setText(
            QFontMetricsF(smallFont()).elidedText(n.namespaceName, Qt::ElideMiddle, LabelMaxWidth));
        m_subLabel.setTextFormat(Qt::PlainText);
    }
    for (const auto &badge : badgeTexts(n.badges))
        m_badges << badge.first;
    QStringList tip {
        QStringLiteral("<b>%1</b> (%2)").arg(nodeLabel(n).toHtmlEscaped(), nodeKindText(n))};
    if (!n.namespaceName.isEmpty())
        tip << Tr::tr("Namespace: %1").arg(n.namespaceName.toHtmlEscaped());
    if (!n.cluster.isEmpty())
        tip << Tr::tr("Cluster: %1").arg(n.cluster.toHtmlEscaped());
    for (const auto &badge : badgeTexts(n.badges))
        tip << badge.second;
    setToolTip(tip.join(QStringLiteral("<br>")));
}

const md::telemetry::Node &NodeItem::node() const
{
    return m_scene->graph().nodes.at(m_index);
}

QString NodeItem::id() const
{
    return node().id;
}

QRectF NodeItem::boundingRect() const
{
    const double half = std::max(style::NodeSize / 2 + 10, LabelMaxWidth / 2 + 2);
    return QRectF(-half, style::ShapeOffset - style::NodeSize / 2 - 12, 2 * half,
                  style::NodeSize + 12 + 34);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path = cachedOutline().translated(0, style::ShapeOffset);
    path.addRect(QRectF(-m_labelWidth / 2, LabelTop, m_labelWidth, 15));
    return path;
}

QPainterPath NodeItem::cachedOutline() const
{
    if (m_outline.isEmpty())
        m_outline = outline();
    return m_outline;
}

QPointF NodeItem::anchor() const
{
    return pos() + QPointF(0, style::ShapeOffset);
}

double NodeItem::radius() const
{
    return style::NodeSize / 2 + 2;
}

bool NodeItem::isGateway() const
{
    return node().flags & NodeFlag::Gateway;
}

void NodeItem::setEmphasis(Emphasis emphasis)
{
    if (emphasis == m_emphasis)
        return;
    m_emphasis = emphasis;
    update();
}

void NodeItem::setFound(bool found)
{
    if (found == m_found)
        return;
    m_found = found;
    update();
}

void NodeItem::paintGlyph(QPainter *) const { }

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const auto &n = node();
    const double scale = scaleOf(option, painter);
    const QColor border = style::healthColor(n.health);
    const bool dimmed = m_emphasis == Emphasis::Dimmed;
    if (dimmed)
        painter->setOpacity(0.25);
    painter->translate(0, style::ShapeOffset);
    if (scale < lod::Shapes) {
        // A plain square: at this scale the kind is not readable anyway.
        const double s = style::NodeSize;
        painter->fillRect(QRectF(-s / 2, -s / 2, s, s),
                          isSelected() || m_found ? style::highlightColor() : border);
        return;
    }
    QPen pen(border, n.health == Health::NoData ? 1.5 : 2.5);
    if (n.flags & (NodeFlag::Idle | NodeFlag::Unused))
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(style::nodeFill(n));
    const QPainterPath path = cachedOutline();
    painter->drawPath(path);
    if (isGateway()) {
        // The gateway look: a second, inner border.
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(border, 1.2));
        painter->drawPath(QTransform::fromScale(0.72, 0.72).map(path));
    }
    if (isSelected() || m_found || m_emphasis == Emphasis::Hovered) {
        painter->setBrush(Qt::NoBrush);
        QPen ring(style::highlightColor(), isSelected() ? 3.0 : 2.0);
        if (m_found && !isSelected())
            ring.setStyle(Qt::DotLine);
        painter->setPen(ring);
        painter->drawPath(QTransform::fromScale(1.3, 1.3).map(path));
    }
    const double detail = lod::fade(scale);
    if (detail <= 0)
        return;
    painter->setOpacity(painter->opacity() * detail);
    paintGlyph(painter);
    // Badges: small tags above the shape.
    if (!m_badges.isEmpty()) {
        painter->setFont(smallFont());
        const double w = 16, h = 11, gap = 2;
        double x = -(m_badges.size() * (w + gap) - gap) / 2;
        for (const QString &badge : m_badges) {
            const QRectF r(x, -style::NodeSize / 2 - h - 2, w, h);
            const bool warn = badge == QLatin1String("!") || badge == QLatin1String("FI");
            painter->setPen(Qt::NoPen);
            painter->setBrush(warn ? QColor(0xc9, 0x19, 0x0b) : QColor(0x4f, 0x52, 0x55));
            painter->drawRoundedRect(r, 2, 2);
            painter->setPen(Qt::white);
            painter->drawText(r, Qt::AlignCenter, badge);
            x += w + gap;
        }
    }
    // The label, on a light background so edges under it do not hide it.
    painter->setFont(labelFont());
    painter->translate(0, -style::ShapeOffset);
    const QRectF box(-m_labelWidth / 2 - 2, LabelTop, m_labelWidth + 4, 15);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 210));
    painter->drawRect(box);
    painter->setPen(m_emphasis == Emphasis::Hovered || isSelected() ? style::highlightColor()
                                                                    : style::textColor());
    painter->drawStaticText(QPointF(-m_labelWidth / 2, LabelTop), m_label);
    if (!m_subLabel.text().isEmpty()) {
        painter->setFont(smallFont());
        painter->setPen(style::mutedTextColor());
        const double w = QFontMetricsF(smallFont()).horizontalAdvance(m_subLabel.text());
        painter->drawStaticText(QPointF(-w / 2, LabelTop + 14), m_subLabel);
    }
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_scene->hoverNode(this, true);
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_scene->hoverNode(this, false);
    QGraphicsItem::hoverLeaveEvent(event);
}

void NodeItem::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    m_scene->requestNodeMenu(this, event->screenPos());
    event->accept();
}

QPainterPath WorkloadNodeItem::outline() const
{
    QPainterPath path;
    const double r = style::NodeSize / 2;
    path.addEllipse(QPointF(0, 0), r, r);
    return path;
}

void WorkloadNodeItem::paintGlyph(QPainter *painter) const
{
    if (!isGateway())
        return;
    // An arrow entering the gateway.
    painter->setPen(QPen(style::healthColor(node().health), 1.8, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(QPointF(-6, 0), QPointF(5, 0));
    painter->drawLine(QPointF(1, -4), QPointF(5, 0));
    painter->drawLine(QPointF(1, 4), QPointF(5, 0));
}

QPainterPath AppNodeItem::outline() const
{
    QPainterPath path;
    const double r = style::NodeSize / 2;
    path.addRoundedRect(QRectF(-r, -r * 0.8, 2 * r, 1.6 * r), 5, 5);
    return path;
}

QPainterPath ServiceNodeItem::outline() const
{
    const double r = style::NodeSize / 2 + 2;
    QPainterPath path;
    path.addPolygon(QPolygonF({{0, -r}, {r, 0}, {0, r}, {-r, 0}, {0, -r}}));
    return path;
}

QPainterPath ServiceEntryNodeItem::outline() const
{
    const double r = style::NodeSize / 2;
    QPainterPath path;
    path.addPolygon(QPolygonF({{-r * 0.6, -r * 0.75},
                               {r * 0.6, -r * 0.75},
                               {r, r * 0.75},
                               {-r, r * 0.75},
                               {-r * 0.6, -r * 0.75}}));
    return path;
}

QPainterPath UnknownNodeItem::outline() const
{
    QPainterPath path;
    const double r = style::NodeSize / 2;
    path.addEllipse(QPointF(0, 0), r, r);
    return path;
}

void UnknownNodeItem::paintGlyph(QPainter *painter) const
{
    QFont font;
    font.setPixelSize(15);
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(style::mutedTextColor());
    const double r = style::NodeSize / 2;
    painter->drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt::AlignCenter, QStringLiteral("?"));
}

QPainterPath WaypointNodeItem::outline() const
{
    const double r = style::NodeSize / 2 + 1;
    QPolygonF hexagon;
    for (int i = 0; i <= 6; ++i) {
        const double a = qDegreesToRadians(60.0 * i);
        hexagon << QPointF(r * std::cos(a), r * std::sin(a));
    }
    QPainterPath path;
    path.addPolygon(hexagon);
    return path;
}

NodeItem *createNodeItem(TopologyScene *scene, int index)
{
    const auto &node = scene->graph().nodes.at(index);
    if (node.flags & NodeFlag::Waypoint)
        return new WaypointNodeItem(scene, index);
    switch (node.type) {
    case NodeType::Workload:
        return new WorkloadNodeItem(scene, index);
    case NodeType::App:
        return new AppNodeItem(scene, index);
    case NodeType::Service:
        return new ServiceNodeItem(scene, index);
    case NodeType::ServiceEntry:
        return new ServiceEntryNodeItem(scene, index);
    case NodeType::Unknown:
        break;
    }
    return new UnknownNodeItem(scene, index);
}

// ---- edges --------------------------------------------------------------------------------

EdgeItem::EdgeItem(TopologyScene *scene, int index, NodeItem *source, NodeItem *target,
                   const std::vector<QPointF> &route)
    : m_scene(scene)
    , m_index(index)
    , m_source(source)
    , m_target(target)
{
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption | ItemHasNoContents);
    setAcceptHoverEvents(true);
    setZValue(1);
    const QPointF a = source->anchor();
    const QPointF b = target->anchor();
    if (source == target) {
        // A loop above the node.
        const double r = source->radius();
        m_path.moveTo(a + QPointF(-r * 0.5, -r));
        m_path.cubicTo(a + QPointF(-r * 1.6, -r * 3.2), a + QPointF(r * 1.6, -r * 3.2),
                       a + QPointF(r * 0.5, -r));
        m_tip = a + QPointF(r * 0.5, -r);
        m_direction = unit(QPointF(-0.3, 1));
        m_labelPos = a + QPointF(0, -r * 2.6);
        m_polyline = m_path.toFillPolygon();
    } else {
        std::vector<QPointF> points(route.begin(), route.end());
        if (points.size() >= 2
            && QLineF(points.front(), a).length() > QLineF(points.front(), b).length())
            std::reverse(points.begin(), points.end());
        // Inner bends from the layout, ends at the shapes' centres.
        std::vector<QPointF> p {a};
        for (size_t i = 1; i + 1 < points.size(); ++i)
            p.push_back(points[i]);
        p.push_back(b);
        // Trim both ends to the shapes' borders.
        p.front() += unit(p[1] - p.front()) * source->radius();
        m_direction = unit(p.back() - p[p.size() - 2]);
        p.back() -= m_direction * target->radius();
        m_tip = p.back();
        m_path.moveTo(p.front());
        for (size_t i = 1; i + 1 < p.size(); ++i)
            m_path.quadTo(p[i], (p[i] + p[i + 1]) / 2);
        m_path.lineTo(p.back());
        m_polyline = QPolygonF(QList<QPointF>(p.begin(), p.end()));
        m_labelPos = m_path.pointAtPercent(0.5);
    }
    const double rate = edge().protocol == Protocol::Tcp ? edge().rates.tcp.value_or(0) / 1024.0
                                                         : edge().requestRate();
    m_width = 1.2 + std::min(3.0, std::log10(1.0 + std::max(0.0, rate)) * 1.2);
    updateLabel();
    QString tip = QStringLiteral("%1 → %2 (%3)")
                      .arg(nodeLabel(source->node()).toHtmlEscaped(),
                           nodeLabel(target->node()).toHtmlEscaped(),
                           md::telemetry::protocolName(edge().protocol));
    const QString rateText = edgeLabel(edge(), EdgeLabelMode::Rate, 0);
    if (!rateText.isEmpty())
        tip += QStringLiteral("<br>") + rateText.toHtmlEscaped().replace(u'\n', u' ');
    setToolTip(tip);
}

const md::telemetry::Edge &EdgeItem::edge() const
{
    return m_scene->graph().edges.at(m_index);
}

void EdgeItem::updateLabel()
{
    prepareGeometryChange();
    m_labelText
        = edgeLabel(edge(), m_scene->edgeLabelMode(), m_scene->outboundRate(m_source->index()));
    if (m_labelText.isEmpty()) {
        m_labelRect = {};
    } else {
        QFont font;
        font.setPixelSize(9);
        const QFontMetricsF metrics(font);
        const QStringList lines = m_labelText.split(u'\n');
        double w = 0;
        for (const QString &line : lines)
            w = std::max(w, metrics.horizontalAdvance(line));
        const double h = metrics.height() * lines.size();
        m_labelRect = QRectF(m_labelPos.x() - w / 2 - 2, m_labelPos.y() - h / 2 - 1, w + 4, h + 2);
    }
    m_bounds = m_path.boundingRect().adjusted(-8, -8, 8, 8).united(m_labelRect);
    m_shape = QPainterPath();
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    // Hover and clicks test many long edges whose bounds hold the cursor: stroke once.
    if (m_shape.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(8);
        m_shape = stroker.createStroke(m_path);
        if (!m_labelRect.isEmpty())
            m_shape.addRect(m_labelRect);
    }
    return m_shape;
}

QColor EdgeItem::color() const
{
    return style::edgeColor(edge());
}

Qt::PenStyle EdgeItem::penStyle() const
{
    return Qt::SolidLine;
}

void EdgeItem::setEmphasis(Emphasis emphasis)
{
    if (emphasis == m_emphasis)
        return;
    m_emphasis = emphasis;
    setZValue(emphasis == Emphasis::Hovered || emphasis == Emphasis::Neighbour ? 1.5 : 1);
    updateContentsFlag();
    update();
}

bool EdgeItem::drawsItself() const
{
    return isSelected() || m_emphasis == Emphasis::Hovered || m_emphasis == Emphasis::Neighbour;
}

void EdgeItem::updateContentsFlag()
{
    // Ordinary edges are drawn by the scene's EdgeLayerItem (one cached pass for all); an
    // emphasised or selected edge draws itself on top, thicker.
    const bool own = drawsItself();
    if (own == !(flags() & ItemHasNoContents))
        return;
    setFlag(ItemHasNoContents, !own);
    update();
}

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged)
        updateContentsFlag();
    return QGraphicsItem::itemChange(change, value);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    paintEdge(painter, option->exposedRect, scaleOf(option, painter), drawsItself());
}

void EdgeItem::paintEdge(QPainter *painter, const QRectF &exposed, double scale, bool strong) const
{
    QColor c = isSelected() ? style::highlightColor() : color();
    if (m_emphasis == Emphasis::Dimmed)
        c.setAlphaF(0.15);
    if (scale < lod::Shapes) {
        // Cosmetic 1 px polyline: the cheapest stroke.
        QPen pen(c, strong ? 2 : 0);
        painter->setPen(pen);
        painter->drawPolyline(m_polyline);
        return;
    }
    QPen pen(c, strong ? m_width + 1.5 : m_width, penStyle(), Qt::FlatCap, Qt::RoundJoin);
    if (edge().idle)
        pen.setStyle(Qt::DashLine);
    if (m_scene->animation() && !edge().idle) {
        pen.setStyle(Qt::CustomDashLine);
        pen.setDashPattern({4, 3});
        pen.setDashOffset(-m_scene->animationPhase() / std::max(1.0, pen.widthF()));
    }
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const QRectF visible = exposed.adjusted(-20, -20, 20, 20);
    if (!strong && m_scene->isZooming()) {
        // The zoom is changing: the visible straight segments, one pixel wide (see
        // TopologyScene::setZooming()).
        QList<QLineF> lines;
        for (qsizetype i = 1; i < m_polyline.size(); ++i)
            clipToRect(QLineF(m_polyline.at(i - 1), m_polyline.at(i)), visible, lines);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->setPen(QPen(c, 0));
        painter->drawLines(lines);
        painter->setRenderHint(QPainter::Antialiasing, true);
    } else if (m_bounds.width() > 3 * visible.width() || m_bounds.height() > 3 * visible.height()) {
        // A long edge mostly off screen: stroking the whole curve would cost in proportion
        // to its length, so only the visible straight segments are drawn.
        QList<QLineF> lines;
        for (qsizetype i = 1; i < m_polyline.size(); ++i) {
            const QLineF segment(m_polyline.at(i - 1), m_polyline.at(i));
            if (clipToRect(segment, visible, lines))
                continue;
        }
        if (pen.style() == Qt::SolidLine) {
            painter->setRenderHint(QPainter::Antialiasing, false);
            drawWideLines(painter, lines, c, pen.widthF(), scale);
            painter->setRenderHint(QPainter::Antialiasing, true);
        } else
            painter->drawLines(lines);
    } else {
        painter->drawPath(m_path);
    }
    if (visible.contains(m_tip))
        paintArrow(painter, m_tip, m_direction, c);
    const double detail = lod::fade(scale);
    if (detail <= 0 || m_labelText.isEmpty() || !visible.intersects(m_labelRect))
        return;
    const double opacity = painter->opacity();
    painter->setOpacity(opacity * detail);
    QFont font;
    font.setPixelSize(9);
    painter->setFont(font);
    painter->setPen(QPen(QColor(0xd2, 0xd2, 0xd2), 0.6));
    painter->setBrush(QColor(255, 255, 255, 225));
    painter->drawRoundedRect(m_labelRect, 2, 2);
    painter->setPen(edge().health == Health::Failure || edge().health == Health::Degraded
                        ? style::healthColor(edge().health).darker(115)
                        : style::textColor());
    painter->drawText(m_labelRect, Qt::AlignCenter, m_labelText);
    painter->setOpacity(opacity);
}

void EdgeItem::paintArrow(QPainter *painter, QPointF tip, QPointF d, const QColor &color) const
{
    const QPointF n(-d.y(), d.x());
    const double len = 7 + m_width, half = 3 + m_width / 2;
    const QPointF base = tip - d * len;
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(QPolygonF({tip, base + n * half, base - n * half}));
}

void EdgeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_scene->hoverEdge(this, true);
    QGraphicsItem::hoverEnterEvent(event);
}

void EdgeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_scene->hoverEdge(this, false);
    QGraphicsItem::hoverLeaveEvent(event);
}

void GrpcEdgeItem::paintArrow(QPainter *painter, QPointF tip, QPointF d, const QColor &color) const
{
    // A diamond head tells gRPC from plain HTTP.
    const QPointF n(-d.y(), d.x());
    const double len = 11, half = 4;
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(QPolygonF(
        {tip, tip - d * len / 2 + n * half, tip - d * len, tip - d * len / 2 - n * half}));
}

Qt::PenStyle TcpEdgeItem::penStyle() const
{
    return Qt::SolidLine;
}

void TcpEdgeItem::paintArrow(QPainter *painter, QPointF tip, QPointF d, const QColor &color) const
{
    // An open head for byte streams.
    const QPointF n(-d.y(), d.x());
    painter->setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(QPolygonF({tip - d * 8 + n * 4, tip, tip - d * 8 - n * 4}));
}

EdgeItem *createEdgeItem(TopologyScene *scene, int index, NodeItem *source, NodeItem *target,
                         const std::vector<QPointF> &route)
{
    switch (scene->graph().edges.at(index).protocol) {
    case Protocol::Grpc:
        return new GrpcEdgeItem(scene, index, source, target, route);
    case Protocol::Tcp:
        return new TcpEdgeItem(scene, index, source, target, route);
    case Protocol::Http:
        break;
    }
    return new HttpEdgeItem(scene, index, source, target, route);
}

// ---- edge layer ---------------------------------------------------------------------------

EdgeLayerItem::EdgeLayerItem(TopologyScene *scene, const QRectF &bounds)
    : m_scene(scene)
    , m_bounds(bounds)
{
    // Below the edge items (z 1): where an edge is, the edge gets the hover.
    setZValue(0.9);
    setFlag(ItemUsesExtendedStyleOption);
    setCacheMode(DeviceCoordinateCache);
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    for (EdgeItem *edge : scene->edgeItems()) {
        const QPolygonF line = edge->polyline();
        QList<QLineF> &lines = m_lines[style::edgeColor(edge->edge()).rgb()];
        for (qsizetype i = 1; i < line.size(); ++i)
            lines.append(QLineF(line.at(i - 1), line.at(i)));
    }
}

void EdgeLayerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const double scale = scaleOf(option, painter);
    if (m_scene->isOverview()) {
        paintOverview(painter, scale);
        return;
    }
    // With the device cache the exposed rect may be the whole item; only the device's
    // pixels (the cache's part of the viewport) are worth drawing.
    QRectF exposed = option->exposedRect;
    if (const QPaintDevice *device = painter->device()) {
        bool invertible = false;
        const QTransform toItem = painter->worldTransform().inverted(&invertible);
        if (invertible)
            exposed &= toItem.mapRect(QRectF(0, 0, device->width(), device->height()));
    }
    if (exposed.isEmpty())
        return;
    const QList<QGraphicsItem *> items
        = m_scene->items(exposed, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder);
    for (QGraphicsItem *item : items) {
        if (item->type() != EdgeItem::Type)
            continue;
        painter->save();
        static_cast<EdgeItem *>(item)->paintEdge(painter, exposed, scale, false);
        painter->restore();
    }
}

void EdgeLayerItem::paintOverview(QPainter *painter, double scale) const
{
    painter->setRenderHint(QPainter::Antialiasing, false);
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it) {
        painter->setPen(QPen(QColor::fromRgb(it.key()), 0));
        painter->drawLines(it.value());
    }
    // Nodes as squares, at least 2 px, grouped by colour.
    const double side = std::max(style::NodeSize, 2.0 / scale);
    QHash<QRgb, QList<QRectF>> squares;
    QList<NodeItem *> marked;
    for (NodeItem *node : m_scene->nodeItems()) {
        const QPointF at = node->anchor();
        squares[style::healthColor(node->node().health).rgb()].append(
            QRectF(at.x() - side / 2, at.y() - side / 2, side, side));
        if (node->isSelected() || node->isFound() || node->emphasis() == Emphasis::Hovered
            || node->emphasis() == Emphasis::Neighbour)
            marked << node;
    }
    painter->setPen(Qt::NoPen);
    for (auto it = squares.cbegin(); it != squares.cend(); ++it) {
        painter->setBrush(QColor::fromRgb(it.key()));
        painter->drawRects(it.value());
    }
    // Hovered, neighbour, selected and found nodes: their edges and a ring, in the highlight
    // colour, a few pixels larger whatever the zoom.
    const double ring = std::max(style::NodeSize * 1.6, 9.0 / scale);
    for (NodeItem *node : std::as_const(marked)) {
        if (node->emphasis() == Emphasis::Hovered || node->isSelected()) {
            painter->setPen(QPen(style::highlightColor(), 2 / scale));
            for (EdgeItem *edge : node->edges())
                painter->drawPolyline(edge->polyline());
        }
    }
    for (NodeItem *node : std::as_const(marked)) {
        const QPointF at = node->anchor();
        QPen pen(style::highlightColor(), 2 / scale);
        if (node->isFound() && !node->isSelected() && node->emphasis() == Emphasis::Normal)
            pen.setStyle(Qt::DotLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(at.x() - ring / 2, at.y() - ring / 2, ring, ring));
    }
}

NodeItem *EdgeLayerItem::nodeAt(const QPointF &scenePos, double scale) const
{
    const double reach = std::max(style::NodeSize / 2, 4.0 / std::max(scale, 1e-6));
    NodeItem *best = nullptr;
    double bestDistance = reach * reach;
    for (NodeItem *node : m_scene->nodeItems()) {
        const QPointF d = node->anchor() - scenePos;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = node;
        }
    }
    return best;
}

double EdgeLayerItem::viewScale(const QGraphicsSceneEvent *event) const
{
    const auto view = qobject_cast<QGraphicsView *>(
        event->widget() ? event->widget()->parentWidget() : nullptr);
    return view ? view->transform().m11() : 1.0;
}

void EdgeLayerItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    NodeItem *node = m_scene->isOverview() ? nodeAt(event->scenePos(), viewScale(event)) : nullptr;
    if (node == m_hovered)
        return;
    m_hovered = node;
    m_scene->hoverNode(node, node != nullptr);
    setToolTip(node ? node->toolTip() : QString());
    update();
}

void EdgeLayerItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    if (m_hovered) {
        m_hovered = nullptr;
        m_scene->hoverNode(nullptr, false);
        setToolTip(QString());
        update();
    }
    QGraphicsItem::hoverLeaveEvent(event);
}

void EdgeLayerItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    NodeItem *node = m_scene->isOverview() && event->button() == Qt::LeftButton
        ? nodeAt(event->scenePos(), viewScale(event))
        : nullptr;
    if (!node) {
        event->ignore(); // empty space: the view pans and the selection is cleared
        return;
    }
    if (!(event->modifiers() & Qt::ControlModifier))
        m_scene->clearSelection();
    node->setSelected(true);
    event->accept();
}

void EdgeLayerItem::contextMenuEvent(QGraphicsSceneContextMenuEvent *event)
{
    const auto view = qobject_cast<QGraphicsView *>(
        event->widget() ? event->widget()->parentWidget() : nullptr);
    NodeItem *node = m_scene->isOverview()
        ? nodeAt(event->scenePos(), view ? view->transform().m11() : 1.0)
        : nullptr;
    if (!node) {
        event->ignore();
        return;
    }
    m_scene->requestNodeMenu(node, event->screenPos());
    event->accept();
}

// ---- boxes --------------------------------------------------------------------------------

BoxItem::BoxItem(const QStringList &path, const QRectF &rect)
    : m_path(path)
    , m_rect(rect)
{
    setFlag(ItemUsesExtendedStyleOption); // exposedRect: only the visible part is drawn
    setZValue(-double(10 - path.size()));
    QFont font;
    font.setPixelSize(path.size() <= 1 ? 13 : 12);
    font.setBold(path.size() <= 1);
    m_title.setText(title());
    m_title.setTextFormat(Qt::PlainText);
    m_title.prepare(QTransform(), font);
    setToolTip(
        path.size() <= 1
            ? Tr::tr("Cluster %1").arg(path.value(0))
            : Tr::tr("Namespace %1 in cluster %2").arg(path.value(path.size() - 1), path.value(0)));
}

QString BoxItem::title() const
{
    return m_path.isEmpty() ? QString() : m_path.constLast();
}

QRectF BoxItem::boundingRect() const
{
    return m_rect.adjusted(-2, -2, 2, 2);
}

void BoxItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const double scale = scaleOf(option, painter);
    const bool cluster = m_path.size() <= 1;
    QPen pen = cluster ? QPen(QColor(0x8a, 0x8d, 0x90), 1.5, Qt::DashLine)
                       : QPen(QColor(0xb8, 0xbb, 0xbe), 1);
    const QColor fill = cluster ? QColor(0xfa, 0xfa, 0xfa) : QColor(0xf2, 0xf5, 0xf8);
    const QRectF visible = option->exposedRect.adjusted(-4, -4, 4, 4);
    if (scale < lod::Shapes || !visible.contains(m_rect)) {
        // Axis-aligned and only what is exposed: a dashed outline of a box thousands of pixels
        // long would be dashed along its whole perimeter at every frame, and a rounded rect
        // is filled as a path. Corners are square when far out or when the box is cut.
        const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(m_rect.intersected(visible), fill);
        const QLineF sides[4] = {{m_rect.topLeft(), m_rect.topRight()},
                                 {m_rect.topRight(), m_rect.bottomRight()},
                                 {m_rect.bottomRight(), m_rect.bottomLeft()},
                                 {m_rect.bottomLeft(), m_rect.topLeft()}};
        if (scale < lod::Shapes)
            pen.setWidth(0); // cosmetic: a 1 px outline whatever the zoom
        const double dashUnit = std::max(pen.widthF(), 1.0);
        for (const QLineF &side : sides) {
            QList<QLineF> part;
            if (!clipToRect(side, visible, part))
                continue;
            // The dashes continue where the visible part starts.
            if (pen.style() == Qt::DashLine)
                pen.setDashOffset(QLineF(side.p1(), part.first().p1()).length() / dashUnit);
            painter->setPen(pen);
            painter->drawLine(part.first());
        }
        painter->setRenderHint(QPainter::Antialiasing, antialiased);
    } else {
        painter->setPen(pen);
        painter->setBrush(fill);
        painter->drawRoundedRect(m_rect, 6, 6);
    }
    // Titles stay readable a little longer than node labels: they orient the user.
    const double detail = lod::fade(scale, 0.12, 0.3);
    if (detail <= 0)
        return;
    painter->setOpacity(detail);
    QFont font;
    font.setPixelSize(cluster ? 13 : 12);
    font.setBold(cluster);
    painter->setFont(font);
    painter->setPen(cluster ? style::textColor() : QColor(0x3c, 0x3f, 0x42));
    if (scale < 0.6) {
        // Counter the zoom so the title keeps a readable size.
        const double f = std::min(0.6 / scale, 3.0);
        painter->save();
        painter->translate(m_rect.topLeft() + QPointF(8, 3));
        painter->scale(f, f);
        painter->drawStaticText(QPointF(0, 0), m_title);
        painter->restore();
        return;
    }
    painter->drawStaticText(m_rect.topLeft() + QPointF(8, 3), m_title);
}

} // namespace md::ui::topology

#include "topology/topologyview.h"

#include "topology/topologyitems.h"
#include "topology/topologyscene.h"
#include "topology/topologystyle.h"

#include <QGestureEvent>
#include <QKeyEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QPixmapCache>
#include <QScrollBar>
#include <QWheelEvent>

namespace md::ui::topology {

namespace {
constexpr int MinimapWidth = 220;
constexpr int MinimapHeight = 150;
constexpr int MinimapMargin = 10;
} // namespace

// ---- minimap ------------------------------------------------------------------------------

Minimap::Minimap(TopologyView *view)
    : QWidget(view)
    , m_view(view)
{
    setObjectName(QStringLiteral("topologyMinimap"));
    setFixedSize(MinimapWidth, MinimapHeight);
    setCursor(Qt::PointingHandCursor);
    setToolTip(Tr::tr("Overview: click or drag to move the view"));
    hide();
}

QTransform Minimap::sceneToMap() const
{
    if (m_sceneRect.isEmpty())
        return {};
    const double s
        = std::min((width() - 8) / m_sceneRect.width(), (height() - 8) / m_sceneRect.height());
    const double ox = (width() - m_sceneRect.width() * s) / 2;
    const double oy = (height() - m_sceneRect.height() * s) / 2;
    QTransform t;
    t.translate(ox, oy);
    t.scale(s, s);
    t.translate(-m_sceneRect.left(), -m_sceneRect.top());
    return t;
}

void Minimap::rebuild()
{
    TopologyScene *scene = m_view->topologyScene();
    m_sceneRect = scene->graphRect();
    m_image = QImage(size() * devicePixelRatioF(), QImage::Format_ARGB32_Premultiplied);
    m_image.setDevicePixelRatio(devicePixelRatioF());
    m_image.fill(Qt::transparent);
    if (m_sceneRect.isEmpty()) {
        update();
        return;
    }
    QPainter p(&m_image);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setTransform(sceneToMap());
    for (BoxItem *box : scene->boxItems()) {
        p.setPen(
            QPen(box->path().size() <= 1 ? QColor(0x8a, 0x8d, 0x90) : QColor(0xc0, 0xc3, 0xc6), 0));
        p.setBrush(box->path().size() <= 1 ? QColor(0xfa, 0xfa, 0xfa) : QColor(0xee, 0xf2, 0xf6));
        p.drawRect(box->rect());
    }
    p.setPen(QPen(QColor(0xc8, 0xca, 0xcc), 0));
    if (scene->edgeItems().size() <= 3000) {
        for (EdgeItem *edge : scene->edgeItems())
            p.drawLine(edge->sourceItem()->anchor(), edge->targetItem()->anchor());
    }
    const QTransform t = sceneToMap();
    p.resetTransform();
    for (NodeItem *node : scene->nodeItems()) {
        const QPointF at = t.map(node->anchor());
        p.fillRect(QRectF(at.x() - 1.5, at.y() - 1.5, 3, 3),
                   style::healthColor(node->node().health));
    }
    update();
}

void Minimap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(255, 255, 255, 235));
    p.setPen(QColor(0xb8, 0xbb, 0xbe));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    p.drawImage(QPointF(0, 0), m_image);
    if (m_sceneRect.isEmpty())
        return;
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QRectF frame = sceneToMap().mapRect(visible).intersected(QRectF(rect()).adjusted(1, 1, -1, -1));
    p.setPen(QPen(style::highlightColor(), 1.5));
    p.setBrush(QColor(0, 102, 204, 30));
    p.drawRect(frame);
}

void Minimap::centerAt(const QPointF &mapPos)
{
    bool invertible = false;
    const QTransform inverse = sceneToMap().inverted(&invertible);
    if (invertible)
        m_view->centerOn(inverse.map(mapPos));
}

void Minimap::mousePressEvent(QMouseEvent *event)
{
    centerAt(event->position());
}

void Minimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        centerAt(event->position());
}

// ---- view ---------------------------------------------------------------------------------

TopologyView::TopologyView(TopologyScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    setObjectName(QStringLiteral("topologyView"));
    setRenderHint(QPainter::Antialiasing, true);
    setRenderHint(QPainter::TextAntialiasing, true);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontAdjustForAntialiasing, true);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    viewport()->grabGesture(Qt::PinchGesture);
    // The edge layer's device-coordinate cache holds a viewport of pixels (6.4 MB at
    // 1600×1000, four times that on a 4K screen): make room for it in the pixmap cache.
    QPixmapCache::setCacheLimit(std::max(QPixmapCache::cacheLimit(), 96 * 1024));
    m_minimap = new Minimap(this);
    m_zoomRest.setSingleShot(true);
    m_zoomRest.setInterval(150);
    connect(&m_zoomRest, &QTimer::timeout, this, &TopologyView::settleZoom);
    connect(scene, &TopologyScene::graphChanged, this, [this] {
        endStretch();
        m_scene->setOverview(zoom() < lod::Shapes);
        m_minimap->rebuild();
        placeMinimap();
    });
}

double TopologyView::minZoom() const
{
    const QRectF r = m_scene->graphRect();
    if (r.isEmpty())
        return 0.1;
    const double fit = std::min(viewport()->width() / r.width(), viewport()->height() / r.height());
    return std::min(0.5, fit / 2);
}

void TopologyView::setStretchEnabled(bool on)
{
    m_stretchEnabled = on;
    if (!on)
        endStretch();
}

void TopologyView::fitToView()
{
    const QRectF r = m_scene->graphRect();
    if (r.isEmpty())
        return;
    endStretch();
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 1.5) {
        // A small graph: readable size, centred.
        setTransform(QTransform::fromScale(1.5, 1.5));
        centerOn(r.center());
    }
    zoomApplied();
}

void TopologyView::zoomIn()
{
    zoomBy(1.25);
}

void TopologyView::zoomOut()
{
    zoomBy(1 / 1.25);
}

void TopologyView::resetZoom()
{
    setZoom(1.0, {}, Step::Jump);
}

void TopologyView::zoomBy(double factor, const QPoint &viewPos)
{
    setZoom(zoom() * factor, viewPos, Step::Stretch);
}

void TopologyView::setZoom(double target, const QPoint &viewPos, Step step)
{
    target = std::clamp(target, minZoom(), MaxZoom);
    const double factor = target / zoom();
    if (qFuzzyCompare(factor, 1.0))
        return;
    if (step == Step::Jump || !m_stretchEnabled) {
        endStretch();
    } else if (m_stretchFrame.isNull() && viewport()->isVisible()) {
        // The first step: keep the frame as it is now (its edges are cached, so this costs
        // little more than copying pixels).
        m_stretchFrame = viewport()->grab();
        m_stretchTransform = viewportTransform();
    }
    const QPoint anchorPos = viewPos.isNull() ? viewport()->rect().center() : viewPos;
    const QPointF before = mapToScene(anchorPos);
    const auto anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::NoAnchor);
    scale(factor, factor);
    // Keep the point under the cursor (or the centre) in place.
    const QPointF after = mapToScene(anchorPos);
    translate(after.x() - before.x(), after.y() - before.y());
    const QPointF delta = mapFromScene(before) - QPointF(anchorPos);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(delta.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(delta.y()));
    setTransformationAnchor(anchor);
    if (isStretching()) {
        const double ratio = zoom() / m_stretchTransform.m11();
        if (ratio > 2.0 || ratio < 0.5)
            endStretch(); // rendered again now; the next step keeps that frame
        else
            viewport()->update();
    }
    zoomApplied();
}

void TopologyView::focusOn(const QPointF &scenePos)
{
    endStretch();
    if (zoom() < 0.9)
        setZoom(1.0, {}, Step::Jump);
    centerOn(scenePos);
}

void TopologyView::settleZoom()
{
    m_zoomRest.stop();
    endStretch();
    m_scene->setZooming(false);
}

void TopologyView::endStretch()
{
    if (m_stretchFrame.isNull())
        return;
    m_stretchFrame = QPixmap();
    viewport()->update();
}

void TopologyView::paintEvent(QPaintEvent *event)
{
    if (m_stretchFrame.isNull()) {
        QGraphicsView::paintEvent(event);
        return;
    }
    // The kept frame, moved and scaled from the transform it was rendered with to this one;
    // what it does not cover (zooming out) shows the scene's background until the zoom rests.
    QPainter painter(viewport());
    painter.fillRect(event->rect(), m_scene->backgroundBrush());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.setTransform(m_stretchTransform.inverted() * viewportTransform());
    painter.drawPixmap(QPointF(0, 0), m_stretchFrame);
}

void TopologyView::zoomApplied()
{
    // Antialiasing costs the most when thousands of tiny shapes are visible.
    setRenderHint(QPainter::Antialiasing, zoom() >= lod::Shapes);
    m_scene->setOverview(zoom() < lod::Shapes);
    m_scene->setZooming(true);
    m_zoomRest.start();
    m_minimap->update();
    emit zoomChanged(zoom());
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event); // scroll sideways
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.2, steps), event->position().toPoint());
    event->accept();
}

void TopologyView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        resetZoom();
        return;
    case Qt::Key_F:
        if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
            fitToView();
            return;
        }
        break;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

bool TopologyView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Gesture) {
        auto gesture = static_cast<QGestureEvent *>(event);
        if (auto pinch = static_cast<QPinchGesture *>(gesture->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                zoomBy(pinch->scaleFactor(), mapFromGlobal(pinch->centerPoint().toPoint()));
            gesture->accept(pinch);
            return true;
        }
    }
    if (event->type() == QEvent::NativeGesture) {
        auto native = static_cast<QNativeGestureEvent *>(event);
        if (native->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + native->value(), native->position().toPoint());
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void TopologyView::resizeEvent(QResizeEvent *event)
{
    // (A kept frame stays right: scroll bars that come and go while zooming resize the
    // viewport, and what the frame does not cover shows the background until the zoom rests.)
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void TopologyView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_minimap->update();
}

void TopologyView::placeMinimap()
{
    const QRect vp = viewport()->geometry();
    m_minimap->move(vp.right() - MinimapWidth - MinimapMargin,
                    vp.bottom() - MinimapHeight - MinimapMargin);
    // Only worth its room when the whole graph is too small to read at fit.
    const QRectF r = m_scene->graphRect();
    const bool large = !r.isEmpty()
        && std::min(vp.width() / r.width(), vp.height() / r.height()) < lod::LabelsFrom;
    m_minimap->setVisible(large && vp.width() > 3 * MinimapWidth);
    m_minimap->raise();
}

} // namespace md::ui::topology

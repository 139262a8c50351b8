#pragma once

// The topology's QGraphicsView: pan (drag, arrow keys), zoom (wheel, pinch, keys + - 0), fit
// (F), antialiasing off when zoomed far out, and a minimap in the corner for graphs larger
// than the window.
//
// While the zoom changes step by step (wheel, pinch, + and -), the view shows the frame it had
// when the zoom started, scaled to the new zoom, as map viewers do: a scaled picture costs a few
// milliseconds where rendering thousands of edges again costs tens. The scene is rendered again
// once the zoom has rested for 150 ms, or at once when the picture would be scaled by more than
// 2x (too blurred) or the view jumps (fit, 100 %, focus on a node).

#include <QGraphicsView>
#include <QImage>
#include <QPixmap>
#include <QTimer>

namespace md::ui::topology {

class TopologyScene;
class TopologyView;

// The overview in the view's corner: every node as a dot, boxes as outlines, the visible
// part as a frame; click or drag to move there.
class Minimap final : public QWidget
{
    Q_OBJECT

public:
    explicit Minimap(TopologyView *view);

    // Redraws the overview from the scene (after a new graph).
    void rebuild();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QTransform sceneToMap() const;
    void centerAt(const QPointF &mapPos);

    TopologyView *m_view = nullptr; // Not owned (the parent).
    QImage m_image;
    QRectF m_sceneRect;
};

class TopologyView final : public QGraphicsView
{
    Q_OBJECT

public:
    explicit TopologyView(TopologyScene *scene, QWidget *parent = nullptr);

    TopologyScene *topologyScene() const { return m_scene; }
    Minimap *minimap() const { return m_minimap; }
    double zoom() const { return transform().m11(); }
    static constexpr double MaxZoom = 4.0;
    // The smallest zoom allowed: half of what fits the whole graph (at most 0.5).
    double minZoom() const;
    // True while the view shows its last rendered frame scaled (see above).
    bool isStretching() const { return !m_stretchFrame.isNull(); }
    // Off: every zoom step renders the scene (the benchmark measures both).
    void setStretchEnabled(bool on);

public slots:
    void fitToView();
    void zoomIn();
    void zoomOut();
    void resetZoom();
    // Zooms by `factor` around `viewPos` (view coordinates; the centre when null).
    void zoomBy(double factor, const QPoint &viewPos = {});
    // Centres on a node and zooms so it is readable.
    void focusOn(const QPointF &scenePos);
    // What happens when the zoom has rested: the scene is rendered again, edges at full width.
    void settleZoom();

signals:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void paintEvent(QPaintEvent *event) override;

private:
    enum class Step { Stretch, Jump };
    void setZoom(double zoom, const QPoint &viewPos, Step step);
    void endStretch();
    void zoomApplied();
    void placeMinimap();

    TopologyScene *m_scene = nullptr; // Not owned.
    Minimap *m_minimap = nullptr;
    QTimer m_zoomRest; // the zoom has not changed for a moment: edges at full width again
    bool m_stretchEnabled = true;
    QPixmap m_stretchFrame; // the frame shown scaled while the zoom changes
    QTransform m_stretchTransform; // the viewport transform it was rendered with
};

} // namespace md::ui::topology

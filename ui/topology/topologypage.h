#pragma once

// Monitor › Topology: the live service graph of the selected mesh, from Istio's metrics in the
// mesh's Prometheus. The toolbar filters clusters, namespaces, graph type, time range, edge
// labels, idle and healthy traffic and finds nodes (Ctrl+F); refreshes run on a timer, load
// and lay out off the GUI thread and keep the layout stable. A click shows the node's or
// edge's side panel; a right-click offers its dashboard, its policies and its neighbours.

#include "graph/layout.h"
#include "telemetry/topologygraph.h"
#include "topology/topologylayout.h"
#include "topology/topologystyle.h"

#include "core/result.h"
#include "shell/pagecontext.h"

#include <QPointer>
#include <QTimer>
#include <QVariantMap>
#include <QWidget>

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace md::telemetry {
class TopologyLoader;
}
namespace md::ui {
class MeshPrometheus;
class MonitorControls;
} // namespace md::ui

namespace md::ui::topology {

class TopologyScene;
class TopologySidePanel;
class TopologyView;

class TopologyPage final : public QWidget
{
    Q_OBJECT

public:
    enum class State { NoMesh, NoUrl, Loading, Error, Empty, Graph };

    TopologyPage(const PageContext &context, QWidget *parent = nullptr);
    ~TopologyPage() override;

    State state() const { return m_state; }
    QString stateTitle() const;
    QString stateMessage() const;
    TopologyView *view() const { return m_view; }
    TopologyScene *scene() const { return m_scene; }
    TopologySidePanel *sidePanel() const { return m_panel; }
    QLineEdit *findEdit() const { return m_find; }
    MeshPrometheus *prometheus() const { return m_prometheus; }
    // The graph as loaded (before the view's filters) and as drawn.
    const md::telemetry::Graph &loadedGraph() const { return m_loaded; }
    qint64 lastLayoutMs() const { return m_layoutMs; }
    QStringList knownNamespaces() const { return m_knownNamespaces; }

    // Filters (also driven by the toolbar).
    void setNamespaces(const QStringList &namespaces);
    QStringList namespaces() const { return m_namespaces; }
    void setClusters(const QStringList &clusters);
    void setGraphType(md::telemetry::GraphType type);
    void setEdgeLabelMode(EdgeLabelMode mode);
    void setShowIdle(bool on);
    void setHideHealthy(bool on);
    void showOnlyNeighbours(const QString &nodeId); // empty: everything
    // Selects and centres the next node matching the find text; false when none.
    bool findNext();

    Result<void> exportPng(const QString &path) const;
    Result<void> exportSvg(const QString &path) const;

public slots:
    void refresh();
    // {"namespace": "bookinfo"} or {"namespaces": [...]}, {"find": "reviews"}.
    void setPageArguments(const QVariantMap &arguments);

signals:
    // A new graph is drawn (after load and layout).
    void graphShown();
    void stateChanged(md::ui::topology::TopologyPage::State state);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildToolBar();
    void retranslate();
    void onPrometheusChanged();
    void onGraph(const md::telemetry::Graph &graph);
    void onLoadFailed(const QString &error);
    void relayout(bool fit);
    void setState(State state, const QString &title = {}, const QString &message = {});
    void updateStatus();
    void updateFilterMenus();
    void onSelectionChanged();
    void showNodeMenu(const QString &nodeId, const QPoint &screenPos);
    void chooseCustomRange();
    void exportTo(bool svg);

    PageContext m_context;
    MeshPrometheus *m_prometheus = nullptr;
    md::telemetry::TopologyLoader *m_loader = nullptr;
    TopologyScene *m_scene = nullptr;
    TopologyView *m_view = nullptr;
    TopologySidePanel *m_panel = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_statePage = nullptr;
    QLabel *m_stateTitle = nullptr;
    QLabel *m_stateText = nullptr;
    QPushButton *m_stateButton = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_errorBar = nullptr;
    QWidget *m_focusBar = nullptr;
    QLabel *m_focusText = nullptr;
    QToolButton *m_clusterButton = nullptr;
    QToolButton *m_namespaceButton = nullptr;
    QMenu *m_clusterMenu = nullptr;
    QMenu *m_namespaceMenu = nullptr;
    QComboBox *m_graphType = nullptr;
    MonitorControls *m_controls = nullptr;
    QComboBox *m_labels = nullptr;
    QCheckBox *m_idle = nullptr;
    QCheckBox *m_hideHealthy = nullptr;
    QCheckBox *m_animate = nullptr;
    QLineEdit *m_find = nullptr;
    QLabel *m_findCount = nullptr;
    QToolButton *m_exportButton = nullptr;
    QPushButton *m_fitButton = nullptr;

    State m_state = State::NoMesh;
    QString m_stateTitleText;
    QString m_stateMessageText;
    md::telemetry::Graph m_loaded;
    std::shared_ptr<const md::graph::LayoutResult> m_previousLayout;
    ViewFilter m_filter;
    QStringList m_namespaces;
    QStringList m_clusters;
    QStringList m_knownNamespaces;
    QStringList m_knownClusters;
    md::telemetry::GraphType m_graphTypeValue = md::telemetry::GraphType::Workload;
    bool m_showIdle = false;
    bool m_liveConfigDirty = true;
    bool m_fitPending = true;
    bool m_refreshQueued = false;
    quint64 m_layoutGeneration = 0;
    quint64 m_panelGraph = 0; // the layout generation the side panel shows
    bool m_rebuilding = false;
    qint64 m_layoutMs = 0;
    QDateTime m_updated;
    int m_findIndex = -1;
};

} // namespace md::ui::topology

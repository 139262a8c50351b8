#include "topology/topologypage.h"

#include "charts/meshprometheus.h"
#include "charts/monitorcontrols.h"
#include "charts/monitorsettings.h"
#include "core/futures.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "shell/navigator.h"
#include "telemetry/prometheusclient.h"
#include "telemetry/topologyloader.h"
#include "topology/topologyitems.h"
#include "topology/topologyscene.h"
#include "topology/topologysidepanel.h"
#include "topology/topologyview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QSvgGenerator>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace md::ui::topology {

using md::telemetry::GraphType;
using namespace std::chrono_literals;

namespace {
// The largest PNG side; larger graphs are scaled down to fit.
constexpr int MaxPngSide = 12000;
} // namespace

TopologyPage::TopologyPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("page:monitor.topology"));
    m_prometheus = new MeshPrometheus(context.mesh, context.registry, this);
    m_scene = new TopologyScene(this);
    m_view = new TopologyView(m_scene, this);
    m_panel = new TopologySidePanel(context.mesh, context.navigator, this);

    buildToolBar();

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("topologyStatus"));
    m_errorBar = new QLabel(this);
    m_errorBar->setObjectName(QStringLiteral("topologyErrorBar"));
    m_errorBar->setWordWrap(true);
    m_errorBar->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBar->setStyleSheet(QStringLiteral("QLabel { background: #fdf0ef; color: #7d1007; "
                                             "border: 1px solid #f0a8a2; padding: 4px; }"));
    m_errorBar->hide();
    m_focusBar = new QWidget(this);
    auto focusLayout = new QHBoxLayout(m_focusBar);
    focusLayout->setContentsMargins(0, 0, 0, 0);
    m_focusText = new QLabel(m_focusBar);
    auto showAll = new QPushButton(tr("Show all"), m_focusBar);
    showAll->setObjectName(QStringLiteral("topologyShowAll"));
    connect(showAll, &QPushButton::clicked, this, [this] { showOnlyNeighbours({}); });
    focusLayout->addWidget(m_focusText);
    focusLayout->addWidget(showAll);
    focusLayout->addStretch();
    m_focusBar->hide();

    // The state page: why there is no graph, and what to do.
    m_statePage = new QWidget(this);
    m_stateTitle = new QLabel(m_statePage);
    m_stateTitle->setObjectName(QStringLiteral("topologyStateTitle"));
    QFont titleFont = m_stateTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_stateTitle->setFont(titleFont);
    m_stateTitle->setAlignment(Qt::AlignCenter);
    m_stateText = new QLabel(m_statePage);
    m_stateText->setObjectName(QStringLiteral("topologyStateText"));
    m_stateText->setWordWrap(true);
    m_stateText->setAlignment(Qt::AlignCenter);
    m_stateText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stateText->setMaximumWidth(640);
    m_stateButton = new QPushButton(m_statePage);
    m_stateButton->setObjectName(QStringLiteral("topologyStateButton"));
    auto stateLayout = new QVBoxLayout(m_statePage);
    stateLayout->addStretch();
    stateLayout->addWidget(m_stateTitle);
    stateLayout->addWidget(m_stateText, 0, Qt::AlignHCenter);
    stateLayout->addWidget(m_stateButton, 0, Qt::AlignHCenter);
    stateLayout->addStretch(2);
    connect(m_stateButton, &QPushButton::clicked, this, [this] {
        if (m_state == State::Error || m_state == State::Empty)
            refresh();
        else if (m_context.navigator)
            m_context.navigator->showPage(QStringLiteral("clusters"));
    });

    auto panelScroll = new QScrollArea(this);
    panelScroll->setWidget(m_panel);
    panelScroll->setWidgetResizable(true);
    panelScroll->setMinimumWidth(260);
    panelScroll->setFrameShape(QFrame::NoFrame);
    auto splitter = new QSplitter(this);
    splitter->addWidget(m_view);
    splitter->addWidget(panelScroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({900, 320});
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_statePage);
    m_stack->addWidget(splitter);

    auto layout = qobject_cast<QVBoxLayout *>(this->layout());
    layout->addWidget(m_errorBar);
    layout->addWidget(m_focusBar);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &TopologyPage::onSelectionChanged);
    connect(m_scene, &TopologyScene::nodeMenuRequested, this, &TopologyPage::showNodeMenu);
    connect(m_panel, &TopologySidePanel::showNeighboursRequested, this,
            &TopologyPage::showOnlyNeighbours);
    connect(m_panel, &TopologySidePanel::dashboardRequested, this, [this](const QVariantMap &args) {
        if (m_context.navigator)
            m_context.navigator->showPage(QStringLiteral("monitor.metrics"), args);
    });
    connect(m_view, &TopologyView::zoomChanged, this, &TopologyPage::updateStatus);
    connect(m_prometheus, &MeshPrometheus::changed, this, &TopologyPage::onPrometheusChanged);
    if (context.mesh && context.mesh->cache())
        connect(context.mesh->cache(), &md::mesh::MeshCache::changed, this,
                [this] { m_liveConfigDirty = true; });
    retranslate();
    onPrometheusChanged();
}

TopologyPage::~TopologyPage()
{
    // The scene outlives this part of the page while the children are deleted: no more calls.
    m_scene->disconnect(this);
    m_controls->stop();
}

void TopologyPage::buildToolBar()
{
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->setSpacing(4);
    auto bar = new QHBoxLayout;
    bar->setSpacing(6);
    layout->addLayout(bar);

    m_clusterMenu = new QMenu(this);
    m_clusterButton = new QToolButton(this);
    m_clusterButton->setObjectName(QStringLiteral("topologyClusters"));
    m_clusterButton->setPopupMode(QToolButton::InstantPopup);
    m_clusterButton->setMenu(m_clusterMenu);
    m_namespaceMenu = new QMenu(this);
    m_namespaceButton = new QToolButton(this);
    m_namespaceButton->setObjectName(QStringLiteral("topologyNamespaces"));
    m_namespaceButton->setPopupMode(QToolButton::InstantPopup);
    m_namespaceButton->setMenu(m_namespaceMenu);

    m_graphType = new QComboBox(this);
    m_graphType->setObjectName(QStringLiteral("topologyGraphType"));
    for (GraphType type :
         {GraphType::Workload, GraphType::App, GraphType::VersionedApp, GraphType::Service})
        m_graphType->addItem(QString(), int(type));
    connect(m_graphType, &QComboBox::activated, this,
            [this](int index) { setGraphType(GraphType(m_graphType->itemData(index).toInt())); });

    m_controls = new MonitorControls(QStringLiteral("topology"), true, this);
    m_controls->setBusy([this] { return m_loader && m_loader->isLoading(); });
    connect(m_controls, &MonitorControls::refreshRequested, this, &TopologyPage::refresh);
    connect(m_controls, &MonitorControls::customRangeRequested, this,
            &TopologyPage::chooseCustomRange);

    m_labels = new QComboBox(this);
    m_labels->setObjectName(QStringLiteral("topologyEdgeLabels"));
    for (EdgeLabelMode mode :
         {EdgeLabelMode::None, EdgeLabelMode::Rate, EdgeLabelMode::Distribution,
          EdgeLabelMode::ResponseTime, EdgeLabelMode::Throughput, EdgeLabelMode::Mtls})
        m_labels->addItem(QString(), int(mode));
    m_labels->setCurrentIndex(1);
    connect(m_labels, &QComboBox::activated, this, [this](int index) {
        setEdgeLabelMode(EdgeLabelMode(m_labels->itemData(index).toInt()));
    });

    m_idle = new QCheckBox(this);
    m_idle->setObjectName(QStringLiteral("topologyIdle"));
    connect(m_idle, &QCheckBox::toggled, this, &TopologyPage::setShowIdle);
    m_hideHealthy = new QCheckBox(this);
    m_hideHealthy->setObjectName(QStringLiteral("topologyHideHealthy"));
    connect(m_hideHealthy, &QCheckBox::toggled, this, &TopologyPage::setHideHealthy);
    m_animate = new QCheckBox(this);
    m_animate->setObjectName(QStringLiteral("topologyAnimate"));
    connect(m_animate, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_scene->setAnimation(on)) {
            QSignalBlocker block(m_animate);
            m_animate->setChecked(false);
            m_status->setText(tr("Traffic animation is off for graphs of more than %n edges.",
                                 nullptr, TopologyScene::maxAnimatedEdges));
        }
    });

    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("topologyFind"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(260);
    m_findCount = new QLabel(this);
    connect(m_find, &QLineEdit::textChanged, this, [this](const QString &text) {
        const auto found = m_scene->find(text);
        m_findIndex = -1;
        m_findCount->setText(text.trimmed().isEmpty() ? QString()
                                                      : tr("%n found", nullptr, int(found.size())));
    });
    connect(m_find, &QLineEdit::returnPressed, this, &TopologyPage::findNext);
    auto findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findAction, &QAction::triggered, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    addAction(findAction);

    m_fitButton = new QPushButton(this);
    m_fitButton->setObjectName(QStringLiteral("topologyFit"));
    connect(m_fitButton, &QPushButton::clicked, m_view, &TopologyView::fitToView);
    m_exportButton = new QToolButton(this);
    m_exportButton->setObjectName(QStringLiteral("topologyExport"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(QStringLiteral("PNG…"), this, [this] { exportTo(false); });
    exportMenu->addAction(QStringLiteral("SVG…"), this, [this] { exportTo(true); });
    m_exportButton->setMenu(exportMenu);

    // Two rows, so that nothing is cut at common window widths: what is shown and when, then
    // how it is drawn and found.
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_clusterButton, m_namespaceButton, m_graphType, m_controls->timeRange(),
             m_controls->refreshPicker(), m_controls->refreshButton()}) {
        w->setSizePolicy(QSizePolicy::Maximum, w->sizePolicy().verticalPolicy());
        bar->addWidget(w);
    }
    bar->addStretch();
    bar->addWidget(m_fitButton);
    bar->addWidget(m_exportButton);
    auto secondBar = new QHBoxLayout;
    secondBar->setSpacing(6);
    layout->addLayout(secondBar);
    for (QWidget *w : std::initializer_list<QWidget *> {m_labels, m_idle, m_hideHealthy, m_animate})
        secondBar->addWidget(w);
    secondBar->addStretch();
    m_find->setMinimumWidth(180);
    secondBar->addWidget(m_find);
    secondBar->addWidget(m_findCount);
    updateFilterMenus();
}

void TopologyPage::retranslate()
{
    m_graphType->setItemText(0, tr("Workload graph"));
    m_graphType->setItemText(1, tr("App graph"));
    m_graphType->setItemText(2, tr("Versioned app graph"));
    m_graphType->setItemText(3, tr("Service graph"));
    m_labels->setItemText(0, tr("No edge labels"));
    m_labels->setItemText(1, tr("Request rate"));
    m_labels->setItemText(2, tr("Request distribution"));
    m_labels->setItemText(3, tr("Response time (p95)"));
    m_labels->setItemText(4, tr("Throughput"));
    m_labels->setItemText(5, tr("Security (mTLS)"));
    m_labels->setToolTip(tr("What the edge labels show"));
    m_idle->setText(tr("Idle"));
    m_idle->setToolTip(tr("Show nodes and edges without traffic in the time range"));
    m_hideHealthy->setText(tr("Hide healthy"));
    m_hideHealthy->setToolTip(tr("Show only failing and degraded traffic"));
    m_animate->setText(tr("Animate"));
    m_animate->setToolTip(tr("Traffic animation (small graphs only)"));
    m_find->setPlaceholderText(tr("Find node (Ctrl+F)"));
    m_controls->retranslate();
    m_fitButton->setText(tr("Fit"));
    m_fitButton->setToolTip(tr("Fit the graph to the window (F). Zoom with the wheel or + and -, "
                               "0 for 100 %."));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setToolTip(tr("Save the graph as PNG or SVG"));
    updateFilterMenus();
    updateStatus();
}

void TopologyPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TopologyPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_refreshQueued) {
        m_refreshQueued = false;
        refresh();
    }
}

void TopologyPage::updateFilterMenus()
{
    const auto fill = [this](QMenu *menu, QToolButton *button, const QStringList &known,
                             const QStringList &selected, bool namespaces) {
        menu->clear();
        QAction *all = menu->addAction(namespaces ? tr("All namespaces") : tr("All clusters"));
        all->setCheckable(true);
        all->setChecked(selected.isEmpty());
        connect(all, &QAction::triggered, this, [this, namespaces] {
            if (namespaces)
                setNamespaces({});
            else
                setClusters({});
        });
        menu->addSeparator();
        QStringList items = known;
        for (const QString &s : selected) {
            if (!items.contains(s))
                items << s;
        }
        items.sort();
        for (const QString &item : std::as_const(items)) {
            QAction *action = menu->addAction(item);
            action->setCheckable(true);
            action->setChecked(selected.contains(item));
            connect(action, &QAction::triggered, this, [this, item, namespaces](bool checked) {
                QStringList list = namespaces ? m_namespaces : m_clusters;
                if (checked && !list.contains(item))
                    list << item;
                else if (!checked)
                    list.removeAll(item);
                if (namespaces)
                    setNamespaces(list);
                else
                    setClusters(list);
            });
        }
        if (selected.isEmpty())
            button->setText(namespaces ? tr("All namespaces") : tr("All clusters"));
        else if (selected.size() == 1)
            button->setText(namespaces ? tr("Namespace: %1").arg(selected.first())
                                       : tr("Cluster: %1").arg(selected.first()));
        else
            button->setText(namespaces ? tr("%n namespaces", nullptr, int(selected.size()))
                                       : tr("%n clusters", nullptr, int(selected.size())));
    };
    fill(m_namespaceMenu, m_namespaceButton, m_knownNamespaces, m_namespaces, true);
    fill(m_clusterMenu, m_clusterButton, m_knownClusters, m_clusters, false);
}

void TopologyPage::setNamespaces(const QStringList &namespaces)
{
    m_namespaces = namespaces;
    updateFilterMenus();
    m_fitPending = true;
    refresh();
}

void TopologyPage::setClusters(const QStringList &clusters)
{
    m_clusters = clusters;
    updateFilterMenus();
    m_fitPending = true;
    refresh();
}

void TopologyPage::setGraphType(GraphType type)
{
    m_graphTypeValue = type;
    m_graphType->setCurrentIndex(m_graphType->findData(int(type)));
    m_fitPending = true;
    m_previousLayout.reset(); // other node ids: nothing to keep
    refresh();
}

void TopologyPage::setEdgeLabelMode(EdgeLabelMode mode)
{
    m_labels->setCurrentIndex(m_labels->findData(int(mode)));
    m_scene->setEdgeLabelMode(mode);
}

void TopologyPage::setShowIdle(bool on)
{
    if (m_showIdle == on)
        return;
    m_showIdle = on;
    QSignalBlocker block(m_idle);
    m_idle->setChecked(on);
    refresh();
}

void TopologyPage::setHideHealthy(bool on)
{
    if (m_filter.hideHealthy == on)
        return;
    m_filter.hideHealthy = on;
    QSignalBlocker block(m_hideHealthy);
    m_hideHealthy->setChecked(on);
    m_fitPending = true;
    relayout(true);
}

void TopologyPage::showOnlyNeighbours(const QString &nodeId)
{
    m_filter.focusNode = nodeId;
    const auto *node = m_loaded.node(nodeId);
    m_focusText->setText(node ? tr("Showing only %1 and its neighbours.").arg(nodeLabel(*node))
                              : QString());
    m_focusBar->setVisible(!nodeId.isEmpty());
    relayout(true);
}

void TopologyPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("namespaces")))
        setNamespaces(arguments.value(QStringLiteral("namespaces")).toStringList());
    else if (arguments.contains(QStringLiteral("namespace")))
        setNamespaces({arguments.value(QStringLiteral("namespace")).toString()});
    if (arguments.contains(QStringLiteral("find")))
        m_find->setText(arguments.value(QStringLiteral("find")).toString());
}

void TopologyPage::onPrometheusChanged()
{
    delete m_loader;
    m_loader = nullptr;
    if (m_prometheus->client()) {
        m_loader = new md::telemetry::TopologyLoader(m_prometheus->client(), this);
        connect(m_loader, &md::telemetry::TopologyLoader::graphReady, this, &TopologyPage::onGraph);
        connect(m_loader, &md::telemetry::TopologyLoader::failed, this,
                &TopologyPage::onLoadFailed);
        connect(m_loader, &md::telemetry::TopologyLoader::loadingChanged, this,
                &TopologyPage::updateStatus);
        m_liveConfigDirty = true;
    }
    m_panel->setClient(m_prometheus->client());
    m_scene->clearGraph();
    m_panel->clear();
    m_loaded = {};
    m_previousLayout.reset();
    m_knownNamespaces.clear();
    m_knownClusters.clear();
    m_fitPending = true;
    updateFilterMenus();
    switch (m_prometheus->state()) {
    case MeshPrometheus::State::NoMesh:
        setState(State::NoMesh, tr("No mesh selected"),
                 tr("The topology shows the traffic of a mesh. Select a mesh in the mesh "
                    "selector of the toolbar, or create one on the Mesh clusters page."));
        return;
    case MeshPrometheus::State::NoUrl:
        setState(State::NoUrl, tr("Mesh %1 has no Prometheus URL").arg(m_prometheus->meshName()),
                 tr("MeshDesk draws the topology from Istio's metrics in Prometheus (or Thanos, "
                    "Mimir, VictoriaMetrics). Set the mesh's Prometheus URL with Edit Mesh… "
                    "(Ctrl+Shift+E) on the Mesh clusters page."));
        return;
    case MeshPrometheus::State::Connecting:
        setState(State::Loading, tr("Connecting to Prometheus…"), m_prometheus->url());
        return;
    case MeshPrometheus::State::Error:
        setState(State::Error, tr("Cannot use the mesh's Prometheus"), m_prometheus->errorText());
        return;
    case MeshPrometheus::State::Ready:
        break;
    }
    refresh();
}

void TopologyPage::refresh()
{
    if (!m_loader)
        return;
    if (!isVisible()) {
        // Not shown yet: load when shown (a hidden page costs Prometheus nothing).
        m_refreshQueued = true;
        return;
    }
    md::telemetry::TopologyOptions options;
    options.graphType = m_graphTypeValue;
    options.namespaces = m_namespaces;
    options.clusters = m_clusters;
    options.includeIdle = m_showIdle;
    const auto range = MonitorSettings::instance()->timeRange();
    options.duration = range.duration();
    if (range.custom)
        options.time = range.end;
    if (m_state != State::Graph)
        setState(
            State::Loading, tr("Loading the topology…"),
            tr("Asking %1 for the mesh's traffic over the %2.")
                .arg(m_prometheus->url(), MonitorSettings::presetText(options.duration).toLower()));
    QPointer<md::telemetry::TopologyLoader> loader = m_loader;
    if (m_liveConfigDirty && m_context.mesh && m_context.mesh->cache()) {
        m_liveConfigDirty = false;
        // The tables here (one entry per informer), their objects copied in the worker: a
        // snapshot of every object of a big mesh took tens of ms on the GUI thread.
        const auto tables = m_context.mesh->cache()->tables({});
        md::onFinished(this, QtConcurrent::run([tables] {
                           return md::telemetry::LiveConfig::fromSnapshot(
                               md::mesh::MeshCache::toSnapshot(tables));
                       }),
                       [loader, options](const md::telemetry::LiveConfig &config) {
                           if (!loader)
                               return;
                           loader->setLiveConfig(config);
                           loader->load(options);
                       });
    } else {
        m_loader->load(options);
    }
    updateStatus();
}

void TopologyPage::onGraph(const md::telemetry::Graph &graph)
{
    m_loaded = graph;
    m_updated = QDateTime::currentDateTime();
    m_errorBar->hide();
    bool menus = false;
    for (const auto &node : graph.nodes) {
        if (!node.namespaceName.isEmpty() && !m_knownNamespaces.contains(node.namespaceName)) {
            m_knownNamespaces << node.namespaceName;
            menus = true;
        }
        if (!node.cluster.isEmpty() && node.cluster != QLatin1String("unknown")
            && !m_knownClusters.contains(node.cluster)) {
            m_knownClusters << node.cluster;
            menus = true;
        }
    }
    if (menus)
        updateFilterMenus();
    if (!m_filter.focusNode.isEmpty() && !graph.node(m_filter.focusNode))
        showOnlyNeighbours({});
    relayout(m_fitPending);
}

void TopologyPage::onLoadFailed(const QString &error)
{
    if (m_state == State::Graph) {
        // Keep what is drawn; say it is stale and why.
        m_errorBar->setText(
            tr("The refresh failed; the graph is from %1. %2")
                .arg(QLocale().toString(m_updated.time(), QLocale::ShortFormat), error));
        m_errorBar->show();
        updateStatus();
        return;
    }
    setState(State::Error, tr("Prometheus could not answer"), error);
}

void TopologyPage::relayout(bool fit)
{
    if (m_loaded.nodes.isEmpty()) {
        m_scene->clearGraph();
        const auto range = MonitorSettings::instance()->timeRange();
        setState(
            State::Empty,
            tr("No traffic in the %1").arg(MonitorSettings::presetText(range.duration()).toLower()),
            tr("Prometheus at %1 answered, but has no Istio request metrics for the selected "
               "clusters, namespaces and time range. Try a longer time range or Idle, or "
               "check that Prometheus scrapes the mesh's proxies.")
                .arg(m_prometheus->url()));
        emit graphShown();
        return;
    }
    const quint64 generation = ++m_layoutGeneration;
    const md::telemetry::Graph graph = m_loaded;
    const ViewFilter filter = m_filter;
    const auto previous = m_previousLayout;
    if (m_loaded.nodes.size() > 300)
        m_status->setText(tr("Laying out %n nodes…", nullptr, int(m_loaded.nodes.size())));
    md::onFinished(
        this, QtConcurrent::run([graph, filter, previous] {
            return std::make_shared<LaidOutGraph>(layoutGraph(graph, filter, previous.get()));
        }),
        [this, generation, fit](const std::shared_ptr<LaidOutGraph> &result) {
            if (generation != m_layoutGeneration)
                return; // a newer graph or filter meanwhile
            m_layoutMs = result->layoutMs;
            if (m_filter.focusNode.isEmpty() && !m_filter.hideHealthy)
                m_previousLayout = std::make_shared<const md::graph::LayoutResult>(result->layout);
            m_rebuilding = true;
            m_scene->setGraph(result->graph, result->layout);
            m_rebuilding = false;
            if (!m_find->text().trimmed().isEmpty())
                m_scene->find(m_find->text());
            setState(State::Graph);
            if (fit || m_fitPending) {
                m_fitPending = false;
                m_view->fitToView();
            }
            onSelectionChanged();
            updateStatus();
            emit graphShown();
        });
}

void TopologyPage::setState(State state, const QString &title, const QString &message)
{
    m_state = state;
    m_stateTitleText = title;
    m_stateMessageText = message;
    if (state == State::Graph) {
        m_stack->setCurrentIndex(1);
    } else {
        m_stateTitle->setText(title);
        m_stateText->setText(message);
        m_stateButton->setVisible(state != State::Loading);
        m_stateButton->setText(
            state == State::Error || state == State::Empty ? tr("Try again") : tr("Mesh clusters"));
        m_stack->setCurrentIndex(0);
    }
    updateStatus();
    emit stateChanged(state);
}

QString TopologyPage::stateTitle() const
{
    return m_stateTitleText;
}

QString TopologyPage::stateMessage() const
{
    return m_stateMessageText;
}

void TopologyPage::updateStatus()
{
    if (!m_status)
        return;
    QStringList parts;
    if (m_state == State::Graph) {
        const auto &g = m_scene->graph();
        parts << tr("%n nodes", nullptr, int(g.nodes.size()))
              << tr("%n edges", nullptr, int(g.edges.size()));
        if (g.nodes.size() != m_loaded.nodes.size())
            parts.last()
                += QStringLiteral(" ") + tr("(of %n nodes)", nullptr, int(m_loaded.nodes.size()));
        parts << tr("updated %1").arg(QLocale().toString(m_updated.time(), QLocale::LongFormat));
        parts << tr("layout %1 ms").arg(m_layoutMs);
        parts << tr("zoom %1 %").arg(qRound(m_view->zoom() * 100));
        if (!m_loaded.warnings.isEmpty())
            parts << tr("%n warning(s)", nullptr, int(m_loaded.warnings.size()));
    }
    if (m_loader && m_loader->isLoading())
        parts << tr("loading…");
    m_status->setText(parts.join(QStringLiteral(" · ")));
    m_status->setToolTip(m_loaded.warnings.join(u'\n'));
}

void TopologyPage::onSelectionChanged()
{
    if (m_rebuilding)
        return; // the selection is restored by id once the new items are in
    const auto items = m_scene->selectedItems();
    if (items.size() != 1) {
        if (!m_panel->shownId().isEmpty())
            m_panel->clear();
        return;
    }
    // The same item again only after a new graph (its figures changed).
    const bool newGraph = m_panelGraph != m_layoutGeneration;
    m_panelGraph = m_layoutGeneration;
    if (auto node = qgraphicsitem_cast<NodeItem *>(items.first())) {
        if (newGraph || m_panel->shownId() != node->id())
            m_panel->showNode(m_scene->graph(), node->id());
    } else if (auto edge = qgraphicsitem_cast<EdgeItem *>(items.first())) {
        if (newGraph || m_panel->shownId() != edge->edge().id)
            m_panel->showEdge(m_scene->graph(), edge->edge().id);
    }
}

bool TopologyPage::findNext()
{
    const auto found = m_scene->find(m_find->text());
    if (found.isEmpty())
        return false;
    m_findIndex = (m_findIndex + 1) % int(found.size());
    NodeItem *item = found.at(m_findIndex);
    m_scene->clearSelection();
    item->setSelected(true);
    m_view->focusOn(item->anchor());
    m_findCount->setText(tr("%1 of %2").arg(m_findIndex + 1).arg(found.size()));
    return true;
}

void TopologyPage::showNodeMenu(const QString &nodeId, const QPoint &screenPos)
{
    const auto *node = m_scene->graph().node(nodeId);
    if (!node)
        return;
    QMenu menu(this);
    const QVariantMap args = dashboardArguments(*node);
    QAction *dashboard = menu.addAction(tr("Metrics dashboard"));
    dashboard->setEnabled(!args.isEmpty() && m_context.navigator);
    QAction *policies = menu.addAction(tr("Policies…"));
    QAction *neighbours = menu.addAction(tr("Show only neighbours"));
    QAction *chosen = menu.exec(screenPos);
    if (chosen == dashboard)
        m_context.navigator->showPage(QStringLiteral("monitor.metrics"), args);
    else if (chosen == policies || chosen == neighbours) {
        if (chosen == neighbours)
            showOnlyNeighbours(nodeId);
        m_scene->clearSelection();
        if (NodeItem *item = m_scene->nodeItem(nodeId))
            item->setSelected(true);
    }
}

void TopologyPage::chooseCustomRange()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Custom time range"));
    const auto range = MonitorSettings::instance()->timeRange();
    auto start = new QDateTimeEdit(range.custom ? range.start.toLocalTime()
                                                : QDateTime::currentDateTime().addSecs(-3600),
                                   &dialog);
    auto end = new QDateTimeEdit(
        range.custom ? range.end.toLocalTime() : QDateTime::currentDateTime(), &dialog);
    for (QDateTimeEdit *edit : {start, end}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto error = new QLabel(&dialog);
    error->setStyleSheet(QStringLiteral("color: #c9190b"));
    auto form = new QFormLayout(&dialog);
    form->addRow(tr("From"), start);
    form->addRow(tr("To"), end);
    form->addRow(error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        if (start->dateTime() >= end->dateTime()) {
            error->setText(tr("The start must be before the end."));
            return;
        }
        dialog.accept();
    });
    if (dialog.exec() != QDialog::Accepted) {
        m_controls->showCurrentRange();
        return;
    }
    MonitorSettings::TimeRange custom;
    custom.custom = true;
    custom.start = start->dateTime().toUTC();
    custom.end = end->dateTime().toUTC();
    custom.last = range.last;
    MonitorSettings::instance()->setTimeRange(custom);
}

Result<void> TopologyPage::exportPng(const QString &path) const
{
    const QRectF source = m_scene->graphRect();
    if (source.isEmpty())
        return md::unexpected(QStringLiteral("topology.export"), tr("There is no graph to export."),
                              path);
    const double scale = std::min(2.0, MaxPngSide / std::max(source.width(), source.height()));
    QImage image(QSize(qCeil(source.width() * scale), qCeil(source.height() * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return md::unexpected(QStringLiteral("topology.export"),
                              tr("Not enough memory for an image of %1×%2 pixels.")
                                  .arg(qCeil(source.width() * scale))
                                  .arg(qCeil(source.height() * scale)),
                              path);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        m_scene->renderAll(&painter, QRectF(QPointF(0, 0), image.size()), source);
    }
    if (!image.save(path, "PNG"))
        return md::unexpected(QStringLiteral("topology.export"), tr("Cannot write the PNG file."),
                              path);
    return {};
}

Result<void> TopologyPage::exportSvg(const QString &path) const
{
    const QRectF source = m_scene->graphRect();
    if (source.isEmpty())
        return md::unexpected(QStringLiteral("topology.export"), tr("There is no graph to export."),
                              path);
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(tr("Service topology"));
    generator.setDescription(tr("Exported by MeshDesk"));
    QPainter painter;
    if (!painter.begin(&generator))
        return md::unexpected(QStringLiteral("topology.export"), tr("Cannot write the SVG file."),
                              path);
    m_scene->renderAll(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    if (!QFileInfo::exists(path))
        return md::unexpected(QStringLiteral("topology.export"), tr("Cannot write the SVG file."),
                              path);
    return {};
}

void TopologyPage::exportTo(bool svg)
{
    const QString suffix = svg ? QStringLiteral("svg") : QStringLiteral("png");
    const QString path = QFileDialog::getSaveFileName(
        this, svg ? tr("Export as SVG") : tr("Export as PNG"), QStringLiteral("topology.") + suffix,
        svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const auto result = svg ? exportSvg(path) : exportPng(path);
    if (!result) {
        m_errorBar->setText(result.error().toString());
        m_errorBar->show();
    } else {
        m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    }
}

} // namespace md::ui::topology

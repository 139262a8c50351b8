#include "sidecars/sidecarpages.h"

#include "editors/editorsession.h"
#include "mesh/clusterhealth.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "shell/pageregistry.h"
#include "sidecar/sidecarmodels.h"
#include "sidecars/sidecardialogs.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSet>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace md::ui {

using namespace md::sidecar;

namespace {

// Cells flagged with HighlightRole (partial injection, pods waiting) in amber.
class HighlightDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(HighlightRole).toBool()) {
            option->palette.setColor(QPalette::Text, QColor(0xb2, 0x6a, 0x00));
            option->font.setBold(true);
        }
    }
};

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto table = new QTableView(parent);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setSortingEnabled(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    table->setItemDelegate(new HighlightDelegate(table));
    return table;
}

QString timeText(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime().time(), QLocale::ShortFormat);
}

} // namespace

// --- SidecarPageBase ---

SidecarPageBase::SidecarPageBase(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_loader(new SidecarInventoryLoader(this))
    , m_toolBar(new QToolBar(this))
    , m_clusters(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_banner(new QLabel(this))
    , m_errors(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_state(new QWidget(this))
    , m_stateTitle(new QLabel(m_state))
    , m_stateMessage(new QLabel(m_state))
{
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_clusters->setObjectName(QStringLiteral("clusterFilter"));
    m_clusters->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_clusters->setMinimumContentsLength(14);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setContentsMargins(8, 0, 8, 0);
    m_find = new QAction(this);
    m_find->setShortcut(QKeySequence::Find);
    m_find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_find);

    for (QLabel *label : {m_banner, m_errors}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setContentsMargins(10, 6, 10, 6);
        label->setAutoFillBackground(true);
        label->hide();
    }
    m_banner->setObjectName(QStringLiteral("staleBanner"));
    m_errors->setObjectName(QStringLiteral("errorBanner"));
    QPalette amber = m_banner->palette();
    amber.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xc8));
    amber.setColor(QPalette::WindowText, QColor(0x5c, 0x3c, 0x00));
    m_banner->setPalette(amber);
    QPalette red = m_errors->palette();
    red.setColor(QPalette::Window, QColor(0xfb, 0xe0, 0xe0));
    red.setColor(QPalette::WindowText, QColor(0x7a, 0x10, 0x10));
    m_errors->setPalette(red);

    QFont titleFont = m_stateTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_stateTitle->setFont(titleFont);
    m_stateTitle->setObjectName(QStringLiteral("stateTitle"));
    m_stateMessage->setObjectName(QStringLiteral("stateMessage"));
    for (QLabel *label : {m_stateTitle, m_stateMessage}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
    }
    auto stateColumn = new QVBoxLayout(m_state);
    stateColumn->addStretch(2);
    stateColumn->addWidget(m_stateTitle);
    stateColumn->addWidget(m_stateMessage);
    stateColumn->addStretch(3);
    m_stack->addWidget(m_state);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_errors);
    layout->addWidget(m_stack, 1);

    connect(m_loader, &SidecarInventoryLoader::updated, this, [this] {
        updateClusters();
        updateState();
    });
    if (m_context.mesh) {
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this, [this] {
            updateClusters();
            updateState();
        });
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                &SidecarPageBase::updateState);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::changed, this,
                &SidecarPageBase::updateState);
    }
    if (m_context.connections)
        connect(m_context.connections, &md::mesh::ConnectionManager::healthChanged, this,
                &SidecarPageBase::updateState);
}

SidecarPageBase::~SidecarPageBase() = default;

void SidecarPageBase::setContent(QWidget *content)
{
    m_content = content;
    m_stack->insertWidget(0, content);
}

bool SidecarPageBase::isShowingTable() const
{
    return m_stack->currentWidget() == m_content;
}

QString SidecarPageBase::stateText() const
{
    if (isShowingTable())
        return {};
    return m_stateTitle->text() + QLatin1Char('\n') + m_stateMessage->text();
}

void SidecarPageBase::updateClusters()
{
    QStringList clusters;
    if (m_context.mesh) {
        if (const auto mesh = m_context.mesh->mesh())
            clusters = mesh->clusters();
    }
    for (const auto &row : m_loader->inventory().namespaces) {
        if (!clusters.contains(row.context))
            clusters << row.context;
    }
    if (!m_wantedCluster.isEmpty() && !clusters.contains(m_wantedCluster))
        clusters << m_wantedCluster;
    clusters.sort();
    m_clusters->blockSignals(true);
    m_clusters->clear();
    m_clusters->addItem(tr("All clusters"), QString());
    for (const QString &c : std::as_const(clusters))
        m_clusters->addItem(c, c);
    m_clusters->setCurrentIndex(std::max(0, m_clusters->findData(m_wantedCluster)));
    m_clusters->blockSignals(false);
}

void SidecarPageBase::updateCount()
{
    if (!isShowingTable()) {
        m_count->clear();
        return;
    }
    const int total = totalRows();
    const int shown = shownRows();
    m_count->setText(shown == total ? tr("%1 %2").arg(total).arg(nounPlural())
                                    : tr("%1 of %2 %3").arg(shown).arg(total).arg(nounPlural()));
}

void SidecarPageBase::updateState()
{
    const std::optional<md::mesh::Mesh> mesh
        = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    const QStringList clusters = mesh ? mesh->clusters() : QStringList();
    md::mesh::MeshCache *cache = m_context.mesh ? m_context.mesh->cache() : nullptr;

    // What each cluster's caches are doing: a line per cluster whose data is not live.
    QStringList problems;
    for (const QString &cluster : clusters) {
        if (m_context.connections) {
            const md::mesh::ClusterHealth health = m_context.connections->health(cluster);
            if (!health.isUp() && health.state != md::mesh::ClusterHealth::State::Connecting) {
                QString line = tr("Cluster %1: %2").arg(cluster, md::mesh::stateText(health.state));
                if (health.lastError)
                    line += QStringLiteral(": ") + health.lastError->summary();
                problems << line;
                continue;
            }
        }
        if (!cache)
            continue;
        const md::mesh::MeshCache::CacheStatus status = cache->status(cluster);
        if (status.informers == 0 || status.isLive() || status.synced < status.informers)
            continue; // not watched yet, live, or still loading (the state says it)
        QString line;
        if (status.backingOff > 0 && status.nextRetryAt.isValid())
            line = tr("Cluster %1: data from %2 may be stale, retrying at %3")
                       .arg(cluster, timeText(status.staleSince), timeText(status.nextRetryAt));
        else if (status.listing > 0)
            line = tr("Cluster %1: relisting, data from %2")
                       .arg(cluster, timeText(status.staleSince));
        else
            line = tr("Cluster %1: data may be stale since %2")
                       .arg(cluster, timeText(status.staleSince));
        if (status.lastError)
            line += QStringLiteral(" (") + status.lastError->summary() + QLatin1Char(')');
        problems << line;
    }
    m_banner->setText(problems.join(QLatin1Char('\n')));
    m_banner->setVisible(!problems.isEmpty());

    QString title, message;
    if (totalRows() > 0) {
        // the table
    } else if (!mesh) {
        title = tr("No mesh selected");
        message = tr("Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to "
                     "see its sidecars.");
    } else if (cache
               && (!cache->isSynced() || m_loader->isUpdating() || m_loader->updates() == 0)) {
        int listed = 0;
        for (const QString &cluster : clusters) {
            const auto status = cache->status(cluster);
            if (status.informers > 0 && status.synced == status.informers)
                ++listed;
        }
        title = tr("Loading %1…").arg(nounPlural());
        message = tr("Reading namespaces, workloads and pods of mesh %1: %2 of %3 clusters "
                     "listed.")
                      .arg(mesh->name)
                      .arg(listed)
                      .arg(clusters.size());
    } else {
        title = tr("No %1 in mesh %2").arg(nounPlural(), mesh->name);
        message = tr("Looked in every cluster of the mesh: %1.")
                      .arg(clusters.join(QStringLiteral(", ")));
    }
    m_stateTitle->setText(title);
    m_stateMessage->setText(message);
    m_stack->setCurrentWidget(title.isEmpty() ? m_content : m_state);
    updateCount();
}

QHash<QString, QList<md::apply::ApplyItem>>
SidecarPageBase::prepareEdits(const QList<Target> &targets, const Edit &edit, bool restart,
                              QStringList *errors) const
{
    QHash<QString, QList<md::apply::ApplyItem>> items;
    md::mesh::MeshCache *cache = m_context.mesh ? m_context.mesh->cache() : nullptr;
    for (const Target &t : targets) {
        const QString what = t.namespace_.isEmpty()
            ? tr("%1 %2 in %3").arg(t.kind, t.name, t.context)
            : tr("%1 %2/%3 in %4").arg(t.kind, t.namespace_, t.name, t.context);
        const QString group = t.apiVersion.contains(QLatin1Char('/'))
            ? t.apiVersion.section(QLatin1Char('/'), 0, 0)
            : QString();
        const auto object
            = cache ? cache->object(t.context, group, t.kind, t.namespace_, t.name) : std::nullopt;
        if (!object) {
            *errors << tr("%1: not in the caches (deleted meanwhile?)").arg(what);
            continue;
        }
        const md::istio::Value live = valueOf(*object, t.apiVersion, t.kind);
        auto edited = edit ? edit(live) : Result<md::istio::Value>(live);
        if (edited && restart)
            edited = restartWorkload(*edited);
        if (!edited) {
            *errors << tr("%1: %2").arg(what, edited.error().toString());
            continue;
        }
        if (*edited == live)
            continue; // nothing to change
        items[t.context] << md::apply::ApplyItem::update(live, *edited);
    }
    return items;
}

void SidecarPageBase::runEdits(const QList<Target> &targets, const Edit &edit, bool restart)
{
    QStringList errors;
    const auto items = prepareEdits(targets, edit, restart, &errors);
    m_errors->setText(errors.join(QLatin1Char('\n')));
    m_errors->setVisible(!errors.isEmpty());
    if (items.isEmpty() && errors.isEmpty()) {
        m_errors->setText(tr("Nothing to change: the selection already has this setting."));
        m_errors->show();
    }
    for (auto it = items.cbegin(); it != items.cend(); ++it)
        EditorSession::of(m_context)->reviewObjects(it.value(), window(), it.key());
}

void SidecarPageBase::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// --- NamespaceSidecarPage ---

NamespaceSidecarPage::NamespaceSidecarPage(const PageContext &context, QWidget *parent)
    : SidecarPageBase(context, parent)
    , m_filter(new NamespaceFilterModel(this))
    , m_table(makeTable(this, QStringLiteral("namespaceTable")))
    , m_showSystem(new QCheckBox(this))
{
    setObjectName(QStringLiteral("page:sidecars.namespaces"));
    m_filter->setNamespaceModel(m_loader->namespaces());
    m_table->setModel(m_filter);
    m_table->sortByColumn(NamespaceTableModel::NameColumn, Qt::AscendingOrder);
    const int widths[] = {200, 140, 140, 200, 110, 130, 90};
    for (int c = 0; c < NamespaceTableModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);
    m_table->horizontalHeader()->setStretchLastSection(true);
    setContent(m_table);

    m_enable = m_toolBar->addAction(QString(), this, [this] { apply(InjectionAction::Enable); });
    m_enable->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_disable = m_toolBar->addAction(QString(), this, [this] { apply(InjectionAction::Disable); });
    m_disable->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_clear = m_toolBar->addAction(QString(), this, [this] { apply(InjectionAction::Clear); });
    m_enable->setObjectName(QStringLiteral("enableAction"));
    m_disable->setObjectName(QStringLiteral("disableAction"));
    m_clear->setObjectName(QStringLiteral("clearAction"));
    for (QAction *a : {m_enable, m_disable, m_clear}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    // Filters on a second row.
    auto filters = new QToolBar(this);
    filters->setObjectName(QStringLiteral("filterBar"));
    filters->addWidget(m_clusters);
    filters->addWidget(m_search);
    m_showSystem->setObjectName(QStringLiteral("showSystem"));
    filters->addWidget(m_showSystem);
    auto spacer = new QWidget(filters);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    filters->addWidget(spacer);
    filters->addWidget(m_count);
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, filters);

    connect(m_clusters, &QComboBox::activated, this, [this] {
        m_wantedCluster = m_clusters->currentData().toString();
        m_filter->setClusterFilter(m_wantedCluster);
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateCount();
    });
    connect(m_showSystem, &QCheckBox::toggled, this, [this](bool show) {
        m_filter->setHideSystem(!show);
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NamespaceSidecarPage::updateActions);
    m_loader->setMesh(m_context.mesh);
    retranslate();
    updateActions();
    updateClusters();
    updateState();
}

QList<SidecarPageBase::Target> NamespaceSidecarPage::selectedTargets() const
{
    QList<Target> targets;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const NamespaceRow &row = m_loader->namespaces()->rowAt(m_filter->mapToSource(index).row());
        targets << Target {row.context, QStringLiteral("v1"), QStringLiteral("Namespace"),
                           QString(), row.name};
    }
    return targets;
}

void NamespaceSidecarPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("cluster"))) {
        m_wantedCluster = arguments.value(QStringLiteral("cluster")).toString();
        m_filter->setClusterFilter(m_wantedCluster);
        updateClusters();
    }
    if (arguments.contains(QStringLiteral("search")))
        m_search->setText(arguments.value(QStringLiteral("search")).toString());
    updateCount();
}

void NamespaceSidecarPage::apply(InjectionAction action)
{
    const QList<Target> targets = selectedTargets();
    if (targets.isEmpty())
        return;
    runEdits(
        targets,
        [action](const md::istio::Value &ns) { return editNamespaceInjection(ns, action); }, false);
}

void NamespaceSidecarPage::updateActions()
{
    const bool selected = m_table->selectionModel()->hasSelection();
    for (QAction *a : {m_enable, m_disable, m_clear})
        a->setEnabled(selected);
}

int NamespaceSidecarPage::totalRows() const
{
    return m_loader->namespaces()->rowCount();
}

int NamespaceSidecarPage::shownRows() const
{
    return m_filter->rowCount();
}

QString NamespaceSidecarPage::nounPlural() const
{
    return tr("namespaces");
}

void NamespaceSidecarPage::retranslate()
{
    m_enable->setText(tr("Enable injection"));
    m_enable->setToolTip(tr("Label the selected namespaces istio-injection=enabled (Ctrl+E). "
                            "Running pods get a sidecar when they restart."));
    m_disable->setText(tr("Disable injection"));
    m_disable->setToolTip(tr("Label the selected namespaces istio-injection=disabled "
                             "(Ctrl+Shift+E); it wins over pod labels and istio.io/rev."));
    m_clear->setText(tr("Clear policy"));
    m_clear->setToolTip(tr("Remove istio-injection and istio.io/rev from the selected "
                           "namespaces."));
    m_search->setPlaceholderText(tr("Search namespaces and labels (Ctrl+F)"));
    m_showSystem->setText(tr("Show system namespaces"));
    updateClusters();
    updateState();
}

// --- WorkloadSidecarPage ---

WorkloadSidecarPage::WorkloadSidecarPage(const PageContext &context, QWidget *parent)
    : SidecarPageBase(context, parent)
    , m_filter(new WorkloadFilterModel(this))
    , m_table(makeTable(this, QStringLiteral("workloadTable")))
    , m_pods(new QTableWidget(this))
    , m_detail(new QLabel(this))
    , m_namespaces(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_restartNow(new QCheckBox(this))
{
    setObjectName(QStringLiteral("page:sidecars.workloads"));
    m_filter->setWorkloadModel(m_loader->workloads());
    m_table->setModel(m_filter);
    m_table->sortByColumn(WorkloadTableModel::NameColumn, Qt::AscendingOrder);
    const int widths[] = {180, 90, 100, 125, 120, 95, 110, 115, 130, 160};
    for (int c = 0; c < WorkloadTableModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_pods->setObjectName(QStringLiteral("podTable"));
    m_pods->setColumnCount(7);
    m_pods->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_pods->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pods->verticalHeader()->hide();
    m_pods->horizontalHeader()->setStretchLastSection(true);
    m_pods->setAlternatingRowColors(true);
    m_detail->setObjectName(QStringLiteral("detailLabel"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setContentsMargins(8, 6, 8, 6);
    auto detail = new QWidget(this);
    auto detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detail);
    detailLayout->addWidget(m_pods, 1);
    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("workloadSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    setContent(splitter);

    m_enable = m_toolBar->addAction(QString(), this, [this] { apply(InjectionAction::Enable); });
    m_enable->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_disable = m_toolBar->addAction(QString(), this, [this] { apply(InjectionAction::Disable); });
    m_disable->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_clear = m_toolBar->addAction(QString(), this, [this] { apply(InjectionAction::Clear); });
    m_resources = m_toolBar->addAction(QString(), this, &WorkloadSidecarPage::editResources);
    m_passthrough = m_toolBar->addAction(QString(), this, &WorkloadSidecarPage::editPassthrough);
    m_restart = m_toolBar->addAction(QString(), this, &WorkloadSidecarPage::restartSelected);
    m_restart->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    const QList<std::pair<QAction *, const char *>> names {{m_enable, "enableAction"},
                                                           {m_disable, "disableAction"},
                                                           {m_clear, "clearAction"},
                                                           {m_resources, "resourcesAction"},
                                                           {m_passthrough, "passthroughAction"},
                                                           {m_restart, "restartAction"}};
    for (const auto &[a, name] : names) {
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    m_restartNow->setObjectName(QStringLiteral("restartNow"));
    m_toolBar->addWidget(m_restartNow);

    // Filters on a second row.
    auto filters = new QToolBar(this);
    filters->setObjectName(QStringLiteral("filterBar"));
    m_namespaces->setObjectName(QStringLiteral("namespaceFilter"));
    m_namespaces->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_namespaces->setMinimumContentsLength(14);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    filters->addWidget(m_clusters);
    filters->addWidget(m_namespaces);
    filters->addWidget(m_status);
    filters->addWidget(m_search);
    auto spacer = new QWidget(filters);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    filters->addWidget(spacer);
    filters->addWidget(m_count);
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, filters);

    connect(m_clusters, &QComboBox::activated, this, [this] {
        m_wantedCluster = m_clusters->currentData().toString();
        m_filter->setClusterFilter(m_wantedCluster);
        updateCount();
    });
    connect(m_namespaces, &QComboBox::activated, this, [this] {
        m_wantedNamespace = m_namespaces->currentData().toString();
        m_filter->setNamespaceFilter(m_wantedNamespace);
        updateCount();
    });
    connect(m_status, &QComboBox::activated, this, [this] {
        m_filter->setStatusFilter(m_status->currentData().toInt());
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updateDetail();
    });
    connect(m_loader, &SidecarInventoryLoader::updated, this, [this] {
        updateNamespaces();
        updateDetail();
    });
    m_loader->setMesh(m_context.mesh);
    retranslate();
    updateActions();
    updateClusters();
    updateNamespaces();
    updateState();
}

QList<SidecarPageBase::Target> WorkloadSidecarPage::selectedTargets() const
{
    QList<Target> targets;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &index : std::as_const(rows)) {
        const WorkloadRow &row = m_loader->workloads()->rowAt(m_filter->mapToSource(index).row());
        targets << Target {row.context, row.apiVersion, row.kind, row.namespace_, row.name};
    }
    return targets;
}

int WorkloadSidecarPage::firstSelectedSourceRow() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    std::sort(rows.begin(), rows.end());
    return m_filter->mapToSource(rows.first()).row();
}

void WorkloadSidecarPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("cluster"))) {
        m_wantedCluster = arguments.value(QStringLiteral("cluster")).toString();
        m_filter->setClusterFilter(m_wantedCluster);
        updateClusters();
    }
    if (arguments.contains(QStringLiteral("namespace"))) {
        m_wantedNamespace = arguments.value(QStringLiteral("namespace")).toString();
        m_filter->setNamespaceFilter(m_wantedNamespace);
        updateNamespaces();
    }
    if (arguments.contains(QStringLiteral("status"))) {
        static const QHash<QString, int> ids {
            {QStringLiteral("injected"), int(WorkloadStatus::Injected)},
            {QStringLiteral("notinjected"), int(WorkloadStatus::NotInjected)},
            {QStringLiteral("pending"), int(WorkloadStatus::PendingRestart)},
            {QStringLiteral("ambient"), int(WorkloadStatus::Ambient)}};
        const int status = ids.value(arguments.value(QStringLiteral("status")).toString(), -1);
        m_filter->setStatusFilter(status);
        m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    }
    if (arguments.contains(QStringLiteral("search")))
        m_search->setText(arguments.value(QStringLiteral("search")).toString());
    updateCount();
}

void WorkloadSidecarPage::apply(InjectionAction action)
{
    const QList<Target> targets = selectedTargets();
    if (targets.isEmpty())
        return;
    runEdits(
        targets, [action](const md::istio::Value &w) { return editWorkloadInjection(w, action); },
        m_restartNow->isChecked());
}

void WorkloadSidecarPage::editResources()
{
    const QList<Target> targets = selectedTargets();
    if (targets.isEmpty())
        return;
    const int first = firstSelectedSourceRow();
    SidecarResourcesDialog dialog(m_loader->workloads()->rowAt(first).resources,
                                  int(targets.size()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const SidecarResources resources = dialog.resources();
    runEdits(
        targets,
        [resources](const md::istio::Value &w) { return editSidecarResources(w, resources); },
        dialog.restartNow());
}

void WorkloadSidecarPage::editPassthrough()
{
    const QList<Target> targets = selectedTargets();
    if (targets.isEmpty())
        return;
    const int first = firstSelectedSourceRow();
    PassthroughDialog dialog(m_loader->workloads()->rowAt(first).passthrough, int(targets.size()),
                             this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Passthrough passthrough = dialog.passthrough();
    runEdits(
        targets,
        [passthrough](const md::istio::Value &w) {
            return md::sidecar::editPassthrough(w, passthrough);
        },
        dialog.restartNow());
}

void WorkloadSidecarPage::restartSelected()
{
    const QList<Target> targets = selectedTargets();
    if (!targets.isEmpty())
        runEdits(targets, nullptr, true);
}

void WorkloadSidecarPage::updateActions()
{
    const bool selected = m_table->selectionModel()->hasSelection();
    for (QAction *a : {m_enable, m_disable, m_clear, m_resources, m_passthrough, m_restart})
        a->setEnabled(selected);
}

void WorkloadSidecarPage::updateNamespaces()
{
    QSet<QString> names;
    for (const WorkloadRow &row : m_loader->workloads()->rows())
        names.insert(row.namespace_);
    if (!m_wantedNamespace.isEmpty())
        names.insert(m_wantedNamespace);
    QStringList namespaces(names.cbegin(), names.cend());
    namespaces.sort();
    m_namespaces->blockSignals(true);
    m_namespaces->clear();
    m_namespaces->addItem(tr("All namespaces"), QString());
    for (const QString &ns : std::as_const(namespaces))
        m_namespaces->addItem(ns, ns);
    m_namespaces->setCurrentIndex(std::max(0, m_namespaces->findData(m_wantedNamespace)));
    m_namespaces->blockSignals(false);
}

void WorkloadSidecarPage::updateDetail()
{
    const int source = firstSelectedSourceRow();
    m_pods->setRowCount(0);
    if (source < 0) {
        m_detail->setText(tr("Select a workload to see why it is or is not injected and the "
                             "sidecar of each of its pods."));
        return;
    }
    const WorkloadRow &row = m_loader->workloads()->rowAt(source);
    QString text
        = tr("%1 %2/%3 in %4: %5.")
              .arg(row.kind, row.namespace_, row.name, row.context, statusText(row.status));
    text += QLatin1Char(' ') + row.statusReason;
    m_detail->setText(text);
    m_pods->setRowCount(int(row.pods.size()));
    for (int i = 0; i < row.pods.size(); ++i) {
        const PodSidecar &pod = row.pods.at(i);
        const QString sidecar = pod.hasSidecar
            ? (pod.sidecarReady ? tr("Running, ready") : tr("Not ready"))
            : tr("No sidecar");
        const QString expected = pod.hasSidecar == pod.expected
            ? QString()
            : (pod.expected ? tr("restart to inject") : tr("restart to remove"));
        const QStringList cells {pod.name,
                                 pod.phase,
                                 sidecar,
                                 pod.version,
                                 pod.hasSidecar ? QString::number(pod.sidecarRestarts) : QString(),
                                 pod.node,
                                 expected};
        for (int c = 0; c < cells.size(); ++c)
            m_pods->setItem(i, c, new QTableWidgetItem(cells.at(c)));
    }
    m_pods->resizeColumnsToContents();
}

int WorkloadSidecarPage::totalRows() const
{
    return m_loader->workloads()->rowCount();
}

int WorkloadSidecarPage::shownRows() const
{
    return m_filter->rowCount();
}

QString WorkloadSidecarPage::nounPlural() const
{
    return tr("workloads");
}

void WorkloadSidecarPage::retranslate()
{
    m_enable->setText(tr("Enable"));
    m_enable->setToolTip(tr("Label the pod templates sidecar.istio.io/inject=true (Ctrl+E)"));
    m_disable->setText(tr("Disable"));
    m_disable->setToolTip(
        tr("Label the pod templates sidecar.istio.io/inject=false (Ctrl+Shift+E); it overrides "
           "the namespace's labels"));
    m_clear->setText(tr("Clear policy"));
    m_clear->setToolTip(tr("Remove sidecar.istio.io/inject from the pod templates: the "
                           "namespace decides again"));
    m_resources->setText(tr("Resources…"));
    m_resources->setToolTip(tr("Set the sidecar's CPU and memory requests and limits"));
    m_passthrough->setText(tr("Passthrough…"));
    m_passthrough->setToolTip(tr("Ports and IP ranges whose traffic bypasses the sidecar"));
    m_restart->setText(tr("Restart"));
    m_restart->setToolTip(tr("Roll the selected workloads' pods, as kubectl rollout restart "
                             "(Ctrl+Shift+R)"));
    m_restartNow->setText(tr("Restart now"));
    m_restartNow->setToolTip(tr("Restart the workloads with the change (rollout restart), so "
                                "running pods follow it"));
    m_search->setPlaceholderText(tr("Search name, namespace, pod labels (Ctrl+F)"));
    const int status = m_status->currentData().isValid() ? m_status->currentData().toInt() : -1;
    m_status->clear();
    m_status->addItem(tr("All statuses"), -1);
    for (WorkloadStatus s : {WorkloadStatus::Injected, WorkloadStatus::NotInjected,
                             WorkloadStatus::PendingRestart, WorkloadStatus::Ambient})
        m_status->addItem(statusText(s), int(s));
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    m_pods->setHorizontalHeaderLabels({tr("Pod"), tr("Phase"), tr("Sidecar"), tr("Version"),
                                       tr("Restarts"), tr("Node"), tr("Action needed")});
    updateClusters();
    updateNamespaces();
    updateDetail();
    updateState();
}

void registerSidecarPages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("sidecars.namespaces"),
                     [](const PageContext &context, QWidget *parent) {
                         return new NamespaceSidecarPage(context, parent);
                     });
    registry.addPage(QStringLiteral("sidecars.workloads"),
                     [](const PageContext &context, QWidget *parent) {
                         return new WorkloadSidecarPage(context, parent);
                     });
}

} // namespace md::ui

#include "policies/policylistpage.h"

#include "core/futures.h"
#include "editors/deleteflow.h"
#include "items/policyexport.h"
#include "items/policyfiltermodel.h"
#include "items/policylistmodel.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "shell/pageregistry.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace md::ui {

namespace {

using md::PolicyColumn;

// The Checks column: the worst severity as the style's message icon.
class ChecksDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant severity = index.data(md::PolicyListModel::SeverityRole);
        if (!severity.isValid())
            return;
        QStyle *style = option->widget ? option->widget->style() : nullptr;
        if (!style)
            return;
        QStyle::StandardPixmap pixmap = QStyle::SP_DialogApplyButton;
        switch (severity.toInt()) {
        case int(md::istio::Severity::Error):
            pixmap = QStyle::SP_MessageBoxCritical;
            break;
        case int(md::istio::Severity::Warning):
            pixmap = QStyle::SP_MessageBoxWarning;
            break;
        case int(md::istio::Severity::Info):
            pixmap = QStyle::SP_MessageBoxInformation;
            break;
        default:
            if (index.data().toString().isEmpty())
                return; // the checks have not run yet
            break;
        }
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->icon = style->standardIcon(pixmap, nullptr, option->widget);
        option->decorationSize = QSize(16, 16);
    }
};

int defaultWidth(PolicyColumn column)
{
    switch (column) {
    case PolicyColumn::Name:
        return 190;
    case PolicyColumn::Namespace:
        return 100;
    case PolicyColumn::Cluster:
        return 130;
    case PolicyColumn::Checks:
        return 85;
    case PolicyColumn::Age:
        return 50;
    case PolicyColumn::Hosts:
    case PolicyColumn::Host:
    case PolicyColumn::Scope:
        return 210;
    case PolicyColumn::Selector:
    case PolicyColumn::Gateways:
        return 160;
    case PolicyColumn::Location:
    case PolicyColumn::MtlsMode:
    case PolicyColumn::Action:
        return 135;
    default:
        return 110;
    }
}

} // namespace

PolicyListPage::PolicyListPage(md::PolicyKind kind, const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_context(context)
    , m_model(new md::PolicyListModel(kind, this))
    , m_filter(new md::PolicyFilterModel(this))
    , m_toolBar(new QToolBar(this))
    , m_namespaces(new QComboBox(this))
    , m_clusters(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_banner(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_state(new QWidget(this))
    , m_stateTitle(new QLabel(m_state))
    , m_stateMessage(new QLabel(m_state))
    , m_stateNew(new QPushButton(m_state))
    , m_ageTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("page:") + md::policyKindInfo(kind).pageId);
    m_filter->setPolicyModel(m_model);

    m_new = m_toolBar->addAction(QString(), this, &PolicyListPage::newObject);
    m_new->setObjectName(QStringLiteral("newAction"));
    m_new->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_open = m_toolBar->addAction(QString(), this, &PolicyListPage::openSelected);
    m_open->setObjectName(QStringLiteral("openAction"));
    m_delete = m_toolBar->addAction(QString(), this, &PolicyListPage::deleteSelected);
    m_delete->setObjectName(QStringLiteral("deleteAction"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_export = m_toolBar->addAction(QString(), this, &PolicyListPage::exportSelected);
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_toolBar->addSeparator();
    m_namespaces->setObjectName(QStringLiteral("namespaceFilter"));
    m_namespaces->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_namespaces->setMinimumContentsLength(14);
    m_clusters->setObjectName(QStringLiteral("clusterFilter"));
    m_clusters->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_clusters->setMinimumContentsLength(14);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);
    m_toolBar->addWidget(m_namespaces);
    m_toolBar->addWidget(m_clusters);
    m_toolBar->addWidget(m_search);
    auto spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setContentsMargins(8, 0, 8, 0);
    m_toolBar->addWidget(m_count);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_find = new QAction(this);
    m_find->setShortcut(QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    for (QAction *action : {m_new, m_open, m_delete, m_export, m_find})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addActions({m_new, m_open, m_delete, m_export, m_find});

    m_banner->setObjectName(QStringLiteral("staleBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->setAutoFillBackground(true);
    m_banner->hide();

    m_table->setObjectName(QStringLiteral("policyTable"));
    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(m_model->columnOf(PolicyColumn::Checks),
                                      new ChecksDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(m_model->columnOf(PolicyColumn::Name), Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setHighlightSections(false);
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_table->setColumnWidth(column, defaultWidth(m_model->columnAt(column)));
    // The kind's last column (tags, rules, endpoints, ...) takes the room left; Age stays last.
    header->setSectionResizeMode(m_model->columnCount() - 2, QHeaderView::Stretch);

    // The state shown instead of the table: no mesh, loading, or no objects.
    m_state->setObjectName(QStringLiteral("policyState"));
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
    m_stateNew->setObjectName(QStringLiteral("stateNewButton"));
    connect(m_stateNew, &QPushButton::clicked, this, &PolicyListPage::newObject);
    auto stateColumn = new QVBoxLayout;
    stateColumn->addStretch(2);
    stateColumn->addWidget(m_stateTitle);
    stateColumn->addWidget(m_stateMessage);
    stateColumn->addSpacing(12);
    stateColumn->addWidget(m_stateNew, 0, Qt::AlignHCenter);
    stateColumn->addStretch(3);
    auto stateRow = new QHBoxLayout(m_state);
    stateRow->addStretch(1);
    stateRow->addLayout(stateColumn, 4);
    stateRow->addStretch(1);

    m_stack->addWidget(m_table);
    m_stack->addWidget(m_state);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);

    connect(m_table, &QTableView::activated, this, &PolicyListPage::openSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PolicyListPage::updateActions);
    connect(m_namespaces, &QComboBox::activated, this, [this] {
        m_wantedNamespace = m_namespaces->currentData().toString();
        m_filter->setNamespaceFilter(m_wantedNamespace);
        updateCount();
    });
    connect(m_clusters, &QComboBox::activated, this, [this] {
        m_wantedCluster = m_clusters->currentData().toString();
        m_filter->setClusterFilter(m_wantedCluster);
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateCount();
    });
    connect(m_model, &md::PolicyListModel::facetsChanged, this, &PolicyListPage::updateFacets);
    connect(m_model, &md::PolicyListModel::updated, this, [this] {
        updateState();
        updateCount();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &PolicyListPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &PolicyListPage::updateCount);

    // Ages change as time passes.
    m_ageTimer->setInterval(30000);
    connect(m_ageTimer, &QTimer::timeout, m_table->viewport(), qOverload<>(&QWidget::update));
    m_ageTimer->start();

    if (m_context.mesh) {
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this,
                &PolicyListPage::updateState);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                &PolicyListPage::updateState);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::changed, this,
                &PolicyListPage::updateState);
    }
    if (m_context.connections) {
        connect(m_context.connections, &md::mesh::ConnectionManager::healthChanged, this,
                &PolicyListPage::updateState);
    }
    m_model->setMesh(m_context.mesh);

    retranslate();
    updateFacets();
    updateActions();
    updateState();
}

PolicyListPage::~PolicyListPage() = default;

QString PolicyListPage::meshName() const
{
    return m_context.mesh ? m_context.mesh->name() : QString();
}

ObjectLink PolicyListPage::linkFor(int sourceRow) const
{
    const md::PolicyRow &row = m_model->rowAt(sourceRow);
    return ObjectLink {row.context, row.apiVersion, md::policyKindInfo(m_kind).name, row.namespace_,
                       row.name};
}

QList<ObjectLink> PolicyListPage::selectedObjects() const
{
    QList<ObjectLink> links;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    QList<int> viewRows;
    for (const QModelIndex &index : rows)
        viewRows << index.row();
    std::sort(viewRows.begin(), viewRows.end());
    for (int viewRow : std::as_const(viewRows))
        links << linkFor(m_filter->mapToSource(m_filter->index(viewRow, 0)).row());
    return links;
}

void PolicyListPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("namespace"))) {
        m_wantedNamespace = arguments.value(QStringLiteral("namespace")).toString();
        m_filter->setNamespaceFilter(m_wantedNamespace);
    }
    if (arguments.contains(QStringLiteral("cluster"))) {
        m_wantedCluster = arguments.value(QStringLiteral("cluster")).toString();
        m_filter->setClusterFilter(m_wantedCluster);
    }
    if (arguments.contains(QStringLiteral("search")))
        m_search->setText(arguments.value(QStringLiteral("search")).toString());
    updateFacets();
    updateCount();
}

void PolicyListPage::newObject()
{
    if (!m_context.navigator)
        return;
    // A new object goes to the namespace and cluster the list is filtered to, if any.
    ObjectLink link {m_wantedCluster, QString(), md::policyKindInfo(m_kind).name, m_wantedNamespace,
                     QString()};
    if (!m_context.navigator->openObject(link)) {
        m_banner->setText(tr("No editor is available for %1 yet.").arg(link.kind));
        m_banner->show();
    }
}

void PolicyListPage::openSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_context.navigator)
        return;
    const ObjectLink link = linkFor(m_filter->mapToSource(current).row());
    if (!m_context.navigator->openObject(link)) {
        m_banner->setText(tr("No editor is available for %1 yet.").arg(link.kind));
        m_banner->show();
    }
}

void PolicyListPage::deleteSelected()
{
    const QList<ObjectLink> links = selectedObjects();
    if (links.isEmpty())
        return;
    confirmAndDelete(m_context, links, window());
}

void PolicyListPage::exportSelected()
{
    if (!m_table->selectionModel()->hasSelection())
        return;
    const QString kind = md::policyKindInfo(m_kind).name.toLower();
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export as YAML"), kind + QStringLiteral("s.yaml"),
                                       tr("YAML files (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    const qsizetype count = selectedObjects().size();
    m_banner->setText(tr("Exporting to %1…").arg(path));
    m_banner->show();
    md::onFinished(this, exportTo(path), [this, path, count](const QString &error) {
        if (!error.isEmpty())
            m_banner->setText(error);
        else if (count == 1)
            m_banner->setText(tr("Exported 1 object to %1.").arg(path));
        else
            m_banner->setText(tr("Exported %1 objects to %2.").arg(count).arg(path));
        m_banner->show();
    });
}

QFuture<QString> PolicyListPage::exportTo(const QString &path)
{
    QList<md::ExportObject> objects;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    QList<int> viewRows;
    for (const QModelIndex &index : rows)
        viewRows << index.row();
    std::sort(viewRows.begin(), viewRows.end());
    for (int viewRow : std::as_const(viewRows)) {
        const md::PolicyRow &row
            = m_model->rowAt(m_filter->mapToSource(m_filter->index(viewRow, 0)).row());
        objects << md::ExportObject {row.apiVersion, md::policyKindInfo(m_kind).name, row.object};
    }
    // Converting and writing thousands of objects is no work for the GUI thread.
    return QtConcurrent::run([objects = std::move(objects), path]() -> QString {
        const auto yaml = md::exportPoliciesYaml(objects);
        if (!yaml)
            return tr("Could not export: %1").arg(yaml.error().toString());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*yaml) != yaml->size() || !file.commit())
            return tr("Could not write %1: %2").arg(path, file.errorString());
        return {};
    });
}

void PolicyListPage::updateFacets()
{
    auto fill
        = [](QComboBox *combo, const QString &all, QStringList values, const QString &wanted) {
              if (!wanted.isEmpty() && !values.contains(wanted)) {
                  values << wanted; // asked for before its objects arrived
                  values.sort();
              }
              combo->blockSignals(true);
              combo->clear();
              combo->addItem(all, QString());
              for (const QString &value : std::as_const(values))
                  combo->addItem(value, value);
              combo->setCurrentIndex(std::max(0, combo->findData(wanted)));
              combo->blockSignals(false);
          };
    fill(m_namespaces, tr("All namespaces"), m_model->namespaces(), m_wantedNamespace);
    QStringList clusters = m_model->clusters();
    if (m_context.mesh) {
        if (const auto mesh = m_context.mesh->mesh()) {
            for (const QString &cluster : mesh->clusters()) {
                if (!clusters.contains(cluster))
                    clusters << cluster;
            }
            clusters.sort();
        }
    }
    fill(m_clusters, tr("All clusters"), clusters, m_wantedCluster);
}

void PolicyListPage::updateActions()
{
    const bool selected = m_table->selectionModel()->hasSelection();
    m_open->setEnabled(m_table->currentIndex().isValid() && selected);
    m_delete->setEnabled(selected);
    m_export->setEnabled(selected);
    m_new->setEnabled(m_context.navigator != nullptr);
}

void PolicyListPage::updateCount()
{
    const QString plural = md::policyKindPlural(m_kind);
    if (!isShowingTable()) {
        m_count->clear(); // the state says it
        return;
    }
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    m_count->setText(shown == total ? tr("%1 %2").arg(total).arg(plural)
                                    : tr("%1 of %2 %3").arg(shown).arg(total).arg(plural));
}

void PolicyListPage::updateState()
{
    const QString plural = md::policyKindPlural(m_kind);
    const std::optional<md::mesh::Mesh> mesh
        = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    const QStringList clusters = mesh ? mesh->clusters() : QStringList();

    // Disconnected clusters: their rows are what was cached last.
    QStringList problems;
    if (m_context.connections) {
        for (const QString &cluster : clusters) {
            const md::mesh::ClusterHealth health = m_context.connections->health(cluster);
            if (health.isUp() || health.state == md::mesh::ClusterHealth::State::Connecting)
                continue;
            QString line = tr("Cluster %1: %2").arg(cluster, md::mesh::stateText(health.state));
            if (health.lastError)
                line += QStringLiteral(": ") + health.lastError->summary();
            problems << line;
        }
    }
    if (!problems.isEmpty()) {
        m_banner->setText(problems.join(QLatin1Char('\n')) + QLatin1Char('\n')
                          + tr("%1 from these clusters are missing or may be stale.").arg(plural));
        QPalette palette = m_banner->palette();
        palette.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xc8));
        palette.setColor(QPalette::WindowText, QColor(0x5c, 0x3c, 0x00));
        m_banner->setPalette(palette);
        m_banner->show();
    } else if (m_banner->isVisible() && m_banner->text().contains(QLatin1Char('\n'))) {
        m_banner->hide(); // the clusters are back
    }

    QString title, message;
    bool offerNew = false;
    if (m_model->rowCount() > 0) {
        // the table
    } else if (!mesh) {
        title = tr("No mesh selected");
        message = tr("Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to "
                     "list its %1.")
                      .arg(plural);
    } else if (m_context.mesh && (!m_context.mesh->cache()->isSynced() || m_model->isUpdating())) {
        int connected = 0;
        for (const QString &cluster : clusters) {
            if (m_context.connections && m_context.connections->health(cluster).isUp())
                ++connected;
        }
        title = tr("Loading %1…").arg(plural);
        if (connected == 0 && !clusters.isEmpty())
            message = tr("Connecting to the clusters of mesh %1: %2…")
                          .arg(mesh->name, clusters.join(QStringLiteral(", ")));
        else if (connected == 1)
            message = tr("Loading from 1 cluster…");
        else
            message = tr("Loading from %1 clusters…").arg(connected);
    } else {
        title = tr("No %1 in mesh %2").arg(plural, mesh->name);
        message = tr("Looked in every cluster of the mesh: %1.")
                      .arg(clusters.join(QStringLiteral(", ")));
        offerNew = true;
    }
    m_stateTitle->setText(title);
    m_stateMessage->setText(message);
    m_stateNew->setVisible(offerNew && m_context.navigator);
    m_stack->setCurrentWidget(title.isEmpty() ? static_cast<QWidget *>(m_table) : m_state);
    updateCount();
}

QString PolicyListPage::stateText() const
{
    if (isShowingTable())
        return {};
    return m_stateTitle->text() + QLatin1Char('\n') + m_stateMessage->text();
}

bool PolicyListPage::isShowingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void PolicyListPage::retranslate()
{
    const QString kind = md::policyKindInfo(m_kind).name;
    m_new->setText(tr("New %1…").arg(kind));
    m_new->setToolTip(
        tr("Create a %1 (%2)").arg(kind, m_new->shortcut().toString(QKeySequence::NativeText)));
    m_open->setText(tr("Open"));
    m_open->setToolTip(tr("Open the selected object in the editor (Enter or double-click)"));
    m_delete->setText(tr("Delete…"));
    m_delete->setToolTip(tr("Delete the selected objects, after a confirmation (Del)"));
    m_export->setText(tr("Export YAML…"));
    m_export->setToolTip(tr("Save the selected objects as YAML, without server-set fields"));
    m_search->setPlaceholderText(tr("Search name, namespace, hosts, tags (Ctrl+F)"));
    m_stateNew->setText(tr("New %1…").arg(kind));
    updateFacets();
    updateState();
}

void PolicyListPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void registerPolicyPages(PageRegistry &registry)
{
    for (const md::PolicyKindInfo &info : md::policyKinds()) {
        registry.addPage(info.pageId,
                         [kind = info.kind](const PageContext &context, QWidget *parent) {
                             return new PolicyListPage(kind, context, parent);
                         });
    }
}

} // namespace md::ui

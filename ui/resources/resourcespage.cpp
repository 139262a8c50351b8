#include "resources/resourcespage.h"

#include "apply/applytypes.h"
#include "editors/deleteflow.h"
#include "editors/editorsession.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "resources/kindtreemodel.h"
#include "resources/metadatadialog.h"
#include "resources/resourcetablemodel.h"
#include "resources/resourcetemplates.h"
#include "shell/pageregistry.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace md::ui {

using md::resources::KindTreeModel;
using md::resources::ResourceTableModel;

namespace {

EditorSession *sessionFor(const PageContext &context, QWidget *page)
{
    EditorSession *session = EditorSession::of(context);
    if (session && !session->mainWindow())
        session->setMainWindow(page->window());
    return session;
}

} // namespace

ResourcesPage::ResourcesPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_kinds(new KindTreeModel(this))
    , m_model(new ResourceTableModel(this))
    , m_filter(new md::resources::ResourceFilterModel(this))
    , m_tree(new QTreeView(this))
    , m_toolBar(new QToolBar(this))
    , m_namespaces(new QComboBox(this))
    , m_clusters(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_banner(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_state(new QLabel(this))
    , m_kindsTitle(new QLabel(this))
    , m_ageTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("page:config.resources"));
    m_filter->setSourceModel(m_model);

    // Left: the kinds.
    m_tree->setObjectName(QStringLiteral("kindTree"));
    m_tree->setModel(m_kinds);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(KindTreeModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(KindTreeModel::CountColumn,
                                           QHeaderView::ResizeToContents);
    m_kindsTitle->setObjectName(QStringLiteral("allKinds"));
    m_kindsTitle->setContentsMargins(6, 6, 6, 4);
    m_kindsTitle->setTextFormat(Qt::RichText);
    connect(m_kindsTitle, &QLabel::linkActivated, this, [this] { selectKind({}, {}); });
    auto left = new QWidget(this);
    auto leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    leftLayout->addWidget(m_kindsTitle);
    leftLayout->addWidget(m_tree, 1);

    // Right: the toolbar and the objects.
    m_new = m_toolBar->addAction(QString(), this, [this] { newObject(); });
    m_new->setObjectName(QStringLiteral("newAction"));
    m_new->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_newMenu = new QMenu(this);
    m_newMenu->setObjectName(QStringLiteral("newMenu"));
    m_new->setMenu(m_newMenu);
    if (auto button = qobject_cast<QToolButton *>(m_toolBar->widgetForAction(m_new)))
        button->setPopupMode(QToolButton::MenuButtonPopup);
    m_open = m_toolBar->addAction(QString(), this, &ResourcesPage::openSelected);
    m_open->setObjectName(QStringLiteral("openAction"));
    m_metadata = m_toolBar->addAction(QString(), this, &ResourcesPage::editMetadata);
    m_metadata->setObjectName(QStringLiteral("metadataAction"));
    m_delete = m_toolBar->addAction(QString(), this, &ResourcesPage::deleteSelected);
    m_delete->setObjectName(QStringLiteral("deleteAction"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_toolBar->addSeparator();
    m_namespaces->setObjectName(QStringLiteral("namespaceFilter"));
    m_clusters->setObjectName(QStringLiteral("clusterFilter"));
    for (QComboBox *combo : {m_namespaces, m_clusters}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        combo->setMinimumContentsLength(14);
        m_toolBar->addWidget(combo);
    }
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(200);
    m_toolBar->addWidget(m_search);
    auto spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setContentsMargins(8, 0, 8, 0);
    m_toolBar->addWidget(m_count);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    for (QAction *action : {m_new, m_open, m_metadata, m_delete, find})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addActions({m_new, m_open, m_metadata, m_delete, find});

    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->hide();

    m_table->setObjectName(QStringLiteral("resourceTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ResourceTableModel::NameColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    const int widths[] = {240, 120, 160, 150, 130, 60};
    for (int column = 0; column < ResourceTableModel::NUM_COLUMNS; ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_table->horizontalHeader()->setSectionResizeMode(ResourceTableModel::NameColumn,
                                                      QHeaderView::Stretch);
    m_state->setObjectName(QStringLiteral("resourceState"));
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setWordWrap(true);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_state);

    auto right = new QWidget(this);
    auto rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_toolBar);
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(m_stack, 1);

    auto splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({280, 1000});
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid())
                    return;
                m_group = current.data(KindTreeModel::GroupRole).toString();
                m_kind = current.data(KindTreeModel::KindRole).toString();
                m_filter->setKind(m_group, m_kind);
                retranslate();
            });
    connect(m_kinds, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandAll();
        if (const QModelIndex at = m_kinds->indexOf(m_group, m_kind); at.isValid())
            m_tree->setCurrentIndex(at);
    });
    connect(m_table, &QTableView::activated, this, &ResourcesPage::openSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResourcesPage::updateActions);
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
    connect(m_model, &ResourceTableModel::updated, this, [this] {
        updateKinds();
        updateFacets();
        updateState();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &ResourcesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &ResourcesPage::updateCount);
    m_ageTimer->setInterval(30000);
    connect(m_ageTimer, &QTimer::timeout, m_table->viewport(), qOverload<>(&QWidget::update));
    m_ageTimer->start();
    if (m_context.mesh) {
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this,
                &ResourcesPage::updateState);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                &ResourcesPage::updateState);
    }
    m_model->setMesh(m_context.mesh);
    retranslate();
    updateActions();
    updateState();
}

ResourcesPage::~ResourcesPage() = default;

void ResourcesPage::selectKind(const QString &group, const QString &kind)
{
    m_group = group;
    m_kind = kind;
    const QModelIndex at = m_kinds->indexOf(group, kind);
    if (at.isValid()) {
        m_tree->setCurrentIndex(at);
    } else {
        m_tree->selectionModel()->clearSelection();
        m_tree->setCurrentIndex({});
        if (!group.isEmpty() && !kind.isEmpty()) {
            m_group = group; // kept until the kind appears
            m_kind = kind;
        }
        m_filter->setKind(m_group, m_kind);
        retranslate();
    }
}

ObjectLink ResourcesPage::linkFor(int sourceRow) const
{
    const md::resources::ResourceRow &row = m_model->rowAt(sourceRow);
    return ObjectLink {row.context, row.resource.groupVersion(), row.resource.kind, row.namespace_,
                       row.name};
}

QList<ObjectLink> ResourcesPage::selectedObjects() const
{
    QList<int> viewRows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        viewRows << index.row();
    std::sort(viewRows.begin(), viewRows.end());
    QList<ObjectLink> links;
    for (int viewRow : std::as_const(viewRows))
        links << linkFor(m_filter->mapToSource(m_filter->index(viewRow, 0)).row());
    return links;
}

void ResourcesPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("kind")) || arguments.contains(QStringLiteral("group")))
        selectKind(arguments.value(QStringLiteral("group")).toString(),
                   arguments.value(QStringLiteral("kind")).toString());
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

void ResourcesPage::newObject(const QString &group, const QString &kind)
{
    const QString g = kind.isEmpty() ? m_group : group;
    const QString k = kind.isEmpty() ? m_kind : kind;
    if (k.isEmpty()) {
        // No kind picked: offer them all.
        QWidget *button = m_toolBar->widgetForAction(m_new);
        m_newMenu->popup(button ? button->mapToGlobal(QPoint(0, button->height()))
                                : QCursor::pos());
        return;
    }
    EditorSession *session = sessionFor(m_context, this);
    if (!session)
        return;
    const md::resources::KindInfo *info = m_kinds->kind(g, k);
    // Into the cluster and namespace the table is filtered to, else the mesh's target.
    QString context = m_wantedCluster;
    if (context.isEmpty())
        context = session->target();
    if (info && !info->clusters.isEmpty() && !info->clusters.contains(context))
        context = info->clusters.first();
    const QString ns = m_wantedNamespace.isEmpty() ? QStringLiteral("default") : m_wantedNamespace;
    EditorDocument document = EditorDocument::forNew(k, ns, context, session->meshName());
    document.text = md::resources::resourceTemplate(info ? info->apiVersion : QString(), k, ns);
    document.cleanText = document.text;
    session->openDocument(document);
}

void ResourcesPage::openSelected()
{
    const QModelIndex current = m_table->currentIndex();
    EditorSession *session = sessionFor(m_context, this);
    if (!current.isValid() || !session)
        return;
    const ObjectLink link = linkFor(m_filter->mapToSource(current).row());
    if (EditorSession::isIstioKind(link.kind) && session->openObject(link))
        return;
    // A kind the policy editors do not know (from another CRD): its YAML as cached.
    const md::istio::Value cached = session->cachedObject(link);
    if (cached.isNull()) {
        m_banner->setText(tr("%1 %2/%3 is no longer in %4.")
                              .arg(link.kind, link.namespace_, link.name, link.context));
        m_banner->show();
        return;
    }
    session->openDocument(EditorDocument::forObject(cached, link.context, session->meshName()));
}

void ResourcesPage::editMetadata()
{
    const QModelIndex current = m_table->currentIndex();
    EditorSession *session = sessionFor(m_context, this);
    if (!current.isValid() || !session)
        return;
    const ObjectLink link = linkFor(m_filter->mapToSource(current).row());
    const md::istio::Value base = session->cachedObject(link);
    if (base.isNull()) {
        m_banner->setText(tr("%1 %2/%3 is no longer in %4.")
                              .arg(link.kind, link.namespace_, link.name, link.context));
        m_banner->show();
        return;
    }
    auto dialog = new MetadataDialog(base, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    QPointer<ResourcesPage> page(this);
    connect(dialog, &QDialog::accepted, this, [page, dialog, base, link, session] {
        if (!page)
            return;
        session->reviewObjects({md::apply::ApplyItem::update(base, dialog->editedObject())},
                               page->window(), link.context);
    });
    dialog->show();
}

void ResourcesPage::deleteSelected()
{
    const QList<ObjectLink> links = selectedObjects();
    if (!links.isEmpty())
        confirmAndDelete(m_context, links, window());
}

void ResourcesPage::updateKinds()
{
    QList<md::resources::KindInfo> kinds;
    if (m_context.mesh && m_context.mesh->cache()) {
        const md::mesh::MeshCache *cache = m_context.mesh->cache();
        const QHash<QString, int> counts = m_model->kindCounts();
        for (const QString &context : cache->clusters()) {
            for (const md::kube::ResourceRef &ref : cache->resources(context)) {
                if (!md::mesh::MeshCache::isIstioGroup(ref.group))
                    continue;
                auto it = std::find_if(kinds.begin(), kinds.end(), [&](const auto &k) {
                    return k.group == ref.group && k.kind == ref.kind;
                });
                if (it == kinds.end()) {
                    md::resources::KindInfo info;
                    info.group = ref.group;
                    info.kind = ref.kind;
                    info.apiVersion = ref.groupVersion();
                    info.count = counts.value(ref.group + QLatin1Char('/') + ref.kind);
                    kinds.append(info);
                    it = kinds.end() - 1;
                }
                if (!it->clusters.contains(context))
                    it->clusters.append(context);
            }
        }
    }
    m_kinds->setKinds(kinds);
    int total = 0;
    for (const auto &info : m_kinds->kinds())
        total += info.count;
    m_kindsTitle->setText(QStringLiteral("<a href=\"all\">%1</a>")
                              .arg(tr("All Istio resources (%1)").arg(total).toHtmlEscaped()));

    // The New menu: every kind served, by group.
    m_newMenu->clear();
    QString group;
    for (const auto &info : m_kinds->kinds()) {
        if (info.group != group) {
            group = info.group;
            m_newMenu->addSection(group);
        }
        QAction *action = m_newMenu->addAction(tr("New %1…").arg(info.kind));
        action->setObjectName(QStringLiteral("new:") + info.kind);
        connect(action, &QAction::triggered, this,
                [this, g = info.group, k = info.kind] { newObject(g, k); });
    }
}

void ResourcesPage::updateFacets()
{
    auto fill
        = [](QComboBox *combo, const QString &all, QStringList values, const QString &wanted) {
              if (!wanted.isEmpty() && !values.contains(wanted)) {
                  values << wanted;
                  values.sort();
              }
              const QSignalBlocker blocker(combo);
              combo->clear();
              combo->addItem(all, QString());
              for (const QString &value : std::as_const(values))
                  combo->addItem(value, value);
              combo->setCurrentIndex(std::max(0, combo->findData(wanted)));
          };
    fill(m_namespaces, tr("All namespaces"), m_model->namespaces(), m_wantedNamespace);
    QStringList clusters = m_model->clusters();
    if (m_context.mesh && m_context.mesh->cache()) {
        for (const QString &cluster : m_context.mesh->cache()->clusters()) {
            if (!clusters.contains(cluster))
                clusters << cluster;
        }
        clusters.sort();
    }
    fill(m_clusters, tr("All clusters"), clusters, m_wantedCluster);
}

void ResourcesPage::updateActions()
{
    const bool selected = m_table->selectionModel()->hasSelection();
    const bool current = selected && m_table->currentIndex().isValid();
    m_open->setEnabled(current);
    m_metadata->setEnabled(current);
    m_delete->setEnabled(selected);
    m_new->setEnabled(m_context.navigator != nullptr);
}

void ResourcesPage::updateCount()
{
    if (!isShowingTable()) {
        m_count->clear();
        return;
    }
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    m_count->setText(shown == total ? tr("%n object(s)", nullptr, total)
                                    : tr("%1 of %n object(s)", nullptr, total).arg(shown));
}

void ResourcesPage::updateState()
{
    const std::optional<md::mesh::Mesh> mesh
        = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    QString state;
    if (m_model->rowCount() > 0) {
        // the table
    } else if (!mesh) {
        state = tr("No mesh selected.\nPick a mesh in the toolbar to browse its Istio "
                   "resources.");
    } else if (!m_context.mesh->cache()->isSynced() || m_model->isUpdating()) {
        state = tr("Loading the Istio resources of mesh %1…").arg(mesh->name);
    } else {
        state = tr("No Istio resources in mesh %1.\nLooked in every cluster of the mesh: %2.")
                    .arg(mesh->name, mesh->clusters().join(QStringLiteral(", ")));
    }
    m_state->setText(state);
    m_stack->setCurrentWidget(state.isEmpty() ? static_cast<QWidget *>(m_table) : m_state);
    updateCount();
}

QString ResourcesPage::stateText() const
{
    return isShowingTable() ? QString() : m_state->text();
}

bool ResourcesPage::isShowingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void ResourcesPage::retranslate()
{
    m_new->setText(m_kind.isEmpty() ? tr("New…") : tr("New %1…").arg(m_kind));
    m_new->setToolTip(m_kind.isEmpty() ? tr("Create an Istio object from a template")
                                       : tr("Create a %1 from a template").arg(m_kind));
    m_open->setText(tr("Open"));
    m_open->setToolTip(tr("Open the selected object in the YAML editor (Enter or double-click)"));
    m_metadata->setText(tr("Labels…"));
    m_metadata->setToolTip(tr("Edit the labels and annotations of the selected object"));
    m_delete->setText(tr("Delete…"));
    m_delete->setToolTip(tr("Delete the selected objects, after a confirmation (Del)"));
    m_search->setPlaceholderText(tr("Search name, namespace, kind (Ctrl+F)"));
    updateKinds();
    updateFacets();
    updateState();
}

void ResourcesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void registerResourcePages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("config.resources"),
                     [](const PageContext &context, QWidget *parent) {
                         return new ResourcesPage(context, parent);
                     });
}

} // namespace md::ui

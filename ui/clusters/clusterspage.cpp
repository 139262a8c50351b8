#include "clusters/clusterspage.h"
#include "shell/pageregistry.h"

#include "clusters/addclusterdialog.h"
#include "clusters/statedelegate.h"
#include "items/clustermodel.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "meshes/meshdialog.h"
#include "shell/emptystatepage.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace md::ui {

ClustersPage::ClustersPage(md::mesh::ConnectionManager *manager, md::mesh::MeshRegistry *registry,
                           QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_registry(registry)
    , m_model(new md::ClusterModel(manager, this))
    , m_toolBar(new QToolBar(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_empty(new EmptyStatePage(QStringLiteral("clusters"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("page:clusters"));
    m_add = m_toolBar->addAction(QString(), this, &ClustersPage::addClusters);
    m_add->setObjectName(QStringLiteral("addClusterAction"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_add->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove = m_toolBar->addAction(QString(), this, &ClustersPage::removeSelected);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_reconnect = m_toolBar->addAction(QString(), this, &ClustersPage::reconnectSelected);
    m_reconnect->setShortcut(QKeySequence::Refresh);
    m_reconnect->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_toolBar->addSeparator();
    m_newMesh = m_toolBar->addAction(QString(), this, &ClustersPage::newMesh);
    m_newMesh->setObjectName(QStringLiteral("newMeshAction"));
    m_newMesh->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_newMesh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_editMesh = m_toolBar->addAction(QString(), this, &ClustersPage::editMesh);
    m_editMesh->setObjectName(QStringLiteral("editMeshAction"));
    m_editMesh->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_editMesh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // The shortcuts work wherever the focus is on this page (the table included).
    QWidget::addActions({m_add, m_remove, m_reconnect, m_newMesh, m_editMesh});

    m_table->setObjectName(QStringLiteral("clusterTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(md::ClusterModel::StateColumn, new StateDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(md::ClusterModel::NameColumn, 200);
    m_table->setColumnWidth(md::ClusterModel::StateColumn, 260);
    m_table->setColumnWidth(md::ClusterModel::KubernetesColumn, 150);

    m_error->setObjectName(QStringLiteral("clustersError"));
    m_error->setWordWrap(true);
    m_error->hide();

    m_proposalBar = new QFrame(this);
    m_proposalBar->setObjectName(QStringLiteral("meshProposal"));
    m_proposalBar->setFrameShape(QFrame::StyledPanel);
    m_proposalText = new QLabel(m_proposalBar);
    m_proposalText->setWordWrap(true);
    m_keepMesh = new QPushButton(m_proposalBar);
    auto barLayout = new QHBoxLayout(m_proposalBar);
    barLayout->addWidget(m_proposalText, 1);
    barLayout->addWidget(m_keepMesh);
    m_proposalBar->hide();
    connect(m_keepMesh, &QPushButton::clicked, this, &ClustersPage::keepProposedMesh);
    if (m_registry) {
        connect(m_registry, &md::mesh::MeshRegistry::proposalsChanged, this,
                &ClustersPage::updateProposal);
        connect(m_registry, &md::mesh::MeshRegistry::currentMeshChanged, this,
                &ClustersPage::updateMeshActions);
    }

    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_error);
    layout->addWidget(m_proposalBar);
    layout->addWidget(m_stack);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ClustersPage::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ClustersPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ClustersPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClustersPage::updateActions);
    retranslate();
    updateActions();
    updateMeshActions();
}

QStringList ClustersPage::selectedContexts() const
{
    QStringList contexts;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        contexts << m_model->contextAt(row.row());
    return contexts;
}

void ClustersPage::updateActions()
{
    const bool any = m_model->rowCount() > 0;
    m_stack->setCurrentWidget(any ? static_cast<QWidget *>(m_table) : m_empty);
    const bool selected = !selectedContexts().isEmpty();
    m_remove->setEnabled(selected);
    m_reconnect->setEnabled(selected);
}

void ClustersPage::updateMeshActions()
{
    m_newMesh->setEnabled(m_registry != nullptr);
    m_editMesh->setEnabled(m_registry != nullptr && !m_registry->currentMesh().isEmpty());
}

void ClustersPage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ClustersPage::newMesh()
{
    if (!m_registry)
        return;
    MeshDialog dialog(m_registry, m_manager->kubeconfig().contexts.keys(), QString(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // A new mesh is the one the user works on next: select it (this connects its clusters).
    const auto selected = m_registry->selectMesh(dialog.mesh().name);
    showError(selected ? QString() : selected.error().toString());
}

void ClustersPage::editMesh()
{
    if (!m_registry || m_registry->currentMesh().isEmpty())
        return;
    MeshDialog dialog(m_registry, m_manager->kubeconfig().contexts.keys(),
                      m_registry->currentMesh(), this);
    dialog.exec();
}

void ClustersPage::addClusters()
{
    AddClusterDialog dialog(m_manager->kubeconfig(), m_manager->connectedContexts(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QStringList errors;
    for (const QString &context : dialog.selectedContexts()) {
        QString error;
        if (!m_manager->connectContext(context, &error))
            errors << tr("%1: %2").arg(context, error);
    }
    m_error->setText(errors.join(QLatin1Char('\n')));
    m_error->setVisible(!errors.isEmpty());
}

void ClustersPage::updateProposal()
{
    if (!m_registry || m_registry->proposals().isEmpty()) {
        m_proposalBar->hide();
        return;
    }
    const md::mesh::Mesh &m = m_registry->proposals().constFirst();
    m_proposalText->setText(
        tr("Istio mesh \"%1\" found on %2 (control plane %3). Keep it as a mesh to pick it "
           "from the toolbar and connect its clusters together next time.")
            .arg(m.name, m.clusters().join(QStringLiteral(", ")), m.controlPlane));
    m_proposalBar->show();
}

void ClustersPage::keepProposedMesh()
{
    if (!m_registry || m_registry->proposals().isEmpty())
        return;
    const md::mesh::Mesh m = m_registry->proposals().constFirst();
    auto saved = m_registry->save(m);
    if (saved)
        saved = m_registry->selectMesh(m.name);
    showError(saved ? QString() : saved.error().toString());
}

void ClustersPage::removeSelected()
{
    for (const QString &context : selectedContexts())
        m_manager->disconnectContext(context);
}

void ClustersPage::reconnectSelected()
{
    for (const QString &context : selectedContexts())
        m_manager->connectContext(context);
}

void ClustersPage::retranslate()
{
    m_add->setText(tr("Add Clusters…"));
    m_add->setToolTip(tr("Connect kubeconfig contexts as clusters of the mesh (%1)")
                          .arg(m_add->shortcut().toString(QKeySequence::NativeText)));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Disconnect the selected clusters (their objects stay untouched)"));
    m_reconnect->setText(tr("Reconnect"));
    m_reconnect->setToolTip(tr("Check the selected clusters again (%1)")
                                .arg(m_reconnect->shortcut().toString(QKeySequence::NativeText)));
    m_newMesh->setText(tr("New Mesh…"));
    m_newMesh->setToolTip(tr("Keep a new mesh: its clusters, Istio root namespace and "
                             "Prometheus (%1)")
                              .arg(m_newMesh->shortcut().toString(QKeySequence::NativeText)));
    m_editMesh->setText(tr("Edit Mesh…"));
    m_editMesh->setToolTip(tr("Settings of the mesh picked in the toolbar (%1)")
                               .arg(m_editMesh->shortcut().toString(QKeySequence::NativeText)));
    m_toolBar->setWindowTitle(tr("Cluster actions"));
    m_keepMesh->setText(tr("Keep as Mesh"));
    updateProposal();
    m_model->retranslate();
}

void ClustersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void registerClusterPages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("clusters"), [](const PageContext &context, QWidget *parent) {
        auto page = new ClustersPage(context.connections, context.registry, parent);
        if (context.mesh)
            page->model()->setMeshCache(context.mesh->cache());
        return page;
    });
}

} // namespace md::ui

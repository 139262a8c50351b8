#include "gateways/gatewayspage.h"

#include "editors/editorsession.h"
#include "gateways/gatewaydelete.h"
#include "gateways/gatewaydialog.h"
#include "gateways/gatewaymodel.h"
#include "gateways/gatewayspec.h"
#include "gateways/statusdot.h"
#include "gateways/tablefilter.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "shell/pageregistry.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace md::ui {

using md::gateways::GatewayModel;
using md::gateways::GatewayRow;

namespace {

QColor statusColor(int status)
{
    switch (GatewayRow::Status(status)) {
    case GatewayRow::Status::Running:
        return statuscolors::good();
    case GatewayRow::Status::Creating:
    case GatewayRow::Status::Updating:
    case GatewayRow::Status::Deleting:
        return statuscolors::busy();
    case GatewayRow::Status::Error:
        return statuscolors::bad();
    case GatewayRow::Status::Stopped:
        return statuscolors::idle();
    }
    return {};
}

int defaultWidth(int column)
{
    switch (column) {
    case GatewayModel::Name:
        return 170;
    case GatewayModel::Cluster:
        return 130;
    case GatewayModel::Namespace:
        return 110;
    case GatewayModel::Type:
        return 70;
    case GatewayModel::Replicas:
        return 60;
    case GatewayModel::Status:
        return 100;
    case GatewayModel::ServiceType:
        return 105;
    case GatewayModel::Ports:
        return 330;
    default:
        return 160;
    }
}

} // namespace

GatewaysPage::GatewaysPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new GatewayModel(this))
    , m_filter(new md::gateways::TableFilterModel(GatewayModel::ContextRole,
                                                  GatewayModel::NamespaceRole, this))
    , m_toolBar(new QToolBar(this))
    , m_scaleBox(new QSpinBox(this))
    , m_scaleLabel(new QLabel(this))
    , m_clusters(new QComboBox(this))
    , m_namespaces(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_banner(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_state(new QWidget(this))
    , m_stateTitle(new QLabel(m_state))
    , m_stateMessage(new QLabel(m_state))
    , m_stateNew(new QPushButton(m_state))
{
    setObjectName(QStringLiteral("page:gateways"));
    m_filter->setSourceModel(m_model);

    m_new = m_toolBar->addAction(QString(), this, &GatewaysPage::newGateway);
    m_new->setObjectName(QStringLiteral("newAction"));
    m_edit = m_toolBar->addAction(QString(), this, &GatewaysPage::editSelected);
    m_edit->setObjectName(QStringLiteral("editAction"));
    m_toolBar->addSeparator();
    m_scaleLabel->setContentsMargins(6, 0, 4, 0);
    m_toolBar->addWidget(m_scaleLabel);
    m_scaleBox->setObjectName(QStringLiteral("scaleBox"));
    m_scaleBox->setRange(0, 1000);
    m_toolBar->addWidget(m_scaleBox);
    m_scale = m_toolBar->addAction(QString(), this, &GatewaysPage::scaleSelected);
    m_scale->setObjectName(QStringLiteral("scaleAction"));
    m_toolBar->addSeparator();
    m_delete = m_toolBar->addAction(QString(), this, &GatewaysPage::deleteSelected);
    m_delete->setObjectName(QStringLiteral("deleteAction"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(m_delete);
    m_toolBar->addSeparator();
    m_clusters->setObjectName(QStringLiteral("clusterFilter"));
    m_clusters->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_clusters->setMinimumContentsLength(11);
    m_namespaces->setObjectName(QStringLiteral("namespaceFilter"));
    m_namespaces->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_namespaces->setMinimumContentsLength(11);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(170);
    m_toolBar->addWidget(m_clusters);
    m_toolBar->addWidget(m_namespaces);
    m_toolBar->addWidget(m_search);
    auto spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setContentsMargins(8, 0, 8, 0);
    m_toolBar->addWidget(m_count);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->setAutoFillBackground(true);
    QPalette palette = m_banner->palette();
    palette.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xc8));
    palette.setColor(QPalette::WindowText, QColor(0x5c, 0x3c, 0x00));
    m_banner->setPalette(palette);
    m_banner->hide();

    m_table->setObjectName(QStringLiteral("gatewayTable"));
    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(
        GatewayModel::Status,
        new StatusDotDelegate(GatewayModel::StatusRole, statusColor, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(GatewayModel::Name, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    for (int column = 0; column < GatewayModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, defaultWidth(column));
    m_table->horizontalHeader()->setStretchLastSection(true);

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
    connect(m_stateNew, &QPushButton::clicked, this, &GatewaysPage::newGateway);
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

    connect(m_table, &QTableView::activated, this, &GatewaysPage::editSelected);
    // The spin box shows the selected gateway's replicas when another one is selected.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const GatewayRow *row = currentRow();
        const QString key = row ? row->key() : QString();
        if (row && key != m_scaleKey)
            m_scaleBox->setValue(row->desired);
        m_scaleKey = key;
        updateActions();
    });
    connect(m_scaleBox, &QSpinBox::valueChanged, this, &GatewaysPage::updateActions);
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
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateCount();
    });
    connect(m_model, &GatewayModel::updated, this, [this] {
        updateFacets();
        updateState();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        // The selected row's replicas follow a scale made elsewhere, unless being edited.
        if (const GatewayRow *row = currentRow(); row && !m_scaleBox->hasFocus())
            m_scaleBox->setValue(row->desired);
    });

    if (m_context.mesh) {
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this,
                &GatewaysPage::updateState);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                &GatewaysPage::updateState);
        m_model->setMesh(m_context.mesh);
    }
    if (m_context.connections)
        connect(m_context.connections, &md::mesh::ConnectionManager::healthChanged, this,
                &GatewaysPage::updateState);

    retranslate();
}

GatewaysPage::~GatewaysPage() = default;

const GatewayRow *GatewaysPage::currentRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const QModelIndex source = m_filter->mapToSource(rows.first());
    return source.isValid() ? &m_model->rowAt(source.row()) : nullptr;
}

bool GatewaysPage::isManaged() const
{
    const auto mesh = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    return !mesh || mesh->type != md::mesh::Mesh::Type::External;
}

bool GatewaysPage::selectGateway(const QString &context, const QString &ns, const QString &name)
{
    const int source = m_model->rowOfKey(context + QLatin1Char('|') + ns + QLatin1Char('/') + name);
    if (source < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(source, 0));
    if (!index.isValid())
        return false;
    m_table->setCurrentIndex(index);
    m_table->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void GatewaysPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("cluster"))) {
        m_wantedCluster = arguments.value(QStringLiteral("cluster")).toString();
        m_filter->setClusterFilter(m_wantedCluster);
    }
    if (arguments.contains(QStringLiteral("namespace"))) {
        m_wantedNamespace = arguments.value(QStringLiteral("namespace")).toString();
        m_filter->setNamespaceFilter(m_wantedNamespace);
    }
    if (arguments.contains(QStringLiteral("search")))
        m_search->setText(arguments.value(QStringLiteral("search")).toString());
    updateFacets();
    updateCount();
}

QHash<QString, QStringList> GatewaysPage::namespacesByCluster() const
{
    QHash<QString, QStringList> out;
    if (!m_context.mesh)
        return out;
    md::mesh::MeshCache *cache = m_context.mesh->cache();
    for (const QString &cluster : cache->clusters()) {
        QStringList names;
        for (const auto &item : cache->items(cluster, QString(), QStringLiteral("Namespace")))
            names << item.object.name();
        names.sort();
        out.insert(cluster, names);
    }
    return out;
}

void GatewaysPage::newGateway()
{
    if (!isManaged() || !m_context.mesh)
        return;
    const auto mesh = m_context.mesh->mesh();
    const QStringList clusters = mesh ? mesh->clusters() : QStringList();
    auto dialog = new GatewayDialog(GatewayDialog::Mode::Create, clusters, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto namespaces = namespacesByCluster();
    dialog->setNamespaces(namespaces);
    if (!m_wantedCluster.isEmpty())
        dialog->clusterCombo()->setCurrentText(m_wantedCluster);
    connect(dialog, &QDialog::accepted, this, [this, dialog, namespaces] {
        const md::gateways::GatewayForm form = dialog->form();
        auto objects = md::gateways::buildGateway(form);
        if (!objects) {
            m_banner->setText(objects.error().toString());
            m_banner->show();
            return;
        }
        QList<md::apply::ApplyItem> items;
        if (!namespaces.value(form.context).contains(form.namespace_)) {
            // The namespace is new: it comes first in the same review.
            md::istio::Value ns = md::istio::Value::object();
            ns.insert(QStringLiteral("apiVersion"), md::istio::Value(QStringLiteral("v1")));
            ns.insert(QStringLiteral("kind"), md::istio::Value(QStringLiteral("Namespace")));
            md::istio::Value meta = md::istio::Value::object();
            meta.insert(QStringLiteral("name"), md::istio::Value(form.namespace_));
            ns.insert(QStringLiteral("metadata"), meta);
            items << md::apply::ApplyItem::create(ns);
        }
        for (const md::istio::Value &object : objects->all())
            items << md::apply::ApplyItem::create(object);
        EditorSession::of(m_context)->reviewObjects(items, window(), form.context);
    });
    dialog->open();
}

void GatewaysPage::editSelected()
{
    const GatewayRow *row = currentRow();
    if (!row || !isManaged() || !m_context.mesh)
        return;
    md::mesh::MeshCache *cache = m_context.mesh->cache();
    const auto deployment = cache->object(row->context, QStringLiteral("apps"),
                                          QStringLiteral("Deployment"), row->namespace_, row->name);
    if (!deployment) {
        m_banner->setText(tr("Deployment %1/%2 is no longer in cluster %3.")
                              .arg(row->namespace_, row->name, row->context));
        m_banner->show();
        return;
    }
    md::istio::Value service;
    if (!row->serviceName.isEmpty()) {
        if (const auto s = cache->object(row->context, QString(), QStringLiteral("Service"),
                                         row->namespace_, row->serviceName))
            service = md::gateways::valueOf(s->toJson(), QStringLiteral("v1"),
                                            QStringLiteral("Service"));
    }
    const md::istio::Value live = md::gateways::valueOf(
        deployment->toJson(), QStringLiteral("apps/v1"), QStringLiteral("Deployment"));
    auto dialog = new GatewayDialog(GatewayDialog::Mode::Edit, {row->context}, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setForm(md::gateways::formFromLive(row->context, live, service));
    const QString context = row->context;
    connect(dialog, &QDialog::accepted, this, [this, dialog, live, service, context] {
        auto edited = md::gateways::editGateway(dialog->form(), live, service);
        if (!edited) {
            m_banner->setText(edited.error().toString());
            m_banner->show();
            return;
        }
        QList<md::apply::ApplyItem> items;
        if (edited->first != live)
            items << md::apply::ApplyItem::update(live, edited->first);
        if (!service.isNull() && edited->second != service)
            items << md::apply::ApplyItem::update(service, edited->second);
        if (items.isEmpty()) {
            m_banner->setText(tr("Nothing was changed."));
            m_banner->show();
            return;
        }
        EditorSession::of(m_context)->reviewObjects(items, window(), context);
    });
    dialog->open();
}

void GatewaysPage::scaleSelected()
{
    const GatewayRow *row = currentRow();
    if (!row || !isManaged() || !m_context.mesh)
        return;
    const auto deployment
        = m_context.mesh->cache()->object(row->context, QStringLiteral("apps"),
                                          QStringLiteral("Deployment"), row->namespace_, row->name);
    if (!deployment)
        return;
    const md::istio::Value live = md::gateways::valueOf(
        deployment->toJson(), QStringLiteral("apps/v1"), QStringLiteral("Deployment"));
    EditorSession::of(m_context)->reviewObjects(
        {md::apply::ApplyItem::update(live,
                                      md::gateways::scaledDeployment(live, m_scaleBox->value()))},
        window(), row->context);
}

void GatewaysPage::deleteSelected()
{
    const GatewayRow *row = currentRow();
    if (!row || !isManaged() || !m_context.mesh)
        return;
    confirmGatewayDelete(m_context, *row, window());
}

void GatewaysPage::updateFacets()
{
    auto fill
        = [](QComboBox *combo, const QString &all, QStringList values, const QString &wanted) {
              if (!wanted.isEmpty() && !values.contains(wanted)) {
                  values << wanted;
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
    QStringList clusters = m_model->clusters();
    if (const auto mesh = m_context.mesh ? m_context.mesh->mesh() : std::nullopt) {
        for (const QString &cluster : mesh->clusters()) {
            if (!clusters.contains(cluster))
                clusters << cluster;
        }
        clusters.sort();
    }
    fill(m_clusters, tr("All clusters"), clusters, m_wantedCluster);
    fill(m_namespaces, tr("All namespaces"), m_model->namespaces(), m_wantedNamespace);
}

void GatewaysPage::updateActions()
{
    const bool managed = isManaged() && m_context.mesh && m_context.mesh->mesh();
    const GatewayRow *row = currentRow();
    m_new->setEnabled(managed);
    m_edit->setEnabled(managed && row);
    m_delete->setEnabled(managed && row && row->status != GatewayRow::Status::Deleting);
    m_scaleBox->setEnabled(managed && row);
    m_scale->setEnabled(managed && row && m_scaleBox->value() != row->desired);
}

void GatewaysPage::updateCount()
{
    if (!isShowingTable()) {
        m_count->clear();
        return;
    }
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    m_count->setText(shown == total ? tr("%n gateway(s)", nullptr, total)
                                    : tr("%1 of %n gateway(s)", nullptr, total).arg(shown));
}

void GatewaysPage::updateState()
{
    const auto mesh = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    const QStringList clusters = mesh ? mesh->clusters() : QStringList();
    QString title, message;
    bool offerNew = false;
    if (mesh && mesh->type == md::mesh::Mesh::Type::External) {
        title = tr("Mesh gateways are not managed for external meshes");
        message = tr("Mesh %1 is an Istio you installed and manage yourself: deploy and change "
                     "its gateways with your own tools.")
                      .arg(mesh->name);
    } else if (m_model->rowCount() > 0) {
        // the table
    } else if (!mesh) {
        title = tr("No mesh selected");
        message = tr("Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to list "
                     "its gateways.");
    } else if (!m_context.mesh->cache()->isSynced() || m_model->isUpdating()
               || m_model->updates() == 0) {
        title = tr("Loading gateways…");
        message = tr("Reading the deployments of %1.").arg(clusters.join(QStringLiteral(", ")));
    } else {
        title = tr("No gateways in mesh %1").arg(mesh->name);
        message = tr("No deployment in %1 runs an Istio ingress or egress gateway.")
                      .arg(clusters.join(QStringLiteral(", ")));
        offerNew = true;
    }
    // Clusters that are not connected: their gateways are missing or stale.
    QStringList down;
    if (m_context.connections) {
        for (const QString &cluster : clusters) {
            const md::mesh::ClusterHealth health = m_context.connections->health(cluster);
            if (!health.isUp() && health.state != md::mesh::ClusterHealth::State::Connecting)
                down << cluster;
        }
    }
    if (!down.isEmpty()) {
        m_banner->setText(tr("Not connected: %1. Their gateways are missing or may be stale.")
                              .arg(down.join(QStringLiteral(", "))));
        m_banner->setProperty("health", true);
        m_banner->show();
    } else if (m_banner->property("health").toBool()) {
        m_banner->setProperty("health", false);
        m_banner->hide(); // the clusters are back
    }
    m_stateTitle->setText(title);
    m_stateMessage->setText(message);
    m_stateNew->setVisible(offerNew);
    m_stack->setCurrentWidget(title.isEmpty() ? static_cast<QWidget *>(m_table) : m_state);
    updateActions();
    updateCount();
}

QString GatewaysPage::stateText() const
{
    if (isShowingTable())
        return {};
    return m_stateTitle->text() + QLatin1Char('\n') + m_stateMessage->text();
}

bool GatewaysPage::isShowingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void GatewaysPage::retranslate()
{
    m_new->setText(tr("New gateway…"));
    m_new->setToolTip(tr("Create an ingress or egress gateway: its Deployment, Service and "
                         "ServiceAccount, through the review"));
    m_edit->setText(tr("Edit…"));
    m_edit->setToolTip(tr("Change replicas, proxy resources, Service type, ports and annotations"));
    m_scaleLabel->setText(tr("Replicas:"));
    m_scale->setText(tr("Scale"));
    m_scale->setToolTip(tr("Set the selected gateway's replicas, through the review"));
    m_delete->setText(tr("Delete…"));
    m_delete->setToolTip(tr("Delete the selected gateway, after listing the Gateways that "
                            "select it (Del)"));
    m_search->setPlaceholderText(tr("Search name, ports, addresses"));
    m_stateNew->setText(tr("New gateway…"));
    updateFacets();
    updateState();
}

void GatewaysPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void registerGatewayPages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("gateways"), [](const PageContext &context, QWidget *parent) {
        return new GatewaysPage(context, parent);
    });
}

} // namespace md::ui

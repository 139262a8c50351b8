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
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QToolBar>

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
    : MeshListPage(context, new GatewayModel, GatewayModel::ContextRole,
                   GatewayModel::NamespaceRole, parent)
    , m_model(static_cast<GatewayModel *>(filterModel()->sourceModel()))
    , m_scaleBox(new QSpinBox(this))
    , m_scaleLabel(new QLabel(this))
{
    m_model->setParent(this);
    setObjectName(QStringLiteral("page:gateways"));

    QToolBar *bar = toolBar();
    m_new = bar->addAction(QString(), this, &GatewaysPage::newGateway);
    m_new->setObjectName(QStringLiteral("newAction"));
    m_edit = bar->addAction(QString(), this, &GatewaysPage::editSelected);
    m_edit->setObjectName(QStringLiteral("editAction"));
    bar->addSeparator();
    m_scaleLabel->setContentsMargins(6, 0, 4, 0);
    bar->addWidget(m_scaleLabel);
    m_scaleBox->setObjectName(QStringLiteral("scaleBox"));
    m_scaleBox->setRange(0, 1000);
    bar->addWidget(m_scaleBox);
    m_scale = bar->addAction(QString(), this, &GatewaysPage::scaleSelected);
    m_scale->setObjectName(QStringLiteral("scaleAction"));
    bar->addSeparator();
    m_delete = bar->addAction(QString(), this, &GatewaysPage::deleteSelected);
    m_delete->setObjectName(QStringLiteral("deleteAction"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(m_delete);
    addFilters();

    setUpTable(QStringLiteral("gatewayTable"), GatewayModel::ColumnCount, defaultWidth,
               GatewayModel::Name);
    table()->setItemDelegateForColumn(
        GatewayModel::Status,
        new StatusDotDelegate(GatewayModel::StatusRole, statusColor, table()));
    connect(stateButton(), &QPushButton::clicked, this, &GatewaysPage::newGateway);
    connect(table(), &QTableView::activated, this, &GatewaysPage::editSelected);
    // The spin box shows the selected gateway's replicas when another one is selected.
    connect(table()->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const GatewayRow *row = currentRow();
        const QString key = row ? row->key() : QString();
        if (row && key != m_scaleKey)
            m_scaleBox->setValue(row->desired);
        m_scaleKey = key;
        updateActions();
    });
    connect(m_scaleBox, &QSpinBox::valueChanged, this, &GatewaysPage::updateActions);
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
    if (m_context.mesh)
        m_model->setMesh(m_context.mesh);
    retranslate();
}

GatewaysPage::~GatewaysPage() = default;

const GatewayRow *GatewaysPage::currentRow() const
{
    const QModelIndexList rows = table()->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const QModelIndex source = filterModel()->mapToSource(rows.first());
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
    const QModelIndex index = filterModel()->mapFromSource(m_model->index(source, 0));
    if (!index.isValid())
        return false;
    table()->setCurrentIndex(index);
    table()->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
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
    if (!wantedCluster().isEmpty())
        dialog->clusterCombo()->setCurrentText(wantedCluster());
    connect(dialog, &QDialog::accepted, this, [this, dialog, namespaces] {
        const md::gateways::GatewayForm form = dialog->form();
        auto objects = md::gateways::buildGateway(form);
        if (!objects) {
            setBanner(objects.error().toString());
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
        setBanner(tr("Deployment %1/%2 is no longer in cluster %3.")
                      .arg(row->namespace_, row->name, row->context));
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
            setBanner(edited.error().toString());
            return;
        }
        QList<md::apply::ApplyItem> items;
        if (edited->first != live)
            items << md::apply::ApplyItem::update(live, edited->first);
        if (!service.isNull() && edited->second != service)
            items << md::apply::ApplyItem::update(service, edited->second);
        if (items.isEmpty()) {
            setBanner(tr("Nothing was changed."));
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
    fillFacets(m_model->clusters(), m_model->namespaces());
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

QString GatewaysPage::countText(int shown, int total) const
{
    return shown == total ? tr("%n gateway(s)", nullptr, total)
                          : tr("%1 of %n gateway(s)", nullptr, total).arg(shown);
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
    QLabel *banner = bannerLabel();
    if (!down.isEmpty()) {
        setBanner(tr("Not connected: %1. Their gateways are missing or may be stale.")
                      .arg(down.join(QStringLiteral(", "))));
        banner->setProperty("health", true);
    } else if (banner->property("health").toBool()) {
        banner->setProperty("health", false);
        setBanner(QString()); // the clusters are back
    }
    showState(title, message, offerNew);
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
    searchField()->setPlaceholderText(tr("Search name, ports, addresses"));
    stateButton()->setText(tr("New gateway…"));
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

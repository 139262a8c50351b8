#include "services/servicespage.h"

#include "editors/editorsession.h"
#include "istio/document.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "services/portprotocoldialog.h"
#include "services/servicelistmodel.h"
#include "shell/navigator.h"
#include "shell/pageregistry.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace md::ui {

using namespace md::services;

namespace {

QStyle::StandardPixmap diagnosisPixmap(Diagnosis d)
{
    switch (d) {
    case Diagnosis::Normal:
        return QStyle::SP_DialogApplyButton;
    case Diagnosis::Warning:
        return QStyle::SP_MessageBoxWarning;
    case Diagnosis::Abnormal:
        return QStyle::SP_MessageBoxCritical;
    }
    return QStyle::SP_DialogApplyButton;
}

// The diagnosis with its icon; the reasons are the tooltip (from the model).
class DiagnosisDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        QStyle *style = option->widget ? option->widget->style() : nullptr;
        if (!style)
            return;
        option->icon = style->standardIcon(
            diagnosisPixmap(Diagnosis(index.data(ServiceListModel::DiagnosisRole).toInt())));
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
};

QString sourceText(ProtocolSource source)
{
    switch (source) {
    case ProtocolSource::AppProtocol:
        return ServicesPage::tr("appProtocol");
    case ProtocolSource::PortName:
        return ServicesPage::tr("port name");
    case ProtocolSource::TransportUdp:
        return ServicesPage::tr("UDP, not proxied");
    case ProtocolSource::WellKnownPort:
        return ServicesPage::tr("well-known port");
    case ProtocolSource::None:
        break;
    }
    return ServicesPage::tr("detected from the traffic");
}

} // namespace

void registerServicePages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("services.list"),
                     [](const PageContext &context, QWidget *parent) {
                         return new ServicesPage(context, parent);
                     });
}

ServicesPage::ServicesPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new ServiceListModel(this))
    , m_filter(new ServiceFilterModel(this))
    , m_toolBar(new QToolBar(this))
    , m_clusters(new QComboBox(this))
    , m_namespaces(new QComboBox(this))
    , m_diagnosis(new QComboBox(this))
    , m_system(new QCheckBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_detailTitle(new QLabel(this))
    , m_detailReasons(new QLabel(this))
    , m_detail(new QTreeWidget(this))
    , m_state(new QLabel(this))
{
    setObjectName(QStringLiteral("page:services.list"));
    m_filter->setSourceModel(m_model);

    m_editProtocol = m_toolBar->addAction(QString(), this, &ServicesPage::editPortProtocol);
    m_editProtocol->setObjectName(QStringLiteral("editProtocolAction"));
    auto trafficMenu = new QMenu(this);
    m_virtualServices = trafficMenu->addAction(QString(), this, [this] {
        showPolicies(QStringLiteral("traffic.virtualservices"), false);
    });
    m_destinationRules = trafficMenu->addAction(QString(), this, [this] {
        showPolicies(QStringLiteral("traffic.destinationrules"), false);
    });
    auto securityMenu = new QMenu(this);
    m_authorizationPolicies = securityMenu->addAction(QString(), this, [this] {
        showPolicies(QStringLiteral("security.authorizationpolicies"), true);
    });
    m_peerAuthentications = securityMenu->addAction(QString(), this, [this] {
        showPolicies(QStringLiteral("security.peerauthentications"), true);
    });
    m_trafficButton = new QToolButton(this);
    m_trafficButton->setObjectName(QStringLiteral("trafficButton"));
    m_trafficButton->setMenu(trafficMenu);
    m_trafficButton->setPopupMode(QToolButton::InstantPopup);
    m_securityButton = new QToolButton(this);
    m_securityButton->setObjectName(QStringLiteral("securityButton"));
    m_securityButton->setMenu(securityMenu);
    m_securityButton->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addWidget(m_trafficButton);
    m_toolBar->addWidget(m_securityButton);
    m_metrics = m_toolBar->addAction(QString(), this, [this] {
        if (const MeshService *s = currentService())
            m_context.navigator->showPage(QStringLiteral("monitor.metrics"),
                                          {{QStringLiteral("level"), QStringLiteral("service")},
                                           {QStringLiteral("namespace"), s->namespaceName},
                                           {QStringLiteral("name"), s->name}});
    });
    m_metrics->setObjectName(QStringLiteral("metricsAction"));
    m_topology = m_toolBar->addAction(QString(), this, [this] {
        if (const MeshService *s = currentService())
            m_context.navigator->showPage(QStringLiteral("monitor.topology"),
                                          {{QStringLiteral("namespace"), s->namespaceName},
                                           {QStringLiteral("find"), s->name}});
    });
    m_topology->setObjectName(QStringLiteral("topologyAction"));
    // The filters, on a row of their own under the actions.
    auto filterBar = new QWidget(this);
    filterBar->setObjectName(QStringLiteral("filterBar"));
    auto filters = new QHBoxLayout(filterBar);
    filters->setContentsMargins(6, 2, 6, 4);
    m_clusters->setObjectName(QStringLiteral("clusterFilter"));
    m_namespaces->setObjectName(QStringLiteral("namespaceFilter"));
    m_diagnosis->setObjectName(QStringLiteral("diagnosisFilter"));
    for (QComboBox *box : {m_clusters, m_namespaces, m_diagnosis}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setMinimumContentsLength(12);
        filters->addWidget(box);
    }
    m_system->setObjectName(QStringLiteral("systemCheck"));
    filters->addWidget(m_system);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);
    filters->addWidget(m_search, 1);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setContentsMargins(8, 0, 8, 0);
    filters->addWidget(m_count);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_find = new QAction(this);
    m_find->setShortcut(QKeySequence::Find);
    m_find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_find);

    m_table->setObjectName(QStringLiteral("serviceTable"));
    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(ServiceListModel::DiagnosisColumn,
                                      new DiagnosisDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ServiceListModel::NameColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    const int widths[] = {110, 80, 120, 100, 70, 60, 90};
    for (int c = 0; c < ServiceListModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto detail = new QWidget(this);
    detail->setObjectName(QStringLiteral("serviceDetail"));
    QFont titleFont = m_detailTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_detailTitle->setFont(titleFont);
    m_detailTitle->setObjectName(QStringLiteral("detailTitle"));
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailReasons->setObjectName(QStringLiteral("detailReasons"));
    m_detailReasons->setWordWrap(true);
    m_detailReasons->setTextFormat(Qt::PlainText);
    m_detail->setObjectName(QStringLiteral("detailTree"));
    m_detail->setColumnCount(2);
    m_detail->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_detail->setAlternatingRowColors(true);
    auto detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(8, 8, 8, 8);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addWidget(m_detailReasons);
    detailLayout->addWidget(m_detail, 1);

    auto splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({680, 400});
    splitter->setChildrenCollapsible(false);

    m_state->setObjectName(QStringLiteral("serviceState"));
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setWordWrap(true);
    m_stack->addWidget(splitter);
    m_stack->addWidget(m_state);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(filterBar);
    layout->addWidget(m_stack, 1);

    connect(m_clusters, &QComboBox::activated, this, [this] {
        m_wantedCluster = m_clusters->currentData().toString();
        m_filter->setCluster(m_wantedCluster);
        updateCount();
    });
    connect(m_namespaces, &QComboBox::activated, this, [this] {
        m_wantedNamespace = m_namespaces->currentData().toString();
        m_filter->setNamespace(m_wantedNamespace);
        updateCount();
    });
    connect(m_diagnosis, &QComboBox::activated, this, [this] {
        m_filter->setDiagnosis(m_diagnosis->currentData().toString());
        updateCount();
    });
    connect(m_system, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setShowSystem(on);
        updateFacets();
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearch(text);
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateDetail(); });
    connect(m_table, &QTableView::activated, this, [this] { updateDetail(); });
    connect(m_model, &ServiceListModel::updated, this, [this] {
        updateFacets();
        updateState();
        updateCount();
        if (!m_wantedService.isEmpty() && selectService(m_wantedService))
            m_wantedService.clear();
        updateDetail();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &ServicesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &ServicesPage::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ServicesPage::updateCount);

    retranslate();
    m_model->setMesh(m_context.mesh);
    if (m_context.mesh)
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this,
                &ServicesPage::updateState);
    updateFacets();
    updateState();
    updateCount();
    updateDetail();
}

ServicesPage::~ServicesPage() = default;

QString ServicesPage::stateText() const
{
    return isShowingTable() ? QString() : m_state->text();
}

bool ServicesPage::isShowingTable() const
{
    return m_stack->currentIndex() == 0;
}

QString ServicesPage::currentKey() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(ServiceListModel::KeyRole).toString() : QString();
}

bool ServicesPage::selectService(const QString &key)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data(ServiceListModel::KeyRole).toString() == key) {
            m_table->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

const MeshService *ServicesPage::currentService() const
{
    const int row = m_model->rowOf(currentKey());
    return row < 0 ? nullptr : &m_model->serviceAt(row);
}

void ServicesPage::setPageArguments(const QVariantMap &arguments)
{
    const auto has = [&](const char *key) { return arguments.contains(QLatin1String(key)); };
    const auto value
        = [&](const char *key) { return arguments.value(QLatin1String(key)).toString(); };
    if (has("cluster")) {
        m_wantedCluster = value("cluster");
        m_filter->setCluster(m_wantedCluster);
    }
    if (has("namespace")) {
        m_wantedNamespace = value("namespace");
        m_filter->setNamespace(m_wantedNamespace);
    }
    if (has("diagnosis")) {
        const int i = m_diagnosis->findData(value("diagnosis"));
        m_diagnosis->setCurrentIndex(std::max(0, i));
        m_filter->setDiagnosis(m_diagnosis->currentData().toString());
    }
    if (has("search"))
        m_search->setText(value("search"));
    updateFacets();
    updateCount();
    if (has("service") && !selectService(value("service")))
        m_wantedService = value("service");
}

void ServicesPage::showPolicies(const QString &pageId, bool byNamespace)
{
    const MeshService *s = currentService();
    if (!s)
        return;
    if (byNamespace)
        m_context.navigator->showPage(pageId,
                                      {{QStringLiteral("namespace"), s->namespaceName},
                                       {QStringLiteral("search"), QString()}});
    else
        m_context.navigator->showPage(pageId, {{QStringLiteral("search"), s->name}});
}

void ServicesPage::editPortProtocol()
{
    const MeshService *s = currentService();
    if (!s || !m_context.mesh)
        return;
    const MeshService service = *s;
    PortProtocolDialog dialog(service, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString context = dialog.context();
    const auto live = m_context.mesh->cache()->object(context, QString(), QStringLiteral("Service"),
                                                      service.namespaceName, service.name);
    QString error;
    if (!live) {
        error = tr("The Service %1/%2 is no longer in %3.")
                    .arg(service.namespaceName, service.name, context);
    } else if (auto base = md::istio::parseValue(live->json()); !base) {
        error = base.error().toString();
    } else {
        md::istio::Value object = *base;
        if (object.value(QStringLiteral("kind")).isNull())
            object.insert(QStringLiteral("kind"), QStringLiteral("Service"));
        if (object.value(QStringLiteral("apiVersion")).isNull())
            object.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
        auto edited = withPortProtocol(object, dialog.port(), dialog.protocol(), dialog.style());
        if (!edited) {
            error = edited.error().toString();
        } else {
            EditorSession::of(m_context)->reviewObjects(
                {md::apply::ApplyItem::update(object, *edited)}, this, context);
            return;
        }
    }
    QMessageBox::warning(this, tr("Edit port protocol"), error);
}

void ServicesPage::updateFacets()
{
    QStringList clusters;
    QStringList namespaces;
    for (const MeshService &s : m_model->services()) {
        for (const QString &c : s.contexts()) {
            if (!clusters.contains(c))
                clusters << c;
        }
        if ((m_system->isChecked() || !s.system || s.namespaceName == m_wantedNamespace)
            && !namespaces.contains(s.namespaceName))
            namespaces << s.namespaceName;
    }
    if (m_context.mesh) {
        const QStringList order = m_context.mesh->cache()->clusters();
        std::sort(clusters.begin(), clusters.end(), [&](const QString &a, const QString &b) {
            return order.indexOf(a) < order.indexOf(b);
        });
    }
    namespaces.sort();
    if (!m_wantedCluster.isEmpty() && !clusters.contains(m_wantedCluster))
        clusters << m_wantedCluster;
    if (!m_wantedNamespace.isEmpty() && !namespaces.contains(m_wantedNamespace))
        namespaces << m_wantedNamespace;
    const auto fill
        = [](QComboBox *box, const QString &all, const QStringList &items, const QString &wanted) {
              QSignalBlocker blocker(box);
              box->clear();
              box->addItem(all, QString());
              for (const QString &item : items)
                  box->addItem(item, item);
              box->setCurrentIndex(std::max(0, box->findData(wanted)));
          };
    fill(m_clusters, tr("All clusters"), clusters, m_wantedCluster);
    fill(m_namespaces, tr("All namespaces"), namespaces, m_wantedNamespace);
}

void ServicesPage::updateState()
{
    QString text;
    if (!m_context.mesh || !m_context.mesh->mesh())
        text = tr("No mesh is selected.\nPick a mesh in the toolbar, or keep the clusters of a "
                  "detected mesh on the Mesh clusters page.");
    else if (m_model->updates() == 0
             || (m_model->services().isEmpty() && !m_context.mesh->cache()->isSynced()))
        text = tr("Loading the services of mesh %1…").arg(m_context.mesh->name());
    else if (m_model->services().isEmpty())
        text = tr("No services in mesh %1.\nLooked in every cluster of the mesh: %2.")
                   .arg(m_context.mesh->name(),
                        m_context.mesh->cache()->clusters().join(QStringLiteral(", ")));
    m_state->setText(text);
    m_stack->setCurrentIndex(text.isEmpty() ? 0 : 1);
}

void ServicesPage::updateCount()
{
    int problems = 0;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        if (m_filter->index(row, 0).data(ServiceListModel::DiagnosisRole).toInt()
            != int(Diagnosis::Normal))
            ++problems;
    }
    const int shown = m_filter->rowCount();
    const QString services = shown == 1 ? tr("1 service") : tr("%1 services").arg(shown);
    m_count->setText(problems == 0 ? services
                                   : tr("%1, %2 with problems").arg(services).arg(problems));
}

void ServicesPage::updateActions()
{
    const bool any = currentService() != nullptr;
    for (QAction *a : {m_editProtocol, m_metrics, m_topology})
        a->setEnabled(any);
    m_trafficButton->setEnabled(any);
    m_securityButton->setEnabled(any);
}

void ServicesPage::updateDetail()
{
    updateActions();
    m_detail->clear();
    const MeshService *s = currentService();
    if (!s) {
        m_detailTitle->setText(tr("No service selected"));
        m_detailReasons->setText(tr("Select a service to see its clusters, ports, endpoints "
                                    "and pods."));
        return;
    }
    m_detailTitle->setText(QStringLiteral("%1.%2").arg(s->name, s->namespaceName));
    QStringList reasons;
    for (const DiagnosisReason &r : s->reasons)
        reasons << QStringLiteral("• ") + r.text;
    m_detailReasons->setText(reasons.isEmpty()
                                 ? tr("%1: no problem found.").arg(diagnosisText(s->diagnosis))
                                 : diagnosisText(s->diagnosis) + u'\n' + reasons.join(u'\n'));
    const QStyle *style = this->style();
    for (const ClusterService &c : s->clusters) {
        auto cluster = new QTreeWidgetItem(m_detail, {c.context, c.exposure()});
        QFont bold = cluster->font(0);
        bold.setBold(true);
        cluster->setFont(0, bold);
        new QTreeWidgetItem(cluster,
                            {tr("Cluster IP"), c.clusterIP.isEmpty() ? tr("(none)") : c.clusterIP});
        if (!c.externalAddresses.isEmpty())
            new QTreeWidgetItem(
                cluster,
                {tr("External addresses"), c.externalAddresses.join(QStringLiteral(", "))});
        new QTreeWidgetItem(
            cluster, {tr("Selector"), c.selector.isEmpty() ? tr("(none)") : c.selectorText()});
        auto ports = new QTreeWidgetItem(cluster, {tr("Ports"), QString::number(c.ports.size())});
        for (const ServicePort &p : c.ports) {
            QString target = tr("→ %1").arg(p.targetPort);
            if (p.nodePort > 0)
                target += tr(", node port %1").arg(p.nodePort);
            new QTreeWidgetItem(ports,
                                {QStringLiteral("%1/%2 %3").arg(p.port).arg(p.transport, p.name),
                                 tr("%1 (%2) %3")
                                     .arg(protocolName(p.selected.protocol),
                                          sourceText(p.selected.source), target)});
        }
        auto endpoints = new QTreeWidgetItem(
            cluster,
            {tr("Endpoints"),
             tr("%1 ready of %2").arg(c.readyEndpoints()).arg(c.endpoints.size())});
        for (const EndpointAddress &e : c.endpoints) {
            auto item = new QTreeWidgetItem(
                endpoints,
                {e.ip,
                 (e.ready ? tr("ready") : tr("not ready"))
                     + (e.pod.isEmpty() ? QString() : QStringLiteral(" · ") + e.pod)});
            item->setIcon(0,
                          style->standardIcon(e.ready ? QStyle::SP_DialogApplyButton
                                                      : QStyle::SP_MessageBoxWarning));
        }
        int injected = 0;
        for (const ServicePod &p : c.pods)
            injected += p.injected ? 1 : 0;
        auto pods = new QTreeWidgetItem(
            cluster, {tr("Pods"), tr("%1 of %2 with a sidecar").arg(injected).arg(c.pods.size())});
        for (const ServicePod &p : c.pods) {
            QStringList facts;
            if (!p.version.isEmpty())
                facts << p.version;
            facts << (p.injected ? tr("sidecar %1").arg(p.sidecarVersion) : tr("no sidecar"));
            facts << (p.ready ? tr("ready") : tr("not ready"));
            auto item = new QTreeWidgetItem(pods, {p.name, facts.join(QStringLiteral(" · "))});
            item->setIcon(0,
                          style->standardIcon(p.injected && p.ready
                                                  ? QStyle::SP_DialogApplyButton
                                                  : QStyle::SP_MessageBoxWarning));
        }
    }
    m_detail->expandAll();
}

void ServicesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ServicesPage::retranslate()
{
    m_editProtocol->setText(tr("Edit port protocol…"));
    m_editProtocol->setToolTip(tr("Choose how Istio reads a port: by its name prefix or by "
                                  "appProtocol; the change is reviewed before it is applied"));
    m_trafficButton->setText(tr("Traffic policies"));
    m_securityButton->setText(tr("Security policies"));
    m_virtualServices->setText(tr("VirtualServices routing to it"));
    m_destinationRules->setText(tr("DestinationRules for it"));
    m_authorizationPolicies->setText(tr("AuthorizationPolicies of its namespace"));
    m_peerAuthentications->setText(tr("PeerAuthentications of its namespace"));
    m_metrics->setText(tr("Metrics"));
    m_metrics->setToolTip(tr("Request rate, errors and latency of the service"));
    m_topology->setText(tr("Topology"));
    m_topology->setToolTip(tr("The service in the topology graph"));
    m_system->setText(tr("System namespaces"));
    m_system->setToolTip(tr("Also list the services of kube-system and the Istio root namespace"));
    m_search->setPlaceholderText(tr("Search name, namespace, ports, versions (Ctrl+F)"));
    m_detail->setHeaderLabels({tr("Cluster"), tr("Details")});
    {
        QSignalBlocker blocker(m_diagnosis);
        const QString current = m_diagnosis->currentData().toString();
        m_diagnosis->clear();
        m_diagnosis->addItem(tr("Any diagnosis"), QString());
        m_diagnosis->addItem(tr("With problems"), QStringLiteral("problems"));
        for (Diagnosis d : {Diagnosis::Normal, Diagnosis::Warning, Diagnosis::Abnormal})
            m_diagnosis->addItem(style()->standardIcon(diagnosisPixmap(d)), diagnosisText(d),
                                 diagnosisId(d));
        m_diagnosis->setCurrentIndex(std::max(0, m_diagnosis->findData(current)));
    }
    updateFacets();
    updateState();
    updateCount();
    updateDetail();
}

} // namespace md::ui

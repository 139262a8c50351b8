#include "secrets/secretspage.h"

#include "editors/editorsession.h"
#include "gateways/statusdot.h"
#include "gateways/tablefilter.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "secrets/secretdelete.h"
#include "secrets/secretdialog.h"
#include "secrets/tlssecretmodel.h"
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
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace md::ui {

using md::secrets::TlsSecretModel;
using md::secrets::TlsSecretRow;

namespace {

QColor statusColor(int status)
{
    switch (TlsSecretRow::Status(status)) {
    case TlsSecretRow::Status::Valid:
        return statuscolors::good();
    case TlsSecretRow::Status::Expiring:
    case TlsSecretRow::Status::NotYetValid:
        return statuscolors::warning();
    case TlsSecretRow::Status::Expired:
    case TlsSecretRow::Status::Invalid:
        return statuscolors::bad();
    }
    return {};
}

int defaultWidth(int column)
{
    switch (column) {
    case TlsSecretModel::Name:
        return 170;
    case TlsSecretModel::Namespace:
        return 100;
    case TlsSecretModel::Cluster:
        return 125;
    case TlsSecretModel::Status:
        return 90;
    case TlsSecretModel::Subject:
    case TlsSecretModel::Sans:
        return 170;
    case TlsSecretModel::Issuer:
        return 140;
    case TlsSecretModel::Expires:
        return 215;
    default:
        return 130;
    }
}

} // namespace

SecretsPage::SecretsPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new TlsSecretModel(this))
    , m_filter(new md::gateways::TableFilterModel(TlsSecretModel::ContextRole,
                                                  TlsSecretModel::NamespaceRole, this))
    , m_toolBar(new QToolBar(this))
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
    setObjectName(QStringLiteral("page:config.secrets"));
    m_filter->setSourceModel(m_model);

    m_new = m_toolBar->addAction(QString(), this, &SecretsPage::newSecret);
    m_new->setObjectName(QStringLiteral("newAction"));
    m_delete = m_toolBar->addAction(QString(), this, &SecretsPage::deleteSelected);
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
    m_search->setMinimumWidth(200);
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

    m_table->setObjectName(QStringLiteral("secretTable"));
    m_table->setModel(m_filter);
    m_table->setItemDelegateForColumn(
        TlsSecretModel::Status,
        new StatusDotDelegate(TlsSecretModel::StatusRole, statusColor, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TlsSecretModel::Expires, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    for (int column = 0; column < TlsSecretModel::ColumnCount; ++column)
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
    connect(m_stateNew, &QPushButton::clicked, this, &SecretsPage::newSecret);
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

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SecretsPage::updateActions);
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
    connect(m_model, &TlsSecretModel::updated, this, [this] {
        updateFacets();
        updateState();
    });
    if (m_context.mesh) {
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this,
                &SecretsPage::updateState);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                &SecretsPage::updateState);
        m_model->setMesh(m_context.mesh);
    }
    if (m_context.connections)
        connect(m_context.connections, &md::mesh::ConnectionManager::healthChanged, this,
                &SecretsPage::updateState);
    retranslate();
}

SecretsPage::~SecretsPage() = default;

bool SecretsPage::selectSecret(const QString &context, const QString &ns, const QString &name)
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

void SecretsPage::setPageArguments(const QVariantMap &arguments)
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

void SecretsPage::newSecret()
{
    if (!m_context.mesh || !m_context.mesh->mesh())
        return;
    const QStringList clusters = m_context.mesh->mesh()->clusters();
    auto dialog = new SecretDialog(clusters, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QHash<QString, QStringList> namespaces;
    md::mesh::MeshCache *cache = m_context.mesh->cache();
    for (const QString &cluster : clusters) {
        QStringList names;
        for (const auto &item : cache->items(cluster, QString(), QStringLiteral("Namespace")))
            names << item.object.name();
        names.sort();
        namespaces.insert(cluster, names);
    }
    dialog->setNamespaces(namespaces);
    if (!m_wantedCluster.isEmpty())
        dialog->clusterCombo()->setCurrentText(m_wantedCluster);
    if (!m_wantedNamespace.isEmpty())
        dialog->namespaceCombo()->setCurrentText(m_wantedNamespace);
    connect(dialog, &QDialog::accepted, this, [this, dialog, namespaces] {
        const md::secrets::TlsSecretForm form = dialog->form();
        auto secret = md::secrets::buildTlsSecret(form, QDateTime::currentDateTimeUtc());
        if (!secret) {
            m_banner->setText(secret.error().toString());
            m_banner->show();
            return;
        }
        QList<md::apply::ApplyItem> items;
        if (!namespaces.value(dialog->cluster()).contains(form.namespace_)) {
            md::istio::Value ns = md::istio::Value::object();
            ns.insert(QStringLiteral("apiVersion"), md::istio::Value(QStringLiteral("v1")));
            ns.insert(QStringLiteral("kind"), md::istio::Value(QStringLiteral("Namespace")));
            md::istio::Value meta = md::istio::Value::object();
            meta.insert(QStringLiteral("name"), md::istio::Value(form.namespace_));
            ns.insert(QStringLiteral("metadata"), meta);
            items << md::apply::ApplyItem::create(ns);
        }
        items << md::apply::ApplyItem::create(*secret);
        EditorSession::of(m_context)->reviewObjects(items, window(), dialog->cluster());
    });
    dialog->open();
}

void SecretsPage::deleteSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QModelIndex source = m_filter->mapToSource(rows.first());
    confirmSecretDelete(m_context, m_model->rowAt(source.row()), window());
}

void SecretsPage::updateFacets()
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

void SecretsPage::updateActions()
{
    const bool mesh = m_context.mesh && m_context.mesh->mesh();
    m_new->setEnabled(mesh);
    m_delete->setEnabled(mesh && m_table->selectionModel()->hasSelection());
}

void SecretsPage::updateCount()
{
    if (!isShowingTable()) {
        m_count->clear();
        return;
    }
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    m_count->setText(shown == total ? tr("%n secret(s)", nullptr, total)
                                    : tr("%1 of %n secret(s)", nullptr, total).arg(shown));
}

void SecretsPage::updateState()
{
    const auto mesh = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    const QStringList clusters = mesh ? mesh->clusters() : QStringList();
    QString title, message;
    bool offerNew = false;
    if (m_model->rowCount() > 0) {
        // the table
    } else if (!mesh) {
        title = tr("No mesh selected");
        message = tr("Pick a mesh in the toolbar, or keep one on the Mesh clusters page, to list "
                     "its gateway TLS secrets.");
    } else if (!m_context.mesh->cache()->isSynced() || m_model->isUpdating()
               || m_model->updates() == 0) {
        title = tr("Loading TLS secrets…");
        message = tr("Reading the secrets of %1.").arg(clusters.join(QStringLiteral(", ")));
    } else {
        title = tr("No TLS secrets in mesh %1").arg(mesh->name);
        message = tr("No kubernetes.io/tls secret, nor an Opaque one with cert and key, in %1. "
                     "Gateways name their certificate with credentialName.")
                      .arg(clusters.join(QStringLiteral(", ")));
        offerNew = true;
    }
    // What needs attention, in one line.
    int expired = 0, expiring = 0, invalid = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        switch (m_model->rowAt(row).status) {
        case TlsSecretRow::Status::Expired:
            ++expired;
            break;
        case TlsSecretRow::Status::Expiring:
            ++expiring;
            break;
        case TlsSecretRow::Status::Invalid:
            ++invalid;
            break;
        default:
            break;
        }
    }
    QStringList notes;
    if (expired)
        notes << tr("%n expired", nullptr, expired);
    if (expiring)
        notes << tr("%n expiring within 30 days", nullptr, expiring);
    if (invalid)
        notes << tr("%n unusable (key mismatch or unreadable)", nullptr, invalid);
    if (!notes.isEmpty()) {
        m_banner->setText(tr("Certificates: %1.").arg(notes.join(QStringLiteral(", "))));
        m_banner->show();
    } else {
        m_banner->hide();
    }
    m_stateTitle->setText(title);
    m_stateMessage->setText(message);
    m_stateNew->setVisible(offerNew);
    m_stack->setCurrentWidget(title.isEmpty() ? static_cast<QWidget *>(m_table) : m_state);
    updateActions();
    updateCount();
}

QString SecretsPage::stateText() const
{
    if (isShowingTable())
        return {};
    return m_stateTitle->text() + QLatin1Char('\n') + m_stateMessage->text();
}

bool SecretsPage::isShowingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void SecretsPage::retranslate()
{
    m_new->setText(tr("New TLS secret…"));
    m_new->setToolTip(tr("Create a kubernetes.io/tls secret from certificate and key files"));
    m_delete->setText(tr("Delete…"));
    m_delete->setToolTip(tr("Delete the selected secret, after listing the Gateways and "
                            "DestinationRules that use it (Del)"));
    m_search->setPlaceholderText(tr("Search name, subject, SANs, issuer"));
    m_stateNew->setText(tr("New TLS secret…"));
    updateFacets();
    updateState();
}

void SecretsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void registerSecretPages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("config.secrets"),
                     [](const PageContext &context, QWidget *parent) {
                         return new SecretsPage(context, parent);
                     });
}

} // namespace md::ui

#include "secrets/secretspage.h"

#include "editors/editorsession.h"
#include "gateways/statusdot.h"
#include "gateways/tablefilter.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "secrets/secretdelete.h"
#include "secrets/secretdialog.h"
#include "secrets/tlssecretmodel.h"
#include "shell/pageregistry.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolBar>

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
    : MeshListPage(context, new TlsSecretModel, TlsSecretModel::ContextRole,
                   TlsSecretModel::NamespaceRole, parent)
    , m_model(static_cast<TlsSecretModel *>(filterModel()->sourceModel()))
{
    m_model->setParent(this);
    setObjectName(QStringLiteral("page:config.secrets"));

    m_new = toolBar()->addAction(QString(), this, &SecretsPage::newSecret);
    m_new->setObjectName(QStringLiteral("newAction"));
    m_delete = toolBar()->addAction(QString(), this, &SecretsPage::deleteSelected);
    m_delete->setObjectName(QStringLiteral("deleteAction"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(m_delete);
    addFilters();

    setUpTable(QStringLiteral("secretTable"), TlsSecretModel::ColumnCount, defaultWidth,
               TlsSecretModel::Expires); // the soonest to expire first
    table()->setItemDelegateForColumn(
        TlsSecretModel::Status,
        new StatusDotDelegate(TlsSecretModel::StatusRole, statusColor, table()));
    connect(stateButton(), &QPushButton::clicked, this, &SecretsPage::newSecret);
    connect(m_model, &TlsSecretModel::updated, this, [this] {
        updateFacets();
        updateState();
    });
    if (m_context.mesh)
        m_model->setMesh(m_context.mesh);
    retranslate();
}

SecretsPage::~SecretsPage() = default;

bool SecretsPage::selectSecret(const QString &context, const QString &ns, const QString &name)
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
    if (!wantedCluster().isEmpty())
        dialog->clusterCombo()->setCurrentText(wantedCluster());
    if (!wantedNamespace().isEmpty())
        dialog->namespaceCombo()->setCurrentText(wantedNamespace());
    connect(dialog, &QDialog::accepted, this, [this, dialog, namespaces] {
        const md::secrets::TlsSecretForm form = dialog->form();
        auto secret = md::secrets::buildTlsSecret(form, QDateTime::currentDateTimeUtc());
        if (!secret) {
            setBanner(secret.error().toString());
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
    const QModelIndexList rows = table()->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QModelIndex source = filterModel()->mapToSource(rows.first());
    confirmSecretDelete(m_context, m_model->rowAt(source.row()), window());
}

void SecretsPage::updateFacets()
{
    fillFacets(m_model->clusters(), m_model->namespaces());
}

void SecretsPage::updateActions()
{
    const bool mesh = m_context.mesh && m_context.mesh->mesh();
    m_new->setEnabled(mesh);
    m_delete->setEnabled(mesh && table()->selectionModel()->hasSelection());
}

QString SecretsPage::countText(int shown, int total) const
{
    return shown == total ? tr("%n secret(s)", nullptr, total)
                          : tr("%1 of %n secret(s)", nullptr, total).arg(shown);
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
    setBanner(notes.isEmpty() ? QString()
                              : tr("Certificates: %1.").arg(notes.join(QStringLiteral(", "))));
    showState(title, message, offerNew);
}

void SecretsPage::retranslate()
{
    m_new->setText(tr("New TLS secret…"));
    m_new->setToolTip(tr("Create a kubernetes.io/tls secret from certificate and key files"));
    m_delete->setText(tr("Delete…"));
    m_delete->setToolTip(tr("Delete the selected secret, after listing the Gateways and "
                            "DestinationRules that use it (Del)"));
    searchField()->setPlaceholderText(tr("Search name, subject, SANs, issuer"));
    stateButton()->setText(tr("New TLS secret…"));
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

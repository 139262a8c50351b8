#include "gateways/gatewaydelete.h"

#include "editors/editorsession.h"
#include "gateways/gatewayrow.h"
#include "gateways/gatewayspec.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace md::ui {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::GatewayDelete)
};

md::istio::Value identity(const QString &apiVersion, const QString &kind, const QString &ns,
                          const QString &name, const QString &resourceVersion = {})
{
    md::istio::Value object = md::istio::Value::object();
    object.insert(QStringLiteral("apiVersion"), md::istio::Value(apiVersion));
    object.insert(QStringLiteral("kind"), md::istio::Value(kind));
    md::istio::Value meta = md::istio::Value::object();
    meta.insert(QStringLiteral("name"), md::istio::Value(name));
    meta.insert(QStringLiteral("namespace"), md::istio::Value(ns));
    if (!resourceVersion.isEmpty())
        meta.insert(QStringLiteral("resourceVersion"), md::istio::Value(resourceVersion));
    object.insert(QStringLiteral("metadata"), meta);
    return object;
}

} // namespace

void confirmGatewayDelete(const PageContext &context, const md::gateways::GatewayRow &row,
                          QWidget *parent)
{
    if (!context.mesh)
        return;
    md::mesh::MeshCache *cache = context.mesh->cache();
    QList<md::apply::ApplyItem> items;
    QStringList names;
    const auto deployment = cache->object(row.context, QStringLiteral("apps"),
                                          QStringLiteral("Deployment"), row.namespace_, row.name);
    md::istio::Value live = deployment
        ? md::gateways::valueOf(deployment->toJson(), QStringLiteral("apps/v1"),
                                QStringLiteral("Deployment"))
        : identity(QStringLiteral("apps/v1"), QStringLiteral("Deployment"), row.namespace_,
                   row.name);
    items << md::apply::ApplyItem::remove(live);
    names << Tr::tr("Deployment %1/%2").arg(row.namespace_, row.name);
    if (!row.serviceName.isEmpty()) {
        const auto service = cache->object(row.context, QString(), QStringLiteral("Service"),
                                           row.namespace_, row.serviceName);
        items << md::apply::ApplyItem::remove(
            service ? md::gateways::valueOf(service->toJson(), QStringLiteral("v1"),
                                            QStringLiteral("Service"))
                    : identity(QStringLiteral("v1"), QStringLiteral("Service"), row.namespace_,
                               row.serviceName));
        names << Tr::tr("Service %1/%2").arg(row.namespace_, row.serviceName);
    }
    // The ServiceAccount MeshDesk made with it (same name, used by the pods).
    const md::istio::Value &tmpl
        = live.value(QStringLiteral("spec")).value(QStringLiteral("template"));
    const bool ours = live.value(QStringLiteral("metadata"))
                          .value(QStringLiteral("labels"))
                          .contains(QStringLiteral("meshdesk.io/gateway-type"));
    if (ours
        && tmpl.value(QStringLiteral("spec")).value(QStringLiteral("serviceAccountName")).toString()
            == row.name) {
        items << md::apply::ApplyItem::remove(identity(
            QStringLiteral("v1"), QStringLiteral("ServiceAccount"), row.namespace_, row.name));
        names << Tr::tr("ServiceAccount %1/%2").arg(row.namespace_, row.name);
    }

    const auto gateways = md::gateways::gatewaysSelecting(
        cache->snapshot({{QStringLiteral("networking.istio.io"), QStringLiteral("Gateway")}}),
        row.podLabels);

    auto dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("gatewayDeleteDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(Tr::tr("Delete gateway %1").arg(row.name));
    auto layout = new QVBoxLayout(dialog);
    auto intro = new QLabel(dialog);
    intro->setObjectName(QStringLiteral("deleteIntro"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    intro->setText(Tr::tr("Delete the gateway %1 from cluster %2? These objects are deleted:\n%3")
                       .arg(row.name, row.context,
                            QStringLiteral("  • ") + names.join(QStringLiteral("\n  • "))));
    layout->addWidget(intro);
    auto referrersLabel = new QLabel(dialog);
    referrersLabel->setWordWrap(true);
    referrersLabel->setObjectName(QStringLiteral("referrersLabel"));
    auto tree = new QTreeWidget(dialog);
    tree->setObjectName(QStringLiteral("gatewayReferrers"));
    tree->setRootIsDecorated(false);
    tree->setHeaderLabels({Tr::tr("Gateway"), Tr::tr("Cluster"), Tr::tr("Hosts")});
    for (const md::gateways::GatewayObjectRef &ref : gateways) {
        auto item = new QTreeWidgetItem(tree);
        item->setText(0, ref.namespace_ + QLatin1Char('/') + ref.name);
        item->setText(1, ref.context);
        item->setText(2, ref.hosts.join(QStringLiteral(", ")));
    }
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    if (gateways.isEmpty()) {
        referrersLabel->setText(Tr::tr("No Gateway object selects this gateway's pods."));
        tree->hide();
    } else {
        referrersLabel->setText(
            Tr::tr("%n Gateway object(s) select this gateway's pods (labels %1). Without another "
                   "deployment with these labels, their servers stop receiving traffic:",
                   nullptr, int(gateways.size()))
                .arg([&] {
                    QStringList labels;
                    for (auto it = row.podLabels.begin(); it != row.podLabels.end(); ++it)
                        labels << it.key() + QLatin1Char('=') + it.value().toString();
                    return labels.join(QStringLiteral(", "));
                }()));
    }
    layout->addWidget(referrersLabel);
    layout->addWidget(tree, 1);
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    auto review = buttons->addButton(Tr::tr("Review delete…"), QDialogButtonBox::AcceptRole);
    review->setObjectName(QStringLiteral("reviewDeleteButton"));
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog,
                     [dialog, context, items, target = row.context, parent] {
                         dialog->accept();
                         EditorSession::of(context)->reviewObjects(items, parent, target);
                     });
    dialog->resize(620, gateways.isEmpty() ? 220 : 380);
    dialog->open();
}

} // namespace md::ui

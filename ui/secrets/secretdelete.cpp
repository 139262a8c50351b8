#include "secrets/secretdelete.h"

#include "editors/editorsession.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "secrets/tlssecret.h"

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
    Q_DECLARE_TR_FUNCTIONS(md::ui::SecretDelete)
};

} // namespace

void confirmSecretDelete(const PageContext &context, const md::secrets::TlsSecretRow &row,
                         QWidget *parent)
{
    if (!context.mesh)
        return;
    const auto referrers = md::secrets::secretReferrers(
        context.mesh->cache()->snapshot(md::secrets::credentialKinds()), row.namespace_, row.name);

    // Only the identity (and the version the user saw): never the data.
    md::istio::Value secret = md::istio::Value::object();
    secret.insert(QStringLiteral("apiVersion"), md::istio::Value(QStringLiteral("v1")));
    secret.insert(QStringLiteral("kind"), md::istio::Value(QStringLiteral("Secret")));
    md::istio::Value meta = md::istio::Value::object();
    meta.insert(QStringLiteral("name"), md::istio::Value(row.name));
    meta.insert(QStringLiteral("namespace"), md::istio::Value(row.namespace_));
    meta.insert(QStringLiteral("resourceVersion"), md::istio::Value(row.resourceVersion));
    secret.insert(QStringLiteral("metadata"), meta);
    secret.insert(QStringLiteral("type"), md::istio::Value(row.type));

    auto dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("secretDeleteDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(Tr::tr("Delete TLS secret %1").arg(row.name));
    auto layout = new QVBoxLayout(dialog);
    auto intro = new QLabel(dialog);
    intro->setObjectName(QStringLiteral("deleteIntro"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    auto tree = new QTreeWidget(dialog);
    tree->setObjectName(QStringLiteral("secretReferrers"));
    tree->setRootIsDecorated(false);
    tree->setHeaderLabels({Tr::tr("Kind"), Tr::tr("Object"), Tr::tr("Cluster"), Tr::tr("Field")});
    for (const md::secrets::SecretReferrer &ref : referrers) {
        auto item = new QTreeWidgetItem(tree);
        item->setText(0, ref.kind);
        item->setText(1, ref.namespace_ + QLatin1Char('/') + ref.name);
        item->setText(2, ref.context);
        item->setText(3, ref.path);
    }
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    if (referrers.isEmpty()) {
        intro->setText(Tr::tr("Delete the secret %1/%2 from cluster %3? No Gateway or "
                              "DestinationRule names it in credentialName.")
                           .arg(row.namespace_, row.name, row.context));
        tree->hide();
    } else {
        intro->setText(Tr::tr("Delete the secret %1/%2 from cluster %3? %n object(s) name it in "
                              "credentialName; their TLS stops working until it is replaced:",
                              nullptr, int(referrers.size()))
                           .arg(row.namespace_, row.name, row.context));
    }
    layout->addWidget(intro);
    layout->addWidget(tree, 1);
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    auto review = buttons->addButton(Tr::tr("Review delete…"), QDialogButtonBox::AcceptRole);
    review->setObjectName(QStringLiteral("reviewDeleteButton"));
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog,
                     [dialog, context, secret, target = row.context, parent] {
                         dialog->accept();
                         EditorSession::of(context)->reviewObjects(
                             {md::apply::ApplyItem::remove(secret)}, parent, target);
                     });
    dialog->resize(640, referrers.isEmpty() ? 180 : 340);
    dialog->open();
}

} // namespace md::ui

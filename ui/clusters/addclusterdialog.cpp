#include "clusters/addclusterdialog.h"

#include "kube/kubeconfig.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace md::ui {

AddClusterDialog::AddClusterDialog(const md::kube::Kubeconfig &config, const QStringList &connected,
                                   QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Clusters"));
    m_list->setObjectName(QStringLiteral("contextList"));
    for (auto it = config.contexts.cbegin(); it != config.contexts.cend(); ++it) {
        if (connected.contains(it.key()))
            continue;
        const QString server = config.clusters.value(it->cluster).server;
        auto item = new QListWidgetItem(
            tr("%1 — %2").arg(it.key(), server.isEmpty() ? it->cluster : server), m_list);
        item->setData(Qt::UserRole, it.key());
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
        item->setToolTip(
            tr("Context %1: cluster %2, user %3").arg(it.key(), it->cluster, it->user));
    }
    m_hint->setWordWrap(true);
    if (m_list->count() == 0) {
        m_hint->setText(config.contexts.isEmpty()
                            ? tr("The kubeconfig has no contexts. Add one with kubectl, or start "
                                 "MeshDesk with --kubeconfig FILE.")
                            : tr("Every context of the kubeconfig is connected already."));
    } else {
        m_hint->setText(
            tr("Tick the kubeconfig contexts to connect. Each becomes a cluster of the mesh."));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(m_list, &QListWidget::itemChanged, this, &AddClusterDialog::updateButtons);
    connect(m_list, &QListWidget::itemActivated, this, [](QListWidgetItem *item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_hint);
    layout->addWidget(m_list);
    layout->addWidget(m_buttons);
    resize(560, 380);
    updateButtons();
}

QStringList AddClusterDialog::selectedContexts() const
{
    QStringList contexts;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            contexts << m_list->item(i)->data(Qt::UserRole).toString();
    }
    return contexts;
}

void AddClusterDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!selectedContexts().isEmpty());
}

} // namespace md::ui

#include "editors/draftsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace md::ui {

DraftsDialog::DraftsDialog(const QList<md::store::Draft> &drafts, QWidget *parent)
    : QDialog(parent)
    , m_drafts(drafts)
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("draftsDialog"));
    setWindowTitle(tr("Restore drafts"));
    auto intro = new QLabel(tr("MeshDesk kept %n edit(s) that were not applied when it last "
                               "closed. Restore them in the editor, or discard them.",
                               nullptr, int(drafts.size())),
                            this);
    intro->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("draftsList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Object"), tr("Cluster"), tr("Mesh"), tr("Saved")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    for (const md::store::Draft &draft : drafts) {
        auto item = new QTreeWidgetItem(m_list);
        const QString object = draft.key.isNew()
            ? tr("New %1").arg(draft.key.kind)
            : QStringLiteral("%1 %2/%3").arg(draft.key.kind, draft.key.namespace_, draft.key.name);
        item->setText(0, object);
        item->setText(1, draft.key.context);
        item->setText(2, draft.key.mesh);
        item->setText(3, QLocale().toString(draft.updated.toLocalTime(), QLocale::ShortFormat));
        item->setCheckState(0, Qt::Checked);
        item->setToolTip(0, QString::fromUtf8(draft.yaml.left(2000)));
    }
    for (int c = 1; c < 4; ++c)
        m_list->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    auto buttons = new QDialogButtonBox(this);
    auto restore = buttons->addButton(tr("Restore"), QDialogButtonBox::AcceptRole);
    restore->setObjectName(QStringLiteral("restoreButton"));
    auto discard = buttons->addButton(tr("Discard"), QDialogButtonBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardButton"));
    auto later = buttons->addButton(tr("Later"), QDialogButtonBox::RejectRole);
    later->setToolTip(tr("Keep the drafts and ask again at the next start"));
    connect(restore, &QPushButton::clicked, this, &DraftsDialog::restoreChecked);
    connect(discard, &QPushButton::clicked, this, &DraftsDialog::discardChecked);
    connect(later, &QPushButton::clicked, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(720, 360);
}

QList<md::store::Draft> DraftsDialog::checkedDrafts() const
{
    QList<md::store::Draft> checked;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->checkState(0) == Qt::Checked)
            checked << m_drafts.at(i);
    }
    return checked;
}

void DraftsDialog::restoreChecked()
{
    emit restoreRequested(checkedDrafts());
    accept();
}

void DraftsDialog::discardChecked()
{
    emit discardRequested(checkedDrafts());
    accept();
}

} // namespace md::ui

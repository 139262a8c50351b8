#include "checks/checksdialog.h"

#include "items/messagemodel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace md::ui {

ChecksDialog::ChecksDialog(md::MessageModel *model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("checksDialog"));
    m_proxy->setSourceModel(model);
    m_proxy->setFilterKeyColumn(-1); // any column
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the model's order: errors first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(MessageModel::TextColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(MessageModel::ClusterColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->setColumnWidth(MessageModel::SeverityColumn, 80);
    m_table->setColumnWidth(MessageModel::CodeColumn, 80);
    m_table->setColumnWidth(MessageModel::ObjectColumn, 260);
    m_table->setColumnWidth(MessageModel::PathColumn, 240);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    connect(model, &MessageModel::modelReset, this, &ChecksDialog::updateSummary);
    connect(m_proxy, &QSortFilterProxyModel::rowsInserted, this, &ChecksDialog::updateSummary);
    connect(m_proxy, &QSortFilterProxyModel::rowsRemoved, this, &ChecksDialog::updateSummary);
    connect(m_proxy, &QSortFilterProxyModel::modelReset, this, &ChecksDialog::updateSummary);
    resize(1100, 480);
    retranslate();
}

void ChecksDialog::retranslate()
{
    setWindowTitle(tr("Mesh Checks"));
    m_filter->setPlaceholderText(tr("Filter by code, object, field, message or cluster"));
    updateSummary();
}

void ChecksDialog::updateSummary()
{
    if (m_model->rowCount() == 0) {
        m_summary->setText(tr("No issues found in the selected mesh's policies."));
        return;
    }
    m_summary->setText(tr("%1 (showing %2 of %3)")
                           .arg(m_model->countsText())
                           .arg(m_proxy->rowCount())
                           .arg(m_model->rowCount()));
}

void ChecksDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace md::ui

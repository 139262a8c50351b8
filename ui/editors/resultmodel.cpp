#include "editors/resultmodel.h"

#include <QColor>

namespace md::ui {

using Stage = ReviewRow::Stage;

ResultModel::ResultModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ResultModel::setRows(QList<ReviewRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void ResultModel::updateRow(int index, const std::function<void(ReviewRow &)> &change)
{
    if (index < 0 || index >= m_rows.size())
        return;
    change(m_rows[index]);
    emit dataChanged(this->index(index, 0), this->index(index, NUM_COLUMNS - 1));
}

int ResultModel::count(Stage stage) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [stage](const ReviewRow &r) { return r.stage == stage; }));
}

int ResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QString ResultModel::stageText(Stage stage)
{
    switch (stage) {
    case Stage::Pending:
        return tr("Not applied yet");
    case Stage::Blocked:
        return tr("Blocked by validation errors");
    case Stage::DryRunning:
        return tr("Dry run…");
    case Stage::DryRunPassed:
        return tr("Dry run passed");
    case Stage::DryRunFailed:
        return tr("Dry run failed");
    case Stage::Applying:
        return tr("Applying…");
    case Stage::Applied:
        return tr("Applied");
    case Stage::Failed:
        return tr("Failed");
    case Stage::Skipped:
        return tr("Skipped");
    }
    return {};
}

QVariant ResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ReviewRow &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case OperationColumn:
            return md::apply::operationText(row.item.operation);
        case ObjectColumn:
            return row.item.id().displayName();
        case ChecksColumn:
            if (row.errors == 0 && row.warnings == 0)
                return tr("OK");
            if (row.warnings == 0)
                return tr("%n error(s)", nullptr, row.errors);
            if (row.errors == 0)
                return tr("%n warning(s)", nullptr, row.warnings);
            return tr("%1, %2").arg(tr("%n error(s)", nullptr, row.errors),
                                    tr("%n warning(s)", nullptr, row.warnings));
        case ResultColumn:
            return row.result.isEmpty() ? stageText(row.stage) : row.result;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn || index.column() == ChecksColumn) {
            const bool bad = index.column() == ChecksColumn
                ? row.errors > 0
                : (row.stage == Stage::Failed || row.stage == Stage::DryRunFailed
                   || row.stage == Stage::Blocked);
            if (bad)
                return QColor(0xc6, 0x28, 0x28);
            if (index.column() == ResultColumn
                && (row.stage == Stage::Applied || row.stage == Stage::DryRunPassed))
                return QColor(0x2e, 0x7d, 0x32);
        }
        return {};
    case StageRole:
        return int(row.stage);
    }
    return {};
}

QVariant ResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OperationColumn:
        return tr("Operation");
    case ObjectColumn:
        return tr("Object");
    case ChecksColumn:
        return tr("Checks");
    case ResultColumn:
        return tr("Result");
    }
    return {};
}

} // namespace md::ui

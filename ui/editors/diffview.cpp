#include "editors/diffview.h"

#include <QFontDatabase>
#include <QHeaderView>

namespace md::ui {

using md::apply::DiffRow;

DiffModel::DiffModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_left(tr("Live"))
    , m_right(tr("Edited"))
{ }

void DiffModel::setDiff(const md::apply::TextDiff &diff)
{
    beginResetModel();
    m_rows = diff.rows();
    endResetModel();
}

void DiffModel::setTitles(const QString &left, const QString &right)
{
    m_left = left;
    m_right = right;
    emit headerDataChanged(Qt::Horizontal, 0, NUM_COLUMNS - 1);
}

int DiffModel::firstChange() const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).kind != DiffRow::Kind::Same)
            return i;
    }
    return -1;
}

int DiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const DiffRow &row = m_rows.at(index.row());
    const bool left = index.column() <= LeftColumn;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LeftLineColumn:
            return row.leftLine > 0 ? QVariant(row.leftLine) : QVariant();
        case LeftColumn:
            return row.left;
        case RightLineColumn:
            return row.rightLine > 0 ? QVariant(row.rightLine) : QVariant();
        case RightColumn:
            return row.right;
        }
        return {};
    case Qt::BackgroundRole: {
        const bool empty = left ? row.leftLine == 0 : row.rightLine == 0;
        if (row.kind == DiffRow::Kind::Same)
            return {};
        if (empty)
            return QColor(0x90, 0x90, 0x90, 40);
        if (left)
            return QColor(0xe5, 0x39, 0x35, 55); // removed or changed: red
        return QColor(0x43, 0xa0, 0x47, 60); // added or changed: green
    }
    case Qt::TextAlignmentRole:
        if (index.column() == LeftLineColumn || index.column() == RightLineColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        return left ? row.left : row.right;
    case KindRole:
        return int(row.kind);
    }
    return {};
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LeftColumn:
        return m_left;
    case RightColumn:
        return m_right;
    default:
        return QString();
    }
}

DiffView::DiffView(QWidget *parent)
    : QTableView(parent)
    , m_model(new DiffModel(this))
{
    setObjectName(QStringLiteral("diffView"));
    setModel(m_model);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setShowGrid(false);
    setWordWrap(false);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 2);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setHighlightSections(false);
    fitColumns();
}

void DiffView::setDiff(const md::apply::TextDiff &diff)
{
    m_model->setDiff(diff);
    fitColumns();
    const int first = m_model->firstChange();
    if (first >= 0)
        scrollTo(m_model->index(std::max(0, first - 3), 0), QAbstractItemView::PositionAtTop);
}

void DiffView::setTitles(const QString &left, const QString &right)
{
    m_model->setTitles(left, right);
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    fitColumns();
}

void DiffView::fitColumns()
{
    const int number = fontMetrics().horizontalAdvance(QStringLiteral("99999"));
    const int text = std::max(120, (viewport()->width() - 2 * number) / 2);
    setColumnWidth(DiffModel::LeftLineColumn, number);
    setColumnWidth(DiffModel::RightLineColumn, number);
    setColumnWidth(DiffModel::LeftColumn, text);
    setColumnWidth(DiffModel::RightColumn, text);
}

} // namespace md::ui

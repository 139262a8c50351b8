#include "editors/journalmodel.h"

#include "apply/applytypes.h"

#include <QColor>
#include <QLocale>

namespace md::ui {

JournalModel::JournalModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void JournalModel::setEntries(QList<md::store::JournalEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int JournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int JournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant JournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const md::store::JournalEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.time.toLocalTime(), QLocale::ShortFormat);
        case OperationColumn:
            if (auto op = md::apply::operationFromId(e.operation))
                return md::apply::operationText(*op);
            return e.operation;
        case ObjectColumn:
            return e.namespace_.isEmpty()
                ? QStringLiteral("%1 %2").arg(e.kind, e.name)
                : QStringLiteral("%1 %2/%3").arg(e.kind, e.namespace_, e.name);
        case ClusterColumn:
            return e.context;
        case IdentityColumn:
            return e.identity;
        case ResultColumn:
            return e.succeeded ? tr("Succeeded") : tr("Failed: %1").arg(e.result);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn && !e.succeeded)
            return QColor(0xc6, 0x28, 0x28);
        return {};
    case EntryIdRole:
        return e.id;
    }
    return {};
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case OperationColumn:
        return tr("Operation");
    case ObjectColumn:
        return tr("Object");
    case ClusterColumn:
        return tr("Cluster");
    case IdentityColumn:
        return tr("By");
    case ResultColumn:
        return tr("Result");
    }
    return {};
}

} // namespace md::ui

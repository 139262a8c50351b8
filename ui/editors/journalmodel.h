#pragma once

// The journal of applied changes, one row per entry, newest first.

#include "store/journalstore.h"

#include <QAbstractTableModel>

namespace md::ui {

// Roles: Qt::DisplayRole per column, Qt::ToolTipRole, Qt::ForegroundRole (failed entries),
// EntryIdRole (qint64).
class JournalModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        TimeColumn = 0,
        OperationColumn,
        ObjectColumn,
        ClusterColumn,
        IdentityColumn,
        ResultColumn,
        NUM_COLUMNS
    };
    enum Roles { EntryIdRole = Qt::UserRole + 1 };

    explicit JournalModel(QObject *parent = nullptr);

    void setEntries(QList<md::store::JournalEntry> entries);
    const QList<md::store::JournalEntry> &entries() const { return m_entries; }
    const md::store::JournalEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<md::store::JournalEntry> m_entries;
};

} // namespace md::ui

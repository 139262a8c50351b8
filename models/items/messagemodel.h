#pragma once

#include "istio/message.h"

#include <QAbstractTableModel>

namespace md {

// Validation messages (of the live analysis of a mesh, or of files), one row each, errors
// first. setMessages() replaces the rows: rows that stay keep their place in views that
// track them by index only when the list did not change (the common case on every refresh).
//
// Roles: Qt::DisplayRole per column, Qt::ToolTipRole (the whole message),
// Qt::DecorationRole is left to views; SeverityRole (int, istio::Severity), CodeRole,
// ObjectRole (QString).
class MessageModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        SeverityColumn = 0,
        CodeColumn,
        ObjectColumn,
        PathColumn,
        TextColumn,
        ClusterColumn,
        NUM_COLUMNS
    };
    enum Roles { SeverityRole = Qt::UserRole + 1, CodeRole, ObjectRole };

    explicit MessageModel(QObject *parent = nullptr);

    void setMessages(QList<md::istio::Message> messages);
    const QList<md::istio::Message> &messages() const { return m_messages; }
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }
    QString countsText() const; // "1 error, 2 warnings"

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void countsChanged(int errors, int warnings);

private:
    QList<md::istio::Message> m_messages;
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace md

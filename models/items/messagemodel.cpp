#include "items/messagemodel.h"

#include <algorithm>

namespace md {

MessageModel::MessageModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void MessageModel::setMessages(QList<md::istio::Message> messages)
{
    // Errors first, then by cluster, object and path: stable across refreshes.
    std::stable_sort(messages.begin(), messages.end(),
                     [](const istio::Message &a, const istio::Message &b) {
                         return std::tie(a.severity, a.source, a.object, a.path, a.code)
                             < std::tie(b.severity, b.source, b.object, b.path, b.code);
                     });
    auto sameRows = [&] {
        if (messages.size() != m_messages.size())
            return false;
        for (qsizetype i = 0; i < messages.size(); ++i) {
            const istio::Message &a = messages.at(i);
            const istio::Message &b = m_messages.at(i);
            if (a.code != b.code || a.object != b.object || a.path != b.path || a.source != b.source
                || a.text != b.text || a.severity != b.severity)
                return false;
        }
        return true;
    };
    if (sameRows())
        return;
    beginResetModel();
    m_messages = std::move(messages);
    m_errors = int(std::count_if(m_messages.cbegin(), m_messages.cend(), [](const auto &m) {
        return m.severity == istio::Severity::Error;
    }));
    m_warnings = int(std::count_if(m_messages.cbegin(), m_messages.cend(), [](const auto &m) {
        return m.severity == istio::Severity::Warning;
    }));
    endResetModel();
    emit countsChanged(m_errors, m_warnings);
}

QString MessageModel::countsText() const
{
    const QString errors = m_errors == 1 ? tr("1 error") : tr("%1 errors").arg(m_errors);
    const QString warnings = m_warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(m_warnings);
    return tr("%1, %2").arg(errors, warnings);
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int MessageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const istio::Message &m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return istio::severityName(m.severity);
        case CodeColumn:
            return m.code;
        case ObjectColumn:
            return m.object;
        case PathColumn:
            return m.path;
        case TextColumn:
            return m.text;
        case ClusterColumn:
            return m.source;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return m.toString();
    case SeverityRole:
        return int(m.severity);
    case CodeRole:
        return m.code;
    case ObjectRole:
        return m.object;
    default:
        return {};
    }
}

QVariant MessageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case CodeColumn:
        return tr("Code");
    case ObjectColumn:
        return tr("Object");
    case PathColumn:
        return tr("Field");
    case TextColumn:
        return tr("Message");
    case ClusterColumn:
        return tr("Cluster");
    default:
        return {};
    }
}

} // namespace md

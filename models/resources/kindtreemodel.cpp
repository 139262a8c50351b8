#include "resources/kindtreemodel.h"

#include <algorithm>

namespace md::resources {

KindTreeModel::KindTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

void KindTreeModel::setKinds(QList<KindInfo> kinds)
{
    std::sort(kinds.begin(), kinds.end(), [](const KindInfo &a, const KindInfo &b) {
        return std::tie(a.group, a.kind) < std::tie(b.group, b.kind);
    });
    bool same = kinds.size() == m_kinds.size();
    for (qsizetype i = 0; same && i < kinds.size(); ++i)
        same = kinds.at(i).group == m_kinds.at(i).group && kinds.at(i).kind == m_kinds.at(i).kind;
    if (same) {
        m_kinds = kinds;
        if (!m_groups.isEmpty()) {
            emit dataChanged(index(0, 0), index(int(m_groups.size()) - 1, NUM_COLUMNS - 1));
            for (int g = 0; g < m_groups.size(); ++g) {
                const QModelIndex parent = index(g, 0);
                if (rowCount(parent) > 0)
                    emit dataChanged(index(0, 0, parent),
                                     index(rowCount(parent) - 1, NUM_COLUMNS - 1, parent));
            }
        }
        return;
    }
    beginResetModel();
    m_kinds = kinds;
    m_groups.clear();
    m_children.clear();
    for (int i = 0; i < m_kinds.size(); ++i) {
        if (m_groups.isEmpty() || m_groups.last() != m_kinds.at(i).group) {
            m_groups.append(m_kinds.at(i).group);
            m_children.append(QList<int>());
        }
        m_children.last().append(i);
    }
    endResetModel();
}

const KindInfo *KindTreeModel::kind(const QString &group, const QString &kind) const
{
    for (const KindInfo &info : m_kinds) {
        if (info.group == group && info.kind == kind)
            return &info;
    }
    return nullptr;
}

QModelIndex KindTreeModel::indexOf(const QString &group, const QString &kind) const
{
    const int g = int(m_groups.indexOf(group));
    if (g < 0)
        return {};
    const QModelIndex groupIndex = index(g, 0);
    if (kind.isEmpty())
        return groupIndex;
    const QList<int> &children = m_children.at(g);
    for (int row = 0; row < children.size(); ++row) {
        if (m_kinds.at(children.at(row)).kind == kind)
            return index(row, 0, groupIndex);
    }
    return {};
}

QModelIndex KindTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= NUM_COLUMNS || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_groups.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_children.size())
        return {};
    if (row >= m_children.at(parent.row()).size())
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex KindTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int KindTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_children.value(parent.row()).size());
}

int KindTreeModel::columnCount(const QModelIndex &) const
{
    return NUM_COLUMNS;
}

int KindTreeModel::groupCount(int groupRow) const
{
    int sum = 0;
    for (int i : m_children.at(groupRow))
        sum += m_kinds.at(i).count;
    return sum;
}

QVariant KindTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool isGroup = index.internalId() == 0;
    const int groupRow = isGroup ? index.row() : int(index.internalId()) - 1;
    const KindInfo *info = isGroup ? nullptr : &m_kinds.at(m_children.at(groupRow).at(index.row()));
    const int count = info ? info->count : groupCount(groupRow);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == CountColumn)
            return count;
        return info ? info->kind : m_groups.at(groupRow);
    case Qt::ToolTipRole:
        if (info)
            return tr("%1 (%2), served by %3")
                .arg(info->kind, info->apiVersion, info->clusters.join(QStringLiteral(", ")));
        return tr("%n object(s) in API group %1", nullptr, count).arg(m_groups.at(groupRow));
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case GroupRole:
        return m_groups.at(groupRow);
    case KindRole:
        return info ? info->kind : QString();
    case CountRole:
        return count;
    }
    return {};
}

QVariant KindTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    return section == NameColumn ? tr("Kind") : tr("Objects");
}

} // namespace md::resources

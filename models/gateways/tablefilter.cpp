#include "gateways/tablefilter.h"

namespace md::gateways {

TableFilterModel::TableFilterModel(int contextRole, int namespaceRole, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_contextRole(contextRole)
    , m_namespaceRole(namespaceRole)
{
    setSortRole(Qt::UserRole); // models give a sort key there, else display text is used
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void TableFilterModel::setClusterFilter(const QString &context)
{
    if (context == m_cluster)
        return;
    m_cluster = context;
    invalidateRowsFilter();
}

void TableFilterModel::setNamespaceFilter(const QString &ns)
{
    if (ns == m_namespace)
        return;
    m_namespace = ns;
    invalidateRowsFilter();
}

void TableFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateRowsFilter();
}

bool TableFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (!m_cluster.isEmpty() && first.data(m_contextRole).toString() != m_cluster)
        return false;
    if (!m_namespace.isEmpty() && first.data(m_namespaceRole).toString() != m_namespace)
        return false;
    if (m_search.isEmpty())
        return true;
    for (int column = 0; column < source->columnCount(sourceParent); ++column) {
        if (source->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace md::gateways

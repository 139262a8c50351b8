#include "items/policyfiltermodel.h"

#include "items/policylistmodel.h"

namespace md {

PolicyFilterModel::PolicyFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void PolicyFilterModel::setPolicyModel(PolicyListModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void PolicyFilterModel::setNamespaceFilter(const QString &ns)
{
    if (ns == m_namespace)
        return;
    const Change change = m_namespace.isEmpty() ? Narrower : (ns.isEmpty() ? Wider : Other);
    m_namespace = ns;
    refilter(change);
}

void PolicyFilterModel::setClusterFilter(const QString &cluster)
{
    if (cluster == m_cluster)
        return;
    const Change change = m_cluster.isEmpty() ? Narrower : (cluster.isEmpty() ? Wider : Other);
    m_cluster = cluster;
    refilter(change);
}

void PolicyFilterModel::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    const QString before = m_search.toLower(), after = text.toLower();
    const Change change = after.startsWith(before) ? Narrower
        : before.startsWith(after)                 ? Wider
                                                   : Other;
    m_search = text;
    m_terms = after.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    refilter(change);
}

void PolicyFilterModel::refilter(Change change)
{
    // When the new filter only narrows (or only widens) the old one, counting the rows it
    // accepts tells how many come or go: none (typing "v", "vs", "vs-" over 50,000 rows
    // that all match) needs nothing; a few are placed one by one; many take invalidate(),
    // which filters and sorts in one pass with one layout change (invalidateRowsFilter()
    // would signal every run of rows that comes or goes: seconds at 50,000 rows).
    if (m_model && change != Other) {
        int accepted = 0;
        for (int row = 0, rows = m_model->rowCount(); row < rows; ++row)
            accepted += filterAcceptsRow(row, {}) ? 1 : 0;
        const int moved = std::abs(accepted - rowCount());
        if (moved == 0)
            return;
        if (moved < 1000) {
            invalidateRowsFilter();
            return;
        }
    }
    invalidate();
}

bool PolicyFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return true;
    const PolicyRow &row = m_model->rowAt(sourceRow);
    if (!m_namespace.isEmpty() && row.namespace_ != m_namespace)
        return false;
    if (!m_cluster.isEmpty() && row.context != m_cluster)
        return false;
    for (const QString &term : m_terms) {
        if (!row.haystack.contains(term))
            return false;
    }
    return true;
}

bool PolicyFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    const int l = left.row(), r = right.row();
    const PolicyRow &a = m_model->rowAt(l);
    const PolicyRow &b = m_model->rowAt(r);
    int order = 0;
    switch (m_model->columnAt(left.column())) {
    case PolicyColumn::Checks: {
        // Errors first when ascending: severity 0 (Error) < 1 < 2 < none.
        auto rank = [this](int row) {
            const int s = m_model->checksAt(row).severity();
            return s < 0 ? 3 : s;
        };
        order = rank(l) - rank(r);
        break;
    }
    case PolicyColumn::Age:
        // Youngest first when ascending, as kubectl's AGE reads.
        order = a.created == b.created ? 0 : (a.created > b.created ? -1 : 1);
        break;
    default:
        // Kubernetes names, namespaces and hosts are lower case: a plain compare sorts them
        // as users expect, several times faster than a case-folding one.
        order = QString::compare(a.cells.at(left.column()), b.cells.at(left.column()));
        break;
    }
    if (order != 0)
        return order < 0;
    // Ties: by namespace, name and cluster, so the order is stable.
    if (const int c = QString::compare(a.namespace_, b.namespace_))
        return c < 0;
    if (const int c = QString::compare(a.name, b.name))
        return c < 0;
    return a.context < b.context;
}

} // namespace md

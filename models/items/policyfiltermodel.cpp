#include "items/policyfiltermodel.h"

#include "items/policylistmodel.h"

#include <algorithm>

namespace md {

namespace {

// Up to this many rows that come or go are signalled one by one (views then keep their
// place cheaply); more take one layout change.
constexpr qsizetype SingleChanges = 64;

} // namespace

PolicyFilterModel::PolicyFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
{ }

void PolicyFilterModel::setPolicyModel(PolicyListModel *model)
{
    setSourceModel(model);
}

void PolicyFilterModel::setSourceModel(QAbstractItemModel *model)
{
    beginResetModel();
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    QAbstractProxyModel::setSourceModel(model);
    m_model = qobject_cast<PolicyListModel *>(model);
    if (model) {
        connect(model, &QAbstractItemModel::dataChanged, this,
                &PolicyFilterModel::sourceDataChanged);
        connect(model, &QAbstractItemModel::headerDataChanged, this,
                &QAbstractItemModel::headerDataChanged);
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                &PolicyFilterModel::sourceRowsAboutToBeRemoved);
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                &PolicyFilterModel::sourceRowsRemoved);
        connect(model, &QAbstractItemModel::rowsInserted, this,
                &PolicyFilterModel::sourceRowsInserted);
        // Everything else a table model may signal starts over.
        auto begin = [this] { beginResetModel(); };
        auto end = [this] {
            rebuild();
            endResetModel();
        };
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this, begin);
        connect(model, &QAbstractItemModel::modelReset, this, end);
        connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this,
                &PolicyFilterModel::sourceLayoutAboutToBeChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this,
                &PolicyFilterModel::sourceLayoutChanged);
        connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this, begin);
        connect(model, &QAbstractItemModel::rowsMoved, this, end);
        connect(model, &QAbstractItemModel::columnsAboutToBeInserted, this, begin);
        connect(model, &QAbstractItemModel::columnsInserted, this, end);
        connect(model, &QAbstractItemModel::columnsAboutToBeRemoved, this, begin);
        connect(model, &QAbstractItemModel::columnsRemoved, this, end);
        connect(model, &QAbstractItemModel::columnsAboutToBeMoved, this, begin);
        connect(model, &QAbstractItemModel::columnsMoved, this, end);
    }
    rebuild();
    endResetModel();
}

void PolicyFilterModel::setNamespaceFilter(const QString &ns)
{
    if (ns == m_namespace)
        return;
    const bool narrower = m_namespace.isEmpty();
    m_namespace = ns;
    relayout(narrower);
}

void PolicyFilterModel::setClusterFilter(const QString &cluster)
{
    if (cluster == m_cluster)
        return;
    const bool narrower = m_cluster.isEmpty();
    m_cluster = cluster;
    relayout(narrower);
}

void PolicyFilterModel::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    const QString before = m_search.toLower(), after = text.toLower();
    m_search = text;
    m_terms = after.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    relayout(after.startsWith(before)); // typing on only narrows
}

bool PolicyFilterModel::accepts(int sourceRow) const
{
    if (!m_model)
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

bool PolicyFilterModel::lessThan(int left, int right) const
{
    if (m_sortColumn < 0 || !m_model)
        return left < right; // the source's order
    if (m_order == Qt::DescendingOrder)
        std::swap(left, right);
    const PolicyRow &a = m_model->rowAt(left);
    const PolicyRow &b = m_model->rowAt(right);
    int order = 0;
    switch (m_model->columnAt(m_sortColumn)) {
    case PolicyColumn::Checks: {
        // Errors first when ascending: severity 0 (Error) < 1 < 2 < none.
        auto rank = [this](int row) {
            const int s = m_model->checksAt(row).severity();
            return s < 0 ? 3 : s;
        };
        order = rank(left) - rank(right);
        break;
    }
    case PolicyColumn::Age:
        // Youngest first when ascending, as kubectl's AGE reads.
        order = a.created == b.created ? 0 : (a.created > b.created ? -1 : 1);
        break;
    default:
        // Kubernetes names, namespaces and hosts are lower case: a plain compare sorts them
        // as users expect, several times faster than a case-folding one.
        order = QString::compare(a.cells.at(m_sortColumn), b.cells.at(m_sortColumn));
        break;
    }
    if (order != 0)
        return order < 0;
    // Ties: by namespace, name and cluster, so the order is stable.
    if (const int c = QString::compare(a.namespace_, b.namespace_))
        return c < 0;
    if (const int c = QString::compare(a.name, b.name))
        return c < 0;
    if (const int c = QString::compare(a.context, b.context))
        return c < 0;
    return left < right;
}

void PolicyFilterModel::rebuild()
{
    const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
    m_sorted.resize(size_t(rows));
    for (int row = 0; row < rows; ++row)
        m_sorted[size_t(row)] = row;
    if (m_sortColumn >= 0 && m_sortColumn < columnCount()) {
        // Big batches of rows arrive in name order (PolicyListModel): each batch is a sorted
        // run, and two runs are merged in one pass.
        const auto less = [this](int a, int b) { return lessThan(a, b); };
        const auto run = std::is_sorted_until(m_sorted.begin(), m_sorted.end(), less);
        if (run != m_sorted.end()) {
            if (std::is_sorted(run, m_sorted.end(), less))
                std::inplace_merge(m_sorted.begin(), run, m_sorted.end(), less);
            else
                std::sort(m_sorted.begin(), m_sorted.end(), less);
        }
    }
    updateShown(false);
    updateProxyOf();
}

void PolicyFilterModel::updateShown(bool onlyShown)
{
    std::vector<int> shown;
    const std::vector<int> &from = onlyShown ? m_shown : m_sorted;
    shown.reserve(from.size());
    const bool all = m_namespace.isEmpty() && m_cluster.isEmpty() && m_terms.isEmpty();
    for (int row : from) {
        if (all || accepts(row))
            shown.push_back(row);
    }
    m_shown = std::move(shown);
}

void PolicyFilterModel::updateProxyOf()
{
    const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
    m_proxyOf.assign(size_t(rows), -1);
    for (size_t p = 0; p < m_shown.size(); ++p)
        m_proxyOf[size_t(m_shown[p])] = int(p);
    m_rank.assign(size_t(rows), -1);
    for (size_t i = 0; i < m_sorted.size(); ++i)
        m_rank[size_t(m_sorted[i])] = int(i);
}

void PolicyFilterModel::beginLayout()
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_layoutProxy = persistentIndexList();
    m_layoutSource.clear();
    m_layoutSource.reserve(size_t(m_layoutProxy.size()));
    for (const QModelIndex &index : std::as_const(m_layoutProxy)) {
        const bool valid = index.isValid() && size_t(index.row()) < m_shown.size();
        m_layoutSource.emplace_back(valid ? m_shown[size_t(index.row())] : -1, index.column());
    }
}

void PolicyFilterModel::endLayout()
{
    QModelIndexList to;
    to.reserve(m_layoutProxy.size());
    for (const auto &[source, column] : m_layoutSource) {
        const int proxy
            = source >= 0 && size_t(source) < m_proxyOf.size() ? m_proxyOf[size_t(source)] : -1;
        to << (proxy >= 0 ? createIndex(proxy, column) : QModelIndex());
    }
    changePersistentIndexList(m_layoutProxy, to);
    m_layoutProxy.clear();
    m_layoutSource.clear();
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void PolicyFilterModel::relayout(bool onlyShown)
{
    std::vector<int> before = m_shown;
    updateShown(onlyShown);
    if (m_shown == before)
        return; // nothing comes or goes (typing "v", "vs", "vs-" over rows that all match)
    std::vector<int> after = std::move(m_shown);
    m_shown = std::move(before);
    beginLayout();
    m_shown = std::move(after);
    updateProxyOf();
    endLayout();
}

void PolicyFilterModel::sort(int column, Qt::SortOrder order)
{
    beginLayout();
    m_sortColumn = column;
    m_order = order;
    rebuild();
    endLayout();
}

void PolicyFilterModel::sourceDataChanged(const QModelIndex &topLeft,
                                          const QModelIndex &bottomRight)
{
    if (!topLeft.isValid() || !bottomRight.isValid()
        || size_t(bottomRight.row()) >= m_proxyOf.size())
        return;
    const int first = topLeft.row(), last = bottomRight.row();
    if (last - first + 1 > SingleChanges) {
        if (!m_shown.empty())
            emit dataChanged(index(0, topLeft.column()),
                             index(rowCount() - 1, bottomRight.column()));
    } else {
        for (int row = first; row <= last; ++row) {
            const int proxy = m_proxyOf[size_t(row)];
            if (proxy >= 0)
                emit dataChanged(index(proxy, topLeft.column()),
                                 index(proxy, bottomRight.column()));
        }
    }

    // Rows that now sort elsewhere, or that come or go with the filter.
    const bool sortMoves = m_sortColumn >= topLeft.column() && m_sortColumn <= bottomRight.column();
    std::vector<int> moved;
    bool comesOrGoes = false;
    for (int row = first; row <= last; ++row) {
        if (accepts(row) != (m_proxyOf[size_t(row)] >= 0))
            comesOrGoes = true;
        if (sortMoves) {
            const size_t at = size_t(m_rank[size_t(row)]);
            if ((at > 0 && lessThan(row, m_sorted[at - 1]))
                || (at + 1 < m_sorted.size() && lessThan(m_sorted[at + 1], row)))
                moved.push_back(row);
        }
    }
    if (moved.empty() && !comesOrGoes)
        return;
    beginLayout();
    if (qsizetype(moved.size()) > SingleChanges) {
        std::sort(m_sorted.begin(), m_sorted.end(),
                  [this](int a, int b) { return lessThan(a, b); });
    } else if (!moved.empty()) {
        std::vector<char> isMoved(m_proxyOf.size(), 0);
        for (int row : moved)
            isMoved[size_t(row)] = 1;
        std::erase_if(m_sorted, [&](int row) { return isMoved[size_t(row)] != 0; });
        for (int row : moved) {
            const auto at = std::lower_bound(m_sorted.begin(), m_sorted.end(), row,
                                             [this](int a, int b) { return lessThan(a, b); });
            m_sorted.insert(at, row);
        }
    }
    updateShown(false);
    updateProxyOf();
    endLayout();
}

void PolicyFilterModel::sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    std::vector<int> proxies;
    for (int row = first; row <= last; ++row) {
        if (m_proxyOf[size_t(row)] >= 0)
            proxies.push_back(m_proxyOf[size_t(row)]);
    }
    m_removedInLayout = qsizetype(proxies.size()) > SingleChanges;
    if (m_removedInLayout) {
        beginLayout();
        return;
    }
    // One by one, from the bottom, so the proxy rows above stay put.
    std::sort(proxies.begin(), proxies.end(), std::greater<int>());
    for (int proxy : proxies) {
        beginRemoveRows({}, proxy, proxy);
        m_proxyOf[size_t(m_shown[size_t(proxy)])] = -1;
        m_shown.erase(m_shown.begin() + proxy);
        for (size_t p = size_t(proxy); p < m_shown.size(); ++p)
            m_proxyOf[size_t(m_shown[p])] = int(p);
        endRemoveRows();
    }
}

void PolicyFilterModel::sourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    auto renumber = [first, last, count](std::vector<int> &rows) {
        std::erase_if(rows, [first, last](int row) { return row >= first && row <= last; });
        for (int &row : rows) {
            if (row > last)
                row -= count;
        }
    };
    renumber(m_sorted);
    renumber(m_shown);
    updateProxyOf();
    if (std::exchange(m_removedInLayout, false)) {
        for (auto &[source, column] : m_layoutSource) {
            if (source >= first && source <= last)
                source = -1;
            else if (source > last)
                source -= count;
        }
        endLayout();
    }
}

void PolicyFilterModel::sourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    for (std::vector<int> *rows : {&m_sorted, &m_shown}) {
        for (int &row : *rows) {
            if (row >= first)
                row += count;
        }
    }
    updateProxyOf();
    std::vector<int> added;
    for (int row = first; row <= last; ++row)
        added.push_back(row);
    auto less = [this](int a, int b) { return lessThan(a, b); };
    std::sort(added.begin(), added.end(), less);
    std::vector<int> shownAdded;
    for (int row : added) {
        if (accepts(row))
            shownAdded.push_back(row);
    }
    if (qsizetype(shownAdded.size()) > SingleChanges) {
        beginLayout();
        const auto middle = m_sorted.insert(m_sorted.end(), added.begin(), added.end());
        std::inplace_merge(m_sorted.begin(), middle, m_sorted.end(), less);
        updateShown(false);
        updateProxyOf();
        endLayout();
        return;
    }
    for (int row : added)
        m_sorted.insert(std::lower_bound(m_sorted.begin(), m_sorted.end(), row, less), row);
    for (int row : shownAdded) {
        const int proxy
            = int(std::lower_bound(m_shown.begin(), m_shown.end(), row, less) - m_shown.begin());
        beginInsertRows({}, proxy, proxy);
        m_shown.insert(m_shown.begin() + proxy, row);
        for (size_t p = size_t(proxy); p < m_shown.size(); ++p)
            m_proxyOf[size_t(m_shown[p])] = int(p);
        endInsertRows();
    }
    updateProxyOf(); // m_rank
}

void PolicyFilterModel::sourceLayoutAboutToBeChanged()
{
    beginLayout();
}

void PolicyFilterModel::sourceLayoutChanged()
{
    const std::vector<int> renumbered = m_model ? m_model->rowsRenumbered() : std::vector<int>();
    const int rows = sourceModel() ? sourceModel()->rowCount() : 0;
    if (renumbered.size() != m_proxyOf.size()) {
        // Not a batch removal of PolicyListModel: what moved where is unknown.
        for (auto &[source, column] : m_layoutSource)
            source = -1;
        rebuild();
        endLayout();
        return;
    }
    auto renumber = [&renumbered, rows](std::vector<int> &list) {
        size_t kept = 0;
        for (int row : list) {
            const int now = renumbered[size_t(row)];
            if (now >= 0 && now < rows)
                list[kept++] = now;
        }
        list.resize(kept);
    };
    renumber(m_sorted);
    renumber(m_shown);
    updateProxyOf();
    for (auto &[source, column] : m_layoutSource)
        source = source >= 0 ? renumbered[size_t(source)] : -1;
    endLayout();
}

QModelIndex PolicyFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex PolicyFilterModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex PolicyFilterModel::sibling(int row, int column, const QModelIndex &index) const
{
    return index.isValid() ? this->index(row, column) : QModelIndex();
}

int PolicyFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int PolicyFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool PolicyFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

QVariant PolicyFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal)
        return sourceModel() ? sourceModel()->headerData(section, orientation, role) : QVariant();
    return QAbstractItemModel::headerData(section, orientation, role);
}

QModelIndex PolicyFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || size_t(proxyIndex.row()) >= m_shown.size())
        return {};
    return sourceModel()->index(m_shown[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex PolicyFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || size_t(sourceIndex.row()) >= m_proxyOf.size())
        return {};
    const int proxy = m_proxyOf[size_t(sourceIndex.row())];
    return proxy >= 0 ? createIndex(proxy, sourceIndex.column()) : QModelIndex();
}

} // namespace md

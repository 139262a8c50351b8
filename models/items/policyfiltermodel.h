#pragma once

#include <QAbstractProxyModel>
#include <QStringList>

#include <vector>

namespace md {

class PolicyListModel;

// Filters a PolicyListModel by namespace and cluster and by a search text (every word must
// occur in the name, namespace, hosts or tags; case-insensitive), and sorts it: text
// columns by their text, Checks by severity (errors first), Age by creation time.
//
// Built for 50,000 rows: it reads the rows directly rather than through data(), and keeps
// every source row in sort order whether shown or not, so a filter change is one pass over
// that order (no sort) and one layout change; a changed row moves only when its sort key
// moved past a neighbour; a few inserted or removed rows are placed by binary search and
// signalled one by one, many in one layout change (PolicyListModel signals a batch removal
// as a layout change and says how it renumbered its rows: one pass here too).
class PolicyFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit PolicyFilterModel(QObject *parent = nullptr);

    void setPolicyModel(PolicyListModel *model);
    PolicyListModel *policyModel() const { return m_model; }

    // Empty: every namespace / cluster.
    void setNamespaceFilter(const QString &ns);
    void setClusterFilter(const QString &cluster);
    void setSearchText(const QString &text);
    QString namespaceFilter() const { return m_namespace; }
    QString clusterFilter() const { return m_cluster; }
    QString searchText() const { return m_search; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_order; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    bool accepts(int sourceRow) const;
    bool lessThan(int left, int right) const; // source rows, in the current order
    void setSourceModel(QAbstractItemModel *model) override;

    // Rebuilds the shown rows from m_sorted, with persistent indexes moved along.
    void relayout(bool onlyShown);
    void rebuild(); // sorts everything again (a reset or a new sort order)
    void updateShown(bool onlyShown);
    void updateProxyOf(); // and m_rank
    void beginLayout();
    void endLayout();

    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void sourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void sourceRowsRemoved(const QModelIndex &parent, int first, int last);
    void sourceRowsInserted(const QModelIndex &parent, int first, int last);
    void sourceLayoutAboutToBeChanged();
    void sourceLayoutChanged();

    PolicyListModel *m_model = nullptr; // Not owned.
    QString m_namespace;
    QString m_cluster;
    QString m_search;
    QStringList m_terms; // lower-case words of the search text
    int m_sortColumn = -1;
    Qt::SortOrder m_order = Qt::AscendingOrder;

    std::vector<int> m_sorted; // every source row, in sort order
    std::vector<int> m_shown; // proxy row -> source row
    std::vector<int> m_proxyOf; // source row -> proxy row, or -1
    std::vector<int> m_rank; // source row -> index in m_sorted
    // While a layout change is under way: the persistent indexes as source rows.
    QModelIndexList m_layoutProxy;
    std::vector<std::pair<int, int>> m_layoutSource; // (source row, column)
    bool m_removedInLayout = false; // the rows being removed are signalled as a layout change
};

} // namespace md

#pragma once

#include <QSortFilterProxyModel>

namespace md::gateways {

// The filters of the gateway and TLS secret lists: one cluster, one namespace (matched on
// the source's ContextRole and NamespaceRole) and a search text found in any column's
// display text (case-insensitive). Sorts by SortRole when the source gives it.
class TableFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    TableFilterModel(int contextRole, int namespaceRole, QObject *parent = nullptr);

    void setClusterFilter(const QString &context);
    void setNamespaceFilter(const QString &ns);
    void setSearchText(const QString &text);
    QString clusterFilter() const { return m_cluster; }
    QString namespaceFilter() const { return m_namespace; }
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_contextRole;
    int m_namespaceRole;
    QString m_cluster;
    QString m_namespace;
    QString m_search;
};

} // namespace md::gateways

#pragma once

#include <QAbstractItemModel>
#include <QList>
#include <QStringList>

namespace md::resources {

// One kind a mesh's clusters serve.
struct KindInfo
{
    QString group; // "networking.istio.io"
    QString kind; // "VirtualService"
    QString apiVersion; // the version the first cluster serves: "networking.istio.io/v1"
    QStringList clusters; // those that serve it
    int count = 0; // objects across the clusters
};

// The kinds of the *.istio.io groups, grouped by API group: the groups at the top (their
// count the sum of their kinds'), their kinds below, both sorted by name. A new set of
// kinds with the same structure only changes the counts (selections stay).
//
// Columns: the name, the count. Roles: Qt::DisplayRole, Qt::ToolTipRole (the clusters that
// serve a kind), GroupRole, KindRole (empty on group rows), CountRole (int).
class KindTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Columns { NameColumn = 0, CountColumn, NUM_COLUMNS };
    enum Roles { GroupRole = Qt::UserRole + 1, KindRole, CountRole };

    explicit KindTreeModel(QObject *parent = nullptr);

    void setKinds(QList<KindInfo> kinds);
    QStringList groups() const { return m_groups; }
    const QList<KindInfo> &kinds() const { return m_kinds; }
    // The info of a kind (null when not served).
    const KindInfo *kind(const QString &group, const QString &kind) const;
    QModelIndex indexOf(const QString &group, const QString &kind = {}) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // Kind rows carry their group's row + 1 as internal id; group rows carry 0.
    int groupCount(int groupRow) const;

    QStringList m_groups; // sorted
    QList<KindInfo> m_kinds; // sorted by group, then kind
    QList<QList<int>> m_children; // group row -> indexes into m_kinds
};

} // namespace md::resources

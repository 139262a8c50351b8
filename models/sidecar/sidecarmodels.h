#pragma once

// Item models of the sidecar pages: the workloads and namespaces of a SidecarInventory as
// tables, their filters, and the loader that builds the inventory from the selected mesh's
// caches in a worker thread (latest snapshot wins).
//
// Updates are incremental by key: rows still present are replaced in place (dataChanged when
// they differ), rows gone are removed, new rows appended, so selections survive a refresh.
//
// Roles (both tables): Qt::DisplayRole, Qt::ToolTipRole, SortRole (numbers for counts),
// KeyRole, ContextRole, NamespaceRole, NameRole, HighlightRole; the workload table adds StatusRole
// (int WorkloadStatus).

#include "sidecar/workloads.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QPointer>
#include <QSortFilterProxyModel>

#include <functional>

namespace md::mesh {
class SelectedMesh;
}

namespace md::sidecar {

enum SidecarRoles {
    SortRole = Qt::UserRole + 1,
    KeyRole,
    ContextRole,
    NamespaceRole,
    NameRole,
    StatusRole,
    HighlightRole, // bool: a partial injection or pods waiting for a restart
};

class WorkloadTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        KindColumn,
        NamespaceColumn,
        ClusterColumn,
        StatusColumn,
        PodsColumn,
        VersionsColumn,
        CpuColumn,
        MemoryColumn,
        PassthroughColumn,
        ColumnCount
    };

    explicit WorkloadTableModel(QObject *parent = nullptr);

    void setRows(QList<WorkloadRow> rows);
    const WorkloadRow &rowAt(int row) const { return m_rows.at(row); }
    const QList<WorkloadRow> &rows() const { return m_rows; }
    int rowOfKey(const QString &key) const { return m_rowOfKey.value(key, -1); }
    // Lower-case text searched by the filter (name, namespace, kind, template labels).
    const QString &searchTextAt(int row) const { return m_search.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rebuildIndex(); // the key index and search texts, after m_rows changed
    QList<WorkloadRow> m_rows;
    QStringList m_search;
    QHash<QString, int> m_rowOfKey;
};

class NamespaceTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        ClusterColumn,
        PolicyColumn,
        LabelColumn,
        PodsColumn,
        WaitingColumn,
        WorkloadsColumn,
        ColumnCount
    };

    explicit NamespaceTableModel(QObject *parent = nullptr);

    void setRows(QList<NamespaceRow> rows);
    const NamespaceRow &rowAt(int row) const { return m_rows.at(row); }
    const QList<NamespaceRow> &rows() const { return m_rows; }
    int rowOfKey(const QString &key) const { return m_rowOfKey.value(key, -1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void reindex();
    QList<NamespaceRow> m_rows;
    QHash<QString, int> m_rowOfKey;
};

// Workloads by cluster, namespace, status and search text (every word must match).
class WorkloadFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit WorkloadFilterModel(QObject *parent = nullptr);
    void setWorkloadModel(WorkloadTableModel *model);
    void setClusterFilter(const QString &context);
    void setNamespaceFilter(const QString &ns);
    void setStatusFilter(int status); // WorkloadStatus, or -1 for all
    void setSearchText(const QString &text);
    QString clusterFilter() const { return m_cluster; }
    QString namespaceFilter() const { return m_namespace; }
    int statusFilter() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // Compares the rows' fields directly (no QVariant per comparison) for the text and
    // number columns, as SortRole would.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    WorkloadTableModel *m_model = nullptr; // Not owned.
    QString m_cluster;
    QString m_namespace;
    int m_status = -1;
    QStringList m_words;
};

// Namespaces by cluster, system namespaces hidden (by default), and search text.
class NamespaceFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit NamespaceFilterModel(QObject *parent = nullptr);
    void setNamespaceModel(NamespaceTableModel *model);
    void setClusterFilter(const QString &context);
    void setHideSystem(bool hide);
    void setSearchText(const QString &text);
    bool hidesSystem() const { return m_hideSystem; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    NamespaceTableModel *m_model = nullptr; // Not owned.
    QString m_cluster;
    bool m_hideSystem = true;
    QString m_search;
};

// Builds the inventory of the selected mesh (or of a source, in tests and benchmarks) in a
// worker thread whenever the caches change, and feeds both tables.
class SidecarInventoryLoader final : public QObject
{
    Q_OBJECT

public:
    explicit SidecarInventoryLoader(QObject *parent = nullptr);
    ~SidecarInventoryLoader() override;

    void setMesh(md::mesh::SelectedMesh *mesh);
    void setSource(std::function<md::mesh::MeshCache::Snapshot()> source);
    void refresh();
    bool isUpdating() const { return m_running || m_again; }
    int updates() const { return m_updates; }

    WorkloadTableModel *workloads() const { return m_workloads; }
    NamespaceTableModel *namespaces() const { return m_namespaces; }
    const SidecarInventory &inventory() const { return m_inventory; }

signals:
    void updated();

private:
    void apply(SidecarInventory inventory);

    QPointer<md::mesh::SelectedMesh> m_mesh;
    std::function<md::mesh::MeshCache::Snapshot()> m_source;
    WorkloadTableModel *m_workloads = nullptr; // Owned (child).
    NamespaceTableModel *m_namespaces = nullptr; // Owned (child).
    SidecarInventory m_inventory;
    QFutureWatcher<SidecarInventory> m_watcher;
    bool m_running = false;
    bool m_again = false;
    int m_updates = 0;
};

} // namespace md::sidecar

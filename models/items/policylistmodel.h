#pragma once

#include "istio/message.h"
#include "items/policyrow.h"
#include "mesh/meshcache.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>
#include <vector>

namespace md::mesh {
class SelectedMesh;
}

namespace md {

// The objects of one Istio kind across the clusters of a mesh, one row per object and
// cluster, with the kind's columns (policyColumns()) and the worst live-check severity.
//
// A big first list (more than 10,000 objects) comes in two steps of one worker run so that
// the page shows rows at once: a screenful first, then the rest, which arrives in name order.
//
// Updates are incremental: each cache snapshot is compared with the rows by key and
// resourceVersion in a worker thread, where only new or changed objects are read
// (makePolicyRow); the GUI thread then replaces, removes and appends just those rows, so
// selections and scroll positions survive. Live-check messages (LiveAnalysis, or
// setMessages()) are matched to rows by cluster and "Kind namespace/name".
//
// Roles: Qt::DisplayRole and Qt::ToolTipRole per column (the messages on the Checks
// column), KeyRole, ContextRole, NamespaceRole, NameRole (QString), SeverityRole (int:
// istio::Severity of the worst message, -1 for none).
class PolicyListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Roles {
        KeyRole = Qt::UserRole + 1,
        ContextRole,
        NamespaceRole,
        NameRole,
        SeverityRole,
    };

    // The live checks of one row.
    struct Checks
    {
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        QStringList lines; // "Error [IST0101] spec.http[0]...: text"
        int severity() const; // worst istio::Severity, or -1
        bool operator==(const Checks &) const = default;
    };

    explicit PolicyListModel(PolicyKind kind, QObject *parent = nullptr);
    ~PolicyListModel() override;

    PolicyKind kind() const { return m_kind; }
    int columnOf(PolicyColumn column) const { return int(m_columns.indexOf(column)); }
    PolicyColumn columnAt(int column) const { return m_columns.at(column); }

    // Follows the selected mesh: its caches, its live checks and its root namespace.
    void setMesh(md::mesh::SelectedMesh *mesh);
    // Where rows come from without a SelectedMesh (tests, benchmarks): called for a fresh
    // snapshot whenever refresh() runs.
    void setSource(std::function<md::mesh::MeshCache::Snapshot()> source);
    // The cache's tables instead: taken on the GUI thread at no cost, turned into a
    // snapshot in the worker (what setMesh() uses).
    void setTableSource(std::function<QList<md::mesh::MeshCache::Table>()> source);
    void setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot);
    void setRootNamespace(const QString &rootNamespace);
    void setMessages(const QList<md::istio::Message> &messages);
    // Compares the source's snapshot with the rows (in a worker thread) and applies it.
    void refresh();
    // Whether a comparison is running or queued.
    bool isUpdating() const { return m_running || m_again; }
    // Applied snapshots so far.
    int updates() const { return m_updates; }

    const PolicyRow &rowAt(int row) const { return *m_rows.at(row); }
    const Checks &checksAt(int row) const { return m_checks.at(row); }
    int rowOfKey(const QString &key) const { return m_index.rowOfKey.value(key, -1); }
    // While the layout change of a batch removal is signalled (many rows removed at once,
    // as watch churn does): the new row of each old row, -1 for a removed one. Empty
    // otherwise. Proxies renumber their mapping with it in one pass.
    const std::vector<int> &rowsRenumbered() const { return m_renumbered; }
    // Distinct namespaces and clusters of the rows, sorted.
    QStringList namespaces() const;
    QStringList clusters() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    using RowPtr = std::shared_ptr<const PolicyRow>;
    // What a worker run found: rows changed in place, removed (ascending) and appended, and
    // the index of the rows after applying them.
    struct Index
    {
        QList<QString> keys; // by row
        QList<QString> ids; // PolicyRow::id() by row
        QList<QString> versions; // resourceVersion by row
        QHash<QString, int> rowOfKey;
        QHash<QString, int> rowOfId;
    };
    struct Delta
    {
        QList<std::pair<int, RowPtr>> changed;
        QList<int> removed;
        QList<RowPtr> added;
        Index index;
        // How many of the added rows are in each namespace and cluster (counted in the worker).
        QHash<QString, int> addedNamespaces, addedClusters;
        int generation = 0;
        bool indexPending = false; // `index` comes with the next delta of this run
    };
    // Hands a worker's first rows of a big first list to the model, before the rest.
    using Early = std::function<void(Delta)>;

signals:
    // A snapshot was applied (rows may have changed).
    void updated();
    // The set of namespaces or clusters of the rows changed.
    void facetsChanged();

private:
    void apply(Delta delta);
    void applyChecks();
    void countFacets(const PolicyRow &row, int delta);
    void addFacets(const Delta &delta);
    Early early();
    void reset();

    PolicyKind m_kind;
    QString m_kindName;
    QList<PolicyColumn> m_columns;
    QString m_rootNamespace = QStringLiteral("istio-system");
    QPointer<md::mesh::SelectedMesh> m_mesh;
    std::function<md::mesh::MeshCache::Snapshot()> m_source;
    std::function<QList<md::mesh::MeshCache::Table>()> m_tables;
    QList<RowPtr> m_rows;
    QList<Checks> m_checks; // by row
    Index m_index;
    std::vector<int> m_renumbered;
    QList<md::istio::Message> m_messages;
    QSet<QString> m_flagged; // ids of rows with messages
    QHash<QString, int> m_namespaceCount, m_clusterCount;
    QFutureWatcher<Delta> m_watcher;
    bool m_running = false; // until the result is applied
    bool m_again = false;
    int m_generation = 0;
    int m_updates = 0;
    bool m_checked = false; // messages were delivered at least once
};

} // namespace md

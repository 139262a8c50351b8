#pragma once

#include "istio/message.h"
#include "mesh/meshcache.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QSortFilterProxyModel>

namespace md::mesh {
class SelectedMesh;
}

namespace md::resources {

// One object of an Istio kind in one cluster.
struct ResourceRow
{
    QString context;
    md::kube::ResourceRef resource;
    QString namespace_;
    QString name;
    QString resourceVersion;
    QDateTime created;
    QString key; // "context\ngroup/kind\nnamespace/name"
    QString checkId; // "context\nKind namespace/name": how live checks name it
    QString haystack; // lowercase name, namespace and kind, for search
};

// Every object of the *.istio.io groups in a snapshot (safe on any thread).
QList<ResourceRow> resourceRows(const md::mesh::MeshCache::Snapshot &snapshot);
// metadata.creationTimestamp, read from an object's compact JSON without parsing it all.
QDateTime creationTime(const QByteArray &json);

// The Istio objects of every cluster of the selected mesh: one row per object and cluster,
// with the worst live-check severity. Rows are read off the GUI thread on each cache change
// and applied by key: only removed, changed and new rows are touched, so selections stay.
//
// Roles: Qt::DisplayRole and Qt::ToolTipRole per column (messages on Checks), SortRole (the
// creation time for Age, else the text), KeyRole, ContextRole, GroupRole, KindRole,
// NamespaceRole, NameRole (QString), SeverityRole (int: istio::Severity, -1 for none).
class ResourceTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        NameColumn = 0,
        NamespaceColumn,
        KindColumn,
        ClusterColumn,
        ChecksColumn,
        AgeColumn,
        NUM_COLUMNS
    };
    enum Roles {
        SortRole = Qt::UserRole + 1,
        KeyRole,
        ContextRole,
        GroupRole,
        KindRole,
        NamespaceRole,
        NameRole,
        SeverityRole,
    };

    explicit ResourceTableModel(QObject *parent = nullptr);
    ~ResourceTableModel() override;

    // Follows the selected mesh's caches and live checks.
    void setMesh(md::mesh::SelectedMesh *mesh);
    void refresh();
    // Applies rows at once (tests, and what refresh() delivers).
    void setRows(const QList<ResourceRow> &rows);
    void setMessages(const QList<md::istio::Message> &messages);
    bool isUpdating() const { return m_running || m_again; }
    int updates() const { return m_updates; }

    const ResourceRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOfKey(const QString &key) const { return m_rowOfKey.value(key, -1); }
    QStringList namespaces() const;
    QStringList clusters() const;
    // "group/Kind" -> objects across clusters.
    QHash<QString, int> kindCounts() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void updated();

private:
    struct Checks
    {
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        QStringList lines;
        int severity() const;
    };
    void reindex();

    QPointer<md::mesh::SelectedMesh> m_mesh;
    QList<ResourceRow> m_rows;
    QHash<QString, int> m_rowOfKey;
    QHash<QString, Checks> m_checks; // by ResourceRow::checkId
    bool m_checked = false;
    QFutureWatcher<QList<ResourceRow>> m_watcher;
    bool m_running = false;
    bool m_again = false;
    int m_updates = 0;
};

// Rows of one kind (or of one API group, or all), namespace, cluster, and search text.
class ResourceFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ResourceFilterModel(QObject *parent = nullptr);

    // Empty group: every kind; empty kind: every kind of the group.
    void setKind(const QString &group, const QString &kind);
    void setNamespaceFilter(const QString &ns);
    void setClusterFilter(const QString &cluster);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_group;
    QString m_kind;
    QString m_namespace;
    QString m_cluster;
    QString m_search;
};

} // namespace md::resources

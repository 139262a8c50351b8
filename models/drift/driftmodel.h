#pragma once

#include "drift/drift.h"
#include "mesh/meshcache.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QPointer>
#include <QSortFilterProxyModel>

namespace md::mesh {
class SelectedMesh;
}

namespace md::drift {

// The drift of the selected mesh, one row per object held by several clusters. Each cache
// change runs findDrift() on the thread pool (latest request wins); when the rows keep their
// identities only their cells change, so selections survive.
//
// Roles: Qt::DisplayRole and Qt::ToolTipRole per column, IdRole (Entry::id()), StateRole
// (int, Entry::State), NameRole, NamespaceRole, KindRole (QString).
class DriftModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        KindColumn = 0,
        NamespaceColumn,
        NameColumn,
        ClustersColumn,
        StateColumn,
        NUM_COLUMNS
    };
    enum Roles { IdRole = Qt::UserRole + 1, StateRole, NameRole, NamespaceRole, KindRole };

    explicit DriftModel(QObject *parent = nullptr);
    ~DriftModel() override;

    // Follows the selected mesh's caches (null: no rows).
    void setMesh(md::mesh::SelectedMesh *mesh);
    // 1: objects held by one cluster only are listed too.
    void setMinCopies(int copies);
    int minCopies() const { return m_minCopies; }
    // Reads the caches and compares them off the GUI thread.
    void refresh();
    // Replaces the rows at once (tests, and what refresh() delivers).
    void setEntries(const QList<Entry> &entries);

    bool isUpdating() const { return m_running || m_again; }
    int updates() const { return m_updates; }
    const QList<Entry> &entries() const { return m_entries; }
    const Entry &entryAt(int row) const { return m_entries.at(row); }
    int rowOfId(const QString &id) const;
    int count(Entry::State state) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void updated();

private:
    QPointer<md::mesh::SelectedMesh> m_mesh;
    QList<Entry> m_entries;
    QFutureWatcher<QList<Entry>> m_watcher;
    bool m_running = false;
    bool m_again = false;
    int m_updates = 0;
    int m_minCopies = 2;
};

// Rows of a DriftModel: only those that are not in sync, and those whose kind, namespace or
// name contain the search text.
class DriftFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DriftFilterModel(QObject *parent = nullptr);

    void setDifferingOnly(bool on);
    bool differingOnly() const { return m_differingOnly; }
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_differingOnly = false;
    QString m_search;
};

} // namespace md::drift

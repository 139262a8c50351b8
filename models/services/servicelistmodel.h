#pragma once

// The mesh services of the selected mesh as a table, live: whenever the mesh's caches
// change, the services are aggregated again off the GUI thread (latest run wins) and the
// rows are updated in place (rows keep their identity, so selections survive).
// Columns: see Column. Roles: Qt::DisplayRole, Qt::ToolTipRole (the diagnosis reasons; the whole
// text in the clusters and ports columns), Qt::DecorationRole is left to the view; KeyRole
// ("ns/name"), NameRole, NamespaceRole, ClustersRole (QStringList), DiagnosisRole (int, Diagnosis),
// ReasonsRole (QStringList), SystemRole (bool), SortRole (a value that sorts naturally), SearchRole
// (the text searched).

#include "services/meshservices.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QPointer>
#include <QSortFilterProxyModel>

namespace md::mesh {
class SelectedMesh;
}

namespace md::services {

class ServiceListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        NamespaceColumn,
        ClustersColumn,
        PortsColumn,
        VersionsColumn,
        InjectedColumn,
        DiagnosisColumn,
        ColumnCount
    };
    enum Roles {
        KeyRole = Qt::UserRole + 1,
        NameRole,
        NamespaceRole,
        ClustersRole,
        DiagnosisRole,
        ReasonsRole,
        SystemRole,
        SortRole,
        SearchRole,
    };

    explicit ServiceListModel(QObject *parent = nullptr);
    ~ServiceListModel() override;

    // Follows the caches of `mesh` (null: none, the model empties).
    void setMesh(md::mesh::SelectedMesh *mesh);
    // Replaces the rows (tests, and the result of each aggregation).
    void setServices(const QList<MeshService> &services);

    const QList<MeshService> &services() const { return m_rows; }
    const MeshService &serviceAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &key) const;
    bool isUpdating() const { return m_watcher.isRunning() || m_again; }
    int updates() const { return m_updates; } // aggregations applied so far

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

public slots:
    void refresh();

signals:
    void updated();

private:
    QPointer<md::mesh::SelectedMesh> m_mesh;
    QFutureWatcher<QList<MeshService>> m_watcher;
    bool m_again = false;
    int m_updates = 0;
    QList<MeshService> m_rows;
};

// Filters of the Services page: cluster, namespace, diagnosis, system namespaces and a
// search over name, namespace, ports, versions and reasons (case-insensitive, every word).
class ServiceFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ServiceFilterModel(QObject *parent = nullptr);

    void setCluster(const QString &context); // "" = all
    void setNamespace(const QString &ns); // "" = all
    // "" = all; "normal", "warning", "abnormal"; "problems" = warning or abnormal
    void setDiagnosis(const QString &id);
    void setShowSystem(bool show);
    void setSearch(const QString &text);
    QString cluster() const { return m_cluster; }
    QString namespaceName() const { return m_namespace; }
    QString diagnosis() const { return m_diagnosis; }
    bool showSystem() const { return m_showSystem; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_cluster;
    QString m_namespace;
    QString m_diagnosis;
    bool m_showSystem = false;
    QStringList m_words;
};

} // namespace md::services

#pragma once

#include "mesh/meshcache.h"
#include "secrets/tlssecret.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace md::mesh {
class SelectedMesh;
}

namespace md::secrets {

// The gateway TLS secrets of a mesh, one row per secret and cluster, live from its caches.
// Certificates are read in a worker thread; the rows are applied in place (tlssecret.h).
// Expiry is judged against the clock at each refresh, and refreshed every 10 minutes.
//
// Roles: Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole is left to the view;
// Qt::UserRole gives a sort key (dates for Expires); KeyRole, ContextRole, NamespaceRole,
// NameRole (QString), StatusRole (int: TlsSecretRow::Status).
class TlsSecretModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Namespace,
        Cluster,
        Status,
        Expires,
        Subject,
        Sans,
        Issuer,
        Type,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole,
        KeyRole = Qt::UserRole + 1,
        ContextRole,
        NamespaceRole,
        NameRole,
        StatusRole,
    };

    explicit TlsSecretModel(QObject *parent = nullptr);
    ~TlsSecretModel() override;

    void setMesh(md::mesh::SelectedMesh *mesh);
    // Without a SelectedMesh (tests): rows come from this snapshot.
    void setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot);
    // The clock the expiry is judged by (tests); the real one by default.
    void setClock(std::function<QDateTime()> clock);
    void refresh();
    bool isUpdating() const { return m_running || m_again; }
    int updates() const { return m_updates; }

    const TlsSecretRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOfKey(const QString &key) const;
    QStringList namespaces() const;
    QStringList clusters() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void updated();

private:
    void apply(QList<TlsSecretRow> rows);

    QPointer<md::mesh::SelectedMesh> m_mesh;
    std::function<md::mesh::MeshCache::Snapshot()> m_source;
    std::function<QDateTime()> m_clock;
    QList<TlsSecretRow> m_rows;
    QFutureWatcher<QList<TlsSecretRow>> m_watcher;
    QTimer m_clockTimer;
    bool m_running = false;
    bool m_again = false;
    int m_updates = 0;
};

} // namespace md::secrets

#pragma once

#include "items/snapshotrowmodel.h"
#include "secrets/tlssecret.h"

#include <QDateTime>
#include <QTimer>

#include <functional>

namespace md::secrets {

// The gateway TLS secrets of a mesh, one row per secret and cluster, live from its caches.
// Certificates are read in a worker thread; the rows are applied in place (tlssecret.h).
// Expiry is judged against the clock at each refresh, and refreshed every 10 minutes.
//
// Roles: Qt::DisplayRole, Qt::ToolTipRole, Qt::DecorationRole is left to the view;
// Qt::UserRole gives a sort key (dates for Expires); KeyRole, ContextRole, NamespaceRole,
// NameRole (QString), StatusRole (int: TlsSecretRow::Status).
class TlsSecretModel final : public md::items::SnapshotRowModel<TlsSecretRow>
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

    // The clock the expiry is judged by (tests); the real one by default.
    void setClock(std::function<QDateTime()> clock);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    std::function<QList<TlsSecretRow>(const md::mesh::MeshCache::Snapshot &)>
    computation() const override;
    bool sameRow(const TlsSecretRow &a, const TlsSecretRow &b) const override;

private:
    std::function<QDateTime()> m_clock;
    QTimer m_clockTimer;
};

} // namespace md::secrets

#pragma once

// A table whose rows are computed off the GUI thread from a snapshot of the selected mesh's
// caches (Mesh gateways, TLS secrets, ...). A change of the caches starts a computation; one
// runs at a time and the latest change is always followed by another. Fresh rows are applied
// in place by key (gateways/rowupdate.h), so selections and scroll positions survive.
//
// A model derives from SnapshotRowModel<Row> (Row has key(), context and namespace_) and gives
// the computation and the row comparison.

#include "gateways/rowupdate.h"
#include "mesh/meshcache.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QList>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace md::mesh {
class SelectedMesh;
}

namespace md::items {

class SnapshotRowModelBase : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Follows the mesh's caches (the kinds given at construction); null: no rows.
    void setMesh(md::mesh::SelectedMesh *mesh);
    // A fixed snapshot instead (tests, benchmarks).
    void setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot);
    void refresh();
    bool isUpdating() const { return m_running || m_again; }
    int updates() const { return m_updates; } // computations applied so far

signals:
    void updated(); // after each computation's rows were applied

protected:
    SnapshotRowModelBase(QList<md::mesh::MeshCache::Kind> kinds, QObject *parent);

    // Starts computing rows from the snapshot; the result goes to applied().
    virtual void start(const md::mesh::MeshCache::Snapshot &snapshot) = 0;
    // The derived model applied the rows (or emptied them when there is no mesh).
    void applied();
    virtual void clear() = 0;
    md::gateways::RowSignals rowSignals();

private:
    QList<md::mesh::MeshCache::Kind> m_kinds;
    QPointer<md::mesh::SelectedMesh> m_mesh;
    std::function<md::mesh::MeshCache::Snapshot()> m_source;
    bool m_running = false;
    bool m_again = false;
    int m_updates = 0;
};

template<typename Row> class SnapshotRowModel : public SnapshotRowModelBase
{
public:
    ~SnapshotRowModel() override { m_watcher.waitForFinished(); }

    const Row &rowAt(int row) const { return m_rows.at(row); }
    int rowOfKey(const QString &key) const
    {
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).key() == key)
                return int(i);
        }
        return -1;
    }
    QStringList namespaces() const
    {
        return distinct([](const Row &row) { return row.namespace_; });
    }
    QStringList clusters() const
    {
        return distinct([](const Row &row) { return row.context; });
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

protected:
    using SnapshotRowModelBase::SnapshotRowModelBase;

    // Runs on a worker thread: a function of the snapshot and of values copied into it.
    virtual std::function<QList<Row>(const md::mesh::MeshCache::Snapshot &)>
    computation() const = 0;
    // Whether a fresh row may stand for the current one (no dataChanged).
    virtual bool sameRow(const Row &a, const Row &b) const = 0;

    void start(const md::mesh::MeshCache::Snapshot &snapshot) override
    {
        if (!m_connected) {
            m_connected = true;
            QObject::connect(&m_watcher, &QFutureWatcher<QList<Row>>::finished, this,
                             [this] { apply(m_watcher.result()); });
        }
        m_watcher.setFuture(QtConcurrent::run(computation(), snapshot));
    }
    void clear() override { apply({}); }

    QList<Row> m_rows;

private:
    void apply(QList<Row> rows)
    {
        md::gateways::applyRows(m_rows, std::move(rows), rowSignals(),
                                [this](const Row &a, const Row &b) { return sameRow(a, b); });
        applied();
    }

    template<typename F> QStringList distinct(F field) const
    {
        QStringList out;
        for (const Row &row : m_rows) {
            const QString value = field(row);
            if (!out.contains(value))
                out << value;
        }
        out.sort();
        return out;
    }

    QFutureWatcher<QList<Row>> m_watcher;
    bool m_connected = false;
};

} // namespace md::items

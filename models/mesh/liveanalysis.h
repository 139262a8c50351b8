#pragma once

// Validation layer 3 over a mesh's live objects: whenever the MeshCache changes, the
// cross-reference analyzers (istio/analyzers.h) run again off the GUI thread, one index per
// cluster: that cluster's objects (the Istio kinds and the core kinds the analyzers read),
// with the Services and Pods of the other clusters of the mesh (hosts resolve across the
// clusters of a mesh); Services that differ between clusters are reported too (IST0170).
// checkObject() checks one edited object against the latest index at once, for editors that
// validate as the user types.

#include "istio/analyzers.h"

#include <QFutureWatcher>
#include <QMutex>
#include <QObject>

#include <memory>

namespace md::mesh {

class MeshCache;

class LiveAnalysis final : public QObject
{
    Q_OBJECT

public:
    explicit LiveAnalysis(MeshCache *cache, QObject *parent = nullptr);
    ~LiveAnalysis() override;

    // The messages of the last run; `source` names the cluster (its context).
    const QList<md::istio::Message> &messages() const { return m_messages; }
    int runs() const { return m_runs; }
    bool isRunning() const { return m_watcher.isRunning(); }

    // Messages for one object (edited, maybe not applied yet) against what `context`'s
    // index knows. Empty while no index exists for it.
    QList<md::istio::Message> checkObject(const QString &context,
                                          const md::istio::Value &object) const;
    // The index of the last run for a cluster (null before the first): immutable, so readers
    // on any thread may keep it while later runs replace it.
    std::shared_ptr<const md::istio::MeshIndex> index(const QString &context) const;

signals:
    void updated();

private:
public:
    // Objects parsed by earlier runs, by cluster and cache key, with the version parsed: an
    // unchanged object is not parsed again.
    using Parsed = QHash<QString, std::pair<QString, md::istio::Value>>;
    struct Outcome
    {
        QList<md::istio::Message> messages;
        QHash<QString, std::shared_ptr<const md::istio::MeshIndex>> indexes;
        Parsed parsed;
    };

private:
    void schedule();

    MeshCache *m_cache = nullptr; // Not owned.
    QFutureWatcher<Outcome> m_watcher;
    bool m_again = false;
    int m_runs = 0;
    QList<md::istio::Message> m_messages;
    QHash<QString, std::shared_ptr<const md::istio::MeshIndex>> m_indexes;
    mutable QMutex m_indexesLock; // index() may be called from any thread
    Parsed m_parsed; // handed to the run in progress, and back
};

} // namespace md::mesh

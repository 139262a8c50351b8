#pragma once

// Validation layer 3 over a mesh's live objects: whenever the MeshCache changes, the
// cross-reference analyzers (istio/analyzers.h) run again off the GUI thread, one index per
// cluster: that cluster's Istio policies against the Services and Pods of every cluster of
// the mesh (hosts resolve across the clusters of a mesh). checkObject() checks one edited
// object against the latest index at once, for editors that validate as the user types.

#include "istio/analyzers.h"

#include <QFutureWatcher>
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
    Parsed m_parsed; // handed to the run in progress, and back
};

} // namespace md::mesh

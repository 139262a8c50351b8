#pragma once

// A Reflector keeps a live copy of one kind of object (in one namespace or all) the way
// client-go's does: list, then watch from the list's resourceVersion with bookmarks and a
// random 5–10 minute timeout; a watch that ends is resumed from the last version seen; a
// 410 Expired relists; errors back off from 800 ms, doubling with jitter up to 30 s
// (Retry-After honoured), the backoff resetting after 2 minutes of health. Changes are
// batched and delivered at most every `flushInterval`. The cache is keyed by uid, with an
// index by namespace/name.

#include "kube/apierror.h"
#include "kube/kubeobject.h"
#include "kube/resourceref.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

namespace md::kube {

class KubeClient;
class WatchStream;
struct WatchEvent;

class Reflector final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString namespaceName; // empty: all namespaces
        QString labelSelector;
        QString fieldSelector;
        // Pages of a consistent list (a relist after 410). The first list reads the
        // server's cache (resourceVersion=0) in one answer, as API servers serve it anyway.
        int pageSize = 500;
        std::chrono::milliseconds flushInterval {150};
        qsizetype maxDeltaSize = 5000; // objects per changed() signal
        std::chrono::milliseconds initialBackoff {800};
        std::chrono::milliseconds maxBackoff {30000};
        std::chrono::milliseconds backoffReset {120000};
        int minWatchTimeoutSeconds = 300;
        int maxWatchTimeoutSeconds = 600;
    };

    enum class Phase { Idle, Listing, Watching, Backoff };
    Q_ENUM(Phase)

    struct Status
    {
        Phase phase = Phase::Idle;
        bool synced = false; // a list has completed at least once
        QDateTime staleSince; // invalid while the cache is live
        std::optional<ApiError> lastError;
        QString resourceVersion; // the last version seen (list, event or bookmark)
        int lists = 0; // lists done (the first one included)
        int watches = 0; // watches opened
        QDateTime nextRetryAt; // while in Backoff
    };

    // What changed since the last delivery. `reset` marks a relist's diff.
    struct Delta
    {
        QList<KubeObject> added;
        QList<KubeObject> modified;
        QList<KubeObject> removed;
        bool reset = false; // the delta of a (re)list: the cache was replaced
        qsizetype cacheSize = 0; // objects in the cache once this delta is applied
        bool isEmpty() const { return added.isEmpty() && modified.isEmpty() && removed.isEmpty(); }
    };

    Reflector(KubeClient *client, ResourceRef resource, Options options, QObject *parent = nullptr);
    Reflector(KubeClient *client, ResourceRef resource, QObject *parent = nullptr);
    ~Reflector() override;

    void start();
    void stop();

    const ResourceRef &resource() const { return m_resource; }
    const Status &status() const { return m_status; }
    const QHash<QString, KubeObject> &objects() const { return m_objects; } // by uid
    std::optional<KubeObject> object(const QString &ns, const QString &name) const;
    qsizetype size() const { return m_objects.size(); }

    // Applies watch events as if they came from the stream (also used by benchmarks).
    void applyEvents(const QList<md::kube::WatchEvent> &events);

signals:
    void changed(const md::kube::Reflector::Delta &delta);
    void statusChanged(const md::kube::Reflector::Status &status);

private:
    void list(const QString &resourceVersion);
    void watch();
    void onWatchFinished(const std::optional<ApiError> &error);
    void fail(const ApiError &error);
    void applyList(QList<KubeObject> items, const QString &resourceVersion);
    void put(const KubeObject &object);
    void drop(const KubeObject &object);
    void record(const QString &uid, const KubeObject &object, int change);
    void flush();
    void emitDelta(Delta delta);
    void setPhase(Phase phase);

    QPointer<KubeClient> m_client;
    ResourceRef m_resource;
    Options m_options;
    Status m_status;
    QHash<QString, KubeObject> m_objects; // uid -> object
    QHash<QString, QString> m_uidByKey; // namespace/name -> uid
    QPointer<WatchStream> m_watch;
    QTimer m_retryTimer;
    QTimer m_flushTimer;
    std::chrono::milliseconds m_backoff;
    QDateTime m_healthySince;
    quint64 m_generation = 0; // bumps on stop/start: late answers of an old run are dropped
    bool m_running = false;

    // Pending changes by uid: 0 added, 1 modified, 2 removed (with the object).
    QHash<QString, std::pair<int, KubeObject>> m_pending;
};

} // namespace md::kube

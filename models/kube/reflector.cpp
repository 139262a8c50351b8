#include "kube/reflector.h"

#include "kube/kubeclient.h"

#include <QRandomGenerator>

namespace md::kube {

namespace {
enum Change { Added = 0, Modified = 1, Removed = 2 };
} // namespace

Reflector::Reflector(KubeClient *client, ResourceRef resource, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_resource(std::move(resource))
    , m_options(std::move(options))
    , m_backoff(m_options.initialBackoff)
{
    // Parented so that they follow the reflector to a worker thread (moveToThread).
    m_retryTimer.setParent(this);
    m_flushTimer.setParent(this);
    m_retryTimer.setSingleShot(true);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &Reflector::flush);
}

Reflector::Reflector(KubeClient *client, ResourceRef resource, QObject *parent)
    : Reflector(client, std::move(resource), Options {}, parent)
{ }

Reflector::~Reflector()
{
    stop();
}

std::optional<KubeObject> Reflector::object(const QString &ns, const QString &name) const
{
    const auto uid = m_uidByKey.constFind(KubeObject::keyFor(ns, name));
    if (uid == m_uidByKey.constEnd())
        return std::nullopt;
    return m_objects.value(*uid);
}

void Reflector::start()
{
    if (m_running)
        return;
    m_running = true;
    ++m_generation;
    m_backoff = m_options.initialBackoff;
    list(QStringLiteral("0"));
}

void Reflector::stop()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_retryTimer.stop();
    if (m_watch) {
        m_watch->abort();
        m_watch->deleteLater();
        m_watch = nullptr;
    }
    flush();
    setPhase(Phase::Idle);
}

void Reflector::setPhase(Phase phase)
{
    m_status.phase = phase;
    if (phase != Phase::Backoff)
        m_status.nextRetryAt = {};
    emit statusChanged(m_status);
}

void Reflector::list(const QString &resourceVersion)
{
    if (!m_client)
        return;
    setPhase(Phase::Listing);
    ListOptions options;
    // resourceVersion=0 is answered from the server's cache, whole (API servers ignore
    // `limit` there); a consistent list (after 410) is paged.
    options.limit = resourceVersion == QLatin1String("0") ? 0 : m_options.pageSize;
    options.labelSelector = m_options.labelSelector;
    options.fieldSelector = m_options.fieldSelector;
    options.resourceVersion = resourceVersion;
    const quint64 generation = m_generation;
    m_client->listAll(m_resource, m_options.namespaceName, options, this,
                      [this, generation](ListResult result) {
                          if (generation != m_generation || !m_running)
                              return;
                          if (!result) {
                              fail(result.error());
                              return;
                          }
                          ++m_status.lists;
                          applyList(std::move(result->items), result->resourceVersion);
                          m_status.synced = true;
                          m_status.staleSince = {};
                          m_status.lastError.reset();
                          m_healthySince = QDateTime::currentDateTimeUtc();
                          watch();
                      });
}

void Reflector::watch()
{
    if (!m_client || !m_running)
        return;
    WatchOptions options;
    options.resourceVersion = m_status.resourceVersion;
    options.allowBookmarks = true;
    options.labelSelector = m_options.labelSelector;
    options.fieldSelector = m_options.fieldSelector;
    options.timeoutSeconds = m_options.minWatchTimeoutSeconds
        + int(QRandomGenerator::global()->bounded(
            std::max(1, m_options.maxWatchTimeoutSeconds - m_options.minWatchTimeoutSeconds + 1)));
    m_watch = m_client->watch(m_resource, m_options.namespaceName, options, this);
    ++m_status.watches;
    connect(m_watch, &WatchStream::opened, this, [this] {
        // Live again: the watch replays what happened since the last version seen.
        m_healthySince = QDateTime::currentDateTimeUtc();
        if (m_status.staleSince.isValid() || m_status.lastError) {
            m_status.staleSince = {};
            m_status.lastError.reset();
            emit statusChanged(m_status);
        }
    });
    connect(m_watch, &WatchStream::events, this, &Reflector::applyEvents);
    connect(m_watch, &WatchStream::finished, this, &Reflector::onWatchFinished);
    setPhase(Phase::Watching);
}

void Reflector::applyEvents(const QList<WatchEvent> &events)
{
    for (const WatchEvent &event : events) {
        switch (event.type) {
        case WatchEvent::Type::Added:
        case WatchEvent::Type::Modified:
            put(event.object);
            break;
        case WatchEvent::Type::Deleted:
            drop(event.object);
            break;
        case WatchEvent::Type::Bookmark:
        case WatchEvent::Type::Error:
            break;
        }
        const QString &rv = event.object.resourceVersion();
        if (!rv.isEmpty())
            m_status.resourceVersion = rv;
    }
}

void Reflector::onWatchFinished(const std::optional<ApiError> &error)
{
    if (m_watch) {
        m_watch->deleteLater();
        m_watch = nullptr;
    }
    if (!m_running)
        return;
    if (!error) {
        watch(); // a normal end (timeout): resume from the last version
        return;
    }
    if (error->isGone()) {
        // The version left the server's history: relist (a quorum read), then watch again.
        m_status.lastError = *error;
        list(QString());
        return;
    }
    fail(*error);
}

void Reflector::fail(const ApiError &error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_healthySince.isValid() && m_healthySince.msecsTo(now) >= m_options.backoffReset.count())
        m_backoff = m_options.initialBackoff;
    m_healthySince = {};
    m_status.lastError = error;
    if (m_status.synced && !m_status.staleSince.isValid())
        m_status.staleSince = now;

    std::chrono::milliseconds delay;
    if (error.retryAfterSeconds) {
        delay = std::chrono::seconds(*error.retryAfterSeconds);
    } else {
        const double jitter = 1.0 + QRandomGenerator::global()->generateDouble();
        delay = std::chrono::milliseconds(qint64(double(m_backoff.count()) * jitter));
        m_backoff = std::min(m_backoff * 2, m_options.maxBackoff);
    }
    delay = std::min(delay, m_options.maxBackoff * 2);
    m_status.nextRetryAt = now.addMSecs(delay.count());
    m_status.phase = Phase::Backoff;
    emit statusChanged(m_status);

    const quint64 generation = m_generation;
    m_retryTimer.disconnect(this);
    connect(&m_retryTimer, &QTimer::timeout, this, [this, generation] {
        if (generation != m_generation || !m_running)
            return;
        // A synced cache resumes its watch; otherwise list again.
        if (m_status.synced && !m_status.resourceVersion.isEmpty())
            watch();
        else
            list(QStringLiteral("0"));
    });
    m_retryTimer.start(delay);
}

void Reflector::applyList(QList<KubeObject> items, const QString &resourceVersion)
{
    flush(); // changes from before the list go out first, in order
    QHash<QString, KubeObject> fresh;
    fresh.reserve(items.size());
    Delta delta;
    delta.reset = true;
    for (KubeObject &item : items) {
        QString uid = item.cacheKey();
        const auto old = m_objects.constFind(uid);
        if (old == m_objects.constEnd())
            delta.added.append(item);
        else if (old->resourceVersion() != item.resourceVersion())
            delta.modified.append(item);
        fresh.insert(std::move(uid), std::move(item));
    }
    if (fresh.size() < m_objects.size() + delta.added.size()) {
        for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
            if (!fresh.contains(it.key()))
                delta.removed.append(it.value());
        }
    }
    m_objects = std::move(fresh);
    m_uidByKey.clear();
    m_uidByKey.reserve(m_objects.size());
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it)
        m_uidByKey.insert(it.value().key(), it.key());
    m_status.resourceVersion = resourceVersion;
    emitDelta(std::move(delta)); // a list is delivered at once
}

void Reflector::put(const KubeObject &object)
{
    const QString uid = object.cacheKey();
    auto it = m_objects.find(uid);
    const bool existed = it != m_objects.end();
    if (existed)
        *it = object;
    else
        m_objects.insert(uid, object);
    if (!existed)
        m_uidByKey.insert(object.key(), uid);
    record(uid, object, existed ? Modified : Added);
}

void Reflector::drop(const KubeObject &object)
{
    const QString uid = object.cacheKey();
    const auto it = m_objects.find(uid);
    if (it == m_objects.end())
        return;
    m_uidByKey.remove(it->key());
    m_objects.erase(it);
    record(uid, object, Removed);
}

void Reflector::record(const QString &uid, const KubeObject &object, int change)
{
    auto it = m_pending.find(uid);
    if (it == m_pending.end()) {
        m_pending.insert(uid, {change, object});
    } else if (it->first == Added && change == Removed) {
        m_pending.erase(it); // came and went within one batch
    } else if (it->first == Added) {
        it->second = object; // still an addition, newest content
    } else if (it->first == Removed && change == Added) {
        *it = {Modified, object}; // deleted and recreated with the same uid
    } else {
        *it = {change, object};
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start(m_options.flushInterval);
}

void Reflector::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    Delta delta;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        switch (it->first) {
        case Added:
            delta.added.append(it->second);
            break;
        case Modified:
            delta.modified.append(it->second);
            break;
        default:
            delta.removed.append(it->second);
            break;
        }
    }
    m_pending.clear();
    emitDelta(std::move(delta));
}

void Reflector::emitDelta(Delta delta)
{
    // Large changes (a list of 50,000 objects) go out in chunks, so that the receiver's
    // thread applies each between its other events instead of stalling on one.
    delta.cacheSize = m_objects.size();
    const qsizetype chunk = std::max<qsizetype>(1, m_options.maxDeltaSize);
    const qsizetype total = delta.added.size() + delta.modified.size() + delta.removed.size();
    if (total <= chunk) {
        if (total > 0 || delta.reset)
            emit changed(delta);
        return;
    }
    Delta part;
    part.reset = delta.reset;
    part.cacheSize = delta.cacheSize;
    qsizetype inPart = 0;
    auto send = [&] {
        emit changed(part);
        part = {};
        part.cacheSize = delta.cacheSize;
        inPart = 0;
    };
    auto appendAll = [&](const QList<KubeObject> &from, QList<KubeObject> Delta::*to) {
        for (const KubeObject &object : from) {
            (part.*to).append(object);
            if (++inPart == chunk)
                send();
        }
    };
    appendAll(delta.removed, &Delta::removed);
    appendAll(delta.added, &Delta::added);
    appendAll(delta.modified, &Delta::modified);
    if (inPart > 0)
        send();
}

} // namespace md::kube

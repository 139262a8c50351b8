#include "kube/reflector.h"

#include "kube/kubeclient.h"

#include <QRandomGenerator>

namespace md::kube {

namespace {
enum Change { Added = 0, Modified = 1, Removed = 2 };

QString metadataString(const QJsonObject &object, QLatin1String key)
{
    return object.value(QLatin1String("metadata")).toObject().value(key).toString();
}
} // namespace

Reflector::Reflector(KubeClient *client, ResourceRef resource, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_resource(std::move(resource))
    , m_options(std::move(options))
    , m_backoff(m_options.initialBackoff)
{
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

QString Reflector::uidOf(const QJsonObject &object)
{
    const QString uid = metadataString(object, QLatin1String("uid"));
    return uid.isEmpty() ? keyOf(object) : uid;
}

QString Reflector::keyOf(const QJsonObject &object)
{
    const QString ns = metadataString(object, QLatin1String("namespace"));
    const QString name = metadataString(object, QLatin1String("name"));
    return ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
}

std::optional<QJsonObject> Reflector::object(const QString &ns, const QString &name) const
{
    const QString key = ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
    const auto uid = m_uidByKey.constFind(key);
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
    options.limit = m_options.pageSize;
    options.labelSelector = m_options.labelSelector;
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
    connect(m_watch, &WatchStream::events, this, &Reflector::onEvents);
    connect(m_watch, &WatchStream::finished, this, &Reflector::onWatchFinished);
    setPhase(Phase::Watching);
}

void Reflector::onEvents(const QList<WatchEvent> &events)
{
    for (const WatchEvent &event : events) {
        const QString rv = metadataString(event.object, QLatin1String("resourceVersion"));
        switch (event.type) {
        case WatchEvent::Type::Added:
        case WatchEvent::Type::Modified:
            put(event.object, true);
            break;
        case WatchEvent::Type::Deleted:
            drop(event.object);
            break;
        case WatchEvent::Type::Bookmark:
        case WatchEvent::Type::Error:
            break;
        }
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

void Reflector::applyList(QList<QJsonObject> items, const QString &resourceVersion)
{
    QHash<QString, QJsonObject> fresh;
    fresh.reserve(items.size());
    for (QJsonObject &item : items)
        fresh.insert(uidOf(item), std::move(item));
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        if (!fresh.contains(it.key()))
            record(it.key(), it.value(), Removed);
    }
    for (auto it = fresh.cbegin(); it != fresh.cend(); ++it) {
        const auto old = m_objects.constFind(it.key());
        if (old == m_objects.constEnd())
            record(it.key(), it.value(), Added);
        else if (metadataString(*old, QLatin1String("resourceVersion"))
                 != metadataString(it.value(), QLatin1String("resourceVersion")))
            record(it.key(), it.value(), Modified);
    }
    m_objects = std::move(fresh);
    m_uidByKey.clear();
    m_uidByKey.reserve(m_objects.size());
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it)
        m_uidByKey.insert(keyOf(it.value()), it.key());
    m_status.resourceVersion = resourceVersion;
    flush(); // a list is delivered at once
}

void Reflector::put(const QJsonObject &object, bool fromEvent)
{
    Q_UNUSED(fromEvent)
    const QString uid = uidOf(object);
    const bool existed = m_objects.contains(uid);
    m_objects.insert(uid, object);
    m_uidByKey.insert(keyOf(object), uid);
    record(uid, object, existed ? Modified : Added);
}

void Reflector::drop(const QJsonObject &object)
{
    const QString uid = uidOf(object);
    const auto it = m_objects.find(uid);
    if (it == m_objects.end())
        return;
    m_uidByKey.remove(keyOf(*it));
    m_objects.erase(it);
    record(uid, object, Removed);
}

void Reflector::record(const QString &uid, const QJsonObject &object, int change)
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
    emit changed(delta);
}

} // namespace md::kube

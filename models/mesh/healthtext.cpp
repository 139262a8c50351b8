#include "mesh/healthtext.h"

#include "mesh/meshtr.h"

#include <QStringList>

namespace md::mesh {

namespace {

bool cacheTroubled(const std::optional<MeshCache::CacheStatus> &cache)
{
    return cache && cache->informers > 0 && (cache->backingOff > 0 || cache->staleSince.isValid());
}

QString clock(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

QString ageText(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds < 120)
        return Tr::tr("%1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return Tr::tr("%1 min").arg(seconds / 60);
    return Tr::tr("%1 h").arg(seconds / 3600);
}

LiveCondition liveCondition(const ClusterHealth &health,
                            const std::optional<MeshCache::CacheStatus> &cache)
{
    if (health.state == ClusterHealth::State::Unreachable)
        return LiveCondition::Down;
    if (!health.isUp())
        return LiveCondition::Other;
    if (health.isDegraded() || cacheTroubled(cache))
        return LiveCondition::Degraded;
    return LiveCondition::Healthy;
}

QString liveHealthText(const ClusterHealth &health,
                       const std::optional<MeshCache::CacheStatus> &cache, const QDateTime &now)
{
    switch (liveCondition(health, cache)) {
    case LiveCondition::Down: {
        const QDateTime since = health.probes.failingSince;
        if (!since.isValid())
            break; // never connected: the plain state and its error
        QDateTime data = health.probes.lastSuccessAt;
        if (cache && cache->staleSince.isValid())
            data = cache->staleSince;
        if (!data.isValid())
            return Tr::tr("Unreachable since %1").arg(clock(since));
        return Tr::tr("Unreachable since %1, showing data from %2").arg(clock(since), clock(data));
    }
    case LiveCondition::Degraded: {
        QStringList parts;
        if (health.probes.failed > 0)
            parts << Tr::tr("%1 % of requests failing").arg(health.failurePercent());
        if (cache && cache->backingOff > 0)
            parts
                << Tr::tr("%1 of %2 caches retrying").arg(cache->backingOff).arg(cache->informers);
        if (cache && cache->staleSince.isValid())
            parts << Tr::tr("data %1 old").arg(ageText(cache->staleSince.secsTo(now)));
        return Tr::tr("Degraded: %1").arg(parts.join(QStringLiteral(", ")));
    }
    case LiveCondition::Healthy:
        if (cache && cache->informers > 0 && cache->synced < cache->informers)
            return Tr::tr("Connected, loading (%1 of %2 kinds)")
                .arg(cache->synced)
                .arg(cache->informers);
        return stateText(health.state);
    case LiveCondition::Other:
        break;
    }
    if (health.lastError)
        return Tr::tr("%1: %2").arg(stateText(health.state), health.lastError->summary());
    return stateText(health.state);
}

} // namespace md::mesh

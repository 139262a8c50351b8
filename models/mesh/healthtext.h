#pragma once

// One line for what a cluster is doing now, from its probes and its caches, as the Mesh
// clusters page and the status bar show it: "Connected", "Degraded: 48 % of requests
// failing, data 12 s old", "Unreachable since 10:42, showing data from 10:41".

#include "mesh/clusterhealth.h"
#include "mesh/meshcache.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace md::mesh {

enum class LiveCondition { Healthy, Degraded, Down, Other };

// `cache` is the cluster's cache status when the selected mesh caches it.
LiveCondition liveCondition(const ClusterHealth &health,
                            const std::optional<MeshCache::CacheStatus> &cache);
QString liveHealthText(const ClusterHealth &health,
                       const std::optional<MeshCache::CacheStatus> &cache,
                       const QDateTime &now = QDateTime::currentDateTimeUtc());

// "12 s", "4 min", "3 h".
QString ageText(qint64 seconds);

} // namespace md::mesh

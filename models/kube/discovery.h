#pragma once

// API discovery of one cluster: the server's version and every resource it serves (groups,
// versions, kinds, plurals, scope, verbs, short names), so that any CRD works without code
// changes. Uses the legacy discovery documents every API server answers (/api, /apis,
// /api/v1, /apis/G/V).

#include "core/result.h"
#include "kube/apierror.h"
#include "kube/resourceref.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace md::kube {

class KubeClient;

struct ApiResource
{
    ResourceRef ref; // group, version, plural, namespaced, kind
    QString singular;
    QStringList verbs;
    QStringList shortNames;
    QStringList categories;
    bool preferredVersion = false; // the group's preferred version

    bool can(const QString &verb) const { return verbs.contains(verb); }
};

struct DiscoveryInfo
{
    QString gitVersion; // "v1.32.1"
    QString platform;
    QList<ApiResource> resources; // subresources (pods/log, ...) are left out
    QDateTime fetchedAt;

    // Finds a resource as kubectl does for `kubectl get NAME`: by plural, singular, short
    // name or kind (case-insensitive), optionally qualified by group ("virtualservices.
    // networking.istio.io"). The preferred version wins; nullptr when nothing matches.
    const ApiResource *find(const QString &name) const;
    const ApiResource *find(const QString &group, const QString &kind) const;
    QStringList groups() const;
};

// Fetches the discovery documents; `done` runs on `context`'s thread.
void discover(KubeClient *client, QObject *context,
              std::function<void(Result<DiscoveryInfo, ApiError>)> done);

} // namespace md::kube

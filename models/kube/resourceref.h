#pragma once

// Where a kind of object lives on the API server: group, version, plural and scope.

#include <QString>
#include <QStringList>

namespace md::kube {

struct ResourceRef
{
    QString group; // "" for the core group
    QString version; // "v1"
    QString plural; // "virtualservices"
    bool namespaced = true;
    QString kind; // "VirtualService" (informational)

    QString groupVersion() const
    {
        return group.isEmpty() ? version : QString(group + QLatin1Char('/') + version);
    }
    // "/api/v1" or "/apis/networking.istio.io/v1"
    QString apiPath() const;
    // The collection, in a namespace or (empty `ns`, or a cluster-scoped kind) across all.
    QString collectionPath(const QString &ns = {}) const;
    QString objectPath(const QString &ns, const QString &name) const;
    QString key() const { return QString(groupVersion() + QLatin1Char('/') + plural); }

    bool operator==(const ResourceRef &other) const
    {
        return group == other.group && version == other.version && plural == other.plural;
    }
};

} // namespace md::kube

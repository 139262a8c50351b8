#include "kube/resourceref.h"

#include <QUrl>

namespace md::kube {

QString ResourceRef::apiPath() const
{
    if (group.isEmpty())
        return QStringLiteral("/api/") + version;
    return QStringLiteral("/apis/") + group + QLatin1Char('/') + version;
}

QString ResourceRef::collectionPath(const QString &ns) const
{
    if (!namespaced || ns.isEmpty())
        return apiPath() + QLatin1Char('/') + plural;
    return apiPath() + QStringLiteral("/namespaces/")
        + QString::fromLatin1(QUrl::toPercentEncoding(ns)) + QLatin1Char('/') + plural;
}

QString ResourceRef::objectPath(const QString &ns, const QString &name) const
{
    return collectionPath(ns) + QLatin1Char('/')
        + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

} // namespace md::kube

#include "charts/grafanalink.h"

#include <QUrlQuery>

namespace md::ui {

QUrl grafanaDashboardUrl(const QString &grafanaBase, const GrafanaTarget &target)
{
    QUrl url(grafanaBase.trimmed());
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return {};
    QString path;
    QUrlQuery query;
    if (target.level == QLatin1String("service")) {
        if (target.name.isEmpty() || target.namespaceName.isEmpty())
            return {};
        path = QStringLiteral("/d/LJ_uJAvmk/istio-service-dashboard");
        query.addQueryItem(
            QStringLiteral("var-service"),
            QStringLiteral("%1.%2.svc.cluster.local").arg(target.name, target.namespaceName));
    } else if (target.level == QLatin1String("workload")) {
        if (target.name.isEmpty() || target.namespaceName.isEmpty())
            return {};
        path = QStringLiteral("/d/UbsSZTDik/istio-workload-dashboard");
        query.addQueryItem(QStringLiteral("var-namespace"), target.namespaceName);
        query.addQueryItem(QStringLiteral("var-workload"), target.name);
    } else if (target.level == QLatin1String("mesh")) {
        path = QStringLiteral("/d/G8wLrJIZk/istio-mesh-dashboard");
    } else {
        return {};
    }
    if (target.from.isValid() && target.to.isValid()) {
        query.addQueryItem(QStringLiteral("from"),
                           QString::number(target.from.toMSecsSinceEpoch()));
        query.addQueryItem(QStringLiteral("to"), QString::number(target.to.toMSecsSinceEpoch()));
    }
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(query);
    url.setFragment({});
    return url;
}

} // namespace md::ui

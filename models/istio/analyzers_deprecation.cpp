// Deprecated fields and kinds (IST0002) and negative status conditions (IST0171).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

void analyzeDeprecations(Context &c)
{
    const QString text = QStringLiteral("Deprecated: %1");
    if (c.id.kind == QLatin1String("VirtualService")) {
        const Value &http = c.spec().value(QStringLiteral("http"));
        for (qsizetype i = 0; i < http.size(); ++i) {
            const Value &delay
                = http.at(i).value(QStringLiteral("fault")).value(QStringLiteral("delay"));
            if (delay.value(QStringLiteral("percent")).toInteger() > 0)
                c.report(Severity::Warning, "IST0002",
                         itemPath(QStringLiteral("spec.http"), i)
                             + QStringLiteral(".fault.delay.percent"),
                         text.arg(QStringLiteral("HTTPRoute.fault.delay.percent is deprecated; use "
                                                 "HTTPRoute.fault.delay.percentage")));
        }
    } else if (c.id.kind == QLatin1String("Sidecar")) {
        if (has(c.spec().value(QStringLiteral("outboundTrafficPolicy")),
                QStringLiteral("egressProxy")))
            c.report(Severity::Warning, "IST0002",
                     QStringLiteral("spec.outboundTrafficPolicy.egressProxy"),
                     text.arg(QStringLiteral("OutboundTrafficPolicy.EgressProxy ignored")));
    } else if (c.id.kind == QLatin1String("CustomResourceDefinition")) {
        const QString group = c.spec().value(QStringLiteral("group")).toString();
        const QString kind
            = c.spec().value(QStringLiteral("names")).value(QStringLiteral("kind")).toString();
        static const QStringList removed
            = {QStringLiteral("ClusterRbacConfig"), QStringLiteral("RbacConfig"),
               QStringLiteral("ServiceRole"), QStringLiteral("ServiceRoleBinding")};
        if (group == QLatin1String("rbac.istio.io") && removed.contains(kind))
            c.report(
                Severity::Warning, "IST0002", QString(),
                text.arg(QStringLiteral("Custom resource type %1 %2 is removed").arg(group, kind)));
    }
}

void analyzeConditions(Context &c)
{
    // Condition types reported when False, per kind (istioctl's table).
    QStringList negative;
    const QString &kind = c.id.kind;
    const bool gatewayApi = c.id.group() == QLatin1String("gateway.networking.k8s.io");
    if (kind == QLatin1String("Service") || kind == QLatin1String("ServiceEntry")
        || kind == QLatin1String("WorkloadEntry"))
        negative = {QStringLiteral("istio.io/WaypointBound")};
    else if (kind == QLatin1String("AuthorizationPolicy"))
        negative = {QStringLiteral("ZtunnelAccepted"), QStringLiteral("WaypointAccepted")};
    else if (gatewayApi
             && (kind == QLatin1String("Gateway") || kind == QLatin1String("HTTPRoute")
                 || kind == QLatin1String("GRPCRoute")))
        negative = {QStringLiteral("Accepted"), QStringLiteral("Programmed"),
                    QStringLiteral("ResolvedRefs")};
    else
        return;
    const Value &status = c.object.value(QStringLiteral("status"));
    QList<std::pair<const Value *, QString>> conditions;
    const auto collect = [&conditions](const Value &list, const QString &path) {
        for (qsizetype i = 0; i < list.size(); ++i)
            conditions.append({&list.at(i), itemPath(path, i)});
    };
    if (gatewayApi && kind != QLatin1String("Gateway")) {
        const Value &parents = status.value(QStringLiteral("parents"));
        for (qsizetype p = 0; p < parents.size(); ++p)
            collect(parents.at(p).value(QStringLiteral("conditions")),
                    itemPath(QStringLiteral("status.parents"), p) + QStringLiteral(".conditions"));
    } else {
        collect(status.value(QStringLiteral("conditions")), QStringLiteral("status.conditions"));
    }
    for (const auto &[condition, path] : std::as_const(conditions)) {
        const QString type = condition->value(QStringLiteral("type")).toString();
        const QString reason = condition->value(QStringLiteral("reason")).toString();
        const bool isFalse
            = condition->value(QStringLiteral("status")).toString() == QLatin1String("False");
        const bool partial = kind == QLatin1String("AuthorizationPolicy")
            && type == QLatin1String("WaypointAccepted")
            && reason == QLatin1String("PartiallyInvalid");
        const int times = (isFalse && negative.contains(type) ? 1 : 0) + (partial ? 1 : 0);
        for (int i = 0; i < times; ++i)
            c.report(
                Severity::Warning, "IST0171", path,
                QStringLiteral("A condition with a negative status is present: type=%1, "
                               "reason=%2, message=%3.")
                    .arg(type, reason, condition->value(QStringLiteral("message")).toString()));
    }
}

} // namespace md::istio::analysis

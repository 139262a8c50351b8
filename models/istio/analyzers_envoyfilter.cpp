// EnvoyFilter analyzers: patch operations Envoy ignores for their applyTo (IST0152, IST0153,
// IST0154) and relative operations without a priority (IST0151), also across proxy versions
// (IST0155).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

namespace {

// What istioctl compares patches by: the patch value's name, else the listener filter's name.
QString instanceName(const Value &patch)
{
    const Value &value = patch.value(QStringLiteral("patch")).value(QStringLiteral("value"));
    if (!value.isObject())
        return QString();
    if (value.contains(QStringLiteral("name")))
        return value.value(QStringLiteral("name")).toString();
    return patch.value(QStringLiteral("match"))
        .value(QStringLiteral("listener"))
        .value(QStringLiteral("filterChain"))
        .value(QStringLiteral("filter"))
        .value(QStringLiteral("name"))
        .toString();
}

bool hasProxyVersion(const Value &patch)
{
    return !patch.value(QStringLiteral("match"))
                .value(QStringLiteral("proxy"))
                .value(QStringLiteral("proxyVersion"))
                .toString()
                .isEmpty();
}

} // namespace

void analyzeEnvoyFilter(Context &c)
{
    const Value &patches = c.spec().value(QStringLiteral("configPatches"));
    const qint64 priority = c.spec().value(QStringLiteral("priority")).toInteger();
    // Names patched for a given proxy version, by the other EnvoyFilters and earlier patches.
    QSet<QString> versioned;
    for (int other : priority == 0 ? c.index.ofKind(QStringLiteral("EnvoyFilter")) : QList<int>()) {
        if (c.isSelf(other))
            continue;
        const Value &list = c.objectAt(other)
                                .value(QStringLiteral("spec"))
                                .value(QStringLiteral("configPatches"));
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (hasProxyVersion(list.at(i)))
                versioned.insert(instanceName(list.at(i)));
        }
    }
    for (qsizetype i = 0; i < patches.size(); ++i) {
        const Value &patch = patches.at(i);
        if (!patch.value(QStringLiteral("patch")).isObject())
            break;
        const QString path = itemPath(QStringLiteral("spec.configPatches"), i);
        const QString name = instanceName(patch);
        const QString op
            = patch.value(QStringLiteral("patch")).value(QStringLiteral("operation")).toString();
        const QString applyTo = patch.value(QStringLiteral("applyTo")).toString();
        const bool routeLevel = applyTo == QLatin1String("ROUTE_CONFIGURATION")
            || applyTo == QLatin1String("HTTP_ROUTE");
        bool relative = false;
        if (op == QLatin1String("ADD")) {
            if (routeLevel)
                c.report(Severity::Error, "IST0153", path,
                         QStringLiteral("The ADD operation will be ignored when applyTo is set to "
                                        "ROUTE_CONFIGURATION, or HTTP_ROUTE."));
        } else if (op == QLatin1String("REMOVE")) {
            if (routeLevel)
                c.report(Severity::Error, "IST0154", path,
                         QStringLiteral("The REMOVE operation will be ignored when applyTo is set "
                                        "to ROUTE_CONFIGURATION, or HTTP_ROUTE."));
            else
                relative = true;
        } else if (op == QLatin1String("REPLACE")) {
            if (applyTo != QLatin1String("NETWORK_FILTER")
                && applyTo != QLatin1String("HTTP_FILTER")
                && applyTo != QLatin1String("VIRTUAL_HOST"))
                c.report(Severity::Error, "IST0152", path,
                         QStringLiteral("The REPLACE operation is only valid for HTTP_FILTER and "
                                        "NETWORK_FILTER."));
            else
                relative = true;
        } else if (op == QLatin1String("INSERT_BEFORE") || op == QLatin1String("INSERT_AFTER")) {
            relative = true;
        }
        if (relative && priority == 0) {
            if (versioned.contains(name))
                c.report(
                    Severity::Warning, "IST0155", path,
                    QStringLiteral("This EnvoyFilter does not have a priority and has a "
                                   "relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, "
                                   "MERGE, DELETE) and proxyVersion set which can cause the "
                                   "EnvoyFilter not to be applied during an upgrade. Using the "
                                   "INSERT_FIRST or ADD option or setting the priority may "
                                   "help in ensuring the EnvoyFilter is applied correctly."));
            else
                c.report(Severity::Warning, "IST0151", path,
                         QStringLiteral("This EnvoyFilter does not have a priority and has a "
                                        "relative patch operation set which can cause the "
                                        "EnvoyFilter not to be applied. Using the INSERT_FIRST of "
                                        "ADD option or setting the priority may help in ensuring "
                                        "the EnvoyFilter is applied correctly."));
        }
        if (hasProxyVersion(patch))
            versioned.insert(name);
    }
}

} // namespace md::istio::analysis

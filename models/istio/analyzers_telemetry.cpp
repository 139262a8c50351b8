// Telemetry analyzers: access logging without providers (IST0157), the deprecated Lightstep
// provider (IST0002), selectors matching nothing (IST0101), several Telemetries on one pod
// (IST0159) or without selector in one namespace (IST0160).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

namespace {

QStringList shortNames(const Context &c, const QList<int> &entries, bool withSelf)
{
    QStringList names;
    if (withSelf)
        names.append(c.id.name);
    for (int e : entries)
        names.append(c.index.entry(e).id.name);
    names.sort();
    return names;
}

} // namespace

void analyzeTelemetry(Context &c)
{
    const Value &spec = c.spec();
    const Value &mesh = c.index.meshConfig();
    if (mesh.value(QStringLiteral("defaultProviders"))
            .value(QStringLiteral("accessLogging"))
            .isEmpty()) {
        const Value &logging = spec.value(QStringLiteral("accessLogging"));
        for (qsizetype i = 0; i < logging.size(); ++i) {
            if (logging.at(i).value(QStringLiteral("disabled")).toBool())
                continue;
            if (logging.at(i).value(QStringLiteral("providers")).isEmpty())
                c.report(
                    Severity::Warning, "IST0157", itemPath(QStringLiteral("spec.accessLogging"), i),
                    QStringLiteral("The Telemetry %1 in namespace %2 with empty providers will "
                                   "be ignored.")
                        .arg(c.id.name, goQuote(c.ns)));
        }
    }
    QSet<QString> lightstep;
    const Value &providers = mesh.value(QStringLiteral("extensionProviders"));
    for (qsizetype i = 0; i < providers.size(); ++i) {
        if (providers.at(i).contains(QStringLiteral("lightstep")))
            lightstep.insert(providers.at(i).value(QStringLiteral("name")).toString());
    }
    const Value &tracing = spec.value(QStringLiteral("tracing"));
    for (qsizetype t = 0; t < tracing.size() && !lightstep.isEmpty(); ++t) {
        const Value &refs = tracing.at(t).value(QStringLiteral("providers"));
        for (qsizetype p = 0; p < refs.size(); ++p) {
            const QString name = refs.at(p).value(QStringLiteral("name")).toString();
            if (lightstep.contains(name))
                c.report(
                    Severity::Warning, "IST0002",
                    itemPath(itemPath(QStringLiteral("spec.tracing"), t)
                                 + QStringLiteral(".providers"),
                             p),
                    QStringLiteral("Deprecated: The Lightstep provider %1 is deprecated, please "
                                   "migrate to OpenTelemetry provider.")
                        .arg(name));
        }
    }
    const QList<int> others = [&c] {
        QList<int> result;
        for (int t : c.index.kindInNamespace(QStringLiteral("Telemetry"), c.ns)) {
            if (!c.isSelf(t))
                result.append(t);
        }
        return result;
    }();
    if (!has(spec, QStringLiteral("selector"))) {
        QList<int> unselective;
        for (int t : others) {
            if (!has(c.objectAt(t).value(QStringLiteral("spec")), QStringLiteral("selector")))
                unselective.append(t);
        }
        if (!unselective.isEmpty())
            c.report(Severity::Error, "IST0160", QString(),
                     QStringLiteral("The Telemetries %1 in namespace %2 have no workload selector, "
                                    "which can lead to undefined behavior.")
                         .arg(goList(shortNames(c, unselective, true)), goQuote(c.ns)));
        return;
    }
    const auto selector
        = stringMap(spec.value(QStringLiteral("selector")).value(QStringLiteral("matchLabels")));
    if (selector.isEmpty() || !c.index.knowsWorkloads())
        return;
    if (!c.index.anyWorkloadSelected(selector, c.ns)) {
        c.report(Severity::Error, "IST0101", QStringLiteral("spec.selector.matchLabels"),
                 QStringLiteral("Referenced selector not found: %1")
                     .arg(goQuote(selectorText(selector))));
        return;
    }
    for (int pod : c.index.kindInNamespace(QStringLiteral("Pod"), c.ns)) {
        const auto labels = podLabelsOf(c.objectAt(pod));
        if (!selects(selector, labels))
            continue;
        QList<int> same;
        for (int t : others) {
            const auto otherSelector = stringMap(c.objectAt(t)
                                                     .value(QStringLiteral("spec"))
                                                     .value(QStringLiteral("selector"))
                                                     .value(QStringLiteral("matchLabels")));
            if (!otherSelector.isEmpty() && selects(otherSelector, labels))
                same.append(t);
        }
        if (!same.isEmpty())
            c.report(Severity::Error, "IST0159", QStringLiteral("spec.selector"),
                     QStringLiteral("The Telemetries %1 in namespace %2 select the same workload "
                                    "pod %3, which can lead to undefined behavior.")
                         .arg(goList(shortNames(c, same, true)), goQuote(c.ns),
                              goQuote(c.index.entry(pod).id.name)));
    }
}

} // namespace md::istio::analysis

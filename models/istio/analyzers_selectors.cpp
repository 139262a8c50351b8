// Selectors and policies that select nothing or overlap: Sidecars (IST0101, IST0110,
// IST0111, IST0167), AuthorizationPolicies (IST0127, namespaces IST0101), Request- and
// PeerAuthentications (IST0127, MD3004), and policies whose selector picks a Kubernetes
// Gateway's pods (IST0166).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

namespace {

bool podInAmbient(const Value &pod)
{
    return stringMap(pod.value(QStringLiteral("metadata")).value(QStringLiteral("annotations")))
               .value(QStringLiteral("ambient.istio.io/redirection"))
        == QLatin1String("enabled");
}

bool namespaceInAmbient(const MeshIndex &index, const QString &ns)
{
    const int entry = index.find(QStringLiteral("Namespace"), QString(), ns);
    if (entry < 0)
        return false;
    const auto labels = stringMap(index.entry(entry)
                                      .object.value(QStringLiteral("metadata"))
                                      .value(QStringLiteral("labels")));
    if (labels.value(QStringLiteral("istio-injection")) == QLatin1String("enabled")
        || !labels.value(QStringLiteral("istio.io/rev")).isEmpty())
        return false;
    return labels.value(QStringLiteral("istio.io/dataplane-mode")) == QLatin1String("ambient");
}

// Labels of the workloads in the mesh of a namespace: running Pods when known, else the pod
// templates of workloads given in files.
QList<QMap<QString, QString>> meshWorkloads(const MeshIndex &index, const QString &ns)
{
    QList<QMap<QString, QString>> result;
    const QStringList kinds = index.knowsPods()
        ? QStringList {QStringLiteral("Pod")}
        : QStringList {QStringLiteral("Deployment"), QStringLiteral("StatefulSet"),
                       QStringLiteral("DaemonSet"), QStringLiteral("ReplicaSet")};
    for (const QString &kind : kinds) {
        for (int e : index.kindInNamespace(kind, ns)) {
            const Value &object = index.entry(e).object;
            if (inMesh(index, object, ns) || podInAmbient(object))
                result.append(podLabelsOf(object));
        }
    }
    return result;
}

bool namespaceMatches(const QString &ns, const QString &pattern)
{
    if (pattern == QLatin1String("*"))
        return true;
    if (pattern.startsWith(u'*'))
        return ns.endsWith(pattern.mid(1));
    if (pattern.endsWith(u'*'))
        return ns.startsWith(pattern.chopped(1));
    return ns.compare(pattern, Qt::CaseInsensitive) == 0;
}

void checkSelectorMatches(Context &c, const QMap<QString, QString> &selector, const QString &path)
{
    if (selector.isEmpty() || !c.index.knowsWorkloads()
        || c.index.anyWorkloadSelected(selector, c.ns))
        return;
    c.report(Severity::Warning, "IST0127", path,
             QStringLiteral("No matching workloads for this resource with the following labels: %1")
                 .arg(selectorText(selector)));
}

} // namespace

void analyzeSidecar(Context &c)
{
    const auto selector = stringMap(
        c.spec().value(QStringLiteral("workloadSelector")).value(QStringLiteral("labels")));
    QList<int> others;
    for (int s : c.index.kindInNamespace(QStringLiteral("Sidecar"), c.ns)) {
        if (!c.isSelf(s))
            others.append(s);
    }
    const auto selectorOf = [&c](int s) {
        return stringMap(c.objectAt(s)
                             .value(QStringLiteral("spec"))
                             .value(QStringLiteral("workloadSelector"))
                             .value(QStringLiteral("labels")));
    };
    if (selector.isEmpty()) {
        if (namespaceInAmbient(c.index, c.ns)) {
            c.report(Severity::Warning, "IST0167", QString(),
                     QStringLiteral("The policy has no impact: namespace is in ambient mode, the "
                                    "policy has no impact."));
            return;
        }
        QStringList names {c.id.name};
        for (int s : std::as_const(others)) {
            if (selectorOf(s).isEmpty())
                names.append(c.index.entry(s).id.name);
        }
        names.sort();
        if (names.size() > 1)
            c.report(Severity::Error, "IST0111", QString(),
                     QStringLiteral("The Sidecars %1 in namespace %2 have no workload selector, "
                                    "which can lead to undefined behavior.")
                         .arg(goList(names), goQuote(c.ns)));
        return;
    }
    if (!c.index.knowsWorkloads())
        return;
    if (!c.index.anyWorkloadSelected(selector, c.ns)) {
        c.report(Severity::Error, "IST0101", QStringLiteral("spec.workloadSelector.labels"),
                 QStringLiteral("Referenced selector not found: %1")
                     .arg(goQuote(selectorText(selector))));
        return;
    }
    bool ambientReported = false;
    for (int pod : c.index.kindInNamespace(QStringLiteral("Pod"), c.ns)) {
        const Value &podObject = c.objectAt(pod);
        const auto labels = podLabelsOf(podObject);
        if (!selects(selector, labels))
            continue;
        if (podInAmbient(podObject)) {
            if (!std::exchange(ambientReported, true))
                c.report(Severity::Warning, "IST0167", QString(),
                         QStringLiteral("The policy has no impact: selected workload is in "
                                        "ambient mode, the policy has no impact."));
            continue;
        }
        QStringList names {c.id.name};
        for (int s : std::as_const(others)) {
            const auto otherSelector = selectorOf(s);
            if (!otherSelector.isEmpty() && selects(otherSelector, labels))
                names.append(c.index.entry(s).id.name);
        }
        names.sort();
        if (names.size() > 1)
            c.report(Severity::Error, "IST0110", QStringLiteral("spec.workloadSelector"),
                     QStringLiteral("The Sidecars %1 in namespace %2 select the same workload pod "
                                    "%3, which can lead to undefined behavior.")
                         .arg(goList(names), goQuote(c.ns), goQuote(c.index.entry(pod).id.name)));
    }
}

void analyzeAuthorizationPolicy(Context &c)
{
    const Value &spec = c.spec();
    if (c.index.knowsWorkloads()) {
        const bool hasSelector = has(spec, QStringLiteral("selector"));
        const auto selector = stringMap(
            spec.value(QStringLiteral("selector")).value(QStringLiteral("matchLabels")));
        bool matched = false;
        if (c.ns == c.index.rootNamespace()) {
            if (hasSelector) {
                for (const QString &ns : c.index.workloadNamespaces()) {
                    for (const auto &labels : meshWorkloads(c.index, ns))
                        matched = matched || selects(selector, labels);
                }
            } else {
                matched = true; // mesh-wide
            }
        } else {
            for (const auto &labels : meshWorkloads(c.index, c.ns))
                matched = matched || selects(selector, labels);
        }
        if (!matched)
            c.report(Severity::Warning, "IST0127",
                     hasSelector ? QStringLiteral("spec.selector.matchLabels") : QString(),
                     QStringLiteral("No matching workloads for this resource with the following "
                                    "labels: %1")
                         .arg(selectorText(selector)));
    }
    if (!c.index.knows(QStringLiteral("Namespace")))
        return;
    const QList<int> namespaces = c.index.ofKind(QStringLiteral("Namespace"));
    const Value &rules = spec.value(QStringLiteral("rules"));
    for (qsizetype r = 0; r < rules.size(); ++r) {
        const Value &from = rules.at(r).value(QStringLiteral("from"));
        for (qsizetype j = 0; j < from.size(); ++j) {
            const Value &source = from.at(j).value(QStringLiteral("source"));
            for (const char *field : {"namespaces", "notNamespaces"}) {
                const Value &list = source.value(QString::fromLatin1(field));
                for (qsizetype k = 0; k < list.size(); ++k) {
                    const QString pattern = list.at(k).toString();
                    const bool found
                        = std::any_of(namespaces.cbegin(), namespaces.cend(), [&](int n) {
                              return namespaceMatches(c.index.entry(n).id.name, pattern);
                          });
                    if (!found)
                        c.report(Severity::Error, "IST0101",
                                 itemPath(itemPath(itemPath(QStringLiteral("spec.rules"), r)
                                                       + QStringLiteral(".from"),
                                                   j)
                                              + QStringLiteral(".source.")
                                              + QString::fromLatin1(field),
                                          k),
                                 QStringLiteral("Referenced namespace not found: %1")
                                     .arg(goQuote(pattern)));
                }
            }
        }
    }
}

void analyzeWorkloadPolicy(Context &c)
{
    checkSelectorMatches(
        c,
        stringMap(c.spec().value(QStringLiteral("selector")).value(QStringLiteral("matchLabels"))),
        QStringLiteral("spec.selector.matchLabels"));
    if (c.id.kind == QLatin1String("RequestAuthentication")
        && c.index.kindInNamespace(QStringLiteral("AuthorizationPolicy"), c.ns).isEmpty()
        && c.index.kindInNamespace(QStringLiteral("AuthorizationPolicy"), c.index.rootNamespace())
               .isEmpty())
        c.f.add(Severity::Info, "MD3004", QString(),
                Tr::tr("RequestAuthentication only rejects invalid tokens; without an "
                       "AuthorizationPolicy requiring a principal, requests without a token are "
                       "allowed"));
}

void analyzeIneffectiveSelector(Context &c)
{
    const Value &spec = c.spec();
    if (has(spec, QStringLiteral("targetRef")) || !has(spec, QStringLiteral("selector")))
        return;
    const auto selector
        = stringMap(spec.value(QStringLiteral("selector")).value(QStringLiteral("matchLabels")));
    const QString gatewayName = QStringLiteral("gateway.networking.k8s.io/gateway-name");
    for (int pod : c.index.kindInNamespace(QStringLiteral("Pod"), c.ns)) {
        const auto labels = podLabelsOf(c.objectAt(pod));
        if (labels.contains(gatewayName) && selects(selector, labels))
            c.report(Severity::Warning, "IST0166", QStringLiteral("spec.selector"),
                     QStringLiteral("Ineffective selector on Kubernetes Gateway %1. Use the "
                                    "TargetRef field instead.")
                         .arg(labels.value(gatewayName)));
    }
}

} // namespace md::istio::analysis

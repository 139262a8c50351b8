#include "sidecar/injectionpolicy.h"

#include "schema/yamljson.h"
#include "sidecar/sidecartr.h"

#include <QJsonArray>
#include <QJsonObject>

namespace md::sidecar {

namespace {

QString pair(const QString &key, const QString &value)
{
    return key + QLatin1Char('=') + value;
}

bool isTrueWord(const QString &value)
{
    const QString v = value.toLower();
    return v == u"y" || v == u"yes" || v == u"true" || v == u"on";
}

// The phrase naming what selected the injector ("the namespace label istio-injection=enabled").
QString selectorPhrase(const QString &by, const InjectionInput &in)
{
    if (by == u"ns-injection") {
        const QString rev = in.namespaceLabels.value(keys::Revision);
        if (in.namespaceLabels.contains(keys::Revision))
            return Tr::tr("the namespace label %1 (it takes precedence over %2)")
                .arg(pair(keys::NamespaceInjection, QStringLiteral("enabled")),
                     pair(keys::Revision, rev));
        return Tr::tr("the namespace label %1")
            .arg(pair(keys::NamespaceInjection, QStringLiteral("enabled")));
    }
    if (by == u"ns-rev")
        return Tr::tr("the namespace label %1")
            .arg(pair(keys::Revision, in.namespaceLabels.value(keys::Revision)));
    if (by == u"pod-rev")
        return Tr::tr("the pod label %1")
            .arg(pair(keys::Revision, in.podLabels.value(keys::Revision)));
    return Tr::tr("the pod label %1").arg(pair(keys::InjectLabel, QStringLiteral("true")));
}

// The namespace's own injection label in words, for "overrides ..." sentences.
QString namespaceLabelPhrase(const InjectionInput &in)
{
    const StringMap &ns = in.namespaceLabels;
    if (ns.contains(keys::NamespaceInjection))
        return Tr::tr("the namespace label %1")
            .arg(pair(keys::NamespaceInjection, ns.value(keys::NamespaceInjection)));
    if (ns.contains(keys::Revision))
        return Tr::tr("the namespace label %1").arg(pair(keys::Revision, ns.value(keys::Revision)));
    return {};
}

void decideAmbient(const InjectionInput &in, InjectionDecision *d)
{
    const QString podMode = in.podLabels.value(keys::DataplaneMode);
    const QString nsMode = in.namespaceLabels.value(keys::DataplaneMode);
    if (d->injected) {
        if (podMode == u"ambient" || nsMode == u"ambient")
            d->ambientReason = Tr::tr("The pod has a sidecar, so ambient mode does not capture "
                                      "it although %1 is set.")
                                   .arg(pair(keys::DataplaneMode, QStringLiteral("ambient")));
        return;
    }
    if (d->rule == InjectionRule::HostNetwork || d->rule == InjectionRule::IgnoredNamespace)
        return; // the CNI skips these too
    if (podMode == u"none") {
        if (nsMode == u"ambient")
            d->ambientReason = Tr::tr("Pod label %1 keeps the pod out of the namespace's ambient "
                                      "mode.")
                                   .arg(pair(keys::DataplaneMode, podMode));
        return;
    }
    if (podMode == u"ambient")
        d->ambientReason = Tr::tr("Pod label %1 enrols the pod in ambient mode.")
                               .arg(pair(keys::DataplaneMode, podMode));
    else if (nsMode == u"ambient")
        d->ambientReason = Tr::tr("Namespace label %1 enrols the pod in ambient mode.")
                               .arg(pair(keys::DataplaneMode, nsMode));
    else
        return;
    d->ambient = true;
    auto waypointOf = [](const StringMap &labels, const QString &ns) -> QString {
        const QString name = labels.value(keys::UseWaypoint);
        const QString where = labels.value(keys::UseWaypointNamespace);
        if (name.isEmpty() || name == u"none")
            return name;
        return (where.isEmpty() ? ns : where) + QLatin1Char('/') + name;
    };
    QString waypoint = waypointOf(in.podLabels, in.namespaceName);
    if (waypoint.isEmpty())
        waypoint = waypointOf(in.namespaceLabels, in.namespaceName);
    if (waypoint == u"none")
        waypoint.clear();
    d->waypoint = waypoint;
}

Result<LabelSelector> readSelector(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return unexpected(QStringLiteral("sidecar.injector"),
                          Tr::tr("a label selector must be a mapping"), where);
    const QJsonObject object = value.toObject();
    LabelSelector selector;
    const QJsonObject labels = object.value(u"matchLabels").toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        selector.matchLabels.insert(it.key(), it.value().toVariant().toString());
    const QJsonArray expressions = object.value(u"matchExpressions").toArray();
    for (qsizetype i = 0; i < expressions.size(); ++i) {
        const QJsonObject e = expressions.at(i).toObject();
        const QString at = where + QStringLiteral(".matchExpressions[%1]").arg(i);
        LabelSelector::Requirement r;
        r.key = e.value(u"key").toString();
        const QString op = e.value(u"operator").toString();
        if (op == u"In")
            r.op = LabelSelector::Requirement::Op::In;
        else if (op == u"NotIn")
            r.op = LabelSelector::Requirement::Op::NotIn;
        else if (op == u"Exists")
            r.op = LabelSelector::Requirement::Op::Exists;
        else if (op == u"DoesNotExist")
            r.op = LabelSelector::Requirement::Op::DoesNotExist;
        else
            return unexpected(QStringLiteral("sidecar.injector"),
                              Tr::tr("unknown operator \"%1\"").arg(op), at + u".operator");
        if (r.key.isEmpty())
            return unexpected(QStringLiteral("sidecar.injector"), Tr::tr("the key is missing"),
                              at + u".key");
        for (const QJsonValue &v : e.value(u"values").toArray())
            r.values << v.toVariant().toString();
        selector.matchExpressions << r;
    }
    return selector;
}

} // namespace

bool LabelSelector::matches(const StringMap &labels) const
{
    if (isEmpty())
        return false;
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
        const auto found = labels.constFind(it.key());
        if (found == labels.cend() || *found != it.value())
            return false;
    }
    for (const Requirement &r : matchExpressions) {
        const auto found = labels.constFind(r.key);
        const bool has = found != labels.cend();
        switch (r.op) {
        case Requirement::Op::In:
            if (!has || !r.values.contains(*found))
                return false;
            break;
        case Requirement::Op::NotIn:
            if (has && r.values.contains(*found))
                return false;
            break;
        case Requirement::Op::Exists:
            if (!has)
                return false;
            break;
        case Requirement::Op::DoesNotExist:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

QString LabelSelector::toString() const
{
    QStringList parts;
    QStringList keys = matchLabels.keys();
    keys.sort();
    for (const QString &k : std::as_const(keys))
        parts << pair(k, matchLabels.value(k));
    for (const Requirement &r : matchExpressions) {
        switch (r.op) {
        case Requirement::Op::In:
            parts << r.key + u" in (" + r.values.join(u',') + u')';
            break;
        case Requirement::Op::NotIn:
            parts << r.key + u" notin (" + r.values.join(u',') + u')';
            break;
        case Requirement::Op::Exists:
            parts << r.key;
            break;
        case Requirement::Op::DoesNotExist:
            parts << u'!' + r.key;
            break;
        }
    }
    return parts.join(u',');
}

Result<InjectorConfig> InjectorConfig::parse(const QByteArray &configYaml)
{
    const auto docs = md::schema::parseYamlStream(configYaml, QStringLiteral("config"));
    if (!docs)
        return unexpected(docs.error());
    InjectorConfig config;
    config.fromConfigMap = true;
    if (docs->isEmpty())
        return config;
    const QJsonValue root = docs->first().value;
    if (!root.isObject() && !root.isNull())
        return unexpected(QStringLiteral("sidecar.injector"),
                          Tr::tr("the injector configuration must be a mapping"),
                          QStringLiteral("config"));
    const QJsonObject object = root.toObject();
    if (object.contains(u"policy")) {
        config.policyText = object.value(u"policy").toVariant().toString();
        if (config.policyText == u"enabled")
            config.policy = Policy::Enabled;
        else if (config.policyText == u"disabled")
            config.policy = Policy::Disabled;
        else
            config.policy = Policy::Invalid;
    }
    for (const auto &[key, list] :
         {std::pair {QStringLiteral("neverInjectSelector"), &config.neverInjectSelector},
          std::pair {QStringLiteral("alwaysInjectSelector"), &config.alwaysInjectSelector}}) {
        const QJsonValue value = object.value(key);
        if (value.isNull() || value.isUndefined())
            continue;
        if (!value.isArray())
            return unexpected(QStringLiteral("sidecar.injector"),
                              Tr::tr("%1 must be a list of label selectors").arg(key),
                              QStringLiteral("config.") + key);
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            auto selector
                = readSelector(items.at(i), QStringLiteral("config.%1[%2]").arg(key).arg(i));
            if (!selector)
                return unexpected(selector.error());
            list->append(*selector);
        }
    }
    return config;
}

bool isIgnoredNamespace(const QString &ns)
{
    return ns == u"kube-system" || ns == u"kube-public";
}

bool isSystemNamespace(const QString &ns)
{
    static const QSet<QString> system {
        QStringLiteral("kube-system"),     QStringLiteral("kube-public"),
        QStringLiteral("kube-node-lease"), QStringLiteral("istio-system"),
        QStringLiteral("istio-operator"),  QStringLiteral("local-path-storage"),
        QStringLiteral("cert-manager"),    QStringLiteral("metallb-system"),
        QStringLiteral("ingress-nginx"),   QStringLiteral("calico-system"),
        QStringLiteral("tigera-operator"), QStringLiteral("gatekeeper-system"),
    };
    return system.contains(ns);
}

InjectionDecision decideInjection(const InjectionInput &in, const MeshInjection &mesh)
{
    InjectionDecision d;
    auto done = [&](InjectionRule rule, bool injected, QString reason) {
        d.rule = rule;
        d.injected = injected;
        d.reason = std::move(reason);
        decideAmbient(in, &d);
        return d;
    };
    if (in.hostNetwork)
        return done(InjectionRule::HostNetwork, false,
                    Tr::tr("The pod uses the host network (hostNetwork: true): Istio never "
                           "injects such pods."));

    const StringMap &ns = in.namespaceLabels;
    const bool podHasLabel = in.podLabels.contains(keys::InjectLabel);
    const QString podLabel = in.podLabels.value(keys::InjectLabel);
    const QString nsLabelPhrase = namespaceLabelPhrase(in);

    // Stage 1: the webhooks' selectors (the API server calls the injector or not).
    if (podHasLabel && podLabel == u"false") {
        const QString label = pair(keys::InjectLabel, podLabel);
        if (ns.value(keys::NamespaceInjection) == u"enabled"
            || (!ns.contains(keys::NamespaceInjection) && ns.contains(keys::Revision)))
            return done(InjectionRule::PodLabelFalse, false,
                        Tr::tr("Pod label %1 overrides %2.").arg(label, nsLabelPhrase));
        return done(InjectionRule::PodLabelFalse, false,
                    Tr::tr("Pod label %1 turns injection off.").arg(label));
    }
    QString by; // what selected the injector
    QString revision;
    if (ns.contains(keys::NamespaceInjection)) {
        const QString value = ns.value(keys::NamespaceInjection);
        if (value != u"enabled") {
            const QString label = pair(keys::NamespaceInjection, value);
            if (podHasLabel && isTrueWord(podLabel))
                return done(InjectionRule::NamespaceNotEnabled, false,
                            Tr::tr("Namespace label %1 wins over the pod label %2: no injector "
                                   "is called for this namespace.")
                                .arg(label, pair(keys::InjectLabel, podLabel)));
            if (in.podLabels.contains(keys::Revision) || ns.contains(keys::Revision))
                return done(InjectionRule::NamespaceNotEnabled, false,
                            Tr::tr("Namespace label %1 wins over %2: no injector is called for "
                                   "this namespace.")
                                .arg(label, keys::Revision));
            return done(
                InjectionRule::NamespaceNotEnabled, false,
                Tr::tr("Namespace label %1 turns injection off for the namespace.").arg(label));
        }
        by = QStringLiteral("ns-injection");
        revision = QStringLiteral("default");
    } else if (ns.contains(keys::Revision)) {
        by = QStringLiteral("ns-rev");
        revision = ns.value(keys::Revision);
    } else if (in.podLabels.contains(keys::Revision)) {
        by = QStringLiteral("pod-rev");
        revision = in.podLabels.value(keys::Revision);
    } else if (podLabel == u"true") {
        by = QStringLiteral("pod-inject");
        revision = QStringLiteral("default");
    } else {
        const QString annotation = in.podAnnotations.value(keys::InjectLabel);
        if (isTrueWord(annotation))
            return done(InjectionRule::NotSelected, false,
                        Tr::tr("The deprecated pod annotation %1 is read only once a label "
                               "selects the injector: namespace %2 has neither %3 nor %4, and "
                               "the pod has no label %5 or %4.")
                            .arg(pair(keys::InjectLabel, annotation), in.namespaceName,
                                 keys::NamespaceInjection, keys::Revision,
                                 pair(keys::InjectLabel, QStringLiteral("true"))));
        return done(InjectionRule::NotSelected, false,
                    Tr::tr("Namespace %1 has neither %2 nor %3, and the pod has no label %4 or "
                           "%3.")
                        .arg(in.namespaceName, keys::NamespaceInjection, keys::Revision,
                             pair(keys::InjectLabel, QStringLiteral("true"))));
    }
    d.revision = revision;
    const QString selected = selectorPhrase(by, in);
    if (!mesh.revisions.isEmpty() && !mesh.revisions.contains(revision))
        return done(InjectionRule::UnknownRevision, false,
                    Tr::tr("Selected by %1, but no injector of revision %2 runs in this "
                           "cluster.")
                        .arg(selected, revision));

    // Stage 2: istiod's injectRequired.
    if (isIgnoredNamespace(in.namespaceName))
        return done(InjectionRule::IgnoredNamespace, false,
                    Tr::tr("Namespace %1 is a Kubernetes system namespace: Istio's injector "
                           "skips it.")
                        .arg(in.namespaceName));
    const bool hasAnnotation = in.podAnnotations.contains(keys::InjectLabel);
    if (podHasLabel || hasAnnotation) {
        const QString value = podHasLabel ? podLabel : in.podAnnotations.value(keys::InjectLabel);
        if (!value.isEmpty()) {
            const bool on = isTrueWord(value);
            const QString what = pair(keys::InjectLabel, value);
            const InjectionRule rule
                = podHasLabel ? InjectionRule::PodLabelValue : InjectionRule::PodAnnotationValue;
            if (on && by == u"pod-inject")
                return done(
                    rule, true,
                    Tr::tr("Pod label %1 turns injection on (revision %2).").arg(what, revision));
            if (on)
                return done(rule, true,
                            podHasLabel ? Tr::tr("Selected by %1 (revision %2); the pod label %3 "
                                                 "turns injection on.")
                                              .arg(selected, revision, what)
                                        : Tr::tr("Selected by %1 (revision %2); the deprecated pod "
                                                 "annotation %3 turns injection on.")
                                              .arg(selected, revision, what));
            return done(
                rule, false,
                podHasLabel
                    ? Tr::tr("Pod label %1 overrides %2: any value but true, "
                             "yes, y or on turns injection off.")
                          .arg(what, selected)
                    : Tr::tr("The deprecated pod annotation %1 overrides %2.").arg(what, selected));
        }
    }
    for (const LabelSelector &s : mesh.config.neverInjectSelector) {
        if (s.matches(in.podLabels))
            return done(InjectionRule::NeverInjectSelector, false,
                        Tr::tr("The pod's labels match the injector's neverInjectSelector (%1), "
                               "which overrides %2.")
                            .arg(s.toString(), selected));
    }
    for (const LabelSelector &s : mesh.config.alwaysInjectSelector) {
        if (s.matches(in.podLabels))
            return done(InjectionRule::AlwaysInjectSelector, true,
                        Tr::tr("Selected by %1 (revision %2); the pod's labels match the "
                               "injector's alwaysInjectSelector (%3).")
                            .arg(selected, revision, s.toString()));
    }
    switch (mesh.config.policy) {
    case InjectorConfig::Policy::Enabled:
        return done(InjectionRule::PolicyEnabled, true,
                    Tr::tr("Selected by %1 (revision %2); the pod does not set %3, so the "
                           "mesh's default policy (enabled) injects it.")
                        .arg(selected, revision, keys::InjectLabel));
    case InjectorConfig::Policy::Disabled:
        return done(InjectionRule::PolicyDisabled, false,
                    Tr::tr("Selected by %1, but the mesh's default policy is disabled and the "
                           "pod does not set %2.")
                        .arg(selected, pair(keys::InjectLabel, QStringLiteral("true"))));
    case InjectorConfig::Policy::Invalid:
        break;
    }
    return done(InjectionRule::PolicyInvalid, false,
                Tr::tr("The injector's policy \"%1\" is neither enabled nor disabled: istiod "
                       "injects nothing.")
                    .arg(mesh.config.policyText));
}

NamespacePolicy namespacePolicy(const StringMap &labels)
{
    NamespacePolicy p;
    p.ambient = labels.value(keys::DataplaneMode) == u"ambient";
    if (labels.contains(keys::NamespaceInjection)) {
        const QString value = labels.value(keys::NamespaceInjection);
        p.label = pair(keys::NamespaceInjection, value);
        p.state = value == u"enabled" ? NamespacePolicy::State::Enabled
                                      : NamespacePolicy::State::Disabled;
    } else if (labels.contains(keys::Revision)) {
        p.label = pair(keys::Revision, labels.value(keys::Revision));
        p.state = NamespacePolicy::State::Enabled;
    }
    return p;
}

QString namespaceStateText(NamespacePolicy::State state)
{
    switch (state) {
    case NamespacePolicy::State::Enabled:
        return Tr::tr("Enabled");
    case NamespacePolicy::State::Disabled:
        return Tr::tr("Disabled");
    case NamespacePolicy::State::NotSet:
        break;
    }
    return Tr::tr("Not set");
}

} // namespace md::sidecar

// Webhook and control plane analyzers: Istio injection webhooks that overlap or point to a
// missing service (IST0139), webhooks of an external control plane without a usable address
// (IST0163, IST0164), and mesh networks naming an unknown registry (IST0126).

#include "istio/analyzers_p.h"

#include <QHostAddress>
#include <QUrl>

namespace md::istio::analysis {

namespace {

const QString kRev = QStringLiteral("istio.io/rev");

QStringList revisionsOf(const Value &config)
{
    QStringList revisions;
    const auto labels
        = stringMap(config.value(QStringLiteral("metadata")).value(QStringLiteral("labels")));
    if (labels.contains(kRev))
        revisions.append(labels.value(kRev));
    const Value &webhooks = config.value(QStringLiteral("webhooks"));
    for (qsizetype i = 0; i < webhooks.size(); ++i) {
        for (const char *field : {"namespaceSelector", "objectSelector"}) {
            const Value &selector = webhooks.at(i).value(QString::fromLatin1(field));
            const auto matchLabels = stringMap(selector.value(QStringLiteral("matchLabels")));
            if (matchLabels.contains(kRev))
                revisions.append(matchLabels.value(kRev));
            const Value &expressions = selector.value(QStringLiteral("matchExpressions"));
            for (qsizetype e = 0; e < expressions.size(); ++e) {
                if (expressions.at(e).value(QStringLiteral("key")).toString() != kRev)
                    continue;
                const Value &values = expressions.at(e).value(QStringLiteral("values"));
                for (qsizetype v = 0; v < values.size(); ++v)
                    revisions.append(values.at(v).toString());
            }
        }
    }
    revisions.removeDuplicates();
    return revisions;
}

bool isIstioWebhookConfig(const Value &config)
{
    const Value &webhooks = config.value(QStringLiteral("webhooks"));
    for (qsizetype i = 0; i < webhooks.size(); ++i) {
        if (webhooks.at(i).value(QStringLiteral("name")).toString().endsWith(u"istio.io"))
            return true;
    }
    return !revisionsOf(config).isEmpty();
}

QList<QMap<QString, QString>> labelSets(const QString &key, const QStringList &revisions)
{
    QList<QMap<QString, QString>> base = {
        {},
        {{key,
          key == QLatin1String("istio-injection") ? QStringLiteral("enabled")
                                                  : QStringLiteral("true")}},
        {{key,
          key == QLatin1String("istio-injection") ? QStringLiteral("disabled")
                                                  : QStringLiteral("false")}},
    };
    QList<QMap<QString, QString>> all = base;
    for (const QString &rev : revisions) {
        for (QMap<QString, QString> set : base) {
            set.insert(kRev, rev);
            all.append(set);
        }
    }
    return all;
}

} // namespace

void analyzeMutatingWebhook(Context &c)
{
    if (!isIstioWebhookConfig(c.object))
        return;
    // Every Istio injection webhook of the cluster, "configuration/webhook".
    QList<std::pair<QString, const Value *>> hooks;
    QStringList revisions;
    for (int config : c.index.ofKind(QStringLiteral("MutatingWebhookConfiguration"))) {
        if (c.isSelf(config))
            continue;
        const Value &object = c.objectAt(config);
        if (!isIstioWebhookConfig(object))
            continue;
        revisions += revisionsOf(object);
        const Value &webhooks = object.value(QStringLiteral("webhooks"));
        for (qsizetype i = 0; i < webhooks.size(); ++i)
            hooks.append({c.index.entry(config).id.name + u'/'
                              + webhooks.at(i).value(QStringLiteral("name")).toString(),
                          &webhooks.at(i)});
    }
    revisions += revisionsOf(c.object);
    revisions.removeDuplicates();
    const Value &own = c.object.value(QStringLiteral("webhooks"));
    QList<QStringList> overlaps(own.size());
    for (const auto &nsLabels : labelSets(QStringLiteral("istio-injection"), revisions)) {
        for (const auto &podLabels :
             labelSets(QStringLiteral("sidecar.istio.io/inject"), revisions)) {
            const auto matches = [&](const Value &hook) {
                return labelSelectorMatches(hook.value(QStringLiteral("namespaceSelector")),
                                            nsLabels)
                    && labelSelectorMatches(hook.value(QStringLiteral("objectSelector")),
                                            podLabels);
            };
            QStringList matched;
            for (const auto &[name, hook] : std::as_const(hooks)) {
                if (matches(*hook))
                    matched.append(name);
            }
            for (qsizetype i = 0; i < own.size(); ++i) {
                if (matches(own.at(i)))
                    matched.append(c.id.name + u'/'
                                   + own.at(i).value(QStringLiteral("name")).toString());
            }
            for (qsizetype i = 0; i < own.size() && matched.size() > 1; ++i) {
                const QString self
                    = c.id.name + u'/' + own.at(i).value(QStringLiteral("name")).toString();
                if (!matched.contains(self))
                    continue;
                for (const QString &other : std::as_const(matched)) {
                    if (other != self && !overlaps[i].contains(other))
                        overlaps[i].append(other);
                }
            }
        }
    }
    for (qsizetype i = 0; i < own.size(); ++i) {
        const QString path = itemPath(QStringLiteral("webhooks"), i);
        if (!overlaps.at(i).isEmpty()) {
            QStringList others = overlaps.at(i);
            others.sort();
            c.report(Severity::Error, "IST0139", path,
                     QStringLiteral("Webhook overlaps with others: %1. This may cause injection to "
                                    "occur twice.")
                         .arg(goList(others)));
        }
        const Value &service
            = own.at(i).value(QStringLiteral("clientConfig")).value(QStringLiteral("service"));
        if (!service.isObject() || !c.index.knows(QStringLiteral("Service")))
            continue;
        const QString ns = service.value(QStringLiteral("namespace")).toString();
        const QString name = service.value(QStringLiteral("name")).toString();
        if (c.index.find(QStringLiteral("Service"), ns, name) < 0)
            c.report(Severity::Error, "IST0139", path + QStringLiteral(".clientConfig.service"),
                     QStringLiteral("Injector refers to a control plane service that does not "
                                    "exist: %1.")
                         .arg(ns + u'/' + name));
    }
}

void analyzeExternalControlPlane(Context &c)
{
    const bool validating = c.id.kind == QLatin1String("ValidatingWebhookConfiguration");
    const bool relevant = validating
        ? (c.id.name == QLatin1String("istiod-default-validator")
           || c.id.name.startsWith(QLatin1String("istio-validator")))
        : c.id.name.startsWith(QLatin1String("istio-sidecar-injector"));
    if (!relevant)
        return;
    const Value &webhooks = c.object.value(QStringLiteral("webhooks"));
    for (qsizetype i = 0; i < webhooks.size(); ++i) {
        const QString hook = webhooks.at(i).value(QStringLiteral("name")).toString();
        const Value &client = webhooks.at(i).value(QStringLiteral("clientConfig"));
        const QString path
            = itemPath(QStringLiteral("webhooks"), i) + QStringLiteral(".clientConfig");
        const QString invalid
            = QStringLiteral("The hostname (%1) that was provided for the webhook "
                             "(%2) to reach the ingress gateway on the external "
                             "control plane cluster %3. Traffic may not flow "
                             "properly.");
        if (client.contains(QStringLiteral("url"))) {
            const QString url = client.value(QStringLiteral("url")).toString();
            const QUrl parsed(url, QUrl::StrictMode);
            if (!parsed.isValid()) {
                c.report(
                    Severity::Warning, "IST0163", path + QStringLiteral(".url"),
                    invalid.arg(url, hook, QStringLiteral("was provided in an invalid format")));
            } else if (!QHostAddress(parsed.host()).isNull()) {
                c.report(
                    Severity::Info, "IST0164", path + QStringLiteral(".url"),
                    QStringLiteral("The address (%1) that was provided for the webhook (%2) to "
                                   "reach the ingress gateway on the external control plane "
                                   "cluster is an IP address. This is not recommended for a "
                                   "production environment.")
                        .arg(url, hook));
            }
        } else if (!client.value(QStringLiteral("service")).isObject()) {
            c.report(Severity::Warning, "IST0163", path,
                     invalid.arg(QString(), hook, QStringLiteral("is blank")));
        }
    }
}

void analyzeMeshNetworks(Context &c)
{
    if (c.id.name != QLatin1String("istio") || !c.index.hasMeshConfig())
        return;
    const auto networks = parseValue(c.object.value(QStringLiteral("data"))
                                         .value(QStringLiteral("meshNetworks"))
                                         .toString()
                                         .toUtf8());
    if (!networks)
        return;
    QStringList registries
        = {QStringLiteral("Mock"), QStringLiteral("Kubernetes"), QStringLiteral("External")};
    for (int secret : c.index.ofKind(QStringLiteral("Secret"))) {
        const Value &object = c.objectAt(secret);
        if (stringMap(object.value(QStringLiteral("metadata")).value(QStringLiteral("labels")))
                .value(QStringLiteral("istio/multiCluster"))
            != QLatin1String("true"))
            continue;
        registries += object.value(QStringLiteral("data")).keys();
    }
    const Value &list = networks->value(QStringLiteral("networks"));
    for (qsizetype n = 0; n < list.size() && list.isObject(); ++n) {
        const Value &endpoints = list.valueAt(n).value(QStringLiteral("endpoints"));
        for (qsizetype e = 0; e < endpoints.size(); ++e) {
            const Value &registry = endpoints.at(e).value(QStringLiteral("fromRegistry"));
            if (registry.isString() && !registries.contains(registry.toString()))
                c.report(Severity::Error, "IST0126", QStringLiteral("data.meshNetworks"),
                         QStringLiteral("Unknown service registry %1 in network %2")
                             .arg(registry.toString(), list.keyAt(n)));
        }
    }
}

} // namespace md::istio::analysis

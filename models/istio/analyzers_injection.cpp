// Sidecar injection analyzers: namespaces not injected or injected by default (IST0102,
// IST0148), several injection labels (IST0123), pods missing their proxy (IST0103),
// `image: auto` without a matching injector (IST0146, IST0147), proxies older than the
// injector's image (IST0158), and application containers running as the proxy's UID (IST0144).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

namespace {

const QString kInjection = QStringLiteral("istio-injection");
const QString kRev = QStringLiteral("istio.io/rev");
const QString kDataplaneMode = QStringLiteral("istio.io/dataplane-mode");

QString injectorConfigMap(const QString &revision)
{
    return revision.isEmpty() || revision == QLatin1String("default")
        ? QStringLiteral("istio-sidecar-injector")
        : QStringLiteral("istio-sidecar-injector-") + revision;
}

QMap<QString, QString> namespaceLabels(const MeshIndex &index, const QString &ns)
{
    const int entry = index.find(QStringLiteral("Namespace"), QString(), ns);
    if (entry < 0)
        return {};
    return stringMap(index.entry(entry)
                         .object.value(QStringLiteral("metadata"))
                         .value(QStringLiteral("labels")));
}

// The proxy image an injector config map's values name (hub/image:tag), or empty.
QString injectorProxyImage(const Value &values)
{
    const Value &global = values.value(QStringLiteral("global"));
    const QString image
        = global.value(QStringLiteral("proxy")).value(QStringLiteral("image")).toString();
    if (image.contains(u'/'))
        return image;
    if (image.isEmpty())
        return QString();
    return global.value(QStringLiteral("hub")).toString() + u'/' + image + u':'
        + global.value(QStringLiteral("tag")).toString();
}

void analyzeNamespace(Context &c)
{
    if (c.id.name == QLatin1String("istio-system"))
        return;
    const auto labels = stringMap(c.metadata().value(QStringLiteral("labels")));
    const bool hasInjection = labels.contains(kInjection);
    const QString injection = labels.value(kInjection);
    QStringList istioLabels;
    if (hasInjection)
        istioLabels.append(kInjection + u'=' + injection);
    for (const QString &label : {kRev, kDataplaneMode}) {
        if (labels.contains(label) && (!hasInjection || injection == QLatin1String("enabled")))
            istioLabels.append(label + u'=' + labels.value(label));
    }
    if (istioLabels.size() > 1)
        c.report(Severity::Warning, "IST0123", QStringLiteral("metadata.labels"),
                 QStringLiteral("The namespace has more than one type of injection labels %1, "
                                "which may lead to undefined behavior. Make sure only one "
                                "injection label exists.")
                     .arg(goList(istioLabels)));
    if (labels.value(kDataplaneMode) == QLatin1String("ambient"))
        return;
    if (injection.isEmpty() && !labels.contains(kRev)) {
        const Value &values = c.index.injectorValues().value(injectorConfigMap(labels.value(kRev)));
        if (values.value(QStringLiteral("sidecarInjectorWebhook"))
                .value(QStringLiteral("enableNamespacesByDefault"))
                .toBool()) {
            c.report(Severity::Info, "IST0148", QString(),
                     QStringLiteral("is enabled for Istio injection, as Istio is installed with "
                                    "enableNamespacesByDefault as true."));
            return;
        }
        c.report(Severity::Info, "IST0102", QStringLiteral("metadata.name"),
                 QStringLiteral("The namespace is not enabled for Istio injection. Run 'kubectl "
                                "label namespace %1 istio-injection=enabled' to enable it, or "
                                "'kubectl label namespace %1 istio-injection=disabled' to "
                                "explicitly mark it as not needing injection.")
                     .arg(c.id.name));
    }
    // IST0158: running proxies whose image is not the injector's.
    QString revision;
    if (labels.contains(kRev))
        revision = labels.value(kRev);
    else if (injection == QLatin1String("enabled"))
        revision = QStringLiteral("default");
    else
        return;
    const auto values = c.index.injectorValues().constFind(injectorConfigMap(revision));
    if (values == c.index.injectorValues().cend())
        return;
    const QString proxyImage = injectorProxyImage(*values);
    if (proxyImage.isEmpty())
        return;
    QStringList mismatched;
    for (int pod : c.index.kindInNamespace(QStringLiteral("Pod"), c.id.name)) {
        const Value &object = c.objectAt(pod);
        if (!podAnnotationsOf(object)
                 .value(QStringLiteral("sidecar.istio.io/proxyImage"))
                 .isEmpty())
            continue;
        const Value &spec = object.value(QStringLiteral("spec"));
        for (const char *list : {"containers", "initContainers"}) {
            const Value &containers = spec.value(QString::fromLatin1(list));
            for (qsizetype i = 0; i < containers.size(); ++i) {
                if (containers.at(i).value(QStringLiteral("name")).toString()
                    != QLatin1String("istio-proxy"))
                    continue;
                const QString image = containers.at(i).value(QStringLiteral("image")).toString();
                if (image != proxyImage && !image.startsWith(proxyImage + u'-'))
                    mismatched.append(c.index.entry(pod).id.name);
            }
        }
    }
    if (mismatched.isEmpty())
        return;
    mismatched.sort();
    c.report(Severity::Warning, "IST0158", QString(),
             QStringLiteral("The Istio proxy images of the pods running in the namespace do not "
                            "match the image defined in the injection configuration (pod names: "
                            "%1). This often happens after upgrading the Istio control-plane and "
                            "can be fixed by redeploying the pods.")
                 .arg(goList(mismatched)));
}

bool hasAutoImage(const Value &podSpec)
{
    const Value &containers = podSpec.value(QStringLiteral("containers"));
    for (qsizetype i = 0; i < containers.size(); ++i) {
        if (containers.at(i).value(QStringLiteral("name")).toString()
                == QLatin1String("istio-proxy")
            && containers.at(i).value(QStringLiteral("image")).toString() == QLatin1String("auto"))
            return true;
    }
    return false;
}

bool matchesIstioWebhook(const MeshIndex &index, const QMap<QString, QString> &nsLabels,
                         const QMap<QString, QString> &podLabels)
{
    for (int config : index.ofKind(QStringLiteral("MutatingWebhookConfiguration"))) {
        const Value &webhooks = index.entry(config).object.value(QStringLiteral("webhooks"));
        for (qsizetype i = 0; i < webhooks.size(); ++i) {
            const Value &w = webhooks.at(i);
            if (!w.value(QStringLiteral("name")).toString().endsWith(QLatin1String("istio.io")))
                continue;
            if (labelSelectorMatches(w.value(QStringLiteral("namespaceSelector")), nsLabels)
                && labelSelectorMatches(w.value(QStringLiteral("objectSelector")), podLabels))
                return true;
        }
    }
    return false;
}

void analyzePod(Context &c)
{
    const Value &spec = c.spec();
    if (hasAutoImage(spec))
        c.report(Severity::Error, "IST0147", QStringLiteral("spec.containers"),
                 QStringLiteral("%1 %2 contains `image: auto` but does not match any Istio "
                                "injection webhook selectors.")
                     .arg(QStringLiteral("Pod"), c.id.name));
    if (namespaceLabels(c.index, c.ns).value(kInjection) != QLatin1String("enabled"))
        return;
    QString inject = podAnnotationsOf(c.object).value(QStringLiteral("sidecar.istio.io/inject"));
    const auto labels = podLabelsOf(c.object);
    if (labels.contains(QStringLiteral("sidecar.istio.io/inject")))
        inject = labels.value(QStringLiteral("sidecar.istio.io/inject"));
    if (inject.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0
        || spec.value(QStringLiteral("hostNetwork")).toBool())
        return;
    if (!hasProxyContainer(spec))
        c.report(Severity::Warning, "IST0103", QString(),
                 QStringLiteral("The pod %1 is missing the Istio proxy. This can often be "
                                "resolved by restarting or redeploying the workload.")
                     .arg(c.fullName()));
}

} // namespace

void analyzeInjection(Context &c)
{
    if (c.id.kind == QLatin1String("Namespace")) {
        analyzeNamespace(c);
    } else if (c.id.kind == QLatin1String("Pod")) {
        analyzePod(c);
    } else if (c.id.kind == QLatin1String("Deployment") && hasAutoImage(podSpecOf(c.object))
               && !matchesIstioWebhook(c.index, namespaceLabels(c.index, c.ns),
                                       podLabelsOf(c.object))) {
        c.report(Severity::Warning, "IST0146", QStringLiteral("spec.template.spec.containers"),
                 QStringLiteral("%1 %2 contains `image: auto` but does not match any Istio "
                                "injection webhook selectors.")
                     .arg(QStringLiteral("Deployment"), c.id.name));
    }
}

void analyzeApplicationUid(Context &c)
{
    const auto labels = stringMap(c.metadata().value(QStringLiteral("labels")));
    if (labels.contains(QStringLiteral("istio"))
        || labels.value(QStringLiteral("release")) == u"istio")
        return; // Istio's control plane
    const Value &spec = podSpecOf(c.object);
    const QString base = c.id.kind == QLatin1String("Pod") ? QStringLiteral("spec")
                                                           : QStringLiteral("spec.template.spec");
    const QString text = QStringLiteral("User ID (UID) 1337 is reserved for the sidecar proxy.");
    if (spec.value(QStringLiteral("securityContext")).value(QStringLiteral("runAsUser")).toInteger()
        == 1337)
        c.report(Severity::Warning, "IST0144", base + QStringLiteral(".securityContext.runAsUser"),
                 text);
    const Value &containers = spec.value(QStringLiteral("containers"));
    for (qsizetype i = 0; i < containers.size(); ++i) {
        const QString name = containers.at(i).value(QStringLiteral("name")).toString();
        if (name == QLatin1String("istio-proxy") || name == QLatin1String("istio-operator"))
            continue;
        if (containers.at(i)
                .value(QStringLiteral("securityContext"))
                .value(QStringLiteral("runAsUser"))
                .toInteger()
            == 1337)
            c.report(Severity::Warning, "IST0144",
                     itemPath(base + QStringLiteral(".containers"), i)
                         + QStringLiteral(".securityContext.runAsUser"),
                     text);
    }
}

} // namespace md::istio::analysis

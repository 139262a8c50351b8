// Webhook checks shared by several kinds, and the dispatch on kind.

#include "istio/webhookrules_p.h"

#include <QSet>

namespace md::istio::webhook {

void checkPort(const Value &port, const QString &path, Findings &f, const char *code)
{
    if (port.isNull())
        return;
    const double n = port.toDouble(-1);
    if (!port.isNumber() || n < 1 || n > 65535)
        f.error(code, path,
                Tr::tr("port number %1 must be in the range 1..65535").arg(port.toDouble()));
}

void checkDurationPrecision(const Value &duration, const QString &path, Findings &f)
{
    // The CEL rules already report durations that are invalid or below 1ms.
    const auto ns = duration.isString() ? parseDuration(duration.toString()) : std::nullopt;
    if (ns && *ns >= 1'000'000 && *ns % 1'000'000 != 0)
        f.error(codes::Duration, path, Tr::tr("only durations to ms precision are supported"));
}

void checkExportTo(const Value &exportTo, const QString &path, const QString &ownNamespace,
                   bool isServiceEntry, Findings &f)
{
    if (!exportTo.isArray())
        return;
    QSet<QString> seen;
    for (qsizetype i = 0; i < exportTo.size(); ++i) {
        QString ns = exportTo.at(i).toString();
        const QString itemPath = md::istio::itemPath(path, i);
        if (ns == QLatin1String(".") && !ownNamespace.isEmpty())
            ns = ownNamespace;
        if (seen.contains(ns)) {
            f.error(codes::ExportTo, itemPath, Tr::tr("duplicate entries in exportTo: %1").arg(ns));
            continue;
        }
        seen.insert(ns);
        if (ns == QLatin1String("*") || ns == QLatin1String("~")) {
            if (ns == QLatin1String("~") && !isServiceEntry)
                f.error(codes::ExportTo, itemPath,
                        Tr::tr("exportTo ~ is only allowed on ServiceEntry"));
            else if (exportTo.size() > 1)
                f.error(codes::ExportTo, itemPath,
                        Tr::tr("exportTo %1 must be the only entry").arg(ns));
        } else if (ns != QLatin1String(".") && !isDnsLabel(ns)) {
            f.error(codes::ExportTo, itemPath,
                    Tr::tr("invalid namespace in exportTo: \"%1\"").arg(ns));
        }
    }
}

void checkSelectorAndTargetRefs(const Value &spec, const QString &selectorField,
                                const QString &labelsField, Findings &f)
{
    QList<std::pair<const Value *, QString>> refs;
    if (const Value *ref = spec.find(QStringLiteral("targetRef")); ref && !ref->isNull())
        refs.append({ref, QStringLiteral("spec.targetRef")});
    const Value &list = spec.value(QStringLiteral("targetRefs"));
    for (qsizetype i = 0; i < list.size(); ++i)
        refs.append({&list.at(i), itemPath(QStringLiteral("spec.targetRefs"), i)});
    static const QSet<QString> kinds = {QStringLiteral("Service"), QStringLiteral("ServiceEntry"),
                                        QStringLiteral("Gateway"), QStringLiteral("GatewayClass")};
    for (const auto &[ref, path] : std::as_const(refs)) {
        const QString kind = ref->value(QStringLiteral("kind")).toString();
        const QString group = ref->value(QStringLiteral("group")).toString();
        if (ref->value(QStringLiteral("name")).toString().isEmpty())
            f.error(codes::TargetRef, joinPath(path, QStringLiteral("name")),
                    Tr::tr("targetRef name is required"));
        if (!kinds.contains(kind)) {
            f.error(codes::TargetRef, joinPath(path, QStringLiteral("kind")),
                    Tr::tr("targetRef kind \"%1\" is not supported (Service, ServiceEntry, Gateway "
                           "or GatewayClass)")
                        .arg(kind));
        } else if ((kind == QLatin1String("Gateway") || kind == QLatin1String("GatewayClass"))
                   && group != QLatin1String("gateway.networking.k8s.io")) {
            f.error(
                codes::TargetRef, joinPath(path, QStringLiteral("group")),
                Tr::tr("targetRef of kind %1 must have group gateway.networking.k8s.io").arg(kind));
        }
    }
    const Value &labels = spec.value(selectorField).value(labelsField);
    if (has(spec, selectorField) && labels.isEmpty()) {
        f.warning(codes::Selector, QStringLiteral("spec.") + selectorField,
                  Tr::tr("an empty selector matches every workload in the namespace"));
    }
    checkLabels(labels, QStringLiteral("spec.") + selectorField + u'.' + labelsField, f,
                codes::Selector);
}

void checkLabels(const Value &labels, const QString &path, Findings &f, const char *code)
{
    for (qsizetype i = 0; i < labels.size() && labels.isObject(); ++i) {
        const QString key = labels.keyAt(i);
        const QString entry = path + u'[' + key + u']';
        if (!key.isEmpty() && !key.contains(u'*') && !isLabelKey(key))
            f.error(code, entry, Tr::tr("invalid label key \"%1\"").arg(key));
        const QString value = labels.valueAt(i).toString();
        if (!value.contains(u'*') && !isLabelValue(value))
            f.error(code, entry, Tr::tr("invalid label value \"%1\"").arg(value));
    }
}

void checkPercent(const Value &percent, const QString &path, Findings &f, const char *code)
{
    if (percent.isNull())
        return;
    const double v = percent.toDouble(-1);
    if (!percent.isNumber() || v < 0 || v > 100)
        f.error(code, path,
                Tr::tr("percentage %1 is out of range [0.0, 100.0]").arg(percent.toDouble()));
}

bool hostCovers(const QString &pattern, const QString &host)
{
    if (pattern == host || pattern == QLatin1String("*"))
        return true;
    if (!pattern.startsWith(u'*'))
        return false;
    const QString suffix = pattern.mid(1);
    return host.endsWith(suffix) && host.size() > suffix.size();
}

void checkAnnotations(const Value &object, Findings &f)
{
    const Value &annotations
        = object.value(QStringLiteral("metadata")).value(QStringLiteral("annotations"));
    const QString kind = object.value(QStringLiteral("kind")).toString();
    for (qsizetype i = 0; i < annotations.size() && annotations.isObject(); ++i) {
        const QString key = annotations.keyAt(i);
        const QString path = QStringLiteral("metadata.annotations[") + key + u']';
        if (key == QLatin1String("internal.istio.io/webhook-always-reject")
            || key.startsWith(QLatin1String("internal.istio.io/parent"))) {
            f.error(codes::Annotation, path,
                    Tr::tr("the annotation %1 is reserved for Istio").arg(key));
        } else if (key == QLatin1String("istio.io/dry-run")) {
            const QString action
                = object.value(QStringLiteral("spec")).value(QStringLiteral("action")).toString();
            const QString value = annotations.valueAt(i).toString();
            if (kind != QLatin1String("AuthorizationPolicy")
                || (action != QLatin1String("DENY") && action != QLatin1String("ALLOW")
                    && !action.isEmpty()))
                f.error(codes::Annotation, path,
                        Tr::tr("istio.io/dry-run is only supported on ALLOW and DENY "
                               "AuthorizationPolicy"));
            else if (value != QLatin1String("true") && value != QLatin1String("false"))
                f.error(codes::Annotation, path,
                        Tr::tr("istio.io/dry-run must be \"true\" or \"false\""));
        }
    }
}

void checkObject(const Value &object, Findings &f)
{
    checkAnnotations(object, f);
    const Value &spec = object.value(QStringLiteral("spec"));
    if (!spec.isObject())
        return;
    const QString kind = object.value(QStringLiteral("kind")).toString();
    const QString ns
        = object.value(QStringLiteral("metadata")).value(QStringLiteral("namespace")).toString();
    if (kind == QLatin1String("VirtualService")) {
        checkVirtualService(spec, f);
        checkExportTo(spec.value(QStringLiteral("exportTo")), QStringLiteral("spec.exportTo"), ns,
                      false, f);
    } else if (kind == QLatin1String("DestinationRule")) {
        checkDestinationRule(spec, ns, f);
    } else if (kind == QLatin1String("Gateway")) {
        checkGateway(object, f);
    } else if (kind == QLatin1String("ServiceEntry")) {
        checkServiceEntry(spec, ns, f);
    } else if (kind == QLatin1String("Sidecar")) {
        checkSidecar(spec, f);
    } else if (kind == QLatin1String("AuthorizationPolicy")) {
        checkAuthorizationPolicy(spec, f);
    } else if (kind == QLatin1String("RequestAuthentication")) {
        checkRequestAuthentication(spec, f);
    } else if (kind == QLatin1String("PeerAuthentication")) {
        checkPeerAuthentication(spec, f);
    }
}

} // namespace md::istio::webhook

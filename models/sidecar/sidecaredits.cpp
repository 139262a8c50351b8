#include "sidecar/sidecaredits.h"

#include "istio/document.h"
#include "sidecar/sidecartr.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <cmath>

namespace md::sidecar {

namespace {

using md::istio::Value;

Error editError(const QString &message, const QString &where = {})
{
    return Error {QStringLiteral("sidecar.edit"), message, where};
}

// metadata.labels / annotations of `object`, or of spec.template for workloads.
Value &mapAt(Value &object, bool inTemplate, const QString &which)
{
    Value *meta = &object;
    if (inTemplate) {
        Value &spec = object.member(QStringLiteral("spec"));
        if (!spec.isObject())
            spec = Value::object();
        Value &tmpl = spec.member(QStringLiteral("template"));
        if (!tmpl.isObject())
            tmpl = Value::object();
        meta = &tmpl;
    }
    Value &metadata = meta->member(QStringLiteral("metadata"));
    if (!metadata.isObject())
        metadata = Value::object();
    Value &map = metadata.member(which);
    if (!map.isObject())
        map = Value::object();
    return map;
}

// Removes an emptied labels/annotations map so the diff shows only what changed.
void dropEmpty(Value &object, bool inTemplate, const QString &which)
{
    Value *meta = &object;
    if (inTemplate) {
        Value *spec = object.find(QStringLiteral("spec"));
        Value *tmpl = spec ? spec->find(QStringLiteral("template")) : nullptr;
        if (!tmpl)
            return;
        meta = tmpl;
    }
    Value *metadata = meta->find(QStringLiteral("metadata"));
    if (!metadata)
        return;
    const Value *map = metadata->find(which);
    if (map && map->isObject() && map->isEmpty())
        metadata->remove(which);
}

Result<void> checkWorkload(const Value &workload)
{
    const QString kind = workload.value(QStringLiteral("kind")).toString();
    if (kind != u"Deployment" && kind != u"StatefulSet" && kind != u"DaemonSet")
        return unexpected(editError(Tr::tr("%1 is not a Deployment, StatefulSet or DaemonSet")
                                        .arg(kind.isEmpty() ? Tr::tr("The object") : kind)));
    if (workload.value(QStringLiteral("metadata"))
            .value(QStringLiteral("resourceVersion"))
            .isNull())
        return unexpected(editError(Tr::tr("the object carries no resourceVersion")));
    return {};
}

void setOrRemove(Value &map, const QString &key, const QString &value)
{
    if (value.isEmpty())
        map.remove(key);
    else
        map.insert(key, value);
}

} // namespace

Value valueOf(const md::kube::KubeObject &object, const QString &apiVersion, const QString &kind)
{
    auto parsed = md::istio::parseValue(object.json());
    if (!parsed)
        return {};
    Value value = *parsed;
    if (value.value(QStringLiteral("kind")).isNull())
        value.insert(QStringLiteral("kind"), kind);
    if (value.value(QStringLiteral("apiVersion")).isNull())
        value.insert(QStringLiteral("apiVersion"), apiVersion);
    return value;
}

Result<Value> editNamespaceInjection(const Value &ns, InjectionAction action,
                                     const QString &revision)
{
    if (ns.value(QStringLiteral("kind")).toString() != u"Namespace")
        return unexpected(editError(Tr::tr("the object is not a Namespace")));
    if (!revision.isEmpty() && revision.size() > 63)
        return unexpected(editError(
            Tr::tr("revision \"%1\" is longer than 63 characters").arg(revision), keys::Revision));
    Value edited = ns;
    Value &labels = mapAt(edited, false, QStringLiteral("labels"));
    switch (action) {
    case InjectionAction::Enable:
        if (!revision.isEmpty()) {
            labels.remove(keys::NamespaceInjection);
            labels.insert(keys::Revision, revision);
        } else if (labels.value(keys::NamespaceInjection).toString() == u"enabled"
                   || (!labels.contains(keys::NamespaceInjection)
                       && labels.contains(keys::Revision))) {
            // already enabled
        } else {
            labels.insert(keys::NamespaceInjection, QStringLiteral("enabled"));
        }
        break;
    case InjectionAction::Disable:
        labels.insert(keys::NamespaceInjection, QStringLiteral("disabled"));
        break;
    case InjectionAction::Clear:
        labels.remove(keys::NamespaceInjection);
        labels.remove(keys::Revision);
        break;
    }
    dropEmpty(edited, false, QStringLiteral("labels"));
    return edited;
}

Result<Value> editWorkloadInjection(const Value &workload, InjectionAction action)
{
    if (auto ok = checkWorkload(workload); !ok)
        return unexpected(ok.error());
    Value edited = workload;
    Value &labels = mapAt(edited, true, QStringLiteral("labels"));
    switch (action) {
    case InjectionAction::Enable:
        labels.insert(keys::InjectLabel, QStringLiteral("true"));
        break;
    case InjectionAction::Disable:
        labels.insert(keys::InjectLabel, QStringLiteral("false"));
        break;
    case InjectionAction::Clear: {
        labels.remove(keys::InjectLabel);
        Value &annotations = mapAt(edited, true, QStringLiteral("annotations"));
        annotations.remove(keys::InjectLabel);
        dropEmpty(edited, true, QStringLiteral("annotations"));
        break;
    }
    }
    dropEmpty(edited, true, QStringLiteral("labels"));
    return edited;
}

std::optional<double> parseQuantity(const QString &value)
{
    // Kubernetes' quantity: <signedNumber><suffix>, suffix binary (Ki..Ei), decimal
    // (n u m "" k M G T P E) or an exponent (e3, E-2).
    static const QRegularExpression re(
        QStringLiteral("^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|"
                       "P|E|[eE][+-]?[0-9]+)?$"));
    const auto match = re.match(value);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double number = match.captured(1).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString suffix = match.captured(2);
    static const QHash<QString, double> factors {
        {QStringLiteral("Ki"), std::pow(2.0, 10)},
        {QStringLiteral("Mi"), std::pow(2.0, 20)},
        {QStringLiteral("Gi"), std::pow(2.0, 30)},
        {QStringLiteral("Ti"), std::pow(2.0, 40)},
        {QStringLiteral("Pi"), std::pow(2.0, 50)},
        {QStringLiteral("Ei"), std::pow(2.0, 60)},
        {QStringLiteral("n"), 1e-9},
        {QStringLiteral("u"), 1e-6},
        {QStringLiteral("m"), 1e-3},
        {QStringLiteral("k"), 1e3},
        {QStringLiteral("M"), 1e6},
        {QStringLiteral("G"), 1e9},
        {QStringLiteral("T"), 1e12},
        {QStringLiteral("P"), 1e15},
        {QStringLiteral("E"), 1e18},
    };
    if (suffix.isEmpty())
        return number;
    if (suffix.startsWith(u'e') || suffix.startsWith(u'E'))
        return number * std::pow(10.0, suffix.mid(1).toInt());
    return number * factors.value(suffix);
}

QString checkQuantity(const QString &field, const QString &value)
{
    if (value.isEmpty())
        return {};
    const auto q = parseQuantity(value);
    if (!q)
        return Tr::tr("%1: \"%2\" is not a Kubernetes quantity (for example 100m, 0.5, 128Mi, "
                      "1Gi)")
            .arg(field, value);
    if (*q < 0)
        return Tr::tr("%1: \"%2\" is negative").arg(field, value);
    return {};
}

QString checkPortList(const QString &field, const QString &value)
{
    if (value.trimmed().isEmpty())
        return {};
    const QStringList entries = value.split(u',');
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString entry = entries.at(i).trimmed();
        if (entry.isEmpty())
            return Tr::tr("%1: entry %2 is empty").arg(field).arg(i + 1);
        bool ok = false;
        const int port = entry.toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return Tr::tr("%1: \"%2\" is not a port (1-65535)").arg(field, entry);
    }
    return {};
}

QString checkCidrList(const QString &field, const QString &value)
{
    if (value.trimmed().isEmpty())
        return {};
    const QStringList entries = value.split(u',');
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString entry = entries.at(i).trimmed();
        if (entry.isEmpty())
            return Tr::tr("%1: entry %2 is empty").arg(field).arg(i + 1);
        if (!entry.contains(u'/'))
            return Tr::tr("%1: \"%2\" has no prefix length (write it as a CIDR, e.g. %2/32)")
                .arg(field, entry);
        const auto subnet = QHostAddress::parseSubnet(entry);
        const QString address = entry.section(u'/', 0, 0);
        const QString length = entry.section(u'/', 1);
        bool ok = false;
        const int bits = length.toInt(&ok);
        QHostAddress host;
        if (subnet.second < 0 || !host.setAddress(address) || !ok
            || bits > (host.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32))
            return Tr::tr("%1: \"%2\" is not a CIDR range").arg(field, entry);
    }
    return {};
}

namespace {

QString normalisedList(const QString &value)
{
    QStringList parts;
    for (const QString &p : value.split(u',', Qt::SkipEmptyParts))
        parts << p.trimmed();
    return parts.join(u',');
}

} // namespace

Result<Value> editSidecarResources(const Value &workload, const SidecarResources &r)
{
    if (auto ok = checkWorkload(workload); !ok)
        return unexpected(ok.error());
    const std::pair<QString, QString> fields[] = {
        {keys::ProxyCpu, r.cpuRequest.trimmed()},
        {keys::ProxyCpuLimit, r.cpuLimit.trimmed()},
        {keys::ProxyMemory, r.memoryRequest.trimmed()},
        {keys::ProxyMemoryLimit, r.memoryLimit.trimmed()},
    };
    for (const auto &[key, value] : fields) {
        const QString error = checkQuantity(key, value);
        if (!error.isEmpty())
            return unexpected(editError(error, key));
    }
    auto above = [](const QString &request, const QString &limit) {
        return !request.isEmpty() && !limit.isEmpty()
            && *parseQuantity(request) > *parseQuantity(limit);
    };
    if (above(fields[0].second, fields[1].second))
        return unexpected(editError(Tr::tr("the CPU request %1 is above its limit %2")
                                        .arg(fields[0].second, fields[1].second),
                                    keys::ProxyCpu));
    if (above(fields[2].second, fields[3].second))
        return unexpected(editError(Tr::tr("the memory request %1 is above its limit %2")
                                        .arg(fields[2].second, fields[3].second),
                                    keys::ProxyMemory));
    Value edited = workload;
    Value &annotations = mapAt(edited, true, QStringLiteral("annotations"));
    for (const auto &[key, value] : fields)
        setOrRemove(annotations, key, value);
    dropEmpty(edited, true, QStringLiteral("annotations"));
    return edited;
}

Result<Value> editPassthrough(const Value &workload, const Passthrough &p)
{
    if (auto ok = checkWorkload(workload); !ok)
        return unexpected(ok.error());
    for (const auto &[key, value] : {std::pair {keys::ExcludeInboundPorts, p.inboundPorts},
                                     std::pair {keys::ExcludeOutboundPorts, p.outboundPorts}}) {
        const QString error = checkPortList(key, value);
        if (!error.isEmpty())
            return unexpected(editError(error, key));
    }
    const QString error = checkCidrList(keys::ExcludeOutboundIPRanges, p.outboundIpRanges);
    if (!error.isEmpty())
        return unexpected(editError(error, keys::ExcludeOutboundIPRanges));
    Value edited = workload;
    Value &annotations = mapAt(edited, true, QStringLiteral("annotations"));
    setOrRemove(annotations, keys::ExcludeInboundPorts, normalisedList(p.inboundPorts));
    setOrRemove(annotations, keys::ExcludeOutboundPorts, normalisedList(p.outboundPorts));
    setOrRemove(annotations, keys::ExcludeOutboundIPRanges, normalisedList(p.outboundIpRanges));
    dropEmpty(edited, true, QStringLiteral("annotations"));
    return edited;
}

Result<Value> restartWorkload(const Value &workload, const QDateTime &at)
{
    if (auto ok = checkWorkload(workload); !ok)
        return unexpected(ok.error());
    Value edited = workload;
    Value &annotations = mapAt(edited, true, QStringLiteral("annotations"));
    annotations.insert(keys::RestartedAt, at.toUTC().toString(Qt::ISODate));
    return edited;
}

} // namespace md::sidecar

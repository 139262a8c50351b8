#include "gateways/gatewayspec.h"

#include "secrets/validatenames.h"

#include <QJsonArray>
#include <QJsonObject>

namespace md::gateways {

namespace {

using md::istio::Value;
using md::secrets::quantityValue;
using md::secrets::validateLabel;
using md::secrets::validateLabelKey;
using md::secrets::validatePort;
using md::secrets::validateQuantity;
using md::secrets::validateSubdomain;

Value str(const QString &s)
{
    return Value(s);
}

Value map(const QList<std::pair<QString, QString>> &pairs)
{
    Value out = Value::object();
    for (const auto &[key, value] : pairs)
        out.insert(key, str(value));
    return out;
}

Value resourcesOf(const GatewayForm &form)
{
    Value requests = Value::object();
    if (!form.cpuRequest.isEmpty())
        requests.insert(QStringLiteral("cpu"), str(form.cpuRequest));
    if (!form.memoryRequest.isEmpty())
        requests.insert(QStringLiteral("memory"), str(form.memoryRequest));
    Value limits = Value::object();
    if (!form.cpuLimit.isEmpty())
        limits.insert(QStringLiteral("cpu"), str(form.cpuLimit));
    if (!form.memoryLimit.isEmpty())
        limits.insert(QStringLiteral("memory"), str(form.memoryLimit));
    Value resources = Value::object();
    if (!requests.isEmpty())
        resources.insert(QStringLiteral("requests"), requests);
    if (!limits.isEmpty())
        resources.insert(QStringLiteral("limits"), limits);
    return resources;
}

Value portsOf(const GatewayForm &form)
{
    Value ports = Value::array();
    for (const GatewayPort &p : form.ports) {
        Value port = Value::object();
        port.insert(QStringLiteral("name"), str(p.name));
        port.insert(QStringLiteral("port"), Value(p.port));
        if (p.targetPort > 0)
            port.insert(QStringLiteral("targetPort"), Value(p.targetPort));
        if (p.nodePort > 0 && form.serviceType != QLatin1String("ClusterIP"))
            port.insert(QStringLiteral("nodePort"), Value(p.nodePort));
        port.insert(QStringLiteral("protocol"),
                    str(p.protocol.isEmpty() ? QStringLiteral("TCP") : p.protocol));
        ports.append(port);
    }
    return ports;
}

Value metadataOf(const GatewayForm &form, const Value &labels)
{
    Value meta = Value::object();
    meta.insert(QStringLiteral("name"), str(form.name));
    meta.insert(QStringLiteral("namespace"), str(form.namespace_));
    meta.insert(QStringLiteral("labels"), labels);
    return meta;
}

Error fieldError(const QString &field, const Error &e)
{
    return Error {e.code, e.message, field};
}

void checkPairs(const QList<std::pair<QString, QString>> &pairs, const QString &field,
                QList<Error> *errors)
{
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        if (auto ok = validateLabelKey(pairs.at(i).first); !ok)
            errors->append(fieldError(QStringLiteral("%1[%2]").arg(field).arg(i), ok.error()));
    }
}

Value *child(Value &v, const QString &key)
{
    Value &member = v.member(key);
    if (!member.isObject())
        member = Value::object();
    return &member;
}

void setPairs(Value &metadata, const QString &key, const QList<std::pair<QString, QString>> &pairs,
              const QStringList &keep)
{
    // Annotations the form does not show (kubectl's, Istio's) are kept.
    Value result = Value::object();
    const Value &old = metadata.value(key);
    for (qsizetype i = 0; old.isObject() && i < old.size(); ++i) {
        const QString &k = old.keyAt(i);
        if (std::any_of(keep.cbegin(), keep.cend(),
                        [&](const QString &p) { return k.startsWith(p); }))
            result.insert(k, old.valueAt(i));
    }
    for (const auto &[k, v] : pairs)
        result.insert(k, str(v));
    if (result.isEmpty())
        metadata.remove(key);
    else
        metadata.insert(key, result);
}

const QStringList &hiddenAnnotationPrefixes()
{
    static const QStringList prefixes {
        QStringLiteral("kubectl.kubernetes.io/"), QStringLiteral("inject.istio.io/"),
        QStringLiteral("sidecar.istio.io/status"), QStringLiteral("deployment.kubernetes.io/")};
    return prefixes;
}

QList<std::pair<QString, QString>> pairsOf(const Value &map)
{
    QList<std::pair<QString, QString>> out;
    for (qsizetype i = 0; map.isObject() && i < map.size(); ++i) {
        const QString &k = map.keyAt(i);
        if (std::any_of(hiddenAnnotationPrefixes().cbegin(), hiddenAnnotationPrefixes().cend(),
                        [&](const QString &p) { return k.startsWith(p); }))
            continue;
        const Value &v = map.valueAt(i);
        out.append({k, v.isString() ? v.toString() : v.numberText()});
    }
    return out;
}

} // namespace

GatewayForm GatewayForm::defaults(GatewayType type)
{
    GatewayForm form;
    form.type = type;
    if (type == GatewayType::Ingress) {
        form.name = QStringLiteral("istio-ingressgateway");
        form.namespace_ = QStringLiteral("istio-ingress");
        form.serviceType = QStringLiteral("LoadBalancer");
        form.ports = {{QStringLiteral("status-port"), 15021, 15021, 0, QStringLiteral("TCP")},
                      {QStringLiteral("http2"), 80, 8080, 0, QStringLiteral("TCP")},
                      {QStringLiteral("https"), 443, 8443, 0, QStringLiteral("TCP")}};
    } else {
        form.name = QStringLiteral("istio-egressgateway");
        form.namespace_ = QStringLiteral("istio-egress");
        form.serviceType = QStringLiteral("ClusterIP");
        form.ports = {{QStringLiteral("http2"), 80, 8080, 0, QStringLiteral("TCP")},
                      {QStringLiteral("https"), 443, 8443, 0, QStringLiteral("TCP")}};
    }
    return form;
}

QString GatewayForm::selectorValue() const
{
    return name.startsWith(QLatin1String("istio-")) && name.size() > 6 ? name.mid(6) : name;
}

QList<Error> validateGatewayForm(const GatewayForm &form)
{
    QList<Error> errors;
    if (auto ok = validateLabel(form.name); !ok)
        errors.append(fieldError(QStringLiteral("name"), ok.error()));
    if (form.context.isEmpty())
        errors.append(Error {QStringLiteral("gateway.cluster"), Tr::tr("choose a cluster"),
                             QStringLiteral("cluster")});
    if (auto ok = validateLabel(form.namespace_); !ok)
        errors.append(fieldError(QStringLiteral("namespace"), ok.error()));
    if (form.replicas < 0 || form.replicas > 1000)
        errors.append(Error {QStringLiteral("gateway.replicas"),
                             Tr::tr("must be between 0 and 1000 (is %1)").arg(form.replicas),
                             QStringLiteral("replicas")});
    const std::pair<QString, QString> quantities[] {
        {QStringLiteral("resources.requests.cpu"), form.cpuRequest},
        {QStringLiteral("resources.requests.memory"), form.memoryRequest},
        {QStringLiteral("resources.limits.cpu"), form.cpuLimit},
        {QStringLiteral("resources.limits.memory"), form.memoryLimit},
    };
    for (const auto &[field, value] : quantities) {
        if (value.isEmpty())
            continue;
        if (auto ok = validateQuantity(value); !ok)
            errors.append(fieldError(field, ok.error()));
    }
    auto exceeds = [](const QString &request, const QString &limit) {
        const auto r = quantityValue(request);
        const auto l = quantityValue(limit);
        return r && l && *r > *l;
    };
    if (exceeds(form.cpuRequest, form.cpuLimit))
        errors.append(Error {
            QStringLiteral("gateway.resources"),
            Tr::tr("the CPU request %1 is above the limit %2").arg(form.cpuRequest, form.cpuLimit),
            QStringLiteral("resources.requests.cpu")});
    if (exceeds(form.memoryRequest, form.memoryLimit))
        errors.append(Error {QStringLiteral("gateway.resources"),
                             Tr::tr("the memory request %1 is above the limit %2")
                                 .arg(form.memoryRequest, form.memoryLimit),
                             QStringLiteral("resources.requests.memory")});
    static const QStringList serviceTypes {QStringLiteral("ClusterIP"), QStringLiteral("NodePort"),
                                           QStringLiteral("LoadBalancer")};
    if (!serviceTypes.contains(form.serviceType))
        errors.append(Error {
            QStringLiteral("gateway.serviceType"),
            Tr::tr("\"%1\" is not one of ClusterIP, NodePort, LoadBalancer").arg(form.serviceType),
            QStringLiteral("serviceType")});
    if (form.ports.isEmpty())
        errors.append(Error {QStringLiteral("gateway.ports"),
                             Tr::tr("a gateway Service needs at least one port"),
                             QStringLiteral("ports")});
    QSet<QString> names;
    QSet<int> numbers;
    for (qsizetype i = 0; i < form.ports.size(); ++i) {
        const GatewayPort &p = form.ports.at(i);
        const QString at = QStringLiteral("ports[%1]").arg(i);
        if (auto ok = validateLabel(p.name); !ok)
            errors.append(fieldError(at + QStringLiteral(".name"), ok.error()));
        else if (names.contains(p.name))
            errors.append(Error {QStringLiteral("gateway.port"),
                                 Tr::tr("the name %1 is used by another port").arg(p.name),
                                 at + QStringLiteral(".name")});
        names.insert(p.name);
        if (auto ok = validatePort(p.port); !ok)
            errors.append(fieldError(at + QStringLiteral(".port"), ok.error()));
        else if (numbers.contains(p.port))
            errors.append(Error {QStringLiteral("gateway.port"),
                                 Tr::tr("port %1 is listed twice").arg(p.port),
                                 at + QStringLiteral(".port")});
        numbers.insert(p.port);
        if (p.targetPort != 0)
            if (auto ok = validatePort(p.targetPort); !ok)
                errors.append(fieldError(at + QStringLiteral(".targetPort"), ok.error()));
        if (p.nodePort != 0 && (p.nodePort < 30000 || p.nodePort > 32767))
            errors.append(Error {
                QStringLiteral("gateway.port"),
                Tr::tr("node port %1 is outside the default range 30000-32767").arg(p.nodePort),
                at + QStringLiteral(".nodePort")});
        static const QStringList protocols {QStringLiteral("TCP"), QStringLiteral("UDP"),
                                            QStringLiteral("SCTP")};
        if (!protocols.contains(p.protocol))
            errors.append(Error {QStringLiteral("gateway.port"),
                                 Tr::tr("protocol \"%1\" is not TCP, UDP or SCTP").arg(p.protocol),
                                 at + QStringLiteral(".protocol")});
    }
    checkPairs(form.serviceAnnotations, QStringLiteral("serviceAnnotations"), &errors);
    checkPairs(form.podAnnotations, QStringLiteral("podAnnotations"), &errors);
    return errors;
}

Result<GatewayObjects> buildGateway(const GatewayForm &form)
{
    const QList<Error> errors = validateGatewayForm(form);
    if (!errors.isEmpty())
        return unexpected(errors.first());

    Value labels = Value::object();
    labels.insert(QStringLiteral("app"), str(form.name));
    labels.insert(QStringLiteral("istio"), str(form.selectorValue()));
    Value objectLabels = labels;
    objectLabels.insert(QStringLiteral("meshdesk.io/gateway-type"), str(typeId(form.type)));

    GatewayObjects out;
    out.serviceAccount = Value::object();
    out.serviceAccount.insert(QStringLiteral("apiVersion"), str(QStringLiteral("v1")));
    out.serviceAccount.insert(QStringLiteral("kind"), str(QStringLiteral("ServiceAccount")));
    out.serviceAccount.insert(QStringLiteral("metadata"), metadataOf(form, objectLabels));

    // The pod template as Istio's gateway injection wants it.
    Value podLabels = labels;
    podLabels.insert(QStringLiteral("sidecar.istio.io/inject"), str(QStringLiteral("true")));
    Value podAnnotations = map(form.podAnnotations);
    podAnnotations.insert(QStringLiteral("inject.istio.io/templates"),
                          str(QStringLiteral("gateway")));
    Value podMeta = Value::object();
    podMeta.insert(QStringLiteral("labels"), podLabels);
    podMeta.insert(QStringLiteral("annotations"), podAnnotations);

    Value proxy = Value::object();
    proxy.insert(QStringLiteral("name"), str(QStringLiteral("istio-proxy")));
    proxy.insert(QStringLiteral("image"), str(QStringLiteral("auto")));
    Value containerPorts = Value::array();
    for (const GatewayPort &p : form.ports) {
        Value port = Value::object();
        port.insert(QStringLiteral("containerPort"),
                    Value(p.targetPort > 0 ? p.targetPort : p.port));
        port.insert(QStringLiteral("protocol"), str(p.protocol));
        containerPorts.append(port);
    }
    proxy.insert(QStringLiteral("ports"), containerPorts);
    const Value resources = resourcesOf(form);
    if (!resources.isEmpty())
        proxy.insert(QStringLiteral("resources"), resources);
    Value capabilities = Value::object();
    Value drop = Value::array();
    drop.append(str(QStringLiteral("ALL")));
    capabilities.insert(QStringLiteral("drop"), drop);
    Value proxySecurity = Value::object();
    proxySecurity.insert(QStringLiteral("capabilities"), capabilities);
    proxySecurity.insert(QStringLiteral("runAsUser"), Value(1337));
    proxySecurity.insert(QStringLiteral("runAsGroup"), Value(1337));
    proxy.insert(QStringLiteral("securityContext"), proxySecurity);

    // Binding ports below 1024 without privileges.
    Value sysctl = Value::object();
    sysctl.insert(QStringLiteral("name"),
                  str(QStringLiteral("net.ipv4.ip_unprivileged_port_start")));
    sysctl.insert(QStringLiteral("value"), str(QStringLiteral("0")));
    Value sysctls = Value::array();
    sysctls.append(sysctl);
    Value podSecurity = Value::object();
    podSecurity.insert(QStringLiteral("sysctls"), sysctls);

    Value containers = Value::array();
    containers.append(proxy);
    Value podSpec = Value::object();
    podSpec.insert(QStringLiteral("serviceAccountName"), str(form.name));
    podSpec.insert(QStringLiteral("securityContext"), podSecurity);
    podSpec.insert(QStringLiteral("containers"), containers);
    Value tmpl = Value::object();
    tmpl.insert(QStringLiteral("metadata"), podMeta);
    tmpl.insert(QStringLiteral("spec"), podSpec);

    Value matchLabels = Value::object();
    matchLabels.insert(QStringLiteral("istio"), str(form.selectorValue()));
    matchLabels.insert(QStringLiteral("app"), str(form.name));
    Value selector = Value::object();
    selector.insert(QStringLiteral("matchLabels"), matchLabels);
    Value spec = Value::object();
    spec.insert(QStringLiteral("replicas"), Value(form.replicas));
    spec.insert(QStringLiteral("selector"), selector);
    spec.insert(QStringLiteral("template"), tmpl);
    out.deployment = Value::object();
    out.deployment.insert(QStringLiteral("apiVersion"), str(QStringLiteral("apps/v1")));
    out.deployment.insert(QStringLiteral("kind"), str(QStringLiteral("Deployment")));
    out.deployment.insert(QStringLiteral("metadata"), metadataOf(form, objectLabels));
    out.deployment.insert(QStringLiteral("spec"), spec);

    Value serviceMeta = metadataOf(form, objectLabels);
    if (!form.serviceAnnotations.isEmpty())
        serviceMeta.insert(QStringLiteral("annotations"), map(form.serviceAnnotations));
    Value serviceSpec = Value::object();
    serviceSpec.insert(QStringLiteral("type"), str(form.serviceType));
    serviceSpec.insert(QStringLiteral("selector"), matchLabels);
    serviceSpec.insert(QStringLiteral("ports"), portsOf(form));
    out.service = Value::object();
    out.service.insert(QStringLiteral("apiVersion"), str(QStringLiteral("v1")));
    out.service.insert(QStringLiteral("kind"), str(QStringLiteral("Service")));
    out.service.insert(QStringLiteral("metadata"), serviceMeta);
    out.service.insert(QStringLiteral("spec"), serviceSpec);
    return out;
}

GatewayForm formFromLive(const QString &context, const Value &deployment, const Value &service)
{
    GatewayForm form;
    form.context = context;
    const Value &meta = deployment.value(QStringLiteral("metadata"));
    form.name = meta.value(QStringLiteral("name")).toString();
    form.namespace_ = meta.value(QStringLiteral("namespace")).toString();
    form.type = gatewayTypeOf(deployment.toJson().toObject()).value_or(GatewayType::Ingress);
    const Value &spec = deployment.value(QStringLiteral("spec"));
    form.replicas = spec.contains(QStringLiteral("replicas"))
        ? int(spec.value(QStringLiteral("replicas")).toInteger())
        : 1;
    form.cpuRequest.clear();
    form.memoryRequest.clear();
    form.cpuLimit.clear();
    form.memoryLimit.clear();
    const Value &tmpl = spec.value(QStringLiteral("template"));
    form.podAnnotations
        = pairsOf(tmpl.value(QStringLiteral("metadata")).value(QStringLiteral("annotations")));
    const Value &containers
        = tmpl.value(QStringLiteral("spec")).value(QStringLiteral("containers"));
    for (qsizetype i = 0; containers.isArray() && i < containers.size(); ++i) {
        const Value &c = containers.at(i);
        if (c.value(QStringLiteral("name")).toString() != QLatin1String("istio-proxy"))
            continue;
        const Value &resources = c.value(QStringLiteral("resources"));
        auto text = [](const Value &v) { return v.isString() ? v.toString() : v.numberText(); };
        form.cpuRequest
            = text(resources.value(QStringLiteral("requests")).value(QStringLiteral("cpu")));
        form.memoryRequest
            = text(resources.value(QStringLiteral("requests")).value(QStringLiteral("memory")));
        form.cpuLimit
            = text(resources.value(QStringLiteral("limits")).value(QStringLiteral("cpu")));
        form.memoryLimit
            = text(resources.value(QStringLiteral("limits")).value(QStringLiteral("memory")));
    }
    form.ports.clear();
    form.serviceAnnotations.clear();
    if (!service.isNull()) {
        const Value &sspec = service.value(QStringLiteral("spec"));
        form.serviceType
            = sspec.value(QStringLiteral("type")).toString(QStringLiteral("ClusterIP"));
        const Value &ports = sspec.value(QStringLiteral("ports"));
        for (qsizetype i = 0; ports.isArray() && i < ports.size(); ++i) {
            const Value &p = ports.at(i);
            form.ports.append(
                {p.value(QStringLiteral("name")).toString(),
                 int(p.value(QStringLiteral("port")).toInteger()),
                 int(p.value(QStringLiteral("targetPort")).toInteger()),
                 int(p.value(QStringLiteral("nodePort")).toInteger()),
                 p.value(QStringLiteral("protocol")).toString(QStringLiteral("TCP"))});
        }
        form.serviceAnnotations = pairsOf(
            service.value(QStringLiteral("metadata")).value(QStringLiteral("annotations")));
    }
    return form;
}

Result<std::pair<Value, Value>> editGateway(const GatewayForm &form, const Value &deployment,
                                            const Value &service)
{
    QList<Error> errors = validateGatewayForm(form);
    if (service.isNull()) // the Service fields are not edited then
        errors.removeIf([](const Error &e) {
            return e.where.startsWith(QLatin1String("ports"))
                || e.where == QLatin1String("serviceType");
        });
    if (!errors.isEmpty())
        return unexpected(errors.first());

    Value d = deployment;
    Value *spec = child(d, QStringLiteral("spec"));
    spec->insert(QStringLiteral("replicas"), Value(form.replicas));
    Value *tmpl = child(*spec, QStringLiteral("template"));
    setPairs(*child(*tmpl, QStringLiteral("metadata")), QStringLiteral("annotations"),
             form.podAnnotations, hiddenAnnotationPrefixes());
    Value *podSpec = child(*tmpl, QStringLiteral("spec"));
    if (Value *containers = podSpec->find(QStringLiteral("containers"))) {
        for (qsizetype i = 0; i < containers->size(); ++i) {
            Value &c = containers->at(i);
            if (c.value(QStringLiteral("name")).toString() != QLatin1String("istio-proxy"))
                continue;
            const Value resources = resourcesOf(form);
            if (resources.isEmpty())
                c.remove(QStringLiteral("resources"));
            else
                c.insert(QStringLiteral("resources"), resources);
        }
    }

    Value s = service;
    if (!s.isNull()) {
        setPairs(*child(s, QStringLiteral("metadata")), QStringLiteral("annotations"),
                 form.serviceAnnotations, hiddenAnnotationPrefixes());
        Value *sspec = child(s, QStringLiteral("spec"));
        sspec->insert(QStringLiteral("type"), str(form.serviceType));
        // Ports keep what the server assigned (a node port) unless the form sets it.
        const Value oldPorts = sspec->value(QStringLiteral("ports"));
        Value ports = portsOf(form);
        for (qsizetype i = 0; i < ports.size(); ++i) {
            Value &port = ports.at(i);
            if (port.contains(QStringLiteral("nodePort"))
                || form.serviceType == QLatin1String("ClusterIP"))
                continue;
            for (qsizetype j = 0; oldPorts.isArray() && j < oldPorts.size(); ++j) {
                const Value &old = oldPorts.at(j);
                if (old.value(QStringLiteral("port")).toInteger()
                        == port.value(QStringLiteral("port")).toInteger()
                    && old.contains(QStringLiteral("nodePort")))
                    port.insert(QStringLiteral("nodePort"), old.value(QStringLiteral("nodePort")));
            }
        }
        sspec->insert(QStringLiteral("ports"), ports);
    }
    return std::pair<Value, Value> {d, s};
}

Value scaledDeployment(const Value &deployment, int replicas)
{
    Value d = deployment;
    child(d, QStringLiteral("spec"))->insert(QStringLiteral("replicas"), Value(replicas));
    return d;
}

Value valueOf(const QJsonObject &object, const QString &apiVersion, const QString &kind)
{
    Value v = Value::fromJson(object);
    if (!v.contains(QStringLiteral("apiVersion")) || !v.contains(QStringLiteral("kind"))) {
        // Put identity first, as the server writes it.
        Value ordered = Value::object();
        ordered.insert(QStringLiteral("apiVersion"), str(apiVersion));
        ordered.insert(QStringLiteral("kind"), str(kind));
        for (qsizetype i = 0; i < v.size(); ++i) {
            if (v.keyAt(i) != QLatin1String("apiVersion") && v.keyAt(i) != QLatin1String("kind"))
                ordered.insert(v.keyAt(i), v.valueAt(i));
        }
        return ordered;
    }
    return v;
}

} // namespace md::gateways

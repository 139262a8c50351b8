#include "istio/message.h"

#include "istio/analyzers.h"

namespace md::istio {

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Error:
        return Tr::tr("Error");
    case Severity::Warning:
        return Tr::tr("Warning");
    case Severity::Info:
        return Tr::tr("Info");
    }
    return QString();
}

QString Message::toString() const
{
    QString text = severityName(severity) + QStringLiteral(" [") + code + u']';
    if (!object.isEmpty())
        text += QStringLiteral(" (") + object + u')';
    if (!path.isEmpty())
        text += u' ' + path + u':';
    return text + u' ' + this->text;
}

const QList<CodeInfo> &messageCodes()
{
    using S = Severity;
    static const QList<CodeInfo> table = QList<CodeInfo> {
        {"IST0106", S::Error,
         QT_TRANSLATE_NOOP("Istio",
                           "Schema validation error (type, enum, required, range, pattern, oneOf)"),
         "schema"},
        {"IST0133", S::Warning,
         QT_TRANSLATE_NOOP(
             "Istio",
             "Unknown field: the API server prunes it (an error with strict field validation)"),
         "schema"},
        {"MD0001", S::Error, QT_TRANSLATE_NOOP("Istio", "No CRD serves this apiVersion and kind"),
         "schema"},
        {"MD0002", S::Warning,
         QT_TRANSLATE_NOOP("Istio",
                           "A plain scalar is read as a boolean or number (YAML 1.1, as kubectl "
                           "reads it) where the field takes a string: quote it"),
         "schema"},
        {"MD1001", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Duration is not valid, shorter than 1ms or finer than ms"),
         "cel"},
        {"MD1002", S::Error, QT_TRANSLATE_NOOP("Istio", "Port is not between 1 and 65535"), "cel"},
        {"MD1003", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Workload selector has an empty key or a wildcard"), "cel"},
        {"MD1004", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Mutually exclusive fields are set together"), "cel"},
        {"MD1005", S::Error, QT_TRANSLATE_NOOP("Istio", "targetRef points to another namespace"),
         "cel"},
        {"MD1006", S::Error,
         QT_TRANSLATE_NOOP("Istio", "ServiceEntry resolution, endpoints and addresses disagree"),
         "cel"},
        {"MD1007", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Endpoint address missing or an invalid unix domain socket"),
         "cel"},
        {"MD1008", S::Error, QT_TRANSLATE_NOOP("Istio", "URL must use http:// or https://"), "cel"},
        {"MD1009", S::Error, QT_TRANSLATE_NOOP("Istio", "Port name is not a valid name"), "cel"},
        {"MD1010", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Duplicate value (port number, subset name, host, port name)"),
         "cel"},
        {"MD1011", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Telemetry tag override operation and value disagree"), "cel"},
        {"MD1012", S::Error,
         QT_TRANSLATE_NOOP("Istio", "EnvoyFilter waypoint match outside the WAYPOINT context"),
         "cel"},
        {"MD1013", S::Error,
         QT_TRANSLATE_NOOP("Istio", "PeerAuthentication portLevelMtls needs a workload selector"),
         "cel"},
        {"MD2001", S::Error, QT_TRANSLATE_NOOP("Istio", "Invalid host name, wildcard or IP"),
         "webhook"},
        {"MD2002", S::Error,
         QT_TRANSLATE_NOOP(
             "Istio", "VirtualService route structure (route/redirect/directResponse/delegate)"),
         "webhook"},
        {"MD2003", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Invalid route destination (host, subset, port)"), "webhook"},
        {"MD2004", S::Error, QT_TRANSLATE_NOOP("Istio", "Route weights negative or all zero"),
         "webhook"},
        {"MD2005", S::Error,
         QT_TRANSLATE_NOOP("Istio",
                           "Invalid match (header name, empty prefix or regex, bad regex)"),
         "webhook"},
        {"MD2006", S::Error, QT_TRANSLATE_NOOP("Istio", "Invalid header operation"), "webhook"},
        {"MD2007", S::Error, QT_TRANSLATE_NOOP("Istio", "Invalid redirect or rewrite"), "webhook"},
        {"MD2008", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Invalid fault injection, retries, mirror or CORS settings"),
         "webhook"},
        {"MD2009", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Invalid gateway server, port, protocol or TLS settings"),
         "webhook"},
        {"MD2010", S::Error,
         QT_TRANSLATE_NOOP(
             "Istio", "Invalid traffic policy (load balancer, connection pool, outlier detection)"),
         "webhook"},
        {"MD2011", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Client TLS settings incomplete or contradictory"), "webhook"},
        {"MD2012", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Invalid authorization policy action, provider or rule"),
         "webhook"},
        {"MD2013", S::Error, QT_TRANSLATE_NOOP("Istio", "Invalid JWT rule"), "webhook"},
        {"MD2014", S::Error, QT_TRANSLATE_NOOP("Istio", "Invalid exportTo"), "webhook"},
        {"MD2015", S::Error,
         QT_TRANSLATE_NOOP(
             "Istio",
             "Invalid targetRef (kind, name, namespace) or selector and targetRef together"),
         "webhook"},
        {"MD2016", S::Error, QT_TRANSLATE_NOOP("Istio", "Annotation not allowed on this object"),
         "webhook"},
        {"MD2017", S::Error,
         QT_TRANSLATE_NOOP("Istio", "Invalid DestinationRule subset (name, labels)"), "webhook"},
    } + analyzerCodes();
    return table;
}

} // namespace md::istio

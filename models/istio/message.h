#pragma once

// Validation messages of every layer (schema, Istio rules, cross-references), and the table
// of their codes. Codes follow istioctl analyze (IST0xxx) where one corresponds; MeshDesk's
// own rule families use MD1xxx (CEL rules of the CRDs) and MD2xxx (webhook rules).

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace md::istio {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Istio)
};

enum class Severity { Error, Warning, Info };

struct Message
{
    QString code; // "IST0106", "MD1001", ...
    Severity severity = Severity::Error;
    QString path; // "spec.http[0].route[1].weight"; empty for the whole object
    QString text; // human text, translated
    QString object; // "VirtualService bookinfo/reviews" (set by the validator)
    QString source; // file, when known
    int line = 0; // line of the object's document, when known

    // "Error [IST0106] (VirtualService bookinfo/reviews) spec.hosts: text", as istioctl prints.
    QString toString() const;
};

QString severityName(Severity s); // "Error", "Warning", "Info"

struct CodeInfo
{
    const char *code;
    Severity severity; // the usual severity; a few rules also emit warnings under the same code
    const char *title;
    const char *layer; // "schema", "cel", "webhook", "analyzer"
};

// Every code MeshDesk emits, for the documentation table and `meshdesk-cli validate --codes`.
const QList<CodeInfo> &messageCodes();

namespace codes {
inline constexpr const char SchemaError[] = "IST0106"; // schema violation
inline constexpr const char SchemaWarning[] = "IST0133"; // unknown field (pruned by the server)
inline constexpr const char UnknownKind[] = "MD0001"; // no CRD/served version for the object
inline constexpr const char YamlTyped[] = "MD0002"; // a plain scalar typed where text was meant
inline constexpr const char Duration[] = "MD1001";
inline constexpr const char PortRange[] = "MD1002";
inline constexpr const char Selector[] = "MD1003";
inline constexpr const char Exclusive[] = "MD1004";
inline constexpr const char CrossNamespace[] = "MD1005";
inline constexpr const char ServiceEntryRule[] = "MD1006";
inline constexpr const char Address[] = "MD1007";
inline constexpr const char Url[] = "MD1008";
inline constexpr const char PortName[] = "MD1009";
inline constexpr const char Duplicate[] = "MD1010";
inline constexpr const char TelemetryRule[] = "MD1011";
inline constexpr const char EnvoyFilterRule[] = "MD1012";
inline constexpr const char PeerAuthenticationRule[] = "MD1013";
inline constexpr const char Host[] = "MD2001";
inline constexpr const char RouteStructure[] = "MD2002";
inline constexpr const char Destination[] = "MD2003";
inline constexpr const char Weight[] = "MD2004";
inline constexpr const char Match[] = "MD2005";
inline constexpr const char HeaderOperation[] = "MD2006";
inline constexpr const char RedirectRewrite[] = "MD2007";
inline constexpr const char FaultRetryMirror[] = "MD2008";
inline constexpr const char GatewayServer[] = "MD2009";
inline constexpr const char TrafficPolicy[] = "MD2010";
inline constexpr const char ClientTls[] = "MD2011";
inline constexpr const char AuthorizationRule[] = "MD2012";
inline constexpr const char JwtRule[] = "MD2013";
inline constexpr const char ExportTo[] = "MD2014";
inline constexpr const char TargetRef[] = "MD2015";
inline constexpr const char Annotation[] = "MD2016";
inline constexpr const char SubsetRule[] = "MD2017";
} // namespace codes

} // namespace md::istio

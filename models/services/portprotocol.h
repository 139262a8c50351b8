#pragma once

// How Istio reads the protocol of a Service port (its "protocol selection"): appProtocol
// first, then the port name `<protocol>[-<suffix>]`; UDP ports are not proxied; anything
// else is detected at run time (HTTP, HTTP/2, else plain TCP). And the edit MeshDesk makes
// to select a protocol explicitly.

#include "core/result.h"
#include "istio/value.h"

#include <QString>
#include <QStringList>

namespace md::services {

enum class PortProtocol {
    Auto, // not declared: Istio sniffs HTTP and HTTP/2, else TCP
    Http,
    Http2,
    Https,
    Tcp,
    Tls,
    Grpc,
    GrpcWeb,
    Mongo,
    Mysql,
    Redis,
    Udp, // not proxied
};

// Where the protocol came from.
enum class ProtocolSource {
    None, // sniffed at run time
    AppProtocol,
    PortName,
    TransportUdp, // spec.ports[].protocol UDP
    WellKnownPort, // undeclared, but 25, 53, 3306 or 27017: Istio takes TCP without sniffing
};

struct SelectedProtocol
{
    PortProtocol protocol = PortProtocol::Auto;
    ProtocolSource source = ProtocolSource::None;
    bool operator==(const SelectedProtocol &) const = default;
};

// As istiod parses a protocol name (case-insensitive); Auto when it is not one it knows.
PortProtocol parseProtocol(const QString &name);
// Istio's selection for one port of a Service (pilot's kube.ConvertProtocol): `transport` is
// spec.ports[].protocol ("TCP", "UDP", "SCTP"), `name` the port's name, `appProtocol` its
// appProtocol (which wins over the name when set).
SelectedProtocol selectProtocol(int port, const QString &transport, const QString &name,
                                const QString &appProtocol);

// "HTTP", "HTTP2", "GRPC-Web", ...; "auto" for Auto (not translated: Istio's own names).
QString protocolName(PortProtocol protocol);
// The lower-case id used in port names and appProtocol ("http", "grpc-web").
QString protocolId(PortProtocol protocol);
// The protocols a user may choose for a port, in menu order (TCP, HTTP, HTTP2, HTTPS, TLS,
// GRPC, GRPC-Web, Mongo, MySQL, Redis).
QList<PortProtocol> selectableProtocols();

enum class ProtocolStyle {
    PortName, // rename the port to "<protocol>[-suffix]", keeping a suffix it had
    AppProtocol, // set appProtocol (takes precedence over the name)
};

// The port name that selects `protocol`, keeping the old name's suffix ("http-web" -> "grpc-web"
// for gRPC; "web" -> "grpc-web"; "" -> "grpc"). Unique among `otherNames`.
QString portNameFor(PortProtocol protocol, const QString &oldName, const QStringList &otherNames);

// The Service with port `port` (spec.ports[].port) edited to select `protocol`. With the
// PortName style an appProtocol that would override the name is removed. Errors name the
// service and the port.
Result<md::istio::Value> withPortProtocol(const md::istio::Value &service, int port,
                                          PortProtocol protocol, ProtocolStyle style);

} // namespace md::services

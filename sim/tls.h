#pragma once

// Per-cluster PKI generated at start with OpenSSL: a self-signed CA and a server
// certificate for 127.0.0.1 / localhost signed by it (ECDSA P-256, SHA-256).

#include "core/result.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>

namespace md::sim {

struct ServerPki
{
    QByteArray caCertPem;
    QByteArray serverCertPem;
    QByteArray serverKeyPem;

    // A server-side configuration with no ALPN protocols offered, so Go clients speak
    // HTTP/1.1 (meshsim does not implement HTTP/2).
    QSslConfiguration serverConfiguration() const;
};

Result<ServerPki> generateServerPki(const QString &clusterName);

} // namespace md::sim

#pragma once

// QSslConfiguration for a cluster's TLS settings: CA (data or file), client certificate and
// key (data or file), peer verification (off only for insecure-skip-tls-verify).

#include "core/result.h"
#include "kube/restconfig.h"

#include <QSslConfiguration>

namespace md::kube {

Result<QSslConfiguration> makeSslConfiguration(const TlsSettings &tls);

// Sets a client certificate and key (PEM) on `ssl`; RSA, EC and other key types.
Result<void> applyClientCertificate(QSslConfiguration &ssl, const QByteArray &certPem,
                                    const QByteArray &keyPem);

} // namespace md::kube

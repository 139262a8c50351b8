#include "kube/tlsconfig.h"

#include "kube/kubetr.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace md::kube {

namespace {

Result<QByteArray> readFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unexpected(QStringLiteral("tls.file"),
                          Tr::tr("cannot read %1 \"%2\": %3").arg(what, path, file.errorString()));
    return file.readAll();
}

} // namespace

Result<void> applyClientCertificate(QSslConfiguration &ssl, const QByteArray &certPem,
                                    const QByteArray &keyPem)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty())
        return unexpected(QStringLiteral("tls.cert"),
                          Tr::tr("the client certificate is not a PEM certificate"));
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa, QSsl::Dh, QSsl::Opaque}) {
        if (algorithm == QSsl::Opaque)
            break;
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return unexpected(QStringLiteral("tls.key"),
                          Tr::tr("the client key is not a PEM private key (RSA, EC or DSA)"));
    ssl.setLocalCertificateChain(chain);
    ssl.setPrivateKey(key);
    return {};
}

Result<QSslConfiguration> makeSslConfiguration(const TlsSettings &tls)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    QByteArray ca = tls.caData;
    if (ca.isEmpty() && !tls.caFile.isEmpty()) {
        auto data = readFile(tls.caFile, Tr::tr("certificate-authority"));
        if (!data)
            return Unexpected<Error> {data.error()};
        ca = *data;
    }
    if (!ca.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromData(ca, QSsl::Pem);
        if (cas.isEmpty())
            return unexpected(QStringLiteral("tls.ca"),
                              Tr::tr("the certificate authority holds no PEM certificate"));
        // Like client-go: a cluster's CA replaces the system roots.
        ssl.setCaCertificates(cas);
    }
    if (tls.insecure)
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    else
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);

    QByteArray cert = tls.certData;
    QByteArray key = tls.keyData;
    if (cert.isEmpty() && !tls.certFile.isEmpty()) {
        auto data = readFile(tls.certFile, Tr::tr("client-certificate"));
        if (!data)
            return Unexpected<Error> {data.error()};
        cert = *data;
    }
    if (key.isEmpty() && !tls.keyFile.isEmpty()) {
        auto data = readFile(tls.keyFile, Tr::tr("client-key"));
        if (!data)
            return Unexpected<Error> {data.error()};
        key = *data;
    }
    if (!cert.isEmpty()) {
        if (auto applied = applyClientCertificate(ssl, cert, key); !applied)
            return Unexpected<Error> {applied.error()};
    }
    return ssl;
}

} // namespace md::kube

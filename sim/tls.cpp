#include "tls.h"

#include <QSslCertificate>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

struct Deleter
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter>;
using CertPtr = std::unique_ptr<X509, Deleter>;
using BioPtr = std::unique_ptr<BIO, Deleter>;

Unexpected<Error> sslError(const QString &what)
{
    return unexpected(u"tls"_s, what);
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

CertPtr makeCert(EVP_PKEY *key, const QByteArray &commonName, X509 *issuer, EVP_PKEY *issuerKey,
                 bool isCa)
{
    CertPtr cert(X509_new());
    if (!cert)
        return {};
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 365);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("meshsim"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1,
                               -1, 0);
    X509 *issuerCert = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuerCert));
    bool ok = true;
    if (isCa) {
        ok &= addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:TRUE");
        ok &= addExtension(cert.get(), issuerCert, NID_key_usage,
                           "critical,keyCertSign,cRLSign,digitalSignature");
        ok &= addExtension(cert.get(), issuerCert, NID_subject_key_identifier, "hash");
    } else {
        ok &= addExtension(cert.get(), issuerCert, NID_basic_constraints, "critical,CA:FALSE");
        ok &= addExtension(cert.get(), issuerCert, NID_key_usage,
                           "critical,digitalSignature,keyEncipherment");
        ok &= addExtension(cert.get(), issuerCert, NID_ext_key_usage, "serverAuth");
        ok &= addExtension(cert.get(), issuerCert, NID_subject_alt_name,
                           "IP:127.0.0.1,DNS:localhost");
        ok &= addExtension(cert.get(), issuerCert, NID_authority_key_identifier, "keyid:always");
    }
    if (!ok || X509_sign(cert.get(), issuerKey ? issuerKey : key, EVP_sha256()) == 0)
        return {};
    return cert;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(len));
}

QByteArray certPem(X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioContents(bio.get());
}

QByteArray keyPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio.get());
}

} // namespace

Result<ServerPki> generateServerPki(const QString &clusterName)
{
    KeyPtr caKey(EVP_EC_gen("P-256"));
    KeyPtr serverKey(EVP_EC_gen("P-256"));
    if (!caKey || !serverKey)
        return sslError(u"cannot generate EC keys"_s);
    CertPtr ca
        = makeCert(caKey.get(), (u"meshsim-ca-"_s + clusterName).toUtf8(), nullptr, nullptr, true);
    if (!ca)
        return sslError(u"cannot create the CA certificate"_s);
    CertPtr server = makeCert(serverKey.get(), QByteArrayLiteral("kube-apiserver"), ca.get(),
                              caKey.get(), false);
    if (!server)
        return sslError(u"cannot create the server certificate"_s);
    return ServerPki {certPem(ca.get()), certPem(server.get()), keyPem(serverKey.get())};
}

QSslConfiguration ServerPki::serverConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(serverCertPem, QSsl::Pem));
    config.setPrivateKey(QSslKey(serverKeyPem, QSsl::Ec, QSsl::Pem));
    config.setCaCertificates({QSslCertificate(caCertPem, QSsl::Pem)});
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    return config;
}

} // namespace md::sim

#pragma once

// Certificates and keys made in the test with OpenSSL's API: a CA, and leaf certificates
// valid over any interval around now, so that expiry is tested against real X.509 dates.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <utility>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace testcerts {

struct KeyPair
{
    EVP_PKEY *key = nullptr;
    KeyPair() = default;
    explicit KeyPair(EVP_PKEY *k)
        : key(k)
    { }
    KeyPair(const KeyPair &) = delete;
    KeyPair &operator=(const KeyPair &) = delete;
    KeyPair(KeyPair &&other) noexcept
        : key(std::exchange(other.key, nullptr))
    { }
    KeyPair &operator=(KeyPair &&other) noexcept
    {
        std::swap(key, other.key);
        return *this;
    }
    ~KeyPair() { EVP_PKEY_free(key); }

    static KeyPair ec() { return KeyPair(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); }
    static KeyPair rsa(int bits = 2048)
    {
        return KeyPair(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
    }

    QByteArray pem() const
    {
        BIO *bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        QByteArray out(data, size);
        BIO_free(bio);
        return out;
    }
};

struct Issued
{
    QByteArray pem;
    X509 *cert = nullptr; // owned
    Issued() = default;
    Issued(const Issued &) = delete;
    Issued(Issued &&other) noexcept
        : pem(std::move(other.pem))
        , cert(std::exchange(other.cert, nullptr))
    { }
    Issued &operator=(Issued &&other) noexcept
    {
        std::swap(pem, other.pem);
        std::swap(cert, other.cert);
        return *this;
    }
    ~Issued() { X509_free(cert); }
};

inline void addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer ? issuer : cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// A certificate for `key`'s public half, valid from now+fromSeconds to now+toSeconds,
// signed by `issuerKey` (self-signed when null; then `issuer` must be null).
inline Issued issue(const KeyPair &key, const QString &commonName, qint64 fromSeconds,
                    qint64 toSeconds, const QStringList &sans = {}, bool ca = false,
                    const KeyPair *issuerKey = nullptr, X509 *issuer = nullptr)
{
    static long serial = 1000;
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), ++serial);
    X509_gmtime_adj(X509_getm_notBefore(cert), long(fromSeconds));
    X509_gmtime_adj(X509_getm_notAfter(cert), long(toSeconds));
    X509_set_pubkey(cert, key.key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("MeshDesk Test"), -1, -1, 0);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
    if (ca)
        addExtension(cert, issuer, NID_basic_constraints, "critical,CA:TRUE");
    if (!sans.isEmpty())
        addExtension(cert, issuer, NID_subject_alt_name,
                     sans.join(QLatin1Char(',')).toUtf8().constData());
    X509_sign(cert, issuerKey ? issuerKey->key : key.key, EVP_sha256());
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    Issued out;
    out.pem = QByteArray(data, size);
    out.cert = cert;
    BIO_free(bio);
    return out;
}

inline constexpr qint64 Day = 86400;

} // namespace testcerts

#include "secrets/certinfo.h"

#include "secrets/secretstr.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <vector>

namespace md::secrets {

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};
struct KeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct NamesFree
{
    void operator()(GENERAL_NAMES *n) const { GENERAL_NAMES_free(n); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

// The newest error of OpenSSL's queue as text (the queue is cleared).
QString sslError()
{
    unsigned long code = 0;
    unsigned long last = 0;
    while ((code = ERR_get_error()) != 0)
        last = code;
    if (last == 0)
        return Tr::tr("no further detail");
    char buffer[256];
    ERR_error_string_n(last, buffer, sizeof buffer);
    const char *reason = ERR_reason_error_string(last);
    return QString::fromLatin1(reason ? reason : buffer);
}

Bio memoryBio(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QString bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QString::fromUtf8(data, size);
}

QString nameText(const X509_NAME *name)
{
    Bio out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return bioText(out.get());
}

QString commonName(const X509_NAME *name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QDateTime timeOf(const ASN1_TIME *time)
{
    struct tm t
    {
    };
    if (!time || ASN1_TIME_to_tm(time, &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday),
                     QTime(t.tm_hour, t.tm_min, t.tm_sec), Qt::UTC);
}

QString asn1Text(const ASN1_STRING *s)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                             ASN1_STRING_length(s));
}

QStringList sansOf(X509 *cert)
{
    QStringList sans;
    std::unique_ptr<GENERAL_NAMES, NamesFree> names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    if (!names)
        return sans;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names.get(), i);
        switch (name->type) {
        case GEN_DNS:
            sans << QStringLiteral("DNS:") + asn1Text(name->d.dNSName);
            break;
        case GEN_URI:
            sans << QStringLiteral("URI:") + asn1Text(name->d.uniformResourceIdentifier);
            break;
        case GEN_EMAIL:
            sans << QStringLiteral("email:") + asn1Text(name->d.rfc822Name);
            break;
        case GEN_IPADD: {
            const ASN1_OCTET_STRING *ip = name->d.iPAddress;
            const unsigned char *bytes = ASN1_STRING_get0_data(ip);
            QString text;
            if (ASN1_STRING_length(ip) == 4) {
                text = QStringLiteral("%1.%2.%3.%4")
                           .arg(bytes[0])
                           .arg(bytes[1])
                           .arg(bytes[2])
                           .arg(bytes[3]);
            } else {
                QStringList groups;
                for (int b = 0; b + 1 < ASN1_STRING_length(ip); b += 2)
                    groups << QString::number((bytes[b] << 8) | bytes[b + 1], 16);
                text = groups.join(QLatin1Char(':'));
            }
            sans << QStringLiteral("IP:") + text;
            break;
        }
        default:
            break;
        }
    }
    return sans;
}

QString keyTypeOf(const EVP_PKEY *key)
{
    const int bits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return QStringLiteral("RSA %1").arg(bits);
    case EVP_PKEY_EC: {
        char group[80] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &length) == 1)
            return QStringLiteral("EC %1").arg(QString::fromLatin1(group, qsizetype(length)));
        return QStringLiteral("EC %1").arg(bits);
    }
    case EVP_PKEY_ED25519:
        return QStringLiteral("Ed25519");
    case EVP_PKEY_ED448:
        return QStringLiteral("Ed448");
    default:
        return QString::fromLatin1(EVP_PKEY_get0_type_name(key));
    }
}

CertificateInfo infoOf(X509 *cert)
{
    CertificateInfo info;
    info.subject = nameText(X509_get_subject_name(cert));
    info.commonName = commonName(X509_get_subject_name(cert));
    info.issuer = nameText(X509_get_issuer_name(cert));
    info.sans = sansOf(cert);
    info.notBefore = timeOf(X509_get0_notBefore(cert));
    info.notAfter = timeOf(X509_get0_notAfter(cert));
    info.isCa = X509_check_ca(cert) != 0;
    if (const ASN1_INTEGER *serial = X509_get0_serialNumber(cert)) {
        if (BIGNUM *bn = ASN1_INTEGER_to_BN(serial, nullptr)) {
            if (char *hex = BN_bn2hex(bn)) {
                info.serial = QString::fromLatin1(hex);
                OPENSSL_free(hex);
            }
            BN_free(bn);
        }
    }
    if (EVP_PKEY *key = X509_get0_pubkey(cert))
        info.keyType = keyTypeOf(key);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert, EVP_sha256(), digest, &length) == 1)
        info.sha256 = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex(':').toUpper());
    return info;
}

// The certificates of a PEM text, each with its block number.
Result<std::vector<Cert>> readCertificates(const QByteArray &pem)
{
    ERR_clear_error();
    if (pem.trimmed().isEmpty())
        return unexpected(QStringLiteral("tls.noCertificate"), Tr::tr("the text is empty"));
    if (pem.contains("PRIVATE KEY-----") && !pem.contains("-----BEGIN CERTIFICATE-----"))
        return unexpected(QStringLiteral("tls.noCertificate"),
                          Tr::tr("this is a private key, not a certificate"));
    Bio bio = memoryBio(pem);
    std::vector<Cert> certs;
    for (;;) {
        X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        if (!cert) {
            const unsigned long error = ERR_peek_last_error();
            if (ERR_GET_REASON(error) == PEM_R_NO_START_LINE && !certs.empty()) {
                ERR_clear_error(); // the end of the text
                break;
            }
            if (certs.empty() && ERR_GET_REASON(error) == PEM_R_NO_START_LINE) {
                ERR_clear_error();
                return unexpected(QStringLiteral("tls.noCertificate"),
                                  Tr::tr("no PEM certificate (-----BEGIN CERTIFICATE-----) found"));
            }
            return unexpected(QStringLiteral("tls.badCertificate"),
                              Tr::tr("certificate %1 cannot be read: %2")
                                  .arg(qsizetype(certs.size()) + 1)
                                  .arg(sslError()));
        }
        certs.emplace_back(cert);
    }
    return certs;
}

Result<Key> readKey(const QByteArray &pem)
{
    ERR_clear_error();
    if (pem.trimmed().isEmpty())
        return unexpected(QStringLiteral("tls.noKey"), Tr::tr("the text is empty"));
    if (pem.contains("ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED"))
        return unexpected(QStringLiteral("tls.encryptedKey"),
                          Tr::tr("the private key is encrypted; Istio needs it unencrypted"));
    if (!pem.contains("PRIVATE KEY-----"))
        return unexpected(QStringLiteral("tls.noKey"),
                          pem.contains("-----BEGIN CERTIFICATE-----")
                              ? Tr::tr("this is a certificate, not a private key")
                              : Tr::tr("no PEM private key (-----BEGIN PRIVATE KEY-----) found"));
    Bio bio = memoryBio(pem);
    // A passphrase callback that refuses: never prompt on a terminal.
    auto noPassword = [](char *, int, int, void *) -> int { return 0; };
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr);
    if (!key)
        return unexpected(QStringLiteral("tls.badKey"),
                          Tr::tr("the private key cannot be read: %1").arg(sslError()));
    return Key(key);
}

} // namespace

Result<QList<CertificateInfo>> parseCertificateChain(const QByteArray &pem)
{
    auto certs = readCertificates(pem);
    if (!certs)
        return unexpected(certs.error());
    QList<CertificateInfo> infos;
    for (const Cert &cert : *certs)
        infos.append(infoOf(cert.get()));
    return infos;
}

Result<KeyInfo> parsePrivateKey(const QByteArray &pem)
{
    auto key = readKey(pem);
    if (!key)
        return unexpected(key.error());
    return KeyInfo {keyTypeOf(key->get())};
}

Result<void> checkKeyMatchesCertificate(const QByteArray &certPem, const QByteArray &keyPem)
{
    auto certs = readCertificates(certPem);
    if (!certs) {
        Error e = certs.error();
        e.where = Tr::tr("certificate");
        return unexpected(e);
    }
    auto key = readKey(keyPem);
    if (!key) {
        Error e = key.error();
        e.where = Tr::tr("private key");
        return unexpected(e);
    }
    X509 *leaf = certs->front().get();
    const EVP_PKEY *publicKey = X509_get0_pubkey(leaf);
    const bool same = publicKey && EVP_PKEY_eq(publicKey, key->get()) == 1
        && X509_check_private_key(leaf, key->get()) == 1;
    ERR_clear_error();
    if (!same) {
        return unexpected(QStringLiteral("tls.keyMismatch"),
                          Tr::tr("the private key (%1) does not belong to the certificate %2 (%3)")
                              .arg(keyTypeOf(key->get()), nameText(X509_get_subject_name(leaf)),
                                   publicKey ? keyTypeOf(publicKey) : Tr::tr("no public key")),
                          Tr::tr("private key"));
    }
    return {};
}

Expiry expiryOf(const CertificateInfo &certificate, const QDateTime &now)
{
    if (certificate.notAfter.isValid() && now >= certificate.notAfter)
        return Expiry::Expired;
    if (certificate.notBefore.isValid() && now < certificate.notBefore)
        return Expiry::NotYetValid;
    if (certificate.notAfter.isValid() && now.addDays(ExpiringDays) >= certificate.notAfter)
        return Expiry::Expiring;
    return Expiry::Valid;
}

QString expiryText(Expiry expiry)
{
    switch (expiry) {
    case Expiry::Valid:
        return Tr::tr("Valid");
    case Expiry::Expiring:
        return Tr::tr("Expiring");
    case Expiry::Expired:
        return Tr::tr("Expired");
    case Expiry::NotYetValid:
        return Tr::tr("Not yet valid");
    }
    return {};
}

QString expiryDistance(const QDateTime &notAfter, const QDateTime &now)
{
    if (!notAfter.isValid())
        return {};
    const qint64 seconds = now.secsTo(notAfter);
    const qint64 days = qAbs(seconds) / 86400;
    if (seconds >= 0) {
        if (days == 0)
            return Tr::tr("expires within a day");
        return days == 1 ? Tr::tr("expires in 1 day") : Tr::tr("expires in %1 days").arg(days);
    }
    if (days == 0)
        return Tr::tr("expired today");
    return days == 1 ? Tr::tr("expired 1 day ago") : Tr::tr("expired %1 days ago").arg(days);
}

} // namespace md::secrets

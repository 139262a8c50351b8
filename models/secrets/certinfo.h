#pragma once

// What a PEM certificate chain and a private key say, read with OpenSSL: subject, SANs,
// issuer, validity, and whether the key belongs to the first (leaf) certificate. Plain
// values: parsed in a worker thread, shown in views. The key's bytes are never kept.

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace md::secrets {

struct CertificateInfo
{
    QString subject; // "CN=bookinfo.example.com,O=Example" (RFC 2253 order)
    QString commonName; // the subject's CN, when it has one
    QStringList sans; // "DNS:bookinfo.example.com", "IP:10.0.0.1", "URI:spiffe://..."
    QString issuer;
    QString serial; // hex
    QDateTime notBefore; // UTC
    QDateTime notAfter; // UTC
    bool isCa = false; // basicConstraints CA:TRUE
    QString keyType; // "RSA 2048", "EC P-256", "ED25519"
    QString sha256; // fingerprint, "AB:CD:..."

    bool selfSigned() const { return subject == issuer; }
};

struct KeyInfo
{
    QString type; // as CertificateInfo::keyType
};

// The certificates of a PEM text, leaf first as written. Errors name the block (counted
// from 1) and what OpenSSL said; text without any certificate is an error too.
Result<QList<CertificateInfo>> parseCertificateChain(const QByteArray &pem);
// One private key (PKCS#8, PKCS#1 RSA or SEC1 EC; unencrypted).
Result<KeyInfo> parsePrivateKey(const QByteArray &pem);
// Whether `keyPem` is the private key of the first certificate of `certPem`. An error when
// either cannot be read or when they do not match (code "tls.keyMismatch").
Result<void> checkKeyMatchesCertificate(const QByteArray &certPem, const QByteArray &keyPem);

enum class Expiry { Valid, Expiring, Expired, NotYetValid };
inline constexpr int ExpiringDays = 30;
// Expired after notAfter; Expiring within ExpiringDays of it; NotYetValid before notBefore.
Expiry expiryOf(const CertificateInfo &certificate, const QDateTime &now);
QString expiryText(Expiry expiry); // translated: "Valid", "Expiring", "Expired", "Not yet valid"
// "expires in 12 days", "expired 3 days ago", "expires today" (translated)
QString expiryDistance(const QDateTime &notAfter, const QDateTime &now);

} // namespace md::secrets

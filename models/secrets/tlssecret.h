#pragma once

// Gateway TLS credentials as Istio reads them from Kubernetes Secrets: type
// kubernetes.io/tls (tls.crt, tls.key, optional ca.crt) or Opaque with cert/key/cacert (or
// the tls.* names), and `<name>-cacert` secrets that hold only the CA of a MUTUAL server.
// One row per secret and cluster, read in a worker thread: what the certificate says, whether
// the key matches it and how close it is to expiring. Rows never hold the secret's data.
// Also: the Secret a form makes, the Gateways and DestinationRules that name a secret in
// credentialName, and the live-check messages for expired or expiring gateway credentials.

#include "core/result.h"
#include "istio/message.h"
#include "istio/value.h"
#include "mesh/meshcache.h"
#include "secrets/certinfo.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace md::secrets {

struct TlsSecretRow
{
    enum class Status { Valid, Expiring, Expired, NotYetValid, Invalid };

    QString context;
    QString namespace_;
    QString name;
    QString type; // "kubernetes.io/tls", "Opaque"
    QString resourceVersion;
    QDateTime created;
    QStringList keys; // the data keys (never their values)
    bool hasKey = false;
    bool hasCa = false;
    bool caOnly = false; // a `<name>-cacert` style secret: only the CA
    std::optional<CertificateInfo> certificate; // the leaf (or the CA of a CA-only secret)
    int chainLength = 0;
    std::optional<CertificateInfo> ca; // first CA certificate, when present
    std::optional<bool> keyMatches; // unset when there is no key or no certificate
    QString problem; // what is wrong, translated ("the private key ... does not belong ...")
    Status status = Status::Valid;

    QString key() const
    {
        return context + QLatin1Char('|') + namespace_ + QLatin1Char('/') + name;
    }
    QString subject() const { return certificate ? certificate->subject : QString(); }
    QDateTime notAfter() const { return certificate ? certificate->notAfter : QDateTime(); }
};

QString statusText(TlsSecretRow::Status status); // translated

// The secret as a gateway credential; nullopt when it is not one (an Opaque secret without
// cert/key/cacert keys). `object` is the Secret's JSON.
std::optional<TlsSecretRow> readTlsSecret(const QString &context, const QJsonObject &object,
                                          const QDateTime &now);
// Every credential secret of a snapshot (Secrets of every cluster).
QList<TlsSecretRow> tlsSecretRows(const md::mesh::MeshCache::Snapshot &snapshot,
                                  const QDateTime &now);

// What the create form gives.
struct TlsSecretForm
{
    QString name;
    QString namespace_;
    QByteArray certificatePem;
    QByteArray keyPem;
    QByteArray caPem; // optional: the CA that client certificates must chain to (MUTUAL)
    QList<std::pair<QString, QString>> labels;
};

// What the form's files say, for the dialog to show before anything is written.
struct TlsSecretCheck
{
    QList<CertificateInfo> chain;
    std::optional<KeyInfo> key;
    QList<CertificateInfo> caChain;
    QList<Error> errors; // each names its field: "name", "namespace", "certificate", ...
    QList<Error> warnings; // expiring within 30 days
    bool ok() const { return errors.isEmpty(); }
};
TlsSecretCheck checkTlsSecretForm(const TlsSecretForm &form, const QDateTime &now);
// The kubernetes.io/tls Secret (tls.crt, tls.key, ca.crt when given), or the first error.
Result<md::istio::Value> buildTlsSecret(const TlsSecretForm &form, const QDateTime &now);

// An object that names a secret in a credentialName.
struct SecretReferrer
{
    QString context;
    QString kind; // "Gateway", "DestinationRule"
    QString apiVersion;
    QString namespace_;
    QString name;
    QString path; // "spec.servers[1].tls.credentialName"
};
// Gateways (servers[].tls.credentialName) and DestinationRules (trafficPolicy, port-level
// settings and subsets' tls.credentialName) of every cluster naming `name` where it
// resolves to the secret: the referrer's namespace, or that of a gateway workload it selects.
QList<SecretReferrer> secretReferrers(const md::mesh::MeshCache::Snapshot &snapshot,
                                      const QString &secretNamespace, const QString &name);

// Live check MD3005: a Gateway server whose credential secret (in the namespace of the
// gateway pods it selects, in any cluster of the mesh) has expired (Error), expires within
// 30 days or is not valid yet (Warning), or whose key does not match (Error). `source` is the
// Gateway's cluster; `object` "Gateway ns/name", as the policy lists match them.
inline constexpr const char CredentialCode[] = "MD3005";
QList<md::istio::Message> gatewayCredentialMessages(const md::mesh::MeshCache::Snapshot &snapshot,
                                                    const QDateTime &now);
// The kinds those functions read (for MeshCache::snapshot(kinds)).
const QList<md::mesh::MeshCache::Kind> &credentialKinds();

} // namespace md::secrets

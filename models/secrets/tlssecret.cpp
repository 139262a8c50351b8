#include "secrets/tlssecret.h"

#include "secrets/secretstr.h"
#include "secrets/validatenames.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace md::secrets {

namespace {

using md::istio::Message;
using md::istio::Severity;
using md::istio::Value;
using Snapshot = md::mesh::MeshCache::Snapshot;

QJsonObject metadataOf(const QJsonObject &object)
{
    return object.value(QStringLiteral("metadata")).toObject();
}

bool decode(const QJsonObject &data, const QString &key, QByteArray *out)
{
    const QJsonValue value = data.value(key);
    if (!value.isString())
        return false;
    auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    *out = std::move(*decoded);
    return true;
}

TlsSecretRow::Status statusFor(Expiry expiry)
{
    switch (expiry) {
    case Expiry::Valid:
        return TlsSecretRow::Status::Valid;
    case Expiry::Expiring:
        return TlsSecretRow::Status::Expiring;
    case Expiry::Expired:
        return TlsSecretRow::Status::Expired;
    case Expiry::NotYetValid:
        return TlsSecretRow::Status::NotYetValid;
    }
    return TlsSecretRow::Status::Valid;
}

// Whether every matchLabels pair (a Gateway's selector map) is among `labels`.
bool selects(const QJsonObject &selector, const QJsonObject &labels)
{
    if (selector.isEmpty())
        return false; // an empty Gateway selector selects nothing useful here
    for (auto it = selector.begin(); it != selector.end(); ++it) {
        if (labels.value(it.key()).toString() != it.value().toString())
            return false;
    }
    return true;
}

struct PodRef
{
    QString context;
    QString namespace_;
    QJsonObject labels;
};

QList<PodRef> podsOf(const Snapshot &snapshot)
{
    QList<PodRef> pods;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const auto &item : it.value()) {
            if (!item.resource.group.isEmpty() || item.resource.kind != QLatin1String("Pod"))
                continue;
            PodRef pod {it.key(), item.object.namespaceName(), {}};
            for (const auto &[key, value] : item.object.labels())
                pod.labels.insert(key, value);
            pods.append(pod);
        }
    }
    return pods;
}

// The namespaces of the gateway pods a Gateway selects (in any cluster).
QSet<QString> selectedNamespaces(const QJsonObject &gateway, const QList<PodRef> &pods)
{
    QSet<QString> namespaces;
    const QJsonObject selector = gateway.value(QStringLiteral("spec"))
                                     .toObject()
                                     .value(QStringLiteral("selector"))
                                     .toObject();
    for (const PodRef &pod : pods) {
        if (selects(selector, pod.labels))
            namespaces.insert(pod.namespace_);
    }
    return namespaces;
}

// credentialName paths of a DestinationRule's spec.
void drCredentials(const QJsonObject &spec, QList<std::pair<QString, QString>> *out)
{
    auto policy = [out](const QJsonObject &trafficPolicy, const QString &base) {
        const QString name = trafficPolicy.value(QStringLiteral("tls"))
                                 .toObject()
                                 .value(QStringLiteral("credentialName"))
                                 .toString();
        if (!name.isEmpty())
            out->append({base + QStringLiteral(".tls.credentialName"), name});
        const QJsonArray ports = trafficPolicy.value(QStringLiteral("portLevelSettings")).toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            const QString portName = ports.at(i)
                                         .toObject()
                                         .value(QStringLiteral("tls"))
                                         .toObject()
                                         .value(QStringLiteral("credentialName"))
                                         .toString();
            if (!portName.isEmpty())
                out->append(
                    {base + QStringLiteral(".portLevelSettings[%1].tls.credentialName").arg(i),
                     portName});
        }
    };
    policy(spec.value(QStringLiteral("trafficPolicy")).toObject(),
           QStringLiteral("spec.trafficPolicy"));
    const QJsonArray subsets = spec.value(QStringLiteral("subsets")).toArray();
    for (qsizetype i = 0; i < subsets.size(); ++i)
        policy(subsets.at(i).toObject().value(QStringLiteral("trafficPolicy")).toObject(),
               QStringLiteral("spec.subsets[%1].trafficPolicy").arg(i));
}

QList<std::pair<QString, QString>> gatewayCredentials(const QJsonObject &gateway)
{
    QList<std::pair<QString, QString>> out;
    const QJsonArray servers = gateway.value(QStringLiteral("spec"))
                                   .toObject()
                                   .value(QStringLiteral("servers"))
                                   .toArray();
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const QString name = servers.at(i)
                                 .toObject()
                                 .value(QStringLiteral("tls"))
                                 .toObject()
                                 .value(QStringLiteral("credentialName"))
                                 .toString();
        if (!name.isEmpty())
            out.append({QStringLiteral("spec.servers[%1].tls.credentialName").arg(i), name});
    }
    return out;
}

QString apiVersionOf(const md::mesh::MeshCache::Item &item)
{
    return item.resource.groupVersion();
}

} // namespace

QString statusText(TlsSecretRow::Status status)
{
    switch (status) {
    case TlsSecretRow::Status::Valid:
        return Tr::tr("Valid");
    case TlsSecretRow::Status::Expiring:
        return Tr::tr("Expiring");
    case TlsSecretRow::Status::Expired:
        return Tr::tr("Expired");
    case TlsSecretRow::Status::NotYetValid:
        return Tr::tr("Not yet valid");
    case TlsSecretRow::Status::Invalid:
        return Tr::tr("Invalid");
    }
    return {};
}

std::optional<TlsSecretRow> readTlsSecret(const QString &context, const QJsonObject &object,
                                          const QDateTime &now)
{
    const QJsonObject metadata = metadataOf(object);
    const QString type = object.value(QStringLiteral("type")).toString(QStringLiteral("Opaque"));
    const QJsonObject data = object.value(QStringLiteral("data")).toObject();
    TlsSecretRow row;
    row.context = context;
    row.namespace_ = metadata.value(QStringLiteral("namespace")).toString();
    row.name = metadata.value(QStringLiteral("name")).toString();
    row.type = type;
    row.resourceVersion = metadata.value(QStringLiteral("resourceVersion")).toString();
    row.created = QDateTime::fromString(
        metadata.value(QStringLiteral("creationTimestamp")).toString(), Qt::ISODate);
    row.keys = data.keys();

    // The keys Istio reads: tls.* for either type, cert/key/cacert for generic secrets.
    QString certKey, keyKey, caKey;
    if (data.contains(QStringLiteral("tls.crt")) || type == QLatin1String("kubernetes.io/tls")) {
        certKey = QStringLiteral("tls.crt");
        keyKey = QStringLiteral("tls.key");
        caKey = QStringLiteral("ca.crt");
    } else if (data.contains(QStringLiteral("cert")) || data.contains(QStringLiteral("key"))) {
        certKey = QStringLiteral("cert");
        keyKey = QStringLiteral("key");
        caKey = QStringLiteral("cacert");
    } else if (data.contains(QStringLiteral("cacert"))) {
        caKey = QStringLiteral("cacert");
    } else if (data.contains(QStringLiteral("ca.crt"))) {
        caKey = QStringLiteral("ca.crt");
    } else {
        return std::nullopt; // not a credential
    }

    QByteArray certPem, keyPem, caPem;
    const bool hasCert = !certKey.isEmpty() && decode(data, certKey, &certPem);
    row.hasKey = !keyKey.isEmpty() && decode(data, keyKey, &keyPem);
    row.hasCa = decode(data, caKey, &caPem);
    row.caOnly = !hasCert && !row.hasKey && row.hasCa;
    QStringList problems;

    if (hasCert) {
        const auto chain = parseCertificateChain(certPem);
        if (chain) {
            row.certificate = chain->first();
            row.chainLength = int(chain->size());
        } else {
            problems << Tr::tr("%1: %2").arg(certKey, chain.error().message);
        }
    } else if (!certKey.isEmpty() && !row.caOnly) {
        problems << Tr::tr("no certificate under %1").arg(certKey);
    }
    if (row.hasCa) {
        const auto chain = parseCertificateChain(caPem);
        if (chain) {
            row.ca = chain->first();
            if (row.caOnly) {
                row.certificate = chain->first();
                row.chainLength = int(chain->size());
            }
        } else {
            problems << Tr::tr("%1: %2").arg(caKey, chain.error().message);
        }
    }
    if (!row.caOnly && !keyKey.isEmpty()) {
        if (!row.hasKey) {
            problems << Tr::tr("no private key under %1").arg(keyKey);
        } else if (row.certificate) {
            const auto match = checkKeyMatchesCertificate(certPem, keyPem);
            row.keyMatches = bool(match);
            if (!match)
                problems << Tr::tr("%1: %2").arg(keyKey, match.error().message);
        }
    }
    // The key's text is dropped here: the row never carries it.
    keyPem.fill('\0');

    if (!problems.isEmpty()) {
        row.problem = problems.join(QStringLiteral("; "));
        row.status = TlsSecretRow::Status::Invalid;
    } else if (row.certificate) {
        row.status = statusFor(expiryOf(*row.certificate, now));
    }
    return row;
}

QList<TlsSecretRow> tlsSecretRows(const Snapshot &snapshot, const QDateTime &now)
{
    QList<TlsSecretRow> rows;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const auto &item : it.value()) {
            if (!item.resource.group.isEmpty() || item.resource.kind != QLatin1String("Secret"))
                continue;
            if (auto row = readTlsSecret(it.key(), item.object.toJson(), now))
                rows.append(std::move(*row));
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const TlsSecretRow &a, const TlsSecretRow &b) { return a.key() < b.key(); });
    return rows;
}

TlsSecretCheck checkTlsSecretForm(const TlsSecretForm &form, const QDateTime &now)
{
    TlsSecretCheck check;
    if (auto name = validateSubdomain(form.name); !name)
        check.errors << Error {QStringLiteral("tls.name"), name.error().message,
                               QStringLiteral("name")};
    if (auto ns = validateLabel(form.namespace_); !ns)
        check.errors << Error {QStringLiteral("tls.namespace"), ns.error().message,
                               QStringLiteral("namespace")};
    const auto chain = parseCertificateChain(form.certificatePem);
    if (chain) {
        check.chain = *chain;
        const CertificateInfo &leaf = chain->first();
        switch (expiryOf(leaf, now)) {
        case Expiry::Expired:
            check.errors << Error {QStringLiteral("tls.expired"),
                                   Tr::tr("the certificate %1 expired on %2")
                                       .arg(leaf.subject, leaf.notAfter.toString(Qt::ISODate)),
                                   QStringLiteral("certificate")};
            break;
        case Expiry::NotYetValid:
            check.warnings << Error {QStringLiteral("tls.notYetValid"),
                                     Tr::tr("the certificate is valid only from %1")
                                         .arg(leaf.notBefore.toString(Qt::ISODate)),
                                     QStringLiteral("certificate")};
            break;
        case Expiry::Expiring:
            check.warnings << Error {
                QStringLiteral("tls.expiring"),
                Tr::tr("the certificate %1 (%2)")
                    .arg(expiryDistance(leaf.notAfter, now), leaf.notAfter.toString(Qt::ISODate)),
                QStringLiteral("certificate")};
            break;
        case Expiry::Valid:
            break;
        }
        if (leaf.isCa && leaf.sans.isEmpty())
            check.warnings << Error {QStringLiteral("tls.caAsLeaf"),
                                     Tr::tr("the first certificate is a CA certificate without "
                                            "SANs; the server certificate should come first"),
                                     QStringLiteral("certificate")};
    } else {
        check.errors << Error {chain.error().code, chain.error().message,
                               QStringLiteral("certificate")};
    }
    const auto key = parsePrivateKey(form.keyPem);
    if (key) {
        check.key = *key;
        if (chain) {
            if (auto match = checkKeyMatchesCertificate(form.certificatePem, form.keyPem); !match)
                check.errors << Error {match.error().code, match.error().message,
                                       QStringLiteral("key")};
        }
    } else {
        check.errors << Error {key.error().code, key.error().message, QStringLiteral("key")};
    }
    if (!form.caPem.trimmed().isEmpty()) {
        const auto ca = parseCertificateChain(form.caPem);
        if (ca) {
            check.caChain = *ca;
            if (expiryOf(ca->first(), now) == Expiry::Expired)
                check.errors << Error {
                    QStringLiteral("tls.expired"),
                    Tr::tr("the CA certificate %1 expired on %2")
                        .arg(ca->first().subject, ca->first().notAfter.toString(Qt::ISODate)),
                    QStringLiteral("ca")};
        } else {
            check.errors << Error {ca.error().code, ca.error().message, QStringLiteral("ca")};
        }
    }
    for (const auto &[labelKey, labelValue] : form.labels) {
        if (auto ok = validateLabelKey(labelKey); !ok)
            check.errors << Error {QStringLiteral("tls.label"), ok.error().message,
                                   QStringLiteral("labels.") + labelKey};
        else if (auto okValue = validateLabelValue(labelValue); !okValue)
            check.errors << Error {QStringLiteral("tls.label"), okValue.error().message,
                                   QStringLiteral("labels.") + labelKey};
    }
    return check;
}

Result<Value> buildTlsSecret(const TlsSecretForm &form, const QDateTime &now)
{
    const TlsSecretCheck check = checkTlsSecretForm(form, now);
    if (!check.ok())
        return unexpected(check.errors.first());
    Value metadata = Value::object();
    metadata.insert(QStringLiteral("name"), form.name);
    metadata.insert(QStringLiteral("namespace"), form.namespace_);
    if (!form.labels.isEmpty()) {
        Value labels = Value::object();
        for (const auto &[labelKey, labelValue] : form.labels)
            labels.insert(labelKey, labelValue);
        metadata.insert(QStringLiteral("labels"), labels);
    }
    Value data = Value::object();
    data.insert(QStringLiteral("tls.crt"), QString::fromLatin1(form.certificatePem.toBase64()));
    data.insert(QStringLiteral("tls.key"), QString::fromLatin1(form.keyPem.toBase64()));
    if (!form.caPem.trimmed().isEmpty())
        data.insert(QStringLiteral("ca.crt"), QString::fromLatin1(form.caPem.toBase64()));
    Value secret = Value::object();
    secret.insert(QStringLiteral("apiVersion"), QStringLiteral("v1"));
    secret.insert(QStringLiteral("kind"), QStringLiteral("Secret"));
    secret.insert(QStringLiteral("metadata"), metadata);
    secret.insert(QStringLiteral("type"), QStringLiteral("kubernetes.io/tls"));
    secret.insert(QStringLiteral("data"), data);
    return secret;
}

QList<SecretReferrer> secretReferrers(const Snapshot &snapshot, const QString &secretNamespace,
                                      const QString &name)
{
    QList<SecretReferrer> referrers;
    const QList<PodRef> pods = podsOf(snapshot);
    // Namespaces that run gateway pods (a DestinationRule's credential is read there).
    bool gatewayInNamespace = false;
    for (const PodRef &pod : pods) {
        if (pod.namespace_ == secretNamespace
            && (pod.labels.contains(QStringLiteral("istio"))
                || pod.labels.contains(QStringLiteral("gateway.istio.io/managed"))))
            gatewayInNamespace = true;
    }
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const auto &item : it.value()) {
            if (item.resource.group != QLatin1String("networking.istio.io"))
                continue;
            const bool gateway = item.resource.kind == QLatin1String("Gateway");
            const bool rule = item.resource.kind == QLatin1String("DestinationRule");
            if (!gateway && !rule)
                continue;
            const QJsonObject object = item.object.toJson();
            QList<std::pair<QString, QString>> credentials;
            if (gateway)
                credentials = gatewayCredentials(object);
            else
                drCredentials(object.value(QStringLiteral("spec")).toObject(), &credentials);
            bool inScope = item.object.namespaceName() == secretNamespace;
            if (!inScope && gateway)
                inScope = selectedNamespaces(object, pods).contains(secretNamespace);
            if (!inScope && rule)
                inScope = gatewayInNamespace;
            if (!inScope)
                continue;
            for (const auto &[path, credential] : credentials) {
                if (credential != name)
                    continue;
                referrers.append({it.key(), item.resource.kind, apiVersionOf(item),
                                  item.object.namespaceName(), item.object.name(), path});
            }
        }
    }
    std::sort(referrers.begin(), referrers.end(),
              [](const SecretReferrer &a, const SecretReferrer &b) {
                  return std::tie(a.kind, a.context, a.namespace_, a.name, a.path)
                      < std::tie(b.kind, b.context, b.namespace_, b.name, b.path);
              });
    return referrers;
}

QList<Message> gatewayCredentialMessages(const Snapshot &snapshot, const QDateTime &now)
{
    QList<Message> messages;
    const QList<PodRef> pods = podsOf(snapshot);
    // Credential secrets by namespace/name (any cluster), read once.
    QHash<QString, QList<TlsSecretRow>> secrets;
    bool secretsRead = false;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const auto &item : it.value()) {
            if (item.resource.group != QLatin1String("networking.istio.io")
                || item.resource.kind != QLatin1String("Gateway"))
                continue;
            const QJsonObject object = item.object.toJson();
            const auto credentials = gatewayCredentials(object);
            if (credentials.isEmpty())
                continue;
            if (!secretsRead) {
                for (const TlsSecretRow &row : tlsSecretRows(snapshot, now))
                    secrets[row.namespace_ + QLatin1Char('/') + row.name].append(row);
                secretsRead = true;
            }
            QSet<QString> namespaces = selectedNamespaces(object, pods);
            if (namespaces.isEmpty())
                namespaces.insert(item.object.namespaceName());
            const QString objectName = QStringLiteral("Gateway ")
                + md::kube::KubeObject::keyFor(item.object.namespaceName(), item.object.name());
            for (const auto &[path, credential] : credentials) {
                for (const QString &ns : std::as_const(namespaces)) {
                    for (const TlsSecretRow &row :
                         secrets.value(ns + QLatin1Char('/') + credential)) {
                        Severity severity = Severity::Warning;
                        QString text;
                        const QString where = Tr::tr("secret %1/%2 in cluster %3")
                                                  .arg(row.namespace_, row.name, row.context);
                        switch (row.status) {
                        case TlsSecretRow::Status::Valid:
                            continue;
                        case TlsSecretRow::Status::Expired:
                            severity = Severity::Error;
                            text = Tr::tr("the credential's certificate %1 %2 (%3)")
                                       .arg(row.subject(), expiryDistance(row.notAfter(), now),
                                            where);
                            break;
                        case TlsSecretRow::Status::Expiring:
                            text = Tr::tr("the credential's certificate %1 %2 (%3)")
                                       .arg(row.subject(), expiryDistance(row.notAfter(), now),
                                            where);
                            break;
                        case TlsSecretRow::Status::NotYetValid:
                            text
                                = Tr::tr("the credential's certificate %1 is valid only from "
                                         "%2 (%3)")
                                      .arg(row.subject(),
                                           row.certificate->notBefore.toString(Qt::ISODate), where);
                            break;
                        case TlsSecretRow::Status::Invalid:
                            severity = Severity::Error;
                            text = Tr::tr("the credential cannot be used: %1 (%2)")
                                       .arg(row.problem, where);
                            break;
                        }
                        Message m;
                        m.code = QLatin1String(CredentialCode);
                        m.severity = severity;
                        m.path = path;
                        m.text = text;
                        m.object = objectName;
                        m.source = it.key();
                        messages.append(m);
                    }
                }
            }
        }
    }
    return messages;
}

const QList<md::mesh::MeshCache::Kind> &credentialKinds()
{
    static const QList<md::mesh::MeshCache::Kind> kinds {
        {QString(), QStringLiteral("Secret")},
        {QString(), QStringLiteral("Pod")},
        {QStringLiteral("networking.istio.io"), QStringLiteral("Gateway")},
        {QStringLiteral("networking.istio.io"), QStringLiteral("DestinationRule")},
    };
    return kinds;
}

} // namespace md::secrets

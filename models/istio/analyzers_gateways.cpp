// Gateway analyzers: the workload selector (IST0101), credentials (IST0101, IST0161), ports
// the gateway's Service does not expose (IST0162), certificates shared between gateways
// (IST0138) and servers that conflict with another gateway's (IST0145).

#include "istio/analyzers_p.h"

#include <QDateTime>
#include <QSslCertificate>

namespace md::istio::analysis {

namespace {

QByteArray secretValue(const Value &secret, const QString &key)
{
    const Value &data = secret.value(QStringLiteral("data"));
    if (data.contains(key))
        return QByteArray::fromBase64(data.value(key).toString().toLatin1());
    return secret.value(QStringLiteral("stringData")).value(key).toString().toUtf8();
}

// As istiod reads a gateway credential: cert/key or tls.crt/tls.key, the first PEM block a
// certificate valid now.
bool isValidCredential(const Value &secret)
{
    QByteArray cert = secretValue(secret, QStringLiteral("cert"));
    if (cert.isEmpty() || secretValue(secret, QStringLiteral("key")).isEmpty()) {
        cert = secretValue(secret, QStringLiteral("tls.crt"));
        if (cert.isEmpty() || secretValue(secret, QStringLiteral("tls.key")).isEmpty())
            return false;
    }
    const QList<QSslCertificate> certs = QSslCertificate::fromData(cert, QSsl::Pem);
    if (certs.isEmpty() || certs.first().isNull())
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return certs.first().effectiveDate() <= now && now <= certs.first().expiryDate();
}

void checkCredentials(Context &c, const QString &workloadNs)
{
    if (!c.index.knows(QStringLiteral("Secret")))
        return;
    const Value &servers = c.spec().value(QStringLiteral("servers"));
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const QString name = servers.at(i)
                                 .value(QStringLiteral("tls"))
                                 .value(QStringLiteral("credentialName"))
                                 .toString();
        if (name.isEmpty())
            continue;
        const QString path
            = itemPath(QStringLiteral("spec.servers"), i) + QStringLiteral(".tls.credentialName");
        const int secret = name.contains(u'/')
            ? c.index.find(QStringLiteral("Secret"), name.section(u'/', 0, 0),
                           name.section(u'/', 1))
            : c.index.find(QStringLiteral("Secret"), workloadNs, name);
        if (secret < 0)
            c.report(Severity::Error, "IST0101", path,
                     QStringLiteral("Referenced credentialName not found: %1").arg(goQuote(name)));
        else if (!isValidCredential(c.objectAt(secret)))
            c.report(
                Severity::Error, "IST0161", path,
                QStringLiteral("The credential referenced by the Gateway %1 in namespace %2 is "
                               "invalid, which can cause the traffic not to work as expected.")
                    .arg(c.id.name, workloadNs));
    }
}

void checkServicePorts(Context &c, const QMap<QString, QString> &selector,
                       const QStringList &namespaces)
{
    if (!c.index.knowsServices())
        return;
    QSet<qint64> targetPorts, servicePorts;
    for (const QString &ns : namespaces) {
        QList<QMap<QString, QString>> pods;
        for (const auto &labels : c.index.workloadLabels(ns)) {
            if (selects(selector, labels))
                pods.append(labels);
        }
        for (int s : c.index.kindInNamespace(QStringLiteral("Service"), ns)) {
            const Value &spec = c.objectAt(s).value(QStringLiteral("spec"));
            const auto svcSelector = stringMap(spec.value(QStringLiteral("selector")));
            const bool selected = std::any_of(
                pods.cbegin(), pods.cend(), [&](const auto &l) { return selects(svcSelector, l); });
            if (!selected)
                continue;
            const Value &ports = spec.value(QStringLiteral("ports"));
            for (qsizetype i = 0; i < ports.size(); ++i) {
                const Value &port = ports.at(i);
                if (port.value(QStringLiteral("protocol")).toString(QStringLiteral("TCP"))
                    != QLatin1String("TCP"))
                    continue;
                const Value &target = port.value(QStringLiteral("targetPort"));
                const qint64 tp
                    = target.isString() ? target.toString().toLongLong() : target.toInteger();
                if (tp != 0) {
                    targetPorts.insert(tp);
                    servicePorts.insert(port.value(QStringLiteral("port")).toInteger());
                } else {
                    targetPorts.insert(port.value(QStringLiteral("port")).toInteger());
                }
            }
        }
    }
    const Value &servers = c.spec().value(QStringLiteral("servers"));
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const Value &port = servers.at(i).value(QStringLiteral("port"));
        if (!port.isObject())
            continue;
        const qint64 number = port.value(QStringLiteral("number")).toInteger();
        if (targetPorts.contains(number) || servicePorts.contains(number))
            continue;
        c.report(Severity::Warning, "IST0162",
                 itemPath(QStringLiteral("spec.servers"), i) + QStringLiteral(".port"),
                 QStringLiteral("The gateway is listening on a target port (port %1) that is not "
                                "defined in the Service associated with its workload instances "
                                "(Pod selector %2). If you need to access the gateway port through "
                                "the gateway Service, it will not be available.")
                     .arg(number)
                     .arg(selectorText(selector)));
    }
}

bool sameCertificate(const Value &a, const Value &b)
{
    const QString ca = a.value(QStringLiteral("credentialName")).toString();
    const QString cb = b.value(QStringLiteral("credentialName")).toString();
    if (!ca.isEmpty() && !cb.isEmpty())
        return ca == cb;
    if (!ca.isEmpty() || !cb.isEmpty())
        return false;
    const QString sa = a.value(QStringLiteral("serverCertificate")).toString();
    const QString ka = a.value(QStringLiteral("privateKey")).toString();
    return !sa.isEmpty() && sa == b.value(QStringLiteral("serverCertificate")).toString()
        && !ka.isEmpty() && ka == b.value(QStringLiteral("privateKey")).toString();
}

void checkDuplicateCertificates(Context &c, const QMap<QString, QString> &selector)
{
    const Value &servers = c.spec().value(QStringLiteral("servers"));
    QList<const Value *> tls;
    for (qsizetype i = 0; i < servers.size(); ++i) {
        if (servers.at(i).value(QStringLiteral("tls")).isObject())
            tls.append(&servers.at(i).value(QStringLiteral("tls")));
    }
    if (tls.isEmpty())
        return;
    // Candidates: gateways sharing a credential; all of them only when certificates are files.
    QList<int> candidates;
    bool files = false;
    for (const Value *mine : std::as_const(tls)) {
        const QString credential = mine->value(QStringLiteral("credentialName")).toString();
        if (!credential.isEmpty()) {
            for (int g : c.index.gatewaysWithCredential(credential)) {
                if (!candidates.contains(g))
                    candidates.append(g);
            }
        } else if (!mine->value(QStringLiteral("serverCertificate")).toString().isEmpty()) {
            files = true;
        }
    }
    if (files)
        candidates = c.index.ofKind(QStringLiteral("Gateway"));
    for (int other : std::as_const(candidates)) {
        if (c.isSelf(other) || !c.index.entry(other).id.group().endsWith(u"istio.io"))
            continue;
        const Value &otherSpec = c.objectAt(other).value(QStringLiteral("spec"));
        // Gateways on the same workloads: every key of this selector in the other's.
        if (!selects(selector, stringMap(otherSpec.value(QStringLiteral("selector")))))
            continue;
        const Value &otherServers = otherSpec.value(QStringLiteral("servers"));
        bool duplicate = false;
        for (qsizetype s = 0; s < otherServers.size() && !duplicate; ++s) {
            const Value &otherTls = otherServers.at(s).value(QStringLiteral("tls"));
            if (!otherTls.isObject())
                continue;
            for (const Value *mine : std::as_const(tls))
                duplicate = duplicate || sameCertificate(*mine, otherTls);
        }
        if (duplicate)
            c.report(Severity::Warning, "IST0138", QStringLiteral("metadata.name"),
                     QStringLiteral("Duplicate certificate in multiple gateways %1 may cause 404s "
                                    "if clients re-use HTTP2 connections.")
                         .arg(goList({c.fullName(), c.nameOf(other)})));
    }
}

void checkConflicts(Context &c, const QMap<QString, QString> &selector)
{
    const QString own = selectorText(selector);
    // Selectors of gateways on the same workloads: this one, and overlapping ones that select
    // a workload together.
    QStringList selectors;
    for (const QString &text : c.index.gatewaySelectors()) {
        bool overlapping = text == own;
        if (!overlapping && (text.contains(own) || own.contains(text))) {
            // A workload both select carries the labels of both selectors.
            QMap<QString, QString> both = selector;
            bool compatible = true;
            for (const QString &pair : text.split(u',', Qt::SkipEmptyParts)) {
                const QString key = pair.section(u'=', 0, 0);
                const QString value = pair.section(u'=', 1);
                compatible = compatible && (!both.contains(key) || both.value(key) == value);
                both.insert(key, value);
            }
            overlapping = compatible && c.index.anyWorkloadSelected(both);
        }
        if (overlapping)
            selectors.append(text);
    }
    const Value &servers = c.spec().value(QStringLiteral("servers"));
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const Value &server = servers.at(i);
        const qint64 port
            = server.value(QStringLiteral("port")).value(QStringLiteral("number")).toInteger();
        const QString bind = server.value(QStringLiteral("bind")).toString();
        const Value &hosts = server.value(QStringLiteral("hosts"));
        QStringList conflicting;
        QStringList hostList;
        for (qsizetype h = 0; h < hosts.size(); ++h) {
            hostList.append(hosts.at(h).toString());
            for (const QString &text : std::as_const(selectors)) {
                for (int other :
                     c.index.gatewaysServing(text, port, bind, hosts.at(h).toString())) {
                    if (!c.isSelf(other) && !conflicting.contains(c.nameOf(other)))
                        conflicting.append(c.nameOf(other));
                }
            }
        }
        if (conflicting.isEmpty())
            continue;
        conflicting.sort();
        c.report(Severity::Error, "IST0145", itemPath(QStringLiteral("spec.servers"), i),
                 QStringLiteral("Conflict with gateways %1 (workload selector %2, port %3, hosts "
                                "%4).")
                     .arg(conflicting.join(u','), own, QString::number(port), hostList.join(u',')));
    }
}

} // namespace

void analyzeGateway(Context &c)
{
    const auto selector = stringMap(c.spec().value(QStringLiteral("selector")));
    checkConflicts(c, selector);
    checkDuplicateCertificates(c, selector);
    if (!c.index.knowsWorkloads()) {
        checkCredentials(c, c.ns);
        return;
    }
    const QStringList namespaces = c.index.namespacesSelecting(selector);
    if (namespaces.isEmpty()) {
        c.report(Severity::Error, "IST0101", QStringLiteral("spec.selector"),
                 QStringLiteral("Referenced selector not found: %1")
                     .arg(goQuote(selectorText(selector))));
        return;
    }
    checkCredentials(c, namespaces.first());
    checkServicePorts(c, selector, namespaces);
}

} // namespace md::istio::analysis

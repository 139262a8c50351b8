#include "kube/restconfig.h"

#include "kube/authprovider.h"
#include "kube/kubetr.h"

#include <QFile>
#include <QFileInfo>

namespace md::kube {

namespace {

QString quoted(const QString &s)
{
    return u'"' + s + u'"';
}

bool isReadableFile(const QString &path, QString *why)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        return true;
    *why = file.errorString();
    return false;
}

// Aggregates messages about several stanzas: `where` is the file of the first one, and
// each message about another file carries that file's name.
struct Problems
{
    QString where;
    QStringList messages;

    void add(const QString &file, const QStringList &list)
    {
        for (const QString &m : list) {
            if (where.isEmpty())
                where = file;
            messages.append(file == where || file.isEmpty() ? m : file + QStringLiteral(": ") + m);
        }
    }
    md::Unexpected<md::Error> error() const
    {
        return md::unexpected(
            QStringLiteral("kubeconfig.invalid"),
            Tr::tr("invalid configuration: %1").arg(messages.join(QStringLiteral("; "))), where);
    }
};

} // namespace

QStringList validateCluster(const Cluster &c)
{
    QStringList errors;
    Cluster empty;
    empty.name = c.name;
    empty.origin = c.origin;
    if (c == empty)
        return {Tr::tr("cluster %1 has no server defined").arg(quoted(c.name))};
    if (c.server.isEmpty())
        errors << Tr::tr("no server found for cluster %1").arg(quoted(c.name));
    if (!c.proxyUrl.isEmpty()) {
        const QUrl proxy(c.proxyUrl, QUrl::StrictMode);
        const QString scheme = proxy.scheme();
        if (!proxy.isValid())
            errors << Tr::tr("invalid 'proxy-url' %1 for cluster %2: could not parse it")
                          .arg(quoted(c.proxyUrl), quoted(c.name));
        else if (scheme != QLatin1String("http") && scheme != QLatin1String("https")
                 && scheme != QLatin1String("socks5"))
            errors << Tr::tr("invalid 'proxy-url' %1 for cluster %2: unsupported scheme %3, must "
                             "be http, https, or socks5")
                          .arg(quoted(c.proxyUrl), quoted(c.name), quoted(scheme));
    }
    if (!c.certificateAuthority.isEmpty() && !c.certificateAuthorityData.isEmpty())
        errors << Tr::tr("certificate-authority-data and certificate-authority are both specified "
                         "for %1. certificate-authority-data will override.")
                      .arg(c.name);
    QString why;
    if (!c.certificateAuthority.isEmpty() && !isReadableFile(c.certificateAuthority, &why))
        errors << Tr::tr("unable to read certificate-authority %1 for %2 due to %3")
                      .arg(c.certificateAuthority, c.name, why);
    return errors;
}

QStringList validateAuthInfo(const AuthInfo &a)
{
    QStringList errors;
    QStringList methods;
    if (!a.token.isEmpty())
        methods << QStringLiteral("token");
    if (!a.username.isEmpty() || !a.password.isEmpty())
        methods << QStringLiteral("basicAuth");
    if (!a.clientCertificate.isEmpty() || !a.clientCertificateData.isEmpty()) {
        if (!a.clientCertificate.isEmpty() && !a.clientCertificateData.isEmpty())
            errors << Tr::tr("client-cert-data and client-cert are both specified for %1. "
                             "client-cert-data will override.")
                          .arg(a.name);
        if (!a.clientKey.isEmpty() && !a.clientKeyData.isEmpty())
            errors << Tr::tr("client-key-data and client-key are both specified for %1; "
                             "client-key-data will override")
                          .arg(a.name);
        if (a.clientKey.isEmpty() && a.clientKeyData.isEmpty())
            errors << Tr::tr("client-key-data or client-key must be specified for %1 to use the "
                             "clientCert authentication method.")
                          .arg(a.name);
        QString why;
        if (!a.clientCertificate.isEmpty() && !isReadableFile(a.clientCertificate, &why))
            errors << Tr::tr("unable to read client-cert %1 for %2 due to %3")
                          .arg(a.clientCertificate, a.name, why);
        if (!a.clientKey.isEmpty() && !isReadableFile(a.clientKey, &why))
            errors << Tr::tr("unable to read client-key %1 for %2 due to %3")
                          .arg(a.clientKey, a.name, why);
    }
    if (a.exec) {
        const ExecConfig &e = *a.exec;
        if (a.authProvider)
            errors << Tr::tr("authProvider cannot be provided in combination with an exec plugin "
                             "for %1")
                          .arg(a.name);
        if (e.command.isEmpty())
            errors << Tr::tr("command must be specified for %1 to use exec authentication plugin")
                          .arg(a.name);
        if (e.apiVersion.isEmpty())
            errors << Tr::tr("apiVersion must be specified for %1 to use exec authentication "
                             "plugin")
                          .arg(a.name);
        for (const ExecEnvVar &v : e.env) {
            if (v.name.isEmpty())
                errors << Tr::tr("env variable name must be specified for %1 to use exec "
                                 "authentication plugin")
                              .arg(a.name);
        }
        if (e.interactiveMode.isEmpty())
            errors << Tr::tr("interactiveMode must be specified for %1 to use exec authentication "
                             "plugin")
                          .arg(a.name);
        else if (e.interactiveMode != QLatin1String("Never")
                 && e.interactiveMode != QLatin1String("IfAvailable")
                 && e.interactiveMode != QLatin1String("Always"))
            errors << Tr::tr("invalid interactiveMode for %1: %2")
                          .arg(a.name, quoted(e.interactiveMode));
    }
    if (methods.size() > 1)
        errors << Tr::tr("more than one authentication method found for %1; found [%2], only one "
                         "is allowed")
                      .arg(a.name, methods.join(u' '));
    if ((!a.impersonateUid.isEmpty() || !a.impersonateGroups.isEmpty()
         || !a.impersonateUserExtra.isEmpty())
        && a.impersonate.isEmpty())
        errors << Tr::tr("requesting uid, groups or user-extra for %1 without impersonating a user")
                      .arg(a.name);
    return errors;
}

namespace {

// client-go: a server without a scheme is https when TLS settings exist, else http.
QUrl serverUrl(const Cluster &c, const AuthInfo &u)
{
    QString server = c.server;
    if (!server.contains(QLatin1String("://"))) {
        const bool tls = !c.certificateAuthority.isEmpty() || !c.certificateAuthorityData.isEmpty()
            || c.insecureSkipTlsVerify || !u.clientCertificate.isEmpty()
            || !u.clientCertificateData.isEmpty();
        server.prepend(tls ? QStringLiteral("https://") : QStringLiteral("http://"));
    }
    return QUrl(server, QUrl::StrictMode);
}

Result<void> resolveCredentials(RestConfig &rc, const AuthInfo &u, const Cluster &c)
{
    if (!u.token.isEmpty()) {
        rc.bearerToken = u.token; // token wins over tokenFile
    } else if (!u.tokenFile.isEmpty()) {
        QFile file(u.tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return md::unexpected(QStringLiteral("kubeconfig.tokenFile"),
                                  Tr::tr("user %1: cannot read tokenFile %2: %3")
                                      .arg(quoted(u.name), u.tokenFile, file.errorString()),
                                  u.origin);
        }
        rc.bearerToken = QString::fromUtf8(file.readAll()).trimmed();
        rc.bearerTokenFile = u.tokenFile;
    }
    if (!u.clientCertificate.isEmpty() || !u.clientCertificateData.isEmpty()) {
        rc.tls.certFile = u.clientCertificate;
        rc.tls.certData = u.clientCertificateData;
        rc.tls.keyFile = u.clientKey;
        rc.tls.keyData = u.clientKeyData;
    }
    rc.username = u.username;
    rc.password = u.password;
    if (u.authProvider) {
        if (auto ok = checkAuthProvider(*u.authProvider, u.name); !ok) {
            md::Error e = ok.error();
            e.where = u.origin;
            return md::unexpected(std::move(e));
        }
        rc.authProvider = u.authProvider;
    }
    if (u.exec) {
        const QString &version = u.exec->apiVersion;
        if (version != QLatin1String(ExecApiV1) && version != QLatin1String(ExecApiV1Beta1)) {
            return md::unexpected(
                QStringLiteral("kubeconfig.exec"),
                Tr::tr("user %1: exec plugin: invalid apiVersion %2 (use %3 or %4)")
                    .arg(quoted(u.name), quoted(version), QLatin1String(ExecApiV1),
                         QLatin1String(ExecApiV1Beta1)),
                u.origin);
        }
        rc.exec = u.exec;
        if (u.exec->provideClusterInfo) {
            ExecClusterInfo info;
            info.server = c.server;
            info.tlsServerName = c.tlsServerName;
            info.insecureSkipTlsVerify = c.insecureSkipTlsVerify;
            info.certificateAuthorityData = c.certificateAuthorityData;
            if (info.certificateAuthorityData.isEmpty() && !c.certificateAuthority.isEmpty()) {
                QFile ca(c.certificateAuthority);
                if (!ca.open(QIODevice::ReadOnly)) {
                    return md::unexpected(
                        QStringLiteral("kubeconfig.exec"),
                        Tr::tr("cluster %1: failed to load CA bundle for the exec "
                               "plugin: %2")
                            .arg(quoted(c.name), ca.errorString()),
                        c.origin);
                }
                info.certificateAuthorityData = ca.readAll();
            }
            info.proxyUrl = c.proxyUrl;
            info.disableCompression = c.disableCompression;
            if (c.extensions.contains(QLatin1String(ExecClusterExtension)))
                info.config = c.extensions.value(QLatin1String(ExecClusterExtension));
            rc.execCluster = info;
        }
    }
    return {};
}

} // namespace

Result<RestConfig> resolveRestConfig(const Kubeconfig &config, const ResolveOptions &options)
{
    const QString contextName = options.context.isEmpty() ? config.currentContext : options.context;
    if (contextName.isEmpty() && options.cluster.isEmpty()) {
        const bool empty
            = config.clusters.isEmpty() && config.contexts.isEmpty() && config.users.isEmpty();
        return md::unexpected(QStringLiteral("kubeconfig.noContext"),
                              empty ? Tr::tr("no configuration has been provided: no kubeconfig "
                                             "file defines a cluster")
                                    : Tr::tr("no context chosen: the kubeconfig has no "
                                             "current-context; choose a context"),
                              config.files.join(QStringLiteral(", ")));
    }
    Context context;
    if (!contextName.isEmpty()) {
        if (!config.contexts.contains(contextName)) {
            return md::unexpected(
                QStringLiteral("kubeconfig.contextNotFound"),
                options.context.isEmpty()
                    ? Tr::tr("context was not found for specified context: %1").arg(contextName)
                    : Tr::tr("context %1 does not exist").arg(quoted(contextName)),
                options.context.isEmpty() ? config.currentContextOrigin
                                          : config.files.join(QStringLiteral(", ")));
        }
        context = config.contexts.value(contextName);
    }

    RestConfig rc;
    rc.contextName = contextName;
    rc.clusterName = options.cluster.isEmpty() ? context.cluster : options.cluster;
    rc.userName = options.user.isEmpty() ? context.user : options.user;
    rc.namespaceName = !options.namespaceName.isEmpty() ? options.namespaceName
        : !context.namespaceName.isEmpty()              ? context.namespaceName
                                                        : QStringLiteral("default");

    if (!config.clusters.contains(rc.clusterName)) {
        const QString message = rc.clusterName.isEmpty()
            ? Tr::tr("cluster was not specified for context %1").arg(quoted(contextName))
            : !options.cluster.isEmpty()
            ? Tr::tr("cluster %1 does not exist").arg(quoted(rc.clusterName))
            : Tr::tr("cluster %1 was not found for context %2")
                  .arg(quoted(rc.clusterName), quoted(contextName));
        return md::unexpected(QStringLiteral("kubeconfig.clusterNotFound"), message,
                              context.origin);
    }
    if (!options.user.isEmpty() && !config.users.contains(rc.userName)) {
        return md::unexpected(QStringLiteral("kubeconfig.userNotFound"),
                              Tr::tr("auth info %1 does not exist").arg(quoted(rc.userName)),
                              config.files.join(QStringLiteral(", ")));
    }
    const Cluster cluster = config.clusters.value(rc.clusterName);
    AuthInfo user = config.users.value(rc.userName);
    if (!config.users.contains(rc.userName)) {
        user.name = rc.userName;
        if (!rc.userName.isEmpty())
            rc.warnings << Tr::tr("user %1 of context %2 is not defined: connecting without "
                                  "credentials")
                               .arg(quoted(rc.userName), quoted(contextName));
    }
    rc.userOrigin = user.origin;

    Problems problems;
    problems.add(user.origin, validateAuthInfo(user));
    problems.add(cluster.origin, validateCluster(cluster));
    if (!problems.messages.isEmpty())
        return problems.error();

    rc.server = serverUrl(cluster, user);
    if (!rc.server.isValid() || rc.server.host().isEmpty()) {
        return md::unexpected(QStringLiteral("kubeconfig.server"),
                              Tr::tr("cluster %1: server %2 is not a valid URL or host:port")
                                  .arg(quoted(cluster.name), quoted(cluster.server)),
                              cluster.origin);
    }
    rc.proxyUrl = cluster.proxyUrl;
    rc.disableCompression = cluster.disableCompression;
    rc.tls.serverName = cluster.tlsServerName;
    rc.tls.insecure = cluster.insecureSkipTlsVerify;
    rc.tls.caFile = cluster.certificateAuthority;
    rc.tls.caData = cluster.certificateAuthorityData;
    if (rc.tls.insecure && (!rc.tls.caFile.isEmpty() || !rc.tls.caData.isEmpty())) {
        return md::unexpected(QStringLiteral("kubeconfig.insecure"),
                              Tr::tr("cluster %1: specifying a root certificates file with the "
                                     "insecure flag is not allowed")
                                  .arg(quoted(cluster.name)),
                              cluster.origin);
    }
    if (rc.tls.insecure)
        rc.warnings << Tr::tr("TLS certificate verification is disabled for cluster %1 "
                              "(insecure-skip-tls-verify): the connection is not secure")
                           .arg(quoted(cluster.name));
    if (!user.impersonate.isEmpty()) {
        rc.impersonate = {user.impersonate, user.impersonateUid, user.impersonateGroups,
                          user.impersonateUserExtra};
    }
    // Like client-go: credentials are only used over TLS.
    if (rc.isTls()) {
        if (auto ok = resolveCredentials(rc, user, cluster); !ok)
            return md::unexpected(ok.error());
    } else if (user != AuthInfo {.name = user.name, .origin = user.origin}) {
        rc.warnings << Tr::tr("server %1 is not https: the credentials of user %2 are not sent")
                           .arg(rc.server.toDisplayString(), quoted(user.name));
    }
    return rc;
}

} // namespace md::kube

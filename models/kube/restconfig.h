#pragma once

// A context of a loaded kubeconfig resolved into what a client needs to connect (client-go's
// rest.Config), with client-go's validation of the cluster and user stanzas.

#include "core/result.h"
#include "kube/kubeconfig.h"

#include <QByteArray>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace md::kube {

struct TlsSettings
{
    QString serverName; // tls-server-name (SNI and certificate check)
    bool insecure = false; // insecure-skip-tls-verify: show a warning wherever it is used
    QByteArray caData; // wins over caFile
    QString caFile;
    QByteArray certData; // wins over certFile
    QString certFile;
    QByteArray keyData; // wins over keyFile
    QString keyFile;

    bool operator==(const TlsSettings &) const = default;
};

struct Impersonation
{
    QString user; // as
    QString uid;
    QStringList groups;
    QMap<QString, QStringList> extra;

    bool isEmpty() const { return user.isEmpty(); }
    bool operator==(const Impersonation &) const = default;
};

// What an exec plugin is told about the cluster when provideClusterInfo is set
// (ExecCredential spec.cluster).
struct ExecClusterInfo
{
    QString server;
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QByteArray certificateAuthorityData; // always data: a CA file is read in
    QString proxyUrl;
    bool disableCompression = false;
    QJsonValue config; // the cluster extension client.authentication.k8s.io/exec

    bool operator==(const ExecClusterInfo &) const = default;
};

struct RestConfig
{
    QString contextName;
    QString clusterName;
    QString userName;
    QString userOrigin; // the kubeconfig file of the user stanza (for OIDC write-back)
    QUrl server;
    QString namespaceName; // the context's namespace, "default" when unset
    TlsSettings tls;
    QString proxyUrl; // http, https or socks5; empty = environment proxies
    bool disableCompression = false;

    QString bearerToken; // `token`, or the content of tokenFile
    QString bearerTokenFile; // re-read periodically (TokenFileSource) when set
    QString username;
    QString password;
    Impersonation impersonate;
    std::optional<ExecConfig> exec;
    std::optional<ExecClusterInfo> execCluster; // set when exec.provideClusterInfo
    std::optional<AuthProviderConfig> authProvider;

    QStringList warnings; // shown to the user (e.g. TLS verification disabled)

    bool isTls() const { return server.scheme() == QLatin1String("https"); }
};

struct ResolveOptions
{
    QString context; // --context; empty = current-context
    QString cluster; // --cluster
    QString user; // --user
    QString namespaceName; // --namespace
};

// Resolves a context. Errors name the context, user or cluster and the file they come from.
Result<RestConfig> resolveRestConfig(const Kubeconfig &config, const ResolveOptions &options = {});

// client-go's checks of one user / cluster stanza; an empty list means usable.
QStringList validateAuthInfo(const AuthInfo &user);
QStringList validateCluster(const Cluster &cluster);

} // namespace md::kube

#pragma once

// Kubeconfig as kubectl and client-go load it: plain value types for the stanzas, the
// loading rules (--kubeconfig, KUBECONFIG, ~/.kube/config) and the merge of several files.
// Every stanza remembers the file that defined it (its origin), which relative paths are
// resolved against and which writes go back to.

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace md::kube {

struct Cluster
{
    QString name;
    QString origin; // the file that defined this stanza
    QString server;
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QString certificateAuthority; // absolute after loading
    QByteArray certificateAuthorityData; // PEM (base64-decoded)
    QString proxyUrl;
    bool disableCompression = false;
    QJsonObject extensions; // name -> extension

    bool operator==(const Cluster &) const = default;
};

struct ExecEnvVar
{
    QString name;
    QString value;

    bool operator==(const ExecEnvVar &) const = default;
};

struct ExecConfig
{
    QString command; // absolute when it contains a '/', else looked up on PATH
    QStringList args;
    QList<ExecEnvVar> env;
    QString apiVersion;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; // Never, IfAvailable, Always (defaulted for v1beta1)

    bool operator==(const ExecConfig &) const = default;
};

inline constexpr auto ExecApiV1 = "client.authentication.k8s.io/v1";
inline constexpr auto ExecApiV1Beta1 = "client.authentication.k8s.io/v1beta1";
inline constexpr auto ExecClusterExtension = "client.authentication.k8s.io/exec";

struct AuthProviderConfig
{
    QString name;
    QMap<QString, QString> config;

    bool operator==(const AuthProviderConfig &) const = default;
};

// A kubeconfig "user" (client-go's AuthInfo).
struct AuthInfo
{
    QString name;
    QString origin;
    QString clientCertificate; // absolute after loading
    QByteArray clientCertificateData;
    QString clientKey; // absolute after loading
    QByteArray clientKeyData;
    QString token;
    QString tokenFile; // absolute after loading
    QString impersonate; // as
    QString impersonateUid; // as-uid
    QStringList impersonateGroups; // as-groups
    QMap<QString, QStringList> impersonateUserExtra; // as-user-extra
    QString username;
    QString password;
    std::optional<AuthProviderConfig> authProvider;
    std::optional<ExecConfig> exec;
    QJsonObject extensions;

    bool operator==(const AuthInfo &) const = default;
};
using User = AuthInfo;

struct Context
{
    QString name;
    QString origin;
    QString cluster;
    QString user;
    QString namespaceName;
    QJsonObject extensions;

    bool operator==(const Context &) const = default;
};

struct Kubeconfig
{
    QMap<QString, Cluster> clusters;
    QMap<QString, AuthInfo> users;
    QMap<QString, Context> contexts;
    QString currentContext;
    QString currentContextOrigin; // the file whose current-context won
    QJsonObject preferences;
    QJsonObject extensions;

    // What the loader saw: files read (in precedence order) and files that did not exist.
    QStringList files;
    QStringList missingFiles;

    bool operator==(const Kubeconfig &) const = default;
};

// Which files make up the configuration, as kubectl decides it.
struct LoadingRules
{
    QString explicitPath; // --kubeconfig: only this file, no merge, must exist
    std::optional<QString> kubeconfigEnv; // KUBECONFIG; unset or empty = not used
    QString homeDir; // for ~/.kube/config

    // Explicit path (may be empty) plus KUBECONFIG and HOME from the process environment.
    static LoadingRules fromEnvironment(const QString &explicitPath = {});

    // KUBECONFIG split on ':' with duplicates removed (order kept); empty names kept out.
    QStringList envFiles() const;
    // The files read in order: the explicit file, else KUBECONFIG's files, else ~/.kube/config.
    QStringList precedence() const;
    QString homeFile() const; // <homeDir>/.kube/config
    // Where new stanzas and current-context are written: the explicit file, else the only
    // KUBECONFIG file, else the first KUBECONFIG file that exists, else the last one, else
    // ~/.kube/config.
    QString defaultFilename() const;
};

// Parses one kubeconfig file's content (empty = valid empty config). Relative paths are
// resolved against the directory of `fileName`; every stanza gets it as origin.
Result<Kubeconfig> parseKubeconfig(const QByteArray &data, const QString &fileName);

// Reads and parses one file. A missing file is an error.
Result<Kubeconfig> loadKubeconfigFile(const QString &fileName);

// Loads and merges the files of `rules` as client-go does: missing files are skipped
// (KUBECONFIG and ~/.kube/config only), an unparsable file is an error, the first file
// that defines a name wins for the whole entry, the first non-empty current-context wins.
Result<Kubeconfig> loadKubeconfig(const LoadingRules &rules);

// Merges already parsed files (highest precedence first).
Kubeconfig mergeKubeconfigs(const QList<Kubeconfig> &files);

} // namespace md::kube

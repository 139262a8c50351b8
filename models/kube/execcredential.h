#pragma once

// Exec credential plugins (client.authentication.k8s.io v1 and v1beta1): the input the plugin
// gets (environment, KUBERNETES_EXEC_INFO), running it without a terminal, and reading the
// ExecCredential it prints. Caching and refresh are in ExecAuthenticator.

#include "core/result.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QProcessEnvironment>
#include <QString>

#include <chrono>
#include <optional>

namespace md::kube {

struct ExecCredential
{
    QString token;
    QByteArray clientCertificateData; // PEM
    QByteArray clientKeyData; // PEM
    std::optional<QDateTime> expiry; // none: valid until the server answers 401

    bool hasCertificate() const { return !clientCertificateData.isEmpty(); }
    bool isExpired(const QDateTime &now) const { return expiry && now >= *expiry; }
    bool operator==(const ExecCredential &) const = default;
};

struct ExecRunOptions
{
    std::chrono::milliseconds timeout {std::chrono::minutes(2)};
    QString userName; // the kubeconfig user, for messages
    // The host environment the plugin inherits (exec.env is laid over it).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

// The KUBERNETES_EXEC_INFO value: an ExecCredential of the plugin's apiVersion with
// spec.interactive (always false here) and spec.cluster when cluster info is given.
QByteArray execInfoJson(const ExecConfig &exec, const std::optional<ExecClusterInfo> &cluster);

// The plugin's environment: host environment, then exec.env, then KUBERNETES_EXEC_INFO.
QProcessEnvironment execEnvironment(const ExecConfig &exec,
                                    const std::optional<ExecClusterInfo> &cluster,
                                    const QProcessEnvironment &host);

// Reads what the plugin printed. It must be an ExecCredential of `apiVersion` with a token
// or both a client certificate and key. Messages never quote the output (it holds secrets).
Result<ExecCredential> parseExecCredential(const QByteArray &output, const QString &apiVersion);

// Runs the plugin and reads its credential. Blocks until the plugin exits: call it from a
// worker thread (ExecAuthenticator does); on the application's main thread it refuses to run.
// stdin is not connected (never interactive), stderr is kept for the error message.
Result<ExecCredential> runExecPlugin(const ExecConfig &exec,
                                     const std::optional<ExecClusterInfo> &cluster,
                                     const ExecRunOptions &options = {});

} // namespace md::kube

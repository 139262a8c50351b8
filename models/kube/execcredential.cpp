#include "kube/execcredential.h"

#include "kube/kubetr.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QThread>

namespace md::kube {

namespace {

constexpr qsizetype MaxStderrInMessage = 4000;

md::Unexpected<md::Error> execError(const QString &message)
{
    return md::unexpected(QStringLiteral("kube.exec"), message);
}

bool isValidKey(const QByteArray &pem)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        if (!QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey).isNull())
            return true;
    }
    return false;
}

QString stderrText(const QByteArray &err)
{
    QString text = QString::fromUtf8(err).trimmed();
    if (text.size() > MaxStderrInMessage)
        text = QStringLiteral("…") + text.right(MaxStderrInMessage);
    return text;
}

} // namespace

QByteArray execInfoJson(const ExecConfig &exec, const std::optional<ExecClusterInfo> &cluster)
{
    QJsonObject spec {{QStringLiteral("interactive"), false}};
    if (cluster) {
        QJsonObject c {{QStringLiteral("server"), cluster->server}};
        if (!cluster->tlsServerName.isEmpty())
            c.insert(QStringLiteral("tls-server-name"), cluster->tlsServerName);
        if (cluster->insecureSkipTlsVerify)
            c.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        if (!cluster->certificateAuthorityData.isEmpty())
            c.insert(QStringLiteral("certificate-authority-data"),
                     QString::fromLatin1(cluster->certificateAuthorityData.toBase64()));
        if (!cluster->proxyUrl.isEmpty())
            c.insert(QStringLiteral("proxy-url"), cluster->proxyUrl);
        if (cluster->disableCompression)
            c.insert(QStringLiteral("disable-compression"), true);
        if (!cluster->config.isNull() && !cluster->config.isUndefined())
            c.insert(QStringLiteral("config"), cluster->config);
        spec.insert(QStringLiteral("cluster"), c);
    }
    const QJsonObject credential {{QStringLiteral("apiVersion"), exec.apiVersion},
                                  {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                                  {QStringLiteral("spec"), spec}};
    return QJsonDocument(credential).toJson(QJsonDocument::Compact);
}

QProcessEnvironment execEnvironment(const ExecConfig &exec,
                                    const std::optional<ExecClusterInfo> &cluster,
                                    const QProcessEnvironment &host)
{
    QProcessEnvironment env = host;
    for (const ExecEnvVar &var : exec.env)
        env.insert(var.name, var.value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"),
               QString::fromUtf8(execInfoJson(exec, cluster)));
    return env;
}

Result<ExecCredential> parseExecCredential(const QByteArray &output, const QString &apiVersion)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
            ? Tr::tr("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
            : Tr::tr("the output is not a JSON object");
        return execError(Tr::tr("decoding the plugin's output: %1").arg(why));
    }
    const QJsonObject root = doc.object();
    const QString version = root.value(QLatin1String("apiVersion")).toString();
    if (version.isEmpty())
        return execError(Tr::tr("decoding the plugin's output: apiVersion is missing"));
    if (version != apiVersion) {
        return execError(Tr::tr("exec plugin is configured to use API version %1, plugin returned "
                                "version %2")
                             .arg(apiVersion, version));
    }
    if (root.value(QLatin1String("kind")).toString() != QLatin1String("ExecCredential")) {
        return execError(Tr::tr("decoding the plugin's output: kind is \"%1\", expected "
                                "\"ExecCredential\"")
                             .arg(root.value(QLatin1String("kind")).toString()));
    }
    const QJsonValue statusValue = root.value(QLatin1String("status"));
    if (!statusValue.isObject())
        return execError(Tr::tr("exec plugin didn't return a status field"));
    const QJsonObject status = statusValue.toObject();
    for (const char *field : {"token", "clientCertificateData", "clientKeyData"}) {
        const QJsonValue v = status.value(QLatin1String(field));
        if (!v.isUndefined() && !v.isNull() && !v.isString())
            return execError(Tr::tr("decoding the plugin's output: status.%1 must be a string")
                                 .arg(QLatin1String(field)));
    }
    ExecCredential credential;
    credential.token = status.value(QLatin1String("token")).toString();
    credential.clientCertificateData
        = status.value(QLatin1String("clientCertificateData")).toString().toUtf8();
    credential.clientKeyData = status.value(QLatin1String("clientKeyData")).toString().toUtf8();
    if (credential.token.isEmpty() && credential.clientCertificateData.isEmpty()
        && credential.clientKeyData.isEmpty())
        return execError(Tr::tr("exec plugin didn't return a token or cert/key pair"));
    if (credential.clientCertificateData.isEmpty() != credential.clientKeyData.isEmpty())
        return execError(Tr::tr("exec plugin returned only certificate or key, not both"));
    if (credential.hasCertificate() && QSslSocket::supportsSsl()) {
        if (QSslCertificate::fromData(credential.clientCertificateData, QSsl::Pem).isEmpty()
            || !isValidKey(credential.clientKeyData))
            return execError(
                Tr::tr("failed parsing the client key/certificate the plugin returned"));
    }
    const QJsonValue expiry = status.value(QLatin1String("expirationTimestamp"));
    if (expiry.isString()) {
        const QDateTime when = QDateTime::fromString(expiry.toString(), Qt::ISODateWithMs);
        if (!when.isValid())
            return execError(Tr::tr("decoding the plugin's output: expirationTimestamp \"%1\" is "
                                    "not an RFC 3339 time")
                                 .arg(expiry.toString()));
        credential.expiry = when.toUTC();
    } else if (!expiry.isUndefined() && !expiry.isNull()) {
        return execError(
            Tr::tr("decoding the plugin's output: expirationTimestamp must be a string"));
    }
    return credential;
}

Result<ExecCredential> runExecPlugin(const ExecConfig &exec,
                                     const std::optional<ExecClusterInfo> &cluster,
                                     const ExecRunOptions &options)
{
    const QString who = options.userName.isEmpty()
        ? Tr::tr("exec plugin %1").arg(exec.command)
        : Tr::tr("exec plugin %1 of user \"%2\"").arg(exec.command, options.userName);
    if (const QCoreApplication *app = QCoreApplication::instance();
        app && QThread::currentThread() == app->thread()) {
        return execError(
            who + QStringLiteral(": ")
            + Tr::tr("not run: credential plugins never run on the main (GUI) thread"));
    }
    if (exec.apiVersion != QLatin1String(ExecApiV1)
        && exec.apiVersion != QLatin1String(ExecApiV1Beta1))
        return execError(who + QStringLiteral(": ")
                         + Tr::tr("invalid apiVersion \"%1\"").arg(exec.apiVersion));
    if (exec.interactiveMode == QLatin1String("Always")) {
        return execError(
            who + QStringLiteral(": ")
            + Tr::tr("the plugin needs a terminal to log in (interactiveMode: Always), "
                     "which MeshDesk cannot give it. Run a kubectl command with this "
                     "context once in a terminal to log in, then retry."));
    }

    QString program = exec.command;
    if (!program.contains(u'/')) {
        const QStringList path = options.environment.value(QStringLiteral("PATH"))
                                     .split(QDir::listSeparator(), Qt::SkipEmptyParts);
        program = QStandardPaths::findExecutable(exec.command, path);
    } else if (!QFileInfo::exists(program)) {
        program.clear();
    }
    if (program.isEmpty()) {
        QString message = Tr::tr("exec: executable %1 not found").arg(exec.command);
        message
            += QStringLiteral("\n\n")
            + Tr::tr(
                   "It looks like you are trying to use a client-go credential plugin that is not "
                   "installed.");
        if (!exec.installHint.isEmpty())
            message += QStringLiteral("\n\n") + exec.installHint;
        return md::unexpected(QStringLiteral("kube.exec.notFound"), message);
    }

    QProcess process;
    process.setProgram(program);
    process.setArguments(exec.args);
    process.setProcessEnvironment(execEnvironment(exec, cluster, options.environment));
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted()) {
        return execError(Tr::tr("exec: executable %1 could not be started: %2")
                             .arg(exec.command, process.errorString()));
    }
    if (!process.waitForFinished(static_cast<int>(options.timeout.count()))) {
        process.kill();
        process.waitForFinished(1000);
        return execError(Tr::tr("exec: executable %1 did not finish within %2 s and was stopped")
                             .arg(exec.command)
                             .arg(options.timeout.count() / 1000.0));
    }
    const QString err = stderrText(process.readAllStandardError());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QString message = process.exitStatus() != QProcess::NormalExit
            ? Tr::tr("exec: executable %1 crashed").arg(exec.command)
            : Tr::tr("exec: executable %1 failed with exit code %2")
                  .arg(exec.command)
                  .arg(process.exitCode());
        if (!err.isEmpty())
            message += QStringLiteral("\n") + err;
        return execError(message);
    }
    auto credential = parseExecCredential(process.readAllStandardOutput(), exec.apiVersion);
    if (!credential) {
        md::Error e = credential.error();
        e.message = who + QStringLiteral(": ") + e.message;
        return md::unexpected(std::move(e));
    }
    return credential;
}

} // namespace md::kube

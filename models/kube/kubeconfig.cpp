#include "kube/kubeconfig.h"

#include "kube/kubetr.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace md::kube {

LoadingRules LoadingRules::fromEnvironment(const QString &explicitPath)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    LoadingRules rules;
    rules.explicitPath = explicitPath;
    if (env.contains(QStringLiteral("KUBECONFIG")))
        rules.kubeconfigEnv = env.value(QStringLiteral("KUBECONFIG"));
    rules.homeDir = env.value(QStringLiteral("HOME"), QDir::homePath());
    return rules;
}

QStringList LoadingRules::envFiles() const
{
    QStringList files;
    if (!kubeconfigEnv)
        return files;
    const QStringList parts = kubeconfigEnv->split(QDir::listSeparator());
    for (const QString &part : parts) {
        if (!part.isEmpty() && !files.contains(part))
            files.append(part);
    }
    return files;
}

QString LoadingRules::homeFile() const
{
    return QDir(homeDir).filePath(QStringLiteral(".kube/config"));
}

QStringList LoadingRules::precedence() const
{
    if (!explicitPath.isEmpty())
        return {explicitPath};
    const QStringList env = envFiles();
    return env.isEmpty() ? QStringList {homeFile()} : env;
}

QString LoadingRules::defaultFilename() const
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QStringList env = envFiles();
    if (env.isEmpty())
        return homeFile();
    if (env.size() == 1)
        return env.first();
    for (const QString &file : env) {
        if (QFileInfo::exists(file))
            return file;
    }
    return env.last();
}

namespace {

template<typename T> void mergeFirstWins(QMap<QString, T> &into, const QMap<QString, T> &from)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (!into.contains(it.key()))
            into.insert(it.key(), it.value());
    }
}

} // namespace

Kubeconfig mergeKubeconfigs(const QList<Kubeconfig> &files)
{
    Kubeconfig merged;
    for (const Kubeconfig &file : files) {
        // Maps: the first file that defines a name wins for the whole entry.
        mergeFirstWins(merged.clusters, file.clusters);
        mergeFirstWins(merged.users, file.users);
        mergeFirstWins(merged.contexts, file.contexts);
        for (auto it = file.extensions.begin(); it != file.extensions.end(); ++it) {
            if (!merged.extensions.contains(it.key()))
                merged.extensions.insert(it.key(), it.value());
        }
        // Single values: the first non-empty one wins.
        if (merged.currentContext.isEmpty() && !file.currentContext.isEmpty()) {
            merged.currentContext = file.currentContext;
            merged.currentContextOrigin = file.currentContextOrigin;
        }
        if (merged.preferences.isEmpty())
            merged.preferences = file.preferences;
        merged.files += file.files;
        merged.missingFiles += file.missingFiles;
    }
    return merged;
}

Result<Kubeconfig> loadKubeconfig(const LoadingRules &rules)
{
    if (!rules.explicitPath.isEmpty() && !QFileInfo::exists(rules.explicitPath)) {
        return md::unexpected(QStringLiteral("kubeconfig.missing"),
                              Tr::tr("the kubeconfig file given explicitly does not exist"),
                              rules.explicitPath);
    }
    QList<Kubeconfig> loaded;
    QStringList missing;
    QList<md::Error> errors;
    for (const QString &file : rules.precedence()) {
        if (file.isEmpty())
            continue;
        if (!QFileInfo::exists(file)) {
            missing.append(file);
            continue;
        }
        auto config = loadKubeconfigFile(file);
        if (!config) {
            errors.append(config.error());
            continue;
        }
        loaded.append(std::move(config).value());
    }
    if (!errors.isEmpty()) {
        md::Error error = errors.first();
        error.code = QStringLiteral("kubeconfig.load");
        for (qsizetype i = 1; i < errors.size(); ++i)
            error.message += QStringLiteral("\n") + errors.at(i).toString();
        return md::unexpected(std::move(error));
    }
    Kubeconfig merged = mergeKubeconfigs(loaded);
    merged.missingFiles = missing;
    return merged;
}

} // namespace md::kube

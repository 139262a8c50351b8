#include "kube/kubeconfigwriter.h"

#include "kube/kubeconfigyaml_p.h"
#include "kube/kubetr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace md::kube {

using detail::qs;
using detail::stringNode;

namespace {

// Holds "<file>.lock" for each file, released (removed) on destruction.
class FileLocks
{
public:
    FileLocks() = default;
    FileLocks(const FileLocks &) = delete;
    FileLocks &operator=(const FileLocks &) = delete;
    ~FileLocks()
    {
        for (const QString &lock : m_locks)
            QFile::remove(lock);
    }

    Result<void> lock(const QString &file)
    {
        QDir().mkpath(QFileInfo(file).absolutePath());
        const QString lockName = kubeconfigLockName(file);
        const int fd = ::open(QFile::encodeName(lockName).constData(),
                              O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            return md::unexpected(
                QStringLiteral("kubeconfig.lock"),
                Tr::tr("cannot lock the kubeconfig file: %1 (%2). Another kubectl "
                       "or MeshDesk may be writing it; if not, remove the lock file.")
                    .arg(lockName, why),
                file);
        }
        ::close(fd);
        m_locks.append(lockName);
        return {};
    }

private:
    QStringList m_locks;
};

// One kubeconfig file being edited as a YAML document.
struct Document
{
    YAML::Node root;
    QString dir;
};

bool sameValue(const YAML::Node &a, const YAML::Node &b)
{
    return detail::yamlToJson(a) == detail::yamlToJson(b);
}

// Sets map[key] to value, or removes it for a null value; an equivalent existing value is
// left as it is (keeps its formatting).
void put(YAML::Node map, const char *key, const YAML::Node &value)
{
    if (!value || value.IsNull()) {
        if (map[key])
            map.remove(key);
        return;
    }
    if (map[key] && sameValue(map[key], value))
        return;
    map[key] = value;
}

YAML::Node str(const QString &s)
{
    return s.isEmpty() ? YAML::Node() : stringNode(s);
}

YAML::Node flag(bool b)
{
    return b ? YAML::Node("true") : YAML::Node();
}

YAML::Node data(const QByteArray &bytes)
{
    return bytes.isEmpty() ? YAML::Node() : stringNode(QString::fromLatin1(bytes.toBase64()));
}

YAML::Node list(const QStringList &items)
{
    if (items.isEmpty())
        return {};
    YAML::Node seq(YAML::NodeType::Sequence);
    for (const QString &item : items)
        seq.push_back(stringNode(item));
    return seq;
}

// A path field: kept as written if it still resolves to `absolute`, else written relative
// to the file's directory when that needs no "..", else absolute (client-go's relativize).
void putPath(YAML::Node map, const char *key, const QString &absolute, const QString &dir)
{
    if (absolute.isEmpty()) {
        put(map, key, {});
        return;
    }
    if (map[key] && map[key].IsScalar()) {
        const QString old = qs(map[key].Scalar());
        const QString resolved
            = QDir::isAbsolutePath(old) ? old : QDir::cleanPath(dir + u'/' + old);
        if (resolved == absolute)
            return;
    }
    QString value = absolute;
    const QString relative = QDir(dir).relativeFilePath(absolute);
    if (QDir::isAbsolutePath(absolute) && !relative.startsWith(QLatin1String("..")))
        value = relative;
    put(map, key, stringNode(value));
}

void putExtensions(YAML::Node map, const QJsonObject &extensions)
{
    if (extensions.isEmpty()) {
        put(map, "extensions", {});
        return;
    }
    YAML::Node seq(YAML::NodeType::Sequence);
    for (auto it = extensions.begin(); it != extensions.end(); ++it) {
        YAML::Node item(YAML::NodeType::Map);
        item["name"] = stringNode(it.key());
        item["extension"] = detail::jsonToYaml(it.value());
        seq.push_back(item);
    }
    // Compare as name -> value maps so that a reordered but equal list is kept.
    QJsonObject existing;
    if (map["extensions"] && map["extensions"].IsSequence()) {
        for (const YAML::Node &item : map["extensions"]) {
            if (item.IsMap())
                existing.insert(qs(item["name"].Scalar()), detail::yamlToJson(item["extension"]));
        }
    }
    if (existing != extensions)
        map["extensions"] = seq;
}

void fillCluster(YAML::Node m, const Cluster &c, const QString &dir)
{
    put(m, "server", str(c.server));
    put(m, "tls-server-name", str(c.tlsServerName));
    put(m, "insecure-skip-tls-verify", flag(c.insecureSkipTlsVerify));
    putPath(m, "certificate-authority", c.certificateAuthority, dir);
    put(m, "certificate-authority-data", data(c.certificateAuthorityData));
    put(m, "proxy-url", str(c.proxyUrl));
    put(m, "disable-compression", flag(c.disableCompression));
    putExtensions(m, c.extensions);
}

void fillExec(YAML::Node m, const ExecConfig &e, const QString &dir)
{
    if (e.command.contains(u'/'))
        putPath(m, "command", e.command, dir);
    else
        put(m, "command", str(e.command));
    put(m, "args", list(e.args));
    YAML::Node env;
    for (const ExecEnvVar &var : e.env) {
        YAML::Node item(YAML::NodeType::Map);
        item["name"] = stringNode(var.name);
        item["value"] = stringNode(var.value);
        env.push_back(item);
    }
    put(m, "env", env);
    put(m, "apiVersion", str(e.apiVersion));
    put(m, "installHint", str(e.installHint));
    put(m, "provideClusterInfo", flag(e.provideClusterInfo));
    put(m, "interactiveMode", str(e.interactiveMode));
}

YAML::Node mapAt(YAML::Node parent, const char *key)
{
    if (!parent[key] || !parent[key].IsMap())
        parent[key] = YAML::Node(YAML::NodeType::Map);
    return parent[key];
}

void fillUser(YAML::Node m, const AuthInfo &a, const QString &dir)
{
    putPath(m, "client-certificate", a.clientCertificate, dir);
    put(m, "client-certificate-data", data(a.clientCertificateData));
    putPath(m, "client-key", a.clientKey, dir);
    put(m, "client-key-data", data(a.clientKeyData));
    put(m, "token", str(a.token));
    putPath(m, "tokenFile", a.tokenFile, dir);
    put(m, "as", str(a.impersonate));
    put(m, "as-uid", str(a.impersonateUid));
    put(m, "as-groups", list(a.impersonateGroups));
    YAML::Node extra;
    for (auto it = a.impersonateUserExtra.begin(); it != a.impersonateUserExtra.end(); ++it)
        extra[it.key().toStdString()] = list(it.value());
    put(m, "as-user-extra", extra);
    put(m, "username", str(a.username));
    put(m, "password", str(a.password));
    if (a.authProvider) {
        YAML::Node provider = mapAt(m, "auth-provider");
        put(provider, "name", str(a.authProvider->name));
        YAML::Node config;
        for (auto it = a.authProvider->config.begin(); it != a.authProvider->config.end(); ++it)
            config[it.key().toStdString()] = stringNode(it.value());
        put(provider, "config", config);
    } else {
        put(m, "auth-provider", {});
    }
    if (a.exec)
        fillExec(mapAt(m, "exec"), *a.exec, dir);
    else
        put(m, "exec", {});
    putExtensions(m, a.extensions);
}

void fillContext(YAML::Node m, const Context &c, const QString &)
{
    put(m, "cluster", str(c.cluster));
    put(m, "user", str(c.user));
    put(m, "namespace", str(c.namespaceName));
    putExtensions(m, c.extensions);
}

// The body map of stanza `name` in list `listKey`, created (at the end) when missing.
YAML::Node stanza(YAML::Node root, const char *listKey, const char *bodyKey, const QString &name)
{
    if (!root[listKey] || !root[listKey].IsSequence())
        root[listKey] = YAML::Node(YAML::NodeType::Sequence);
    YAML::Node items = root[listKey];
    for (YAML::Node item : items) {
        if (item.IsMap() && item["name"] && qs(item["name"].Scalar()) == name)
            return mapAt(item, bodyKey);
    }
    YAML::Node item(YAML::NodeType::Map);
    item["name"] = stringNode(name);
    item[bodyKey] = YAML::Node(YAML::NodeType::Map);
    items.push_back(item);
    return item[bodyKey];
}

void removeStanza(YAML::Node root, const char *listKey, const QString &name)
{
    YAML::Node items = root[listKey];
    if (!items || !items.IsSequence())
        return;
    YAML::Node kept(YAML::NodeType::Sequence);
    for (const YAML::Node &item : items) {
        if (!(item.IsMap() && item["name"] && qs(item["name"].Scalar()) == name))
            kept.push_back(item);
    }
    root[listKey] = kept;
}

class Editor
{
public:
    Result<Document *> open(const QString &file)
    {
        auto it = m_docs.find(file);
        if (it != m_docs.end())
            return &it.value();
        Document doc;
        doc.dir = QFileInfo(file).absolutePath();
        QFile f(file);
        QByteArray content;
        if (f.exists()) {
            if (!f.open(QIODevice::ReadOnly))
                return md::unexpected(
                    QStringLiteral("kubeconfig.read"),
                    Tr::tr("cannot read the kubeconfig file: %1").arg(f.errorString()), file);
            content = f.readAll();
        }
        // Refuse to rewrite a file that does not parse: it would lose its content.
        if (auto parsed = parseKubeconfig(content, file); !parsed)
            return md::unexpected(parsed.error());
        try {
            doc.root
                = content.trimmed().isEmpty() ? YAML::Node() : YAML::Load(content.toStdString());
        } catch (const YAML::Exception &e) {
            return md::unexpected(QStringLiteral("kubeconfig.parse"), qs(e.msg), file);
        }
        if (!doc.root.IsMap()) {
            doc.root = YAML::Node(YAML::NodeType::Map);
            doc.root["apiVersion"] = "v1";
            doc.root["clusters"] = YAML::Node(YAML::NodeType::Sequence);
            doc.root["contexts"] = YAML::Node(YAML::NodeType::Sequence);
            doc.root["current-context"] = stringNode(QString());
            doc.root["kind"] = "Config";
            doc.root["preferences"] = YAML::Node(YAML::NodeType::Map);
            doc.root["users"] = YAML::Node(YAML::NodeType::Sequence);
        }
        return &m_docs.insert(file, doc).value();
    }

    Result<void> writeAll()
    {
        for (auto it = m_docs.begin(); it != m_docs.end(); ++it) {
            if (auto ok = write(it.key(), it.value()); !ok)
                return ok;
        }
        return {};
    }

private:
    static Result<void> write(const QString &file, const Document &doc)
    {
        QString target = file;
        if (const QFileInfo info(file); info.isSymLink() && info.exists())
            target = info.canonicalFilePath(); // write through a symlink, keep the link
        QDir().mkpath(QFileInfo(target).absolutePath());
        QSaveFile out(target);
        std::string text;
        try {
            text = detail::emitYaml(doc.root);
        } catch (const YAML::Exception &e) {
            return md::unexpected(QStringLiteral("kubeconfig.write"), qs(e.msg), file);
        }
        if (!out.open(QIODevice::WriteOnly)
            || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || out.write(text.data(), static_cast<qint64>(text.size())) != qint64(text.size())
            || !out.commit()) {
            return md::unexpected(
                QStringLiteral("kubeconfig.write"),
                Tr::tr("cannot write the kubeconfig file: %1").arg(out.errorString()), file);
        }
        return {};
    }

    QMap<QString, Document> m_docs;
};

template<typename T, typename Fill>
Result<void> applyStanzas(Editor &editor, const QString &defaultFile,
                          const QMap<QString, T> &before, const QMap<QString, T> &after,
                          const char *listKey, const char *bodyKey, Fill fill)
{
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.contains(it.key()) && before.value(it.key()) == it.value())
            continue;
        const QString file = it->origin.isEmpty() ? defaultFile : it->origin;
        auto doc = editor.open(file);
        if (!doc)
            return md::unexpected(doc.error());
        fill(stanza((*doc)->root, listKey, bodyKey, it.key()), it.value(), (*doc)->dir);
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (after.contains(it.key()))
            continue;
        auto doc = editor.open(it->origin.isEmpty() ? defaultFile : it->origin);
        if (!doc)
            return md::unexpected(doc.error());
        removeStanza((*doc)->root, listKey, it.key());
    }
    return {};
}

Result<void> applyCurrentContext(Editor &editor, const LoadingRules &rules, const QString &value)
{
    QString file;
    if (!rules.explicitPath.isEmpty() || !value.isEmpty()) {
        file = rules.defaultFilename();
    } else {
        // Clearing: clear it where it is set first, so that no later file takes over.
        for (const QString &candidate : rules.precedence()) {
            if (!QFileInfo::exists(candidate))
                continue;
            auto parsed = loadKubeconfigFile(candidate);
            if (!parsed)
                return md::unexpected(parsed.error());
            if (!parsed->currentContext.isEmpty()) {
                file = candidate;
                break;
            }
        }
        if (file.isEmpty())
            return md::unexpected(QStringLiteral("kubeconfig.write"),
                                  Tr::tr("no config found to write context"));
    }
    auto doc = editor.open(file);
    if (!doc)
        return md::unexpected(doc.error());
    (*doc)->root["current-context"] = stringNode(value);
    return {};
}

} // namespace

Result<void> modifyKubeconfig(const LoadingRules &rules, const Kubeconfig &before,
                              const Kubeconfig &after)
{
    QStringList files = rules.precedence();
    const auto addOrigins = [&files](const auto &map) {
        for (const auto &entry : map) {
            if (!entry.origin.isEmpty() && !files.contains(entry.origin))
                files.append(entry.origin);
        }
    };
    addOrigins(before.clusters), addOrigins(before.users), addOrigins(before.contexts);
    addOrigins(after.clusters), addOrigins(after.users), addOrigins(after.contexts);
    std::sort(files.begin(), files.end()); // always lock in the same order

    FileLocks locks;
    for (const QString &file : std::as_const(files)) {
        if (auto ok = locks.lock(file); !ok)
            return ok;
    }

    Editor editor;
    const QString defaultFile = rules.defaultFilename();
    if (before.currentContext != after.currentContext) {
        if (auto ok = applyCurrentContext(editor, rules, after.currentContext); !ok)
            return ok;
    }
    if (before.preferences != after.preferences) {
        auto doc = editor.open(defaultFile);
        if (!doc)
            return md::unexpected(doc.error());
        (*doc)->root["preferences"] = detail::jsonToYaml(after.preferences);
    }
    if (auto ok = applyStanzas(editor, defaultFile, before.clusters, after.clusters, "clusters",
                               "cluster", fillCluster);
        !ok)
        return ok;
    if (auto ok = applyStanzas(editor, defaultFile, before.contexts, after.contexts, "contexts",
                               "context", fillContext);
        !ok)
        return ok;
    if (auto ok
        = applyStanzas(editor, defaultFile, before.users, after.users, "users", "user", fillUser);
        !ok)
        return ok;
    return editor.writeAll();
}

Result<void> persistAuthProviderConfig(const LoadingRules &rules, const QString &userName,
                                       const AuthProviderConfig &config)
{
    auto before = loadKubeconfig(rules);
    if (!before)
        return md::unexpected(before.error());
    if (!before->users.contains(userName)) {
        return md::unexpected(QStringLiteral("kubeconfig.userNotFound"),
                              Tr::tr("user \"%1\" is no longer in the kubeconfig").arg(userName),
                              rules.precedence().join(QStringLiteral(", ")));
    }
    Kubeconfig after = *before;
    after.users[userName].authProvider = config;
    return modifyKubeconfig(rules, *before, after);
}

AuthProviderPersister kubeconfigPersister(const LoadingRules &rules, const QString &userName)
{
    return [rules, userName](const AuthProviderConfig &config) {
        return persistAuthProviderConfig(rules, userName, config);
    };
}

AuthProviderLoader kubeconfigAuthProviderLoader(const LoadingRules &rules, const QString &userName)
{
    return [rules, userName]() -> Result<std::optional<AuthProviderConfig>> {
        auto config = loadKubeconfig(rules);
        if (!config)
            return md::unexpected(config.error());
        const auto user = config->users.constFind(userName);
        if (user == config->users.cend())
            return std::optional<AuthProviderConfig>();
        return user->authProvider;
    };
}

} // namespace md::kube

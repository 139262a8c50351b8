// Reading one kubeconfig file (clientcmd/api/v1 layout) into the value types.

#include "kube/kubeconfig.h"
#include "kube/kubeconfigyaml_p.h"
#include "kube/kubetr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <exception>
#include <string>

namespace md::kube {

using detail::qs;

namespace {

// Thrown inside the parser only; parseKubeconfig() turns it into an md::Error.
struct ParseFailure
{
    QString message;
    YAML::Mark mark;
};

class Parser
{
public:
    explicit Parser(const QString &fileName)
        : m_file(fileName)
        , m_dir(QFileInfo(fileName).absolutePath())
    { }

    Kubeconfig parse(const YAML::Node &root);

private:
    [[noreturn]] void fail(const YAML::Node &at, const QString &message) const
    {
        throw ParseFailure {m_entry.isEmpty() ? message : m_entry + QStringLiteral(": ") + message,
                            at.Mark()};
    }

    QString string(const YAML::Node &map, const char *field) const;
    bool boolean(const YAML::Node &map, const char *field) const;
    QByteArray data(const YAML::Node &map, const char *field) const;
    QStringList stringList(const YAML::Node &map, const char *field) const;
    QString path(const YAML::Node &map, const char *field) const
    {
        return resolve(string(map, field));
    }
    QString resolve(const QString &p) const
    {
        if (p.isEmpty() || QDir::isAbsolutePath(p))
            return p;
        return QDir::cleanPath(m_dir + u'/' + p);
    }
    YAML::Node mapping(const YAML::Node &map, const char *field) const;
    QJsonObject extensions(const YAML::Node &map);

    template<typename T, typename F>
    QMap<QString, T> namedList(const YAML::Node &root, const char *list, const char *body,
                               const QString &kind, F parseBody);

    Cluster cluster(const YAML::Node &body);
    AuthInfo authInfo(const YAML::Node &body);
    ExecConfig exec(const YAML::Node &body);
    Context context(const YAML::Node &body);

    QString m_file;
    QString m_dir;
    QString m_entry; // "cluster \"x\"" while parsing that stanza
};

QString Parser::string(const YAML::Node &map, const char *field) const
{
    const YAML::Node node = map[field];
    if (!node || node.IsNull())
        return {};
    if (!node.IsScalar())
        fail(node, Tr::tr("\"%1\" must be a string").arg(QLatin1String(field)));
    return qs(node.Scalar());
}

bool Parser::boolean(const YAML::Node &map, const char *field) const
{
    const YAML::Node node = map[field];
    if (!node || node.IsNull())
        return false;
    if (node.IsScalar() && node.Tag() == "?") {
        const QJsonValue v = detail::yamlToJson(node);
        if (v.isBool())
            return v.toBool();
    }
    fail(node, Tr::tr("\"%1\" must be true or false").arg(QLatin1String(field)));
}

QByteArray Parser::data(const YAML::Node &map, const char *field) const
{
    const QString text = string(map, field);
    if (text.isEmpty())
        return {};
    auto decoded
        = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        fail(map[field], Tr::tr("\"%1\" is not valid base64").arg(QLatin1String(field)));
    return *decoded;
}

QStringList Parser::stringList(const YAML::Node &map, const char *field) const
{
    const YAML::Node node = map[field];
    QStringList result;
    if (!node || node.IsNull())
        return result;
    if (!node.IsSequence())
        fail(node, Tr::tr("\"%1\" must be a list of strings").arg(QLatin1String(field)));
    for (const YAML::Node &item : node) {
        if (!item.IsScalar())
            fail(item, Tr::tr("\"%1\" must be a list of strings").arg(QLatin1String(field)));
        result.append(qs(item.Scalar()));
    }
    return result;
}

YAML::Node Parser::mapping(const YAML::Node &map, const char *field) const
{
    const YAML::Node node = map[field];
    if (!node || node.IsNull())
        return YAML::Node(YAML::NodeType::Map);
    if (!node.IsMap())
        fail(node, Tr::tr("\"%1\" must be a mapping").arg(QLatin1String(field)));
    return node;
}

QJsonObject Parser::extensions(const YAML::Node &map)
{
    QJsonObject result;
    const YAML::Node list = map["extensions"];
    if (!list || list.IsNull())
        return result;
    if (!list.IsSequence())
        fail(list, Tr::tr("\"extensions\" must be a list"));
    for (const YAML::Node &item : list) {
        if (!item.IsMap())
            fail(item, Tr::tr("every item of \"extensions\" must be a mapping"));
        const QString name = string(item, "name");
        if (result.contains(name))
            fail(item, Tr::tr("duplicate name \"%1\" in list \"extensions\"").arg(name));
        result.insert(name, detail::yamlToJson(item["extension"]));
    }
    return result;
}

template<typename T, typename F>
QMap<QString, T> Parser::namedList(const YAML::Node &root, const char *list, const char *body,
                                   const QString &kind, F parseBody)
{
    QMap<QString, T> result;
    const YAML::Node items = root[list];
    if (!items || items.IsNull())
        return result;
    m_entry.clear();
    if (!items.IsSequence())
        fail(items, Tr::tr("\"%1\" must be a list").arg(QLatin1String(list)));
    int index = 0;
    for (const YAML::Node &item : items) {
        m_entry = QStringLiteral("%1[%2]").arg(QLatin1String(list)).arg(index++);
        if (!item.IsMap())
            fail(item,
                 Tr::tr("must be a mapping with \"name\" and \"%1\"").arg(QLatin1String(body)));
        const QString name = string(item, "name");
        m_entry = QStringLiteral("%1 \"%2\"").arg(kind, name);
        if (result.contains(name))
            fail(item,
                 Tr::tr("duplicate name \"%1\" in list \"%2\"").arg(name, QLatin1String(list)));
        T value = parseBody(mapping(item, body));
        value.name = name;
        value.origin = m_file;
        result.insert(name, std::move(value));
    }
    m_entry.clear();
    return result;
}

Cluster Parser::cluster(const YAML::Node &body)
{
    Cluster c;
    c.server = string(body, "server");
    c.tlsServerName = string(body, "tls-server-name");
    c.insecureSkipTlsVerify = boolean(body, "insecure-skip-tls-verify");
    c.certificateAuthority = path(body, "certificate-authority");
    c.certificateAuthorityData = data(body, "certificate-authority-data");
    c.proxyUrl = string(body, "proxy-url");
    c.disableCompression = boolean(body, "disable-compression");
    c.extensions = extensions(body);
    return c;
}

ExecConfig Parser::exec(const YAML::Node &body)
{
    ExecConfig e;
    e.command = string(body, "command");
    if (e.command.contains(u'/'))
        e.command = resolve(e.command);
    e.args = stringList(body, "args");
    const YAML::Node env = body["env"];
    if (env && !env.IsNull()) {
        if (!env.IsSequence())
            fail(env, Tr::tr("\"exec.env\" must be a list of name/value pairs"));
        for (const YAML::Node &var : env) {
            if (!var.IsMap())
                fail(var, Tr::tr("\"exec.env\" must be a list of name/value pairs"));
            e.env.append({string(var, "name"), string(var, "value")});
        }
    }
    e.apiVersion = string(body, "apiVersion");
    e.installHint = string(body, "installHint");
    e.provideClusterInfo = boolean(body, "provideClusterInfo");
    e.interactiveMode = string(body, "interactiveMode");
    // client-go's defaulting: v1beta1 (and the retired v1alpha1) mean IfAvailable.
    if (e.interactiveMode.isEmpty()
        && (e.apiVersion == QLatin1String(ExecApiV1Beta1)
            || e.apiVersion == QLatin1String("client.authentication.k8s.io/v1alpha1"))) {
        e.interactiveMode = QStringLiteral("IfAvailable");
    }
    return e;
}

AuthInfo Parser::authInfo(const YAML::Node &body)
{
    AuthInfo a;
    a.clientCertificate = path(body, "client-certificate");
    a.clientCertificateData = data(body, "client-certificate-data");
    a.clientKey = path(body, "client-key");
    a.clientKeyData = data(body, "client-key-data");
    a.token = string(body, "token");
    a.tokenFile = path(body, "tokenFile");
    a.impersonate = string(body, "as");
    a.impersonateUid = string(body, "as-uid");
    a.impersonateGroups = stringList(body, "as-groups");
    const YAML::Node extra = mapping(body, "as-user-extra");
    for (const auto &kv : extra) {
        const std::string key = kv.first.Scalar();
        a.impersonateUserExtra.insert(qs(key), stringList(extra, key.c_str()));
    }
    a.username = string(body, "username");
    a.password = string(body, "password");
    if (const YAML::Node provider = body["auth-provider"]; provider && !provider.IsNull()) {
        const YAML::Node p = mapping(body, "auth-provider");
        AuthProviderConfig config;
        config.name = string(p, "name");
        const YAML::Node values = mapping(p, "config");
        for (const auto &kv : values) {
            const std::string key = kv.first.Scalar();
            config.config.insert(qs(key), string(values, key.c_str()));
        }
        a.authProvider = config;
    }
    if (const YAML::Node e = body["exec"]; e && !e.IsNull())
        a.exec = exec(mapping(body, "exec"));
    a.extensions = extensions(body);
    return a;
}

Context Parser::context(const YAML::Node &body)
{
    Context c;
    c.cluster = string(body, "cluster");
    c.user = string(body, "user");
    c.namespaceName = string(body, "namespace");
    c.extensions = extensions(body);
    return c;
}

Kubeconfig Parser::parse(const YAML::Node &root)
{
    Kubeconfig config;
    config.files = {m_file};
    if (!root || root.IsNull())
        return config;
    if (!root.IsMap())
        fail(root, Tr::tr("a kubeconfig must be a mapping (apiVersion: v1, kind: Config)"));
    const QString kind = string(root, "kind");
    if (!kind.isEmpty() && kind != QLatin1String("Config"))
        fail(root["kind"], Tr::tr("kind is \"%1\", expected \"Config\"").arg(kind));
    const QString apiVersion = string(root, "apiVersion");
    if (!apiVersion.isEmpty() && apiVersion != QLatin1String("v1"))
        fail(root["apiVersion"], Tr::tr("apiVersion is \"%1\", expected \"v1\"").arg(apiVersion));

    config.clusters = namedList<Cluster>(root, "clusters", "cluster", QStringLiteral("cluster"),
                                         [this](const YAML::Node &b) { return cluster(b); });
    config.users = namedList<AuthInfo>(root, "users", "user", QStringLiteral("user"),
                                       [this](const YAML::Node &b) { return authInfo(b); });
    config.contexts = namedList<Context>(root, "contexts", "context", QStringLiteral("context"),
                                         [this](const YAML::Node &b) { return context(b); });
    config.currentContext = string(root, "current-context");
    if (!config.currentContext.isEmpty())
        config.currentContextOrigin = m_file;
    config.preferences = detail::yamlToJson(mapping(root, "preferences")).toObject();
    config.extensions = extensions(root);
    return config;
}

md::Error parseError(const QString &file, const QString &message, const YAML::Mark &mark)
{
    QString where = file;
    if (!mark.is_null())
        where += QStringLiteral(":%1:%2").arg(mark.line + 1).arg(mark.column + 1);
    return md::Error {QStringLiteral("kubeconfig.parse"), message, where};
}

} // namespace

Result<Kubeconfig> parseKubeconfig(const QByteArray &data, const QString &fileName)
{
    try {
        const YAML::Node root = YAML::Load(data.toStdString());
        return Parser(fileName).parse(root);
    } catch (const ParseFailure &f) {
        return md::unexpected(parseError(fileName, f.message, f.mark));
    } catch (const YAML::Exception &e) {
        return md::unexpected(parseError(fileName, qs(e.msg), e.mark));
    } catch (const std::exception &e) {
        return md::unexpected(
            parseError(fileName, QString::fromLocal8Bit(e.what()), YAML::Mark::null_mark()));
    }
}

Result<Kubeconfig> loadKubeconfigFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        return md::unexpected(QStringLiteral("kubeconfig.read"),
                              Tr::tr("cannot read the kubeconfig file: %1").arg(file.errorString()),
                              fileName);
    }
    return parseKubeconfig(file.readAll(), fileName);
}

} // namespace md::kube

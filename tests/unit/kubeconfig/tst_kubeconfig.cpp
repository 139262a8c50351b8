// Loading and merging kubeconfig files: client-go's rules as a table of cases, checked
// against the real kubectl where it is installed.

#include "kube/kubeconfig.h"
#include "kubetestutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace md::kube;
using namespace md::kube::test;

namespace {

const QString Missing = QStringLiteral("@missing");

QString names(const QStringList &keys)
{
    return keys.join(u',');
}

// A small query language over a loaded Kubeconfig: "cluster/NAME/FIELD", "current", ...
QString query(const Kubeconfig &k, const QString &key)
{
    const QStringList p = key.split(u'/');
    if (key == QLatin1String("current"))
        return k.currentContext;
    if (key == QLatin1String("clusters"))
        return names(k.clusters.keys());
    if (key == QLatin1String("users"))
        return names(k.users.keys());
    if (key == QLatin1String("contexts"))
        return names(k.contexts.keys());
    if (key == QLatin1String("files"))
        return QString::number(k.files.size());
    if (key == QLatin1String("missing"))
        return QString::number(k.missingFiles.size());
    if (p.size() == 3 && p[0] == QLatin1String("cluster")) {
        if (!k.clusters.contains(p[1]))
            return QStringLiteral("<none>");
        const Cluster c = k.clusters.value(p[1]);
        const QMap<QString, QString> f {
            {QStringLiteral("server"), c.server},
            {QStringLiteral("tls-server-name"), c.tlsServerName},
            {QStringLiteral("insecure"),
             c.insecureSkipTlsVerify ? QStringLiteral("true") : QStringLiteral("false")},
            {QStringLiteral("ca"), c.certificateAuthority},
            {QStringLiteral("ca-data"), QString::fromUtf8(c.certificateAuthorityData)},
            {QStringLiteral("ext"),
             QString::fromUtf8(QJsonDocument(c.extensions).toJson(QJsonDocument::Compact))},
            {QStringLiteral("origin"), c.origin}};
        return f.value(p[2], QStringLiteral("<bad field>"));
    }
    if (p.size() == 3 && p[0] == QLatin1String("user")) {
        if (!k.users.contains(p[1]))
            return QStringLiteral("<none>");
        const AuthInfo u = k.users.value(p[1]);
        const QMap<QString, QString> f {
            {QStringLiteral("token"), u.token},
            {QStringLiteral("tokenFile"), u.tokenFile},
            {QStringLiteral("cert"), u.clientCertificate},
            {QStringLiteral("key"), u.clientKey},
            {QStringLiteral("username"), u.username},
            {QStringLiteral("groups"), u.impersonateGroups.join(u',')},
            {QStringLiteral("exec.command"), u.exec ? u.exec->command : QStringLiteral("<none>")},
            {QStringLiteral("exec.mode"),
             u.exec ? u.exec->interactiveMode : QStringLiteral("<none>")},
            {QStringLiteral("exec.env"),
             u.exec && !u.exec->env.isEmpty()
                 ? u.exec->env.first().name + u'=' + u.exec->env.first().value
                 : QString()},
            {QStringLiteral("provider"),
             u.authProvider ? u.authProvider->name : QStringLiteral("<none>")},
            {QStringLiteral("origin"), u.origin}};
        return f.value(p[2], QStringLiteral("<bad field>"));
    }
    if (p.size() == 3 && p[0] == QLatin1String("context")) {
        if (!k.contexts.contains(p[1]))
            return QStringLiteral("<none>");
        const Context c = k.contexts.value(p[1]);
        const QMap<QString, QString> f {{QStringLiteral("cluster"), c.cluster},
                                        {QStringLiteral("user"), c.user},
                                        {QStringLiteral("namespace"), c.namespaceName},
                                        {QStringLiteral("origin"), c.origin}};
        return f.value(p[2], QStringLiteral("<bad field>"));
    }
    return QStringLiteral("<bad key %1>").arg(key);
}

// The parts of a merged config both kubectl and we report, normalised for comparison.
QJsonObject summary(const Kubeconfig &k)
{
    QJsonObject clusters, users, contexts;
    for (const Cluster &c : k.clusters)
        clusters.insert(
            c.name,
            QJsonObject {{QStringLiteral("server"), c.server},
                         {QStringLiteral("tls-server-name"), c.tlsServerName},
                         {QStringLiteral("insecure-skip-tls-verify"), c.insecureSkipTlsVerify}});
    for (const AuthInfo &u : k.users)
        users.insert(u.name,
                     QJsonObject {{QStringLiteral("token"), u.token},
                                  {QStringLiteral("username"), u.username},
                                  {QStringLiteral("exec"),
                                   u.exec ? u.exec->apiVersion + u'/' + u.exec->interactiveMode
                                          : QString()}});
    for (const Context &c : k.contexts)
        contexts.insert(c.name,
                        QJsonObject {{QStringLiteral("cluster"), c.cluster},
                                     {QStringLiteral("user"), c.user},
                                     {QStringLiteral("namespace"), c.namespaceName}});
    return {{QStringLiteral("current-context"), k.currentContext},
            {QStringLiteral("clusters"), clusters},
            {QStringLiteral("users"), users},
            {QStringLiteral("contexts"), contexts}};
}

QJsonObject summary(const QJsonObject &view)
{
    const auto named = [&](const char *list, const char *body) {
        QJsonObject out;
        for (const QJsonValue &item : view.value(QLatin1String(list)).toArray())
            out.insert(item[QLatin1String("name")].toString(),
                       item[QLatin1String(body)].toObject());
        return out;
    };
    QJsonObject clusters, users, contexts;
    const QJsonObject c = named("clusters", "cluster"), u = named("users", "user"),
                      x = named("contexts", "context");
    for (auto it = c.begin(); it != c.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        clusters.insert(
            it.key(),
            QJsonObject {
                {QStringLiteral("server"), o[QLatin1String("server")].toString()},
                {QStringLiteral("tls-server-name"), o[QLatin1String("tls-server-name")].toString()},
                {QStringLiteral("insecure-skip-tls-verify"),
                 o[QLatin1String("insecure-skip-tls-verify")].toBool()}});
    }
    for (auto it = u.begin(); it != u.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        const QJsonObject e = o[QLatin1String("exec")].toObject();
        users.insert(
            it.key(),
            QJsonObject {{QStringLiteral("token"), o[QLatin1String("token")].toString()},
                         {QStringLiteral("username"), o[QLatin1String("username")].toString()},
                         {QStringLiteral("exec"),
                          e.isEmpty() ? QString()
                                      : e[QLatin1String("apiVersion")].toString() + u'/'
                                  + e[QLatin1String("interactiveMode")].toString()}});
    }
    for (auto it = x.begin(); it != x.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        contexts.insert(
            it.key(),
            QJsonObject {{QStringLiteral("cluster"), o[QLatin1String("cluster")].toString()},
                         {QStringLiteral("user"), o[QLatin1String("user")].toString()},
                         {QStringLiteral("namespace"), o[QLatin1String("namespace")].toString()}});
    }
    return {{QStringLiteral("current-context"),
             view.value(QLatin1String("current-context")).toString()},
            {QStringLiteral("clusters"), clusters},
            {QStringLiteral("users"), users},
            {QStringLiteral("contexts"), contexts}};
}

QByteArray clusterFile(const char *name, const char *server, const QByteArray &extra = {})
{
    return QByteArray("apiVersion: v1\nkind: Config\nclusters:\n- name: ") + name
        + "\n  cluster:\n    server: " + server + "\n" + extra;
}

} // namespace

class tst_Kubeconfig : public QObject
{
    Q_OBJECT

private slots:
    void load_data();
    void load();
    void loadingRules();
    void matchesKubectl_data();
    void matchesKubectl();
    void malformedInputNeverCrashes();
    void parseErrorNamesLine();
};

void tst_Kubeconfig::load_data()
{
    QTest::addColumn<QList<QByteArray>>("files"); // written to <tmp>/dN/config; "@missing" = not
    QTest::addColumn<QString>("env"); // KUBECONFIG with #N placeholders; "@unset"
    QTest::addColumn<QString>("explicitPath");
    QTest::addColumn<QByteArray>("home"); // ~/.kube/config content or "@missing"
    QTest::addColumn<QString>("error"); // substring of the error; empty = success
    QTest::addColumn<QStringList>("checks"); // "query=value"

    const QByteArray noHome = "@missing";
    const QByteArray ctxA
        = "contexts:\n- name: a\n  context:\n    cluster: red\n    user: red-user\n";

    QTest::newRow("single file") << QList<QByteArray> {clusterFile(
        "red", "https://red:6443", QByteArray("current-context: a\n") + ctxA)}
                                 << "#0"
                                 << "" << noHome << ""
                                 << QStringList {"clusters=red",
                                                 "cluster/red/server=https://red:6443",
                                                 "current=a",
                                                 "context/a/user=red-user",
                                                 "cluster/red/origin=#0",
                                                 "files=1"};
    QTest::newRow("first file wins for a whole cluster")
        << QList<QByteArray> {clusterFile("red", "https://one"),
                              clusterFile("red", "https://two", "")
                                  + "    tls-server-name: other\n"}
        << "#0:#1"
        << "" << noHome << ""
        << QStringList {"cluster/red/server=https://one",
                        "cluster/red/tls-server-name=", "cluster/red/origin=#0"};
    QTest::newRow("maps merge across files")
        << QList<QByteArray> {clusterFile("red", "https://one"), clusterFile("blue", "https://two")}
        << "#0:#1"
        << "" << noHome << ""
        << QStringList {"clusters=blue,red", "cluster/blue/origin=#1", "cluster/red/origin=#0"};
    QTest::newRow("first file wins for a whole user") << QList<
        QByteArray> {"users:\n- name: red-user\n  user:\n    token: first\n",
                     "users:\n- name: red-user\n  user:\n    token: second\n    username: u\n"
                     "- name: blue-user\n  user:\n    token: blue\n"}
                                                      << "#0:#1"
                                                      << "" << noHome << ""
                                                      << QStringList {"user/red-user/token=first",
                                                                      "user/red-user/username=",
                                                                      "user/blue-user/token=blue",
                                                                      "user/red-user/origin=#0"};
    QTest::newRow("first file wins for a whole context") << QList<
        QByteArray> {"contexts:\n- name: a\n  context:\n    cluster: red\n",
                     "contexts:\n- name: a\n  context:\n    cluster: blue\n    namespace: ns\n"}
                                                         << "#0:#1"
                                                         << "" << noHome << ""
                                                         << QStringList {"context/a/cluster=red",
                                                                         "context/a/namespace=",
                                                                         "context/a/origin=#0"};
    QTest::newRow("conflicting current-context: first file wins")
        << QList<QByteArray> {"current-context: from-first\n", "current-context: from-second\n"}
        << "#0:#1"
        << "" << noHome << "" << QStringList {"current=from-first"};
    QTest::newRow("first non-empty current-context wins")
        << QList<QByteArray> {"current-context: \"\"\n", "current-context: from-second\n",
                              "current-context: from-third\n"}
        << "#0:#1:#2"
        << "" << noHome << "" << QStringList {"current=from-second"};
    QTest::newRow("duplicate cluster name in one file")
        << QList<QByteArray> {"clusters:\n- name: x\n  cluster:\n    server: https://a\n"
                              "- name: x\n  cluster:\n    server: https://b\n"}
        << "#0"
        << "" << noHome << "#0:5:3: cluster \"x\": duplicate name \"x\" in list \"clusters\""
        << QStringList {};
    QTest::newRow("duplicate user name in one file")
        << QList<QByteArray> {"users:\n- name: u\n  user: {}\n- name: u\n  user: {}\n"} << "#0"
        << "" << noHome << "duplicate name \"u\" in list \"users\"" << QStringList {};
    QTest::newRow("duplicate context name in the second file")
        << QList<QByteArray> {"", "contexts:\n- name: c\n- name: c\n"} << "#0:#1"
        << "" << noHome << "#1:3:3: context \"c\": duplicate name \"c\"" << QStringList {};
    QTest::newRow("same name in two files is not a duplicate")
        << QList<QByteArray> {clusterFile("x", "https://a"), clusterFile("x", "https://b")}
        << "#0:#1"
        << "" << noHome << "" << QStringList {"cluster/x/server=https://a"};
    QTest::newRow("relative paths resolve against the defining file")
        << QList<QByteArray> {"clusters:\n- name: c\n  cluster:\n    server: https://a\n    "
                              "certificate-authority: certs/ca.crt\n",
                              "users:\n- name: u\n  user:\n    client-certificate: ../c.crt\n    "
                              "client-key: /abs/c.key\n"
                              "    tokenFile: tok\n    exec:\n      command: ./bin/plugin\n      "
                              "apiVersion: client.authentication.k8s.io/v1\n"
                              "      interactiveMode: Never\n- name: v\n  user:\n    exec:\n      "
                              "command: kubectl-oidc\n"}
        << "#0:#1"
        << "" << noHome << ""
        << QStringList {"cluster/c/ca=$0/certs/ca.crt", "user/u/key=/abs/c.key",
                        "user/u/tokenFile=$1/tok", "user/u/exec.command=$1/bin/plugin",
                        "user/v/exec.command=kubectl-oidc"};
    QTest::newRow("missing files in KUBECONFIG are skipped")
        << QList<QByteArray> {"@missing", clusterFile("b", "https://b")} << "#0:#1"
        << "" << noHome << "" << QStringList {"clusters=b", "files=1", "missing=1"};
    QTest::newRow("all files missing: empty config")
        << QList<QByteArray> {"@missing", "@missing"} << "#0:#1"
        << "" << noHome << "" << QStringList {"clusters=", "files=0", "missing=2"};
    QTest::newRow("empty file is a valid empty config")
        << QList<QByteArray> {"", clusterFile("b", "https://b")} << "#0:#1"
        << "" << noHome << "" << QStringList {"clusters=b", "files=2"};
    QTest::newRow("unparsable file is an error naming it")
        << QList<QByteArray> {clusterFile("a", "https://a"), "clusters: [\n  - name: x\n"}
        << "#0:#1"
        << "" << noHome << "#1" << QStringList {};
    QTest::newRow("explicit file missing is an error")
        << QList<QByteArray> {"@missing", clusterFile("b", "https://b")} << "#1"
        << "#0" << noHome << "#0: the kubeconfig file given explicitly does not exist"
        << QStringList {};
    QTest::newRow("explicit file: no merge with KUBECONFIG or home")
        << QList<QByteArray> {clusterFile("a", "https://a"), clusterFile("b", "https://b")} << "#1"
        << "#0" << clusterFile("h", "https://h") << "" << QStringList {"clusters=a", "files=1"};
    QTest::newRow("KUBECONFIG duplicates are read once")
        << QList<QByteArray> {clusterFile("a", "https://a")} << "#0:#0::#0"
        << "" << noHome << "" << QStringList {"clusters=a", "files=1"};
    QTest::newRow("no KUBECONFIG: ~/.kube/config")
        << QList<QByteArray> {clusterFile("a", "https://a")} << "@unset"
        << "" << clusterFile("h", "https://h") << "" << QStringList {"clusters=h"};
    QTest::newRow("empty KUBECONFIG: ~/.kube/config")
        << QList<QByteArray> {} << ""
        << "" << clusterFile("h", "https://h") << "" << QStringList {"clusters=h"};
    QTest::newRow("KUBECONFIG replaces ~/.kube/config")
        << QList<QByteArray> {clusterFile("a", "https://a")} << "#0"
        << "" << clusterFile("h", "https://h") << "" << QStringList {"clusters=a"};
    QTest::newRow("missing ~/.kube/config: empty config")
        << QList<QByteArray> {} << "@unset"
        << "" << noHome << "" << QStringList {"clusters=", "missing=1"};
    QTest::newRow("quoted bool is an error naming the cluster")
        << QList<QByteArray> {clusterFile("c", "https://c")
                              + "    insecure-skip-tls-verify: \"true\"\n"}
        << "#0"
        << "" << noHome << "cluster \"c\": \"insecure-skip-tls-verify\" must be true or false"
        << QStringList {};
    QTest::newRow("plain bool accepted")
        << QList<QByteArray> {clusterFile("c", "https://c")
                              + "    insecure-skip-tls-verify: true\n"}
        << "#0"
        << "" << noHome << "" << QStringList {"cluster/c/insecure=true"};
    QTest::newRow("bad base64 names the user and field")
        << QList<QByteArray> {"users:\n- name: u\n  user:\n    client-key-data: '!!notbase64'\n"}
        << "#0"
        << "" << noHome << "user \"u\": \"client-key-data\" is not valid base64" << QStringList {};
    QTest::newRow("base64 data decoded")
        << QList<QByteArray> {clusterFile("c", "https://c")
                              + "    certificate-authority-data: UEVNLWRhdGE=\n"}
        << "#0"
        << "" << noHome << "" << QStringList {"cluster/c/ca-data=PEM-data"};
    QTest::newRow("wrong kind") << QList<QByteArray> {"apiVersion: v1\nkind: Pod\n"} << "#0"
                                << "" << noHome << "kind is \"Pod\", expected \"Config\""
                                << QStringList {};
    QTest::newRow("clusters must be a list")
        << QList<QByteArray> {"clusters: {a: b}\n"} << "#0"
        << "" << noHome << "\"clusters\" must be a list" << QStringList {};
    QTest::newRow("exec v1beta1 defaults interactiveMode to IfAvailable")
        << QList<QByteArray> {"users:\n- name: u\n  user:\n    exec:\n      command: p\n"
                              "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                              "      env:\n      - name: A\n        value: b\n"}
        << "#0"
        << "" << noHome << ""
        << QStringList {"user/u/exec.mode=IfAvailable", "user/u/exec.env=A=b"};
    QTest::newRow("exec v1 has no default interactiveMode")
        << QList<QByteArray> {"users:\n- name: u\n  user:\n    exec:\n      command: p\n"
                              "      apiVersion: client.authentication.k8s.io/v1\n"}
        << "#0"
        << "" << noHome << "" << QStringList {"user/u/exec.mode="};
    QTest::newRow("extensions kept as JSON")
        << QList<QByteArray> {clusterFile("c", "https://c")
                              + "    extensions:\n    - name: client.authentication.k8s.io/exec\n"
                                "      extension:\n        audience: x\n        n: 3\n        s: "
                                "\"3\"\n"}
        << "#0"
        << "" << noHome << ""
        << QStringList {"cluster/c/ext={\"client.authentication.k8s.io/"
                        "exec\":{\"audience\":\"x\",\"n\":3,\"s\":\"3\"}}"};
}

void tst_Kubeconfig::load()
{
    QFETCH(QList<QByteArray>, files);
    QFETCH(QString, env);
    QFETCH(QString, explicitPath);
    QFETCH(QByteArray, home);
    QFETCH(QString, error);
    QFETCH(QStringList, checks);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QStringList paths;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QString path = tmp.filePath(QStringLiteral("d%1/config").arg(i));
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (files.at(i) != "@missing")
            writeFile(path, files.at(i));
        paths << path;
    }
    LoadingRules rules;
    rules.homeDir = tmp.filePath(QStringLiteral("home"));
    if (home != "@missing")
        writeFile(tmp.filePath(QStringLiteral("home/.kube/config")), home);
    if (env != QLatin1String("@unset"))
        rules.kubeconfigEnv = expand(env, paths);
    rules.explicitPath = expand(explicitPath, paths);

    const auto result = loadKubeconfig(rules);
    if (!error.isEmpty()) {
        QVERIFY2(!result, "loading should have failed");
        const QString text = result.error().toString();
        QVERIFY2(text.contains(expand(error, paths)), qPrintable(text));
        return;
    }
    QVERIFY2(result, qPrintable(result.has_value() ? QString() : result.error().toString()));
    for (const QString &check : checks) {
        const qsizetype eq = check.indexOf(u'=');
        QCOMPARE(query(*result, check.left(eq)), expand(check.mid(eq + 1), paths));
    }
}

void tst_Kubeconfig::loadingRules()
{
    QTemporaryDir tmp;
    const QString a = tmp.filePath(QStringLiteral("a")), b = tmp.filePath(QStringLiteral("b")),
                  c = tmp.filePath(QStringLiteral("c"));
    LoadingRules rules;
    rules.homeDir = tmp.filePath(QStringLiteral("home"));
    QCOMPARE(rules.precedence(), QStringList {tmp.filePath(QStringLiteral("home/.kube/config"))});
    QCOMPARE(rules.defaultFilename(), tmp.filePath(QStringLiteral("home/.kube/config")));

    rules.kubeconfigEnv = a + u':' + b + u':' + a + u"::" + c;
    QCOMPARE(rules.precedence(), (QStringList {a, b, c}));
    QCOMPARE(rules.defaultFilename(), c); // none exists: the last one
    writeFile(b, "");
    QCOMPARE(rules.defaultFilename(), b); // the first that exists
    writeFile(a, "");
    QCOMPARE(rules.defaultFilename(), a);

    rules.kubeconfigEnv = c;
    QCOMPARE(rules.defaultFilename(), c); // a single file, even if missing

    rules.explicitPath = b;
    QCOMPARE(rules.precedence(), QStringList {b});
    QCOMPARE(rules.defaultFilename(), b);
}

void tst_Kubeconfig::matchesKubectl_data()
{
    QTest::addColumn<QList<QByteArray>>("files"); // KUBECONFIG in this order; "@missing"

    QTest::newRow("precedence across three files") << QList<QByteArray> {
        "clusters:\n- name: red\n  cluster:\n    server: https://one\n"
        "users:\n- name: ru\n  user:\n    token: t1\n"
        "contexts:\n- name: c1\n  context:\n    cluster: red\n    user: ru\n",
        "current-context: c2\nclusters:\n- name: red\n  cluster:\n    server: https://two\n"
        "    tls-server-name: sni\n- name: blue\n  cluster:\n    server: https://blue\n"
        "    insecure-skip-tls-verify: true\n"
        "users:\n- name: ru\n  user:\n    username: admin\n- name: bu\n  user:\n    token: tb\n"
        "contexts:\n- name: c1\n  context:\n    cluster: blue\n    namespace: ns\n"
        "- name: c2\n  context:\n    cluster: blue\n    user: bu\n",
        "current-context: c1\nusers:\n- name: eu\n  user:\n    exec:\n      command: p\n"
        "      apiVersion: client.authentication.k8s.io/v1beta1\n"};
    QTest::newRow("missing and empty files") << QList<QByteArray> {
        "@missing", "", "current-context: \"\"\n",
        "current-context: late\ncontexts:\n- name: late\n  context:\n    cluster: k\n"};
    QTest::newRow("duplicate user names") << QList<QByteArray> {"users:\n- name: u\n- name: u\n"};
    QTest::newRow("duplicate in the second file")
        << QList<QByteArray> {"clusters:\n- name: a\n  cluster:\n    server: https://a\n",
                              "contexts:\n- name: c\n- name: c\n"};
    QTest::newRow("unparsable second file") << QList<QByteArray> {
        "clusters:\n- name: a\n  cluster:\n    server: https://a\n", "users: [\n"};
}

// Runs the real kubectl on the same files: both must agree on success and on the merge.
void tst_Kubeconfig::matchesKubectl()
{
    QFETCH(QList<QByteArray>, files);
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty())
        QFAIL("kubectl is not installed: scripts/install-deps.sh expects it on the machine");
    QTemporaryDir tmp;
    QStringList paths;
    for (qsizetype i = 0; i < files.size(); ++i) {
        paths << tmp.filePath(QStringLiteral("d%1/config").arg(i));
        QDir().mkpath(QFileInfo(paths.last()).absolutePath());
        if (files.at(i) != "@missing")
            writeFile(paths.last(), files.at(i));
    }
    LoadingRules rules;
    rules.kubeconfigEnv = paths.join(u':');
    rules.homeDir = tmp.filePath(QStringLiteral("home"));
    const auto ours = loadKubeconfig(rules);

    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("KUBECONFIG"), *rules.kubeconfigEnv);
    env.insert(QStringLiteral("HOME"), rules.homeDir);
    p.setProcessEnvironment(env);
    p.start(kubectl,
            {QStringLiteral("config"), QStringLiteral("view"), QStringLiteral("--raw"),
             QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY(p.waitForFinished(30000));
    const bool kubectlOk = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    QCOMPARE(ours.has_value(), kubectlOk);
    if (!kubectlOk)
        return;
    const QJsonObject theirs = summary(QJsonDocument::fromJson(p.readAllStandardOutput()).object());
    QCOMPARE(QJsonDocument(summary(*ours)).toJson(), QJsonDocument(theirs).toJson());
}

void tst_Kubeconfig::malformedInputNeverCrashes()
{
    const QList<QByteArray> seeds {
        clusterFile("a", "https://a",
                    "users:\n- name: u\n  user:\n    exec:\n      command: p\n"
                    "      args: [a, b]\n      env:\n      - name: X\n        value: y\n"
                    "    as-user-extra:\n      k: [v]\n    auth-provider:\n      name: oidc\n"
                    "      config: {client-id: x}\n"
                    "contexts:\n- name: c\n  context: {cluster: a, user: u}\n"
                    "extensions:\n- name: e\n  extension: {a: [1, 2, {b: c}]}\n"),
        QByteArray(3000, '[') + QByteArray(3000, ']'), QByteArray("a: &x [*x]\n"),
        QByteArray("\xef\xbb\xbf\x00\xff: \t- ?")};
    QRandomGenerator rng(20261125);
    int errors = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray data = seeds.at(round % seeds.size());
        const int edits = 1 + rng.bounded(6);
        for (int e = 0; e < edits && !data.isEmpty(); ++e) {
            const int at = rng.bounded(int(data.size()));
            switch (rng.bounded(4)) {
            case 0:
                data[at] = char(rng.bounded(256));
                break;
            case 1:
                data.remove(at, 1 + rng.bounded(8));
                break;
            case 2:
                data.insert(at, "- :{}[]&*!|>'\"%@`#,?\n  "[rng.bounded(24)]);
                break;
            default:
                data.truncate(at);
                break;
            }
        }
        const auto result = parseKubeconfig(data, QStringLiteral("/fuzz/config"));
        if (!result) {
            ++errors;
            QVERIFY2(result.error().where.startsWith(QLatin1String("/fuzz/config")),
                     qPrintable(result.error().toString()));
            QVERIFY(!result.error().message.isEmpty());
        }
    }
    QVERIFY(errors > 0); // the mutations do produce invalid documents
}

void tst_Kubeconfig::parseErrorNamesLine()
{
    const auto r = parseKubeconfig("clusters:\n- name: a\n  cluster:\n    server: [unclosed\n",
                                   QStringLiteral("/x/config"));
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("kubeconfig.parse"));
    QVERIFY2(r.error().where.startsWith(QLatin1String("/x/config:")), qPrintable(r.error().where));
    const auto bad = parseKubeconfig("users:\n- name: u\n  user:\n    as-groups: notalist\n",
                                     QStringLiteral("/x/config"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().toString(),
             QStringLiteral("/x/config:4:16: user \"u\": \"as-groups\" must be a list of strings"));
}

QTEST_APPLESS_MAIN(tst_Kubeconfig)

#include "tst_kubeconfig.moc"

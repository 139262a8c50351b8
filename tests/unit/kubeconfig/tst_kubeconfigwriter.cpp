// Writing kubeconfig changes back: origin files, the default file, locks and file mode.

#include "kube/kubeconfig.h"
#include "kube/kubeconfigwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace md::kube;
using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

int fileMode(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return st.st_mode & 0777;
}

const QByteArray First = R"(apiVersion: v1
kind: Config
x-top-level-unknown: keep-me
clusters:
- name: a
  cluster:
    server: https://a:6443
contexts:
- name: ca
  context:
    cluster: a
    user: ua
users:
- name: ua
  user:
    token: token-a
    client-certificate: certs/a.crt
    client-key: certs/a.key
)";

const QByteArray Second = R"(apiVersion: v1
kind: Config
current-context: cb
clusters:
- name: b
  cluster:
    server: https://b:6443
    x-vendor-field: 42
contexts:
- name: cb
  context:
    cluster: b
    user: ub
users:
- name: ub
  user:
    auth-provider:
      name: oidc
      config:
        client-id: md
        idp-issuer-url: https://idp
        id-token: old-id
        refresh-token: old-refresh
)";

} // namespace

class tst_KubeconfigWriter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void changedStanzaGoesToOrigin();
    void newStanzaGoesToDefaultFile_data();
    void newStanzaGoesToDefaultFile();
    void currentContext();
    void deleteStanza();
    void lockHeld();
    void valuesRoundTrip();
    void persistOidcTokens();
    void refusesUnparsableFile();

private:
    QString file(int i) const { return m_dir->filePath(u"d%1/config"_s.arg(i)); }
    LoadingRules rules() const
    {
        LoadingRules r;
        r.kubeconfigEnv = file(0) + u':' + file(1);
        r.homeDir = m_dir->filePath(u"home"_s);
        return r;
    }
    Kubeconfig load(const LoadingRules &r)
    {
        auto k = loadKubeconfig(r);
        if (!k)
            qFatal("load failed: %s", qPrintable(k.error().toString()));
        return *k;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_KubeconfigWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    writeFile(file(0), First);
    writeFile(file(1), Second);
    QFile::setPermissions(
        file(1), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

void tst_KubeconfigWriter::changedStanzaGoesToOrigin()
{
    const Kubeconfig before = load(rules());
    Kubeconfig after = before;
    after.clusters[u"b"_s].server = u"https://b-new:6443"_s;
    const auto ok = modifyKubeconfig(rules(), before, after);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().toString()));

    QCOMPARE(readFile(file(0)), First); // untouched
    const QByteArray second = readFile(file(1));
    QVERIFY(second.contains("server: https://b-new:6443"));
    QVERIFY2(second.contains("x-vendor-field: 42"), second.constData()); // unknown field kept
    QVERIFY(second.contains("id-token: old-id"));
    QCOMPARE(fileMode(file(1)), 0600);
    QVERIFY(!QFile::exists(kubeconfigLockName(file(0))));
    QVERIFY(!QFile::exists(kubeconfigLockName(file(1))));

    const Kubeconfig reloaded = load(rules());
    QCOMPARE(reloaded.clusters.value(u"b"_s).server, u"https://b-new:6443"_s);
    QCOMPARE(reloaded.clusters.value(u"b"_s).origin, file(1));
    QCOMPARE(reloaded.users, before.users);
    QCOMPARE(reloaded.contexts, before.contexts);
    QCOMPARE(reloaded.currentContext, u"cb"_s);
}

void tst_KubeconfigWriter::newStanzaGoesToDefaultFile_data()
{
    QTest::addColumn<QList<bool>>("exists"); // which of d0..d2 exist
    QTest::addColumn<bool>("explicitFirst"); // --kubeconfig d0
    QTest::addColumn<int>("expected"); // index of the file written

    QTest::newRow("first existing KUBECONFIG file")
        << QList<bool> {false, true, true} << false << 1;
    QTest::newRow("none exists: the last one") << QList<bool> {false, false, false} << false << 2;
    QTest::newRow("explicit file") << QList<bool> {true, true, true} << true << 0;
}

void tst_KubeconfigWriter::newStanzaGoesToDefaultFile()
{
    QFETCH(QList<bool>, exists);
    QFETCH(bool, explicitFirst);
    QFETCH(int, expected);

    QStringList files;
    for (int i = 0; i < exists.size(); ++i) {
        QFile::remove(file(i));
        if (exists.at(i))
            writeFile(file(i),
                      "clusters:\n- name: existing" + QByteArray::number(i)
                          + "\n  cluster:\n    server: https://e\n");
        files << file(i);
    }
    LoadingRules r;
    r.kubeconfigEnv = files.join(u':');
    if (explicitFirst)
        r.explicitPath = file(0);
    const Kubeconfig before = load(r);
    Kubeconfig after = before;
    Cluster cluster;
    cluster.name = u"new"_s;
    cluster.server = u"https://new:6443"_s;
    after.clusters.insert(cluster.name, cluster);
    Context context;
    context.name = u"new-ctx"_s;
    context.cluster = u"new"_s;
    after.contexts.insert(context.name, context);
    const auto ok = modifyKubeconfig(r, before, after);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().toString()));

    for (int i = 0; i < exists.size(); ++i) {
        if (i == expected)
            continue;
        QVERIFY(!readFile(file(i)).contains("new"));
    }
    QCOMPARE(fileMode(file(expected)), 0600);
    const auto written = loadKubeconfigFile(file(expected));
    QVERIFY(written);
    QCOMPARE(written->clusters.value(u"new"_s).server, u"https://new:6443"_s);
    QCOMPARE(written->contexts.value(u"new-ctx"_s).cluster, u"new"_s);
}

void tst_KubeconfigWriter::currentContext()
{
    // d0 (first, existing) sets no current-context; d1 does: the new one goes to d0 and wins.
    const Kubeconfig before = load(rules());
    QCOMPARE(before.currentContext, u"cb"_s);
    Kubeconfig after = before;
    after.currentContext = u"ca"_s;
    QVERIFY(modifyKubeconfig(rules(), before, after));
    QVERIFY(readFile(file(0)).contains("current-context: ca"));
    QVERIFY(readFile(file(1)).contains("current-context: cb"));
    QCOMPARE(load(rules()).currentContext, u"ca"_s);

    // Clearing it clears the first file that sets it.
    const Kubeconfig set = load(rules());
    Kubeconfig cleared = set;
    cleared.currentContext.clear();
    QVERIFY(modifyKubeconfig(rules(), set, cleared));
    QVERIFY(!readFile(file(0)).contains("current-context: ca"));
    QCOMPARE(load(rules()).currentContext, u"cb"_s);
}

void tst_KubeconfigWriter::deleteStanza()
{
    const Kubeconfig before = load(rules());
    Kubeconfig after = before;
    after.users.remove(u"ub"_s);
    after.contexts.remove(u"ca"_s);
    QVERIFY(modifyKubeconfig(rules(), before, after));
    const Kubeconfig reloaded = load(rules());
    QCOMPARE(reloaded.users.keys(), QStringList {u"ua"_s});
    QCOMPARE(reloaded.contexts.keys(), QStringList {u"cb"_s});
    QVERIFY(readFile(file(0)).contains("x-top-level-unknown: keep-me"));
}

void tst_KubeconfigWriter::lockHeld()
{
    writeFile(kubeconfigLockName(file(1)), "");
    const Kubeconfig before = load(rules());
    Kubeconfig after = before;
    after.clusters[u"a"_s].server = u"https://changed"_s;
    const auto ok = modifyKubeconfig(rules(), before, after);
    QVERIFY(!ok);
    QVERIFY2(ok.error().message.contains(kubeconfigLockName(file(1))),
             qPrintable(ok.error().message));
    QCOMPARE(readFile(file(0)), First);
    QVERIFY(QFile::exists(kubeconfigLockName(file(1)))); // someone else's lock stays
    QVERIFY(!QFile::exists(kubeconfigLockName(file(0)))); // ours is released

    QFile::remove(kubeconfigLockName(file(1)));
    QVERIFY(modifyKubeconfig(rules(), before, after));
    QVERIFY(readFile(file(0)).contains("https://changed"));
}

void tst_KubeconfigWriter::valuesRoundTrip()
{
    const Kubeconfig before = load(rules());
    Kubeconfig after = before;
    AuthInfo &user = after.users[u"ua"_s];
    user.token = u"0123"_s; // would read back as a number if written plain
    user.impersonate = u"yes"_s; // would read back as a boolean
    user.impersonateGroups = {u"g:1"_s, u"true"_s};
    user.clientKeyData = "KEY";
    user.clientKey.clear();
    ExecConfig exec;
    exec.command = m_dir->filePath(u"d0/bin/plugin"_s);
    exec.apiVersion = u"client.authentication.k8s.io/v1"_s;
    exec.interactiveMode = u"Never"_s;
    exec.env = {{u"A"_s, u"null"_s}};
    user.exec = exec;
    after.contexts[u"ca"_s].namespaceName = u"on"_s;
    after.clusters[u"a"_s].extensions.insert(u"x"_s, QJsonObject {{u"n"_s, 1}, {u"s"_s, u"1"_s}});
    QVERIFY(modifyKubeconfig(rules(), before, after));

    const QByteArray text = readFile(file(0));
    QVERIFY2(text.contains("client-certificate: certs/a.crt"), text.constData()); // kept relative
    QVERIFY2(text.contains("command: bin/plugin"), text.constData()); // relativized
    QVERIFY(!text.contains("client-key:"));
    const Kubeconfig reloaded = load(rules());
    QCOMPARE(reloaded.users.value(u"ua"_s), after.users.value(u"ua"_s));
    QCOMPARE(reloaded.contexts.value(u"ca"_s), after.contexts.value(u"ca"_s));
    QCOMPARE(reloaded.clusters.value(u"a"_s), after.clusters.value(u"a"_s));

    // A real Go client reads the written file the same way.
    const QString kubectl = QStandardPaths::findExecutable(u"kubectl"_s);
    if (kubectl.isEmpty())
        QFAIL("kubectl is not installed: scripts/install-deps.sh expects it on the machine");
    QProcess p;
    p.start(kubectl,
            {u"config"_s, u"view"_s, u"--raw"_s, u"-o"_s, u"json"_s, u"--kubeconfig"_s, file(0)});
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject view = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    const QJsonObject goUser
        = view.value("users"_L1).toArray().at(0).toObject().value("user"_L1).toObject();
    QCOMPARE(goUser.value("token"_L1).toString(), u"0123"_s);
    QCOMPARE(goUser.value("as"_L1).toString(), u"yes"_s);
    QCOMPARE(goUser.value("as-groups"_L1).toArray().at(1).toString(), u"true"_s);
    QCOMPARE(goUser.value("exec"_L1)
                 .toObject()
                 .value("env"_L1)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("value"_L1)
                 .toString(),
             u"null"_s);
    const QJsonObject goContext
        = view.value("contexts"_L1).toArray().at(0).toObject().value("context"_L1).toObject();
    QCOMPARE(goContext.value("namespace"_L1).toString(), u"on"_s);
}

void tst_KubeconfigWriter::persistOidcTokens()
{
    const Kubeconfig before = load(rules());
    AuthProviderConfig provider = *before.users.value(u"ub"_s).authProvider;
    provider.config[u"id-token"_s] = u"new-id"_s;
    provider.config[u"refresh-token"_s] = u"new-refresh"_s;
    const auto ok = kubeconfigPersister(rules(), u"ub"_s)(provider);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().toString()));
    QCOMPARE(readFile(file(0)), First);
    QCOMPARE(load(rules()).users.value(u"ub"_s).authProvider->config.value(u"id-token"_s),
             u"new-id"_s);
    QVERIFY(readFile(file(1)).contains("refresh-token: new-refresh"));
    QCOMPARE(fileMode(file(1)), 0600);
}

void tst_KubeconfigWriter::refusesUnparsableFile()
{
    const QByteArray broken = "clusters: [\n";
    writeFile(file(0), broken);
    LoadingRules r;
    r.explicitPath = file(0);
    Kubeconfig after;
    Cluster c;
    c.name = u"x"_s;
    c.server = u"https://x"_s;
    after.clusters.insert(c.name, c);
    const auto ok = modifyKubeconfig(r, Kubeconfig {}, after);
    QVERIFY(!ok);
    QVERIFY(ok.error().toString().contains(file(0)));
    QCOMPARE(readFile(file(0)), broken);
}

QTEST_APPLESS_MAIN(tst_KubeconfigWriter)

#include "tst_kubeconfigwriter.moc"

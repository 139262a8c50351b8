// Resolving a kubeconfig context into a RestConfig, with client-go's validation rules.

#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "kubetestutil.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace md::kube;
using namespace md::kube::test;

class tst_RestConfig : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data();
    void resolve();
};

void tst_RestConfig::resolve_data()
{
    QTest::addColumn<QByteArray>(
        "yaml"); // users/clusters; a context "c" -> cluster "k", user "u" is added
    QTest::addColumn<QString>("context"); // --context
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("checks");

    const auto k = [](const QByteArray &cluster, const QByteArray &user) -> QByteArray {
        return "current-context: c\ncontexts:\n- name: c\n  context:\n    cluster: k\n    user: u\n"
               "clusters:\n- name: k\n  cluster:\n"
            + cluster + "users:\n- name: u\n  user:\n" + user;
    };
    const QByteArray server = "    server: https://api.example:6443\n";
    const QByteArray execV1
        = "    exec:\n      command: plugin\n      apiVersion: client.authentication.k8s.io/v1\n";

    QTest::newRow("token") << k(server, "    token: abc\n") << ""
                           << ""
                           << QStringList {"server=https://api.example:6443", "token=abc",
                                           "namespace=default"};
    QTest::newRow("token and basic auth")
        << k(server, "    token: abc\n    username: a\n    password: b\n") << ""
        << "more than one authentication method found for u; found [token basicAuth]"
        << QStringList {};
    QTest::newRow("token beats tokenFile")
        << k(server, "    token: abc\n    tokenFile: tok\n") << ""
        << "" << QStringList {"token=abc", "tokenFile="};
    QTest::newRow("tokenFile read") << k(server, "    tokenFile: tok\n") << ""
                                    << "" << QStringList {"token=from-file", "tokenFile=$0/tok"};
    QTest::newRow("tokenFile missing")
        << k(server, "    tokenFile: nope\n") << ""
        << "#0: user \"u\": cannot read tokenFile $0/nope" << QStringList {};
    QTest::newRow("cert and token allowed")
        << k(server,
             "    token: abc\n    client-certificate-data: Qw==\n    client-key-data: Sw==\n")
        << ""
        << "" << QStringList {"token=abc", "certData=C", "keyData=K"};
    QTest::newRow("cert needs key")
        << k(server, "    client-certificate-data: Qw==\n") << ""
        << "client-key-data or client-key must be specified for u" << QStringList {};
    QTest::newRow("cert data and file both")
        << k(server,
             "    client-certificate-data: Qw==\n    client-certificate: tok\n    client-key-data: "
             "Sw==\n")
        << ""
        << "client-cert-data and client-cert are both specified for u" << QStringList {};
    QTest::newRow("client key file unreadable")
        << k(server, "    client-certificate: tok\n    client-key: missing.key\n") << ""
        << "unable to read client-key $0/missing.key for u" << QStringList {};
    QTest::newRow("exec and auth-provider") << k(
        server, execV1 + "      interactiveMode: Never\n    auth-provider:\n      name: oidc\n")
                                            << ""
                                            << "#0: invalid configuration: authProvider cannot be "
                                               "provided in combination with an exec plugin for u"
                                            << QStringList {};
    QTest::newRow("exec needs a command")
        << k(server,
             "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: "
             "Never\n")
        << ""
        << "command must be specified for u" << QStringList {};
    QTest::newRow("exec needs an apiVersion")
        << k(server, "    exec:\n      command: p\n      interactiveMode: Never\n") << ""
        << "apiVersion must be specified for u" << QStringList {};
    QTest::newRow("exec v1 needs interactiveMode")
        << k(server, execV1) << ""
        << "interactiveMode must be specified for u" << QStringList {};
    QTest::newRow("exec bad interactiveMode")
        << k(server, execV1 + "      interactiveMode: Sometimes\n") << ""
        << "invalid interactiveMode for u: \"Sometimes\"" << QStringList {};
    QTest::newRow("exec v1alpha1 rejected")
        << k(server,
             "    exec:\n      command: p\n      apiVersion: "
             "client.authentication.k8s.io/v1alpha1\n")
        << ""
        << "invalid apiVersion \"client.authentication.k8s.io/v1alpha1\"" << QStringList {};
    QTest::newRow("exec env needs names")
        << k(server, execV1 + "      interactiveMode: Never\n      env:\n      - value: x\n") << ""
        << "env variable name must be specified for u" << QStringList {};
    QTest::newRow("exec v1") << k(server, execV1 + "      interactiveMode: Never\n") << ""
                             << ""
                             << QStringList {"exec=client.authentication.k8s.io/v1",
                                             "execCluster=no"};
    QTest::newRow("exec provideClusterInfo")
        << k(server
                 + "    certificate-authority: ca.crt\n    tls-server-name: sni\n"
                   "    extensions:\n    - name: client.authentication.k8s.io/exec\n      "
                   "extension:\n        audience: aud\n",
             execV1 + "      interactiveMode: Never\n      provideClusterInfo: true\n")
        << ""
        << ""
        << QStringList {"execCluster=https://api.example:6443|sni|CA-PEM|{\"audience\":\"aud\"}",
                        "caFile=$0/ca.crt"};
    QTest::newRow("groups without as")
        << k(server, "    as-groups: [a]\n") << ""
        << "requesting uid, groups or user-extra for u without impersonating a user"
        << QStringList {};
    QTest::newRow("uid without as") << k(server, "    as-uid: \"1\"\n") << ""
                                    << "without impersonating a user" << QStringList {};
    QTest::newRow("impersonation") << k(server,
                                        "    as: jane\n    as-uid: \"7\"\n    as-groups: [g1, "
                                        "g2]\n    as-user-extra:\n      scopes: [a, b]\n")
                                   << ""
                                   << "" << QStringList {"as=jane|7|g1,g2|scopes:a,b"};
    QTest::newRow("ca data and file both")
        << k(server + "    certificate-authority: ca.crt\n    certificate-authority-data: Qw==\n",
             "")
        << ""
        << "certificate-authority-data and certificate-authority are both specified for k"
        << QStringList {};
    QTest::newRow("ca file unreadable")
        << k(server + "    certificate-authority: nope.crt\n", "") << ""
        << "unable to read certificate-authority $0/nope.crt for k" << QStringList {};
    QTest::newRow("insecure with a CA")
        << k(server + "    insecure-skip-tls-verify: true\n    certificate-authority-data: Qw==\n",
             "")
        << ""
        << "specifying a root certificates file with the insecure flag is not allowed"
        << QStringList {};
    QTest::newRow("insecure warns") << k(server + "    insecure-skip-tls-verify: true\n", "") << ""
                                    << "" << QStringList {"insecure=true", "warnings=1"};
    QTest::newRow("tls fields") << k(server
                                         + "    certificate-authority-data: Qw==\n    "
                                           "tls-server-name: sni\n    proxy-url: socks5://p:1080\n",
                                     "")
                                << ""
                                << ""
                                << QStringList {"caData=C", "sni=sni", "proxy=socks5://p:1080",
                                                "warnings=0"};
    QTest::newRow("bad proxy scheme")
        << k(server + "    proxy-url: ftp://p\n", "") << ""
        << "unsupported scheme \"ftp\", must be http, https, or socks5" << QStringList {};
    QTest::newRow("no server") << k("    tls-server-name: x\n", "") << ""
                               << "no server found for cluster \"k\"" << QStringList {};
    QTest::newRow("host:port with a CA is https")
        << k("    server: api:6443\n    certificate-authority-data: Qw==\n", "    token: t\n") << ""
        << "" << QStringList {"server=https://api:6443", "token=t"};
    QTest::newRow("http server: no credentials")
        << k("    server: api:8080\n", "    token: t\n") << ""
        << "" << QStringList {"server=http://api:8080", "token=", "warnings=1"};
    QTest::newRow("gcp auth-provider") << k(server, "    auth-provider:\n      name: gcp\n") << ""
                                       << "gke-gcloud-auth-plugin" << QStringList {};
    QTest::newRow("azure auth-provider")
        << k(server, "    auth-provider:\n      name: azure\n") << ""
        << "kubelogin" << QStringList {};
    QTest::newRow("unknown auth-provider")
        << k(server, "    auth-provider:\n      name: acme\n") << ""
        << "no auth provider found for name \"acme\"" << QStringList {};
    QTest::newRow("oidc needs client-id") << k(server,
                                               "    auth-provider:\n      name: oidc\n      "
                                               "config:\n        idp-issuer-url: https://idp\n")
                                          << ""
                                          << "oidc: must provide client-id" << QStringList {};
    QTest::newRow("oidc") << k(server,
                               "    auth-provider:\n      name: oidc\n      config:\n        "
                               "idp-issuer-url: https://idp\n        client-id: md\n")
                          << ""
                          << "" << QStringList {"provider=oidc"};
    QTest::newRow("--context not found") << k(server, "") << "other"
                                         << "context \"other\" does not exist" << QStringList {};
    QTest::newRow("current-context not found")
        << QByteArray("current-context: gone\n" + k(server, "").mid(19)) << ""
        << "#0: context was not found for specified context: gone" << QStringList {};
    QTest::newRow("no current-context") << k(server, "").mid(19) << ""
                                        << "no context chosen" << QStringList {};
    QTest::newRow("context's cluster missing")
        << QByteArray("current-context: c\ncontexts:\n- name: c\n  context:\n    cluster: nope\n")
        << ""
        << "#0: cluster \"nope\" was not found for context \"c\"" << QStringList {};
    QTest::newRow("context's user missing: anonymous")
        << k(server, "").replace("user: u", "user: ghost") << ""
        << "" << QStringList {"token=", "warnings=1"};
    QTest::newRow("namespace")
        << k(server, "").replace("user: u\n", "user: u\n    namespace: prod\n") << "c"
        << "" << QStringList {"namespace=prod"};
}

void tst_RestConfig::resolve()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, context);
    QFETCH(QString, error);
    QFETCH(QStringList, checks);

    QTemporaryDir tmp;
    const QString file = tmp.filePath(QStringLiteral("kube/config"));
    writeFile(file, yaml);
    writeFile(tmp.filePath(QStringLiteral("kube/tok")), "from-file\n");
    writeFile(tmp.filePath(QStringLiteral("kube/ca.crt")), "CA-PEM");
    const QStringList paths {file};

    const auto config = loadKubeconfigFile(file);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
    ResolveOptions options;
    options.context = context;
    const auto rc = resolveRestConfig(*config, options);
    if (!error.isEmpty()) {
        QVERIFY2(!rc, "resolving should have failed");
        QVERIFY2(rc.error().toString().contains(expand(error, paths)),
                 qPrintable(rc.error().toString()));
        return;
    }
    QVERIFY2(rc, qPrintable(rc ? QString() : rc.error().toString()));
    for (const QString &check : checks) {
        const qsizetype eq = check.indexOf(u'=');
        const QString key = check.left(eq);
        QString actual;
        if (key == QLatin1String("server"))
            actual = rc->server.toString();
        else if (key == QLatin1String("token"))
            actual = rc->bearerToken;
        else if (key == QLatin1String("tokenFile"))
            actual = rc->bearerTokenFile;
        else if (key == QLatin1String("namespace"))
            actual = rc->namespaceName;
        else if (key == QLatin1String("certData"))
            actual = QString::fromUtf8(rc->tls.certData);
        else if (key == QLatin1String("keyData"))
            actual = QString::fromUtf8(rc->tls.keyData);
        else if (key == QLatin1String("caData"))
            actual = QString::fromUtf8(rc->tls.caData);
        else if (key == QLatin1String("caFile"))
            actual = rc->tls.caFile;
        else if (key == QLatin1String("sni"))
            actual = rc->tls.serverName;
        else if (key == QLatin1String("proxy"))
            actual = rc->proxyUrl;
        else if (key == QLatin1String("insecure"))
            actual = rc->tls.insecure ? QStringLiteral("true") : QStringLiteral("false");
        else if (key == QLatin1String("warnings"))
            actual = QString::number(rc->warnings.size());
        else if (key == QLatin1String("exec"))
            actual = rc->exec ? rc->exec->apiVersion : QString();
        else if (key == QLatin1String("provider"))
            actual = rc->authProvider ? rc->authProvider->name : QString();
        else if (key == QLatin1String("execCluster"))
            actual = !rc->execCluster
                ? QStringLiteral("no")
                : QStringList {rc->execCluster->server, rc->execCluster->tlsServerName,
                               QString::fromUtf8(rc->execCluster->certificateAuthorityData),
                               QString::fromUtf8(QJsonDocument(rc->execCluster->config.toObject())
                                                     .toJson(QJsonDocument::Compact))}
                      .join(u'|');
        else if (key == QLatin1String("as")) {
            const Impersonation &i = rc->impersonate;
            QStringList extra;
            for (auto it = i.extra.begin(); it != i.extra.end(); ++it)
                extra << it.key() + u':' + it.value().join(u',');
            actual = QStringList {i.user, i.uid, i.groups.join(u','), extra.join(u';')}.join(u'|');
        } else
            QFAIL(qPrintable(QStringLiteral("unknown check ") + key));
        QCOMPARE(actual, expand(check.mid(eq + 1), paths));
    }
}

QTEST_APPLESS_MAIN(tst_RestConfig)

#include "tst_restconfig.moc"

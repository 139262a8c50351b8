#include "meshsimprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

class tst_CliKube : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void contextsListsEveryContext();
    void getMatchesKubectl_data();
    void getMatchesKubectl();
    void getOneObjectAsJson();
    void getAsYamlRoundTripsThroughKubectl();
    void errorsAndExitCodes_data();
    void errorsAndExitCodes();

private:
    md::testing::CommandResult cli(const QStringList &args) const;
    static QStringList lines(const QByteArray &text);

    md::testing::MeshsimProcess m_sim;
};

void tst_CliKube::initTestCase()
{
    QVERIFY2(!md::testing::MeshsimProcess::kubectlPath().isEmpty(), "kubectl is required");
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_CliKube::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

md::testing::CommandResult tst_CliKube::cli(const QStringList &args) const
{
    QProcess p;
    p.start(QStringLiteral(MESHDESK_CLI),
            QStringList {QStringLiteral("--kubeconfig"), m_sim.kubeconfig()} + args);
    md::testing::CommandResult r;
    r.finished = p.waitForFinished(60000);
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QStringList tst_CliKube::lines(const QByteArray &text)
{
    QStringList list = QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    list.sort();
    return list;
}

void tst_CliKube::contextsListsEveryContext()
{
    const auto ours
        = cli({QStringLiteral("contexts"), QStringLiteral("-o"), QStringLiteral("name")});
    QCOMPARE(ours.exitCode, 0);
    const auto theirs = m_sim.kubectl({QStringLiteral("config"), QStringLiteral("get-contexts"),
                                       QStringLiteral("-o"), QStringLiteral("name")});
    QCOMPARE(theirs.exitCode, 0);
    QCOMPARE(lines(ours.out), lines(theirs.out));

    const auto table = cli({QStringLiteral("contexts")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith("CURRENT"));
    QVERIFY(table.out.contains("*         meshsim-primary "));
}

void tst_CliKube::getMatchesKubectl_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("vs all namespaces") << QStringList {"virtualservices", "-A"};
    QTest::newRow("short name dr") << QStringList {"dr", "-A"};
    QTest::newRow("pods in bookinfo") << QStringList {"pods", "-n", "bookinfo"};
    QTest::newRow("kind name") << QStringList {"AuthorizationPolicy", "-A"};
    QTest::newRow("group qualified") << QStringList {"gateways.networking.istio.io", "-A"};
    QTest::newRow("cluster scoped") << QStringList {"namespaces"};
    QTest::newRow("label selector") << QStringList {"pods", "-A", "-l", "app=reviews"};
    QTest::newRow("member context")
        << QStringList {"deployments", "-A", "--context", "meshsim-member"};
}

void tst_CliKube::getMatchesKubectl()
{
    QFETCH(QStringList, args);
    const auto ours = cli(QStringList {QStringLiteral("get")} + args
                          + QStringList {QStringLiteral("-o"), QStringLiteral("name")});
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    const auto theirs = m_sim.kubectl(QStringList {QStringLiteral("get")} + args
                                      + QStringList {QStringLiteral("-o"), QStringLiteral("name")});
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    QVERIFY(!lines(theirs.out).isEmpty());
    QCOMPARE(lines(ours.out), lines(theirs.out));
}

void tst_CliKube::getOneObjectAsJson()
{
    const auto ours = cli({QStringLiteral("get"), QStringLiteral("vs"), QStringLiteral("reviews"),
                           QStringLiteral("-n"), QStringLiteral("bookinfo"), QStringLiteral("-o"),
                           QStringLiteral("json")});
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    const auto theirs
        = m_sim.kubectl({QStringLiteral("get"), QStringLiteral("vs"), QStringLiteral("reviews"),
                         QStringLiteral("-n"), QStringLiteral("bookinfo"), QStringLiteral("-o"),
                         QStringLiteral("json")});
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    // Two failed runs would give two null documents that compare equal: check both are the
    // object first.
    const QJsonDocument ourDoc = QJsonDocument::fromJson(ours.out);
    const QJsonDocument theirDoc = QJsonDocument::fromJson(theirs.out);
    QVERIFY2(ourDoc.isObject(), ours.out.constData());
    QCOMPARE(theirDoc.object().value(QStringLiteral("metadata"))[QStringLiteral("name")].toString(),
             QStringLiteral("reviews"));
    QCOMPARE(ourDoc, theirDoc);
}

void tst_CliKube::getAsYamlRoundTripsThroughKubectl()
{
    const auto ours
        = cli({QStringLiteral("get"), QStringLiteral("dr"), QStringLiteral("-n"),
               QStringLiteral("bookinfo"), QStringLiteral("-o"), QStringLiteral("yaml")});
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    // kubectl reads our YAML back (client-side, no server): the same objects come out.
    const auto parsed
        = m_sim.kubectl({QStringLiteral("apply"), QStringLiteral("--dry-run=client"),
                         QStringLiteral("--validate=false"), QStringLiteral("-o"),
                         QStringLiteral("name"), QStringLiteral("-f"), QStringLiteral("-")},
                        ours.out);
    QVERIFY2(parsed.exitCode == 0, parsed.err.constData());
    const auto theirs
        = m_sim.kubectl({QStringLiteral("get"), QStringLiteral("dr"), QStringLiteral("-n"),
                         QStringLiteral("bookinfo"), QStringLiteral("-o"), QStringLiteral("name")});
    QVERIFY2(theirs.exitCode == 0, theirs.err.constData());
    QVERIFY(!lines(theirs.out).isEmpty());
    QCOMPARE(lines(parsed.out), lines(theirs.out));
}

void tst_CliKube::errorsAndExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown kind") << QStringList {"get", "frobs"} << 1
                                  << "doesn't have a resource type \"frobs\"";
    QTest::newRow("not found") << QStringList {"get", "vs", "nope", "-n", "bookinfo"} << 1
                               << "NotFound";
    QTest::newRow("unknown context")
        << QStringList {"get", "vs", "--context", "nope"} << 1 << "context \"nope\" does not exist";
    QTest::newRow("no kind") << QStringList {"get"} << 2 << "expected KIND [NAME]";
    QTest::newRow("bad output") << QStringList {"get", "vs", "-o", "xml"} << 2
                                << "unknown output format \"xml\"";
}

void tst_CliKube::errorsAndExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const auto r = cli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_CliKube)
#include "tst_cli_kube.moc"

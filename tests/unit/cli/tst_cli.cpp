#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The executables' command lines: help, version, exit codes.
class tst_Cli : public QObject
{
    Q_OBJECT

private slots:
    void cli_data();
    void cli();
    void guiHelpAndVersion();
    void guiHelpInChinese();
    void validate_data();
    void validate();
    void validateJson();
    void validateCodes();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run run(const QString &program, const QStringList &args);
};

tst_Cli::Run tst_Cli::run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void tst_Cli::cli_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");
    QTest::newRow("help") << QStringList {"--help"} << 0 << "Exit codes: 0 success"
                          << "";
    QTest::newRow("version") << QStringList {"--version"} << 0 << "meshdesk-cli 0."
                             << "";
    QTest::newRow("no command") << QStringList {} << 2 << ""
                                << "Usage:";
    QTest::newRow("unknown command") << QStringList {"frobnicate"} << 2 << ""
                                     << "unknown command \"frobnicate\"";
    QTest::newRow("unknown option") << QStringList {"--frobnicate"} << 2 << ""
                                    << "frobnicate";
}

void tst_Cli::cli()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);
    const Run r = run(QStringLiteral(MESHDESK_CLI), args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.contains(stdoutHas), qPrintable(r.out));
    QVERIFY2(r.err.contains(stderrHas), qPrintable(r.err));
}

void tst_Cli::guiHelpAndVersion()
{
    Run r = run(
        QStringLiteral(MESHDESK_GUI),
        {QStringLiteral("--version"), QStringLiteral("-platform"), QStringLiteral("offscreen")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("MeshDesk 0.")), qPrintable(r.out));
    r = run(QStringLiteral(MESHDESK_GUI),
            {QStringLiteral("--help"), QStringLiteral("-platform"), QStringLiteral("offscreen")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("--lang")), qPrintable(r.out));
}

void tst_Cli::guiHelpInChinese()
{
    const Run r = run(QStringLiteral(MESHDESK_GUI),
                      {QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--help"),
                       QStringLiteral("-platform"), QStringLiteral("offscreen")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("界面语言")), qPrintable(r.out));
}

void tst_Cli::validate_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutHas");
    const QByteArray vs
        = "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
          "metadata: {name: reviews, namespace: bookinfo}\n"
          "spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n";
    QTest::newRow("clean") << vs << 0 << "";
    QTest::newRow("negative weight") << QByteArray(vs + "      weight: -5\n") << 1
                                     << "Error [MD2004] (VirtualService bookinfo/reviews) "
                                        "spec.http[0].route[0].weight: weight -5 < 0";
    QTest::newRow("schema type") << QByteArray(vs).replace("hosts: [reviews]", "hosts: reviews")
                                 << 1
                                 << "Error [IST0106] (VirtualService bookinfo/reviews) spec.hosts";
    QTest::newRow("yaml error") << QByteArray("apiVersion: v1\nkind: [unclosed\n") << 1
                                << "Error [yaml.parse]";
}

void tst_Cli::validate()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutHas);
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("policy.yaml")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(yaml);
    f.close();
    const Run r
        = run(QStringLiteral(MESHDESK_CLI),
              {QStringLiteral("validate"), QStringLiteral("--crds"),
               QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml"), f.fileName()});
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.contains(stdoutHas), qPrintable(r.out + r.err));
    if (exitCode == 0)
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
}

void tst_Cli::validateJson()
{
    const Run r = run(QStringLiteral(MESHDESK_CLI),
                      {QStringLiteral("validate"), QStringLiteral("-o"), QStringLiteral("json"),
                       QStringLiteral("/nonexistent/policy.yaml")});
    QCOMPARE(r.exitCode, 1);
    const QJsonArray messages = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("io.read"));
    QCOMPARE(run(QStringLiteral(MESHDESK_CLI), {QStringLiteral("validate")}).exitCode, 2);
    QCOMPARE(run(QStringLiteral(MESHDESK_CLI),
                 {QStringLiteral("validate"), QStringLiteral("-o"), QStringLiteral("xml"),
                  QStringLiteral("x.yaml")})
                 .exitCode,
             2);
}

void tst_Cli::validateCodes()
{
    const Run r = run(QStringLiteral(MESHDESK_CLI),
                      {QStringLiteral("validate"), QStringLiteral("--codes")});
    QCOMPARE(r.exitCode, 0);
    for (const char *code : {"IST0101", "IST0106", "IST0109", "IST0128", "IST0129", "IST0130",
                             "IST0131", "IST0132", "IST0173", "IST0174", "MD3001", "MD3004"})
        QVERIFY2(r.out.contains(QLatin1String(code)), code);
}

QTEST_APPLESS_MAIN(tst_Cli)
#include "tst_cli.moc"

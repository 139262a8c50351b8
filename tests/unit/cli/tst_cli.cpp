#include <QProcess>
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

QTEST_APPLESS_MAIN(tst_Cli)
#include "tst_cli.moc"

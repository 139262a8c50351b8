#include "core/translations.h"
#include "items/commandfiltermodel.h"
#include "items/commandmodel.h"
#include "items/navigationmodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void chineseTranslatesNavigation();
    void chineseNamesFindPages();
    void englishNeedsNoTranslation();
    void unknownLanguageFallsBack();
    void localeOption_data();
    void localeOption();
    void tsFileIsCompleteForTheSources();
};

void tst_Translations::cleanup()
{
    md::installTranslations(QLocale(QLocale::English));
}

void tst_Translations::chineseTranslatesNavigation()
{
    QVERIFY(md::installTranslations(QLocale(QStringLiteral("zh_CN"))));
    md::NavigationModel model;
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("网格概览"));
    QCOMPARE(
        model.indexForPage(QStringLiteral("traffic.virtualservices")).parent().data().toString(),
        QStringLiteral("流量治理"));
    QCOMPARE(model.indexForPage(QStringLiteral("clusters")).data().toString(),
             QStringLiteral("网格集群"));
    // Kind names stay as Istio spells them.
    QCOMPARE(model.indexForPage(QStringLiteral("traffic.virtualservices")).data().toString(),
             QStringLiteral("VirtualService"));
    // Every entry has a Chinese title different from the English source, except kind names.
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString title = model.index(row, 0).data().toString();
        QVERIFY2(title.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))),
                 qPrintable(title));
    }
    QVERIFY(md::availableLanguages().contains(QStringLiteral("zh_CN")));
}

void tst_Translations::chineseNamesFindPages()
{
    QVERIFY(md::installTranslations(QLocale(QStringLiteral("zh_CN"))));
    md::CommandModel source;
    md::CommandFilterModel filter;
    filter.setSourceModel(&source);
    filter.setQuery(QStringLiteral("拓扑"));
    QVERIFY(filter.rowCount() >= 1);
    QCOMPARE(filter.index(0, 0).data(md::CommandModel::PageIdRole).toString(),
             QStringLiteral("monitor.topology"));
    // The English names keep working in Chinese.
    filter.setQuery(QStringLiteral("topology"));
    QCOMPARE(filter.index(0, 0).data(md::CommandModel::PageIdRole).toString(),
             QStringLiteral("monitor.topology"));
}

void tst_Translations::englishNeedsNoTranslation()
{
    QVERIFY(md::installTranslations(QLocale(QLocale::English)));
    md::NavigationModel model;
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Mesh overview"));
}

void tst_Translations::unknownLanguageFallsBack()
{
    QVERIFY(!md::installTranslations(QLocale(QLocale::Welsh)));
    md::NavigationModel model;
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Mesh overview"));
}

void tst_Translations::localeOption_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("name");
    QTest::newRow("underscore") << "zh_CN"
                                << "zh_CN";
    QTest::newRow("dash") << "zh-CN"
                          << "zh_CN";
    QTest::newRow("english") << "en"
                             << "en_US";
}

void tst_Translations::localeOption()
{
    QFETCH(QString, option);
    QFETCH(QString, name);
    QCOMPARE(md::localeFromOption(option).name(), name);
}

// Runs lupdate over the sources into a copy of the committed .ts: every user-visible string
// in the code must already be in the .ts with a finished, non-empty translation.
void tst_Translations::tsFileIsCompleteForTheSources()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("check_zh_CN.ts"));
    QVERIFY(QFile::copy(QStringLiteral(TS_FILE), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    const QDir src(QStringLiteral(MESHDESK_SOURCE_DIR));
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(LUPDATE_PATH),
                  {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"),
                   QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-I"),
                   src.filePath(QStringLiteral("models")), QStringLiteral("-I"),
                   src.filePath(QStringLiteral("ui")), src.filePath(QStringLiteral("app")),
                   src.filePath(QStringLiteral("ui")), src.filePath(QStringLiteral("models")),
                   QStringLiteral("-ts"), copy});
    QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QStringList missing;
    int messages = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                continue;
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                missing << context + QStringLiteral(": ") + source;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 50);
    QVERIFY2(
        missing.isEmpty(),
        qPrintable(QStringLiteral("%1 string(s) untranslated in translations/meshdesk_zh_CN.ts "
                                  "(run `ninja update_translations` and translate them):\n  %2")
                       .arg(missing.size())
                       .arg(missing.join(QStringLiteral("\n  ")))));
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"

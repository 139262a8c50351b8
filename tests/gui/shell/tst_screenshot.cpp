#include "guitestutils.h"

#include "core/translations.h"
#include "items/commandmodel.h"
#include "shell/commandpalette.h"
#include "shell/mainwindow.h"

#include <QLineEdit>
#include <QListView>

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QScreen>
#include <QSet>
#include <QTest>

// Takes screenshots of the main window (English and Chinese) on the real platform (xcb under
// xvfb-run in the test driver), saves them to build/screenshots/ for people to look at, and
// checks they are not blank: many colours, text in the sidebar, a lit window.
class tst_Screenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mainWindowIsNotBlank_data();
    void mainWindowIsNotBlank();
    void commandPaletteShowsResults();

private:
    static int distinctColours(const QImage &image);
};

void tst_Screenshot::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
}

int tst_Screenshot::distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        const auto line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(line[x]);
    }
    return int(colours.size());
}

void tst_Screenshot::mainWindowIsNotBlank_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << "en";
    QTest::newRow("zh_CN") << "zh_CN";
}

void tst_Screenshot::mainWindowIsNotBlank()
{
    QFETCH(QString, language);
    QVERIFY(md::installTranslations(md::localeFromOption(language)));

    md::ui::MainWindow window;
    window.resize(1400, 880);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(200);

    // What the screen shows, where the platform can grab it; the widget's own rendering otherwise.
    QImage shot;
    if (QScreen *screen = window.screen(); QGuiApplication::platformName() == QLatin1String("xcb"))
        shot = screen->grabWindow(window.winId()).toImage();
    if (shot.isNull())
        shot = window.grab().toImage();
    shot = shot.convertToFormat(QImage::Format_RGB32);
    const QString path = QDir(QStringLiteral(SCREENSHOT_DIR))
                             .filePath(QStringLiteral("mainwindow-%1.png").arg(language));
    QVERIFY(shot.save(path));
    qInfo("screenshot: %s (%dx%d, platform %s)", qPrintable(path), shot.width(), shot.height(),
          qPrintable(QGuiApplication::platformName()));

    QVERIFY(shot.width() >= 1000 && shot.height() >= 600);
    QVERIFY2(distinctColours(shot) > 40, "the window looks blank");

    // The sidebar (left quarter) holds text: dark and light pixels mixed.
    const QImage sidebar = shot.copy(0, 100, shot.width() / 6, shot.height() / 2);
    int dark = 0;
    int light = 0;
    for (int y = 0; y < sidebar.height(); ++y) {
        for (int x = 0; x < sidebar.width(); ++x) {
            const int v = qGray(sidebar.pixel(x, y));
            dark += v < 110;
            light += v > 160;
        }
    }
    QVERIFY2(dark > 300 && light > 300, "no text in the navigation sidebar");
}

void tst_Screenshot::commandPaletteShowsResults()
{
    QVERIFY(md::installTranslations(QLocale(QLocale::English)));
    md::ui::MainWindow window;
    window.resize(1400, 880);
    window.move(0, 0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showCommandPalette();
    md::ui::CommandPalette *palette = window.commandPalette();
    QVERIFY(QTest::qWaitForWindowExposed(palette));
    QTest::keyClicks(palette->searchField(), QStringLiteral("auth"));
    QTest::qWait(150);

    // The palette is a popup window of its own: grab the whole screen where possible.
    QImage shot;
    if (QGuiApplication::platformName() == QLatin1String("xcb"))
        shot = window.screen()->grabWindow(0).toImage();
    if (shot.isNull())
        shot = palette->grab().toImage();
    const QString path
        = QDir(QStringLiteral(SCREENSHOT_DIR)).filePath(QStringLiteral("command-palette.png"));
    QVERIFY(shot.save(path));
    qInfo("screenshot: %s", qPrintable(path));

    // Its list shows the three policy pages whose names contain "auth" (then their "New …"
    // actions), each row painted.
    int pages = 0;
    for (int row = 0; row < palette->resultView()->model()->rowCount(); ++row) {
        const QModelIndex index = palette->resultView()->model()->index(row, 0);
        pages += !index.data(md::CommandModel::PageIdRole).toString().isEmpty();
    }
    QCOMPARE(pages, 3);
    const QImage list
        = palette->resultView()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY2(distinctColours(list) > 10, "the palette's result list looks blank");
}

QTEST_MAIN(tst_Screenshot)
#include "tst_screenshot.moc"

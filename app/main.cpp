// meshdesk: the GUI. Parses the command line, installs translations and opens the shell.

#include "core/translations.h"
#include "shell/icons.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::Main)
};
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer startup;
    startup.start();

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MeshDesk"));
    QApplication::setApplicationName(QStringLiteral("MeshDesk"));
    QApplication::setApplicationVersion(QStringLiteral(MESHDESK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.meshdesk.MeshDesk"));
    QApplication::setWindowIcon(md::ui::appIcon());

    // --lang must be known before any translated text is produced, the help text included.
    QString lang;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--lang") && i + 1 < args.size())
            lang = args.at(i + 1);
        else if (args.at(i).startsWith(QLatin1String("--lang=")))
            lang = args.at(i).mid(7);
    }
    const QLocale locale = md::localeFromOption(lang);
    const bool translated = md::installTranslations(locale);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("MeshDesk: a desktop console for Istio service meshes across Kubernetes clusters."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption langOption(QStringLiteral("lang"),
                                  Tr::tr("User interface language: %1 (default: the system's).")
                                      .arg(md::availableLanguages().join(QStringLiteral(", "))),
                                  Tr::tr("language"));
    parser.addOption(langOption);
    QCommandLineOption quitAfterOption(
        QStringLiteral("quit-after-startup"),
        Tr::tr("Print the start-up time, then quit once the window is shown (for benchmarks)."));
    parser.addOption(quitAfterOption);
    parser.process(app);

    if (!lang.isEmpty() && !translated) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(
                Tr::tr("meshdesk: no translation for language \"%1\"; using English. Available: %2")
                    .arg(lang, md::availableLanguages().join(QStringLiteral(", ")))));
    }

    md::ui::MainWindow window;
    window.show();

    if (parser.isSet(quitAfterOption)) {
        QTimer::singleShot(0, &app, [&] {
            std::printf("startup_ms %.1f\n", double(startup.nsecsElapsed()) / 1e6);
            std::fflush(stdout);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}

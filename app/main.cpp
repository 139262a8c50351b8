// meshdesk: the GUI. Parses the command line, installs translations and opens the shell.

#include "core/translations.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshregistry.h"
#include "session.h"
#include "shell/icons.h"
#include "shell/mainwindow.h"
#include "store/meshstore.h"

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
    QCommandLineOption kubeconfigOption(
        QStringLiteral("kubeconfig"),
        Tr::tr("The kubeconfig file to use (no merging), as kubectl; default: "
               "$KUBECONFIG, else ~/.kube/config."),
        Tr::tr("file"));
    parser.addOption(kubeconfigOption);
    QCommandLineOption contextOption(
        QStringLiteral("context"),
        Tr::tr("Connect this kubeconfig context at start (default: the contexts "
               "connected last time, else the current context)."),
        Tr::tr("name"));
    parser.addOption(contextOption);
    QCommandLineOption demoOption(
        QStringLiteral("demo"),
        Tr::tr("Start the demo: a simulated two-cluster Istio mesh (meshsim) and "
               "Prometheus, stopped again when MeshDesk closes."));
    parser.addOption(demoOption);
    parser.process(app);

    if (!lang.isEmpty() && !translated) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(
                Tr::tr("meshdesk: no translation for language \"%1\"; using English. Available: %2")
                    .arg(lang, md::availableLanguages().join(QStringLiteral(", ")))));
    }

    // The meshes the user keeps; the demo keeps its own in memory, away from the user's.
    const bool demo = parser.isSet(demoOption);
    md::store::MeshStore store;
    if (auto opened
        = store.open(demo ? QStringLiteral(":memory:") : md::store::MeshStore::defaultPath());
        !opened) {
        std::fprintf(stderr, "meshdesk: %s\n", qPrintable(opened.error().toString()));
        store.open(QStringLiteral(":memory:"));
    }
    md::mesh::ConnectionManager connections;
    md::mesh::MeshRegistry registry(&store, &connections);
    md::ui::MainWindow window(&connections, &registry, &store);
    window.show();

    Session session(&connections, &registry, &window);
    if (demo) {
        session.openDemo();
    } else {
        session.openKubeconfig(
            md::kube::LoadingRules::fromEnvironment(parser.value(kubeconfigOption)),
            parser.value(contextOption));
    }
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &session, &Session::close);

    if (parser.isSet(quitAfterOption)) {
        QTimer::singleShot(0, &app, [&] {
            std::printf("startup_ms %.1f\n", double(startup.nsecsElapsed()) / 1e6);
            std::fflush(stdout);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}

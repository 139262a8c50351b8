// meshdesk: the GUI. Parses the command line, installs translations and opens the shell.

#include "core/translations.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "shell/icons.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

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
    parser.process(app);

    if (!lang.isEmpty() && !translated) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(
                Tr::tr("meshdesk: no translation for language \"%1\"; using English. Available: %2")
                    .arg(lang, md::availableLanguages().join(QStringLiteral(", ")))));
    }

    md::mesh::ConnectionManager connections;
    md::ui::MainWindow window(&connections);
    window.show();

    // Read the kubeconfig off the GUI thread, then connect what the user asked for: --context,
    // else the contexts connected last time, else the current context.
    const QString settingsKey = QStringLiteral("connections/contexts");
    const md::kube::LoadingRules rules
        = md::kube::LoadingRules::fromEnvironment(parser.value(kubeconfigOption));
    const QString wanted = parser.value(contextOption);
    QtConcurrent::run([rules] { return md::kube::loadKubeconfig(rules); })
        .then(&window,
              [&connections, &window, wanted,
               settingsKey](const md::Result<md::kube::Kubeconfig> &config) {
                  if (!config) {
                      const QString message
                          = Tr::tr("Cannot load the kubeconfig: %1").arg(config.error().toString());
                      window.statusBar()->showMessage(message);
                      std::fprintf(stderr, "meshdesk: %s\n", qPrintable(message));
                      return;
                  }
                  connections.setKubeconfig(*config);
                  QStringList contexts;
                  if (!wanted.isEmpty())
                      contexts << wanted;
                  else
                      contexts = QSettings().value(settingsKey).toStringList();
                  if (contexts.isEmpty() && !config->currentContext.isEmpty())
                      contexts << config->currentContext;
                  for (const QString &context : std::as_const(contexts)) {
                      QString error;
                      if (!config->contexts.contains(context) && wanted.isEmpty())
                          continue; // remembered, but gone from the kubeconfig
                      if (!connections.connectContext(context, &error)) {
                          window.statusBar()->showMessage(
                              Tr::tr("Cannot connect %1: %2").arg(context, error));
                          std::fprintf(stderr, "meshdesk: %s: %s\n", qPrintable(context),
                                       qPrintable(error));
                      }
                  }
              });
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &connections,
                     [&connections, settingsKey] {
                         QSettings().setValue(settingsKey, connections.connectedContexts());
                     });

    if (parser.isSet(quitAfterOption)) {
        QTimer::singleShot(0, &app, [&] {
            std::printf("startup_ms %.1f\n", double(startup.nsecsElapsed()) / 1e6);
            std::fflush(stdout);
            QApplication::quit();
        });
    }
    return QApplication::exec();
}

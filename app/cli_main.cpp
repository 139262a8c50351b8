// meshdesk-cli: MeshDesk's work without a window, for scripts and tests.
// Exit codes: 0 success, 1 validation or API error (message on stderr), 2 usage error.

#include "core/translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::Cli)
};

enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MeshDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("meshdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHDESK_VERSION));
    md::installTranslations(QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("meshdesk-cli: MeshDesk without a window, for scripts.\n\n"
               "Exit codes: 0 success, 1 validation or API error, 2 usage error."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), Tr::tr("The command to run."));

    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "meshdesk-cli: %s\n", qPrintable(parser.errorText()));
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Success;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("meshdesk-cli %s\n", MESHDESK_VERSION);
        return Success;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        std::fputs(qPrintable(parser.helpText()), stderr);
        return UsageError;
    }
    std::fprintf(stderr, "%s\n",
                 qPrintable(Tr::tr("meshdesk-cli: unknown command \"%1\". Run meshdesk-cli --help.")
                                .arg(positional.constFirst())));
    return UsageError;
}

// meshdesk-cli: MeshDesk's work without a window, for scripts and tests.
// Exit codes: 0 success, 1 validation or API error (message on stderr), 2 usage error.

#include "cli/analyzecommand.h"
#include "cli/applycommand.h"
#include "cli/clitr.h"
#include "cli/kubecommands.h"
#include "cli/layoutcommand.h"
#include "cli/topologycommand.h"
#include "cli/validatecommand.h"
#include "core/translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using md::cli::Tr;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MeshDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("meshdesk-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHDESK_VERSION));
    md::installTranslations(QLocale::system());

    QTextStream out(stdout);
    QTextStream err(stderr);

    // topology has options of its own (--prometheus, --graph-type...): it parses them itself.
    if (const QStringList args = QCoreApplication::arguments();
        args.size() > 1 && args.at(1) == QLatin1String("topology"))
        return md::cli::runTopology(args.mid(2), out, err);

    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr(
        "meshdesk-cli: MeshDesk without a window, for scripts.\n\n"
        "Commands:\n"
        "  contexts                 the kubeconfig's contexts (like kubectl config get-contexts)\n"
        "  get KIND [NAME]          objects of any kind the cluster serves (Istio kinds "
        "included)\n"
        "  apply -f FILE...         create or update objects, validated first, never overwriting "
        "a\n"
        "                           newer version (--dry-run=client|server, -f - reads stdin)\n"
        "  delete KIND NAME         delete an object (--dry-run=server)\n"
        "  validate FILE...         offline validation of Istio policies, like istioctl analyze\n"
        "                           (--crds FILE for the schema layer, --codes lists every "
        "code)\n"
        "  analyze [FILE...]        istioctl analyze's checks over a cluster's live state "
        "(--context,\n"
        "                           repeatable) or a kept mesh's (--mesh NAME), files on top\n"
        "  topology --prometheus URL  the service topology graph (-o json|dot; topology --help)\n"
        "  layout GRAPH.json        lays out a graph file: node centres and edge routes as JSON\n\n"
        "Exit codes: 0 success, 1 validation or API error, 2 usage error."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), Tr::tr("The command to run."));
    const QCommandLineOption kubeconfig(
        QStringLiteral("kubeconfig"),
        Tr::tr("The kubeconfig file to use (no merging), as kubectl."), Tr::tr("file"));
    const QCommandLineOption context(QStringLiteral("context"),
                                     Tr::tr("The kubeconfig context to use."), Tr::tr("name"));
    const QCommandLineOption ns({QStringLiteral("n"), QStringLiteral("namespace")},
                                Tr::tr("The namespace."), Tr::tr("namespace"));
    const QCommandLineOption all({QStringLiteral("A"), QStringLiteral("all-namespaces")},
                                 Tr::tr("List across all namespaces."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    Tr::tr("Output format: json, yaml or name (default: a table)."),
                                    Tr::tr("format"));
    const QCommandLineOption selector({QStringLiteral("l"), QStringLiteral("selector")},
                                      Tr::tr("Label selector, e.g. app=reviews."),
                                      Tr::tr("selector"));
    const QCommandLineOption managed(
        QStringLiteral("show-managed-fields"),
        Tr::tr("Keep metadata.managedFields in json and yaml output."));
    const QCommandLineOption crds(
        QStringLiteral("crds"),
        Tr::tr("validate: the CustomResourceDefinitions to check the schema against."),
        Tr::tr("file"));
    const QCommandLineOption codes(QStringLiteral("codes"),
                                   Tr::tr("validate: list every message code and exit."));
    const QCommandLineOption filename({QStringLiteral("f"), QStringLiteral("filename")},
                                      Tr::tr("apply: a file of objects (repeatable; - reads "
                                             "standard input)."),
                                      Tr::tr("file"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    Tr::tr("apply, delete: none, client (print what would be "
                                           "sent) or server (dryRun=All)."),
                                    Tr::tr("mode"), QStringLiteral("none"));
    const QCommandLineOption mesh(
        QStringLiteral("mesh"),
        Tr::tr("analyze: every cluster of this mesh (as MeshDesk keeps it)."), Tr::tr("name"));
    parser.addOptions({kubeconfig, context, ns, all, output, selector, managed, crds, codes,
                       filename, dryRun, mesh});

    if (!parser.parse(QCoreApplication::arguments())) {
        err << "meshdesk-cli: " << parser.errorText() << '\n';
        return md::cli::UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return md::cli::Success;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out << "meshdesk-cli " << MESHDESK_VERSION << '\n';
        return md::cli::Success;
    }

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err << parser.helpText();
        return md::cli::UsageError;
    }
    const QString command = positional.takeFirst();
    md::cli::KubeOptions options;
    options.kubeconfig = parser.value(kubeconfig);
    options.context = parser.value(context);
    options.namespaceName = parser.value(ns);
    options.allNamespaces = parser.isSet(all);
    options.output = parser.value(output);
    options.labelSelector = parser.value(selector);
    options.showManagedFields = parser.isSet(managed);

    if (command == QLatin1String("contexts"))
        return md::cli::runContexts(options, out, err);
    if (command == QLatin1String("get"))
        return md::cli::runGet(options, positional, out, err);
    if (command == QLatin1String("apply") || command == QLatin1String("delete")) {
        md::cli::ApplyOptions apply;
        apply.files = parser.values(filename);
        apply.dryRun = parser.value(dryRun);
        apply.crds = parser.value(crds);
        if (command == QLatin1String("apply")) {
            if (!positional.isEmpty()) {
                err << Tr::tr("meshdesk-cli apply: unexpected arguments \"%1\" (files go after "
                              "-f)")
                           .arg(positional.join(QLatin1Char(' ')))
                    << '\n';
                return md::cli::UsageError;
            }
            return md::cli::runApply(options, apply, out, err);
        }
        return md::cli::runDelete(options, apply, positional, out, err);
    }
    if (command == QLatin1String("validate")) {
        md::cli::ValidateOptions validate;
        validate.crds = parser.value(crds);
        validate.listCodes = parser.isSet(codes);
        if (!options.output.isEmpty() && options.output != QLatin1String("json")) {
            err << Tr::tr("meshdesk-cli validate: unknown output format \"%1\" (use json)")
                       .arg(options.output)
                << '\n';
            return md::cli::UsageError;
        }
        validate.json = options.output == QLatin1String("json");
        return md::cli::runValidate(validate, positional, out, err);
    }

    if (command == QLatin1String("analyze")) {
        md::cli::AnalyzeOptions analyze;
        analyze.kubeconfig = options.kubeconfig;
        analyze.contexts = parser.values(context);
        analyze.mesh = parser.value(mesh);
        analyze.namespaceName = options.namespaceName;
        analyze.allNamespaces = options.allNamespaces;
        analyze.crds = parser.value(crds);
        if (!options.output.isEmpty() && options.output != QLatin1String("json")) {
            err << Tr::tr("meshdesk-cli analyze: unknown output format \"%1\" (use json)")
                       .arg(options.output)
                << '\n';
            return md::cli::UsageError;
        }
        analyze.json = options.output == QLatin1String("json");
        return md::cli::runAnalyze(analyze, positional, out, err);
    }

    if (command == QLatin1String("layout"))
        return md::cli::runLayout(positional, options.output, out, err);

    err << Tr::tr("meshdesk-cli: unknown command \"%1\". Run meshdesk-cli --help.").arg(command)
        << '\n';
    return md::cli::UsageError;
}

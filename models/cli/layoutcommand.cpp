#include "cli/layoutcommand.h"

#include "cli/clitr.h"
#include "graph/graphjson.h"
#include "graph/layout.h"

#include <QFile>

namespace md::cli {

int runLayout(const QStringList &args, const QString &output, QTextStream &out, QTextStream &err)
{
    if (args.size() != 1) {
        err << Tr::tr("meshdesk-cli layout: expected one graph file (GRAPH.json, - reads standard "
                      "input)")
            << '\n';
        return UsageError;
    }
    if (!output.isEmpty() && output != QLatin1String("json")) {
        err << Tr::tr("meshdesk-cli layout: unknown output format \"%1\" (use json)").arg(output)
            << '\n';
        return UsageError;
    }
    const QString path = args.first();
    QFile file;
    bool opened;
    if (path == QLatin1String("-")) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        err << Tr::tr("meshdesk-cli layout: cannot read %1: %2").arg(path, file.errorString())
            << '\n';
        return Failure;
    }
    const auto input = md::graph::readGraphJson(file.readAll());
    if (!input) {
        err << Tr::tr("meshdesk-cli layout: %1: %2").arg(path, input.error().toString()) << '\n';
        return Failure;
    }
    const md::graph::LayoutResult result = md::graph::layout(*input);
    out << QString::fromUtf8(md::graph::writeLayoutJson(*input, result));
    return Success;
}

} // namespace md::cli

#include "cli/validatecommand.h"

#include "core/datafiles.h"

#include "cli/clitr.h"
#include "istio/validatefiles.h"

#include <QFileInfo>

namespace md::cli {

namespace {

QString codesTable()
{
    QString table = Tr::tr("| code | severity | layer | what it means |") + QLatin1Char('\n')
        + QStringLiteral("| --- | --- | --- | --- |\n");
    for (const md::istio::CodeInfo &code : md::istio::messageCodes()) {
        table += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                     .arg(QString::fromLatin1(code.code), md::istio::severityName(code.severity),
                          QString::fromLatin1(code.layer),
                          QCoreApplication::translate("Istio", code.title));
    }
    return table;
}

} // namespace

int runValidate(const ValidateOptions &options, const QStringList &files, QTextStream &out,
                QTextStream &err)
{
    if (options.listCodes) {
        out << codesTable();
        return Success;
    }
    if (files.isEmpty()) {
        err << Tr::tr("meshdesk-cli validate: expected one or more files (- reads standard input)")
            << '\n';
        return UsageError;
    }
    QString crds = options.crds;
    if (crds.isEmpty())
        crds = md::istioCrdsPath(); // $MESHDESK_CRDS, else the CRDs installed with MeshDesk

    md::istio::Validator validator;
    if (!crds.isEmpty()) {
        auto loaded = md::istio::Validator::fromCrdFile(crds);
        if (!loaded) {
            err << Tr::tr("meshdesk-cli validate: %1").arg(loaded.error().toString()) << '\n';
            return Failure;
        }
        validator = std::move(*loaded);
    } else {
        err << Tr::tr("meshdesk-cli validate: no CRDs found (looked for %1; give --crds FILE "
                      "or set MESHDESK_CRDS): the schema layer is skipped")
                   .arg(md::istioCrdCandidates().join(QStringLiteral(", ")))
            << '\n';
    }
    const md::istio::ValidationReport report = md::istio::validateFiles(files, validator);
    const QByteArray text = md::istio::formatMessages(report.messages, options.json);
    out << QString::fromUtf8(text);
    if (!options.json && report.messages.isEmpty())
        err << (files.size() == 1
                    ? Tr::tr("No validation issues found in 1 file.")
                    : Tr::tr("No validation issues found in %1 files.").arg(files.size()))
            << '\n';
    return report.errors() > 0 ? Failure : Success;
}

} // namespace md::cli

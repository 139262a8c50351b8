#pragma once

// meshdesk-cli's writes, through the same apply path as the GUI's editors (models/apply/):
// `apply -f FILE...` validates every object first (errors stop it, printed as `validate`
// prints them), then creates the new objects and updates the existing ones carrying the
// resourceVersion read (from the file when it has one, else from a GET): a conflict is
// reported, never overwritten. `delete KIND NAME` deletes with the resourceVersion read as
// a precondition. Exit 1 on any failure.

#include "cli/kubecommands.h"

#include <QStringList>
#include <QTextStream>

namespace md::cli {

struct ApplyOptions
{
    QStringList files; // -f FILE (repeatable; "-" reads standard input)
    QString dryRun = QStringLiteral("none"); // --dry-run=none|client|server
    QString crds; // --crds FILE for the schema layer (else MESHDESK_CRDS, else the shared copy)
};

int runApply(const KubeOptions &options, const ApplyOptions &apply, QTextStream &out,
             QTextStream &err);

// delete KIND NAME [-n NS] [--dry-run=server]
int runDelete(const KubeOptions &options, const ApplyOptions &apply, const QStringList &args,
              QTextStream &out, QTextStream &err);

} // namespace md::cli

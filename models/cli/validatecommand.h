#pragma once

#include <QStringList>
#include <QTextStream>

namespace md::cli {

struct ValidateOptions
{
    QString crds; // --crds FILE: CRDs for the schema layer
    bool json = false; // -o json
    bool listCodes = false; // --codes: print every message code (Markdown table) and exit
};

// validate FILE...: offline validation in three layers (schema, Istio's rules, cross-
// references between the files), like istioctl analyze. Exit 1 when there is an error.
int runValidate(const ValidateOptions &options, const QStringList &files, QTextStream &out,
                QTextStream &err);

} // namespace md::cli

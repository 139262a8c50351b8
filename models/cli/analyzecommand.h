#pragma once

#include <QStringList>
#include <QTextStream>

namespace md::cli {

struct AnalyzeOptions
{
    QString kubeconfig; // --kubeconfig
    QStringList contexts; // --context, repeatable; empty: the current context
    QString mesh; // --mesh NAME: every cluster of a mesh kept by MeshDesk
    QString meshStore; // the mesh store file (empty: the GUI's)
    QString namespaceName; // -n (empty: the context's namespace, else "default")
    bool allNamespaces = false; // -A
    QString crds; // --crds FILE: CRDs for the schema layer of the files
    bool json = false; // -o json
};

// analyze [FILE...]: the analyzers of `validate` over a cluster's live state (or every
// cluster of a kept mesh), with the files applied on top of the first cluster's state, like
// istioctl analyze; also Services inconsistent between the clusters (IST0170). Same output
// and exit codes as validate: 1 when there is an error.
int runAnalyze(const AnalyzeOptions &options, const QStringList &files, QTextStream &out,
               QTextStream &err);

} // namespace md::cli

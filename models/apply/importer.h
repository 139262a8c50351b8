#pragma once

// Import of a YAML/JSON file or pasted text with many objects (`---` separated, List kinds
// expanded) into apply items: every Kubernetes object becomes a Create item (the engine's
// resolveBases turns those that exist into Updates), keeping its source and line.

#include "apply/applytypes.h"
#include "core/result.h"

namespace md::apply {

struct ImportOptions
{
    // Set on objects without metadata.namespace unless their kind is cluster-scoped
    // (isClusterScoped below; the engine checks the scope with discovery again).
    QString defaultNamespace;
};

// Errors read "SOURCE: document N, line L, column C: ..." (code yaml.parse); a text without
// any Kubernetes object is an error too (code import.empty); an object without kind,
// apiVersion or metadata.name is an error naming its document and line (code import.object).
Result<QList<ApplyItem>> importObjects(const QByteArray &data, const QString &source,
                                       const ImportOptions &options = {});
Result<QList<ApplyItem>> importFile(const QString &path, const ImportOptions &options = {});

// Kinds known to be cluster-scoped (Namespace, ClusterRole, CustomResourceDefinition, ...).
bool isClusterScoped(const QString &kind);

// The YAML of many objects, `---` separated, server-managed metadata left out (Export).
QByteArray exportYaml(const QList<md::istio::Value> &objects);

} // namespace md::apply

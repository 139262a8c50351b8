#pragma once

// meshdesk-cli's Kubernetes commands: `contexts` and `get`. They print to the given streams
// and return the exit code (0 success, 1 API or configuration error, 2 usage error).

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace md::cli {

struct KubeOptions
{
    QString kubeconfig; // --kubeconfig: that file only
    QString context; // --context
    QString namespaceName; // -n
    bool allNamespaces = false; // -A
    QString output; // "", "json", "yaml", "name"
    QString labelSelector; // -l
    bool showManagedFields = false; // --show-managed-fields
};

int runContexts(const KubeOptions &options, QTextStream &out, QTextStream &err);

// get KIND [NAME]: KIND is a plural, singular, short name or kind, optionally with its group
// ("virtualservices.networking.istio.io"), resolved through the server's discovery.
int runGet(const KubeOptions &options, const QStringList &args, QTextStream &out, QTextStream &err);

// Formats an age like kubectl: 45s, 12m, 5h, 3d, 2y.
QString formatAge(qint64 seconds);

} // namespace md::cli

#pragma once

// Helpers of the analyzer code tables: documents for one namespace, in YAML.

#include <QByteArray>
#include <QString>
#include <QTest>

namespace md::istio::testing {

inline QByteArray doc(const char *apiVersion, const char *kind, const char *ns, const char *name,
                      const QByteArray &body)
{
    QByteArray text = QByteArray("apiVersion: ") + apiVersion + "\nkind: " + kind
        + "\nmetadata:\n  name: " + name + "\n";
    if (*ns)
        text += QByteArray("  namespace: ") + ns + "\n";
    return text + body + "---\n";
}

inline QByteArray vs(const char *name, const QByteArray &spec)
{
    return doc("networking.istio.io/v1", "VirtualService", "shop", name, "spec:\n" + spec);
}

inline QByteArray route(const char *host = "cart")
{
    return QByteArray("  - route: [{destination: {host: ") + host + "}}]\n";
}

// Rows of the table in the other files (columns yaml, code, level, text).
void addTrafficRows();
void addPolicyRows();

} // namespace md::istio::testing

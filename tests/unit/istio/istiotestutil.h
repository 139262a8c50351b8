#pragma once

// Helpers shared by the models/istio test executables.

#include "istio/message.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace md::istio::testing {

// A namespaced object "ns/test" of the given kind whose spec is `spec` (indented YAML).
inline QByteArray object(const char *apiVersion, const char *kind, const QByteArray &spec)
{
    return QByteArray("apiVersion: ") + apiVersion + "\nkind: " + kind
        + "\nmetadata:\n  name: test\n  namespace: ns\nspec:\n" + spec;
}

// Messages one per line, for failure output.
inline QString describe(const QList<Message> &messages)
{
    QStringList lines;
    for (const Message &m : messages)
        lines.append(m.toString());
    return lines.join(u'\n');
}

} // namespace md::istio::testing

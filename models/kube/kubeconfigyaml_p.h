#pragma once

// Internal YAML helpers shared by the kubeconfig parser and writer (yaml-cpp stays private
// to the models library: this header is included by .cpp files only).

#include <QJsonValue>
#include <QString>

#include <yaml-cpp/yaml.h>

namespace md::kube::detail {

// JSON value of a YAML node: quoted scalars stay strings, plain scalars are resolved
// (null, booleans, numbers) as Go's YAML reader does.
QJsonValue yamlToJson(const YAML::Node &node);
YAML::Node jsonToYaml(const QJsonValue &value);

// A string scalar node that the emitter quotes when its plain form would read back as
// something else (true, 123, null, ...).
YAML::Node stringNode(const QString &s);

// The YAML text of a document. Scalars tagged "!" (quoted in the source, or made by
// stringNode) are quoted when needed; everything else is written as it is.
std::string emitYaml(const YAML::Node &root);

// True if a plain scalar with this text would not read back as the same string.
bool needsQuotes(const std::string &s);

inline QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace md::kube::detail

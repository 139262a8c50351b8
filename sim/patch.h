#pragma once

// The patch formats of the Kubernetes API: JSON merge patch (RFC 7386), JSON patch
// (RFC 6902) and strategic merge patch (built-in kinds only).

#include "core/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace md::sim {

QJsonValue applyMergePatch(const QJsonValue &target, const QJsonValue &patch);

// Errors carry the failing operation in `where` ("operation 2 (replace /spec/x)").
Result<QJsonValue> applyJsonPatch(const QJsonValue &target, const QJsonArray &operations);

// Strategic merge: like a merge patch, but lists of the well-known built-in fields
// (containers, ports, env, volumes, ...) merge by their key, and the $patch,
// $setElementOrder, $retainKeys and $deleteFromPrimitiveList directives are honoured.
Result<QJsonValue> applyStrategicMergePatch(const QJsonValue &target, const QJsonValue &patch);

// Deep merge used by server-side apply: objects merge recursively, anything else
// (scalars, lists) is replaced by the applied value.
QJsonValue deepMerge(const QJsonValue &target, const QJsonValue &applied);

} // namespace md::sim

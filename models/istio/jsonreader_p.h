#pragma once

// Internal: strict JSON (a stream of whitespace-separated values) into ordered Values.

#include "istio/value.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace md::istio::detail {

// Each value with the 1-based line where it starts; nullopt when the text is not strict
// JSON (the caller then reads it as YAML, which reports where it went wrong).
std::optional<QList<std::pair<Value, int>>> readJsonStream(const QByteArray &data);

} // namespace md::istio::detail

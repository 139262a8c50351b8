#pragma once

#include "kube/kubeobject.h"
#include "kube/watchdecoder.h"

namespace md::kube::decode {

// One line of a watch stream: {"type": ..., "object": {...}}. The error says what is wrong
// with the line; the caller adds which line it was.
Result<WatchEvent> watchLine(QByteArrayView line);

} // namespace md::kube::decode

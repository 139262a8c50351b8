#pragma once

// The x-kubernetes-validations (CEL) rules of Istio's CRDs, implemented natively. Each rule
// is listed as the CRD declares it (kind, field path in crd-cel-rules.tsv notation, message)
// with a C++ predicate equivalent to its CEL expression.

#include "istio/checks.h"

#include <functional>

namespace md::istio {

struct CelRule
{
    QString kind; // "VirtualService"
    QString path; // ".spec.http[].timeout"; "[]" = each item, "{}" = each map value
    QString message; // the CRD's message, e.g. "must be a valid duration greater than 1ms"
    const char *code;
    std::function<bool(const Value &self)> holds; // true when the rule is satisfied
};

const QList<CelRule> &celRules();

// Evaluates every CEL rule of the object's kind; messages carry the rule's path and text.
void checkCelRules(const Value &object, Findings &findings);

} // namespace md::istio

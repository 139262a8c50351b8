#pragma once

// Internal: native predicates of Istio's CEL rules (celrules.cpp lists where they apply).
// Each returns true when the rule holds for `v`, the node the rule is attached to.

#include "istio/checks.h"

#include <functional>

namespace md::istio::cel {

using Predicate = std::function<bool(const Value &)>;

bool durationAtLeast1ms(const Value &v);
bool portInRange(const Value &v);
bool keysWithoutWildcard(const Value &v);
bool keysNotEmpty(const Value &v);
bool withoutWildcard(const Value &v);
bool isEmptyString(const Value &v);
bool notStar(const Value &v);
bool httpUrl(const Value &v);
bool portNameKeys(const Value &v);
bool udsAbsolute(const Value &v);
bool udsNotDir(const Value &v);
bool addressOrNetwork(const Value &v);
bool udsWithoutPorts(const Value &v);
bool uniquePortNumbers(const Value &v);
bool portKeys(const Value &v);
Predicate atMostOne(const QStringList &fields);
bool waypointContext(const Value &v);
bool cidrOnlyWithNoneOrStatic(const Value &v);
bool noneWithoutEndpoints(const Value &v);
bool roundRobinSingleEndpoint(const Value &v);
bool serviceAccountsExclusive(const Value &v);
bool portLevelNeedsSelector(const Value &v);
bool upsertHasValue(const Value &v);
bool removeHasNoValue(const Value &v);

} // namespace md::istio::cel

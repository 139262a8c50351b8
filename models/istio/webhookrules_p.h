#pragma once

// Internal: the checks of Istio's validating webhook (pkg/config/validation), per kind.
// Each takes the object's spec and the path prefix "spec".

#include "istio/checks.h"

namespace md::istio::webhook {

// Shared checks (rules_common.cpp)
void checkPort(const Value &port, const QString &path, Findings &f, const char *code);
void checkDurationPrecision(const Value &duration, const QString &path, Findings &f);
void checkExportTo(const Value &exportTo, const QString &path, const QString &ownNamespace,
                   bool isServiceEntry, Findings &f);
void checkSelectorAndTargetRefs(const Value &spec, const QString &selectorField,
                                const QString &labelsField, Findings &f);
void checkAnnotations(const Value &object, Findings &f);
void checkLabels(const Value &labels, const QString &path, Findings &f, const char *code);
void checkPercent(const Value &percent, const QString &path, Findings &f, const char *code);
bool hostCovers(const QString &pattern, const QString &host); // "*.foo.com" covers "a.foo.com"

void checkVirtualService(const Value &spec, Findings &f);
void checkHttpRoute(const Value &route, const QString &path, bool gatewayBound, Findings &f);
void checkHttpMatch(const Value &match, const QString &path, bool gatewayBound, Findings &f);
void checkRouteDestinations(const Value &routes, const QString &path, Findings &f); // incl. weights
void checkMirrorDestination(const Value &destination, const QString &path, Findings &f);
void checkDestinationRule(const Value &spec, const QString &ownNamespace, Findings &f);
void checkGateway(const Value &object, Findings &f);
void checkServiceEntry(const Value &spec, const QString &ownNamespace, Findings &f);
void checkSidecar(const Value &spec, Findings &f);
void checkAuthorizationPolicy(const Value &spec, Findings &f);
void checkRequestAuthentication(const Value &spec, Findings &f);
void checkPeerAuthentication(const Value &spec, Findings &f);

// Dispatches on the object's kind; objects of other kinds get the annotation check only.
void checkObject(const Value &object, Findings &f);

} // namespace md::istio::webhook

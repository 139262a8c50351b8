#pragma once

// The traffic policy editor shared by a DestinationRule, its subsets and its port-level
// settings: load balancer (simple, consistent hash, locality), connection pool, outlier
// detection and client TLS.

#include "editors/forms/formbase.h"

namespace md::ui::forms {

// Sections for `tp` under `path` ("spec.trafficPolicy"); port-level settings when `portLevel`.
void buildTrafficPolicy(FormBase &form, QVBoxLayout *into, const QString &path,
                        std::function<md::istio::TrafficPolicy &()> tp, bool portLevel);

// The four policy parts of any holder (TrafficPolicy or PortTrafficPolicy).
template<typename Holder>
void buildPolicyParts(FormBase &form, QVBoxLayout *into, const QString &path,
                      std::function<Holder &()> h);

} // namespace md::ui::forms

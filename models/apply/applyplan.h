#pragma once

// What the review shows and the engine runs: the request's items validated (schema and
// Istio rules per object, cross-references between the objects and against the mesh's live
// index), put in a sensible order, each with its diff. Pure; build it off the GUI thread
// for large imports.

#include "apply/applytypes.h"
#include "apply/textdiff.h"
#include "istio/validator.h"

#include <functional>

namespace md::apply {

// Rank of a kind in the apply order: Namespaces, then Secrets/ConfigMaps, ServiceEntries,
// Gateways, DestinationRules, then VirtualServices, then Sidecars/EnvoyFilters/..., then the
// security policies (PeerAuthentication, RequestAuthentication, AuthorizationPolicy), then
// everything else. Deletes run in the reverse order.
int kindRank(const QString &kind);

// Indexes of `items` in the order to run them: creates/updates by kindRank, then the
// deletes by reverse kindRank; stable (equal ranks keep the request's order).
QList<int> applyOrder(const QList<ApplyItem> &items);

struct PlanEntry
{
    int index = -1; // in ApplyRequest::items
    QList<md::istio::Message> messages; // every layer, object/source/line filled in
    TextDiff diff; // reviewYaml(base) -> reviewYaml(object); for a Delete: base -> ""
    int errors() const;
    int warnings() const;
};

struct ApplyPlan
{
    ApplyRequest request;
    QList<int> order; // applyOrder(request.items)
    QList<PlanEntry> entries; // one per item, in request order

    int errors() const;
    int warnings() const;
    // Errors block the apply (items with errors are skipped by the engine, never sent);
    // warnings need the user's confirmation.
    bool blocked() const { return errors() > 0; }
    QList<md::istio::Message> messages() const; // every entry's, in run order
};

// Checks one object against what is live (e.g. LiveAnalysis::checkObject bound to the target
// context); may be empty.
using CrossCheck = std::function<QList<md::istio::Message>(const md::istio::Value &object)>;

// Validates and orders. Deletes are not validated. The items are also checked together
// (cross-references between them, analyzeMesh over the set), so an import of a Gateway and
// the VirtualService using it does not warn that the Gateway is missing.
ApplyPlan buildPlan(const ApplyRequest &request, const md::istio::Validator &validator,
                    const CrossCheck &crossCheck = {});

} // namespace md::apply

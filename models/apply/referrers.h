#pragma once

// What refers to an object, for the delete confirmation: VirtualServices using a Gateway
// (spec.gateways, and routes' match.gateways), routes using a DestinationRule's subsets,
// VirtualServices and DestinationRules using a ServiceEntry's or a Service's hosts,
// Gateways and DestinationRules using a Secret as credentialName, VirtualServices delegating
// to a VirtualService, and every object in a Namespace. Pure; any thread.

#include "istio/document.h"
#include "mesh/meshcache.h"

#include <QList>
#include <QString>

namespace md::apply {

struct Referrer
{
    md::istio::ObjectId id; // the referring object
    QString context; // its cluster (empty for plain lists)
    QString path; // where the reference is: "spec.gateways[0]", "spec.http[1].route[0]..."
    QString reason; // translated: "uses subset v2 of this DestinationRule"

    bool operator==(const Referrer &) const = default;
};

// Candidates are searched in `objects`; the target itself is never its own referrer.
QList<Referrer> findReferrers(const md::istio::Value &target,
                              const QList<md::istio::Value> &objects, const QString &context = {});

// Over the live caches: the target (in `context`) against the objects of every cluster of
// the snapshot (an object in another cluster of the mesh can use a host of this one); a
// Gateway, a Secret or a delegate are only looked for in the target's cluster.
QList<Referrer> findReferrers(const md::istio::Value &target, const QString &context,
                              const md::mesh::MeshCache::Snapshot &snapshot);

} // namespace md::apply

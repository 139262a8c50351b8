#pragma once

// The live Istio objects a topology node (or edge) relates to: VirtualServices whose hosts or
// routes name its service, DestinationRules whose host is its service, and the Gateways those
// VirtualServices bind to (or that select a gateway workload). Pure; the page runs it on a
// worker thread over a MeshCache snapshot.

#include "mesh/meshcache.h"
#include "telemetry/topologygraph.h"

namespace md::ui::topology {

struct RelatedObject
{
    QString context; // kubeconfig context of the cluster holding it
    QString apiVersion;
    QString kind;
    QString namespaceName;
    QString name;

    bool operator==(const RelatedObject &) const = default;
};

// `node` is the node the objects act on (for an edge: its target).
QList<RelatedObject> relatedConfig(const md::mesh::MeshCache::Snapshot &snapshot,
                                   const md::telemetry::Node &node);

// Whether an Istio host (as written in an object of namespace `objectNamespace`) names the
// service `name` of namespace `ns`: "reviews" (in ns), "reviews.ns",
// "reviews.ns.svc.cluster.local".
bool hostNamesService(const QString &host, const QString &objectNamespace, const QString &name,
                      const QString &ns);

} // namespace md::ui::topology

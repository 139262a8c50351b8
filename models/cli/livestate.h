#pragma once

// A cluster's live state as md::mesh::MeshCache watches it, listed once for the CLI: every
// kind of the Istio groups the cluster serves, and the core kinds of MeshCache::coreWatches()
// with their label and field selectors. `analyze` and `apply` check against it, so their
// cross-references see what the GUI's live checks see.

#include "cli/clisession.h"
#include "istio/analyzers.h"

#include <functional>

namespace md::cli {

struct LiveState
{
    // Objects as the analyzers read them (kind and apiVersion filled in for list items).
    QList<md::istio::Value> objects;
    QStringList kinds; // every kind listed, also those with no object
};

struct LiveStateError
{
    QString resource; // the plural that could not be listed
    QString message;
};

// The resources listed, in MeshCache's order (Istio kinds first), with their selectors.
struct LiveKind
{
    md::kube::ResourceRef resource;
    QString labelSelector;
    QString fieldSelector;
};
QList<LiveKind> liveKinds(const md::kube::DiscoveryInfo &discovery);

Result<LiveState, LiveStateError> listLiveState(Session &session);

// Adds the objects to the index with `source` (the context) and marks their kinds known;
// objects for which `skip` returns true (kind, namespace, name) are left out.
void addLiveState(md::istio::MeshIndex &index, const LiveState &state, const QString &source,
                  const std::function<bool(const QString &, const QString &, const QString &)> &skip
                  = {});

} // namespace md::cli

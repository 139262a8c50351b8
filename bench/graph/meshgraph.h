#pragma once

// A deterministic generator of mesh-like service graphs for the layout benchmark: namespaces
// of services calling mostly downstream tiers, an ingress gateway, shared data stores, some
// cross-namespace calls and a few calls back upstream (cycles). Same size and seed, same graph.

#include "graph/layout.h"

#include <QByteArray>
#include <QString>

namespace md::bench {

struct MeshGraph
{
    graph::LayoutInput input; // ids "namespace/service", box paths {cluster, namespace}
};

MeshGraph generateMeshGraph(int nodeCount, quint64 seed = 1);

// The graph in `meshdesk-cli layout`'s input format; boxes included when withBoxes.
QByteArray toJson(const graph::LayoutInput &input, bool withBoxes);

// The graph in Graphviz's DOT language, left to right, nodes as fixed-size boxes (inches =
// layout units / 72), node names n<index>.
QByteArray toDot(const graph::LayoutInput &input);

} // namespace md::bench

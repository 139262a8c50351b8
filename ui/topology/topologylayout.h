#pragma once

// From a telemetry graph to what the view draws: the view-side filters (hide healthy, show only
// a node's neighbours) and the layout input (node sizes, cluster/namespace boxes). Pure: the
// page runs these with the layout on a worker thread.

#include "graph/layout.h"
#include "telemetry/topologygraph.h"

namespace md::ui::topology {

struct ViewFilter
{
    bool hideHealthy = false; // keep failing/degraded edges and nodes (and the nodes they join)
    QString focusNode; // not empty: only this node, its edges and its direct neighbours
    bool boxes = true; // cluster and namespace boxes
};

md::telemetry::Graph filterGraph(const md::telemetry::Graph &graph, const ViewFilter &filter);

// Nodes and edges in the graph's order; boxes {cluster, namespace} when `boxes`.
md::graph::LayoutInput makeLayoutInput(const md::telemetry::Graph &graph, bool boxes = true);

// What the page lays out on a worker: the filtered graph and its layout.
struct LaidOutGraph
{
    md::telemetry::Graph graph;
    md::graph::LayoutResult layout;
    qint64 layoutMs = 0;
};

LaidOutGraph layoutGraph(const md::telemetry::Graph &graph, const ViewFilter &filter,
                         const md::graph::LayoutResult *previous);

} // namespace md::ui::topology

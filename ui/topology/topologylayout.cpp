#include "topology/topologylayout.h"

#include "topology/topologystyle.h"

#include <QElapsedTimer>
#include <QSet>

namespace md::ui::topology {

using md::telemetry::Graph;
using md::telemetry::Health;

Graph filterGraph(const Graph &graph, const ViewFilter &filter)
{
    if (!filter.hideHealthy && filter.focusNode.isEmpty())
        return graph;
    QSet<QString> keepNodes;
    QList<md::telemetry::Edge> edges;
    for (const auto &edge : graph.edges) {
        bool keep = true;
        if (!filter.focusNode.isEmpty())
            keep = edge.source == filter.focusNode || edge.target == filter.focusNode;
        if (keep && filter.hideHealthy)
            keep = edge.health == Health::Degraded || edge.health == Health::Failure;
        if (keep) {
            edges << edge;
            keepNodes << edge.source << edge.target;
        }
    }
    Graph result = graph;
    result.nodes.clear();
    result.edges = edges;
    for (const auto &node : graph.nodes) {
        bool keep = keepNodes.contains(node.id);
        if (!keep && node.id == filter.focusNode)
            keep = !filter.hideHealthy || node.health == Health::Degraded
                || node.health == Health::Failure;
        if (!keep && filter.hideHealthy && filter.focusNode.isEmpty())
            keep = node.health == Health::Degraded || node.health == Health::Failure;
        if (keep)
            result.nodes << node;
    }
    return result;
}

md::graph::LayoutInput makeLayoutInput(const Graph &graph, bool boxes)
{
    md::graph::LayoutInput input;
    input.nodes.reserve(graph.nodes.size());
    QHash<QString, int> index;
    index.reserve(graph.nodes.size());
    for (const auto &node : graph.nodes) {
        md::graph::LayoutNode n;
        n.id = node.id;
        n.width = style::LayoutWidth;
        n.height = style::LayoutHeight;
        if (boxes && !node.cluster.isEmpty()) {
            n.boxPath << node.cluster;
            if (!node.namespaceName.isEmpty())
                n.boxPath << node.namespaceName;
        }
        index.insert(node.id, int(input.nodes.size()));
        input.nodes.push_back(std::move(n));
    }
    input.edges.reserve(graph.edges.size());
    for (const auto &edge : graph.edges)
        input.edges.push_back({index.value(edge.source, -1), index.value(edge.target, -1)});
    input.options.rankSpacing = 110;
    input.options.nodeSpacing = 18;
    input.options.boxLabelHeight = 22;
    return input;
}

LaidOutGraph layoutGraph(const Graph &graph, const ViewFilter &filter,
                         const md::graph::LayoutResult *previous)
{
    LaidOutGraph result;
    result.graph = filterGraph(graph, filter);
    QElapsedTimer timer;
    timer.start();
    result.layout = md::graph::layout(makeLayoutInput(result.graph, filter.boxes), previous);
    result.layoutMs = timer.elapsed();
    return result;
}

} // namespace md::ui::topology

#pragma once

// md::graph: MeshDesk's layered graph layout (Sugiyama style), left to right as traffic flows.
//
// Pure and synchronous: QtCore value types only, no widgets, no network; safe to call from any
// thread (the topology view runs it off the GUI thread). The stages are cycle breaking (depth-
// first, as Graphviz), layering (longest path, then network simplex for the shortest edges),
// dummy nodes for long edges, crossing reduction (barycenter sweeps with transposition, boxes
// kept contiguous, the best order kept, then sifting), coordinate assignment (ordered quadratic
// placement: isotonic regression per rank, long edges pulled straight) and polyline edge
// routes. Fresh layouts without boxes are refined further: every rank is reordered as the
// straight lines between node centres pass it, sifted and placed again, keeping the placement
// with the fewest straight-line crossings (small graphs try three initial orders). Nested
// boxes (cluster, namespace, ...) get disjoint horizontal bands, so no two boxes overlap and a
// box's rectangle holds all its nodes. Without boxes, disconnected components get bands of
// their own.
//
// The output is deterministic: the same input (and previous result) gives bit-identical output.
//
// Coordinates: x grows to the right (traffic flows from low x to high x), y grows downwards, in
// the same unit as the node sizes (the view uses pixels).

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

namespace md::graph {

struct LayoutNode
{
    QString id; // unique within the input; matched against a previous result for stability
    double width = 40.0;
    double height = 40.0;
    // Nested boxes, outermost first, e.g. {cluster, namespace}. Nodes with equal leading entries
    // share those boxes. Empty: the node is in no box (it is laid out beside the boxes).
    QStringList boxPath;
};

struct LayoutEdge
{
    int source = -1; // index into LayoutInput::nodes
    int target = -1;
};

struct LayoutOptions
{
    double nodeSpacing = 24.0; // vertical gap between neighbours in a rank
    double rankSpacing = 100.0; // horizontal gap between ranks (beyond the widest node)
    double edgeSpacing = 10.0; // vertical room a long edge takes where it passes a rank
    double boxPadding = 16.0; // between a box's border and what it holds
    double boxLabelHeight = 20.0; // extra room at the top of every box for its title
    double boxSpacing = 24.0; // vertical gap between sibling boxes
    int crossingSweeps = 12; // barycenter sweeps (down + up) of crossing reduction
    int transposePasses = 4; // adjacent-swap passes after the sweeps (0: none)
    // 0..1: how strongly nodes present in the previous result keep their vertical place.
    double stability = 0.7;
};

struct LayoutInput
{
    std::vector<LayoutNode> nodes;
    std::vector<LayoutEdge> edges; // self-loops and parallel edges are allowed
    LayoutOptions options;
};

struct NodePlacement
{
    QString id; // copy of the input node's id
    double x = 0.0; // centre
    double y = 0.0; // centre
    double width = 0.0;
    double height = 0.0;
    int rank = 0; // column, 0 = leftmost
    QRectF rect() const { return {x - width / 2, y - height / 2, width, height}; }
};

struct EdgeRoute
{
    // Polyline from the source's border to the target's border (both ends on the node
    // rectangles), with a bend where the edge passes each rank in between. At least 2 points.
    std::vector<QPointF> points;
    bool reversed = false; // the edge was turned round to break a cycle (it points right to left)
    bool selfLoop = false;
};

struct BoxPlacement
{
    QStringList path; // e.g. {cluster} for a cluster box, {cluster, namespace} for its child
    QRectF rect;
    int depth() const { return int(path.size()); }
};

struct LayoutResult
{
    std::vector<NodePlacement> nodes; // same order and size as LayoutInput::nodes
    std::vector<EdgeRoute> edges; // same order and size as LayoutInput::edges
    std::vector<BoxPlacement> boxes; // parents before their children
    QRectF bounds; // holds every node, route and box
    int rankCount = 0;
};

// Lays out the graph. When `previous` is given (the last result shown for an earlier version of
// the graph), nodes whose id appears in both keep their rank and vertical order as far as the new
// graph allows, so a refresh that adds or removes a few nodes barely moves the others.
// With `previous`, known nodes keep their ranks (network simplex is skipped), so after many
// refreshes a fresh layout (without `previous`) may be more compact.
// Edges whose endpoints are out of range are ignored (their route is empty).
LayoutResult layout(const LayoutInput &input, const LayoutResult *previous = nullptr);

// Crossings of the straight segments between laid-out node centres (not the routes): the metric
// the benchmark compares against Graphviz. Pairs of edges that share an endpoint do not count;
// self-loops and duplicate edges are skipped.
long long countCrossings(const LayoutResult &result, const LayoutInput &input);

// Mean distance that nodes present in both results (matched by id) moved from `before` to
// `after`, as a fraction of `after`'s bounds width. 0 when no node is shared.
double meanDisplacement(const LayoutResult &before, const LayoutResult &after);

} // namespace md::graph

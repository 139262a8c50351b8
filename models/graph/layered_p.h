#pragma once

// Internal to md::graph: the layered graph the layout stages share. Flat vectors and int
// indices only; items [0, nodeCount) are the input's nodes, the rest are dummy nodes that long
// edges get where they pass a rank.

#include "graph/layout.h"

#include <QStringList>

#include <vector>

namespace md::graph::detail {

// Boxes as a tree. Items live in leaves only; a box that holds both nodes and child boxes gets
// an invisible child for its own nodes. The root (index 0) is invisible.
struct GroupTree
{
    std::vector<int> parent;
    std::vector<std::vector<int>> children; // in drawing order, top to bottom
    std::vector<QStringList> path;
    std::vector<char> visible; // drawn as a box
    std::vector<int> leafKey; // order of the leaves, top to bottom (leaves only)

    int add(int parentIndex, const QStringList &boxPath, bool isVisible)
    {
        const int index = int(parent.size());
        parent.push_back(parentIndex);
        children.emplace_back();
        path.push_back(boxPath);
        visible.push_back(isVisible ? 1 : 0);
        leafKey.push_back(0);
        if (parentIndex >= 0)
            children[parentIndex].push_back(index);
        return index;
    }
    int size() const { return int(parent.size()); }
    bool isLeaf(int g) const { return children[g].empty(); }
    void computeLeafKeys(); // depth-first over children, in order
};

struct Layered
{
    int nodeCount = 0;
    int rankCount = 0;
    std::vector<int> rank; // per item
    std::vector<int> group; // per item: a leaf of the GroupTree
    std::vector<double> height; // per item (0 for dummies)

    // Segments between consecutive ranks, as compressed adjacency lists.
    std::vector<int> upStart, up, upWeight; // neighbours in rank - 1
    std::vector<int> downStart, down, downWeight; // neighbours in rank + 1

    std::vector<std::vector<int>> order; // per rank, top to bottom
    std::vector<int> pos; // per item: index in order[rank]

    int itemCount() const { return int(rank.size()); }
    bool isDummy(int item) const { return item >= nodeCount; }
    void updatePositions(int r)
    {
        const auto &o = order[r];
        for (int i = 0; i < int(o.size()); ++i)
            pos[o[i]] = i;
    }
};

// Depth-first cycle breaking (as Graphviz): a sequence in which only edges closing a cycle in
// a depth-first search from the nodes in input order point backwards.
std::vector<int> dfsSequence(int n, const std::vector<int> &from, const std::vector<int> &to);

// Ranks for a DAG: longest path from the sources (or the hint where higher), then nodes move
// towards the side with more edges, or to their hint (>= 0) when they have one.
std::vector<int> assignRanks(int n, const std::vector<int> &from, const std::vector<int> &to,
                             const std::vector<int> &hint);

// Network simplex from a feasible ranking: the least total edge length (at most maxIterations
// exchanges). Ranks are normalised to start at 0.
void minimiseEdgeLength(int n, const std::vector<int> &from, const std::vector<int> &to,
                        std::vector<int> &rank, int maxIterations);

struct OrderingParams
{
    int sweeps = 12;
    int transposePasses = 4;
    double stability = 0.0; // weight of anchorKey against the barycenter
    std::vector<double> anchorKey; // per item, < 0: none (an earlier vertical place)
    bool reorderGroups = true;
    bool median = false; // weighted median, else barycenter
    int starts = 1; // initial orders tried (neighbour keys from the left, breadth-first, ...)
    int onlyStart = -1; // >= 0: only this initial order (0 left, 1 breadth-first, 2 right)
    int transposeEvery = 1; // transposition after every n-th sweep (0: only at the end)
    int siftSweeps = 0; // sifting sweeps after the barycenter sweeps (0: none)
};

// Crossing reduction: fills g.order and g.pos, and may reorder the tree's children.
void orderRanks(Layered &g, GroupTree &tree, const OrderingParams &params);

// Crossings between consecutive ranks under the current order (Barth, Jünger, Mutzel).
long long layeredCrossings(const Layered &g);

// Sifting sweeps alone on the current order (see OrderingParams::siftSweeps).
void siftRanks(Layered &g, GroupTree &tree, int sweeps);

// Crossings of the straight segments between node centres when every node of rank r is at
// x = rankX[r]: per gap between columns, the pairs whose vertical order flips strictly. As
// countCrossings for such drawings, up to collinear touches. Duplicates do not count.
long long columnCrossings(const std::vector<double> &rankX, const std::vector<int> &rank,
                          const std::vector<double> &y, const std::vector<int> &from,
                          const std::vector<int> &to);

// Vertical bands of the boxes: per tree index.
struct Bands
{
    std::vector<double> inner; // height of a leaf's content (its tallest rank)
    std::vector<double> height, top, contentTop;
};

// Vertical centres of every item under the current order: boxes stacked in bands, items
// placed by ordered quadratic placement. anchorY (per item, NaN: none) pulls towards earlier
// places with anchorWeight.
std::vector<double> placeVertically(const Layered &g, const GroupTree &tree,
                                    const LayoutOptions &opt, const std::vector<double> &anchorY,
                                    double anchorWeight, Bands &bands);

} // namespace md::graph::detail

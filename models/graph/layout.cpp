// md::graph::layout: builds the layered graph (boxes, cycle breaking, ranks, dummies), orders
// it, places it (bands for boxes, ordered quadratic placement inside them) and routes edges.

#include "graph/layout.h"

#include "graph/layered_p.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace md::graph {

using detail::GroupTree;
using detail::Layered;

namespace {

constexpr QChar pathSeparator(0x1f);

struct UnionFind
{
    std::vector<int> parent;
    explicit UnionFind(int n)
        : parent(n)
    {
        std::iota(parent.begin(), parent.end(), 0);
    }
    int find(int x)
    {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
    void unite(int a, int b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            parent[std::max(a, b)] = std::min(a, b);
    }
};

// Builds the box tree; returns each node's leaf.
std::vector<int> buildGroups(const LayoutInput &input, const std::vector<char> &isolated,
                             const std::vector<int> &from, const std::vector<int> &to,
                             const std::vector<double> &prevY, GroupTree &tree)
{
    const int n = int(input.nodes.size());
    tree.add(-1, {}, false);
    std::vector<int> leaf(n, 0);
    const bool anyBox = std::any_of(input.nodes.begin(), input.nodes.end(),
                                    [](const LayoutNode &node) { return !node.boxPath.isEmpty(); });
    if (anyBox) {
        QHash<QString, int> boxIndex;
        std::vector<int> boxOf(n, 0);
        for (int v = 0; v < n; ++v) {
            const QStringList &path = input.nodes[v].boxPath;
            int parent = 0;
            QString key;
            for (int d = 0; d < path.size(); ++d) {
                key += path[d];
                key += pathSeparator;
                auto it = boxIndex.constFind(key);
                if (it == boxIndex.constEnd())
                    it = boxIndex.insert(key, tree.add(parent, path.mid(0, d + 1), true));
                parent = it.value();
            }
            boxOf[v] = parent;
        }
        // A box holding nodes and boxes keeps its own nodes in an invisible child.
        const int boxCount = tree.size();
        std::vector<char> hasDirect(boxCount, 0);
        for (int v = 0; v < n; ++v)
            hasDirect[boxOf[v]] = 1;
        std::vector<int> direct(boxCount, -1);
        for (int b = 0; b < boxCount; ++b)
            if (hasDirect[b] && !tree.children[b].empty())
                direct[b] = tree.add(b, tree.path[b], false);
        for (int v = 0; v < n; ++v)
            leaf[v] = direct[boxOf[v]] >= 0 ? direct[boxOf[v]] : boxOf[v];
    } else {
        UnionFind uf(n);
        for (size_t e = 0; e < from.size(); ++e)
            uf.unite(from[e], to[e]);
        std::vector<int> size(n, 0);
        for (int v = 0; v < n; ++v)
            if (!isolated[v])
                ++size[uf.find(v)];
        std::vector<int> roots;
        for (int v = 0; v < n; ++v)
            if (!isolated[v] && uf.find(v) == v)
                roots.push_back(v);
        std::stable_sort(roots.begin(), roots.end(),
                         [&](int a, int b) { return size[a] > size[b]; });
        std::vector<int> groupOfRoot(n, -1);
        for (int root : roots)
            groupOfRoot[root] = tree.add(0, {}, false);
        int isolatedGroup = -1;
        for (int v = 0; v < n; ++v) {
            if (isolated[v]) {
                if (isolatedGroup < 0)
                    isolatedGroup = tree.add(0, {}, false);
                leaf[v] = isolatedGroup;
            } else {
                leaf[v] = groupOfRoot[uf.find(v)];
            }
        }
    }
    // With a previous layout, siblings start in their previous vertical order.
    if (!prevY.empty()) {
        std::vector<double> sum(tree.size(), 0.0), count(tree.size(), 0.0);
        for (int v = 0; v < n; ++v)
            if (!std::isnan(prevY[v])) {
                sum[leaf[v]] += prevY[v];
                count[leaf[v]] += 1;
            }
        for (int t = tree.size() - 1; t > 0; --t) {
            sum[tree.parent[t]] += sum[t];
            count[tree.parent[t]] += count[t];
        }
        for (auto &c : tree.children)
            std::stable_sort(c.begin(), c.end(), [&](int a, int b) {
                const double va
                    = count[a] > 0 ? sum[a] / count[a] : std::numeric_limits<double>::infinity();
                const double vb
                    = count[b] > 0 ? sum[b] / count[b] : std::numeric_limits<double>::infinity();
                return va < vb;
            });
    }
    return leaf;
}

QPointF clipToRect(const NodePlacement &node, QPointF toward)
{
    const double dx = toward.x() - node.x, dy = toward.y() - node.y;
    const double hw = node.width / 2, hh = node.height / 2;
    if (dx == 0 && dy == 0)
        return {node.x + hw, node.y};
    double t = std::numeric_limits<double>::infinity();
    if (dx != 0)
        t = std::min(t, hw / std::abs(dx));
    if (dy != 0)
        t = std::min(t, hh / std::abs(dy));
    return {node.x + t * dx, node.y + t * dy};
}

} // namespace

LayoutResult layout(const LayoutInput &input, const LayoutResult *previous)
{
    const LayoutOptions &opt = input.options;
    const int n = int(input.nodes.size());
    const int m = int(input.edges.size());
    LayoutResult result;
    result.nodes.resize(n);
    result.edges.resize(m);
    for (int v = 0; v < n; ++v) {
        const LayoutNode &node = input.nodes[v];
        NodePlacement &p = result.nodes[v];
        p.id = node.id;
        p.width = std::max(0.0, node.width);
        p.height = std::max(0.0, node.height);
    }
    if (n == 0)
        return result;

    // Previous places, by id.
    std::vector<int> hint(n, -1);
    std::vector<double> prevY;
    if (previous && !previous->nodes.empty()) {
        QHash<QString, int> before;
        before.reserve(int(previous->nodes.size()));
        for (int i = 0; i < int(previous->nodes.size()); ++i)
            before.insert(previous->nodes[i].id, i);
        prevY.assign(n, std::numeric_limits<double>::quiet_NaN());
        for (int v = 0; v < n; ++v) {
            const auto it = before.constFind(input.nodes[v].id);
            if (it != before.constEnd()) {
                hint[v] = previous->nodes[it.value()].rank;
                prevY[v] = previous->nodes[it.value()].y;
            }
        }
    }

    // Edges that take part: in range, not loops.
    std::vector<int> from, to, edgeOf;
    std::vector<char> isolated(n, 1);
    for (int e = 0; e < m; ++e) {
        const LayoutEdge &edge = input.edges[e];
        if (edge.source < 0 || edge.source >= n || edge.target < 0 || edge.target >= n)
            continue;
        if (edge.source == edge.target) {
            result.edges[e].selfLoop = true;
            continue;
        }
        from.push_back(edge.source);
        to.push_back(edge.target);
        edgeOf.push_back(e);
        isolated[edge.source] = isolated[edge.target] = 0;
    }
    const int k = int(from.size());

    GroupTree tree;
    const std::vector<int> leaf = buildGroups(input, isolated, from, to, prevY, tree);
    const bool anyBox = tree.size() > 0
        && std::any_of(tree.visible.begin(), tree.visible.end(), [](char c) { return c; });

    // Cycle breaking, then ranks.
    const std::vector<int> sequence = detail::dfsSequence(n, from, to);
    std::vector<int> dagFrom(k), dagTo(k);
    std::vector<char> reversed(k, 0);
    for (int j = 0; j < k; ++j) {
        reversed[j] = sequence[from[j]] > sequence[to[j]];
        dagFrom[j] = reversed[j] ? to[j] : from[j];
        dagTo[j] = reversed[j] ? from[j] : to[j];
    }
    std::vector<int> rank = detail::assignRanks(n, dagFrom, dagTo, hint);
    // Shortest edges (network simplex); with a previous layout the hinted ranks stay.
    if (prevY.empty())
        detail::minimiseEdgeLength(n, dagFrom, dagTo, rank, 50 * n + 1000);
    if (!anyBox) {
        // Loose nodes fill a block over the graph's ranks instead of one tall column.
        int ranks = 0, loose = 0;
        for (int v = 0; v < n; ++v) {
            if (!isolated[v])
                ranks = std::max(ranks, rank[v] + 1);
            else
                ++loose;
        }
        if (ranks == 0)
            ranks = std::max(1, int(std::ceil(std::sqrt(double(loose)))));
        int next = 0;
        for (int v = 0; v < n; ++v)
            if (isolated[v])
                rank[v] = hint[v] >= 0 ? hint[v] : next++ % ranks;
    }

    // The layered graph: nodes, then dummies along long edges.
    Layered g;
    g.nodeCount = n;
    g.rank = rank;
    g.group = leaf;
    g.height.resize(n);
    for (int v = 0; v < n; ++v)
        g.height[v] = result.nodes[v].height;
    std::vector<int> chainStart(k + 1, 0), chain;
    std::vector<int> segA, segB, segW;
    for (int j = 0; j < k; ++j) {
        const int a = dagFrom[j], b = dagTo[j];
        const int span = rank[b] - rank[a];
        chain.push_back(a);
        for (int d = 1; d < span; ++d) {
            const int item = g.itemCount();
            g.rank.push_back(rank[a] + d);
            g.group.push_back(d <= (span - 1) / 2 ? leaf[a] : leaf[b]);
            g.height.push_back(0.0);
            chain.push_back(item);
        }
        chain.push_back(b);
        chainStart[j + 1] = int(chain.size());
        for (int c = chainStart[j]; c + 1 < chainStart[j + 1]; ++c) {
            const int x = chain[c], y = chain[c + 1];
            segA.push_back(x);
            segB.push_back(y);
            // Every segment of an edge weighs its span: the chain pulls straight between its
            // ends, and pulls on them as one short edge does.
            segW.push_back(span);
        }
    }
    const int items = g.itemCount();
    g.rankCount = 1 + *std::max_element(g.rank.begin(), g.rank.end());
    auto buildAdjacency
        = [&](std::vector<int> &start, std::vector<int> &list, std::vector<int> &weights,
              const std::vector<int> &a, const std::vector<int> &b) {
              start.assign(items + 1, 0);
              for (int x : a)
                  ++start[x + 1];
              for (int i = 0; i < items; ++i)
                  start[i + 1] += start[i];
              list.resize(a.size());
              weights.resize(a.size());
              std::vector<int> fill(start.begin(), start.end() - 1);
              for (size_t s = 0; s < a.size(); ++s) {
                  list[fill[a[s]]] = b[s];
                  weights[fill[a[s]]++] = segW[s];
              }
          };
    buildAdjacency(g.downStart, g.down, g.downWeight, segA, segB);
    buildAdjacency(g.upStart, g.up, g.upWeight, segB, segA);

    // Crossing reduction.
    detail::OrderingParams params;
    params.sweeps = std::max(0, opt.crossingSweeps);
    params.transposePasses = std::max(0, opt.transposePasses);
    params.reorderGroups = prevY.empty();
    // Graphs of modest size can afford a second start (breadth-first initial order).
    params.starts = prevY.empty() && items <= 8000 ? 2 : 1;
    // Sifting after the sweeps, on fresh layouts only (with a previous one, the anchors rule).
    params.siftSweeps = prevY.empty() ? 4 : 0;
    if (!prevY.empty()) {
        params.stability = std::clamp(opt.stability, 0.0, 1.0);
        params.anchorKey.assign(items, -1.0);
        double low = std::numeric_limits<double>::infinity();
        for (int v = 0; v < n; ++v)
            if (!std::isnan(prevY[v]))
                low = std::min(low, prevY[v]);
        for (int v = 0; v < n; ++v)
            if (!std::isnan(prevY[v]))
                params.anchorKey[v] = prevY[v] - low;
    }
    // Horizontal places: one column per rank.
    std::vector<double> rankWidth(g.rankCount, 0.0), rankX(g.rankCount, 0.0);
    for (int v = 0; v < n; ++v)
        rankWidth[rank[v]] = std::max(rankWidth[rank[v]], result.nodes[v].width);
    for (int r = 0; r < g.rankCount; ++r)
        rankX[r] = r == 0
            ? rankWidth[0] / 2
            : rankX[r - 1] + rankWidth[r - 1] / 2 + opt.rankSpacing + rankWidth[r] / 2;

    // Vertical places.
    std::vector<double> anchorY(items, std::numeric_limits<double>::quiet_NaN());
    if (!prevY.empty())
        for (int v = 0; v < n; ++v)
            anchorY[v] = prevY[v];
    const double anchorWeight = prevY.empty()
        ? 0.0
        : 4.0 * std::clamp(opt.stability, 0.0, 1.0) / std::max(0.05, 1.0 - opt.stability);
    // Sifting costs about the sum of the squared rank sizes per sweep: small graphs get more
    // rounds of refinement, large ones a few (3 at 3,000 nodes and 8,500 edges).
    double siftWork = 1.0;
    {
        std::vector<double> rankSize(g.rankCount, 0.0);
        for (int i = 0; i < items; ++i)
            rankSize[g.rank[i]] += 1;
        for (double size : rankSize)
            siftWork += size * size;
    }
    std::vector<double> key(items, 0.0);
    auto straightOrder = [&](const std::vector<double> &at) {
        for (int v = 0; v < n; ++v)
            key[v] = at[v];
        for (int j = 0; j < k; ++j) {
            const int first = chainStart[j], last = chainStart[j + 1] - 1;
            const int a = chain[first], b = chain[last];
            const double xa = rankX[g.rank[a]], xb = rankX[g.rank[b]];
            for (int c = first + 1; c < last; ++c) {
                // Columns may coincide (no spacing, no widths): then by rank.
                const double t = xb > xa
                    ? (rankX[g.rank[chain[c]]] - xa) / (xb - xa)
                    : double(g.rank[chain[c]] - g.rank[a]) / double(g.rank[b] - g.rank[a]);
                key[chain[c]] = at[a] + t * (at[b] - at[a]);
            }
        }
        for (int r = 0; r < g.rankCount; ++r) {
            std::stable_sort(g.order[r].begin(), g.order[r].end(), [&](int a, int b) {
                const int ga = tree.leafKey[g.group[a]], gb = tree.leafKey[g.group[b]];
                return ga != gb ? ga < gb : key[a] < key[b];
            });
            g.updatePositions(r);
        }
    };
    auto straightCrossings = [&](const std::vector<double> &at) {
        return detail::columnCrossings(rankX, rank, at, from, to);
    };

    // Not with boxes: they fix the order between boxes, where most crossings are, and the
    // rounds found next to nothing inside them (0.03 % at 3,000 nodes for twice the time).
    const bool refine = prevY.empty() && !anyBox;
    // Fresh layouts of small graphs try three initial orders (breadth-first, from the left, from
    // the right), each ordered, placed and refined; the one with the fewest straight-line
    // crossings wins. Larger graphs, boxes and refreshes go once (params.starts).
    const bool manyStarts = refine && items <= 3000;
    const std::vector<int> startVariants
        = manyStarts ? std::vector<int> {1, 0, 2} : std::vector<int> {-1};
    const int refineRounds
        = refine ? std::clamp(int(48e6 / siftWork / double(startVariants.size())), 2, 12) : 0;
    const std::vector<std::vector<int>> startChildren = tree.children;
    long long bestOfAll = -1;
    std::vector<double> y;
    detail::Bands bands;
    std::vector<std::vector<int>> chosenOrder, chosenChildren;
    for (int variant : startVariants) {
        tree.children = startChildren;
        params.onlyStart = variant;
        detail::orderRanks(g, tree, params);
        long long crossings = -1;
        detail::Bands placedBands;
        std::vector<double> placed
            = detail::placeVertically(g, tree, opt, anchorY, anchorWeight, placedBands);
        if (refineRounds > 0) {
            // What the eye (and the benchmark) sees cross are the straight lines between node
            // centres, not the routes through the dummies: order every rank as those lines
            // pass it, sift again from there and place again; keep the best.
            crossings = straightCrossings(placed);
            detail::Bands roundBands;
            std::vector<std::vector<int>> bestOrder = g.order;
            int sinceBest = 0;
            std::vector<double> current = placed;
            for (int round = 0; round < refineRounds && sinceBest < 8; ++round, ++sinceBest) {
                straightOrder(current);
                detail::siftRanks(g, tree, 2);
                current = detail::placeVertically(g, tree, opt, anchorY, anchorWeight, roundBands);
                const long long c = straightCrossings(current);
                if (c < crossings) {
                    sinceBest = 0;
                    crossings = c;
                    placed = current;
                    placedBands = roundBands;
                    bestOrder = g.order;
                }
            }
            g.order = std::move(bestOrder);
        }
        if (bestOfAll < 0 || (crossings >= 0 && crossings < bestOfAll)) {
            bestOfAll = crossings;
            y = std::move(placed);
            bands = std::move(placedBands);
            chosenOrder = g.order;
            chosenChildren = tree.children;
        }
    }
    g.order = std::move(chosenOrder);
    tree.children = std::move(chosenChildren);
    tree.computeLeafKeys();
    for (int r = 0; r < g.rankCount; ++r)
        g.updatePositions(r);
    const std::vector<double> &bandTop = bands.top, &bandHeight = bands.height;
    const int groups = tree.size();
    for (int v = 0; v < n; ++v) {
        NodePlacement &p = result.nodes[v];
        p.rank = rank[v];
        p.x = rankX[rank[v]];
        p.y = y[v];
    }
    result.rankCount = g.rankCount;

    // Routes.
    QRectF bounds;
    for (const NodePlacement &p : result.nodes)
        bounds = bounds.united(p.rect());
    for (int j = 0; j < k; ++j) {
        EdgeRoute &route = result.edges[edgeOf[j]];
        route.reversed = reversed[j];
        std::vector<QPointF> &pts = route.points;
        pts.reserve(chainStart[j + 1] - chainStart[j]);
        for (int c = chainStart[j]; c < chainStart[j + 1]; ++c)
            pts.emplace_back(rankX[g.rank[chain[c]]], y[chain[c]]);
        if (route.reversed)
            std::reverse(pts.begin(), pts.end());
        const NodePlacement &s = result.nodes[from[j]];
        const NodePlacement &t = result.nodes[to[j]];
        const QPointF second = pts[1], beforeLast = pts[pts.size() - 2];
        pts.front() = clipToRect(s, second);
        pts.back() = clipToRect(t, beforeLast);
    }
    for (int e = 0; e < m; ++e) {
        EdgeRoute &route = result.edges[e];
        if (!route.selfLoop)
            continue;
        const NodePlacement &p = result.nodes[input.edges[e].source];
        const double right = p.x + p.width / 2, reach = std::min(opt.rankSpacing / 3, 24.0);
        const double dy = std::max(2.0, p.height / 4);
        route.points = {{right, p.y - dy},
                        {right + reach, p.y - dy},
                        {right + reach, p.y + dy},
                        {right, p.y + dy}};
    }
    for (const EdgeRoute &route : result.edges)
        for (const QPointF &pt : route.points)
            bounds = bounds.united(QRectF(pt, QSizeF(0, 0)));

    // Boxes: bands in y, the extent of what they hold in x.
    std::vector<double> minX(groups, std::numeric_limits<double>::infinity());
    std::vector<double> maxX(groups, -std::numeric_limits<double>::infinity());
    for (int v = 0; v < n; ++v) {
        const NodePlacement &p = result.nodes[v];
        minX[leaf[v]] = std::min(minX[leaf[v]], p.x - p.width / 2);
        maxX[leaf[v]] = std::max(maxX[leaf[v]], p.x + p.width / 2);
    }
    for (int t = groups - 1; t > 0; --t) {
        const double pad = tree.visible[t] ? opt.boxPadding : 0.0;
        const int parent = tree.parent[t];
        minX[parent] = std::min(minX[parent], minX[t] - pad);
        maxX[parent] = std::max(maxX[parent], maxX[t] + pad);
    }
    for (int t = 0; t < groups; ++t) {
        if (!tree.visible[t] || !std::isfinite(minX[t]))
            continue;
        BoxPlacement box;
        box.path = tree.path[t];
        box.rect = QRectF(minX[t] - opt.boxPadding, bandTop[t],
                          maxX[t] - minX[t] + 2 * opt.boxPadding, bandHeight[t]);
        bounds = bounds.united(box.rect);
        result.boxes.push_back(box);
    }
    result.bounds = bounds;
    return result;
}

} // namespace md::graph

// Crossing reduction of md::graph's layout: sifting, the straight-line crossing count the
// refinement uses, and crossing-free drawings where one exists.

#include "graph/layered_p.h"
#include "graph/layout.h"

#include <QTest>

#include <algorithm>
#include <numeric>

using namespace md::graph;

namespace {

struct Lcg
{
    quint64 state;
    int below(int n)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((state >> 33) % quint64(n));
    }
    double unit() { return below(1 << 30) / double(1 << 30); }
};

// A layered graph of real items only (no dummies): ranks, edges (from rank r to r + 1) and a
// start order per rank, all in one box.
detail::Layered layered(const std::vector<int> &rank, const std::vector<std::pair<int, int>> &edges,
                        const std::vector<std::vector<int>> &order)
{
    detail::Layered g;
    const int n = int(rank.size());
    g.nodeCount = n;
    g.rankCount = int(order.size());
    g.rank = rank;
    g.group.assign(n, 1);
    g.height.assign(n, 10.0);
    auto build = [&](std::vector<int> &start, std::vector<int> &list, std::vector<int> &weight,
                     bool down) {
        start.assign(n + 1, 0);
        for (const auto &[a, b] : edges)
            ++start[(down ? a : b) + 1];
        for (int i = 0; i < n; ++i)
            start[i + 1] += start[i];
        list.resize(edges.size());
        weight.assign(edges.size(), 1);
        std::vector<int> fill(start.begin(), start.end() - 1);
        for (const auto &[a, b] : edges)
            list[fill[down ? a : b]++] = down ? b : a;
    };
    build(g.downStart, g.down, g.downWeight, true);
    build(g.upStart, g.up, g.upWeight, false);
    g.order = order;
    g.pos.assign(n, 0);
    for (int r = 0; r < g.rankCount; ++r)
        g.updatePositions(r);
    return g;
}

detail::GroupTree oneBox()
{
    detail::GroupTree tree;
    tree.add(-1, {}, false);
    tree.add(0, {}, false);
    tree.computeLeafKeys();
    return tree;
}

} // namespace

class tst_GraphCrossings : public QObject
{
    Q_OBJECT

private slots:
    void siftingUntanglesMatchings();
    void siftingNeverAddsCrossings();
    void columnCrossingsMatchCountCrossings();
    void treesAreDrawnWithoutCrossings();
};

// Two ranks joined by a perfect matching in a shuffled order: crossing-free orders exist, and
// every tangled order has an improving move (an adjacent inverted pair), so sifting must end
// at zero. A node can also have to travel far: that takes moves beyond adjacent swaps.
void tst_GraphCrossings::siftingUntanglesMatchings()
{
    Lcg rng {11};
    for (int round = 0; round < 20; ++round) {
        const int k = 3 + rng.below(8);
        std::vector<int> rank(2 * k);
        std::vector<std::vector<int>> order(2);
        for (int i = 0; i < k; ++i) {
            rank[i] = 0;
            rank[k + i] = 1;
            order[0].push_back(i);
            order[1].push_back(k + i);
        }
        std::vector<int> partner(k);
        std::iota(partner.begin(), partner.end(), k);
        for (int i = k - 1; i > 0; --i)
            std::swap(partner[i], partner[rng.below(i + 1)]);
        std::vector<std::pair<int, int>> edges;
        for (int i = 0; i < k; ++i)
            edges.emplace_back(i, partner[i]);
        detail::Layered g = layered(rank, edges, order);
        detail::GroupTree tree = oneBox();
        detail::siftRanks(g, tree, k * k);
        QCOMPARE(detail::layeredCrossings(g), 0LL);
        for (int r = 0; r < 2; ++r) {
            std::vector<int> sorted = g.order[r];
            std::sort(sorted.begin(), sorted.end());
            QCOMPARE(sorted, order[r]); // a permutation of the same items
        }
    }
    // The node at the bottom of rank 1 belongs at the top: one move does it.
    detail::Layered g = layered({0, 0, 0, 0, 1, 1, 1, 1}, {{0, 7}, {1, 4}, {2, 5}, {3, 6}},
                                {{0, 1, 2, 3}, {4, 5, 6, 7}});
    detail::GroupTree tree = oneBox();
    QCOMPARE(detail::layeredCrossings(g), 3LL);
    detail::siftRanks(g, tree, 1);
    QCOMPARE(detail::layeredCrossings(g), 0LL);
}

// Random three-rank graphs: sifting only moves items when that lowers the crossings.
void tst_GraphCrossings::siftingNeverAddsCrossings()
{
    Lcg rng {5};
    for (int round = 0; round < 50; ++round) {
        std::vector<int> rank;
        std::vector<std::vector<int>> order(3);
        for (int r = 0; r < 3; ++r) {
            const int count = 2 + rng.below(7);
            for (int i = 0; i < count; ++i) {
                order[r].push_back(int(rank.size()));
                rank.push_back(r);
            }
        }
        std::vector<std::pair<int, int>> edges;
        for (int r = 0; r < 2; ++r) {
            const int count = 1 + rng.below(3 * int(order[r].size()));
            for (int e = 0; e < count; ++e)
                edges.emplace_back(order[r][rng.below(int(order[r].size()))],
                                   order[r + 1][rng.below(int(order[r + 1].size()))]);
        }
        detail::Layered g = layered(rank, edges, order);
        detail::GroupTree tree = oneBox();
        const long long before = detail::layeredCrossings(g);
        detail::siftRanks(g, tree, 4);
        QVERIFY(detail::layeredCrossings(g) <= before);
    }
}

// The refinement's fast count (per gap between columns) agrees with countCrossings, the
// benchmark's metric, on random drawings with nodes in columns (duplicates and reversed
// duplicates included).
void tst_GraphCrossings::columnCrossingsMatchCountCrossings()
{
    Lcg rng {23};
    for (int round = 0; round < 30; ++round) {
        const int columns = 2 + rng.below(5);
        std::vector<double> rankX(columns);
        for (int c = 0; c < columns; ++c)
            rankX[c] = c == 0 ? 0.0 : rankX[c - 1] + 50 + rng.below(100);
        const int n = 4 + rng.below(30);
        LayoutInput input;
        LayoutResult result;
        std::vector<int> rank(n);
        std::vector<double> y(n);
        for (int v = 0; v < n; ++v) {
            rank[v] = rng.below(columns);
            y[v] = 1000 * rng.unit();
            input.nodes.push_back({QStringLiteral("n%1").arg(v), 10, 10, {}});
            NodePlacement p;
            p.x = rankX[rank[v]];
            p.y = y[v];
            p.rank = rank[v];
            result.nodes.push_back(p);
        }
        std::vector<int> from, to;
        const int m = rng.below(3 * n);
        for (int e = 0; e < m; ++e) {
            const int a = rng.below(n), b = rng.below(n);
            if (rank[a] == rank[b])
                continue;
            input.edges.push_back({a, b});
            from.push_back(a);
            to.push_back(b);
            if (rng.below(5) == 0) { // a duplicate, maybe reversed
                input.edges.push_back({b, a});
                from.push_back(b);
                to.push_back(a);
            }
        }
        QCOMPARE(detail::columnCrossings(rankX, rank, y, from, to),
                 md::graph::countCrossings(result, input));
    }
}

// A tree (edges from a parent to its children, one root) has a crossing-free layered drawing;
// the layout finds one and the straight segments between centres do not cross either.
void tst_GraphCrossings::treesAreDrawnWithoutCrossings()
{
    Lcg rng {3};
    for (int round = 0; round < 10; ++round) {
        LayoutInput input;
        const int n = 20 + rng.below(120);
        for (int v = 0; v < n; ++v) {
            input.nodes.push_back({QStringLiteral("t%1").arg(v), 60, 30, {}});
            if (v > 0)
                input.edges.push_back({rng.below(v), v});
        }
        const LayoutResult result = layout(input);
        QCOMPARE(md::graph::countCrossings(result, input), 0LL);
        for (const LayoutEdge &e : input.edges)
            QCOMPARE(result.nodes[e.target].rank, result.nodes[e.source].rank + 1);
    }
}

QTEST_GUILESS_MAIN(tst_GraphCrossings)
#include "tst_graph_crossings.moc"

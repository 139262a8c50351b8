// Figures about a layout: crossings of straight segments, displacement between two results.

#include "graph/layout.h"

#include "graph/layered_p.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <utility>

namespace md::graph {

namespace {

struct Segment
{
    double x1, y1, x2, y2; // x1 <= x2
    double minY, maxY;
    int a, b; // endpoints (node indices)
};

inline double orient(double ax, double ay, double bx, double by, double cx, double cy)
{
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

} // namespace

long long countCrossings(const LayoutResult &result, const LayoutInput &input)
{
    const int n = int(std::min(result.nodes.size(), input.nodes.size()));
    std::vector<std::pair<int, int>> pairs;
    pairs.reserve(input.edges.size());
    for (const LayoutEdge &e : input.edges) {
        if (e.source < 0 || e.target < 0 || e.source >= n || e.target >= n || e.source == e.target)
            continue;
        pairs.emplace_back(std::min(e.source, e.target), std::max(e.source, e.target));
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<Segment> segments;
    segments.reserve(pairs.size());
    for (const auto &[a, b] : pairs) {
        const NodePlacement &p = result.nodes[a], &q = result.nodes[b];
        Segment s;
        if (p.x < q.x || (p.x == q.x && p.y <= q.y))
            s = {p.x, p.y, q.x, q.y, 0, 0, a, b};
        else
            s = {q.x, q.y, p.x, p.y, 0, 0, a, b};
        s.minY = std::min(s.y1, s.y2);
        s.maxY = std::max(s.y1, s.y2);
        segments.push_back(s);
    }
    std::sort(segments.begin(), segments.end(), [](const Segment &l, const Segment &r) {
        return l.x1 != r.x1 ? l.x1 < r.x1 : l.x2 < r.x2;
    });
    long long crossings = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
        const Segment &s = segments[i];
        for (size_t j = i + 1; j < segments.size() && segments[j].x1 <= s.x2; ++j) {
            const Segment &t = segments[j];
            if (t.minY > s.maxY || t.maxY < s.minY)
                continue;
            if (s.a == t.a || s.a == t.b || s.b == t.a || s.b == t.b)
                continue;
            const double o1 = orient(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1);
            const double o2 = orient(s.x1, s.y1, s.x2, s.y2, t.x2, t.y2);
            if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0) || o1 == 0 || o2 == 0)
                continue;
            const double o3 = orient(t.x1, t.y1, t.x2, t.y2, s.x1, s.y1);
            const double o4 = orient(t.x1, t.y1, t.x2, t.y2, s.x2, s.y2);
            if ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))
                ++crossings;
        }
    }
    return crossings;
}

namespace detail {

long long columnCrossings(const std::vector<double> &rankX, const std::vector<int> &rank,
                          const std::vector<double> &y, const std::vector<int> &from,
                          const std::vector<int> &to)
{
    const int columns = int(rankX.size());
    std::vector<std::pair<int, int>> pairs;
    pairs.reserve(from.size());
    for (size_t e = 0; e < from.size(); ++e) {
        int a = from[e], b = to[e];
        if (rank[a] > rank[b])
            std::swap(a, b);
        if (rank[a] != rank[b])
            pairs.emplace_back(a, b);
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    // Where every segment passes each column it spans: (left y, right y) per gap.
    std::vector<std::vector<std::pair<double, double>>> gap(std::max(0, columns - 1));
    for (const auto &pair : pairs) {
        const int a = pair.first, b = pair.second; // plain locals: lambdas capture them
        const double xa = rankX[rank[a]], xb = rankX[rank[b]];
        auto at = [&](int r) {
            const double t = xb > xa ? (rankX[r] - xa) / (xb - xa)
                                     : double(r - rank[a]) / double(rank[b] - rank[a]);
            return y[a] + t * (y[b] - y[a]);
        };
        double left = y[a];
        for (int r = rank[a]; r < rank[b]; ++r) {
            const double right = r + 1 == rank[b] ? y[b] : at(r + 1);
            gap[r].emplace_back(left, right);
            left = right;
        }
    }
    // Two straight segments cross inside a gap when their order flips strictly across it.
    long long count = 0;
    std::vector<double> rights;
    std::vector<int> tree;
    for (auto &list : gap) {
        std::sort(list.begin(), list.end());
        rights.clear();
        for (const auto &p : list)
            rights.push_back(p.second);
        std::sort(rights.begin(), rights.end());
        rights.erase(std::unique(rights.begin(), rights.end()), rights.end());
        const int size = int(rights.size());
        tree.assign(size + 1, 0);
        int inserted = 0;
        for (const auto &p : list) {
            const int index
                = int(std::lower_bound(rights.begin(), rights.end(), p.second) - rights.begin())
                + 1;
            // Earlier segments (y not greater on the left) whose y is strictly greater on the
            // right: their order flips.
            int notAbove = 0;
            for (int i = index; i > 0; i -= i & -i)
                notAbove += tree[i];
            count += inserted - notAbove;
            for (int i = index; i <= size; i += i & -i)
                ++tree[i];
            ++inserted;
        }
    }
    return count;
}

} // namespace detail

double meanDisplacement(const LayoutResult &before, const LayoutResult &after)
{
    QHash<QString, int> index;
    index.reserve(int(before.nodes.size()));
    for (int i = 0; i < int(before.nodes.size()); ++i)
        index.insert(before.nodes[i].id, i);
    double sum = 0;
    int count = 0;
    for (const NodePlacement &p : after.nodes) {
        const auto it = index.constFind(p.id);
        if (it == index.constEnd())
            continue;
        const NodePlacement &q = before.nodes[it.value()];
        sum += std::hypot(p.x - q.x, p.y - q.y);
        ++count;
    }
    if (count == 0 || after.bounds.width() <= 0)
        return 0.0;
    return sum / count / after.bounds.width();
}

} // namespace md::graph

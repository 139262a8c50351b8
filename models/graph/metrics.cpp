// Figures about a layout: crossings of straight segments, displacement between two results.

#include "graph/layout.h"

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

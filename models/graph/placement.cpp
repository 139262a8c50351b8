// Vertical placement of md::graph's layout: bands for boxes, then ordered quadratic placement
// (isotonic regression per run, Gauss-Seidel over the ranks) inside them.

#include "graph/layered_p.h"

#include <algorithm>
#include <cmath>

namespace md::graph::detail {

namespace {

// Weighted isotonic regression (pool adjacent violators): z non-decreasing, minimising
// sum w (z - target)^2. In place on target.
void isotonic(std::vector<double> &target, const std::vector<double> &weight,
              std::vector<double> &blockValue, std::vector<double> &blockWeight,
              std::vector<int> &blockSize)
{
    blockValue.clear();
    blockWeight.clear();
    blockSize.clear();
    for (size_t i = 0; i < target.size(); ++i) {
        blockValue.push_back(target[i]);
        blockWeight.push_back(weight[i]);
        blockSize.push_back(1);
        while (blockValue.size() > 1 && blockValue[blockValue.size() - 2] > blockValue.back()) {
            const size_t b = blockValue.size() - 1;
            const double w = blockWeight[b - 1] + blockWeight[b];
            blockValue[b - 1]
                = (blockValue[b - 1] * blockWeight[b - 1] + blockValue[b] * blockWeight[b]) / w;
            blockWeight[b - 1] = w;
            blockSize[b - 1] += blockSize[b];
            blockValue.pop_back();
            blockWeight.pop_back();
            blockSize.pop_back();
        }
    }
    size_t i = 0;
    for (size_t b = 0; b < blockValue.size(); ++b)
        for (int k = 0; k < blockSize[b]; ++k)
            target[i++] = blockValue[b];
}

} // namespace

std::vector<double> placeVertically(const Layered &g, const GroupTree &tree,
                                    const LayoutOptions &opt, const std::vector<double> &anchorY,
                                    double anchorWeight, Bands &bands)
{
    // Bands: every leaf gets the height of its tallest rank; boxes stack their children.
    auto gapBetween = [&](int a, int b) {
        const bool real = !g.isDummy(a) && !g.isDummy(b);
        return (g.height[a] + g.height[b]) / 2 + (real ? opt.nodeSpacing : opt.edgeSpacing);
    };
    const int groups = tree.size();
    std::vector<double> &inner = bands.inner;
    inner.assign(groups, 0.0);
    for (int r = 0; r < g.rankCount; ++r) {
        const auto &o = g.order[r];
        for (size_t s = 0; s < o.size();) {
            size_t e = s + 1;
            double span = g.height[o[s]];
            while (e < o.size() && g.group[o[e]] == g.group[o[s]]) {
                span += gapBetween(o[e - 1], o[e]) - (g.height[o[e - 1]] + g.height[o[e]]) / 2
                    + g.height[o[e]];
                ++e;
            }
            inner[g.group[o[s]]] = std::max(inner[g.group[o[s]]], span);
            s = e;
        }
    }
    const double boxChrome = 2 * opt.boxPadding + opt.boxLabelHeight;
    std::vector<double> &bandHeight = bands.height, &bandTop = bands.top,
                        &contentTop = bands.contentTop;
    bandHeight.assign(groups, 0.0);
    bandTop.assign(groups, 0.0);
    contentTop.assign(groups, 0.0);
    for (int t = groups - 1; t >= 0; --t) {
        double h = inner[t];
        const auto &c = tree.children[t];
        if (!c.empty()) {
            h = 0;
            for (int child : c)
                h += bandHeight[child];
            h += opt.boxSpacing * double(c.size() - 1);
        }
        bandHeight[t] = h + (tree.visible[t] ? boxChrome : 0.0);
    }
    for (int t = 0; t < groups; ++t) {
        contentTop[t] = bandTop[t] + (tree.visible[t] ? opt.boxPadding + opt.boxLabelHeight : 0);
        double cursor = contentTop[t];
        for (int child : tree.children[t]) {
            bandTop[child] = cursor;
            cursor += bandHeight[child] + opt.boxSpacing;
        }
    }

    // Vertical places: ordered quadratic placement, run by run (a run is one box in one rank).
    std::vector<double> y(g.itemCount(), 0.0);
    struct Run
    {
        int rank, begin, end;
    };
    std::vector<Run> runs;
    std::vector<double> offset(g.itemCount(), 0.0); // from the run's first item
    for (int r = 0; r < g.rankCount; ++r) {
        const auto &o = g.order[r];
        for (int s = 0; s < int(o.size());) {
            int e = s + 1;
            while (e < int(o.size()) && g.group[o[e]] == g.group[o[s]])
                ++e;
            runs.push_back({r, s, e});
            offset[o[s]] = 0;
            for (int i = s + 1; i < e; ++i)
                offset[o[i]] = offset[o[i - 1]] + gapBetween(o[i - 1], o[i]);
            const double span = offset[o[e - 1]] + (g.height[o[s]] + g.height[o[e - 1]]) / 2;
            const int leafGroup = g.group[o[s]];
            const double start
                = contentTop[leafGroup] + (inner[leafGroup] - span) / 2 + g.height[o[s]] / 2;
            for (int i = s; i < e; ++i)
                y[o[i]] = start + offset[o[i]];
            s = e;
        }
    }
    std::vector<double> target, weight, bv, bw;
    std::vector<int> bs;
    std::vector<size_t> runsOfRank(g.rankCount + 1, 0);
    for (const Run &run : runs)
        ++runsOfRank[run.rank + 1];
    for (int r = 0; r < g.rankCount; ++r)
        runsOfRank[r + 1] += runsOfRank[r];
    const int iterations = 24;
    for (int it = 0; it < iterations; ++it) {
        for (int step = 0; step < g.rankCount; ++step) {
            const int r = it % 2 == 0 ? step : g.rankCount - 1 - step;
            const auto &o = g.order[r];
            for (size_t ri = runsOfRank[r]; ri < runsOfRank[r + 1]; ++ri) {
                const Run &run = runs[ri];
                target.clear();
                weight.clear();
                for (int p = run.begin; p < run.end; ++p) {
                    const int i = o[p];
                    double sum = 0, w = 0;
                    for (int e = g.upStart[i]; e < g.upStart[i + 1]; ++e) {
                        sum += g.upWeight[e] * y[g.up[e]];
                        w += g.upWeight[e];
                    }
                    for (int e = g.downStart[i]; e < g.downStart[i + 1]; ++e) {
                        sum += g.downWeight[e] * y[g.down[e]];
                        w += g.downWeight[e];
                    }
                    if (i < int(anchorY.size()) && !std::isnan(anchorY[i])) {
                        const double wa = anchorWeight * std::max(1.0, w);
                        sum += wa * anchorY[i];
                        w += wa;
                    }
                    if (w == 0) {
                        sum = y[i] * 0.01;
                        w = 0.01;
                    }
                    target.push_back(sum / w - offset[i]);
                    weight.push_back(w);
                }
                isotonic(target, weight, bv, bw, bs);
                const int leafGroup = g.group[o[run.begin]];
                const int last = o[run.end - 1];
                const double lo = contentTop[leafGroup] + g.height[o[run.begin]] / 2;
                const double hi
                    = contentTop[leafGroup] + inner[leafGroup] - g.height[last] / 2 - offset[last];
                for (int p = run.begin; p < run.end; ++p) {
                    const double z = std::clamp(target[p - run.begin], lo, std::max(lo, hi));
                    y[o[p]] = z + offset[o[p]];
                }
            }
        }
    }

    return y;
}

} // namespace md::graph::detail

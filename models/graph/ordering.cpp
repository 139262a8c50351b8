// Crossing reduction of md::graph's layout: barycenter sweeps with boxes kept contiguous,
// the best order kept, then adjacent transpositions.

#include "graph/layered_p.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

namespace md::graph::detail {

void GroupTree::computeLeafKeys()
{
    int next = 0;
    std::vector<int> stack {0};
    while (!stack.empty()) {
        const int g = stack.back();
        stack.pop_back();
        if (children[g].empty())
            leafKey[g] = next++;
        for (auto it = children[g].rbegin(); it != children[g].rend(); ++it)
            stack.push_back(*it);
    }
}

namespace {

// Inversions of the segments between ranks r and r + 1, counted with an accumulator tree.
long long crossingsBetween(const Layered &g, int r, std::vector<int> &targets,
                           std::vector<long long> &tree)
{
    const auto &top = g.order[r];
    const int bottomSize = int(g.order[r + 1].size());
    targets.clear();
    for (int a : top) {
        const size_t first = targets.size();
        for (int i = g.downStart[a]; i < g.downStart[a + 1]; ++i)
            targets.push_back(g.pos[g.down[i]]);
        std::sort(targets.begin() + first, targets.end());
    }
    if (targets.size() < 2)
        return 0;
    int firstIndex = 1;
    while (firstIndex < bottomSize)
        firstIndex *= 2;
    tree.assign(2 * firstIndex, 0);
    --firstIndex;
    long long count = 0;
    for (int t : targets) {
        int index = t + firstIndex;
        ++tree[index];
        while (index > 0) {
            if (index % 2)
                count += tree[index + 1];
            index = (index - 1) / 2;
            ++tree[index];
        }
    }
    return count;
}

// Pairs (a in A, b in B) with a > b, A and B sorted.
long long inversions(const int *a, int na, const int *b, int nb)
{
    long long count = 0;
    int j = 0;
    for (int i = 0; i < na; ++i) {
        while (j < nb && b[j] < a[i])
            ++j;
        count += j;
    }
    return count;
}

class Orderer
{
public:
    Orderer(Layered &g, GroupTree &tree, const OrderingParams &params)
        : g(g)
        , tree(tree)
        , params(params)
    { }

    void run()
    {
        long long best = -1;
        std::vector<std::vector<int>> bestOrder;
        std::vector<std::vector<int>> bestChildren;
        const std::vector<std::vector<int>> startChildren = tree.children;
        const int starts = std::max(1, params.starts);
        const int firstStart = params.onlyStart >= 0 ? params.onlyStart : 0;
        const int lastStart = params.onlyStart >= 0 ? params.onlyStart + 1 : starts;
        for (int start = firstStart; start < lastStart; ++start) {
            tree.children = startChildren;
            tree.computeLeafKeys();
            std::fill(groupSum.begin(), groupSum.end(), 0.0);
            std::fill(groupCount.begin(), groupCount.end(), 0.0);
            initialOrder(start);
            long long c = layeredCrossings(g);
            if (best < 0 || c < best) {
                best = c;
                bestOrder = g.order;
                bestChildren = tree.children;
            }
            for (int sweep = 0; sweep < params.sweeps && best > 0; ++sweep) {
                const bool downwards = (sweep + start) % 2 == 0;
                if (downwards) {
                    for (int r = 1; r < g.rankCount; ++r)
                        sortRank(r, true);
                } else {
                    for (int r = g.rankCount - 2; r >= 0; --r)
                        sortRank(r, false);
                }
                if (params.transposeEvery > 0
                    && sweep % params.transposeEvery == params.transposeEvery - 1)
                    for (int pass = 0; pass < params.transposePasses; ++pass) {
                        bool improved = false;
                        for (int r = 0; r < g.rankCount; ++r)
                            improved |= transposeRank(r, sweep % 4 >= 2);
                        if (!improved)
                            break;
                    }
                if (params.reorderGroups && tree.size() > 2 && sweep < params.sweeps - 2
                    && sweep % 2 == 1)
                    reorderGroups();
                c = layeredCrossings(g);
                if (c < best) {
                    best = c;
                    bestOrder = g.order;
                    bestChildren = tree.children;
                }
            }
        }
        g.order = std::move(bestOrder);
        tree.children = std::move(bestChildren);
        tree.computeLeafKeys();
        for (int r = 0; r < g.rankCount; ++r)
            g.updatePositions(r);
        for (int pass = 0; pass < params.transposePasses; ++pass) {
            bool improved = false;
            for (int r = 0; r < g.rankCount; ++r)
                improved |= transposeRank(r, false);
            if (!improved)
                break;
        }
        sift();
    }

private:
    Layered &g;
    GroupTree &tree;
    const OrderingParams &params;
    std::vector<double> key;
    std::vector<double> anchorPos;
    std::vector<double> groupSum, groupCount;
    std::vector<int> scratch;

    void sortByKey(int r)
    {
        auto &o = g.order[r];
        const auto &leafKey = tree.leafKey;
        std::sort(o.begin(), o.end(), [&](int a, int b) {
            const int ga = leafKey[g.group[a]], gb = leafKey[g.group[b]];
            if (ga != gb)
                return ga < gb;
            if (key[a] != key[b])
                return key[a] < key[b];
            return g.pos[a] < g.pos[b];
        });
        g.updatePositions(r);
    }

    // A first order: anchors where given, else the mean key of the neighbours already placed
    // (a breadth-first flavour), else the input order.
    void initialOrder(int variant)
    {
        const int n = g.itemCount();
        key.assign(n, 0.0);
        std::vector<char> known(n, 0);
        for (int i = 0; i < n; ++i)
            if (i < int(params.anchorKey.size()) && params.anchorKey[i] >= 0) {
                key[i] = params.anchorKey[i];
                known[i] = 1;
            }
        const bool anchored = std::any_of(known.begin(), known.end(), [](char k) { return k; });
        std::vector<std::vector<int>> byRank(g.rankCount);
        for (int i = 0; i < n; ++i)
            byRank[g.rank[i]].push_back(i);
        auto fromNeighbours
            = [&](int i, const std::vector<int> &start, const std::vector<int> &list) {
                  double sum = 0;
                  int count = 0;
                  for (int k = start[i]; k < start[i + 1]; ++k)
                      if (known[list[k]]) {
                          sum += key[list[k]];
                          ++count;
                      }
                  if (count == 0)
                      return false;
                  key[i] = sum / count;
                  known[i] = 1;
                  return true;
              };
        if (!anchored && variant == 0) {
            // The leftmost rank in input order; the others follow their neighbours.
            for (int i : byRank[0]) {
                key[i] = i;
                known[i] = 1;
            }
        } else if (!anchored && variant == 2) {
            // The same from the right.
            for (int i : byRank[g.rankCount - 1]) {
                key[i] = i;
                known[i] = 1;
            }
        } else if (!anchored) {
            // Breadth-first over the undirected layered graph, from the leftmost rank in input
            // order (as Graphviz's build_ranks): each item's key is its visit number.
            std::vector<int> queue;
            queue.reserve(n);
            int visits = 0;
            auto visit = [&](int start) {
                if (known[start])
                    return;
                known[start] = 1;
                key[start] = visits++;
                queue.clear();
                queue.push_back(start);
                for (size_t q = 0; q < queue.size(); ++q) {
                    const int i = queue[q];
                    for (int e = g.downStart[i]; e < g.downStart[i + 1]; ++e)
                        if (!known[g.down[e]]) {
                            known[g.down[e]] = 1;
                            key[g.down[e]] = visits++;
                            queue.push_back(g.down[e]);
                        }
                    for (int e = g.upStart[i]; e < g.upStart[i + 1]; ++e)
                        if (!known[g.up[e]]) {
                            known[g.up[e]] = 1;
                            key[g.up[e]] = visits++;
                            queue.push_back(g.up[e]);
                        }
                }
            };
            for (int i : byRank[0])
                visit(i);
            for (int i = 0; i < n; ++i)
                visit(i);
        }
        for (int pass = 0; pass < 2; ++pass) {
            if (variant == 2)
                for (int r = g.rankCount - 1; r >= 0; --r)
                    for (int i : byRank[r])
                        if (!known[i])
                            fromNeighbours(i, g.downStart, g.down);
            for (int r = 0; r < g.rankCount; ++r)
                for (int i : byRank[r])
                    if (!known[i])
                        fromNeighbours(i, g.upStart, g.up);
            for (int r = g.rankCount - 1; r >= 0; --r)
                for (int i : byRank[r])
                    if (!known[i])
                        fromNeighbours(i, g.downStart, g.down);
        }
        for (int i = 0; i < n; ++i)
            if (!known[i])
                key[i] = i;
        g.pos.assign(n, 0);
        for (int r = 0; r < g.rankCount; ++r) {
            g.order[r] = byRank[r];
            for (int k = 0; k < int(byRank[r].size()); ++k)
                g.pos[byRank[r][k]] = k;
            sortByKey(r);
        }
        anchorPos.assign(n, -1.0);
        if (params.stability > 0) {
            for (int i = 0; i < n; ++i)
                if (i < int(params.anchorKey.size()) && params.anchorKey[i] >= 0)
                    anchorPos[i] = g.pos[i];
        }
    }

    void sortRank(int r, bool fromAbove)
    {
        const auto &start = fromAbove ? g.upStart : g.downStart;
        const auto &list = fromAbove ? g.up : g.down;
        const int other = fromAbove ? r - 1 : r + 1;
        const double scale
            = g.order[r].empty() ? 1.0 : double(g.order[other].size()) / double(g.order[r].size());
        for (int i : g.order[r]) {
            const int begin = start[i], end = start[i + 1];
            double k;
            if (begin == end) {
                k = g.pos[i] * scale;
            } else if (params.median) {
                scratch.clear();
                for (int e = begin; e < end; ++e)
                    scratch.push_back(g.pos[list[e]]);
                std::sort(scratch.begin(), scratch.end());
                const int size = int(scratch.size()), mid = size / 2;
                if (size % 2 == 1)
                    k = scratch[mid];
                else if (size == 2)
                    k = (scratch[0] + scratch[1]) / 2.0;
                else {
                    // Weighted median (Gansner et al.): lean to the side packed more tightly.
                    const double left = scratch[mid - 1] - scratch[0];
                    const double right = scratch[size - 1] - scratch[mid];
                    k = left + right > 0
                        ? (scratch[mid - 1] * right + scratch[mid] * left) / (left + right)
                        : (scratch[mid - 1] + scratch[mid]) / 2.0;
                }
            } else {
                double sum = 0;
                for (int e = begin; e < end; ++e)
                    sum += g.pos[list[e]];
                k = sum / (end - begin);
            }
            if (anchorPos[i] >= 0)
                k = (1.0 - params.stability) * k + params.stability * anchorPos[i] * scale;
            key[i] = k;
            if (params.reorderGroups) {
                groupSum[g.group[i]] += k / std::max<size_t>(1, g.order[other].size());
                groupCount[g.group[i]] += 1;
            }
        }
        sortByKey(r);
    }

    // Reorders every box's children by the mean barycenter of what they hold.
    void reorderGroups()
    {
        const int count = tree.size();
        std::vector<double> sum(groupSum), weight(groupCount);
        // Children have higher indices than their parents: accumulate bottom-up.
        for (int t = count - 1; t > 0; --t) {
            sum[tree.parent[t]] += sum[t];
            weight[tree.parent[t]] += weight[t];
        }
        for (int t = 0; t < count; ++t) {
            auto &c = tree.children[t];
            if (c.size() < 2)
                continue;
            std::vector<int> rankOf(c.size());
            std::iota(rankOf.begin(), rankOf.end(), 0);
            std::vector<double> value(c.size());
            for (size_t k = 0; k < c.size(); ++k)
                value[k] = weight[c[k]] > 0 ? sum[c[k]] / weight[c[k]] : 0.5;
            std::stable_sort(rankOf.begin(), rankOf.end(),
                             [&](int a, int b) { return value[a] < value[b]; });
            std::vector<int> sorted(c.size());
            for (size_t k = 0; k < c.size(); ++k)
                sorted[k] = c[rankOf[k]];
            c = std::move(sorted);
        }
        tree.computeLeafKeys();
        std::fill(groupSum.begin(), groupSum.end(), 0.0);
        std::fill(groupCount.begin(), groupCount.end(), 0.0);
    }

public:
    void siftOnly()
    {
        for (int r = 0; r < g.rankCount; ++r)
            g.updatePositions(r);
        sift();
    }

    void prepare()
    {
        groupSum.assign(tree.size(), 0.0);
        groupCount.assign(tree.size(), 0.0);
    }

private:
    // Sorted neighbour positions (in the ranks above and below) of the items of rank r, in
    // their current order: lists of slot k at [off[k], off[k + 1]).
    struct RankLists
    {
        std::vector<int> upOff, upPos, downOff, downPos;
    };
    RankLists lists;

    void buildLists(int r)
    {
        const auto &o = g.order[r];
        const int size = int(o.size());
        lists.upOff.assign(size + 1, 0);
        lists.downOff.assign(size + 1, 0);
        lists.upPos.clear();
        lists.downPos.clear();
        for (int k = 0; k < size; ++k) {
            const int i = o[k];
            lists.upOff[k] = int(lists.upPos.size());
            for (int e = g.upStart[i]; e < g.upStart[i + 1]; ++e)
                lists.upPos.push_back(g.pos[g.up[e]]);
            std::sort(lists.upPos.begin() + lists.upOff[k], lists.upPos.end());
            lists.downOff[k] = int(lists.downPos.size());
            for (int e = g.downStart[i]; e < g.downStart[i + 1]; ++e)
                lists.downPos.push_back(g.pos[g.down[e]]);
            std::sort(lists.downPos.begin() + lists.downOff[k], lists.downPos.end());
        }
        lists.upOff[size] = int(lists.upPos.size());
        lists.downOff[size] = int(lists.downPos.size());
    }

    // side[p] for the positions p of an adjacent rank: neighbours of slot s before p minus
    // those after p.
    std::vector<int> upSide, downSide;
    static void fillSide(const int *sorted, int count, int size, std::vector<int> &side)
    {
        side.resize(size);
        int before = 0, upTo = 0; // neighbours < p, neighbours <= p
        for (int p = 0; p < size; ++p) {
            while (before < count && sorted[before] < p)
                ++before;
            if (upTo < before)
                upTo = before;
            while (upTo < count && sorted[upTo] <= p)
                ++upTo;
            side[p] = before - (count - upTo);
        }
    }
    void fillSides(int s, int upSize, int downSize)
    {
        fillSide(lists.upPos.data() + lists.upOff[s], lists.upOff[s + 1] - lists.upOff[s], upSize,
                 upSide);
        fillSide(lists.downPos.data() + lists.downOff[s], lists.downOff[s + 1] - lists.downOff[s],
                 downSize, downSide);
    }

    // Sifting (Matuszewski, Schönfeld, Molitor): every item of rank r, most connected first,
    // moves to the place within its box's run where it crosses least with both neighbouring
    // ranks. Returns the crossings saved.
    long long siftRank(int r)
    {
        auto &o = g.order[r];
        const int size = int(o.size());
        if (size < 2)
            return 0;
        buildLists(r);
        std::vector<int> line(size); // slot ids in their current order
        std::iota(line.begin(), line.end(), 0);
        std::vector<int> byDegree(size);
        std::iota(byDegree.begin(), byDegree.end(), 0);
        auto degree = [&](int k) {
            return lists.upOff[k + 1] - lists.upOff[k] + lists.downOff[k + 1] - lists.downOff[k];
        };
        std::stable_sort(byDegree.begin(), byDegree.end(),
                         [&](int a, int b) { return degree(a) > degree(b); });
        std::vector<long long> gain(size + 1);
        const int upSize = r > 0 ? int(g.order[r - 1].size()) : 0;
        const int downSize = r + 1 < g.rankCount ? int(g.order[r + 1].size()) : 0;
        long long saved = 0;
        for (int s : byDegree) {
            if (degree(s) == 0)
                continue;
            const int p = int(std::find(line.begin(), line.end(), s) - line.begin());
            const int leafGroup = g.group[o[s]];
            int begin = p, end = p + 1;
            while (begin > 0 && g.group[o[line[begin - 1]]] == leafGroup)
                --begin;
            while (end < size && g.group[o[line[end]]] == leafGroup)
                ++end;
            if (end - begin < 2)
                continue;
            // gain[j]: crossings (relative) with s inserted before the run's j-th other item.
            line.erase(line.begin() + p);
            // u above s minus s above u = the sum over u's neighbour positions p of
            // (s's neighbours before p) - (s's neighbours after p), tabulated per side.
            fillSides(s, upSize, downSize);
            long long acc = 0;
            gain[0] = 0;
            for (int j = begin; j < end - 1; ++j) {
                const int u = line[j];
                for (int e = lists.upOff[u]; e < lists.upOff[u + 1]; ++e)
                    acc += upSide[lists.upPos[e]];
                for (int e = lists.downOff[u]; e < lists.downOff[u + 1]; ++e)
                    acc += downSide[lists.downPos[e]];
                gain[j - begin + 1] = acc;
            }
            const int here = p - begin;
            int best = here;
            for (int j = 0; j < end - begin; ++j)
                if (gain[j] < gain[best]
                    || (gain[j] == gain[best] && std::abs(j - here) < std::abs(best - here)))
                    best = j;
            saved += gain[here] - gain[best];
            line.insert(line.begin() + begin + best, s);
        }
        std::vector<int> reordered(size);
        for (int k = 0; k < size; ++k)
            reordered[k] = o[line[k]];
        o = std::move(reordered);
        g.updatePositions(r);
        return saved;
    }

    void sift()
    {
        if (params.siftSweeps <= 0 || g.rankCount < 2)
            return;
        long long current = layeredCrossings(g);
        for (int sweep = 0; sweep < params.siftSweeps && current > 0; ++sweep) {
            long long saved = 0;
            if (sweep % 2 == 0)
                for (int r = 0; r < g.rankCount; ++r)
                    saved += siftRank(r);
            else
                for (int r = g.rankCount - 1; r >= 0; --r)
                    saved += siftRank(r);
            current -= saved;
            if (saved * 1000 < current)
                break;
        }
    }

    // Adjacent swaps inside a box that lower the crossings with both neighbouring ranks.
    bool transposeRank(int r, bool swapTies)
    {
        auto &o = g.order[r];
        const int size = int(o.size());
        if (size < 2)
            return false;
        // Sorted neighbour positions per item, in one flat buffer.
        std::vector<int> upOff(size + 1, 0), downOff(size + 1, 0);
        std::vector<int> upPos, downPos;
        for (int k = 0; k < size; ++k) {
            const int i = o[k];
            upOff[k] = int(upPos.size());
            for (int e = g.upStart[i]; e < g.upStart[i + 1]; ++e)
                upPos.push_back(g.pos[g.up[e]]);
            std::sort(upPos.begin() + upOff[k], upPos.end());
            downOff[k] = int(downPos.size());
            for (int e = g.downStart[i]; e < g.downStart[i + 1]; ++e)
                downPos.push_back(g.pos[g.down[e]]);
            std::sort(downPos.begin() + downOff[k], downPos.end());
        }
        upOff[size] = int(upPos.size());
        downOff[size] = int(downPos.size());
        // slot[k]: which item's lists are at position k now.
        std::vector<int> slot(size);
        std::iota(slot.begin(), slot.end(), 0);
        auto cross = [&](int a, int b) {
            // Crossings when list a is above list b.
            return inversions(upPos.data() + upOff[a], upOff[a + 1] - upOff[a],
                              upPos.data() + upOff[b], upOff[b + 1] - upOff[b])
                + inversions(downPos.data() + downOff[a], downOff[a + 1] - downOff[a],
                             downPos.data() + downOff[b], downOff[b + 1] - downOff[b]);
        };
        bool improvedAny = false;
        for (int round = 0; round < 8; ++round) {
            bool improved = false;
            for (int k = 0; k + 1 < size; ++k) {
                if (g.group[o[k]] != g.group[o[k + 1]])
                    continue;
                const int a = slot[k], b = slot[k + 1];
                const long long before = cross(a, b), after = cross(b, a);
                if (after < before || (swapTies && after == before && before > 0 && round == 0)) {
                    std::swap(o[k], o[k + 1]);
                    std::swap(slot[k], slot[k + 1]);
                    improved |= after < before;
                }
            }
            if (!improved)
                break;
            improvedAny = true;
        }
        if (improvedAny)
            g.updatePositions(r);
        return improvedAny;
    }
};

} // namespace

long long layeredCrossings(const Layered &g)
{
    std::vector<int> targets;
    std::vector<long long> tree;
    long long total = 0;
    for (int r = 0; r + 1 < g.rankCount; ++r)
        total += crossingsBetween(g, r, targets, tree);
    return total;
}

void siftRanks(Layered &g, GroupTree &tree, int sweeps)
{
    OrderingParams params;
    params.siftSweeps = sweeps;
    Orderer orderer(g, tree, params);
    orderer.prepare();
    orderer.siftOnly();
}

void orderRanks(Layered &g, GroupTree &tree, const OrderingParams &params)
{
    g.order.assign(g.rankCount, {});
    tree.computeLeafKeys();
    Orderer orderer(g, tree, params);
    orderer.prepare();
    orderer.run();
}

} // namespace md::graph::detail

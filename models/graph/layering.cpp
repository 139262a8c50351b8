// Cycle breaking and layering of md::graph's layout.

#include "graph/layered_p.h"

#include <algorithm>
#include <climits>
#include <queue>
#include <set>
#include <utility>

namespace md::graph::detail {

namespace {

struct Csr
{
    std::vector<int> start, list;
    void build(int n, const std::vector<int> &a, const std::vector<int> &b)
    {
        start.assign(n + 1, 0);
        for (int x : a)
            ++start[x + 1];
        for (int i = 0; i < n; ++i)
            start[i + 1] += start[i];
        list.resize(a.size());
        std::vector<int> fill(start.begin(), start.end() - 1);
        for (size_t e = 0; e < a.size(); ++e)
            list[fill[a[e]]++] = b[e];
    }
};

} // namespace

std::vector<int> dfsSequence(int n, const std::vector<int> &from, const std::vector<int> &to)
{
    Csr out;
    out.build(n, from, to);
    // Reverse postorder of a DFS is a topological order of the edges that are not back edges.
    std::vector<char> state(n, 0); // 0 new, 1 on the stack, 2 done
    std::vector<int> post;
    post.reserve(n);
    std::vector<std::pair<int, int>> stack;
    std::vector<int> starts;
    starts.reserve(n);
    {
        std::vector<char> hasIn(n, 0);
        for (int t : to)
            hasIn[t] = 1;
        for (int v = 0; v < n; ++v)
            if (!hasIn[v])
                starts.push_back(v);
        for (int v = 0; v < n; ++v)
            if (hasIn[v])
                starts.push_back(v);
    }
    for (int s : starts) {
        if (state[s])
            continue;
        state[s] = 1;
        stack.push_back({s, out.start[s]});
        while (!stack.empty()) {
            auto &[v, k] = stack.back();
            if (k < out.start[v + 1]) {
                const int w = out.list[k++];
                if (state[w] == 0) {
                    state[w] = 1;
                    stack.push_back({w, out.start[w]});
                }
            } else {
                state[v] = 2;
                post.push_back(v);
                stack.pop_back();
            }
        }
    }
    std::vector<int> sequence(n);
    for (int i = 0; i < n; ++i)
        sequence[post[i]] = n - 1 - i;
    return sequence;
}

std::vector<int> assignRanks(int n, const std::vector<int> &from, const std::vector<int> &to,
                             const std::vector<int> &hint)
{
    Csr out, in;
    out.build(n, from, to);
    in.build(n, to, from);
    // Kahn's topological order, smallest index first among the ready ones (deterministic).
    std::vector<int> indeg(n);
    for (int v = 0; v < n; ++v)
        indeg[v] = in.start[v + 1] - in.start[v];
    std::vector<int> topo;
    topo.reserve(n);
    std::set<int> ready;
    for (int v = 0; v < n; ++v)
        if (indeg[v] == 0)
            ready.insert(v);
    while (!ready.empty()) {
        const int v = *ready.begin();
        ready.erase(ready.begin());
        topo.push_back(v);
        for (int i = out.start[v]; i < out.start[v + 1]; ++i)
            if (--indeg[out.list[i]] == 0)
                ready.insert(out.list[i]);
    }
    std::vector<int> rank(n, 0);
    for (int v : topo) {
        int r = hint[v] > 0 ? hint[v] : 0;
        for (int i = in.start[v]; i < in.start[v + 1]; ++i)
            r = std::max(r, rank[in.list[i]] + 1);
        rank[v] = r;
    }
    // Balance: shorten edges by moving each node within its feasible range towards the side
    // with more edges (a cheap stand-in for network simplex), or to its hint.
    for (int pass = 0; pass < 8; ++pass) {
        bool changed = false;
        for (int k = n - 1; k >= 0; --k) {
            const int v = topo[k];
            const int inCount = in.start[v + 1] - in.start[v];
            const int outCount = out.start[v + 1] - out.start[v];
            if (inCount + outCount == 0)
                continue;
            int lo = 0;
            for (int i = in.start[v]; i < in.start[v + 1]; ++i)
                lo = std::max(lo, rank[in.list[i]] + 1);
            int hi = INT_MAX;
            for (int i = out.start[v]; i < out.start[v + 1]; ++i)
                hi = std::min(hi, rank[out.list[i]] - 1);
            int target = rank[v];
            if (hint[v] >= 0)
                target = std::clamp(hint[v], lo, hi == INT_MAX ? std::max(lo, hint[v]) : hi);
            else if (outCount > inCount && hi != INT_MAX)
                target = hi;
            else if (inCount > outCount)
                target = lo;
            else
                target = std::clamp(rank[v], lo, hi == INT_MAX ? std::max(lo, rank[v]) : hi);
            if (target != rank[v]) {
                rank[v] = target;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    if (n > 0) {
        const int low = *std::min_element(rank.begin(), rank.end());
        for (int &r : rank)
            r -= low;
    }
    return rank;
}

} // namespace md::graph::detail

namespace md::graph::detail {

namespace {

// Network simplex on the ranks (Gansner, Koutsofios, North, Vo 1993): minimises the total edge
// length sum(rank[to] - rank[from]) subject to rank[to] - rank[from] >= 1. Every edge weighs 1.
class NetworkSimplex
{
public:
    NetworkSimplex(int n, const std::vector<int> &from, const std::vector<int> &to,
                   std::vector<int> &rank)
        : n(n)
        , from(from)
        , to(to)
        , rank(rank)
    {
        const int m = int(from.size());
        incStart.assign(n + 1, 0);
        for (int e = 0; e < m; ++e) {
            ++incStart[from[e] + 1];
            ++incStart[to[e] + 1];
        }
        for (int v = 0; v < n; ++v)
            incStart[v + 1] += incStart[v];
        inc.resize(2 * m);
        std::vector<int> fill(incStart.begin(), incStart.end() - 1);
        for (int e = 0; e < m; ++e) {
            inc[fill[from[e]]++] = e;
            inc[fill[to[e]]++] = e;
        }
        inTree.assign(m, 0);
        cut.assign(m, 0);
        parentEdge.assign(n, -1);
        low.assign(n, 0);
        lim.assign(n, 0);
        atLim.assign(n, 0);
        rootOf.assign(n, 0);
        slotOf.assign(m, -1);
        treeAdj.assign(n, {});
    }

    void run(int maxIterations)
    {
        feasibleTree();
        computeTree();
        const int m = int(from.size());
        for (int e = 0; e < m; ++e)
            if (inTree[e]) {
                slotOf[e] = int(treeEdges.size());
                treeEdges.push_back(e);
            }
        const int t = int(treeEdges.size());
        int search = 0;
        for (int it = 0; it < maxIterations && t > 0; ++it) {
            // Among the first 300 tree edges with a negative cut value (cyclically from the
            // last one), the most negative (Graphviz looks at 30; more means fewer exchanges).
            int slot = -1, found = 0;
            for (int k = 0; k < t && found < 300; ++k) {
                const int at = search + k < t ? search + k : search + k - t;
                if (cut[treeEdges[at]] < 0) {
                    ++found;
                    if (slot < 0 || cut[treeEdges[at]] < cut[treeEdges[slot]])
                        slot = at;
                }
            }
            if (slot < 0)
                break;
            search = slot + 1 < t ? slot + 1 : 0;
            const int leave = treeEdges[slot];
            const int enter = enterEdge(leave);
            if (enter < 0)
                break;
            update(leave, enter);
            treeEdges[slot] = enter;
            slotOf[enter] = slot;
        }
    }

private:
    int n;
    const std::vector<int> &from, &to;
    std::vector<int> &rank;
    std::vector<int> incStart, inc;
    std::vector<char> inTree;
    std::vector<long long> cut;
    std::vector<int> parentEdge, low, lim, atLim, roots, scratch, rootOf;
    std::vector<int> treeEdges, slotOf;
    std::vector<std::vector<int>> treeAdj;
    struct Frame
    {
        int v, k;
    };
    std::vector<Frame> frames;

    int slack(int e) const { return rank[to[e]] - rank[from[e]] - 1; }
    int other(int e, int v) const { return from[e] == v ? to[e] : from[e]; }

    // A tight spanning tree per component, grown like Prim's algorithm: always the boundary
    // edge of least slack, the tree shifted to make it tight. Tree ranks are kept relative to
    // an offset, so a shift costs nothing.
    void feasibleTree()
    {
        using Entry = std::pair<long long, int>; // (key, edge)
        std::vector<char> inside(n, 0);
        std::vector<int> members;
        for (int start = 0; start < n; ++start) {
            if (inside[start])
                continue;
            roots.push_back(start);
            members.clear();
            long long offset = 0;
            // Out: tail inside, slack = key - offset. In: head inside, slack = key + offset.
            std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> outHeap, inHeap;
            auto join = [&](int y) {
                inside[y] = 1;
                members.push_back(y);
                rank[y] = int(rank[y] - offset); // stored relative to the offset
                for (int k = incStart[y]; k < incStart[y + 1]; ++k) {
                    const int e = inc[k];
                    if (from[e] == y && !inside[to[e]])
                        outHeap.push({(long long)rank[to[e]] - rank[y] - 1, e});
                    else if (to[e] == y && !inside[from[e]])
                        inHeap.push({(long long)rank[y] - rank[from[e]] - 1, e});
                }
            };
            join(start);
            while (true) {
                while (!outHeap.empty() && inside[to[outHeap.top().second]])
                    outHeap.pop();
                while (!inHeap.empty() && inside[from[inHeap.top().second]])
                    inHeap.pop();
                if (outHeap.empty() && inHeap.empty())
                    break;
                const long long outSlack
                    = outHeap.empty() ? LLONG_MAX : outHeap.top().first - offset;
                const long long inSlack = inHeap.empty() ? LLONG_MAX : inHeap.top().first + offset;
                int e, y;
                if (outSlack < inSlack
                    || (outSlack == inSlack && outHeap.top().second < inHeap.top().second)) {
                    e = outHeap.top().second;
                    outHeap.pop();
                    offset += outSlack; // the tree moves right
                    y = to[e];
                } else {
                    e = inHeap.top().second;
                    inHeap.pop();
                    offset -= inSlack; // the tree moves left
                    y = from[e];
                }
                setTreeEdge(e, true);
                join(y);
            }
            for (int x : members)
                rank[x] = int(rank[x] + offset);
        }
    }

    // Parent edges, postorder numbers (low, lim), ranks from the tight tree, cut values.
    void computeTree()
    {
        std::vector<int> order; // preorder
        order.reserve(n);
        std::fill(parentEdge.begin(), parentEdge.end(), -1);
        std::vector<char> seen(n, 0);
        int next = 0;
        struct Frame
        {
            int v, k;
        };
        std::vector<Frame> stack;
        for (int root : roots) {
            seen[root] = 1;
            rootOf[root] = root;
            stack.push_back({root, incStart[root]});
            low[root] = next;
            while (!stack.empty()) {
                Frame &f = stack.back();
                if (f.k < incStart[f.v + 1]) {
                    const int e = inc[f.k++];
                    if (!inTree[e])
                        continue;
                    const int y = other(e, f.v);
                    if (seen[y])
                        continue;
                    seen[y] = 1;
                    parentEdge[y] = e;
                    rootOf[y] = root;
                    rank[y] = from[e] == f.v ? rank[f.v] + 1 : rank[f.v] - 1;
                    low[y] = next;
                    stack.push_back({y, incStart[y]});
                } else {
                    lim[f.v] = next;
                    atLim[next] = f.v;
                    ++next;
                    stack.pop_back();
                }
            }
        }
        // Cut values bottom-up: nodes in postorder.
        for (int l = 0; l < n; ++l) {
            const int v = atLim[l];
            const int f = parentEdge[v];
            if (f < 0)
                continue;
            const bool vIsTail = from[f] == v;
            long long sum = 0;
            for (int k = incStart[v]; k < incStart[v + 1]; ++k) {
                const int e = inc[k];
                const int w = other(e, v);
                const bool inside = low[v] <= lim[w] && lim[w] <= lim[v];
                long long value;
                if (!inside)
                    value = 1;
                else
                    value = (inTree[e] ? cut[e] : 0) - 1;
                // As Graphviz's x_val: the sign depends on whether v is f's tail and on the
                // direction of e relative to v.
                int d = vIsTail ? (to[e] == v ? 1 : -1) : (from[e] == v ? 1 : -1);
                if (!inside)
                    d = -d;
                sum += d < 0 ? -value : value;
            }
            cut[f] = sum;
        }
    }

    // Shifts the subtree hanging below v (away from its parent edge) by delta.
    void rerank(int v, int delta)
    {
        std::vector<int> &stack = scratch;
        stack.clear();
        stack.push_back(v);
        while (!stack.empty()) {
            const int x = stack.back();
            stack.pop_back();
            rank[x] += delta;
            for (int e : treeAdj[x])
                if (e != parentEdge[x])
                    stack.push_back(other(e, x));
        }
    }

    int treeUpdate(int v, int w, long long value, bool dir)
    {
        while (!(low[v] <= lim[w] && lim[w] <= lim[v])) {
            const int e = parentEdge[v];
            const bool d = v == from[e] ? dir : !dir;
            cut[e] += d ? value : -value;
            v = lim[from[e]] > lim[to[e]] ? from[e] : to[e];
        }
        return v;
    }

    // Renumbers the subtree of root (postorder from lowNumber), its parent being edge par.
    void relabel(int root, int par, int lowNumber)
    {
        int next = lowNumber;
        parentEdge[root] = par;
        low[root] = next;
        frames.clear();
        frames.push_back({root, 0});
        while (!frames.empty()) {
            Frame &f = frames.back();
            const std::vector<int> &adjacent = treeAdj[f.v];
            if (f.k < int(adjacent.size())) {
                const int e = adjacent[f.k++];
                if (e == parentEdge[f.v])
                    continue;
                const int y = other(e, f.v);
                parentEdge[y] = e;
                low[y] = next;
                frames.push_back({y, 0});
            } else {
                lim[f.v] = next;
                atLim[next] = f.v;
                ++next;
                frames.pop_back();
            }
        }
    }

    void setTreeEdge(int e, bool on)
    {
        inTree[e] = on ? 1 : 0;
        for (int v : {from[e], to[e]}) {
            auto &list = treeAdj[v];
            if (on)
                list.push_back(e);
            else
                list.erase(std::find(list.begin(), list.end(), e));
        }
    }

    void update(int leave, int enter)
    {
        const int delta = slack(enter);
        if (delta > 0) {
            if (lim[from[leave]] < lim[to[leave]])
                rerank(from[leave], -delta);
            else
                rerank(to[leave], delta);
        }
        const long long value = cut[leave];
        const int lca = treeUpdate(from[enter], to[enter], value, true);
        treeUpdate(to[enter], from[enter], value, false);
        cut[enter] = -value;
        cut[leave] = 0;
        setTreeEdge(leave, false);
        setTreeEdge(enter, true);
        relabel(lca, parentEdge[lca], low[lca]);
    }

    int enterEdge(int f)
    {
        // The subtree side of f and the direction an entering edge must cross the cut.
        int v;
        bool outSearch;
        if (lim[from[f]] < lim[to[f]]) {
            v = from[f];
            outSearch = false;
        } else {
            v = to[f];
            outSearch = true;
        }
        int best = -1, bestSlack = 0;
        auto consider = [&](int e) {
            if (best < 0 || slack(e) < bestSlack || (slack(e) == bestSlack && e < best)) {
                best = e;
                bestSlack = slack(e);
            }
        };
        const int root = rootOf[v];
        const int subtree = lim[v] - low[v] + 1;
        const int whole = lim[root] - low[root] + 1;
        auto inSubtree = [&](int y) { return low[v] <= lim[y] && lim[y] <= lim[v]; };
        if (2 * subtree <= whole) {
            for (int l = low[v]; l <= lim[v]; ++l) {
                const int x = atLim[l];
                for (int k = incStart[x]; k < incStart[x + 1]; ++k) {
                    const int e = inc[k];
                    if (!inTree[e] && (outSearch ? from[e] == x : to[e] == x)
                        && !inSubtree(other(e, x)))
                        consider(e);
                }
            }
        } else {
            // The same edges, found from the other side of the cut.
            for (int l = low[root]; l <= lim[root]; ++l) {
                if (l == low[v]) {
                    l = lim[v];
                    continue;
                }
                const int x = atLim[l];
                for (int k = incStart[x]; k < incStart[x + 1]; ++k) {
                    const int e = inc[k];
                    if (!inTree[e] && (outSearch ? to[e] == x : from[e] == x)
                        && inSubtree(other(e, x)))
                        consider(e);
                }
            }
        }
        return best;
    }
};

} // namespace

void minimiseEdgeLength(int n, const std::vector<int> &from, const std::vector<int> &to,
                        std::vector<int> &rank, int maxIterations)
{
    if (n == 0 || from.empty())
        return;
    NetworkSimplex simplex(n, from, to, rank);
    simplex.run(maxIterations);
    const int lowest = *std::min_element(rank.begin(), rank.end());
    for (int &r : rank)
        r -= lowest;
}

} // namespace md::graph::detail

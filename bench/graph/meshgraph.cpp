#include "meshgraph.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <vector>

namespace md::bench {

namespace {

// SplitMix64: the same numbers on every platform (std distributions are not).
struct Random
{
    quint64 state;
    quint64 next()
    {
        quint64 z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return n <= 0 ? 0 : int(next() % quint64(n)); }
    double unit() { return double(next() >> 11) / double(1ULL << 53); }
};

} // namespace

MeshGraph generateMeshGraph(int nodeCount, quint64 seed)
{
    MeshGraph graph;
    auto &nodes = graph.input.nodes;
    auto &edges = graph.input.edges;
    Random rng {seed * 0x2545f4914f6cdd1dULL + 17};
    if (nodeCount <= 0)
        return graph;

    auto addNode = [&](const QString &cluster, const QString &ns, const QString &name) {
        graph::LayoutNode node;
        node.id = ns + QLatin1Char('/') + name;
        node.width = 80;
        node.height = 40;
        node.boxPath = QStringList {cluster, ns};
        nodes.push_back(node);
        return int(nodes.size()) - 1;
    };
    // Shared infrastructure: an ingress gateway and a data namespace.
    const int gateways = std::max(1, nodeCount / 400);
    std::vector<int> ingress;
    for (int i = 0; i < gateways && int(nodes.size()) < nodeCount; ++i)
        ingress.push_back(addNode(QStringLiteral("cluster-1"), QStringLiteral("istio-system"),
                                  QStringLiteral("istio-ingressgateway-%1").arg(i)));
    std::vector<int> stores;
    const int storeCount = std::max(1, nodeCount / 40);
    for (int i = 0; i < storeCount && int(nodes.size()) < nodeCount; ++i)
        stores.push_back(addNode(QStringLiteral("cluster-1"), QStringLiteral("data"),
                                 QStringLiteral("store-%1").arg(i)));

    // Application namespaces in two layers (edge, then business), services in tiers.
    struct Namespace
    {
        int layer = 0;
        std::vector<std::vector<int>> tiers;
    };
    std::vector<Namespace> namespaces;
    std::vector<std::vector<int>> byLayer(2);
    const int clusters = std::max(1, nodeCount / 500);
    int index = 0;
    while (int(nodes.size()) < nodeCount) {
        const QString ns = QStringLiteral("ns-%1").arg(index, 3, 10, QLatin1Char('0'));
        const QString cluster = QStringLiteral("cluster-%1").arg(1 + index % clusters);
        const int size = std::min(nodeCount - int(nodes.size()), 8 + rng.below(30));
        const int tierCount = std::clamp(size / 5, 2, 5);
        Namespace space;
        space.layer = index % 3 == 0 ? 0 : 1;
        space.tiers.resize(tierCount);
        for (int s = 0; s < size; ++s) {
            const int tier = s < 2 ? 0 : 1 + rng.below(tierCount - 1);
            space.tiers[tier].push_back(
                addNode(cluster, ns, QStringLiteral("svc-%1").arg(s, 2, 10, QLatin1Char('0'))));
        }
        byLayer[space.layer].push_back(int(namespaces.size()));
        namespaces.push_back(std::move(space));
        ++index;
    }

    // Bigger meshes call across namespaces more (calibrated to about 2,637 edges at 1,000
    // nodes and 8,494 at 3,000, the sizes of the measurements).
    const double crossCalls
        = std::max(0.1, 0.55 + 1.22 * std::log10(std::max(1.0, nodeCount / 100.0)));
    auto pick = [&](const std::vector<int> &list) { return list[rng.below(int(list.size()))]; };
    auto entry = [&](int n) -> const std::vector<int> & {
        const auto &tiers = namespaces[n].tiers;
        return tiers[rng.below(std::min<int>(2, int(tiers.size())))];
    };
    for (size_t n = 0; n < namespaces.size(); ++n) {
        const auto &tiers = namespaces[n].tiers;
        const int layer = namespaces[n].layer;
        if (layer == 0)
            for (int f : tiers[0])
                edges.push_back({pick(ingress), f});
        for (size_t t = 0; t < tiers.size(); ++t) {
            for (int s : tiers[t]) {
                // Downstream calls, mostly to the next tier.
                const int calls = 1 + rng.below(5);
                for (int c = 0; c < calls; ++c) {
                    size_t down = t + 1 + (rng.unit() < 0.25 ? 1 : 0);
                    while (down < tiers.size() && tiers[down].empty())
                        ++down;
                    if (down < tiers.size())
                        edges.push_back({s, pick(tiers[down])});
                }
                // Now and then a shared platform service (auth, config, a store).
                if (rng.unit() < 0.1)
                    edges.push_back({s, pick(stores)});
                // A call skipping tiers (to a database at the bottom, say).
                if (t + 2 < tiers.size() && rng.unit() < 0.4 && !tiers.back().empty())
                    edges.push_back({s, pick(tiers.back())});

                const int whole = int(crossCalls);
                const int count
                    = layer == 0 ? whole + (rng.unit() < crossCalls - whole ? 1 : 0) : 0;
                for (int c = 0; c < count && !byLayer[1].empty(); ++c) {
                    const auto &target = entry(pick(byLayer[1]));
                    if (!target.empty())
                        edges.push_back({s, pick(target)});
                }
                // Now and then a call back upstream: a cycle.
                if (t > 0 && rng.unit() < 0.01 && !tiers[t - 1].empty())
                    edges.push_back({s, pick(tiers[t - 1])});
                if (layer == 1 && rng.unit() < 0.005 && !byLayer[0].empty()) {
                    const auto &target = entry(pick(byLayer[0]));
                    if (!target.empty())
                        edges.push_back({s, pick(target)});
                }
            }
        }
    }
    return graph;
}

QByteArray toJson(const graph::LayoutInput &input, bool withBoxes)
{
    QJsonArray nodes, edges;
    for (const auto &node : input.nodes) {
        QJsonObject o {{QStringLiteral("id"), node.id},
                       {QStringLiteral("width"), node.width},
                       {QStringLiteral("height"), node.height}};
        if (withBoxes && !node.boxPath.isEmpty())
            o.insert(QStringLiteral("box"), QJsonArray::fromStringList(node.boxPath));
        nodes.append(o);
    }
    for (const auto &edge : input.edges)
        edges.append(QJsonObject {{QStringLiteral("source"), input.nodes[edge.source].id},
                                  {QStringLiteral("target"), input.nodes[edge.target].id}});
    return QJsonDocument(
               QJsonObject {{QStringLiteral("nodes"), nodes}, {QStringLiteral("edges"), edges}})
        .toJson(QJsonDocument::Compact);
}

QByteArray toDot(const graph::LayoutInput &input)
{
    QByteArray dot = "digraph G {\n  rankdir=LR;\n  node [shape=box, fixedsize=true];\n";
    for (size_t i = 0; i < input.nodes.size(); ++i)
        dot += "  n" + QByteArray::number(qulonglong(i))
            + " [width=" + QByteArray::number(input.nodes[i].width / 72.0, 'f', 4)
            + ", height=" + QByteArray::number(input.nodes[i].height / 72.0, 'f', 4) + "];\n";
    for (const auto &edge : input.edges)
        dot += "  n" + QByteArray::number(edge.source) + " -> n" + QByteArray::number(edge.target)
            + ";\n";
    dot += "}\n";
    return dot;
}

} // namespace md::bench

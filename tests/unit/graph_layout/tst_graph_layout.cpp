#include "graph/graphjson.h"
#include "graph/layout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <climits>
#include <cmath>
#include <set>

using namespace md::graph;

namespace {

// A deterministic pseudo-random source for the test graphs.
struct Lcg
{
    quint64 state;
    int below(int n)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((state >> 33) % quint64(n));
    }
};

// Services in namespaces and tiers calling downstream (acyclic unless `cycles`).
LayoutInput meshLike(int namespaces, int perNamespace, bool boxes, bool cycles, quint64 seed = 7)
{
    LayoutInput input;
    Lcg rng {seed};
    for (int ns = 0; ns < namespaces; ++ns)
        for (int s = 0; s < perNamespace; ++s) {
            LayoutNode node;
            node.id = QStringLiteral("ns%1/svc%2").arg(ns).arg(s);
            node.width = 60 + rng.below(60);
            node.height = 30 + rng.below(20);
            if (boxes)
                node.boxPath
                    = {QStringLiteral("cluster%1").arg(ns % 2), QStringLiteral("ns%1").arg(ns)};
            input.nodes.push_back(node);
        }
    const int n = int(input.nodes.size());
    for (int v = 0; v < n; ++v) {
        const int ns = v / perNamespace, s = v % perNamespace;
        const int calls = 1 + rng.below(3);
        for (int c = 0; c < calls; ++c) {
            if (s + 1 < perNamespace) {
                const int t = s + 1 + rng.below(std::min(3, perNamespace - s - 1));
                input.edges.push_back({v, ns * perNamespace + t});
            }
        }
        if (rng.below(6) == 0 && namespaces > 1) {
            const int other = (ns + 1 + rng.below(namespaces - 1)) % namespaces;
            if (other > ns) // downstream namespaces only: acyclic
                input.edges.push_back({v, other * perNamespace + rng.below(perNamespace)});
        }
        if (cycles && s > 0 && rng.below(8) == 0)
            input.edges.push_back({v, ns * perNamespace + rng.below(s)});
    }
    return input;
}

bool onBorder(const NodePlacement &p, const QPointF &pt)
{
    const double eps = 1e-6;
    const QRectF r = p.rect();
    const bool insideX = pt.x() >= r.left() - eps && pt.x() <= r.right() + eps;
    const bool insideY = pt.y() >= r.top() - eps && pt.y() <= r.bottom() + eps;
    const bool onVertical = std::abs(pt.x() - r.left()) < eps || std::abs(pt.x() - r.right()) < eps;
    const bool onHorizontal
        = std::abs(pt.y() - r.top()) < eps || std::abs(pt.y() - r.bottom()) < eps;
    return insideX && insideY && (onVertical || onHorizontal);
}

void checkNoOverlap(const LayoutResult &result)
{
    const auto &nodes = result.nodes;
    for (size_t a = 0; a < nodes.size(); ++a)
        for (size_t b = a + 1; b < nodes.size(); ++b) {
            const QRectF ra = nodes[a].rect(), rb = nodes[b].rect();
            const bool overlap = ra.left() < rb.right() - 1e-9 && rb.left() < ra.right() - 1e-9
                && ra.top() < rb.bottom() - 1e-9 && rb.top() < ra.bottom() - 1e-9;
            if (overlap)
                QFAIL(qPrintable(QStringLiteral("%1 overlaps %2").arg(nodes[a].id, nodes[b].id)));
        }
}

bool identical(const LayoutResult &a, const LayoutResult &b)
{
    if (a.nodes.size() != b.nodes.size() || a.edges.size() != b.edges.size()
        || a.boxes.size() != b.boxes.size() || a.bounds != b.bounds)
        return false;
    for (size_t i = 0; i < a.nodes.size(); ++i)
        if (a.nodes[i].x != b.nodes[i].x || a.nodes[i].y != b.nodes[i].y
            || a.nodes[i].rank != b.nodes[i].rank)
            return false;
    for (size_t i = 0; i < a.edges.size(); ++i)
        if (a.edges[i].points != b.edges[i].points)
            return false;
    for (size_t i = 0; i < a.boxes.size(); ++i)
        if (a.boxes[i].path != b.boxes[i].path || a.boxes[i].rect != b.boxes[i].rect)
            return false;
    return true;
}

} // namespace

class tst_GraphLayout : public QObject
{
    Q_OBJECT

private slots:
    void emptyAndSingle();
    void noOverlap_data();
    void noOverlap();
    void leftToRightWhenAcyclic();
    void cyclesAndLoops();
    void deterministic();
    void stability();
    void boxesContainTheirNodesAndDoNotOverlap();
    void routesTouchTheirNodes();
    void shortestEdgesFromNetworkSimplex();
    void shortestEdgesAgainstBruteForce();
    void disconnectedComponentsAreSeparated();
    void countCrossings();
    void readGraphJsonErrors_data();
    void readGraphJsonErrors();
    void graphJsonRoundTrip();
};

void tst_GraphLayout::emptyAndSingle()
{
    LayoutInput empty;
    const LayoutResult none = layout(empty);
    QVERIFY(none.nodes.empty());
    QVERIFY(none.edges.empty());

    LayoutInput one;
    one.nodes.push_back({QStringLiteral("a"), 50, 20, {}});
    one.edges.push_back({0, 0}); // a loop
    one.edges.push_back({0, 3}); // out of range: ignored
    const LayoutResult r = layout(one);
    QCOMPARE(r.nodes.size(), size_t(1));
    QCOMPARE(r.nodes[0].width, 50.0);
    QVERIFY(r.edges[0].selfLoop);
    QVERIFY(r.edges[0].points.size() >= 2);
    QVERIFY(onBorder(r.nodes[0], r.edges[0].points.front()));
    QVERIFY(onBorder(r.nodes[0], r.edges[0].points.back()));
    QVERIFY(r.edges[1].points.empty());
    QVERIFY(r.bounds.contains(r.nodes[0].rect()));
}

void tst_GraphLayout::noOverlap_data()
{
    QTest::addColumn<bool>("boxes");
    QTest::addColumn<bool>("cycles");
    QTest::newRow("flat") << false << false;
    QTest::newRow("flat, cycles") << false << true;
    QTest::newRow("boxes") << true << false;
    QTest::newRow("boxes, cycles") << true << true;
}

void tst_GraphLayout::noOverlap()
{
    QFETCH(bool, boxes);
    QFETCH(bool, cycles);
    LayoutInput input = meshLike(12, 15, boxes, cycles);
    // Loose nodes too, with and without a box.
    input.nodes.push_back({QStringLiteral("lonely"), 70, 30, {}});
    input.nodes.push_back({QStringLiteral("lonely2"), 30, 70, {QStringLiteral("cluster0")}});
    const LayoutResult result = layout(input);
    QCOMPARE(result.nodes.size(), input.nodes.size());
    checkNoOverlap(result);
    for (const NodePlacement &p : result.nodes)
        QVERIFY2(result.bounds.contains(p.rect()), qPrintable(p.id));
}

void tst_GraphLayout::leftToRightWhenAcyclic()
{
    for (bool boxes : {false, true}) {
        const LayoutInput input = meshLike(10, 12, boxes, false);
        const LayoutResult result = layout(input);
        for (size_t e = 0; e < input.edges.size(); ++e) {
            const auto &s = result.nodes[input.edges[e].source];
            const auto &t = result.nodes[input.edges[e].target];
            QVERIFY2(!result.edges[e].reversed, qPrintable(s.id + " -> " + t.id));
            QVERIFY2(s.rank < t.rank, qPrintable(s.id + " -> " + t.id));
            QVERIFY2(s.x + s.width / 2 < t.x - t.width / 2, qPrintable(s.id + " -> " + t.id));
            // The route goes monotonically right.
            const auto &pts = result.edges[e].points;
            for (size_t k = 1; k < pts.size(); ++k)
                QVERIFY(pts[k].x() > pts[k - 1].x());
        }
    }
}

void tst_GraphLayout::cyclesAndLoops()
{
    LayoutInput input;
    for (const char *id : {"a", "b", "c", "d"})
        input.nodes.push_back({QString::fromLatin1(id), 40, 40, {}});
    // a -> b -> c -> a (a cycle), c <-> d (two-cycle), d -> d (loop), a -> b twice.
    input.edges = {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 2}, {3, 3}, {0, 1}};
    const LayoutResult result = layout(input);
    checkNoOverlap(result);
    int reversed = 0;
    for (size_t e = 0; e < input.edges.size(); ++e) {
        const auto &edge = input.edges[e];
        const auto &route = result.edges[e];
        if (edge.source == edge.target) {
            QVERIFY(route.selfLoop);
            continue;
        }
        const auto &s = result.nodes[edge.source], &t = result.nodes[edge.target];
        QVERIFY(s.rank != t.rank);
        // Reversed edges are exactly those that point right to left.
        QCOMPARE(route.reversed, s.rank > t.rank);
        reversed += route.reversed ? 1 : 0;
        QVERIFY(onBorder(s, route.points.front()));
        QVERIFY(onBorder(t, route.points.back()));
    }
    // One edge of each cycle is turned round, no more.
    QCOMPARE(reversed, 2);

    // A bigger graph with many cycles: every edge still gets a route.
    const LayoutInput mesh = meshLike(8, 12, true, true);
    const LayoutResult big = layout(mesh);
    checkNoOverlap(big);
    for (const EdgeRoute &route : big.edges)
        QVERIFY(route.points.size() >= 2);
}

void tst_GraphLayout::deterministic()
{
    for (bool boxes : {false, true}) {
        const LayoutInput input = meshLike(10, 14, boxes, true);
        const LayoutResult a = layout(input);
        const LayoutResult b = layout(input);
        QVERIFY(identical(a, b));
        // With a previous result too.
        LayoutInput changed = input;
        changed.nodes.push_back({QStringLiteral("new"), 40, 40, {}});
        changed.edges.push_back({3, int(changed.nodes.size()) - 1});
        QVERIFY(identical(layout(changed, &a), layout(changed, &a)));
    }
}

void tst_GraphLayout::stability()
{
    const LayoutInput input = meshLike(12, 16, true, true);
    const LayoutResult before = layout(input);
    // Remove two nodes (and their edges), add two that call existing services.
    LayoutInput next;
    std::vector<int> remap(input.nodes.size(), -1);
    for (size_t v = 0; v < input.nodes.size(); ++v)
        if (v != 20 && v != 101) {
            remap[v] = int(next.nodes.size());
            next.nodes.push_back(input.nodes[v]);
        }
    for (const LayoutEdge &e : input.edges)
        if (remap[e.source] >= 0 && remap[e.target] >= 0)
            next.edges.push_back({remap[e.source], remap[e.target]});
    for (int k = 0; k < 2; ++k) {
        LayoutNode node = next.nodes[50 + 40 * k];
        node.id += QStringLiteral("-v2");
        next.nodes.push_back(node);
        const int v = int(next.nodes.size()) - 1;
        next.edges.push_back({45 + 40 * k, v});
        next.edges.push_back({v, 52 + 40 * k});
    }
    const LayoutResult warm = layout(next, &before);
    checkNoOverlap(warm);
    const double moved = meanDisplacement(before, warm);
    qInfo("mean displacement with the previous layout: %.2f %% of the width", 100 * moved);
    QVERIFY2(moved < 0.05, qPrintable(QString::number(100 * moved)));
    // Unchanged graph: next to nothing moves.
    QVERIFY(meanDisplacement(before, layout(input, &before)) < 0.005);
}

void tst_GraphLayout::boxesContainTheirNodesAndDoNotOverlap()
{
    LayoutInput input = meshLike(9, 10, true, true);
    // A node directly in a cluster box, beside that cluster's namespaces.
    input.nodes.push_back({QStringLiteral("gateway"), 90, 40, {QStringLiteral("cluster1")}});
    input.edges.push_back({int(input.nodes.size()) - 1, 0});
    const LayoutResult result = layout(input);
    std::set<QStringList> expected;
    for (const LayoutNode &node : input.nodes)
        for (int d = 1; d <= node.boxPath.size(); ++d)
            expected.insert(node.boxPath.mid(0, d));
    QCOMPARE(result.boxes.size(), expected.size());
    for (size_t v = 0; v < input.nodes.size(); ++v)
        for (const BoxPlacement &box : result.boxes) {
            const bool member = input.nodes[v].boxPath.mid(0, box.path.size()) == box.path;
            const QRectF node = result.nodes[v].rect();
            if (member)
                QVERIFY2(box.rect.contains(node),
                         qPrintable(result.nodes[v].id + " outside " + box.path.join('/')));
            else
                QVERIFY2(!box.rect.intersects(node),
                         qPrintable(result.nodes[v].id + " inside " + box.path.join('/')));
        }
    for (size_t a = 0; a < result.boxes.size(); ++a)
        for (size_t b = 0; b < result.boxes.size(); ++b) {
            if (a == b)
                continue;
            const BoxPlacement &x = result.boxes[a], &y = result.boxes[b];
            if (y.path.mid(0, x.path.size()) == x.path) // y nested in x
                QVERIFY(x.rect.contains(y.rect));
            else if (x.path.mid(0, y.path.size()) != y.path)
                QVERIFY2(!x.rect.intersects(y.rect),
                         qPrintable(x.path.join('/') + " overlaps " + y.path.join('/')));
        }
    // Parents come before their children.
    for (size_t a = 0; a < result.boxes.size(); ++a)
        for (size_t b = 0; b < a; ++b)
            QVERIFY(result.boxes[b].path.mid(0, result.boxes[a].path.size()) != result.boxes[a].path
                    || result.boxes[b].path.size() <= result.boxes[a].path.size());
}

void tst_GraphLayout::routesTouchTheirNodes()
{
    const LayoutInput input = meshLike(10, 12, true, true);
    const LayoutResult result = layout(input);
    for (size_t e = 0; e < input.edges.size(); ++e) {
        const auto &route = result.edges[e];
        QVERIFY(route.points.size() >= 2);
        QVERIFY(onBorder(result.nodes[input.edges[e].source], route.points.front()));
        QVERIFY(onBorder(result.nodes[input.edges[e].target], route.points.back()));
        // One bend per rank passed.
        const int span = std::abs(result.nodes[input.edges[e].source].rank
                                  - result.nodes[input.edges[e].target].rank);
        QCOMPARE(int(route.points.size()), span + 1);
        for (const QPointF &pt : route.points)
            QVERIFY(result.bounds.contains(pt));
    }
}

void tst_GraphLayout::shortestEdgesFromNetworkSimplex()
{
    // x0 -> x1 -> x2 -> x3; y -> y2 -> x3 and y -> y3 -> x3. Longest path puts y at rank 0;
    // the shortest total length puts y at 1 and y2, y3 at 2 (total 3 + 4 = 7).
    LayoutInput input;
    for (const char *id : {"x0", "x1", "x2", "x3", "y", "y2", "y3"})
        input.nodes.push_back({QString::fromLatin1(id), 40, 40, {}});
    input.edges = {{0, 1}, {1, 2}, {2, 3}, {4, 5}, {5, 3}, {4, 6}, {6, 3}};
    const LayoutResult result = layout(input);
    int total = 0;
    for (const LayoutEdge &e : input.edges)
        total += result.nodes[e.target].rank - result.nodes[e.source].rank;
    QCOMPARE(total, 7);
    QCOMPARE(result.nodes[4].rank, 1);
}

// Small random connected DAGs: the total edge length equals the optimum found by trying every
// ranking.
void tst_GraphLayout::shortestEdgesAgainstBruteForce()
{
    Lcg rng {42};
    for (int round = 0; round < 40; ++round) {
        const int n = 4 + rng.below(3); // 4..6 nodes
        LayoutInput input;
        for (int v = 0; v < n; ++v)
            input.nodes.push_back({QStringLiteral("n%1").arg(v), 20, 20, {}});
        // A spanning chain of random forward edges keeps it connected, then extra edges.
        for (int v = 1; v < n; ++v) {
            const int u = rng.below(v);
            input.edges.push_back({u, v});
        }
        const int extra = rng.below(2 * n);
        for (int k = 0; k < extra; ++k) {
            const int a = rng.below(n), b = rng.below(n);
            if (a != b)
                input.edges.push_back({std::min(a, b), std::max(a, b)});
        }
        const LayoutResult result = layout(input);
        int total = 0;
        for (const LayoutEdge &e : input.edges) {
            const int span = result.nodes[e.target].rank - result.nodes[e.source].rank;
            QVERIFY(span >= 1);
            total += span;
        }
        // Every ranking with ranks in [0, n): the least total length of a feasible one.
        int best = INT_MAX;
        std::vector<int> r(n, 0);
        while (true) {
            int length = 0;
            bool feasible = true;
            for (const LayoutEdge &e : input.edges) {
                const int span = r[e.target] - r[e.source];
                if (span < 1) {
                    feasible = false;
                    break;
                }
                length += span;
            }
            if (feasible)
                best = std::min(best, length);
            int d = 0;
            while (d < n && ++r[d] == n)
                r[d++] = 0;
            if (d == n)
                break;
        }
        QCOMPARE(total, best);
    }
}

void tst_GraphLayout::disconnectedComponentsAreSeparated()
{
    LayoutInput input = meshLike(1, 20, false, false, 3);
    const LayoutInput second = meshLike(1, 20, false, false, 5);
    const int offset = int(input.nodes.size());
    for (LayoutNode node : second.nodes) {
        node.id += QStringLiteral("-b");
        input.nodes.push_back(node);
    }
    for (const LayoutEdge &e : second.edges)
        input.edges.push_back({e.source + offset, e.target + offset});
    const LayoutResult result = layout(input);
    checkNoOverlap(result);
    QRectF first, other;
    for (int v = 0; v < int(input.nodes.size()); ++v)
        (v < offset ? first : other) = (v < offset ? first : other).united(result.nodes[v].rect());
    QVERIFY(!first.intersects(other));
    QCOMPARE(md::graph::countCrossings(result, input),
             md::graph::countCrossings(layout(meshLike(1, 20, false, false, 3)),
                                       meshLike(1, 20, false, false, 3))
                 + md::graph::countCrossings(layout(second), second));
}

void tst_GraphLayout::countCrossings()
{
    // a, b on the left; c, d on the right; a-d and b-c cross once, a-c and b-d do not.
    LayoutInput input;
    for (const char *id : {"a", "b", "c", "d"})
        input.nodes.push_back({QString::fromLatin1(id), 10, 10, {}});
    LayoutResult result;
    result.nodes = {{QStringLiteral("a"), 0, 0, 10, 10, 0},
                    {QStringLiteral("b"), 0, 100, 10, 10, 0},
                    {QStringLiteral("c"), 100, 0, 10, 10, 1},
                    {QStringLiteral("d"), 100, 100, 10, 10, 1}};
    input.edges = {{0, 3}, {1, 2}};
    QCOMPARE(md::graph::countCrossings(result, input), 1LL);
    input.edges = {{0, 2}, {1, 3}};
    QCOMPARE(md::graph::countCrossings(result, input), 0LL);
    // Shared endpoints, duplicates and loops do not count.
    input.edges = {{0, 3}, {1, 2}, {3, 0}, {0, 0}, {0, 2}, {2, 1}};
    QCOMPARE(md::graph::countCrossings(result, input), 1LL);
}

void tst_GraphLayout::readGraphJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax") << QByteArray("{\"nodes\": [\n  {\"id\": \"a\"},,\n]}")
                            << "line 2, column 16"
                            << "invalid JSON";
    QTest::newRow("not an object") << QByteArray("[1]") << ""
                                   << "JSON object";
    QTest::newRow("no nodes") << QByteArray("{\"edges\": []}") << "nodes"
                              << "array";
    QTest::newRow("bad id") << QByteArray("{\"nodes\": [{\"id\": \"a\"}, {\"id\": 3}]}")
                            << "nodes[1].id"
                            << "non-empty string";
    QTest::newRow("duplicate") << QByteArray(
        "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"a\"}]}")
                               << "nodes[2].id"
                               << "duplicate id \"a\" (first at nodes[0])";
    QTest::newRow("unknown target")
        << QByteArray("{\"nodes\": [{\"id\": \"a\"}], \"edges\": [{\"source\": \"a\", "
                      "\"target\": \"a\"}, {\"source\": \"a\", \"target\": \"ns/x\"}]}")
        << "edges[1].target"
        << "unknown node id \"ns/x\"";
    QTest::newRow("bad width") << QByteArray("{\"nodes\": [{\"id\": \"a\", \"width\": \"wide\"}]}")
                               << "nodes[0].width"
                               << "number";
    QTest::newRow("bad box") << QByteArray("{\"nodes\": [{\"id\": \"a\", \"box\": [\"c\", 1]}]}")
                             << "nodes[0].box[1]"
                             << "non-empty string";
}

void tst_GraphLayout::readGraphJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const auto result = readGraphJson(json);
    QVERIFY(!result);
    QCOMPARE(result.error().code, QStringLiteral("graph.json"));
    QCOMPARE(result.error().where, where);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
}

void tst_GraphLayout::graphJsonRoundTrip()
{
    const QByteArray json = R"({"nodes": [{"id": "ns/a", "kind": "ignored"},
        {"id": "ns/b", "width": 100, "height": 20, "box": "ns"},
        {"id": "ns/c", "box": ["cluster", "ns"]}],
        "edges": [{"source": "ns/a", "target": "ns/b", "rate": 3}, {"source": "ns/b", "target": "ns/c"}]})";
    const auto input = readGraphJson(json);
    QVERIFY2(input, qPrintable(input ? QString() : input.error().toString()));
    QCOMPARE(input->nodes.size(), size_t(3));
    QCOMPARE(input->nodes[0].width, 80.0);
    QCOMPARE(input->nodes[1].width, 100.0);
    QCOMPARE(input->nodes[1].boxPath, QStringList {"ns"});
    QCOMPARE(input->nodes[2].boxPath, (QStringList {"cluster", "ns"}));
    QCOMPARE(input->edges.size(), size_t(2));
    QCOMPARE(input->edges[1].source, 1);
    const LayoutResult result = layout(*input);
    const QJsonObject out = QJsonDocument::fromJson(writeLayoutJson(*input, result)).object();
    const QJsonArray nodes = out.value("nodes").toArray();
    QCOMPARE(nodes.size(), 3);
    QCOMPARE(nodes[1].toObject().value("id").toString(), QStringLiteral("ns/b"));
    QCOMPARE(nodes[1].toObject().value("width").toDouble(), 100.0);
    QVERIFY(std::abs(nodes[1].toObject().value("x").toDouble() - result.nodes[1].x) < 0.01);
    const QJsonArray edges = out.value("edges").toArray();
    QCOMPARE(edges.size(), 2);
    QCOMPARE(edges[0].toObject().value("target").toString(), QStringLiteral("ns/b"));
    QVERIFY(edges[0].toObject().value("points").toArray().size() >= 2);
    QCOMPARE(out.value("boxes").toArray().size(), 3); // ns, cluster, cluster/ns
}

QTEST_GUILESS_MAIN(tst_GraphLayout)
#include "tst_graph_layout.moc"

// Edge and node health with Kiali's error tolerances (business/health_calculator.go).

#include "telemetry/topologygraph.h"

#include <QRegularExpression>

#include <vector>

namespace md::telemetry {

namespace {

struct CompiledTolerance
{
    const HealthTolerance *tolerance;
    QRegularExpression code;
    QRegularExpression protocol;
};

QList<CompiledTolerance> compile(const HealthConfig &config)
{
    QList<CompiledTolerance> out;
    for (const HealthTolerance &t : config.tolerances) {
        QString pattern = t.code;
        pattern.replace(u'X', QStringLiteral("\\d"));
        CompiledTolerance c {
            &t, QRegularExpression(pattern),
            QRegularExpression(QStringLiteral("^(?:") + t.protocol + QStringLiteral(")$"))};
        if (c.code.isValid() && c.protocol.isValid())
            out << c;
    }
    return out;
}

bool isHttpCode(const QString &code)
{
    return code.size() == 3 && code[0].isDigit() && code[1].isDigit() && code[2].isDigit();
}

// Requests of the edges whose codes each tolerance matches, and all requests.
struct Tally
{
    std::vector<double> matched;
    double total = 0;

    void add(const Tally &other)
    {
        matched.resize(std::max(matched.size(), other.matched.size()));
        for (size_t i = 0; i < other.matched.size(); ++i)
            matched[i] += other.matched[i];
        total += other.total;
    }
};

// Which tolerances a (protocol, code) matches; regular expressions run once per pair.
class Matcher
{
public:
    explicit Matcher(const QList<CompiledTolerance> &tolerances)
        : m_tolerances(tolerances)
    { }

    // `protocol` is protocolName() of a Protocol; its cache is per protocol, by code.
    const QList<bool> &matches(Protocol protocol, const QString &code)
    {
        QHash<QString, QList<bool>> &cache = m_cache[int(protocol)];
        auto it = cache.constFind(code);
        if (it != cache.constEnd())
            return *it;
        const QString name = protocolName(protocol);
        QList<bool> m(m_tolerances.size());
        for (qsizetype i = 0; i < m_tolerances.size(); ++i)
            m[i] = m_tolerances[i].protocol.match(name).hasMatch()
                && m_tolerances[i].code.match(code).hasMatch();
        return *cache.insert(code, m);
    }

    // Into `t`, reused from edge to edge.
    void tally(const Edge &edge, Tally &t)
    {
        t.matched.assign(size_t(m_tolerances.size()), 0.0);
        t.total = edge.requestRate();
        for (auto it = edge.responses.cbegin(); it != edge.responses.cend(); ++it) {
            const QList<bool> &m
                = matches(isHttpCode(it.key()) ? Protocol::Http : edge.protocol, it.key());
            for (qsizetype i = 0; i < m.size(); ++i)
                if (m[i])
                    t.matched[size_t(i)] += it->rate;
        }
    }

private:
    const QList<CompiledTolerance> &m_tolerances;
    QHash<QString, QList<bool>> m_cache[3]; // by Protocol, by code
};

QString codeText(const QString &code)
{
    if (code == u"5XX")
        return TelemetryTr::tr("5xx responses");
    if (code == u"4XX")
        return TelemetryTr::tr("4xx responses");
    if (code == u"^-$")
        return TelemetryTr::tr("requests without response");
    if (code == u"^[1-9]$|^1[0-6]$")
        return TelemetryTr::tr("gRPC errors");
    return TelemetryTr::tr("responses matching %1").arg(code);
}

// The reasons' translated texts, looked up once per computeHealth().
struct Texts
{
    explicit Texts(const QList<CompiledTolerance> &tolerances)
    {
        for (const CompiledTolerance &t : tolerances) {
            what << codeText(t.tolerance->code);
            thresholds << TelemetryTr::tr("degraded from %1 %, failure from %2 %")
                              .arg(t.tolerance->degraded)
                              .arg(t.tolerance->failure);
        }
    }
    QStringList what;
    QStringList thresholds;
    const QString edge = TelemetryTr::tr("%1: %2 % of the requests (%3)");
    const QString node = TelemetryTr::tr("%1 (%2): %3 % of the requests (%4)");
    const QString inbound = TelemetryTr::tr("inbound");
    const QString outbound = TelemetryTr::tr("outbound");
};

Health judge(const Tally &tally, const QList<CompiledTolerance> &tolerances, const Texts &texts,
             const QString &direction, QList<HealthReason> &reasons)
{
    if (tally.total <= 0)
        return Health::NoData;
    Health worst = Health::Healthy;
    for (qsizetype i = 0; i < tolerances.size() && size_t(i) < tally.matched.size(); ++i) {
        const double percent = std::min(100.0, tally.matched[size_t(i)] / tally.total * 100.0);
        if (percent <= 0)
            continue;
        const HealthTolerance &t = *tolerances[i].tolerance;
        Health h = Health::Healthy;
        if (percent >= t.failure)
            h = Health::Failure;
        else if (percent >= t.degraded)
            h = Health::Degraded;
        if (h == Health::Healthy)
            continue;
        HealthReason r;
        r.code = t.code;
        r.percent = percent;
        r.health = h;
        const QString share = QString::number(percent, 'f', percent < 1 ? 2 : 1);
        r.text = direction.isEmpty()
            ? texts.edge.arg(texts.what[i], share, texts.thresholds[i])
            : texts.node.arg(texts.what[i], direction, share, texts.thresholds[i]);
        reasons << r;
        worst = std::max(worst, h);
    }
    return worst;
}

} // namespace

void computeHealth(Graph &graph, const HealthConfig &config)
{
    const QList<CompiledTolerance> tolerances = compile(config);
    Matcher matcher(tolerances);
    const Texts texts(tolerances);
    // Tallies by node index; edges name their nodes by id.
    QHash<QString, qsizetype> index;
    index.reserve(graph.nodes.size());
    for (qsizetype i = 0; i < graph.nodes.size(); ++i)
        index.insert(graph.nodes[i].id, i);
    std::vector<Tally> inbound(size_t(graph.nodes.size())), outbound(inbound.size());
    // Edges built by the builder share their node ids' text: found by address, not by hash.
    QHash<const QChar *, qsizetype> byAddress;
    byAddress.reserve(graph.nodes.size());
    for (const Node &n : std::as_const(graph.nodes))
        byAddress.insert(n.id.constData(), index.value(n.id));
    auto nodeIndex = [&](const QString &id) {
        const auto it = byAddress.constFind(id.constData());
        if (it != byAddress.constEnd() && graph.nodes[*it].id.size() == id.size())
            return *it;
        return index.value(id, -1);
    };
    auto addTo = [&](std::vector<Tally> &tallies, const QString &id, const Tally &t) {
        const qsizetype i = nodeIndex(id);
        if (i >= 0) // an edge whose node is not in the graph counts nowhere
            tallies[size_t(i)].add(t);
    };
    Tally t;
    for (Edge &e : graph.edges) {
        e.healthReasons.clear();
        if (e.protocol == Protocol::Tcp) {
            e.health = e.rates.tcp.value_or(0) > 0 ? Health::Healthy : Health::NoData;
            continue;
        }
        matcher.tally(e, t);
        e.health = judge(t, tolerances, texts, {}, e.healthReasons);
        addTo(inbound, e.target, t);
        addTo(outbound, e.source, t);
    }
    for (qsizetype i = 0; i < graph.nodes.size(); ++i) {
        Node &n = graph.nodes[i];
        n.healthReasons.clear();
        // Nodes listed twice under one id share their tallies (they did when keyed by id).
        const size_t at = size_t(index.value(n.id));
        const Health in = judge(inbound[at], tolerances, texts, texts.inbound, n.healthReasons);
        const Health out = judge(outbound[at], tolerances, texts, texts.outbound, n.healthReasons);
        n.health = std::max(in, out);
        if (n.health == Health::NoData && (n.inbound.tcp || n.outbound.tcp))
            n.health = Health::Healthy;
    }
}

} // namespace md::telemetry

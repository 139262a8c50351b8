// The builder's metrics: each answer's de-duplicated series added to the edges they resolve to
// (requests, TCP bytes, the duration histogram, mTLS share, response bytes).

#include "telemetry/topologybuilder_p.h"

#include <cmath>
#include <limits>

namespace md::telemetry::detail {

namespace {

void addRate(std::vector<std::pair<StrId, double>> &rates, StrId key, double v)
{
    for (auto &[k, rate] : rates)
        if (k == key) {
            rate += v;
            return;
        }
    rates.emplace_back(key, v);
}

} // namespace

Response &EdgeData::response(StrId code)
{
    for (Response &r : responses)
        if (r.code == code)
            return r;
    Response &r = responses.emplace_back();
    r.code = code;
    return r;
}

void Builder::addRequests(const QueryResult &result)
{
    using P = StringPool;
    for (const Row &m : deduplicated(result, false)) {
        const double v = m.value;
        const Protocol protocol = m[FProtocol] == P::Grpc ? Protocol::Grpc : Protocol::Http;
        const EdgeIds ids = edgesOf(m, protocol);
        StrId code = m[FCode];
        if (code == P::Zero || code == P::Empty)
            code = P::NoResponse;
        auto first = [this](StrId id) {
            const QString &s = m_pool.str(id);
            return s.isEmpty() ? QChar() : s.front();
        };
        const qsizetype codeSize = m_pool.str(code).size();
        const bool httpError = codeSize == 3 && (first(code) == u'4' || first(code) == u'5');
        if (protocol == Protocol::Grpc && !httpError && code != P::NoResponse) {
            const StrId status = m[FGrpcStatus];
            if (status != P::Empty)
                code = status;
        }
        StrId flag = m[FFlags];
        if (flag == P::Empty)
            flag = P::NoResponse;
        const bool viaWaypoint = m[FReporter] == P::Waypoint;
        const QChar lead = first(code);
        const bool grpcError = m_pool.str(code).size() == 3 ? httpError : code != P::Zero;
        for (int id : ids) {
            EdgeData &d = m_edges[size_t(id)];
            Rates &rates = d.rates;
            if (protocol == Protocol::Http) {
                rates.http = rates.http.value_or(0) + v;
                std::optional<double> *bucket = nullptr;
                if (code == P::NoResponse)
                    bucket = &rates.httpNoResponse;
                else if (lead == u'3')
                    bucket = &rates.http3xx;
                else if (lead == u'4')
                    bucket = &rates.http4xx;
                else if (lead == u'5')
                    bucket = &rates.http5xx;
                if (bucket)
                    *bucket = bucket->value_or(0) + v;
            } else {
                rates.grpc = rates.grpc.value_or(0) + v;
                if (code == P::NoResponse)
                    rates.grpcNoResponse = rates.grpcNoResponse.value_or(0) + v;
                else if (grpcError)
                    rates.grpcErr = rates.grpcErr.value_or(0) + v;
            }
            Response &detail = d.response(code);
            detail.rate += v;
            addRate(detail.flags, flag, v);
            addRate(detail.hosts, m[FDstSvc], v);
            if (viaWaypoint) {
                d.viaWaypoint = true;
                m_l7ViaWaypoint.insert(pairKey(d.source, d.target));
            }
        }
    }
}

void Builder::addTcp(const QueryResult &result)
{
    using P = StringPool;
    for (const Row &m : deduplicated(result, false)) {
        const double v = m.value;
        const bool ztunnel = m[FApp] == P::Ztunnel;
        if (ztunnel) {
            // Ambient: drop L4 copies of traffic a waypoint reported as L7 (no doubled edge).
            const Resolved r = resolve(m);
            if (!r.ok) {
                ++m_skipped;
                continue;
            }
            const int source = findNode(r.source);
            const int target = source >= 0 ? findNode(r.destination) : -1;
            if (target >= 0 && m_l7ViaWaypoint.count(pairKey(source, target)))
                continue;
            if (!m_options.showWaypoints && (r.source.waypoint || r.destination.waypoint))
                continue;
        }
        StrId flag = m[FFlags];
        if (flag == P::Empty)
            flag = P::NoResponse;
        for (int id : edgesOf(m, Protocol::Tcp)) {
            EdgeData &d = m_edges[size_t(id)];
            d.rates.tcp = d.rates.tcp.value_or(0) + v;
            Response &detail = d.response(P::NoResponse);
            detail.rate += v;
            addRate(detail.flags, flag, v);
            addRate(detail.hosts, m[FDstSvc], v);
            d.ztunnel |= ztunnel;
        }
    }
}

void Builder::addDuration(const TopologyAnswers &answers)
{
    auto protocolOf = [](const Row &m) {
        return m[FProtocol] == StringPool::Grpc ? Protocol::Grpc : Protocol::Http;
    };
    if (answers.contains(TopologyMetric::Duration)) {
        std::unordered_map<StrId, std::optional<double>> bounds; // by le
        for (const Row &s : deduplicated(answers[TopologyMetric::Duration], true)) {
            auto [b, added] = bounds.try_emplace(s[FLe]);
            if (added) {
                bool ok = false;
                const QString &le = m_pool.str(s[FLe]);
                const double bound
                    = le == u"+Inf" ? std::numeric_limits<double>::infinity() : le.toDouble(&ok);
                if (le == u"+Inf" || ok)
                    b->second = bound;
            }
            if (!b->second)
                continue;
            const double bound = *b->second;
            const double v = s.value;
            if (!std::isfinite(v))
                continue;
            for (int id : existingEdges(resolve(s), protocolOf(s))) {
                auto &buckets = m_edges[size_t(id)].buckets;
                auto it = std::lower_bound(buckets.begin(), buckets.end(), bound,
                                           [](const auto &e, double x) { return e.first < x; });
                if (it != buckets.end() && !(bound < it->first))
                    it->second += v;
                else
                    buckets.insert(it, {bound, v});
            }
        }
    }
    for (auto metric : {TopologyMetric::DurationSum, TopologyMetric::DurationCount}) {
        if (!answers.contains(metric))
            continue;
        for (const Row &s : deduplicated(answers[metric], false)) {
            const double v = s.value;
            if (!std::isfinite(v))
                continue;
            for (int id : existingEdges(resolve(s), protocolOf(s))) {
                EdgeData &d = m_edges[size_t(id)];
                (metric == TopologyMetric::DurationSum ? d.durationSum : d.durationCount) += v;
            }
        }
    }
}

void Builder::computeResponseTimes()
{
    for (EdgeData &d : m_edges) {
        if (d.durationCount > 0)
            d.responseTime.avg = d.durationSum / d.durationCount;
        if (d.buckets.empty() || !std::isinf(d.buckets.back().first))
            continue;
        QList<std::pair<double, double>> cumulative;
        cumulative.reserve(qsizetype(d.buckets.size()));
        double running = 0;
        for (const auto &[le, rate] : d.buckets) {
            running = std::max(running, rate); // buckets are cumulative; missing ones were 0
            cumulative.append({le, running});
        }
        d.responseTime.p50 = histogramQuantile(0.5, cumulative);
        d.responseTime.p95 = histogramQuantile(0.95, cumulative);
        d.responseTime.p99 = histogramQuantile(0.99, cumulative);
    }
}

void Builder::addMtls(const QueryResult &result, bool tcp)
{
    RowReader reader(m_pool);
    const qsizetype count = result.series.size();
    for (qsizetype i = 0; i < count; ++i) {
        if (i + RowReader::kReadAhead < count)
            RowReader::prefetch(result.series[i + RowReader::kReadAhead]);
        const Row s = reader.read(result.series[i]);
        const double v = s.value;
        if (!std::isfinite(v) || v <= 0)
            continue;
        const Protocol p = tcp                 ? Protocol::Tcp
            : s[FProtocol] == StringPool::Grpc ? Protocol::Grpc
                                               : Protocol::Http;
        const bool mutual = s[FSecurity] == StringPool::MutualTls;
        for (int id : existingEdges(resolve(s), p)) {
            EdgeData &d = m_edges[size_t(id)];
            d.mtlsTotal += v;
            if (mutual)
                d.mtls += v;
        }
    }
}

void Builder::addThroughput(const QueryResult &result)
{
    for (const Row &s : deduplicated(result, false)) {
        const double v = s.value;
        const Protocol p = s[FProtocol] == StringPool::Grpc ? Protocol::Grpc : Protocol::Http;
        for (int id : existingEdges(resolve(s), p)) {
            EdgeData &d = m_edges[size_t(id)];
            d.throughput = d.throughput.value_or(0) + v;
        }
    }
}

} // namespace md::telemetry::detail

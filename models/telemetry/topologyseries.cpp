// The builder's series: label values interned as ints, rows read from the parsed series, and
// the reporters' copies of one series de-duplicated (topologybuilder_p.h).

#include "telemetry/topologybuilder_p.h"

#include <QRegularExpression>

#include <bit>
#include <cmath>

namespace md::telemetry::detail {

StringPool::StringPool()
{
    const QString fixed[] = {QString(),
                             QStringLiteral("unknown"),
                             QStringLiteral("ztunnel"),
                             QStringLiteral("waypoint"),
                             QStringLiteral("destination"),
                             QStringLiteral("source"),
                             QStringLiteral("mutual_tls"),
                             QStringLiteral("grpc"),
                             QStringLiteral("PassthroughCluster"),
                             QStringLiteral("BlackHoleCluster"),
                             QStringLiteral("-"),
                             QStringLiteral("0"),
                             QStringLiteral("+Inf")};
    static_assert(std::size(fixed) == Count);
    m_strings.reserve(512);
    m_properties.reserve(512);
    m_ids.reserve(512);
    for (const QString &s : fixed)
        intern(s);
}

StrId StringPool::intern(const QString &text)
{
    if (text.isEmpty() && !m_strings.empty())
        return Empty;
    auto it = m_ids.constFind(text);
    if (it != m_ids.constEnd())
        return *it;
    const StrId id = StrId(m_strings.size());
    m_strings.push_back(text);
    m_properties.push_back(0);
    m_ids.insert(text, id);
    return id;
}

StrId StringPool::internShared(const QString &text)
{
    const qsizetype size = text.size();
    if (size == 0)
        return Empty;
    const QChar *data = text.constData();
    CacheEntry &recent = m_recent[(reinterpret_cast<uintptr_t>(data) >> 4) % m_recent.size()];
    if (recent.data == data && recent.size == size)
        return recent.id;
    auto it = m_byAddress.find(data);
    StrId id;
    if (it != m_byAddress.end() && it->second.size == size) {
        id = it->second.id;
    } else {
        id = intern(text);
        m_byAddress[data] = {data, size, id};
    }
    recent = {data, size, id};
    return id;
}

uint8_t StringPool::compute(StrId id) const
{
    const QString &s = str(id);
    uint8_t bits = Computed;
    if (s == u"waypoint" || s.endsWith(u"-waypoint"))
        bits |= WaypointName;
    if (s.contains(u"ingressgateway") || s.contains(u"egressgateway"))
        bits |= GatewayName;
    if (s.contains(u'.'))
        bits |= HasDot;
    static const QRegularExpression ip(QStringLiteral("^\\d+\\.\\d+\\.\\d+\\.\\d+(:\\d+)?$"));
    if ((bits & HasDot) && ip.match(s).hasMatch())
        bits |= IpAddress;
    return bits;
}

void IndexTable::reserve(size_t count)
{
    const size_t wanted = std::bit_ceil(std::max<size_t>(16, count * 2));
    if (wanted <= m_slots.size())
        return;
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(wanted, Slot {});
    const size_t mask = wanted - 1;
    for (const Slot &s : old) {
        if (s.index < 0)
            continue;
        size_t i = s.hash & mask;
        while (m_slots[i].index >= 0)
            i = (i + 1) & mask;
        m_slots[i] = s;
    }
}

void IndexTable::grow()
{
    reserve(std::max<size_t>(16, m_slots.size()));
}

size_t Row::keyHash() const
{
    size_t h = 0;
    for (int i = FirstKeyField; i < FieldCount; ++i)
        h = mixHash(h, uint64_t(f[size_t(i)]));
    return finishHash(h);
}

bool Row::sameKey(const Row &other) const
{
    return std::equal(f.begin() + FirstKeyField, f.end(), other.f.begin() + FirstKeyField);
}

namespace {

int fieldFor(const QString &name)
{
    static const QHash<QString, int> fields {
        {QStringLiteral("reporter"), FReporter},
        {QStringLiteral("app"), FApp},
        {QStringLiteral("le"), FLe},
        {QStringLiteral("source_cluster"), FSrcCluster},
        {QStringLiteral("source_workload_namespace"), FSrcNs},
        {QStringLiteral("source_workload"), FSrcWorkload},
        {QStringLiteral("source_canonical_service"), FSrcApp},
        {QStringLiteral("source_canonical_revision"), FSrcVersion},
        {QStringLiteral("destination_cluster"), FDstCluster},
        {QStringLiteral("destination_service_namespace"), FDstSvcNs},
        {QStringLiteral("destination_service"), FDstSvc},
        {QStringLiteral("destination_service_name"), FDstSvcName},
        {QStringLiteral("destination_workload_namespace"), FDstNs},
        {QStringLiteral("destination_workload"), FDstWorkload},
        {QStringLiteral("destination_canonical_service"), FDstApp},
        {QStringLiteral("destination_canonical_revision"), FDstVersion},
        {QStringLiteral("request_protocol"), FProtocol},
        {QStringLiteral("response_code"), FCode},
        {QStringLiteral("grpc_response_status"), FGrpcStatus},
        {QStringLiteral("response_flags"), FFlags},
        {QStringLiteral("connection_security_policy"), FSecurity}};
    return fields.value(name, -1);
}

int reporterPriority(StrId reporter)
{
    switch (reporter) {
    case StringPool::Destination:
        return 3;
    case StringPool::Waypoint:
        return 2;
    case StringPool::Source:
        return 1;
    default:
        return 0;
    }
}

inline void prefetchLine(uintptr_t address)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    // GCC 12 dropped __builtin_prefetch from the loop of RowReader::prefetch().
    asm volatile("prefetcht0 %0" : : "m"(*reinterpret_cast<const char *>(address)));
#else
    __builtin_prefetch(reinterpret_cast<const void *>(address));
#endif
}

} // namespace

// Each series' labels are a hash of their own, cold in the cache when the answer is large:
// reading them was most of the time spent on rows. Their memory is requested a few series
// ahead (a prefetch never faults; the hash's entries lie around the first one iterated).
void RowReader::prefetch(const Series &series)
{
    if (series.metric.isEmpty())
        return;
    const auto first = reinterpret_cast<uintptr_t>(&series.metric.cbegin().key());
    const uintptr_t bytes = uintptr_t(series.metric.size()) * sizeof(QString) * 2;
    for (uintptr_t address = first - std::min(first, bytes); address < first + bytes; address += 64)
        prefetchLine(address);
}

Row RowReader::read(const Series &series)
{
    // Names of parsed answers are interned (one QString per name) and the series of one answer
    // mostly list the same names in the same hash order: the field at each position is
    // remembered by the name's address, and looked up by text only when the address differs.
    Row row;
    size_t position = 0;
    for (auto it = series.metric.cbegin(); it != series.metric.cend(); ++it, ++position) {
        const QChar *name = it.key().constData();
        if (position >= m_byPosition.size())
            m_byPosition.resize(position + 1);
        Slot &slot = m_byPosition[position];
        if (slot.name != name) {
            auto f = m_byAddress.find(name);
            if (f == m_byAddress.end()) // every name stays alive while its answer is read
                f = m_byAddress.emplace(name, fieldFor(it.key())).first;
            slot = {name, f->second};
        }
        if (slot.field < 0)
            continue;
        // Consecutive series mostly repeat a label's value (the reporters' copies).
        const QString &value = it.value();
        if (value.constData() != slot.value || value.size() != slot.valueSize) {
            slot.value = value.constData();
            slot.valueSize = value.size();
            slot.id = m_pool.internShared(value);
        }
        row.f[size_t(slot.field)] = slot.id;
    }
    row.value = series.value();
    row.priority = reporterPriority(row[FReporter]);
    return row;
}

bool Builder::reporterAllowed(const Row &m) const
{
    if (m[FReporter] == StringPool::Waypoint)
        return m_options.reporters.testFlag(Reporter::Waypoint);
    if (m[FApp] == StringPool::Ztunnel)
        return m_options.reporters.testFlag(Reporter::Ztunnel);
    return m_options.reporters.testFlag(Reporter::Sidecar);
}

std::vector<Row> Builder::deduplicated(const QueryResult &result, bool withLe)
{
    // One value per series: the same labels from several reporters count once (destination,
    // then waypoint, then source). Histograms: one reporter for all buckets of a series.
    std::vector<Row> rows;
    rows.reserve(size_t(result.series.size()));
    IndexTable best; // key -> row
    best.reserve(size_t(result.series.size()));
    std::vector<int> bestPriority; // histograms: per key, the best reporter's priority
    std::vector<int> keyOf; // histograms: per row, its key (an index into bestPriority)
    std::vector<int> firstRowOfKey; // histograms: a row with the key, to compare with
    RowReader reader(m_pool);
    const qsizetype count = result.series.size();
    for (qsizetype i = 0; i < count; ++i) {
        if (i + RowReader::kReadAhead < count)
            RowReader::prefetch(result.series[i + RowReader::kReadAhead]);
        Row row = reader.read(result.series[i]);
        if (!reporterAllowed(row) || !std::isfinite(row.value))
            continue;
        const size_t hash = row.keyHash();
        if (withLe) {
            const int candidate = int(bestPriority.size());
            const int key = best.findOrInsert(hash, candidate, [&](int k) {
                return rows[size_t(firstRowOfKey[size_t(k)])].sameKey(row);
            });
            if (key == candidate) {
                bestPriority.push_back(row.priority);
                firstRowOfKey.push_back(int(rows.size()));
            } else {
                bestPriority[size_t(key)] = std::max(bestPriority[size_t(key)], row.priority);
            }
            keyOf.push_back(key);
            rows.push_back(row);
            continue;
        }
        const int index = best.findOrInsert(hash, int(rows.size()),
                                            [&](int i) { return rows[size_t(i)].sameKey(row); });
        if (index == int(rows.size()))
            rows.push_back(row);
        else if (row.priority > rows[size_t(index)].priority)
            rows[size_t(index)] = row;
    }
    if (withLe) {
        size_t kept = 0;
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows[i].priority == bestPriority[size_t(keyOf[i])])
                rows[kept++] = rows[i];
        rows.resize(kept);
    }
    return rows;
}

} // namespace md::telemetry::detail

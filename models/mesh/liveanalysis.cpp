#include "mesh/liveanalysis.h"

#include "istio/document.h"
#include "mesh/meshcache.h"

#include <QtConcurrent/QtConcurrentRun>

namespace md::mesh {

namespace {

using md::istio::MeshIndex;
using md::istio::Value;

// The object as the analyzers read it; list items of core kinds lack kind and apiVersion.
std::optional<Value> toValue(const MeshCache::Item &item)
{
    auto value = md::istio::parseValue(item.object.json());
    if (!value || !value->isObject())
        return std::nullopt;
    if (!value->contains(QStringLiteral("kind")))
        value->insert(QStringLiteral("kind"), Value(item.resource.kind));
    if (!value->contains(QStringLiteral("apiVersion"))) {
        const md::kube::ResourceRef &r = item.resource;
        value->insert(
            QStringLiteral("apiVersion"),
            Value(r.group.isEmpty() ? r.version : r.group + QLatin1Char('/') + r.version));
    }
    return std::move(*value);
}

bool isWorkloadOrService(const md::kube::ResourceRef &resource)
{
    return resource.group.isEmpty(); // Services and Pods
}

LiveAnalysis::Outcome analyzeSnapshot(const MeshCache::Snapshot &snapshot,
                                      LiveAnalysis::Parsed previous)
{
    // Parse each object version once (across runs); Services and Pods go into every
    // cluster's index.
    LiveAnalysis::Outcome outcome;
    QHash<QString, QList<Value>> policies;
    QList<std::pair<QString, Value>> shared;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const MeshCache::Item &item : it.value()) {
            const QString key = it.key() + QLatin1Char('\n') + item.object.cacheKey();
            std::optional<Value> value;
            const auto known = previous.constFind(key);
            if (known != previous.constEnd() && known->first == item.object.resourceVersion())
                value = known->second;
            else
                value = toValue(item);
            if (!value)
                continue;
            outcome.parsed.insert(key, {item.object.resourceVersion(), *value});
            if (isWorkloadOrService(item.resource))
                shared.append({it.key(), std::move(*value)});
            else
                policies[it.key()].append(std::move(*value));
        }
    }
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        auto index = std::make_shared<MeshIndex>();
        for (const Value &policy : std::as_const(policies[it.key()]))
            index->add(policy, it.key());
        for (const auto &[context, value] : std::as_const(shared))
            index->add(value, context);
        for (md::istio::Message &message : md::istio::analyzeMesh(*index)) {
            if (message.source == it.key()) // only this cluster's policies
                outcome.messages.append(std::move(message));
        }
        outcome.indexes.insert(it.key(), std::move(index));
    }
    return outcome;
}

} // namespace

LiveAnalysis::LiveAnalysis(MeshCache *cache, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
{
    connect(cache, &MeshCache::changed, this, &LiveAnalysis::schedule);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        Outcome outcome = m_watcher.result();
        m_messages = std::move(outcome.messages);
        m_indexes = std::move(outcome.indexes);
        m_parsed = std::move(outcome.parsed);
        ++m_runs;
        emit updated();
        if (std::exchange(m_again, false))
            schedule();
    });
}

LiveAnalysis::~LiveAnalysis()
{
    m_watcher.waitForFinished();
}

void LiveAnalysis::schedule()
{
    if (m_watcher.isRunning()) {
        m_again = true; // once this run ends, with the newest objects
        return;
    }
    if (!m_cache->isSynced())
        return; // a half-listed mesh would report references as missing
    m_watcher.setFuture(
        QtConcurrent::run(analyzeSnapshot, m_cache->snapshot(), std::exchange(m_parsed, {})));
}

QList<md::istio::Message> LiveAnalysis::checkObject(const QString &context,
                                                    const md::istio::Value &object) const
{
    const auto index = m_indexes.value(context);
    if (!index)
        return {};
    return md::istio::analyzeObject(*index, object);
}

} // namespace md::mesh

#include "mesh/liveanalysis.h"

#include "istio/document.h"
#include "mesh/meshcache.h"
#include "secrets/tlssecret.h"

#include <QSet>
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

// The core kinds the analyzers read (Endpoints and the like are left out of the snapshot).
bool isAnalyzedCoreKind(const md::kube::ResourceRef &resource)
{
    static const QSet<QString> core = {
        QStringLiteral("Namespace"), QStringLiteral("Service"),   QStringLiteral("Pod"),
        QStringLiteral("Secret"),    QStringLiteral("ConfigMap"),
    };
    static const QSet<QString> apps = {QStringLiteral("Deployment"), QStringLiteral("StatefulSet"),
                                       QStringLiteral("DaemonSet"), QStringLiteral("ReplicaSet")};
    if (resource.group.isEmpty())
        return core.contains(resource.kind);
    if (resource.group == QLatin1String("apps"))
        return apps.contains(resource.kind);
    return resource.group == QLatin1String("admissionregistration.k8s.io");
}

LiveAnalysis::Outcome analyzeSnapshot(const MeshCache::Snapshot &snapshot,
                                      const QHash<QString, QStringList> &kinds,
                                      LiveAnalysis::Parsed previous)
{
    // Parse each object version once (across runs). Each cluster's index holds its own
    // objects, and the Services and Pods of the other clusters of the mesh (hosts resolve
    // and selectors match across the clusters of a mesh).
    LiveAnalysis::Outcome outcome;
    QHash<QString, QList<Value>> objects;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        QList<Value> &own = objects[it.key()];
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
            own.append(std::move(*value));
        }
    }
    QList<std::pair<QString, const MeshIndex *>> clusters;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        auto index = std::make_shared<MeshIndex>();
        for (const QString &kind : kinds.value(it.key()))
            index->markKnown(kind);
        for (const Value &object : std::as_const(objects[it.key()]))
            index->add(object, it.key());
        for (auto other = objects.cbegin(); other != objects.cend(); ++other) {
            if (other.key() == it.key())
                continue;
            for (const Value &object : other.value())
                index->addRemote(object);
        }
        for (md::istio::Message &message : md::istio::analyzeMesh(*index))
            outcome.messages.append(std::move(message));
        clusters.append({it.key(), index.get()});
        outcome.indexes.insert(it.key(), std::move(index));
    }
    if (clusters.size() > 1)
        outcome.messages += md::istio::analyzeClusters(clusters);
    // Gateway credentials that expired, expire soon or cannot be used (MD3005).
    outcome.messages
        += md::secrets::gatewayCredentialMessages(snapshot, QDateTime::currentDateTimeUtc());
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
        {
            const QMutexLocker lock(&m_indexesLock);
            m_indexes = std::move(outcome.indexes);
        }
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
    // Only the kinds the analyzers read: the Istio kinds and a few core ones.
    QList<MeshCache::Kind> wanted;
    QHash<QString, QStringList> kinds;
    for (const QString &context : m_cache->clusters()) {
        for (const md::kube::ResourceRef &resource : m_cache->resources(context)) {
            if (!MeshCache::isIstioGroup(resource.group) && !isAnalyzedCoreKind(resource))
                continue;
            const MeshCache::Kind kind {resource.group, resource.kind};
            if (!wanted.contains(kind))
                wanted.append(kind);
            kinds[context].append(resource.kind);
        }
    }
    // The tables cost nothing to take here; the snapshot is made in the worker.
    m_watcher.setFuture(QtConcurrent::run(
        [tables = m_cache->tables(wanted), kinds, parsed = std::exchange(m_parsed, {})] {
            return analyzeSnapshot(MeshCache::toSnapshot(tables), kinds, parsed);
        }));
}

std::shared_ptr<const md::istio::MeshIndex> LiveAnalysis::index(const QString &context) const
{
    const QMutexLocker lock(&m_indexesLock);
    return m_indexes.value(context);
}

QList<md::istio::Message> LiveAnalysis::checkObject(const QString &context,
                                                    const md::istio::Value &object) const
{
    const auto index = this->index(context);
    if (!index)
        return {};
    return md::istio::analyzeObject(*index, object);
}

} // namespace md::mesh

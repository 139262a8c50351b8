#include "cli/livestate.h"

#include "mesh/meshcache.h"

namespace md::cli {

using md::mesh::MeshCache;

QList<LiveKind> liveKinds(const md::kube::DiscoveryInfo &discovery)
{
    QList<LiveKind> kinds;
    QList<MeshCache::Kind> seen;
    const auto add = [&](const QString &group, const QString &kind, const QString &labels,
                         const QString &fields) {
        const md::kube::ApiResource *resource = discovery.find(group, kind);
        if (!resource || !resource->can(QStringLiteral("list")))
            return;
        kinds.append({resource->ref, labels, fields});
    };
    // MeshCache's well-known Istio kinds come first in watchedKinds(); then the rest of the
    // Istio groups the cluster serves.
    for (const auto &[group, kind] : MeshCache::watchedKinds()) {
        if (MeshCache::isIstioGroup(group) && !seen.contains(MeshCache::Kind {group, kind})) {
            seen.append({group, kind});
            add(group, kind, {}, {});
        }
    }
    for (const md::kube::ApiResource &resource : discovery.resources) {
        const MeshCache::Kind kind {resource.ref.group, resource.ref.kind};
        if (MeshCache::isIstioGroup(kind.first) && !seen.contains(kind)) {
            seen.append(kind);
            add(kind.first, kind.second, {}, {});
        }
    }
    for (const MeshCache::Watch &watch : MeshCache::coreWatches())
        add(watch.group, watch.kind, watch.labelSelector, watch.fieldSelector);
    return kinds;
}

Result<LiveState, LiveStateError> listLiveState(Session &session)
{
    LiveState state;
    for (const LiveKind &kind : liveKinds(session.discovery)) {
        const auto listed
            = listObjects(session, kind.resource, {}, kind.labelSelector, kind.fieldSelector);
        if (!listed)
            return Unexpected<LiveStateError> {{kind.resource.plural, listed.error()}};
        if (!state.kinds.contains(kind.resource.kind))
            state.kinds.append(kind.resource.kind);
        for (const md::kube::KubeObject &object : *listed) {
            auto value = md::istio::parseValue(object.json());
            if (!value || !value->isObject())
                continue;
            if (!value->contains(QStringLiteral("kind")))
                value->insert(QStringLiteral("kind"), kind.resource.kind);
            if (!value->contains(QStringLiteral("apiVersion")))
                value->insert(QStringLiteral("apiVersion"), kind.resource.groupVersion());
            state.objects.append(std::move(*value));
        }
    }
    return state;
}

void addLiveState(
    md::istio::MeshIndex &index, const LiveState &state, const QString &source,
    const std::function<bool(const QString &, const QString &, const QString &)> &skip)
{
    for (const QString &kind : state.kinds)
        index.markKnown(kind);
    for (const md::istio::Value &object : state.objects) {
        if (skip) {
            const md::istio::ObjectId id = md::istio::ObjectId::of(object);
            if (skip(id.kind, id.namespace_, id.name))
                continue;
        }
        index.add(object, source);
    }
}

} // namespace md::cli

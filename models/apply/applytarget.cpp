#include "apply/applytarget.h"

namespace md::apply {

QList<TargetCandidate> targetCandidates(const md::mesh::Mesh &mesh,
                                        const QList<md::mesh::ClusterHealth> &healths)
{
    const auto healthOf = [&](const QString &context) -> const md::mesh::ClusterHealth * {
        for (const md::mesh::ClusterHealth &h : healths) {
            if (h.context == context)
                return &h;
        }
        return nullptr;
    };
    QList<TargetCandidate> list;
    for (const QString &context : mesh.clusters()) {
        const md::mesh::ClusterHealth *health = healthOf(context);
        TargetCandidate c;
        c.context = context;
        c.controlPlane = context == mesh.controlPlane;
        c.runsIstiod = health && health->hasIstio();
        c.connected = health && health->isUp();
        if (health)
            c.canWrite = health->canWriteIstio;
        if (c.controlPlane || c.runsIstiod)
            list.append(c);
    }
    return list;
}

QString chooseTarget(const md::mesh::Mesh &mesh, const QList<TargetCandidate> &candidates,
                     const QString &remembered)
{
    for (const TargetCandidate &c : candidates) {
        if (!remembered.isEmpty() && c.context == remembered)
            return remembered;
    }
    return mesh.controlPlane;
}

bool needsChoice(const QList<TargetCandidate> &candidates)
{
    int withIstiod = 0;
    for (const TargetCandidate &c : candidates)
        withIstiod += c.runsIstiod ? 1 : 0;
    return withIstiod > 1;
}

} // namespace md::apply

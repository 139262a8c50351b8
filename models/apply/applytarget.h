#pragma once

// Where a mesh's Istio resources are written. The product's rule: the control-plane cluster
// ("only policies written to the control-plane cluster take effect for the entire mesh").
// When several clusters of the mesh run istiod and serve the Istio resources, the user may
// pick another one; the choice is remembered per mesh (DraftStore::setApplyTarget).

#include "mesh/clusterhealth.h"
#include "mesh/mesh.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace md::apply {

struct TargetCandidate
{
    QString context;
    bool controlPlane = false; // the mesh's control-plane cluster
    bool runsIstiod = false; // istiod found there (ClusterHealth::hasIstio)
    bool connected = false;
    std::optional<bool> canWrite; // ClusterHealth::canWriteIstio
};

// The mesh's clusters that may be targets: the control plane always (first), then every
// member running istiod. `healths` may miss clusters (not connected yet).
QList<TargetCandidate> targetCandidates(const md::mesh::Mesh &mesh,
                                        const QList<md::mesh::ClusterHealth> &healths);

// The remembered choice when it is still a candidate, else the control plane.
QString chooseTarget(const md::mesh::Mesh &mesh, const QList<TargetCandidate> &candidates,
                     const QString &remembered);

// Whether the user has to choose (more than one candidate runs istiod).
bool needsChoice(const QList<TargetCandidate> &candidates);

} // namespace md::apply

#pragma once

// The kubeconfig meshsim writes: per cluster an admin context named after the cluster
// ("meshsim-primary") and a viewer context ("meshsim-primary-viewer"), CA data embedded.

#include "core/result.h"

#include <QList>
#include <QString>

namespace md::sim {

class Cluster;

QString contextName(const Cluster &cluster);
Result<void> writeKubeconfig(const QString &path, const QList<Cluster *> &clusters);

} // namespace md::sim

#pragma once

// Scenarios that populate the simulated clusters: the Istio installation every cluster
// has, `demo` (a realistic two-cluster mesh) and `scale` (a large generated mesh).

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace md::sim {

class Cluster;

struct ScenarioOptions
{
    QString name = QStringLiteral("demo"); // demo | scale | empty
    int workloads = 200; // scale only
};

// Creates the objects through the clusters' API semantics (validated like kubectl writes).
Result<void> populateScenario(const QList<Cluster *> &clusters, const ScenarioOptions &options);

// Creates one object of any served kind (used by scenarios and tests).
Result<QJsonObject> createFromJson(Cluster &cluster, const QJsonObject &object);

} // namespace md::sim

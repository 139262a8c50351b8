#pragma once

// "Export selection as YAML" of the policy lists: the objects as a user would apply them
// again, without the fields the server sets (managedFields, resourceVersion, uid,
// creationTimestamp, generation, selfLink, status), one YAML document each.

#include "core/result.h"
#include "kube/kubeobject.h"

#include <QByteArray>
#include <QList>

namespace md {

struct ExportObject
{
    QString apiVersion; // "networking.istio.io/v1": list items carry none
    QString kind;
    md::kube::KubeObject object;
};

// The objects as a YAML stream ("---" between documents). Fails naming the first object
// whose JSON does not read.
Result<QByteArray> exportPoliciesYaml(const QList<ExportObject> &objects);

} // namespace md

#pragma once

// kubectl's typed clients (create namespace/configmap/secret/serviceaccount, auth can-i,
// auth whoami) send request bodies as Kubernetes protobuf
// (application/vnd.kubernetes.protobuf: "k8s\0" + runtime.Unknown). meshsim decodes
// those few kinds into JSON; anything else is answered with 415.

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace md::sim {

Result<QJsonObject> decodeKubernetesProtobuf(const QByteArray &body);

} // namespace md::sim

#pragma once

// What MeshDesk knows about one cluster connection: reachable or not, versions, whether the
// user may write Istio resources, and the last error. Plain value, copied to the views.

#include "kube/apierror.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace md::mesh {

struct ClusterHealth
{
    enum class State {
        NotConnected, // never asked (contexts connect lazily)
        Connecting,
        Connected,
        Unreachable, // network or TLS failure
        Unauthorized, // 401/403 on discovery
        Failed, // any other error
    };

    QString context;
    QString server;
    State state = State::NotConnected;
    QString kubernetesVersion; // "v1.32.1"
    QString istioVersion; // "1.24.2"; empty when no istiod was found
    QString istioRevision; // istio.io/rev of istiod
    QString meshId; // from the istio ConfigMap's mesh config
    QString trustDomain;
    std::optional<bool> canWriteIstio; // SelfSubjectAccessReview: create virtualservices
    std::optional<md::kube::ApiError> lastError;
    QStringList warnings; // e.g. TLS verification disabled
    QDateTime checkedAt;
    qint64 latencyMs = -1; // of the /version request

    bool hasIstio() const { return !istioVersion.isEmpty(); }
    bool isUp() const { return state == State::Connected; }
};

QString stateText(ClusterHealth::State state);

} // namespace md::mesh

Q_DECLARE_METATYPE(md::mesh::ClusterHealth)

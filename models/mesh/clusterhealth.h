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
    qint64 latencyMs = -1; // of the last /version request that answered

    // What the periodic probe of a connected cluster (GET /version) has seen over its last
    // probes; a cluster whose probes keep failing to connect turns Unreachable (since the
    // first of those failures) and back to Connected when one answers.
    struct Probes
    {
        int sent = 0; // in the window
        int failed = 0; // in the window
        int consecutiveFailures = 0;
        QDateTime lastSuccessAt;
        QDateTime failingSince; // the first failure of the current run of failures
        std::optional<md::kube::ApiError> lastFailure;
    };
    Probes probes;

    bool hasIstio() const { return !istioVersion.isEmpty(); }
    bool isUp() const { return state == State::Connected; }
    // Connected, but some of the recent probes failed.
    bool isDegraded() const { return isUp() && probes.failed > 0; }
    int failurePercent() const
    {
        return probes.sent > 0 ? int(100.0 * probes.failed / probes.sent + 0.5) : 0;
    }
};

QString stateText(ClusterHealth::State state);

} // namespace md::mesh

Q_DECLARE_METATYPE(md::mesh::ClusterHealth)

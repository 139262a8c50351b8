#pragma once

// The kubeconfig meshsim writes: per cluster an admin context named after the cluster
// ("meshsim-primary") and a viewer context ("meshsim-primary-viewer"), CA data embedded.
// With an OIDC issuer, also a user "meshsim-oidc" with an `oidc` auth-provider (a session of
// the issuer whose id-token has already expired, so that the first request refreshes it) and
// per cluster a context "meshsim-<cluster>-oidc".

#include "core/result.h"

#include <QList>
#include <QString>

namespace md::sim {

class Cluster;
class OidcIssuer;

inline constexpr auto OidcUserName = "meshsim-oidc";

QString contextName(const Cluster &cluster);
Result<void> writeKubeconfig(const QString &path, const QList<Cluster *> &clusters,
                             OidcIssuer *oidc = nullptr);

} // namespace md::sim

#pragma once

// What "New <Kind>…" starts from on the Istio resources page: a minimal object that Istio
// accepts, per kind, and an apiVersion/kind/metadata/spec skeleton for any other kind a CRD
// adds.

#include <QString>
#include <QStringList>

namespace md::resources {

// The YAML of a new object of `kind` in `namespace_` ("default" when empty), written with
// `apiVersion` (as the cluster serves it; empty: the version MeshDesk writes for the kind).
QString resourceTemplate(const QString &apiVersion, const QString &kind, const QString &namespace_);
// The kinds with a template of their own (the rest get the skeleton).
const QStringList &templateKinds();
// "networking.istio.io/v1" for VirtualService, ...; "" for kinds it does not know.
QString defaultApiVersionOf(const QString &kind);

} // namespace md::resources

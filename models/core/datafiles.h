#pragma once

// Files MeshDesk ships beside its binaries. Istio's CRDs (crd-all.gen.yaml, taken from
// ../shared/istio at build time) are installed to <prefix>/share/meshdesk/istio/ and copied to
// <build>/share/meshdesk/istio/ in the build tree; both are <dir of the executable>/../share/..,
// so the same lookup serves the installed package and the build tree.

#include <QString>
#include <QStringList>

namespace md {

// Where the CRDs are looked for, in order: $MESHDESK_CRDS, then <app dir>/../share/meshdesk/
// istio/crd-all.gen.yaml. (An explicit --crds option, where a command has one, comes first.)
QStringList istioCrdCandidates();
// The first candidate that exists; empty when none does.
QString istioCrdsPath();

} // namespace md

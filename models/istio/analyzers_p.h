#pragma once

// Internal: what the analyzers of each area (analyzers_*.cpp) share. Each area's entry point
// looks at one object against the index and reports on that object only, so that checking
// one edited object costs what its own references cost. Message texts of IST codes are
// istioctl's templates, word for word and untranslated, so scripts can match them.

#include "istio/analyzers.h"
#include "istio/checks.h"

namespace md::istio::analysis {

struct Context
{
    const MeshIndex &index;
    const Value &object;
    ObjectId id;
    QString ns; // "default" when empty; empty for cluster-scoped kinds
    Findings &f;

    const Value &spec() const { return object.value(QStringLiteral("spec")); }
    const Value &metadata() const { return object.value(QStringLiteral("metadata")); }
    QString fullName() const { return ns.isEmpty() ? id.name : ns + u'/' + id.name; }
    bool isSelf(int entry) const;
    QString nameOf(int entry) const; // "namespace/name"
    const Value &objectAt(int entry) const { return index.entry(entry).object; }

    // Reports with istioctl's code and text (never translated).
    void report(Severity severity, const char *code, const QString &path, const QString &text)
    {
        f.add(severity, code, path, text);
    }
};

QMap<QString, QString> stringMap(const Value &v);
bool selects(const QMap<QString, QString> &selector, const QMap<QString, QString> &labels);
// A metav1.LabelSelector (matchLabels, matchExpressions); a null selector selects everything,
// an invalid one nothing.
bool labelSelectorMatches(const Value &selector, const QMap<QString, QString> &labels);
QString namespaceOf(const ObjectId &id);

// Go's fmt: %v of a []string ("[a b]"), %q of a string.
QString goList(const QStringList &items);
QString goQuote(const QString &text);

// Istio's host.Name.Matches: whether two (possibly wildcard) host names overlap.
bool hostsOverlap(const QString &a, const QString &b);
// Istio's exportTo scopes of an object ("*" or namespaces).
QStringList exportScopes(const Value &exportTo, const QString &ns);

// Workloads: the pod template (Deployment & co.) or the Pod itself.
const Value &podSpecOf(const Value &object);
QMap<QString, QString> podLabelsOf(const Value &object);
QMap<QString, QString> podAnnotationsOf(const Value &object);
bool hasProxyContainer(const Value &podSpec);
// Istio's PodInMesh/DeploymentInMesh: a proxy container, an inject label or annotation, or
// the namespace's istio-injection=enabled label.
bool inMesh(const MeshIndex &index, const Value &object, const QString &ns);

// Istio's annotations (analyzers_annotationtable.cpp).
enum class Maturity { Alpha, Beta, Stable };
struct AnnotationInfo
{
    const char *name;
    Maturity maturity;
    bool deprecated;
    const char *resources; // "Pod, Service"; "Any" attaches anywhere
};
const AnnotationInfo *findAnnotation(const QString &name);

// The area analyzers, each for the kinds it reads (others return at once).
void analyzeAnnotations(Context &c); // Namespace, Service, Pod, Deployment
void analyzeInjection(Context &c); // Namespace, Pod, Deployment
void analyzeApplicationUid(Context &c); // Pod, Deployment
void analyzeServicePorts(Context &c); // Service
void analyzeDeploymentServices(Context &c); // Deployment
void analyzeGateway(Context &c); // Gateway
void analyzeEnvoyFilter(Context &c);
void analyzeTelemetry(Context &c);
void analyzeSidecar(Context &c);
void analyzeAuthorizationPolicy(Context &c);
void analyzeWorkloadPolicy(Context &c); // RequestAuthentication, PeerAuthentication
void analyzeIneffectiveSelector(Context &c); // policies selecting Kubernetes Gateway pods
void analyzeJwtClaimRoutes(Context &c); // VirtualService
void analyzeJwksFetch(Context &c); // istiod Deployment
void analyzeServiceEntry(Context &c);
void analyzeDeprecations(Context &c);
void analyzeConditions(Context &c);
void analyzeMutatingWebhook(Context &c);
void analyzeExternalControlPlane(Context &c); // webhook configurations
void analyzeMeshNetworks(Context &c); // ConfigMap istio
void analyzeVirtualService(Context &c);
void analyzeDestinationRule(Context &c);

} // namespace md::istio::analysis

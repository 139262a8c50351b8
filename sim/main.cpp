// meshsim: a simulated multi-cluster Istio mesh (Kubernetes API servers over HTTPS and
// Istio telemetry) for MeshDesk's demo mode and integration tests.

#include "simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &c, 1);
}

const char kDescription[] = R"(meshsim simulates a multi-cluster Istio mesh on this machine.

Every simulated cluster is a Kubernetes API server on 127.0.0.1 over HTTPS (a CA and
server certificate generated at start; HTTP/1.1 only). Real kubectl and MeshDesk use it
through the kubeconfig meshsim writes: per cluster a context "meshsim-<cluster>" with an
admin token and "meshsim-<cluster>-viewer" with a read-only token (writes get 403
Forbidden; requests without a valid token get 401). The first cluster is "primary" (the
mesh's control plane), the others "member" (or member-1, member-2, ...).

Served: discovery, /openapi/v3, Namespaces, Nodes, Pods, Services, Endpoints,
ServiceAccounts, ConfigMaps, Secrets, Events (v1 and events.k8s.io/v1), Deployments,
ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions,
CustomResourceDefinitions and every custom resource of the loaded CRDs (all served
versions), SelfSubjectAccessReview and SelfSubjectReview (kubectl auth). Verbs: list
(labelSelector incl. set-based, fieldSelector on metadata.name/namespace, limit/continue),
get, create, update (stale resourceVersion: 409 Conflict), patch (merge, JSON patch,
server-side apply with managedFields per field as the API server keeps them: lists typed
by the CRD schema or the built-in kinds' list types, conflicts on changed fields only,
force, and kubectl's client-side to server-side upgrade; strategic merge for built-in
kinds only, 415 for custom resources), delete (owner and namespace cascades),
watch (resourceVersion, allowWatchBookmarks, timeoutSeconds; 410 Expired beyond the kept
history), dryRun=All and fieldValidation=Strict|Warn|Ignore.

Custom resources are validated against their CRD's openAPIV3Schema (types, enums,
required, ranges, patterns, formats; unknown fields pruned or rejected). CEL rules
(x-kubernetes-validations) are NOT evaluated. Deployments own ReplicaSets that own the
Pods (kubectl rollout restart/history/undo work); the scheduler, kubelet, controllers
and sidecar injector record Events. Not simulated: RBAC beyond the two tokens,
exec/logs/port-forward, admission webhooks other than Istio's
sidecar injection, HTTP/2, and protobuf bodies other than those of kubectl create
namespace|configmap|secret|serviceaccount and kubectl auth. Deployments, ReplicaSets and
StatefulSets have the scale subresource (kubectl scale).

Faults for reliability tests (--fault-* flags) can also be changed while running with
the admin token: GET/PATCH https://127.0.0.1:PORT/meshsim/faults with a JSON object such
as {"latencyMs": 200, "errorRate": 0.1, "throttleRate": 0.1, "retryAfterSeconds": 2,
"dropWatchesEverySeconds": 30, "expireWatchResumes": true, "revokedTokens": ["viewer"]}.

OIDC (--oidc-issuer): the first cluster's port also serves an OpenID Connect issuer at
https://127.0.0.1:PORT/oidc (discovery and a token endpoint exchanging refresh tokens, which
rotate), and every API server accepts its id-tokens (JWT, HS256) as bearer tokens: user
"oidc:<sub>", admin with the group system:masters, 401 once expired or revoked. The
kubeconfig gets a user "meshsim-oidc" with an oidc auth-provider whose id-token has already
expired (the first request refreshes it) and contexts "meshsim-<cluster>-oidc". With the
admin token: GET/PATCH /meshsim/oidc ({"revokeIdTokens": true, "revokeRefreshTokens": true,
"idTokenLifetimeSeconds": N}; GET also counts refreshes) and POST /meshsim/oidc/sessions
({"user": "bob", "groups": [...], "idTokenExpiresInSeconds": N}) for a new session.

Telemetry: /metrics (see the ready line) serves Istio's standard metrics from both
reporters. Workloads declare their calls with the pod template annotation
meshsim.io/calls: "reviews.bookinfo:9080/http@20, mysqldb.data:3306/tcp@5"; the traffic
follows VirtualService weights and faults, AuthorizationPolicies and PeerAuthentications
of the first cluster. Above 4000 HTTP series only counters are exported.

Once every cluster serves, meshsim prints one line
  meshsim ready: kubeconfig=PATH metrics=URL
on standard output and serves until SIGTERM or SIGINT, then exits 0.)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"meshsim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenario(u"scenario"_s,
                                      u"What the clusters hold at start: demo (a bookinfo-like "
                                      "app across two clusters, a gRPC service, a TCP database, "
                                      "an ingress gateway with routes, policies, a namespace "
                                      "without injection, a failing service), scale (a large "
                                      "generated mesh, see --workloads) or empty (Istio only)."_s,
                                      u"name"_s, u"demo"_s);
    const QCommandLineOption clusters(u"clusters"_s, u"Number of clusters (1-16)."_s, u"N"_s,
                                      u"2"_s);
    const QCommandLineOption workloads(
        u"workloads"_s, u"Workloads of the scale scenario (up to 5000)."_s, u"N"_s, u"200"_s);
    const QCommandLineOption kubeconfig({u"kubeconfig"_s, u"kubeconfig-out"_s},
                                        u"Where to write the kubeconfig."_s, u"file"_s,
                                        u"meshsim-kubeconfig.yaml"_s);
    const QCommandLineOption crds(u"crds"_s,
                                  u"CRDs to serve (YAML stream, e.g. Istio's crd-all.gen.yaml). "
                                  "Without it the Istio kinds are served with permissive "
                                  "schemas."_s,
                                  u"file"_s);
    const QCommandLineOption stateDir(u"state-dir"_s,
                                      u"Keep the clusters' objects in this directory across "
                                      "restarts (written atomically; a saved state replaces "
                                      "the scenario)."_s,
                                      u"dir"_s);
    const QCommandLineOption portBase({u"listen-base"_s, u"port-base"_s},
                                      u"API server port of the first cluster; the others "
                                      "follow. Default: free ports chosen by the OS."_s,
                                      u"port"_s);
    const QCommandLineOption metrics(u"metrics-listen"_s,
                                     u"Address of the Prometheus /metrics endpoint "
                                     "(default 127.0.0.1 on a free port)."_s,
                                     u"host:port"_s);
    const QCommandLineOption readyFile(u"ready-file"_s,
                                       u"Also write the ready line to this file."_s, u"file"_s);
    const QCommandLineOption history(u"watch-history"_s,
                                     u"Changes kept per cluster for watch resumption; older "
                                     "resourceVersions get 410 Expired."_s,
                                     u"N"_s, u"10000"_s);
    const QCommandLineOption faultLatency(u"fault-latency"_s,
                                          u"Fault: delay every API answer by this many "
                                          "milliseconds."_s,
                                          u"ms"_s, u"0"_s);
    const QCommandLineOption faultErrors(u"fault-error-rate"_s,
                                         u"Fault: answer this share (0-1) of API requests with "
                                         "500 InternalError."_s,
                                         u"rate"_s, u"0"_s);
    const QCommandLineOption faultThrottle(u"fault-throttle-rate"_s,
                                           u"Fault: answer this share (0-1) of API requests "
                                           "with 429 TooManyRequests and Retry-After."_s,
                                           u"rate"_s, u"0"_s);
    const QCommandLineOption faultDrop(u"fault-drop-watches"_s,
                                       u"Fault: drop every open watch connection every N "
                                       "seconds."_s,
                                       u"seconds"_s, u"0"_s);
    const QCommandLineOption faultExpire(u"fault-expire-watch-resumes"_s,
                                         u"Fault: answer watches that resume from a "
                                         "resourceVersion with 410 Expired."_s);
    const QCommandLineOption oidcIssuer(u"oidc-issuer"_s,
                                        u"Serve an OpenID Connect issuer on the first cluster's "
                                        "port (/oidc) whose id-tokens every cluster accepts, "
                                        "and add an oidc user to the kubeconfig."_s);
    const QCommandLineOption oidcClientId(
        u"oidc-client-id"_s, u"OIDC client id (the id-tokens' audience)."_s, u"id"_s, u"meshsim"_s);
    const QCommandLineOption oidcClientSecret(
        u"oidc-client-secret"_s, u"OIDC client secret (default: generated)."_s, u"secret"_s);
    const QCommandLineOption oidcUser(
        u"oidc-user"_s, u"Subject of the kubeconfig's OIDC session."_s, u"name"_s, u"alice"_s);
    const QCommandLineOption oidcLifetime(u"oidc-token-lifetime"_s,
                                          u"Lifetime of the id-tokens issued, in seconds."_s,
                                          u"seconds"_s, u"300"_s);
    const QCommandLineOption oidcClientAuth(u"oidc-client-auth"_s,
                                            u"How the token endpoint accepts the client's "
                                            "credentials: any, basic (Authorization header) or "
                                            "post (form fields)."_s,
                                            u"method"_s, u"any"_s);
    parser.addOptions({scenario, clusters, workloads, kubeconfig, crds, stateDir, portBase, metrics,
                       readyFile, history, faultLatency, faultErrors, faultThrottle, faultDrop,
                       faultExpire});
    parser.addOptions(
        {oidcIssuer, oidcClientId, oidcClientSecret, oidcUser, oidcLifetime, oidcClientAuth});
    parser.process(app);

    md::sim::SimulatorOptions options;
    bool ok = true;
    auto number = [&](const QCommandLineOption &o, int min, int max) {
        bool good = false;
        const int v = parser.value(o).toInt(&good);
        if (!good || v < min || v > max) {
            std::fprintf(stderr, "meshsim: --%s must be a number from %d to %d\n",
                         qPrintable(o.names().first()), min, max);
            ok = false;
        }
        return v;
    };
    options.scenario.name = parser.value(scenario);
    options.scenario.workloads = number(workloads, 1, 5000);
    options.clusters = number(clusters, 1, 16);
    options.watchHistory = number(history, 10, 10000000);
    if (parser.isSet(portBase))
        options.portBase = quint16(number(portBase, 1, 65000));
    options.kubeconfigPath = parser.value(kubeconfig);
    options.crdsFile = parser.value(crds);
    options.stateDir = parser.value(stateDir);
    options.metricsListen = parser.value(metrics);
    options.readyFile = parser.value(readyFile);
    QJsonObject faults {{u"latencyMs"_s, number(faultLatency, 0, 600000)},
                        {u"dropWatchesEverySeconds"_s, number(faultDrop, 0, 86400)},
                        {u"expireWatchResumes"_s, parser.isSet(faultExpire)}};
    for (const auto *o : {&faultErrors, &faultThrottle}) {
        bool good = false;
        faults.insert(o == &faultErrors ? u"errorRate"_s : u"throttleRate"_s,
                      parser.value(*o).toDouble(&good));
        ok &= good;
    }
    if (auto merged = options.faults.merged(faults); merged) {
        options.faults = *merged;
    } else {
        std::fprintf(stderr, "meshsim: %s\n", qPrintable(merged.error().toString()));
        ok = false;
    }
    options.oidc.enabled = parser.isSet(oidcIssuer);
    options.oidc.clientId = parser.value(oidcClientId);
    options.oidc.clientSecret = parser.value(oidcClientSecret);
    options.oidc.user = parser.value(oidcUser);
    options.oidc.tokenLifetimeSeconds = number(oidcLifetime, 1, 86400);
    options.oidc.clientAuth = parser.value(oidcClientAuth);
    if (!QStringList {u"any"_s, u"basic"_s, u"post"_s}.contains(options.oidc.clientAuth)) {
        std::fprintf(stderr, "meshsim: --oidc-client-auth must be any, basic or post\n");
        ok = false;
    }
    if (options.oidc.clientId.isEmpty() || options.oidc.user.isEmpty()) {
        std::fprintf(stderr, "meshsim: --oidc-client-id and --oidc-user must not be empty\n");
        ok = false;
    }
    if (!ok || !QStringList {u"demo"_s, u"scale"_s, u"empty"_s}.contains(options.scenario.name)) {
        if (ok)
            std::fprintf(stderr, "meshsim: unknown scenario %s\n",
                         qPrintable(options.scenario.name));
        return 2;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0) {
        std::perror("meshsim: socketpair");
        return 1;
    }
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalFds[1], &c, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    md::sim::Simulator simulator(options);
    const auto ready = simulator.start();
    if (!ready) {
        std::fprintf(stderr, "meshsim: %s\n", qPrintable(ready.error().toString()));
        return 1;
    }
    std::printf("%s\n", qPrintable(*ready));
    std::fflush(stdout);
    const int rc = app.exec();
    simulator.shutdown();
    return rc;
}

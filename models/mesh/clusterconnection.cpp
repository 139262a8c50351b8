#include "mesh/clusterconnection.h"

#include "kube/kubeclient.h"
#include "mesh/meshtr.h"
#include "schema/yamljson.h"

#include <QElapsedTimer>

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace md::mesh {

using namespace md::kube;

namespace {

const ResourceRef Deployments {QStringLiteral("apps"), QStringLiteral("v1"),
                               QStringLiteral("deployments"), true, QStringLiteral("Deployment")};
const ResourceRef ConfigMaps {QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), true,
                              QStringLiteral("ConfigMap")};
const QString IstioNamespace = QStringLiteral("istio-system");

ClusterHealth::State stateFor(const ApiError &e)
{
    if (e.kind == ApiError::Kind::Network || e.kind == ApiError::Kind::Tls)
        return ClusterHealth::State::Unreachable;
    if (e.isUnauthorized() || e.isForbidden() || e.kind == ApiError::Kind::Auth)
        return ClusterHealth::State::Unauthorized;
    return ClusterHealth::State::Failed;
}

} // namespace

QString stateText(ClusterHealth::State state)
{
    switch (state) {
    case ClusterHealth::State::NotConnected:
        return Tr::tr("Not connected");
    case ClusterHealth::State::Connecting:
        return Tr::tr("Connecting…");
    case ClusterHealth::State::Connected:
        return Tr::tr("Connected");
    case ClusterHealth::State::Unreachable:
        return Tr::tr("Unreachable");
    case ClusterHealth::State::Unauthorized:
        return Tr::tr("Unauthorized");
    case ClusterHealth::State::Failed:
        return Tr::tr("Failed");
    }
    return {};
}

MeshConfigInfo parseMeshConfig(const QString &meshYaml)
{
    MeshConfigInfo info;
    auto docs = md::schema::parseYamlStream(meshYaml.toUtf8(), QStringLiteral("istio ConfigMap"));
    if (!docs || docs->isEmpty())
        return info;
    const QJsonObject mesh = docs->constFirst().value.toObject();
    info.meshId = mesh.value(QLatin1String("defaultConfig"))
                      .toObject()
                      .value(QLatin1String("meshId"))
                      .toString();
    info.trustDomain = mesh.value(QLatin1String("trustDomain")).toString();
    info.rootNamespace = mesh.value(QLatin1String("rootNamespace")).toString();
    return info;
}

QString istioVersionOf(const QJsonObject &deployment)
{
    const QJsonObject labels = deployment.value(QLatin1String("metadata"))
                                   .toObject()
                                   .value(QLatin1String("labels"))
                                   .toObject();
    for (const char *key :
         {"operator.istio.io/version", "app.kubernetes.io/version", "helm.sh/chart"}) {
        QString v = labels.value(QLatin1String(key)).toString();
        if (v.startsWith(QLatin1String("istiod-")))
            v = v.mid(7);
        if (!v.isEmpty())
            return v;
    }
    const QJsonArray containers = deployment.value(QLatin1String("spec"))
                                      .toObject()
                                      .value(QLatin1String("template"))
                                      .toObject()
                                      .value(QLatin1String("spec"))
                                      .toObject()
                                      .value(QLatin1String("containers"))
                                      .toArray();
    for (const QJsonValue &c : containers) {
        const QString image = c.toObject().value(QLatin1String("image")).toString();
        const qsizetype colon = image.lastIndexOf(QLatin1Char(':'));
        if (colon > image.lastIndexOf(QLatin1Char('/')) && colon >= 0)
            return image.mid(colon + 1);
    }
    return {};
}

ClusterConnection::ClusterConnection(RestConfig config, QObject *parent)
    : QObject(parent)
{
    m_health.context = config.contextName;
    m_health.server = config.server.toString();
    m_health.warnings = config.warnings;
    m_client = std::make_unique<KubeClient>(std::move(config));
    m_probeTimer.setInterval(std::chrono::seconds(2));
    connect(&m_probeTimer, &QTimer::timeout, this, &ClusterConnection::probe);
}

std::chrono::milliseconds ClusterConnection::probeInterval() const
{
    return m_probeTimer.intervalAsDuration();
}

void ClusterConnection::setProbeInterval(std::chrono::milliseconds interval)
{
    m_probeTimer.setInterval(interval);
}

void ClusterConnection::probe()
{
    if (m_probing)
        return; // the last one has not answered yet: it counts when it does
    m_probing = true;
    const quint64 attempt = m_attempt;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_client->request("GET", QStringLiteral("/version"), {}, {}, {}, this,
                      [this, attempt, timer](ResponseResult result) {
                          m_probing = false;
                          if (attempt != m_attempt)
                              return;
                          if (result)
                              recordProbe(true, timer->elapsed(), std::nullopt);
                          else
                              recordProbe(false, -1, result.error());
                      });
}

void ClusterConnection::recordProbe(bool ok, qint64 latencyMs,
                                    const std::optional<md::kube::ApiError> &error)
{
    m_window.push_back(ok);
    while (m_window.size() > size_t(ProbeWindow))
        m_window.pop_front();
    update([&](ClusterHealth &h) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        h.probes.sent = int(m_window.size());
        h.probes.failed = int(std::count(m_window.cbegin(), m_window.cend(), false));
        if (ok) {
            h.probes.consecutiveFailures = 0;
            h.probes.lastSuccessAt = now;
            h.probes.failingSince = QDateTime();
            h.latencyMs = latencyMs;
            if (h.state == ClusterHealth::State::Unreachable) {
                h.state = ClusterHealth::State::Connected;
                h.lastError.reset();
            }
            return;
        }
        if (h.probes.consecutiveFailures++ == 0)
            h.probes.failingSince = now;
        h.probes.lastFailure = error;
        const bool cannotConnect = error
            && (error->kind == ApiError::Kind::Network || error->kind == ApiError::Kind::Tls);
        if (cannotConnect && h.probes.consecutiveFailures >= UnreachableAfter
            && h.state == ClusterHealth::State::Connected) {
            h.state = ClusterHealth::State::Unreachable;
            h.lastError = error;
        }
    });
}

ClusterConnection::~ClusterConnection() = default;

void ClusterConnection::update(const std::function<void(ClusterHealth &)> &change)
{
    change(m_health);
    m_health.checkedAt = QDateTime::currentDateTimeUtc();
    emit healthChanged(m_health);
}

void ClusterConnection::connectToCluster()
{
    const quint64 attempt = ++m_attempt;
    m_probeTimer.stop();
    m_window.clear();
    update([](ClusterHealth &h) {
        h.state = ClusterHealth::State::Connecting;
        h.probes = {};
    });
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    discover(m_client.get(), this, [this, attempt, timer](Result<DiscoveryInfo, ApiError> result) {
        if (attempt != m_attempt)
            return;
        if (!result) {
            const ApiError error = result.error();
            update([&](ClusterHealth &h) {
                h.state = stateFor(error);
                h.lastError = error;
            });
            return;
        }
        m_discovery = std::move(*result);
        update([&](ClusterHealth &h) {
            h.state = ClusterHealth::State::Connected;
            h.kubernetesVersion = m_discovery.gitVersion;
            h.lastError.reset();
            h.latencyMs = timer->elapsed();
        });
        probeIstio();
        probeMeshConfig();
        probeAccess();
        m_probeTimer.start();
    });
}

void ClusterConnection::probeIstio()
{
    ListOptions options;
    options.labelSelector = QStringLiteral("app=istiod");
    const quint64 attempt = m_attempt;
    m_client->list(Deployments, IstioNamespace, options, this, [this, attempt](ListResult result) {
        if (attempt != m_attempt)
            return;
        update([&](ClusterHealth &h) {
            h.istioVersion.clear();
            h.istioRevision.clear();
            if (!result || result->items.isEmpty())
                return;
            const md::kube::KubeObject &istiod = result->items.constFirst();
            h.istioVersion = istioVersionOf(istiod.toJson());
            h.istioRevision = istiod.label(QStringLiteral("istio.io/rev"));
        });
    });
}

void ClusterConnection::probeMeshConfig()
{
    const quint64 attempt = m_attempt;
    m_client->get(ConfigMaps, IstioNamespace, QStringLiteral("istio"), this,
                  [this, attempt](ObjectResult result) {
                      if (attempt != m_attempt || !result)
                          return;
                      const QString mesh = result->value(QLatin1String("data"))
                                               .toObject()
                                               .value(QLatin1String("mesh"))
                                               .toString();
                      const MeshConfigInfo info = parseMeshConfig(mesh);
                      update([&](ClusterHealth &h) {
                          h.meshId = info.meshId;
                          h.trustDomain = info.trustDomain;
                      });
                  });
}

void ClusterConnection::probeAccess()
{
    const QJsonObject review {
        {QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview")},
        {QStringLiteral("spec"),
         QJsonObject {
             {QStringLiteral("resourceAttributes"),
              QJsonObject {{QStringLiteral("group"), QStringLiteral("networking.istio.io")},
                           {QStringLiteral("resource"), QStringLiteral("virtualservices")},
                           {QStringLiteral("verb"), QStringLiteral("create")}}}}}};
    const quint64 attempt = m_attempt;
    m_client->request("POST",
                      QStringLiteral("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"), {},
                      QJsonDocument(review).toJson(QJsonDocument::Compact), "application/json",
                      this, [this, attempt](ResponseResult result) {
                          if (attempt != m_attempt)
                              return;
                          update([&](ClusterHealth &h) {
                              if (result)
                                  h.canWriteIstio = result->body.value(QLatin1String("status"))
                                                        .toObject()
                                                        .value(QLatin1String("allowed"))
                                                        .toBool();
                              else
                                  h.canWriteIstio.reset();
                          });
                      });
}

} // namespace md::mesh

#include "charts/meshprometheus.h"

#include "core/futures.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "telemetry/prometheusclient.h"

#include <QFuture>

namespace md::ui {

MeshPrometheus::MeshPrometheus(md::mesh::SelectedMesh *mesh, md::mesh::MeshRegistry *registry,
                               QObject *parent)
    : QObject(parent)
    , m_mesh(mesh)
    , m_registry(registry)
{
    if (m_mesh)
        connect(m_mesh, &md::mesh::SelectedMesh::meshChanged, this, &MeshPrometheus::reload);
    if (m_registry)
        connect(m_registry, &md::mesh::MeshRegistry::meshesChanged, this, [this] {
            // The selected mesh may have been edited (its URL or token).
            const auto mesh = m_mesh ? m_mesh->mesh() : std::nullopt;
            const QString url = mesh ? mesh->prometheusUrl.trimmed() : QString();
            const QString grafana = mesh ? mesh->grafanaUrl.trimmed() : QString();
            if (m_fixedUrl.isEmpty()
                && (url != m_url || grafana != m_grafanaUrl
                    || (mesh ? mesh->name : QString()) != m_meshName))
                reload();
        });
    reload();
}

MeshPrometheus::~MeshPrometheus() = default;

void MeshPrometheus::setFixedUrl(const QString &url)
{
    m_fixedUrl = url;
    reload();
}

void MeshPrometheus::reload()
{
    const quint64 generation = ++m_generation;
    if (!m_fixedUrl.isEmpty()) {
        m_meshName.clear();
        m_grafanaUrl.clear();
        makeClient(m_fixedUrl, {}, {});
        return;
    }
    const auto mesh = m_mesh ? m_mesh->mesh() : std::nullopt;
    if (!mesh) {
        m_meshName.clear();
        m_grafanaUrl.clear();
        m_url.clear();
        makeClient({}, {}, {});
        setState(State::NoMesh);
        return;
    }
    m_meshName = mesh->name;
    m_url = mesh->prometheusUrl.trimmed();
    m_grafanaUrl = mesh->grafanaUrl.trimmed();
    if (m_url.isEmpty()) {
        makeClient({}, {}, {});
        setState(State::NoUrl);
        return;
    }
    if (!m_registry || !m_registry->secretStore()) {
        makeClient(m_url, mesh->prometheusCaFile, {});
        return;
    }
    setState(State::Connecting);
    const QString url = m_url;
    const QString caFile = mesh->prometheusCaFile;
    md::onFinished(
        this, m_registry->prometheusToken(mesh->name),
        [this, generation, url, caFile](const md::Result<std::optional<QString>> &token) {
            if (generation != m_generation)
                return; // another mesh meanwhile
            if (!token) {
                makeClient({}, {}, {});
                m_error = tr("Cannot read the Prometheus token of mesh %1 from the keychain: %2")
                              .arg(m_meshName, token.error().toString());
                setState(State::Error);
                return;
            }
            makeClient(url, caFile, token->value_or(QString()));
        });
}

void MeshPrometheus::makeClient(const QString &url, const QString &caFile, const QString &token)
{
    if (m_client) {
        m_client->cancelAll();
        m_client->deleteLater();
        m_client = nullptr;
    }
    if (url.isEmpty())
        return;
    md::telemetry::PrometheusConfig config;
    config.url = QUrl(url);
    config.caFile = caFile;
    config.bearerToken = token;
    m_url = url;
    m_client = new md::telemetry::PrometheusClient(config, this);
    m_error.clear();
    m_state = State::Ready;
    emit changed();
}

void MeshPrometheus::setState(State state)
{
    m_state = state;
    emit changed();
}

} // namespace md::ui

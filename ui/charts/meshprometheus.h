#pragma once

// The Prometheus of the selected mesh, as the Monitor pages use it: follows SelectedMesh,
// reads the mesh's URL and CA file and its bearer token from the keychain (asynchronously),
// and holds a PrometheusClient for it. state() says why there is no client (no mesh selected,
// the mesh has no Prometheus URL, the token could not be read).

#include <QObject>
#include <QString>

namespace md::mesh {
class MeshRegistry;
class SelectedMesh;
} // namespace md::mesh
namespace md::telemetry {
class PrometheusClient;
}

namespace md::ui {

class MeshPrometheus final : public QObject
{
    Q_OBJECT

public:
    enum class State { NoMesh, NoUrl, Connecting, Ready, Error };

    // Either pointer may be null (then the state stays NoMesh).
    MeshPrometheus(md::mesh::SelectedMesh *mesh, md::mesh::MeshRegistry *registry,
                   QObject *parent = nullptr);
    ~MeshPrometheus() override;

    State state() const { return m_state; }
    QString meshName() const { return m_meshName; }
    QString url() const { return m_url; }
    QString grafanaUrl() const { return m_grafanaUrl; } // the selected mesh's, may be empty
    QString errorText() const { return m_error; } // State::Error
    // The client while Ready; otherwise null. Owned; replaced when the mesh changes.
    md::telemetry::PrometheusClient *client() const { return m_client; }

    // Uses a given URL instead of the selected mesh's (tests, benchmarks): Ready at once.
    void setFixedUrl(const QString &url);

public slots:
    void reload();

signals:
    // The state or the client changed (a new client: the old one is deleted later).
    void changed();

private:
    void setState(State state);
    void makeClient(const QString &url, const QString &caFile, const QString &token);

    md::mesh::SelectedMesh *m_mesh = nullptr; // Not owned.
    md::mesh::MeshRegistry *m_registry = nullptr; // Not owned.
    md::telemetry::PrometheusClient *m_client = nullptr; // Owned (child).
    State m_state = State::NoMesh;
    QString m_meshName;
    QString m_url;
    QString m_grafanaUrl;
    QString m_error;
    QString m_fixedUrl;
    quint64 m_generation = 0;
};

} // namespace md::ui

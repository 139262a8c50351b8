#pragma once

// What the GUI connects to at start: the user's kubeconfig (with the contexts asked for or
// connected last time), or the demo (meshsim + Prometheus). Remembers the connected
// contexts for the next start, except in the demo.

#include "kube/kubeconfig.h"

#include <QObject>
#include <QPointer>

namespace md::demo {
class DemoEnvironment;
}
namespace md::mesh {
class ConnectionManager;
class MeshRegistry;
} // namespace md::mesh
namespace md::ui {
class MainWindow;
}

class Session final : public QObject
{
    Q_OBJECT

public:
    Session(md::mesh::ConnectionManager *connections, md::mesh::MeshRegistry *registry,
            md::ui::MainWindow *window, QObject *parent = nullptr);
    ~Session() override;

    // Loads the kubeconfig off the GUI thread, then connects `context` (or the mesh and
    // contexts of last time, or the current context).
    void openKubeconfig(const md::kube::LoadingRules &rules, const QString &context);
    // Starts meshsim and Prometheus, then connects every cluster of the demo.
    void openDemo();
    // Stops what the session started and remembers the connected contexts.
    void close();

signals:
    void demoFailed(const QString &error);

private:
    void connectAll(const md::kube::Kubeconfig &config, QStringList contexts, bool explicitChoice);
    void showMessage(const QString &text);

    md::mesh::ConnectionManager *m_connections = nullptr; // Not owned.
    md::mesh::MeshRegistry *m_registry = nullptr; // Not owned.
    QPointer<md::ui::MainWindow> m_window;
    md::demo::DemoEnvironment *m_demo = nullptr; // Owned (child).
    bool m_remember = true;
};

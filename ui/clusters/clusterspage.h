#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace md {
class ClusterModel;
}
namespace md::mesh {
class ConnectionManager;
class MeshRegistry;
} // namespace md::mesh
class QFrame;
class QPushButton;

namespace md::ui {

class EmptyStatePage;
class PageRegistry;

// Adds the Mesh clusters page to the shell.
void registerClusterPages(PageRegistry &registry);

// Mesh clusters: the connected clusters with their health (state, Kubernetes and Istio
// versions, mesh ID, whether Istio resources may be written, latency), and actions to add
// clusters from kubeconfig contexts, remove them and reconnect, and to create a mesh or
// edit the selected one (MeshDialog).
class ClustersPage final : public QWidget
{
    Q_OBJECT

public:
    // `registry` (may be null) receives the meshes the user keeps from detected ones.
    ClustersPage(md::mesh::ConnectionManager *manager, md::mesh::MeshRegistry *registry,
                 QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    md::ClusterModel *model() const { return m_model; }
    QAction *addAction() const { return m_add; }
    QAction *removeAction() const { return m_remove; }
    QAction *reconnectAction() const { return m_reconnect; }
    QAction *newMeshAction() const { return m_newMesh; }
    QAction *editMeshAction() const { return m_editMesh; }
    QFrame *proposalBar() const { return m_proposalBar; }
    QPushButton *keepMeshButton() const { return m_keepMesh; }

public slots:
    void addClusters();
    void keepProposedMesh();
    void removeSelected();
    void reconnectSelected();
    void newMesh();
    void editMesh();

protected:
    void changeEvent(QEvent *event) override;

private:
    QStringList selectedContexts() const;
    void updateActions();
    void retranslate();
    void updateProposal();
    void updateMeshActions();
    void showError(const QString &message);

    md::mesh::ConnectionManager *m_manager = nullptr; // Not owned.
    md::mesh::MeshRegistry *m_registry = nullptr; // Not owned; may be null.
    QFrame *m_proposalBar = nullptr;
    QLabel *m_proposalText = nullptr;
    QPushButton *m_keepMesh = nullptr;
    md::ClusterModel *m_model = nullptr;
    QToolBar *m_toolBar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    EmptyStatePage *m_empty = nullptr;
    QLabel *m_error = nullptr;
    QAction *m_add = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_reconnect = nullptr;
    QAction *m_newMesh = nullptr;
    QAction *m_editMesh = nullptr;
};

} // namespace md::ui

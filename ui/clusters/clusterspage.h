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
}

namespace md::ui {

class EmptyStatePage;

// Mesh clusters: the connected clusters with their health (state, Kubernetes and Istio
// versions, mesh ID, whether Istio resources may be written, latency), and actions to add
// clusters from kubeconfig contexts, remove them and reconnect.
class ClustersPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ClustersPage(md::mesh::ConnectionManager *manager, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    md::ClusterModel *model() const { return m_model; }
    QAction *addAction() const { return m_add; }
    QAction *removeAction() const { return m_remove; }
    QAction *reconnectAction() const { return m_reconnect; }

public slots:
    void addClusters();
    void removeSelected();
    void reconnectSelected();

protected:
    void changeEvent(QEvent *event) override;

private:
    QStringList selectedContexts() const;
    void updateActions();
    void retranslate();

    md::mesh::ConnectionManager *m_manager = nullptr; // Not owned.
    md::ClusterModel *m_model = nullptr;
    QToolBar *m_toolBar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    EmptyStatePage *m_empty = nullptr;
    QLabel *m_error = nullptr;
    QAction *m_add = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_reconnect = nullptr;
};

} // namespace md::ui

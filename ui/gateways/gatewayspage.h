#pragma once

#include "shell/pagecontext.h"

#include <QVariantMap>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace md::gateways {
class GatewayModel;
class TableFilterModel;
struct GatewayRow;
} // namespace md::gateways

namespace md::ui {

class GatewayDialog;
class PageRegistry;

// Adds the Mesh gateways page ("gateways").
void registerGatewayPages(PageRegistry &registry);

// The ingress and egress gateway deployments of the selected mesh, live from its caches:
// filters by cluster and namespace, search; create (the Deployment, Service and
// ServiceAccount of Istio's gateway injection), scale, edit and delete, each through the
// review. Not offered for external meshes, whose gateways the user manages.
class GatewaysPage final : public QWidget
{
    Q_OBJECT

public:
    explicit GatewaysPage(const PageContext &context, QWidget *parent = nullptr);
    ~GatewaysPage() override;

    md::gateways::GatewayModel *model() const { return m_model; }
    md::gateways::TableFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QComboBox *clusterCombo() const { return m_clusters; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QLineEdit *searchField() const { return m_search; }
    QSpinBox *scaleBox() const { return m_scaleBox; }
    QAction *newAction() const { return m_new; }
    QAction *editAction() const { return m_edit; }
    QAction *scaleAction() const { return m_scale; }
    QAction *deleteAction() const { return m_delete; }
    QString stateText() const;
    bool isShowingTable() const;
    // Whether the mesh lets MeshDesk manage its gateways (not an external mesh).
    bool isManaged() const;

    // Selects the row of that gateway; false when it is not listed.
    bool selectGateway(const QString &context, const QString &ns, const QString &name);

public slots:
    // {"cluster": ..., "namespace": ..., "search": ...}
    void setPageArguments(const QVariantMap &arguments);
    void newGateway();
    void editSelected();
    void scaleSelected();
    void deleteSelected();

protected:
    void changeEvent(QEvent *event) override;

private:
    const md::gateways::GatewayRow *currentRow() const;
    void updateFacets();
    void updateState();
    void updateActions();
    void updateCount();
    void retranslate();
    QHash<QString, QStringList> namespacesByCluster() const;

    PageContext m_context;
    md::gateways::GatewayModel *m_model;
    md::gateways::TableFilterModel *m_filter;
    QToolBar *m_toolBar;
    QAction *m_new = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_scale = nullptr;
    QAction *m_delete = nullptr;
    QSpinBox *m_scaleBox;
    QLabel *m_scaleLabel;
    QComboBox *m_clusters;
    QComboBox *m_namespaces;
    QLineEdit *m_search;
    QLabel *m_count;
    QLabel *m_banner;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QWidget *m_state;
    QLabel *m_stateTitle;
    QLabel *m_stateMessage;
    QPushButton *m_stateNew;
    QString m_wantedCluster;
    QString m_wantedNamespace;
    QString m_scaleKey; // the gateway whose replicas the spin box shows
};

} // namespace md::ui

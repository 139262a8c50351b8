#pragma once

#include "services/meshservices.h"
#include "shell/pagecontext.h"

#include <QVariantMap>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolBar;
class QToolButton;
class QTreeWidget;

namespace md::services {
class ServiceFilterModel;
class ServiceListModel;
} // namespace md::services

namespace md::ui {

class PageRegistry;

// Adds the Services page (services.list).
void registerServicePages(PageRegistry &registry);

// The services of the selected mesh, aggregated across its clusters (same name and namespace
// = one mesh service): name, namespace, clusters, ports with the protocol Istio reads,
// versions, injected pods, and the diagnosis with its reasons. Filters by cluster, namespace
// and diagnosis, search as you type; a detail pane with each cluster's exposure, selector,
// ports, endpoints and pods. Actions: edit a port's protocol (through the review), the
// service's traffic and security policies, its metrics and its topology neighbourhood.
class ServicesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ServicesPage(const PageContext &context, QWidget *parent = nullptr);
    ~ServicesPage() override;

    md::services::ServiceListModel *model() const { return m_model; }
    md::services::ServiceFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QTreeWidget *detailTree() const { return m_detail; }
    QLabel *detailTitle() const { return m_detailTitle; }
    QLabel *detailReasons() const { return m_detailReasons; }
    QComboBox *clusterCombo() const { return m_clusters; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QComboBox *diagnosisCombo() const { return m_diagnosis; }
    QCheckBox *systemCheck() const { return m_system; }
    QLineEdit *searchField() const { return m_search; }
    QLabel *countLabel() const { return m_count; }
    QAction *editProtocolAction() const { return m_editProtocol; }
    QAction *metricsAction() const { return m_metrics; }
    QAction *topologyAction() const { return m_topology; }
    QAction *virtualServicesAction() const { return m_virtualServices; }
    QAction *destinationRulesAction() const { return m_destinationRules; }
    QAction *authorizationPoliciesAction() const { return m_authorizationPolicies; }
    QAction *peerAuthenticationsAction() const { return m_peerAuthentications; }
    QString stateText() const;
    bool isShowingTable() const;

    // The selected service ("ns/name"), empty when none.
    QString currentKey() const;
    // Selects a service by "ns/name"; false when it is not shown.
    bool selectService(const QString &key);

public slots:
    // {"cluster", "namespace", "diagnosis" (normal|warning|abnormal|problems), "search",
    // "service" ("ns/name" to select)}; missing keys leave a filter as is.
    void setPageArguments(const QVariantMap &arguments);
    void editPortProtocol();

protected:
    void changeEvent(QEvent *event) override;

private:
    const md::services::MeshService *currentService() const;
    void showPolicies(const QString &pageId, bool byNamespace);
    void updateFacets();
    void updateDetail();
    void updateState();
    void updateCount();
    void updateActions();
    void retranslate();

    PageContext m_context;
    md::services::ServiceListModel *m_model = nullptr;
    md::services::ServiceFilterModel *m_filter = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_editProtocol = nullptr;
    QToolButton *m_trafficButton = nullptr;
    QToolButton *m_securityButton = nullptr;
    QAction *m_virtualServices = nullptr;
    QAction *m_destinationRules = nullptr;
    QAction *m_authorizationPolicies = nullptr;
    QAction *m_peerAuthentications = nullptr;
    QAction *m_metrics = nullptr;
    QAction *m_topology = nullptr;
    QAction *m_find = nullptr;
    QComboBox *m_clusters = nullptr;
    QComboBox *m_namespaces = nullptr;
    QComboBox *m_diagnosis = nullptr;
    QCheckBox *m_system = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailReasons = nullptr;
    QTreeWidget *m_detail = nullptr;
    QLabel *m_state = nullptr;
    QString m_wantedCluster;
    QString m_wantedNamespace;
    QString m_wantedService;
};

} // namespace md::ui

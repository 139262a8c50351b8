#pragma once

// The two Sidecars pages of the selected mesh, live from its caches:
// - `sidecars.namespaces`: per cluster and namespace, the injection policy (Enabled, Disabled,
//   Not set, from istio-injection or istio.io/rev), injected pods, pods waiting for a restart;
//   batch Enable / Disable / Clear; system namespaces hidden by default; search.
// - `sidecars.workloads`: Deployments, StatefulSets, DaemonSets with their status (Injected,
//   Not injected, Pending restart, Ambient) and, as a tooltip, the rule that decided; injected
//   pods, sidecar versions, resources, passthrough; filters by cluster, namespace and status,
//   search as you type; batch Enable / Disable / Clear / Resources / Passthrough / Restart,
//   each with "Restart now"; a detail pane with each pod's sidecar.
// Every write goes through the editors' review and apply path (one review per cluster).

#include "apply/applytypes.h"
#include "shell/pagecontext.h"
#include "sidecar/sidecaredits.h"

#include <QVariantMap>
#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTableWidget;
class QToolBar;

namespace md::sidecar {
class NamespaceFilterModel;
class SidecarInventoryLoader;
class WorkloadFilterModel;
} // namespace md::sidecar

namespace md::ui {

class PageRegistry;

void registerSidecarPages(PageRegistry &registry);

// What the two pages share: the loader, the cluster filter, the state and stale banner.
class SidecarPageBase : public QWidget
{
    Q_OBJECT

public:
    SidecarPageBase(const PageContext &context, QWidget *parent);
    ~SidecarPageBase() override;

    md::sidecar::SidecarInventoryLoader *loader() const { return m_loader; }
    QComboBox *clusterCombo() const { return m_clusters; }
    QLineEdit *searchField() const { return m_search; }
    QLabel *bannerLabel() const { return m_banner; }
    QLabel *countLabel() const { return m_count; }
    QString stateText() const; // empty when the table shows
    bool isShowingTable() const;

    // An edit per selected object, optionally followed by a restart, then one review per
    // cluster. Objects are read from the caches; errors are listed in the banner.
    struct Target
    {
        QString context;
        QString apiVersion;
        QString kind;
        QString namespace_;
        QString name;
    };
    using Edit = std::function<Result<md::istio::Value>(const md::istio::Value &)>;
    // The reviewed items per cluster (what would go to EditorSession::reviewObjects); also
    // used by the tests. Errors go to `errors`.
    QHash<QString, QList<md::apply::ApplyItem>> prepareEdits(const QList<Target> &targets,
                                                             const Edit &edit, bool restart,
                                                             QStringList *errors) const;
    void runEdits(const QList<Target> &targets, const Edit &edit, bool restart);

protected:
    void changeEvent(QEvent *event) override;
    virtual void retranslate() = 0;
    virtual int totalRows() const = 0;
    virtual int shownRows() const = 0;
    virtual QString nounPlural() const = 0; // "workloads", "namespaces"
    void updateState();
    void updateClusters();
    void updateCount();
    void setContent(QWidget *content); // the table (or splitter) shown when there are rows

    PageContext m_context;
    md::sidecar::SidecarInventoryLoader *m_loader = nullptr;
    QToolBar *m_toolBar = nullptr;
    QComboBox *m_clusters = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_errors = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_content = nullptr;
    QWidget *m_state = nullptr;
    QLabel *m_stateTitle = nullptr;
    QLabel *m_stateMessage = nullptr;
    QAction *m_find = nullptr;
    QString m_wantedCluster;
};

class NamespaceSidecarPage final : public SidecarPageBase
{
    Q_OBJECT

public:
    explicit NamespaceSidecarPage(const PageContext &context, QWidget *parent = nullptr);

    md::sidecar::NamespaceFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QCheckBox *systemToggle() const { return m_showSystem; }
    QAction *enableAction() const { return m_enable; }
    QAction *disableAction() const { return m_disable; }
    QAction *clearAction() const { return m_clear; }
    QList<Target> selectedTargets() const;

public slots:
    void setPageArguments(const QVariantMap &arguments); // "cluster", "search"
    void apply(md::sidecar::InjectionAction action);

protected:
    void retranslate() override;
    int totalRows() const override;
    int shownRows() const override;
    QString nounPlural() const override;

private:
    void updateActions();
    md::sidecar::NamespaceFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QCheckBox *m_showSystem = nullptr;
    QAction *m_enable = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_clear = nullptr;
};

class WorkloadSidecarPage final : public SidecarPageBase
{
    Q_OBJECT

public:
    explicit WorkloadSidecarPage(const PageContext &context, QWidget *parent = nullptr);

    md::sidecar::WorkloadFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QTableWidget *podTable() const { return m_pods; }
    QLabel *detailLabel() const { return m_detail; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QComboBox *statusCombo() const { return m_status; }
    QCheckBox *restartNowBox() const { return m_restartNow; }
    QAction *enableAction() const { return m_enable; }
    QAction *disableAction() const { return m_disable; }
    QAction *clearAction() const { return m_clear; }
    QAction *resourcesAction() const { return m_resources; }
    QAction *passthroughAction() const { return m_passthrough; }
    QAction *restartAction() const { return m_restart; }
    QList<Target> selectedTargets() const;

public slots:
    // "cluster", "namespace", "status" (injected, notinjected, pending, ambient), "search"
    void setPageArguments(const QVariantMap &arguments);
    void apply(md::sidecar::InjectionAction action);
    void editResources();
    void editPassthrough();
    void restartSelected();

protected:
    void retranslate() override;
    int totalRows() const override;
    int shownRows() const override;
    QString nounPlural() const override;

private:
    void updateActions();
    void updateNamespaces();
    void updateDetail();
    int firstSelectedSourceRow() const;

    md::sidecar::WorkloadFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QTableWidget *m_pods = nullptr;
    QLabel *m_detail = nullptr;
    QComboBox *m_namespaces = nullptr;
    QComboBox *m_status = nullptr;
    QCheckBox *m_restartNow = nullptr;
    QAction *m_enable = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_resources = nullptr;
    QAction *m_passthrough = nullptr;
    QAction *m_restart = nullptr;
    QString m_wantedNamespace;
};

} // namespace md::ui

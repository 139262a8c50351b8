#pragma once

#include "items/policyrow.h"
#include "shell/navigator.h"
#include "shell/pagecontext.h"

#include <QFuture>
#include <QVariantMap>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolBar;

namespace md {
class PolicyFilterModel;
class PolicyListModel;
} // namespace md

namespace md::ui {

class PageRegistry;

// Adds the seven policy list pages (Traffic management, Security, External services).
void registerPolicyPages(PageRegistry &registry);

// The objects of one Istio kind in the selected mesh, live from its caches: the kind's
// columns, the live checks of each row, filters by namespace and cluster, search as you
// type, New / Open / Delete / Export as YAML. Says when the mesh is loading, empty, or when
// one of its clusters is disconnected (its rows may be stale).
class PolicyListPage final : public QWidget
{
    Q_OBJECT

public:
    PolicyListPage(md::PolicyKind kind, const PageContext &context, QWidget *parent = nullptr);
    ~PolicyListPage() override;

    md::PolicyKind kind() const { return m_kind; }
    md::PolicyListModel *model() const { return m_model; }
    md::PolicyFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QComboBox *clusterCombo() const { return m_clusters; }
    QLineEdit *searchField() const { return m_search; }
    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *deleteAction() const { return m_delete; }
    QAction *exportAction() const { return m_export; }
    QLabel *bannerLabel() const { return m_banner; }
    QLabel *countLabel() const { return m_count; }
    // The text of the state shown instead of the table (empty when the table shows).
    QString stateText() const;
    bool isShowingTable() const;

    // The selected rows as links (in view order).
    QList<ObjectLink> selectedObjects() const;

public slots:
    // {"namespace": ..., "cluster": ..., "search": ...}; missing keys leave a filter as is.
    void setPageArguments(const QVariantMap &arguments);
    void newObject();
    void openSelected();
    void deleteSelected();
    void exportSelected(); // asks for a file
    // Writes the selection as YAML to `path` in a worker thread; the future gives an empty
    // string or the error.
    QFuture<QString> exportTo(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    ObjectLink linkFor(int sourceRow) const;
    void updateFacets();
    void updateState();
    void updateActions();
    void updateCount();
    void retranslate();
    QString meshName() const;

    md::PolicyKind m_kind;
    PageContext m_context;
    md::PolicyListModel *m_model = nullptr;
    md::PolicyFilterModel *m_filter = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_new = nullptr;
    QAction *m_open = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_export = nullptr;
    QAction *m_find = nullptr;
    QComboBox *m_namespaces = nullptr;
    QComboBox *m_clusters = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_banner = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_state = nullptr;
    QLabel *m_stateTitle = nullptr;
    QLabel *m_stateMessage = nullptr;
    QPushButton *m_stateNew = nullptr;
    QTimer *m_ageTimer = nullptr;
    QString m_wantedNamespace; // from arguments, kept until the namespace appears
    QString m_wantedCluster;
};

} // namespace md::ui

#pragma once

#include "shell/navigator.h"
#include "shell/pagecontext.h"

#include <QVariantMap>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolBar;
class QTreeView;

namespace md::resources {
class KindTreeModel;
class ResourceFilterModel;
class ResourceTableModel;
} // namespace md::resources

namespace md::ui {

class PageRegistry;

// Adds the "Istio resources" page (config.resources).
void registerResourcePages(PageRegistry &registry);

// Every Istio kind the clusters of the selected mesh serve, in one browser: a tree of the
// kinds by API group with their object counts (across clusters), a table of the objects
// (name, namespace, kind, cluster, live checks, age) filtered by the kind picked, namespace,
// cluster and search text. Enter or a double-click opens an object in the YAML editor;
// "New <Kind>…" opens a template of the kind; labels and annotations are edited in a small
// dialog; every write goes through the review.
class ResourcesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ResourcesPage(const PageContext &context, QWidget *parent = nullptr);
    ~ResourcesPage() override;

    md::resources::KindTreeModel *kindModel() const { return m_kinds; }
    md::resources::ResourceTableModel *model() const { return m_model; }
    md::resources::ResourceFilterModel *filterModel() const { return m_filter; }
    QTreeView *kindTree() const { return m_tree; }
    QTableView *table() const { return m_table; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QComboBox *clusterCombo() const { return m_clusters; }
    QLineEdit *searchField() const { return m_search; }
    QAction *newAction() const { return m_new; }
    QAction *openAction() const { return m_open; }
    QAction *metadataAction() const { return m_metadata; }
    QAction *deleteAction() const { return m_delete; }
    QLabel *countLabel() const { return m_count; }
    QString stateText() const;
    bool isShowingTable() const;

    // The kind picked in the tree (empty: all, or a whole group).
    QString currentGroup() const { return m_group; }
    QString currentKind() const { return m_kind; }
    void selectKind(const QString &group, const QString &kind);
    QList<ObjectLink> selectedObjects() const;

public slots:
    // {"group", "kind", "namespace", "cluster", "search"}.
    void setPageArguments(const QVariantMap &arguments);
    // A new object of `kind` from its template in the editor (empty: the kind picked).
    void newObject(const QString &group = {}, const QString &kind = {});
    void openSelected();
    // The labels and annotations dialog for the current row, then the review.
    void editMetadata();
    void deleteSelected();

protected:
    void changeEvent(QEvent *event) override;

private:
    ObjectLink linkFor(int sourceRow) const;
    void updateKinds();
    void updateFacets();
    void updateState();
    void updateActions();
    void updateCount();
    void retranslate();

    PageContext m_context;
    md::resources::KindTreeModel *m_kinds;
    md::resources::ResourceTableModel *m_model;
    md::resources::ResourceFilterModel *m_filter;
    QTreeView *m_tree;
    QToolBar *m_toolBar;
    QAction *m_new = nullptr;
    QMenu *m_newMenu = nullptr;
    QAction *m_open = nullptr;
    QAction *m_metadata = nullptr;
    QAction *m_delete = nullptr;
    QComboBox *m_namespaces;
    QComboBox *m_clusters;
    QLineEdit *m_search;
    QLabel *m_count;
    QLabel *m_banner;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_state;
    QLabel *m_kindsTitle;
    QTimer *m_ageTimer;
    QString m_group;
    QString m_kind;
    QString m_wantedNamespace;
    QString m_wantedCluster;
};

} // namespace md::ui

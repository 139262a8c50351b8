#pragma once

#include "shell/pagecontext.h"

#include <QVariantMap>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace md::gateways {
class TableFilterModel;
}

namespace md::ui {

// The frame of the mesh list pages (Mesh gateways, TLS secrets): the page's actions on a tool
// bar, then the cluster and namespace filters, the search field and the row count; a banner
// for what needs attention; the table, or in its place a panel that says why there is none
// (no mesh, loading, empty) with the page's "New…" button. It follows the selected mesh, its
// caches' sync and the clusters' health; the page says what to show in updateState().
class MeshListPage : public QWidget
{
    Q_OBJECT

public:
    ~MeshListPage() override;

    md::gateways::TableFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QComboBox *clusterCombo() const { return m_clusters; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QLineEdit *searchField() const { return m_search; }
    QLabel *bannerLabel() const { return m_banner; }
    QString stateText() const; // the panel's title and message; empty while the table shows
    bool isShowingTable() const;

public slots:
    // {"cluster": ..., "namespace": ..., "search": ...}
    void setPageArguments(const QVariantMap &arguments);

protected:
    // `source` has the cluster (context) and namespace of each row in the given roles.
    MeshListPage(const PageContext &context, QAbstractItemModel *source, int contextRole,
                 int namespaceRole, QWidget *parent);

    // Call once the page's own actions are on toolBar(): adds the filters and the count.
    void addFilters();
    // Object name, column widths and the initial sort of the table.
    void setUpTable(const QString &objectName, int columns, int (*width)(int), int sortColumn);
    // An empty title shows the table; otherwise the panel, with the button if `offerNew`.
    void showState(const QString &title, const QString &message, bool offerNew);
    void setBanner(const QString &text); // empty hides it
    // The filter choices: the given clusters with the mesh's own, the namespaces; a wanted
    // value stays listed even when no row has it.
    void fillFacets(QStringList clusters, const QStringList &namespaces);
    QString meshClusterList() const; // "cluster-a, cluster-b" of the selected mesh
    void updateCount();

    // What the page overrides. Not pure: while a page is destroyed its children may still
    // signal the frame, which then calls these no-ops.
    virtual void updateState() { } // calls showState()
    virtual void updateFacets() { } // calls fillFacets()
    virtual void updateActions() { }
    virtual QString countText(int shown, int total) const;

    QToolBar *toolBar() const { return m_toolBar; }
    QPushButton *stateButton() const { return m_stateNew; }
    const QString &wantedCluster() const { return m_wantedCluster; }
    const QString &wantedNamespace() const { return m_wantedNamespace; }

    PageContext m_context;

private:
    void followContext();

    md::gateways::TableFilterModel *m_filter;
    QToolBar *m_toolBar;
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
};

} // namespace md::ui

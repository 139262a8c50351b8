#pragma once

#include "shell/pagecontext.h"
#include "shell/pagehistory.h"
#include "shell/pageregistry.h"

#include <QHash>
#include <QMainWindow>
#include <QSet>

class QAction;
class QMenu;
class QStackedWidget;
class QToolBar;

namespace md {
class NavigationModel;
}
namespace md::mesh {
class ConnectionManager;
class MeshRegistry;
class SelectedMesh;
} // namespace md::mesh
namespace md::store {
class MeshStore;
}

namespace md::ui {

class CommandPalette;
class ChecksStatus;
class ConnectionStatus;
class MeshSelector;
class NavigationSidebar;
class Navigator;

// The application shell: navigation sidebar, page stack, toolbar with the mesh and cluster
// pickers, status bar with the connection state, and the command palette (Ctrl+K).
// Window geometry and the last page persist in QSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // `manager` holds the cluster connections (the composition root owns it); without one
    // the window makes its own.
    // `registry` (optional) holds the kept meshes: the toolbar's mesh picker selects one.
    // `store` (optional) is the app's database, for the pages that keep drafts and history.
    explicit MainWindow(md::mesh::ConnectionManager *manager = nullptr,
                        md::mesh::MeshRegistry *registry = nullptr,
                        md::store::MeshStore *store = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    QString currentPageId() const { return m_currentPage; }
    // The page (created on first use from its module's factory).
    QWidget *page(const QString &pageId) const;
    QWidget *currentPage() const;
    CommandPalette *commandPalette() const { return m_palette; }
    NavigationSidebar *sidebar() const { return m_sidebar; }
    ConnectionStatus *connectionStatus() const { return m_connection; }
    MeshSelector *meshSelector() const { return m_meshSelector; }
    QAction *pageAction(const QString &pageId) const { return m_pageActions.value(pageId); }
    md::mesh::ConnectionManager *connections() const { return m_connections; }
    // The context every page gets: connections, meshes, the selected mesh's caches, ...
    const PageContext &pageContext() const { return m_context; }
    const PageRegistry &pageRegistry() const { return m_pageRegistry; }
    Navigator *navigator() const { return m_navigator; }

public slots:
    void showPage(const QString &pageId);
    void showCommandPalette();
    void goBack();
    void goForward();

signals:
    void currentPageChanged(const QString &pageId);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createPages();
    void createActions();
    void createMenus();
    void createToolBar();
    void retranslate();
    void updateIcons();
    void updateHistoryActions();
    void restoreState();
    void saveState() const;
    void openPage(const QString &pageId, bool recordHistory);
    QWidget *ensurePage(const QString &pageId);
    void runCommand(const QString &commandId);
    void updateConnectionState();
    void bindMeshes();

    md::mesh::ConnectionManager *m_connections = nullptr; // Not owned, or a child.
    md::mesh::MeshRegistry *m_registry = nullptr; // Not owned; may be null.
    md::NavigationModel *m_navigation = nullptr;
    NavigationSidebar *m_sidebar = nullptr;
    QStackedWidget *m_stack = nullptr;
    CommandPalette *m_palette = nullptr;
    ConnectionStatus *m_connection = nullptr;
    ChecksStatus *m_checks = nullptr; // null without a connection manager
    MeshSelector *m_meshSelector = nullptr;
    QToolBar *m_toolBar = nullptr;

    md::mesh::SelectedMesh *m_selected = nullptr; // Owned (child).
    Navigator *m_navigator = nullptr; // Owned (child).
    PageContext m_context;
    PageRegistry m_pageRegistry;
    QHash<QString, QWidget *> m_pages; // Not owned (the stack owns them).
    QSet<QString> m_created; // pages made by their module's factory
    QHash<QString, QAction *> m_pageActions; // Owned (children).
    QAction *m_paletteAction = nullptr;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QAction *m_checksAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_quitAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_goMenu = nullptr;
    QMenu *m_helpMenu = nullptr;

    QString m_currentPage;
    PageHistory m_history;
};

} // namespace md::ui

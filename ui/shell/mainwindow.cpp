#include "shell/mainwindow.h"

#include "checks/checksstatus.h"

#include "items/meshlistmodel.h"
#include "items/navigationmodel.h"
#include "items/pagecatalog.h"
#include "mesh/connectionmanager.h"
#include "mesh/healthtext.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "shell/aboutdialog.h"
#include "shell/commandpalette.h"
#include "shell/connectionstatus.h"
#include "shell/emptystatepage.h"
#include "shell/icons.h"
#include "shell/meshselector.h"
#include "shell/navigationsidebar.h"
#include "shell/navigator.h"
#include "shell/shortcutsdialog.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

namespace md::ui {

namespace {
const auto GeometryKey = QStringLiteral("mainwindow/geometry");
const auto StateKey = QStringLiteral("mainwindow/state");
const auto SplitterKey = QStringLiteral("mainwindow/splitter");
const auto LastPageKey = QStringLiteral("mainwindow/lastPage");
} // namespace

MainWindow::MainWindow(md::mesh::ConnectionManager *manager, md::mesh::MeshRegistry *registry,
                       md::store::MeshStore *store, QWidget *parent)
    : QMainWindow(parent)
    , m_connections(manager ? manager : new md::mesh::ConnectionManager(this))
    , m_registry(registry)
    , m_navigation(new md::NavigationModel(this))
    , m_selected(new md::mesh::SelectedMesh(m_connections, registry, this))
    , m_navigator(new Navigator(this))
{
    m_context.connections = m_connections;
    m_context.registry = m_registry;
    m_context.mesh = m_selected;
    m_context.store = store;
    m_context.navigator = m_navigator;
    registerPages(m_pageRegistry);

    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(appIcon());

    m_sidebar = new NavigationSidebar(m_navigation, this);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("pageStack"));
    auto splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("shellSplitter"));
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({240, 1000});
    setCentralWidget(splitter);

    m_palette = new CommandPalette(this);
    m_connection = new ConnectionStatus(this);
    // The live checks of the selected mesh, left of the connection state.
    m_checks = new ChecksStatus(m_selected, this);
    statusBar()->addPermanentWidget(m_checks);
    statusBar()->addPermanentWidget(m_connection);

    createPages();
    createActions();
    createMenus();
    createToolBar();
    retranslate();
    updateIcons();

    connect(m_sidebar, &NavigationSidebar::pageActivated, this, &MainWindow::showPage);
    connect(m_palette, &CommandPalette::pageChosen, this, &MainWindow::showPage);
    connect(m_palette, &CommandPalette::commandChosen, this, &MainWindow::runCommand);
    connect(m_navigator, &Navigator::commandRequested, this, &MainWindow::runCommand);
    connect(m_navigator, &Navigator::pageRequested, this,
            [this](const QString &pageId, const QVariantMap &arguments) {
                QWidget *target = ensurePage(pageId);
                if (!target)
                    return;
                showPage(pageId);
                if (!arguments.isEmpty()
                    && target->metaObject()->indexOfSlot("setPageArguments(QVariantMap)") >= 0) {
                    QMetaObject::invokeMethod(target, "setPageArguments",
                                              Q_ARG(QVariantMap, arguments));
                }
            });
    for (const PageRegistry::Command &command : m_pageRegistry.commands())
        m_palette->commandModel()->addAction(command.action);
    connect(m_connections, &md::mesh::ConnectionManager::summaryChanged, this,
            &MainWindow::updateConnectionState);
    connect(m_selected->cache(), &md::mesh::MeshCache::changed, this,
            &MainWindow::updateConnectionState);
    updateConnectionState();
    bindMeshes();

    restoreState();

    // Start-up hooks (such as offering to restore drafts) once the window is up.
    QTimer::singleShot(0, this, [this] {
        for (const PageRegistry::Handler &hook : m_pageRegistry.startupHooks())
            hook(m_context, this);
    });
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::page(const QString &pageId) const
{
    return const_cast<MainWindow *>(this)->ensurePage(pageId);
}

QWidget *MainWindow::ensurePage(const QString &pageId)
{
    QWidget *current = m_pages.value(pageId);
    if (!current || m_created.contains(pageId) || !m_pageRegistry.hasPage(pageId))
        return current;
    // First use: the module's page replaces the placeholder at its place in the stack.
    QWidget *page = m_pageRegistry.createPage(pageId, m_context, m_stack);
    m_created.insert(pageId);
    if (!page)
        return current;
    const bool wasCurrent = m_stack->currentWidget() == current;
    m_stack->insertWidget(m_stack->indexOf(current), page);
    m_stack->removeWidget(current);
    current->deleteLater();
    m_pages.insert(pageId, page);
    if (wasCurrent)
        m_stack->setCurrentWidget(page);
    return page;
}

void MainWindow::runCommand(const QString &commandId)
{
    if (const PageRegistry::Command *command = m_pageRegistry.command(commandId))
        command->run(m_context, this);
}

QWidget *MainWindow::currentPage() const
{
    return m_stack->currentWidget();
}

void MainWindow::createPages()
{
    // Placeholders: a module's page is made from its factory when first shown; a page no
    // module provides yet keeps its empty state.
    for (const md::PageInfo &info : md::PageCatalog::pages()) {
        QWidget *page = m_pageRegistry.hasPage(info.id) ? new QWidget(m_stack)
                                                        : new EmptyStatePage(info.id, m_stack);
        m_stack->addWidget(page);
        m_pages.insert(info.id, page);
    }
}

void MainWindow::createActions()
{
    for (const md::PageInfo &info : md::PageCatalog::pages()) {
        auto action = new QAction(this);
        action->setObjectName(QStringLiteral("page:") + info.id);
        action->setCheckable(true);
        if (!info.shortcut.isEmpty())
            action->setShortcut(QKeySequence(info.shortcut));
        connect(action, &QAction::triggered, this, [this, id = info.id] { showPage(id); });
        m_pageActions.insert(info.id, action);
    }

    m_paletteAction = new QAction(this);
    m_paletteAction->setObjectName(QStringLiteral("commandPaletteAction"));
    m_paletteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_paletteAction, &QAction::triggered, this, &MainWindow::showCommandPalette);

    m_backAction = new QAction(this);
    m_backAction->setShortcuts(QKeySequence::Back);
    connect(m_backAction, &QAction::triggered, this, &MainWindow::goBack);
    m_forwardAction = new QAction(this);
    m_forwardAction->setShortcuts(QKeySequence::Forward);
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::goForward);

    m_checksAction = new QAction(this);
    m_checksAction->setObjectName(QStringLiteral("meshChecksAction"));
    m_checksAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_checksAction->setEnabled(m_checks != nullptr);
    if (m_checks)
        connect(m_checksAction, &QAction::triggered, m_checks, &ChecksStatus::showMessages);

    m_shortcutsAction = new QAction(this);
    m_shortcutsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(m_shortcutsAction, &QAction::triggered, this, [this] {
        QList<QAction *> all {m_paletteAction, m_backAction, m_forwardAction, m_checksAction};
        for (const md::PageInfo &info : md::PageCatalog::pages())
            all.append(m_pageActions.value(info.id));
        all << m_shortcutsAction << m_quitAction;
        ShortcutsDialog dialog(all, this);
        dialog.exec();
    });

    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });

    m_quitAction = new QAction(this);
    m_quitAction->setShortcuts(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_quitAction);

    m_goMenu = menuBar()->addMenu(QString());
    m_goMenu->addAction(m_paletteAction);
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_backAction);
    m_goMenu->addAction(m_forwardAction);
    QString module;
    for (const md::PageInfo &info : md::PageCatalog::pages()) {
        if (info.module != module) {
            m_goMenu->addSeparator();
            module = info.module;
        }
        m_goMenu->addAction(m_pageActions.value(info.id));
    }
    m_goMenu->addSeparator();
    m_goMenu->addAction(m_checksAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_shortcutsAction);
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->addAction(m_backAction);
    m_toolBar->addAction(m_forwardAction);
    m_toolBar->addSeparator();
    m_meshSelector = new MeshSelector(m_toolBar);
    m_toolBar->addWidget(m_meshSelector);
    auto spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    auto paletteButton = new QToolButton(m_toolBar);
    paletteButton->setObjectName(QStringLiteral("commandPaletteButton"));
    paletteButton->setDefaultAction(m_paletteAction);
    paletteButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addWidget(paletteButton);
    updateHistoryActions();
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("MeshDesk"));
    m_fileMenu->setTitle(tr("&File"));
    m_goMenu->setTitle(tr("&Go"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    for (const md::PageInfo &info : md::PageCatalog::pages()) {
        QAction *action = m_pageActions.value(info.id);
        const md::ModuleInfo *module = md::PageCatalog::module(info.module);
        QString text = md::PageCatalog::translatedTitle(info);
        if (module && module->id != info.id)
            text = tr("%1 › %2").arg(md::PageCatalog::translatedTitle(*module), text);
        action->setText(text);
        action->setStatusTip(md::PageCatalog::translatedSummary(info));
    }
    m_paletteAction->setText(tr("Go to Page…"));
    m_paletteAction->setToolTip(
        tr("Search for a page (%1)")
            .arg(m_paletteAction->shortcut().toString(QKeySequence::NativeText)));
    m_backAction->setText(tr("Back"));
    m_backAction->setToolTip(tr("Back to the previous page"));
    m_forwardAction->setText(tr("Forward"));
    m_forwardAction->setToolTip(tr("Forward to the next page"));
    m_shortcutsAction->setText(tr("Keyboard Shortcuts"));
    m_checksAction->setText(tr("Mesh Checks…"));
    m_aboutAction->setText(tr("About MeshDesk"));
    m_quitAction->setText(tr("&Quit"));
    m_navigation->retranslate();
    m_palette->retranslate();
}

void MainWindow::updateIcons()
{
    m_backAction->setIcon(themedIcon(QStringLiteral("back"), palette()));
    m_forwardAction->setIcon(themedIcon(QStringLiteral("forward"), palette()));
    m_paletteAction->setIcon(themedIcon(QStringLiteral("search"), palette()));
}

void MainWindow::showPage(const QString &pageId)
{
    openPage(pageId, true);
}

void MainWindow::openPage(const QString &pageId, bool recordHistory)
{
    QWidget *page = ensurePage(pageId);
    if (!page)
        return;
    m_stack->setCurrentWidget(page);
    m_sidebar->setCurrentPage(pageId);
    for (auto it = m_pageActions.cbegin(); it != m_pageActions.cend(); ++it)
        it.value()->setChecked(it.key() == pageId);
    if (recordHistory)
        m_history.visit(pageId);
    updateHistoryActions();
    if (m_currentPage != pageId) {
        m_currentPage = pageId;
        emit currentPageChanged(pageId);
    }
}

void MainWindow::updateConnectionState()
{
    using State = ConnectionStatus::State;
    const auto s = m_connections->summary();
    // Clusters that connected and then degraded or went away say what they are doing now.
    QStringList trouble;
    md::mesh::MeshCache *cache = m_selected ? m_selected->cache() : nullptr;
    for (const QString &context : m_connections->connectedContexts()) {
        const md::mesh::ClusterHealth health = m_connections->health(context);
        std::optional<md::mesh::MeshCache::CacheStatus> status;
        if (cache && cache->clusters().contains(context))
            status = cache->status(context);
        const auto condition = md::mesh::liveCondition(health, status);
        if (condition == md::mesh::LiveCondition::Degraded
            || (condition == md::mesh::LiveCondition::Down && health.probes.failingSince.isValid()))
            trouble << tr("%1 %2").arg(context, md::mesh::liveHealthText(health, status));
    }
    if (s.total == 0)
        m_connection->setState(State::NotConnected);
    else if (s.connected == s.total && trouble.isEmpty())
        m_connection->setState(State::Connected,
                               s.total == 1 ? tr("1 cluster") : tr("%1 clusters").arg(s.total));
    else if (s.failed == s.total && trouble.isEmpty())
        m_connection->setState(State::Failed, tr("no cluster reachable"));
    else if (!trouble.isEmpty())
        m_connection->setState(State::Degraded, trouble.join(QStringLiteral("; ")));
    else if (s.failed > 0)
        m_connection->setState(State::Degraded,
                               tr("%1 of %2 clusters unreachable").arg(s.failed).arg(s.total));
    else
        m_connection->setState(State::Connecting,
                               tr("%1 of %2 clusters").arg(s.connected).arg(s.total));
    for (QWidget *page : std::as_const(m_pages)) {
        if (auto empty = qobject_cast<EmptyStatePage *>(page))
            empty->setConnectedClusters(s.connected);
    }
}

void MainWindow::bindMeshes()
{
    if (!m_registry)
        return;
    auto model = new md::MeshListModel(m_registry, this);
    m_meshSelector->setMeshModel(model);
    QComboBox *box = m_meshSelector->meshBox();
    const auto syncCurrent
        = [box, model, this] { box->setCurrentIndex(model->rowOf(m_registry->currentMesh())); };
    connect(m_registry, &md::mesh::MeshRegistry::currentMeshChanged, this, syncCurrent);
    connect(model, &QAbstractItemModel::modelReset, this, syncCurrent);
    connect(box, &QComboBox::activated, this, [this, model](int row) {
        const QString name = model->index(row, 0).data(md::MeshListModel::NameRole).toString();
        if (auto selected = m_registry->selectMesh(name); !selected)
            statusBar()->showMessage(selected.error().toString(), 15000);
    });
    connect(m_registry, &md::mesh::MeshRegistry::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    syncCurrent();
}

void MainWindow::showCommandPalette()
{
    m_palette->popup();
}

void MainWindow::goBack()
{
    const QString page = m_history.back();
    if (!page.isEmpty())
        openPage(page, false);
}

void MainWindow::goForward()
{
    const QString page = m_history.forward();
    if (!page.isEmpty())
        openPage(page, false);
}

void MainWindow::updateHistoryActions()
{
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray()))
        resize(1280, 800);
    QMainWindow::restoreState(settings.value(StateKey).toByteArray());
    if (auto splitter = findChild<QSplitter *>(QStringLiteral("shellSplitter")))
        splitter->restoreState(settings.value(SplitterKey).toByteArray());
    QString page = settings.value(LastPageKey).toString();
    if (!m_pages.contains(page))
        page = md::PageCatalog::defaultPageId();
    showPage(page);
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, QMainWindow::saveState());
    if (auto splitter = findChild<QSplitter *>(QStringLiteral("shellSplitter")))
        settings.setValue(SplitterKey, splitter->saveState());
    settings.setValue(LastPageKey, m_currentPage);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateConnectionState();
    } else if (event->type() == QEvent::PaletteChange)
        updateIcons();
    QMainWindow::changeEvent(event);
}

} // namespace md::ui

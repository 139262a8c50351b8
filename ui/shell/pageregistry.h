#pragma once

// How modules add their pages and palette commands to the shell without the shell knowing
// them: each module has one function `void register<Module>Pages(PageRegistry &)` that adds
// a factory per page id of the PageCatalog, its palette actions and start-up hooks, and
// registerPages() (pages.cpp) calls each of them: adding a page touches its own folder and
// one line there. Pages are created the first time they are shown.

#include "items/commandmodel.h"
#include "shell/pagecontext.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

class QWidget;

namespace md::ui {

class PageRegistry
{
public:
    using Factory = std::function<QWidget *(const PageContext &context, QWidget *parent)>;
    // `window` is the main window (the parent for dialogs).
    using Handler = std::function<void(const PageContext &context, QWidget *window)>;

    struct Command
    {
        md::CommandModel::Action action;
        Handler run;
    };

    void addPage(const QString &pageId, Factory factory);
    // A palette action ("New VirtualService…"), run with the context and the main window.
    void addCommand(const md::CommandModel::Action &action, Handler run);
    // Runs once the main window is shown (e.g. to offer restoring drafts).
    void addStartupHook(Handler hook);

    bool hasPage(const QString &pageId) const { return m_factories.contains(pageId); }
    // The page from its factory; null when no module registered one.
    QWidget *createPage(const QString &pageId, const PageContext &context, QWidget *parent) const;
    const QList<Command> &commands() const { return m_commands; }
    const Command *command(const QString &id) const;
    const QList<Handler> &startupHooks() const { return m_startup; }

private:
    QHash<QString, Factory> m_factories;
    QList<Command> m_commands;
    QList<Handler> m_startup;
};

// Every module's registration (pages.cpp).
void registerPages(PageRegistry &registry);

} // namespace md::ui

#include "shell/pageregistry.h"

namespace md::ui {

void PageRegistry::addPage(const QString &pageId, Factory factory)
{
    m_factories.insert(pageId, std::move(factory));
}

void PageRegistry::addCommand(const md::CommandModel::Action &action, Handler run)
{
    for (Command &command : m_commands) {
        if (command.action.id == action.id) {
            command = {action, std::move(run)};
            return;
        }
    }
    m_commands.append({action, std::move(run)});
}

void PageRegistry::addStartupHook(Handler hook)
{
    m_startup.append(std::move(hook));
}

QWidget *PageRegistry::createPage(const QString &pageId, const PageContext &context,
                                  QWidget *parent) const
{
    const auto it = m_factories.constFind(pageId);
    return it == m_factories.cend() ? nullptr : (*it)(context, parent);
}

const PageRegistry::Command *PageRegistry::command(const QString &id) const
{
    for (const Command &command : m_commands) {
        if (command.action.id == id)
            return &command;
    }
    return nullptr;
}

} // namespace md::ui

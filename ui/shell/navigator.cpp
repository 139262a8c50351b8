#include "shell/navigator.h"

namespace md::ui {

Navigator::Navigator(QObject *parent)
    : QObject(parent)
{ }

void Navigator::showPage(const QString &pageId, const QVariantMap &arguments)
{
    emit pageRequested(pageId, arguments);
}

bool Navigator::openObject(const ObjectLink &link)
{
    for (const ObjectHandler &handler : std::as_const(m_handlers)) {
        if (handler(link))
            return true;
    }
    return false;
}

void Navigator::addObjectHandler(ObjectHandler handler)
{
    m_handlers.append(std::move(handler));
}

void Navigator::runCommand(const QString &commandId)
{
    emit commandRequested(commandId);
}

} // namespace md::ui

#include "shell/pagehistory.h"

namespace md::ui {

void PageHistory::visit(const QString &pageId)
{
    if (current() == pageId)
        return;
    m_pages.resize(m_position + 1);
    m_pages.append(pageId);
    if (m_pages.size() > MaxEntries)
        m_pages.removeFirst();
    m_position = m_pages.size() - 1;
}

QString PageHistory::back()
{
    if (!canGoBack())
        return {};
    return m_pages.at(--m_position);
}

QString PageHistory::forward()
{
    if (!canGoForward())
        return {};
    return m_pages.at(++m_position);
}

} // namespace md::ui

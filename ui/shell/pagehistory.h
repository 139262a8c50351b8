#pragma once

#include <QString>
#include <QStringList>

namespace md::ui {

// Back/forward history of visited pages, as in a browser.
class PageHistory
{
public:
    void visit(const QString &pageId);
    bool canGoBack() const { return m_position > 0; }
    bool canGoForward() const { return m_position + 1 < m_pages.size(); }
    QString back();
    QString forward();
    QString current() const { return m_position >= 0 ? m_pages.at(m_position) : QString(); }

private:
    static constexpr qsizetype MaxEntries = 100;
    QStringList m_pages;
    qsizetype m_position = -1;
};

} // namespace md::ui

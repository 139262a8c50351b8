#pragma once

#include <QWidget>

class QLabel;

namespace md::ui {

// A page that has nothing to show yet: the page's icon, title and purpose, and an honest
// explanation of why it is empty (no mesh connected). Later issues replace these pages
// with the real ones; the empty state stays for pages with no data.
class EmptyStatePage final : public QWidget
{
    Q_OBJECT

public:
    EmptyStatePage(const QString &pageId, QWidget *parent = nullptr);

    QString pageId() const { return m_pageId; }
    QString titleText() const;
    QString messageText() const;
    // How many clusters are connected: the message says why the page is still empty.
    void setConnectedClusters(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateIcon();

    QString m_pageId;
    int m_connected = 0;
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace md::ui

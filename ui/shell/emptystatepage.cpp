#include "shell/emptystatepage.h"

#include "items/pagecatalog.h"
#include "shell/icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace md::ui {

EmptyStatePage::EmptyStatePage(const QString &pageId, QWidget *parent)
    : QWidget(parent)
    , m_pageId(pageId)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_message(new QLabel(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("page:") + pageId);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));

    for (QLabel *label : {m_icon, m_title, m_summary, m_message, m_hint}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(label != m_icon);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_summary->setObjectName(QStringLiteral("emptyStateSummary"));

    QFont messageFont = m_message->font();
    messageFont.setPointSizeF(messageFont.pointSizeF() * 1.15);
    messageFont.setBold(true);
    m_message->setFont(messageFont);
    m_message->setObjectName(QStringLiteral("emptyStateMessage"));
    m_hint->setEnabled(false); // dimmed, follows the palette

    // A centred column of at most 560 px; wrapped labels get their full height this way.
    auto column = new QWidget(this);
    column->setMaximumWidth(560);
    column->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    auto inner = new QVBoxLayout(column);
    inner->setSpacing(10);
    inner->addWidget(m_icon);
    inner->addWidget(m_title);
    inner->addWidget(m_summary);
    inner->addSpacing(20);
    inner->addWidget(m_message);
    inner->addWidget(m_hint);

    auto row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);

    updateIcon();
    retranslate();
}

QString EmptyStatePage::titleText() const
{
    return m_title->text();
}

QString EmptyStatePage::messageText() const
{
    return m_message->text();
}

void EmptyStatePage::retranslate()
{
    const md::PageInfo *page = md::PageCatalog::page(m_pageId);
    m_title->setText(page ? md::PageCatalog::translatedTitle(*page) : m_pageId);
    m_summary->setText(page ? md::PageCatalog::translatedSummary(*page) : QString());
    if (m_connected == 0)
        m_message->setText(tr("No mesh connected — add a cluster or start the demo"));
    else
        m_message->setText(
            m_connected == 1
                ? tr("Connected to 1 cluster. This page does not show its data yet.")
                : tr("Connected to %1 clusters. This page does not show their data yet.")
                      .arg(m_connected));
    m_hint->setText(
        tr("Press %1 to jump to any page.")
            .arg(QKeySequence(QStringLiteral("Ctrl+K")).toString(QKeySequence::NativeText)));
}

void EmptyStatePage::setConnectedClusters(int count)
{
    if (count == m_connected)
        return;
    m_connected = count;
    retranslate();
}

void EmptyStatePage::updateIcon()
{
    const md::PageInfo *page = md::PageCatalog::page(m_pageId);
    const md::ModuleInfo *module = page ? md::PageCatalog::module(page->module) : nullptr;
    QPalette dim = palette();
    dim.setColor(QPalette::Active, QPalette::WindowText,
                 palette().color(QPalette::Disabled, QPalette::WindowText));
    const QIcon icon = module ? themedIcon(module->iconName, dim) : QIcon();
    m_icon->setPixmap(icon.pixmap(96, 96));
}

void EmptyStatePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange)
        updateIcon();
    QWidget::changeEvent(event);
}

} // namespace md::ui

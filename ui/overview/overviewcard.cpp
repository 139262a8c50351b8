#include "overview/overviewcard.h"

#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QTextDocument>
#include <QVBoxLayout>

namespace md::ui {

OverviewCard::OverviewCard(const QString &id, QWidget *parent)
    : QFrame(parent)
    , m_id(id)
    , m_title(new QLabel(this))
    , m_value(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("card:") + id);
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Raised);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumWidth(220);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 2.0);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_caption->setWordWrap(true);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    connect(m_details, &QLabel::linkActivated, this, &OverviewCard::linkActivated);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 12);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    layout->addWidget(m_details, 1);
}

void OverviewCard::setTitle(const QString &title)
{
    m_title->setText(title);
}

void OverviewCard::setValue(const QString &value, const QString &caption)
{
    m_value->setText(value);
    m_caption->setText(caption);
    m_caption->setVisible(!caption.isEmpty());
}

void OverviewCard::setDetails(const QStringList &lines)
{
    m_details->setText(lines.join(u'\n'));
}

void OverviewCard::setRichDetails(const QStringList &lines)
{
    m_details->setTextFormat(Qt::RichText);
    m_details->setText(lines.join(QStringLiteral("<br>")));
}

void OverviewCard::setAttention(bool attention)
{
    QPalette p = m_value->palette();
    p.setColor(QPalette::WindowText,
               attention ? QColor(0xc0, 0x60, 0x00) : palette().color(QPalette::WindowText));
    m_value->setPalette(p);
}

QString OverviewCard::titleText() const
{
    return m_title->text();
}

QString OverviewCard::valueText() const
{
    return m_value->text();
}

QString OverviewCard::captionText() const
{
    return m_caption->text();
}

QString OverviewCard::detailText() const
{
    if (m_details->textFormat() != Qt::RichText)
        return m_details->text();
    QTextDocument document;
    document.setHtml(m_details->text());
    return document.toPlainText();
}

void OverviewCard::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit activated();
    QFrame::mouseReleaseEvent(event);
}

void OverviewCard::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
        || event->key() == Qt::Key_Space) {
        emit activated();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace md::ui

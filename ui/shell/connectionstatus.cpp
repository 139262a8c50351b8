#include "shell/connectionstatus.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace md::ui {

namespace {

QPixmap dot(const QColor &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    return pixmap;
}

} // namespace

ConnectionStatus::ConnectionStatus(QWidget *parent)
    : QWidget(parent)
    , m_dot(new QLabel(this))
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("connectionStatus"));
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_text);
    refresh();
}

void ConnectionStatus::setState(State state, const QString &detail)
{
    m_state = state;
    m_detail = detail;
    refresh();
}

QString ConnectionStatus::text() const
{
    return m_text->text();
}

void ConnectionStatus::refresh()
{
    QColor color;
    QString text;
    switch (m_state) {
    case State::NotConnected:
        color = palette().color(QPalette::Disabled, QPalette::WindowText);
        text = tr("Not connected");
        break;
    case State::Connecting:
        color = QColor(0x3d, 0x8b, 0xd9);
        text = tr("Connecting…");
        break;
    case State::Connected:
        color = QColor(0x2e, 0xa0, 0x43);
        text = tr("Connected");
        break;
    case State::Degraded:
        color = QColor(0xe0, 0x8e, 0x0b);
        text = tr("Partly connected");
        break;
    case State::Failed:
        color = QColor(0xd1, 0x24, 0x2f);
        text = tr("Connection failed");
        break;
    }
    if (!m_detail.isEmpty())
        text = tr("%1 — %2").arg(text, m_detail);
    const int size = fontMetrics().height() * 2 / 3;
    m_dot->setPixmap(dot(color, size));
    m_text->setText(text);
    setToolTip(text);
}

void ConnectionStatus::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        refresh();
    QWidget::changeEvent(event);
}

} // namespace md::ui

#include "gateways/statusdot.h"

#include <QPainter>
#include <QPixmap>

namespace md::ui {

StatusDotDelegate::StatusDotDelegate(int statusRole, std::function<QColor(int)> colorOf,
                                     QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(statusRole)
    , m_colorOf(std::move(colorOf))
{ }

void StatusDotDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant status = index.data(m_role);
    if (!status.isValid())
        return;
    const QColor color = m_colorOf(status.toInt());
    if (!color.isValid())
        return;
    const qreal ratio = option->widget ? option->widget->devicePixelRatioF() : 1.0;
    QPixmap pixmap(QSize(12, 12) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(130));
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    painter.end();
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = QIcon(pixmap);
    option->decorationSize = QSize(12, 12);
}

} // namespace md::ui

#include "clusters/statedelegate.h"

#include "items/clustermodel.h"
#include "mesh/clusterhealth.h"
#include "mesh/healthtext.h"

#include <QApplication>
#include <QPainter>

namespace md::ui {

using md::mesh::ClusterHealth;

QColor StateDelegate::colorFor(int state, const QPalette &palette)
{
    switch (ClusterHealth::State(state)) {
    case ClusterHealth::State::Connected:
        return QColor(0x2e, 0xa0, 0x43);
    case ClusterHealth::State::Connecting:
        return QColor(0x3d, 0x8b, 0xd9);
    case ClusterHealth::State::Unauthorized:
        return QColor(0xe0, 0x8e, 0x0b);
    case ClusterHealth::State::Unreachable:
    case ClusterHealth::State::Failed:
        return QColor(0xd1, 0x24, 0x2f);
    case ClusterHealth::State::NotConnected:
        break;
    }
    return palette.color(QPalette::Disabled, QPalette::Text);
}

void StateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const int size = opt.fontMetrics.height() * 2 / 3;
    const QRect dot(opt.rect.left() + 6, opt.rect.center().y() - size / 2, size, size);
    opt.rect.setLeft(dot.right() + 6);
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, opt.widget);
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    const auto condition
        = md::mesh::LiveCondition(index.data(md::ClusterModel::ConditionRole).toInt());
    painter->setBrush(condition == md::mesh::LiveCondition::Degraded
                          ? QColor(0xe0, 0x8e, 0x0b)
                          : colorFor(index.data(md::ClusterModel::StateRole).toInt(), opt.palette));
    painter->drawEllipse(dot);
    painter->restore();
}

} // namespace md::ui

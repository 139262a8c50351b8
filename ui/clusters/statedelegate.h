#pragma once

#include <QStyledItemDelegate>

namespace md::ui {

// Paints a cluster's connection state with a coloured dot before the text (green connected,
// blue connecting, red unreachable or failed, amber unauthorized, grey not connected).
class StateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    static QColor colorFor(int state, const QPalette &palette);
};

} // namespace md::ui

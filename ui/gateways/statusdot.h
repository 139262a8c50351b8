#pragma once

#include <QColor>
#include <QStyledItemDelegate>

#include <functional>

namespace md::ui {

// Draws a coloured dot before a status column's text: the colour comes from the row's status
// role through `colorOf` (an invalid colour draws no dot). Shared by the gateway and TLS
// secret lists.
class StatusDotDelegate final : public QStyledItemDelegate
{
public:
    StatusDotDelegate(int statusRole, std::function<QColor(int status)> colorOf,
                      QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_role;
    std::function<QColor(int)> m_colorOf;
};

// The palette of the dots: good, busy, warning, bad, idle.
namespace statuscolors {
inline QColor good()
{
    return QColor(0x2e, 0x9d, 0x4f);
}
inline QColor busy()
{
    return QColor(0x2f, 0x7f, 0xd1);
}
inline QColor warning()
{
    return QColor(0xe0, 0x9b, 0x12);
}
inline QColor bad()
{
    return QColor(0xd0, 0x36, 0x36);
}
inline QColor idle()
{
    return QColor(0x8a, 0x8a, 0x8a);
}
} // namespace statuscolors

} // namespace md::ui

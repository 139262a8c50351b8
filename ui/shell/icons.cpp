#include "shell/icons.h"

#include <QFile>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace md::ui {

namespace {

QPixmap tinted(QSvgRenderer &renderer, int size, const QColor &color)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(pixmap.rect(), color);
    return pixmap;
}

} // namespace

QIcon themedIcon(const QString &name, const QPalette &palette)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    if (!QFile::exists(path))
        return {};
    QSvgRenderer renderer(path);
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48, 64, 96}) {
        icon.addPixmap(
            tinted(renderer, size, palette.color(QPalette::Active, QPalette::WindowText)),
            QIcon::Normal);
        icon.addPixmap(
            tinted(renderer, size, palette.color(QPalette::Active, QPalette::HighlightedText)),
            QIcon::Selected);
        icon.addPixmap(
            tinted(renderer, size, palette.color(QPalette::Disabled, QPalette::WindowText)),
            QIcon::Disabled);
    }
    return icon;
}

QIcon appIcon()
{
    return QIcon(QStringLiteral(":/icons/meshdesk.svg"));
}

} // namespace md::ui

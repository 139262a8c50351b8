#pragma once

#include <QIcon>
#include <QPalette>

namespace md::ui {

// A monochrome icon from the embedded SVG set (":/icons/<name>.svg"), tinted with the
// palette's text colour (and highlighted-text colour when selected), so that icons follow
// the system's light or dark palette. Falls back to an empty icon for an unknown name.
QIcon themedIcon(const QString &name, const QPalette &palette);

// The application icon (full colour).
QIcon appIcon();

} // namespace md::ui

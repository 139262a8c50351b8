#pragma once

#include <QDialog>

class QAction;

namespace md::ui {

// Lists every action of the main window that has a keyboard shortcut.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};

} // namespace md::ui

#pragma once

#include <QDialog>

namespace md::ui {

class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace md::ui

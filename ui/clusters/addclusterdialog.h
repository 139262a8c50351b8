#pragma once

#include <QDialog>

class QListWidget;
class QLabel;
class QDialogButtonBox;

namespace md::kube {
struct Kubeconfig;
}

namespace md::ui {

// Picks kubeconfig contexts to connect: every context not connected yet, with its cluster
// and server; several may be ticked.
class AddClusterDialog final : public QDialog
{
    Q_OBJECT

public:
    AddClusterDialog(const md::kube::Kubeconfig &config, const QStringList &connected,
                     QWidget *parent = nullptr);
    QStringList selectedContexts() const;
    QListWidget *list() const { return m_list; }

private:
    void updateButtons();

    QListWidget *m_list = nullptr;
    QLabel *m_hint = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace md::ui

#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace md {
class MessageModel;
}

namespace md::ui {

// Lists the messages of the mesh's live checks: a filter field (any column) above a
// sortable table. Not modal: it follows the model live while open.
class ChecksDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ChecksDialog(md::MessageModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *filter() const { return m_filter; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateSummary();

    md::MessageModel *m_model = nullptr; // Not owned.
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace md::ui

#pragma once

// The History page (config.history): every apply and delete MeshDesk made, newest first,
// filtered by object, cluster and time; the selected entry's before/after diff; Revert,
// which prepares the inverse write and opens it in the same review as any edit.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace md::ui {

class DiffView;
class EditorSession;
class JournalModel;
class ReviewDialog;

class HistoryPage final : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPage(EditorSession *session, QWidget *parent = nullptr);

    JournalModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    DiffView *diffView() const { return m_diff; }
    QLineEdit *objectFilter() const { return m_object; }
    QComboBox *clusterFilter() const { return m_cluster; }
    QComboBox *timeFilter() const { return m_time; }
    QPushButton *revertButton() const { return m_revert; }

public slots:
    void refresh();
    // Reverts the selected entry: fetches the live object, then opens the review.
    void revertSelected();
    void setPageArguments(const QVariantMap &arguments); // "object", "cluster"

signals:
    void reviewOpened(md::ui::ReviewDialog *dialog);

private:
    void showSelected();

    EditorSession *m_session;
    JournalModel *m_model;
    QLineEdit *m_object;
    QComboBox *m_cluster;
    QComboBox *m_time;
    QTableView *m_table;
    DiffView *m_diff;
    QLabel *m_empty;
    QLabel *m_status;
    QPushButton *m_revert;
};

} // namespace md::ui

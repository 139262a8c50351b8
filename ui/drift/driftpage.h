#pragma once

#include "shell/pagecontext.h"

#include <QVariantMap>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace md::drift {
class DriftFilterModel;
class DriftModel;
struct Entry;
} // namespace md::drift

namespace md::ui {

class DiffView;
class PageRegistry;

// Adds the "Config drift" page (config.drift).
void registerDriftPages(PageRegistry &registry);

// The Istio objects held by more than one cluster of the selected mesh, whether their
// copies are the same (server-set fields and key order ignored), the diff between two
// clusters' copies, and copying one cluster's version to the others through the review
// (one review per target cluster).
class DriftPage final : public QWidget
{
    Q_OBJECT

public:
    explicit DriftPage(const PageContext &context, QWidget *parent = nullptr);
    ~DriftPage() override;

    md::drift::DriftModel *model() const { return m_model; }
    md::drift::DriftFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QCheckBox *differingOnlyBox() const { return m_differingOnly; }
    QCheckBox *singleCopiesBox() const { return m_singles; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *leftCombo() const { return m_left; }
    QComboBox *rightCombo() const { return m_right; }
    DiffView *diffView() const { return m_diff; }
    QLabel *summaryLabel() const { return m_summary; }
    QAction *copyAction() const { return m_copy; }
    QString stateText() const;
    bool isShowingTable() const;

    // The entry of the current row (null when none).
    const md::drift::Entry *currentEntry() const;
    // Makes the row of this Entry::id() current; false when it is not shown.
    bool selectEntry(const QString &id);

public slots:
    // {"search": ..., "differingOnly": bool}
    void setPageArguments(const QVariantMap &arguments);
    // Sends the left cluster's version to every other cluster, one review per cluster.
    void copyToOthers();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showCurrent();
    void updateDiff();
    void updateState();
    void retranslate();

    PageContext m_context;
    md::drift::DriftModel *m_model;
    md::drift::DriftFilterModel *m_filter;
    QToolBar *m_toolBar;
    QCheckBox *m_differingOnly;
    QCheckBox *m_singles;
    QLineEdit *m_search;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_state;
    QLabel *m_compareLabel;
    QLabel *m_withLabel;
    QComboBox *m_left;
    QComboBox *m_right;
    QLabel *m_summary;
    DiffView *m_diff;
    QAction *m_copy = nullptr;
    QString m_currentId;
};

} // namespace md::ui

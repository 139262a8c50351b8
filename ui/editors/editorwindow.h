#pragma once

// The window where policies are edited: one tab per object (a dirty marker while it has
// changes not applied; closing asks), a tool bar with undo/redo, save draft, review & apply,
// delete, and the target cluster where a mesh has several clusters running istiod.

#include "editors/policyeditor.h"
#include "shell/navigator.h"

#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QUndoGroup;

namespace md::ui {

class EditorSession;
class ReviewDialog;

class EditorWindow final : public QMainWindow
{
    Q_OBJECT

public:
    EditorWindow(EditorSession *session, QWidget *parent = nullptr);
    ~EditorWindow() override;

    PolicyEditor *openDocument(const EditorDocument &document);
    // Shows the tab of that object when it is open.
    bool activate(const ObjectLink &link);
    PolicyEditor *currentEditor() const;
    QList<PolicyEditor *> editors() const;
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *targetBox() const { return m_target; }

    // Asks about unsaved changes (Save draft / Discard / Cancel); false when cancelled.
    bool closeEditor(PolicyEditor *editor, bool ask = true);

public slots:
    ReviewDialog *reviewCurrent();
    void saveCurrentDraft();
    void deleteCurrent();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateTab(PolicyEditor *editor);
    void updateActions();
    void updateTargets();
    void wireReview(ReviewDialog *dialog, PolicyEditor *editor);

    EditorSession *m_session;
    QTabWidget *m_tabs;
    QUndoGroup *m_undo;
    QAction *m_saveAction;
    QAction *m_reviewAction;
    QAction *m_deleteAction;
    QComboBox *m_target;
    QLabel *m_targetLabel;
    QAction *m_targetAction = nullptr;
    QAction *m_targetLabelAction = nullptr;
};

} // namespace md::ui

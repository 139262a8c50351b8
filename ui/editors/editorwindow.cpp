#include "editors/editorwindow.h"

#include "editors/deleteflow.h"
#include "editors/editorsession.h"
#include "editors/reviewdialog.h"
#include "istio/document.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>

namespace md::ui {

EditorWindow::EditorWindow(EditorSession *session, QWidget *parent)
    : QMainWindow(parent, Qt::Window)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_undo(new QUndoGroup(this))
    , m_target(new QComboBox(this))
    , m_targetLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("editorWindow"));
    setWindowTitle(tr("Policy editor — MeshDesk"));
    m_tabs->setObjectName(QStringLiteral("editorWindowTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setElideMode(Qt::ElideMiddle);
    setCentralWidget(m_tabs);

    auto bar = addToolBar(tr("Editor"));
    bar->setObjectName(QStringLiteral("editorToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setToolTip(tr("Undo (Ctrl+Z)"));
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setToolTip(tr("Redo (Ctrl+Shift+Z)"));
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addSeparator();
    m_saveAction = bar->addAction(tr("Save draft"), this, &EditorWindow::saveCurrentDraft);
    m_saveAction->setObjectName(QStringLiteral("saveDraftAction"));
    m_saveAction->setToolTip(tr("Save the draft (Ctrl+S); drafts are also saved as you type"));
    m_reviewAction = bar->addAction(tr("Review && Apply…"), this, &EditorWindow::reviewCurrent);
    m_reviewAction->setObjectName(QStringLiteral("reviewAction"));
    m_reviewAction->setToolTip(tr("Review the change, dry-run it and apply it (Ctrl+Enter)"));
    m_deleteAction = bar->addAction(tr("Delete…"), this, &EditorWindow::deleteCurrent);
    m_deleteAction->setObjectName(QStringLiteral("deleteAction"));
    bar->addSeparator();
    m_targetLabel->setText(tr("Target cluster:"));
    m_targetLabel->setContentsMargins(8, 0, 4, 0);
    m_target->setObjectName(QStringLiteral("targetBox"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_target->setToolTip(tr("Where new objects are written. Policies written to the "
                            "control-plane cluster take effect for the entire mesh."));
    m_targetLabelAction = bar->addWidget(m_targetLabel);
    m_targetAction = bar->addWidget(m_target);
    connect(m_target, &QComboBox::activated, this, [this](int index) {
        const QString context = m_target->itemData(index).toString();
        m_session->setTarget(context);
        if (PolicyEditor *editor = currentEditor(); editor && editor->isNew())
            editor->setContext(context);
        updateTab(currentEditor());
    });

    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        closeEditor(qobject_cast<PolicyEditor *>(m_tabs->widget(index)));
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        PolicyEditor *editor = currentEditor();
        m_undo->setActiveStack(editor ? editor->undoStack() : nullptr);
        updateActions();
        updateTargets();
    });
    resize(1100, 780);
    updateActions();
    updateTargets();
}

EditorWindow::~EditorWindow() = default;

PolicyEditor *EditorWindow::openDocument(const EditorDocument &document)
{
    auto editor = new PolicyEditor(m_session->services(), document, m_tabs);
    m_undo->addStack(editor->undoStack());
    const int index = m_tabs->addTab(editor, editor->title());
    m_tabs->setCurrentIndex(index);
    connect(editor, &PolicyEditor::dirtyChanged, this, [this, editor] { updateTab(editor); });
    connect(editor, &PolicyEditor::titleChanged, this, [this, editor] { updateTab(editor); });
    connect(editor, &PolicyEditor::validated, this, [this, editor] { updateTab(editor); });
    connect(editor, &PolicyEditor::reviewRequested, this, &EditorWindow::reviewCurrent);
    connect(editor, &PolicyEditor::draftSaved, this,
            [this] { statusBar()->showMessage(tr("Draft saved"), 3000); });
    updateTab(editor);
    updateActions();
    return editor;
}

bool EditorWindow::activate(const ObjectLink &link)
{
    for (PolicyEditor *editor : editors()) {
        if (editor->isNew() || editor->context() != link.context)
            continue;
        const auto id = md::istio::ObjectId::of(editor->document().base);
        if (id.kind == link.kind && id.namespace_ == link.namespace_ && id.name == link.name) {
            m_tabs->setCurrentWidget(editor);
            return true;
        }
    }
    return false;
}

PolicyEditor *EditorWindow::currentEditor() const
{
    return qobject_cast<PolicyEditor *>(m_tabs->currentWidget());
}

QList<PolicyEditor *> EditorWindow::editors() const
{
    QList<PolicyEditor *> list;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto editor = qobject_cast<PolicyEditor *>(m_tabs->widget(i)))
            list << editor;
    }
    return list;
}

void EditorWindow::updateTab(PolicyEditor *editor)
{
    const int index = editor ? m_tabs->indexOf(editor) : -1;
    if (index < 0)
        return;
    QString text = editor->title();
    if (editor->isDirty())
        text = QStringLiteral("● ") + text;
    m_tabs->setTabText(index, text);
    QString tip = tr("%1 in %2").arg(editor->title(), editor->context());
    if (editor->errorCount() > 0)
        tip += QLatin1Char('\n') + tr("%n error(s)", nullptr, editor->errorCount());
    m_tabs->setTabToolTip(index, tip);
    m_tabs->tabBar()->setTabTextColor(
        index, editor->errorCount() > 0 ? QColor(0xc6, 0x28, 0x28) : QColor());
    if (editor == currentEditor())
        updateActions();
}

void EditorWindow::updateActions()
{
    PolicyEditor *editor = currentEditor();
    m_saveAction->setEnabled(editor);
    m_reviewAction->setEnabled(editor);
    m_deleteAction->setEnabled(editor && !editor->isNew());
}

void EditorWindow::updateTargets()
{
    PolicyEditor *editor = currentEditor();
    const auto candidates = m_session->targetCandidates();
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    for (const auto &candidate : candidates) {
        QString text = candidate.context;
        if (candidate.controlPlane)
            text += QStringLiteral(" ") + tr("(control plane)");
        if (!candidate.connected)
            text += QStringLiteral(" ") + tr("(not connected)");
        m_target->addItem(text, candidate.context);
    }
    // The picker shows where a mesh has several clusters running istiod; existing objects
    // stay in their cluster.
    const bool choose = m_session->targetNeedsChoice() && editor && editor->isNew();
    m_targetAction->setVisible(choose);
    m_targetLabelAction->setVisible(choose);
    if (editor)
        m_target->setCurrentIndex(m_target->findData(editor->context()));
}

bool EditorWindow::closeEditor(PolicyEditor *editor, bool ask)
{
    if (!editor)
        return true;
    if (editor->isDirty() && ask) {
        QMessageBox box(QMessageBox::Question, tr("Close %1").arg(editor->title()),
                        tr("%1 has changes that were not applied.").arg(editor->title()),
                        QMessageBox::NoButton, this);
        box.setInformativeText(tr("Keep them as a draft to continue later, or discard them?"));
        auto keep = box.addButton(tr("Keep Draft"), QMessageBox::AcceptRole);
        auto discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() == static_cast<QAbstractButton *>(keep))
            editor->saveDraft();
        else if (box.clickedButton() == static_cast<QAbstractButton *>(discard))
            editor->discardDraft();
        else
            return false;
    } else if (editor->isDirty()) {
        editor->saveDraft();
    }
    m_undo->removeStack(editor->undoStack());
    m_tabs->removeTab(m_tabs->indexOf(editor));
    editor->deleteLater();
    return true;
}

void EditorWindow::closeEvent(QCloseEvent *event)
{
    // Closing the window keeps every unsaved edit as a draft (offered at the next start).
    for (PolicyEditor *editor : editors()) {
        if (editor->isDirty())
            editor->saveDraft();
    }
    while (m_tabs->count() > 0)
        closeEditor(qobject_cast<PolicyEditor *>(m_tabs->widget(0)), false);
    event->accept();
}

void EditorWindow::saveCurrentDraft()
{
    if (PolicyEditor *editor = currentEditor())
        editor->saveDraft();
}

ReviewDialog *EditorWindow::reviewCurrent()
{
    PolicyEditor *editor = currentEditor();
    if (!editor)
        return nullptr;
    auto item = editor->applyItem();
    if (!item) {
        QMessageBox::warning(this, tr("Review"),
                             tr("The text cannot be applied: %1").arg(item.error().message));
        editor->showYaml();
        return nullptr;
    }
    editor->saveDraft();
    md::apply::ApplyRequest request;
    request.context = editor->context();
    request.mesh = m_session->meshName();
    request.items << *item;
    ReviewDialog *dialog = m_session->review(request, this);
    wireReview(dialog, editor);
    return dialog;
}

void EditorWindow::wireReview(ReviewDialog *dialog, PolicyEditor *editor)
{
    QPointer<PolicyEditor> guard(editor);
    connect(dialog, &ReviewDialog::itemApplied, this,
            [this, guard](int, const md::istio::Value &answer) {
                if (!guard)
                    return;
                if (answer.isNull()) // deleted
                    closeEditor(guard, false);
                else
                    guard->markApplied(answer);
                updateTab(guard);
            });
    connect(dialog, &ReviewDialog::itemRebased, this,
            [guard](int, const md::istio::Value &live, const md::istio::Value &merged) {
                if (guard)
                    guard->rebaseOn(live, merged);
            });
}

void EditorWindow::deleteCurrent()
{
    PolicyEditor *editor = currentEditor();
    if (!editor || editor->isNew())
        return;
    const auto id = md::istio::ObjectId::of(editor->document().base);
    ObjectLink link {editor->context(), id.apiVersion, id.kind, id.namespace_, id.name};
    confirmAndDelete(m_session->context(), {link}, this);
}

} // namespace md::ui

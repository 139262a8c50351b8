#pragma once

// The editors' share of the application, one per main window: the apply engine (over the
// window's connections), the journal and the drafts (in the app's database file), the
// validator, the apply target of the selected mesh, and the editor window. Pages reach it
// with EditorSession::of(context).

#include "apply/applytarget.h"
#include "apply/applytypes.h"
#include "editors/policyeditor.h"
#include "shell/navigator.h"
#include "shell/pagecontext.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace md::apply {
class ApplyEngine;
}
namespace md::store {
class DraftStore;
class JournalStore;
} // namespace md::store

namespace md::ui {

class EditorWindow;
class ReviewDialog;

class EditorSession final : public QObject
{
    Q_OBJECT

public:
    // The session of this context (made on first use, owned by the navigator).
    static EditorSession *of(const PageContext &context);

    EditorSession(const PageContext &context, QObject *parent = nullptr);
    ~EditorSession() override;

    const PageContext &context() const { return m_context; }
    md::apply::ApplyEngine *engine() const { return m_engine; }
    md::store::JournalStore *journal() const { return m_journal.get(); }
    md::store::DraftStore *drafts() const { return m_drafts.get(); }
    std::shared_ptr<const md::istio::Validator> validator() const { return m_validator; }
    void setValidator(std::shared_ptr<const md::istio::Validator> validator);
    EditorServices services() const;

    // The selected mesh's name (empty without one).
    QString meshName() const;
    // Where new objects are written: the remembered choice of the mesh, else its control
    // plane; without a mesh, the first connected cluster.
    QList<md::apply::TargetCandidate> targetCandidates() const;
    QString target() const;
    bool targetNeedsChoice() const;
    void setTarget(const QString &context); // remembered per mesh
    // Layer 3 for an object about to be written to `context` (GUI thread).
    QList<md::istio::Message> crossCheck(const QString &context,
                                         const md::istio::Value &object) const;
    // The object as the live caches hold it (null when not cached).
    md::istio::Value cachedObject(const ObjectLink &link) const;

    // The editor window (made on first use).
    EditorWindow *window();
    EditorWindow *existingWindow() const;
    // Opens an object (fetched when the caches do not have it) or, with an empty name, a
    // new one; a draft of it is restored. False when the kind is not an Istio kind.
    bool openObject(const ObjectLink &link);
    PolicyEditor *openDocument(const EditorDocument &document);
    // Objects from a wizard or an import: one review for all of them (bases resolved first).
    void reviewObjects(const QList<md::apply::ApplyItem> &items, QWidget *parent,
                       const QString &context = {});
    // A review of a prepared request (a revert, an editor's write).
    ReviewDialog *review(const md::apply::ApplyRequest &request, QWidget *parent);

    // Istio kinds the editors open (any kind of an *.istio.io group).
    static bool isIstioKind(const QString &kind);
    static const QStringList &policyKinds(); // the seven with forms, in palette order

    void setMainWindow(QWidget *window) { m_mainWindow = window; }
    QWidget *mainWindow() const { return m_mainWindow; }

signals:
    // A write went through (the history page refreshes).
    void applied(const md::apply::ApplyReport &report);

private:
    PageContext m_context;
    md::apply::ApplyEngine *m_engine = nullptr; // Owned (child).
    std::unique_ptr<md::store::JournalStore> m_journal;
    std::unique_ptr<md::store::DraftStore> m_drafts;
    std::shared_ptr<const md::istio::Validator> m_validator;
    QPointer<EditorWindow> m_window;
    QPointer<QWidget> m_mainWindow;
};

} // namespace md::ui

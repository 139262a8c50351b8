#pragma once

// One Kubernetes object in an editor: tabs Form | YAML over one document (the YAML text is
// the truth; the form reads it and writes it back through md::istio::Value, so fields the
// form does not show survive), one QUndoStack across both views, validation of all three
// layers as the user types (debounced, parsing and layers 1-2 on a worker thread), the
// messages at their field in the form, at their line in the YAML and in a Problems panel
// that jumps to them, and the draft saved to the DraftStore as the user types.

#include "apply/applytypes.h"
#include "editors/forms/policyform.h"
#include "istio/message.h"
#include "store/draftstore.h"

#include <QFuture>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QSplitter;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace md {
class MessageModel;
}
namespace md::istio {
class Validator;
}

namespace md::ui {

class YamlEditor;

// What an editor needs from the application (the editor session, or a test).
struct EditorServices
{
    md::store::DraftStore *drafts = nullptr; // may be null: no drafts
    std::shared_ptr<const md::istio::Validator> validator; // may be null: rules only
    // Layer 3: the object against the live mesh, on the GUI thread; may be empty.
    std::function<QList<md::istio::Message>(const QString &context, const md::istio::Value &object)>
        crossCheck;
    // The form of a kind (createPolicyForm by default); may return null (YAML only).
    std::function<PolicyForm *(const QString &kind, const FormContext &context, QWidget *parent)>
        formFactory;
    md::mesh::SelectedMesh *mesh = nullptr; // for the forms' pickers; may be null
    int validationDelayMs = 150;
    int draftDelayMs = 800;
};

// The object an editor opens.
struct EditorDocument
{
    QString mesh; // for the draft's key; may be empty
    QString context; // the cluster it is written to
    QString kind;
    md::istio::Value base; // the live object when the edit began; null for a new object
    QString newId; // for a new object: the draft's id (made when empty)
    QString text; // the text to start from (a draft, or empty: the base's YAML)
    // A new object's text that counts as unchanged (its template); empty: any text is a
    // change (a restored draft).
    QString cleanText;

    static EditorDocument forObject(const md::istio::Value &live, const QString &context,
                                    const QString &mesh = {});
    static EditorDocument forNew(const QString &kind, const QString &namespace_,
                                 const QString &context, const QString &mesh = {});
    static EditorDocument fromDraft(const md::store::Draft &draft);
};

// The apiVersion MeshDesk writes for an Istio kind ("networking.istio.io/v1").
QString defaultApiVersion(const QString &kind);

// A new object's YAML to start from ("apiVersion", "kind", metadata, an empty spec shaped
// for the kind).
QString newObjectYaml(const QString &kind, const QString &namespace_, const QString &name = {});

class PolicyEditor final : public QWidget
{
    Q_OBJECT

public:
    PolicyEditor(EditorServices services, EditorDocument document, QWidget *parent = nullptr);
    ~PolicyEditor() override;

    // The document: its text, and the object read from it (an error when it does not parse
    // or is not exactly one object).
    QString text() const { return m_text; }
    Result<md::istio::Value> object() const;
    const EditorDocument &document() const { return m_document; }
    QString kind() const { return m_document.kind; }
    QString context() const { return m_document.context; }
    void setContext(const QString &context); // the target cluster (new objects)
    bool isNew() const { return m_document.base.isNull(); }
    md::store::DraftKey draftKey() const;
    // "VirtualService bookinfo/reviews", or "New VirtualService" while it has no name.
    QString title() const;
    // Whether the text differs from what was opened (or last applied).
    bool isDirty() const;
    // The write to review: a Create of the object, or an Update of the base carrying its
    // resourceVersion. Errors when the text is not one object.
    Result<md::apply::ApplyItem> applyItem() const;

    // After a successful apply: the server's object becomes the new base and the text.
    void markApplied(const md::istio::Value &answer);
    // After a conflict was resolved: `live` is the new base and `merged` the new text.
    void rebaseOn(const md::istio::Value &live, const md::istio::Value &merged);
    // Replaces the text as an undoable step (e.g. from a wizard or a revert).
    void setText(const QString &text);

    // The latest validation (every layer); empty before the first run ends.
    const QList<md::istio::Message> &messages() const { return m_messages; }
    int errorCount() const;
    int warningCount() const;
    bool isValidating() const { return m_validating || m_validateTimer.isActive(); }
    // Validates now (skipping the delay); messages arrive with validated().
    void validateNow();

    // Saves the draft now (Ctrl+S). False when the draft store is missing or failed.
    bool saveDraft();
    void discardDraft();

    // Shows the form (false, staying on YAML, when the text does not parse or has no form).
    bool showForm();
    void showYaml();
    bool isFormShown() const;
    // Goes to the place of problem `row` (in the Problems panel's order).
    void revealProblem(int row);

    QUndoStack *undoStack() const { return m_undo; }
    QTabWidget *tabs() const { return m_tabs; }
    YamlEditor *yamlEditor() const { return m_yaml; }
    PolicyForm *form() const { return m_form; }
    QTableView *problemsView() const { return m_problems; }
    md::MessageModel *problemsModel() const { return m_problemModel; }

signals:
    void dirtyChanged(bool dirty);
    void titleChanged(const QString &title);
    void validated(int errors, int warnings);
    void draftSaved();
    void reviewRequested(); // Ctrl+Enter

private:
    static Result<md::istio::Value> parseObject(const QString &text);
    void applyText(const QString &text);
    void setYamlText(const QString &text);
    void onYamlChanged();
    void onFormEdited();
    void onTabChanged(int index);
    void scheduleWork();
    void showMessages(QList<md::istio::Message> messages, int parseErrorLine);
    void updateStatus();

    EditorServices m_services;
    EditorDocument m_document;
    QString m_text; // the document
    QString m_cleanText; // as opened or last applied
    QString m_lastTitle;
    bool m_updating = false; // a view is being updated from the text
    bool m_yamlStale = false;
    bool m_formStale = false;
    bool m_lastDirty = false;

    QUndoStack *m_undo = nullptr;
    QTabWidget *m_tabs = nullptr;
    PolicyForm *m_form = nullptr; // may be null
    QWidget *m_formPage = nullptr;
    YamlEditor *m_yaml = nullptr;
    QTableView *m_problems = nullptr;
    md::MessageModel *m_problemModel = nullptr;
    QLabel *m_status = nullptr;
    QSplitter *m_splitter = nullptr;

    // While opening: the text read for the form on a worker thread.
    QFuture<std::optional<Result<md::istio::Value>>> m_firstParse;
    QString m_firstParseText;

    QTimer m_validateTimer;
    QTimer m_draftTimer;
    quint64 m_generation = 0;
    bool m_validating = false;
    QList<md::istio::Message> m_messages;
    QString m_draftNote;
};

} // namespace md::ui

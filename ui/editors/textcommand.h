#pragma once

// One edit of a policy editor's document, from the form or the YAML view, as the text
// before and after: the views share one QUndoStack of these, so undo and redo cross views.
// A burst of typing in the YAML view (edits less than a second apart) merges into one step.

#include <QElapsedTimer>
#include <QString>
#include <QUndoCommand>

#include <functional>

namespace md::ui {

class TextCommand final : public QUndoCommand
{
public:
    enum class Source { Form, Yaml, Other };
    // `apply` puts a text into the editor (both views); the first redo() is skipped when
    // the change is already shown (the user made it in a view).
    using Apply = std::function<void(const QString &text, Source source)>;

    TextCommand(QString before, QString after, Source source, Apply apply, bool alreadyShown,
                const QString &title);

    void undo() override;
    void redo() override;
    int id() const override { return 0x6d64; }
    bool mergeWith(const QUndoCommand *other) override;

    const QString &before() const { return m_before; }
    const QString &after() const { return m_after; }
    Source source() const { return m_source; }

private:
    QString m_before;
    QString m_after;
    Source m_source;
    Apply m_apply;
    bool m_skipRedo;
    QElapsedTimer m_lastEdit;
};

} // namespace md::ui

#pragma once

// Import YAML…: a file or pasted text with many objects (`---` separated, List kinds
// expanded). Read here; validated together, ordered and applied in one review.

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace md::ui {

class EditorSession;
class YamlEditor;

class ImportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(EditorSession *session, QWidget *parent = nullptr);

    YamlEditor *textEdit() const { return m_text; }
    QLineEdit *namespaceEdit() const { return m_namespace; }
    QLabel *errorLabel() const { return m_error; }

public slots:
    void chooseFile();
    bool loadFile(const QString &path);
    // Reads the text; on success opens the review of every object and closes.
    bool review();

private:
    EditorSession *m_session;
    YamlEditor *m_text;
    QLineEdit *m_namespace;
    QLabel *m_error;
    QString m_source;
};

} // namespace md::ui

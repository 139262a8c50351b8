#pragma once

#include <QList>
#include <QPlainTextEdit>

namespace md::ui {

class YamlHighlighter;

// A plain-text editor for YAML: syntax highlighting, a line-number gutter (with a mark on
// lines that have problems), auto-indent on Enter (one level deeper after "key:" and "- "),
// Tab/Shift+Tab indent with two spaces, closing brackets and quotes typed for you, and
// validation messages underlined (wavy) at their line with the message as tooltip.
class YamlEditor final : public QPlainTextEdit
{
    Q_OBJECT

public:
    // A message to show at a line (1-based); `error` false for warnings.
    struct LineMark
    {
        int line = 0;
        QString text;
        bool error = true;
    };

    explicit YamlEditor(QWidget *parent = nullptr);

    void setMarks(const QList<LineMark> &marks);
    const QList<LineMark> &marks() const { return m_marks; }

    // Moves the cursor to the start of `line` (1-based, clamped), centres it and focuses.
    void goToLine(int line);
    int currentLine() const;
    // Asks for a line number and goes there (Ctrl+G).
    void askGoToLine();

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);
    void updateSelections();
    void newLineWithIndent();
    void indentSelection(bool outdent);
    QString marksAt(int line) const;

    QWidget *m_gutter = nullptr;
    YamlHighlighter *m_highlighter = nullptr;
    QList<LineMark> m_marks;
};

} // namespace md::ui

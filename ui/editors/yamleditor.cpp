#include "editors/yamleditor.h"

#include "editors/yamlhighlighter.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QInputDialog>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QToolTip>

namespace md::ui {

namespace {

constexpr int IndentWidth = 2;

class Gutter final : public QWidget
{
public:
    explicit Gutter(YamlEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    { }
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    YamlEditor *m_editor;
};

int leadingSpaces(const QString &text)
{
    int i = 0;
    while (i < text.size() && text.at(i) == u' ')
        ++i;
    return i;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

YamlEditor::YamlEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
    , m_highlighter(new YamlHighlighter(document()))
{
    setObjectName(QStringLiteral("yamlEditor"));
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(font);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * IndentWidth);
    m_highlighter->setDark(isDark(palette()));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &YamlEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &YamlEditor::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &YamlEditor::updateSelections);
    auto goTo = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), this);
    goTo->setContext(Qt::WidgetShortcut);
    connect(goTo, &QShortcut::activated, this, &YamlEditor::askGoToLine);
    updateGutterWidth();
    updateSelections();
}

void YamlEditor::setMarks(const QList<LineMark> &marks)
{
    m_marks = marks;
    updateSelections();
    m_gutter->update();
}

void YamlEditor::goToLine(int line)
{
    const int count = document()->blockCount();
    const QTextBlock block = document()->findBlockByNumber(std::clamp(line, 1, count) - 1);
    QTextCursor cursor(block);
    const int indent = leadingSpaces(block.text());
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, indent);
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

int YamlEditor::currentLine() const
{
    return textCursor().blockNumber() + 1;
}

void YamlEditor::askGoToLine()
{
    bool ok = false;
    const int line = QInputDialog::getInt(this, tr("Go to Line"),
                                          tr("Line (1-%1):").arg(document()->blockCount()),
                                          currentLine(), 1, document()->blockCount(), 1, &ok);
    if (ok)
        goToLine(line);
}

int YamlEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 14 + fontMetrics().horizontalAdvance(u'9') * std::max(digits, 3);
}

void YamlEditor::updateGutterWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void YamlEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateGutterWidth();
}

void YamlEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void YamlEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setDark(isDark(palette()));
}

void YamlEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    const QPalette pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::Window));
    QHash<int, bool> marked; // line -> has an error
    for (const LineMark &mark : std::as_const(m_marks))
        marked[mark.line] = marked.value(mark.line) || mark.error;

    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int current = currentLine();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            if (marked.contains(number)) {
                painter.fillRect(QRect(0, top, 4, height),
                                 marked.value(number) ? QColor(0xd3, 0x2f, 0x2f)
                                                      : QColor(0xf0, 0xa0, 0x20));
            }
            QColor color = pal.color(QPalette::PlaceholderText);
            if (number == current)
                color = pal.color(QPalette::Text);
            painter.setPen(color);
            painter.drawText(0, top, m_gutter->width() - 6, height, Qt::AlignRight,
                             QString::number(number));
        }
        block = block.next();
        top += height;
        ++number;
    }
}

void YamlEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextEdit::ExtraSelection current;
    QColor line = palette().color(QPalette::Highlight);
    line.setAlpha(28);
    current.format.setBackground(line);
    current.format.setProperty(QTextFormat::FullWidthSelection, true);
    current.cursor = textCursor();
    current.cursor.clearSelection();
    selections << current;
    for (const LineMark &mark : std::as_const(m_marks)) {
        const QTextBlock block = document()->findBlockByNumber(mark.line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(mark.error ? QColor(0xd3, 0x2f, 0x2f)
                                                      : QColor(0xe0, 0x90, 0x10));
        underline.format.setToolTip(mark.text);
        underline.cursor = QTextCursor(block);
        const int indent = leadingSpaces(block.text());
        underline.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, indent);
        underline.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        if (!underline.cursor.hasSelection()) // an empty line: mark its start anyway
            underline.cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor);
        selections << underline;
    }
    setExtraSelections(selections);
    m_gutter->update();
}

QString YamlEditor::marksAt(int line) const
{
    QStringList texts;
    for (const LineMark &mark : m_marks) {
        if (mark.line == line)
            texts << mark.text;
    }
    return texts.join(u'\n');
}

bool YamlEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // Undo/redo belong to the editor's QUndoStack (shared with the form), and
        // Ctrl+Enter to the review: let the window's shortcuts have them.
        auto key = static_cast<QKeyEvent *>(event);
        const QKeyCombination combination = key->keyCombination();
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)
            || ((combination.key() == Qt::Key_Return || combination.key() == Qt::Key_Enter)
                && (combination.keyboardModifiers() & Qt::ControlModifier))) {
            event->ignore();
            return false;
        }
    }
    if (event->type() == QEvent::ToolTip) {
        auto help = static_cast<QHelpEvent *>(event);
        const QPoint inViewport = viewport()->mapFromGlobal(help->globalPos());
        const QString text = viewport()->rect().contains(inViewport)
            ? marksAt(cursorForPosition(inViewport).blockNumber() + 1)
            : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void YamlEditor::newLineWithIndent()
{
    QTextCursor cursor = textCursor();
    const QString line = cursor.block().text();
    const QString before = line.left(cursor.positionInBlock()).trimmed();
    int indent = leadingSpaces(line);
    if (before.startsWith(QLatin1String("- ")) || before == u'-')
        indent += IndentWidth; // continue inside the list item
    if (before.endsWith(u':') || before.endsWith(u'{') || before.endsWith(u'[')
        || before.endsWith(u'|') || before.endsWith(u'>'))
        indent += IndentWidth;
    cursor.beginEditBlock();
    cursor.insertText(QLatin1String("\n") + QString(indent, u' '));
    cursor.endEditBlock();
    setTextCursor(cursor);
}

void YamlEditor::indentSelection(bool outdent)
{
    QTextCursor cursor = textCursor();
    if (!cursor.hasSelection() && !outdent) {
        const int column = cursor.positionInBlock();
        cursor.insertText(QString(IndentWidth - column % IndentWidth, u' '));
        return;
    }
    const int start = document()->findBlock(cursor.selectionStart()).blockNumber();
    const int end = document()->findBlock(cursor.selectionEnd()).blockNumber();
    cursor.beginEditBlock();
    for (int n = start; n <= end; ++n) {
        QTextCursor line(document()->findBlockByNumber(n));
        if (outdent) {
            const int spaces = std::min(IndentWidth, leadingSpaces(line.block().text()));
            line.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, spaces);
            line.removeSelectedText();
        } else {
            line.insertText(QString(IndentWidth, u' '));
        }
    }
    cursor.endEditBlock();
}

void YamlEditor::keyPressEvent(QKeyEvent *event)
{
    const QString text = event->text();
    QTextCursor cursor = textCursor();
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
            event->ignore(); // Ctrl+Enter opens the review
            return;
        }
        newLineWithIndent();
        return;
    case Qt::Key_Tab:
        indentSelection(false);
        return;
    case Qt::Key_Backtab:
        indentSelection(true);
        return;
    case Qt::Key_Backspace: {
        // Removes one indent level in leading spaces.
        const QString before = cursor.block().text().left(cursor.positionInBlock());
        if (!cursor.hasSelection() && !before.isEmpty() && before.trimmed().isEmpty()) {
            const int remove = (before.size() - 1) % IndentWidth + 1;
            cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, remove);
            cursor.removeSelectedText();
            return;
        }
        break;
    }
    default:
        break;
    }
    if (text.size() == 1) {
        static const QHash<QChar, QChar> pairs {
            {u'[', u']'}, {u'{', u'}'}, {u'"', u'"'}, {u'\'', u'\''}};
        const QChar c = text.at(0);
        const QString after = cursor.block().text().mid(cursor.positionInBlock());
        // Typing the closing character that is already there steps over it.
        if ((c == u']' || c == u'}' || c == u'"' || c == u'\'') && after.startsWith(c)
            && !cursor.hasSelection()) {
            cursor.movePosition(QTextCursor::Right);
            setTextCursor(cursor);
            return;
        }
        if (pairs.contains(c) && (after.isEmpty() || after.at(0).isSpace())) {
            const bool quote = c == u'"' || c == u'\'';
            const QString before = cursor.block().text().left(cursor.positionInBlock());
            // No pairing of an apostrophe inside a word ("don't").
            if (!quote || before.isEmpty() || !before.back().isLetterOrNumber()) {
                const QString selected = cursor.selectedText();
                cursor.insertText(c + selected + pairs.value(c));
                cursor.movePosition(QTextCursor::Left);
                setTextCursor(cursor);
                return;
            }
        }
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace md::ui

#include "editors/yamlhighlighter.h"

namespace md::ui {

namespace {

enum BlockState { Plain = 0, BlockScalar = 1 };

bool isNumber(QStringView word)
{
    static const QRegularExpression number(
        QStringLiteral(R"(^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|\.inf|\.nan)$)"));
    return number.match(word).hasMatch();
}

bool isKeyword(QStringView word)
{
    static const QStringList words {QStringLiteral("true"),  QStringLiteral("false"),
                                    QStringLiteral("null"),  QStringLiteral("True"),
                                    QStringLiteral("False"), QStringLiteral("~")};
    return words.contains(word.toString());
}

// Where a comment starts (a '#' at the start or after a space, outside quotes); -1 when none.
int commentStart(const QString &text)
{
    QChar quote;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else if (c == u'\\' && quote == u'"')
                ++i;
            continue;
        }
        if (c == u'"' || c == u'\'')
            quote = c;
        else if (c == u'#' && (i == 0 || text.at(i - 1).isSpace()))
            return i;
    }
    return -1;
}

int indentOf(const QString &text)
{
    int i = 0;
    while (i < text.size() && text.at(i) == u' ')
        ++i;
    return i;
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setDark(false);
}

void YamlHighlighter::setDark(bool dark)
{
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x4d, 0x99));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_comment.setForeground(dark ? QColor(0x6a, 0x99, 0x55) : QColor(0x6a, 0x73, 0x7d));
    m_comment.setFontItalic(true);
    m_anchor.setForeground(dark ? QColor(0xc5, 0x86, 0xc0) : QColor(0x80, 0x00, 0x80));
    m_marker.setForeground(dark ? QColor(0xd7, 0xba, 0x7d) : QColor(0x79, 0x5e, 0x26));
    m_marker.setFontWeight(QFont::Bold);
    rehighlight();
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    // Inside a block scalar: every line indented deeper than its key is text.
    const int previous = previousBlockState();
    if (previous >= BlockScalar && (text.trimmed().isEmpty() || indentOf(text) >= previous)) {
        setFormat(0, text.size(), m_string);
        setCurrentBlockState(text.trimmed().isEmpty() ? previous : previous);
        return;
    }
    setCurrentBlockState(Plain);

    if (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("..."))) {
        setFormat(0, 3, m_marker);
        return;
    }
    const int comment = commentStart(text);
    const QString code = comment >= 0 ? text.left(comment) : text;
    if (comment >= 0)
        setFormat(comment, text.size() - comment, m_comment);

    int pos = indentOf(code);
    while (pos < code.size() && (code.at(pos) == u'-' || code.at(pos) == u' ')
           && (code.at(pos) == u' ' || pos + 1 >= code.size() || code.at(pos + 1) == u' '))
        ++pos;

    // A key: plain or quoted text up to ": " (or ':' at the end).
    static const QRegularExpression key(
        QStringLiteral(R"(^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{\[][^:#]*?)\s*:(\s|$))"));
    const auto keyMatch = key.match(QStringView(code).mid(pos));
    int valueStart = pos;
    if (keyMatch.hasMatch()) {
        setFormat(pos, keyMatch.capturedLength(1), m_key);
        valueStart = pos + keyMatch.capturedLength(0);
    }

    // The value: tokens separated by spaces and flow punctuation.
    static const QRegularExpression token(
        QStringLiteral(R"("(?:[^"\\]|\\.)*"?|'[^']*'?|[&*!][^\s,\[\]{}]*|[^\s,\[\]{}:]+)"));
    auto it = token.globalMatch(QStringView(code).mid(valueStart));
    while (it.hasNext()) {
        const auto m = it.next();
        const int start = valueStart + m.capturedStart();
        const QStringView word = m.capturedView();
        const QChar first = word.at(0);
        if (first == u'"' || first == u'\'')
            setFormat(start, word.size(), m_string);
        else if (first == u'&' || first == u'*' || first == u'!')
            setFormat(start, word.size(), m_anchor);
        else if (isNumber(word) || isKeyword(word))
            setFormat(start, word.size(), m_number);
        else if (word == u"|" || word == u">" || word.startsWith(u"|") || word.startsWith(u">")) {
            setFormat(start, word.size(), m_marker);
            setCurrentBlockState(indentOf(text) + 1);
        }
    }
}

} // namespace md::ui

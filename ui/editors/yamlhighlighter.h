#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace md::ui {

// Highlights YAML line by line: mapping keys, quoted strings, numbers and booleans, comments,
// anchors/aliases/tags and document markers. Block scalars (`|`, `>`) are shown as strings.
class YamlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit YamlHighlighter(QTextDocument *document);

    // Picks colours readable on the palette's base colour (light or dark).
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key, m_string, m_number, m_comment, m_anchor, m_marker;
};

} // namespace md::ui

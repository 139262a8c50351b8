#include "editors/yamlpaths.h"

#include <QRegularExpression>

namespace md::ui {

namespace {

struct Step
{
    QString key; // a member, or empty for an index
    int index = -1;
    QString name; // [name=x]
};

QList<Step> parsePath(const QString &path)
{
    QList<Step> steps;
    static const QRegularExpression part(QStringLiteral(R"(([^.\[\]]+)|\[([^\]]*)\])"));
    auto it = part.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            steps.append({m.captured(1), -1, {}});
        } else {
            const QString inside = m.captured(2);
            bool ok = false;
            const int index = inside.toInt(&ok);
            if (ok)
                steps.append({{}, index, {}});
            else if (inside.startsWith(QLatin1String("name=")))
                steps.append({{}, -1, inside.mid(5)});
            else // a map key with dots ("metadata.labels[app.kubernetes.io/name]")
                steps.append({inside, -1, {}});
        }
    }
    return steps;
}

struct Line
{
    int indent = 0; // of its first character
    int content = 0; // where the key/value starts, after "- " markers
    bool item = false; // starts with "- "
    QString text; // from `content` on
    bool blank = true;
};

QString unquote(QString key)
{
    key = key.trimmed();
    if (key.size() >= 2 && (key.front() == u'"' || key.front() == u'\'')
        && key.back() == key.front())
        return key.mid(1, key.size() - 2);
    return key;
}

// The key of "key: value" (or "key:"), else an empty string.
QString keyOf(const QString &text)
{
    static const QRegularExpression key(
        QStringLiteral(R"(^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{\[][^#]*?)\s*:(\s|$))"));
    const auto m = key.match(text);
    return m.hasMatch() ? unquote(m.captured(1)) : QString();
}

} // namespace

int lineOfParseError(const QString &message)
{
    static const QRegularExpression line(QStringLiteral(R"(\bline (\d+))"));
    const auto m = line.match(message);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

int lineOfPath(const QString &yaml, const QString &path)
{
    const QStringList texts = yaml.split(u'\n');
    QList<Line> lines;
    lines.reserve(texts.size());
    for (const QString &raw : texts) {
        Line line;
        int i = 0;
        while (i < raw.size() && raw.at(i) == u' ')
            ++i;
        line.indent = i;
        line.blank
            = i >= raw.size() || raw.at(i) == u'#' || raw.mid(i).startsWith(QLatin1String("---"));
        if (!line.blank && raw.at(i) == u'-' && (i + 1 == raw.size() || raw.at(i + 1) == u' ')) {
            line.item = true;
            i += 1;
            while (i < raw.size() && raw.at(i) == u' ')
                ++i;
        }
        line.content = i;
        line.text = raw.mid(i);
        lines.append(line);
    }

    // The block being searched: lines [begin, end), whose members are at `column`.
    int begin = 0;
    int end = lines.size();
    int column = -1; // unknown: the first non-blank line's
    int found = 0; // 0-based line of the deepest match, -1 none
    bool any = false;
    for (const Step &step : parsePath(path)) {
        int match = -1;
        if (!step.key.isEmpty()) {
            for (int n = begin; n < end; ++n) {
                const Line &line = lines.at(n);
                if (line.blank)
                    continue;
                if (column < 0)
                    column = line.content;
                if (line.content != column && !(line.item && line.content == column))
                    continue;
                if (keyOf(line.text) == step.key) {
                    match = n;
                    break;
                }
            }
        } else {
            // List items: "- " lines at the block's indent (YAML allows the items at the
            // parent key's indent, or deeper).
            int seen = -1;
            int itemIndent = -1;
            for (int n = begin; n < end; ++n) {
                const Line &line = lines.at(n);
                if (line.blank || !line.item)
                    continue;
                if (itemIndent < 0)
                    itemIndent = line.indent;
                if (line.indent != itemIndent)
                    continue;
                ++seen;
                bool hit = step.index >= 0 && seen == step.index;
                if (!hit && !step.name.isEmpty()) {
                    // The item whose "name:" is the one asked for.
                    int last = n + 1;
                    while (last < end
                           && (lines.at(last).blank || lines.at(last).indent > itemIndent))
                        ++last;
                    for (int k = n; k < last && !hit; ++k) {
                        const QString text = k == n ? lines.at(k).text : lines.at(k).text;
                        const int content = lines.at(k).content;
                        if (content == line.content && keyOf(text) == QLatin1String("name")) {
                            hit = unquote(text.section(u':', 1)).trimmed() == step.name;
                        }
                    }
                }
                if (hit) {
                    match = n;
                    break;
                }
            }
        }
        if (match < 0)
            break;
        any = true;
        found = match;
        const Line &line = lines.at(match);
        // The new block: what follows on deeper lines; for a list item its members start
        // on the item's own line at `content`.
        if (step.key.isEmpty()) {
            begin = match;
            column = line.content;
        } else {
            begin = match + 1;
            column = -1;
            // "- key: value" inside an item: members of that value are deeper than `content`.
        }
        int stop = match + 1;
        const int parentIndent = step.key.isEmpty() ? line.indent : line.content;
        while (stop < lines.size()
               && (lines.at(stop).blank || lines.at(stop).indent > parentIndent
                   || (!step.key.isEmpty() && lines.at(stop).item
                       && lines.at(stop).indent == parentIndent)))
            ++stop;
        end = stop;
        if (!step.key.isEmpty() && begin < end) {
            // The members of a mapping value are deeper than the key; a list value may sit
            // at the key's own indent.
        }
    }
    return any ? found + 1 : 1;
}

} // namespace md::ui

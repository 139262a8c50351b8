#include "apply/textdiff.h"

#include "istio/document.h"

#include <dtl/dtl.hpp>

#include <QCryptographicHash>

#include <algorithm>
#include <string>
#include <vector>

namespace md::apply {

namespace {

QStringList splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n')))
        lines.removeLast(); // a final line break ends the last line, it starts none
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

} // namespace

TextDiff diffText(const QString &before, const QString &after)
{
    const QStringList a = splitLines(before);
    const QStringList b = splitLines(after);
    TextDiff diff;
    // dtl compares elements with ==; QString works as is.
    const std::vector<QString> va(a.cbegin(), a.cend());
    const std::vector<QString> vb(b.cbegin(), b.cend());
    dtl::Diff<QString, std::vector<QString>> d(va, vb);
    d.onHuge();
    d.compose();
    for (const auto &[text, info] : d.getSes().getSequence()) {
        DiffLine line;
        line.text = text;
        switch (info.type) {
        case dtl::SES_COMMON:
            line.op = DiffLine::Op::Common;
            line.oldLine = int(info.beforeIdx);
            line.newLine = int(info.afterIdx);
            break;
        case dtl::SES_DELETE:
            line.op = DiffLine::Op::Removed;
            line.oldLine = int(info.beforeIdx);
            ++diff.removed;
            break;
        default:
            line.op = DiffLine::Op::Added;
            line.newLine = int(info.afterIdx);
            ++diff.added;
            break;
        }
        diff.lines.append(line);
    }
    // dtl may interleave a change's additions and removals: as diff -u, removals come first
    // within each run of changes (the order inside each side is kept).
    for (qsizetype i = 0; i < diff.lines.size();) {
        if (diff.lines.at(i).op == DiffLine::Op::Common) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < diff.lines.size() && diff.lines.at(end).op != DiffLine::Op::Common)
            ++end;
        std::stable_partition(diff.lines.begin() + i, diff.lines.begin() + end,
                              [](const DiffLine &l) { return l.op == DiffLine::Op::Removed; });
        i = end;
    }
    return diff;
}

QList<DiffRow> TextDiff::rows() const
{
    QList<DiffRow> rows;
    rows.reserve(lines.size());
    qsizetype i = 0;
    while (i < lines.size()) {
        const DiffLine &line = lines.at(i);
        if (line.op == DiffLine::Op::Common) {
            rows.append(
                DiffRow {DiffRow::Kind::Same, line.oldLine, line.text, line.newLine, line.text});
            ++i;
            continue;
        }
        // A block of changes: the removed lines face the added ones, row by row.
        QList<const DiffLine *> removedLines, addedLines;
        while (i < lines.size() && lines.at(i).op != DiffLine::Op::Common) {
            (lines.at(i).op == DiffLine::Op::Removed ? removedLines : addedLines)
                .append(&lines.at(i));
            ++i;
        }
        const qsizetype n = std::max(removedLines.size(), addedLines.size());
        for (qsizetype k = 0; k < n; ++k) {
            DiffRow row;
            const DiffLine *l = k < removedLines.size() ? removedLines.at(k) : nullptr;
            const DiffLine *r = k < addedLines.size() ? addedLines.at(k) : nullptr;
            row.kind = l && r ? DiffRow::Kind::Changed
                : l           ? DiffRow::Kind::Removed
                              : DiffRow::Kind::Added;
            if (l) {
                row.leftLine = l->oldLine;
                row.left = l->text;
            }
            if (r) {
                row.rightLine = r->newLine;
                row.right = r->text;
            }
            rows.append(row);
        }
    }
    return rows;
}

QList<DiffHunk> TextDiff::hunks(int context) const
{
    context = std::max(context, 0);
    QList<DiffHunk> result;
    const qsizetype n = lines.size();
    qsizetype i = 0;
    while (i < n) {
        if (lines.at(i).op == DiffLine::Op::Common) {
            ++i;
            continue;
        }
        // A change at i: the hunk starts `context` lines before and runs until a stretch of
        // more than 2 * context unchanged lines (or the end).
        const qsizetype start = std::max<qsizetype>(0, i - context);
        qsizetype end = i; // one past the last change seen
        qsizetype j = i;
        while (j < n) {
            if (lines.at(j).op != DiffLine::Op::Common) {
                end = j + 1;
                ++j;
                continue;
            }
            if (j - end >= 2 * context)
                break;
            ++j;
        }
        const qsizetype stop = std::min(n, end + context);
        DiffHunk hunk;
        int oldNext = 1, newNext = 1; // line numbers for a hunk of only additions/removals
        for (qsizetype k = start - 1; k >= 0; --k) {
            const DiffLine &l = lines.at(k);
            if (l.oldLine > 0 && oldNext == 1)
                oldNext = l.oldLine + 1;
            if (l.newLine > 0 && newNext == 1)
                newNext = l.newLine + 1;
            if (oldNext > 1 && newNext > 1)
                break;
        }
        for (qsizetype k = start; k < stop; ++k) {
            const DiffLine &l = lines.at(k);
            hunk.lines.append(l);
            if (l.op != DiffLine::Op::Added) {
                if (hunk.oldCount++ == 0)
                    hunk.oldStart = l.oldLine;
            }
            if (l.op != DiffLine::Op::Removed) {
                if (hunk.newCount++ == 0)
                    hunk.newStart = l.newLine;
            }
        }
        // As diff -u: an empty side starts at the line before the hunk (0 at the start).
        if (hunk.oldCount == 0)
            hunk.oldStart = oldNext - 1;
        if (hunk.newCount == 0)
            hunk.newStart = newNext - 1;
        result.append(hunk);
        i = stop;
    }
    return result;
}

QString TextDiff::unified(const QString &oldName, const QString &newName, int context) const
{
    if (isEmpty())
        return {};
    QString out
        = QStringLiteral("--- ") + oldName + QStringLiteral("\n+++ ") + newName + QLatin1Char('\n');
    for (const DiffHunk &h : hunks(context)) {
        out += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n")
                   .arg(h.oldStart)
                   .arg(h.oldCount)
                   .arg(h.newStart)
                   .arg(h.newCount);
        for (const DiffLine &l : h.lines) {
            out += l.op == DiffLine::Op::Common ? QLatin1Char(' ')
                : l.op == DiffLine::Op::Removed ? QLatin1Char('-')
                                                : QLatin1Char('+');
            out += l.text + QLatin1Char('\n');
        }
    }
    return out;
}

QString reviewYaml(const md::istio::Value &object)
{
    if (object.isNull())
        return {};
    md::istio::Value copy = object;
    copy.remove(QStringLiteral("status"));
    // A Secret's values are never shown: each is replaced by its size and a short digest, so
    // that a review still shows which keys change.
    if (copy.value(QStringLiteral("kind")).toString() == QLatin1String("Secret")) {
        for (const char *section : {"data", "stringData"}) {
            md::istio::Value *data = copy.find(QLatin1String(section));
            for (qsizetype i = 0; data && data->isObject() && i < data->size(); ++i) {
                QByteArray bytes = data->valueAt(i).toString().toUtf8();
                if (qstrcmp(section, "data") == 0)
                    bytes = QByteArray::fromBase64(bytes);
                const QByteArray digest
                    = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(8);
                data->valueAt(i) = md::istio::Value(QStringLiteral("<hidden: %1 bytes, sha256 %2…>")
                                                        .arg(bytes.size())
                                                        .arg(QString::fromLatin1(digest)));
            }
        }
    }
    if (md::istio::Value *metadata = copy.find(QStringLiteral("metadata"))) {
        for (const char *key : {"managedFields", "uid", "resourceVersion", "generation",
                                "creationTimestamp", "selfLink"})
            metadata->remove(QLatin1String(key));
        if (md::istio::Value *annotations = metadata->find(QStringLiteral("annotations"))) {
            annotations->remove(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"));
            if (annotations->isEmpty())
                metadata->remove(QStringLiteral("annotations"));
        }
    }
    return QString::fromUtf8(md::istio::toYaml(copy));
}

TextDiff diffObjects(const md::istio::Value &before, const md::istio::Value &after)
{
    return diffText(reviewYaml(before), reviewYaml(after));
}

} // namespace md::apply

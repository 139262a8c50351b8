#pragma once

// Line diff of two texts (usually the YAML of the live and the edited object) for the review
// view, computed with Debian's dtl (libdtl-dev, header-only; an O(ND) shortest edit script).
// Pure functions, safe on any thread.

#include "istio/value.h"

#include <QList>
#include <QString>

namespace md::apply {

struct DiffLine
{
    enum class Op : quint8 { Common, Removed, Added };
    Op op = Op::Common;
    QString text; // without the line break
    int oldLine = 0; // 1-based line in the old text; 0 for added lines
    int newLine = 0; // 1-based line in the new text; 0 for removed lines

    bool operator==(const DiffLine &) const = default;
};

// One row of a side-by-side view: a removed line and the added line that replaces it share
// a row (Changed); unmatched ones leave the other side empty (line 0).
struct DiffRow
{
    enum class Kind : quint8 { Same, Changed, Removed, Added };
    Kind kind = Kind::Same;
    int leftLine = 0; // 1-based, 0 = empty cell
    QString left;
    int rightLine = 0;
    QString right;

    bool operator==(const DiffRow &) const = default;
};

// A run of changes with `context` unchanged lines around it, as in a unified diff.
struct DiffHunk
{
    int oldStart = 0; // 1-based
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
    QList<DiffLine> lines;
};

struct TextDiff
{
    QList<DiffLine> lines; // the whole edit script, in order
    int added = 0;
    int removed = 0;

    bool isEmpty() const { return added == 0 && removed == 0; } // texts equal
    QList<DiffRow> rows() const; // every line, side by side
    QList<DiffHunk> hunks(int context = 3) const;
    // "--- a\n+++ b\n@@ -1,3 +1,4 @@\n ..." (no trailing text when the texts are equal).
    QString unified(const QString &oldName, const QString &newName, int context = 3) const;
};

TextDiff diffText(const QString &before, const QString &after);

// The YAML of both objects, with what the server manages and a reviewer does not edit left
// out (metadata.managedFields, uid, resourceVersion, generation, creationTimestamp, status):
// what the review shows. A null value is an empty text (a created or deleted object).
QString reviewYaml(const md::istio::Value &object);
TextDiff diffObjects(const md::istio::Value &before, const md::istio::Value &after);

} // namespace md::apply

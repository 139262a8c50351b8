#pragma once

// Where a field path ("spec.http[0].route[1].weight") sits in a YAML text, for showing
// validation messages at their line. Works on block-style YAML as MeshDesk and kubectl
// write it; for flow style or a path that is not there, the line of the deepest part of the
// path that was found. Pure; any thread.

#include <QString>
#include <QStringList>

namespace md::ui {

// 1-based line of `path` in `yaml` (a single document); 1 when nothing of it is found.
int lineOfPath(const QString &yaml, const QString &path);

// The 1-based line of a parse error message ("...: document 1, line 7, column 3: ..."); 0
// when the message names none.
int lineOfParseError(const QString &message);

} // namespace md::ui

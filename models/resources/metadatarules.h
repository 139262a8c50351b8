#pragma once

// The rules the Kubernetes API server applies to labels and annotations (apimachinery's
// ValidateLabels / ValidateAnnotations): keys are qualified names ("[prefix/]name", the
// prefix a DNS subdomain of at most 253 characters, the name at most 63 alphanumerics, '-',
// '_' or '.' starting and ending with an alphanumeric); label values are empty or such a
// name of at most 63 characters; all annotations together at most 256 KiB.

#include "core/result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <utility>

namespace md::resources {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::resources)
};

using KeyValues = QList<std::pair<QString, QString>>;

// `what` names the key in messages ("Label key", "Annotation key").
Result<void> checkQualifiedName(const QString &key, const QString &what);
Result<void> checkLabelValue(const QString &key, const QString &value);
// Every key and value, duplicates; the error names the first problem and where it is
// ("metadata.labels[app]").
Result<void> checkLabels(const KeyValues &labels);
Result<void> checkAnnotations(const KeyValues &annotations);

constexpr qsizetype MaxAnnotationBytes = 256 * 1024;

} // namespace md::resources

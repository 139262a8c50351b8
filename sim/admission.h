#pragma once

// What the API server checks before it stores an object: metadata names and labels,
// and, for custom resources, the CRD's structural schema (through md::schema), with
// unknown fields rejected (Strict), reported (Warn) or silently pruned (Ignore).

#include "apierror.h"
#include "core/result.h"
#include "registry.h"

#include <QJsonObject>
#include <QStringList>

namespace md::sim {

enum class FieldValidation { Ignore, Warn, Strict };

// Validates and prunes `object` (in `version` of `type`). Warnings (Warn) are appended
// to `warnings`.
Result<QJsonObject, ApiError> admit(const ResourceType &type, const QString &version,
                                    const QJsonObject &object, FieldValidation validation,
                                    QStringList *warnings);

// Metadata checks shared by every kind (name format, labels).
QList<StatusCause> validateMetadata(const ResourceType &type, const QJsonObject &object);

} // namespace md::sim

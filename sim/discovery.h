#pragma once

// Discovery documents (legacy, unaggregated) and the OpenAPI v3 documents kubectl reads
// before `apply` (to learn that PATCH supports fieldValidation).

#include "registry.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace md::sim {

QJsonObject versionInfo();
QJsonObject coreApiVersions(const QString &serverAddress);
QJsonObject apiGroupList(const Registry &registry);
std::optional<QJsonObject> apiGroup(const Registry &registry, const QString &group);
std::optional<QJsonObject> apiResourceList(const Registry &registry, const QString &group,
                                           const QString &version);

// /openapi/v3: one entry per group-version, each with a content hash.
QJsonObject openApiIndex(const Registry &registry);
// /openapi/v3/api/v1 or /openapi/v3/apis/GROUP/VERSION ("api/v1", "apis/G/V").
std::optional<QJsonObject> openApiDocument(const Registry &registry,
                                           const QString &groupVersionPath);

} // namespace md::sim

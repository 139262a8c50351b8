#pragma once

// Server-side printing: the meta.k8s.io Table kubectl asks for
// (Accept: application/json;as=Table;v=v1;g=meta.k8s.io), with the columns kubectl shows
// for built-in kinds and a CRD's additionalPrinterColumns for custom resources.

#include "registry.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace md::sim {

// The Table version asked for in an Accept header ("v1" or "v1beta1"), if any.
std::optional<QString> acceptedTableVersion(const QByteArray &accept);

enum class IncludeObject { None, Metadata, Object };
IncludeObject includeObjectFrom(const QString &query);

QJsonObject makeTable(const ResourceType &type, const QString &tableVersion,
                      const QList<QJsonObject> &objects, IncludeObject include,
                      const QJsonObject &listMetadata = {});

// kubectl's human-readable durations: 45s, 3m20s, 5h, 3d4h, 2y10d.
QString humanDuration(qint64 seconds);

} // namespace md::sim

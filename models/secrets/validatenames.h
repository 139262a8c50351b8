#pragma once

// Kubernetes' rules for names, labels and resource quantities, as the API server applies
// them, so that forms can name the field before anything is sent. Errors say what is wrong
// with the value (the caller sets Error::where to the field).

#include "core/result.h"

#include <QString>

namespace md::secrets {

// RFC 1123 label: at most 63 lower-case letters, digits and '-', starting and ending with an
// alphanumeric character (namespaces, Service names).
Result<void> validateLabel(const QString &value);
// RFC 1123 subdomain: at most 253 characters, labels as above joined by '.' (most names).
Result<void> validateSubdomain(const QString &value);
// A label or annotation key: optional DNS subdomain prefix and '/', then a name of at most
// 63 alphanumeric characters, '-', '_' or '.', starting and ending alphanumeric.
Result<void> validateLabelKey(const QString &key);
// A label value: empty, or at most 63 characters as the name part of a key.
Result<void> validateLabelValue(const QString &value);
// A resource quantity: "100m", "1.5", "128Mi", "2G", "1e3" (Kubernetes' quantity grammar).
Result<void> validateQuantity(const QString &value);
// A quantity's value in base units (cores, bytes); nullopt when it is not a quantity.
std::optional<double> quantityValue(const QString &value);
// A port number 1-65535.
Result<void> validatePort(int port);

} // namespace md::secrets

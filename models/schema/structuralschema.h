#pragma once

// Validation of JSON values against a CRD's openAPIV3Schema, as the Kubernetes API server
// does for custom resources: types (incl. int-or-string, preserve-unknown-fields), enum,
// required, minimum/maximum (exclusive too), minLength/maxLength, minItems/maxItems,
// pattern, format (where the API server checks it), oneOf/anyOf/allOf/not used as
// structural constraints, and unknown fields (pruned, or reported for Strict validation).
// CEL rules (x-kubernetes-validations) are not evaluated here.

#include "core/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

namespace md::schema {

struct Violation
{
    enum class Kind {
        Type, // "spec.hosts: Invalid value: \"string\": spec.hosts in body must be of type array"
        Enum, // Unsupported value
        Required, // Required value
        Range, // minimum / maximum / length / items
        Pattern,
        Format,
        UnknownField, // only reported by validate() when asked (Strict)
        Invalid // oneOf/anyOf/not and anything else
    };
    Kind kind = Kind::Invalid;
    QString path; // field path as the API server prints it: "spec.http[0].route[1].weight"
    QString message; // human text, without the path
    QString expectedType; // Kind::Type: the type the schema wants ("string", "integer,string")
};

class StructuralSchema
{
public:
    static Result<std::shared_ptr<const StructuralSchema>>
    fromJson(const QJsonObject &openAPIV3Schema);
    ~StructuralSchema();

    // Validates `value` (a whole object, incl. apiVersion/kind/metadata) and returns every
    // violation. When reportUnknown is true, fields the schema does not know are reported
    // as UnknownField (fieldValidation=Strict/Warn); metadata is never reported.
    QList<Violation> validate(const QJsonValue &value, bool reportUnknown = false) const;

    // Drops fields the schema does not know (honouring x-kubernetes-preserve-unknown-fields),
    // as the API server prunes them on write. Paths of the dropped fields go to `pruned`.
    QJsonValue prune(const QJsonValue &value, QStringList *pruned = nullptr) const;

    struct Node;
    const Node &root() const;

private:
    StructuralSchema();
    std::unique_ptr<Node> m_root;
};

} // namespace md::schema

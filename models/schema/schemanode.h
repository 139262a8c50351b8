#pragma once

// The compiled form of an openAPIV3Schema node (StructuralSchema::Node). Built once per CRD
// version; validation, pruning and editor completion walk this tree instead of the JSON.

#include "schema/structuralschema.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace md::schema {

struct StructuralSchema::Node
{
    enum class Type : quint8 { Any, Object, Array, String, Integer, Number, Boolean };
    enum class Format : quint8 { None, Int32, Int64, Float, Double, DateTime, Date, Byte, Other };
    enum class ListType : quint8 { Atomic, Set, Map };

    Type type = Type::Any; // Any: no `type` (value-validation branches, int-or-string)
    Format format = Format::None;
    ListType listType = ListType::Atomic;
    bool nullable = false;
    bool intOrString = false; // x-kubernetes-int-or-string
    bool preserveUnknown = false; // x-kubernetes-preserve-unknown-fields
    bool embeddedResource = false; // x-kubernetes-embedded-resource
    bool uniqueItems = false;
    bool exclusiveMinimum = false;
    bool exclusiveMaximum = false;
    bool additionalPropertiesAllowed = true; // false only for `additionalProperties: false`

    std::optional<double> minimum;
    std::optional<double> maximum;
    std::optional<qint64> minLength;
    std::optional<qint64> maxLength;
    std::optional<qint64> minItems;
    std::optional<qint64> maxItems;
    std::optional<qint64> minProperties;
    std::optional<qint64> maxProperties;

    QString formatName; // as written, e.g. "int32"
    QString description;
    QJsonValue defaultValue; // Undefined when there is none
    QJsonArray enumValues; // empty when there is no enum
    QString pattern; // as written
    std::optional<QRegularExpression> regex; // compiled pattern; unset when it does not compile
    QStringList required;
    QStringList listMapKeys; // x-kubernetes-list-map-keys

    QStringList propertyOrder; // property names in the order the CRD lists them
    QHash<QString, std::shared_ptr<const Node>> properties;
    std::shared_ptr<const Node> additionalProperties; // map values
    std::shared_ptr<const Node> items;

    std::vector<std::shared_ptr<const Node>> allOf;
    std::vector<std::shared_ptr<const Node>> anyOf;
    std::vector<std::shared_ptr<const Node>> oneOf;
    std::shared_ptr<const Node> notSchema;

    // The schema of a child: a property, or the additionalProperties schema; null if unknown.
    const Node *child(const QString &name) const
    {
        const auto it = properties.constFind(name);
        if (it != properties.constEnd())
            return it->get();
        return additionalProperties.get();
    }

    // The schema at a dotted path of property names ("spec.http.route"; arrays are stepped
    // through implicitly, so the path names only properties). Null when there is none.
    const Node *find(const QString &dottedPath) const;

    static QString typeName(Type type);
};

} // namespace md::schema

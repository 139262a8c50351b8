#pragma once

// How the fields of an object are typed for field management: which lists are atomic,
// sets or maps keyed by some of their items' fields, and which maps are atomic. Custom
// resources follow their CRD's structural schema (x-kubernetes-list-type,
// x-kubernetes-list-map-keys, x-kubernetes-map-type); built-in kinds follow the list types
// of Kubernetes' own OpenAPI (containers by name, ports by containerPort and protocol, ...).

#include "schema/structuralschema.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace md::sim {

struct ResourceType;

class FieldType
{
public:
    enum class List { Atomic, Set, Map };

    FieldType() = default;
    static FieldType of(const ResourceType &type, const QString &version);

    FieldType field(const QString &name) const;
    FieldType item() const;

    List listKind() const;
    QStringList listKeys() const; // for List::Map
    bool atomicMap() const; // a map owned and replaced as a whole
    // A map that a Go struct always carries (spec, template, ...): a write never adds it.
    bool alwaysPresent() const;

    // The path element of a list item ("k:{...}", "v:..."), or nothing when the item cannot
    // be keyed (the list is then treated as atomic).
    std::optional<QString> itemElement(const QJsonValue &item) const;

private:
    const schema::StructuralSchema::Node *m_node = nullptr; // custom resources
    bool m_custom = false;
    bool m_builtinPart = true; // metadata of a custom resource is typed as built-in
    QString m_kind;
    QStringList m_path; // field names from the root; "[]" steps into list items
};

} // namespace md::sim

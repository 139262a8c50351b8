#include "fieldtype.h"

#include "registry.h"
#include "schema/schemanode.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

using Node = schema::StructuralSchema::Node;

struct BuiltinList
{
    FieldType::List kind = FieldType::List::Atomic;
    QStringList keys;
};

// The list types of the built-in kinds' fields that are not atomic.
BuiltinList builtinList(const QString &kind, const QStringList &path)
{
    if (path.isEmpty())
        return {};
    const QString name = path.last();
    const QString parent = path.size() >= 3 ? path[path.size() - 3] : QString();
    if (path.size() == 2 && path[0] == u"metadata"_s) {
        if (name == u"finalizers"_s)
            return {FieldType::List::Set, {}};
        if (name == u"ownerReferences"_s)
            return {FieldType::List::Map, {u"uid"_s}};
        return {};
    }
    if (name == u"containers"_s || name == u"initContainers"_s || name == u"ephemeralContainers"_s
        || name == u"env"_s || name == u"volumes"_s || name == u"imagePullSecrets"_s
        || name == u"resourceClaims"_s)
        return {FieldType::List::Map, {u"name"_s}};
    if (name == u"volumeMounts"_s)
        return {FieldType::List::Map, {u"mountPath"_s}};
    if (name == u"volumeDevices"_s)
        return {FieldType::List::Map, {u"devicePath"_s}};
    if (name == u"hostAliases"_s)
        return {FieldType::List::Map, {u"ip"_s}};
    if (name == u"topologySpreadConstraints"_s)
        return {FieldType::List::Map, {u"topologyKey"_s, u"whenUnsatisfiable"_s}};
    if (name == u"ports"_s
        && (parent == u"containers"_s || parent == u"initContainers"_s
            || parent == u"ephemeralContainers"_s))
        return {FieldType::List::Map, {u"containerPort"_s, u"protocol"_s}};
    if (name == u"ports"_s && kind == u"Service"_s && path.size() == 2)
        return {FieldType::List::Map, {u"port"_s, u"protocol"_s}};
    if (name == u"conditions"_s && path.size() == 2 && path[0] == u"status"_s)
        return {FieldType::List::Map, {u"type"_s}};
    if (name == u"secrets"_s && kind == u"ServiceAccount"_s && path.size() == 1)
        return {FieldType::List::Map, {u"name"_s}};
    return {};
}

} // namespace

FieldType FieldType::of(const ResourceType &type, const QString &version)
{
    FieldType t;
    t.m_kind = type.kind;
    t.m_custom = type.custom;
    t.m_builtinPart = !type.custom;
    if (type.custom) {
        const auto schema = type.schemas.value(version);
        t.m_node = schema ? &schema->root() : nullptr;
    }
    return t;
}

FieldType FieldType::field(const QString &name) const
{
    FieldType t = *this;
    t.m_path << name;
    if (m_custom && m_path.isEmpty())
        t.m_builtinPart = name == u"metadata"_s;
    t.m_node = m_node ? m_node->child(name) : nullptr;
    return t;
}

FieldType FieldType::item() const
{
    FieldType t = *this;
    t.m_path << u"[]"_s;
    t.m_node = m_node ? m_node->items.get() : nullptr;
    return t;
}

FieldType::List FieldType::listKind() const
{
    if (!m_builtinPart) {
        if (!m_node)
            return List::Atomic;
        switch (m_node->listType) {
        case Node::ListType::Set:
            return List::Set;
        case Node::ListType::Map:
            return m_node->listMapKeys.isEmpty() ? List::Atomic : List::Map;
        default:
            return List::Atomic;
        }
    }
    return builtinList(m_kind, m_path).kind;
}

QStringList FieldType::listKeys() const
{
    if (!m_builtinPart)
        return m_node ? m_node->listMapKeys : QStringList {};
    return builtinList(m_kind, m_path).keys;
}

bool FieldType::atomicMap() const
{
    if (!m_builtinPart)
        return false;
    // LabelSelector and Service.spec.selector are x-kubernetes-map-type: atomic.
    return !m_path.isEmpty() && m_path.last() == u"selector"_s && m_path.size() == 2
        && m_path.first() == u"spec"_s;
}

bool FieldType::alwaysPresent() const
{
    if (m_path.size() == 1 && m_path.first() == u"metadata"_s)
        return true;
    if (!m_builtinPart || m_path.isEmpty())
        return false;
    static const QStringList structs
        = {u"spec"_s,     u"status"_s,         u"template"_s, u"metadata"_s,
           u"strategy"_s, u"updateStrategy"_s, u"resources"_s};
    return structs.contains(m_path.last());
}

std::optional<QString> FieldType::itemElement(const QJsonValue &item) const
{
    const List kind = listKind();
    if (kind == List::Set) {
        if (item.isObject() || item.isArray())
            return std::nullopt;
        const QByteArray json = QJsonDocument(QJsonArray {item}).toJson(QJsonDocument::Compact);
        return u"v:"_s + QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    if (kind != List::Map || !item.isObject())
        return std::nullopt;
    const QJsonObject o = item.toObject();
    QJsonObject keys;
    for (const QString &k : listKeys()) {
        QJsonValue v = o.value(k);
        if (v.isUndefined() && k == u"protocol"_s && m_builtinPart)
            v = u"TCP"_s; // the defaulted key of ports
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        keys.insert(k, v);
    }
    return u"k:"_s + QString::fromUtf8(QJsonDocument(keys).toJson(QJsonDocument::Compact));
}

} // namespace md::sim

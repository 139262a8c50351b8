#pragma once

// Sets of field paths as the API server's field management keeps them (FieldsV1): a tree
// of path elements, "f:<field>" for a field of a map, "k:{...}" for an item of a map-typed
// list (by its keys), "v:<json>" for an item of a set and "i:<n>" for an index. A node is a
// member when the field itself is owned ("." in FieldsV1 when it also has children).

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <map>

namespace md::sim {

using FieldPath = QStringList; // path elements: {"f:spec", "f:http"}

struct FieldSet
{
    std::map<QString, FieldSet> children;
    bool member = false;

    bool isEmpty() const { return !member && children.empty(); }
    bool operator==(const FieldSet &other) const
    {
        return member == other.member && children == other.children;
    }

    void insert(const FieldPath &path);
    bool contains(const FieldPath &path) const;
    // The node at `path`, or null.
    const FieldSet *at(const FieldPath &path) const;
    // True when a member lies strictly below `path`.
    bool hasMemberBelow(const FieldPath &path) const;
    // True when a member on the way to `path` (or `path` itself) has no children: it is
    // owned as a whole, with everything below it.
    bool ownsWhole(const FieldPath &path) const;
    QList<FieldPath> members(const FieldPath &prefix = {}) const;

    void unite(const FieldSet &other);
    // Removes the members of `other` (only those paths themselves).
    void subtract(const FieldSet &other);
    // Removes the members of `other` and everything below them.
    void subtractRecursive(const FieldSet &other);
    FieldSet intersected(const FieldSet &other) const;

    QJsonObject toFieldsV1() const;
    static FieldSet fromFieldsV1(const QJsonObject &fields);

private:
    void prune();
};

// ".spec.template.spec.containers[name=\"app\"].image", as the API server prints paths.
QString fieldPathString(const FieldPath &path);

} // namespace md::sim

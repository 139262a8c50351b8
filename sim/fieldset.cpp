#include "fieldset.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace md::sim {

void FieldSet::insert(const FieldPath &path)
{
    FieldSet *node = this;
    for (const QString &step : path)
        node = &node->children[step];
    node->member = true;
}

const FieldSet *FieldSet::at(const FieldPath &path) const
{
    const FieldSet *node = this;
    for (const QString &step : path) {
        const auto it = node->children.find(step);
        if (it == node->children.end())
            return nullptr;
        node = &it->second;
    }
    return node;
}

bool FieldSet::contains(const FieldPath &path) const
{
    const FieldSet *node = at(path);
    return node && node->member;
}

bool FieldSet::hasMemberBelow(const FieldPath &path) const
{
    const FieldSet *node = at(path);
    if (!node)
        return false;
    for (const auto &c : node->children)
        if (!c.second.isEmpty())
            return true;
    return false;
}

bool FieldSet::ownsWhole(const FieldPath &path) const
{
    const FieldSet *node = this;
    for (const QString &step : path) {
        const auto it = node->children.find(step);
        if (it == node->children.end())
            return false;
        node = &it->second;
        if (node->member && node->children.empty())
            return true;
    }
    return false;
}

QList<FieldPath> FieldSet::members(const FieldPath &prefix) const
{
    QList<FieldPath> out;
    if (member)
        out << prefix;
    for (const auto &c : children)
        out += c.second.members(prefix + FieldPath {c.first});
    return out;
}

void FieldSet::unite(const FieldSet &other)
{
    member |= other.member;
    for (const auto &c : other.children)
        children[c.first].unite(c.second);
}

void FieldSet::subtract(const FieldSet &other)
{
    if (other.member)
        member = false;
    for (const auto &c : other.children) {
        const auto it = children.find(c.first);
        if (it != children.end())
            it->second.subtract(c.second);
    }
    prune();
}

void FieldSet::subtractRecursive(const FieldSet &other)
{
    if (other.member) {
        *this = FieldSet {};
        return;
    }
    for (const auto &c : other.children) {
        const auto it = children.find(c.first);
        if (it != children.end())
            it->second.subtractRecursive(c.second);
    }
    prune();
}

FieldSet FieldSet::intersected(const FieldSet &other) const
{
    FieldSet out;
    out.member = member && other.member;
    for (const auto &c : children) {
        const auto it = other.children.find(c.first);
        if (it == other.children.end())
            continue;
        FieldSet child = c.second.intersected(it->second);
        if (!child.isEmpty())
            out.children[c.first] = std::move(child);
    }
    return out;
}

void FieldSet::prune()
{
    for (auto it = children.begin(); it != children.end();) {
        if (it->second.isEmpty())
            it = children.erase(it);
        else
            ++it;
    }
}

QJsonObject FieldSet::toFieldsV1() const
{
    QJsonObject o;
    if (member && !children.empty())
        o.insert(u"."_s, QJsonObject {});
    for (const auto &c : children)
        o.insert(c.first, c.second.toFieldsV1());
    return o;
}

FieldSet FieldSet::fromFieldsV1(const QJsonObject &fields)
{
    FieldSet set;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.key() == u"."_s) {
            set.member = true;
            continue;
        }
        const QJsonObject sub = it.value().toObject();
        FieldSet child = fromFieldsV1(sub);
        if (sub.isEmpty())
            child.member = true;
        set.children[it.key()] = std::move(child);
    }
    return set;
}

QString fieldPathString(const FieldPath &path)
{
    QString out;
    for (const QString &step : path) {
        const QString rest = step.mid(2);
        if (step.startsWith(u"f:"_s)) {
            out += u'.' + rest;
        } else if (step.startsWith(u"k:"_s)) {
            const QJsonObject keys = QJsonDocument::fromJson(rest.toUtf8()).object();
            QStringList parts;
            for (auto it = keys.begin(); it != keys.end(); ++it) {
                QJsonObject wrap {{u"v"_s, it.value()}};
                QString v = QString::fromUtf8(QJsonDocument(wrap).toJson(QJsonDocument::Compact));
                v = v.mid(5, v.size() - 6); // {"v":...}
                parts << it.key() + u'=' + v;
            }
            out += u'[' + parts.join(u',') + u']';
        } else if (step.startsWith(u"v:"_s)) {
            out += u"[="_s + rest + u']';
        } else if (step.startsWith(u"i:"_s)) {
            out += u'[' + rest + u']';
        } else {
            out += u'.' + step;
        }
    }
    return out;
}

} // namespace md::sim

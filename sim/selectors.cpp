#include "selectors.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

// Splits on commas that are not inside parentheses.
QStringList splitTopLevel(const QString &text)
{
    QStringList parts;
    int depth = 0;
    QString current;
    for (QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            parts << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty() || !parts.isEmpty())
        parts << current.trimmed();
    return parts;
}

bool validLabelKey(const QString &key)
{
    static const QRegularExpression re(
        u"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
        "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"_s);
    return re.match(key).hasMatch() && key.size() <= 316;
}

Unexpected<Error> badSelector(const QString &text, const QString &why)
{
    return unexpected(u"selector"_s, u"unable to parse requirement: "_s + why, text);
}

} // namespace

Result<LabelSelector> LabelSelector::fromObject(const QJsonObject &selector)
{
    LabelSelector result;
    const QJsonObject match = selector.value(u"matchLabels"_s).toObject();
    for (auto it = match.begin(); it != match.end(); ++it)
        result.m_requirements.append(
            {it.key(), LabelRequirement::Op::Equals, {it.value().toString()}});
    for (const QJsonValue &ev : selector.value(u"matchExpressions"_s).toArray()) {
        const QJsonObject e = ev.toObject();
        const QString op = e.value(u"operator"_s).toString();
        LabelRequirement r;
        r.key = e.value(u"key"_s).toString();
        if (op == u"In"_s)
            r.op = LabelRequirement::Op::In;
        else if (op == u"NotIn"_s)
            r.op = LabelRequirement::Op::NotIn;
        else if (op == u"Exists"_s)
            r.op = LabelRequirement::Op::Exists;
        else if (op == u"DoesNotExist"_s)
            r.op = LabelRequirement::Op::DoesNotExist;
        else
            return unexpected(u"selector"_s, u"unknown selector operator \"%1\""_s.arg(op), op);
        for (const QJsonValue &v : e.value(u"values"_s).toArray())
            r.values << v.toString();
        result.m_requirements.append(r);
    }
    return result;
}

Result<LabelSelector> LabelSelector::parse(const QString &text)
{
    LabelSelector selector;
    if (text.trimmed().isEmpty())
        return selector;
    static const QRegularExpression setRe(u"^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$"_s);
    static const QRegularExpression cmpRe(u"^([^!=\\s]+)\\s*(==|!=|=)\\s*(\\S*)$"_s);
    for (const QString &part : splitTopLevel(text)) {
        if (part.isEmpty())
            return badSelector(text, u"found ',', expected: identifier"_s);
        LabelRequirement r;
        if (const auto m = setRe.match(part); m.hasMatch()) {
            r.key = m.captured(1);
            r.op
                = m.captured(2) == u"in"_s ? LabelRequirement::Op::In : LabelRequirement::Op::NotIn;
            for (const QString &v : m.captured(3).split(u','))
                if (!v.trimmed().isEmpty())
                    r.values << v.trimmed();
        } else if (const auto c = cmpRe.match(part); c.hasMatch()) {
            r.key = c.captured(1);
            r.op = c.captured(2) == u"!="_s ? LabelRequirement::Op::NotEquals
                                            : LabelRequirement::Op::Equals;
            r.values = {c.captured(3)};
        } else if (part.startsWith(u'!')) {
            r.key = part.mid(1).trimmed();
            r.op = LabelRequirement::Op::DoesNotExist;
        } else {
            r.key = part;
            r.op = LabelRequirement::Op::Exists;
        }
        if (!validLabelKey(r.key))
            return badSelector(text, u"invalid label key \""_s + r.key + u'"');
        selector.m_requirements << r;
    }
    return selector;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    for (const LabelRequirement &r : m_requirements) {
        const bool has = labels.contains(r.key);
        const QString value = labels.value(r.key).toString();
        switch (r.op) {
        case LabelRequirement::Op::Equals:
            if (!has || value != r.values.value(0))
                return false;
            break;
        case LabelRequirement::Op::NotEquals:
            if (has && value == r.values.value(0))
                return false;
            break;
        case LabelRequirement::Op::In:
            if (!has || !r.values.contains(value))
                return false;
            break;
        case LabelRequirement::Op::NotIn:
            if (has && r.values.contains(value))
                return false;
            break;
        case LabelRequirement::Op::Exists:
            if (!has)
                return false;
            break;
        case LabelRequirement::Op::DoesNotExist:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

Result<FieldSelector> FieldSelector::parse(const QString &text, const QString &kind)
{
    FieldSelector selector;
    if (text.trimmed().isEmpty())
        return selector;
    QStringList supported = {u"metadata.name"_s, u"metadata.namespace"_s};
    if (kind == u"Pod"_s)
        supported << u"spec.nodeName"_s << u"status.phase"_s << u"spec.serviceAccountName"_s;
    if (kind == u"Secret"_s)
        supported << u"type"_s;
    if (kind == u"Event"_s) {
        for (const QString &f : {u"kind"_s, u"namespace"_s, u"name"_s, u"uid"_s, u"apiVersion"_s,
                                 u"resourceVersion"_s, u"fieldPath"_s})
            supported << u"involvedObject."_s + f << u"regarding."_s + f;
        supported << u"reason"_s << u"type"_s << u"source"_s << u"reportingComponent"_s
                  << u"reportingController"_s;
    }
    if (kind == u"ReplicaSet"_s)
        supported << u"status.replicas"_s;
    for (const QString &part : text.split(u',')) {
        FieldRequirement r;
        qsizetype at = part.indexOf(u"!="_s);
        int width = 2;
        if (at >= 0) {
            r.equals = false;
        } else if ((at = part.indexOf(u"=="_s)) < 0) {
            at = part.indexOf(u'=');
            width = 1;
        }
        if (at <= 0)
            return unexpected(u"selector"_s,
                              u"invalid selector: '"_s + text + u"'; can't understand '"_s + part
                                  + u'\'');
        r.field = part.left(at).trimmed();
        r.value = part.mid(at + width).trimmed();
        if (!supported.contains(r.field))
            return unexpected(u"selector"_s, u"field label not supported: "_s + r.field);
        selector.m_requirements << r;
    }
    return selector;
}

bool FieldSelector::matches(const QJsonObject &object) const
{
    for (const FieldRequirement &r : m_requirements) {
        QJsonValue v = object;
        // Event field labels name a field of the other Event version or a nested one.
        QString field = r.field;
        if (field == u"source"_s)
            field = object.contains(u"source"_s) ? u"source.component"_s
                                                 : u"deprecatedSource.component"_s;
        else if (field.startsWith(u"regarding."_s) && object.contains(u"involvedObject"_s))
            field = u"involvedObject."_s + field.mid(10);
        else if (field.startsWith(u"involvedObject."_s) && object.contains(u"regarding"_s))
            field = u"regarding."_s + field.mid(15);
        for (const QString &step : field.split(u'.'))
            v = v.toObject().value(step);
        const QString text = v.isDouble() ? QString::number(v.toInteger()) : v.toString();
        if ((text == r.value) != r.equals)
            return false;
    }
    return true;
}

bool ObjectFilter::matches(const QJsonObject &object) const
{
    if (!labels.isEmpty()
        && !labels.matches(object.value(u"metadata"_s).toObject().value(u"labels"_s).toObject()))
        return false;
    return fields.isEmpty() || fields.matches(object);
}

} // namespace md::sim

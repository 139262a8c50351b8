#pragma once

// labelSelector and fieldSelector as the API server parses them.

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace md::sim {

struct LabelRequirement
{
    enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
    QString key;
    Op op = Op::Exists;
    QStringList values;
};

class LabelSelector
{
public:
    static Result<LabelSelector> parse(const QString &text);
    // The object form (matchLabels, matchExpressions), as webhooks and workloads carry it.
    static Result<LabelSelector> fromObject(const QJsonObject &selector);
    bool matches(const QJsonObject &labels) const;
    bool isEmpty() const { return m_requirements.isEmpty(); }

private:
    QList<LabelRequirement> m_requirements;
};

struct FieldRequirement
{
    QString field;
    bool equals = true;
    QString value;
};

class FieldSelector
{
public:
    // `kind` decides which fields are supported beyond metadata.name/namespace.
    static Result<FieldSelector> parse(const QString &text, const QString &kind);
    bool matches(const QJsonObject &object) const;
    bool isEmpty() const { return m_requirements.isEmpty(); }

private:
    QList<FieldRequirement> m_requirements;
};

// Selects objects by labels and fields at once.
struct ObjectFilter
{
    LabelSelector labels;
    FieldSelector fields;
    bool matches(const QJsonObject &object) const;
};

} // namespace md::sim

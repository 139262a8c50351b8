#pragma once

// Building blocks of the Istio rule checks: value syntaxes as Istio's webhook and CEL rules
// define them, a path walker over Values, and a collector of messages.

#include "istio/message.h"
#include "istio/value.h"

#include <optional>

namespace md::istio {

// Go's time.ParseDuration ("1h2m0.5s", "300ms", "0"); nanoseconds, or nullopt if invalid.
std::optional<qint64> parseDuration(QStringView text);
// Why `text` is not a duration Istio accepts (>= 1ms, whole milliseconds), or empty.
QString durationProblem(QStringView text, bool allowZero = false);

bool isDnsLabel(QStringView s); // RFC 1123 label, lower case: subset names, namespaces
bool isDnsLabelAnyCase(QStringView s); // host name labels
bool isIpAddress(const QString &s);
bool isCidrOrIp(const QString &s);
// Why `host` is not a (possibly wildcard) host name Istio accepts, or empty.
QString hostnameProblem(const QString &host, bool allowWildcard = true);
bool isLabelKey(const QString &key); // Kubernetes qualified name, optional DNS prefix
bool isLabelValue(const QString &value); // <= 63, alphanumeric ends, may be empty
bool isHeaderName(const QString &name); // ^[-_A-Za-z0-9]+$

// Calls fn(value, path) for every value that `pattern` reaches from `root`. The pattern is
// a dotted field path where "name[]" steps into every item of a list and "name{}" into every
// value of a map: "spec.http[].retries.perTryTimeout", "spec.endpoints[].ports{}". Absent
// and null fields are skipped. Paths read "spec.http[0].retries.perTryTimeout",
// "spec.endpoints[0].ports[http]".
template<typename F>
void forEachAt(const Value &root, QStringView pattern, F &&fn, const QString &prefix = {})
{
    if (pattern.startsWith(u'.'))
        pattern = pattern.mid(1);
    if (pattern.isEmpty()) {
        if (!root.isNull())
            fn(root, prefix);
        return;
    }
    const qsizetype dot = pattern.indexOf(u'.');
    QStringView segment = dot < 0 ? pattern : pattern.left(dot);
    const QStringView rest = dot < 0 ? QStringView() : pattern.mid(dot + 1);
    const bool eachItem = segment.endsWith(u"[]");
    const bool eachValue = segment.endsWith(u"{}");
    if (eachItem || eachValue)
        segment.chop(2);
    const Value *node = &root;
    QString path = prefix;
    if (!segment.isEmpty()) {
        node = root.find(segment.toString());
        if (!node || node->isNull())
            return;
        path = path.isEmpty() ? segment.toString() : path + u'.' + segment;
    }
    if (eachItem) {
        for (qsizetype i = 0; node->isArray() && i < node->size(); ++i)
            forEachAt(node->at(i), rest, fn, path + u'[' + QString::number(i) + u']');
    } else if (eachValue) {
        for (qsizetype i = 0; node->isObject() && i < node->size(); ++i)
            forEachAt(node->valueAt(i), rest, fn, path + u'[' + node->keyAt(i) + u']');
    } else {
        forEachAt(*node, rest, fn, path);
    }
}

inline QString joinPath(const QString &base, const QString &field)
{
    return base.isEmpty() ? field : base + u'.' + field;
}

inline QString itemPath(const QString &base, qsizetype i)
{
    return base + u'[' + QString::number(i) + u']';
}

// True when the object has the field (present and not null), as CEL's has().
inline bool has(const Value &object, const QString &field)
{
    const Value *v = object.find(field);
    return v && !v->isNull();
}

class Findings
{
public:
    void add(Severity severity, const char *code, const QString &path, const QString &text)
    {
        messages.append(Message {QString::fromLatin1(code), severity, path, text, {}, {}, 0});
    }
    void error(const char *code, const QString &path, const QString &text)
    {
        add(Severity::Error, code, path, text);
    }
    void warning(const char *code, const QString &path, const QString &text)
    {
        add(Severity::Warning, code, path, text);
    }

    QList<Message> messages;
};

} // namespace md::istio

#pragma once

// YAML <-> JSON value conversion shared by the app, the CLI and meshsim.
// YAML 1.2 core schema typing: plain scalars true/false, null/~/empty, integers and
// floats become JSON booleans, null and numbers; every quoted scalar stays a string,
// so values such as "::1", "1.10" or "on" are never reinterpreted.

#include "core/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace md::schema {

struct YamlDocument
{
    QJsonValue value; // the document's content (an object for Kubernetes manifests)
    int index = 0; // 0-based position of the document in the stream
    int line = 0; // 1-based line where the document starts
};

// Parses every document of a YAML (or JSON) stream with libyaml's event parser. Empty
// documents are skipped but keep their index. Duplicate keys are an error, "<<" merge keys
// are honoured, aliases may not expand to more than a million nodes, and no value may lie
// more than 512 levels below its document's root. A text of strict JSON objects or arrays
// (one, or a stream of them as `jq -c` writes) is read by Qt's JSON parser (faster; there a
// duplicate key keeps its last value, as Go's decoder does). `source` names the input (a
// file path) for error messages: Error::where is the source and Error::toString() reads
// "SOURCE: document N, line L, column C: what went wrong" (N is 1-based). Never throws.
Result<QList<YamlDocument>> parseYamlStream(const QByteArray &data, const QString &source = {});

// Serialises a JSON value as block-style YAML that parseYamlStream reads back to the same value.
QByteArray toYaml(const QJsonValue &value);

// --- Building blocks shared with other YAML readers and writers (models/istio) ---

// The JSON value of a YAML scalar, as kubectl reads it. `tag` is "?" for a plain scalar
// without a tag (resolved as go-yaml v2 resolves it, YAML 1.1 style: yes/no/on/off are
// booleans, 0777 is octal, 1_000 is 1000, 1.10 is the number 1.1), "!" for a quoted or block
// scalar without one (always a string), or the resolved tag, such as "tag:yaml.org,2002:int"
// for "!!int".
QJsonValue yamlScalarValue(const QByteArray &text, const QByteArray &tag = QByteArrayLiteral("?"));

// UTF-8 text as a QString. Unlike QString::fromUtf8(), keeps a leading U+FEFF: in a scalar
// it is a character like any other.
QString stringFromUtf8(QByteArrayView utf8);

// The key a mapping key becomes when kubectl reads it (go-yaml v2, then sigs.k8s.io/yaml
// turns every key into a string): a plain `on` is the key "true", `0x1F` is "31", `1.50` is
// "1.5", `~` is "null". Empty when the key is the scalar's own text (most keys).
QString yamlKeyText(const QByteArray &text, const QByteArray &tag = QByteArrayLiteral("?"));

// Whether yamlScalarValue(text, tag) is null, without building the value.
bool yamlScalarIsNull(const QByteArray &text, const QByteArray &tag = QByteArrayLiteral("?"));

// True when `s` can be written as a plain scalar and reads back as the same string (also
// with YAML 1.1 readers such as Go's, so "yes", "on", "0755" or "1:20" are quoted too).
bool isPlainSafe(const QString &s);

// The YAML text of a scalar (null, bool, number or string) as written after "key: " or "- ".
// A multi-line string becomes a literal block whose lines are indented by `indent` spaces
// when `allowBlock` is true, and a double-quoted scalar otherwise (e.g. for mapping keys).
QByteArray yamlScalarText(const QJsonValue &scalar, int indent = 0, bool allowBlock = true);

} // namespace md::schema

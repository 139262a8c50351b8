#pragma once

// Lossless Kubernetes documents: a YAML or JSON stream (one document or many, `---`,
// `List` kinds) read into ordered Values and written back with every field, the key order
// and each object's apiVersion as they came. Comments are not kept.

#include "core/result.h"
#include "istio/value.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace md::istio {

enum class Format { Yaml, Json };

// Reads a single value (a YAML or JSON text with exactly one document, or none: null).
Result<Value> parseValue(const QByteArray &data, const QString &source = {});

QByteArray toYaml(const Value &value);
QByteArray toJson(const Value &value, bool indented = true);

// Where an object sits in a stream: a document, or an item of a List document.
struct ObjectRef
{
    int document = -1;
    int item = -1; // index in the List's items; -1 when the document is the object itself

    bool operator==(const ObjectRef &) const = default;
};

// Identity of a Kubernetes object, read from its fields.
struct ObjectId
{
    QString apiVersion; // as written: "networking.istio.io/v1beta1"
    QString kind;
    QString namespace_;
    QString name;

    QString group() const
    {
        return apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
    }
    QString version() const { return apiVersion.section(u'/', -1); }
    // "VirtualService bookinfo/reviews" (namespace omitted when empty), as istioctl prints it.
    QString displayName() const;

    static ObjectId of(const Value &object);

    bool operator==(const ObjectId &) const = default;
};

class DocumentStream
{
public:
    struct Document
    {
        Value value;
        int index = 0; // 0-based position in the stream (empty documents count)
        int line = 0; // 1-based line where it starts
    };

    // Never throws; errors read "SOURCE: document N, line L, column C: ..." (code yaml.parse).
    static Result<DocumentStream> parse(const QByteArray &data, const QString &source = {});

    QString source;
    Format format = Format::Yaml; // Json when the text starts with '{' or '['
    QList<Document> documents;

    // Every Kubernetes object (a mapping with a kind), List items expanded in place.
    QList<ObjectRef> objects() const;
    const Value &object(ObjectRef ref) const;
    Value &object(ObjectRef ref); // ref must come from objects()
    int line(ObjectRef ref) const
    {
        return ref.document >= 0 ? documents.at(ref.document).line : 0;
    }

    QByteArray toYaml() const; // documents separated by "---"
    QByteArray toJson() const; // one document as is; several as a v1 List
    QByteArray write() const { return format == Format::Json ? toJson() : toYaml(); }
};

} // namespace md::istio

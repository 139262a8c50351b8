#include "protobuf.h"

#include <QJsonArray>
#include <QMultiMap>

#include <optional>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

// One decoded protobuf message: field number → raw values (varints as numbers,
// length-delimited fields as bytes).
struct Message
{
    QMultiMap<int, QByteArray> bytes;
    QMultiMap<int, quint64> numbers;

    QString string(int field) const { return QString::fromUtf8(bytes.value(field)); }
    QList<QByteArray> all(int field) const
    {
        QList<QByteArray> values = bytes.values(field);
        std::reverse(values.begin(), values.end()); // QMultiMap keeps the latest first
        return values;
    }
};

std::optional<quint64> readVarint(const QByteArray &data, qsizetype &pos)
{
    quint64 value = 0;
    for (int shift = 0; shift < 64 && pos < data.size(); shift += 7) {
        const auto byte = quint8(data[pos++]);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
    return std::nullopt;
}

std::optional<Message> parse(const QByteArray &data)
{
    Message m;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const auto key = readVarint(data, pos);
        if (!key)
            return std::nullopt;
        const int field = int(*key >> 3);
        switch (*key & 7) {
        case 0: {
            const auto v = readVarint(data, pos);
            if (!v)
                return std::nullopt;
            m.numbers.insert(field, *v);
            break;
        }
        case 1:
            pos += 8;
            break;
        case 2: {
            const auto len = readVarint(data, pos);
            if (!len || pos + qsizetype(*len) > data.size())
                return std::nullopt;
            m.bytes.insert(field, data.mid(pos, qsizetype(*len)));
            pos += qsizetype(*len);
            break;
        }
        case 5:
            pos += 4;
            break;
        default:
            return std::nullopt;
        }
    }
    if (pos != data.size())
        return std::nullopt;
    return m;
}

QJsonObject stringMap(const Message &m, int field, bool base64Values = false)
{
    QJsonObject out;
    for (const QByteArray &entry : m.all(field)) {
        const auto e = parse(entry);
        if (!e)
            continue;
        const QByteArray value = e->bytes.value(2);
        out.insert(e->string(1),
                   base64Values ? QString::fromLatin1(value.toBase64()) : QString::fromUtf8(value));
    }
    return out;
}

QJsonObject objectMeta(const QByteArray &data)
{
    const auto m = parse(data);
    QJsonObject meta;
    if (!m)
        return meta;
    const QList<QPair<int, QString>> strings
        = {{1, u"name"_s}, {2, u"generateName"_s}, {3, u"namespace"_s}, {6, u"resourceVersion"_s}};
    for (const auto &s : strings)
        if (m->bytes.contains(s.first))
            meta.insert(s.second, m->string(s.first));
    if (m->bytes.contains(11))
        meta.insert(u"labels"_s, stringMap(*m, 11));
    if (m->bytes.contains(12))
        meta.insert(u"annotations"_s, stringMap(*m, 12));
    return meta;
}

QJsonObject attributes(const QByteArray &data, const QList<QPair<int, QString>> &fields)
{
    QJsonObject out;
    const auto m = parse(data);
    if (!m)
        return out;
    for (const auto &f : fields)
        if (m->bytes.contains(f.first))
            out.insert(f.second, m->string(f.first));
    return out;
}

} // namespace

Result<QJsonObject> decodeKubernetesProtobuf(const QByteArray &body)
{
    if (!body.startsWith(QByteArray("k8s\0", 4)))
        return unexpected(u"protobuf"_s, u"missing the k8s protobuf envelope"_s);
    const auto unknown = parse(body.mid(4));
    if (!unknown)
        return unexpected(u"protobuf"_s, u"malformed protobuf envelope"_s);
    const auto typeMeta = parse(unknown->bytes.value(1));
    if (!typeMeta)
        return unexpected(u"protobuf"_s, u"malformed TypeMeta"_s);
    const QString apiVersion = typeMeta->string(1);
    const QString kind = typeMeta->string(2);
    const auto raw = parse(unknown->bytes.value(2));
    if (!raw)
        return unexpected(u"protobuf"_s, u"malformed "_s + kind);
    QJsonObject object {{u"apiVersion"_s, apiVersion},
                        {u"kind"_s, kind},
                        {u"metadata"_s, objectMeta(raw->bytes.value(1))}};
    if (kind == u"Namespace"_s || kind == u"ServiceAccount"_s) {
        // spec (finalizers) and secrets are defaulted by the server.
    } else if (kind == u"ConfigMap"_s) {
        if (raw->bytes.contains(2))
            object.insert(u"data"_s, stringMap(*raw, 2));
        if (raw->bytes.contains(3))
            object.insert(u"binaryData"_s, stringMap(*raw, 3, true));
    } else if (kind == u"Secret"_s) {
        if (raw->bytes.contains(2))
            object.insert(u"data"_s, stringMap(*raw, 2, true));
        if (raw->bytes.contains(3))
            object.insert(u"type"_s, raw->string(3));
        if (raw->bytes.contains(4))
            object.insert(u"stringData"_s, stringMap(*raw, 4));
    } else if (kind == u"SelfSubjectAccessReview"_s) {
        const auto spec = parse(raw->bytes.value(2));
        QJsonObject s;
        if (spec && spec->bytes.contains(1))
            s.insert(u"resourceAttributes"_s,
                     attributes(spec->bytes.value(1),
                                {{1, u"namespace"_s},
                                 {2, u"verb"_s},
                                 {3, u"group"_s},
                                 {4, u"version"_s},
                                 {5, u"resource"_s},
                                 {6, u"subresource"_s},
                                 {7, u"name"_s}}));
        if (spec && spec->bytes.contains(2))
            s.insert(u"nonResourceAttributes"_s,
                     attributes(spec->bytes.value(2), {{1, u"path"_s}, {2, u"verb"_s}}));
        object.insert(u"spec"_s, s);
    } else if (kind == u"SelfSubjectReview"_s) {
    } else {
        return unexpected(u"protobuf"_s,
                          u"meshsim does not decode "_s + kind + u" from protobuf; send JSON"_s);
    }
    return object;
}

} // namespace md::sim

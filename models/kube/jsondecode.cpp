// The decode path of lists and watch events, with simdjson (Debian libsimdjson-dev): the
// only translation unit that includes its header. Every object is fully parsed (so
// validated) by simdjson's DOM parser; its identity is read from that tree and its text
// kept as sent.

#include "kube/jsondecode_p.h"
#include "kube/kubeobject_p.h"
#include "kube/kubetr.h"

#include <QJsonDocument>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <vector>

#include <simdjson.h>

namespace md::kube {

namespace {

using namespace simdjson;

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString errorText(error_code code)
{
    return QString::fromUtf8(error_message(code));
}

// A parser per thread for objects (small): it keeps its buffers between calls.
dom::parser &objectParser()
{
    thread_local dom::parser parser;
    return parser;
}

QString stringAt(dom::object object, std::string_view key)
{
    std::string_view value;
    if (object[key].get(value) == SUCCESS)
        return toQString(value);
    return {};
}

// `text` must be readable SIMDJSON_PADDING bytes beyond its end when `padded`.
Result<KubeObject> objectFrom(std::string_view text, bool padded)
{
    dom::element root;
    if (auto error = objectParser().parse(text.data(), text.size(), !padded).get(root)) {
        return md::unexpected(QStringLiteral("json.parse"),
                              Tr::tr("malformed JSON object: %1").arg(errorText(error)));
    }
    dom::object object;
    if (root.get(object) != SUCCESS)
        return md::unexpected(QStringLiteral("json.shape"), Tr::tr("not a JSON object"));

    auto *data = new KubeObject::Data;
    data->json = QByteArray(text.data(), qsizetype(text.size()));
    data->kind = stringAt(object, "kind");
    dom::object metadata;
    if (object["metadata"].get(metadata) == SUCCESS) {
        for (const auto field : metadata) {
            const std::string_view key = field.key;
            if (key == "uid") {
                data->uid = toQString(field.value.get_string().value_unsafe());
            } else if (key == "name") {
                data->name = toQString(field.value.get_string().value_unsafe());
            } else if (key == "namespace") {
                data->namespaceName = toQString(field.value.get_string().value_unsafe());
            } else if (key == "resourceVersion") {
                data->resourceVersion = toQString(field.value.get_string().value_unsafe());
            } else if (key == "generation") {
                int64_t generation = 0;
                if (field.value.get(generation) == SUCCESS)
                    data->generation = generation;
            } else if (key == "labels") {
                dom::object labels;
                if (field.value.get(labels) == SUCCESS) {
                    for (const auto label : labels) {
                        std::string_view value;
                        if (label.value.get(value) == SUCCESS)
                            data->labels.append({toQString(label.key), toQString(value)});
                    }
                }
            }
        }
    }
    return KubeObjectBuilder::make(data);
}

// Whether the document was read to its end (anything after the root value is an error).
const char *trailingContent(ondemand::document &doc)
{
    const char *location = nullptr;
    if (doc.current_location().get(location) != SUCCESS)
        return nullptr; // out of bounds: the end
    return location;
}

// The threads that decode the items of large lists: one core fewer than the machine has, so
// that the GUI thread always finds a core free while a 50 MB list is decoded.
QThreadPool *decodePool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setObjectName(QStringLiteral("md::kube decode"));
        p->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
        return p;
    }();
    return pool;
}

std::string_view view(QByteArrayView bytes)
{
    return {bytes.data(), size_t(bytes.size())};
}

} // namespace

Result<KubeObject> KubeObject::fromJson(QByteArrayView json)
{
    return objectFrom(view(json.trimmed()), false);
}

namespace decode {

Result<ObjectList> list(QByteArray &body)
{
    ObjectList list;
    list.bytes = body.size();
    const qsizetype length = body.size();
    // Pad in place: simdjson reads up to 64 bytes past the end. One reallocation at most,
    // instead of a padded copy of an answer that may be 50 MB.
    body.reserve(length + qsizetype(SIMDJSON_PADDING));
    const char *start = body.constData();
    padded_string_view input(start, size_t(length), size_t(body.capacity()));

    // A large list gets a parser of its own so that its index does not stay allocated.
    ondemand::parser parser;
    auto fail = [&](error_code code, const char *where) -> Result<ObjectList> {
        const qsizetype offset = where ? qsizetype(where - start) : -1;
        return md::unexpected(
            QStringLiteral("json.parse"),
            offset >= 0 ? Tr::tr("malformed list at offset %1: %2").arg(offset).arg(errorText(code))
                        : Tr::tr("malformed list: %1").arg(errorText(code)));
    };

    ondemand::document doc;
    if (auto error = parser.iterate(input).get(doc))
        return fail(error, nullptr);
    ondemand::object root;
    if (auto error = doc.get_object().get(root))
        return fail(error, nullptr);
    std::vector<std::string_view> raws; // the items' texts, inside the body
    for (auto field : root) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key))
            return fail(error, nullptr);
        ondemand::value value;
        if (auto error = field.value().get(value))
            return fail(error, nullptr);
        if (key == "kind") {
            std::string_view kind;
            if (value.get_string().get(kind) == SUCCESS)
                list.kind = toQString(kind);
        } else if (key == "metadata") {
            ondemand::object metadata;
            if (auto error = value.get_object().get(metadata))
                return fail(error, nullptr);
            for (auto m : metadata) {
                std::string_view mkey;
                std::string_view text;
                if (m.unescaped_key().get(mkey) != SUCCESS)
                    return fail(INCORRECT_TYPE, nullptr);
                if (mkey == "resourceVersion" && m.value().get_string().get(text) == SUCCESS)
                    list.resourceVersion = toQString(text);
                else if (mkey == "continue" && m.value().get_string().get(text) == SUCCESS)
                    list.continueToken = toQString(text);
            }
        } else if (key == "items") {
            ondemand::array items;
            if (value.is_null())
                continue;
            if (auto error = value.get_array().get(items))
                return fail(error, nullptr);
            for (auto element : items) {
                ondemand::object item;
                std::string_view raw;
                if (auto error = element.get_object().get(item))
                    return fail(error, nullptr);
                if (auto error = item.raw_json().get(raw))
                    return fail(error, nullptr);
                raws.push_back(raw);
            }
        }
    }
    if (const char *rest = trailingContent(doc))
        return fail(TRAILING_CONTENT, rest);

    // Each item is parsed whole (validated) and its identity read: in parallel on the
    // thread pool when there are many. The texts lie inside the padded body, so the
    // object parser may read past their ends.
    list.items.resize(qsizetype(raws.size()));
    KubeObject *out = list.items.data(); // detached once, before the threads write
    struct Range
    {
        qsizetype begin;
        qsizetype end;
        std::optional<Error> error;
    };
    constexpr qsizetype Chunk = 2048;
    QList<Range> ranges;
    for (qsizetype begin = 0; begin < qsizetype(raws.size()); begin += Chunk)
        ranges.append({begin, std::min(begin + Chunk, qsizetype(raws.size())), std::nullopt});
    auto decodeRange = [&](Range &range) {
        for (qsizetype i = range.begin; i < range.end; ++i) {
            auto object = objectFrom(raws[size_t(i)], true);
            if (!object) {
                range.error = Error {object.error().code,
                                     Tr::tr("item %1: %2").arg(i).arg(object.error().message),
                                     QString::number(raws[size_t(i)].data() - start)};
                return;
            }
            out[i] = std::move(*object);
        }
    };
    if (ranges.size() > 1)
        QtConcurrent::blockingMap(decodePool(), ranges, decodeRange);
    else if (!ranges.isEmpty())
        decodeRange(ranges.first());
    for (const Range &range : std::as_const(ranges)) {
        if (range.error)
            return Unexpected<Error> {*range.error};
    }
    return list;
}

Result<WatchEvent> watchLine(QByteArrayView line)
{
    // A line is small: a padded copy costs nothing next to the parse.
    const padded_string padded(line.data(), size_t(line.size()));
    thread_local ondemand::parser parser;
    ondemand::document doc;
    auto fail = [](error_code code) {
        return md::unexpected(QStringLiteral("json.parse"),
                              Tr::tr("malformed JSON: %1").arg(errorText(code)));
    };
    if (auto error = parser.iterate(padded).get(doc))
        return fail(error);
    ondemand::object root;
    if (auto error = doc.get_object().get(root))
        return fail(error);

    QString type;
    std::string_view raw;
    bool haveType = false;
    for (auto field : root) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key))
            return fail(error);
        if (key == "type") {
            std::string_view text;
            if (auto error = field.value().get_string().get(text))
                return fail(error);
            type = toQString(text);
            haveType = true;
        } else if (key == "object") {
            ondemand::object object;
            if (field.value().get_object().get(object) != SUCCESS)
                return md::unexpected(QStringLiteral("json.shape"), Tr::tr("no object"));
            if (auto error = object.raw_json().get(raw))
                return fail(error);
        }
    }
    if (trailingContent(doc))
        return fail(TRAILING_CONTENT);

    WatchEvent event;
    if (type == QLatin1String("ADDED"))
        event.type = WatchEvent::Type::Added;
    else if (type == QLatin1String("MODIFIED"))
        event.type = WatchEvent::Type::Modified;
    else if (type == QLatin1String("DELETED"))
        event.type = WatchEvent::Type::Deleted;
    else if (type == QLatin1String("BOOKMARK"))
        event.type = WatchEvent::Type::Bookmark;
    else if (type == QLatin1String("ERROR"))
        event.type = WatchEvent::Type::Error;
    else if (!haveType)
        return md::unexpected(QStringLiteral("json.shape"), Tr::tr("no type"));
    else
        return md::unexpected(QStringLiteral("json.shape"),
                              Tr::tr("unknown type \"%1\"").arg(type));
    if (raw.data() == nullptr)
        return md::unexpected(QStringLiteral("json.shape"), Tr::tr("no object"));

    // `raw` lies inside the padded copy: the object parser may read past its end.
    auto object = objectFrom(raw, true);
    if (!object)
        return md::unexpected(object.error().code, object.error().message);
    if (event.type == WatchEvent::Type::Error)
        event.status = QJsonDocument::fromJson(object->json()).object();
    else
        event.object = std::move(*object);
    return event;
}

} // namespace decode

} // namespace md::kube

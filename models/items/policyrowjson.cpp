// The policy rows' reading of object JSON with simdjson (see policyrow_p.h).

#include "items/policyrow_p.h"

#include <simdjson.h>

#include <array>
#include <cstring>
#include <vector>

namespace md::detail {

namespace {

using namespace simdjson;
using md::istio::Value;

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A parser per thread: rows are read in worker threads, and a parser keeps its buffers.
dom::parser &parser()
{
    thread_local dom::parser p;
    return p;
}

Value toValue(dom::element element)
{
    switch (element.type()) {
    case dom::element_type::OBJECT: {
        Value object = Value::object();
        for (dom::key_value_pair field : dom::object(element))
            object.insert(toQString(field.key), toValue(field.value));
        return object;
    }
    case dom::element_type::ARRAY: {
        Value array = Value::array();
        for (dom::element item : dom::array(element))
            array.append(toValue(item));
        return array;
    }
    case dom::element_type::STRING:
        return Value(toQString(std::string_view(element)));
    case dom::element_type::INT64:
        return Value(qint64(int64_t(element)));
    case dom::element_type::UINT64:
        return Value(double(uint64_t(element)));
    case dom::element_type::DOUBLE:
        return Value(double(element));
    case dom::element_type::BOOL:
        return Value(bool(element));
    case dom::element_type::NULL_VALUE:
        break;
    }
    return Value();
}

// metadata.creationTimestamp. Kubernetes writes RFC 3339 in UTC to the second
// ("2026-11-20T10:00:00Z"), read here digit by digit; any other form goes to QDateTime.
QDateTime timestamp(std::string_view text)
{
    auto digits = [text](size_t at, size_t count) {
        int value = 0;
        for (size_t i = at; i < at + count; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    if (text.size() == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':'
        && text[16] == ':' && text[19] == 'Z') {
        const QDate date(digits(0, 4), digits(5, 2), digits(8, 2));
        const QTime time(digits(11, 2), digits(14, 2), digits(17, 2));
        if (date.isValid() && time.isValid())
            return QDateTime(date, time, Qt::UTC);
    }
    return QDateTime::fromString(toQString(text), Qt::ISODate);
}

// A VirtualService read with simdjson's On-Demand API: only the fields the row shows are
// visited (metadata.managedFields and the rest are skipped, not built into a tree). False
// when the text is not what it takes (the DOM reader below then says what is wrong). A
// route's tags come in RouteTag's order whatever the order of its fields.
namespace ondemand_vs {

using namespace simdjson::ondemand;

ondemand::parser &parser()
{
    thread_local ondemand::parser p;
    return p;
}

bool isObject(value v)
{
    json_type type;
    return v.type().get(type) == SUCCESS && type == json_type::object;
}

size_t arraySize(value v)
{
    ondemand::array array;
    size_t count = 0;
    if (v.get_array().get(array) != SUCCESS || array.count_elements().get(count) != SUCCESS)
        return 0;
    return count;
}

bool strings(value v, QStringList &list)
{
    ondemand::array array;
    if (v.get_array().get(array) != SUCCESS)
        return true; // not a list: read as none
    for (auto item : array) {
        value element;
        if (item.get(element) != SUCCESS)
            return false;
        std::string_view text;
        list << (element.get_string().get(text) == SUCCESS ? toQString(text) : QString());
    }
    return true;
}

bool hasHeaderOps(value headers)
{
    ondemand::object sides;
    if (headers.get_object().get(sides) != SUCCESS)
        return false;
    for (auto side : sides) {
        std::string_view name;
        value ops;
        if (side.unescaped_key().get(name) != SUCCESS || side.value().get(ops) != SUCCESS)
            return false;
        ondemand::object fields;
        if ((name != "request" && name != "response") || ops.get_object().get(fields) != SUCCESS)
            continue;
        for (auto field : fields) {
            std::string_view op;
            value members;
            if (field.unescaped_key().get(op) != SUCCESS || field.value().get(members) != SUCCESS)
                return false;
            if (op == "set" || op == "add") {
                ondemand::object map;
                size_t count = 0;
                if (members.get_object().get(map) == SUCCESS
                    && map.count_fields().get(count) == SUCCESS && count > 0)
                    return true;
            } else if (op == "remove" && arraySize(members) > 0) {
                return true;
            }
        }
    }
    return false;
}

// The tags of one HTTP route.
bool httpRoute(value item, VirtualServiceSummary &out)
{
    ondemand::object route;
    if (item.get_object().get(route) != SUCCESS)
        return true;
    std::array<bool, size_t(RouteTag::Headers) + 1> has {};
    for (auto field : route) {
        std::string_view key;
        value v;
        if (field.unescaped_key().get(key) != SUCCESS || field.value().get(v) != SUCCESS)
            return false;
        if (key == "route") {
            has[size_t(RouteTag::TrafficShifting)] = arraySize(v) > 1;
        } else if (key == "retries") {
            has[size_t(RouteTag::Retries)] = isObject(v);
        } else if (key == "timeout") {
            std::string_view timeout;
            has[size_t(RouteTag::Timeout)]
                = v.get_string().get(timeout) == SUCCESS && !timeout.empty();
        } else if (key == "fault") {
            has[size_t(RouteTag::Fault)] = isObject(v);
        } else if (key == "mirror") {
            has[size_t(RouteTag::Mirror)] = has[size_t(RouteTag::Mirror)] || isObject(v);
        } else if (key == "mirrors") {
            has[size_t(RouteTag::Mirror)] = has[size_t(RouteTag::Mirror)] || arraySize(v) > 0;
        } else if (key == "redirect") {
            has[size_t(RouteTag::Redirect)] = isObject(v);
        } else if (key == "rewrite") {
            has[size_t(RouteTag::Rewrite)] = isObject(v);
        } else if (key == "delegate") {
            has[size_t(RouteTag::Delegate)] = isObject(v);
        } else if (key == "directResponse") {
            has[size_t(RouteTag::DirectResponse)] = isObject(v);
        } else if (key == "corsPolicy") {
            has[size_t(RouteTag::Cors)] = isObject(v);
        } else if (key == "headers") {
            has[size_t(RouteTag::Headers)] = hasHeaderOps(v);
        }
    }
    for (size_t tag = 0; tag < has.size(); ++tag) {
        if (has[tag] && !out.tags.contains(RouteTag(tag)))
            out.tags << RouteTag(tag);
    }
    return true;
}

bool spec(value v, VirtualServiceSummary &out)
{
    ondemand::object object;
    if (v.get_object().get(object) != SUCCESS)
        return true; // no spec to speak of
    for (auto field : object) {
        std::string_view key;
        value member;
        if (field.unescaped_key().get(key) != SUCCESS || field.value().get(member) != SUCCESS)
            return false;
        if (key == "hosts") {
            if (!strings(member, out.hosts))
                return false;
        } else if (key == "gateways") {
            if (!strings(member, out.gateways))
                return false;
        } else if (key == "http" || key == "tls" || key == "tcp") {
            ondemand::array routes;
            if (member.get_array().get(routes) != SUCCESS)
                continue;
            qsizetype count = 0;
            for (auto item : routes) {
                value route;
                if (item.get(route) != SUCCESS)
                    return false;
                ++count;
                if (key == "http") {
                    if (!httpRoute(route, out))
                        return false;
                } else {
                    ondemand::object l4;
                    if (route.get_object().get(l4) != SUCCESS)
                        continue;
                    value targets;
                    if (l4.find_field_unordered("route").get(targets) == SUCCESS
                        && arraySize(targets) > 1 && !out.tags.contains(RouteTag::TrafficShifting))
                        out.tags << RouteTag::TrafficShifting;
                }
            }
            (key == "http" ? out.http : key == "tls" ? out.tls : out.tcp) = count;
        }
    }
    return true;
}

bool read(const QByteArray &json, PolicyJson &out)
{
    thread_local std::vector<char> buffer;
    const size_t size = size_t(json.size());
    if (buffer.size() < size + SIMDJSON_PADDING)
        buffer.resize(size + SIMDJSON_PADDING);
    std::memcpy(buffer.data(), json.constData(), size);
    document doc;
    if (parser().iterate(buffer.data(), size, buffer.size()).get(doc) != SUCCESS)
        return false;
    ondemand::object root;
    if (doc.get_object().get(root) != SUCCESS)
        return false;
    for (auto field : root) {
        std::string_view key;
        value member;
        if (field.unescaped_key().get(key) != SUCCESS || field.value().get(member) != SUCCESS)
            return false;
        if (key == "metadata") {
            ondemand::object metadata;
            if (member.get_object().get(metadata) != SUCCESS)
                continue;
            for (auto m : metadata) {
                std::string_view name;
                value v;
                if (m.unescaped_key().get(name) != SUCCESS || m.value().get(v) != SUCCESS)
                    return false;
                std::string_view created;
                if (name == "creationTimestamp" && v.get_string().get(created) == SUCCESS)
                    out.created = timestamp(created);
            }
        } else if (key == "spec") {
            if (!spec(member, out.virtualService))
                return false;
        }
    }
    return true;
}

} // namespace ondemand_vs

} // namespace

PolicyJson readPolicyJson(const QByteArray &json, bool virtualService)
{
    if (virtualService) {
        PolicyJson fast;
        if (ondemand_vs::read(json, fast))
            return fast;
    }
    PolicyJson out;
    dom::element root;
    if (const auto error = parser().parse(json.constData(), size_t(json.size())).get(root)) {
        out.error = QString::fromUtf8(error_message(error));
        return out;
    }
    dom::object object;
    if (root.get(object) != SUCCESS) {
        out.notObject = true;
        return out;
    }
    std::string_view created;
    if (object.at_pointer("/metadata/creationTimestamp").get(created) == SUCCESS)
        out.created = timestamp(created);
    // A VirtualService comes here only when its text is not what the On-Demand reader takes,
    // to say why; its summary is that reader's alone.
    dom::element spec;
    if (!virtualService && object["spec"].get(spec) == SUCCESS)
        out.spec = toValue(spec);
    return out;
}

} // namespace md::detail

// The policy rows' reading of object JSON with simdjson (see policyrow_p.h).

#include "items/policyrow_p.h"

#include <simdjson.h>

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

// `object[key]` when it is an array (as the typed views read lists); false otherwise.
bool arrayAt(dom::object object, const char *key, dom::array &array)
{
    return object[key].get(array) == SUCCESS;
}

size_t sizeAt(dom::object object, const char *key)
{
    dom::array array;
    return object[key].get(array) == SUCCESS ? array.size() : 0;
}

bool isObjectAt(dom::object object, const char *key)
{
    dom::object member;
    return object[key].get(member) == SUCCESS;
}

// A list of strings as QStringList reads it: items that are not strings read as "".
QStringList strings(dom::object object, const char *key)
{
    QStringList list;
    dom::array array;
    if (!arrayAt(object, key, array))
        return list;
    for (dom::element item : array) {
        std::string_view text;
        list << (item.get(text) == SUCCESS ? toQString(text) : QString());
    }
    return list;
}

// Whether headers.request / headers.response set, add or remove anything.
bool hasHeaderOps(dom::object route)
{
    dom::object headers;
    if (route["headers"].get(headers) != SUCCESS)
        return false;
    for (const char *side : {"request", "response"}) {
        dom::object ops;
        if (headers[side].get(ops) != SUCCESS)
            continue;
        for (const char *map : {"set", "add"}) {
            dom::object members;
            if (ops[map].get(members) == SUCCESS && members.size() > 0)
                return true;
        }
        if (sizeAt(ops, "remove") > 0)
            return true;
    }
    return false;
}

// The tags of one HTTP route.
template<typename Tag> void readHttpRoute(dom::element item, Tag &&tag)
{
    dom::object route;
    if (item.get(route) != SUCCESS)
        return;
    if (sizeAt(route, "route") > 1)
        tag(RouteTag::TrafficShifting);
    if (isObjectAt(route, "retries"))
        tag(RouteTag::Retries);
    std::string_view timeout;
    if (route["timeout"].get(timeout) == SUCCESS && !timeout.empty())
        tag(RouteTag::Timeout);
    if (isObjectAt(route, "fault"))
        tag(RouteTag::Fault);
    if (isObjectAt(route, "mirror") || sizeAt(route, "mirrors") > 0)
        tag(RouteTag::Mirror);
    if (isObjectAt(route, "redirect"))
        tag(RouteTag::Redirect);
    if (isObjectAt(route, "rewrite"))
        tag(RouteTag::Rewrite);
    if (isObjectAt(route, "delegate"))
        tag(RouteTag::Delegate);
    if (isObjectAt(route, "directResponse"))
        tag(RouteTag::DirectResponse);
    if (isObjectAt(route, "corsPolicy"))
        tag(RouteTag::Cors);
    if (hasHeaderOps(route))
        tag(RouteTag::Headers);
}

void readVirtualService(dom::object spec, VirtualServiceSummary &out)
{
    out.hosts = strings(spec, "hosts");
    out.gateways = strings(spec, "gateways");
    auto tag = [&out](RouteTag t) {
        if (!out.tags.contains(t))
            out.tags << t;
    };
    dom::array http;
    if (arrayAt(spec, "http", http)) {
        out.http = qsizetype(http.size());
        for (dom::element item : http)
            readHttpRoute(item, tag);
    }
    for (const char *l4 : {"tls", "tcp"}) {
        dom::array routes;
        if (!arrayAt(spec, l4, routes))
            continue;
        (l4[1] == 'l' ? out.tls : out.tcp) = qsizetype(routes.size());
        for (dom::element item : routes) {
            dom::object route;
            if (item.get(route) == SUCCESS && sizeAt(route, "route") > 1)
                tag(RouteTag::TrafficShifting);
        }
    }
}

} // namespace

PolicyJson readPolicyJson(const QByteArray &json, bool virtualService)
{
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
        out.created = toQString(created);
    dom::element spec;
    const bool hasSpec = object["spec"].get(spec) == SUCCESS;
    if (virtualService) {
        dom::object specObject;
        if (hasSpec && spec.get(specObject) == SUCCESS)
            readVirtualService(specObject, out.virtualService);
    } else if (hasSpec) {
        out.spec = toValue(spec);
    }
    return out;
}

} // namespace md::detail

#pragma once

// Internal to the policy rows: what a row needs of an object's JSON text, read with simdjson
// (policyrowjson.cpp, the only translation unit of items that includes its header). Reading
// only these fields, and never metadata.managedFields, makes a row several times cheaper than
// a whole-document parse.

#include "istio/value.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace md::detail {

// The tags of a VirtualService's routes, in the order the list shows them.
enum class RouteTag {
    TrafficShifting,
    Retries,
    Timeout,
    Fault,
    Mirror,
    Redirect,
    Rewrite,
    Delegate,
    DirectResponse,
    Cors,
    Headers,
};

// The columns of a VirtualService, read straight from its JSON.
struct VirtualServiceSummary
{
    QStringList hosts, gateways;
    qsizetype http = 0, tls = 0, tcp = 0;
    QList<RouteTag> tags; // each once, in order of first appearance
};

struct PolicyJson
{
    QString error; // not empty: the text is not JSON (the message says why)
    bool notObject = false; // JSON, but not an object
    QDateTime created; // metadata.creationTimestamp
    md::istio::Value spec; // the spec as a tree (when asked for), else null
    VirtualServiceSummary virtualService; // when asked for
};

// Reads `json`: its creation time, and either the spec as a tree (for the kinds read with
// typed views) or a VirtualService's summary.
PolicyJson readPolicyJson(const QByteArray &json, bool virtualService);

} // namespace md::detail

// Parsing of Prometheus API answers with simdjson: the only translation unit of telemetry that
// includes its header. Label names and values repeat across series (a graph's answer has a few
// hundred distinct strings in 10,000 series), so they are interned: equal strings share one
// QString.

#include "telemetry/prometheusclient.h"
#include "telemetry/topologygraph.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include <simdjson.h>

namespace md::telemetry {

namespace {

using namespace simdjson;

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

class Interner
{
public:
    const QString &get(std::string_view text)
    {
        auto it = m_strings.find(text);
        if (it != m_strings.end())
            return it->second;
        m_keys.emplace_back(text);
        const std::string &stored = m_keys.back();
        return m_strings.emplace(std::string_view(stored), toQString(text)).first->second;
    }

    // The series of one answer mostly repeat the label names, and many values, at the same
    // position: a string equal to the one last seen at its position skips the hash.
    struct Slot
    {
        std::string_view text;
        const QString *string = nullptr;
    };
    const QString &get(std::string_view text, Slot &slot)
    {
        if (slot.string && slot.text == text)
            return *slot.string;
        const QString &string = get(text);
        slot = {text, &string};
        return string;
    }

private:
    std::list<std::string> m_keys; // stable storage for the map's keys
    std::unordered_map<std::string_view, QString> m_strings;
};

Error shapeError(const QString &query, const QString &path, const QString &what)
{
    return Error {QStringLiteral("prometheus.parse"),
                  TelemetryTr::tr("unexpected answer at %1: %2").arg(path, what), query};
}

// A sample [timestamp, "value"].
bool readSample(dom::element element, Sample &sample)
{
    dom::array pair;
    if (element.get(pair) != SUCCESS || pair.size() != 2)
        return false;
    auto it = pair.begin();
    dom::element t = *it;
    ++it;
    dom::element v = *it;
    double time = 0;
    if (t.get(time) != SUCCESS) {
        int64_t i = 0;
        if (t.get(i) != SUCCESS)
            return false;
        time = double(i);
    }
    std::string_view text;
    if (v.get(text) != SUCCESS)
        return false;
    sample.timestamp = time;
    if (text == "NaN")
        sample.value = std::numeric_limits<double>::quiet_NaN();
    else if (text == "+Inf" || text == "Inf")
        sample.value = std::numeric_limits<double>::infinity();
    else if (text == "-Inf")
        sample.value = -std::numeric_limits<double>::infinity();
    else {
        // Prometheus writes Go's shortest decimal form: from_chars reads it exactly as strtod
        // does, without a copy; anything else strtod accepts still goes through strtod.
        const auto [ptr, ec]
            = std::from_chars(text.data(), text.data() + text.size(), sample.value);
        if (ec != std::errc() || ptr != text.data() + text.size()) {
            const std::string copy(text);
            char *end = nullptr;
            sample.value = std::strtod(copy.c_str(), &end);
            if (end == copy.c_str() || *end != '\0')
                return false;
        }
    }
    return true;
}

} // namespace

Result<QueryResult> PrometheusClient::parseResponse(const QByteArray &body, int httpStatus,
                                                    const QString &query)
{
    thread_local dom::parser parser;
    dom::element root;
    if (auto error = parser.parse(body.constData(), size_t(body.size())).get(root)) {
        if (httpStatus >= 400 || httpStatus == 0) {
            const QString text = QString::fromUtf8(body.left(300)).trimmed();
            return unexpected(QStringLiteral("prometheus.http"),
                              text.isEmpty()
                                  ? TelemetryTr::tr("HTTP status %1").arg(httpStatus)
                                  : TelemetryTr::tr("HTTP status %1: %2").arg(httpStatus).arg(text),
                              query);
        }
        return unexpected(QStringLiteral("prometheus.parse"),
                          TelemetryTr::tr("malformed JSON in the answer: %1")
                              .arg(QString::fromUtf8(error_message(error))),
                          query);
    }
    dom::object object;
    if (root.get(object) != SUCCESS)
        return md::unexpected(
            shapeError(query, QStringLiteral("$"), TelemetryTr::tr("not an object")));
    std::string_view status;
    if (object["status"].get(status) != SUCCESS)
        return md::unexpected(
            shapeError(query, QStringLiteral("$.status"), TelemetryTr::tr("missing")));
    if (status != "success") {
        std::string_view type = "error", message;
        if (object["errorType"].get(type) != SUCCESS)
            type = "error";
        if (object["error"].get(message) != SUCCESS)
            message = {};
        return unexpected(QStringLiteral("prometheus.") + toQString(type),
                          message.empty()
                              ? TelemetryTr::tr("Prometheus answered status \"%1\" (HTTP %2)")
                                    .arg(toQString(status))
                                    .arg(httpStatus)
                              : toQString(message),
                          query);
    }
    QueryResult result;
    result.query = query;
    for (const char *key : {"warnings", "infos"}) {
        dom::array list;
        if (object[key].get(list) == SUCCESS)
            for (dom::element w : list) {
                std::string_view text;
                if (w.get(text) == SUCCESS)
                    result.warnings << toQString(text);
            }
    }
    dom::object data;
    if (object["data"].get(data) != SUCCESS)
        return md::unexpected(
            shapeError(query, QStringLiteral("$.data"), TelemetryTr::tr("missing")));
    std::string_view resultType;
    if (data["resultType"].get(resultType) != SUCCESS)
        return md::unexpected(
            shapeError(query, QStringLiteral("$.data.resultType"), TelemetryTr::tr("missing")));
    dom::element payload;
    if (data["result"].get(payload) != SUCCESS)
        return md::unexpected(
            shapeError(query, QStringLiteral("$.data.result"), TelemetryTr::tr("missing")));

    if (resultType == "scalar" || resultType == "string") {
        dom::array pair;
        if (payload.get(pair) != SUCCESS || pair.size() != 2)
            return md::unexpected(shapeError(query, QStringLiteral("$.data.result"),
                                             TelemetryTr::tr("not a [time, value] pair")));
        if (resultType == "string") {
            result.type = QueryResult::Type::String;
            std::string_view text;
            auto it = pair.begin();
            ++it;
            if ((*it).get(text) != SUCCESS)
                return md::unexpected(shapeError(query, QStringLiteral("$.data.result[1]"),
                                                 TelemetryTr::tr("not a string")));
            result.stringValue = toQString(text);
            return result;
        }
        result.type = QueryResult::Type::Scalar;
        Series s;
        Sample sample;
        if (!readSample(payload, sample))
            return md::unexpected(shapeError(query, QStringLiteral("$.data.result"),
                                             TelemetryTr::tr("not a [time, \"value\"] pair")));
        s.samples << sample;
        result.series << s;
        return result;
    }
    const bool matrix = resultType == "matrix";
    if (!matrix && resultType != "vector")
        return md::unexpected(
            shapeError(query, QStringLiteral("$.data.resultType"),
                       TelemetryTr::tr("unknown type \"%1\"").arg(toQString(resultType))));
    result.type = matrix ? QueryResult::Type::Matrix : QueryResult::Type::Vector;
    dom::array items;
    if (payload.get(items) != SUCCESS)
        return md::unexpected(
            shapeError(query, QStringLiteral("$.data.result"), TelemetryTr::tr("not an array")));
    result.series.reserve(qsizetype(items.size()));
    Interner strings;
    std::vector<Interner::Slot> keySlots, valueSlots; // by position in "metric"
    qsizetype index = 0;
    for (dom::element item : items) {
        // The JSON path of this series, for errors only.
        const auto path = [index] { return QStringLiteral("$.data.result[%1]").arg(index); };
        dom::object entry;
        if (item.get(entry) != SUCCESS)
            return md::unexpected(shapeError(query, path(), TelemetryTr::tr("not an object")));
        Series series;
        dom::object metric;
        if (entry["metric"].get(metric) == SUCCESS) {
            series.metric.reserve(qsizetype(metric.size()));
            size_t position = 0;
            for (auto field : metric) {
                std::string_view value;
                if (field.value.get(value) != SUCCESS)
                    return md::unexpected(shapeError(
                        query, path() + QStringLiteral(".metric.") + toQString(field.key),
                        TelemetryTr::tr("not a string")));
                if (position >= keySlots.size()) {
                    keySlots.resize(position + 1);
                    valueSlots.resize(position + 1);
                }
                series.metric.insert(strings.get(field.key, keySlots[position]),
                                     strings.get(value, valueSlots[position]));
                ++position;
            }
        }
        if (matrix) {
            dom::array values;
            if (entry["values"].get(values) != SUCCESS)
                return md::unexpected(shapeError(query, path() + QStringLiteral(".values"),
                                                 TelemetryTr::tr("missing")));
            series.samples.reserve(qsizetype(values.size()));
            for (dom::element v : values) {
                Sample sample;
                if (!readSample(v, sample))
                    return md::unexpected(
                        shapeError(query, path() + QStringLiteral(".values"),
                                   TelemetryTr::tr("not a [time, \"value\"] pair")));
                series.samples << sample;
            }
        } else {
            dom::element v;
            Sample sample;
            if (entry["value"].get(v) != SUCCESS || !readSample(v, sample))
                return md::unexpected(shapeError(query, path() + QStringLiteral(".value"),
                                                 TelemetryTr::tr("not a [time, \"value\"] pair")));
            series.samples << sample;
        }
        result.series << std::move(series);
        ++index;
    }
    return result;
}

} // namespace md::telemetry

#include "kube/kubeconfigyaml_p.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <optional>

namespace md::kube::detail {

namespace {

bool isNullWord(const std::string &s)
{
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Go's YAML reader (YAML 1.1 rules) reads these plain scalars as booleans.
std::optional<bool> boolWord(const std::string &s)
{
    static const char *const yes[]
        = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
    static const char *const no[]
        = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
    for (const char *w : yes) {
        if (s == w)
            return true;
    }
    for (const char *w : no) {
        if (s == w)
            return false;
    }
    return std::nullopt;
}

const QRegularExpression &numberPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0x[0-9a-fA-F_]+$|^0o?[0-7_"
        "]+$"
        "|^[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)$|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?$"));
    return re;
}

bool isPlainString(const YAML::Node &node)
{
    const std::string &tag = node.Tag();
    return tag == "!" || tag == "tag:yaml.org,2002:str";
}

void emitNode(YAML::Emitter &out, const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out << YAML::Null;
        break;
    case YAML::NodeType::Scalar:
        if (isPlainString(node) && needsQuotes(node.Scalar()))
            out << YAML::DoubleQuoted << node.Scalar();
        else
            out << node.Scalar();
        break;
    case YAML::NodeType::Sequence:
        if (node.Style() == YAML::EmitterStyle::Flow || node.size() == 0)
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const YAML::Node &item : node)
            emitNode(out, item);
        out << YAML::EndSeq;
        break;
    case YAML::NodeType::Map:
        if (node.Style() == YAML::EmitterStyle::Flow || node.size() == 0)
            out << YAML::Flow;
        out << YAML::BeginMap;
        for (const auto &kv : node) {
            out << YAML::Key;
            emitNode(out, kv.first);
            out << YAML::Value;
            emitNode(out, kv.second);
        }
        out << YAML::EndMap;
        break;
    }
}

} // namespace

bool needsQuotes(const std::string &s)
{
    if (isNullWord(s) || boolWord(s))
        return true;
    return numberPattern().match(QString::fromStdString(s)).hasMatch();
}

QJsonValue yamlToJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return QJsonValue::Null;
    case YAML::NodeType::Scalar: {
        const std::string &s = node.Scalar();
        if (node.Tag() != "?" && !node.Tag().empty()) // quoted, block or !!str
            return qs(s);
        if (isNullWord(s))
            return QJsonValue::Null;
        if (const auto b = boolWord(s))
            return *b;
        const QString text = qs(s);
        if (numberPattern().match(text).hasMatch()) {
            bool ok = false;
            const double d = QString(text).remove(u'_').toDouble(&ok);
            if (ok)
                return d;
        }
        return text;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node)
            array.append(yamlToJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &kv : node)
            object.insert(qs(kv.first.Scalar()), yamlToJson(kv.second));
        return object;
    }
    }
    return QJsonValue::Null;
}

YAML::Node stringNode(const QString &s)
{
    YAML::Node node(s.toStdString());
    node.SetTag("!");
    return node;
}

YAML::Node jsonToYaml(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return YAML::Node(value.toBool() ? "true" : "false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return YAML::Node(QByteArray::number(static_cast<qint64>(d)).toStdString());
        return YAML::Node(QByteArray::number(d, 'g', 17).toStdString());
    }
    case QJsonValue::String:
        return stringNode(value.toString());
    case QJsonValue::Array: {
        YAML::Node seq(YAML::NodeType::Sequence);
        for (const QJsonValue &item : value.toArray())
            seq.push_back(jsonToYaml(item));
        return seq;
    }
    case QJsonValue::Object: {
        YAML::Node map(YAML::NodeType::Map);
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            map[it.key().toStdString()] = jsonToYaml(it.value());
        return map;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return YAML::Node(YAML::NodeType::Null);
}

std::string emitYaml(const YAML::Node &root)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    emitNode(out, root);
    std::string text = out.c_str();
    if (!text.empty() && text.back() != '\n')
        text.push_back('\n');
    return text;
}

} // namespace md::kube::detail

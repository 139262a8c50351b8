#include "graph/graphjson.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace md::graph {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::graph::GraphJson)
};

Unexpected<Error> fail(const QString &where, const QString &message)
{
    return unexpected(QStringLiteral("graph.json"), message, where);
}

QString lineAndColumn(const QByteArray &json, int offset)
{
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else if ((json[i] & 0xc0) != 0x80) { // count characters, not UTF-8 bytes
            ++column;
        }
    }
    return Tr::tr("line %1, column %2").arg(line).arg(column);
}

Result<double> readSize(const QJsonObject &o, QLatin1String key, const QString &where,
                        double fallback)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isDouble() || !(v.toDouble() >= 0) || !std::isfinite(v.toDouble()))
        return fail(where + QLatin1Char('.') + key, Tr::tr("must be a number of at least 0"));
    return v.toDouble();
}

double rounded(double v)
{
    return std::round(v * 100.0) / 100.0;
}

} // namespace

Result<LayoutInput> readGraphJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(lineAndColumn(json, parseError.offset),
                    Tr::tr("invalid JSON: %1").arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(QString(),
                    Tr::tr("the graph must be a JSON object with \"nodes\" and "
                           "\"edges\""));
    const QJsonObject root = doc.object();
    const QJsonValue nodesValue = root.value(QLatin1String("nodes"));
    if (!nodesValue.isArray())
        return fail(QStringLiteral("nodes"), Tr::tr("must be an array"));
    const QJsonValue edgesValue = root.value(QLatin1String("edges"));
    if (!edgesValue.isUndefined() && !edgesValue.isArray())
        return fail(QStringLiteral("edges"), Tr::tr("must be an array"));

    LayoutInput input;
    const QJsonArray nodes = nodesValue.toArray();
    input.nodes.reserve(nodes.size());
    QHash<QString, int> index;
    index.reserve(nodes.size());
    for (int i = 0; i < nodes.size(); ++i) {
        const QString where = QStringLiteral("nodes[%1]").arg(i);
        if (!nodes[i].isObject())
            return fail(where, Tr::tr("must be an object"));
        const QJsonObject o = nodes[i].toObject();
        const QJsonValue id = o.value(QLatin1String("id"));
        if (!id.isString() || id.toString().isEmpty())
            return fail(where + QStringLiteral(".id"), Tr::tr("must be a non-empty string"));
        LayoutNode node;
        node.id = id.toString();
        const auto width = readSize(o, QLatin1String("width"), where, 80.0);
        if (!width)
            return unexpected(width.error());
        const auto height = readSize(o, QLatin1String("height"), where, 40.0);
        if (!height)
            return unexpected(height.error());
        node.width = *width;
        node.height = *height;
        const QJsonValue box = o.value(QLatin1String("box"));
        if (box.isString()) {
            if (!box.toString().isEmpty())
                node.boxPath = QStringList {box.toString()};
        } else if (box.isArray()) {
            const QJsonArray parts = box.toArray();
            for (int p = 0; p < parts.size(); ++p) {
                if (!parts[p].isString() || parts[p].toString().isEmpty())
                    return fail(where + QStringLiteral(".box[%1]").arg(p),
                                Tr::tr("must be a non-empty string"));
                node.boxPath << parts[p].toString();
            }
        } else if (!box.isUndefined() && !box.isNull()) {
            return fail(where + QStringLiteral(".box"),
                        Tr::tr("must be a string or an array of strings"));
        }
        const auto existing = index.constFind(node.id);
        if (existing != index.constEnd())
            return fail(where + QStringLiteral(".id"),
                        Tr::tr("duplicate id \"%1\" (first at nodes[%2])")
                            .arg(node.id)
                            .arg(existing.value()));
        index.insert(node.id, i);
        input.nodes.push_back(std::move(node));
    }
    const QJsonArray edges = edgesValue.toArray();
    input.edges.reserve(edges.size());
    for (int i = 0; i < edges.size(); ++i) {
        const QString where = QStringLiteral("edges[%1]").arg(i);
        if (!edges[i].isObject())
            return fail(where, Tr::tr("must be an object"));
        const QJsonObject o = edges[i].toObject();
        LayoutEdge edge;
        for (const QLatin1String key : {QLatin1String("source"), QLatin1String("target")}) {
            const QJsonValue v = o.value(key);
            if (!v.isString())
                return fail(where + QLatin1Char('.') + key, Tr::tr("must be a node id (a string)"));
            const auto it = index.constFind(v.toString());
            if (it == index.constEnd())
                return fail(where + QLatin1Char('.') + key,
                            Tr::tr("unknown node id \"%1\"").arg(v.toString()));
            (key == QLatin1String("source") ? edge.source : edge.target) = it.value();
        }
        input.edges.push_back(edge);
    }
    return input;
}

QByteArray writeLayoutJson(const LayoutInput &input, const LayoutResult &result)
{
    QJsonArray nodes, edges, boxes;
    for (const NodePlacement &p : result.nodes)
        nodes.append(QJsonObject {{QStringLiteral("id"), p.id},
                                  {QStringLiteral("x"), rounded(p.x)},
                                  {QStringLiteral("y"), rounded(p.y)},
                                  {QStringLiteral("width"), rounded(p.width)},
                                  {QStringLiteral("height"), rounded(p.height)}});
    for (size_t e = 0; e < input.edges.size() && e < result.edges.size(); ++e) {
        QJsonArray points;
        for (const QPointF &pt : result.edges[e].points)
            points.append(QJsonArray {rounded(pt.x()), rounded(pt.y())});
        edges.append(QJsonObject {{QStringLiteral("source"), input.nodes[input.edges[e].source].id},
                                  {QStringLiteral("target"), input.nodes[input.edges[e].target].id},
                                  {QStringLiteral("points"), points}});
    }
    for (const BoxPlacement &b : result.boxes)
        boxes.append(QJsonObject {{QStringLiteral("path"), QJsonArray::fromStringList(b.path)},
                                  {QStringLiteral("x"), rounded(b.rect.center().x())},
                                  {QStringLiteral("y"), rounded(b.rect.center().y())},
                                  {QStringLiteral("width"), rounded(b.rect.width())},
                                  {QStringLiteral("height"), rounded(b.rect.height())}});
    QJsonObject root {{QStringLiteral("nodes"), nodes}, {QStringLiteral("edges"), edges}};
    if (!boxes.isEmpty())
        root.insert(QStringLiteral("boxes"), boxes);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace md::graph

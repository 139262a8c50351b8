#pragma once

// Colours, sizes and label texts of the topology drawing, shared by the items, the minimap, the
// legend and the side panel.

#include "telemetry/topologygraph.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace md::ui::topology {

// What the edge labels show (the toolbar's "Edge labels").
enum class EdgeLabelMode { None, Rate, Distribution, ResponseTime, Throughput, Mtls };

namespace style {
constexpr double NodeSize = 30.0; // the shape's diameter
constexpr double LayoutWidth = 56.0; // the room a node takes in the layout (shape + label)
constexpr double LayoutHeight = 58.0;
constexpr double ShapeOffset = -10.0; // the shape's centre relative to the layout centre (y)

QColor healthColor(md::telemetry::Health health);
QColor edgeColor(const md::telemetry::Edge &edge);
QColor nodeFill(const md::telemetry::Node &node);
QColor textColor();
QColor mutedTextColor();
QColor highlightColor();
} // namespace style

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::Topology)
};

// "reviews-v2", "reviews v2", "details.bookinfo" ...: the node's main label.
QString nodeLabel(const md::telemetry::Node &node);
// A translated description of the node kind ("Workload", "Service entry", ...).
QString nodeKindText(const md::telemetry::Node &node);
// "12.3 rps", "850 B/s", "1.2 kB/s"...
QString formatRate(double perSecond, bool bytes);
QString formatMs(double ms);
QString formatPercent(double percent);
// The text of an edge label in `mode` (empty: none). `sourceOut` is the source node's total
// outbound request rate (for the distribution mode).
QString edgeLabel(const md::telemetry::Edge &edge, EdgeLabelMode mode, double sourceOut);
// Short badge glyphs ("VS", "CB", ...) and their translated names.
QList<std::pair<QString, QString>> badgeTexts(md::telemetry::Badges badges);

} // namespace md::ui::topology

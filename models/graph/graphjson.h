#pragma once

// The graph file format of `meshdesk-cli layout` and the layout benchmark:
//   {"nodes": [{"id": "ns/a", "width": 80, "height": 40, "box": ["cluster", "ns"]}],
//    "edges": [{"source": "ns/a", "target": "ns/b"}]}
// width, height (default 80 x 40) and box (a string or an array of strings, outermost first)
// are optional; other fields are ignored.

#include "core/result.h"
#include "graph/layout.h"

#include <QByteArray>

namespace md::graph {

// Errors carry code "graph.json" and say where: "line 3, column 14", "nodes[2].id",
// "edges[5].target".
Result<LayoutInput> readGraphJson(const QByteArray &json);

// {"nodes": [{"id", "x", "y", "width", "height"}], "edges": [{"source", "target", "points":
// [[x, y], ...]}], "boxes": [{"path": [...], "x", "y", "width", "height"}]}: x, y are centres,
// numbers rounded to 0.01.
QByteArray writeLayoutJson(const LayoutInput &input, const LayoutResult &result);

} // namespace md::graph

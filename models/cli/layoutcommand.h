#pragma once

#include <QStringList>
#include <QTextStream>

namespace md::cli {

// layout GRAPH.json [-o json]: lays out a graph file with md::graph::layout and prints the
// nodes' centres and sizes and the edges' routes as JSON. Exit 1 for a file that cannot be
// read or is not a valid graph, 2 for a usage error.
int runLayout(const QStringList &args, const QString &output, QTextStream &out, QTextStream &err);

} // namespace md::cli

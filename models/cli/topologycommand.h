#pragma once

// meshdesk-cli topology: the service topology graph from a Prometheus-compatible API, as the
// Topology page builds it (md::telemetry), printed as JSON or Graphviz dot.
//
//   topology --prometheus URL [--graph-type workload|app|versionedApp|service]
//            [--namespace NS]... [--cluster C]... [--time T] [--duration D] [--idle]
//            [-o json|dot] [--token TOKEN] [--insecure-skip-tls-verify]
//            [--kubeconfig FILE] [--context NAME]   (badges from the live config)
//
// T: unix seconds or RFC 3339 (default now); D: seconds or 30s, 10m, 2h, 1d (default 10m).
// Exit codes: 0 success, 1 Prometheus or API error, 2 usage error.

#include <QStringList>
#include <QTextStream>

namespace md::cli {

// `arguments` are those after "topology".
int runTopology(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace md::cli

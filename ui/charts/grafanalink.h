#pragma once

// Links into Istio's own Grafana dashboards (as shipped in istio/istio's
// manifests/addons/dashboards: Mesh G8wLrJIZk, Service LJ_uJAvmk, Workload UbsSZTDik) for the
// same object and time range as a MeshDesk dashboard.

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace md::ui {

struct GrafanaTarget
{
    QString level; // "mesh", "service", "workload"
    QString namespaceName;
    QString name;
    QDateTime from; // UTC
    QDateTime to;
};

// The dashboard URL below `grafanaBase` (a path prefix is kept); empty when the base is not an
// http(s) URL or the target lacks a name for its level.
QUrl grafanaDashboardUrl(const QString &grafanaBase, const GrafanaTarget &target);

} // namespace md::ui

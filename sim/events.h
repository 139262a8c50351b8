#pragma once

// Events as the components of a cluster record them (kubelet, scheduler, controllers,
// the sidecar injector): core/v1 Events, served as events.k8s.io/v1 Events too. Repeats of
// one event (same object, reason and message) are counted on the first one, as client-go's
// recorder does. A cluster keeps the latest kEventLimit events (a real one keeps an hour).

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <deque>

namespace md::sim {

class Cluster;

struct EventSpec
{
    QJsonObject regarding; // kind, namespace, name, uid, apiVersion, resourceVersion[, fieldPath]
    QString type = QStringLiteral("Normal"); // or "Warning"
    QString reason;
    QString message;
    QString component; // "kubelet", "default-scheduler", "replicaset-controller", ...
    QString host; // the node, for the kubelet
    QString action; // events.k8s.io action
};

class EventRecorder
{
public:
    static constexpr int kEventLimit = 1000;

    explicit EventRecorder(Cluster *cluster);

    void record(EventSpec event);
    bool hasPending() const { return !m_pending.isEmpty(); }
    // Writes what was recorded (the latest kEventLimit of it) and drops the oldest events
    // beyond the limit.
    void flush();

    static QJsonObject reference(const QJsonObject &object, const QString &apiVersion,
                                 const QString &kind, const QString &fieldPath = {});

private:
    void write(const EventSpec &event);

    Cluster *m_cluster;
    QList<EventSpec> m_pending;
    std::deque<QString> m_written; // "namespace/name", oldest first
    bool m_seeded = false; // m_written holds the events of a restored state
    QHash<QString, QString> m_byKey; // aggregation key → "namespace/name"
};

} // namespace md::sim

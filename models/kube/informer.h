#pragma once

// The GUI thread's view of a Reflector running in a cluster's worker thread (KubeWorker).
// The reflector lists, watches, decodes and keeps the authoritative cache there; every
// 150 ms at most it sends what changed, in chunks of a few thousand objects, and the
// informer applies that to its own copy here. Objects are implicitly shared, so the two
// copies share their bodies. Reading objects() never waits for the network.

#include "kube/reflector.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace md::kube {

class KubeWorker;

class Informer final : public QObject
{
    Q_OBJECT

public:
    Informer(KubeWorker *worker, ResourceRef resource, Reflector::Options options = {},
             QObject *parent = nullptr);
    ~Informer() override;

    void start();
    void stop();

    const ResourceRef &resource() const { return m_resource; }
    const Reflector::Status &status() const { return m_status; }
    const QHash<QString, KubeObject> &objects() const { return m_objects; } // by uid
    std::optional<KubeObject> object(const QString &ns, const QString &name) const;
    qsizetype size() const { return m_objects.size(); }

    // For benchmarks and diagnostics: the largest delta applied here, in objects, and the
    // longest time applying one took on this (the GUI) thread.
    qsizetype largestDelta() const { return m_largestDelta; }
    double longestApplyMs() const { return double(m_longestApplyNs) / 1e6; }

signals:
    void changed(const md::kube::Reflector::Delta &delta);
    void statusChanged(const md::kube::Reflector::Status &status);

private:
    void apply(const Reflector::Delta &delta);

    QPointer<KubeWorker> m_worker;
    ResourceRef m_resource;
    Reflector *m_reflector = nullptr; // lives in the worker thread (a child of its client)
    Reflector::Status m_status;
    QHash<QString, KubeObject> m_objects;
    QHash<QString, QString> m_uidByKey;
    qsizetype m_largestDelta = 0;
    qint64 m_longestApplyNs = 0;
};

} // namespace md::kube

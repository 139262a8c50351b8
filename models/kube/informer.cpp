#include "kube/informer.h"

#include "kube/kubeclient.h"
#include "kube/kubeworker.h"

#include <QElapsedTimer>

namespace md::kube {

Informer::Informer(KubeWorker *worker, ResourceRef resource, Reflector::Options options,
                   QObject *parent)
    : QObject(parent)
    , m_worker(worker)
    , m_resource(resource)
{
    // Created here, then handed to the worker thread: it must not have a parent yet.
    m_reflector = new Reflector(worker->client(), std::move(resource), std::move(options));
    connect(m_reflector, &Reflector::changed, this, &Informer::apply);
    connect(m_reflector, &Reflector::statusChanged, this, [this](const Reflector::Status &s) {
        m_status = s;
        emit statusChanged(s);
    });
    m_reflector->moveToThread(worker->workerThread());
    worker->post([reflector = m_reflector, client = worker->client()] {
        reflector->setParent(client); // deleted with the client at the latest
    });
}

Informer::~Informer()
{
    if (m_worker) {
        m_worker->post([reflector = m_reflector] {
            reflector->stop();
            delete reflector;
        });
    }
}

void Informer::start()
{
    if (m_worker)
        m_worker->post([reflector = m_reflector] { reflector->start(); });
}

void Informer::stop()
{
    if (m_worker)
        m_worker->post([reflector = m_reflector] { reflector->stop(); });
}

std::optional<KubeObject> Informer::object(const QString &ns, const QString &name) const
{
    const auto uid = m_uidByKey.constFind(KubeObject::keyFor(ns, name));
    if (uid == m_uidByKey.constEnd())
        return std::nullopt;
    return m_objects.value(*uid);
}

void Informer::apply(const Reflector::Delta &delta)
{
    QElapsedTimer timer;
    timer.start();
    m_largestDelta = std::max(m_largestDelta,
                              delta.added.size() + delta.modified.size() + delta.removed.size());
    if (delta.reset && delta.cacheSize > m_objects.capacity()) {
        // A list: grow the tables once rather than rehash them as the chunks arrive.
        m_objects.reserve(delta.cacheSize);
        m_uidByKey.reserve(delta.cacheSize);
    }
    for (const KubeObject &object : delta.removed) {
        const auto it = m_objects.find(object.cacheKey());
        if (it == m_objects.end())
            continue;
        m_uidByKey.remove(it->key());
        m_objects.erase(it);
    }
    for (const KubeObject &object : delta.added) {
        const QString uid = object.cacheKey();
        m_objects.insert(uid, object);
        m_uidByKey.insert(object.key(), uid);
    }
    for (const KubeObject &object : delta.modified)
        m_objects.insert(object.cacheKey(), object);
    m_longestApplyNs = std::max(m_longestApplyNs, timer.nsecsElapsed());
    emit changed(delta);
}

} // namespace md::kube

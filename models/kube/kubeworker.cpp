#include "kube/kubeworker.h"

#include "kube/kubeclient.h"

namespace md::kube {

KubeWorker::KubeWorker(RestConfig config, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("kube:") + config.contextName);
    m_client = new KubeClient(std::move(config));
    m_client->moveToThread(&m_thread);
    m_thread.start();
}

KubeWorker::~KubeWorker()
{
    // Objects living in the thread (the client, informers' reflectors) are deleted there,
    // in the order they were posted, before the thread stops.
    QMetaObject::invokeMethod(
        m_client, [client = m_client] { delete client; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void KubeWorker::post(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_client, std::move(work), Qt::QueuedConnection);
}

} // namespace md::kube

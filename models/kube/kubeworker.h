#pragma once

// A thread of its own for one cluster's client: its network replies, the decoding of lists
// and watch streams and the reflectors' caches all live there, so a 50 MB list or a burst
// of events never stalls the GUI thread. Informers (informer.h) bridge to the GUI thread.

#include "kube/restconfig.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace md::kube {

class KubeClient;

class KubeWorker final : public QObject
{
    Q_OBJECT

public:
    explicit KubeWorker(RestConfig config, QObject *parent = nullptr);
    ~KubeWorker() override; // stops the thread after deleting what lives in it

    // Lives in thread(); use it only from there (post()).
    KubeClient *client() const { return m_client; }
    QThread *workerThread() { return &m_thread; }

    // Runs `work` in the worker thread, in order with everything else posted.
    void post(std::function<void()> work);

private:
    QThread m_thread;
    KubeClient *m_client = nullptr;
};

} // namespace md::kube

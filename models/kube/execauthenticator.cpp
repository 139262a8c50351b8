#include "kube/execauthenticator.h"

#include "core/waiters.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>

namespace md::kube {

struct ExecAuthenticator::State
{
    ExecConfig exec;
    std::optional<ExecClusterInfo> cluster;
    ExecRunOptions options;
    Clock clock;

    mutable QMutex mutex;
    std::optional<ExecCredential> cached;
    Waiters<Result<ExecCredential>> waiting; // callers of the run in progress
    int runs = 0;
    quint64 certificateGeneration = 0;
    std::optional<QByteArray> lastCertificate; // of the last successful run

    Result<ExecCredential> run()
    {
        Result<ExecCredential> result = runExecPlugin(exec, cluster, options);
        QMutexLocker locker(&mutex);
        ++runs;
        if (result) {
            // Connections made with another client certificate must be closed (as client-go
            // does when the certificate changes, including to or from none).
            if (lastCertificate && *lastCertificate != result->clientCertificateData)
                ++certificateGeneration;
            lastCertificate = result->clientCertificateData;
            cached = *result;
        }
        auto waiters = waiting.take();
        locker.unlock();
        waiters.fulfil(result);
        return result;
    }
};

ExecAuthenticator::ExecAuthenticator(ExecConfig exec, std::optional<ExecClusterInfo> cluster,
                                     ExecRunOptions options, Clock clock)
    : d(std::make_shared<State>())
{
    d->exec = std::move(exec);
    d->cluster = std::move(cluster);
    d->options = std::move(options);
    d->clock = clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); });
}

std::shared_ptr<ExecAuthenticator>
ExecAuthenticator::shared(const ExecConfig &exec, const std::optional<ExecClusterInfo> &cluster,
                          const QString &userName)
{
    static QMutex mutex;
    using Cache = QHash<QByteArray, std::weak_ptr<ExecAuthenticator>>;
    static Cache cache;

    QByteArray key = execInfoJson(exec, cluster) + '\n' + exec.command.toUtf8() + '\n'
        + exec.args.join(QChar(0)).toUtf8() + '\n' + exec.interactiveMode.toUtf8() + '\n'
        + exec.installHint.toUtf8();
    for (const ExecEnvVar &var : exec.env)
        key += '\n' + var.name.toUtf8() + '=' + var.value.toUtf8();

    QMutexLocker locker(&mutex);
    if (auto existing = cache.value(key).lock())
        return existing;
    ExecRunOptions options;
    options.userName = userName;
    auto created = std::make_shared<ExecAuthenticator>(exec, cluster, options);
    cache.removeIf([](Cache::iterator it) { return it.value().expired(); });
    cache.insert(key, created);
    return created;
}

QThreadPool *ExecAuthenticator::pool()
{
    static QThreadPool *threads = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(4);
        p->setObjectName(QStringLiteral("md::kube exec plugins"));
        return p;
    }();
    return threads;
}

QFuture<Result<ExecCredential>> ExecAuthenticator::credential()
{
    QMutexLocker locker(&d->mutex);
    if (d->cached && !d->cached->isExpired(d->clock()))
        return QtFuture::makeReadyFuture(Result<ExecCredential>(*d->cached));
    bool first = false;
    QFuture<Result<ExecCredential>> future = d->waiting.add(&first);
    if (first) {
        // On a pool of its own rather than QtConcurrent::run: a caller waiting on the
        // future could otherwise take the queued task and run the plugin on its (GUI) thread.
        pool()->start([state = d] { state->run(); });
    }
    return future;
}

bool ExecAuthenticator::invalidate(const ExecCredential &used)
{
    QMutexLocker locker(&d->mutex);
    if (!d->cached || !(*d->cached == used))
        return false;
    d->cached.reset();
    return true;
}

std::optional<ExecCredential> ExecAuthenticator::cached() const
{
    QMutexLocker locker(&d->mutex);
    return d->cached;
}

int ExecAuthenticator::runs() const
{
    QMutexLocker locker(&d->mutex);
    return d->runs;
}

quint64 ExecAuthenticator::certificateGeneration() const
{
    QMutexLocker locker(&d->mutex);
    return d->certificateGeneration;
}

} // namespace md::kube

#pragma once

// Runs an exec credential plugin off the calling thread and caches what it returns, as
// client-go's exec authenticator does: the credential is reused until its
// expirationTimestamp (or until a 401 when it has none); a 401 makes the plugin run again
// once, unless the credential has already been replaced.

#include "kube/execcredential.h"

#include <QFuture>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

namespace md::kube {

class ExecAuthenticator
{
public:
    using Clock = std::function<QDateTime()>;

    ExecAuthenticator(ExecConfig exec, std::optional<ExecClusterInfo> cluster,
                      ExecRunOptions options = {}, Clock clock = {});

    // One authenticator per (exec config, cluster info), shared by every client using it.
    static std::shared_ptr<ExecAuthenticator> shared(const ExecConfig &exec,
                                                     const std::optional<ExecClusterInfo> &cluster,
                                                     const QString &userName = {});

    // The cached credential while it is valid, else a run of the plugin on a worker thread
    // (concurrent callers share one run). Never blocks; errors are not cached.
    QFuture<Result<ExecCredential>> credential();

    // The server answered 401 to a request made with `used`: forget it so that the next
    // credential() runs the plugin again. Returns false if the credential was already
    // replaced (rotated), in which case nothing changes.
    bool invalidate(const ExecCredential &used);

    std::optional<ExecCredential> cached() const;
    int runs() const; // how many times the plugin has run
    // Incremented when a new client certificate replaces another: connections made with the
    // old one should be closed.
    quint64 certificateGeneration() const;

    // The pool plugins run on (separate from the global pool; a few threads).
    static QThreadPool *pool();

private:
    struct State;
    std::shared_ptr<State> d;
};

} // namespace md::kube

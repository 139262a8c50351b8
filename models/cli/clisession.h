#pragma once

// What every meshdesk-cli command that talks to a cluster shares: waiting for an answer on
// the event loop, resolving a context of the kubeconfig into a connected client with the
// server's discovery, and listing a resource in pages. Errors come back as one translated
// line; warnings of the kubeconfig (TLS verification off, ...) are printed as they are met.

#include "core/result.h"
#include "kube/discovery.h"
#include "kube/kubeclient.h"
#include "kube/restconfig.h"

#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace md::cli {

// Runs the event loop until `start`'s callback has been called or the timeout passes (the
// CLI has no GUI thread to keep free; waiting here is its whole job). Empty on timeout.
template<typename T>
std::optional<T> await(const std::function<void(QObject *, std::function<void(T)>)> &start,
                       int timeoutMs = 60000)
{
    QEventLoop loop;
    std::optional<T> result;
    QObject context;
    start(&context, [&](T value) {
        result.emplace(std::move(value));
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return result;
}

struct Session
{
    md::kube::RestConfig rest; // rest.namespaceName: -n, else the context's namespace
    std::unique_ptr<md::kube::KubeClient> client;
    md::kube::DiscoveryInfo discovery;
};

struct SessionOptions
{
    QString kubeconfig; // --kubeconfig (empty: $KUBECONFIG or ~/.kube/config)
    QString context; // --context (empty: the current context)
    QString namespaceName; // -n
};

// Resolves the context, connects and runs discovery.
Result<std::unique_ptr<Session>, QString> connectSession(const SessionOptions &options,
                                                         QTextStream &err);

// Every object of `resource` in `ns` (empty: all namespaces), listed 500 at a time.
Result<QList<md::kube::KubeObject>, QString>
listObjects(Session &session, const md::kube::ResourceRef &resource, const QString &ns = {},
            const QString &labelSelector = {}, const QString &fieldSelector = {});

} // namespace md::cli

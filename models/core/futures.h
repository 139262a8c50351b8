#pragma once

// md::onFinished(context, future, callback): calls `callback` with the future's result on
// `context`'s thread once the future has finished; never when `context` is destroyed first,
// nor when the future was canceled.
//
// Used instead of QFuture::then(context, ...): with Qt 6.4 a future keeps only the last
// continuation attached to it, and a continuation attached with a context was now and then
// never run when the future finished while it was being attached (tst_topology_page failed
// about once in eight parallel runs before its side panel moved to a watcher). A
// QFutureWatcher owned by the context, connected before the future is set, delivers every
// time (Qt documents that order as race-free) and dies with its context.

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <type_traits>
#include <utility>

namespace md {

template<typename T, typename Callback>
void onFinished(QObject *context, const QFuture<T> &future, Callback &&callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, callback = std::forward<Callback>(callback)]() mutable {
                         watcher->deleteLater();
                         const QFuture<T> done = watcher->future();
                         if (done.isCanceled())
                             return;
                         if constexpr (std::is_void_v<T>)
                             callback();
                         else
                             callback(done.result());
                     });
    watcher->setFuture(future);
}

} // namespace md

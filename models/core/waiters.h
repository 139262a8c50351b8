#pragma once

// The callers waiting for one run of something slow (a credential plugin, a token refresh):
// each gets a future of its own, because a QFuture runs only the last continuation attached
// to it; callers sharing one future would leave all but the last waiting forever.
// Not thread-safe: guard it with its owner's mutex, and fulfil the taken waiters outside it.

#include <QFuture>
#include <QList>
#include <QPromise>

#include <memory>

namespace md {

template<typename T> class Waiters
{
public:
    // A future for one more caller. `first` tells whether nobody was waiting before, that is
    // whether the caller must start the run.
    QFuture<T> add(bool *first)
    {
        auto promise = std::make_shared<QPromise<T>>();
        promise->start();
        *first = m_promises.isEmpty();
        m_promises.append(promise);
        return promise->future();
    }

    bool isEmpty() const { return m_promises.isEmpty(); }

    // Everyone waiting so far; the next add() starts a new run.
    Waiters take()
    {
        Waiters taken;
        taken.m_promises.swap(m_promises);
        return taken;
    }

    void fulfil(const T &value)
    {
        for (const auto &promise : std::as_const(m_promises)) {
            promise->addResult(value);
            promise->finish();
        }
        m_promises.clear();
    }

private:
    QList<std::shared_ptr<QPromise<T>>> m_promises;
};

} // namespace md

#include "core/futures.h"

#include <QPromise>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>

class tst_Futures : public QObject
{
    Q_OBJECT

private slots:
    void finishedBeforeAttaching();
    void deliveredOnTheContextThread();
    void everyCallbackOfOneFutureRuns();
    void voidFutures();
    void notAfterTheContextIsDestroyed();
    void notForACanceledFuture();
    void manyRacingWorkers();
};

void tst_Futures::finishedBeforeAttaching()
{
    QObject context;
    int got = 0;
    md::onFinished(&context, QtFuture::makeReadyFuture(42), [&got](int value) { got = value; });
    QCOMPARE(got, 0); // never inline: always through the context's event loop
    QTRY_COMPARE(got, 42);
}

void tst_Futures::deliveredOnTheContextThread()
{
    QObject context;
    QPromise<QString> promise;
    promise.start();
    QThread *calledOn = nullptr;
    QString got;
    md::onFinished(&context, promise.future(), [&](const QString &value) {
        calledOn = QThread::currentThread();
        got = value;
    });
    std::unique_ptr<QThread> worker(QThread::create([&promise] {
        promise.addResult(QStringLiteral("from the worker"));
        promise.finish();
    }));
    worker->start();
    QVERIFY(worker->wait(5000));
    QTRY_COMPARE(got, QStringLiteral("from the worker"));
    QCOMPARE(calledOn, QThread::currentThread());
}

void tst_Futures::everyCallbackOfOneFutureRuns()
{
    // QFuture::then() in Qt 6.4 keeps only the last continuation of a future.
    QObject context;
    QPromise<int> promise;
    promise.start();
    const QFuture<int> future = promise.future();
    int first = 0, second = 0, third = 0;
    md::onFinished(&context, future, [&first](int v) { first = v; });
    md::onFinished(&context, future, [&second](int v) { second = v; });
    promise.addResult(7);
    promise.finish();
    md::onFinished(&context, future, [&third](int v) { third = v; });
    QTRY_VERIFY(first == 7 && second == 7 && third == 7);
}

void tst_Futures::voidFutures()
{
    QObject context;
    bool ran = false;
    std::atomic<bool> worked = false;
    md::onFinished(&context, QtConcurrent::run([&worked] { worked = true; }), [&] {
        QVERIFY(worked);
        ran = true;
    });
    QTRY_VERIFY(ran);
}

void tst_Futures::notAfterTheContextIsDestroyed()
{
    auto context = std::make_unique<QObject>();
    QPromise<int> promise;
    promise.start();
    bool ran = false;
    md::onFinished(context.get(), promise.future(), [&ran](int) { ran = true; });
    QCOMPARE(context->children().size(), 1); // the watcher, owned by the context
    context.reset();
    promise.addResult(1);
    promise.finish();
    QTest::qWait(50);
    QVERIFY(!ran);

    // Nothing is left behind once the callback has run.
    QObject kept;
    bool delivered = false;
    md::onFinished(&kept, QtFuture::makeReadyFuture(3), [&delivered](int) { delivered = true; });
    QTRY_VERIFY(delivered);
    QTRY_COMPARE(kept.children().size(), 0);
}

void tst_Futures::notForACanceledFuture()
{
    QObject context;
    QPromise<int> promise;
    promise.start();
    bool ran = false;
    md::onFinished(&context, promise.future(), [&ran](int) { ran = true; });
    promise.future().cancel();
    promise.finish();
    QTRY_COMPARE(context.children().size(), 0); // the watcher saw the end and went away
    QVERIFY(!ran);
}

void tst_Futures::manyRacingWorkers()
{
    // Workers that finish while their callback is being attached, and after: every one is
    // delivered, exactly once.
    QObject context;
    constexpr int Runs = 3000;
    int delivered = 0;
    long long sum = 0;
    for (int i = 0; i < Runs; ++i) {
        md::onFinished(&context, QtConcurrent::run([i] { return i; }), [&](int value) {
            ++delivered;
            sum += value;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(delivered, Runs, 20000);
    QCOMPARE(sum, (long long)Runs * (Runs - 1) / 2);
    QTest::qWait(20);
    QCOMPARE(delivered, Runs);
}

QTEST_GUILESS_MAIN(tst_Futures)
#include "tst_futures.moc"

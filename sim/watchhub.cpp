#include "watchhub.h"

#include "cluster.h"
#include "httpserver.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

constexpr int kDefaultTimeoutSeconds = 1800;
constexpr int kBookmarkIntervalMs = 10000;

QString nsOf(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
}

} // namespace

struct WatchHub::Watch
{
    WatchSpec spec;
    QPointer<HttpStream> stream;
    QTimer timeout;
    QTimer bookmark;
    qint64 lastVersion = 0;
};

QByteArray watchEventLine(const char *type, const QJsonObject &object)
{
    return QJsonDocument(
               QJsonObject {{u"type"_s, QString::fromLatin1(type)}, {u"object"_s, object}})
               .toJson(QJsonDocument::Compact)
        + '\n';
}

WatchHub::WatchHub(Cluster *cluster)
    : QObject(cluster)
    , m_cluster(cluster)
{ }

WatchHub::~WatchHub() = default;

void WatchHub::start(HttpStream *stream, const WatchSpec &spec)
{
    auto watch = std::make_unique<Watch>();
    watch->spec = spec;
    watch->stream = stream;
    Watch *w = watch.get();
    const Store &store = m_cluster->store();
    w->lastVersion = store.resourceVersion();
    if (spec.sendInitial) {
        for (const auto &entry : store.objects(spec.typeKey)) {
            const QJsonObject &o = entry.second;
            if (!spec.ns.isEmpty() && nsOf(o) != spec.ns)
                continue;
            if (spec.filter.matches(o)) {
                QJsonObject out = o;
                out.insert(u"apiVersion"_s, spec.apiVersion);
                sendObject(*w, "ADDED", out);
            }
        }
        if (spec.initialEventsEnd)
            sendBookmark(*w, true);
    } else if (spec.fromVersion > 0) {
        for (const StoreEvent &event : store.history())
            if (event.resourceVersion > spec.fromVersion && event.typeKey == spec.typeKey)
                deliver(*w, event);
    }
    w->timeout.setSingleShot(true);
    connect(&w->timeout, &QTimer::timeout, this, [this, w] {
        // As the API server does, a last bookmark lets the client resume from here.
        if (w->spec.bookmarks)
            sendBookmark(*w, false);
        if (w->stream)
            w->stream->finish();
    });
    w->timeout.start((spec.timeoutSeconds > 0 ? spec.timeoutSeconds : kDefaultTimeoutSeconds)
                     * 1000);
    if (spec.bookmarks) {
        connect(&w->bookmark, &QTimer::timeout, this, [this, w] { sendBookmark(*w, false); });
        w->bookmark.start(kBookmarkIntervalMs);
    }
    connect(stream, &HttpStream::closed, this, [this, w] {
        w->timeout.stop();
        w->bookmark.stop();
        w->stream.clear();
        // Removed later: this may run inside one of the watch's own timer signals.
        QMetaObject::invokeMethod(
            this,
            [this, w] { std::erase_if(m_watches, [w](const auto &p) { return p.get() == w; }); },
            Qt::QueuedConnection);
    });
    m_watches.push_back(std::move(watch));
}

void WatchHub::send(Watch &watch, const char *type, const QJsonObject &object)
{
    if (watch.stream)
        watch.stream->write(watchEventLine(type, object));
}

void WatchHub::sendBookmark(Watch &watch, bool initialEventsEnd)
{
    QJsonObject meta {
        {u"resourceVersion"_s, QString::number(m_cluster->store().resourceVersion())}};
    if (initialEventsEnd)
        meta.insert(u"annotations"_s, QJsonObject {{u"k8s.io/initial-events-end"_s, u"true"_s}});
    send(watch, "BOOKMARK",
         QJsonObject {{u"kind"_s, watch.spec.kind},
                      {u"apiVersion"_s, watch.spec.apiVersion},
                      {u"metadata"_s, meta}});
}

// ADDED/MODIFIED/DELETED objects, as Tables when the watch asked for them.
void WatchHub::sendObject(Watch &watch, const char *type, const QJsonObject &object)
{
    const ResourceType *t = watch.spec.tableVersion.isEmpty()
        ? nullptr
        : m_cluster->registry().byKey(watch.spec.typeKey);
    if (!t) {
        send(watch, type, object);
        return;
    }
    send(watch, type, makeTable(*t, watch.spec.tableVersion, {object}, watch.spec.include));
}

void WatchHub::deliver(Watch &w, const StoreEvent &event)
{
    const WatchSpec &spec = w.spec;
    const QJsonObject &object = event.object;
    if (!spec.ns.isEmpty() && nsOf(object) != spec.ns)
        return;
    const bool matchesNow = spec.filter.matches(object);
    const bool matchedBefore
        = event.type == StoreEvent::Type::Modified && spec.filter.matches(event.previous);
    const char *type = nullptr;
    switch (event.type) {
    case StoreEvent::Type::Added:
        type = matchesNow ? "ADDED" : nullptr;
        break;
    case StoreEvent::Type::Modified:
        // An object entering or leaving the selection is ADDED or DELETED for this watch.
        if (matchesNow)
            type = matchedBefore ? "MODIFIED" : "ADDED";
        else if (matchedBefore)
            type = "DELETED";
        break;
    case StoreEvent::Type::Deleted:
        type = matchesNow ? "DELETED" : nullptr;
        break;
    }
    if (!type)
        return;
    QJsonObject out = object;
    out.insert(u"apiVersion"_s, spec.apiVersion);
    sendObject(w, type, out);
}

void WatchHub::dispatch(const StoreEvent &event)
{
    for (const auto &w : m_watches)
        if (w->spec.typeKey == event.typeKey)
            deliver(*w, event);
}

void WatchHub::closeAll()
{
    QList<QPointer<HttpStream>> streams;
    for (const auto &w : m_watches)
        streams << w->stream;
    for (const auto &s : streams)
        if (s)
            s->finish();
}

} // namespace md::sim

namespace md::sim {

void WatchHub::dropAll()
{
    QList<QPointer<HttpStream>> streams;
    for (const auto &w : m_watches)
        streams << w->stream;
    for (const auto &s : streams)
        if (s)
            s->abort();
}

} // namespace md::sim

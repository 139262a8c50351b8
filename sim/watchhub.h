#pragma once

// Open watch streams of one cluster. Each watch gets the store's events for its resource
// type (filtered by namespace and selectors) as newline-delimited JSON chunks, BOOKMARKs
// when asked for, and ends after timeoutSeconds.

#include "selectors.h"
#include "store.h"
#include "tables.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace md::sim {

class Cluster;
class HttpStream;

struct WatchSpec
{
    QString typeKey;
    QString apiVersion; // of the events' objects
    QString kind;
    QString ns; // empty: all namespaces (or a cluster-scoped type)
    ObjectFilter filter;
    bool sendInitial = false; // synthetic ADDED events for the current state first
    qint64 fromVersion = 0; // replay history after this resourceVersion
    bool bookmarks = false;
    bool initialEventsEnd = false; // sendInitialEvents: a BOOKMARK marks the end of the dump
    int timeoutSeconds = 0; // 0: the server default
    QString tableVersion; // non-empty: objects are sent as meta.k8s.io Tables
    IncludeObject include = IncludeObject::Metadata;
};

class WatchHub : public QObject
{
    Q_OBJECT
public:
    explicit WatchHub(Cluster *cluster);
    ~WatchHub() override;

    // Starts a watch on an open stream. The caller has checked the version is not too old.
    void start(HttpStream *stream, const WatchSpec &spec);
    void dispatch(const StoreEvent &event);
    int activeCount() const { return int(m_watches.size()); }
    // Ends every open watch cleanly (shutdown).
    void closeAll();
    // Drops every open watch connection abruptly (fault injection).
    void dropAll();

private:
    struct Watch;
    void send(Watch &watch, const char *type, const QJsonObject &object);
    void sendObject(Watch &watch, const char *type, const QJsonObject &object);
    void sendBookmark(Watch &watch, bool initialEventsEnd);
    void deliver(Watch &watch, const StoreEvent &event);
    Cluster *m_cluster;
    std::vector<std::unique_ptr<Watch>> m_watches;
};

QByteArray watchEventLine(const char *type, const QJsonObject &object);

} // namespace md::sim

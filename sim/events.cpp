#include "events.h"

#include "cluster.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kCoreEvents = u"events"_s;
const QString kEvents = u"events.events.k8s.io"_s;

QString aggregationKey(const EventSpec &e)
{
    return e.regarding.value(u"uid"_s).toString() + u'|'
        + e.regarding.value(u"fieldPath"_s).toString() + u'|' + e.reason + u'|' + e.message + u'|'
        + e.component;
}

// The events.k8s.io/v1 form of a core/v1 Event (the API server converts between them).
QJsonObject asEventsV1(const QJsonObject &core)
{
    const QJsonObject source = core.value(u"source"_s).toObject();
    QJsonObject meta = core.value(u"metadata"_s).toObject();
    meta.remove(u"managedFields"_s);
    meta.remove(u"resourceVersion"_s);
    QJsonObject out {{u"apiVersion"_s, u"events.k8s.io/v1"_s},
                     {u"kind"_s, u"Event"_s},
                     {u"metadata"_s, meta},
                     {u"eventTime"_s, QJsonValue::Null},
                     {u"reportingController"_s, core.value(u"reportingComponent"_s)},
                     {u"reportingInstance"_s, core.value(u"reportingInstance"_s)},
                     {u"action"_s, core.value(u"action"_s)},
                     {u"reason"_s, core.value(u"reason"_s)},
                     {u"regarding"_s, core.value(u"involvedObject"_s)},
                     {u"note"_s, core.value(u"message"_s)},
                     {u"type"_s, core.value(u"type"_s)},
                     {u"deprecatedSource"_s, source},
                     {u"deprecatedFirstTimestamp"_s, core.value(u"firstTimestamp"_s)},
                     {u"deprecatedLastTimestamp"_s, core.value(u"lastTimestamp"_s)},
                     {u"deprecatedCount"_s, core.value(u"count"_s)}};
    if (out.value(u"action"_s).isUndefined())
        out.remove(u"action"_s);
    return out;
}

} // namespace

EventRecorder::EventRecorder(Cluster *cluster)
    : m_cluster(cluster)
{ }

QJsonObject EventRecorder::reference(const QJsonObject &object, const QString &apiVersion,
                                     const QString &kind, const QString &fieldPath)
{
    const QJsonObject m = object.value(u"metadata"_s).toObject();
    QJsonObject ref {{u"kind"_s, kind},
                     {u"namespace"_s, m.value(u"namespace"_s)},
                     {u"name"_s, m.value(u"name"_s)},
                     {u"uid"_s, m.value(u"uid"_s)},
                     {u"apiVersion"_s, apiVersion},
                     {u"resourceVersion"_s, m.value(u"resourceVersion"_s)}};
    if (!fieldPath.isEmpty())
        ref.insert(u"fieldPath"_s, fieldPath);
    return ref;
}

void EventRecorder::record(EventSpec event)
{
    m_pending << std::move(event);
}

void EventRecorder::flush()
{
    if (!m_seeded) {
        // Events restored from --state-dir count towards the limit, oldest first.
        m_seeded = true;
        QList<QPair<QString, QString>> restored;
        for (const auto &entry : m_cluster->store().objects(kCoreEvents)) {
            const QJsonObject m = entry.second.value(u"metadata"_s).toObject();
            restored << qMakePair(entry.second.value(u"lastTimestamp"_s).toString(),
                                  m.value(u"namespace"_s).toString() + u'/'
                                      + m.value(u"name"_s).toString());
        }
        std::sort(restored.begin(), restored.end());
        for (const auto &r : restored)
            m_written.push_back(r.second);
    }
    QList<EventSpec> pending = std::exchange(m_pending, {});
    if (pending.size() > kEventLimit)
        pending = pending.mid(pending.size() - kEventLimit);
    for (const EventSpec &e : pending)
        write(e);
    Store &store = m_cluster->store();
    while (m_written.size() > size_t(kEventLimit)) {
        const QString key = m_written.front();
        m_written.pop_front();
        const QString ns = key.section(u'/', 0, 0);
        const QString name = key.section(u'/', 1);
        store.remove(kCoreEvents, ns, name);
        store.remove(kEvents, ns, name);
    }
}

void EventRecorder::write(const EventSpec &e)
{
    Store &store = m_cluster->store();
    const Registry &registry = m_cluster->registry();
    const ResourceType *coreType = registry.byKey(kCoreEvents);
    const ResourceType *v1Type = registry.byKey(kEvents);
    if (!coreType || !v1Type)
        return;
    const QString ns = e.regarding.value(u"namespace"_s).toString(u"default"_s);
    if (!m_cluster->namespaceObject(ns))
        return; // the namespace went (with the object the event is about)
    const QString nowText = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QString key = aggregationKey(e);
    if (const auto it = m_byKey.constFind(key); it != m_byKey.constEnd()) {
        const QString name = it->section(u'/', 1);
        if (auto existing = store.get(kCoreEvents, ns, name)) {
            QJsonObject next = *existing;
            next.insert(u"count"_s, existing->value(u"count"_s).toInt(1) + 1);
            next.insert(u"lastTimestamp"_s, nowText);
            const QJsonObject stored = m_cluster->putInternal(*coreType, next, e.component);
            m_cluster->putInternal(*v1Type, asEventsV1(stored), e.component);
            return;
        }
    }
    // client-go names an event <object>.<the time in nanoseconds, hex>.
    qint64 nanos = QDateTime::currentMSecsSinceEpoch() * 1000000
        + QRandomGenerator::global()->bounded(1000000);
    QString name;
    do {
        name = e.regarding.value(u"name"_s).toString() + u'.' + QString::number(nanos++, 16);
    } while (store.get(kCoreEvents, ns, name));
    QJsonObject core {{u"apiVersion"_s, u"v1"_s},
                      {u"kind"_s, u"Event"_s},
                      {u"metadata"_s, QJsonObject {{u"name"_s, name}, {u"namespace"_s, ns}}},
                      {u"involvedObject"_s, e.regarding},
                      {u"reason"_s, e.reason},
                      {u"message"_s, e.message},
                      {u"source"_s,
                       e.host.isEmpty()
                           ? QJsonObject {{u"component"_s, e.component}}
                           : QJsonObject {{u"component"_s, e.component}, {u"host"_s, e.host}}},
                      {u"firstTimestamp"_s, nowText},
                      {u"lastTimestamp"_s, nowText},
                      {u"count"_s, 1},
                      {u"type"_s, e.type},
                      {u"eventTime"_s, QJsonValue::Null},
                      {u"reportingComponent"_s, e.component},
                      {u"reportingInstance"_s, e.host}};
    if (!e.action.isEmpty())
        core.insert(u"action"_s, e.action);
    const QJsonObject stored = m_cluster->putInternal(*coreType, core, e.component);
    m_cluster->putInternal(*v1Type, asEventsV1(stored), e.component);
    m_written.push_back(ns + u'/' + name);
    m_byKey.insert(key, ns + u'/' + name);
    if (m_byKey.size() > 4 * kEventLimit) {
        QHash<QString, QString> kept;
        for (auto it = m_byKey.begin(); it != m_byKey.end(); ++it)
            if (store.get(kCoreEvents, it->section(u'/', 0, 0), it->section(u'/', 1)))
                kept.insert(it.key(), it.value());
        m_byKey = kept;
    }
}

} // namespace md::sim

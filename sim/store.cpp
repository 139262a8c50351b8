#include "store.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QString nsOf(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
}

QString nameOf(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject().value(u"name"_s).toString();
}

void stampVersion(QJsonObject &o, qint64 rv)
{
    QJsonObject meta = o.value(u"metadata"_s).toObject();
    meta.insert(u"resourceVersion"_s, QString::number(rv));
    o.insert(u"metadata"_s, meta);
}

} // namespace

Store::Store(int historyLimit, QObject *parent)
    : QObject(parent)
    , m_historyLimit(historyLimit)
{ }

std::optional<QJsonObject> Store::get(const QString &typeKey, const QString &ns,
                                      const QString &name) const
{
    const auto t = m_objects.find(typeKey);
    if (t == m_objects.end())
        return std::nullopt;
    const auto o = t->second.find(objectKey(ns, name));
    if (o == t->second.end())
        return std::nullopt;
    return o->second;
}

const Store::Objects &Store::objects(const QString &typeKey) const
{
    static const Objects empty;
    const auto t = m_objects.find(typeKey);
    return t == m_objects.end() ? empty : t->second;
}

QJsonObject Store::put(const QString &typeKey, QJsonObject object)
{
    const qint64 rv = ++m_resourceVersion;
    stampVersion(object, rv);
    Objects &objects = m_objects[typeKey];
    const QString key = objectKey(nsOf(object), nameOf(object));
    auto it = objects.find(key);
    StoreEvent event;
    event.resourceVersion = rv;
    event.typeKey = typeKey;
    event.object = object;
    if (it == objects.end()) {
        event.type = StoreEvent::Type::Added;
        objects.emplace(key, object);
    } else {
        event.type = StoreEvent::Type::Modified;
        event.previous = it->second;
        it->second = object;
    }
    record(std::move(event));
    return object;
}

std::optional<QJsonObject> Store::remove(const QString &typeKey, const QString &ns,
                                         const QString &name)
{
    const auto t = m_objects.find(typeKey);
    if (t == m_objects.end())
        return std::nullopt;
    const auto o = t->second.find(objectKey(ns, name));
    if (o == t->second.end())
        return std::nullopt;
    QJsonObject object = o->second;
    t->second.erase(o);
    const qint64 rv = ++m_resourceVersion;
    stampVersion(object, rv);
    record(StoreEvent {StoreEvent::Type::Deleted, rv, typeKey, object, {}});
    return object;
}

void Store::removeType(const QString &typeKey)
{
    const auto t = m_objects.find(typeKey);
    if (t == m_objects.end())
        return;
    QList<QJsonObject> all;
    for (const auto &entry : t->second)
        all << entry.second;
    for (const QJsonObject &o : all)
        remove(typeKey, nsOf(o), nameOf(o));
    m_objects.erase(typeKey);
}

void Store::record(StoreEvent event)
{
    m_history.push_back(event);
    while (int(m_history.size()) > m_historyLimit) {
        m_historyFloor = m_history.front().resourceVersion;
        m_history.pop_front();
    }
    emit changed(m_history.back());
}

qint64 Store::oldestWatchableVersion() const
{
    return m_historyFloor;
}

qint64 Store::objectCount() const
{
    qint64 n = 0;
    for (const auto &t : m_objects)
        n += qint64(t.second.size());
    return n;
}

QJsonObject Store::toJson() const
{
    QJsonObject types;
    for (const auto &t : m_objects) {
        QJsonArray list;
        for (const auto &o : t.second)
            list.append(o.second);
        if (!list.isEmpty())
            types.insert(t.first, list);
    }
    return QJsonObject {{u"resourceVersion"_s, QString::number(m_resourceVersion)},
                        {u"types"_s, types}};
}

Result<void> Store::loadJson(const QJsonObject &state)
{
    bool ok = false;
    const qint64 rv = state.value(u"resourceVersion"_s).toString().toLongLong(&ok);
    if (!ok || !state.value(u"types"_s).isObject())
        return unexpected(u"state.invalid"_s, u"not a meshsim state document"_s);
    m_objects.clear();
    m_history.clear();
    const QJsonObject types = state.value(u"types"_s).toObject();
    for (auto t = types.begin(); t != types.end(); ++t) {
        Objects &objects = m_objects[t.key()];
        for (const QJsonValue &v : t.value().toArray()) {
            const QJsonObject o = v.toObject();
            objects.emplace(objectKey(nsOf(o), nameOf(o)), o);
        }
    }
    m_resourceVersion = rv;
    m_historyFloor = rv;
    return {};
}

} // namespace md::sim

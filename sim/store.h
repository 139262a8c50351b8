#pragma once

// The object store of one simulated cluster: objects by resource type, a cluster-wide
// resourceVersion counter, and a bounded history of changes that watches replay from.
// Objects are held as stored (storage-version JSON); the API layer converts apiVersion.

#include "core/result.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <deque>
#include <map>
#include <optional>

namespace md::sim {

struct StoreEvent
{
    enum class Type { Added, Modified, Deleted };
    Type type = Type::Added;
    qint64 resourceVersion = 0;
    QString typeKey; // ResourceType::key()
    QJsonObject object; // the object after the change (before, for Deleted)
    QJsonObject previous; // the object before a modification
};

class Store : public QObject
{
    Q_OBJECT
public:
    using Objects = std::map<QString, QJsonObject>; // "namespace/name" (or "name") → object

    explicit Store(int historyLimit = 10000, QObject *parent = nullptr);

    static QString objectKey(const QString &ns, const QString &name)
    {
        return ns.isEmpty() ? name : ns + u'/' + name;
    }

    std::optional<QJsonObject> get(const QString &typeKey, const QString &ns,
                                   const QString &name) const;
    const Objects &objects(const QString &typeKey) const;

    // Writes stamp metadata.resourceVersion with the next counter value and return the
    // stored object.
    QJsonObject put(const QString &typeKey, QJsonObject object);
    std::optional<QJsonObject> remove(const QString &typeKey, const QString &ns,
                                      const QString &name);
    void removeType(const QString &typeKey);

    qint64 resourceVersion() const { return m_resourceVersion; }
    // The oldest resourceVersion a watch can start from (events after it are all kept).
    qint64 oldestWatchableVersion() const;
    const std::deque<StoreEvent> &history() const { return m_history; }

    // Persistence: the whole store as one JSON document.
    QJsonObject toJson() const;
    Result<void> loadJson(const QJsonObject &state);
    qint64 objectCount() const;

signals:
    void changed(const md::sim::StoreEvent &event);

private:
    void record(StoreEvent event);
    std::map<QString, Objects> m_objects;
    std::deque<StoreEvent> m_history;
    qint64 m_resourceVersion = 1;
    qint64 m_historyFloor = 1;
    int m_historyLimit;
};

} // namespace md::sim

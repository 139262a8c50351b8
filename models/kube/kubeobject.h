#pragma once

// One Kubernetes object as the caches hold it: its identity and version decoded, its body
// kept as the validated JSON text the server sent. Lists of tens of thousands of objects are
// decoded with simdjson (models/kube/jsondecode.cpp) at hundreds of MB/s; building a
// QJsonObject for each would cost more than the network. The tree is built on demand
// (toJson()) for the few objects a view or an editor opens. Implicitly shared and immutable:
// copies are cheap, and a copy handed to another thread is safe.

#include "core/result.h"

#include <QByteArray>
#include <QExplicitlySharedDataPointer>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <utility>

namespace md::kube {

class KubeObject
{
public:
    using Labels = QList<std::pair<QString, QString>>; // in the order the server sent them

    KubeObject(); // a null object
    ~KubeObject();
    KubeObject(const KubeObject &);
    KubeObject &operator=(const KubeObject &);
    KubeObject(KubeObject &&) noexcept;
    KubeObject &operator=(KubeObject &&) noexcept;

    // Parses and validates one JSON object. The error names the offset and the problem.
    static Result<KubeObject> fromJson(QByteArrayView json);
    static KubeObject fromJsonObject(const QJsonObject &object);

    bool isNull() const { return !d; }

    const QString &uid() const;
    const QString &namespaceName() const;
    const QString &name() const;
    const QString &resourceVersion() const;
    const QString &kind() const; // often empty in list items
    qint64 generation() const;
    const Labels &labels() const;
    QString label(const QString &key) const;

    // "namespace/name", or "name" for cluster-scoped objects.
    QString key() const;
    static QString keyFor(const QString &ns, const QString &name);
    // What a cache indexes by: the uid, or the key when the server sent no uid.
    QString cacheKey() const;

    const QByteArray &json() const; // the object's JSON text, compact
    QJsonObject toJson() const; // the whole tree, parsed now

    // Same identity and version (the body of one version never changes).
    bool sameVersion(const KubeObject &other) const;
    bool operator==(const KubeObject &other) const;

    struct Data;

private:
    friend class KubeObjectBuilder;
    explicit KubeObject(Data *data);
    QExplicitlySharedDataPointer<const Data> d;
};

// A decoded list answer.
struct ObjectList
{
    QList<KubeObject> items;
    QString resourceVersion;
    QString continueToken;
    QString kind;
    qsizetype bytes = 0;
};

// simdjson, behind one translation unit (its header is large).
namespace decode {
// Decodes a list answer ({"kind": ..., "metadata": {...}, "items": [...]}). `body` may be
// padded in place (its capacity grows by 64 bytes) to spare a copy of a large answer.
Result<ObjectList> list(QByteArray &body);
} // namespace decode

} // namespace md::kube

Q_DECLARE_METATYPE(md::kube::KubeObject)

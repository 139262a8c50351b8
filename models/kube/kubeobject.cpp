#include "kube/kubeobject.h"

#include "kube/kubeobject_p.h"

#include <QJsonDocument>

namespace md::kube {

namespace {
const KubeObject::Data &emptyData()
{
    static const KubeObject::Data empty;
    return empty;
}
} // namespace

KubeObject::KubeObject() = default;
KubeObject::~KubeObject() = default;
KubeObject::KubeObject(const KubeObject &) = default;
KubeObject &KubeObject::operator=(const KubeObject &) = default;
KubeObject::KubeObject(KubeObject &&) noexcept = default;
KubeObject &KubeObject::operator=(KubeObject &&) noexcept = default;
KubeObject::KubeObject(Data *data)
    : d(data)
{ }

KubeObject KubeObject::fromJsonObject(const QJsonObject &object)
{
    auto *data = new Data;
    const QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    data->uid = metadata.value(QLatin1String("uid")).toString();
    data->namespaceName = metadata.value(QLatin1String("namespace")).toString();
    data->name = metadata.value(QLatin1String("name")).toString();
    data->resourceVersion = metadata.value(QLatin1String("resourceVersion")).toString();
    data->generation = metadata.value(QLatin1String("generation")).toInteger();
    data->kind = object.value(QLatin1String("kind")).toString();
    const QJsonObject labels = metadata.value(QLatin1String("labels")).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it)
        data->labels.append({it.key(), it.value().toString()});
    data->json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return KubeObject(data);
}

const QString &KubeObject::uid() const
{
    return (d ? *d : emptyData()).uid;
}

const QString &KubeObject::namespaceName() const
{
    return (d ? *d : emptyData()).namespaceName;
}

const QString &KubeObject::name() const
{
    return (d ? *d : emptyData()).name;
}

const QString &KubeObject::resourceVersion() const
{
    return (d ? *d : emptyData()).resourceVersion;
}

const QString &KubeObject::kind() const
{
    return (d ? *d : emptyData()).kind;
}

qint64 KubeObject::generation() const
{
    return d ? d->generation : 0;
}

const KubeObject::Labels &KubeObject::labels() const
{
    return (d ? *d : emptyData()).labels;
}

QString KubeObject::label(const QString &key) const
{
    for (const auto &[k, v] : labels()) {
        if (k == key)
            return v;
    }
    return {};
}

QString KubeObject::key() const
{
    return d ? keyFor(d->namespaceName, d->name) : QString();
}

QString KubeObject::keyFor(const QString &ns, const QString &name)
{
    return ns.isEmpty() ? name : ns + QLatin1Char('/') + name;
}

QString KubeObject::cacheKey() const
{
    return d && !d->uid.isEmpty() ? d->uid : key();
}

const QByteArray &KubeObject::json() const
{
    return (d ? *d : emptyData()).json;
}

QJsonObject KubeObject::toJson() const
{
    if (!d)
        return {};
    return QJsonDocument::fromJson(d->json).object();
}

bool KubeObject::sameVersion(const KubeObject &other) const
{
    return cacheKey() == other.cacheKey() && resourceVersion() == other.resourceVersion();
}

bool KubeObject::operator==(const KubeObject &other) const
{
    return d == other.d || json() == other.json();
}

} // namespace md::kube

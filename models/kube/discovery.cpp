#include "kube/discovery.h"

#include "kube/kubeclient.h"

#include <QJsonArray>
#include <QPointer>

#include <memory>

namespace md::kube {

namespace {

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list << v.toString();
    return list;
}

void addResources(DiscoveryInfo &info, const QString &group, const QString &version, bool preferred,
                  const QJsonObject &resourceList)
{
    for (const QJsonValue &value : resourceList.value(QLatin1String("resources")).toArray()) {
        const QJsonObject r = value.toObject();
        const QString name = r.value(QLatin1String("name")).toString();
        if (name.isEmpty() || name.contains(QLatin1Char('/')))
            continue; // subresource
        ApiResource resource;
        resource.ref
            = ResourceRef {group, version, name, r.value(QLatin1String("namespaced")).toBool(),
                           r.value(QLatin1String("kind")).toString()};
        resource.singular = r.value(QLatin1String("singularName")).toString();
        if (resource.singular.isEmpty())
            resource.singular = resource.ref.kind.toLower();
        resource.verbs = strings(r.value(QLatin1String("verbs")));
        resource.shortNames = strings(r.value(QLatin1String("shortNames")));
        resource.categories = strings(r.value(QLatin1String("categories")));
        resource.preferredVersion = preferred;
        info.resources.append(resource);
    }
}

struct Pending
{
    DiscoveryInfo info;
    int outstanding = 0;
    std::optional<ApiError> error;
    std::function<void(Result<DiscoveryInfo, ApiError>)> done;

    void finishOne()
    {
        if (--outstanding > 0)
            return;
        if (error) {
            done(Result<DiscoveryInfo, ApiError>(Unexpected<ApiError> {*error}));
            return;
        }
        info.fetchedAt = QDateTime::currentDateTimeUtc();
        done(Result<DiscoveryInfo, ApiError>(std::move(info)));
    }
};

} // namespace

const ApiResource *DiscoveryInfo::find(const QString &name) const
{
    QString resource = name;
    QString group;
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    if (dot > 0) {
        resource = name.left(dot);
        group = name.mid(dot + 1);
    }
    const ApiResource *fallback = nullptr;
    for (const ApiResource &r : resources) {
        if (dot > 0 && r.ref.group != group)
            continue;
        const bool matches = r.ref.plural.compare(resource, Qt::CaseInsensitive) == 0
            || r.singular.compare(resource, Qt::CaseInsensitive) == 0
            || r.ref.kind.compare(resource, Qt::CaseInsensitive) == 0
            || r.shortNames.contains(resource, Qt::CaseInsensitive);
        if (!matches)
            continue;
        // Core group and preferred versions first, as kubectl's shortcut expander does.
        if (r.preferredVersion && (r.ref.group.isEmpty() || dot > 0))
            return &r;
        if (!fallback || (r.preferredVersion && !fallback->preferredVersion))
            fallback = &r;
    }
    return fallback;
}

const ApiResource *DiscoveryInfo::find(const QString &group, const QString &kind) const
{
    const ApiResource *fallback = nullptr;
    for (const ApiResource &r : resources) {
        if (r.ref.group != group || r.ref.kind != kind)
            continue;
        if (r.preferredVersion)
            return &r;
        if (!fallback)
            fallback = &r;
    }
    return fallback;
}

QStringList DiscoveryInfo::groups() const
{
    QStringList list;
    for (const ApiResource &r : resources) {
        if (!list.contains(r.ref.group))
            list << r.ref.group;
    }
    return list;
}

void discover(KubeClient *client, QObject *context,
              std::function<void(Result<DiscoveryInfo, ApiError>)> done)
{
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    pending->outstanding = 3; // /version, /api, /apis (each adds its own follow-ups)
    QPointer<KubeClient> c(client);

    const auto fail = [pending](const ApiError &e) {
        if (!pending->error)
            pending->error = e;
    };

    client->request(
        "GET", QStringLiteral("/version"), {}, {}, {}, context, [pending, fail](ResponseResult r) {
            if (r) {
                pending->info.gitVersion = r->body.value(QLatin1String("gitVersion")).toString();
                pending->info.platform = r->body.value(QLatin1String("platform")).toString();
            } else {
                fail(r.error());
            }
            pending->finishOne();
        });

    const auto fetchVersion = [c, context, pending, fail](const QString &group,
                                                          const QString &version, bool preferred) {
        if (!c)
            return;
        ++pending->outstanding;
        const QString path = group.isEmpty() ? QStringLiteral("/api/") + version
                                             : QStringLiteral("/apis/%1/%2").arg(group, version);
        c->request("GET", path, {}, {}, {}, context,
                   [pending, fail, group, version, preferred](ResponseResult r) {
                       if (r)
                           addResources(pending->info, group, version, preferred, r->body);
                       else if (!r.error().isNotFound()) // a group version removed meanwhile
                           fail(r.error());
                       pending->finishOne();
                   });
    };

    client->request("GET", QStringLiteral("/api"), {}, {}, {}, context,
                    [pending, fail, fetchVersion](ResponseResult r) {
                        if (r) {
                            const QStringList versions
                                = strings(r->body.value(QLatin1String("versions")));
                            for (const QString &v : versions)
                                fetchVersion(QString(), v, v == versions.value(0));
                        } else {
                            fail(r.error());
                        }
                        pending->finishOne();
                    });

    client->request(
        "GET", QStringLiteral("/apis"), {}, {}, {}, context,
        [pending, fail, fetchVersion](ResponseResult r) {
            if (r) {
                for (const QJsonValue &g : r->body.value(QLatin1String("groups")).toArray()) {
                    const QJsonObject group = g.toObject();
                    const QString name = group.value(QLatin1String("name")).toString();
                    const QString preferred = group.value(QLatin1String("preferredVersion"))
                                                  .toObject()
                                                  .value(QLatin1String("version"))
                                                  .toString();
                    for (const QJsonValue &v : group.value(QLatin1String("versions")).toArray()) {
                        const QString version
                            = v.toObject().value(QLatin1String("version")).toString();
                        fetchVersion(name, version, version == preferred);
                    }
                }
            } else {
                fail(r.error());
            }
            pending->finishOne();
        });
}

} // namespace md::kube

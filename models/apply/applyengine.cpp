#include "apply/applyengine.h"

#include "apply/applytr.h"
#include "kube/kubeclient.h"
#include "mesh/clusterconnection.h"
#include "mesh/connectionmanager.h"
#include "store/journalstore.h"

#include <QJsonDocument>
#include <QTimer>

namespace md::apply {

using md::istio::ObjectId;
using md::istio::Value;
using md::kube::ApiError;
using md::kube::ObjectResult;
using md::kube::ResourceRef;

struct ApplyEngine::Run
{
    int id = 0;
    ApplyPlan plan;
    Cluster cluster;
    ApplyReport report;
    qsizetype position = 0; // in plan.order
    int done = 0;
    bool cancelled = false;
    QString identity;
    QObject guard; // callbacks of a run that ended are dropped with it
};

namespace {

QString resourceVersionOf(const Value &object)
{
    return object.value(QStringLiteral("metadata"))
        .value(QStringLiteral("resourceVersion"))
        .toString();
}

QString resourceName(const ResourceRef &ref)
{
    return ref.group.isEmpty() ? ref.plural : ref.plural + QLatin1Char('.') + ref.group;
}

ApplyFailure refused(const QString &message)
{
    ApplyFailure f;
    f.kind = ApplyFailure::Kind::Refused;
    f.message = message;
    return f;
}

} // namespace

ApplyEngine::ApplyEngine(md::mesh::ConnectionManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
    qRegisterMetaType<md::apply::ItemResult>();
    qRegisterMetaType<md::apply::ApplyReport>();
}

ApplyEngine::ApplyEngine(QObject *parent)
    : ApplyEngine(nullptr, parent)
{ }

ApplyEngine::~ApplyEngine() = default;

void ApplyEngine::addCluster(const QString &context, md::kube::KubeClient *client,
                             const md::kube::DiscoveryInfo &discovery)
{
    m_clusters.insert(context, Cluster {client, discovery});
}

std::optional<ApplyEngine::Cluster> ApplyEngine::cluster(const QString &context) const
{
    if (auto it = m_clusters.constFind(context); it != m_clusters.cend() && it->client)
        return *it;
    if (!m_manager)
        return std::nullopt;
    md::mesh::ClusterConnection *connection = m_manager->connection(context);
    if (!connection || !connection->client() || connection->discovery().resources.isEmpty())
        return std::nullopt;
    return Cluster {connection->client(), connection->discovery()};
}

namespace {

Result<ResourceRef> findResource(const md::kube::DiscoveryInfo &discovery, const ObjectId &id,
                                 const QString &context)
{
    if (id.kind.isEmpty() || id.apiVersion.isEmpty())
        return unexpected(QStringLiteral("apply.resource"),
                          Tr::tr("the object has no kind or apiVersion"));
    // The version the object is written in, when the server serves it (it converts).
    for (const md::kube::ApiResource &r : discovery.resources) {
        if (r.ref.kind == id.kind && r.ref.group == id.group() && r.ref.version == id.version())
            return r.ref;
    }
    return unexpected(
        QStringLiteral("apply.resource"),
        Tr::tr("the cluster %1 does not serve %2 in %3").arg(context, id.kind, id.apiVersion));
}

} // namespace

Result<ResourceRef> ApplyEngine::resourceFor(const QString &context, const ObjectId &id) const
{
    const auto c = cluster(context);
    if (!c)
        return unexpected(QStringLiteral("apply.cluster"),
                          Tr::tr("the cluster %1 is not connected").arg(context));
    return findResource(c->discovery, id, context);
}

int ApplyEngine::run(const ApplyPlan &plan)
{
    auto run = std::make_shared<Run>();
    run->id = m_nextRun++;
    run->plan = plan;
    run->report.dryRun = plan.request.dryRun;
    run->report.context = plan.request.context;
    for (qsizetype i = 0; i < plan.request.items.size(); ++i) {
        ItemResult r;
        r.index = int(i);
        r.id = plan.request.items.at(i).id();
        r.operation = plan.request.items.at(i).operation;
        run->report.results.append(r);
    }
    m_runs.insert(run->id, run);
    const int id = run->id;
    const auto c = cluster(plan.request.context);
    if (!c) {
        // Every item fails, reported like any other run (after run() returned).
        QTimer::singleShot(0, this, [this, id] {
            auto it = m_runs.find(id);
            if (it == m_runs.end())
                return;
            const auto run = *it;
            for (ItemResult &r : run->report.results) {
                r.status = ItemResult::Status::Failed;
                r.failure = refused(
                    Tr::tr("the cluster %1 is not connected").arg(run->plan.request.context));
                emit itemFinished(id, r);
            }
            m_runs.remove(id);
            emit progress(id, int(run->report.results.size()), int(run->report.results.size()));
            emit finished(id, run->report);
        });
        return id;
    }
    run->cluster = *c;
    if (plan.request.dryRun || !m_journal) {
        QTimer::singleShot(0, this, [this, id] { step(id); });
    } else {
        // The identity goes into the journal; asked once per cluster.
        identity(plan.request.context, &run->guard, [this, id](QString user) {
            if (auto it = m_runs.find(id); it != m_runs.end())
                (*it)->identity = user;
            step(id);
        });
    }
    return id;
}

void ApplyEngine::cancel(int run)
{
    if (auto it = m_runs.find(run); it != m_runs.end())
        (*it)->cancelled = true;
}

void ApplyEngine::step(int id)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
        return;
    const std::shared_ptr<Run> run = *it;
    const ApplyRequest &request = run->plan.request;
    if (run->position >= run->plan.order.size()) {
        m_runs.remove(id);
        emit finished(id, run->report);
        return;
    }
    const int index = run->plan.order.at(run->position++);
    const ApplyItem &item = request.items.at(index);
    ItemResult result = run->report.results.at(index);
    const auto next = [this, id] { QTimer::singleShot(0, this, [this, id] { step(id); }); };

    if (run->cancelled) {
        result.status = ItemResult::Status::Skipped;
        result.failure = refused(Tr::tr("Cancelled"));
        finishItem(id, result);
        next();
        return;
    }
    const PlanEntry *entry
        = index < run->plan.entries.size() ? &run->plan.entries.at(index) : nullptr;
    if (entry && entry->errors() > 0) {
        result.status = ItemResult::Status::Skipped;
        ApplyFailure f;
        f.kind = ApplyFailure::Kind::Validation;
        f.message = Tr::tr("Not sent: %n validation error(s)", nullptr, entry->errors());
        result.failure = f;
        finishItem(id, result);
        next();
        return;
    }
    const ObjectId objectId = item.id();
    const auto resource = findResource(run->cluster.discovery, objectId, request.context);
    if (!resource) {
        result.status = ItemResult::Status::Failed;
        result.failure = refused(resource.error().message);
        finishItem(id, result);
        next();
        return;
    }
    const ResourceRef ref = *resource;
    const QString ns = ref.namespaced ? objectId.namespace_ : QString();
    if (ref.namespaced && ns.isEmpty()) {
        result.status = ItemResult::Status::Failed;
        result.failure
            = refused(Tr::tr("%1 %2 has no namespace").arg(objectId.kind, objectId.name));
        finishItem(id, result);
        next();
        return;
    }
    if (item.operation == Operation::Update && item.baseResourceVersion.isEmpty()) {
        result.status = ItemResult::Status::Failed;
        result.failure = refused(Tr::tr("an update needs the resourceVersion the edit started "
                                        "from: MeshDesk never overwrites blindly"));
        finishItem(id, result);
        next();
        return;
    }

    result.status = ItemResult::Status::Running;
    run->report.results[index] = result;
    emit itemStarted(id, index);

    md::kube::WriteOptions options;
    options.dryRun = request.dryRun;
    options.fieldValidation = request.fieldValidation;
    const QString verb = item.operation == Operation::Create ? QStringLiteral("create")
        : item.operation == Operation::Update                ? QStringLiteral("update")
                                                             : QStringLiteral("delete");
    md::kube::KubeClient *client = run->cluster.client;

    // What the server answered: a success, or a classified failure (a conflict is looked
    // into: the live object is fetched for the three-way comparison).
    auto answered = [this, id, index, ref, ns, verb, objectId, client,
                     next](md::kube::ResponseResult answer) {
        auto it = m_runs.find(id);
        if (it == m_runs.end())
            return;
        const std::shared_ptr<Run> run = *it;
        ItemResult result = run->report.results.at(index);
        const ApplyItem &item = run->plan.request.items.at(index);
        if (answer) {
            result.status = ItemResult::Status::Succeeded;
            result.answer = Value::fromJson(answer->body);
            result.warnings = answer->warnings;
            finishItem(id, result);
            next();
            return;
        }
        const ApiError &error = answer.error();
        result.status = ItemResult::Status::Failed;
        result.failure = ApplyFailure::fromApiError(error, verb, resourceName(ref), ns);
        if (result.failure->kind != ApplyFailure::Kind::Conflict || !client) {
            finishItem(id, result);
            next();
            return;
        }
        client->get(ref, ns, objectId.name, &run->guard,
                    [this, id, result, item, next](ObjectResult live) mutable {
                        ConflictInfo conflict;
                        conflict.base = item.base;
                        conflict.mine = item.object;
                        if (live) {
                            conflict.live = Value::fromJson(*live);
                            conflict.liveResourceVersion = resourceVersionOf(conflict.live);
                        } else if (!live.error().isNotFound()) {
                            result.failure->message += QLatin1Char(' ')
                                + Tr::tr("(the live object could not be read: %1)")
                                      .arg(live.error().summary());
                        }
                        result.conflict = conflict;
                        finishItem(id, result);
                        next();
                    });
    };
    // Adapts an ObjectResult to a ResponseResult.
    auto answeredObject = [answered](ObjectResult r) {
        if (r)
            answered(md::kube::Response {200, *r, {}});
        else
            answered(Unexpected<ApiError> {r.error()});
    };

    switch (item.operation) {
    case Operation::Create: {
        Value object = item.object;
        if (Value *metadata = object.find(QStringLiteral("metadata")))
            metadata->remove(QStringLiteral("resourceVersion"));
        client->create(ref, ns, object.toJson().toObject(), options, &run->guard, answeredObject);
        break;
    }
    case Operation::Update: {
        Value object = item.object;
        object.member(QStringLiteral("metadata"))
            .insert(QStringLiteral("resourceVersion"), item.baseResourceVersion);
        client->update(ref, ns, object.toJson().toObject(), options, &run->guard, answeredObject);
        break;
    }
    case Operation::Delete: {
        // DeleteOptions with the resourceVersion as a precondition: deleting an object that
        // changed since it was shown is a conflict too.
        QJsonObject deleteOptions {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                   {QStringLiteral("kind"), QStringLiteral("DeleteOptions")}};
        if (!item.baseResourceVersion.isEmpty())
            deleteOptions.insert(
                QStringLiteral("preconditions"),
                QJsonObject {{QStringLiteral("resourceVersion"), item.baseResourceVersion}});
        QUrlQuery query;
        if (request.dryRun)
            query.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
        client->request("DELETE", ref.objectPath(ns, objectId.name), query,
                        QJsonDocument(deleteOptions).toJson(QJsonDocument::Compact),
                        "application/json", &run->guard, answered);
        break;
    }
    }
}

void ApplyEngine::finishItem(int id, ItemResult result)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
        return;
    const std::shared_ptr<Run> run = *it;
    run->report.results[result.index] = result;
    ++run->done;
    if (!run->plan.request.dryRun && result.status != ItemResult::Status::Skipped)
        journalItem(*run, result);
    emit itemFinished(id, result);
    emit progress(id, run->done, int(run->report.results.size()));
}

void ApplyEngine::journalItem(const Run &run, const ItemResult &result)
{
    // Every write the server saw; not what was refused before sending.
    if (!m_journal
        || (result.failure
            && (result.failure->kind == ApplyFailure::Kind::Refused
                || result.failure->kind == ApplyFailure::Kind::Validation)))
        return;
    const ApplyItem &item = run.plan.request.items.at(result.index);
    md::store::JournalEntry entry;
    entry.mesh = run.plan.request.mesh;
    entry.context = run.plan.request.context;
    entry.apiVersion = result.id.apiVersion;
    entry.kind = result.id.kind;
    entry.namespace_ = result.id.namespace_;
    entry.name = result.id.name;
    entry.operation = operationId(item.operation);
    if (!item.base.isNull())
        entry.before = md::istio::toYaml(item.base);
    if (result.status == ItemResult::Status::Succeeded && item.operation != Operation::Delete)
        entry.after = md::istio::toYaml(result.answer.isNull() ? item.object : result.answer);
    entry.identity = run.identity;
    entry.succeeded = result.status == ItemResult::Status::Succeeded;
    if (result.failure)
        entry.result = result.failure->message;
    const auto recorded = m_journal->record(entry);
    if (!recorded)
        qWarning("meshdesk: the journal could not record %s: %s",
                 qPrintable(result.id.displayName()), qPrintable(recorded.error().toString()));
}

void ApplyEngine::resolveBases(const ApplyRequest &request, QObject *context,
                               std::function<void(ResolvedBases)> done)
{
    struct State
    {
        ApplyRequest request;
        QHash<int, ApplyFailure> failures;
        int pending = 0;
        std::function<void(ResolvedBases)> done;
    };
    auto state = std::make_shared<State>();
    state->request = request;
    state->done = std::move(done);
    const auto c = cluster(request.context);
    QList<int> toFetch;
    for (qsizetype i = 0; i < request.items.size(); ++i) {
        const ApplyItem &item = request.items.at(i);
        if (item.operation == Operation::Create && item.base.isNull())
            toFetch.append(int(i));
    }
    const auto finish = [state, context] {
        QTimer::singleShot(0, context, [state] { state->done({state->request, state->failures}); });
    };
    if (!c) {
        for (int i : toFetch)
            state->failures.insert(
                i, refused(Tr::tr("the cluster %1 is not connected").arg(request.context)));
        finish();
        return;
    }
    state->pending = int(toFetch.size());
    if (toFetch.isEmpty()) {
        finish();
        return;
    }
    for (int i : toFetch) {
        const ObjectId id = request.items.at(i).id();
        const auto ref = findResource(c->discovery, id, request.context);
        if (!ref) {
            state->failures.insert(i, refused(ref.error().message));
            if (--state->pending == 0)
                finish();
            continue;
        }
        const QString ns = ref->namespaced ? id.namespace_ : QString();
        c->client->get(*ref, ns, id.name, context, [state, i, ref, ns](ObjectResult live) {
            ApplyItem &item = state->request.items[i];
            if (live) {
                item.base = Value::fromJson(*live);
                // A resourceVersion written in the object is the version its edit started
                // from (e.g. a file saved from `get -o yaml`): a stale one must conflict.
                const QString written = resourceVersionOf(item.object);
                item.baseResourceVersion
                    = written.isEmpty() ? resourceVersionOf(item.base) : written;
                item.operation = Operation::Update;
            } else if (!live.error().isNotFound()) {
                state->failures.insert(i,
                                       ApplyFailure::fromApiError(live.error(),
                                                                  QStringLiteral("get"),
                                                                  resourceName(*ref), ns));
            }
            if (--state->pending == 0)
                state->done({state->request, state->failures});
        });
    }
}

void ApplyEngine::fetchLive(const QString &context, const ObjectId &id, QObject *receiver,
                            std::function<void(Result<Value, ApplyFailure>)> done)
{
    const auto c = cluster(context);
    const auto ref = c
        ? findResource(c->discovery, id, context)
        : Result<ResourceRef>(unexpected(QStringLiteral("apply.cluster"),
                                         Tr::tr("the cluster %1 is not connected").arg(context)));
    if (!ref) {
        const ApplyFailure f = refused(ref.error().message);
        QTimer::singleShot(0, receiver, [done, f] { done(Unexpected<ApplyFailure> {f}); });
        return;
    }
    const QString ns = ref->namespaced ? id.namespace_ : QString();
    c->client->get(*ref, ns, id.name, receiver, [done, ref, ns](ObjectResult live) {
        if (live)
            done(Value::fromJson(*live));
        else if (live.error().isNotFound())
            done(Value());
        else
            done(Unexpected<ApplyFailure> {ApplyFailure::fromApiError(
                live.error(), QStringLiteral("get"), resourceName(*ref), ns)});
    });
}

void ApplyEngine::identity(const QString &context, QObject *receiver,
                           std::function<void(QString)> done)
{
    if (auto it = m_identities.constFind(context); it != m_identities.cend()) {
        const QString user = *it;
        QTimer::singleShot(0, receiver, [done, user] { done(user); });
        return;
    }
    const auto c = cluster(context);
    if (!c) {
        QTimer::singleShot(0, receiver, [done] { done(QString()); });
        return;
    }
    const QJsonObject review {
        {QStringLiteral("apiVersion"), QStringLiteral("authentication.k8s.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("SelfSubjectReview")}};
    QPointer<ApplyEngine> self(this);
    c->client->request("POST", QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
                       {}, QJsonDocument(review).toJson(QJsonDocument::Compact), "application/json",
                       receiver, [self, context, done](md::kube::ResponseResult answer) {
                           QString user;
                           if (answer) {
                               user = answer->body.value(QLatin1String("status"))
                                          .toObject()
                                          .value(QLatin1String("userInfo"))
                                          .toObject()
                                          .value(QLatin1String("username"))
                                          .toString();
                               if (self)
                                   self->m_identities.insert(context, user);
                           }
                           done(user);
                       });
}

} // namespace md::apply

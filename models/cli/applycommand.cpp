#include "cli/applycommand.h"

#include "apply/applyengine.h"
#include "apply/applyplan.h"
#include "apply/importer.h"
#include "cli/clisession.h"
#include "cli/clitr.h"
#include "cli/livestate.h"
#include "istio/analyzers.h"
#include "istio/validatefiles.h"
#include "kube/discovery.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "mesh/meshcache.h"
#include "schema/yamljson.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <memory>

namespace md::cli {

namespace {

using namespace md::kube;
using md::apply::ApplyItem;
using md::apply::ApplyReport;
using md::apply::ItemResult;
using md::apply::Operation;
using md::istio::Value;

constexpr int TimeoutMs = 60000;

// Resolves the context, connects and runs discovery; errors are printed.
std::unique_ptr<Session> connect(const KubeOptions &options, QTextStream &err)
{
    auto session
        = connectSession({options.kubeconfig, options.context, options.namespaceName}, err);
    if (!session) {
        err << Tr::tr("meshdesk-cli: %1").arg(session.error()) << '\n';
        return nullptr;
    }
    return std::move(*session);
}

// The same CRDs `validate` uses.
std::optional<md::istio::Validator> loadValidator(const QString &given, QTextStream &err)
{
    QString crds = given;
    if (crds.isEmpty())
        crds = qEnvironmentVariable("MESHDESK_CRDS");
    if (crds.isEmpty()
        && QFileInfo::exists(QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")))
        crds = QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml");
    if (crds.isEmpty()) {
        err << Tr::tr("meshdesk-cli apply: no CRDs given (--crds FILE or MESHDESK_CRDS): the "
                      "schema layer is skipped")
            << '\n';
        return md::istio::Validator();
    }
    auto loaded = md::istio::Validator::fromCrdFile(crds);
    if (!loaded) {
        err << Tr::tr("meshdesk-cli apply: %1").arg(loaded.error().toString()) << '\n';
        return std::nullopt;
    }
    return std::move(*loaded);
}

// What the cross-reference checks need from the cluster, as the GUI's live caches hold it
// (as MeshCache watches them: cli/livestate.h), plus the objects being applied.
std::optional<md::istio::MeshIndex> liveIndex(Session &session, const QList<ApplyItem> &items,
                                              QTextStream &err)
{
    md::istio::MeshIndex index;
    QSet<QString> given;
    for (const ApplyItem &item : items) {
        const md::istio::ObjectId id = item.id();
        given.insert(id.kind + QLatin1Char('/') + id.namespace_ + QLatin1Char('/') + id.name);
    }
    const auto state = listLiveState(session);
    if (!state) {
        err << Tr::tr("meshdesk-cli apply: cannot list %1 for the cross-reference checks: %2")
                   .arg(state.error().resource, state.error().message)
            << '\n';
        return std::nullopt;
    }
    // The objects being applied replace their live versions.
    addLiveState(index, *state, QString(),
                 [&given](const QString &kind, const QString &ns, const QString &name) {
                     return given.contains(kind + QLatin1Char('/') + ns + QLatin1Char('/') + name);
                 });
    for (const ApplyItem &item : items)
        index.add(item.object, item.source, item.line);
    return index;
}

QString typeName(const md::istio::ObjectId &id)
{
    const QString kind = id.kind.toLower();
    return id.group().isEmpty() ? kind : kind + QLatin1Char('.') + id.group();
}

// As `kubectl create -o json|yaml` prints what it sends: each object on its own (JSON texts
// one after the other; YAML documents separated by ---).
void printObjects(const QList<QJsonObject> &objects, const QString &output, QTextStream &out)
{
    bool first = true;
    for (const QJsonObject &object : objects) {
        if (output == QLatin1String("json")) {
            out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        } else {
            if (!first)
                out << "---\n";
            out << QString::fromUtf8(md::schema::toYaml(object));
        }
        first = false;
    }
}

bool checkOutput(const QString &command, const KubeOptions &options, const ApplyOptions &apply,
                 QTextStream &err)
{
    const QStringList outputs {QString(), QStringLiteral("json"), QStringLiteral("yaml"),
                               QStringLiteral("name")};
    if (!outputs.contains(options.output)) {
        err << Tr::tr("meshdesk-cli %1: unknown output format \"%2\" (use json, yaml or name)")
                   .arg(command, options.output)
            << '\n';
        return false;
    }
    const QStringList dryRuns {QStringLiteral("none"), QStringLiteral("client"),
                               QStringLiteral("server")};
    if (!dryRuns.contains(apply.dryRun)) {
        err << Tr::tr("meshdesk-cli %1: --dry-run must be none, client or server, not \"%2\"")
                   .arg(command, apply.dryRun)
            << '\n';
        return false;
    }
    return true;
}

// Runs a plan on the engine and waits for its report.
std::optional<ApplyReport> runPlan(md::apply::ApplyEngine &engine, const md::apply::ApplyPlan &plan)
{
    QEventLoop loop;
    std::optional<ApplyReport> report;
    const int run = engine.run(plan);
    QObject::connect(&engine, &md::apply::ApplyEngine::finished, &loop,
                     [&](int id, const ApplyReport &r) {
                         if (id == run) {
                             report = r;
                             loop.quit();
                         }
                     });
    QTimer::singleShot(TimeoutMs * std::max<qsizetype>(1, plan.request.items.size()), &loop,
                       &QEventLoop::quit);
    loop.exec();
    return report;
}

// One failure as kubectl words it, with the details of a conflict or an invalid object.
void printFailure(const ItemResult &r, QTextStream &err)
{
    const md::apply::ApplyFailure &f = *r.failure;
    const QString what = typeName(r.id) + QStringLiteral(" \"") + r.id.name + QLatin1Char('"');
    const QString reason = f.error ? f.error->reason : QString();
    if (f.kind == md::apply::ApplyFailure::Kind::Conflict && r.conflict) {
        err << Tr::tr("Error from server (Conflict): %1: %2").arg(what, f.message) << '\n';
        err << Tr::tr("  nothing was overwritten; the live object is at resourceVersion %1. Read "
                      "it again (meshdesk-cli get), merge your change and apply again.")
                   .arg(r.conflict->liveResourceVersion.isEmpty() ? Tr::tr("(deleted)")
                                                                  : r.conflict->liveResourceVersion)
            << '\n';
        return;
    }
    if (!reason.isEmpty())
        err << Tr::tr("Error from server (%1): %2: %3").arg(reason, what, f.message) << '\n';
    else
        err << Tr::tr("error: %1: %2").arg(what, f.message) << '\n';
    for (const md::kube::StatusCause &c : f.causes)
        err << "  " << (c.field.isEmpty() ? c.message : c.field + QStringLiteral(": ") + c.message)
            << '\n';
}

} // namespace

int runApply(const KubeOptions &options, const ApplyOptions &apply, QTextStream &out,
             QTextStream &err)
{
    if (apply.files.isEmpty()) {
        err << Tr::tr("meshdesk-cli apply: expected -f FILE (- reads standard input)") << '\n';
        return UsageError;
    }
    if (!checkOutput(QStringLiteral("apply"), options, apply, err))
        return UsageError;

    QList<ApplyItem> items;
    for (const QString &file : apply.files) {
        auto imported = md::apply::importFile(file);
        if (!imported) {
            err << Tr::tr("error: %1").arg(imported.error().toString()) << '\n';
            return Failure;
        }
        items += *imported;
    }
    const std::optional<md::istio::Validator> validator = loadValidator(apply.crds, err);
    if (!validator)
        return Failure;
    std::unique_ptr<Session> session = connect(options, err);
    if (!session)
        return Failure;

    // The namespace: -n (or the context's) for namespaced objects without one; an object
    // naming another namespace than an explicit -n is refused, as kubectl does.
    for (ApplyItem &item : items) {
        const md::istio::ObjectId id = item.id();
        const ApiResource *resource = session->discovery.find(id.group(), id.kind);
        if (!resource) {
            err << Tr::tr("error: %1 (%2:%3): the server doesn't have a resource type \"%4\" in "
                          "%5")
                       .arg(id.displayName(), item.source)
                       .arg(item.line)
                       .arg(id.kind, id.apiVersion)
                << '\n';
            return Failure;
        }
        if (!resource->ref.namespaced)
            continue;
        if (id.namespace_.isEmpty()) {
            item.object.member(QStringLiteral("metadata"))
                .insert(QStringLiteral("namespace"), session->rest.namespaceName);
        } else if (!options.namespaceName.isEmpty() && id.namespace_ != options.namespaceName) {
            err << Tr::tr("error: the namespace from the provided object \"%1\" does not match "
                          "the namespace \"%2\". You must pass '--namespace=%1' to perform this "
                          "operation.")
                       .arg(id.namespace_, options.namespaceName)
                << '\n';
            return Failure;
        }
    }

    md::apply::ApplyRequest request;
    request.context = session->rest.contextName;
    request.items = items;
    request.dryRun = apply.dryRun == QLatin1String("server");

    md::apply::ApplyEngine engine;
    engine.addCluster(request.context, session->client.get(), session->discovery);

    // Validate first: errors stop everything, printed as `validate` prints them. A client dry
    // run only shows what would be sent (as kubectl's does): it checks the files among
    // themselves, as `validate` does; anything that writes also checks them against the live
    // cluster, as the GUI's live checks do.
    const bool clientDryRun = apply.dryRun == QLatin1String("client");
    std::optional<md::istio::MeshIndex> index;
    if (!clientDryRun) {
        index = liveIndex(*session, items, err);
        if (!index)
            return Failure;
    }
    const md::istio::MeshIndex live = index ? *index : md::istio::MeshIndex();
    const md::apply::CrossCheck againstLive
        = [&live](const Value &object) { return md::istio::analyzeObject(live, object); };
    md::apply::ApplyPlan plan = md::apply::buildPlan(
        request, *validator, clientDryRun ? md::apply::CrossCheck() : againstLive);
    const QList<md::istio::Message> messages = plan.messages();
    err << QString::fromUtf8(md::istio::formatMessages(messages, false));
    if (plan.blocked()) {
        err << Tr::tr("meshdesk-cli apply: %n validation error(s): nothing was applied", nullptr,
                      plan.errors())
            << '\n';
        return Failure;
    }

    if (clientDryRun) {
        // As kubectl prints them: in the order of the files.
        QList<QJsonObject> objects;
        for (const ApplyItem &item : std::as_const(plan.request.items))
            objects.append(item.object.toJson().toObject());
        if (options.output.isEmpty() || options.output == QLatin1String("name")) {
            for (const ApplyItem &item : std::as_const(plan.request.items)) {
                const md::istio::ObjectId id = item.id();
                out << typeName(id) << '/' << id.name
                    << (options.output.isEmpty() ? Tr::tr(" created (dry run)") : QString())
                    << '\n';
            }
        } else {
            printObjects(objects, options.output, out);
        }
        return Success;
    }

    // Read what exists: existing objects are updated from the version read.
    auto resolved = await<md::apply::ApplyEngine::ResolvedBases>(
        [&](QObject *ctx, auto done) { engine.resolveBases(request, ctx, done); });
    if (!resolved) {
        err << Tr::tr("meshdesk-cli apply: no answer within 60 s") << '\n';
        return Failure;
    }
    int exitCode = Success;
    request = resolved->first;
    for (auto it = resolved->second.cbegin(); it != resolved->second.cend(); ++it) {
        ItemResult r;
        r.id = request.items.at(it.key()).id();
        r.failure = it.value();
        printFailure(r, err);
        exitCode = Failure;
    }
    // Unchanged objects are not written (kubectl says "unchanged"); failed reads are dropped.
    QList<ApplyItem> toWrite;
    QStringList unchanged;
    for (qsizetype i = 0; i < request.items.size(); ++i) {
        const ApplyItem &item = request.items.at(i);
        if (resolved->second.contains(int(i)))
            continue;
        if (item.operation == Operation::Update
            && item.baseResourceVersion
                == item.base.value(QStringLiteral("metadata"))
                       .value(QStringLiteral("resourceVersion"))
                       .toString()
            && md::apply::reviewYaml(item.base) == md::apply::reviewYaml(item.object)) {
            unchanged.append(typeName(item.id()) + QLatin1Char('/') + item.id().name);
            continue;
        }
        toWrite.append(item);
    }
    request.items = toWrite;
    plan = md::apply::buildPlan(request, *validator, againstLive);
    const std::optional<ApplyReport> report = runPlan(engine, plan);
    if (!report) {
        err << Tr::tr("meshdesk-cli apply: no answer within 60 s") << '\n';
        return Failure;
    }
    QList<QJsonObject> answers;
    const QString suffix
        = apply.dryRun == QLatin1String("server") ? Tr::tr(" (server dry run)") : QString();
    for (int i : plan.order) {
        const ItemResult &r = report->results.at(i);
        for (const QString &warning : r.warnings)
            err << Tr::tr("Warning: %1").arg(warning) << '\n';
        if (r.status != ItemResult::Status::Succeeded) {
            if (r.failure)
                printFailure(r, err);
            exitCode = Failure;
            continue;
        }
        answers.append(r.answer.toJson().toObject());
        if (options.output.isEmpty())
            out << typeName(r.id) << '/' << r.id.name
                << (r.operation == Operation::Create ? Tr::tr(" created") : Tr::tr(" configured"))
                << suffix << '\n';
        else if (options.output == QLatin1String("name"))
            out << typeName(r.id) << '/' << r.id.name << '\n';
    }
    for (const QString &name : std::as_const(unchanged)) {
        if (options.output.isEmpty())
            out << name << Tr::tr(" unchanged") << '\n';
        else if (options.output == QLatin1String("name"))
            out << name << '\n';
    }
    if (options.output == QLatin1String("json") || options.output == QLatin1String("yaml"))
        printObjects(answers, options.output, out);
    return exitCode;
}

int runDelete(const KubeOptions &options, const ApplyOptions &apply, const QStringList &args,
              QTextStream &out, QTextStream &err)
{
    if (args.size() != 2) {
        err << Tr::tr("meshdesk-cli delete: expected KIND NAME, e.g. `meshdesk-cli delete "
                      "virtualservice reviews -n bookinfo`")
            << '\n';
        return UsageError;
    }
    if (!checkOutput(QStringLiteral("delete"), options, apply, err))
        return UsageError;
    if (apply.dryRun == QLatin1String("client")) {
        err << Tr::tr("meshdesk-cli delete: --dry-run=client is not supported, use "
                      "--dry-run=server")
            << '\n';
        return UsageError;
    }
    std::unique_ptr<Session> session = connect(options, err);
    if (!session)
        return Failure;
    const ApiResource *resource = session->discovery.find(args.constFirst());
    if (!resource) {
        err << Tr::tr("meshdesk-cli: the server doesn't have a resource type \"%1\"")
                   .arg(args.constFirst())
            << '\n';
        return Failure;
    }
    const QString ns = resource->ref.namespaced ? session->rest.namespaceName : QString();
    auto got = await<ObjectResult>([&](QObject *ctx, auto done) {
        session->client->get(resource->ref, ns, args.at(1), ctx, done);
    });
    if (!got || !*got) {
        err << Tr::tr("Error from server: %1")
                   .arg(got ? got->error().detail() : Tr::tr("no answer within 60 s"))
            << '\n';
        return Failure;
    }
    Value live = Value::fromJson(**got);
    // List items and some answers carry no kind: the object's identity needs it.
    live.insert(QStringLiteral("apiVersion"), resource->ref.groupVersion());
    live.insert(QStringLiteral("kind"), resource->ref.kind);

    md::apply::ApplyRequest request;
    request.context = session->rest.contextName;
    request.dryRun = apply.dryRun == QLatin1String("server");
    request.items.append(ApplyItem::remove(live));
    md::apply::ApplyEngine engine;
    engine.addCluster(request.context, session->client.get(), session->discovery);
    const md::apply::ApplyPlan plan = md::apply::buildPlan(request, md::istio::Validator());
    const std::optional<ApplyReport> report = runPlan(engine, plan);
    if (!report) {
        err << Tr::tr("meshdesk-cli delete: no answer within 60 s") << '\n';
        return Failure;
    }
    const ItemResult &r = report->results.constFirst();
    if (r.status != ItemResult::Status::Succeeded) {
        if (r.failure)
            printFailure(r, err);
        return Failure;
    }
    const QString kind = resource->ref.kind.toLower();
    const QString type
        = resource->ref.group.isEmpty() ? kind : kind + QLatin1Char('.') + resource->ref.group;
    if (options.output == QLatin1String("name"))
        out << type << '/' << args.at(1) << '\n';
    else
        out << type << " \"" << args.at(1) << "\" "
            << (request.dryRun ? Tr::tr("deleted (server dry run)") : Tr::tr("deleted")) << '\n';
    return Success;
}

} // namespace md::cli

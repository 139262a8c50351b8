#include "cli/clisession.h"

#include "cli/clitr.h"
#include "kube/kubeconfig.h"

namespace md::cli {

using namespace md::kube;

Result<std::unique_ptr<Session>, QString> connectSession(const SessionOptions &options,
                                                         QTextStream &err)
{
    const Result<Kubeconfig> config
        = loadKubeconfig(LoadingRules::fromEnvironment(options.kubeconfig));
    if (!config)
        return Unexpected<QString> {config.error().toString()};
    ResolveOptions resolve;
    resolve.context = options.context;
    resolve.namespaceName = options.namespaceName;
    const Result<RestConfig> rest = resolveRestConfig(*config, resolve);
    if (!rest)
        return Unexpected<QString> {rest.error().toString()};
    for (const QString &warning : rest->warnings)
        err << Tr::tr("Warning: %1").arg(warning) << '\n';
    auto session = std::make_unique<Session>();
    session->rest = *rest;
    session->client = std::make_unique<KubeClient>(*rest);
    auto discovered = await<Result<DiscoveryInfo, ApiError>>(
        [&](QObject *ctx, auto done) { discover(session->client.get(), ctx, done); });
    if (!discovered)
        return Unexpected<QString> {Tr::tr("discovery failed: no answer within 60 s")};
    if (!*discovered)
        return Unexpected<QString> {
            Tr::tr("discovery failed: %1").arg(discovered->error().summary())};
    session->discovery = **discovered;
    return session;
}

Result<QList<KubeObject>, QString> listObjects(Session &session, const ResourceRef &resource,
                                               const QString &ns, const QString &labelSelector,
                                               const QString &fieldSelector)
{
    ListOptions options;
    options.limit = 500;
    options.labelSelector = labelSelector;
    options.fieldSelector = fieldSelector;
    auto listed = await<ListResult>([&](QObject *ctx, auto done) {
        session.client->listAll(resource, ns, options, ctx, done);
    });
    if (!listed)
        return Unexpected<QString> {
            Tr::tr("listing %1: no answer within 60 s").arg(resource.plural)};
    if (!*listed)
        return Unexpected<QString> {
            Tr::tr("listing %1: %2").arg(resource.plural, listed->error().detail())};
    return std::move((*listed)->items);
}

} // namespace md::cli

#include "items/policyrow.h"

#include "core/translations.h"
#include "istio/networking.h"
#include "istio/security.h"
#include "items/policyrow_p.h"

#include <QHash>

#include <array>

namespace md {

namespace {

// list.join(separator), sharing the one string of a one-item list instead of copying it
// (most hosts and gateways lists have one item, and rows are read 50,000 at a time).
QString joined(const QStringList &list, QStringView separator)
{
    return list.size() == 1 ? list.first() : list.join(separator);
}

using namespace md::istio;

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QString labelsText(const QMap<QString, QString> &labels)
{
    QStringList parts;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char(','));
}

void addOnce(QStringList &list, const QString &item)
{
    if (!item.isEmpty() && !list.contains(item))
        list << item;
}

QString portText(const Port &port)
{
    QString text = port.number ? QString::number(*port.number) : QStringLiteral("?");
    if (!port.protocol.isEmpty())
        text += QLatin1Char('/') + port.protocol;
    return text;
}

QString targetRefsText(const std::optional<PolicyTargetReference> &one,
                       const QList<PolicyTargetReference> &many)
{
    QStringList refs;
    QList<PolicyTargetReference> all = many;
    if (one)
        all.prepend(*one);
    for (const PolicyTargetReference &ref : all)
        refs << ref.kind + QLatin1Char('/') + ref.name;
    return PolicyTr::tr("targetRefs: %1").arg(refs.join(QStringLiteral(", ")));
}

QString scopeText(const QString &ns, const QString &rootNamespace,
                  const QMap<QString, QString> &selector,
                  const std::optional<PolicyTargetReference> &targetRef = std::nullopt,
                  const QList<PolicyTargetReference> &targetRefs = {})
{
    if (targetRef || !targetRefs.isEmpty())
        return targetRefsText(targetRef, targetRefs);
    if (!selector.isEmpty())
        return PolicyTr::tr("Workload: %1").arg(labelsText(selector));
    if (ns == rootNamespace)
        return PolicyTr::tr("Mesh-wide (root namespace)");
    return PolicyTr::tr("Namespace");
}

// The text of each column, by PolicyColumn (a flat array: rows are read 50,000 at a time).
class ColumnTexts
{
public:
    QString &operator[](PolicyColumn column)
    {
        m_set[size_t(column)] = true;
        return m_text[size_t(column)];
    }
    bool contains(PolicyColumn column) const { return m_set[size_t(column)]; }
    QString value(PolicyColumn column) const { return m_text[size_t(column)]; }

private:
    static constexpr size_t Count = size_t(PolicyColumn::Age) + 1;
    std::array<QString, Count> m_text;
    std::array<bool, Count> m_set {};
};

struct Cells
{
    QStringList hosts, tags;
    ColumnTexts text;
    // When set: the tags joined for the Tags column and for the search text (made once for
    // rows with the same tags).
    QString tagsShown, tagsSearched;
    bool tagsJoined = false;
};

// The text of a route tag, in the current language.
QString routeTagTr(md::detail::RouteTag tag)
{
    using md::detail::RouteTag;
    switch (tag) {
    case RouteTag::TrafficShifting:
        return PolicyTr::tr("traffic shifting");
    case RouteTag::Retries:
        return PolicyTr::tr("retries");
    case RouteTag::Timeout:
        return PolicyTr::tr("timeout");
    case RouteTag::Fault:
        return PolicyTr::tr("fault");
    case RouteTag::Mirror:
        return PolicyTr::tr("mirror");
    case RouteTag::Redirect:
        return PolicyTr::tr("redirect");
    case RouteTag::Rewrite:
        return PolicyTr::tr("rewrite");
    case RouteTag::Delegate:
        return PolicyTr::tr("delegate");
    case RouteTag::DirectResponse:
        return PolicyTr::tr("direct response");
    case RouteTag::Cors:
        return PolicyTr::tr("CORS");
    case RouteTag::Headers:
        return PolicyTr::tr("headers");
    }
    return {};
}

QString routesText(const md::detail::VirtualServiceSummary &spec)
{
    QStringList routes;
    if (spec.http)
        routes << QLatin1String("HTTP ") + QString::number(spec.http);
    if (spec.tls)
        routes << QLatin1String("TLS ") + QString::number(spec.tls);
    if (spec.tcp)
        routes << QLatin1String("TCP ") + QString::number(spec.tcp);
    return joined(routes, u" · ");
}

// The VirtualServices of a mesh repeat a few route counts and tag lists: their texts are made
// once per thread (and language) and shared by the rows, which saves most of a row's
// allocations when 50,000 are read.
struct VirtualServiceTexts
{
    struct Tags
    {
        QStringList list;
        QString shown, searched;
    };
    int generation = -1;
    QHash<quint64, QString> routes; // by http << 42 | tls << 21 | tcp
    QHash<quint64, Tags> tags; // by the tags, 5 bits each, first in the low bits

    static VirtualServiceTexts &forThisThread()
    {
        thread_local VirtualServiceTexts texts;
        if (const int current = md::translationsGeneration(); current != texts.generation) {
            texts = {};
            texts.generation = current;
        }
        return texts;
    }
};

void virtualService(const md::detail::VirtualServiceSummary &spec, Cells &c)
{
    using md::detail::RouteTag;
    c.hosts = spec.hosts;
    c.text[PolicyColumn::Gateways]
        = spec.gateways.isEmpty() ? QStringLiteral("mesh") : joined(spec.gateways, u", ");
    VirtualServiceTexts &texts = VirtualServiceTexts::forThisThread();
    constexpr qsizetype CountLimit = qsizetype(1) << 21;
    if (spec.http < CountLimit && spec.tls < CountLimit && spec.tcp < CountLimit) {
        const quint64 key = quint64(spec.http) << 42 | quint64(spec.tls) << 21 | quint64(spec.tcp);
        auto it = texts.routes.find(key);
        if (it == texts.routes.end())
            it = texts.routes.insert(key, routesText(spec));
        c.text[PolicyColumn::Routes] = *it;
    } else {
        c.text[PolicyColumn::Routes] = routesText(spec);
    }
    // Each tag comes once (VirtualServiceSummary), so at most 11 of 5 bits make the key.
    static_assert(size_t(RouteTag::Headers) + 1 <= 12, "the tags of a route fit in a key");
    quint64 key = 0;
    for (qsizetype i = 0; i < spec.tags.size(); ++i)
        key |= (quint64(spec.tags.at(i)) + 1) << (5 * i);
    auto it = texts.tags.find(key);
    if (it == texts.tags.end()) {
        VirtualServiceTexts::Tags made;
        for (RouteTag tag : spec.tags)
            made.list << routeTagTr(tag);
        made.shown = joined(made.list, u", ");
        made.searched = made.list.join(QLatin1Char('\n')).toLower();
        it = texts.tags.insert(key, made);
    }
    c.tags = it->list;
    c.tagsShown = it->shown;
    c.tagsSearched = it->searched;
    c.tagsJoined = true;
}

void trafficPolicyTags(const TrafficPolicy &policy, QStringList &tags)
{
    if (policy.loadBalancer) {
        const LoadBalancerSettings &lb = *policy.loadBalancer;
        if (!lb.simple.isEmpty())
            addOnce(tags, PolicyTr::tr("LB %1").arg(lb.simple));
        else if (!lb.hashHeaderName.isEmpty() || !lb.hashCookieName.isEmpty() || lb.hashUseSourceIp
                 || !lb.hashQueryParameterName.isEmpty())
            addOnce(tags, PolicyTr::tr("consistent hash"));
        if (!lb.localityLbSetting.isNull())
            addOnce(tags, PolicyTr::tr("locality LB"));
    }
    if (policy.connectionPool) {
        const ConnectionPoolSettings &pool = *policy.connectionPool;
        if (pool.maxConnections || !pool.connectTimeout.isEmpty())
            addOnce(tags, PolicyTr::tr("TCP pool"));
        if (pool.http1MaxPendingRequests || pool.http2MaxRequests || pool.maxRetries
            || pool.maxRequestsPerConnection || !pool.idleTimeout.isEmpty())
            addOnce(tags, PolicyTr::tr("HTTP pool"));
    }
    if (policy.outlierDetection)
        addOnce(tags, PolicyTr::tr("outlier detection"));
    if (policy.tls)
        addOnce(tags, PolicyTr::tr("client TLS"));
    if (!policy.portLevelSettings.isEmpty())
        addOnce(tags, PolicyTr::tr("port-level"));
}

void destinationRule(const Value &object, Cells &c)
{
    const DestinationRuleSpec spec = readView<DestinationRule>(object).spec;
    c.text[PolicyColumn::Host] = spec.host;
    c.hosts = {spec.host};
    QStringList subsets;
    for (const Subset &subset : spec.subsets) {
        subsets << subset.name;
        if (subset.trafficPolicy)
            trafficPolicyTags(*subset.trafficPolicy, c.tags);
    }
    c.text[PolicyColumn::Subsets] = subsets.join(QStringLiteral(", "));
    if (spec.trafficPolicy) {
        trafficPolicyTags(*spec.trafficPolicy, c.tags);
        if (spec.trafficPolicy->tls)
            c.text[PolicyColumn::Tls] = spec.trafficPolicy->tls->mode;
    }
}

void gateway(const Value &object, Cells &c)
{
    const GatewaySpec spec = readView<Gateway>(object).spec;
    c.text[PolicyColumn::Selector] = labelsText(spec.selector);
    QStringList servers, tls;
    for (const Server &server : spec.servers) {
        for (const QString &host : server.hosts)
            addOnce(c.hosts, host);
        addOnce(servers, portText(server.port));
        if (server.tls) {
            QString mode = server.tls->mode.isEmpty()
                ? (server.tls->httpsRedirect ? PolicyTr::tr("HTTPS redirect") : QString())
                : server.tls->mode;
            if (!server.tls->credentialName.isEmpty())
                mode += QStringLiteral(" (%1)").arg(server.tls->credentialName);
            addOnce(tls, mode.trimmed());
        }
    }
    c.text[PolicyColumn::Servers] = servers.join(QStringLiteral(", "));
    c.text[PolicyColumn::Tls] = tls.join(QStringLiteral(", "));
}

void serviceEntry(const Value &object, Cells &c)
{
    const ServiceEntrySpec spec = readView<ServiceEntry>(object).spec;
    c.hosts = spec.hosts;
    QStringList ports;
    for (const Port &port : spec.ports)
        ports << portText(port);
    c.text[PolicyColumn::Ports] = ports.join(QStringLiteral(", "));
    c.text[PolicyColumn::Location] = spec.location.isEmpty() ? s("MESH_EXTERNAL") : spec.location;
    c.text[PolicyColumn::Resolution] = spec.resolution.isEmpty() ? s("NONE") : spec.resolution;
    if (!spec.workloadSelector.isEmpty()) {
        c.text[PolicyColumn::Endpoints]
            = PolicyTr::tr("Workload: %1").arg(labelsText(spec.workloadSelector));
    } else if (!spec.endpoints.isEmpty()) {
        QStringList addresses;
        for (const WorkloadEntrySpec &endpoint : spec.endpoints)
            addresses << endpoint.address;
        c.text[PolicyColumn::Endpoints] = addresses.join(QStringLiteral(", "));
    } else if (!spec.addresses.isEmpty()) {
        c.text[PolicyColumn::Endpoints] = spec.addresses.join(QStringLiteral(", "));
    } else if (spec.resolution.startsWith(QLatin1String("DNS"))) {
        c.text[PolicyColumn::Endpoints] = PolicyTr::tr("resolved from the hosts (DNS)");
    }
}

void peerAuthentication(const Value &object, const QString &ns, const QString &root, Cells &c)
{
    const PeerAuthenticationSpec spec = readView<PeerAuthentication>(object).spec;
    c.text[PolicyColumn::Scope] = scopeText(ns, root, spec.selector);
    c.text[PolicyColumn::MtlsMode]
        = spec.mtlsMode.isEmpty() ? PolicyTr::tr("UNSET (inherits)") : spec.mtlsMode;
    QStringList ports;
    for (auto it = spec.portLevelMtls.constBegin(); it != spec.portLevelMtls.constEnd(); ++it)
        ports << it.key() + QStringLiteral(": ") + it.value();
    c.text[PolicyColumn::PortMtls] = ports.join(QStringLiteral(", "));
}

void requestAuthentication(const Value &object, const QString &ns, const QString &root, Cells &c)
{
    const RequestAuthenticationSpec spec = readView<RequestAuthentication>(object).spec;
    c.text[PolicyColumn::Scope]
        = scopeText(ns, root, spec.selector, spec.targetRef, spec.targetRefs);
    QStringList issuers;
    for (const JWTRule &rule : spec.jwtRules)
        addOnce(issuers, rule.issuer);
    c.text[PolicyColumn::Issuers] = issuers.join(QStringLiteral(", "));
}

void authorizationPolicy(const Value &object, const QString &ns, const QString &root, Cells &c)
{
    const AuthorizationPolicySpec spec = readView<AuthorizationPolicy>(object).spec;
    c.text[PolicyColumn::Scope]
        = scopeText(ns, root, spec.selector, spec.targetRef, spec.targetRefs);
    const QString action = spec.action.isEmpty() ? s("ALLOW") : spec.action;
    c.text[PolicyColumn::Action] = action == QLatin1String("CUSTOM") && !spec.provider.isEmpty()
        ? QStringLiteral("CUSTOM (%1)").arg(spec.provider)
        : action;
    QString rules;
    if (spec.rules.isEmpty()) {
        rules = action == QLatin1String("ALLOW")
            ? PolicyTr::tr("none: allows nothing (denies every request)")
            : PolicyTr::tr("none: matches no request");
    } else if (std::any_of(spec.rules.cbegin(), spec.rules.cend(),
                           [](const Rule &r) { return r == Rule {}; })) {
        rules = spec.rules.size() == 1
            ? PolicyTr::tr("1 rule, matches every request")
            : PolicyTr::tr("%1 rules, one matches every request").arg(spec.rules.size());
    } else {
        rules = spec.rules.size() == 1 ? PolicyTr::tr("1 rule")
                                       : PolicyTr::tr("%1 rules").arg(spec.rules.size());
    }
    c.text[PolicyColumn::Rules] = rules;
}

} // namespace

const QList<PolicyKindInfo> &policyKinds()
{
    static const QList<PolicyKindInfo> kinds = [] {
        const QString networking = QStringLiteral("networking.istio.io");
        const QString security = QStringLiteral("security.istio.io");
        return QList<PolicyKindInfo> {
            {PolicyKind::VirtualService, s("VirtualService"), networking, s("virtualservices"),
             s("traffic.virtualservices")},
            {PolicyKind::DestinationRule, s("DestinationRule"), networking, s("destinationrules"),
             s("traffic.destinationrules")},
            {PolicyKind::Gateway, s("Gateway"), networking, s("gateways"), s("traffic.gateways")},
            {PolicyKind::ServiceEntry, s("ServiceEntry"), networking, s("serviceentries"),
             s("services.serviceentries")},
            {PolicyKind::PeerAuthentication, s("PeerAuthentication"), security,
             s("peerauthentications"), s("security.peerauthentications")},
            {PolicyKind::RequestAuthentication, s("RequestAuthentication"), security,
             s("requestauthentications"), s("security.requestauthentications")},
            {PolicyKind::AuthorizationPolicy, s("AuthorizationPolicy"), security,
             s("authorizationpolicies"), s("security.authorizationpolicies")},
        };
    }();
    return kinds;
}

const PolicyKindInfo &policyKindInfo(PolicyKind kind)
{
    return policyKinds().at(int(kind));
}

std::optional<PolicyKind> policyKindFromName(const QString &kindName)
{
    for (const PolicyKindInfo &info : policyKinds()) {
        if (info.name == kindName)
            return info.kind;
    }
    return std::nullopt;
}

QString policyKindPlural(PolicyKind kind)
{
    switch (kind) {
    case PolicyKind::VirtualService:
        return PolicyTr::tr("VirtualServices");
    case PolicyKind::DestinationRule:
        return PolicyTr::tr("DestinationRules");
    case PolicyKind::Gateway:
        return PolicyTr::tr("Gateways");
    case PolicyKind::ServiceEntry:
        return PolicyTr::tr("ServiceEntries");
    case PolicyKind::PeerAuthentication:
        return PolicyTr::tr("PeerAuthentications");
    case PolicyKind::RequestAuthentication:
        return PolicyTr::tr("RequestAuthentications");
    case PolicyKind::AuthorizationPolicy:
        return PolicyTr::tr("AuthorizationPolicies");
    }
    return {};
}

QList<PolicyColumn> policyColumns(PolicyKind kind)
{
    using C = PolicyColumn;
    QList<C> columns {C::Name, C::Namespace, C::Cluster, C::Checks};
    switch (kind) {
    case PolicyKind::VirtualService:
        columns << C::Hosts << C::Gateways << C::Routes << C::Tags;
        break;
    case PolicyKind::DestinationRule:
        columns << C::Host << C::Subsets << C::Tls << C::Tags;
        break;
    case PolicyKind::Gateway:
        columns << C::Selector << C::Hosts << C::Servers << C::Tls;
        break;
    case PolicyKind::ServiceEntry:
        columns << C::Hosts << C::Ports << C::Location << C::Resolution << C::Endpoints;
        break;
    case PolicyKind::PeerAuthentication:
        columns << C::Scope << C::MtlsMode << C::PortMtls;
        break;
    case PolicyKind::RequestAuthentication:
        columns << C::Scope << C::Issuers;
        break;
    case PolicyKind::AuthorizationPolicy:
        columns << C::Scope << C::Action << C::Rules;
        break;
    }
    columns << C::Age;
    return columns;
}

QString policyColumnTitle(PolicyColumn column)
{
    using C = PolicyColumn;
    switch (column) {
    case C::Name:
        return PolicyTr::tr("Name");
    case C::Namespace:
        return PolicyTr::tr("Namespace");
    case C::Cluster:
        return PolicyTr::tr("Cluster");
    case C::Checks:
        return PolicyTr::tr("Checks");
    case C::Hosts:
        return PolicyTr::tr("Hosts");
    case C::Gateways:
        return PolicyTr::tr("Gateways");
    case C::Routes:
        return PolicyTr::tr("Routes");
    case C::Tags:
        return PolicyTr::tr("Tags");
    case C::Host:
        return PolicyTr::tr("Host");
    case C::Subsets:
        return PolicyTr::tr("Subsets");
    case C::Selector:
        return PolicyTr::tr("Selector");
    case C::Servers:
        return PolicyTr::tr("Servers");
    case C::Tls:
        return PolicyTr::tr("TLS");
    case C::Ports:
        return PolicyTr::tr("Ports");
    case C::Location:
        return PolicyTr::tr("Location");
    case C::Resolution:
        return PolicyTr::tr("Resolution");
    case C::Endpoints:
        return PolicyTr::tr("Endpoints");
    case C::Scope:
        return PolicyTr::tr("Scope");
    case C::MtlsMode:
        return PolicyTr::tr("mTLS mode");
    case C::PortMtls:
        return PolicyTr::tr("Port mTLS");
    case C::Issuers:
        return PolicyTr::tr("JWT issuers");
    case C::Action:
        return PolicyTr::tr("Action");
    case C::Rules:
        return PolicyTr::tr("Rules");
    case C::Age:
        return PolicyTr::tr("Age");
    }
    return {};
}

PolicyRow makePolicyRow(PolicyKind kind, const QString &context, const QString &apiVersion,
                        const md::kube::KubeObject &object, const QString &rootNamespace)
{
    PolicyRow row;
    row.context = context;
    row.key = context + QLatin1Char('\n') + object.cacheKey();
    row.namespace_ = object.namespaceName();
    row.name = object.name();
    // As context + "\n" + KubeObject::keyFor(), in one allocation.
    row.objectId = row.namespace_.isEmpty()
        ? QString(context + QLatin1Char('\n') + row.name)
        : QString(context + QLatin1Char('\n') + row.namespace_ + QLatin1Char('/') + row.name);
    row.resourceVersion = object.resourceVersion();
    row.apiVersion = apiVersion;
    row.object = object;

    Cells cells;
    const bool isVirtualService = kind == PolicyKind::VirtualService;
    const md::detail::PolicyJson json = md::detail::readPolicyJson(object.json(), isVirtualService);
    if (!json.error.isEmpty() || json.notObject) {
        cells.text[PolicyColumn::Hosts] = cells.text[PolicyColumn::Host]
            = cells.text[PolicyColumn::Scope] = cells.text[PolicyColumn::Selector]
            = PolicyTr::tr("(unreadable: %1)")
                  .arg(json.notObject ? PolicyTr::tr("not an object") : json.error);
    } else {
        row.created = json.created;
        Value value;
        if (!isVirtualService) {
            value = Value::object();
            value.insert(s("spec"), json.spec);
        }
        switch (kind) {
        case PolicyKind::VirtualService:
            virtualService(json.virtualService, cells);
            break;
        case PolicyKind::DestinationRule:
            destinationRule(value, cells);
            break;
        case PolicyKind::Gateway:
            gateway(value, cells);
            break;
        case PolicyKind::ServiceEntry:
            serviceEntry(value, cells);
            break;
        case PolicyKind::PeerAuthentication:
            peerAuthentication(value, row.namespace_, rootNamespace, cells);
            break;
        case PolicyKind::RequestAuthentication:
            requestAuthentication(value, row.namespace_, rootNamespace, cells);
            break;
        case PolicyKind::AuthorizationPolicy:
            authorizationPolicy(value, row.namespace_, rootNamespace, cells);
            break;
        }
    }
    row.hosts = cells.hosts;
    cells.text[PolicyColumn::Name] = row.name;
    cells.text[PolicyColumn::Namespace] = row.namespace_;
    cells.text[PolicyColumn::Cluster] = context;
    if (!cells.text.contains(PolicyColumn::Hosts))
        cells.text[PolicyColumn::Hosts] = joined(cells.hosts, u", ");
    cells.text[PolicyColumn::Tags] = cells.tagsJoined ? cells.tagsShown : joined(cells.tags, u", ");
    static const QList<QList<PolicyColumn>> kindColumns = [] {
        QList<QList<PolicyColumn>> all(policyKinds().size());
        for (const PolicyKindInfo &info : policyKinds())
            all[qsizetype(info.kind)] = policyColumns(info.kind);
        return all;
    }();
    const QList<PolicyColumn> &columns = kindColumns.at(qsizetype(kind));
    row.cells.reserve(columns.size());
    for (PolicyColumn column : columns)
        row.cells << cells.text.value(column);
    // In one allocation (the parts are lower case already, as Kubernetes names are, in most).
    const QString tags = cells.tagsJoined ? cells.tagsSearched : cells.tags.join(QLatin1Char('\n'));
    qsizetype length = row.name.size() + row.namespace_.size() + tags.size() + 3;
    for (const QString &host : std::as_const(cells.hosts))
        length += host.size() + 1;
    QString haystack;
    haystack.reserve(length);
    haystack.append(row.name).append(QLatin1Char('\n')).append(row.namespace_);
    haystack.append(QLatin1Char('\n'));
    for (qsizetype i = 0; i < cells.hosts.size(); ++i) {
        if (i > 0)
            haystack.append(QLatin1Char('\n'));
        haystack.append(cells.hosts.at(i));
    }
    haystack.append(QLatin1Char('\n')).append(tags);
    row.haystack = std::move(haystack).toLower();
    return row;
}

QString ageText(const QDateTime &created, const QDateTime &now)
{
    if (!created.isValid())
        return {};
    const qint64 secs = std::max<qint64>(0, created.secsTo(now));
    if (secs < 120)
        return QStringLiteral("%1s").arg(secs);
    if (secs < 3600 * 2)
        return QStringLiteral("%1m").arg(secs / 60);
    if (secs < 86400 * 2)
        return QStringLiteral("%1h").arg(secs / 3600);
    return QStringLiteral("%1d").arg(secs / 86400);
}

} // namespace md

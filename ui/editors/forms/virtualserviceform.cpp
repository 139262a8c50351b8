// The VirtualService form: hosts and gateways, then HTTP, TLS and TCP routes, each a
// collapsible, reorderable section built when opened.

#include "editors/forms/destinations.h"
#include "editors/forms/formbase.h"
#include "editors/forms/formfactory.h"

#include <QLabel>

namespace md::ui::forms {

using namespace md::istio;

namespace {

QString matchText(const std::optional<StringMatch> &m)
{
    if (!m)
        return {};
    if (!m->prefix.isEmpty())
        return m->prefix + u'*';
    if (!m->regex.isEmpty())
        return QStringLiteral("~") + m->regex;
    return m->exact;
}

QString destinationText(const Destination &d, std::optional<qint64> weight)
{
    QString s = d.host.section(u'.', 0, 0);
    if (!d.subset.isEmpty())
        s += u' ' + d.subset;
    if (weight)
        s += QStringLiteral(" (%1%)").arg(*weight);
    return s;
}

class VirtualServiceForm final : public TypedForm<VirtualService>
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::forms::VirtualServiceForm)
public:
    VirtualServiceForm(CatalogSource *catalog, QWidget *parent)
        : TypedForm(QStringLiteral("VirtualService"), catalog, parent)
    {
        setObjectName(QStringLiteral("virtualServiceForm"));
        setObject(Value::object());
    }

protected:
    void buildForm() override
    {
        buildBasicInfo(m_view.metadata, &m_view.spec.exportTo);
        section(
            content(), tr("Hosts and gateways"), QStringLiteral("spec.hosts"),
            [this](QFormLayout *f) {
                auto hostsEdit = row(
                    f, tr("Hosts"), new StringListEdit(tr("e.g. reviews"), tr("Add host")),
                    QStringLiteral("spec.hosts"),
                    [this]() -> QStringList & { return m_view.spec.hosts; },
                    tr("The destinations these rules apply to (the service's name or FQDN)"));
                hostsEdit->setObjectName(QStringLiteral("hosts"));
                hostsEdit->setSuggestions(hostsFor());
                auto gw = row(f, tr("Gateways"),
                              new StringListEdit(tr("namespace/name, or mesh"), tr("Add gateway")),
                              QStringLiteral("spec.gateways"),
                              [this]() -> QStringList & { return m_view.spec.gateways; });
                gw->setObjectName(QStringLiteral("gateways"));
                gw->setSuggestions(gateways());
                hint(f,
                     tr("No gateway: the rules apply to the sidecars of the mesh. With "
                        "gateways, add \"mesh\" to also apply them inside the mesh."));
            },
            true);
        routesSection(tr("HTTP routes"), QStringLiteral("spec.http"), true);
        routesSection(tr("TLS routes"), QStringLiteral("spec.tls"), false);
        routesSection(tr("TCP routes"), QStringLiteral("spec.tcp"), false);
    }

private:
    Suggestions hostsFor() const
    {
        return [this] { return catalog().hostsFor(m_view.metadata.namespace_); };
    }

    void routesSection(const QString &title, const QString &path, bool http)
    {
        const bool tls = path.endsWith(u"tls");
        const auto count = [this, http, tls] {
            return http ? m_view.spec.http.size()
                        : (tls ? m_view.spec.tls : m_view.spec.tcp).size();
        };
        auto s = section(
            content(), title, path,
            [this, path, http, tls](QFormLayout *f) {
                if (http)
                    hint(f,
                         tr("Routes are tried in order: the first whose match fits the "
                            "request wins. Drag the grip or use the arrows to reorder."));
                QVBoxLayout *col = column(f);
                if (http) {
                    itemList<HTTPRoute>(
                        col, path, tr("Add HTTP route"),
                        [this]() -> QList<HTTPRoute> & { return m_view.spec.http; },
                        [](int i, const HTTPRoute &r) {
                            return r.name.isEmpty() ? tr("Route %1").arg(i + 1)
                                                    : tr("Route %1: %2").arg(i + 1).arg(r.name);
                        },
                        [](const HTTPRoute &r) { return httpSummary(r); },
                        [this](QFormLayout *rf, const QString &p,
                               std::function<HTTPRoute &()> ref) { buildHttpRoute(rf, p, ref); });
                } else {
                    itemList<L4Route>(
                        col, path, tls ? tr("Add TLS route") : tr("Add TCP route"),
                        [this, tls]() -> QList<L4Route> & {
                            return tls ? m_view.spec.tls : m_view.spec.tcp;
                        },
                        [](int i, const L4Route &) { return tr("Route %1").arg(i + 1); },
                        [](const L4Route &r) { return l4Summary(r); },
                        [this, tls](QFormLayout *rf, const QString &p,
                                    std::function<L4Route &()> ref) {
                            buildL4Route(rf, p, ref, tls);
                        });
                }
            },
            http || count() > 0);
        const auto retitle
            = [s, title, count] { s->setTitle(QStringLiteral("%1 (%2)").arg(title).arg(count())); };
        retitle();
        onTouched(s, retitle);
    }

    static QString httpSummary(const HTTPRoute &r)
    {
        QStringList parts;
        QStringList matches;
        for (const HTTPMatchRequest &m : r.match) {
            QStringList conds;
            if (m.uri)
                conds.append(matchText(m.uri));
            if (m.method)
                conds.append(matchText(m.method));
            for (auto it = m.headers.constBegin(); it != m.headers.constEnd(); ++it)
                conds.append(it.key() + u'=' + matchText(it.value()));
            if (m.port)
                conds.append(QStringLiteral(":%1").arg(*m.port));
            if (!conds.isEmpty())
                matches.append(conds.join(QStringLiteral(" & ")));
        }
        parts.append(matches.isEmpty() ? tr("every request") : matches.join(QStringLiteral(" | ")));
        QStringList dests;
        for (const HTTPRouteDestination &d : r.route)
            dests.append(destinationText(d.destination, d.weight));
        if (!dests.isEmpty())
            parts.append(QStringLiteral("\u2192 ") + dests.join(QStringLiteral(", ")));
        if (r.redirect)
            parts.append(tr("\u2192 redirect %1").arg(r.redirect->uri));
        if (r.directResponse)
            parts.append(tr("\u2192 respond %1").arg(r.directResponse->status.value_or(0)));
        if (r.delegate)
            parts.append(tr("\u2192 delegate %1").arg(r.delegate->name));
        QStringList tags;
        if (!r.timeout.isEmpty())
            tags.append(tr("timeout %1").arg(r.timeout));
        if (r.retries)
            tags.append(tr("retries %1").arg(r.retries->attempts.value_or(0)));
        if (r.fault)
            tags.append(tr("fault"));
        if (r.mirror || !r.mirrors.isEmpty())
            tags.append(tr("mirror"));
        if (r.rewrite)
            tags.append(tr("rewrite"));
        if (r.corsPolicy)
            tags.append(tr("CORS"));
        if (!tags.isEmpty())
            parts.append(tags.join(QStringLiteral(", ")));
        return parts.join(QStringLiteral("  \u00b7  "));
    }

    static QString l4Summary(const L4Route &r)
    {
        QStringList conds;
        for (const L4Match &m : r.match) {
            QStringList c = m.sniHosts;
            if (m.port)
                c.append(QStringLiteral(":%1").arg(*m.port));
            if (!c.isEmpty())
                conds.append(c.join(u' '));
        }
        QStringList dests;
        for (const RouteDestination &d : r.route)
            dests.append(destinationText(d.destination, d.weight));
        return (conds.isEmpty() ? tr("every connection") : conds.join(QStringLiteral(" | ")))
            + QStringLiteral("  \u2192 ") + dests.join(QStringLiteral(", "));
    }

    DestinationList *destinations(QFormLayout *f, const QString &path)
    {
        auto list = new DestinationList;
        list->setObjectName(QStringLiteral("destinations"));
        list->setHostSuggestions(hostsFor());
        list->setSubsetSuggestions([this](const QString &host) {
            return catalog().subsetsOf(host, m_view.metadata.namespace_);
        });
        list->onRow = [this, path](int i, QWidget *row, QWidget *weight) {
            registerField(QStringLiteral("%1[%2]").arg(path).arg(i), row);
            registerField(QStringLiteral("%1[%2].weight").arg(path).arg(i), weight);
        };
        registerField(path, list);
        f->addRow(list);
        return list;
    }

    // The weighted destinations of a route (HTTP, TLS or TCP) at `p`.route.
    template<typename Item>
    void destinationsSection(QVBoxLayout *col, const QString &p,
                             std::function<QList<Item> &()> items)
    {
        section(
            col, tr("Destinations"), p + QStringLiteral(".route"),
            [this, p, items](QFormLayout *df) {
                auto list = destinations(df, p + QStringLiteral(".route"));
                list->setValue(DestinationList::from(items()));
                connect(list, &RowList::changed, this, [this, list, items] {
                    DestinationList::assign(items(), list->value());
                    touched();
                });
            },
            true);
    }

    // Where a request or connection comes from: shared by HTTP and L4 matches.
    template<typename Match>
    void sourceRows(QFormLayout *f, const QString &q, std::function<Match &()> m)
    {
        row(f, tr("Port"), new IntField(1, 65535), q + QStringLiteral(".port"),
            [m]() -> std::optional<qint64> & { return m().port; });
        row(f, tr("Source labels"), new KeyValueEdit(tr("label"), tr("value")),
            q + QStringLiteral(".sourceLabels"),
            [m]() -> QMap<QString, QString> & { return m().sourceLabels; })
            ->setSuggestions(podLabels());
        row(f, tr("Source namespace"), new ChoiceField({}, true),
            q + QStringLiteral(".sourceNamespace"),
            [m]() -> QString & { return m().sourceNamespace; })
            ->setSuggestions(namespaces());
        row(f, tr("Gateways"), new StringListEdit(tr("namespace/name, or mesh"), tr("Add gateway")),
            q + QStringLiteral(".gateways"), [m]() -> QStringList & { return m().gateways; })
            ->setSuggestions(gateways());
    }

    void buildHttpRoute(QFormLayout *f, const QString &p, std::function<HTTPRoute &()> r)
    {
        row(f, tr("Name"), new TextField(tr("optional, shown in access logs")),
            p + QStringLiteral(".name"), [r]() -> QString & { return r().name; })
            ->setObjectName(QStringLiteral("routeName"));
        auto col = column(f);
        auto matches = section(
            col, tr("Match conditions"), p + QStringLiteral(".match"),
            [this, p, r](QFormLayout *mf) {
                hint(mf,
                     tr("A request matches when it fits every condition of one block "
                        "(blocks are alternatives). No block: every request."));
                itemList<HTTPMatchRequest>(
                    column(mf), p + QStringLiteral(".match"), tr("Add match block"),
                    [r]() -> QList<HTTPMatchRequest> & { return r().match; },
                    [](int i, const HTTPMatchRequest &m) {
                        return m.name.isEmpty() ? tr("Match %1").arg(i + 1)
                                                : tr("Match %1: %2").arg(i + 1).arg(m.name);
                    },
                    {},
                    [this](QFormLayout *ff, const QString &mp,
                           std::function<HTTPMatchRequest &()> m) { buildMatch(ff, mp, m); });
            },
            !r().match.isEmpty());
        (void)matches;
        destinationsSection<HTTPRouteDestination>(
            col, p, [r]() -> QList<HTTPRouteDestination> & { return r().route; });
        optionalSection<HTTPRedirect>(
            col, tr("Redirect (instead of destinations)"), p + QStringLiteral(".redirect"),
            [r]() -> std::optional<HTTPRedirect> & { return r().redirect; },
            [this, p](QFormLayout *rf, std::function<HTTPRedirect &()> d) {
                const QString q = p + QStringLiteral(".redirect");
                row(rf, tr("URI"), new TextField(tr("/new/path")), q + QStringLiteral(".uri"),
                    [d]() -> QString & { return d().uri; });
                row(rf, tr("Authority"), new TextField(tr("new.example.com")),
                    q + QStringLiteral(".authority"), [d]() -> QString & { return d().authority; });
                row(rf, tr("Scheme"),
                    new ChoiceField({QStringLiteral("http"), QStringLiteral("https")}, false),
                    q + QStringLiteral(".scheme"), [d]() -> QString & { return d().scheme; });
                row(rf, tr("Port"), new IntField(1, 65535), q + QStringLiteral(".port"),
                    [d]() -> std::optional<qint64> & { return d().port; });
                row(rf, tr("Derive port"),
                    new ChoiceField({QStringLiteral("FROM_PROTOCOL_DEFAULT"),
                                     QStringLiteral("FROM_REQUEST_PORT")},
                                    false),
                    q + QStringLiteral(".derivePort"),
                    [d]() -> QString & { return d().derivePort; });
                row(
                    rf, tr("Status code"), new IntField(300, 399),
                    q + QStringLiteral(".redirectCode"),
                    [d]() -> std::optional<qint64> & { return d().redirectCode; },
                    tr("301 when not set"));
            });
        optionalSection<HTTPDirectResponse>(
            col, tr("Direct response (instead of destinations)"),
            p + QStringLiteral(".directResponse"),
            [r]() -> std::optional<HTTPDirectResponse> & { return r().directResponse; },
            [this, p](QFormLayout *rf, std::function<HTTPDirectResponse &()> d) {
                const QString q = p + QStringLiteral(".directResponse");
                row(rf, tr("Status"), new IntField(200, 599), q + QStringLiteral(".status"),
                    [d]() -> std::optional<qint64> & { return d().status; });
                row(rf, tr("Body (text)"), new TextField(), q + QStringLiteral(".body.string"),
                    [d]() -> QString & { return d().bodyString; });
                row(rf, tr("Body (base64)"), new TextField(), q + QStringLiteral(".body.bytes"),
                    [d]() -> QString & { return d().bodyBytes; });
            });
        optionalSection<Delegate>(
            col, tr("Delegate (to another VirtualService)"), p + QStringLiteral(".delegate"),
            [r]() -> std::optional<Delegate> & { return r().delegate; },
            [this, p](QFormLayout *rf, std::function<Delegate &()> d) {
                const QString q = p + QStringLiteral(".delegate");
                row(rf, tr("Name"), new TextField(), q + QStringLiteral(".name"),
                    [d]() -> QString & { return d().name; });
                auto ns = row(rf, tr("Namespace"), new ChoiceField({}, true),
                              q + QStringLiteral(".namespace"),
                              [d]() -> QString & { return d().namespace_; });
                ns->setSuggestions(namespaces());
            });
        auto timeout = new DurationField;
        timeout->setObjectName(QStringLiteral("timeout"));
        bind(timeout, p + QStringLiteral(".timeout"), [r]() -> QString & { return r().timeout; });
        QFormLayout *tf = nullptr;
        QWidget *tw = formWidget(&tf);
        addRow(tf, tr("Timeout"), timeout, tr("Total time for the request, retries included"));
        col->addWidget(tw);
        buildRetries(col, p, r);
        buildFault(col, p, r);
        optionalSection<HTTPRewrite>(
            col, tr("Rewrite"), p + QStringLiteral(".rewrite"),
            [r]() -> std::optional<HTTPRewrite> & { return r().rewrite; },
            [this, p](QFormLayout *rf, std::function<HTTPRewrite &()> d) {
                const QString q = p + QStringLiteral(".rewrite");
                row(
                    rf, tr("URI prefix"), new TextField(tr("/v2/")), q + QStringLiteral(".uri"),
                    [d]() -> QString & { return d().uri; },
                    tr("Replaces the part of the path the URI match matched"));
                row(rf, tr("Authority"), new TextField(), q + QStringLiteral(".authority"),
                    [d]() -> QString & { return d().authority; });
                row(rf, tr("Regex match"), new TextField(tr("^/service/([^/]+)(/.*)$")),
                    q + QStringLiteral(".uriRegexRewrite.match"),
                    [d]() -> QString & { return d().regexMatch; });
                row(rf, tr("Regex rewrite"), new TextField(tr("\\2/instance/\\1")),
                    q + QStringLiteral(".uriRegexRewrite.rewrite"),
                    [d]() -> QString & { return d().regexRewrite; });
            });
        buildMirror(col, p, r);
        buildCors(col, p, r);
        section(col, tr("Headers"), p + QStringLiteral(".headers"), [this, p, r](QFormLayout *hf) {
            buildHeaderOps(hf, tr("Request"), p + QStringLiteral(".headers.request"),
                           [r]() -> HeaderOps & { return r().headers.request; });
            buildHeaderOps(hf, tr("Response"), p + QStringLiteral(".headers.response"),
                           [r]() -> HeaderOps & { return r().headers.response; });
        });
    }

    void buildHeaderOps(QFormLayout *f, const QString &what, const QString &q,
                        std::function<HeaderOps &()> h)
    {
        row(f, tr("%1: set").arg(what), new KeyValueEdit(tr("header"), tr("value")),
            q + QStringLiteral(".set"), [h]() -> QMap<QString, QString> & { return h().set; });
        row(f, tr("%1: add").arg(what), new KeyValueEdit(tr("header"), tr("value")),
            q + QStringLiteral(".add"), [h]() -> QMap<QString, QString> & { return h().add; });
        row(f, tr("%1: remove").arg(what), new StringListEdit(tr("header"), tr("Add header")),
            q + QStringLiteral(".remove"), [h]() -> QStringList & { return h().remove; });
    }

    void buildRetries(QVBoxLayout *col, const QString &p, std::function<HTTPRoute &()> r)
    {
        optionalSection<HTTPRetry>(
            col, tr("Retries"), p + QStringLiteral(".retries"),
            [r]() -> std::optional<HTTPRetry> & { return r().retries; },
            [this, p](QFormLayout *rf, std::function<HTTPRetry &()> d) {
                const QString q = p + QStringLiteral(".retries");
                row(rf, tr("Attempts"), new IntField(0, 1000), q + QStringLiteral(".attempts"),
                    [d]() -> std::optional<qint64> & { return d().attempts; })
                    ->setObjectName(QStringLiteral("attempts"));
                row(rf, tr("Per-try timeout"), new DurationField,
                    q + QStringLiteral(".perTryTimeout"),
                    [d]() -> QString & { return d().perTryTimeout; })
                    ->setObjectName(QStringLiteral("perTryTimeout"));
                row(rf, tr("Retry on"),
                    new TextField(tr("e.g. 5xx,gateway-error,reset,connect-failure")),
                    q + QStringLiteral(".retryOn"), [d]() -> QString & { return d().retryOn; });
                row(rf, tr("Backoff"), new DurationField, q + QStringLiteral(".backoff"),
                    [d]() -> QString & { return d().backoff; });
                row(rf, tr("Retry other localities"), new TriField,
                    q + QStringLiteral(".retryRemoteLocalities"),
                    [d]() -> std::optional<bool> & { return d().retryRemoteLocalities; });
            });
    }

    void buildFault(QVBoxLayout *col, const QString &p, std::function<HTTPRoute &()> r)
    {
        optionalSection<HTTPFaultInjection>(
            col, tr("Fault injection"), p + QStringLiteral(".fault"),
            [r]() -> std::optional<HTTPFaultInjection> & { return r().fault; },
            [this, p](QFormLayout *rf, std::function<HTTPFaultInjection &()> d) {
                const QString q = p + QStringLiteral(".fault");
                hint(rf,
                     tr("Timeouts and retries of this route do not apply while a fault "
                        "is injected."));
                row(rf, tr("Delay"), new DurationField, q + QStringLiteral(".delay.fixedDelay"),
                    [d]() -> QString & { return d().delayFixed; });
                row(rf, tr("Delay for"), new RealField(0, 100, QStringLiteral(" %")),
                    q + QStringLiteral(".delay.percentage.value"),
                    [d]() -> std::optional<double> & { return d().delayPercent; });
                row(rf, tr("Abort with HTTP status"), new IntField(200, 599),
                    q + QStringLiteral(".abort.httpStatus"),
                    [d]() -> std::optional<qint64> & { return d().abortHttpStatus; });
                row(rf, tr("Abort with gRPC status"), new TextField(tr("e.g. UNAVAILABLE")),
                    q + QStringLiteral(".abort.grpcStatus"),
                    [d]() -> QString & { return d().abortGrpcStatus; });
                row(rf, tr("Abort for"), new RealField(0, 100, QStringLiteral(" %")),
                    q + QStringLiteral(".abort.percentage.value"),
                    [d]() -> std::optional<double> & { return d().abortPercent; });
            });
    }

    void buildMirror(QVBoxLayout *col, const QString &p, std::function<HTTPRoute &()> r)
    {
        optionalSection<Destination>(
            col, tr("Mirror"), p + QStringLiteral(".mirror"),
            [r]() -> std::optional<Destination> & { return r().mirror; },
            [this, p, r](QFormLayout *rf, std::function<Destination &()> d) {
                const QString q = p + QStringLiteral(".mirror");
                auto host
                    = row(rf, tr("Host"), new ChoiceField({}, true), q + QStringLiteral(".host"),
                          [d]() -> QString & { return d().host; });
                host->setSuggestions(hostsFor());
                auto subset
                    = row(rf, tr("Subset"), new ChoiceField({}, true),
                          q + QStringLiteral(".subset"), [d]() -> QString & { return d().subset; });
                subset->setSuggestions([this, host] {
                    return catalog().subsetsOf(host->value(), m_view.metadata.namespace_);
                });
                row(rf, tr("Port"), new IntField(1, 65535), q + QStringLiteral(".port.number"),
                    [d]() -> std::optional<qint64> & { return d().port; });
                row(
                    rf, tr("Mirror"), new RealField(0, 100, QStringLiteral(" %")),
                    p + QStringLiteral(".mirrorPercentage.value"),
                    [r]() -> std::optional<double> & { return r().mirrorPercentage; },
                    tr("Share of the requests copied to the mirror (100 % when not set)"));
            });
        section(col, tr("More mirrors"), p + QStringLiteral(".mirrors"),
                [this, p, r](QFormLayout *mf) {
                    itemList<HTTPMirrorPolicy>(
                        column(mf), p + QStringLiteral(".mirrors"), tr("Add mirror"),
                        [r]() -> QList<HTTPMirrorPolicy> & { return r().mirrors; },
                        [](int i, const HTTPMirrorPolicy &m) {
                            return tr("Mirror %1: %2").arg(i + 1).arg(m.destination.host);
                        },
                        {},
                        [this](QFormLayout *ff, const QString &q,
                               std::function<HTTPMirrorPolicy &()> m) {
                            row(ff, tr("Host"), new ChoiceField({}, true),
                                q + QStringLiteral(".destination.host"),
                                [m]() -> QString & { return m().destination.host; })
                                ->setSuggestions(hostsFor());
                            row(ff, tr("Subset"), new TextField,
                                q + QStringLiteral(".destination.subset"),
                                [m]() -> QString & { return m().destination.subset; });
                            row(ff, tr("Port"), new IntField(1, 65535),
                                q + QStringLiteral(".destination.port.number"),
                                [m]() -> std::optional<qint64> & { return m().destination.port; });
                            row(ff, tr("Percentage"), new RealField(0, 100, QStringLiteral(" %")),
                                q + QStringLiteral(".percentage.value"),
                                [m]() -> std::optional<double> & { return m().percentage; });
                        });
                });
    }

    void buildCors(QVBoxLayout *col, const QString &p, std::function<HTTPRoute &()> r)
    {
        optionalSection<CorsPolicy>(
            col, tr("CORS"), p + QStringLiteral(".corsPolicy"),
            [r]() -> std::optional<CorsPolicy> & { return r().corsPolicy; },
            [this, p](QFormLayout *cf, std::function<CorsPolicy &()> c) {
                const QString q = p + QStringLiteral(".corsPolicy");
                row(cf, tr("Allowed origins"), new MatchListEdit,
                    q + QStringLiteral(".allowOrigins"),
                    [c]() -> QList<StringMatch> & { return c().allowOrigins; });
                row(cf, tr("Allowed methods"), new StringListEdit(tr("GET"), tr("Add method")),
                    q + QStringLiteral(".allowMethods"),
                    [c]() -> QStringList & { return c().allowMethods; });
                row(cf, tr("Allowed headers"), new StringListEdit(tr("header"), tr("Add header")),
                    q + QStringLiteral(".allowHeaders"),
                    [c]() -> QStringList & { return c().allowHeaders; });
                row(cf, tr("Exposed headers"), new StringListEdit(tr("header"), tr("Add header")),
                    q + QStringLiteral(".exposeHeaders"),
                    [c]() -> QStringList & { return c().exposeHeaders; });
                row(cf, tr("Max age"), new DurationField, q + QStringLiteral(".maxAge"),
                    [c]() -> QString & { return c().maxAge; });
                row(cf, tr("Allow credentials"), new TriField,
                    q + QStringLiteral(".allowCredentials"),
                    [c]() -> std::optional<bool> & { return c().allowCredentials; });
            });
    }

    void buildMatch(QFormLayout *f, const QString &q, std::function<HTTPMatchRequest &()> m)
    {
        row(f, tr("Name"), new TextField(tr("optional")), q + QStringLiteral(".name"),
            [m]() -> QString & { return m().name; });
        row(f, tr("URI"), new StringMatchEdit(tr("/api/v1")), q + QStringLiteral(".uri"),
            [m]() -> std::optional<StringMatch> & { return m().uri; })
            ->setObjectName(QStringLiteral("uri"));
        row(f, tr("Ignore URI case"), new FlagField(tr("Case-insensitive URI match")),
            q + QStringLiteral(".ignoreUriCase"), [m]() -> bool & { return m().ignoreUriCase; });
        row(f, tr("Method"), new StringMatchEdit(tr("GET")), q + QStringLiteral(".method"),
            [m]() -> std::optional<StringMatch> & { return m().method; });
        row(f, tr("Scheme"), new StringMatchEdit(tr("https")), q + QStringLiteral(".scheme"),
            [m]() -> std::optional<StringMatch> & { return m().scheme; });
        row(f, tr("Authority"), new StringMatchEdit(tr("host:port")),
            q + QStringLiteral(".authority"),
            [m]() -> std::optional<StringMatch> & { return m().authority; });
        row(f, tr("Headers"), new MatchMapEdit(tr("header name")), q + QStringLiteral(".headers"),
            [m]() -> QMap<QString, StringMatch> & { return m().headers; })
            ->setObjectName(QStringLiteral("headers"));
        row(f, tr("Without headers"), new MatchMapEdit(tr("header name")),
            q + QStringLiteral(".withoutHeaders"),
            [m]() -> QMap<QString, StringMatch> & { return m().withoutHeaders; });
        row(f, tr("Query parameters"), new MatchMapEdit(tr("parameter")),
            q + QStringLiteral(".queryParams"),
            [m]() -> QMap<QString, StringMatch> & { return m().queryParams; });
        sourceRows<HTTPMatchRequest>(f, q, m);
    }

    void buildL4Route(QFormLayout *f, const QString &p, std::function<L4Route &()> r, bool tls)
    {
        auto col = column(f);
        section(
            col, tr("Match conditions"), p + QStringLiteral(".match"),
            [this, p, r, tls](QFormLayout *mf) {
                itemList<L4Match>(
                    column(mf), p + QStringLiteral(".match"), tr("Add match block"),
                    [r]() -> QList<L4Match> & { return r().match; },
                    [](int i, const L4Match &) { return tr("Match %1").arg(i + 1); }, {},
                    [this, tls](QFormLayout *ff, const QString &q, std::function<L4Match &()> m) {
                        if (tls)
                            row(ff, tr("SNI hosts"),
                                new StringListEdit(tr("*.example.com"), tr("Add host")),
                                q + QStringLiteral(".sniHosts"),
                                [m]() -> QStringList & { return m().sniHosts; });
                        row(ff, tr("Destination subnets"),
                            new StringListEdit(tr("10.0.0.0/8"), tr("Add subnet")),
                            q + QStringLiteral(".destinationSubnets"),
                            [m]() -> QStringList & { return m().destinationSubnets; });
                        sourceRows<L4Match>(ff, q, m);
                    });
            },
            !r().match.isEmpty());
        destinationsSection<RouteDestination>(
            col, p, [r]() -> QList<RouteDestination> & { return r().route; });
    }
};

} // namespace

PolicyForm *createVirtualServiceForm(CatalogSource *catalog, QWidget *parent)
{
    return new VirtualServiceForm(catalog, parent);
}

} // namespace md::ui::forms

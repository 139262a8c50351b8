#include "editors/wizards/wizards.h"

#include "editors/forms/destinations.h"
#include "editors/forms/meshcatalog.h"
#include "editors/wizards/wizards_p.h"
#include "istio/document.h"
#include "istio/security.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QWizardPage>

namespace md::ui {

using namespace md::istio;
using forms::ChoiceField;
using forms::DestinationList;
using forms::DurationField;
using forms::IntField;
using forms::MeshCatalog;
using forms::RealField;
using forms::StringListEdit;
using forms::TextField;

struct Wizards
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::Wizards)
};

const QList<WizardInfo> &policyWizards()
{
    static const QList<WizardInfo> list {
        {QStringLiteral("traffic-shifting"),
         QT_TRANSLATE_NOOP("md::ui::Wizards", "Traffic shifting"),
         QT_TRANSLATE_NOOP("md::ui::Wizards",
                           "Split a service's traffic between its versions by weight "
                           "(VirtualService and DestinationRule subsets)")},
        {QStringLiteral("request-routing"), QT_TRANSLATE_NOOP("md::ui::Wizards", "Request routing"),
         QT_TRANSLATE_NOOP("md::ui::Wizards",
                           "Send requests with a given header or URI to one version, the rest to "
                           "another")},
        {QStringLiteral("fault-injection"), QT_TRANSLATE_NOOP("md::ui::Wizards", "Fault injection"),
         QT_TRANSLATE_NOOP("md::ui::Wizards",
                           "Delay or abort a share of a service's requests to test resilience")},
        {QStringLiteral("timeouts-retries"),
         QT_TRANSLATE_NOOP("md::ui::Wizards", "Timeouts and retries"),
         QT_TRANSLATE_NOOP("md::ui::Wizards", "Bound a service's request time and retry failures")},
        {QStringLiteral("circuit-breaking"),
         QT_TRANSLATE_NOOP("md::ui::Wizards", "Circuit breaking"),
         QT_TRANSLATE_NOOP("md::ui::Wizards",
                           "Limit connections and pending requests, eject failing endpoints "
                           "(connection pool and outlier detection)")},
        {QStringLiteral("strict-mtls"),
         QT_TRANSLATE_NOOP("md::ui::Wizards", "STRICT mTLS for a namespace"),
         QT_TRANSLATE_NOOP(
             "md::ui::Wizards",
             "Accept only mutual-TLS connections in a namespace (PeerAuthentication)")},
        {QStringLiteral("jwt-required"),
         QT_TRANSLATE_NOOP("md::ui::Wizards", "JWT required for a workload"),
         QT_TRANSLATE_NOOP("md::ui::Wizards",
                           "Validate tokens of an issuer and reject requests without one "
                           "(RequestAuthentication and AuthorizationPolicy)")},
        {QStringLiteral("namespace-allowlist"),
         QT_TRANSLATE_NOOP("md::ui::Wizards", "Only given namespaces may call a service"),
         QT_TRANSLATE_NOOP("md::ui::Wizards",
                           "Allow requests to a service only from the namespaces listed "
                           "(AuthorizationPolicy)")},
    };
    return list;
}

namespace {

const auto WizardLabel = QStringLiteral("meshdesk.io/wizard");

// A page whose initializePage() and validatePage() are functions.
class Page : public QWizardPage
{
public:
    std::function<void()> init;
    std::function<bool()> validate;
    void initializePage() override
    {
        if (init)
            init();
    }
    bool validatePage() override { return validate ? validate() : true; }
};

QFormLayout *formOn(QWizardPage *page)
{
    auto form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setVerticalSpacing(8);
    return form;
}

QLabel *note(QFormLayout *form, const QString &text)
{
    auto label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(label);
    return label;
}

// A new object: apiVersion, kind, metadata (with the wizard's label), then the view's fields.
template<typename View>
Value makeObject(const QString &apiVersion, const QString &kind, View view, const QString &wizard)
{
    Value object = Value::object();
    object.insert(QStringLiteral("apiVersion"), Value(apiVersion));
    object.insert(QStringLiteral("kind"), Value(kind));
    view.metadata.labels.insert(WizardLabel, wizard);
    writeView(object, view);
    return object;
}

const auto Networking = QStringLiteral("networking.istio.io/v1");
const auto Security = QStringLiteral("security.istio.io/v1");

class Wizard : public PolicyWizard
{
public:
    Wizard(const QString &id, forms::CatalogSource *source, QWidget *parent)
        : PolicyWizard(parent)
        , m_id(id)
        , m_source(source)
    {
        m_source->setParent(this);
        setObjectName(QStringLiteral("wizard-%1").arg(id));
        setWizardStyle(QWizard::ClassicStyle);
        setOption(QWizard::NoBackButtonOnStartPage);
        setMinimumSize(720, 520);
        for (const WizardInfo &info : policyWizards()) {
            if (info.id == id)
                setWindowTitle(QCoreApplication::translate("md::ui::Wizards", info.title));
        }
        connect(this, &QWizard::accepted, this, [this] { emit objectsReady(build()); });
    }

    std::function<QList<Value>()> build;

    const MeshCatalog &catalog() const { return m_source->catalog(); }

    // First page: the service the wizard acts on (pre-filled with the mesh's services).
    void addServicePage(const QString &explanation)
    {
        auto page = new Page;
        page->setTitle(Wizards::tr("Service"));
        page->setSubTitle(explanation);
        auto form = formOn(page);
        m_service = new ChoiceField({}, true);
        m_service->setObjectName(QStringLiteral("service"));
        m_service->lineEdit()->setPlaceholderText(Wizards::tr("namespace/name"));
        const auto names = [this] {
            QStringList out;
            for (const MeshCatalog::Service &s : catalog().services)
                out.append(s.namespace_ + u'/' + s.name);
            return out;
        };
        m_service->setSuggestions(names);
        const auto fill = [this, names] {
            // The mesh's services arrive when the catalog is built; keep what the user typed.
            const QString typed = m_service->value();
            m_service->clear();
            m_service->addItems(names());
            m_service->setValue(typed.isEmpty() ? names().value(0) : typed);
        };
        fill();
        connect(m_source, &forms::CatalogSource::updated, m_service, fill);
        form->addRow(Wizards::tr("Service"), m_service);
        auto info = note(form, {});
        const auto describe = [this, info] {
            const MeshCatalog::Service *s = service();
            if (!s) {
                info->setText(Wizards::tr("Not a service of the mesh: the objects are written "
                                          "for it anyway."));
                return;
            }
            QStringList ports;
            for (qint64 p : s->ports)
                ports.append(QString::number(p));
            info->setText(Wizards::tr("Host %1 · ports %2 · versions %3")
                              .arg(s->host(), ports.join(QStringLiteral(", ")),
                                   s->versions.isEmpty() ? Wizards::tr("(no version label)")
                                                         : s->versions.join(QStringLiteral(", "))));
        };
        describe();
        connect(m_service, &ChoiceField::changed, info, describe);
        connect(m_service, &QComboBox::currentTextChanged, info, describe);
        page->validate
            = [this] { return serviceNamespace().size() > 0 && serviceName().size() > 0; };
        addPage(page);
    }

    QString serviceNamespace() const { return m_service->value().section(u'/', 0, 0).trimmed(); }
    QString serviceName() const { return m_service->value().section(u'/', 1).trimmed(); }
    QString host() const { return serviceName(); }
    const MeshCatalog::Service *service() const
    {
        return catalog().service(serviceNamespace(), serviceName());
    }
    QStringList versions() const
    {
        const MeshCatalog::Service *s = service();
        return s ? s->versions : QStringList();
    }

    // The last page: the objects as YAML, as the review will show them.
    void addPreviewPage()
    {
        auto page = new Page;
        page->setTitle(Wizards::tr("Preview"));
        page->setSubTitle(Wizards::tr("These objects go to the review, where they are checked "
                                      "and dry-run before anything is applied."));
        auto layout = new QVBoxLayout(page);
        auto text = new QPlainTextEdit;
        text->setObjectName(QStringLiteral("preview"));
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        layout->addWidget(text);
        page->init = [this, text] {
            QByteArray yaml;
            for (const Value &o : build()) {
                if (!yaml.isEmpty())
                    yaml += "---\n";
                yaml += toYaml(o);
            }
            text->setPlainText(QString::fromUtf8(yaml));
        };
        addPage(page);
    }

    // Objects for a service: metadata named after it in its namespace.
    template<typename View> View named() const
    {
        View v;
        v.metadata.name = serviceName();
        v.metadata.namespace_ = serviceNamespace();
        return v;
    }

    // DestinationRule with one subset per version in `subsets`.
    Value subsetsRule(const QStringList &subsets) const
    {
        auto dr = named<DestinationRule>();
        dr.spec.host = host();
        for (const QString &v : subsets) {
            Subset s;
            s.name = v;
            s.labels.insert(QStringLiteral("version"), v);
            dr.spec.subsets.append(s);
        }
        return makeObject(Networking, QStringLiteral("DestinationRule"), dr, m_id);
    }

    QString m_id;
    forms::CatalogSource *m_source = nullptr; // Owned (child).
    ChoiceField *m_service = nullptr;
};

Page *settingsPage(Wizard *w, const QString &title, const QString &subtitle, QFormLayout **form)
{
    auto page = new Page;
    page->setTitle(title);
    page->setSubTitle(subtitle);
    *form = formOn(page);
    w->addPage(page);
    return page;
}

void trafficShifting(Wizard *w)
{
    w->addServicePage(Wizards::tr("The service whose traffic is split between its versions."));
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Weights"),
                             Wizards::tr("The share of requests each version gets; the "
                                         "weights add up to 100."),
                             &form);
    auto list = new DestinationList;
    list->setObjectName(QStringLiteral("weights"));
    form->addRow(list);
    page->init = [w, list] {
        QList<forms::WeightedDestination> rows;
        const QStringList versions = w->versions();
        for (const QString &v : versions)
            rows.append({{w->host(), v, std::nullopt}, 0});
        list->setValue(rows);
        list->splitEvenly();
    };
    page->validate = [list] {
        const auto rows = list->value();
        return !rows.isEmpty() && (list->total() == 100 || rows.size() == 1);
    };
    w->build = [w, list] {
        auto vs = w->named<VirtualService>();
        vs.spec.hosts = QStringList {w->host()};
        HTTPRoute route;
        QStringList subsets;
        for (const forms::WeightedDestination &d : list->value()) {
            route.route.append({d.destination, d.weight, {}});
            if (!d.destination.subset.isEmpty())
                subsets.append(d.destination.subset);
        }
        vs.spec.http.append(route);
        return QList<Value> {w->subsetsRule(subsets),
                             makeObject(Networking, QStringLiteral("VirtualService"), vs, w->m_id)};
    };
}

void requestRouting(Wizard *w)
{
    w->addServicePage(Wizards::tr("The service whose requests are routed by content."));
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Route"),
                             Wizards::tr("Requests that match go to one version; all others to "
                                         "the default version."),
                             &form);
    auto byHeader = new QRadioButton(Wizards::tr("Header"));
    byHeader->setObjectName(QStringLiteral("byHeader"));
    auto byUri = new QRadioButton(Wizards::tr("URI"));
    byUri->setObjectName(QStringLiteral("byUri"));
    byHeader->setChecked(true);
    auto kinds = new QWidget;
    auto kl = new QHBoxLayout(kinds);
    kl->setContentsMargins(0, 0, 0, 0);
    kl->addWidget(byHeader);
    kl->addWidget(byUri);
    kl->addStretch();
    form->addRow(Wizards::tr("Match on"), kinds);
    auto header = new TextField(Wizards::tr("e.g. end-user"));
    header->setObjectName(QStringLiteral("headerName"));
    form->addRow(Wizards::tr("Header name"), header);
    auto match = new forms::StringMatchEdit(Wizards::tr("value"));
    match->setObjectName(QStringLiteral("matchValue"));
    form->addRow(Wizards::tr("Value"), match);
    QObject::connect(byHeader, &QRadioButton::toggled, header, &QWidget::setEnabled);
    auto matched = new ChoiceField({}, true);
    matched->setObjectName(QStringLiteral("matchedVersion"));
    form->addRow(Wizards::tr("Matching requests go to"), matched);
    auto fallback = new ChoiceField({}, true);
    fallback->setObjectName(QStringLiteral("defaultVersion"));
    form->addRow(Wizards::tr("Other requests go to"), fallback);
    page->init = [w, matched, fallback] {
        const QStringList versions = w->versions();
        for (ChoiceField *c : {matched, fallback}) {
            c->clear();
            c->addItems(versions);
        }
        if (versions.size() > 1) {
            matched->setValue(versions.last());
            fallback->setValue(versions.first());
        }
    };
    page->validate = [byHeader, header, match, matched, fallback] {
        return match->value() && (!byHeader->isChecked() || !header->value().isEmpty())
            && !matched->value().isEmpty() && !fallback->value().isEmpty();
    };
    w->build = [w, byHeader, header, match, matched, fallback] {
        auto vs = w->named<VirtualService>();
        vs.spec.hosts = QStringList {w->host()};
        HTTPRoute special;
        HTTPMatchRequest m;
        if (byHeader->isChecked())
            m.headers.insert(header->value(), match->value().value_or(StringMatch {}));
        else
            m.uri = match->value();
        special.match.append(m);
        special.route.append({{w->host(), matched->value(), std::nullopt}, std::nullopt, {}});
        HTTPRoute rest;
        rest.route.append({{w->host(), fallback->value(), std::nullopt}, std::nullopt, {}});
        vs.spec.http = {special, rest};
        QStringList subsets {matched->value(), fallback->value()};
        subsets.removeDuplicates();
        return QList<Value> {w->subsetsRule(subsets),
                             makeObject(Networking, QStringLiteral("VirtualService"), vs, w->m_id)};
    };
}

void faultInjection(Wizard *w)
{
    w->addServicePage(Wizards::tr("The service whose requests get faults."));
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Faults"),
                             Wizards::tr("Delay and/or abort a share of the requests."), &form);
    auto delay = new QGroupBox(Wizards::tr("Delay"));
    delay->setObjectName(QStringLiteral("delay"));
    delay->setCheckable(true);
    auto dl = new QFormLayout(delay);
    auto fixed = new DurationField;
    fixed->setObjectName(QStringLiteral("fixedDelay"));
    fixed->setValue(QStringLiteral("5s"));
    dl->addRow(Wizards::tr("Fixed delay"), fixed);
    auto delayPct = new RealField(0, 100, QStringLiteral(" %"));
    delayPct->setObjectName(QStringLiteral("delayPercent"));
    delayPct->setValue(100.0);
    dl->addRow(Wizards::tr("Of requests"), delayPct);
    form->addRow(delay);
    auto abort = new QGroupBox(Wizards::tr("Abort"));
    abort->setObjectName(QStringLiteral("abort"));
    abort->setCheckable(true);
    abort->setChecked(false);
    auto al = new QFormLayout(abort);
    auto status = new IntField(200, 599);
    status->setObjectName(QStringLiteral("httpStatus"));
    status->setValue(503);
    al->addRow(Wizards::tr("HTTP status"), status);
    auto abortPct = new RealField(0, 100, QStringLiteral(" %"));
    abortPct->setObjectName(QStringLiteral("abortPercent"));
    abortPct->setValue(10.0);
    al->addRow(Wizards::tr("Of requests"), abortPct);
    form->addRow(abort);
    note(form,
         Wizards::tr("While a fault is injected, the route's timeout and retries do not "
                     "apply."));
    page->validate = [delay, abort, fixed, status] {
        return (delay->isChecked() && DurationField::isDuration(fixed->value()))
            || (abort->isChecked() && status->value());
    };
    w->build = [w, delay, fixed, delayPct, abort, status, abortPct] {
        auto vs = w->named<VirtualService>();
        vs.spec.hosts = QStringList {w->host()};
        HTTPRoute route;
        HTTPFaultInjection fault;
        if (delay->isChecked()) {
            fault.delayFixed = fixed->value();
            fault.delayPercent = delayPct->value();
        }
        if (abort->isChecked()) {
            fault.abortHttpStatus = status->value();
            fault.abortPercent = abortPct->value();
        }
        route.fault = fault;
        route.route.append({{w->host(), {}, std::nullopt}, std::nullopt, {}});
        vs.spec.http.append(route);
        return QList<Value> {makeObject(Networking, QStringLiteral("VirtualService"), vs, w->m_id)};
    };
}

void timeoutsRetries(Wizard *w)
{
    w->addServicePage(Wizards::tr("The service whose requests get a timeout and retries."));
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Timeouts and retries"), {}, &form);
    auto timeout = new DurationField;
    timeout->setObjectName(QStringLiteral("timeout"));
    timeout->setValue(QStringLiteral("10s"));
    form->addRow(Wizards::tr("Request timeout"), timeout);
    auto attempts = new IntField(0, 100);
    attempts->setObjectName(QStringLiteral("attempts"));
    attempts->setValue(3);
    form->addRow(Wizards::tr("Retry attempts"), attempts);
    auto perTry = new DurationField;
    perTry->setObjectName(QStringLiteral("perTryTimeout"));
    perTry->setValue(QStringLiteral("2s"));
    form->addRow(Wizards::tr("Per-try timeout"), perTry);
    auto retryOn = new TextField;
    retryOn->setObjectName(QStringLiteral("retryOn"));
    retryOn->setValue(QStringLiteral("5xx,gateway-error,connect-failure,refused-stream"));
    form->addRow(Wizards::tr("Retry on"), retryOn);
    note(form, Wizards::tr("The timeout bounds the whole request, retries included."));
    page->validate = [timeout, perTry] {
        return (timeout->value().isEmpty() || DurationField::isDuration(timeout->value()))
            && (perTry->value().isEmpty() || DurationField::isDuration(perTry->value()));
    };
    w->build = [w, timeout, attempts, perTry, retryOn] {
        auto vs = w->named<VirtualService>();
        vs.spec.hosts = QStringList {w->host()};
        HTTPRoute route;
        route.timeout = timeout->value();
        if (attempts->value()) {
            HTTPRetry retry;
            retry.attempts = attempts->value();
            retry.perTryTimeout = perTry->value();
            retry.retryOn = retryOn->value();
            route.retries = retry;
        }
        route.route.append({{w->host(), {}, std::nullopt}, std::nullopt, {}});
        vs.spec.http.append(route);
        return QList<Value> {makeObject(Networking, QStringLiteral("VirtualService"), vs, w->m_id)};
    };
}

void circuitBreaking(Wizard *w)
{
    w->addServicePage(Wizards::tr("The service whose clients are protected."));
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Circuit breaker"),
                             Wizards::tr("Limits of the connection pool, and when endpoints "
                                         "are ejected."),
                             &form);
    auto field = [form](const QString &label, const QString &name, qint64 value) {
        auto f = new IntField(1, 1 << 30);
        f->setObjectName(name);
        f->setValue(value);
        form->addRow(label, f);
        return f;
    };
    auto maxConn = field(Wizards::tr("Max connections"), QStringLiteral("maxConnections"), 100);
    auto pending
        = field(Wizards::tr("Max pending requests"), QStringLiteral("http1MaxPendingRequests"), 10);
    auto perConn = field(Wizards::tr("Max requests per connection"),
                         QStringLiteral("maxRequestsPerConnection"), 10);
    auto errors = field(Wizards::tr("Eject after consecutive 5xx"),
                        QStringLiteral("consecutive5xxErrors"), 5);
    auto interval = new DurationField;
    interval->setObjectName(QStringLiteral("interval"));
    interval->setValue(QStringLiteral("10s"));
    form->addRow(Wizards::tr("Scan interval"), interval);
    auto ejection = new DurationField;
    ejection->setObjectName(QStringLiteral("baseEjectionTime"));
    ejection->setValue(QStringLiteral("30s"));
    form->addRow(Wizards::tr("Base ejection time"), ejection);
    auto maxEject = new IntField(0, 100);
    maxEject->setObjectName(QStringLiteral("maxEjectionPercent"));
    maxEject->setSuffix(QStringLiteral(" %"));
    maxEject->setValue(100);
    form->addRow(Wizards::tr("Max ejected"), maxEject);
    page->validate = [interval, ejection] {
        return DurationField::isDuration(interval->value())
            && DurationField::isDuration(ejection->value());
    };
    w->build = [w, maxConn, pending, perConn, errors, interval, ejection, maxEject] {
        auto dr = w->named<DestinationRule>();
        dr.spec.host = w->host();
        TrafficPolicy tp;
        ConnectionPoolSettings pool;
        pool.maxConnections = maxConn->value();
        pool.http1MaxPendingRequests = pending->value();
        pool.maxRequestsPerConnection = perConn->value();
        tp.connectionPool = pool;
        OutlierDetection od;
        od.consecutive5xxErrors = errors->value();
        od.interval = interval->value();
        od.baseEjectionTime = ejection->value();
        od.maxEjectionPercent = maxEject->value();
        tp.outlierDetection = od;
        dr.spec.trafficPolicy = tp;
        return QList<Value> {
            makeObject(Networking, QStringLiteral("DestinationRule"), dr, w->m_id)};
    };
}

ChoiceField *namespacePicker(Wizard *w, QFormLayout *form)
{
    auto ns = new ChoiceField({}, true);
    ns->setObjectName(QStringLiteral("namespace"));
    ns->setSuggestions([w] { return w->catalog().namespaces; });
    form->addRow(Wizards::tr("Namespace"), ns);
    return ns;
}

void strictMtls(Wizard *w)
{
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Namespace"),
                             Wizards::tr("Workloads of this namespace accept only mutual-TLS "
                                         "connections from other workloads of the mesh."),
                             &form);
    auto ns = namespacePicker(w, form);
    auto meshWide = new QCheckBox(Wizards::tr("The whole mesh (the root namespace)"));
    meshWide->setObjectName(QStringLiteral("meshWide"));
    form->addRow(QString(), meshWide);
    QObject::connect(meshWide, &QCheckBox::toggled, ns, [ns](bool on) { ns->setEnabled(!on); });
    note(form,
         Wizards::tr("Clients without a sidecar (or outside the mesh) can no longer "
                     "connect. Check the Sidecars page first."));
    page->validate = [ns, meshWide] { return meshWide->isChecked() || !ns->value().isEmpty(); };
    w->build = [w, ns, meshWide] {
        PeerAuthentication pa;
        pa.metadata.name = QStringLiteral("default");
        pa.metadata.namespace_ = meshWide->isChecked() ? w->catalog().rootNamespace : ns->value();
        pa.spec.mtlsMode = QStringLiteral("STRICT");
        return QList<Value> {
            makeObject(Security, QStringLiteral("PeerAuthentication"), pa, w->m_id)};
    };
}

void jwtRequired(Wizard *w)
{
    w->addServicePage(Wizards::tr("The service whose workloads require a token (its selector "
                                  "chooses the workloads)."));
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Token"),
                             Wizards::tr("Requests need a valid JWT of this issuer."), &form);
    auto issuer = new TextField(Wizards::tr("https://accounts.example.com"));
    issuer->setObjectName(QStringLiteral("issuer"));
    form->addRow(Wizards::tr("Issuer"), issuer);
    auto jwks = new TextField(Wizards::tr("https://accounts.example.com/.well-known/jwks.json"));
    jwks->setObjectName(QStringLiteral("jwksUri"));
    form->addRow(Wizards::tr("JWKS URI"), jwks);
    auto audiences = new StringListEdit(Wizards::tr("audience"), Wizards::tr("Add audience"));
    audiences->setObjectName(QStringLiteral("audiences"));
    form->addRow(Wizards::tr("Audiences"), audiences);
    note(form,
         Wizards::tr("Two objects: a RequestAuthentication that validates tokens, and an "
                     "AuthorizationPolicy that denies requests without one."));
    page->validate
        = [issuer, jwks] { return !issuer->value().isEmpty() && !jwks->value().isEmpty(); };
    w->build = [w, issuer, jwks, audiences] {
        QMap<QString, QString> selector;
        if (const auto *s = w->service())
            selector = s->selector;
        if (selector.isEmpty())
            selector.insert(QStringLiteral("app"), w->serviceName());
        RequestAuthentication ra = w->named<RequestAuthentication>();
        ra.metadata.name = w->serviceName() + QStringLiteral("-jwt");
        ra.spec.selector = selector;
        JWTRule rule;
        rule.issuer = issuer->value();
        rule.jwksUri = jwks->value();
        rule.audiences = audiences->value();
        ra.spec.jwtRules.append(rule);
        AuthorizationPolicy ap = w->named<AuthorizationPolicy>();
        ap.metadata.name = w->serviceName() + QStringLiteral("-require-jwt");
        ap.spec.selector = selector;
        ap.spec.action = QStringLiteral("ALLOW");
        Rule allow;
        RuleFrom from;
        from.source.requestPrincipals = QStringList {issuer->value() + QStringLiteral("/*")};
        allow.from.append(from);
        ap.spec.rules.append(allow);
        return QList<Value> {
            makeObject(Security, QStringLiteral("RequestAuthentication"), ra, w->m_id),
            makeObject(Security, QStringLiteral("AuthorizationPolicy"), ap, w->m_id)};
    };
}

void namespaceAllowlist(Wizard *w)
{
    w->addServicePage(Wizards::tr("The service to protect (its selector chooses the "
                                  "workloads)."));
    QFormLayout *form = nullptr;
    auto page = settingsPage(w, Wizards::tr("Allowed namespaces"),
                             Wizards::tr("Only workloads of these namespaces may call the "
                                         "service; all other requests are denied."),
                             &form);
    auto list = new StringListEdit(Wizards::tr("namespace"), Wizards::tr("Add namespace"));
    list->setObjectName(QStringLiteral("namespaces"));
    list->setSuggestions([w] { return w->catalog().namespaces; });
    form->addRow(Wizards::tr("Namespaces"), list);
    note(form,
         Wizards::tr("Callers are identified by their mTLS certificate: they need a "
                     "sidecar (or ztunnel) and mTLS must be on."));
    page->init = [w, list] {
        if (list->value().isEmpty())
            list->setValue({w->serviceNamespace()});
    };
    page->validate = [list] { return !list->value().isEmpty(); };
    w->build = [w, list] {
        AuthorizationPolicy ap = w->named<AuthorizationPolicy>();
        ap.metadata.name = w->serviceName() + QStringLiteral("-allow-namespaces");
        if (const auto *s = w->service())
            ap.spec.selector = s->selector;
        if (ap.spec.selector.isEmpty())
            ap.spec.selector.insert(QStringLiteral("app"), w->serviceName());
        ap.spec.action = QStringLiteral("ALLOW");
        Rule rule;
        RuleFrom from;
        from.source.namespaces = list->value();
        rule.from.append(from);
        ap.spec.rules.append(rule);
        return QList<Value> {
            makeObject(Security, QStringLiteral("AuthorizationPolicy"), ap, w->m_id)};
    };
}

} // namespace

PolicyWizard *createWizard(const QString &id, forms::CatalogSource *source, QWidget *parent)
{
    using Builder = void (*)(Wizard *);
    static const QList<std::pair<QString, Builder>> builders {
        {QStringLiteral("traffic-shifting"), &trafficShifting},
        {QStringLiteral("request-routing"), &requestRouting},
        {QStringLiteral("fault-injection"), &faultInjection},
        {QStringLiteral("timeouts-retries"), &timeoutsRetries},
        {QStringLiteral("circuit-breaking"), &circuitBreaking},
        {QStringLiteral("strict-mtls"), &strictMtls},
        {QStringLiteral("jwt-required"), &jwtRequired},
        {QStringLiteral("namespace-allowlist"), &namespaceAllowlist},
    };
    for (const auto &[key, builder] : builders) {
        if (key == id) {
            auto w = new Wizard(id, source, parent);
            builder(w);
            w->addPreviewPage();
            return w;
        }
    }
    delete source;
    return nullptr;
}

PolicyWizard *createPolicyWizard(const QString &id,
                                 std::shared_ptr<const forms::MeshCatalog> catalog, QWidget *parent)
{
    return createWizard(id, new forms::CatalogSource(std::move(catalog)), parent);
}

PolicyWizard *createPolicyWizard(const QString &id, const FormContext &context, QWidget *parent)
{
    // The catalog follows the mesh and is built off the GUI thread.
    return createWizard(id, new forms::CatalogSource(context), parent);
}

} // namespace md::ui

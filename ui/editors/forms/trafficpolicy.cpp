#include "editors/forms/trafficpolicy.h"

namespace md::ui::forms {

using namespace md::istio;

namespace {

// localityLbSetting is held as a tree by the view; the form edits it through this one.
struct LocalityFailover
{
    QString from, to;
    template<typename V> void fields(V &v) { v("from", from), v("to", to); }
    bool operator==(const LocalityFailover &) const = default;
};

struct LocalityDistribute
{
    QString from;
    QMap<QString, qint64> to;
    template<typename V> void fields(V &v) { v("from", from), v("to", to); }
    bool operator==(const LocalityDistribute &) const = default;
};

struct LocalityView
{
    std::optional<bool> enabled;
    QList<LocalityDistribute> distribute;
    QList<LocalityFailover> failover;
    QStringList failoverPriority;
    template<typename V> void fields(V &v)
    {
        v("enabled", enabled), v("distribute", distribute), v("failover", failover);
        v("failoverPriority", failoverPriority);
    }
    bool operator==(const LocalityView &) const = default;
};

// "region/zone/*=80, other/*=20" <-> {"region/zone/*": 80, "other/*": 20}
QString distributionText(const QMap<QString, qint64> &to)
{
    QStringList parts;
    for (auto it = to.constBegin(); it != to.constEnd(); ++it)
        parts.append(QStringLiteral("%1=%2").arg(it.key()).arg(it.value()));
    return parts.join(QStringLiteral(", "));
}

QMap<QString, qint64> parseDistribution(const QString &text)
{
    QMap<QString, qint64> out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString key = part.section(u'=', 0, 0).trimmed();
        if (!key.isEmpty())
            out.insert(key, part.section(u'=', 1).trimmed().toLongLong());
    }
    return out;
}

void buildLocality(FormBase &form, QFormLayout *f, const QString &q,
                   std::function<LoadBalancerSettings &()> lb)
{
    const auto read = [lb] { return readView<LocalityView>(lb().localityLbSetting); };
    const auto write = [&form, lb](const std::function<void(LocalityView &)> &change) {
        Value v = lb().localityLbSetting;
        if (!v.isObject())
            v = Value::object();
        LocalityView view = readView<LocalityView>(v);
        change(view);
        writeView(v, view);
        lb().localityLbSetting = v.isEmpty() ? Value() : v;
        form.touched();
    };
    const LocalityView now = read();
    auto enabled = new TriField;
    enabled->setValue(now.enabled);
    form.addRow(f, FormBase::tr("Locality enabled"), enabled);
    form.registerField(q + QStringLiteral(".enabled"), enabled);
    QObject::connect(enabled, &TriField::changed, &form, [write, enabled] {
        write([&](LocalityView &v) { v.enabled = enabled->value(); });
    });
    auto distribute = new KeyValueEdit(FormBase::tr("from: region/zone/*"),
                                       FormBase::tr("to: region/zone/*=80, other/*=20"));
    QMap<QString, QString> dist;
    for (const LocalityDistribute &d : now.distribute)
        dist.insert(d.from, distributionText(d.to));
    distribute->setValue(dist);
    form.addRow(f, FormBase::tr("Distribute"), distribute,
                FormBase::tr("Where the traffic of each origin locality goes, by weight"));
    form.registerField(q + QStringLiteral(".distribute"), distribute);
    QObject::connect(distribute, &RowList::changed, &form, [write, distribute] {
        write([&](LocalityView &v) {
            QList<LocalityDistribute> list;
            const auto map = distribute->value();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it)
                list.append({it.key(), parseDistribution(it.value())});
            v.distribute = list;
        });
    });
    auto failover = new KeyValueEdit(FormBase::tr("from region"), FormBase::tr("to region"));
    QMap<QString, QString> fo;
    for (const LocalityFailover &x : now.failover)
        fo.insert(x.from, x.to);
    failover->setValue(fo);
    form.addRow(f, FormBase::tr("Failover"), failover,
                FormBase::tr("Needs outlier detection to take effect"));
    form.registerField(q + QStringLiteral(".failover"), failover);
    QObject::connect(failover, &RowList::changed, &form, [write, failover] {
        write([&](LocalityView &v) {
            QList<LocalityFailover> list;
            const auto map = failover->value();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it)
                list.append({it.key(), it.value()});
            v.failover = list;
        });
    });
    auto priority = new StringListEdit(FormBase::tr("label, e.g. topology.kubernetes.io/region"),
                                       FormBase::tr("Add label"));
    priority->setValue(now.failoverPriority);
    form.addRow(f, FormBase::tr("Failover priority"), priority);
    form.registerField(q + QStringLiteral(".failoverPriority"), priority);
    QObject::connect(priority, &RowList::changed, &form, [write, priority] {
        write([&](LocalityView &v) { v.failoverPriority = priority->value(); });
    });
}

} // namespace

template<typename Holder>
void buildPolicyParts(FormBase &form, QVBoxLayout *into, const QString &path,
                      std::function<Holder &()> h)
{
    form.optionalSection<LoadBalancerSettings>(
        into, FormBase::tr("Load balancer"), path + QStringLiteral(".loadBalancer"),
        [h]() -> std::optional<LoadBalancerSettings> & { return h().loadBalancer; },
        [&form, path](QFormLayout *f, std::function<LoadBalancerSettings &()> lb) {
            const QString q = path + QStringLiteral(".loadBalancer");
            form.row(
                    f, FormBase::tr("Algorithm"),
                    new ChoiceField({QStringLiteral("ROUND_ROBIN"), QStringLiteral("LEAST_REQUEST"),
                                     QStringLiteral("RANDOM"), QStringLiteral("PASSTHROUGH"),
                                     QStringLiteral("UNSPECIFIED")},
                                    false),
                    q + QStringLiteral(".simple"), [lb]() -> QString & { return lb().simple; },
                    FormBase::tr("Leave unset to use consistent hashing below"))
                ->setObjectName(QStringLiteral("simple"));
            FormBase::hint(f, FormBase::tr("Consistent hash (sticky sessions): hash on one of"));
            form.row(f, FormBase::tr("HTTP header"), new TextField(FormBase::tr("x-user")),
                     q + QStringLiteral(".consistentHash.httpHeaderName"),
                     [lb]() -> QString & { return lb().hashHeaderName; });
            form.row(f, FormBase::tr("Cookie"), new TextField(FormBase::tr("session")),
                     q + QStringLiteral(".consistentHash.httpCookie.name"),
                     [lb]() -> QString & { return lb().hashCookieName; });
            form.row(f, FormBase::tr("Cookie TTL"), new DurationField,
                     q + QStringLiteral(".consistentHash.httpCookie.ttl"),
                     [lb]() -> QString & { return lb().hashCookieTtl; });
            form.row(f, FormBase::tr("Query parameter"), new TextField,
                     q + QStringLiteral(".consistentHash.httpQueryParameterName"),
                     [lb]() -> QString & { return lb().hashQueryParameterName; });
            form.row(f, FormBase::tr("Source IP"), new TriField,
                     q + QStringLiteral(".consistentHash.useSourceIp"),
                     [lb]() -> std::optional<bool> & { return lb().hashUseSourceIp; });
            FormBase::hint(f, FormBase::tr("Locality load balancing"));
            buildLocality(form, f, q + QStringLiteral(".localityLbSetting"), lb);
        });
    form.optionalSection<ConnectionPoolSettings>(
        into, FormBase::tr("Connection pool"), path + QStringLiteral(".connectionPool"),
        [h]() -> std::optional<ConnectionPoolSettings> & { return h().connectionPool; },
        [&form, path](QFormLayout *f, std::function<ConnectionPoolSettings &()> cp) {
            const QString q = path + QStringLiteral(".connectionPool");
            form.row(f, FormBase::tr("TCP: max connections"), new IntField(1, 1 << 30),
                     q + QStringLiteral(".tcp.maxConnections"),
                     [cp]() -> std::optional<qint64> & { return cp().maxConnections; })
                ->setObjectName(QStringLiteral("maxConnections"));
            form.row(f, FormBase::tr("TCP: connect timeout"), new DurationField,
                     q + QStringLiteral(".tcp.connectTimeout"),
                     [cp]() -> QString & { return cp().connectTimeout; });
            form.row(f, FormBase::tr("HTTP/1.1: max pending requests"), new IntField(1, 1 << 30),
                     q + QStringLiteral(".http.http1MaxPendingRequests"),
                     [cp]() -> std::optional<qint64> & { return cp().http1MaxPendingRequests; })
                ->setObjectName(QStringLiteral("http1MaxPendingRequests"));
            form.row(f, FormBase::tr("HTTP/2: max requests"), new IntField(1, 1 << 30),
                     q + QStringLiteral(".http.http2MaxRequests"),
                     [cp]() -> std::optional<qint64> & { return cp().http2MaxRequests; });
            form.row(f, FormBase::tr("Max requests per connection"), new IntField(0, 1 << 30),
                     q + QStringLiteral(".http.maxRequestsPerConnection"),
                     [cp]() -> std::optional<qint64> & { return cp().maxRequestsPerConnection; });
            form.row(f, FormBase::tr("Max concurrent retries"), new IntField(0, 1 << 30),
                     q + QStringLiteral(".http.maxRetries"),
                     [cp]() -> std::optional<qint64> & { return cp().maxRetries; });
            form.row(f, FormBase::tr("Idle timeout"), new DurationField,
                     q + QStringLiteral(".http.idleTimeout"),
                     [cp]() -> QString & { return cp().idleTimeout; });
            form.row(f, FormBase::tr("HTTP/2 upgrade"),
                     new ChoiceField({QStringLiteral("DEFAULT"), QStringLiteral("DO_NOT_UPGRADE"),
                                      QStringLiteral("UPGRADE")},
                                     false),
                     q + QStringLiteral(".http.h2UpgradePolicy"),
                     [cp]() -> QString & { return cp().h2UpgradePolicy; });
        });
    form.optionalSection<OutlierDetection>(
        into, FormBase::tr("Outlier detection"), path + QStringLiteral(".outlierDetection"),
        [h]() -> std::optional<OutlierDetection> & { return h().outlierDetection; },
        [&form, path](QFormLayout *f, std::function<OutlierDetection &()> od) {
            const QString q = path + QStringLiteral(".outlierDetection");
            form.row(f, FormBase::tr("Consecutive 5xx errors"), new IntField(0, 1 << 30),
                     q + QStringLiteral(".consecutive5xxErrors"),
                     [od]() -> std::optional<qint64> & { return od().consecutive5xxErrors; })
                ->setObjectName(QStringLiteral("consecutive5xxErrors"));
            form.row(f, FormBase::tr("Consecutive gateway errors"), new IntField(0, 1 << 30),
                     q + QStringLiteral(".consecutiveGatewayErrors"),
                     [od]() -> std::optional<qint64> & { return od().consecutiveGatewayErrors; });
            form.row(f, FormBase::tr("Interval"), new DurationField,
                     q + QStringLiteral(".interval"), [od]() -> QString & { return od().interval; })
                ->setObjectName(QStringLiteral("interval"));
            form.row(f, FormBase::tr("Base ejection time"), new DurationField,
                     q + QStringLiteral(".baseEjectionTime"),
                     [od]() -> QString & { return od().baseEjectionTime; })
                ->setObjectName(QStringLiteral("baseEjectionTime"));
            form.row(f, FormBase::tr("Max ejection"), new IntField(0, 100),
                     q + QStringLiteral(".maxEjectionPercent"),
                     [od]() -> std::optional<qint64> & { return od().maxEjectionPercent; })
                ->setSuffix(QStringLiteral(" %"));
            form.row(f, FormBase::tr("Min healthy"), new IntField(0, 100),
                     q + QStringLiteral(".minHealthPercent"),
                     [od]() -> std::optional<qint64> & { return od().minHealthPercent; })
                ->setSuffix(QStringLiteral(" %"));
        });
    form.optionalSection<ClientTLSSettings>(
        into, FormBase::tr("Client TLS"), path + QStringLiteral(".tls"),
        [h]() -> std::optional<ClientTLSSettings> & { return h().tls; },
        [&form, path](QFormLayout *f, std::function<ClientTLSSettings &()> t) {
            const QString q = path + QStringLiteral(".tls");
            form.row(
                    f, FormBase::tr("Mode"),
                    new ChoiceField({QStringLiteral("ISTIO_MUTUAL"), QStringLiteral("SIMPLE"),
                                     QStringLiteral("MUTUAL"), QStringLiteral("DISABLE")},
                                    false),
                    q + QStringLiteral(".mode"), [t]() -> QString & { return t().mode; },
                    FormBase::tr("ISTIO_MUTUAL: the mesh's certificates. SIMPLE or MUTUAL: "
                                 "to a server outside the mesh"))
                ->setObjectName(QStringLiteral("tlsMode"));
            form.row(f, FormBase::tr("Credential (Secret)"), new ChoiceField({}, true),
                     q + QStringLiteral(".credentialName"),
                     [t]() -> QString & { return t().credentialName; })
                ->setSuggestions(form.credentials());
            form.row(f, FormBase::tr("SNI"), new TextField, q + QStringLiteral(".sni"),
                     [t]() -> QString & { return t().sni; });
            form.row(f, FormBase::tr("Subject alt names"),
                     new StringListEdit(FormBase::tr("spiffe://... or DNS name"),
                                        FormBase::tr("Add name")),
                     q + QStringLiteral(".subjectAltNames"),
                     [t]() -> QStringList & { return t().subjectAltNames; });
            form.row(f, FormBase::tr("Client certificate"),
                     new TextField(FormBase::tr("/etc/certs/cert.pem")),
                     q + QStringLiteral(".clientCertificate"),
                     [t]() -> QString & { return t().clientCertificate; });
            form.row(
                f, FormBase::tr("Private key"), new TextField(FormBase::tr("/etc/certs/key.pem")),
                q + QStringLiteral(".privateKey"), [t]() -> QString & { return t().privateKey; });
            form.row(f, FormBase::tr("CA certificates"), new TextField,
                     q + QStringLiteral(".caCertificates"),
                     [t]() -> QString & { return t().caCertificates; });
            form.row(f, FormBase::tr("CA revocation list"), new TextField,
                     q + QStringLiteral(".caCrl"), [t]() -> QString & { return t().caCrl; });
            form.row(f, FormBase::tr("Skip verification"), new TriField,
                     q + QStringLiteral(".insecureSkipVerify"),
                     [t]() -> std::optional<bool> & { return t().insecureSkipVerify; });
        });
}

template void buildPolicyParts<TrafficPolicy>(FormBase &, QVBoxLayout *, const QString &,
                                              std::function<TrafficPolicy &()>);
template void buildPolicyParts<PortTrafficPolicy>(FormBase &, QVBoxLayout *, const QString &,
                                                  std::function<PortTrafficPolicy &()>);

void buildTrafficPolicy(FormBase &form, QVBoxLayout *into, const QString &path,
                        std::function<TrafficPolicy &()> tp, bool portLevel)
{
    buildPolicyParts<TrafficPolicy>(form, into, path, tp);
    if (!portLevel)
        return;
    form.section(
        into, FormBase::tr("Port-level settings"), path + QStringLiteral(".portLevelSettings"),
        [&form, path, tp](QFormLayout *f) {
            form.itemList<PortTrafficPolicy>(
                FormBase::column(f), path + QStringLiteral(".portLevelSettings"),
                FormBase::tr("Add port"),
                [tp]() -> QList<PortTrafficPolicy> & { return tp().portLevelSettings; },
                [](int, const PortTrafficPolicy &p) {
                    return p.port ? FormBase::tr("Port %1").arg(*p.port)
                                  : FormBase::tr("Port (not set)");
                },
                {},
                [&form](QFormLayout *pf, const QString &q, std::function<PortTrafficPolicy &()> p) {
                    form.row(pf, FormBase::tr("Port"), new IntField(1, 65535),
                             q + QStringLiteral(".port.number"),
                             [p]() -> std::optional<qint64> & { return p().port; });
                    buildPolicyParts<PortTrafficPolicy>(form, FormBase::column(pf), q, p);
                });
        });
}

} // namespace md::ui::forms

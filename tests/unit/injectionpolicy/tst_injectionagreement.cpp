// MeshDesk's explanation of Istio's injection precedence (md::sidecar::decideInjection) and
// meshsim's injector (md::sim::decideSidecarInjection over the webhook configurations istiod
// installs) agree on every combination of the inputs that matter: the namespace's
// istio-injection, istio.io/rev and dataplane-mode labels, the pod's sidecar.istio.io/inject
// label and annotation and istio.io/rev label, hostNetwork, kube-system, the injector's
// policy and never/alwaysInjectSelector, and which revisions have an injector. A few named
// rows also pin the outcome itself, so that both cannot agree on a wrong answer.

#include "injection.h"
#include "sidecar/injectionpolicy.h"

#include <QHash>
#include <QTest>

namespace {

// One input combination, in both libraries' terms.
struct Case
{
    QString namespaceName = QStringLiteral("apps");
    md::sidecar::StringMap namespaceLabels;
    md::sidecar::StringMap podLabels;
    md::sidecar::StringMap podAnnotations;
    bool hostNetwork = false;
    QString config; // the injector ConfigMap's `config` YAML
    QStringList revisions {QStringLiteral("default")}; // injectors installed

    QString describe() const
    {
        auto text = [](const md::sidecar::StringMap &m) {
            QStringList parts;
            for (auto it = m.cbegin(); it != m.cend(); ++it)
                parts << it.key() + u'=' + it.value();
            parts.sort();
            return u'{' + parts.join(u',') + u'}';
        };
        return QStringLiteral("ns %1 %2, pod labels %3, annotations %4, hostNetwork %5, "
                              "revisions %6, config %7")
            .arg(namespaceName, text(namespaceLabels), text(podLabels), text(podAnnotations),
                 hostNetwork ? QStringLiteral("true") : QStringLiteral("false"),
                 revisions.join(u','), QString(config).replace(u'\n', u' '));
    }
};

QJsonObject toJson(const md::sidecar::StringMap &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

struct Outcome
{
    bool injected = false;
    QString revision;
};

// Parsed once per configuration and set of revisions (the combinations share a few).
const md::sidecar::MeshInjection &meshDeskSetup(const Case &c)
{
    static QHash<QString, md::sidecar::MeshInjection> cache;
    const QString key = c.config + u'|' + c.revisions.join(u',');
    const auto found = cache.constFind(key);
    if (found != cache.cend())
        return *found;
    md::sidecar::MeshInjection mesh;
    const auto config = md::sidecar::InjectorConfig::parse(c.config.toUtf8());
    if (!config)
        qFatal("MeshDesk cannot read %s: %s", qPrintable(c.config),
               qPrintable(config.error().toString()));
    mesh.config = *config;
    // What the inventory reads from the webhook configurations' istio.io/rev labels.
    for (const QString &rev : c.revisions)
        mesh.revisions.insert(rev);
    return *cache.insert(key, mesh);
}

Outcome meshDesk(const Case &c)
{
    const md::sidecar::MeshInjection &mesh = meshDeskSetup(c);
    md::sidecar::InjectionInput in;
    in.namespaceName = c.namespaceName;
    in.namespaceLabels = c.namespaceLabels;
    in.podLabels = c.podLabels;
    in.podAnnotations = c.podAnnotations;
    in.hostNetwork = c.hostNetwork;
    const auto d = md::sidecar::decideInjection(in, mesh);
    return {d.injected, d.injected ? d.revision : QString()};
}

// The webhooks and injectors of a cluster with c.revisions installed, as istiod installs them.
const md::sim::InjectionInputs &meshsimSetup(const Case &c)
{
    static QHash<QString, md::sim::InjectionInputs> cache;
    const QString key = c.config + u'|' + c.revisions.join(u',');
    const auto found = cache.constFind(key);
    if (found != cache.cend())
        return *found;
    md::sim::InjectionInputs in;
    QStringList revisions = c.revisions;
    // The API server calls configurations in name order.
    std::sort(revisions.begin(), revisions.end(), [](const QString &a, const QString &b) {
        return md::sim::injectorObjectName(a) < md::sim::injectorObjectName(b);
    });
    const auto policy = md::sim::InjectorPolicy::parse(c.config);
    if (!policy)
        qFatal("meshsim cannot read %s: %s", qPrintable(c.config),
               qPrintable(policy.error().toString()));
    for (const QString &rev : std::as_const(revisions)) {
        in.webhooks += md::sim::injectorWebhooks(md::sim::injectorWebhookConfiguration(rev));
        in.injectors.insert(rev, *policy);
    }
    return *cache.insert(key, in);
}

Outcome meshsim(const Case &c)
{
    md::sim::InjectionInputs in = meshsimSetup(c);
    in.namespaceName = c.namespaceName;
    in.namespaceLabels = toJson(c.namespaceLabels);
    in.podLabels = toJson(c.podLabels);
    in.podAnnotations = toJson(c.podAnnotations);
    in.hostNetwork = c.hostNetwork;
    const auto v = md::sim::decideSidecarInjection(in);
    return {v.inject, v.inject ? v.revision : QString()};
}

const QString kNone = QStringLiteral("<none>");

void put(md::sidecar::StringMap &map, const QString &key, const QString &value)
{
    if (value != kNone)
        map.insert(key, value);
}

} // namespace

class tst_InjectionAgreement : public QObject
{
    Q_OBJECT

private slots:
    void named_data();
    void named();
    void everyCombination();
};

void tst_InjectionAgreement::named_data()
{
    QTest::addColumn<QString>("nsLabels");
    QTest::addColumn<QString>("podLabels");
    QTest::addColumn<QString>("podAnnotations");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("revisions");
    QTest::addColumn<bool>("injected");
    QTest::addColumn<QString>("revision");

    auto row = [](const char *name, const QString &ns, const QString &pod, const QString &ann,
                  const QString &policy, const QString &revs, bool injected, const QString &rev) {
        QTest::newRow(name) << ns << pod << ann << policy << revs << injected << rev;
    };
    const QString E = QStringLiteral("enabled");
    const QString D = QStringLiteral("disabled");
    const QString def = QStringLiteral("default");
    const QString both = QStringLiteral("default,canary");
    row("ns enabled", "istio-injection=enabled", "", "", E, def, true, def);
    row("ns enabled, pod label false", "istio-injection=enabled", "sidecar.istio.io/inject=false",
        "", E, def, false, {});
    row("ns enabled, pod annotation false", "istio-injection=enabled", "",
        "sidecar.istio.io/inject=false", E, def, false, {});
    row("label over annotation", "istio-injection=enabled", "sidecar.istio.io/inject=true",
        "sidecar.istio.io/inject=false", E, def, true, def);
    row("ns disabled, pod label true", "istio-injection=disabled", "sidecar.istio.io/inject=true",
        "", E, def, false, {});
    row("ns rev canary", "istio.io/rev=canary", "", "", E, both, true, "canary");
    row("ns rev without its injector", "istio.io/rev=canary", "", "", E, def, false, {});
    row("both ns labels: istio-injection wins", "istio-injection=enabled,istio.io/rev=canary", "",
        "", E, both, true, def);
    row("both ns labels, injection disabled", "istio-injection=disabled,istio.io/rev=canary", "",
        "", E, both, false, {});
    row("unlabelled ns, pod label true", "", "sidecar.istio.io/inject=true", "", E, def, true, def);
    row("unlabelled ns, pod annotation true", "", "", "sidecar.istio.io/inject=true", E, def, false,
        {});
    row("unlabelled ns, pod rev canary", "", "istio.io/rev=canary", "", E, both, true, "canary");
    row("unlabelled ns, pod yes is no webhook", "", "sidecar.istio.io/inject=yes", "", E, def,
        false, {});
    row("ns enabled, pod yes", "istio-injection=enabled", "sidecar.istio.io/inject=yes", "", E, def,
        true, def);
    row("policy disabled", "istio-injection=enabled", "", "", D, def, false, {});
    row("policy disabled, pod label true", "istio-injection=enabled",
        "sidecar.istio.io/inject=true", "", D, def, true, def);
    row("policy invalid", "istio-injection=enabled", "", "", "sometimes", def, false, {});
    row("ambient ns", "istio.io/dataplane-mode=ambient", "", "", E, def, false, {});
    row("ambient ns with injection", "istio.io/dataplane-mode=ambient,istio-injection=enabled", "",
        "", E, def, true, def);
}

void tst_InjectionAgreement::named()
{
    QFETCH(QString, nsLabels);
    QFETCH(QString, podLabels);
    QFETCH(QString, podAnnotations);
    QFETCH(QString, policy);
    QFETCH(QString, revisions);
    QFETCH(bool, injected);
    QFETCH(QString, revision);
    auto parse = [](const QString &text) {
        md::sidecar::StringMap map;
        for (const QString &pair : text.split(u',', Qt::SkipEmptyParts))
            map.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        return map;
    };
    Case c;
    c.namespaceLabels = parse(nsLabels);
    c.podLabels = parse(podLabels);
    c.podAnnotations = parse(podAnnotations);
    c.config = QStringLiteral("policy: ") + policy + u'\n';
    c.revisions = revisions.split(u',');
    const Outcome a = meshDesk(c);
    const Outcome b = meshsim(c);
    QCOMPARE(a.injected, injected);
    QCOMPARE(b.injected, injected);
    QCOMPARE(a.revision, revision);
    QCOMPARE(b.revision, revision);
}

void tst_InjectionAgreement::everyCombination()
{
    const QString n = kNone;
    const QStringList namespaces {QStringLiteral("apps"), QStringLiteral("kube-system")};
    const QStringList nsInjection {n, QStringLiteral("enabled"), QStringLiteral("disabled"),
                                   QString()};
    const QStringList nsRevision {n, QStringLiteral("default"), QStringLiteral("canary"),
                                  QStringLiteral("stable")};
    const QStringList nsMode {n, QStringLiteral("ambient")};
    const QStringList podInject {n,
                                 QStringLiteral("true"),
                                 QStringLiteral("false"),
                                 QStringLiteral("yes"),
                                 QStringLiteral("False"),
                                 QStringLiteral("off"),
                                 QString()};
    const QStringList podAnnotation {n, QStringLiteral("true"), QStringLiteral("false"),
                                     QStringLiteral("on")};
    const QStringList podRevision {n, QStringLiteral("default"), QStringLiteral("canary")};
    const QList<QStringList> installed {{QStringLiteral("default")},
                                        {QStringLiteral("default"), QStringLiteral("canary")}};
    // Policies and selectors, with the pod's app label that meets them.
    struct Config
    {
        QString yaml;
        QString app;
    };
    const QList<Config> configs {
        {QStringLiteral("policy: enabled\n"), QStringLiteral("web")},
        {QStringLiteral("policy: disabled\n"), QStringLiteral("web")},
        {QStringLiteral("policy: bogus\n"), QStringLiteral("web")},
        {QStringLiteral("policy: enabled\nneverInjectSelector:\n- matchLabels: {app: batch}\n"),
         QStringLiteral("batch")},
        {QStringLiteral("policy: disabled\nalwaysInjectSelector:\n- matchExpressions:\n  - "
                        "{key: app, operator: In, values: [web, api]}\n"),
         QStringLiteral("api")},
        {QStringLiteral("policy: disabled\nneverInjectSelector:\n- matchLabels: {app: api}\n"
                        "alwaysInjectSelector:\n- matchLabels: {app: api}\n"),
         QStringLiteral("api")},
        {QStringLiteral("policy: enabled\nneverInjectSelector:\n- matchLabels: {app: batch}\n"),
         QStringLiteral("web")},
    };

    int cases = 0;
    QStringList disagreements;
    for (const QString &ns : namespaces)
        for (const QString &inj : nsInjection)
            for (const QString &nsRev : nsRevision)
                for (const QString &mode : nsMode)
                    for (const QString &label : podInject)
                        for (const QString &annotation : podAnnotation)
                            for (const QString &podRev : podRevision)
                                for (const bool host : {false, true})
                                    for (const QStringList &revs : installed)
                                        for (const Config &config : configs) {
                                            Case c;
                                            c.namespaceName = ns;
                                            put(c.namespaceLabels,
                                                QStringLiteral("istio-injection"), inj);
                                            put(c.namespaceLabels, QStringLiteral("istio.io/rev"),
                                                nsRev);
                                            put(c.namespaceLabels,
                                                QStringLiteral("istio.io/dataplane-mode"), mode);
                                            put(c.podLabels,
                                                QStringLiteral("sidecar.istio.io/inject"), label);
                                            put(c.podAnnotations,
                                                QStringLiteral("sidecar.istio.io/inject"),
                                                annotation);
                                            put(c.podLabels, QStringLiteral("istio.io/rev"),
                                                podRev);
                                            c.podLabels.insert(QStringLiteral("app"), config.app);
                                            c.hostNetwork = host;
                                            c.revisions = revs;
                                            c.config = config.yaml;
                                            ++cases;
                                            const Outcome a = meshDesk(c);
                                            const Outcome b = meshsim(c);
                                            if (a.injected != b.injected
                                                || a.revision != b.revision)
                                                disagreements
                                                    << QStringLiteral(
                                                           "%1: MeshDesk %2 (%3), meshsim "
                                                           "%4 (%5)")
                                                           .arg(c.describe())
                                                           .arg(a.injected)
                                                           .arg(a.revision)
                                                           .arg(b.injected)
                                                           .arg(b.revision);
                                        }
    qInfo("%d combinations compared", cases);
    QVERIFY(cases > 100000);
    if (!disagreements.isEmpty())
        QFAIL(qPrintable(QStringLiteral("%1 of %2 combinations disagree, e.g.:\n")
                             .arg(disagreements.size())
                             .arg(cases)
                         + disagreements.mid(0, 10).join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_InjectionAgreement)
#include "tst_injectionagreement.moc"

#include "scenario.h"

#include "injection.h"

#include "cluster.h"
#include "controllers.h"

#include <QJsonArray>

#include <vector>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QJsonObject labelsOf(std::initializer_list<std::pair<QString, QString>> pairs)
{
    QJsonObject o;
    for (const auto &p : pairs)
        o.insert(p.first, p.second);
    return o;
}

struct Port
{
    QString name;
    int port;
    QString appProtocol = {};
};

QJsonObject deployment(const QString &ns, const QString &name, const QString &app,
                       const QString &version, const QList<Port> &ports, int replicas = 1,
                       const QJsonObject &podAnnotations = {}, const QString &image = {})
{
    QJsonArray containerPorts;
    for (const Port &p : ports)
        containerPorts.append(
            QJsonObject {{u"containerPort"_s, p.port}, {u"protocol"_s, u"TCP"_s}});
    const QJsonObject selector = labelsOf({{u"app"_s, app}, {u"version"_s, version}});
    QJsonObject templateMeta {{u"labels"_s, selector}};
    if (!podAnnotations.isEmpty())
        templateMeta.insert(u"annotations"_s, podAnnotations);
    QJsonObject container {
        {u"name"_s, app},
        {u"image"_s, image.isEmpty() ? u"docker.io/meshsim/"_s + app + u':' + version : image},
        {u"ports"_s, containerPorts}};
    QJsonObject podSpec {{u"serviceAccountName"_s, app}, {u"containers"_s, QJsonArray {container}}};
    QJsonObject podTemplate {{u"metadata"_s, templateMeta}, {u"spec"_s, podSpec}};
    QJsonObject spec {{u"replicas"_s, replicas},
                      {u"selector"_s, QJsonObject {{u"matchLabels"_s, selector}}},
                      {u"template"_s, podTemplate}};
    QJsonObject meta {{u"name"_s, name}, {u"namespace"_s, ns}, {u"labels"_s, selector}};
    return QJsonObject {{u"apiVersion"_s, u"apps/v1"_s},
                        {u"kind"_s, u"Deployment"_s},
                        {u"metadata"_s, meta},
                        {u"spec"_s, spec}};
}

QJsonObject service(const QString &ns, const QString &name, const QString &app,
                    const QList<Port> &ports, const QString &type = u"ClusterIP"_s)
{
    QJsonArray list;
    for (const Port &p : ports) {
        QJsonObject port {{u"name"_s, p.name},
                          {u"port"_s, p.port},
                          {u"targetPort"_s, p.port},
                          {u"protocol"_s, u"TCP"_s}};
        if (!p.appProtocol.isEmpty())
            port.insert(u"appProtocol"_s, p.appProtocol);
        list.append(port);
    }
    return QJsonObject {
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"Service"_s},
        {u"metadata"_s,
         QJsonObject {{u"name"_s, name},
                      {u"namespace"_s, ns},
                      {u"labels"_s, labelsOf({{u"app"_s, app}, {u"service"_s, name}})}}},
        {u"spec"_s,
         QJsonObject {
             {u"type"_s, type}, {u"selector"_s, labelsOf({{u"app"_s, app}})}, {u"ports"_s, list}}}};
}

QJsonObject simple(const QString &apiVersion, const QString &kind, const QString &ns,
                   const QString &name, const QJsonObject &labels = {})
{
    QJsonObject meta {{u"name"_s, name}};
    if (!ns.isEmpty())
        meta.insert(u"namespace"_s, ns);
    if (!labels.isEmpty())
        meta.insert(u"labels"_s, labels);
    return QJsonObject {{u"apiVersion"_s, apiVersion}, {u"kind"_s, kind}, {u"metadata"_s, meta}};
}

QJsonObject istio(const QString &apiVersion, const QString &kind, const QString &ns,
                  const QString &name, const QJsonObject &spec)
{
    QJsonObject o = simple(apiVersion, kind, ns, name);
    o.insert(u"spec"_s, spec);
    return o;
}

class Builder
{
public:
    explicit Builder(Cluster &cluster)
        : m_cluster(cluster)
    { }
    void add(const QJsonObject &object)
    {
        if (!m_error.isEmpty())
            return;
        auto created = createFromJson(m_cluster, object);
        if (!created)
            m_error = m_cluster.name() + u": "_s + created.error().toString();
    }
    void app(const QString &ns, const QString &name, const QString &app, const QString &version,
             const QList<Port> &ports, const QJsonObject &annotations = {}, int replicas = 1)
    {
        if (!m_serviceAccounts.contains(ns + u'/' + app)) {
            add(simple(u"v1"_s, u"ServiceAccount"_s, ns, app));
            m_serviceAccounts << ns + u'/' + app;
        }
        add(deployment(ns, name, app, version, ports, replicas, annotations));
    }
    void ns(const QString &name, const QJsonObject &labels)
    {
        add(simple(u"v1"_s, u"Namespace"_s, {}, name, labels));
    }
    QString error() const { return m_error; }

private:
    Cluster &m_cluster;
    QString m_error;
    QStringList m_serviceAccounts;
};

// The traffic a workload sends (see traffic.h), as a pod template annotation.
QJsonObject calls(const QString &spec)
{
    return QJsonObject {{u"meshsim.io/calls"_s, spec}};
}

void installIstio(Builder &b, const Cluster &cluster, const QString &primaryName,
                  const QString &gatewayCalls)
{
    const QString ns = u"istio-system"_s;
    b.ns(ns, labelsOf({{u"topology.istio.io/network"_s, cluster.config().network}}));
    QJsonObject cm = simple(u"v1"_s, u"ConfigMap"_s, ns, u"istio"_s,
                            labelsOf({{u"app"_s, u"istiod"_s}, {u"istio.io/rev"_s, u"default"_s}}));
    const QString mesh = u"defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n"
                         "  meshId: "_s
        + cluster.config().meshId
        + u"\n  proxyMetadata: {}\nenablePrometheusMerge: true\n"
          "rootNamespace: istio-system\ntrustDomain: cluster.local\n"_s;
    cm.insert(u"data"_s, QJsonObject {{u"mesh"_s, mesh}, {u"meshNetworks"_s, u"networks: {}"_s}});
    b.add(cm);
    QJsonObject versionLabels
        = labelsOf({{u"app"_s, u"istiod"_s},
                    {u"istio"_s, u"pilot"_s},
                    {u"istio.io/rev"_s, u"default"_s},
                    {u"app.kubernetes.io/version"_s, QLatin1String(kIstioVersion)},
                    {u"operator.istio.io/version"_s, QLatin1String(kIstioVersion)},
                    {u"topology.istio.io/cluster"_s, cluster.name()}});
    // The injector as istiod installs it: its config (policy, never/alwaysInjectSelector)
    // and the webhook configuration whose selectors decide which pods reach it.
    b.add(injectorConfigMap(u"default"_s,
                            u"defaultTemplates: [sidecar]\npolicy: enabled\n"
                            "alwaysInjectSelector: []\nneverInjectSelector: []\n"
                            "injectedAnnotations: {}\n"_s));
    b.add(injectorWebhookConfiguration(u"default"_s));
    b.add(simple(u"v1"_s, u"ServiceAccount"_s, ns, u"istiod"_s));
    QJsonObject istiod = deployment(ns, u"istiod"_s, u"istiod"_s, QLatin1String(kIstioVersion),
                                    {{u"grpc-xds"_s, 15010}, {u"https-dns"_s, 15012}}, 1,
                                    labelsOf({{u"sidecar.istio.io/inject"_s, u"false"_s}}),
                                    u"docker.io/istio/pilot:"_s + QLatin1String(kIstioVersion));
    QJsonObject meta = istiod.value(u"metadata"_s).toObject();
    meta.insert(u"labels"_s, versionLabels);
    if (cluster.name() != primaryName)
        meta.insert(u"annotations"_s, labelsOf({{u"meshsim.io/primary-cluster"_s, primaryName}}));
    istiod.insert(u"metadata"_s, meta);
    b.add(istiod);
    b.add(service(ns, u"istiod"_s, u"istiod"_s,
                  {{u"grpc-xds"_s, 15010},
                   {u"https-dns"_s, 15012},
                   {u"https-webhook"_s, 443},
                   {u"http-monitoring"_s, 15014}}));
    b.add(simple(u"v1"_s, u"ServiceAccount"_s, ns, u"istio-ingressgateway"_s));
    QJsonObject gatewayAnnotations = labelsOf({{u"sidecar.istio.io/inject"_s, u"false"_s}});
    if (!gatewayCalls.isEmpty())
        gatewayAnnotations.insert(u"meshsim.io/calls"_s, gatewayCalls);
    QJsonObject gw = deployment(ns, u"istio-ingressgateway"_s, u"istio-ingressgateway"_s,
                                QLatin1String(kIstioVersion),
                                {{u"http2"_s, 8080}, {u"https"_s, 8443}}, 1, gatewayAnnotations,
                                u"docker.io/istio/proxyv2:"_s + QLatin1String(kIstioVersion));
    // The gateway pod runs the proxy itself, labelled as Istio's charts do.
    QJsonObject spec = gw.value(u"spec"_s).toObject();
    QJsonObject tmpl = spec.value(u"template"_s).toObject();
    QJsonObject tmeta = tmpl.value(u"metadata"_s).toObject();
    QJsonObject tlabels = tmeta.value(u"labels"_s).toObject();
    tlabels.insert(u"istio"_s, u"ingressgateway"_s);
    tmeta.insert(u"labels"_s, tlabels);
    tmpl.insert(u"metadata"_s, tmeta);
    QJsonObject tspec = tmpl.value(u"spec"_s).toObject();
    QJsonArray containers = tspec.value(u"containers"_s).toArray();
    QJsonObject proxy = containers.first().toObject();
    proxy.insert(u"name"_s, u"istio-proxy"_s);
    containers.replace(0, proxy);
    tspec.insert(u"containers"_s, containers);
    tmpl.insert(u"spec"_s, tspec);
    spec.insert(u"template"_s, tmpl);
    gw.insert(u"spec"_s, spec);
    b.add(gw);
    QJsonObject gwService = service(
        ns, u"istio-ingressgateway"_s, u"istio-ingressgateway"_s,
        {{u"status-port"_s, 15021}, {u"http2"_s, 80}, {u"https"_s, 443}}, u"LoadBalancer"_s);
    QJsonObject gspec = gwService.value(u"spec"_s).toObject();
    gspec.insert(
        u"selector"_s,
        labelsOf({{u"app"_s, u"istio-ingressgateway"_s}, {u"istio"_s, u"ingressgateway"_s}}));
    QJsonArray gports = gspec.value(u"ports"_s).toArray();
    for (qsizetype i = 1; i < gports.size(); ++i) {
        QJsonObject p = gports.at(i).toObject();
        p.insert(u"targetPort"_s, i == 1 ? 8080 : 8443);
        gports.replace(i, p);
    }
    gspec.insert(u"ports"_s, gports);
    gwService.insert(u"spec"_s, gspec);
    b.add(gwService);
}

QJsonObject subsets(const QStringList &versions)
{
    QJsonArray list;
    for (const QString &v : versions)
        list.append(QJsonObject {{u"name"_s, v}, {u"labels"_s, labelsOf({{u"version"_s, v}})}});
    return QJsonObject {{u"subsets"_s, list}};
}

QJsonObject routeTo(const QString &host, const QString &subset, int weight)
{
    return QJsonObject {{u"destination"_s, QJsonObject {{u"host"_s, host}, {u"subset"_s, subset}}},
                        {u"weight"_s, weight}};
}

void demo(const QList<Cluster *> &clusters, QString *error)
{
    Cluster &primary = *clusters.first();
    Cluster &member = *clusters.value(1, clusters.first());
    Builder p(primary);
    Builder second(member);
    // With one cluster, both halves of the demo go to it through one builder.
    Builder &m = &member == &primary ? p : second;
    const QJsonObject injected = labelsOf({{u"istio-injection"_s, u"enabled"_s}});
    QList<Builder *> builders {&p};
    if (&m != &p)
        builders << &m;
    for (Builder *b : std::as_const(builders)) {
        b->ns(u"bookinfo"_s, injected);
        b->ns(u"shop"_s, injected);
        b->ns(u"data"_s, injected);
        b->ns(u"legacy"_s, labelsOf({{u"istio-injection"_s, u"disabled"_s}}));
        // Services exist in every cluster so that mesh-wide names resolve everywhere.
        b->add(service(u"bookinfo"_s, u"productpage"_s, u"productpage"_s, {{u"http"_s, 9080}}));
        b->add(service(u"bookinfo"_s, u"details"_s, u"details"_s, {{u"http"_s, 9080}}));
        b->add(service(u"bookinfo"_s, u"reviews"_s, u"reviews"_s, {{u"http"_s, 9080}}));
        b->add(service(u"bookinfo"_s, u"ratings"_s, u"ratings"_s, {{u"http"_s, 9080}}));
        b->add(service(u"shop"_s, u"storefront"_s, u"storefront"_s, {{u"http-web"_s, 8080}}));
        b->add(service(u"shop"_s, u"catalog"_s, u"catalog"_s, {{u"grpc"_s, 50051, u"grpc"_s}}));
        b->add(service(u"shop"_s, u"payments"_s, u"payments"_s, {{u"http"_s, 8080}}));
        b->add(service(u"data"_s, u"mysqldb"_s, u"mysqldb"_s, {{u"tcp-mysql"_s, 3306}}));
    }
    p.app(u"bookinfo"_s, u"productpage-v1"_s, u"productpage"_s, u"v1"_s, {{u"http"_s, 9080}},
          calls(u"details.bookinfo:9080/http@20, reviews.bookinfo:9080/http@20"_s));
    p.app(u"bookinfo"_s, u"details-v1"_s, u"details"_s, u"v1"_s, {{u"http"_s, 9080}});
    p.app(u"bookinfo"_s, u"reviews-v1"_s, u"reviews"_s, u"v1"_s, {{u"http"_s, 9080}});
    m.app(u"bookinfo"_s, u"reviews-v2"_s, u"reviews"_s, u"v2"_s, {{u"http"_s, 9080}},
          calls(u"ratings.bookinfo:9080/http@8"_s));
    m.app(u"bookinfo"_s, u"reviews-v3"_s, u"reviews"_s, u"v3"_s, {{u"http"_s, 9080}},
          calls(u"ratings.bookinfo:9080/http@8"_s));
    m.app(u"bookinfo"_s, u"ratings-v1"_s, u"ratings"_s, u"v1"_s, {{u"http"_s, 9080}});
    p.app(u"shop"_s, u"storefront-v1"_s, u"storefront"_s, u"v1"_s, {{u"http-web"_s, 8080}},
          calls(u"catalog.shop:50051/grpc@15, payments.shop:8080/http@3"_s), 2);
    p.app(u"shop"_s, u"catalog-v1"_s, u"catalog"_s, u"v1"_s, {{u"grpc"_s, 50051}},
          calls(u"mysqldb.data:3306/tcp@4"_s));
    m.app(u"shop"_s, u"catalog-v2"_s, u"catalog"_s, u"v2"_s, {{u"grpc"_s, 50051}},
          calls(u"mysqldb.data:3306/tcp@4"_s));
    m.app(u"shop"_s, u"payments-v1"_s, u"payments"_s, u"v1"_s, {{u"http"_s, 8080}},
          labelsOf({{u"meshsim.io/failure"_s, u"CrashLoopBackOff"_s}}));
    m.app(u"data"_s, u"mysqldb-v1"_s, u"mysqldb"_s, u"v1"_s, {{u"tcp-mysql"_s, 3306}});
    p.app(u"legacy"_s, u"legacy-batch"_s, u"legacy-batch"_s, u"v1"_s, {{u"http"_s, 8080}},
          calls(u"productpage.bookinfo:9080/http@2"_s));

    // Policies live in the control-plane cluster.
    const QString net = u"networking.istio.io/v1"_s;
    const QString sec = u"security.istio.io/v1"_s;
    p.add(istio(net, u"Gateway"_s, u"bookinfo"_s, u"bookinfo-gateway"_s,
                QJsonObject {{u"selector"_s, labelsOf({{u"istio"_s, u"ingressgateway"_s}})},
                             {u"servers"_s,
                              QJsonArray {QJsonObject {{u"port"_s,
                                                        QJsonObject {{u"number"_s, 8080},
                                                                     {u"name"_s, u"http"_s},
                                                                     {u"protocol"_s, u"HTTP"_s}}},
                                                       {u"hosts"_s, QJsonArray {u"*"_s}}}}}}));
    p.add(
        istio(net, u"VirtualService"_s, u"bookinfo"_s, u"bookinfo"_s,
              QJsonObject {
                  {u"hosts"_s, QJsonArray {u"*"_s}},
                  {u"gateways"_s, QJsonArray {u"bookinfo-gateway"_s}},
                  {u"http"_s,
                   QJsonArray {QJsonObject {
                       {u"match"_s,
                        QJsonArray {
                            QJsonObject {{u"uri"_s, QJsonObject {{u"exact"_s, u"/productpage"_s}}}},
                            QJsonObject {{u"uri"_s, QJsonObject {{u"prefix"_s, u"/static"_s}}}}}},
                       {u"route"_s,
                        QJsonArray {QJsonObject {
                            {u"destination"_s,
                             QJsonObject {{u"host"_s, u"productpage"_s},
                                          {u"port"_s, QJsonObject {{u"number"_s, 9080}}}}}}}}}}}}));
    for (const QString &svc : {u"productpage"_s, u"details"_s, u"ratings"_s})
        p.add(istio(net, u"DestinationRule"_s, u"bookinfo"_s, svc,
                    QJsonObject {{u"host"_s, svc},
                                 {u"subsets"_s, subsets({u"v1"_s}).value(u"subsets"_s)}}));
    p.add(istio(
        net, u"DestinationRule"_s, u"bookinfo"_s, u"reviews"_s,
        QJsonObject {{u"host"_s, u"reviews"_s},
                     {u"trafficPolicy"_s,
                      QJsonObject {{u"tls"_s, QJsonObject {{u"mode"_s, u"ISTIO_MUTUAL"_s}}}}},
                     {u"subsets"_s, subsets({u"v1"_s, u"v2"_s, u"v3"_s}).value(u"subsets"_s)}}));
    p.add(istio(net, u"VirtualService"_s, u"bookinfo"_s, u"reviews"_s,
                QJsonObject {{u"hosts"_s, QJsonArray {u"reviews"_s}},
                             {u"http"_s,
                              QJsonArray {QJsonObject {
                                  {u"route"_s,
                                   QJsonArray {routeTo(u"reviews"_s, u"v1"_s, 50),
                                               routeTo(u"reviews"_s, u"v2"_s, 30),
                                               routeTo(u"reviews"_s, u"v3"_s, 20)}}}}}}));
    p.add(istio(
        net, u"VirtualService"_s, u"bookinfo"_s, u"details"_s,
        QJsonObject {
            {u"hosts"_s, QJsonArray {u"details"_s}},
            {u"http"_s,
             QJsonArray {QJsonObject {
                 {u"fault"_s,
                  QJsonObject {{u"delay"_s,
                                QJsonObject {{u"percentage"_s, QJsonObject {{u"value"_s, 10.0}}},
                                             {u"fixedDelay"_s, u"2s"_s}}}}},
                 {u"route"_s, QJsonArray {routeTo(u"details"_s, u"v1"_s, 100)}}}}}}));
    p.add(istio(net, u"DestinationRule"_s, u"shop"_s, u"catalog"_s,
                QJsonObject {
                    {u"host"_s, u"catalog.shop.svc.cluster.local"_s},
                    {u"trafficPolicy"_s,
                     QJsonObject {
                         {u"connectionPool"_s,
                          QJsonObject {{u"http"_s, QJsonObject {{u"http2MaxRequests"_s, 1000}}}}}}},
                    {u"subsets"_s, subsets({u"v1"_s, u"v2"_s}).value(u"subsets"_s)}}));
    p.add(istio(net, u"ServiceEntry"_s, u"shop"_s, u"payment-gateway"_s,
                QJsonObject {{u"hosts"_s, QJsonArray {u"api.payments.example.com"_s}},
                             {u"location"_s, u"MESH_EXTERNAL"_s},
                             {u"resolution"_s, u"DNS"_s},
                             {u"ports"_s,
                              QJsonArray {QJsonObject {{u"number"_s, 443},
                                                       {u"name"_s, u"https"_s},
                                                       {u"protocol"_s, u"TLS"_s}}}}}));
    p.add(istio(sec, u"PeerAuthentication"_s, u"istio-system"_s, u"default"_s,
                QJsonObject {{u"mtls"_s, QJsonObject {{u"mode"_s, u"PERMISSIVE"_s}}}}));
    p.add(istio(sec, u"PeerAuthentication"_s, u"shop"_s, u"strict"_s,
                QJsonObject {{u"mtls"_s, QJsonObject {{u"mode"_s, u"STRICT"_s}}}}));
    p.add(istio(
        sec, u"AuthorizationPolicy"_s, u"shop"_s, u"catalog-allow-storefront"_s,
        QJsonObject {
            {u"selector"_s, QJsonObject {{u"matchLabels"_s, labelsOf({{u"app"_s, u"catalog"_s}})}}},
            {u"action"_s, u"ALLOW"_s},
            {u"rules"_s,
             QJsonArray {QJsonObject {
                 {u"from"_s,
                  QJsonArray {QJsonObject {
                      {u"source"_s,
                       QJsonObject {
                           {u"principals"_s,
                            QJsonArray {u"cluster.local/ns/shop/sa/storefront"_s}}}}}}}}}}}));
    p.add(istio(
        sec, u"AuthorizationPolicy"_s, u"bookinfo"_s, u"ratings-deny-legacy"_s,
        QJsonObject {
            {u"selector"_s, QJsonObject {{u"matchLabels"_s, labelsOf({{u"app"_s, u"ratings"_s}})}}},
            {u"action"_s, u"DENY"_s},
            {u"rules"_s,
             QJsonArray {QJsonObject {
                 {u"from"_s,
                  QJsonArray {QJsonObject {
                      {u"source"_s,
                       QJsonObject {{u"namespaces"_s, QJsonArray {u"legacy"_s}}}}}}}}}}}));
    *error = !p.error().isEmpty() ? p.error() : m.error();
}

void scale(const QList<Cluster *> &clusters, int workloads, QString *error)
{
    std::vector<Builder> builders;
    for (Cluster *c : clusters)
        builders.emplace_back(*c);
    const int perNamespace = 50;
    const int namespaces = (workloads + perNamespace - 1) / perNamespace;
    for (Builder &b : builders)
        for (int n = 0; n < namespaces; ++n)
            b.ns(u"scale-"_s + QString::number(n).rightJustified(3, u'0'),
                 labelsOf({{u"istio-injection"_s, u"enabled"_s}}));
    for (int i = 0; i < workloads; ++i) {
        const QString ns = u"scale-"_s + QString::number(i / perNamespace).rightJustified(3, u'0');
        const QString app = u"svc-"_s + QString::number(i).rightJustified(4, u'0');
        Builder &b = builders[size_t(i) % builders.size()];
        for (Builder &all : builders)
            all.add(service(ns, app, app, {{u"http"_s, 8080}}));
        // A layered call graph: every workload calls up to two later services.
        QStringList targets;
        for (const int j : {i + 1 + (i * 7) % 5, i + 3 + (i * 13) % 11}) {
            if (j < workloads)
                targets << u"svc-"_s + QString::number(j).rightJustified(4, u'0') + u".scale-"_s
                        + QString::number(j / perNamespace).rightJustified(3, u'0')
                        + u":8080/http@"_s + QString::number(i % 3 + 1);
        }
        b.app(ns, app + u"-v1"_s, app, u"v1"_s, {{u"http"_s, 8080}},
              targets.isEmpty() ? QJsonObject {} : calls(targets.join(u", "_s)));
        if (i % 10 == 0) {
            Builder &control = builders.front();
            control.add(
                istio(u"networking.istio.io/v1"_s, u"DestinationRule"_s, ns, app,
                      QJsonObject {{u"host"_s, app},
                                   {u"subsets"_s, subsets({u"v1"_s}).value(u"subsets"_s)}}));
            control.add(
                istio(u"networking.istio.io/v1"_s, u"VirtualService"_s, ns, app,
                      QJsonObject {{u"hosts"_s, QJsonArray {app}},
                                   {u"http"_s,
                                    QJsonArray {QJsonObject {
                                        {u"route"_s, QJsonArray {routeTo(app, u"v1"_s, 100)}}}}}}));
        }
    }
    for (const Builder &b : builders)
        if (!b.error().isEmpty()) {
            *error = b.error();
            return;
        }
}

} // namespace

Result<QJsonObject> createFromJson(Cluster &cluster, const QJsonObject &object)
{
    const QString apiVersion = object.value(u"apiVersion"_s).toString();
    const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
    const QString version = apiVersion.section(u'/', -1);
    const ResourceType *type = cluster.registry().byKind(group, object.value(u"kind"_s).toString());
    if (!type || !type->versions.contains(version))
        return unexpected(u"scenario"_s,
                          u"no kind "_s + object.value(u"kind"_s).toString() + u" in "_s
                              + apiVersion);
    WriteOptions options;
    options.fieldManager = u"meshsim-scenario"_s;
    options.validation = FieldValidation::Strict;
    const QString ns = object.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
    auto created = cluster.createObject(*type, version, ns, object, options);
    if (!created)
        return unexpected(u"scenario"_s, created.error().message,
                          object.value(u"kind"_s).toString() + u'/'
                              + object.value(u"metadata"_s).toObject().value(u"name"_s).toString());
    return *created;
}

Result<void> populateScenario(const QList<Cluster *> &clusters, const ScenarioOptions &options)
{
    if (clusters.isEmpty())
        return unexpected(u"scenario"_s, u"no clusters"_s);
    QString error;
    const QString primary = clusters.first()->name();
    for (Cluster *c : clusters) {
        Builder b(*c);
        installIstio(b, *c, primary,
                     c == clusters.first() && options.name == u"demo"_s
                         ? u"productpage.bookinfo:9080/http@20, storefront.shop:8080/http@10"_s
                         : QString());
        if (!b.error().isEmpty())
            return unexpected(u"scenario"_s, b.error());
    }
    if (options.name == u"demo"_s)
        demo(clusters, &error);
    else if (options.name == u"scale"_s)
        scale(clusters, options.workloads, &error);
    else if (options.name != u"empty"_s)
        return unexpected(u"scenario"_s, u"unknown scenario: "_s + options.name);
    if (!error.isEmpty())
        return unexpected(u"scenario"_s, error);
    return {};
}

} // namespace md::sim

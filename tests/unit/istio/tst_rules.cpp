#include "istio/validator.h"

#include <QTest>

#include "istiotestutil.h"

using namespace md::istio;
using namespace md::istio::testing;

// One or more invalid objects per schema keyword family, per CEL rule family and per
// webhook rule: each must be reported with the right code, path and text.
class tst_Rules : public QObject
{
    Q_OBJECT

private:
    Validator m_validator;

private slots:
    void initTestCase()
    {
        auto validator
            = Validator::fromCrdFile(QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml"));
        QVERIFY2(validator, qPrintable(validator ? QString() : validator.error().toString()));
        m_validator = *validator;
    }

    void invalidObjects_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("text");

        const auto vs = [](const QByteArray &spec) {
            return object("networking.istio.io/v1", "VirtualService", spec);
        };
        const auto dr = [](const QByteArray &spec) {
            return object("networking.istio.io/v1beta1", "DestinationRule", spec);
        };
        const auto gw = [](const QByteArray &spec) {
            return object("networking.istio.io/v1", "Gateway", spec);
        };
        const auto se = [](const QByteArray &spec) {
            return object("networking.istio.io/v1", "ServiceEntry", spec);
        };
        const auto sc = [](const QByteArray &spec) {
            return object("networking.istio.io/v1", "Sidecar", spec);
        };
        const auto ap = [](const QByteArray &spec) {
            return object("security.istio.io/v1", "AuthorizationPolicy", spec);
        };
        const auto ra = [](const QByteArray &spec) {
            return object("security.istio.io/v1", "RequestAuthentication", spec);
        };
        const auto pa = [](const QByteArray &spec) {
            return object("security.istio.io/v1beta1", "PeerAuthentication", spec);
        };
        const auto tm = [](const QByteArray &spec) {
            return object("telemetry.istio.io/v1", "Telemetry", spec);
        };
        const auto we = [](const QByteArray &spec) {
            return object("networking.istio.io/v1", "WorkloadEntry", spec);
        };
        const auto ef = [](const QByteArray &spec) {
            return object("networking.istio.io/v1alpha3", "EnvoyFilter", spec);
        };
        const QByteArray route
            = "  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r}\n";

        // Layer 1: schema
        QTest::newRow("schema type") << vs("  hosts: r\n") << "IST0106"
                                     << "spec.hosts"
                                     << "must be of type array";
        QTest::newRow("schema unknown field")
            << vs(route + "    websocketUpgrade: true\n") << "IST0133"
            << "spec.http[0].websocketUpgrade"
            << "unknown field";
        QTest::newRow("unknown version")
            << object("networking.istio.io/v9", "VirtualService", route) << "MD0001"
            << ""
            << "no matches for kind \"VirtualService\"";
        // Layer 2: CEL rule families
        QTest::newRow("cel duration vs") << vs(route + "    timeout: 500us\n") << "MD1001"
                                         << "spec.http[0].timeout"
                                         << "must be a valid duration greater than 1ms";
        QTest::newRow("cel duration syntax")
            << vs(route + "    retries: {attempts: 2, perTryTimeout: 2 seconds}\n") << "MD1001"
            << "spec.http[0].retries.perTryTimeout"
            << "greater than 1ms";
        QTest::newRow("cel duration dr")
            << dr("  host: r\n  subsets:\n  - name: v1\n    trafficPolicy:\n      "
                  "portLevelSettings:\n"
                  "      - port: {number: 80}\n        outlierDetection: {interval: 0s}\n")
            << "MD1001"
            << "spec.subsets[0].trafficPolicy.portLevelSettings[0].outlierDetection.interval"
            << "greater than 1ms";
        QTest::newRow("cel selector key wildcard")
            << ap("  selector: {matchLabels: {'app*': x}}\n  action: ALLOW\n") << "MD1003"
            << "spec.selector.matchLabels"
            << "wildcard not allowed in label key match";
        QTest::newRow("cel selector value wildcard")
            << pa("  selector: {matchLabels: {app: 'x*'}}\n") << "MD1003"
            << "spec.selector.matchLabels[app]"
            << "wildcard not allowed in label value match";
        QTest::newRow("cel selector empty key")
            << ra("  selector: {matchLabels: {'': x}}\n") << "MD1003"
            << "spec.selector.matchLabels"
            << "key must not be empty";
        QTest::newRow("cel sidecar selector")
            << sc("  workloadSelector: {labels: {app: '*'}}\n  egress: [{hosts: ['./*']}]\n")
            << "MD1003"
            << "spec.workloadSelector.labels[app]"
            << "wildcard is not supported in selector";
        QTest::newRow("cel selector and targetRef")
            << ap("  selector: {matchLabels: {app: x}}\n  targetRef: {kind: Service, name: s}\n")
            << "MD1004"
            << "spec"
            << "only one of targetRefs or selector can be set";
        QTest::newRow("cel cross namespace")
            << ra("  targetRefs: [{kind: Service, name: s, namespace: other}]\n") << "MD1005"
            << "spec.targetRefs[0].namespace"
            << "cross namespace referencing";
        QTest::newRow("cel gateway credentials")
            << gw("  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n"
                  "    hosts: [a.example.com]\n    tls: {mode: SIMPLE, credentialName: a, "
                  "credentialNames: [b]}\n")
            << "MD1004"
            << "spec.servers[0].tls"
            << "only one of credentialName or credentialNames";
        QTest::newRow("cel se selector and endpoints")
            << se("  hosts: [a.com]\n  resolution: STATIC\n  workloadSelector: {labels: {app: a}}\n"
                  "  endpoints: [{address: 1.1.1.1}]\n")
            << "MD1004"
            << "spec"
            << "only one of WorkloadSelector or Endpoints";
        QTest::newRow("cel se cidr with dns")
            << se("  hosts: [a.com]\n  addresses: [10.0.0.0/16]\n  resolution: DNS\n") << "MD1006"
            << "spec"
            << "CIDR addresses are allowed only for NONE/STATIC";
        QTest::newRow("cel se none with endpoints")
            << se("  hosts: [a.com]\n  endpoints: [{address: 1.1.1.1}]\n") << "MD1006"
            << "spec"
            << "NONE mode cannot set endpoints";
        QTest::newRow("cel se round robin")
            << se("  hosts: [a.com]\n  resolution: DNS_ROUND_ROBIN\n"
                  "  endpoints: [{address: a.com}, {address: b.com}]\n")
            << "MD1006"
            << "spec"
            << "DNS_ROUND_ROBIN mode cannot have multiple endpoints";
        QTest::newRow("cel se address required")
            << se("  hosts: [a.com]\n  resolution: STATIC\n  endpoints: [{labels: {a: b}}]\n")
            << "MD1007"
            << "spec.endpoints[0]"
            << "Address is required";
        QTest::newRow("cel se uds relative") << se(
            "  hosts: [a.com]\n  resolution: STATIC\n  endpoints: [{address: 'unix://sock'}]\n")
                                             << "MD1007"
                                             << "spec.endpoints[0].address"
                                             << "UDS must be an absolute path";
        QTest::newRow("cel we uds ports")
            << we("  address: unix:///var/run/x.sock\n  ports: {http: 80}\n") << "MD1007"
            << "spec"
            << "UDS may not include ports";
        QTest::newRow("cel se port range")
            << se("  hosts: [a.com]\n  ports: [{number: 70000, name: http}]\n") << "MD1002"
            << "spec.ports[0].number"
            << "port must be between 1-65535";
        QTest::newRow("cel se duplicate port number")
            << se("  hosts: [a.com]\n  ports: [{number: 80, name: a}, {number: 80, name: b}]\n")
            << "MD1010"
            << "spec.ports"
            << "port number cannot be duplicated";
        QTest::newRow("cel se wildcard host") << se("  hosts: ['*']\n") << "MD2001"
                                              << "spec.hosts[0]"
                                              << "hostname cannot be wildcard";
        QTest::newRow("cel we port name")
            << we("  address: 1.1.1.1\n  ports: {'bad_name': 80}\n") << "MD1009"
            << "spec.ports"
            << "port name must be valid";
        QTest::newRow("cel pa port keys")
            << pa("  selector: {matchLabels: {app: x}}\n  portLevelMtls: {'0': {mode: STRICT}}\n")
            << "MD1002"
            << "spec.portLevelMtls"
            << "port must be between 1-65535";
        QTest::newRow("cel pa needs selector")
            << pa("  portLevelMtls: {'8080': {mode: DISABLE}}\n") << "MD1013"
            << "spec"
            << "portLevelMtls requires selector";
        QTest::newRow("cel ra jwks exclusive")
            << ra("  jwtRules: [{issuer: a, jwksUri: 'https://x/k', jwks: '{}'}]\n") << "MD1004"
            << "spec.jwtRules[0]"
            << "only one of jwks or jwksUri";
        QTest::newRow("cel ra url scheme")
            << ra("  jwtRules: [{issuer: a, jwksUri: 'ftp://x/keys'}]\n") << "MD1008"
            << "spec.jwtRules[0].jwksUri"
            << "url must have scheme http:// or https://";
        QTest::newRow("cel ap service accounts")
            << ap("  rules: [{from: [{source: {serviceAccounts: [a], namespaces: [b]}}]}]\n")
            << "MD1004"
            << "spec.rules[0].from[0].source"
            << "Cannot set serviceAccounts with namespaces or principals";
        QTest::newRow("cel telemetry upsert")
            << tm("  metrics:\n  - overrides:\n    - tagOverrides: {x: {operation: UPSERT}}\n")
            << "MD1011"
            << "spec.metrics[0].overrides[0].tagOverrides[x]"
            << "value must be set when operation is UPSERT";
        QTest::newRow("cel envoyfilter waypoint")
            << ef("  configPatches:\n  - applyTo: LISTENER\n    match: {context: SIDECAR_INBOUND, "
                  "waypoint: {portNumber: 80}}\n")
            << "MD1012"
            << "spec.configPatches[0].match"
            << "only support waypointMatch";
        // Layer 2: webhook rules
        QTest::newRow("vs no routes") << vs("  hosts: [r]\n") << "MD2002"
                                      << "spec"
                                      << "http, tcp or tls must be provided";
        QTest::newRow("vs mesh wildcard")
            << vs("  hosts: ['*']\n  http:\n  - route:\n    - destination: {host: r}\n") << "MD2001"
            << "spec.hosts[0]"
            << "wildcard host * is not allowed";
        QTest::newRow("vs bad host")
            << vs("  hosts: [bad_host.com]\n  http:\n  - route:\n    - destination: {host: r}\n")
            << "MD2001"
            << "spec.hosts[0]"
            << "label \"bad_host\" invalid";
        QTest::newRow("vs overlapping hosts")
            << vs("  hosts: ['*.com', a.foo.com]\n  gateways: [gw]\n  http:\n  - route:\n    - "
                  "destination: {host: r}\n")
            << "MD2001"
            << "spec.hosts[1]"
            << "duplicate hosts";
        QTest::newRow("vs legacy gateway")
            << vs("  hosts: [r]\n  gateways: [gw.ns]\n" + route.mid(12)) << "MD2001"
            << "spec.gateways[0]"
            << "legacy gatewayName.namespace";
        QTest::newRow("vs route and redirect")
            << vs(route + "    redirect: {uri: /x}\n") << "MD2002"
            << "spec.http[0]"
            << "only one of route, redirect or directResponse";
        QTest::newRow("vs no action") << vs("  hosts: [r]\n  http:\n  - timeout: 1s\n") << "MD2002"
                                      << "spec.http[0]"
                                      << "route, redirect or direct response is required";
        QTest::newRow("vs destination wildcard")
            << vs("  hosts: [r]\n  http:\n  - route:\n    - destination: {host: '*'}\n") << "MD2003"
            << "spec.http[0].route[0].destination.host"
            << "invalid destination host *";
        QTest::newRow("vs bad subset")
            << vs("  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: V_1}\n")
            << "MD2003"
            << "spec.http[0].route[0].destination.subset"
            << "not a valid DNS label";
        QTest::newRow("vs port range") << vs(
            "  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, port: {number: 0}}\n")
                                       << "MD2003"
                                       << "spec.http[0].route[0].destination.port.number"
                                       << "1..65535";
        QTest::newRow("vs negative weight") << vs(
            "  hosts: [r]\n  http:\n  - route:\n    - destination: {host: a}\n      weight: -5\n"
            "    - destination: {host: b}\n      weight: 10\n")
                                            << "MD2004"
                                            << "spec.http[0].route[0].weight"
                                            << "weight -5 < 0";
        QTest::newRow("vs zero weights") << vs(
            "  hosts: [r]\n  http:\n  - route:\n    - destination: {host: a}\n      weight: 0\n"
            "    - destination: {host: b}\n      weight: 0\n")
                                         << "MD2004"
                                         << "spec.http[0].route"
                                         << "total destination weight = 0";
        QTest::newRow("vs empty prefix") << vs("  hosts: [r]\n  http:\n  - match: [{uri: {prefix: "
                                               "''}}]\n    route:\n    - destination: {host: r}\n")
                                         << "MD2005"
                                         << "spec.http[0].match[0].uri.prefix"
                                         << "must not be empty";
        QTest::newRow("vs bad regex")
            << vs("  hosts: [r]\n  http:\n  - match: [{uri: {regex: '(unclosed'}}]\n    route:\n   "
                  " - destination: {host: r}\n")
            << "MD2005"
            << "spec.http[0].match[0].uri.regex"
            << "not a valid regular expression";
        QTest::newRow("vs bad header name")
            << vs("  hosts: [r]\n  http:\n  - match: [{headers: {'bad header': {exact: x}}}]\n"
                  "    route:\n    - destination: {host: r}\n")
            << "MD2005"
            << "spec.http[0].match[0].headers[bad header]"
            << "is not valid";
        QTest::newRow("vs jwt claim on mesh")
            << vs("  hosts: [r]\n  http:\n  - match: [{headers: {'@request.auth.claims.group': "
                  "{exact: x}}}]\n"
                  "    route:\n    - destination: {host: r}\n")
            << "MD2005"
            << "spec.http[0].match[0].headers[@request.auth.claims.group]"
            << "JWT claim";
        QTest::newRow("vs set host header")
            << vs(route + "    headers: {request: {set: {Host: x}}}\n") << "MD2006"
            << "spec.http[0].headers.request.set[Host]"
            << "cannot be changed";
        QTest::newRow("vs redirect code")
            << vs("  hosts: [r]\n  http:\n  - redirect: {uri: /x, redirectCode: 200}\n") << "MD2007"
            << "spec.http[0].redirect.redirectCode"
            << "must be 3xx";
        QTest::newRow("vs rewrite both")
            << vs(route + "    rewrite: {uri: /a, uriRegexRewrite: {match: a, rewrite: b}}\n")
            << "MD2007"
            << "spec.http[0].rewrite"
            << "only one of uri or uriRegexRewrite";
        QTest::newRow("vs fault empty") << vs(route + "    fault: {}\n") << "MD2008"
                                        << "spec.http[0].fault"
                                        << "abort or delay";
        QTest::newRow("vs abort status")
            << vs(route + "    fault: {abort: {httpStatus: 700, percentage: {value: 50}}}\n")
            << "MD2008"
            << "spec.http[0].fault.abort.httpStatus"
            << "invalid abort http status 700";
        QTest::newRow("vs retry on")
            << vs(route + "    retries: {attempts: 3, retryOn: '5xx,sometimes'}\n") << "MD2008"
            << "spec.http[0].retries.retryOn"
            << "\"sometimes\" is not a valid retryOn policy";
        QTest::newRow("vs retries disabled")
            << vs(route + "    retries: {attempts: 0, perTryTimeout: 1s}\n") << "MD2008"
            << "spec.http[0].retries"
            << "attempts are set to 0";
        QTest::newRow("vs ms precision") << vs(route + "    timeout: 1500us\n") << "MD1001"
                                         << "spec.http[0].timeout"
                                         << "only durations to ms precision";
        QTest::newRow("vs direct response status")
            << vs("  hosts: [r]\n  http:\n  - directResponse: {status: 100}\n") << "MD2002"
            << "spec.http[0].directResponse.status"
            << "200..599";
        QTest::newRow("vs mirror percent")
            << vs(route + "    mirror: {host: m}\n    mirrorPercentage: {value: 150}\n") << "MD2008"
            << "spec.http[0].mirrorPercentage.value"
            << "out of range";
        QTest::newRow("vs tls sni not in hosts")
            << vs("  hosts: [a.com]\n  gateways: [gw]\n  tls:\n  - match: [{sniHosts: [b.com]}]\n"
                  "    route: [{destination: {host: a.com}}]\n")
            << "MD2005"
            << "spec.tls[0].match[0].sniHosts[0]"
            << "not a match for any virtual service host";
        QTest::newRow("vs tcp without route")
            << vs("  hosts: [r]\n  tcp:\n  - match: [{port: 80}]\n") << "MD2002"
            << "spec.tcp[0]"
            << "TCP route is required";
        QTest::newRow("vs exportTo") << vs(route + "  exportTo: ['*', ns]\n") << "MD2014"
                                     << "spec.exportTo[0]"
                                     << "must be the only entry";
        QTest::newRow("dr duplicate subset")
            << dr("  host: r\n  subsets: [{name: v1}, {name: v1}]\n") << "MD1010"
            << "spec.subsets[1].name"
            << "duplicate subset name";
        QTest::newRow("dr empty traffic policy")
            << dr("  host: r\n  trafficPolicy: {}\n") << "MD2010"
            << "spec.trafficPolicy"
            << "at least one field";
        QTest::newRow("dr mutual tls")
            << dr("  host: r\n  trafficPolicy: {tls: {mode: MUTUAL}}\n") << "MD2011"
            << "spec.trafficPolicy.tls"
            << "client certificate and private key are required";
        QTest::newRow("dr outlier percent")
            << dr("  host: r\n  trafficPolicy: {outlierDetection: {maxEjectionPercent: 150}}\n")
            << "MD2010"
            << "spec.trafficPolicy.outlierDetection.maxEjectionPercent"
            << "out of range";
        QTest::newRow("dr maglev prime")
            << dr("  host: r\n  trafficPolicy: {loadBalancer: {consistentHash: {useSourceIp: true, "
                  "maglev: {tableSize: 1000}}}}\n")
            << "MD2010"
            << "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize"
            << "prime";
        QTest::newRow("gw partial wildcard") << gw("  servers:\n  - port: {number: 80, name: http, "
                                                   "protocol: HTTP}\n    hosts: ['*foo.com']\n")
                                             << "MD2009"
                                             << "spec.servers[0].hosts[0]"
                                             << "partial wildcard";
        QTest::newRow("gw https without tls")
            << gw("  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: "
                  "[a.example.com]\n")
            << "MD2009"
            << "spec.servers[0].tls"
            << "must have TLS settings";
        QTest::newRow("gw protocol") << gw("  servers:\n  - port: {number: 80, name: http, "
                                           "protocol: HTTP3}\n    hosts: [a.example.com]\n")
                                     << "MD2009"
                                     << "spec.servers[0].port.protocol"
                                     << "unrecognized protocol";
        QTest::newRow("gw duplicate port name")
            << gw("  servers:\n  - port: {number: 80, name: web, protocol: HTTP}\n    hosts: "
                  "[a.example.com]\n"
                  "  - port: {number: 81, name: web, protocol: HTTP}\n    hosts: [b.example.com]\n")
            << "MD1010"
            << "spec.servers[1].port.name"
            << "must be unique";
        QTest::newRow("gw istio mutual with cert")
            << gw("  servers:\n  - port: {number: 443, name: tls, protocol: TLS}\n    hosts: "
                  "[a.example.com]\n"
                  "    tls: {mode: ISTIO_MUTUAL, credentialName: c}\n")
            << "MD2009"
            << "spec.servers[0].tls"
            << "ISTIO_MUTUAL";
        QTest::newRow("se static hostname endpoint")
            << se("  hosts: [a.com]\n  resolution: STATIC\n  endpoints: [{address: a.com}]\n")
            << "MD1007"
            << "spec.endpoints[0].address"
            << "must be an IP address for STATIC";
        QTest::newRow("sidecar egress host") << sc("  egress: [{hosts: [nohost]}]\n") << "MD2001"
                                             << "spec.egress[0].hosts[0]"
                                             << "namespace/dnsName";
        QTest::newRow("ap deny without rules") << ap("  action: DENY\n") << "MD2012"
                                               << "spec.rules"
                                               << "DENY policy needs at least one rule";
        QTest::newRow("ap provider without custom")
            << ap("  action: ALLOW\n  provider: {name: ext}\n  rules: [{}]\n") << "MD2012"
            << "spec.provider"
            << "only allowed with the CUSTOM action";
        QTest::newRow("ap empty source") << ap("  rules: [{from: [{source: {}}]}]\n") << "MD2012"
                                         << "spec.rules[0].from[0].source"
                                         << "source must not be empty";
        QTest::newRow("ap bad ip block")
            << ap("  rules: [{from: [{source: {ipBlocks: [10.0.0.300]}}]}]\n") << "MD2012"
            << "spec.rules[0].from[0].source.ipBlocks[0]"
            << "not a valid IP";
        QTest::newRow("ap path template")
            << ap("  rules: [{to: [{operation: {paths: ['/{**}/x/{*}']}}]}]\n") << "MD2012"
            << "spec.rules[0].to[0].operation.paths[0]"
            << "{**} must be the last operator";
        QTest::newRow("ap unknown when key")
            << ap("  rules: [{when: [{key: source.nothing, values: [a]}]}]\n") << "MD2012"
            << "spec.rules[0].when[0].key"
            << "unknown attribute";
        QTest::newRow("ap targetRef kind") << ap("  targetRef: {kind: Pod, name: p}\n") << "MD2015"
                                           << "spec.targetRef.kind"
                                           << "is not supported";
        QTest::newRow("ra issuer or jwks") << ra("  jwtRules: [{audiences: [a]}]\n") << "MD2013"
                                           << "spec.jwtRules[0]"
                                           << "needs an issuer or a jwksUri";
        QTest::newRow("ra bad jwks")
            << ra("  jwtRules: [{issuer: a, jwks: 'not json'}]\n") << "MD2013"
            << "spec.jwtRules[0].jwks"
            << "not a valid JSON Web Key Set";
        QTest::newRow("dry-run annotation")
            << QByteArray("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  "
                          "name: x\n"
                          "  annotations: {istio.io/dry-run: 'true'}\nspec:\n")
                + route
            << "MD2016"
            << "metadata.annotations[istio.io/dry-run]"
            << "only supported on ALLOW and DENY";
    }

    void invalidObjects()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, code);
        QFETCH(QString, path);
        QFETCH(QString, text);
        const auto stream = DocumentStream::parse(yaml, QStringLiteral("case.yaml"));
        QVERIFY2(stream, qPrintable(stream ? QString() : stream.error().toString()));
        QCOMPARE(stream->objects().size(), 1);
        const QList<Message> messages = m_validator.validate(*stream);
        bool found = false;
        for (const Message &m : messages)
            found = found || (m.code == code && m.path == path && m.text.contains(text));
        QVERIFY2(found,
                 qPrintable(QStringLiteral("expected %1 %2: %3\ngot:\n").arg(code, path, text)
                            + describe(messages)));
        for (const Message &m : messages) {
            QCOMPARE(m.source, QStringLiteral("case.yaml"));
            QCOMPARE(m.line, 1);
            QVERIFY(m.object.endsWith(QLatin1String(" ns/test"))
                    || m.object.endsWith(QLatin1String(" x")));
        }
    }
};

QTEST_APPLESS_MAIN(tst_Rules)
#include "tst_rules.moc"

// MeshDesk must read YAML as kubectl does (go-yaml v2 through sigs.k8s.io/yaml): what kubectl
// reads is what reaches the API server. For a corpus of files (every sample of
// ../shared/istio/samples, and generated documents full of tricky scalars, flow collections,
// anchors, multi-line strings, comments and odd indentation) the objects MeshDesk would send,
// `meshdesk-cli apply --dry-run=client -o json -f FILE`, must equal what kubectl would send,
// `kubectl create --dry-run=client -o json -f FILE`. Any difference is a bug in MeshDesk's
// reader; the failure names the file and the first differing field.

#include "istio/document.h"
#include "meshsimprocess.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using md::istio::DocumentStream;
using md::testing::CommandResult;

namespace {

// Generated documents. Every one is valid for the schema layer (so that MeshDesk's apply,
// which validates first, goes on to print what it would send): tricky values sit in
// ConfigMap data (no schema here), EnvoyFilter patch values (free-form) and string fields.
const QList<std::pair<const char *, const char *>> &generated()
{
    static const QList<std::pair<const char *, const char *>> docs {
        {"scalars.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: scalars
data:
  yesWord: yes
  onWord: On
  offWord: OFF
  nWord: n
  octal: 0777
  notOctal: 08
  version: 1.10
  under: 1_000
  hex: 0x1F
  binary: 0b101
  ooctal: 0o17
  dot: .5
  plusDot: +.5
  exp: 1e3
  negZero: -0
  trailingDot: 1.
  huge: 123456789012345678901
  beyondInt64: 9223372036854775808
  date: 2024-01-31
  time: 2001-12-14t21:59:43.10-05:00
  ipv4: 10.0.0.1
  colons: 1:20:30
  tilde: ~
  empty:
  word: yesterday
  quoted: "on"
  single: 'it''s'
)"},
        {"keys.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata: {name: keys}
data:
  nested:
    on: x
    0x1F: yy
    1.50: z
    'no': v
    1e6: u
    n: w
    12: twelve
    -3: minus
)"},
        {"flow.yaml", R"(apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: flow, namespace: bookinfo}
spec:
  hosts: [api.example.com,   "db.example.com" ,other.example.com]
  addresses: [1.2.3.4, 2001:db8::1]
  ports: [{number: 443, name: https, protocol: TLS}, {number: 80,name: http,protocol: HTTP}]
  location: MESH_EXTERNAL
  resolution: DNS
)"},
        {"flow-colon.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata: {name: flowcolon}
data:
  list: [1.2.3.4, 001:db8::, a:, "k":v, x::]
  map: {a:, b: 1, "c":d}
)"},
        {"anchors.yaml", R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: anchors
  namespace: bookinfo
spec:
  host: reviews.bookinfo.svc.cluster.local
  trafficPolicy: &policy
    connectionPool:
      tcp: {maxConnections: 100}
    outlierDetection: &outlier
      consecutive5xxErrors: 7
      interval: 5m
  subsets:
  - name: v1
    labels: &v1 {version: v1}
    trafficPolicy:
      <<: *policy
      outlierDetection:
        <<: *outlier
        interval: 1m
  - name: v2
    labels: {<<: *v1, version: v2}
)"},
        {"multiline.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: multiline
  annotations:
    folded: >
      one
      two

      three
    literal: |
      line 1
        indented
      line 3
    strip: |-
      no newline
    keep: |+
      kept


    plain: first
      second
      third
    quoted: "a
      b\tc \
      d"
data:
  x: 'single
    quoted'
)"},
        {"comments.yaml", R"(# a comment first
---
# only a comment in this document
---
apiVersion: networking.istio.io/v1   # trailing
kind: Gateway # more
metadata:
    name: comments    # four-space indentation
    namespace: bookinfo
spec:
    selector:
        istio: ingressgateway
    servers:
      # a comment inside a list
    -   port:
            number: 80
            name: http#not-a-comment
            protocol: HTTP
        hosts:
        - "*.example.com" # quoted wildcard
...
)"},
        {"envoyfilter.yaml", R"(apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: tricky, namespace: bookinfo}
spec:
  configPatches:
  - applyTo: HTTP_FILTER
    match: {context: SIDECAR_INBOUND}
    patch:
      operation: INSERT_BEFORE
      value:
        name: tricky
        flags: [yes, no, on, off, y, n, true, False]
        numbers: [0777, 0x10, 1_0, 1.10, .5, 1e-3, +12, -0x1]
        strings: ["yes", '0777', 1.2.3, a b, 'x: y']
        empty: []
        nested: {a: {b: {c: [1, [2, [3]]]}}}
)"},
        {"list.yaml", R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: in-list-1}
  data: {a: "1"}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: in-list-2}
  data: {b: on}
)"},
        {"json.json", R"({"apiVersion": "v1", "kind": "ConfigMap",
 "metadata": {"name": "json", "labels": {"a": "b"}},
 "data": {"n": "1", "big": "x"}}
)"},
        {"crlf.yaml",
         "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n"
         "  a: yes\r\n  b: |\r\n    two\r\n    lines\r\n"},
    };
    return docs;
}

// The first place where two JSON values differ, as a path; empty when equal. Numbers are
// compared by value (kubectl writes 1000 where MeshDesk may write 1e3 or 1000.0).
QString firstDifference(const QJsonValue &a, const QJsonValue &b, const QString &path)
{
    if (a.isDouble() && b.isDouble()) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        const bool same = x == y || std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
        return same ? QString() : path;
    }
    if (a.type() != b.type())
        return path;
    if (a.isObject()) {
        const QJsonObject oa = a.toObject();
        const QJsonObject ob = b.toObject();
        QStringList keys = oa.keys() + ob.keys();
        keys.removeDuplicates();
        for (const QString &key : std::as_const(keys)) {
            if (!oa.contains(key) || !ob.contains(key))
                return path + u'.' + key;
            const QString d = firstDifference(oa.value(key), ob.value(key), path + u'.' + key);
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (a.isArray()) {
        const QJsonArray aa = a.toArray();
        const QJsonArray ab = b.toArray();
        if (aa.size() != ab.size())
            return path + QStringLiteral("[size]");
        for (qsizetype i = 0; i < aa.size(); ++i) {
            const QString d
                = firstDifference(aa.at(i), ab.at(i), path + u'[' + QString::number(i) + u']');
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    return a == b ? QString() : path;
}

} // namespace

class tst_YamlKubectl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameObjectsAsKubectl_data();
    void sameObjectsAsKubectl();

private:
    CommandResult meshdesk(const QStringList &files) const;

    md::testing::MeshsimProcess m_sim;
    QTemporaryDir m_dir;
};

void tst_YamlKubectl::initTestCase()
{
    QVERIFY2(!md::testing::MeshsimProcess::kubectlPath().isEmpty(), "kubectl is required");
    QVERIFY(m_dir.isValid());
    // The demo scenario: bookinfo's Services and DestinationRules are there, so the samples
    // (applied to namespace bookinfo) pass MeshDesk's checks against the live cluster.
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_YamlKubectl::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

CommandResult tst_YamlKubectl::meshdesk(const QStringList &files) const
{
    QProcess p;
    p.start(QStringLiteral(MESHDESK_CLI),
            QStringList {QStringLiteral("apply"), QStringLiteral("--kubeconfig"),
                         m_sim.kubeconfig(), QStringLiteral("--dry-run=client"),
                         QStringLiteral("-n"), QStringLiteral("bookinfo"), QStringLiteral("-o"),
                         QStringLiteral("json")}
                + files);
    CommandResult r;
    r.finished = p.waitForFinished(60000);
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void tst_YamlKubectl::sameObjectsAsKubectl_data()
{
    QTest::addColumn<QString>("file");
    int samples = 0;
    QDirIterator it(QStringLiteral(MESHDESK_SHARED_DIR "/istio/samples"),
                    {QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString &f : std::as_const(files)) {
        QTest::newRow(qPrintable(QStringLiteral("samples/") + QFileInfo(f).fileName())) << f;
        ++samples;
    }
    QVERIFY(samples >= 20);
    for (const auto &[name, text] : generated()) {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        QTest::newRow(qPrintable(QStringLiteral("generated/") + QString::fromLatin1(name))) << path;
    }
}

void tst_YamlKubectl::sameObjectsAsKubectl()
{
    QFETCH(QString, file);
    // MeshDesk validates before it prints what it would send, as `validate` does: a sample
    // routing to subsets goes with the DestinationRules that define them (to both tools).
    QStringList files;
    const QString name = QFileInfo(file).fileName();
    if (file.contains(QLatin1String("/samples/"))
        && (name.startsWith(QLatin1String("virtual-service"))
            || name.startsWith(QLatin1String("fault-injection")))) {
        files << QStringLiteral("-f")
              << QFileInfo(file).dir().filePath(QStringLiteral("destination-rule-all.yaml"));
    }
    files << QStringLiteral("-f") << file;
    const CommandResult theirs = m_sim.kubectl(
        QStringList {QStringLiteral("create"), QStringLiteral("--dry-run=client"),
                     QStringLiteral("--validate=false"), QStringLiteral("-n"),
                     QStringLiteral("bookinfo"), QStringLiteral("-o"), QStringLiteral("json")}
        + files);
    const CommandResult ours = meshdesk(files);
    QVERIFY(ours.finished);
    if (theirs.exitCode != 0) {
        // What kubectl cannot read or map (a kind the cluster does not serve), MeshDesk
        // refuses too.
        QVERIFY2(ours.exitCode != 0,
                 qPrintable(QStringLiteral("kubectl refused it:\n%1\nbut meshdesk-cli printed:\n%2")
                                .arg(theirs.describe(), QString::fromUtf8(ours.out))));
        return;
    }
    QVERIFY2(ours.exitCode == 0,
             qPrintable(QStringLiteral("meshdesk-cli exited %1:\n%2")
                            .arg(ours.exitCode)
                            .arg(QString::fromUtf8(ours.err))));
    // kubectl prints one JSON object after the other (no List) for several objects.
    const auto theirDocs = DocumentStream::parse(theirs.out, QStringLiteral("kubectl"));
    QVERIFY2(theirDocs, theirs.out.constData());
    const auto ourDocs = DocumentStream::parse(ours.out, QStringLiteral("meshdesk-cli"));
    QVERIFY2(ourDocs, qPrintable(QStringLiteral("not JSON: %1").arg(QString::fromUtf8(ours.out))));
    QVERIFY2(ourDocs->format == md::istio::Format::Json, ours.out.constData());
    QVERIFY(!theirDocs->documents.isEmpty());
    QCOMPARE(ourDocs->documents.size(), theirDocs->documents.size());
    for (qsizetype i = 0; i < theirDocs->documents.size(); ++i) {
        const QJsonValue a = ourDocs->documents.at(i).value.toJson();
        const QJsonValue b = theirDocs->documents.at(i).value.toJson();
        const QString where = firstDifference(a, b, QStringLiteral("$"));
        QVERIFY2(where.isEmpty(),
                 qPrintable(
                     QStringLiteral("object %1: first difference at %2\nMeshDesk:\n%3\n"
                                    "kubectl:\n%4")
                         .arg(i)
                         .arg(where, QString::fromUtf8(ours.out), QString::fromUtf8(theirs.out))));
    }
}

QTEST_GUILESS_MAIN(tst_YamlKubectl)
#include "tst_yaml_kubectl.moc"

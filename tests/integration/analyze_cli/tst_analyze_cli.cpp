// meshdesk-cli analyze against meshsim's two-cluster demo: findings on objects applied with
// real kubectl, files (written here, not taken from ../shared) analyzed on top of the live
// state and replacing live objects, a mesh kept in MeshDesk's store analyzed across both
// clusters (IST0170 included), namespaces, JSON output and exit codes.

#include "meshsimprocess.h"

#include "mesh/mesh.h"
#include "store/meshstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using md::testing::CommandResult;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");

// Objects applied to the primary cluster: two Sidecars without selector (IST0111), a subset
// selecting no pod (IST0173), and a namespace of its own for the clean run.
const QByteArray kLive = R"(apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: sc-a, namespace: bookinfo}
spec: {egress: [{hosts: ['./*']}]}
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: sc-b, namespace: bookinfo}
spec: {egress: [{hosts: ['./*']}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings-live, namespace: bookinfo}
spec:
  host: ratings
  subsets: [{name: v7, labels: {version: v7}}]
---
apiVersion: v1
kind: Namespace
metadata: {name: quiet, labels: {istio-injection: enabled}}
)";

} // namespace

class tst_AnalyzeCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void liveFindingsInTheNamespace();
    void filesOnTopOfTheLiveState();
    void jsonNamesOrigins();
    void cleanNamespace();
    void keptMeshAcrossClusters();
    void usageAndErrors();

private:
    CommandResult cli(const QStringList &args, const QStringList &env = {}) const;
    QString writeFile(const QString &name, const QByteArray &text) const;
    static QStringList linesWith(const QByteArray &out, const QString &needle);

    md::testing::MeshsimProcess m_sim;
    QTemporaryDir m_files;
};

void tst_AnalyzeCli::initTestCase()
{
    QVERIFY2(!md::testing::MeshsimProcess::kubectlPath().isEmpty(), "kubectl is required");
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_files.isValid());
    const CommandResult applied
        = m_sim.kubectl({QStringLiteral("--context"), Primary, QStringLiteral("apply"),
                         QStringLiteral("-f"), QStringLiteral("-")},
                        kLive);
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.describe()));
    // One Service, different in the two clusters.
    for (const auto &[context, port] : {std::pair {Primary, 8080}, std::pair {Member, 9090}}) {
        const QByteArray service = "apiVersion: v1\nkind: Service\nmetadata: {name: drift, "
                                   "namespace: bookinfo}\nspec: {selector: {app: drift}, ports: "
                                   "[{name: http, port: "
            + QByteArray::number(port) + "}]}\n";
        const CommandResult created
            = m_sim.kubectl({QStringLiteral("--context"), context, QStringLiteral("apply"),
                             QStringLiteral("-f"), QStringLiteral("-")},
                            service);
        QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
    }
}

void tst_AnalyzeCli::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

CommandResult tst_AnalyzeCli::cli(const QStringList &args, const QStringList &env) const
{
    QProcess p;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MESHDESK_CRDS"),
                       QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml"));
    for (const QString &pair : env)
        environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    p.setProcessEnvironment(environment);
    p.start(
        QStringLiteral(MESHDESK_CLI),
        QStringList {QStringLiteral("analyze"), QStringLiteral("--kubeconfig"), m_sim.kubeconfig()}
            + args);
    CommandResult r;
    r.finished = p.waitForFinished(120000);
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString tst_AnalyzeCli::writeFile(const QString &name, const QByteArray &text) const
{
    const QString path = m_files.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return QString();
    return path;
}

QStringList tst_AnalyzeCli::linesWith(const QByteArray &out, const QString &needle)
{
    QStringList found;
    for (const QString &line : QString::fromUtf8(out).split(u'\n')) {
        if (line.contains(needle))
            found.append(line);
    }
    return found;
}

void tst_AnalyzeCli::liveFindingsInTheNamespace()
{
    const CommandResult r = cli(
        {QStringLiteral("--context"), Primary, QStringLiteral("-n"), QStringLiteral("bookinfo")});
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QCOMPARE(r.exitCode, 1); // errors found
    const QStringList sidecars = linesWith(r.out, QStringLiteral("[IST0111]"));
    QCOMPARE(sidecars.size(), 2);
    QVERIFY2(sidecars.first().startsWith(QStringLiteral("Error [IST0111] (Sidecar bookinfo/sc-")),
             qPrintable(sidecars.first()));
    QVERIFY2(sidecars.first().endsWith(QStringLiteral(
                 "The Sidecars [sc-a sc-b] in namespace \"bookinfo\" have no workload selector, "
                 "which can lead to undefined behavior.")),
             qPrintable(sidecars.first()));
    const QStringList subsets = linesWith(r.out, QStringLiteral("[IST0173]"));
    QVERIFY2(subsets.contains(QStringLiteral(
                 "Error [IST0173] (DestinationRule bookinfo/ratings-live) spec.subsets[0]: The "
                 "Subset v7 defined in the DestinationRule does not select any pods. Which may "
                 "lead to 503 UH (NoHealthyUpstream).")),
             qPrintable(QString::fromUtf8(r.out)));
    // Only bookinfo's objects (and cluster-scoped ones): nothing about istio-system's.
    static const QRegularExpression otherNamespace(
        QStringLiteral("^\\w+ \\[[A-Z0-9]+\\] \\(\\w+ (?!bookinfo/)[^ )]+/"));
    for (const QString &line : QString::fromUtf8(r.out).split(u'\n'))
        QVERIFY2(!otherNamespace.match(line).hasMatch(), qPrintable(line));
    QVERIFY(!linesWith(r.out, QStringLiteral("(Sidecar bookinfo/sc-a)")).isEmpty());
}

void tst_AnalyzeCli::filesOnTopOfTheLiveState()
{
    // A file replaces the live DestinationRule with a subset that selects pods, and adds a
    // VirtualService that references a gateway nobody defines.
    const QString fixed = writeFile(
        QStringLiteral("ratings-fixed.yaml"),
        "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: "
        "ratings-live, namespace: bookinfo}\nspec:\n  host: ratings\n  subsets: [{name: v1, "
        "labels: {version: v1}}]\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\n"
        "metadata: {name: ratings-edge, namespace: bookinfo}\nspec:\n  hosts: "
        "[ratings.example.com]\n  gateways: [edge-gateway]\n  http:\n  - route: [{destination: "
        "{host: ratings, subset: v1}}]\n");
    QVERIFY(!fixed.isEmpty());
    const CommandResult r = cli({QStringLiteral("--context"), Primary, QStringLiteral("-n"),
                                 QStringLiteral("bookinfo"), fixed});
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(linesWith(r.out, QStringLiteral("[IST0173] (DestinationRule bookinfo/ratings-live)"))
                 .isEmpty(),
             qPrintable(QString::fromUtf8(r.out)));
    QVERIFY2(linesWith(
                 r.out,
                 QStringLiteral("Error [IST0101] (VirtualService bookinfo/ratings-edge) "
                                "spec.gateways[0]: Referenced gateway not found: \"edge-gateway\""))
                     .size()
                 == 1,
             qPrintable(QString::fromUtf8(r.out)));
    // The live Sidecars are still analyzed with the file.
    QCOMPARE(linesWith(r.out, QStringLiteral("[IST0111]")).size(), 2);
}

void tst_AnalyzeCli::jsonNamesOrigins()
{
    const QString file = writeFile(
        QStringLiteral("ports.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: unnamed-port, namespace: bookinfo}\n"
        "spec: {selector: {app: ratings}, ports: [{name: web, port: 7000, targetPort: 7000}]}\n");
    QVERIFY(!file.isEmpty());
    const CommandResult r
        = cli({QStringLiteral("--context"), Primary, QStringLiteral("-n"),
               QStringLiteral("bookinfo"), QStringLiteral("-o"), QStringLiteral("json"), file});
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QCOMPARE(r.exitCode, 1);
    QJsonParseError error;
    const QJsonArray list = QJsonDocument::fromJson(r.out, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    bool fromFile = false, fromCluster = false;
    for (const QJsonValue &v : list) {
        const QJsonObject m = v.toObject();
        if (m.value(QLatin1String("code")).toString() == QLatin1String("IST0118")
            && m.value(QLatin1String("object")).toString()
                == QLatin1String("Service bookinfo/unnamed-port")) {
            fromFile = true;
            QCOMPARE(m.value(QLatin1String("level")).toString(), QStringLiteral("Info"));
            QCOMPARE(
                m.value(QLatin1String("origin")).toObject().value(QLatin1String("file")).toString(),
                file);
            QCOMPARE(m.value(QLatin1String("message")).toString(),
                     QStringLiteral("Port name web (port: 7000, targetPort: 7000) doesn't follow "
                                    "the naming convention of Istio port."));
        }
        if (m.value(QLatin1String("code")).toString() == QLatin1String("IST0111")) {
            fromCluster = true;
            QCOMPARE(
                m.value(QLatin1String("origin")).toObject().value(QLatin1String("file")).toString(),
                Primary);
        }
    }
    QVERIFY2(fromFile && fromCluster, r.out.constData());
}

void tst_AnalyzeCli::cleanNamespace()
{
    const CommandResult r = cli(
        {QStringLiteral("--context"), Primary, QStringLiteral("-n"), QStringLiteral("quiet")});
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    for (const QString &line : QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts))
        QVERIFY2(!line.startsWith(QLatin1String("Error")), qPrintable(line));
    if (r.out.isEmpty())
        QVERIFY2(r.err.contains("No validation issues found when analyzing namespace quiet"),
                 r.err.constData());
}

void tst_AnalyzeCli::keptMeshAcrossClusters()
{
    // A mesh kept as the GUI keeps it, in the store under XDG_DATA_HOME.
    QTemporaryDir data;
    QVERIFY(data.isValid());
    const QString storeDir = data.filePath(QStringLiteral("MeshDesk/MeshDesk"));
    QVERIFY(QDir().mkpath(storeDir));
    {
        md::store::MeshStore store;
        QVERIFY(store.open(QDir(storeDir).filePath(QStringLiteral("meshdesk.sqlite"))));
        md::mesh::Mesh mesh;
        mesh.name = QStringLiteral("demo");
        mesh.type = md::mesh::Mesh::Type::Hosted;
        mesh.controlPlane = Primary;
        mesh.members = {Member};
        QVERIFY(store.save(mesh));
    }
    const QStringList env {QStringLiteral("XDG_DATA_HOME=") + data.path()};
    const CommandResult r
        = cli({QStringLiteral("--mesh"), QStringLiteral("demo"), QStringLiteral("-A")}, env);
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QCOMPARE(r.exitCode, 1);
    const QStringList drift = linesWith(r.out, QStringLiteral("[IST0170]"));
    QCOMPARE(drift.size(), 1);
    QCOMPARE(drift.first(),
             QStringLiteral("Warning [IST0170] (Service bookinfo/drift) The service drift in "
                            "namespace \"bookinfo\" is inconsistent across clusters "
                            "[\"meshsim-member\" \"meshsim-primary\"], which can lead to undefined "
                            "behaviors. The inconsistent behaviors are: service ports are "
                            "inconsistent."));
    // Both clusters' objects are analyzed (IST0102 on a namespace of each).
    const CommandResult json
        = cli({QStringLiteral("--mesh"), QStringLiteral("demo"), QStringLiteral("-A"),
               QStringLiteral("-o"), QStringLiteral("json")},
              env);
    QSet<QString> origins;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.out).array())
        origins.insert(v.toObject()
                           .value(QLatin1String("origin"))
                           .toObject()
                           .value(QLatin1String("file"))
                           .toString());
    QVERIFY2(origins.contains(Primary) && origins.contains(Member), json.out.constData());

    const CommandResult unknown = cli({QStringLiteral("--mesh"), QStringLiteral("nosuch")}, env);
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("nosuch"), unknown.err.constData());
}

void tst_AnalyzeCli::usageAndErrors()
{
    const CommandResult both = cli(
        {QStringLiteral("--context"), Primary, QStringLiteral("--mesh"), QStringLiteral("demo")});
    QCOMPARE(both.exitCode, 2);
    const CommandResult format
        = cli({QStringLiteral("--context"), Primary, QStringLiteral("-o"), QStringLiteral("yaml")});
    QCOMPARE(format.exitCode, 2);
    const CommandResult context = cli({QStringLiteral("--context"), QStringLiteral("nowhere")});
    QCOMPARE(context.exitCode, 1);
    QVERIFY2(context.err.contains("nowhere"), context.err.constData());
    const CommandResult missing
        = cli({QStringLiteral("--context"), Primary, QStringLiteral("-n"), QStringLiteral("quiet"),
               m_files.filePath(QStringLiteral("absent.yaml"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.out.contains("absent.yaml"), missing.out.constData());
}

QTEST_GUILESS_MAIN(tst_AnalyzeCli)
#include "tst_analyze_cli.moc"

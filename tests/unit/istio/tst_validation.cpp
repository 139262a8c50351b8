#include "istio/celrules.h"
#include "istio/validatefiles.h"
#include "istio/validator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "istiotestutil.h"

using namespace md::istio;
using namespace md::istio::testing;

namespace {

QString sharedDir()
{
    return QStringLiteral(MESHDESK_SHARED_DIR);
}

} // namespace

class tst_Validation : public QObject
{
    Q_OBJECT

private:
    Validator m_validator;

private slots:
    void initTestCase()
    {
        auto validator
            = Validator::fromCrdFile(sharedDir() + QStringLiteral("/istio/crd-all.gen.yaml"));
        QVERIFY2(validator, qPrintable(validator ? QString() : validator.error().toString()));
        m_validator = *validator;
        QVERIFY(m_validator.hasSchemas());
    }

    void celRulesMatchTheCrds()
    {
        QFile tsv(sharedDir() + QStringLiteral("/istio/crd-cel-rules.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = tsv.readAll().split('\n');
        int rows = 0;
        for (const QByteArray &line : lines.mid(1)) {
            if (line.trimmed().isEmpty())
                continue;
            const QList<QByteArray> cols = line.split('\t');
            QCOMPARE(cols.size(), 6);
            ++rows;
            bool found = false;
            for (const CelRule &rule : celRules()) {
                found = found
                    || (rule.kind == QString::fromUtf8(cols[0])
                        && rule.path == QString::fromUtf8(cols[3])
                        && rule.message == QString::fromUtf8(cols[5]));
            }
            QVERIFY2(found, line.constData());
        }
        QCOMPARE(rows, 131);
        QCOMPARE(celRules().size(), rows);
    }

    void samplesAreClean_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(sharedDir() + QStringLiteral("/istio/samples/bookinfo"));
        for (const QString &f : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void samplesAreClean()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto stream = DocumentStream::parse(f.readAll(), file);
        QVERIFY(stream);
        const QList<Message> messages = m_validator.validate(*stream);
        QVERIFY2(messages.isEmpty(), qPrintable(describe(messages)));
    }

    void messageFormat()
    {
        const Message m {QStringLiteral("IST0101"),
                         Severity::Error,
                         QStringLiteral("spec.http[0].route[0].destination.host"),
                         QStringLiteral("Referenced host not found: \"reviews\""),
                         QStringLiteral("VirtualService bookinfo/reviews"),
                         {},
                         0};
        QCOMPARE(
            m.toString(),
            QStringLiteral(
                "Error [IST0101] (VirtualService bookinfo/reviews) "
                "spec.http[0].route[0].destination.host: Referenced host not found: \"reviews\""));
        QSet<QString> seen;
        for (const CodeInfo &c : messageCodes()) {
            QVERIFY2(!seen.contains(QString::fromLatin1(c.code)), c.code);
            seen.insert(QString::fromLatin1(c.code));
        }
        for (const CelRule &rule : celRules())
            QVERIFY2(seen.contains(QString::fromLatin1(rule.code)), rule.code);
    }

    void plainScalarsReadAsKubectlReadsThem()
    {
        // `on` and `1.10` given to string fields: kubectl sends true and 1.1, which the API
        // server refuses; the schema error comes with MD0002 saying how to write the string.
        const QByteArray yaml = "apiVersion: networking.istio.io/v1\n"
                                "kind: VirtualService\n"
                                "metadata: {name: r, namespace: shop, labels: {version: 1.10}}\n"
                                "spec:\n"
                                "  hosts: [cart]\n"
                                "  http:\n"
                                "  - match:\n"
                                "    - uri: {exact: on}\n"
                                "    route:\n"
                                "    - destination: {host: cart}\n";
        const auto stream = DocumentStream::parse(yaml, QStringLiteral("typed.yaml"));
        QVERIFY(stream);
        const Value &object = stream->object(stream->objects().first());
        const QList<Message> messages = m_validator.validate(object);
        QStringList hints;
        for (const Message &m : messages) {
            if (m.code == QLatin1String("MD0002")) {
                QCOMPARE(m.severity, Severity::Warning);
                hints << m.path + QStringLiteral(": ") + m.text;
            }
        }
        QCOMPARE(hints.size(), 1);
        QVERIFY2(hints.first().startsWith(QStringLiteral("spec.http[0].match[0].uri.exact: on is "
                                                         "read as the boolean true")),
                 qPrintable(hints.first()));
        QVERIFY2(hints.first().contains(QStringLiteral("write \"on\" in quotes")),
                 qPrintable(hints.first()));
        // The value keeps its spelling when written back.
        QVERIFY(stream->toYaml().contains("exact: on"));
        // Quoted, it is a string and nothing is said.
        const auto quoted
            = DocumentStream::parse(QByteArray(yaml).replace("exact: on", "exact: 'on'"));
        QVERIFY(quoted);
        for (const Message &m : m_validator.validate(quoted->object(quoted->objects().first())))
            QVERIFY2(m.code != QLatin1String("MD0002"), qPrintable(m.toString()));
    }

    void validateAllSamples()
    {
        const QDir dir(sharedDir() + QStringLiteral("/istio/samples/bookinfo"));
        QStringList files;
        for (const QString &f : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
            files.append(dir.filePath(f));
        // All samples as one set, applied in file name order (the last definition of an
        // object wins): no schema or rule message, and only the cross-reference findings that
        // combining these alternative files really produces.
        const ValidationReport report = validateFiles(files, m_validator);
        QStringList found;
        for (const Message &m : report.messages)
            found.append(m.code + u' ' + m.object + u' ' + m.path);
        QCOMPARE(
            found,
            (QStringList {
                // istioctl's gateway analyzer: a selector no pod carries is a reference not
                // found (IST0101), and subset routing at an ingress gateway has no effect.
                QStringLiteral("IST0101 Gateway bookinfo-gateway spec.selector"),
                QStringLiteral("IST0140 VirtualService bookinfo spec.http[0].route[0]"),
                QStringLiteral("IST0101 Gateway istio-system/cert-manager-gateway spec.selector"),
                QStringLiteral("IST0101 VirtualService istio-system/cert-manager "
                               "spec.http[0].route[0].destination.host"),
                QStringLiteral("IST0173 DestinationRule ratings spec.subsets[2]"),
                QStringLiteral("IST0173 DestinationRule ratings spec.subsets[3]"),
                QStringLiteral("IST0129 DestinationRule originate-tls-for-googleapis "
                               "spec.trafficPolicy.portLevelSettings[0].tls"),
                QStringLiteral(
                    "IST0101 VirtualService details spec.http[0].route[0].destination.subset"),
            }));
        // IST0173 from workload templates in files is a warning (a version not deployed yet);
        // the four IST0101 findings are errors.
        QCOMPARE(report.errors(), 4);
        const QByteArray text = formatMessages(report.messages, false);
        QVERIFY(text.contains(
            "Error [IST0101] (VirtualService details) spec.http[0].route[0].destination.subset: "
            "Referenced host+subset in destinationrule not found: \"details+v2\"\n"));
    }

    void validateFilesErrors()
    {
        const ValidationReport report
            = validateFiles({QStringLiteral("/nonexistent.yaml")}, m_validator);
        QCOMPARE(report.errors(), 1);
        QCOMPARE(report.messages.first().code, QStringLiteral("io.read"));
        const QByteArray text = formatMessages(report.messages, false);
        QVERIFY2(text.startsWith("Error [io.read] /nonexistent.yaml: cannot read file"),
                 text.constData());
        const QJsonArray json
            = QJsonDocument::fromJson(formatMessages(report.messages, true)).array();
        QCOMPARE(json.size(), 1);
        QCOMPARE(json.first()[QLatin1String("level")].toString(), QStringLiteral("Error"));
        QCOMPARE(json.first()[QLatin1String("origin")][QLatin1String("file")].toString(),
                 QStringLiteral("/nonexistent.yaml"));
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns");
        QTest::newRow("ms") << QStringLiteral("300ms") << qint64(300'000'000);
        QTest::newRow("mixed") << QStringLiteral("1h2m3.5s") << qint64(3723'500'000'000);
        QTest::newRow("fraction") << QStringLiteral(".5s") << qint64(500'000'000);
        QTest::newRow("micro sign") << QString::fromUtf8("10\xc2\xb5s") << qint64(10'000);
        QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
        QTest::newRow("negative") << QStringLiteral("-1s") << qint64(-1'000'000'000);
        QTest::newRow("no unit") << QStringLiteral("10") << qint64(-1);
        QTest::newRow("bad unit") << QStringLiteral("10d") << qint64(-1);
        QTest::newRow("space") << QStringLiteral("1 s") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        const auto parsed = parseDuration(text);
        QCOMPARE(parsed.value_or(-1), ns);
    }

    void throughput()
    {
        // 1,000 policies through layers 1 and 2; printed, never asserted as a timing.
        QByteArray text;
        for (int i = 0; i < 1000; ++i) {
            text += object(
                        "networking.istio.io/v1", "VirtualService",
                        "  hosts: [svc" + QByteArray::number(i)
                            + ".ns.svc.cluster.local]\n  http:\n"
                              "  - match: [{uri: {prefix: /api}, headers: {x-user: {exact: a}}}]\n"
                              "    route:\n    - destination: {host: a, subset: v1}\n      weight: "
                              "90\n"
                              "    - destination: {host: b, subset: v2}\n      weight: 10\n"
                              "    retries: {attempts: 3, perTryTimeout: 2s}\n    timeout: 10s\n")
                + "---\n";
        }
        QElapsedTimer timer;
        timer.start();
        const auto stream = DocumentStream::parse(text);
        QVERIFY(stream);
        const qint64 parsed = timer.nsecsElapsed();
        const QList<Message> messages = m_validator.validate(*stream);
        QVERIFY2(messages.isEmpty(), qPrintable(describe(messages.mid(0, 5))));
        qInfo("1000 VirtualServices: parse %lld ms, validate (schema + rules) %lld ms",
              parsed / 1'000'000, (timer.nsecsElapsed() - parsed) / 1'000'000);
    }
};

QTEST_APPLESS_MAIN(tst_Validation)
#include "tst_validation.moc"

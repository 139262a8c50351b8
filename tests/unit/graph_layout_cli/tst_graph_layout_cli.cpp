#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// meshdesk-cli layout: JSON in, JSON out, and its errors.
class tst_GraphLayoutCli : public QObject
{
    Q_OBJECT

private slots:
    void layoutJson();
    void readsStandardInput();
    void errors_data();
    void errors();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    Run run(const QStringList &args, const QByteArray &input = {});
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

tst_GraphLayoutCli::Run tst_GraphLayoutCli::run(const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(QStringLiteral(MESHDESK_CLI), args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString tst_GraphLayoutCli::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}

void tst_GraphLayoutCli::layoutJson()
{
    const QString graph = write(QStringLiteral("graph.json"), R"({
  "nodes": [{"id": "ns/a"}, {"id": "ns/b", "width": 120}, {"id": "ns/c", "type": "service"},
            {"id": "other/d"}],
  "edges": [{"source": "ns/a", "target": "ns/b"}, {"source": "ns/b", "target": "ns/c"},
            {"source": "ns/a", "target": "ns/c"}, {"source": "ns/c", "target": "other/d",
             "protocol": "http"}]
})");
    const Run r
        = run({QStringLiteral("layout"), graph, QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonParseError error;
    const QJsonObject out = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray nodes = out.value("nodes").toArray();
    QCOMPARE(nodes.size(), 4);
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : nodes) {
        const QJsonObject o = v.toObject();
        for (const char *key : {"id", "x", "y", "width", "height"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        byId.insert(o.value("id").toString(), o);
    }
    QCOMPARE(byId.value("ns/b").value("width").toDouble(), 120.0);
    QCOMPARE(byId.value("ns/a").value("height").toDouble(), 40.0);
    // Left to right as the calls go.
    QVERIFY(byId.value("ns/a").value("x").toDouble() < byId.value("ns/b").value("x").toDouble());
    QVERIFY(byId.value("ns/b").value("x").toDouble() < byId.value("ns/c").value("x").toDouble());
    QVERIFY(byId.value("ns/c").value("x").toDouble() < byId.value("other/d").value("x").toDouble());
    const QJsonArray edges = out.value("edges").toArray();
    QCOMPARE(edges.size(), 4);
    const QJsonObject skip = edges[2].toObject(); // a -> c passes b's rank: one bend
    QCOMPARE(skip.value("source").toString(), QStringLiteral("ns/a"));
    QCOMPARE(skip.value("target").toString(), QStringLiteral("ns/c"));
    const QJsonArray points = skip.value("points").toArray();
    QCOMPARE(points.size(), 3);
    QCOMPARE(points[0].toArray().size(), 2);
    // The route starts on a's right border and ends on c's left border.
    const QJsonObject a = byId.value("ns/a"), c = byId.value("ns/c");
    QCOMPARE(points[0].toArray()[0].toDouble(),
             a.value("x").toDouble() + a.value("width").toDouble() / 2);
    QCOMPARE(points[2].toArray()[0].toDouble(),
             c.value("x").toDouble() - c.value("width").toDouble() / 2);
    // The same input gives the same output.
    QCOMPARE(run({QStringLiteral("layout"), graph}).out, r.out);
}

void tst_GraphLayoutCli::readsStandardInput()
{
    const Run r = run({QStringLiteral("layout"), QStringLiteral("-")},
                      R"({"nodes": [{"id": "x", "box": "ns"}], "edges": []})");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject out = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(out.value("nodes").toArray().size(), 1);
    QCOMPARE(out.value("boxes").toArray().size(), 1);
}

void tst_GraphLayoutCli::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");
    QTest::newRow("no file") << QStringList {} << QByteArray() << 2 << "expected one graph file";
    QTest::newRow("two files") << QStringList {"a.json", "b.json"} << QByteArray() << 2
                               << "expected one graph file";
    QTest::newRow("bad output") << QStringList {"@", "-o", "yaml"} << QByteArray("{}") << 2
                                << "unknown output format \"yaml\"";
    QTest::newRow("missing") << QStringList {"/nonexistent/graph.json"} << QByteArray() << 1
                             << "cannot read /nonexistent/graph.json";
    QTest::newRow("bad json") << QStringList {"@"}
                              << QByteArray("{\"nodes\": [\n  {\"id\": \"a\"}\n  {\"id\": \"b\"}]}")
                              << 1 << "line 3, column";
    QTest::newRow("unknown endpoint")
        << QStringList {"@"}
        << QByteArray(R"({"nodes": [{"id": "ns/a"}], "edges": [{"source": "ns/a", "target": "ns/a"},
                       {"source": "ns/zzz", "target": "ns/a"}]})")
        << 1 << "edges[1].source: unknown node id \"ns/zzz\"";
    QTest::newRow("duplicate id") << QStringList {"@"}
                                  << QByteArray(R"({"nodes": [{"id": "ns/a"}, {"id": "ns/a"}]})")
                                  << 1 << "nodes[1].id: duplicate id \"ns/a\" (first at nodes[0])";
    QTest::newRow("no nodes") << QStringList {"@"} << QByteArray(R"({"edges": []})") << 1
                              << "nodes: must be an array";
}

void tst_GraphLayoutCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, file);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    for (QString &arg : args)
        if (arg == QLatin1String("@"))
            arg = write(QStringLiteral("input.json"), file);
    const Run r = run(QStringList {QStringLiteral("layout")} + args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(stderrHas), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(tst_GraphLayoutCli)
#include "tst_graph_layout_cli.moc"

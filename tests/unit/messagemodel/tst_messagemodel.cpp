#include "items/messagemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace md;
using istio::Message;
using istio::Severity;

namespace {
Message message(Severity severity, const QString &code, const QString &object,
                const QString &source)
{
    Message m;
    m.severity = severity;
    m.code = code;
    m.object = object;
    m.path = QStringLiteral("spec.host");
    m.text = QStringLiteral("text of ") + code;
    m.source = source;
    return m;
}
} // namespace

class tst_MessageModel : public QObject
{
    Q_OBJECT

private slots:
    void sortsAndCounts();
    void sameMessagesDoNotReset();
};

void tst_MessageModel::sortsAndCounts()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &MessageModel::countsChanged);
    model.setMessages({message(Severity::Warning, QStringLiteral("MD3001"),
                               QStringLiteral("DestinationRule a/b"), QStringLiteral("east")),
                       message(Severity::Error, QStringLiteral("IST0101"),
                               QStringLiteral("VirtualService a/c"), QStringLiteral("west")),
                       message(Severity::Error, QStringLiteral("IST0173"),
                               QStringLiteral("DestinationRule a/b"), QStringLiteral("east"))});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(MessageModel::NUM_COLUMNS));
    QCOMPARE(model.errorCount(), 2);
    QCOMPARE(model.warningCount(), 1);
    QCOMPARE(counts.count(), 1);
    // Errors first, then by cluster.
    QCOMPARE(model.index(0, MessageModel::CodeColumn).data().toString(), QStringLiteral("IST0173"));
    QCOMPARE(model.index(0, MessageModel::ClusterColumn).data().toString(), QStringLiteral("east"));
    QCOMPARE(model.index(1, MessageModel::CodeColumn).data().toString(), QStringLiteral("IST0101"));
    QCOMPARE(model.index(2, MessageModel::SeverityColumn).data().toString(),
             QStringLiteral("Warning"));
    QCOMPARE(model.index(2, 0).data(MessageModel::SeverityRole).toInt(), int(Severity::Warning));
    QVERIFY(model.index(1, 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("Error [IST0101] (VirtualService a/c) spec.host")));
    QCOMPARE(model.headerData(MessageModel::PathColumn, Qt::Horizontal).toString(),
             QStringLiteral("Field"));

    model.setMessages({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.errorCount(), 0);
    QCOMPARE(counts.count(), 2);
}

void tst_MessageModel::sameMessagesDoNotReset()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<Message> list {message(Severity::Error, QStringLiteral("IST0101"),
                                       QStringLiteral("VirtualService a/c"), QStringLiteral("w"))};
    model.setMessages(list);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setMessages(list);
    QCOMPARE(resets.count(), 0);
    QList<Message> changed = list;
    changed.first().text = QStringLiteral("other");
    model.setMessages(changed);
    QCOMPARE(resets.count(), 1);
}

QTEST_GUILESS_MAIN(tst_MessageModel)
#include "tst_messagemodel.moc"

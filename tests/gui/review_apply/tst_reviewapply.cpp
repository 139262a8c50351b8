// The review and apply workflow in the GUI against meshsim (HTTPS, real Status errors):
// every write goes through the review's dry run first (which never persists), creates,
// updates with the resourceVersion the edit began from, deletes after the confirmation; a
// conflicting update made behind the editor's back opens the three-way comparison, and
// both outcomes reach the server; the viewer gets a clear Forbidden; bookinfo's samples
// import in order.

#include "editorfixture.h"

#include "apply/importer.h"
#include "editors/conflictdialog.h"
#include "editors/deleteflow.h"
#include "editors/editorwindow.h"
#include "editors/policyeditor.h"
#include "items/messagemodel.h"
#include "store/journalstore.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeWidget>

using namespace md;
using namespace md::testing;
using md::ui::ReviewDialog;
using md::ui::ReviewRow;
using Stage = ReviewRow::Stage;

namespace {

QString vsYaml(const QString &name, const QString &timeout)
{
    return QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: %1
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - name: main
    timeout: %2
    route:
    - destination:
        host: reviews
)")
        .arg(name, timeout);
}

// Screenshots for looking at the dialogs (QDir::tempPath()/meshdesk-editors-NAME.png).
void shoot(QWidget *widget, const char *name)
{
    QTest::qWait(100);
    widget->grab().save(
        QDir::temp().filePath(QStringLiteral("meshdesk-editors-%1.png").arg(QLatin1String(name))));
}

bool waitDryRun(ReviewDialog *dialog)
{
    return QTest::qWaitFor([dialog] { return dialog->dryRunDone() && !dialog->isBusy(); }, 30000);
}

bool applyAndWait(ReviewDialog *dialog)
{
    QSignalSpy finished(dialog, &ReviewDialog::applyFinished);
    if (!dialog->applyButton()->isEnabled())
        return false;
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    return finished.wait(30000) || finished.size() > 0;
}

} // namespace

class tst_ReviewApply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void createUpdateDelete();
    void conflictBothOutcomes();
    void viewerIsForbidden();
    void invalidObjectShowsCausesAtFields();
    void importBookinfoInOrder();

private:
    md::ui::PolicyEditor *openEditor(const QString &name);
    EditorFixture m_fx;
};

void tst_ReviewApply::initTestCase()
{
    const QString error = m_fx.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_ReviewApply::cleanupTestCase()
{
    m_fx.stop();
}

md::ui::PolicyEditor *tst_ReviewApply::openEditor(const QString &name)
{
    md::ui::ObjectLink link {
        Primary, {}, QStringLiteral("VirtualService"), QStringLiteral("bookinfo"), name};
    if (!m_fx.navigator->openObject(link) && !m_fx.session->openObject(link))
        return nullptr;
    md::ui::PolicyEditor *editor = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            auto w = m_fx.session->existingWindow();
            editor = w ? w->currentEditor() : nullptr;
            return editor && editor->title().endsWith(QLatin1Char('/') + name);
        },
        20000);
    return shown ? editor : nullptr;
}

void tst_ReviewApply::createUpdateDelete()
{
    const QString name = QStringLiteral("md-review-crud");
    QVERIFY(m_fx.session->openObject(
        {Primary, {}, QStringLiteral("VirtualService"), QStringLiteral("bookinfo"), {}}));
    md::ui::EditorWindow *window = m_fx.session->existingWindow();
    QVERIFY(window);
    md::ui::PolicyEditor *editor = window->currentEditor();
    QVERIFY(editor && editor->isNew());
    editor->setText(vsYaml(name, QStringLiteral("5s")));

    // Create: the review shows the whole object as added, the dry run passes and persists
    // nothing.
    ReviewDialog *review = window->reviewCurrent();
    QVERIFY(review);
    review->setConfirmWarnings(false);
    QVERIFY(waitDryRun(review));
    QCOMPARE(review->resultModel()->rowCount(), 1);
    QCOMPARE(review->resultModel()->row(0).stage, Stage::DryRunPassed);
    QCOMPARE(review->resultModel()->row(0).item.operation, md::apply::Operation::Create);
    QVERIFY(review->plan().entries.first().diff.added > 5);
    QCOMPARE(review->plan().entries.first().diff.removed, 0);
    QVERIFY(m_fx.get(name).isEmpty()); // the dry run did not persist
    shoot(review, "review-create");
    QVERIFY(applyAndWait(review));
    QCOMPARE(review->resultModel()->row(0).stage, Stage::Applied);
    QJsonObject live = m_fx.get(name);
    QCOMPARE(timeoutOf(live), QStringLiteral("5s"));
    QVERIFY(!editor->isNew());
    QVERIFY(!editor->isDirty());
    review->close();

    // Update: carries the resourceVersion the edit began from.
    const QString version = live.value(QStringLiteral("metadata"))
                                .toObject()
                                .value(QStringLiteral("resourceVersion"))
                                .toString();
    QCOMPARE(md::istio::ObjectId::of(editor->document().base).name, name);
    QString text = editor->text();
    text.replace(QStringLiteral("timeout: 5s"), QStringLiteral("timeout: 7s"));
    editor->setText(text);
    QVERIFY(editor->isDirty());
    review = window->reviewCurrent();
    review->setConfirmWarnings(false);
    QVERIFY(waitDryRun(review));
    QCOMPARE(review->resultModel()->row(0).item.operation, md::apply::Operation::Update);
    QCOMPARE(review->resultModel()->row(0).item.baseResourceVersion, version);
    const auto &diff = review->plan().entries.first().diff;
    QCOMPARE(diff.added, 1);
    QCOMPARE(diff.removed, 1);
    QCOMPARE(timeoutOf(m_fx.get(name)), QStringLiteral("5s")); // dry run: nothing written
    shoot(review, "review-update");
    shoot(window, "editor");
    QVERIFY(applyAndWait(review));
    QCOMPARE(review->resultModel()->row(0).stage, Stage::Applied);
    QCOMPARE(timeoutOf(m_fx.get(name)), QStringLiteral("7s"));
    review->close();

    // Delete: the confirmation, then the delete.
    md::ui::confirmAndDelete(m_fx.context,
                             {{Primary, QStringLiteral("networking.istio.io/v1"),
                               QStringLiteral("VirtualService"), QStringLiteral("bookinfo"), name}},
                             m_fx.window.get());
    QDialog *confirm = nullptr;
    QTRY_VERIFY((confirm = EditorFixture::topLevel<QDialog>(QStringLiteral("deleteDialog"))));
    auto deleteButton = confirm->findChild<QPushButton *>(QStringLiteral("deleteButton"));
    QTRY_VERIFY_WITH_TIMEOUT(deleteButton->isEnabled(), 20000);
    auto objects = confirm->findChild<QTreeWidget *>(QStringLiteral("deleteObjects"));
    QCOMPARE(objects->topLevelItemCount(), 1);
    QVERIFY(!m_fx.get(name).isEmpty());
    shoot(confirm, "delete");
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(objects->topLevelItem(0)->text(2), confirm->tr("Deleted"), 20000);
    QVERIFY(m_fx.get(name).isEmpty());
    confirm->close();

    // The journal has the three writes, newest first, with before and after.
    auto entries = m_fx.session->journal()->entries({});
    QVERIFY(entries);
    QStringList operations;
    for (const auto &entry : *entries) {
        if (entry.name == name)
            operations << entry.operation;
    }
    QCOMPARE(operations,
             (QStringList {QStringLiteral("delete"), QStringLiteral("update"),
                           QStringLiteral("create")}));
    QVERIFY(entries->first().before.contains("timeout: 7s"));
}

void tst_ReviewApply::conflictBothOutcomes()
{
    const QString name = QStringLiteral("md-review-conflict");
    QVERIFY(m_fx.write(
        "POST",
        md::istio::parseValue(vsYaml(name, QStringLiteral("5s")).toUtf8())->toJson().toObject()));
    md::ui::PolicyEditor *editor = openEditor(name);
    QVERIFY(editor);
    md::ui::EditorWindow *window = m_fx.session->existingWindow();

    // --- Outcome 1: theirs. I set 3s; they set 7s and add a label meanwhile.
    QString text = editor->text();
    text.replace(QStringLiteral("timeout: 5s"), QStringLiteral("timeout: 3s"));
    editor->setText(text);
    {
        QJsonObject theirs = m_fx.get(name);
        QString yaml = QString::fromUtf8(QJsonDocument(theirs).toJson());
        yaml.replace(QStringLiteral("\"5s\""), QStringLiteral("\"7s\""));
        theirs = json(yaml.toUtf8());
        QJsonObject metadata = theirs.value(QStringLiteral("metadata")).toObject();
        metadata.insert(QStringLiteral("labels"),
                        QJsonObject {{QStringLiteral("team"), QStringLiteral("them")}});
        theirs.insert(QStringLiteral("metadata"), metadata);
        QVERIFY(m_fx.write("PUT", theirs));
    }
    ReviewDialog *review = window->reviewCurrent();
    review->setConfirmWarnings(false);
    QSignalSpy opened(review, &ReviewDialog::conflictOpened);
    QVERIFY(opened.wait(30000));
    auto conflict = review->conflictDialog();
    QVERIFY(conflict);
    QVERIFY(conflict->merge().hasConflicts());
    QCOMPARE(review->resultModel()->row(0).last->failure->kind,
             md::apply::ApplyFailure::Kind::Conflict);
    QCOMPARE(timeoutOf(m_fx.get(name)), QStringLiteral("7s")); // nothing overwritten
    conflict->show();
    shoot(conflict, "conflict");
    // The conflicting field starts as theirs; take theirs everywhere and use the result.
    conflict->takeAllTheirs();
    QVERIFY(!conflict->merge().changesLive());
    conflict->accept();
    QTRY_VERIFY(!review->isBusy());
    QCOMPARE(review->resultModel()->row(0).stage, Stage::Skipped); // nothing left to write
    QCOMPARE(timeoutOf(m_fx.get(name)), QStringLiteral("7s"));
    QCOMPARE(labelOf(m_fx.get(name), QStringLiteral("team")), QStringLiteral("them"));
    // The editor now starts from live: their change is in it.
    QVERIFY(editor->text().contains(QStringLiteral("timeout: 7s")));
    QVERIFY(editor->text().contains(QStringLiteral("team: them")));
    review->close();

    // --- Outcome 2: mine. I set 3s again; they set 9s and add another label.
    text = editor->text();
    text.replace(QStringLiteral("timeout: 7s"), QStringLiteral("timeout: 3s"));
    editor->setText(text);
    {
        QJsonObject theirs = m_fx.get(name);
        QString yaml = QString::fromUtf8(QJsonDocument(theirs).toJson());
        yaml.replace(QStringLiteral("\"7s\""), QStringLiteral("\"9s\""));
        theirs = json(yaml.toUtf8());
        QJsonObject metadata = theirs.value(QStringLiteral("metadata")).toObject();
        QJsonObject labels = metadata.value(QStringLiteral("labels")).toObject();
        labels.insert(QStringLiteral("other"), QStringLiteral("yes"));
        metadata.insert(QStringLiteral("labels"), labels);
        theirs.insert(QStringLiteral("metadata"), metadata);
        QVERIFY(m_fx.write("PUT", theirs));
    }
    review = window->reviewCurrent();
    review->setConfirmWarnings(false);
    QSignalSpy opened2(review, &ReviewDialog::conflictOpened);
    QVERIFY(opened2.wait(30000));
    conflict = review->conflictDialog();
    QVERIFY(conflict->merge().hasConflicts());
    conflict->takeAllMine();
    QVERIFY(conflict->merge().changesLive());
    const md::istio::Value result = conflict->result();
    QCOMPARE(result.value(QStringLiteral("metadata"))
                 .value(QStringLiteral("labels"))
                 .value(QStringLiteral("other"))
                 .toString(),
             QStringLiteral("yes"));
    conflict->accept();
    // The re-based edit is dry-run again, then applied.
    QVERIFY(waitDryRun(review));
    QCOMPARE(review->resultModel()->row(0).stage, Stage::DryRunPassed);
    QVERIFY(applyAndWait(review));
    QCOMPARE(review->resultModel()->row(0).stage, Stage::Applied);
    const QJsonObject live = m_fx.get(name);
    QCOMPARE(timeoutOf(live), QStringLiteral("3s")); // mine
    QCOMPARE(labelOf(live, QStringLiteral("other")), QStringLiteral("yes")); // theirs kept
    QCOMPARE(labelOf(live, QStringLiteral("team")), QStringLiteral("them"));
    QVERIFY(!editor->isDirty());
    review->close();
}

void tst_ReviewApply::viewerIsForbidden()
{
    md::apply::ApplyRequest request;
    request.context = Viewer;
    request.items << md::apply::ApplyItem::create(
        *md::istio::parseValue(vsYaml(QStringLiteral("md-viewer"), QStringLiteral("5s")).toUtf8()));
    ReviewDialog *review = m_fx.session->review(request, m_fx.window.get());
    QVERIFY(waitDryRun(review));
    const ReviewRow &row = review->resultModel()->row(0);
    QCOMPARE(row.stage, Stage::DryRunFailed);
    QVERIFY(row.last && row.last->failure);
    const auto &failure = *row.last->failure;
    QCOMPARE(failure.kind, md::apply::ApplyFailure::Kind::Forbidden);
    QCOMPARE(failure.verb, QStringLiteral("create"));
    QCOMPARE(failure.resource, QStringLiteral("virtualservices.networking.istio.io"));
    // The user reads which verb on which resource is missing.
    QVERIFY2(row.result.contains(QStringLiteral("create"))
                 && row.result.contains(QStringLiteral("virtualservices")),
             qPrintable(row.result));
    review->itemsView()->selectRow(0);
    QVERIFY(review->messageModel()->rowCount() >= 1);
    QVERIFY(m_fx.get(QStringLiteral("md-viewer")).isEmpty());
    shoot(review, "forbidden");
    review->close();
}

void tst_ReviewApply::invalidObjectShowsCausesAtFields()
{
    // The server's schema refuses a weight above 100 ... our rules find it too; an unknown
    // enum value only the server schema knows is enough to get a 422 with a cause.
    md::apply::ApplyRequest request;
    request.context = Primary;
    QString yaml = vsYaml(QStringLiteral("md-invalid"), QStringLiteral("5s"));
    yaml.replace(QStringLiteral("    timeout: 5s\n"),
                 QStringLiteral("    timeout: 5s\n    mirrorPercentage:\n      value: \"x\"\n"));
    request.items << md::apply::ApplyItem::create(*md::istio::parseValue(yaml.toUtf8()));
    ReviewDialog *review = m_fx.session->review(request, m_fx.window.get());
    QVERIFY(waitDryRun(review));
    const ReviewRow &row = review->resultModel()->row(0);
    if (row.stage == Stage::Blocked) {
        // MeshDesk's own validation caught it: never sent, Apply disabled.
        QVERIFY(!review->applyButton()->isEnabled());
    } else {
        QCOMPARE(row.stage, Stage::DryRunFailed);
        QCOMPARE(row.last->failure->kind, md::apply::ApplyFailure::Kind::Invalid);
        QVERIFY(!row.last->failure->causes.isEmpty());
        review->itemsView()->selectRow(0);
        bool atField = false;
        for (const auto &m : review->messageModel()->messages())
            atField = atField || m.path.contains(QStringLiteral("mirrorPercentage"));
        QVERIFY(atField);
    }
    QVERIFY(m_fx.get(QStringLiteral("md-invalid")).isEmpty());
    review->close();
}

void tst_ReviewApply::importBookinfoInOrder()
{
    // The VirtualServices first in the file: the plan puts the Gateway and the
    // DestinationRules before them.
    QByteArray text;
    for (const char *file :
         {"virtual-service-all-v1.yaml", "destination-rule-all.yaml", "bookinfo-gateway.yaml"}) {
        QFile f(QStringLiteral(MESHDESK_SHARED_DIR "/istio/samples/bookinfo/")
                + QString::fromLatin1(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        text += f.readAll() + "\n---\n";
    }
    md::apply::ImportOptions options;
    options.defaultNamespace = QStringLiteral("bookinfo");
    auto items = md::apply::importObjects(text, QStringLiteral("bookinfo"), options);
    QVERIFY2(items, items ? "" : qPrintable(items.error().toString()));
    QCOMPARE(items->size(), 4 + 4 + 2);

    QList<QString> finishedOrder;
    auto conn = connect(m_fx.session->engine(), &md::apply::ApplyEngine::itemFinished, this,
                        [&](int, const md::apply::ItemResult &result) {
                            finishedOrder << result.id.kind + QLatin1Char(' ') + result.id.name;
                        });
    m_fx.session->reviewObjects(*items, m_fx.window.get(), Primary);
    ReviewDialog *review = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (review = EditorFixture::topLevel<ReviewDialog>(QStringLiteral("reviewDialog"))), 20000);
    review->setConfirmWarnings(false);
    QVERIFY(waitDryRun(review));
    QCOMPARE(review->resultModel()->rowCount(), 10);
    for (const ReviewRow &row : review->resultModel()->rows())
        QVERIFY2(row.stage == Stage::DryRunPassed,
                 qPrintable(row.item.id().displayName() + QStringLiteral(": ") + row.result));
    finishedOrder.clear();
    QVERIFY(applyAndWait(review));
    disconnect(conn);
    QCOMPARE(review->resultModel()->count(Stage::Applied), 10);
    QCOMPARE(finishedOrder.size(), 10);
    int lastEarly = -1;
    int firstVs = 100;
    for (int i = 0; i < finishedOrder.size(); ++i) {
        if (finishedOrder.at(i).startsWith(QLatin1String("VirtualService")))
            firstVs = std::min(firstVs, i);
        else
            lastEarly = std::max(lastEarly, i);
    }
    QVERIFY2(lastEarly < firstVs, qPrintable(finishedOrder.join(u',')));
    QVERIFY(finishedOrder.first().startsWith(QLatin1String("Gateway")));
    QCOMPARE(m_fx.get(QStringLiteral("bookinfo-gateway"),
                      {QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                       QStringLiteral("gateways"), true, QStringLiteral("Gateway")})
                 .value(QStringLiteral("kind"))
                 .toString(),
             QStringLiteral("Gateway"));
    QVERIFY(!m_fx.get(QStringLiteral("productpage")).isEmpty());
    review->close();
}

QTEST_MAIN(tst_ReviewApply)
#include "tst_reviewapply.moc"

// A draft survives SIGKILL: the helper edits two objects, the editors save their drafts as
// the user types, the helper is killed; a new session (the start-up hook) offers them and
// restores them in the editor, text and base intact.

#include "editors/draftsdialog.h"
#include "editors/editors.h"
#include "editors/editorsession.h"
#include "editors/editorwindow.h"
#include "istio/document.h"
#include "shell/navigator.h"
#include "store/draftstore.h"
#include "store/meshstore.h"

#include <QApplication>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace md;

class tst_DraftsCrash : public QObject
{
    Q_OBJECT

private slots:
    void draftSurvivesKill();
};

void tst_DraftsCrash::draftSurvivesKill()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("meshdesk.sqlite"));
    {
        md::store::MeshStore store; // the app's database exists before the editor writes
        QVERIFY(store.open(database));
    }
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    helper.setProcessEnvironment(environment);
    helper.start(QStringLiteral(DRAFTS_CRASH_HELPER), {database});
    QVERIFY(helper.waitForStarted());
    QVERIFY(QTest::qWaitFor(
        [&] {
            return helper.readAllStandardOutput().contains("drafts-saved")
                || helper.state() == QProcess::NotRunning;
        },
        60000));
    QCOMPARE(helper.state(), QProcess::Running);
    helper.kill(); // SIGKILL: nothing runs on the way out
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);

    // A new session on the same database.
    md::store::MeshStore store;
    QVERIFY(store.open(database));
    md::ui::Navigator navigator;
    md::ui::PageContext context;
    context.store = &store;
    context.navigator = &navigator;
    QWidget window;
    window.show();
    md::ui::startEditors(context, &window);
    md::ui::DraftsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<md::ui::DraftsDialog *>()));
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->list()->topLevelItemCount(), 2);
    QStringList objects;
    for (int i = 0; i < 2; ++i)
        objects << dialog->list()->topLevelItem(i)->text(0);
    objects.sort();
    QCOMPARE(objects,
             (QStringList {QStringLiteral("DestinationRule bookinfo/reviews"),
                           QStringLiteral("New AuthorizationPolicy")}));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("restoreButton")),
                      Qt::LeftButton);

    md::ui::EditorSession *session = md::ui::EditorSession::of(context);
    QVERIFY(session->existingWindow());
    const auto editors = session->existingWindow()->editors();
    QCOMPARE(editors.size(), 2);
    md::ui::PolicyEditor *rule = nullptr;
    md::ui::PolicyEditor *policy = nullptr;
    for (auto editor : editors)
        (editor->kind() == QLatin1String("DestinationRule") ? rule : policy) = editor;
    QVERIFY(rule && policy);
    QVERIFY(rule->text().contains(QStringLiteral("host: reviews-typed")));
    QVERIFY(rule->isDirty());
    QVERIFY(!rule->isNew());
    // The base the edit started from comes back with it: an apply sends its resourceVersion.
    auto item = rule->applyItem();
    QVERIFY(item);
    QCOMPARE(item->baseResourceVersion, QStringLiteral("17"));
    QCOMPARE(item->operation, md::apply::Operation::Update);
    QVERIFY(policy->isNew());
    QVERIFY(policy->text().endsWith(QStringLiteral("  # deny by default")));
    QCOMPARE(policy->draftKey().newId.isEmpty(), false);
    session->existingWindow()->close();
}

QTEST_MAIN(tst_DraftsCrash)
#include "tst_draftscrash.moc"

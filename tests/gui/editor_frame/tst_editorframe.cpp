// The editor frame with a small form of its own (a DestinationRule's host and a label):
// switching between form and YAML keeps every field, one undo history spans both views,
// Ctrl+S writes the draft, validation marks the YAML and the Problems panel jumps there.

#include "editors/diffview.h"
#include "editors/journalmodel.h"
#include "editors/policyeditor.h"
#include "editors/resultmodel.h"
#include "editors/yamleditor.h"
#include "editors/yamlpaths.h"
#include "istio/document.h"
#include "istio/validator.h"
#include "items/messagemodel.h"
#include "store/draftstore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace md;
using namespace md::ui;
using md::istio::Value;

namespace {

// A form showing spec.host and metadata.labels.app of a DestinationRule.
class FakeForm final : public PolicyForm
{
public:
    explicit FakeForm(QWidget *parent = nullptr)
        : PolicyForm(parent)
        , host(new QLineEdit(this))
        , app(new QLineEdit(this))
    {
        host->setObjectName(QStringLiteral("host"));
        app->setObjectName(QStringLiteral("app"));
        auto layout = new QVBoxLayout(this);
        layout->addWidget(host);
        layout->addWidget(app);
        connect(host, &QLineEdit::textEdited, this, &PolicyForm::edited);
        connect(app, &QLineEdit::textEdited, this, &PolicyForm::edited);
    }
    QString kind() const override { return QStringLiteral("DestinationRule"); }
    void setObject(const Value &object) override
    {
        m_object = object;
        host->setText(
            object.value(QStringLiteral("spec")).value(QStringLiteral("host")).toString());
        app->setText(object.value(QStringLiteral("metadata"))
                         .value(QStringLiteral("labels"))
                         .value(QStringLiteral("app"))
                         .toString());
    }
    Value object() const override
    {
        Value object = m_object;
        object.member(QStringLiteral("spec")).insert(QStringLiteral("host"), host->text());
        if (!app->text().isEmpty())
            object.member(QStringLiteral("metadata"))
                .member(QStringLiteral("labels"))
                .insert(QStringLiteral("app"), app->text());
        return object;
    }
    void setMessages(const QList<md::istio::Message> &messages) override { shown = messages; }
    bool focusField(const QString &path) override
    {
        focused = path;
        if (path.startsWith(QLatin1String("spec.host"))) {
            host->setFocus();
            return true;
        }
        return false;
    }

    QLineEdit *host;
    QLineEdit *app;
    QList<md::istio::Message> shown;
    QString focused;

private:
    Value m_object;
};

const char *const RuleYaml = R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "42"
  annotations:
    team.example.com/owner: reviews-team
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  trafficPolicy:
    loadBalancer:
      simple: LEAST_REQUEST
    futureField: kept
)";

EditorServices services(md::store::DraftStore *drafts = nullptr, bool withForm = true)
{
    EditorServices s;
    s.drafts = drafts;
    s.validationDelayMs = 10;
    s.draftDelayMs = 50;
    if (withForm) {
        s.formFactory
            = [](const QString &kind, const FormContext &, QWidget *parent) -> PolicyForm * {
            return kind == QLatin1String("DestinationRule") ? new FakeForm(parent) : nullptr;
        };
    }
    return s;
}

EditorDocument ruleDocument()
{
    auto base = md::istio::parseValue(RuleYaml);
    return EditorDocument::forObject(*base, QStringLiteral("ctx"), QStringLiteral("mesh"));
}

void typeInYaml(YamlEditor *yaml, int line, const QString &find, const QString &replacement)
{
    QTextBlock block = yaml->document()->findBlockByNumber(line - 1);
    const int column = block.text().indexOf(find);
    QVERIFY2(column >= 0, qPrintable(block.text()));
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, column);
    cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, int(find.size()));
    yaml->setTextCursor(cursor);
    yaml->setFocus();
    QTest::keyClick(yaml, Qt::Key_Delete);
    QTest::keyClicks(yaml, replacement);
}

int lineContaining(const QString &text, const QString &needle)
{
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).contains(needle))
            return i + 1;
    }
    return 0;
}

} // namespace

class tst_EditorFrame : public QObject
{
    Q_OBJECT

private slots:
    void formEditKeepsEveryField();
    void yamlEditShowsInForm();
    void parseErrorKeepsYaml();
    void undoRedoAcrossViews();
    void typingBurstIsOneUndoStep();
    void ctrlSWritesDraft();
    void draftsSavedAsTyping();
    void problemsPanelJumps();
    void noFormMeansYamlOnly();
    void yamlEditorHelps();
    void pathLines();
    void models();
};

void tst_EditorFrame::formEditKeepsEveryField()
{
    PolicyEditor editor(services(), ruleDocument());
    editor.resize(900, 700);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(editor.isFormShown());
    auto form = static_cast<FakeForm *>(editor.form());
    QCOMPARE(form->host->text(), QStringLiteral("reviews"));
    QVERIFY(!editor.isDirty());

    form->host->selectAll();
    QTest::keyClicks(form->host, QStringLiteral("reviews.bookinfo.svc.cluster.local"));
    QVERIFY(editor.isDirty());
    auto object = editor.object();
    QVERIFY(object);
    QCOMPARE(object->value(QStringLiteral("spec")).value(QStringLiteral("host")).toString(),
             QStringLiteral("reviews.bookinfo.svc.cluster.local"));
    // Fields the form does not show, and their order, are untouched.
    const QString text = editor.text();
    QVERIFY(text.contains(QStringLiteral("futureField: kept")));
    QVERIFY(text.contains(QStringLiteral("team.example.com/owner: reviews-team")));
    QVERIFY(text.indexOf(QStringLiteral("subsets"))
            < text.indexOf(QStringLiteral("trafficPolicy")));
    QString expected = QString::fromUtf8(md::istio::toYaml(*md::istio::parseValue(RuleYaml)));
    expected.replace(QStringLiteral("host: reviews\n"),
                     QStringLiteral("host: reviews.bookinfo.svc.cluster.local\n"));
    QCOMPARE(text, expected);

    // The YAML tab shows the form's change.
    editor.tabs()->setCurrentIndex(1);
    QVERIFY(!editor.isFormShown());
    QCOMPARE(editor.yamlEditor()->toPlainText(), text);
}

void tst_EditorFrame::yamlEditShowsInForm()
{
    PolicyEditor editor(services(), ruleDocument());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.showYaml();
    const int line = lineContaining(editor.text(), QStringLiteral("host: reviews"));
    typeInYaml(editor.yamlEditor(), line, QStringLiteral("reviews"), QStringLiteral("ratings"));
    QVERIFY(editor.text().contains(QStringLiteral("host: ratings")));
    editor.tabs()->setCurrentIndex(0);
    QVERIFY(editor.isFormShown());
    auto form = static_cast<FakeForm *>(editor.form());
    QCOMPARE(form->host->text(), QStringLiteral("ratings"));
    // A field only the form shows, set from the form, lands in the YAML beside the rest.
    QTest::keyClicks(form->app, QStringLiteral("reviews"));
    editor.tabs()->setCurrentIndex(1);
    const QString yaml = editor.yamlEditor()->toPlainText();
    QVERIFY(yaml.contains(QStringLiteral("labels:\n    app: reviews")));
    QVERIFY(yaml.contains(QStringLiteral("futureField: kept")));
    QVERIFY(yaml.contains(QStringLiteral("host: ratings")));
}

void tst_EditorFrame::parseErrorKeepsYaml()
{
    PolicyEditor editor(services(), ruleDocument());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.showYaml();
    // Line 11 ("  subsets:") loses its colon: the mapping breaks there.
    const int line = lineContaining(editor.text(), QStringLiteral("  subsets:"));
    typeInYaml(editor.yamlEditor(), line, QStringLiteral("subsets:"), QStringLiteral("subsets ["));
    QVERIFY(!editor.object());
    editor.tabs()->setCurrentIndex(0); // the user clicks "Form"
    QVERIFY(!editor.isFormShown());
    QCOMPARE(editor.tabs()->currentIndex(), 1);
    const int errorLine = lineOfParseError(editor.object().error().message);
    QVERIFY2(errorLine > 0, qPrintable(editor.object().error().message));
    QCOMPARE(editor.yamlEditor()->currentLine(), errorLine);
    // The parse error is a problem at its line.
    QTRY_VERIFY(!editor.isValidating() && editor.errorCount() == 1);
    QCOMPARE(editor.messages().first().code, QStringLiteral("yaml.parse"));
    QCOMPARE(editor.yamlEditor()->marks().size(), 1);
    QCOMPARE(editor.yamlEditor()->marks().first().line, errorLine);
    // The form still shows the last good object.
    QCOMPARE(static_cast<FakeForm *>(editor.form())->host->text(), QStringLiteral("reviews"));
}

void tst_EditorFrame::undoRedoAcrossViews()
{
    PolicyEditor editor(services(), ruleDocument());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    const QString original = editor.text();
    auto form = static_cast<FakeForm *>(editor.form());
    form->host->selectAll();
    QTest::keyClicks(form->host, QStringLiteral("a"));
    const QString afterForm = editor.text();
    QVERIFY(afterForm.contains(QStringLiteral("host: a\n")));

    editor.tabs()->setCurrentIndex(1);
    const int line = lineContaining(editor.text(), QStringLiteral("simple: LEAST_REQUEST"));
    typeInYaml(editor.yamlEditor(), line, QStringLiteral("LEAST_REQUEST"),
               QStringLiteral("ROUND_ROBIN"));
    const QString afterYaml = editor.text();
    QVERIFY(afterYaml.contains(QStringLiteral("simple: ROUND_ROBIN")));

    // Ctrl+Z in the YAML view undoes the YAML edit (one step for the burst) ...
    QTest::keySequence(editor.yamlEditor(), QKeySequence::Undo);
    QCOMPARE(editor.text(), afterForm);
    QCOMPARE(editor.yamlEditor()->toPlainText(), afterForm);
    // ... then the form's edit, though it was made in the other view.
    QTest::keySequence(editor.yamlEditor(), QKeySequence::Undo);
    QCOMPARE(editor.text(), original);
    QCOMPARE(editor.yamlEditor()->toPlainText(), original);
    QVERIFY(!editor.isDirty());
    editor.tabs()->setCurrentIndex(0);
    QCOMPARE(form->host->text(), QStringLiteral("reviews"));
    // Redo from the form view.
    editor.undoStack()->redo();
    QCOMPARE(form->host->text(), QStringLiteral("a"));
    editor.undoStack()->redo();
    QCOMPARE(editor.text(), afterYaml);
    editor.tabs()->setCurrentIndex(1);
    QCOMPARE(editor.yamlEditor()->toPlainText(), afterYaml);
}

void tst_EditorFrame::typingBurstIsOneUndoStep()
{
    PolicyEditor editor(services(), ruleDocument());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.showYaml();
    const int before = editor.undoStack()->count();
    const int line = lineContaining(editor.text(), QStringLiteral("version: v1"));
    typeInYaml(editor.yamlEditor(), line, QStringLiteral("v1"), QStringLiteral("version-one"));
    QCOMPARE(editor.undoStack()->count(), before + 1);
}

void tst_EditorFrame::ctrlSWritesDraft()
{
    QTemporaryDir dir;
    md::store::DraftStore drafts;
    QVERIFY(drafts.open(dir.filePath(QStringLiteral("drafts.sqlite"))));
    EditorServices s = services(&drafts);
    s.draftDelayMs = 60000; // only Ctrl+S saves in this test
    PolicyEditor editor(s, ruleDocument());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    editor.showYaml();
    const int line = lineContaining(editor.text(), QStringLiteral("host: reviews"));
    typeInYaml(editor.yamlEditor(), line, QStringLiteral("reviews"), QStringLiteral("details"));
    QVERIFY(drafts.drafts()->isEmpty());
    QSignalSpy saved(&editor, &PolicyEditor::draftSaved);
    QTest::keySequence(editor.yamlEditor(), QKeySequence::Save);
    QCOMPARE(saved.size(), 1);
    auto list = drafts.drafts();
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    const md::store::Draft &draft = list->first();
    QCOMPARE(draft.key.kind, QStringLiteral("DestinationRule"));
    QCOMPARE(draft.key.name, QStringLiteral("reviews"));
    QCOMPARE(draft.key.namespace_, QStringLiteral("bookinfo"));
    QCOMPARE(draft.key.context, QStringLiteral("ctx"));
    QCOMPARE(draft.baseResourceVersion, QStringLiteral("42"));
    QCOMPARE(QString::fromUtf8(draft.yaml), editor.text());
    QVERIFY(draft.yaml.contains("host: details"));
    // Back to the original text: the draft goes.
    editor.undoStack()->undo();
    QTest::keySequence(editor.yamlEditor(), QKeySequence::Save);
    QVERIFY(drafts.drafts()->isEmpty());
}

void tst_EditorFrame::draftsSavedAsTyping()
{
    QTemporaryDir dir;
    md::store::DraftStore drafts;
    QVERIFY(drafts.open(dir.filePath(QStringLiteral("drafts.sqlite"))));
    PolicyEditor editor(services(&drafts),
                        EditorDocument::forNew(QStringLiteral("VirtualService"),
                                               QStringLiteral("bookinfo"), QStringLiteral("ctx")));
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(!editor.isFormShown()); // no form for VirtualService here
    editor.yamlEditor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor.yamlEditor(), QStringLiteral("# typed"));
    QTRY_COMPARE(drafts.drafts()->size(), 1);
    const md::store::Draft draft = drafts.drafts()->first();
    QVERIFY(draft.key.isNew());
    QVERIFY(draft.yaml.endsWith("# typed"));
    QVERIFY(draft.baseYaml.isEmpty());
}

void tst_EditorFrame::problemsPanelJumps()
{
    // An unknown load balancer and a subset without a name: layer-2 errors at their paths.
    QString yaml = QString::fromUtf8(RuleYaml);
    yaml.replace(QStringLiteral("simple: LEAST_REQUEST"), QStringLiteral("simple: SOMETIMES"));
    auto base = md::istio::parseValue(RuleYaml);
    EditorDocument document = EditorDocument::forObject(*base, QStringLiteral("ctx"));
    document.text = yaml;
    EditorServices s = services();
    auto validator = md::istio::Validator::fromCrdFile(
        QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml"));
    QVERIFY(validator);
    s.validator = std::make_shared<const md::istio::Validator>(std::move(*validator));
    PolicyEditor editor(s, document);
    editor.resize(900, 700);
    editor.show();
    editor.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&editor));
    QTRY_VERIFY(!editor.isValidating() && !editor.messages().isEmpty());
    const auto &messages = editor.problemsModel()->messages();
    int row = -1;
    for (int i = 0; i < messages.size(); ++i) {
        if (messages.at(i).path.contains(QStringLiteral("loadBalancer")))
            row = i;
    }
    QVERIFY2(row >= 0, qPrintable(messages.first().toString()));
    const int expected = lineContaining(editor.text(), QStringLiteral("SOMETIMES"));
    QCOMPARE(messages.at(row).line, expected);
    // Marked in the YAML at that line.
    bool marked = false;
    for (const auto &mark : editor.yamlEditor()->marks())
        marked = marked || mark.line == expected;
    QVERIFY(marked);
    // The form got the messages; a problem the form does not show jumps to the YAML line.
    QVERIFY(editor.isFormShown());
    QCOMPARE(static_cast<FakeForm *>(editor.form())->shown.size(), messages.size());
    const QRect rect = editor.problemsView()->visualRect(editor.problemsModel()->index(row, 0));
    QTest::mouseClick(editor.problemsView()->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(!editor.isFormShown());
    QCOMPARE(editor.yamlEditor()->currentLine(), expected);
    QVERIFY(editor.yamlEditor()->hasFocus());

    // A problem at a field the form shows focuses that field.
    editor.showForm();
    auto form = static_cast<FakeForm *>(editor.form());
    form->host->selectAll();
    QTest::keyClicks(form->host, QStringLiteral("bad_host!")); // an error at spec.host
    QTRY_VERIFY(!editor.isValidating());
    int hostRow = -1;
    for (int i = 0; i < editor.problemsModel()->messages().size(); ++i) {
        if (editor.problemsModel()->messages().at(i).path == QLatin1String("spec.host"))
            hostRow = i;
    }
    QVERIFY(hostRow >= 0);
    editor.yamlEditor()->setFocus();
    editor.revealProblem(hostRow);
    QVERIFY(editor.isFormShown());
    QCOMPARE(form->focused, QStringLiteral("spec.host"));
    QVERIFY(form->host->hasFocus());
}

void tst_EditorFrame::noFormMeansYamlOnly()
{
    PolicyEditor editor(services(nullptr, false), ruleDocument());
    QVERIFY(!editor.form());
    QVERIFY(!editor.tabs()->isTabEnabled(0));
    QVERIFY(!editor.showForm());
    QCOMPARE(editor.tabs()->currentIndex(), 1);
}

void tst_EditorFrame::yamlEditorHelps()
{
    YamlEditor yaml;
    yaml.show();
    QVERIFY(QTest::qWaitForWindowExposed(&yaml));
    QTest::keyClicks(&yaml, QStringLiteral("spec:"));
    QTest::keyClick(&yaml, Qt::Key_Return);
    QTest::keyClicks(&yaml, QStringLiteral("hosts:"));
    QTest::keyClick(&yaml, Qt::Key_Return);
    QTest::keyClicks(&yaml, QStringLiteral("- reviews"));
    QTest::keyClick(&yaml, Qt::Key_Return);
    // One level deeper after "key:", inside the item after "- ".
    QCOMPARE(yaml.toPlainText(), QStringLiteral("spec:\n  hosts:\n    - reviews\n      "));
    QTest::keyClick(&yaml, Qt::Key_Backspace); // back one level: out of the item
    QTest::keyClicks(&yaml, QStringLiteral("x: [a"));
    QCOMPARE(yaml.toPlainText(), QStringLiteral("spec:\n  hosts:\n    - reviews\n    x: [a]"));
    QTest::keyClick(&yaml, Qt::Key_BracketRight); // steps over the closing bracket
    QCOMPARE(yaml.toPlainText(), QStringLiteral("spec:\n  hosts:\n    - reviews\n    x: [a]"));
    QTest::keyClick(&yaml, Qt::Key_Home);
    QTest::keyClick(&yaml, Qt::Key_Tab); // two spaces, never a tab character
    QVERIFY(yaml.toPlainText().endsWith(QStringLiteral("\n      x: [a]")));
    QTest::keyClick(&yaml, Qt::Key_Backtab);
    QVERIFY(yaml.toPlainText().endsWith(QStringLiteral("\n    x: [a]")));
    QTest::keyClick(&yaml, Qt::Key_End);
    QTest::keyClicks(&yaml, QStringLiteral(" \""));
    QVERIFY(yaml.toPlainText().endsWith(QStringLiteral("x: [a] \"\"")));
    yaml.setMarks({{2, QStringLiteral("spec.hosts: bad"), true}});
    QCOMPARE(yaml.marks().size(), 1);
    yaml.goToLine(3);
    QCOMPARE(yaml.currentLine(), 3);
    QCOMPARE(yaml.textCursor().positionInBlock(), 4); // at the text, past the indent
}

void tst_EditorFrame::pathLines()
{
    const QString yaml = QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - name: first
    route:
    - destination:
        host: reviews
        subset: v1
      weight: 80
    - destination:
        host: reviews
      weight: 20
  - name: second
    timeout: 5s
)");
    QCOMPARE(lineOfPath(yaml, QStringLiteral("kind")), 2);
    QCOMPARE(lineOfPath(yaml, QStringLiteral("metadata.name")), 4);
    QCOMPARE(lineOfPath(yaml, QStringLiteral("spec.hosts[0]")), 7);
    QCOMPARE(lineOfPath(yaml, QStringLiteral("spec.http[0].route[1].weight")), 17);
    QCOMPARE(lineOfPath(yaml, QStringLiteral("spec.http[0].route[0].destination.subset")), 13);
    QCOMPARE(lineOfPath(yaml, QStringLiteral("spec.http[1].timeout")), 19);
    QCOMPARE(lineOfPath(yaml, QStringLiteral("spec.http[name=second].timeout")), 19);
    // Not there: the deepest part found.
    QCOMPARE(lineOfPath(yaml, QStringLiteral("spec.http[1].retries.attempts")), 18);
    QCOMPARE(lineOfPath(yaml, QStringLiteral("spec.tcp")), 5);
    QCOMPARE(lineOfParseError(QStringLiteral("<paste>: document 1, line 7, column 3: bad")), 7);
    QCOMPARE(lineOfParseError(QStringLiteral("nothing")), 0);
}

void tst_EditorFrame::models()
{
    DiffModel diff;
    QAbstractItemModelTester diffTester(&diff);
    diff.setDiff(md::apply::diffText(QStringLiteral("a\nb\nc\n"), QStringLiteral("a\nB\nc\nd\n")));
    QVERIFY(diff.rowCount() >= 4);
    QCOMPARE(diff.firstChange(), 1);
    QCOMPARE(diff.data(diff.index(1, DiffModel::LeftColumn)).toString(), QStringLiteral("b"));
    QCOMPARE(diff.data(diff.index(1, DiffModel::RightColumn)).toString(), QStringLiteral("B"));
    QVERIFY(diff.data(diff.index(1, DiffModel::LeftColumn), Qt::BackgroundRole).isValid());
    QVERIFY(!diff.data(diff.index(0, DiffModel::LeftColumn), Qt::BackgroundRole).isValid());
    diff.setDiff({});
    QCOMPARE(diff.rowCount(), 0);

    ResultModel results;
    QAbstractItemModelTester resultTester(&results);
    ReviewRow row;
    row.item = md::apply::ApplyItem::create(*md::istio::parseValue(RuleYaml));
    row.errors = 1;
    results.setRows({row, row});
    QCOMPARE(results.rowCount(), 2);
    QCOMPARE(results.data(results.index(0, ResultModel::ObjectColumn)).toString(),
             QStringLiteral("DestinationRule bookinfo/reviews"));
    results.updateRow(1, [](ReviewRow &r) { r.stage = ReviewRow::Stage::Applied; });
    QCOMPARE(results.count(ReviewRow::Stage::Applied), 1);

    JournalModel journal;
    QAbstractItemModelTester journalTester(&journal);
    md::store::JournalEntry entry;
    entry.id = 7;
    entry.kind = QStringLiteral("VirtualService");
    entry.namespace_ = QStringLiteral("bookinfo");
    entry.name = QStringLiteral("reviews");
    entry.operation = QStringLiteral("update");
    entry.time = QDateTime::currentDateTimeUtc();
    journal.setEntries({entry});
    QCOMPARE(journal.data(journal.index(0, JournalModel::ObjectColumn)).toString(),
             QStringLiteral("VirtualService bookinfo/reviews"));
    QCOMPARE(journal.data(journal.index(0, 0), JournalModel::EntryIdRole).toLongLong(), 7);

    md::MessageModel messages;
    QAbstractItemModelTester messageTester(&messages);
    PolicyEditor editor(services(), ruleDocument());
    editor.validateNow();
    QTRY_VERIFY(!editor.isValidating());
    messages.setMessages(editor.messages());
}

QTEST_MAIN(tst_EditorFrame)
#include "tst_editorframe.moc"

#include "editors/policyeditor.h"

#include "core/futures.h"
#include "editors/textcommand.h"
#include "editors/yamleditor.h"
#include "editors/yamlpaths.h"
#include "istio/document.h"
#include "istio/validator.h"
#include "items/messagemodel.h"

#include <QFuture>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTime>
#include <QUndoStack>
#include <QUuid>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace md::ui {

using md::istio::Message;
using md::istio::Severity;
using md::istio::Value;

namespace {

enum Tab { FormTab = 0, YamlTab = 1 };

QString apiVersionOf(const QString &kind)
{
    static const QStringList security {QStringLiteral("PeerAuthentication"),
                                       QStringLiteral("RequestAuthentication"),
                                       QStringLiteral("AuthorizationPolicy")};
    if (security.contains(kind))
        return QStringLiteral("security.istio.io/v1");
    if (kind == QLatin1String("Telemetry"))
        return QStringLiteral("telemetry.istio.io/v1");
    if (kind == QLatin1String("EnvoyFilter") || kind == QLatin1String("WorkloadGroup")
        || kind == QLatin1String("ProxyConfig"))
        return QStringLiteral("networking.istio.io/v1alpha3");
    return QStringLiteral("networking.istio.io/v1");
}

QString specTemplate(const QString &kind)
{
    if (kind == QLatin1String("VirtualService"))
        return QStringLiteral("spec:\n  hosts: []\n  http: []\n");
    if (kind == QLatin1String("DestinationRule"))
        return QStringLiteral("spec:\n  host: \"\"\n");
    if (kind == QLatin1String("Gateway"))
        return QStringLiteral("spec:\n  selector:\n    istio: ingressgateway\n  servers: []\n");
    if (kind == QLatin1String("ServiceEntry"))
        return QStringLiteral("spec:\n  hosts: []\n  location: MESH_EXTERNAL\n"
                              "  resolution: DNS\n  ports: []\n");
    if (kind == QLatin1String("PeerAuthentication"))
        return QStringLiteral("spec:\n  mtls:\n    mode: STRICT\n");
    if (kind == QLatin1String("RequestAuthentication"))
        return QStringLiteral("spec:\n  jwtRules: []\n");
    if (kind == QLatin1String("AuthorizationPolicy"))
        return QStringLiteral("spec:\n  action: ALLOW\n  rules: []\n");
    return QStringLiteral("spec: {}\n");
}

// What the editor shows of a live object: no managedFields, no status.
Value editable(Value object)
{
    if (Value *metadata = object.find(QStringLiteral("metadata")))
        metadata->remove(QStringLiteral("managedFields"));
    object.remove(QStringLiteral("status"));
    return object;
}

struct Outcome
{
    bool parsed = false;
    Value object;
    QList<Message> messages;
    int parseErrorLine = 0;
};

// Parsing and layers 1-2, on a worker thread.
Outcome check(const QString &text, const std::shared_ptr<const md::istio::Validator> &validator,
              const QString &kind)
{
    Outcome outcome;
    auto stream = md::istio::DocumentStream::parse(text.toUtf8());
    if (!stream) {
        Message m;
        m.code = QStringLiteral("yaml.parse");
        m.text = stream.error().message;
        outcome.parseErrorLine = std::max(1, lineOfParseError(stream.error().message));
        m.line = outcome.parseErrorLine;
        outcome.messages << m;
        return outcome;
    }
    const auto refs = stream->objects();
    if (refs.size() != 1) {
        Message m;
        m.code = QStringLiteral("editor.objects");
        m.text = refs.isEmpty()
            ? PolicyEditor::tr("The text holds no Kubernetes object (a mapping with "
                               "apiVersion, kind and metadata).")
            : PolicyEditor::tr("The text holds %1 objects; an editor holds one. Use "
                               "Import YAML… for many.")
                  .arg(refs.size());
        m.line = 1;
        outcome.parseErrorLine = 1;
        outcome.messages << m;
        return outcome;
    }
    outcome.parsed = true;
    outcome.object = stream->object(refs.first());
    const QString objectKind = outcome.object.value(QStringLiteral("kind")).toString();
    if (objectKind != kind) {
        Message m;
        m.code = QStringLiteral("editor.kind");
        m.path = QStringLiteral("kind");
        m.text
            = PolicyEditor::tr("This editor holds a %1; the text is a %2.")
                  .arg(kind,
                       objectKind.isEmpty() ? PolicyEditor::tr("object without kind") : objectKind);
        outcome.messages << m;
    }
    const QList<Message> found = validator ? validator->validate(outcome.object)
                                           : md::istio::Validator::validateRules(outcome.object);
    outcome.messages << found;
    for (Message &m : outcome.messages) {
        if (m.line <= 0)
            m.line = lineOfPath(text, m.path);
    }
    return outcome;
}

} // namespace

QString defaultApiVersion(const QString &kind)
{
    return apiVersionOf(kind);
}

EditorDocument EditorDocument::forObject(const Value &live, const QString &context,
                                         const QString &mesh)
{
    EditorDocument document;
    document.mesh = mesh;
    document.context = context;
    document.kind = live.value(QStringLiteral("kind")).toString();
    document.base = live;
    document.text = QString::fromUtf8(md::istio::toYaml(editable(live)));
    return document;
}

EditorDocument EditorDocument::forNew(const QString &kind, const QString &namespace_,
                                      const QString &context, const QString &mesh)
{
    EditorDocument document;
    document.mesh = mesh;
    document.context = context;
    document.kind = kind;
    document.newId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    document.text = newObjectYaml(kind, namespace_);
    document.cleanText = document.text;
    return document;
}

EditorDocument EditorDocument::fromDraft(const md::store::Draft &draft)
{
    EditorDocument document;
    document.mesh = draft.key.mesh;
    document.context = draft.key.context;
    document.kind = draft.key.kind;
    document.newId = draft.key.newId;
    if (!draft.baseYaml.isEmpty()) {
        if (auto base = md::istio::parseValue(draft.baseYaml))
            document.base = *base;
    }
    document.text = QString::fromUtf8(draft.yaml);
    return document;
}

QString newObjectYaml(const QString &kind, const QString &namespace_, const QString &name)
{
    QString text
        = QStringLiteral("apiVersion: %1\nkind: %2\nmetadata:\n  name: %3\n")
              .arg(apiVersionOf(kind), kind, name.isEmpty() ? QStringLiteral("\"\"") : name);
    text += QStringLiteral("  namespace: %1\n")
                .arg(namespace_.isEmpty() ? QStringLiteral("default") : namespace_);
    return text + specTemplate(kind);
}

PolicyEditor::PolicyEditor(EditorServices services, EditorDocument document, QWidget *parent)
    : QWidget(parent)
    , m_services(std::move(services))
    , m_document(std::move(document))
    , m_undo(new QUndoStack(this))
    , m_tabs(new QTabWidget(this))
    , m_yaml(new YamlEditor(this))
    , m_problems(new QTableView(this))
    , m_problemModel(new md::MessageModel(this))
    , m_status(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("policyEditor"));
    if (m_document.base.isNull() && m_document.newId.isEmpty())
        m_document.newId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The live object's YAML (what counts as unchanged) and the text read for the form are
    // made on worker threads while the widgets are built here.
    QFuture<QString> cleanText;
    if (m_document.text.isEmpty() && !m_document.base.isNull()) {
        m_document.text = EditorDocument::forObject(m_document.base, {}).text;
        m_cleanText = m_document.text;
    } else if (!m_document.base.isNull()) {
        cleanText = QtConcurrent::run(
            [base = m_document.base] { return EditorDocument::forObject(base, {}).text; });
    } else {
        m_cleanText = m_document.cleanText;
    }
    m_text = m_document.text;
    if (m_services.formFactory) {
        m_firstParseText = m_text;
        m_firstParse = QtConcurrent::run(
            [text = m_text] { return std::optional<Result<Value>>(parseObject(text)); });
    }

    if (m_services.formFactory) {
        FormContext formContext;
        formContext.mesh = m_services.mesh;
        formContext.context = m_document.context;
        m_form = m_services.formFactory(m_document.kind, formContext, nullptr);
    }
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_tabs->setDocumentMode(true);
    if (m_form) {
        auto scroll = new QScrollArea(this);
        scroll->setObjectName(QStringLiteral("formScroll"));
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(m_form);
        m_formPage = scroll;
        m_tabs->addTab(scroll, tr("Form"));
        connect(m_form, &PolicyForm::edited, this, &PolicyEditor::onFormEdited);
    } else {
        auto none = new QLabel(
            tr("There is no form for %1 objects: edit them as YAML.").arg(m_document.kind), this);
        none->setAlignment(Qt::AlignCenter);
        none->setWordWrap(true);
        m_formPage = none;
        m_tabs->addTab(none, tr("Form"));
        m_tabs->setTabEnabled(FormTab, false);
    }
    m_tabs->addTab(m_yaml, tr("YAML"));
    m_yaml->setUndoRedoEnabled(false); // the shared QUndoStack has the history
    m_yaml->setPlainText(m_text);
    connect(m_yaml->document(), &QTextDocument::contentsChanged, this,
            &PolicyEditor::onYamlChanged);

    m_problems->setObjectName(QStringLiteral("problemsView"));
    m_problems->setModel(m_problemModel);
    m_problems->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problems->setSelectionMode(QAbstractItemView::SingleSelection);
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setShowGrid(false);
    m_problems->setWordWrap(false);
    m_problems->verticalHeader()->hide();
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->setColumnHidden(md::MessageModel::ObjectColumn, true);
    m_problems->setColumnHidden(md::MessageModel::ClusterColumn, true);
    m_problems->setColumnHidden(md::MessageModel::CodeColumn, false);
    connect(m_problems, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { revealProblem(index.row()); });
    connect(m_problems, &QAbstractItemView::clicked, this,
            [this](const QModelIndex &index) { revealProblem(index.row()); });

    auto problemsBox = new QWidget(this);
    auto problemsLayout = new QVBoxLayout(problemsBox);
    problemsLayout->setContentsMargins(0, 0, 0, 0);
    problemsLayout->setSpacing(2);
    m_status->setObjectName(QStringLiteral("problemsStatus"));
    m_status->setContentsMargins(6, 2, 6, 2);
    problemsLayout->addWidget(m_status);
    problemsLayout->addWidget(m_problems);

    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(problemsBox);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    auto save = new QShortcut(QKeySequence::Save, this);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, [this] { saveDraft(); });
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto review = new QShortcut(keys, this);
        review->setContext(Qt::WidgetWithChildrenShortcut);
        connect(review, &QShortcut::activated, this, &PolicyEditor::reviewRequested);
    }
    auto undo = new QShortcut(QKeySequence::Undo, this);
    undo->setContext(Qt::WidgetWithChildrenShortcut);
    connect(undo, &QShortcut::activated, m_undo, &QUndoStack::undo);
    auto redo = new QShortcut(QKeySequence::Redo, this);
    redo->setContext(Qt::WidgetWithChildrenShortcut);
    connect(redo, &QShortcut::activated, m_undo, &QUndoStack::redo);

    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(m_services.validationDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, &PolicyEditor::validateNow);
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(m_services.draftDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, [this] { saveDraft(); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &PolicyEditor::onTabChanged);

    // Start on the form when the text reads as this kind; else on the YAML.
    m_formStale = true;
    if (cleanText.isValid())
        m_cleanText = cleanText.result();
    if (!m_form || !showForm())
        showYaml();
    m_firstParse = {};
    m_lastDirty = isDirty();
    m_lastTitle = title();
    updateStatus();
    validateNow();
}

PolicyEditor::~PolicyEditor()
{
    ++m_generation; // results of a validation in flight are dropped
}

Result<Value> PolicyEditor::parseObject(const QString &text)
{
    auto stream = md::istio::DocumentStream::parse(text.toUtf8());
    if (!stream)
        return md::unexpected(stream.error());
    const auto refs = stream->objects();
    if (refs.size() != 1) {
        return md::unexpected(QStringLiteral("editor.objects"),
                              tr("The text must hold exactly one Kubernetes object (it holds "
                                 "%1).")
                                  .arg(refs.size()));
    }
    return stream->object(refs.first());
}

Result<Value> PolicyEditor::object() const
{
    return parseObject(m_text);
}

void PolicyEditor::setContext(const QString &context)
{
    if (context == m_document.context)
        return;
    if (m_services.drafts)
        m_services.drafts->remove(draftKey());
    m_document.context = context;
    if (isDirty())
        m_draftTimer.start();
    scheduleWork();
}

md::store::DraftKey PolicyEditor::draftKey() const
{
    md::store::DraftKey key;
    key.mesh = m_document.mesh;
    key.context = m_document.context;
    key.kind = m_document.kind;
    if (isNew()) {
        key.newId = m_document.newId;
    } else {
        const auto id = md::istio::ObjectId::of(m_document.base);
        key.namespace_ = id.namespace_;
        key.name = id.name;
    }
    return key;
}

QString PolicyEditor::title() const
{
    if (!isNew())
        return md::istio::ObjectId::of(m_document.base).displayName();
    // A new object: the name typed so far.
    static const QRegularExpression name(QStringLiteral(R"(^  name:\s*["']?([^"'\s#]+))"),
                                         QRegularExpression::MultilineOption);
    const auto m = name.match(m_text);
    return m.hasMatch() ? tr("New %1 %2").arg(m_document.kind, m.captured(1))
                        : tr("New %1").arg(m_document.kind);
}

bool PolicyEditor::isDirty() const
{
    return m_text != m_cleanText;
}

Result<md::apply::ApplyItem> PolicyEditor::applyItem() const
{
    auto edited = object();
    if (!edited)
        return md::unexpected(edited.error());
    if (isNew())
        return md::apply::ApplyItem::create(*edited);
    return md::apply::ApplyItem::update(m_document.base, *edited);
}

void PolicyEditor::markApplied(const Value &answer)
{
    discardDraft();
    m_document.base = answer;
    m_document.newId.clear();
    const QString text = EditorDocument::forObject(answer, {}).text;
    m_cleanText = text;
    setText(text);
    m_undo->setClean();
    updateStatus();
}

void PolicyEditor::rebaseOn(const Value &live, const Value &merged)
{
    if (m_services.drafts && isNew())
        m_services.drafts->remove(draftKey());
    m_document.base = live;
    m_document.newId.clear();
    m_cleanText = EditorDocument::forObject(live, {}).text;
    setText(QString::fromUtf8(md::istio::toYaml(editable(merged))));
    saveDraft();
}

void PolicyEditor::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_undo->push(new TextCommand(
        m_text, text, TextCommand::Source::Other,
        [this](const QString &t, TextCommand::Source) { applyText(t); }, false, tr("Replace")));
}

void PolicyEditor::applyText(const QString &text)
{
    m_text = text;
    if (m_tabs->currentIndex() == FormTab && m_form) {
        m_yamlStale = true;
        auto parsed = object();
        if (parsed && parsed->value(QStringLiteral("kind")).toString() == m_form->kind()) {
            m_updating = true;
            m_form->setObject(*parsed);
            m_updating = false;
            m_formStale = false;
        } else {
            showYaml(); // the text cannot be shown in the form
        }
    } else {
        setYamlText(text);
        m_formStale = true;
    }
    scheduleWork();
}

void PolicyEditor::setYamlText(const QString &text)
{
    m_yamlStale = false;
    if (m_yaml->toPlainText() == text)
        return;
    // Keep the cursor where it was (same line and column, as far as they still exist).
    const int line = m_yaml->textCursor().blockNumber();
    const int column = m_yaml->textCursor().positionInBlock();
    const int scroll = m_yaml->verticalScrollBar()->value();
    m_updating = true;
    m_yaml->setPlainText(text);
    m_updating = false;
    const QTextBlock block
        = m_yaml->document()->findBlockByNumber(std::min(line, m_yaml->blockCount() - 1));
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::min(column, block.length() - 1));
    m_yaml->setTextCursor(cursor);
    m_yaml->verticalScrollBar()->setValue(scroll);
}

void PolicyEditor::onYamlChanged()
{
    if (m_updating)
        return;
    const QString text = m_yaml->toPlainText();
    if (text == m_text)
        return;
    const QString before = m_text;
    m_text = text;
    m_formStale = true;
    m_undo->push(new TextCommand(
        before, text, TextCommand::Source::Yaml,
        [this](const QString &t, TextCommand::Source) { applyText(t); }, true, tr("Edit YAML")));
    scheduleWork();
}

void PolicyEditor::onFormEdited()
{
    if (m_updating || !m_form)
        return;
    const QString text = QString::fromUtf8(md::istio::toYaml(m_form->object()));
    if (text == m_text)
        return;
    const QString before = m_text;
    m_text = text;
    m_yamlStale = true;
    m_undo->push(new TextCommand(
        before, text, TextCommand::Source::Form,
        [this](const QString &t, TextCommand::Source) { applyText(t); }, true, tr("Edit form")));
    scheduleWork();
}

bool PolicyEditor::showForm()
{
    if (!m_form)
        return false;
    if (m_formStale) {
        // On opening, the text was read in a worker meanwhile.
        auto parsed = m_firstParse.isValid() && m_firstParseText == m_text ? *m_firstParse.result()
                                                                           : object();
        m_firstParse = {};
        QString problem;
        int line = 0;
        if (!parsed) {
            problem = parsed.error().message;
            line = lineOfParseError(problem);
        } else if (parsed->value(QStringLiteral("kind")).toString() != m_form->kind()) {
            problem = tr("The form edits %1 objects; the text is a %2.")
                          .arg(m_form->kind(), parsed->value(QStringLiteral("kind")).toString());
            line = lineOfPath(m_text, QStringLiteral("kind"));
        }
        if (!problem.isEmpty()) {
            // Stay on the YAML, at the error.
            showYaml();
            if (line > 0)
                m_yaml->goToLine(line);
            m_status->setText(tr("Cannot show the form: %1").arg(problem));
            m_status->setStyleSheet(QStringLiteral("color: #c62828;"));
            return false;
        }
        m_updating = true;
        m_form->setObject(*parsed);
        m_updating = false;
        m_formStale = false;
    }
    const QSignalBlocker blocker(m_tabs);
    m_tabs->setCurrentIndex(FormTab);
    m_form->setMessages(m_messages);
    return true;
}

void PolicyEditor::showYaml()
{
    if (m_yamlStale)
        setYamlText(m_text);
    const QSignalBlocker blocker(m_tabs);
    m_tabs->setCurrentIndex(YamlTab);
}

bool PolicyEditor::isFormShown() const
{
    return m_tabs->currentIndex() == FormTab;
}

void PolicyEditor::onTabChanged(int index)
{
    if (index == FormTab)
        showForm();
    else
        showYaml();
}

void PolicyEditor::revealProblem(int row)
{
    const auto &messages = m_problemModel->messages();
    if (row < 0 || row >= messages.size())
        return;
    const Message &message = messages.at(row);
    if (isFormShown() && m_form && !message.path.isEmpty() && m_form->focusField(message.path))
        return;
    showYaml();
    m_yaml->goToLine(message.line > 0 ? message.line : lineOfPath(m_text, message.path));
}

void PolicyEditor::scheduleWork()
{
    m_validateTimer.start();
    if (m_services.drafts)
        m_draftTimer.start();
    if (isDirty() != m_lastDirty) {
        m_lastDirty = isDirty();
        emit dirtyChanged(m_lastDirty);
    }
    const QString newTitle = title();
    if (newTitle != m_lastTitle) {
        m_lastTitle = newTitle;
        emit titleChanged(newTitle);
    }
}

void PolicyEditor::validateNow()
{
    m_validateTimer.stop();
    const quint64 generation = ++m_generation;
    m_validating = true;
    const QString text = m_text;
    const QString kind = m_document.kind;
    auto validator = m_services.validator;
    md::onFinished(
        this, QtConcurrent::run([text, validator, kind] { return check(text, validator, kind); }),
        [this, generation, text](Outcome outcome) {
            if (generation != m_generation)
                return; // the text changed meanwhile: a newer run follows
            m_validating = false;
            if (outcome.parsed && m_services.crossCheck) {
                // Layer 3 against the live index of the target cluster.
                for (Message m : m_services.crossCheck(m_document.context, outcome.object)) {
                    m.line = lineOfPath(text, m.path);
                    outcome.messages << m;
                }
            }
            showMessages(outcome.messages, outcome.parseErrorLine);
        });
}

void PolicyEditor::showMessages(QList<Message> messages, int parseErrorLine)
{
    Q_UNUSED(parseErrorLine)
    m_messages = messages;
    m_problemModel->setMessages(messages);
    QList<YamlEditor::LineMark> marks;
    for (const Message &m : std::as_const(m_messages)) {
        if (m.severity == Severity::Info)
            continue;
        QString text = m.text;
        if (!m.path.isEmpty())
            text = m.path + QStringLiteral(": ") + text;
        marks.append({m.line, text, m.severity == Severity::Error});
    }
    m_yaml->setMarks(marks);
    if (m_form && !m_formStale)
        m_form->setMessages(m_messages);
    updateStatus();
    emit validated(errorCount(), warningCount());
}

int PolicyEditor::errorCount() const
{
    return int(std::count_if(m_messages.cbegin(), m_messages.cend(),
                             [](const Message &m) { return m.severity == Severity::Error; }));
}

int PolicyEditor::warningCount() const
{
    return int(std::count_if(m_messages.cbegin(), m_messages.cend(),
                             [](const Message &m) { return m.severity == Severity::Warning; }));
}

void PolicyEditor::updateStatus()
{
    QString text = m_messages.isEmpty() ? tr("No problems")
                                        : tr("Problems: %1").arg(m_problemModel->countsText());
    if (!m_draftNote.isEmpty())
        text += QStringLiteral("  ·  ") + m_draftNote;
    m_status->setText(text);
    m_status->setStyleSheet(errorCount() > 0 ? QStringLiteral("color: #c62828;") : QString());
}

bool PolicyEditor::saveDraft()
{
    m_draftTimer.stop();
    if (!m_services.drafts)
        return false;
    if (!isDirty()) {
        // Back to what was opened: nothing to keep.
        m_services.drafts->remove(draftKey());
        m_draftNote.clear();
        updateStatus();
        return true;
    }
    md::store::Draft draft;
    draft.key = draftKey();
    draft.yaml = m_text.toUtf8();
    if (!isNew()) {
        draft.baseResourceVersion = md::istio::ObjectId::of(m_document.base).name.isEmpty()
            ? QString()
            : m_document.base.value(QStringLiteral("metadata"))
                  .value(QStringLiteral("resourceVersion"))
                  .toString();
        draft.baseYaml = md::istio::toYaml(m_document.base);
    }
    const auto saved = m_services.drafts->saveDraft(draft);
    m_draftNote = saved ? tr("Draft saved at %1").arg(QTime::currentTime().toString(u"HH:mm:ss"))
                        : tr("Draft not saved: %1").arg(saved.error().message);
    updateStatus();
    if (saved)
        emit draftSaved();
    return bool(saved);
}

void PolicyEditor::discardDraft()
{
    m_draftTimer.stop();
    if (m_services.drafts)
        m_services.drafts->remove(draftKey());
    m_draftNote.clear();
    updateStatus();
}

} // namespace md::ui

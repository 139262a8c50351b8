#include "editors/editorsession.h"

#include "apply/applyengine.h"
#include "core/datafiles.h"
#include "editors/editorwindow.h"
#include "editors/forms/policyform.h"
#include "editors/reviewdialog.h"
#include "istio/validator.h"
#include "mesh/connectionmanager.h"
#include "mesh/liveanalysis.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "store/draftstore.h"
#include "store/journalstore.h"
#include "store/meshstore.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QtConcurrent>

namespace md::ui {

using md::istio::Value;

EditorSession *EditorSession::of(const PageContext &context)
{
    QObject *owner = context.navigator;
    if (!owner)
        return nullptr;
    if (auto session = owner->findChild<EditorSession *>(QString(), Qt::FindDirectChildrenOnly))
        return session;
    return new EditorSession(context, owner);
}

EditorSession::EditorSession(const PageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_engine(new md::apply::ApplyEngine(context.connections, this))
    , m_journal(std::make_unique<md::store::JournalStore>())
    , m_drafts(std::make_unique<md::store::DraftStore>())
{
    const QString path = context.store && !context.store->path().isEmpty()
        ? context.store->path()
        : QStringLiteral(":memory:");
    if (auto opened = m_journal->open(path); !opened)
        qWarning("meshdesk: journal: %s", qPrintable(opened.error().toString()));
    if (auto opened = m_drafts->open(path); !opened)
        qWarning("meshdesk: drafts: %s", qPrintable(opened.error().toString()));
    if (m_journal->isOpen())
        m_engine->setJournal(m_journal.get());
    // The schema layer: the Istio CRDs installed with MeshDesk (or $MESHDESK_CRDS), read off
    // the GUI thread; rules only until then (the server's dry run checks the schema anyway).
    if (const QString crds = md::istioCrdsPath(); !crds.isEmpty()) {
        auto watcher = new QFutureWatcher<Result<md::istio::Validator>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            Result<md::istio::Validator> loaded = watcher->result();
            if (loaded)
                setValidator(std::make_shared<const md::istio::Validator>(std::move(*loaded)));
            else
                qWarning("meshdesk: %s", qPrintable(loaded.error().toString()));
        });
        watcher->setFuture(
            QtConcurrent::run([crds] { return md::istio::Validator::fromCrdFile(crds); }));
    }
    connect(m_engine, &md::apply::ApplyEngine::finished, this,
            [this](int, const md::apply::ApplyReport &report) {
                if (!report.dryRun)
                    emit applied(report);
            });
}

EditorSession::~EditorSession()
{
    if (m_window)
        delete m_window.data();
}

void EditorSession::setValidator(std::shared_ptr<const md::istio::Validator> validator)
{
    m_validator = std::move(validator);
}

EditorServices EditorSession::services() const
{
    EditorServices services;
    services.drafts = m_drafts->isOpen() ? m_drafts.get() : nullptr;
    services.validator = m_validator;
    services.crossCheck = [this](const QString &context, const Value &object) {
        return crossCheck(context, object);
    };
    services.formFactory = [](const QString &kind, const FormContext &context, QWidget *parent) {
        return createPolicyForm(kind, context, parent);
    };
    services.mesh = m_context.mesh;
    return services;
}

QString EditorSession::meshName() const
{
    return m_context.mesh ? m_context.mesh->name() : QString();
}

QList<md::apply::TargetCandidate> EditorSession::targetCandidates() const
{
    if (!m_context.mesh || !m_context.mesh->mesh() || !m_context.connections)
        return {};
    const md::mesh::Mesh mesh = *m_context.mesh->mesh();
    QList<md::mesh::ClusterHealth> healths;
    for (const QString &cluster : mesh.clusters())
        healths << m_context.connections->health(cluster);
    return md::apply::targetCandidates(mesh, healths);
}

QString EditorSession::target() const
{
    if (m_context.mesh && m_context.mesh->mesh()) {
        const QString remembered = m_drafts->isOpen()
            ? m_drafts->applyTarget(meshName()).value_or(QString())
            : QString();
        return md::apply::chooseTarget(*m_context.mesh->mesh(), targetCandidates(), remembered);
    }
    if (m_context.connections) {
        const QStringList connected = m_context.connections->connectedContexts();
        if (!connected.isEmpty())
            return connected.first();
    }
    return {};
}

bool EditorSession::targetNeedsChoice() const
{
    return md::apply::needsChoice(targetCandidates());
}

void EditorSession::setTarget(const QString &context)
{
    if (m_drafts->isOpen() && !meshName().isEmpty())
        m_drafts->setApplyTarget(meshName(), context);
}

QList<md::istio::Message> EditorSession::crossCheck(const QString &context,
                                                    const Value &object) const
{
    if (!m_context.mesh || !m_context.mesh->analysis())
        return {};
    return m_context.mesh->analysis()->checkObject(context, object);
}

Value EditorSession::cachedObject(const ObjectLink &link) const
{
    if (!m_context.mesh || !m_context.mesh->cache())
        return {};
    // The tables of that kind in that cluster only (no copy of every cached object).
    for (const auto &table : m_context.mesh->cache()->tables({})) {
        if (table.context != link.context || table.resource.kind != link.kind)
            continue;
        for (const md::kube::KubeObject &found : table.objects) {
            if (found.name() != link.name || found.namespaceName() != link.namespace_)
                continue;
            auto value = md::istio::parseValue(found.json());
            if (!value)
                return {};
            Value object = *value;
            // List items of some kinds carry no apiVersion/kind.
            if (object.value(QStringLiteral("kind")).isNull())
                object.insert(QStringLiteral("kind"), link.kind);
            if (object.value(QStringLiteral("apiVersion")).isNull())
                object.insert(QStringLiteral("apiVersion"), table.resource.groupVersion());
            return object;
        }
    }
    return {};
}

bool EditorSession::isIstioKind(const QString &kind)
{
    static const QStringList kinds {QStringLiteral("VirtualService"),
                                    QStringLiteral("DestinationRule"),
                                    QStringLiteral("Gateway"),
                                    QStringLiteral("ServiceEntry"),
                                    QStringLiteral("Sidecar"),
                                    QStringLiteral("EnvoyFilter"),
                                    QStringLiteral("WorkloadEntry"),
                                    QStringLiteral("WorkloadGroup"),
                                    QStringLiteral("ProxyConfig"),
                                    QStringLiteral("PeerAuthentication"),
                                    QStringLiteral("RequestAuthentication"),
                                    QStringLiteral("AuthorizationPolicy"),
                                    QStringLiteral("Telemetry"),
                                    QStringLiteral("WasmPlugin")};
    return kinds.contains(kind);
}

const QStringList &EditorSession::policyKinds()
{
    static const QStringList kinds {QStringLiteral("VirtualService"),
                                    QStringLiteral("DestinationRule"),
                                    QStringLiteral("Gateway"),
                                    QStringLiteral("ServiceEntry"),
                                    QStringLiteral("PeerAuthentication"),
                                    QStringLiteral("RequestAuthentication"),
                                    QStringLiteral("AuthorizationPolicy")};
    return kinds;
}

EditorWindow *EditorSession::window()
{
    if (!m_window)
        m_window = new EditorWindow(this, m_mainWindow);
    return m_window;
}

EditorWindow *EditorSession::existingWindow() const
{
    return m_window.data();
}

PolicyEditor *EditorSession::openDocument(const EditorDocument &document)
{
    EditorWindow *w = window();
    PolicyEditor *editor = w->openDocument(document);
    w->show();
    w->raise();
    w->activateWindow();
    return editor;
}

bool EditorSession::openObject(const ObjectLink &link)
{
    if (!isIstioKind(link.kind))
        return false;
    if (link.name.isEmpty()) {
        const QString context = link.context.isEmpty() ? target() : link.context;
        QString ns = link.namespace_;
        if (ns.isEmpty() && m_context.mesh && m_context.mesh->mesh()
            && (link.kind == QLatin1String("PeerAuthentication")))
            ns = m_context.mesh->mesh()->rootNamespace;
        openDocument(EditorDocument::forNew(
            link.kind, ns.isEmpty() ? QStringLiteral("default") : ns, context, meshName()));
        return true;
    }
    if (EditorWindow *w = existingWindow(); w && w->activate(link)) {
        w->show();
        w->raise();
        return true;
    }
    // A draft of this object comes first.
    md::store::DraftKey key {meshName(), link.context, link.kind, link.namespace_, link.name, {}};
    if (m_drafts->isOpen()) {
        if (auto draft = m_drafts->draft(key)) {
            openDocument(EditorDocument::fromDraft(*draft));
            return true;
        }
    }
    const Value cached = cachedObject(link);
    if (!cached.isNull()) {
        openDocument(EditorDocument::forObject(cached, link.context, meshName()));
        return true;
    }
    md::istio::ObjectId id;
    id.apiVersion = link.apiVersion.isEmpty() ? defaultApiVersion(link.kind) : link.apiVersion;
    id.kind = link.kind;
    id.namespace_ = link.namespace_;
    id.name = link.name;
    m_engine->fetchLive(
        link.context, id, this, [this, link](Result<Value, md::apply::ApplyFailure> live) {
            if (!live || live->isNull()) {
                QMessageBox::warning(
                    m_mainWindow, tr("Open %1").arg(link.kind),
                    live ? tr("%1 %2/%3 does not exist in %4.")
                               .arg(link.kind, link.namespace_, link.name, link.context)
                         : live.error().message);
                return;
            }
            openDocument(EditorDocument::forObject(*live, link.context, meshName()));
        });
    return true;
}

ReviewDialog *EditorSession::review(const md::apply::ApplyRequest &request, QWidget *parent)
{
    auto dialog = new ReviewDialog(this, request, parent ? parent : m_mainWindow.data());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void EditorSession::reviewObjects(const QList<md::apply::ApplyItem> &items, QWidget *parent,
                                  const QString &context)
{
    md::apply::ApplyRequest request;
    request.context = context.isEmpty() ? target() : context;
    request.mesh = meshName();
    request.items = items;
    QPointer<QWidget> guard(parent);
    m_engine->resolveBases(
        request, this, [this, guard](md::apply::ApplyEngine::ResolvedBases resolved) {
            ReviewDialog *dialog = review(resolved.first, guard.data());
            for (auto it = resolved.second.cbegin(); it != resolved.second.cend(); ++it)
                dialog->setPreflightFailure(it.key(), it.value());
        });
}

} // namespace md::ui

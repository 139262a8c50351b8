#include "editors/editors.h"

#include "apply/importer.h"
#include "core/futures.h"
#include "editors/draftsdialog.h"
#include "editors/editorsession.h"
#include "editors/editorwindow.h"
#include "editors/historypage.h"
#include "editors/importdialog.h"
#include "editors/wizards/wizards.h"
#include "istio/document.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "shell/pageregistry.h"

#include <QApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QtConcurrentRun>

namespace md::ui {

namespace {

const char *const Context = "md::ui::Editors";

struct KindCommand
{
    const char *kind;
    const char *title;
    const char *module;
};

const KindCommand kindCommands[] = {
    {"VirtualService", QT_TRANSLATE_NOOP("md::ui::Editors", "New VirtualService…"),
     QT_TRANSLATE_NOOP("md::ui::Editors", "Traffic management")},
    {"DestinationRule", QT_TRANSLATE_NOOP("md::ui::Editors", "New DestinationRule…"),
     QT_TRANSLATE_NOOP("md::ui::Editors", "Traffic management")},
    {"Gateway", QT_TRANSLATE_NOOP("md::ui::Editors", "New Gateway…"),
     QT_TRANSLATE_NOOP("md::ui::Editors", "Traffic management")},
    {"ServiceEntry", QT_TRANSLATE_NOOP("md::ui::Editors", "New ServiceEntry…"),
     QT_TRANSLATE_NOOP("md::ui::Editors", "Service management")},
    {"PeerAuthentication", QT_TRANSLATE_NOOP("md::ui::Editors", "New PeerAuthentication…"),
     QT_TRANSLATE_NOOP("md::ui::Editors", "Security")},
    {"RequestAuthentication", QT_TRANSLATE_NOOP("md::ui::Editors", "New RequestAuthentication…"),
     QT_TRANSLATE_NOOP("md::ui::Editors", "Security")},
    {"AuthorizationPolicy", QT_TRANSLATE_NOOP("md::ui::Editors", "New AuthorizationPolicy…"),
     QT_TRANSLATE_NOOP("md::ui::Editors", "Security")},
};

EditorSession *sessionFor(const PageContext &context, QWidget *window)
{
    EditorSession *session = EditorSession::of(context);
    if (session && window && !session->mainWindow())
        session->setMainWindow(window);
    return session;
}

void offerDrafts(EditorSession *session, QWidget *window)
{
    if (!session->drafts()->isOpen())
        return;
    auto drafts = session->drafts()->drafts();
    if (!drafts || drafts->isEmpty())
        return;
    auto dialog = new DraftsDialog(*drafts, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &DraftsDialog::restoreRequested, session,
                     [session](const QList<md::store::Draft> &chosen) {
                         for (const md::store::Draft &draft : chosen)
                             session->openDocument(EditorDocument::fromDraft(draft));
                     });
    QObject::connect(dialog, &DraftsDialog::discardRequested, session,
                     [session](const QList<md::store::Draft> &chosen) {
                         for (const md::store::Draft &draft : chosen)
                             session->drafts()->remove(draft.key);
                     });
    dialog->open();
}

void runWizard(const PageContext &context, QWidget *window, const QString &id)
{
    EditorSession *session = sessionFor(context, window);
    FormContext formContext;
    formContext.mesh = context.mesh;
    formContext.context = session->target();
    PolicyWizard *wizard = createPolicyWizard(id, formContext, window);
    if (!wizard)
        return;
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(wizard, &PolicyWizard::objectsReady, session,
                     [session, window](const QList<md::istio::Value> &objects) {
                         QList<md::apply::ApplyItem> items;
                         for (const auto &object : objects)
                             items << md::apply::ApplyItem::create(object);
                         session->reviewObjects(items, window);
                     });
    wizard->show();
}

} // namespace

void startEditors(const PageContext &context, QWidget *window)
{
    EditorSession *session = sessionFor(context, window);
    if (!session)
        return;
    context.navigator->addObjectHandler(
        [session](const ObjectLink &link) { return session->openObject(link); });
    offerDrafts(session, window);
}

QFuture<QString> exportYamlTo(const PageContext &context, const QString &path)
{
    EditorSession *session = EditorSession::of(context);
    QList<md::istio::Value> objects;
    if (EditorWindow *w = session ? session->existingWindow() : nullptr) {
        for (PolicyEditor *editor : w->editors()) {
            auto object = editor->object();
            if (!object) {
                return QtFuture::makeReadyFuture(EditorsTr::tr("%1 cannot be exported: %2")
                                                     .arg(editor->title(), object.error().message));
            }
            objects << *object;
        }
    }
    // Istio's tables of the target cluster (no copy of every cached object): the objects are
    // parsed and written in a worker thread.
    struct Cached
    {
        QByteArray json;
        QString kind, apiVersion;
    };
    QList<Cached> cached;
    if (objects.isEmpty() && context.mesh && context.mesh->cache()) {
        const QString target = session ? session->target() : QString();
        for (const auto &table : context.mesh->cache()->tables({})) {
            if (table.context != target
                || !table.resource.group.endsWith(QLatin1String("istio.io")))
                continue;
            const QString apiVersion = table.resource.groupVersion();
            for (const md::kube::KubeObject &item : table.objects)
                cached << Cached {item.json(), table.resource.kind, apiVersion};
        }
    }
    return QtConcurrent::run([objects, cached = std::move(cached), path]() mutable -> QString {
        for (const Cached &item : std::as_const(cached)) {
            auto value = md::istio::parseValue(item.json);
            if (!value)
                continue;
            md::istio::Value object = *value;
            if (object.value(QStringLiteral("kind")).isNull())
                object.insert(QStringLiteral("kind"), item.kind);
            if (object.value(QStringLiteral("apiVersion")).isNull())
                object.insert(QStringLiteral("apiVersion"), item.apiVersion);
            objects << object;
        }
        if (objects.isEmpty())
            return EditorsTr::tr("There is nothing to export: open objects in the editor, or "
                                 "select a mesh with Istio policies.");
        QSaveFile file(path);
        const QByteArray yaml = md::apply::exportYaml(objects);
        if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size() || !file.commit())
            return EditorsTr::tr("Cannot write %1: %2").arg(path, file.errorString());
        return {};
    });
}

void registerEditorPages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("config.history"),
                     [](const PageContext &context, QWidget *parent) -> QWidget * {
                         EditorSession *session = EditorSession::of(context);
                         return session ? new HistoryPage(session, parent) : nullptr;
                     });

    for (const KindCommand &command : kindCommands) {
        const QString kind = QString::fromLatin1(command.kind);
        md::CommandModel::Action action;
        action.id = QStringLiteral("editors.new.") + kind;
        action.trContext = Context;
        action.title = command.title;
        action.context = command.module;
        action.keywords = {kind, QStringLiteral("new"), QStringLiteral("create")};
        registry.addCommand(action, [kind](const PageContext &context, QWidget *window) {
            if (EditorSession *session = sessionFor(context, window))
                session->openObject({session->target(), {}, kind, {}, {}});
        });
    }

    for (const WizardInfo &wizard : policyWizards()) {
        md::CommandModel::Action action;
        action.id = QStringLiteral("editors.wizard.") + wizard.id;
        action.trContext = "md::ui::Wizards";
        action.title = wizard.title;
        action.context = QT_TRANSLATE_NOOP("md::ui::Wizards", "Wizard");
        action.keywords = {QStringLiteral("wizard"), wizard.id};
        const QString id = wizard.id;
        registry.addCommand(action, [id](const PageContext &context, QWidget *window) {
            runWizard(context, window, id);
        });
    }

    md::CommandModel::Action apply;
    apply.id = QStringLiteral("editors.apply");
    apply.trContext = Context;
    apply.title = QT_TRANSLATE_NOOP("md::ui::Editors", "Apply");
    apply.context = QT_TRANSLATE_NOOP("md::ui::Editors", "Policy editor");
    apply.keywords = {QStringLiteral("review"), QStringLiteral("dry run"), QStringLiteral("write")};
    registry.addCommand(apply, [](const PageContext &context, QWidget *window) {
        EditorSession *session = sessionFor(context, window);
        EditorWindow *w = session ? session->existingWindow() : nullptr;
        if (!w || !w->currentEditor()) {
            QMessageBox::information(window, EditorsTr::tr("Apply"),
                                     EditorsTr::tr("No object is open in the editor."));
            return;
        }
        w->show();
        w->raise();
        w->reviewCurrent();
    });

    md::CommandModel::Action import;
    import.id = QStringLiteral("editors.import");
    import.trContext = Context;
    import.title = QT_TRANSLATE_NOOP("md::ui::Editors", "Import YAML…");
    import.context = QT_TRANSLATE_NOOP("md::ui::Editors", "Policy editor");
    import.keywords = {QStringLiteral("yaml"), QStringLiteral("apply"), QStringLiteral("paste"),
                       QStringLiteral("file")};
    registry.addCommand(import, [](const PageContext &context, QWidget *window) {
        EditorSession *session = sessionFor(context, window);
        if (!session)
            return;
        auto dialog = new ImportDialog(session, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });

    md::CommandModel::Action exportAction;
    exportAction.id = QStringLiteral("editors.export");
    exportAction.trContext = Context;
    exportAction.title = QT_TRANSLATE_NOOP("md::ui::Editors", "Export YAML…");
    exportAction.context = QT_TRANSLATE_NOOP("md::ui::Editors", "Policy editor");
    exportAction.keywords
        = {QStringLiteral("yaml"), QStringLiteral("save"), QStringLiteral("file")};
    registry.addCommand(exportAction, [](const PageContext &context, QWidget *window) {
        const QString path = QFileDialog::getSaveFileName(window, EditorsTr::tr("Export YAML"),
                                                          QStringLiteral("policies.yaml"),
                                                          EditorsTr::tr("YAML (*.yaml *.yml)"));
        if (path.isEmpty())
            return;
        QObject *receiver = window ? static_cast<QObject *>(window) : qApp;
        md::onFinished(receiver, exportYamlTo(context, path), [window](const QString &error) {
            if (!error.isEmpty())
                QMessageBox::warning(window, EditorsTr::tr("Export YAML"), error);
        });
    });

    registry.addStartupHook(
        [](const PageContext &context, QWidget *window) { startEditors(context, window); });
}

} // namespace md::ui

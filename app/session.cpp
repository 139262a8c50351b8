#include "session.h"

#include "core/futures.h"
#include "demo/demoenvironment.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshregistry.h"
#include "shell/mainwindow.h"
#include "store/secretstore.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::Session)
};
const auto ContextsKey = QStringLiteral("connections/contexts");
const auto MeshKey = QStringLiteral("meshes/current");
} // namespace

Session::Session(md::mesh::ConnectionManager *connections, md::mesh::MeshRegistry *registry,
                 md::ui::MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_connections(connections)
    , m_registry(registry)
    , m_window(window)
{
    // Tokens and passwords the user gives MeshDesk go to the system keychain.
    m_registry->setSecretStore(md::store::SecretStore());
}

Session::~Session()
{
    close();
}

void Session::showMessage(const QString &text)
{
    if (m_window)
        m_window->statusBar()->showMessage(text, 15000);
}

void Session::openKubeconfig(const md::kube::LoadingRules &rules, const QString &context)
{
    md::onFinished(
        this, QtConcurrent::run([rules] { return md::kube::loadKubeconfig(rules); }),
        [this, context](const md::Result<md::kube::Kubeconfig> &config) {
            if (!config) {
                const QString message
                    = Tr::tr("Cannot load the kubeconfig: %1").arg(config.error().toString());
                showMessage(message);
                std::fprintf(stderr, "meshdesk: %s\n", qPrintable(message));
                return;
            }
            QStringList contexts;
            if (!context.isEmpty())
                contexts << context;
            else
                contexts = QSettings().value(ContextsKey).toStringList();
            if (contexts.isEmpty() && !config->currentContext.isEmpty())
                contexts << config->currentContext;
            connectAll(*config, contexts, !context.isEmpty());
            const QString mesh = QSettings().value(MeshKey).toString();
            if (context.isEmpty() && !mesh.isEmpty() && m_registry->mesh(mesh))
                m_registry->selectMesh(mesh);
        });
}

void Session::openDemo()
{
    m_remember = false;
    // The demo's meshes live in memory; their secrets stay apart from the user's.
    m_registry->setSecretStore(md::store::SecretStore(QStringLiteral("MeshDesk demo")));
    m_demo = new md::demo::DemoEnvironment(this);
    connect(m_demo, &md::demo::DemoEnvironment::progress, this, &Session::showMessage);
    connect(m_demo, &md::demo::DemoEnvironment::failed, this, [this](const QString &error) {
        const QString message = Tr::tr("The demo could not start: %1").arg(error);
        showMessage(message);
        std::fprintf(stderr, "meshdesk: %s\n", qPrintable(message));
        emit demoFailed(error);
    });
    connect(
        m_demo, &md::demo::DemoEnvironment::ready, this, [this](const md::demo::DemoInfo &info) {
            const QString path = info.kubeconfigPath;
            md::onFinished(this,
                           QtConcurrent::run([path] { return md::kube::loadKubeconfigFile(path); }),
                           [this](const md::Result<md::kube::Kubeconfig> &config) {
                               if (!config) {
                                   showMessage(Tr::tr("Cannot read the demo's kubeconfig: %1")
                                                   .arg(config.error().toString()));
                                   return;
                               }
                               // Every cluster of the demo, with the admin contexts (not the
                               // read-only ones).
                               QStringList contexts;
                               for (const QString &name : config->contexts.keys()) {
                                   if (!name.endsWith(QLatin1String("-viewer")))
                                       contexts << name;
                               }
                               connectAll(*config, contexts, true);
                           });
        });
    // The demo's mesh is kept (in the demo's own store) and selected as soon as it is seen.
    connect(m_registry, &md::mesh::MeshRegistry::proposalsChanged, this, [this] {
        if (!m_registry->meshes().isEmpty() || m_registry->proposals().isEmpty())
            return;
        md::mesh::Mesh mesh = m_registry->proposals().constFirst();
        if (m_registry->proposals().constFirst().clusters().size()
            < m_connections->connectedContexts().size())
            return; // wait until every cluster of the demo reported
        // The demo's Prometheus scrapes meshsim: the Topology and Metrics pages read it.
        if (m_demo)
            mesh.prometheusUrl = m_demo->info().prometheusUrl;
        if (auto saved = m_registry->save(mesh); saved)
            m_registry->selectMesh(mesh.name);
    });
    m_demo->start();
}

void Session::connectAll(const md::kube::Kubeconfig &config, QStringList contexts,
                         bool explicitChoice)
{
    m_connections->setKubeconfig(config);
    QStringList errors;
    for (const QString &context : std::as_const(contexts)) {
        if (!explicitChoice && !config.contexts.contains(context))
            continue; // remembered, but gone from the kubeconfig
        QString error;
        if (!m_connections->connectContext(context, &error))
            errors << Tr::tr("%1: %2").arg(context, error);
    }
    if (!errors.isEmpty()) {
        showMessage(Tr::tr("Cannot connect %1").arg(errors.join(QStringLiteral("; "))));
        for (const QString &e : std::as_const(errors))
            std::fprintf(stderr, "meshdesk: %s\n", qPrintable(e));
    }
}

void Session::close()
{
    if (m_remember && m_connections) {
        QSettings().setValue(ContextsKey, m_connections->connectedContexts());
        QSettings().setValue(MeshKey, m_registry->currentMesh());
    }
    m_remember = false;
    if (m_demo)
        m_demo->stop();
}

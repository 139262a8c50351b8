#pragma once

// Test fixture shared by the editors' tests against meshsim: meshsim with Istio's CRDs, a
// ConnectionManager on the admin and viewer contexts of the primary cluster, an
// EditorSession over them (its database in a temporary directory), and a KubeClient to act
// behind the editor's back.

#include "meshsimprocess.h"

#include "apply/applyengine.h"
#include "editors/editorsession.h"
#include "editors/reviewdialog.h"
#include "istio/document.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "mesh/connectionmanager.h"
#include "shell/navigator.h"
#include "store/meshstore.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

namespace md::testing {

inline const QString Primary = QStringLiteral("meshsim-primary");
inline const QString Viewer = QStringLiteral("meshsim-primary-viewer");

inline const md::kube::ResourceRef VirtualServices {
    QStringLiteral("networking.istio.io"), QStringLiteral("v1"), QStringLiteral("virtualservices"),
    true, QStringLiteral("VirtualService")};

class EditorFixture
{
public:
    QString start()
    {
        const QString error = sim.start(
            {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
             QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
        if (!error.isEmpty())
            return error;
        auto kubeconfig = md::kube::loadKubeconfigFile(sim.kubeconfig());
        if (!kubeconfig)
            return kubeconfig.error().toString();
        connections = std::make_unique<md::mesh::ConnectionManager>();
        connections->setKubeconfig(*kubeconfig);
        connections->connectContext(Primary);
        connections->connectContext(Viewer);
        if (!QTest::qWaitFor(
                [&] {
                    return connections->health(Primary).isUp()
                        && connections->health(Viewer).state
                        != md::mesh::ClusterHealth::State::Connecting
                        && connections->health(Viewer).state
                        != md::mesh::ClusterHealth::State::NotConnected;
                },
                30000))
            return QStringLiteral("the clusters did not connect");
        md::kube::ResolveOptions options;
        options.context = Primary;
        admin = std::make_unique<md::kube::KubeClient>(
            *md::kube::resolveRestConfig(*kubeconfig, options));
        if (auto opened = store.open(dir.filePath(QStringLiteral("meshdesk.sqlite"))); !opened)
            return opened.error().toString();
        navigator = std::make_unique<md::ui::Navigator>();
        context.connections = connections.get();
        context.store = &store;
        context.navigator = navigator.get();
        session = md::ui::EditorSession::of(context);
        window = std::make_unique<QWidget>();
        window->resize(1200, 800);
        window->show();
        session->setMainWindow(window.get());
        return {};
    }

    void stop()
    {
        window.reset();
        navigator.reset(); // the session with it
        connections.reset();
        admin.reset();
        sim.stop();
    }

    // The object on the server; null when it does not exist (or on another error).
    QJsonObject get(const QString &name, const md::kube::ResourceRef &resource = VirtualServices,
                    const QString &ns = QStringLiteral("bookinfo"))
    {
        std::optional<md::kube::ObjectResult> result;
        admin->get(resource, ns, name, window.get(),
                   [&](md::kube::ObjectResult r) { result.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000) || !*result)
            return {};
        return result->value();
    }

    bool write(const QByteArray &method, const QJsonObject &object,
               const md::kube::ResourceRef &resource = VirtualServices)
    {
        std::optional<md::kube::ObjectResult> result;
        auto done = [&](md::kube::ObjectResult r) { result.emplace(std::move(r)); };
        const QString ns = object.value(QStringLiteral("metadata"))
                               .toObject()
                               .value(QStringLiteral("namespace"))
                               .toString();
        if (method == "POST")
            admin->create(resource, ns, object, {}, window.get(), done);
        else
            admin->update(resource, ns, object, {}, window.get(), done);
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
            return false;
        if (!*result)
            qWarning("%s", qPrintable(result->error().detail()));
        return bool(*result);
    }

    // The newest top-level widget of that object name (a dialog the UI opened).
    template<typename T> static T *topLevel(const QString &name)
    {
        T *found = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (w->objectName() == name && w->isVisible())
                if (auto typed = qobject_cast<T *>(w))
                    found = typed;
        }
        return found;
    }

    QTemporaryDir dir;
    MeshsimProcess sim;
    std::unique_ptr<md::mesh::ConnectionManager> connections;
    std::unique_ptr<md::kube::KubeClient> admin;
    md::store::MeshStore store;
    std::unique_ptr<md::ui::Navigator> navigator;
    md::ui::PageContext context;
    md::ui::EditorSession *session = nullptr;
    std::unique_ptr<QWidget> window;
};

inline QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

// spec.http[0].timeout of a VirtualService.
inline QString timeoutOf(const QJsonObject &vs)
{
    return vs.value(QStringLiteral("spec"))
        .toObject()
        .value(QStringLiteral("http"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("timeout"))
        .toString();
}

inline QString labelOf(const QJsonObject &object, const QString &key)
{
    return object.value(QStringLiteral("metadata"))
        .toObject()
        .value(QStringLiteral("labels"))
        .toObject()
        .value(key)
        .toString();
}

} // namespace md::testing

#pragma once

// Shared by the page tests that run the main window on meshsim's demo: the demo (two clusters
// over HTTPS) kept as mesh "demo" in an in-memory store, the main window under Xvfb (by
// default with the mesh selected, both clusters connected and the caches synced), and helpers
// for the review dialog that every write goes through.

#include "guitestutils.h"
#include "meshsimprocess.h"

#include "core/translations.h"
#include "editors/reviewdialog.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "shell/mainwindow.h"
#include "store/meshstore.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

namespace md::testing {

inline const QString Primary = QStringLiteral("meshsim-primary");
inline const QString Member = QStringLiteral("meshsim-member");
inline constexpr int Timeout = 30000;

class MeshWindowFixture
{
public:
    struct Options
    {
        QSize windowSize {1500, 860};
        bool selectAndSync = true; // select "demo", connect both clusters, wait for the caches
    };

    QString start() { return start(Options {}); }
    QString start(const Options &options)
    {
        isolateSettings();
        QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
        md::installTranslations(QLocale(QLocale::English));
        QString error = sim.start({QStringLiteral("--scenario"), QStringLiteral("demo"),
                                   QStringLiteral("--crds"),
                                   QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
        if (!error.isEmpty())
            return error;
        auto loaded = md::kube::loadKubeconfigFile(sim.kubeconfig());
        if (!loaded)
            return loaded.error().toString();
        kubeconfig = *loaded;
        connections = std::make_unique<md::mesh::ConnectionManager>();
        connections->setKubeconfig(kubeconfig);
        store = std::make_unique<md::store::MeshStore>();
        if (auto opened = store->open(QStringLiteral(":memory:")); !opened)
            return opened.error().toString();
        registry = std::make_unique<md::mesh::MeshRegistry>(store.get(), connections.get());
        md::mesh::Mesh demo;
        demo.name = QStringLiteral("demo");
        demo.type = md::mesh::Mesh::Type::Hosted;
        demo.controlPlane = Primary;
        demo.members = {Member};
        if (auto saved = registry->save(demo); !saved)
            return saved.error().toString();
        window
            = std::make_unique<md::ui::MainWindow>(connections.get(), registry.get(), store.get());
        window->resize(options.windowSize);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return QStringLiteral("the window was not shown");
        if (!options.selectAndSync)
            return {};
        registry->selectMesh(QStringLiteral("demo"));
        connections->connectContext(Primary);
        connections->connectContext(Member);
        if (!QTest::qWaitFor([this] { return window->pageContext().mesh->cache()->isSynced(); },
                             Timeout))
            return QStringLiteral("the caches did not sync");
        return {};
    }

    // meshsim's exit code (0 when it stopped cleanly).
    int stop()
    {
        window.reset();
        registry.reset();
        connections.reset();
        return sim.stop();
    }

    // The window's page as that type (null when another page shows).
    template<typename Page> Page *currentPage() const
    {
        return qobject_cast<Page *>(window->currentPage());
    }

    template<typename Page> Page *showPage(const QString &id)
    {
        window->showPage(id);
        return qobject_cast<Page *>(window->currentPage());
    }

    // The newest visible top-level widget of that object name and type.
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

    static void shoot(QWidget *widget, const QString &name)
    {
        QTest::qWait(150);
        const QImage image = widget->grab().toImage();
        image.save(QStringLiteral(SCREENSHOT_DIR "/") + name + QStringLiteral(".png"));
        image.save(QDir::temp().filePath(name + QStringLiteral(".png")));
    }

    // Waits for the review that a page opened, its dry run, then applies; the dialog is
    // returned (still open) or null on a failure.
    static md::ui::ReviewDialog *reviewAndApply(const QString &screenshot = {})
    {
        md::ui::ReviewDialog *review = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    return (review = topLevel<md::ui::ReviewDialog>(QStringLiteral("reviewDialog")))
                        != nullptr;
                },
                Timeout))
            return nullptr;
        review->setConfirmWarnings(false);
        if (!QTest::qWaitFor([&] { return review->dryRunDone() && !review->isBusy(); }, Timeout))
            return nullptr;
        if (!screenshot.isEmpty())
            shoot(review, screenshot);
        if (!review->applyButton()->isEnabled())
            return nullptr;
        QSignalSpy finished(review, &md::ui::ReviewDialog::applyFinished);
        QTest::mouseClick(review->applyButton(), Qt::LeftButton);
        if (!finished.wait(Timeout) && finished.isEmpty())
            return nullptr;
        return review;
    }

    MeshsimProcess sim;
    md::kube::Kubeconfig kubeconfig;
    std::unique_ptr<md::mesh::ConnectionManager> connections;
    std::unique_ptr<md::store::MeshStore> store;
    std::unique_ptr<md::mesh::MeshRegistry> registry;
    std::unique_ptr<md::ui::MainWindow> window;
};

} // namespace md::testing

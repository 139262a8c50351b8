#include "guitestutils.h"
#include "keychaintestutil.h"

#include "clusters/clusterspage.h"
#include "core/translations.h"
#include "kube/kubeconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshregistry.h"
#include "meshes/meshdialog.h"
#include "shell/mainwindow.h"
#include "store/meshstore.h"
#include "store/secretstore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <cstdio>
#include <functional>

using md::mesh::Mesh;
using md::testing::await;
using md::ui::MeshDialog;

namespace {

const auto Token = QStringLiteral("tok-31c9e0a4-dialog-bearer");

md::kube::Kubeconfig threeContexts()
{
    md::kube::Kubeconfig config;
    for (const char *name : {"cp-east", "member-a", "member-b"}) {
        md::kube::Context context;
        context.name = QString::fromLatin1(name);
        context.cluster = context.name; // no such cluster: connecting fails at once, offline
        context.user = QStringLiteral("admin");
        config.contexts.insert(context.name, context);
    }
    config.currentContext = QStringLiteral("cp-east");
    return config;
}

// What the screen shows of a window where the platform can grab it; its rendering otherwise.
QImage shotOf(QWidget *window)
{
    QImage shot;
    if (QGuiApplication::platformName() == QLatin1String("xcb"))
        shot = window->screen()->grabWindow(window->winId()).toImage();
    if (shot.isNull())
        shot = window->grab().toImage();
    return shot;
}

bool saveShot(QWidget *window, const QString &name)
{
    if (!QTest::qWaitForWindowExposed(window))
        return false;
    QTest::qWait(200); // painted
    const QString path = QDir(QStringLiteral(SCREENSHOT_DIR)).filePath(name);
    const bool saved = shotOf(window).save(path);
    qInfo("screenshot: %s", qPrintable(path));
    return saved;
}

// Acts on the modal MeshDialog once it is up (exec() blocks the caller meanwhile).
class OnDialog : public QObject
{
public:
    explicit OnDialog(std::function<void(MeshDialog *)> act)
        : m_act(std::move(act))
    {
        m_poll.setInterval(20);
        connect(&m_poll, &QTimer::timeout, this, [this] {
            auto dialog = qobject_cast<MeshDialog *>(QApplication::activeModalWidget());
            if (!dialog || !dialog->isVisible())
                return;
            m_poll.stop();
            seen = true;
            m_act(dialog);
            if (QTest::currentTestFailed())
                dialog->reject(); // a failed check returned early: let exec() return
        });
        m_poll.start();
    }
    bool seen = false;

private:
    std::function<void(MeshDialog *)> m_act;
    QTimer m_poll;
};

void selectData(QComboBox *box, const QString &data)
{
    box->setCurrentIndex(box->findData(data));
}

QListWidgetItem *memberItem(MeshDialog *dialog, const QString &context)
{
    QListWidget *list = dialog->memberList();
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() == context)
            return list->item(i);
    }
    return nullptr;
}

bool fileHolds(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = file.readAll();
    const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    return bytes.contains(text.toUtf8()) || bytes.contains(utf16);
}

} // namespace

class tst_MeshDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createAndReopenFromTheClustersPage();
    void tokenShowsLoadingThenTheKeychainsValue();
    void keyboardEnterEscapeAndTabOrder();
    void renameKeepsTheToken();
    void closingBeforeTheKeychainAnswers();
    void keychainFailureIsShownAndKeepsTheOtherEdits();
    void noSessionBusIsExplainedInTheDialog();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("meshdesk.sqlite")); }
    std::optional<QString> tokenOf(const QString &mesh) const;
    Mesh kept() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<md::store::MeshStore> m_store;
    std::unique_ptr<md::mesh::ConnectionManager> m_connections;
    std::unique_ptr<md::mesh::MeshRegistry> m_registry;
};

void tst_MeshDialog::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
    md::installTranslations(QLocale(QLocale::English));
    MD_REQUIRE_KEYCHAIN();
}

void tst_MeshDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<md::store::MeshStore>();
    QVERIFY(m_store->open(dbPath()));
    m_connections = std::make_unique<md::mesh::ConnectionManager>();
    m_connections->setKubeconfig(threeContexts());
    m_registry = std::make_unique<md::mesh::MeshRegistry>(m_store.get(), m_connections.get());
    m_registry->setSecretStore(md::store::SecretStore(md::testing::testService()));
}

void tst_MeshDialog::cleanup()
{
    const md::store::SecretStore secrets(md::testing::testService());
    for (const char *name : {"prod", "production"})
        QVERIFY(await(secrets.remove(md::mesh::prometheusTokenKey(QString::fromLatin1(name)))));
    m_registry.reset();
    m_connections.reset();
    m_store.reset();
    m_dir.reset();
}

std::optional<QString> tst_MeshDialog::tokenOf(const QString &mesh) const
{
    auto read = await(m_registry->prometheusToken(mesh));
    return read ? *read : std::optional<QString>(QStringLiteral("<keychain error>"));
}

Mesh tst_MeshDialog::kept() const
{
    Mesh m;
    m.name = QStringLiteral("prod");
    m.type = Mesh::Type::Hosted;
    m.controlPlane = QStringLiteral("cp-east");
    m.members = {QStringLiteral("member-b")};
    m.prometheusUrl = QStringLiteral("https://prometheus.example.org:9090");
    return m;
}

void tst_MeshDialog::createAndReopenFromTheClustersPage()
{
    md::ui::MainWindow window(m_connections.get(), m_registry.get());
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showPage(QStringLiteral("clusters"));
    auto page = qobject_cast<md::ui::ClustersPage *>(window.currentPage());
    QVERIFY(page);
    QVERIFY(page->newMeshAction()->isEnabled());
    QVERIFY(!page->editMeshAction()->isEnabled()); // no mesh picked yet

    bool checked = false;
    OnDialog create([&](MeshDialog *dialog) {
        // Empty: OK is off and the name says why, next to it.
        QVERIFY(!dialog->okButton()->isEnabled());
        QCOMPARE(dialog->fieldError(QStringLiteral("name")), QStringLiteral("a mesh needs a name"));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("error:name"))->isVisible());
        QCOMPARE(dialog->tokenState(), MeshDialog::TokenState::Unchanged);
        QCOMPARE(dialog->rootNamespaceEdit()->text(), QStringLiteral("istio-system"));

        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("prod"));
        QVERIFY(dialog->fieldError(QStringLiteral("name")).isEmpty());
        QVERIFY(!dialog->fieldError(QStringLiteral("controlPlane")).isEmpty());
        selectData(dialog->typeBox(), QStringLiteral("hosted"));
        selectData(dialog->controlPlaneBox(), QStringLiteral("cp-east"));
        QVERIFY(memberItem(dialog, QStringLiteral("cp-east"))->isHidden());
        memberItem(dialog, QStringLiteral("member-a"))->setCheckState(Qt::Checked);

        // A bad URL: the message sits under the URL field and OK stays off.
        QTest::keyClicks(dialog->prometheusUrlEdit(), QStringLiteral("ftp://metrics"));
        QCOMPARE(dialog->fieldError(QStringLiteral("prometheusUrl")),
                 QStringLiteral("\"ftp://metrics\" is not an http(s) URL"));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("error:prometheusUrl"))->isVisible());
        QVERIFY(!dialog->okButton()->isEnabled());
        QTest::keyClicks(dialog->tokenEdit(), Token);
        QVERIFY(saveShot(dialog, QStringLiteral("meshdialog-invalid.png")));

        dialog->prometheusUrlEdit()->clear();
        QTest::keyClicks(dialog->prometheusUrlEdit(),
                         QStringLiteral("https://prometheus.example.org:9090"));
        QVERIFY(dialog->fieldError(QStringLiteral("prometheusUrl")).isEmpty());
        // The Grafana URL is checked the same way, under its own field.
        QTest::keyClicks(dialog->grafanaUrlEdit(), QStringLiteral("grafana"));
        QCOMPARE(dialog->fieldError(QStringLiteral("grafanaUrl")),
                 QStringLiteral("\"grafana\" is not an http(s) URL"));
        QVERIFY(!dialog->okButton()->isEnabled());
        dialog->grafanaUrlEdit()->clear();
        QTest::keyClicks(dialog->grafanaUrlEdit(), QStringLiteral("https://grafana.example.org"));
        QVERIFY(dialog->fieldError(QStringLiteral("grafanaUrl")).isEmpty());
        QVERIFY(dialog->okButton()->isEnabled());
        QCOMPARE(dialog->tokenEdit()->echoMode(), QLineEdit::Password);
        checked = true;
        dialog->okButton()->click();
    });
    page->newMeshAction()->trigger();
    QVERIFY(create.seen);
    QVERIFY(checked);

    QCOMPARE(m_registry->meshes().size(), 1);
    const Mesh saved = m_registry->meshes().constFirst();
    QCOMPARE(saved.name, QStringLiteral("prod"));
    QCOMPARE(saved.type, Mesh::Type::Hosted);
    QCOMPARE(saved.controlPlane, QStringLiteral("cp-east"));
    QCOMPARE(saved.members, QStringList {QStringLiteral("member-a")});
    QCOMPARE(saved.rootNamespace, QStringLiteral("istio-system"));
    QCOMPARE(saved.prometheusUrl, QStringLiteral("https://prometheus.example.org:9090"));
    QCOMPARE(saved.grafanaUrl, QStringLiteral("https://grafana.example.org"));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>(Token));
    QCOMPARE(m_registry->currentMesh(), QStringLiteral("prod")); // the new mesh is picked
    QVERIFY(page->editMeshAction()->isEnabled());

    // Reopened: the token comes back from the keychain; Escape leaves without saving.
    bool reopened = false;
    OnDialog edit([&](MeshDialog *dialog) {
        QTRY_COMPARE_WITH_TIMEOUT(dialog->tokenState(), MeshDialog::TokenState::Loaded, 20000);
        QCOMPARE(dialog->tokenEdit()->text(), Token);
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("prod"));
        QCOMPARE(memberItem(dialog, QStringLiteral("member-a"))->checkState(), Qt::Checked);
        QCOMPARE(memberItem(dialog, QStringLiteral("member-b"))->checkState(), Qt::Unchecked);
        QVERIFY(dialog->okButton()->isEnabled());
        QVERIFY(saveShot(dialog, QStringLiteral("meshdialog.png")));
        reopened = true;
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    page->editMeshAction()->trigger();
    QVERIFY(edit.seen);
    QVERIFY(reopened);
    window.close(); // writes the window's settings

    // The token is in neither the database nor the settings.
    QSettings().sync();
    QVERIFY(fileHolds(dbPath(), QStringLiteral("prometheus.example.org")));
    QVERIFY(QFile::exists(QSettings().fileName()));
    QVERIFY(!fileHolds(dbPath(), Token));
    QVERIFY(!fileHolds(dbPath() + QStringLiteral("-journal"), Token));
    QVERIFY(!fileHolds(QSettings().fileName(), Token));
}

void tst_MeshDialog::tokenShowsLoadingThenTheKeychainsValue()
{
    QVERIFY(await(m_registry->saveMesh(kept(), QString(), Token)));
    MeshDialog dialog(m_registry.get(), m_connections->contexts(), QStringLiteral("prod"));
    QSignalSpy states(&dialog, &MeshDialog::tokenStateChanged);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Right after opening the keychain has not answered yet: the field says it is loading.
    QCOMPARE(dialog.tokenState(), MeshDialog::TokenState::Loading);
    QVERIFY(dialog.tokenEdit()->isReadOnly());
    QCOMPARE(dialog.tokenEdit()->placeholderText(), QStringLiteral("Loading…"));
    QVERIFY(dialog.tokenStatus()->isVisible());
    QCOMPARE(dialog.tokenStatus()->text(), QStringLiteral("Loading the token from the keychain…"));
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("prod")));

    QTRY_COMPARE_WITH_TIMEOUT(dialog.tokenState(), MeshDialog::TokenState::Loaded, 20000);
    QCOMPARE(states.size(), 1);
    QCOMPARE(dialog.tokenEdit()->text(), Token);
    QVERIFY(!dialog.tokenEdit()->isReadOnly());
    QCOMPARE(dialog.tokenStatus()->text(), QStringLiteral("Kept in the system keychain."));
    // "Show" reveals it.
    dialog.findChild<QToolButton *>(QStringLiteral("meshShowToken"))->click();
    QCOMPARE(dialog.tokenEdit()->echoMode(), QLineEdit::Normal);

    // A mesh without a token says so.
    Mesh other = kept();
    other.name = QStringLiteral("production");
    QVERIFY(await(m_registry->saveMesh(other, QString())));
    MeshDialog none(m_registry.get(), m_connections->contexts(), QStringLiteral("production"));
    QTRY_COMPARE_WITH_TIMEOUT(none.tokenState(), MeshDialog::TokenState::Missing, 20000);
    QVERIFY(none.tokenEdit()->text().isEmpty());
    QVERIFY(none.tokenStatus()->text().contains(QStringLiteral("no token")));
}

void tst_MeshDialog::keyboardEnterEscapeAndTabOrder()
{
    {
        MeshDialog dialog(m_registry.get(), m_connections->contexts());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.activateWindow();
        QTRY_VERIFY(dialog.isActiveWindow());
        QCOMPARE(dialog.focusWidget(), dialog.nameEdit());
        const QList<QWidget *> order {
            dialog.typeBox(),
            dialog.controlPlaneBox(),
            dialog.memberList(),
            dialog.rootNamespaceEdit(),
            dialog.prometheusUrlEdit(),
            dialog.tokenEdit(),
            dialog.findChild<QToolButton *>(QStringLiteral("meshShowToken")),
            dialog.caFileEdit()};
        for (QWidget *next : order) {
            QTest::keyClick(dialog.focusWidget(), Qt::Key_Tab);
            QCOMPARE(dialog.focusWidget(), next);
        }
        // Escape closes without saving.
        QTest::keyClick(dialog.focusWidget(), Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(m_registry->meshes().isEmpty());
    }
    {
        // Enter saves once the mesh is valid (and does nothing before).
        MeshDialog dialog(m_registry.get(), m_connections->contexts());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("prod"));
        selectData(dialog.controlPlaneBox(), QStringLiteral("member-b"));
        QVERIFY(dialog.okButton()->isEnabled());
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_registry->meshes().size(), 1);
        QCOMPARE(m_registry->meshes().constFirst().controlPlane, QStringLiteral("member-b"));
        QCOMPARE(m_registry->meshes().constFirst().type, Mesh::Type::Dedicated);
        QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>()); // none typed
    }
}

void tst_MeshDialog::renameKeepsTheToken()
{
    QVERIFY(await(m_registry->saveMesh(kept(), QString(), Token)));
    Mesh other = kept();
    other.name = QStringLiteral("staging");
    QVERIFY(m_registry->save(other));
    MeshDialog dialog(m_registry.get(), m_connections->contexts(), QStringLiteral("prod"));
    dialog.show();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.tokenState(), MeshDialog::TokenState::Loaded, 20000);
    // Another mesh's name is taken.
    dialog.nameEdit()->setText(QStringLiteral("staging"));
    QCOMPARE(dialog.fieldError(QStringLiteral("name")),
             QStringLiteral("there is a mesh named \"staging\" already"));
    QVERIFY(!dialog.okButton()->isEnabled());
    dialog.nameEdit()->setText(QStringLiteral("production"));
    QVERIFY(dialog.okButton()->isEnabled());
    dialog.okButton()->click();
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(m_registry->mesh(QStringLiteral("production")));
    QVERIFY(!m_registry->mesh(QStringLiteral("prod")));
    QCOMPARE(tokenOf(QStringLiteral("production")), std::optional<QString>(Token));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>());
    QVERIFY(m_registry->remove(QStringLiteral("staging")));
}

void tst_MeshDialog::closingBeforeTheKeychainAnswers()
{
    QVERIFY(await(m_registry->saveMesh(kept(), QString(), Token)));
    {
        MeshDialog dialog(m_registry.get(), m_connections->contexts(), QStringLiteral("prod"));
        QCOMPARE(dialog.tokenState(), MeshDialog::TokenState::Loading);
    } // gone before the token arrives
    {
        MeshDialog dialog(m_registry.get(), m_connections->contexts(), QStringLiteral("prod"));
        QTRY_COMPARE_WITH_TIMEOUT(dialog.tokenState(), MeshDialog::TokenState::Loaded, 20000);
        dialog.nameEdit()->setText(QStringLiteral("production"));
        dialog.okButton()->click();
    } // gone while the token moves
    // The move finishes without the dialog.
    QTRY_COMPARE_WITH_TIMEOUT(tokenOf(QStringLiteral("production")), std::optional<QString>(Token),
                              20000);
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>());
}

void tst_MeshDialog::keychainFailureIsShownAndKeepsTheOtherEdits()
{
    // A registry that has no keychain to use.
    md::mesh::MeshRegistry registry(m_store.get(), m_connections.get());
    QVERIFY(registry.save(kept()));
    MeshDialog dialog(&registry, m_connections->contexts(), QStringLiteral("prod"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.tokenState(), MeshDialog::TokenState::Failed, 20000);
    QVERIFY(dialog.tokenStatus()->isVisible());
    QVERIFY(!dialog.fieldError(QStringLiteral("prometheusToken")).isEmpty());
    QVERIFY(!dialog.tokenEdit()->isReadOnly());

    dialog.rootNamespaceEdit()->setText(QStringLiteral("istio-config"));
    QTest::keyClicks(dialog.tokenEdit(), Token);
    dialog.okButton()->click();
    QTRY_VERIFY(dialog.okButton()->isEnabled());
    QVERIFY(dialog.isVisible()); // the failure stays in front of the user
    const QString error = dialog.fieldError(QStringLiteral("prometheusToken"));
    QVERIFY2(error.contains(QStringLiteral("did not take its Prometheus token")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Mesh prod is saved")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Press OK to try again")), qPrintable(error));
    QCOMPARE(m_store->mesh(QStringLiteral("prod"))->rootNamespace, QStringLiteral("istio-config"));
    QCOMPARE(dialog.tokenEdit()->text(), Token); // still there to try again
    QVERIFY(!fileHolds(dbPath(), Token));

    // Once a keychain is there, OK again stores the token and closes.
    registry.setSecretStore(md::store::SecretStore(md::testing::testService()));
    dialog.okButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 20000);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(tokenOf(QStringLiteral("prod")), std::optional<QString>(Token));
}

// As under a bare `xvfb-run meshdesk --demo`: no session bus, so no keychain. A child
// process opens the dialog there and reports what the token field says.
void tst_MeshDialog::noSessionBusIsExplainedInTheDialog()
{
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=%1/no-such-bus").arg(runtime.path()));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--no-keychain-dialog")});
    QVERIFY(child.waitForFinished(60000));
    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    QVERIFY2(child.exitCode() == 0,
             qPrintable(out + QString::fromUtf8(child.readAllStandardError())));
    QVERIFY2(out.startsWith(QStringLiteral("Failed\n")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("no keychain is available")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("gnome-keyring-daemon --unlock")), qPrintable(out));
}

// The child of noSessionBusIsExplainedInTheDialog.
static int noKeychainDialog(int argc, char **argv)
{
    QApplication app(argc, argv);
    md::installTranslations(QLocale(QLocale::English));
    md::store::MeshStore store;
    if (!store.open(QStringLiteral(":memory:")))
        return 2;
    md::mesh::ConnectionManager connections;
    md::mesh::MeshRegistry registry(&store, &connections);
    registry.setSecretStore(md::store::SecretStore(md::testing::testService()));
    Mesh m;
    m.name = QStringLiteral("demo");
    m.controlPlane = QStringLiteral("cp-east");
    if (!registry.save(m))
        return 3;
    MeshDialog dialog(&registry, {QStringLiteral("cp-east")}, m.name);
    dialog.show();
    if (!QTest::qWaitFor([&] { return dialog.tokenState() != MeshDialog::TokenState::Loading; },
                         30000))
        return 4;
    QTest::qWait(100);
    saveShot(&dialog, QStringLiteral("meshdialog-nokeychain.png"));
    const char *state = dialog.tokenState() == MeshDialog::TokenState::Failed ? "Failed" : "Other";
    std::printf("%s\n%s\n", state, qPrintable(dialog.tokenStatus()->text()));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--no-keychain-dialog") == 0)
        return noKeychainDialog(argc, argv);
    QApplication app(argc, argv);
    tst_MeshDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_meshdialog.moc"

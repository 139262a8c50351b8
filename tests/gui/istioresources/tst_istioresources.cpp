// The Istio resources page (config.resources) in the main window against the real meshsim
// demo (two clusters over HTTPS): the kind tree lists every Istio kind the clusters serve
// with the counts of their objects; objects created behind the page's back are counted; the
// search and filters narrow the table; every kind's template is accepted by the validator and
// by the server's dry run; "New" opens a template in the editor whose review creates the object
// in meshsim; labels are edited and checked as Kubernetes does, then applied through the
// review; delete goes through the confirmation. The models run under QAbstractItemModelTester.

#include "guitestutils.h"
#include "meshsimprocess.h"
#include "meshwindowfixture.h"

#include "core/translations.h"
#include "editors/editors.h"
#include "editors/editorsession.h"
#include "editors/editorwindow.h"
#include "editors/policyeditor.h"
#include "editors/resultmodel.h"
#include "editors/reviewdialog.h"
#include "istio/document.h"
#include "istio/validator.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "resources/kindtreemodel.h"
#include "resources/metadatadialog.h"
#include "resources/metadatarules.h"
#include "resources/resourcespage.h"
#include "resources/resourcetablemodel.h"
#include "resources/resourcetemplates.h"
#include "shell/mainwindow.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace md;
using md::resources::KindTreeModel;
using md::resources::ResourceTableModel;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");
const QString Net = QStringLiteral("networking.istio.io");
constexpr int Timeout = 30000;

const kube::ResourceRef DestinationRules {Net, QStringLiteral("v1"),
                                          QStringLiteral("destinationrules"), true,
                                          QStringLiteral("DestinationRule")};
const kube::ResourceRef ServiceEntries {Net, QStringLiteral("v1"), QStringLiteral("serviceentries"),
                                        true, QStringLiteral("ServiceEntry")};

template<typename T> T *topLevel(const QString &name)
{
    T *found = nullptr;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w->objectName() == name && w->isVisible())
            if (auto typed = qobject_cast<T *>(w))
                found = typed;
    }
    return found;
}

bool waitDryRunThenApply(ui::ReviewDialog *review)
{
    review->setConfirmWarnings(false);
    if (!QTest::qWaitFor([review] { return review->dryRunDone() && !review->isBusy(); }, Timeout))
        return false;
    if (!review->applyButton()->isEnabled()) {
        for (const ui::ReviewRow &row : review->resultModel()->rows())
            qWarning("review: stage %d, %d errors: %s", int(row.stage), row.errors,
                     qPrintable(row.result));
        return false;
    }
    QSignalSpy finished(review, &ui::ReviewDialog::applyFinished);
    QTest::mouseClick(review->applyButton(), Qt::LeftButton);
    return finished.wait(Timeout) || finished.size() > 0;
}

} // namespace

class tst_IstioResources : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void metadataRules_data();
    void metadataRules();
    void treeShowsKindsWithCounts();
    void exportWritesTheTargetClustersPolicies();
    void searchAndFilters();
    void everyTemplateIsAccepted();
    void createFromTemplateThroughReview();
    void openInTheEditor();
    void editLabelsThroughReview();
    void deleteThroughConfirmation();

private:
    ui::ResourcesPage *showPage();
    void screenshot(const QString &name);
    QJsonObject get(const kube::ResourceRef &resource, const QString &ns, const QString &name);
    bool create(const kube::ResourceRef &resource, const QByteArray &json, bool dryRun = false,
                QString *error = nullptr);
    int rowOf(const ui::ResourcesPage *page, const QString &kind, const QString &name) const;
    bool selectRow(ui::ResourcesPage *page, const QString &kind, const QString &name);

    testing::MeshWindowFixture m_fx;
    std::unique_ptr<kube::KubeClient> m_admin;
    std::unique_ptr<QAbstractItemModelTester> m_kindTester, m_tableTester, m_filterTester;
};

void tst_IstioResources::initTestCase()
{
    testing::MeshWindowFixture::Options setup;
    setup.windowSize = QSize(1500, 900);
    const QString error = m_fx.start(setup); // the demo mesh selected, its caches synced
    QVERIFY2(error.isEmpty(), qPrintable(error));
    kube::ResolveOptions options;
    options.context = Primary;
    m_admin
        = std::make_unique<kube::KubeClient>(*kube::resolveRestConfig(m_fx.kubeconfig, options));
}

void tst_IstioResources::cleanupTestCase()
{
    m_kindTester.reset();
    m_tableTester.reset();
    m_filterTester.reset();
    m_admin.reset();
    QCOMPARE(m_fx.stop(), 0);
}

ui::ResourcesPage *tst_IstioResources::showPage()
{
    m_fx.window->showPage(QStringLiteral("config.resources"));
    auto page = qobject_cast<ui::ResourcesPage *>(m_fx.window->currentPage());
    if (page && !m_kindTester) {
        using Mode = QAbstractItemModelTester::FailureReportingMode;
        m_kindTester = std::make_unique<QAbstractItemModelTester>(page->kindModel(), Mode::Fatal);
        m_tableTester = std::make_unique<QAbstractItemModelTester>(page->model(), Mode::Fatal);
        m_filterTester
            = std::make_unique<QAbstractItemModelTester>(page->filterModel(), Mode::Fatal);
    }
    return page;
}

void tst_IstioResources::screenshot(const QString &name)
{
    QCoreApplication::processEvents();
    QVERIFY(m_fx.window->grab().save(QStringLiteral(SCREENSHOT_DIR "/") + name
                                     + QStringLiteral(".png")));
}

QJsonObject tst_IstioResources::get(const kube::ResourceRef &resource, const QString &ns,
                                    const QString &name)
{
    std::optional<kube::ObjectResult> result;
    m_admin->get(resource, ns, name, this,
                 [&](kube::ObjectResult r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, Timeout) || !*result)
        return {};
    return result->value();
}

bool tst_IstioResources::create(const kube::ResourceRef &resource, const QByteArray &json,
                                bool dryRun, QString *error)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    kube::WriteOptions options;
    options.dryRun = dryRun;
    std::optional<kube::ObjectResult> result;
    m_admin->create(resource, object.value("metadata").toObject().value("namespace").toString(),
                    object, options, this,
                    [&](kube::ObjectResult r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, Timeout))
        return false;
    if (!*result && error)
        *error = result->error().detail();
    return bool(*result);
}

int tst_IstioResources::rowOf(const ui::ResourcesPage *page, const QString &kind,
                              const QString &name) const
{
    const auto *filter = page->filterModel();
    for (int row = 0; row < filter->rowCount(); ++row) {
        const QModelIndex index = filter->index(row, 0);
        if (index.data(ResourceTableModel::KindRole).toString() == kind
            && index.data(ResourceTableModel::NameRole).toString() == name)
            return row;
    }
    return -1;
}

bool tst_IstioResources::selectRow(ui::ResourcesPage *page, const QString &kind,
                                   const QString &name)
{
    if (!QTest::qWaitFor([&] { return rowOf(page, kind, name) >= 0; }, Timeout))
        return false;
    page->table()->setFocus();
    page->table()->selectRow(rowOf(page, kind, name));
    return page->table()->currentIndex().isValid();
}

void tst_IstioResources::metadataRules_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "app"
                           << "reviews" << true;
    QTest::newRow("prefixed") << "app.kubernetes.io/name"
                              << "reviews-v1.2_x" << true;
    QTest::newRow("empty value") << "team"
                                 << "" << true;
    QTest::newRow("63 name") << QString(63, u'a') << "x" << true;
    QTest::newRow("64 name") << QString(64, u'a') << "x" << false;
    QTest::newRow("63 value") << "k" << QString(63, u'v') << true;
    QTest::newRow("64 value") << "k" << QString(64, u'v') << false;
    QTest::newRow("space") << "bad key"
                           << "x" << false;
    QTest::newRow("upper prefix") << "Example.com/name"
                                  << "x" << false;
    QTest::newRow("two slashes") << "a/b/c"
                                 << "x" << false;
    QTest::newRow("empty name") << "example.com/"
                                << "x" << false;
    QTest::newRow("empty key") << ""
                               << "x" << false;
    QTest::newRow("dash start") << "-app"
                                << "x" << false;
    QTest::newRow("value dash end") << "app"
                                    << "v1-" << false;
    QTest::newRow("value slash") << "app"
                                 << "a/b" << false;
}

void tst_IstioResources::metadataRules()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    const auto checked = md::resources::checkLabels({{key, value}});
    QCOMPARE(bool(checked), valid);
    if (!valid) // the error names where
        QVERIFY2(checked.error().toString().startsWith(QStringLiteral("metadata.labels[")),
                 qPrintable(checked.error().toString()));
    QVERIFY(!md::resources::checkLabels({{"app", "a"}, {"app", "b"}}));
    QVERIFY(md::resources::checkAnnotations({{"note", QString(1000, u'x')}}));
    QVERIFY(!md::resources::checkAnnotations(
        {{"note", QString(md::resources::MaxAnnotationBytes + 1, u'x')}}));
}

void tst_IstioResources::treeShowsKindsWithCounts()
{
    ui::ResourcesPage *page = showPage();
    QVERIFY(page);
    const KindTreeModel *kinds = page->kindModel();
    // Every Istio kind of the CRDs, served by both clusters.
    QVERIFY(QTest::qWaitFor([&] { return kinds->kinds().size() >= 14; }, Timeout));
    QVERIFY(QTest::qWaitFor([&] { return page->isShowingTable(); }, Timeout));
    for (const QString &kind : md::resources::templateKinds()) {
        bool found = false;
        for (const auto &info : kinds->kinds()) {
            if (info.kind == kind) {
                found = true;
                QVERIFY2(info.clusters.contains(Primary) && info.clusters.contains(Member),
                         qPrintable(kind));
            }
        }
        QVERIFY2(found, qPrintable(kind));
    }
    QVERIFY(kinds->groups().contains(Net));
    QVERIFY(kinds->groups().contains(QStringLiteral("security.istio.io")));

    // The counts are the objects of the kind across the clusters, groups their sum.
    const auto count = [&](const QString &group, const QString &kind) {
        return kinds->indexOf(group, kind)
            .siblingAtColumn(KindTreeModel::CountColumn)
            .data()
            .toInt();
    };
    const auto rows = [&](const QString &kind) {
        int n = 0;
        for (int row = 0; row < page->model()->rowCount(); ++row)
            n += page->model()->rowAt(row).resource.kind == kind;
        return n;
    };
    QVERIFY(QTest::qWaitFor([&] { return count(Net, "VirtualService") > 0; }, Timeout));
    QCOMPARE(count(Net, "VirtualService"), rows("VirtualService"));
    int sum = 0;
    const QModelIndex group = kinds->indexOf(Net);
    for (int row = 0; row < kinds->rowCount(group); ++row)
        sum += kinds->index(row, KindTreeModel::CountColumn, group).data().toInt();
    QCOMPARE(kinds->index(group.row(), KindTreeModel::CountColumn).data().toInt(), sum);

    // An object created behind the page's back is counted.
    const int before = count(Net, "DestinationRule");
    QVERIFY(create(DestinationRules, R"({"apiVersion":"networking.istio.io/v1",
        "kind":"DestinationRule","metadata":{"name":"counted","namespace":"bookinfo"},
        "spec":{"host":"ratings"}})"));
    QVERIFY(QTest::qWaitFor([&] { return count(Net, "DestinationRule") == before + 1; }, Timeout));

    // Picking a kind shows its objects only.
    page->kindTree()->setCurrentIndex(kinds->indexOf(Net, "DestinationRule"));
    QCOMPARE(page->currentKind(), QStringLiteral("DestinationRule"));
    QCOMPARE(page->filterModel()->rowCount(), before + 1);
    QCOMPARE(page->newAction()->text(), QStringLiteral("New DestinationRule…"));
    QVERIFY(rowOf(page, "DestinationRule", "counted") >= 0);
    // The live checks reach the rows.
    QVERIFY(QTest::qWaitFor(
        [&] {
            const QModelIndex at = page->filterModel()->index(
                rowOf(page, "DestinationRule", "counted"), ResourceTableModel::ChecksColumn);
            return !at.data().toString().isEmpty();
        },
        Timeout));
    page->kindTree()->setCurrentIndex(kinds->indexOf(Net));
    QCOMPARE(page->currentKind(), QString());
    page->selectKind({}, {});
    QCOMPARE(page->filterModel()->rowCount(), page->model()->rowCount());
    screenshot(QStringLiteral("istio-resources"));
}

void tst_IstioResources::exportWritesTheTargetClustersPolicies()
{
    // "Export YAML…" with no editor open: the Istio objects of the target cluster, parsed and
    // written in a worker thread.
    const ui::PageContext &context = m_fx.window->pageContext();
    ui::EditorSession *session = ui::EditorSession::of(context);
    QVERIFY(session);
    QVERIFY(!session->existingWindow());
    qsizetype expected = 0;
    for (const auto &table : context.mesh->cache()->tables({})) {
        if (table.context == session->target()
            && table.resource.group.endsWith(QLatin1String("istio.io")))
            expected += table.objects.size();
    }
    QVERIFY(expected > 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("policies.yaml"));
    QFuture<QString> done = ui::exportYamlTo(context, path);
    QVERIFY(QTest::qWaitFor([&] { return done.isFinished(); }, Timeout));
    QCOMPARE(done.result(), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray yaml = file.readAll();
    QCOMPARE(yaml.count("\n---\n") + 1, expected);
    QVERIFY(yaml.contains("kind: VirtualService\n"));
    QVERIFY(!yaml.contains("resourceVersion"));

    // A folder that is not there: the error names the file.
    const QString nowhere = dir.filePath(QStringLiteral("missing/policies.yaml"));
    done = ui::exportYamlTo(context, nowhere);
    QVERIFY(QTest::qWaitFor([&] { return done.isFinished(); }, Timeout));
    QVERIFY2(done.result().contains(nowhere), qPrintable(done.result()));
}

void tst_IstioResources::searchAndFilters()
{
    ui::ResourcesPage *page = showPage();
    const int all = page->model()->rowCount();
    QTest::keyClicks(page->searchField(), QStringLiteral("COUNTED"));
    QCOMPARE(page->filterModel()->rowCount(), 1);
    QVERIFY(page->countLabel()->text().startsWith(QStringLiteral("1 of ")));
    page->searchField()->clear();
    QCOMPARE(page->filterModel()->rowCount(), all);

    const int member = page->clusterCombo()->findData(Member);
    QVERIFY(member > 0);
    page->clusterCombo()->setCurrentIndex(member);
    emit page->clusterCombo()->activated(member);
    for (int row = 0; row < page->filterModel()->rowCount(); ++row)
        QCOMPARE(
            page->filterModel()->index(row, 0).data(ResourceTableModel::ContextRole).toString(),
            Member);
    page->clusterCombo()->setCurrentIndex(0);
    emit page->clusterCombo()->activated(0);

    const int bookinfo = page->namespaceCombo()->findData(QStringLiteral("bookinfo"));
    QVERIFY(bookinfo > 0);
    page->namespaceCombo()->setCurrentIndex(bookinfo);
    emit page->namespaceCombo()->activated(bookinfo);
    QVERIFY(page->filterModel()->rowCount() > 0);
    QVERIFY(page->filterModel()->rowCount() < all);
    for (int row = 0; row < page->filterModel()->rowCount(); ++row)
        QCOMPARE(
            page->filterModel()->index(row, 0).data(ResourceTableModel::NamespaceRole).toString(),
            QStringLiteral("bookinfo"));
    page->namespaceCombo()->setCurrentIndex(0);
    emit page->namespaceCombo()->activated(0);
    QCOMPARE(page->filterModel()->rowCount(), all);
}

void tst_IstioResources::everyTemplateIsAccepted()
{
    ui::ResourcesPage *page = showPage();
    // MeshDesk's own validation (schema from the CRDs, Istio's rules).
    auto validator = istio::Validator::fromCrdFile(
        QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml"));
    QVERIFY2(validator, validator ? "" : qPrintable(validator.error().toString()));
    // A copy: the dry runs below run the event loop, and the model may refresh its kinds.
    const QList<md::resources::KindInfo> kinds = page->kindModel()->kinds();
    for (const auto &info : kinds) {
        const QString text = md::resources::resourceTemplate(info.apiVersion, info.kind,
                                                             QStringLiteral("bookinfo"));
        auto object = istio::parseValue(text.toUtf8());
        QVERIFY2(object, qPrintable(info.kind));
        for (const istio::Message &m : validator->validate(*object))
            QVERIFY2(m.severity != istio::Severity::Error,
                     qPrintable(info.kind + ": " + m.toString()));
        // The server's own validation (its CRD schema) in a dry run.
        const kube::ResourceRef *ref = nullptr;
        const auto resources = m_fx.window->pageContext().mesh->cache()->resources(Primary);
        for (const kube::ResourceRef &r : resources) {
            if (r.group == info.group && r.kind == info.kind)
                ref = &r;
        }
        QVERIFY2(ref, qPrintable(info.kind));
        QString error;
        QVERIFY2(create(*ref, istio::toJson(*object), true, &error),
                 qPrintable(info.kind + ": " + error));
    }
    // A kind without a template of its own gets the skeleton.
    const QString other = md::resources::resourceTemplate(QStringLiteral("example.istio.io/v1"),
                                                          QStringLiteral("Widget"), {});
    auto skeleton = istio::parseValue(other.toUtf8());
    QVERIFY(skeleton);
    QCOMPARE(skeleton->value("apiVersion").toString(), QStringLiteral("example.istio.io/v1"));
    QCOMPARE(skeleton->value("metadata").value("namespace").toString(), QStringLiteral("default"));
    QVERIFY(skeleton->value("spec").isObject());
}

void tst_IstioResources::createFromTemplateThroughReview()
{
    ui::ResourcesPage *page = showPage();
    page->clusterCombo()->setCurrentIndex(page->clusterCombo()->findData(Primary));
    emit page->clusterCombo()->activated(page->clusterCombo()->currentIndex());
    page->namespaceCombo()->setCurrentIndex(
        page->namespaceCombo()->findData(QStringLiteral("bookinfo")));
    emit page->namespaceCombo()->activated(page->namespaceCombo()->currentIndex());
    page->selectKind(Net, QStringLiteral("ServiceEntry"));
    page->newAction()->trigger();
    ui::EditorSession *session = ui::EditorSession::of(m_fx.window->pageContext());
    QVERIFY(session->existingWindow());
    ui::PolicyEditor *editor = session->existingWindow()->currentEditor();
    QVERIFY(editor);
    QVERIFY(editor->isNew());
    QCOMPARE(editor->context(), Primary);
    QVERIFY(editor->text().contains(QStringLiteral("kind: ServiceEntry")));
    QVERIFY(editor->text().contains(QStringLiteral("namespace: bookinfo")));
    QVERIFY(editor->text().contains(QStringLiteral("apiVersion: networking.istio.io/")));
    QString text = editor->text();
    text.replace(QStringLiteral("name: new-serviceentry"), QStringLiteral("name: from-template"));
    editor->setText(text);
    ui::ReviewDialog *review = session->existingWindow()->reviewCurrent();
    QVERIFY(review);
    QVERIFY(waitDryRunThenApply(review));
    QCOMPARE(review->resultModel()->row(0).stage, ui::ReviewRow::Stage::Applied);
    review->close();
    const QJsonObject live
        = get(ServiceEntries, QStringLiteral("bookinfo"), QStringLiteral("from-template"));
    QCOMPARE(live.value("spec").toObject().value("location").toString(),
             QStringLiteral("MESH_EXTERNAL"));
    QVERIFY(selectRow(page, QStringLiteral("ServiceEntry"), QStringLiteral("from-template")));
    session->existingWindow()->closeEditor(editor, false);
    session->existingWindow()->hide();
}

void tst_IstioResources::openInTheEditor()
{
    ui::ResourcesPage *page = showPage();
    QVERIFY(selectRow(page, QStringLiteral("ServiceEntry"), QStringLiteral("from-template")));
    QTest::keyClick(page->table(), Qt::Key_Return);
    ui::EditorSession *session = ui::EditorSession::of(m_fx.window->pageContext());
    QVERIFY(QTest::qWaitFor(
        [&] {
            return session->existingWindow() && session->existingWindow()->currentEditor()
                && !session->existingWindow()->currentEditor()->isNew();
        },
        Timeout));
    ui::PolicyEditor *editor = session->existingWindow()->currentEditor();
    QVERIFY(editor->text().contains(QStringLiteral("name: from-template")));
    QCOMPARE(editor->context(), Primary);
    session->existingWindow()->closeEditor(editor, false);
    session->existingWindow()->hide();
}

void tst_IstioResources::editLabelsThroughReview()
{
    ui::ResourcesPage *page = showPage();
    QVERIFY(selectRow(page, QStringLiteral("ServiceEntry"), QStringLiteral("from-template")));
    QVERIFY(page->metadataAction()->isEnabled());
    page->metadataAction()->trigger();
    ui::MetadataDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] { return (dialog = topLevel<ui::MetadataDialog>(QStringLiteral("metadataDialog"))); },
        Timeout));
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    // Invalid keys and values keep OK disabled and say why.
    dialog->setLabels({{"Bad Key", "x"}});
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->problem().contains(QStringLiteral("Bad Key")));
    dialog->setLabels({{"team", QString(64, u'x')}});
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->problem().contains(QStringLiteral("63")));
    dialog->setLabels({{"team", "payments"}, {"app.kubernetes.io/part-of", "shop"}});
    dialog->setAnnotations({{"example.com/owner", "alice@example.com"}});
    QVERIFY(ok->isEnabled());
    screenshot(QStringLiteral("istio-resources-labels"));
    QTest::mouseClick(ok, Qt::LeftButton);
    ui::ReviewDialog *review = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] { return (review = topLevel<ui::ReviewDialog>(QStringLiteral("reviewDialog"))); },
        Timeout));
    QVERIFY(QTest::qWaitFor([&] { return review->resultModel()->rowCount() == 1; }, Timeout));
    QCOMPARE(review->resultModel()->row(0).item.operation, md::apply::Operation::Update);
    QVERIFY(waitDryRunThenApply(review));
    QCOMPARE(review->resultModel()->row(0).stage, ui::ReviewRow::Stage::Applied);
    review->close();
    const QJsonObject live
        = get(ServiceEntries, QStringLiteral("bookinfo"), QStringLiteral("from-template"));
    const QJsonObject metadata = live.value("metadata").toObject();
    QCOMPARE(metadata.value("labels").toObject().value("team").toString(),
             QStringLiteral("payments"));
    QCOMPARE(metadata.value("labels").toObject().value("app.kubernetes.io/part-of").toString(),
             QStringLiteral("shop"));
    QCOMPARE(metadata.value("annotations").toObject().value("example.com/owner").toString(),
             QStringLiteral("alice@example.com"));
    QCOMPARE(live.value("spec").toObject().value("location").toString(),
             QStringLiteral("MESH_EXTERNAL")); // the rest untouched
}

void tst_IstioResources::deleteThroughConfirmation()
{
    ui::ResourcesPage *page = showPage();
    // The caches hold the version the label edit wrote (the delete is conditional on it).
    const QString version
        = get(ServiceEntries, QStringLiteral("bookinfo"), QStringLiteral("from-template"))
              .value("metadata")
              .toObject()
              .value("resourceVersion")
              .toString();
    QVERIFY(QTest::qWaitFor(
        [&] {
            const int row = page->model()->rowOfKey(
                Primary + "\nnetworking.istio.io/ServiceEntry\nbookinfo/from-template");
            return row >= 0 && page->model()->rowAt(row).resourceVersion == version;
        },
        Timeout));
    QVERIFY(selectRow(page, QStringLiteral("ServiceEntry"), QStringLiteral("from-template")));
    page->deleteAction()->trigger();
    QDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] { return (dialog = topLevel<QDialog>(QStringLiteral("deleteDialog"))); }, Timeout));
    auto button = dialog->findChild<QPushButton *>(QStringLiteral("deleteButton"));
    QVERIFY(button);
    QVERIFY(QTest::qWaitFor([&] { return button->isEnabled(); }, Timeout));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return get(ServiceEntries, QStringLiteral("bookinfo"), QStringLiteral("from-template"))
                .isEmpty();
        },
        Timeout));
    QVERIFY(QTest::qWaitFor(
        [&] {
            return rowOf(page, QStringLiteral("ServiceEntry"), QStringLiteral("from-template")) < 0;
        },
        Timeout));
    dialog->close();
}

QTEST_MAIN(tst_IstioResources)
#include "tst_istioresources.moc"

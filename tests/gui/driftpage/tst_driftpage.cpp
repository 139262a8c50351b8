// The Config drift page (config.drift) in the main window against the real meshsim demo
// (clusters primary and member over HTTPS): a VirtualService created with another timeout
// in each cluster is listed as differing with the line that differs in the diff view, one
// created alike in both (key order aside) is in sync, one only in the member is listed on
// request and copied to the primary as a create; copying the primary's version to the member
// goes through the review as an update carrying the member's resourceVersion, lands in
// meshsim, and the page then shows the object in sync. The models run under
// QAbstractItemModelTester.

#include "guitestutils.h"
#include "meshsimprocess.h"
#include "meshwindowfixture.h"

#include "core/translations.h"
#include "drift/driftmodel.h"
#include "drift/driftpage.h"
#include "editors/diffview.h"
#include "editors/resultmodel.h"
#include "editors/reviewdialog.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "shell/mainwindow.h"
#include "store/meshstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace md;
using md::drift::DriftModel;
using md::drift::Entry;

namespace {

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");
constexpr int Timeout = 30000;

const kube::ResourceRef VirtualServices {QStringLiteral("networking.istio.io"),
                                         QStringLiteral("v1"), QStringLiteral("virtualservices"),
                                         true, QStringLiteral("VirtualService")};

QByteArray vs(const char *name, const char *timeout, bool reordered = false)
{
    const QByteArray spec = reordered
        ? QByteArray(R"({"http":[{"route":[{"destination":{"host":"ratings"}}],"timeout":"%T"}],)"
                     R"("hosts":["%N"]})")
        : QByteArray(R"({"hosts":["%N"],"http":[{"timeout":"%T","route":[{"destination":)"
                     R"({"host":"ratings"}}]}]})");
    QByteArray json = R"({"apiVersion":"networking.istio.io/v1","kind":"VirtualService",)"
                      R"("metadata":{"name":"%N","namespace":"bookinfo"},"spec":)"
        + spec + "}";
    return json.replace("%N", name).replace("%T", timeout);
}

const QString Id = QStringLiteral("networking.istio.io/VirtualService/bookinfo/");

template<typename T> QList<T *> topLevels(const QString &name)
{
    QList<T *> found;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w->objectName() == name && w->isVisible())
            if (auto typed = qobject_cast<T *>(w))
                found << typed;
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
        for (const md::istio::Message &m : review->plan().messages())
            qWarning("review: %s", qPrintable(m.toString()));
        return false;
    }
    QSignalSpy finished(review, &ui::ReviewDialog::applyFinished);
    QTest::mouseClick(review->applyButton(), Qt::LeftButton);
    return finished.wait(Timeout) || finished.size() > 0;
}

} // namespace

class tst_DriftPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void differingObjectIsFound();
    void copyingResolvesIt();
    void objectInOneClusterIsCopiedAsCreate();

private:
    ui::DriftPage *showPage();
    void screenshot(const QString &name);
    bool write(kube::KubeClient *client, const QByteArray &json);
    QJsonObject get(kube::KubeClient *client, const QString &name);
    const Entry *entry(const ui::DriftPage *page, const QString &name) const;

    testing::MeshWindowFixture m_fx;
    std::unique_ptr<kube::KubeClient> m_primary;
    std::unique_ptr<kube::KubeClient> m_member;
    std::unique_ptr<QAbstractItemModelTester> m_tester, m_filterTester;
};

void tst_DriftPage::initTestCase()
{
    testing::MeshWindowFixture::Options setup;
    setup.windowSize = QSize(1500, 900);
    setup.selectAndSync = false;
    const QString error = m_fx.start(setup);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const auto &[context, client] :
         {std::pair {Primary, &m_primary}, std::pair {Member, &m_member}}) {
        kube::ResolveOptions options;
        options.context = context;
        *client = std::make_unique<kube::KubeClient>(
            *kube::resolveRestConfig(m_fx.kubeconfig, options));
    }
    // Drift made before the page opens: other timeouts, the same object, one in the member.
    QVERIFY(write(m_primary.get(), vs("drift-timeout", "3s")));
    QVERIFY(write(m_member.get(), vs("drift-timeout", "7s")));
    QVERIFY(write(m_primary.get(), vs("drift-same", "3s")));
    QVERIFY(write(m_member.get(), vs("drift-same", "3s", true)));
    QVERIFY(write(m_member.get(), vs("drift-member-only", "4s")));

    QVERIFY(m_fx.registry->selectMesh(QStringLiteral("demo")));
    for (const QString &context : {Primary, Member})
        QVERIFY(m_fx.connections->connectContext(context));
    QTRY_VERIFY_WITH_TIMEOUT(m_fx.window->pageContext().mesh->cache()->isSynced(), Timeout);
}

void tst_DriftPage::cleanupTestCase()
{
    m_tester.reset();
    m_filterTester.reset();
    m_primary.reset();
    m_member.reset();
    QCOMPARE(m_fx.stop(), 0);
}

ui::DriftPage *tst_DriftPage::showPage()
{
    m_fx.window->showPage(QStringLiteral("config.drift"));
    auto page = qobject_cast<ui::DriftPage *>(m_fx.window->currentPage());
    if (page && !m_tester) {
        using Mode = QAbstractItemModelTester::FailureReportingMode;
        m_tester = std::make_unique<QAbstractItemModelTester>(page->model(), Mode::Fatal);
        m_filterTester
            = std::make_unique<QAbstractItemModelTester>(page->filterModel(), Mode::Fatal);
    }
    return page;
}

void tst_DriftPage::screenshot(const QString &name)
{
    QCoreApplication::processEvents();
    QVERIFY(m_fx.window->grab().save(QStringLiteral(SCREENSHOT_DIR "/") + name
                                     + QStringLiteral(".png")));
}

bool tst_DriftPage::write(kube::KubeClient *client, const QByteArray &json)
{
    std::optional<kube::ObjectResult> result;
    client->create(VirtualServices, QStringLiteral("bookinfo"),
                   QJsonDocument::fromJson(json).object(), {}, this,
                   [&](kube::ObjectResult r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, Timeout))
        return false;
    if (!*result)
        qWarning("%s", qPrintable(result->error().detail()));
    return bool(*result);
}

QJsonObject tst_DriftPage::get(kube::KubeClient *client, const QString &name)
{
    std::optional<kube::ObjectResult> result;
    client->get(VirtualServices, QStringLiteral("bookinfo"), name, this,
                [&](kube::ObjectResult r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, Timeout) || !*result)
        return {};
    return result->value();
}

const Entry *tst_DriftPage::entry(const ui::DriftPage *page, const QString &name) const
{
    const int row = page->model()->rowOfId(Id + name);
    return row < 0 ? nullptr : &page->model()->entryAt(row);
}

void tst_DriftPage::differingObjectIsFound()
{
    ui::DriftPage *page = showPage();
    QVERIFY(page);
    QVERIFY(QTest::qWaitFor(
        [&] { return entry(page, "drift-timeout") && entry(page, "drift-same"); }, Timeout));
    QVERIFY(page->isShowingTable());
    const Entry *differs = entry(page, "drift-timeout");
    QCOMPARE(differs->state(), Entry::State::Differs);
    QCOMPARE(differs->copies.size(), 2);
    QCOMPARE(entry(page, "drift-same")->state(), Entry::State::InSync);
    QVERIFY(!entry(page, "drift-member-only")); // in one cluster only

    // "Differing only" hides what is in sync; the search narrows by name.
    page->differingOnlyBox()->setChecked(true);
    for (int row = 0; row < page->filterModel()->rowCount(); ++row)
        QVERIFY(page->filterModel()->index(row, 0).data(DriftModel::StateRole).toInt()
                != int(Entry::State::InSync));
    QTest::keyClicks(page->searchField(), QStringLiteral("drift-"));
    QCOMPARE(page->filterModel()->rowCount(), 1);
    page->differingOnlyBox()->setChecked(false);
    QCOMPARE(page->filterModel()->rowCount(), 2);

    // The diff between the clusters shows the timeouts.
    QVERIFY(page->selectEntry(Id + "drift-timeout"));
    QCOMPARE(page->leftCombo()->currentText(), Primary);
    QCOMPARE(page->rightCombo()->currentText(), Member);
    bool left = false, right = false;
    for (const md::apply::DiffRow &row : page->diffView()->diffModel()->rows()) {
        left = left || (row.kind != md::apply::DiffRow::Kind::Same && row.left.contains("3s"));
        right = right || (row.kind != md::apply::DiffRow::Kind::Same && row.right.contains("7s"));
    }
    QVERIFY(left && right);
    QVERIFY(page->summaryLabel()->text().contains(QStringLiteral("differ")));
    QVERIFY(page->copyAction()->isEnabled());
    QCOMPARE(page->copyAction()->text(),
             QStringLiteral("Copy meshsim-primary's version to the other clusters…"));
    screenshot(QStringLiteral("config-drift"));

    QVERIFY(page->selectEntry(Id + "drift-same"));
    QVERIFY(page->diffView()->diffModel()->firstChange() < 0);
    QVERIFY(page->summaryLabel()->text().startsWith(QStringLiteral("Same in")));
    QVERIFY(!page->copyAction()->isEnabled());
}

void tst_DriftPage::copyingResolvesIt()
{
    ui::DriftPage *page = showPage();
    page->searchField()->clear();
    QVERIFY(QTest::qWaitFor([&] { return page->selectEntry(Id + "drift-timeout"); }, Timeout));
    const QString memberVersion = get(m_member.get(), "drift-timeout")
                                      .value("metadata")
                                      .toObject()
                                      .value("resourceVersion")
                                      .toString();
    page->copyAction()->trigger();
    ui::ReviewDialog *review = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto reviews = topLevels<ui::ReviewDialog>(QStringLiteral("reviewDialog"));
            review = reviews.isEmpty() ? nullptr : reviews.last();
            return review != nullptr;
        },
        Timeout));
    QCOMPARE(topLevels<ui::ReviewDialog>(QStringLiteral("reviewDialog")).size(), 1);
    QVERIFY(QTest::qWaitFor([&] { return review->resultModel()->rowCount() == 1; }, Timeout));
    const md::apply::ApplyItem item = review->resultModel()->row(0).item;
    QCOMPARE(item.operation, md::apply::Operation::Update);
    QCOMPARE(item.baseResourceVersion, memberVersion);
    QVERIFY(waitDryRunThenApply(review));
    QCOMPARE(review->resultModel()->row(0).stage, ui::ReviewRow::Stage::Applied);
    review->close();

    const QJsonObject live = get(m_member.get(), "drift-timeout");
    QCOMPARE(live.value("spec")
                 .toObject()
                 .value("http")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("timeout")
                 .toString(),
             QStringLiteral("3s"));
    QVERIFY(QTest::qWaitFor(
        [&] {
            const Entry *e = entry(page, "drift-timeout");
            return e && e->state() == Entry::State::InSync;
        },
        Timeout));
    QVERIFY(page->selectEntry(Id + "drift-timeout"));
    QVERIFY(page->summaryLabel()->text().startsWith(QStringLiteral("Same in")));
    QCOMPARE(page->model()
                 ->index(page->model()->rowOfId(Id + "drift-timeout"), DriftModel::StateColumn)
                 .data()
                 .toString(),
             QStringLiteral("In sync"));
    page->differingOnlyBox()->setChecked(true);
    QVERIFY(
        page->filterModel()
            ->mapFromSource(page->model()->index(page->model()->rowOfId(Id + "drift-timeout"), 0))
            .isValid()
        == false);
    page->differingOnlyBox()->setChecked(false);
    screenshot(QStringLiteral("config-drift-resolved"));
}

void tst_DriftPage::objectInOneClusterIsCopiedAsCreate()
{
    ui::DriftPage *page = showPage();
    page->singleCopiesBox()->setChecked(true);
    QVERIFY(QTest::qWaitFor([&] { return entry(page, "drift-member-only") != nullptr; }, Timeout));
    const Entry *only = entry(page, "drift-member-only");
    QCOMPARE(only->state(), Entry::State::Missing);
    QCOMPARE(only->missing, QStringList {Primary});
    QVERIFY(page->selectEntry(Id + "drift-member-only"));
    QCOMPARE(page->leftCombo()->currentText(), Member);
    QVERIFY(page->summaryLabel()->text().contains(QStringLiteral("has no copy")));
    page->copyAction()->trigger();
    ui::ReviewDialog *review = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto reviews = topLevels<ui::ReviewDialog>(QStringLiteral("reviewDialog"));
            review = reviews.isEmpty() ? nullptr : reviews.last();
            return review != nullptr;
        },
        Timeout));
    QVERIFY(QTest::qWaitFor([&] { return review->resultModel()->rowCount() == 1; }, Timeout));
    QCOMPARE(review->resultModel()->row(0).item.operation, md::apply::Operation::Create);
    QVERIFY(waitDryRunThenApply(review));
    review->close();
    QCOMPARE(get(m_primary.get(), "drift-member-only")
                 .value("metadata")
                 .toObject()
                 .value("name")
                 .toString(),
             QStringLiteral("drift-member-only"));
    QVERIFY(QTest::qWaitFor(
        [&] {
            const Entry *e = entry(page, "drift-member-only");
            return e && e->state() == Entry::State::InSync && e->copies.size() == 2;
        },
        Timeout));
    page->singleCopiesBox()->setChecked(false);
}

QTEST_MAIN(tst_DriftPage)
#include "tst_driftpage.moc"

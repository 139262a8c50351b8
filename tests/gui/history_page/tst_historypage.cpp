// The History page: every write made through the review is listed (newest first, filtered
// by object, cluster and time) with its before/after diff, and Revert writes the previous
// object back through the same review.

#include "editorfixture.h"

#include "editors/diffview.h"
#include "editors/historypage.h"
#include "editors/journalmodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

using namespace md;
using namespace md::testing;
using md::ui::ReviewDialog;
using Stage = md::ui::ReviewRow::Stage;

namespace {

QString vsYaml(const QString &timeout)
{
    return QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: md-history
  namespace: bookinfo
spec:
  hosts:
  - ratings
  http:
  - timeout: %1
    route:
    - destination:
        host: ratings
)")
        .arg(timeout);
}

bool reviewAndApply(ReviewDialog *review)
{
    review->setConfirmWarnings(false);
    if (!QTest::qWaitFor([review] { return review->dryRunDone() && !review->isBusy(); }, 30000))
        return false;
    QSignalSpy finished(review, &ReviewDialog::applyFinished);
    QTest::mouseClick(review->applyButton(), Qt::LeftButton);
    if (!finished.wait(30000))
        return false;
    const bool ok
        = review->resultModel()->count(Stage::Applied) == review->resultModel()->rowCount();
    review->close();
    return ok;
}

} // namespace

class tst_HistoryPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(m_fx.start().isEmpty(), "meshsim did not start"); }
    void cleanupTestCase() { m_fx.stop(); }
    void revertRestoresPreviousObject();

private:
    EditorFixture m_fx;
};

void tst_HistoryPage::revertRestoresPreviousObject()
{
    md::ui::HistoryPage page(m_fx.session);
    QAbstractItemModelTester tester(page.model());
    page.resize(1100, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.model()->rowCount(), 0);

    // Create, then update, through the review.
    md::apply::ApplyRequest create;
    create.context = Primary;
    create.items << md::apply::ApplyItem::create(*md::istio::parseValue(vsYaml("5s").toUtf8()));
    QVERIFY(reviewAndApply(m_fx.session->review(create, m_fx.window.get())));
    QJsonObject live = m_fx.get(QStringLiteral("md-history"));
    QCOMPARE(timeoutOf(live), QStringLiteral("5s"));
    md::istio::Value base = *md::istio::parseValue(QJsonDocument(live).toJson());
    md::istio::Value edited = *md::istio::parseValue(vsYaml("9s").toUtf8());
    md::apply::ApplyRequest update;
    update.context = Primary;
    update.items << md::apply::ApplyItem::update(base, edited);
    QVERIFY(reviewAndApply(m_fx.session->review(update, m_fx.window.get())));
    QCOMPARE(timeoutOf(m_fx.get(QStringLiteral("md-history"))), QStringLiteral("9s"));

    // The page lists both, newest first, refreshed by itself.
    QTRY_COMPARE(page.model()->rowCount(), 2);
    QCOMPARE(page.model()->entry(0).operation, QStringLiteral("update"));
    QCOMPARE(page.model()->entry(1).operation, QStringLiteral("create"));
    // The selection stays on the entry it was on (the create, now second).
    QCOMPARE(page.table()->currentIndex().row(), 1);
    page.table()->selectRow(0);
    // The diff shows the timeout changed.
    bool changed = false;
    for (const auto &row : page.diffView()->diffModel()->rows())
        changed = changed
            || (row.kind == md::apply::DiffRow::Kind::Changed
                && row.left.contains(QStringLiteral("5s"))
                && row.right.contains(QStringLiteral("9s")));
    QVERIFY(changed);
    page.grab().save(QDir::temp().filePath(QStringLiteral("meshdesk-editors-history.png")));

    // Filters: by object text, by cluster, by time.
    QTest::keyClicks(page.objectFilter(), QStringLiteral("nothing-like-this"));
    QCOMPARE(page.model()->rowCount(), 0);
    page.objectFilter()->clear();
    QCOMPARE(page.model()->rowCount(), 2);
    QTest::keyClicks(page.objectFilter(), QStringLiteral("md-history"));
    QCOMPARE(page.model()->rowCount(), 2);
    QCOMPARE(page.clusterFilter()->count(), 2); // all, meshsim-primary
    page.clusterFilter()->setCurrentIndex(1);
    page.refresh();
    QCOMPARE(page.model()->rowCount(), 2);
    page.timeFilter()->setCurrentIndex(1); // last hour
    page.refresh();
    QCOMPARE(page.model()->rowCount(), 2);

    // Revert the update: the review opens with the inverse write, applied: 5s again.
    page.table()->selectRow(0);
    QSignalSpy opened(&page, &md::ui::HistoryPage::reviewOpened);
    ReviewDialog *lastReview = nullptr;
    connect(&page, &md::ui::HistoryPage::reviewOpened, this,
            [&lastReview](ReviewDialog *dialog) { lastReview = dialog; });
    QTest::mouseClick(page.revertButton(), Qt::LeftButton);
    QVERIFY(opened.wait(20000));
    auto review = lastReview;
    QVERIFY(review);
    QCOMPARE(review->request().items.size(), 1);
    QCOMPARE(review->request().items.first().operation, md::apply::Operation::Update);
    QVERIFY(reviewAndApply(review));
    QCOMPARE(timeoutOf(m_fx.get(QStringLiteral("md-history"))), QStringLiteral("5s"));
    QTRY_COMPARE(page.model()->rowCount(), 3);

    // Revert the create: the object is deleted again.
    page.table()->selectRow(2);
    QCOMPARE(page.model()->entry(2).operation, QStringLiteral("create"));
    QTest::mouseClick(page.revertButton(), Qt::LeftButton);
    QVERIFY(opened.wait(20000));
    review = lastReview;
    QCOMPARE(review->request().items.first().operation, md::apply::Operation::Delete);
    QVERIFY(reviewAndApply(review));
    QVERIFY(m_fx.get(QStringLiteral("md-history")).isEmpty());
}

QTEST_MAIN(tst_HistoryPage)
#include "tst_historypage.moc"

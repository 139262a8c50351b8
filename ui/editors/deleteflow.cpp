#include "editors/deleteflow.h"

#include "apply/applyengine.h"
#include "apply/applyplan.h"
#include "apply/referrers.h"
#include "core/futures.h"
#include "editors/editorsession.h"
#include "istio/validator.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace md::ui {

using md::istio::Value;

namespace {

// The confirmation, then the deletes and their results, in one window-modal dialog.
class DeleteDialog final : public QDialog
{
    Q_OBJECT

public:
    DeleteDialog(EditorSession *session, const QList<ObjectLink> &objects, QWidget *parent)
        : QDialog(parent)
        , m_session(session)
        , m_objects(objects)
        , m_intro(new QLabel(this))
        , m_tree(new QTreeWidget(this))
        , m_buttons(new QDialogButtonBox(this))
    {
        setObjectName(QStringLiteral("deleteDialog"));
        setWindowTitle(tr("Delete %n object(s)", nullptr, int(objects.size())));
        m_intro->setWordWrap(true);
        m_intro->setText(tr("Looking for objects that refer to these…"));
        m_tree->setObjectName(QStringLiteral("deleteObjects"));
        m_tree->setColumnCount(3);
        m_tree->setHeaderLabels({tr("Object"), tr("Cluster"), tr("Status")});
        m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
        m_tree->header()->setStretchLastSection(false);
        m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
        m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
        m_delete = m_buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
        m_delete->setObjectName(QStringLiteral("deleteButton"));
        m_delete->setEnabled(false);
        m_close = m_buttons->addButton(QDialogButtonBox::Cancel);
        m_close->setObjectName(QStringLiteral("closeButton"));
        connect(m_delete, &QPushButton::clicked, this, &DeleteDialog::runDeletes);
        connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
        auto layout = new QVBoxLayout(this);
        layout->addWidget(m_intro);
        layout->addWidget(m_tree, 1);
        layout->addWidget(m_buttons);
        resize(760, 440);

        for (const ObjectLink &link : objects) {
            auto item = new QTreeWidgetItem(m_tree);
            item->setText(0, QStringLiteral("%1 %2/%3").arg(link.kind, link.namespace_, link.name));
            item->setText(1, link.context);
            item->setText(2, tr("Looking up…"));
            m_items << item;
        }
        m_live.resize(objects.size());
        lookUp();
    }

    bool isDone() const { return m_done; }

private:
    void lookUp()
    {
        // The live objects: from the caches, else fetched.
        for (int i = 0; i < m_objects.size(); ++i) {
            const Value cached = m_session->cachedObject(m_objects.at(i));
            if (!cached.isNull()) {
                m_live[i] = cached;
                continue;
            }
            ++m_pending;
            const ObjectLink &link = m_objects.at(i);
            md::istio::ObjectId id {link.apiVersion.isEmpty() ? defaultApiVersion(link.kind)
                                                              : link.apiVersion,
                                    link.kind, link.namespace_, link.name};
            m_session->engine()->fetchLive(
                link.context, id, this, [this, i](Result<Value, md::apply::ApplyFailure> live) {
                    if (live && !live->isNull())
                        m_live[i] = *live;
                    else
                        m_items.at(i)->setText(2,
                                               live ? tr("Does not exist") : live.error().message);
                    if (--m_pending == 0)
                        findReferrers();
                });
        }
        if (m_pending == 0)
            findReferrers();
    }

    void findReferrers()
    {
        // The cache's tables here, their objects copied in the worker.
        QList<md::mesh::MeshCache::Table> tables;
        const PageContext &context = m_session->context();
        if (context.mesh && context.mesh->cache())
            tables = context.mesh->cache()->tables({});
        const QList<Value> live = m_live;
        const QList<ObjectLink> objects = m_objects;
        md::onFinished(
            this, QtConcurrent::run([live, objects, tables] {
                const auto snapshot = md::mesh::MeshCache::toSnapshot(tables);
                QList<QList<md::apply::Referrer>> found;
                for (int i = 0; i < live.size(); ++i) {
                    found << (live.at(i).isNull() ? QList<md::apply::Referrer>()
                                                  : md::apply::findReferrers(
                                                      live.at(i), objects.at(i).context, snapshot));
                }
                return found;
            }),
            [this](const QList<QList<md::apply::Referrer>> &found) {
                int referred = 0;
                int deletable = 0;
                for (int i = 0; i < found.size(); ++i) {
                    QTreeWidgetItem *item = m_items.at(i);
                    if (m_live.at(i).isNull())
                        continue;
                    ++deletable;
                    const auto &referrers = found.at(i);
                    item->setText(2,
                                  referrers.isEmpty() ? tr("Nothing refers to it")
                                                      : tr("%n object(s) refer to it", nullptr,
                                                           int(referrers.size())));
                    if (!referrers.isEmpty()) {
                        ++referred;
                        item->setForeground(2, QColor(0xc6, 0x6a, 0x00));
                    }
                    for (const auto &referrer : referrers) {
                        auto child = new QTreeWidgetItem(item);
                        child->setText(
                            0,
                            tr("%1 — %2 (%3)")
                                .arg(referrer.id.displayName(), referrer.reason, referrer.path));
                        child->setText(1, referrer.context);
                    }
                    item->setExpanded(true);
                }
                m_intro->setText(
                    referred > 0
                        ? tr("Other objects refer to %n of these. Deleting them breaks those "
                             "references. Delete anyway?",
                             nullptr, referred)
                        : tr("Nothing refers to these objects. Delete them?"));
                m_delete->setEnabled(deletable > 0);
            });
    }

    void runDeletes()
    {
        md::apply::ApplyRequest request;
        request.mesh = m_session->meshName();
        // One run per cluster (an apply runs against one cluster).
        QHash<QString, QList<int>> byContext;
        for (int i = 0; i < m_objects.size(); ++i) {
            if (!m_live.at(i).isNull())
                byContext[m_objects.at(i).context] << i;
        }
        m_delete->setEnabled(false);
        m_close->setEnabled(false);
        auto engine = m_session->engine();
        connect(engine, &md::apply::ApplyEngine::itemFinished, this,
                [this](int run, const md::apply::ItemResult &result) {
                    if (!m_runs.contains(run))
                        return;
                    const int index = m_runs.value(run).value(result.index, -1);
                    if (index < 0)
                        return;
                    QTreeWidgetItem *item = m_items.at(index);
                    const bool ok = result.status == md::apply::ItemResult::Status::Succeeded;
                    item->setText(2, ok ? tr("Deleted") : result.message());
                    item->setForeground(2,
                                        ok ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
                });
        connect(engine, &md::apply::ApplyEngine::finished, this,
                [this](int run, const md::apply::ApplyReport &) {
                    if (!m_runs.remove(run) || !m_runs.isEmpty())
                        return;
                    m_done = true;
                    m_close->setText(tr("Close"));
                    m_close->setEnabled(true);
                    m_intro->setText(tr("Done."));
                });
        for (auto it = byContext.cbegin(); it != byContext.cend(); ++it) {
            md::apply::ApplyRequest r = request;
            r.context = it.key();
            for (int index : it.value()) {
                r.items << md::apply::ApplyItem::remove(m_live.at(index));
                m_items.at(index)->setText(2, tr("Deleting…"));
            }
            const auto plan = md::apply::buildPlan(r, md::istio::Validator());
            const int run = m_session->engine()->run(plan);
            m_runs.insert(run, it.value());
        }
        if (m_runs.isEmpty()) {
            m_close->setEnabled(true);
            m_done = true;
        }
    }

    EditorSession *m_session;
    QList<ObjectLink> m_objects;
    QList<Value> m_live;
    QList<QTreeWidgetItem *> m_items;
    int m_pending = 0;
    bool m_done = false;
    QHash<int, QList<int>> m_runs; // run -> indexes into m_objects
    QLabel *m_intro;
    QTreeWidget *m_tree;
    QDialogButtonBox *m_buttons;
    QPushButton *m_delete = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace

void confirmAndDelete(const PageContext &context, const QList<ObjectLink> &objects, QWidget *parent)
{
    EditorSession *session = EditorSession::of(context);
    if (!session || objects.isEmpty())
        return;
    auto dialog = new DeleteDialog(session, objects, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
}

} // namespace md::ui

#include "deleteflow.moc"

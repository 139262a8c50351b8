#pragma once

// Runs an ApplyPlan against one cluster, asynchronously (KubeClient under it; nothing blocks
// the calling thread): for each item in plan order a create (new objects), an update (PUT
// carrying the resourceVersion the edit started from: never a blind overwrite) or a delete,
// with dryRun=All when the request asks for a dry run. One item's failure stops nothing
// else. Failures are classified (ApplyFailure); a 409 is followed by a GET of the live object
// to hand back a ConflictInfo. Real writes (not dry runs) are journaled with the identity
// the server reports for the user (SelfSubjectReview, cached per cluster).
//
// Clusters come from a ConnectionManager (the GUI: its connection's client and discovery),
// or are added by hand (the CLI, tests).

#include "apply/applyplan.h"
#include "apply/applytypes.h"
#include "core/result.h"
#include "kube/discovery.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace md::kube {
class KubeClient;
}
namespace md::mesh {
class ConnectionManager;
}
namespace md::store {
class JournalStore;
}

namespace md::apply {

class ApplyEngine final : public QObject
{
    Q_OBJECT

public:
    explicit ApplyEngine(md::mesh::ConnectionManager *manager, QObject *parent = nullptr);
    explicit ApplyEngine(QObject *parent = nullptr);
    ~ApplyEngine() override;

    // A cluster not managed by a ConnectionManager (client not owned; must outlive its use).
    void addCluster(const QString &context, md::kube::KubeClient *client,
                    const md::kube::DiscoveryInfo &discovery);

    // Where real writes are recorded (not owned; may be null: nothing is journaled).
    void setJournal(md::store::JournalStore *journal) { m_journal = journal; }
    md::store::JournalStore *journal() const { return m_journal; }

    // Runs the plan (request.dryRun chooses a dry run). Items with validation errors are
    // Skipped; the others run one after the other in plan order. Returns the run's id, used
    // by the signals. finished() always follows, also when the context is unknown (every
    // item Failed, Refused).
    int run(const ApplyPlan &plan);
    bool isRunning(int run) const { return m_runs.contains(run); }
    // Stops a run after the item in flight; the rest are reported Skipped.
    void cancel(int run);

    // For items without a base (imports, the CLI): GETs each object; when it exists the item
    // becomes an Update of it (base = live; baseResourceVersion = the resourceVersion written
    // in the object when it has one, else live's), otherwise a Create.
    // Items that already have a base are kept. Errors of the GETs other than 404 are
    // returned per item (index into request.items).
    using ResolvedBases = std::pair<ApplyRequest, QHash<int, ApplyFailure>>;
    void resolveBases(const ApplyRequest &request, QObject *context,
                      std::function<void(ResolvedBases)> done);

    // The live object (null Value when it does not exist) and its resourceVersion, e.g. to
    // refresh a conflict or a revert.
    void fetchLive(const QString &context, const md::istio::ObjectId &id, QObject *receiver,
                   std::function<void(Result<md::istio::Value, ApplyFailure>)> done);

    // The user's name as the cluster sees it ("system:serviceaccount:ns:sa", or the user),
    // from a SelfSubjectReview, cached per context; empty when the server does not say.
    void identity(const QString &context, QObject *receiver, std::function<void(QString)> done);

    // The resource (plural, group, version, scope) of a kind in a cluster's discovery.
    Result<md::kube::ResourceRef> resourceFor(const QString &context,
                                              const md::istio::ObjectId &id) const;

signals:
    void itemStarted(int run, int index); // index into request.items
    void itemFinished(int run, const md::apply::ItemResult &result);
    void progress(int run, int done, int total);
    void finished(int run, const md::apply::ApplyReport &report);

private:
    struct Cluster
    {
        QPointer<md::kube::KubeClient> client;
        md::kube::DiscoveryInfo discovery;
    };
    struct Run;
    std::optional<Cluster> cluster(const QString &context) const;
    void step(int run);
    void finishItem(int run, ItemResult result);
    void journalItem(const Run &run, const ItemResult &result);

    QPointer<md::mesh::ConnectionManager> m_manager;
    md::store::JournalStore *m_journal = nullptr;
    QHash<QString, Cluster> m_clusters;
    QHash<QString, QString> m_identities; // context -> user name
    QHash<int, std::shared_ptr<Run>> m_runs;
    int m_nextRun = 1;
};

} // namespace md::apply

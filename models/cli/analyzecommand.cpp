#include "cli/analyzecommand.h"

#include "cli/clisession.h"
#include "cli/clitr.h"
#include "cli/livestate.h"
#include "core/datafiles.h"
#include "istio/analyzers.h"
#include "istio/validatefiles.h"
#include "mesh/mesh.h"
#include "store/meshstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace md::cli {

namespace {

using md::istio::MeshIndex;
using md::istio::Message;

// The store the GUI keeps its meshes in (meshdesk-cli has an application name of its own).
QString guiStorePath()
{
    const QString name = QCoreApplication::applicationName();
    QCoreApplication::setApplicationName(QStringLiteral("MeshDesk"));
    const QString path = md::store::MeshStore::defaultPath();
    QCoreApplication::setApplicationName(name);
    return path;
}

Result<QStringList, QString> meshClusters(const AnalyzeOptions &options)
{
    const QString path = options.meshStore.isEmpty() ? guiStorePath() : options.meshStore;
    if (!QFile::exists(path))
        return Unexpected<QString> {
            Tr::tr("no mesh \"%1\": MeshDesk keeps no meshes yet (%2 does not exist)")
                .arg(options.mesh, QDir::toNativeSeparators(path))};
    md::store::MeshStore store;
    if (auto opened = store.open(path); !opened)
        return Unexpected<QString> {opened.error().toString()};
    const auto mesh = store.mesh(options.mesh);
    if (!mesh)
        return Unexpected<QString> {
            Tr::tr("no mesh \"%1\" in %2: %3")
                .arg(options.mesh, QDir::toNativeSeparators(path), mesh.error().toString())};
    return mesh->clusters();
}

struct Cluster
{
    QString context; // as given; empty: the current context
    QString label; // what messages name as their source
    QString defaultNamespace;
    MeshIndex index;
    md::cli::LiveState state;
};

// Whether an object is in the namespace analyzed (Namespaces by their own name; other
// cluster-scoped objects always).
bool inScope(const md::istio::ObjectId &id, const QString &ns)
{
    if (ns.isEmpty())
        return true;
    if (id.kind == QLatin1String("Namespace"))
        return id.name == ns;
    if (MeshIndex::isClusterScoped(id.kind))
        return true; // webhooks and the like concern every namespace
    return (id.namespace_.isEmpty() ? QStringLiteral("default") : id.namespace_) == ns;
}

} // namespace

int runAnalyze(const AnalyzeOptions &options, const QStringList &files, QTextStream &out,
               QTextStream &err)
{
    const QString prefix = QStringLiteral("meshdesk-cli analyze: ");
    if (!options.mesh.isEmpty() && !options.contexts.isEmpty()) {
        err << prefix << Tr::tr("give --context or --mesh, not both") << '\n';
        return UsageError;
    }
    if (options.allNamespaces && !options.namespaceName.isEmpty()) {
        err << prefix << Tr::tr("give -n or -A, not both") << '\n';
        return UsageError;
    }
    QStringList contexts = options.contexts;
    if (!options.mesh.isEmpty()) {
        const auto clusters = meshClusters(options);
        if (!clusters) {
            err << prefix << clusters.error() << '\n';
            return Failure;
        }
        contexts = *clusters;
    }
    if (contexts.isEmpty())
        contexts.append(QString()); // the current context

    // The files first: a file that cannot be read fails before any cluster is asked.
    md::istio::Validator validator;
    const QString crds = options.crds.isEmpty() ? md::istioCrdsPath() : options.crds;
    if (!crds.isEmpty()) {
        auto loaded = md::istio::Validator::fromCrdFile(crds);
        if (!loaded) {
            err << prefix << loaded.error().toString() << '\n';
            return Failure;
        }
        validator = std::move(*loaded);
    }
    QList<Message> messages;
    QList<md::istio::DocumentStream> streams;
    for (const QString &path : files) {
        QFile file;
        const bool stdinput = path == QLatin1String("-");
        const bool opened = stdinput ? file.open(stdin, QIODevice::ReadOnly)
                                     : (file.setFileName(path), file.open(QIODevice::ReadOnly));
        if (!opened) {
            messages.append(Message {
                QStringLiteral("io.read"), md::istio::Severity::Error, QString(),
                Tr::tr("cannot read file: %1").arg(file.errorString()), QString(), path, 0});
            continue;
        }
        const QString source = stdinput ? QStringLiteral("<stdin>") : path;
        auto stream = md::istio::DocumentStream::parse(file.readAll(), source);
        if (!stream) {
            messages.append(Message {stream.error().code, md::istio::Severity::Error, QString(),
                                     stream.error().message, QString(), source, 0});
            continue;
        }
        messages += validator.validate(*stream);
        streams.append(std::move(*stream));
    }

    // Every cluster's live state.
    QList<std::shared_ptr<Cluster>> clusters;
    for (const QString &context : std::as_const(contexts)) {
        SessionOptions session;
        session.kubeconfig = options.kubeconfig;
        session.context = context;
        auto connected = connectSession(session, err);
        if (!connected) {
            err << prefix << connected.error() << '\n';
            return Failure;
        }
        auto state = listLiveState(**connected);
        if (!state) {
            err << prefix
                << Tr::tr("cannot list %1 in %2: %3")
                       .arg(state.error().resource, (*connected)->rest.contextName,
                            state.error().message)
                << '\n';
            return Failure;
        }
        auto cluster = std::make_shared<Cluster>();
        cluster->context = context;
        cluster->label = (*connected)->rest.contextName;
        cluster->defaultNamespace = (*connected)->rest.namespaceName;
        cluster->state = std::move(*state);
        clusters.append(cluster);
    }
    // Each cluster's objects, the other clusters' Services and Pods (hosts resolve and
    // selectors match across the mesh), and the files on top of the first cluster.
    for (const auto &cluster : std::as_const(clusters)) {
        addLiveState(cluster->index, cluster->state, cluster->label);
        for (const auto &other : std::as_const(clusters)) {
            if (other == cluster)
                continue;
            for (const md::istio::Value &object : std::as_const(other->state.objects))
                cluster->index.addRemote(object);
        }
    }
    for (const md::istio::DocumentStream &stream : std::as_const(streams))
        clusters.first()->index.add(stream);

    QString ns = options.allNamespaces ? QString() : options.namespaceName;
    if (!options.allNamespaces && ns.isEmpty())
        ns = clusters.first()->defaultNamespace.isEmpty() ? QStringLiteral("default")
                                                          : clusters.first()->defaultNamespace;
    for (const auto &cluster : std::as_const(clusters)) {
        const MeshIndex &index = cluster->index;
        for (qsizetype i = 0; i < index.size(); ++i) {
            const MeshIndex::Entry &e = index.entry(i);
            if (e.id.name.isEmpty())
                continue; // replaced by a file
            const bool fromFile = e.source != cluster->label;
            if (!fromFile && !inScope(e.id, ns))
                continue;
            for (Message m : md::istio::analyzeObject(index, e.object)) {
                m.object = e.id.displayName();
                m.source = e.source;
                m.line = e.line;
                messages.append(std::move(m));
            }
        }
    }
    if (clusters.size() > 1) {
        QList<std::pair<QString, const MeshIndex *>> indexes;
        for (const auto &cluster : std::as_const(clusters))
            indexes.append({cluster->label, &cluster->index});
        for (const Message &m : md::istio::analyzeClusters(indexes)) {
            const QString objectNs = m.object.section(u' ', 1).section(u'/', 0, 0);
            if (ns.isEmpty() || objectNs == ns)
                messages.append(m);
        }
    }

    out << QString::fromUtf8(md::istio::formatMessages(messages, options.json));
    int errors = 0;
    for (const Message &m : std::as_const(messages))
        errors += m.severity == md::istio::Severity::Error ? 1 : 0;
    if (!options.json && messages.isEmpty()) {
        QStringList names;
        for (const auto &cluster : std::as_const(clusters))
            names.append(cluster->label);
        err << (ns.isEmpty() ? Tr::tr("No validation issues found when analyzing all namespaces "
                                      "of %1.")
                                   .arg(names.join(QStringLiteral(", ")))
                             : Tr::tr("No validation issues found when analyzing namespace %1 of "
                                      "%2.")
                                   .arg(ns, names.join(QStringLiteral(", "))))
            << '\n';
    }
    return errors > 0 ? Failure : Success;
}

} // namespace md::cli

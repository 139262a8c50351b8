#include "mesh/meshregistry.h"

#include "mesh/connectionmanager.h"
#include "mesh/meshtr.h"
#include "store/meshstore.h"

#include <QPointer>
#include <QPromise>

#include <functional>
#include <memory>
#include <utility>

namespace md::mesh {

namespace {

using SecretStep = std::function<QFuture<Result<void>>()>;

QFuture<Result<void>> ready(Result<void> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

// Runs keychain steps one after another; stops at the first failure.
void runNext(const std::shared_ptr<QPromise<Result<void>>> &promise,
             const std::shared_ptr<QList<SecretStep>> &steps)
{
    if (steps->isEmpty()) {
        promise->addResult(Result<void>());
        promise->finish();
        return;
    }
    const SecretStep step = steps->takeFirst();
    step().then([promise, steps](const Result<void> &done) {
        if (done) {
            runNext(promise, steps);
            return;
        }
        promise->addResult(done);
        promise->finish();
    });
}

QFuture<Result<void>> runInOrder(QList<SecretStep> steps)
{
    auto promise = std::make_shared<QPromise<Result<void>>>();
    promise->start();
    QFuture<Result<void>> future = promise->future();
    runNext(promise, std::make_shared<QList<SecretStep>>(std::move(steps)));
    return future;
}

SecretStep storeToken(const md::store::SecretStore &secrets, const QString &key,
                      const QString &token)
{
    return [secrets, key, token] {
        return token.isEmpty() ? secrets.remove(key) : secrets.write(key, token);
    };
}

// Starts `operation` once every operation queued before it (on `tail`) has finished.
// (A QFuture takes one continuation only: the caller's goes on the returned future, the
// queue's on a future of its own.)
template<typename T> QFuture<T> enqueue(QFuture<void> &tail, std::function<QFuture<T>()> operation)
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    auto done = std::make_shared<QPromise<void>>();
    done->start();
    QFuture<void> previous = std::exchange(tail, done->future());
    previous.then([operation = std::move(operation), promise, done] {
        operation().then([promise, done](const T &value) {
            promise->addResult(value);
            promise->finish();
            done->finish();
        });
    });
    return promise->future();
}

Error noSecretStore()
{
    return Error {QString::fromLatin1(md::store::SecretStore::NoKeychainCode),
                  Tr::tr("MeshDesk keeps no secrets in this session (no keychain is set up)")};
}

} // namespace

MeshRegistry::MeshRegistry(md::store::MeshStore *store, ConnectionManager *connections,
                           QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_connections(connections)
    , m_secretsTail(QtFuture::makeReadyFuture())
{
    connect(connections, &ConnectionManager::healthChanged, this, &MeshRegistry::updateProposals);
    reload();
}

std::optional<Mesh> MeshRegistry::mesh(const QString &name) const
{
    for (const Mesh &m : m_meshes) {
        if (m.name == name)
            return m;
    }
    return std::nullopt;
}

Result<void> MeshRegistry::reload()
{
    auto all = m_store->meshes();
    if (!all) {
        emit errorOccurred(all.error().toString());
        return Unexpected<Error> {all.error()};
    }
    m_meshes = *all;
    emit meshesChanged();
    updateProposals();
    return {};
}

Result<void> MeshRegistry::save(const Mesh &mesh)
{
    if (auto saved = m_store->save(mesh); !saved)
        return saved;
    return reload();
}

Result<void> MeshRegistry::remove(const QString &name)
{
    if (auto removed = removeFromStore(name); !removed)
        return removed;
    // Keychain answers arrive on this (the GUI) thread; the registry may be gone by then.
    deleteSecrets(name).then([self = QPointer<MeshRegistry>(this)](const Result<void> &deleted) {
        if (self && !deleted)
            emit self->errorOccurred(deleted.error().toString());
    });
    return {};
}

QFuture<Result<void>> MeshRegistry::removeMesh(const QString &name)
{
    if (auto removed = removeFromStore(name); !removed)
        return ready(removed);
    return deleteSecrets(name);
}

Result<void> MeshRegistry::removeFromStore(const QString &name)
{
    if (auto removed = m_store->remove(name); !removed)
        return removed;
    if (m_current == name) {
        m_current.clear();
        emit currentMeshChanged(m_current);
    }
    return reload();
}

QFuture<Result<void>> MeshRegistry::deleteSecrets(const QString &name)
{
    return enqueue<Result<void>>(m_secretsTail, [self = QPointer<MeshRegistry>(this), name] {
        if (!self)
            return ready({});
        const QString strayed = self->m_secretsUnder.take(name);
        if (!self->m_secrets)
            return ready({});
        QStringList keys = secretKeys(name);
        if (!strayed.isEmpty())
            keys << secretKeys(strayed);
        QList<SecretStep> steps;
        for (const QString &key : std::as_const(keys))
            steps << [secrets = *self->m_secrets, key] { return secrets.remove(key); };
        return runInOrder(steps).then([name](const Result<void> &deleted) -> Result<void> {
            if (deleted)
                return deleted;
            return unexpected(
                deleted.error().code,
                Tr::tr("Mesh %1 is removed, but the keychain still holds its secrets: %2")
                    .arg(name, deleted.error().message));
        });
    });
}

QFuture<Result<void>> MeshRegistry::saveMesh(const Mesh &mesh, const QString &previousName,
                                             const std::optional<QString> &prometheusToken)
{
    if (auto valid = validateMesh(mesh); !valid)
        return ready(valid);
    const bool created = previousName.isEmpty();
    if (created && this->mesh(mesh.name))
        return ready(unexpected(QStringLiteral("mesh.name"),
                                Tr::tr("there is a mesh named \"%1\" already").arg(mesh.name),
                                QStringLiteral("name")));
    if (auto saved = m_store->save(mesh, created ? mesh.name : previousName); !saved)
        return ready(saved);
    const bool renamed = !created && previousName != mesh.name;
    const bool wasCurrent = renamed && m_current == previousName;
    if (wasCurrent)
        m_current = mesh.name;
    reload();
    if (wasCurrent)
        emit currentMeshChanged(m_current);

    return enqueue<Result<void>>(
        m_secretsTail,
        [self = QPointer<MeshRegistry>(this), previous = created ? mesh.name : previousName,
         name = mesh.name, prometheusToken] {
            return self ? self->storeSecrets(previous, name, prometheusToken) : ready({});
        });
}

QFuture<Result<void>> MeshRegistry::storeSecrets(const QString &previousName, const QString &name,
                                                 const std::optional<QString> &prometheusToken)
{
    // Where the secrets are now: under the previous name, or where an earlier rename whose
    // keychain part failed left them.
    const QString from = m_secretsUnder.value(previousName, previousName);
    m_secretsUnder.remove(previousName);
    const bool moving = from != name;
    if (moving && m_secrets)
        m_secretsUnder.insert(name, from); // until the move succeeds

    const QString tokenKey = prometheusTokenKey(name);
    QList<SecretStep> steps;
    if (!m_secrets) {
        if (prometheusToken && !prometheusToken->isEmpty())
            steps << [] { return ready(unexpected(noSecretStore())); };
    } else {
        if (moving) {
            const QStringList oldKeys = secretKeys(from);
            const QStringList newKeys = secretKeys(name);
            for (qsizetype i = 0; i < newKeys.size(); ++i) {
                if (prometheusToken && newKeys.at(i) == tokenKey) {
                    steps <<
                        [secrets = *m_secrets, key = oldKeys.at(i)] { return secrets.remove(key); };
                } else {
                    steps << [secrets = *m_secrets, a = oldKeys.at(i), b = newKeys.at(i)] {
                        return secrets.move(a, b);
                    };
                }
            }
            steps << [self = QPointer<MeshRegistry>(this), name] {
                if (self)
                    self->m_secretsUnder.remove(name);
                return ready({});
            };
        }
        if (prometheusToken)
            steps << storeToken(*m_secrets, tokenKey, *prometheusToken);
    }
    return runInOrder(steps).then([name](const Result<void> &stored) -> Result<void> {
        if (stored)
            return stored;
        return unexpected(
            stored.error().code,
            Tr::tr("Mesh %1 is saved, but the keychain did not take its Prometheus token: %2")
                .arg(name, stored.error().message),
            QStringLiteral("prometheusToken"));
    });
}

QFuture<Result<std::optional<QString>>> MeshRegistry::prometheusToken(const QString &meshName)
{
    using Token = Result<std::optional<QString>>;
    return enqueue<Token>(m_secretsTail, [self = QPointer<MeshRegistry>(this), meshName] {
        if (!self || !self->m_secrets)
            return QtFuture::makeReadyFuture(Token(unexpected(noSecretStore())));
        // Where a rename that could not move the token left it, if it did.
        return self->m_secrets->read(
            prometheusTokenKey(self->m_secretsUnder.value(meshName, meshName)));
    });
}

Result<void> MeshRegistry::selectMesh(const QString &name)
{
    if (name == m_current)
        return {};
    if (name.isEmpty()) {
        m_current.clear();
        emit currentMeshChanged(m_current);
        return {};
    }
    const std::optional<Mesh> m = mesh(name);
    if (!m)
        return unexpected(QStringLiteral("mesh.unknown"),
                          Tr::tr("there is no mesh named \"%1\"").arg(name));
    m_current = name;
    QStringList errors;
    for (const QString &context : m->clusters()) {
        if (m_connections->connectedContexts().contains(context))
            continue;
        QString error;
        if (!m_connections->connectContext(context, &error))
            errors << Tr::tr("%1: %2").arg(context, error);
    }
    emit currentMeshChanged(m_current);
    if (!errors.isEmpty()) {
        const QString message = Tr::tr("Some clusters of mesh %1 cannot connect: %2")
                                    .arg(name, errors.join(QStringLiteral("; ")));
        emit errorOccurred(message);
        return unexpected(QStringLiteral("mesh.connect"), message);
    }
    return {};
}

void MeshRegistry::updateProposals()
{
    QList<ClusterHealth> health;
    for (const QString &context : m_connections->connectedContexts())
        health << m_connections->health(context);
    QList<Mesh> proposals;
    // The kubeconfig's current context is the likeliest control plane, then connection order.
    QStringList preferred {m_connections->kubeconfig().currentContext};
    preferred << m_connections->connectedContexts();
    for (const Mesh &candidate : proposeMeshes(health, preferred)) {
        bool kept = false;
        for (const Mesh &m : m_meshes) {
            kept = kept || (!candidate.meshId.isEmpty() && m.meshId == candidate.meshId)
                || m.clusters().contains(candidate.controlPlane);
        }
        if (!kept)
            proposals << candidate;
    }
    if (proposals != m_proposals) {
        m_proposals = proposals;
        emit proposalsChanged();
    }
}

} // namespace md::mesh

#pragma once

// The meshes the user keeps (in the MeshStore), which one is selected, and the meshes
// MeshDesk detects on connected clusters and proposes to keep. Selecting a mesh connects
// its clusters. With a SecretStore (setSecretStore) the registry also keeps each mesh's
// secrets in the keychain: a renamed mesh takes them along, a removed one deletes them.

#include "mesh/mesh.h"
#include "store/secretstore.h"

#include <QFuture>
#include <QHash>
#include <QObject>

#include <optional>

namespace md::store {
class MeshStore;
}

namespace md::mesh {

class ConnectionManager;

class MeshRegistry final : public QObject
{
    Q_OBJECT

public:
    MeshRegistry(md::store::MeshStore *store, ConnectionManager *connections,
                 QObject *parent = nullptr);

    const QList<Mesh> &meshes() const { return m_meshes; }
    QString currentMesh() const { return m_current; }
    std::optional<Mesh> mesh(const QString &name) const;

    // Detected meshes that are not kept yet (no kept mesh has the same mesh ID or control plane).
    const QList<Mesh> &proposals() const { return m_proposals; }

    // Where mesh secrets are kept; without one, the registry touches no keychain and refuses
    // to store a token.
    void setSecretStore(const md::store::SecretStore &secrets) { m_secrets = secrets; }
    const md::store::SecretStore *secretStore() const { return m_secrets ? &*m_secrets : nullptr; }

    Result<void> reload();
    // Inserts or replaces the mesh of that name; its secrets stay as they are.
    Result<void> save(const Mesh &mesh);
    // Removes the mesh, then deletes its secrets; a keychain failure is reported by
    // errorOccurred (the mesh is gone either way).
    Result<void> remove(const QString &name);

    // Saves a mesh the user edited. `previousName` is the name it had (empty: a new mesh,
    // refused when that name is taken); a renamed mesh takes its secrets along.
    // `prometheusToken`, when given, replaces the stored token (an empty one deletes it).
    // The database part is done at once; the future finishes when the keychain has
    // answered (keychain work runs in the order it is asked for). A keychain failure
    // (Error::where "prometheusToken") leaves the saved mesh;
    // saving it again retries the keychain part (moving secrets a rename left behind).
    QFuture<Result<void>> saveMesh(const Mesh &mesh, const QString &previousName,
                                   const std::optional<QString> &prometheusToken = std::nullopt);
    // remove(), with the keychain's answer in the future instead of errorOccurred.
    QFuture<Result<void>> removeMesh(const QString &name);
    // The mesh's Prometheus token from the keychain; std::nullopt when it has none.
    QFuture<Result<std::optional<QString>>> prometheusToken(const QString &meshName);
    // Selects a mesh and connects its clusters; an empty name selects none.
    Result<void> selectMesh(const QString &name);

signals:
    void meshesChanged();
    void currentMeshChanged(const QString &name);
    void proposalsChanged();
    void errorOccurred(const QString &message);

private:
    void updateProposals();
    Result<void> removeFromStore(const QString &name);
    QFuture<Result<void>> deleteSecrets(const QString &name);
    QFuture<Result<void>> storeSecrets(const QString &previousName, const QString &name,
                                       const std::optional<QString> &prometheusToken);

    md::store::MeshStore *m_store = nullptr; // Not owned.
    ConnectionManager *m_connections = nullptr; // Not owned.
    std::optional<md::store::SecretStore> m_secrets;
    // Mesh name -> the name its secrets are still kept under, while a rename's keychain part
    // has not succeeded; the next save of that mesh moves them (this session only).
    QHash<QString, QString> m_secretsUnder;
    // Keychain work runs one operation after another, in the order asked, so that a read
    // sees every save and remove asked before it; this finishes with the last one.
    QFuture<void> m_secretsTail;
    QList<Mesh> m_meshes;
    QList<Mesh> m_proposals;
    QString m_current;
};

} // namespace md::mesh

#pragma once

// MeshDesk's own state in SQLite (Qt SQL): the meshes and their clusters. Schema versions
// are tracked with PRAGMA user_version and migrated on open. Secrets are never stored here.

#include "core/result.h"
#include "mesh/mesh.h"

#include <QString>

namespace md::store {

class MeshStore
{
public:
    MeshStore();
    ~MeshStore();
    MeshStore(const MeshStore &) = delete;
    MeshStore &operator=(const MeshStore &) = delete;

    // Opens (creating and migrating) the database at `path`; ":memory:" for a private one.
    Result<void> open(const QString &path);
    bool isOpen() const;
    QString path() const { return m_path; }

    Result<QList<md::mesh::Mesh>> meshes() const;
    Result<md::mesh::Mesh> mesh(const QString &name) const;
    // Inserts or replaces the mesh of that name (validated first).
    Result<void> save(const md::mesh::Mesh &mesh);
    // Saves `mesh` in place of the mesh named `previousName`, renaming it in the same
    // transaction; refused when another mesh has the new name already.
    Result<void> save(const md::mesh::Mesh &mesh, const QString &previousName);
    Result<void> rename(const QString &from, const QString &to);
    Result<void> remove(const QString &name);

    static QString defaultPath(); // <AppDataLocation>/meshdesk.sqlite
    static constexpr int SchemaVersion = 2;

private:
    Result<void> writeMesh(const md::mesh::Mesh &mesh); // inside a transaction

    QString m_connection; // Qt SQL connection name
    QString m_path;
};

} // namespace md::store

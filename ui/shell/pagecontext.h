#pragma once

// What every page factory gets from the composition root: the cluster connections, the
// kept meshes, the live caches and checks of the selected mesh, the app's store and the
// navigator (to open another page or an object). Pages keep the pointers; the composition
// root outlives every page. Any member but `connections` and `navigator` may be null
// (tests build pages with only what they need).

namespace md::mesh {
class ConnectionManager;
class MeshRegistry;
class SelectedMesh;
} // namespace md::mesh
namespace md::store {
class MeshStore;
}

namespace md::ui {

class Navigator;

struct PageContext
{
    md::mesh::ConnectionManager *connections = nullptr;
    md::mesh::MeshRegistry *registry = nullptr;
    md::mesh::SelectedMesh *mesh = nullptr; // live caches and checks of the selected mesh
    md::store::MeshStore *store = nullptr; // the app's SQLite database (drafts, journal)
    Navigator *navigator = nullptr;
};

} // namespace md::ui

#pragma once

#include <QToolButton>

namespace md {
class MessageModel;
}
namespace md::mesh {
class ConnectionManager;
class LiveAnalysis;
class MeshCache;
class MeshRegistry;
} // namespace md::mesh

namespace md::ui {

class ChecksDialog;

// The live checks of the selected mesh in the status bar: "Checking mesh…", "No issues" or
// "2 errors, 1 warning". It owns the mesh's live caches (MeshCache) and their analysis,
// following the mesh the registry selects; a click (or Ctrl+Shift+M) lists the messages.
class ChecksStatus final : public QToolButton
{
    Q_OBJECT

public:
    ChecksStatus(md::mesh::ConnectionManager *manager, md::mesh::MeshRegistry *registry,
                 QWidget *parent = nullptr);
    ~ChecksStatus() override;

    md::MessageModel *model() const { return m_model; }
    md::mesh::LiveAnalysis *analysis() const { return m_analysis; }
    md::mesh::MeshCache *cache() const { return m_cache; }
    ChecksDialog *dialog() const { return m_dialog; }

public slots:
    void showMessages();

protected:
    void changeEvent(QEvent *event) override;

private:
    void followMesh();
    void refresh();

    md::mesh::MeshRegistry *m_registry = nullptr; // Not owned.
    md::mesh::MeshCache *m_cache = nullptr;
    md::mesh::LiveAnalysis *m_analysis = nullptr;
    md::MessageModel *m_model = nullptr;
    ChecksDialog *m_dialog = nullptr;
};

} // namespace md::ui

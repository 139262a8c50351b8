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
class SelectedMesh;
} // namespace md::mesh

namespace md::ui {

class ChecksDialog;

// The live checks of the selected mesh in the status bar: "Checking mesh…", "No issues" or
// "2 errors, 1 warning", from the live caches and analysis of the SelectedMesh (shared with
// the pages); a click (or Ctrl+Shift+M) lists the messages.
class ChecksStatus final : public QToolButton
{
    Q_OBJECT

public:
    explicit ChecksStatus(md::mesh::SelectedMesh *selected, QWidget *parent = nullptr);
    // Makes a SelectedMesh of its own.
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

    md::mesh::SelectedMesh *m_selected = nullptr; // Not owned, or a child.
    md::mesh::MeshCache *m_cache = nullptr;
    md::mesh::LiveAnalysis *m_analysis = nullptr;
    md::MessageModel *m_model = nullptr;
    ChecksDialog *m_dialog = nullptr;
};

} // namespace md::ui

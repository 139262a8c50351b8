#pragma once

// The policy editors' registration with the shell: the History page, the palette commands
// ("New VirtualService…" for each kind, each wizard, "Apply", "Import YAML…", "Export
// YAML…"), and a start-up hook that opens Istio objects through the navigator in the
// editor and offers to restore drafts.

#include <QCoreApplication>
#include <QFuture>

namespace md::ui {

class PageRegistry;
struct PageContext;

struct EditorsTr
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::Editors)
};

void registerEditorPages(PageRegistry &registry);

// The start-up work on its own (tests call it): the navigator's object handler, and the
// drafts dialog when drafts exist.
void startEditors(const PageContext &context, QWidget *window);

// Runs "Export YAML…" (the objects of the open editors, else the selected mesh's Istio
// policies in the target cluster) to `path` without asking; the cached objects are parsed and
// the file written in a worker thread. The future gives an error text or an empty one.
QFuture<QString> exportYamlTo(const PageContext &context, const QString &path);

} // namespace md::ui

#pragma once

// Deleting objects from the GUI: a confirmation that lists what refers to each object (from
// the selected mesh's live caches, md::apply::findReferrers), then the deletes through the
// apply engine (journaled, in reverse apply order, a failure stops nothing else) and a view
// of each object's result. Used by the list pages and the editor.

#include "shell/navigator.h"
#include "shell/pagecontext.h"

#include <QList>

class QWidget;

namespace md::ui {

// Non-blocking: opens a window-modal dialog over `parent` and returns at once.
void confirmAndDelete(const PageContext &context, const QList<ObjectLink> &objects,
                      QWidget *parent);

} // namespace md::ui

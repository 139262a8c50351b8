#pragma once

#include "shell/pagecontext.h"

class QWidget;

namespace md::gateways {
struct GatewayRow;
}

namespace md::ui {

// Asks before deleting a gateway deployment: names the objects that go (the Deployment, its
// Service, and the ServiceAccount MeshDesk made for it) and lists the Gateway objects
// (networking.istio.io, any cluster of the mesh) whose selector matches its pods. "Review
// delete…" opens the review of the deletes. Non-blocking (a window-modal dialog).
void confirmGatewayDelete(const PageContext &context, const md::gateways::GatewayRow &row,
                          QWidget *parent);

} // namespace md::ui

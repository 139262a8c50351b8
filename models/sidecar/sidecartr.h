#pragma once

#include <QCoreApplication>

namespace md::sidecar {

// Translation context of the sidecar layer's messages (injection reasons, edit errors).
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::sidecar)
};

} // namespace md::sidecar

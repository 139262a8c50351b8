#pragma once

#include <QCoreApplication>

namespace md::mesh {

// Translation context of the mesh layer's messages.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::mesh)
};

} // namespace md::mesh

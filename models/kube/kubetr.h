#pragma once

#include <QCoreApplication>

namespace md::kube {

// Translation context for user-visible messages of the Kubernetes layer ("md::kube").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::kube)
};

} // namespace md::kube

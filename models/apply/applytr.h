#pragma once

#include <QCoreApplication>

namespace md::apply {

// Translation context of the apply workflow's messages.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::apply)
};

} // namespace md::apply

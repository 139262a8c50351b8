#pragma once

#include <QCoreApplication>

namespace md::secrets {

// Translation context of the TLS secrets' messages.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::secrets)
};

} // namespace md::secrets

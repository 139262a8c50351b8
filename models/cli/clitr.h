#pragma once

#include <QCoreApplication>

namespace md::cli {

// Translation context of meshdesk-cli's messages.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::cli)
};

enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

} // namespace md::cli

#pragma once

#include <QCoreApplication>

namespace md::services {

// Translation context of the service layer's texts (diagnoses, protocols).
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::services)
};

} // namespace md::services

#pragma once

#include <QCoreApplication>

namespace md::schema {

// Translation context of the schema layer's messages ("md::schema"); lupdate sees every
// Tr::tr() call, whatever class or function it is in.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::schema)
};

} // namespace md::schema

# Precompiled headers for GCC builds: Qt's and the standard library's headers are parsed once
# per kind of target instead of once per source file (about 2.5 s saved per file, most of a
# fresh clone's build on two cores).
#
# meshdesk_define_pch(<prefix>) makes <prefix>_core (QtCore, QtConcurrent, QtNetwork) and
# <prefix>_widgets (those and QtGui, QtWidgets) in the current directory, compiled with that
# directory's definitions, Qt's QT_NO_DEBUG and no module macros (QT_GUI_LIB, ...): GCC accepts
# a header only where every macro it was built with is defined the same way, and a target may
# define more.
# meshdesk_use_pch(<target> <prefix> core|widgets) makes a target reuse one of them. Where GCC
# finds the header invalid it reads the headers as usual, so the result is the same either way.
# clang rejects a reused header whose macros differ instead, so with clang (the fuzz build) a
# static library gets a header of its own, built with its own flags, and other targets none.
# -DMESHDESK_PCH=OFF turns all of it off.
option(MESHDESK_PCH "Precompile Qt's and the standard library's headers" ON)

set(MESHDESK_PCH_ENABLED OFF)
set(MESHDESK_PCH_OWN OFF)
if(MESHDESK_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(MESHDESK_PCH_ENABLED ON)
elseif(MESHDESK_PCH AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(MESHDESK_PCH_OWN ON)
endif()

set(MESHDESK_PCH_CORE_HEADERS
    <QtCore/QtCore> <QtConcurrent/QtConcurrent> <QtNetwork/QNetworkAccessManager>
    <QtNetwork/QNetworkReply> <QtNetwork/QNetworkRequest> <QtNetwork/QSslConfiguration>
    <algorithm> <atomic> <chrono> <cmath> <functional> <map> <memory> <mutex> <optional>
    <span> <string> <string_view> <unordered_map> <utility> <variant> <vector>)
set(MESHDESK_PCH_WIDGETS_HEADERS ${MESHDESK_PCH_CORE_HEADERS} <QtGui/QtGui> <QtWidgets/QtWidgets>)

function(meshdesk_define_pch prefix)
    if(NOT MESHDESK_PCH_ENABLED)
        return()
    endif()
    foreach(kind core widgets)
        set(target ${prefix}_${kind})
        add_library(${target} OBJECT ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
        set(modules Core Concurrent Network)
        if(kind STREQUAL "widgets")
            list(APPEND modules Gui Widgets)
        endif()
        foreach(module IN LISTS modules)
            target_include_directories(${target} SYSTEM PRIVATE
                $<TARGET_PROPERTY:Qt6::${module},INTERFACE_INCLUDE_DIRECTORIES>)
        endforeach()
        # Qt's targets define QT_NO_DEBUG outside Debug builds, and QtCore's headers read it.
        target_compile_definitions(${target} PRIVATE $<$<NOT:$<CONFIG:Debug>>:QT_NO_DEBUG>)
        string(TOUPPER ${kind} upper)
        target_precompile_headers(${target} PRIVATE ${MESHDESK_PCH_${upper}_HEADERS})
        set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON
            CXX_STANDARD 20 CXX_STANDARD_REQUIRED ON)
    endforeach()
endfunction()

function(meshdesk_use_pch target prefix kind)
    if(MESHDESK_PCH_ENABLED)
        target_precompile_headers(${target} REUSE_FROM ${prefix}_${kind})
    elseif(MESHDESK_PCH_OWN)
        get_target_property(type ${target} TYPE)
        if(type STREQUAL "STATIC_LIBRARY")
            string(TOUPPER ${kind} upper)
            target_precompile_headers(${target} PRIVATE ${MESHDESK_PCH_${upper}_HEADERS})
        endif()
    endif()
endfunction()

# meshdesk_add_test(NAME <name> SOURCES <files...> [LIBS <targets...>] LABELS <unit|integration|gui>
#                   [ENV <VAR=value...>] [TIMEOUT <seconds>])
#
# One Qt Test executable per unit. GUI tests run on the platform chosen by the
# test driver (xcb under xvfb-run in scripts/test.sh); every other test runs on
# the offscreen platform so that it never needs a display.
function(meshdesk_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    qt_add_executable(${T_NAME} ${T_SOURCES})
    set_target_properties(${T_NAME} PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    # meshsim_core undefines QT_USE_QSTRINGBUILDER for its users: no precompiled header fits.
    if("gui" IN_LIST T_LABELS OR "meshdesk_ui" IN_LIST T_LIBS)
        meshdesk_use_pch(${T_NAME} meshdesk_test_pch widgets)
    elseif(NOT "meshsim_core" IN_LIST T_LIBS)
        meshdesk_use_pch(${T_NAME} meshdesk_test_pch core)
    endif()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set(env "MESHDESK_TEST=1" ${T_ENV})
    if(NOT "gui" IN_LIST T_LABELS)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    else()
        # GUI tests share one X display: keyboard focus and popups must not interleave.
        set_tests_properties(${T_NAME} PROPERTIES RESOURCE_LOCK x_display)
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}"
        ENVIRONMENT "${env}"
        TIMEOUT ${T_TIMEOUT})
endfunction()

# Builds the .deb with cpack and checks what it holds and depends on.
file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR})
execute_process(COMMAND ${CPACK} -G DEB -B ${OUT_DIR} --config ${BUILD_DIR}/CPackConfig.cmake
    WORKING_DIRECTORY ${BUILD_DIR} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack failed (${rc}):\n${out}\n${err}")
endif()
file(GLOB debs ${OUT_DIR}/meshdesk_*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one meshdesk_*.deb in ${OUT_DIR}, found: ${debs}")
endif()
execute_process(COMMAND ${DPKG_DEB} -f ${debs} Package Version Depends OUTPUT_VARIABLE fields RESULT_VARIABLE rc)
execute_process(COMMAND ${DPKG_DEB} -c ${debs} OUTPUT_VARIABLE contents)
message(STATUS "package: ${debs}\n${fields}")
# Grows with what the binaries link (dpkg-shlibdeps drops libraries nothing uses yet).
foreach(dep libqt6widgets6 libqt6gui6 libqt6core6 libqt6svg6 libc6 libqt6sql6-sqlite qt6-qpa-plugins)
    if(NOT fields MATCHES "${dep}")
        message(FATAL_ERROR "Depends lacks ${dep}:\n${fields}")
    endif()
endforeach()
foreach(path ./usr/bin/meshdesk ./usr/bin/meshdesk-cli
        ./usr/share/applications/io.github.meshdesk.MeshDesk.desktop
        ./usr/share/metainfo/io.github.meshdesk.MeshDesk.metainfo.xml
        ./usr/share/icons/hicolor/scalable/apps/io.github.meshdesk.MeshDesk.svg)
    string(FIND "${contents}" "${path}\n" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the package lacks ${path}:\n${contents}")
    endif()
endforeach()

# Installed on a user's machine: Istio's CRDs come with the package and are found there.
string(FIND "${contents}" "./usr/share/meshdesk/istio/crd-all.gen.yaml\n" at)
if(at EQUAL -1)
    message(FATAL_ERROR "the package lacks Istio's CRDs:\n${contents}")
endif()
execute_process(COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_unpacked.sh ${debs}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the unpacked package does not work (${rc}):\n${out}\n${err}")
endif()
message(STATUS "${out}")

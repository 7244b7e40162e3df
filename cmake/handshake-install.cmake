# `cmake --install`: the library, its public headers, a CMake package and a pkg-config file, so that
# a user's own program links handshake as it links any installed library (README.md, "Using handshake
# from your own program"). Standalone build only: inside an ns-3 tree, ns-3's own install does this.
#
#   <prefix>/lib/libns3-handshake.so
#   <prefix>/include/handshake/ns3/*.h          #include "ns3/handshake-module.h", as in an ns-3 tree;
#                                               not <prefix>/include/ns3, which is Debian's ns-3's own
#   <prefix>/lib/cmake/handshake/               find_package(handshake) -> handshake::ns3-handshake
#   <prefix>/lib/pkgconfig/handshake.pc         pkg-config --cflags --libs handshake
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(HANDSHAKE_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/handshake)
set(HANDSHAKE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/handshake)

target_include_directories(ns3-handshake PUBLIC $<INSTALL_INTERFACE:${HANDSHAKE_INSTALL_INCLUDEDIR}>)
# The installed library finds its ns-3 libraries where they were at build time (Debian: /usr/lib).
set_target_properties(ns3-handshake PROPERTIES
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
  EXPORT_NAME ns3-handshake)
# An ns-3 outside the system's folders (scripts/setup-ns3 DIR): the installed library names DIR/lib
# as its RUNPATH. A program's RUNPATH does not apply to its libraries' own needs, so without it the
# library loaded Debian's libns3-* of the same soname beside DIR's (and an ns-3 with MPI, whose
# libns3-mpi Debian does not have, failed to load at all).
get_target_property(handshake_ns3_core ns3::libcore LOCATION)
get_filename_component(handshake_ns3_libdir "${handshake_ns3_core}" DIRECTORY)
if(NOT handshake_ns3_libdir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES
   AND NOT handshake_ns3_libdir IN_LIST CMAKE_PLATFORM_IMPLICIT_LINK_DIRECTORIES)
  set_target_properties(ns3-handshake PROPERTIES INSTALL_RPATH "${handshake_ns3_libdir}")
endif()

install(TARGETS ns3-handshake EXPORT handshakeTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The headers as the build copies them (flat, under ns3/), with the generated handshake-module.h.
set(installed_headers ${HANDSHAKE_INCLUDE_DIR}/ns3/handshake-module.h)
foreach(header ${HANDSHAKE_HEADERS})
  get_filename_component(name ${header} NAME)
  list(APPEND installed_headers ${HANDSHAKE_INCLUDE_DIR}/ns3/${name})
endforeach()
install(FILES ${installed_headers} DESTINATION ${HANDSHAKE_INSTALL_INCLUDEDIR}/ns3)
install(EXPORT handshakeTargets NAMESPACE handshake:: DESTINATION ${HANDSHAKE_INSTALL_CMAKEDIR})

configure_package_config_file(cmake/handshakeConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/handshakeConfig.cmake
  INSTALL_DESTINATION ${HANDSHAKE_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/handshakeConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/handshakeConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/handshakeConfigVersion.cmake
  DESTINATION ${HANDSHAKE_INSTALL_CMAKEDIR})

# pkg-config: ns-3's own .pc files (Debian's ns3-*.pc) bring its headers and libraries. The prefix is
# found from the .pc file's own place, so `cmake --install --prefix DIR` anywhere gives a working file.
file(RELATIVE_PATH HANDSHAKE_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
# Cflags carry the definitions the library was compiled with (HANDSHAKE_NS3_DEFINITIONS).
set(HANDSHAKE_NS3_CFLAGS "")
foreach(definition ${HANDSHAKE_NS3_DEFINITIONS})
  string(APPEND HANDSHAKE_NS3_CFLAGS "-D${definition} ")
endforeach()
configure_file(cmake/handshake.pc.in ${CMAKE_CURRENT_BINARY_DIR}/handshake.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/handshake.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

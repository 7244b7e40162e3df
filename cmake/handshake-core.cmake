# The TCP core (shared/DESIGN.md): the files model/tcp/tcp-* and sip-hash, plain C++. Included by
# both builds: it lists the core's files and defines the target handshake-core-includes, which
# fails the build when a core file reads an ns-3 header (cmake/check-core-includes.cmake), so the
# rule holds in an ns-3 source tree (contrib/handshake) as it does standalone.
file(GLOB HANDSHAKE_CORE_SOURCES CONFIGURE_DEPENDS RELATIVE ${HANDSHAKE_ROOT}
  ${HANDSHAKE_ROOT}/model/tcp/tcp-*.cc ${HANDSHAKE_ROOT}/model/tcp/sip-hash.cc)
file(GLOB HANDSHAKE_CORE_FILES CONFIGURE_DEPENDS
  ${HANDSHAKE_ROOT}/model/tcp/tcp-*.* ${HANDSHAKE_ROOT}/model/tcp/sip-hash.*)
string(REPLACE ";" "|" handshake_core_source_list "${HANDSHAKE_CORE_SOURCES}")
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/core-includes.stamp
  COMMAND ${CMAKE_COMMAND} -DCXX=${CMAKE_CXX_COMPILER} -DSOURCES=${handshake_core_source_list}
          -DINCLUDE_DIR=${HANDSHAKE_ROOT}/model/tcp
          -DSTAMP=${CMAKE_CURRENT_BINARY_DIR}/core-includes.stamp
          -P ${HANDSHAKE_ROOT}/cmake/check-core-includes.cmake
  WORKING_DIRECTORY ${HANDSHAKE_ROOT}
  DEPENDS ${HANDSHAKE_CORE_FILES} ${HANDSHAKE_ROOT}/cmake/check-core-includes.cmake
  COMMENT "Checking that the TCP core reads no ns-3 header"
  VERBATIM)
add_custom_target(handshake-core-includes DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/core-includes.stamp)

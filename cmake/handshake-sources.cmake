# The library's sources and public headers, one folder per layer (shared/DESIGN.md).
# Each layer's files are picked up by pattern so that work on different layers never edits one list.
# Paths are relative to the project root: ns-3's build_lib() wants them so, and so does the
# standalone build, whose CMAKE_CURRENT_SOURCE_DIR is that root.
get_filename_component(HANDSHAKE_ROOT ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
set(HANDSHAKE_LAYERS model/network model/tcp model/http model/dns helper
  scenario/text scenario/recording scenario/metrics scenario/events scenario/outputs scenario/options
  scenario/components scenario/run)
set(HANDSHAKE_SOURCES "")
set(HANDSHAKE_HEADERS "")
foreach(layer ${HANDSHAKE_LAYERS})
  file(GLOB layer_sources CONFIGURE_DEPENDS RELATIVE ${HANDSHAKE_ROOT} ${HANDSHAKE_ROOT}/${layer}/*.cc)
  file(GLOB layer_headers CONFIGURE_DEPENDS RELATIVE ${HANDSHAKE_ROOT} ${HANDSHAKE_ROOT}/${layer}/*.h)
  list(APPEND HANDSHAKE_SOURCES ${layer_sources})
  list(APPEND HANDSHAKE_HEADERS ${layer_headers})
endforeach()
list(SORT HANDSHAKE_SOURCES)
list(SORT HANDSHAKE_HEADERS)

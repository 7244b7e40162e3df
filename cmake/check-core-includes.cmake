# Fails when a file of the TCP core (model/tcp/tcp-*, sip-hash) reads an ns-3 header, directly or
# through another header: the core is plain C++ (shared/DESIGN.md). Run by the build
# (CMakeLists.txt, target handshake-core-includes) with CXX, SOURCES (|-list), INCLUDE_DIR, STAMP.
string(REPLACE "|" ";" sources "${SOURCES}")
foreach(source ${sources})
  execute_process(
    COMMAND ${CXX} -std=c++17 -M -MG -I${INCLUDE_DIR} ${source}
    OUTPUT_VARIABLE deps
    RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "could not scan ${source} for its includes")
  endif()
  string(REGEX MATCH "[^ \\\\\n]*ns3/[^ \\\\\n]*" ns3_header "${deps}")
  if(ns3_header)
    message(FATAL_ERROR "${source} is part of the TCP core and reads the ns-3 header "
                        "${ns3_header}: the core stays free of ns-3 (shared/DESIGN.md)")
  endif()
endforeach()
file(WRITE ${STAMP} "ok\n")

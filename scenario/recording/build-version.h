/*
 * Which code made a run: handshake's `git describe` and the ns-3 version it was built against,
 * fixed at build time (cmake/handshake-version.cmake writes them into a generated header each
 * build). The `runs` table, summary.txt and report.html name both (issue 20: a run is
 * reconstructed from its records).
 */
#ifndef HANDSHAKE_BUILD_VERSION_H
#define HANDSHAKE_BUILD_VERSION_H

#include <string>

namespace ns3
{

class BuildVersion
{
  public:
    /** `git describe --always --dirty --tags` of the source tree built ("8b227e7-dirty"), or
     *  "0.1.0 (not a git checkout)". */
    static std::string Handshake();
    /** The ns-3 version built against ("3.37"), as its CMake package said. */
    static std::string Ns3();
};

} // namespace ns3

#endif // HANDSHAKE_BUILD_VERSION_H

#include "build-version.h"

// Generated into the build tree by cmake/handshake-version.cmake; absent, the versions are unknown.
#if __has_include("handshake-build-version.h")
#include "handshake-build-version.h"
#endif
#ifndef HANDSHAKE_GIT_DESCRIBE
#define HANDSHAKE_GIT_DESCRIBE "unknown"
#endif
#ifndef HANDSHAKE_NS3_VERSION
#define HANDSHAKE_NS3_VERSION "unknown"
#endif

namespace ns3
{

std::string
BuildVersion::Handshake()
{
    return HANDSHAKE_GIT_DESCRIBE;
}

std::string
BuildVersion::Ns3()
{
    return HANDSHAKE_NS3_VERSION;
}

} // namespace ns3

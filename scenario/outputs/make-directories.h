/*
 * `mkdir -p` for a run's output folders (--out, its pcap/), shared by HandshakeScenario and
 * EmulationScenario (handshake-emu).
 */
#ifndef HANDSHAKE_MAKE_DIRECTORIES_H
#define HANDSHAKE_MAKE_DIRECTORIES_H

#include <string>

namespace ns3
{

/** Creates \p path and the folders above it that are missing (mode 0755). False with errno set if
 *  one cannot be created; folders that exist are fine. */
bool MakeDirectories(const std::string& path);

} // namespace ns3

#endif // HANDSHAKE_MAKE_DIRECTORIES_H

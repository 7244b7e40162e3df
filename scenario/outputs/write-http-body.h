/*
 * The body our HTTP applications serve and expect for GET /bytes/<size> (HttpBodyGenerator), as a
 * file: handshake-emu --write-body writes it for a Linux HTTP server to serve, so that our client
 * checks every byte it receives from Linux, and for the hash that curl's copy must match.
 */
#ifndef HANDSHAKE_WRITE_HTTP_BODY_H
#define HANDSHAKE_WRITE_HTTP_BODY_H

#include <cstdint>
#include <string>

namespace ns3
{

/** Writes the \p size bytes of the body of "/bytes/<size>" to \p path (written in place: a Linux
 *  server serves the file only once the program has exited). False if it cannot be written. */
bool WriteHttpBody(const std::string& path, uint64_t size);

} // namespace ns3

#endif // HANDSHAKE_WRITE_HTTP_BODY_H

/*
 * The 11 connection states of RFC 9293 3.3.2, named as shared/seeds/ and Wireshark users know them.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_STATE_H
#define HANDSHAKE_TCP_STATE_H

#include <cstdint>

namespace ns3
{
namespace handshake
{

enum class TcpState : uint8_t
{
    CLOSED,
    LISTEN,
    SYN_SENT,
    SYN_RCVD,
    ESTABLISHED,
    FIN_WAIT_1,
    FIN_WAIT_2,
    CLOSE_WAIT,
    CLOSING,
    LAST_ACK,
    TIME_WAIT
};

/** "SYN_SENT", "ESTABLISHED", ... as in shared/seeds/ and `ss`/`netstat` output. */
const char* ToString(TcpState state);

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_STATE_H

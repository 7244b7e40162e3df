#include "tcp-state.h"

namespace ns3
{
namespace handshake
{

const char*
ToString(TcpState state)
{
    switch (state)
    {
    case TcpState::CLOSED:
        return "CLOSED";
    case TcpState::LISTEN:
        return "LISTEN";
    case TcpState::SYN_SENT:
        return "SYN_SENT";
    case TcpState::SYN_RCVD:
        return "SYN_RCVD";
    case TcpState::ESTABLISHED:
        return "ESTABLISHED";
    case TcpState::FIN_WAIT_1:
        return "FIN_WAIT_1";
    case TcpState::FIN_WAIT_2:
        return "FIN_WAIT_2";
    case TcpState::CLOSE_WAIT:
        return "CLOSE_WAIT";
    case TcpState::CLOSING:
        return "CLOSING";
    case TcpState::LAST_ACK:
        return "LAST_ACK";
    case TcpState::TIME_WAIT:
        return "TIME_WAIT";
    }
    return "UNKNOWN";
}

} // namespace handshake
} // namespace ns3

#include "tcp-actions.h"
#include "tcp-segment.h"
#include "tcp-state.h"

#include <sstream>

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

const char*
ToString(TcpOutcome outcome)
{
    switch (outcome)
    {
    case TcpOutcome::CLOSED_NORMALLY:
        return "CLOSED_NORMALLY";
    case TcpOutcome::RESET:
        return "RESET";
    case TcpOutcome::ABORTED:
        return "ABORTED";
    case TcpOutcome::TIMED_OUT:
        return "TIMED_OUT";
    case TcpOutcome::REFUSED:
        return "REFUSED";
    }
    return "UNKNOWN";
}

std::string
TcpSegment::Describe() const
{
    static const struct
    {
        uint8_t bit;
        const char* name;
    } names[] = {{SYN, "SYN"}, {FIN, "FIN"}, {RST, "RST"}, {PSH, "PSH"}, {ACK, "ACK"}, {URG, "URG"}};
    std::ostringstream out;
    const char* separator = "";
    for (const auto& n : names)
    {
        if (Has(n.bit))
        {
            out << separator << n.name;
            separator = ",";
        }
    }
    if (flags == 0)
    {
        out << "<none>";
    }
    out << " seq=" << seq << " ack=" << ack << " win=" << window << " len=" << payload.size();
    if (mss)
    {
        out << " mss=" << *mss;
    }
    if (windowScale)
    {
        out << " ws=" << static_cast<unsigned>(*windowScale);
    }
    return out.str();
}

} // namespace handshake
} // namespace ns3

#include "tcp-segment.h"

#include <sstream>

namespace ns3
{
namespace handshake
{

std::string
TcpSegment::Describe() const
{
    static const struct
    {
        uint8_t bit;
        const char* name;
    } names[] =
        {{SYN, "SYN"}, {FIN, "FIN"}, {RST, "RST"}, {PSH, "PSH"}, {ACK, "ACK"}, {URG, "URG"}};

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
    if (sackPermitted)
    {
        out << " sack_perm";
    }
    if (timestamp)
    {
        out << " tsval=" << timestamp->value << " tsecr=" << timestamp->echo;
    }
    for (const TcpSackBlock& block : sack)
    {
        out << " sack=" << block.left << "-" << block.right;
    }
    return out.str();
}

} // namespace handshake
} // namespace ns3

#include "tcp-header-check.h"

namespace ns3
{
namespace handshake
{

bool
TcpHeaderCheck::LegalOptionLength(uint8_t kind, uint8_t length)
{
    switch (kind)
    {
    case MSS:
        return length == 4; // RFC 9293 3.2
    case WINDOW_SCALE:
        return length == 3; // RFC 7323 2.2
    case SACK_PERMITTED:
        return length == 2; // RFC 2018 2
    case SACK:
        return length >= 2 && (length - 2) % 8 == 0; // RFC 2018 3: 8 bytes per block
    case TIMESTAMPS:
        return length == 10; // RFC 7323 3.2
    default:
        return length >= 2; // RFC 9293 3.1 (MUST-5): unknown kinds are skipped by their length
    }
}

uint32_t
TcpHeaderCheck::WellFormedLength(const uint8_t* bytes, size_t size)
{
    if (size < 20)
    {
        return 0;
    }
    uint32_t end = (bytes[12] >> 4) * 4u; // RFC 9293 3.1: Data Offset, in 32-bit words
    if (end < 20 || end > size)
    {
        return 0; // below 20 the header would overlap itself; beyond the segment, nothing to read
    }
    for (uint32_t at = 20; at < end;)
    {
        uint8_t kind = bytes[at];
        if (kind == END)
        {
            break; // the rest is padding
        }
        if (kind == NOP)
        {
            ++at;
            continue;
        }
        if (at + 1 >= end || at + bytes[at + 1] > end || !LegalOptionLength(kind, bytes[at + 1]))
        {
            return 0;
        }
        at += bytes[at + 1];
    }
    return end;
}

} // namespace handshake
} // namespace ns3

#include "tcp-checksum.h"

namespace ns3
{
namespace handshake
{

uint16_t
TcpChecksum::Compute(const uint8_t* segment, size_t size, uint32_t source, uint32_t destination)
{
    constexpr uint64_t PROTOCOL = 6;
    // RFC 9293 3.1: the pseudo-header, as 16-bit words.
    uint64_t sum = (source >> 16) + (source & 0xffff) + (destination >> 16) + (destination & 0xffff) +
                   PROTOCOL + static_cast<uint64_t>(size);
    // 32-bit big-endian words: 2^16 = 1 in one's complement arithmetic, so their sum folds to the
    // sum of the 16-bit words (RFC 1071 2(C)); 64 bits hold the carries of any IPv4 segment.
    size_t at = 0;
    for (; at + 4 <= size; at += 4)
    {
        sum += static_cast<uint32_t>(segment[at]) << 24 | static_cast<uint32_t>(segment[at + 1]) << 16 |
               static_cast<uint32_t>(segment[at + 2]) << 8 | segment[at + 3];
    }
    for (; at + 2 <= size; at += 2)
    {
        sum += static_cast<uint32_t>(segment[at]) << 8 | segment[at + 1];
    }
    if (at < size)
    {
        sum += static_cast<uint32_t>(segment[at]) << 8; // an odd last byte, padded with zero
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}

} // namespace handshake
} // namespace ns3

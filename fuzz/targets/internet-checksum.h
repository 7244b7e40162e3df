// The TCP checksum of RFC 9293 3.1, computed independently of ns-3: the one's complement sum over
// the IPv4 pseudo-header and the segment. Used to check ns-3's verdicts and to build raw segments.
#ifndef HANDSHAKE_FUZZ_INTERNET_CHECKSUM_H
#define HANDSHAKE_FUZZ_INTERNET_CHECKSUM_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace handshake
{
namespace fuzz
{

/** 0 when \p segment (checksum field included) is intact; \p source, \p destination host order. */
inline uint16_t
InternetChecksum(const std::vector<uint8_t>& segment, uint32_t source, uint32_t destination)
{
    uint32_t sum = (source >> 16) + (source & 0xffff) + (destination >> 16) + (destination & 0xffff) +
                   6 /* protocol */ + static_cast<uint32_t>(segment.size());
    for (size_t i = 0; i < segment.size(); i += 2)
    {
        sum += static_cast<uint32_t>(segment[i] << 8 | (i + 1 < segment.size() ? segment[i + 1] : 0));
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}

/** Writes the checksum into bytes 16-17 of \p segment (at least 18 bytes long). */
inline void
FixChecksum(std::vector<uint8_t>& segment, uint32_t source, uint32_t destination)
{
    segment[16] = segment[17] = 0;
    uint16_t checksum = InternetChecksum(segment, source, destination);
    segment[16] = static_cast<uint8_t>(checksum >> 8);
    segment[17] = static_cast<uint8_t>(checksum);
}

} // namespace fuzz
} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_FUZZ_INTERNET_CHECKSUM_H

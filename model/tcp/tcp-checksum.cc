#include "tcp-checksum.h"

#include <cstring>

namespace ns3
{
namespace handshake
{
namespace
{

/**
 * Adds \p size bytes to \p sum as the machine reads them: 32-bit words in its own byte order.
 * One's complement addition does not care for byte order (RFC 1071 2(B)): the folded sum is the
 * network-order sum with its two bytes swapped on a little-endian machine. And 2^16 = 1 in one's
 * complement arithmetic, so 32-bit words fold to the sum of the 16-bit words (RFC 1071 2(C)); 64
 * bits hold the carries of any IPv4 segment.
 */
uint64_t
AddNative(const uint8_t* bytes, size_t size, uint64_t sum)
{
    for (; size >= 4; bytes += 4, size -= 4)
    {
        uint32_t word;
        std::memcpy(&word, bytes, 4);
        sum += word;
    }
    uint8_t tail[4] = {0, 0, 0, 0}; // an odd last byte is padded with zero
    if (size > 0)
    {
        std::memcpy(tail, bytes, size); // not with size 0: bytes may then be null
    }
    uint32_t word;
    std::memcpy(&word, tail, 4);
    return sum + word;
}

} // namespace

uint16_t
TcpChecksum::Compute(const uint8_t* segment, size_t size, uint32_t source, uint32_t destination)
{
    return Compute(segment, size, nullptr, 0, source, destination);
}

uint16_t
TcpChecksum::Compute(const uint8_t* header,
                     size_t headerSize,
                     const uint8_t* payload,
                     size_t payloadSize,
                     uint32_t source,
                     uint32_t destination)
{
    const size_t size = headerSize + payloadSize;
    // RFC 9293 3.1: the pseudo-header, in network byte order like the segment.
    const uint8_t pseudoHeader[12] = {static_cast<uint8_t>(source >> 24),
                                      static_cast<uint8_t>(source >> 16),
                                      static_cast<uint8_t>(source >> 8),
                                      static_cast<uint8_t>(source),
                                      static_cast<uint8_t>(destination >> 24),
                                      static_cast<uint8_t>(destination >> 16),
                                      static_cast<uint8_t>(destination >> 8),
                                      static_cast<uint8_t>(destination),
                                      0,
                                      6, // protocol: TCP
                                      static_cast<uint8_t>(size >> 8),
                                      static_cast<uint8_t>(size)};
    // The header's length is a multiple of 4, so the payload's words start where a whole
    // segment's would.
    uint64_t sum = AddNative(pseudoHeader, sizeof pseudoHeader, 0);
    sum = AddNative(header, headerSize, sum);
    sum = AddNative(payload, payloadSize, sum);
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    uint16_t native = static_cast<uint16_t>(sum);
    uint8_t bytes[2];
    std::memcpy(bytes, &native, 2); // the sum's two bytes in network order
    return static_cast<uint16_t>(~(bytes[0] << 8 | bytes[1]));
}

} // namespace handshake
} // namespace ns3

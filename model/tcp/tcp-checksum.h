/*
 * The TCP checksum (RFC 9293 3.1): the 16-bit one's complement of the one's complement sum over
 * the IPv4 pseudo-header (source, destination, zero, protocol 6, TCP length) and the segment.
 * Plain C++, over contiguous bytes, a machine word at a time: the receive path sums every segment
 * it takes, and ns-3's Buffer::Iterator::CalculateIpChecksum reads them a byte at a time through
 * the buffer (issue [bench]).
 */
#ifndef HANDSHAKE_TCP_CHECKSUM_H
#define HANDSHAKE_TCP_CHECKSUM_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace handshake
{

class TcpChecksum
{
  public:
    /**
     * The checksum of \p size bytes of segment sent from \p source to \p destination (IPv4
     * addresses, host order). Over a segment whose checksum field holds its checksum, the result
     * is 0 (RFC 1071 2(B)); over one whose field is zero, it is the value to write there.
     */
    static uint16_t Compute(const uint8_t* segment, size_t size, uint32_t source, uint32_t destination);
    /** The same over a segment in two pieces: \p header (a multiple of 4 bytes), then \p payload. */
    static uint16_t Compute(const uint8_t* header,
                            size_t headerSize,
                            const uint8_t* payload,
                            size_t payloadSize,
                            uint32_t source,
                            uint32_t destination);
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CHECKSUM_H

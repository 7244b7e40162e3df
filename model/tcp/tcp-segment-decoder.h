/*
 * A received segment's bytes into the core's TcpSegment: the layout rules of TcpHeaderCheck
 * first, then the checksum over the IPv4 pseudo-header (RFC 9293 3.1), then the fields and the
 * options we speak (RFC 9293 3.2, RFC 7323, RFC 2018). What it takes from the bytes is what ns-3
 * 3.37's TcpHeader::Deserialize would give the adapter: the first option of each kind, nothing
 * after End of Option List, unknown kinds skipped by their length; the unit tests and the
 * tcp-header fuzz target compare the two. Plain C++: ns-3's Deserialize builds an ns-3 object
 * per option, 3 for each segment that carries timestamps (issue [bench]).
 */
#ifndef HANDSHAKE_TCP_SEGMENT_DECODER_H
#define HANDSHAKE_TCP_SEGMENT_DECODER_H

#include "tcp-segment.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace handshake
{

class TcpSegmentDecoder
{
  public:
    enum class Verdict
    {
        OK,           //!< the segment was decoded
        BAD_CHECKSUM, //!< the pseudo-header checksum failed (RFC 9293 3.1, MUST-3): drop it
        MALFORMED,    //!< too short, a bad data offset or option length (TcpHeaderCheck): drop it
    };

    /**
     * Decodes \p wire, the whole segment (header and payload) sent from \p source to
     * \p destination (IPv4 addresses, host order). When OK, \p segment holds its fields and
     * options, its payload is \p wire's bytes after the data offset (the vector itself, moved),
     * and \p headerBytes is the data offset in bytes. Otherwise neither is touched.
     */
    static Verdict Decode(std::vector<uint8_t>&& wire,
                          uint32_t source,
                          uint32_t destination,
                          TcpSegment& segment,
                          uint32_t& headerBytes);
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_SEGMENT_DECODER_H

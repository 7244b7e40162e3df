/*
 * The core's TcpSegment into the bytes of its TCP header, checksum included (RFC 9293 3.1): the
 * send side's counterpart of TcpSegmentDecoder. Options are laid out as Linux lays them
 * (tcp_options_write), NOPs aligning each as RFC 7323 Appendix A suggests: MSS, then SACK
 * permitted + timestamps (or NOP NOP timestamps, or NOP NOP SACK permitted), NOP window scale, NOP
 * NOP SACK blocks; an option that would not fit in the 40 bytes is left out, as ns-3's
 * TcpHeader::AppendOption leaves it out. The bytes are those ns-3's TcpHeader wrote for the same
 * segment before (the unit tests compare the two); plain C++, with no ns-3 object per option and
 * no byte-at-a-time checksum (issue [bench]).
 */
#ifndef HANDSHAKE_TCP_SEGMENT_ENCODER_H
#define HANDSHAKE_TCP_SEGMENT_ENCODER_H

#include "tcp-header-check.h"
#include "tcp-segment.h"

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace handshake
{

class TcpSegmentEncoder
{
  public:
    /**
     * Writes the header of \p segment sent from \p source to \p destination (IPv4 addresses, host
     * order) into \p header, which holds TcpHeaderCheck::MAX_HEADER_BYTES, with the checksum over the
     * pseudo-header, the header and the segment's payload. Returns the header's length in bytes.
     */
    static uint32_t EncodeHeader(const TcpSegment& segment,
                                 uint32_t source,
                                 uint32_t destination,
                                 uint8_t* header);
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_SEGMENT_ENCODER_H

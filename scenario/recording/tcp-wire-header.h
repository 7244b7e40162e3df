/*
 * The fixed part of a TCP header (RFC 9293 3.1: ports, sequence and acknowledgment numbers, data
 * offset, flags) read off a packet's first 20 bytes. The recorders look at every segment twice per
 * host; ns-3's TcpHeader::Deserialize builds an ns-3 object per option (timestamps, SACK) and, with
 * checksums on, sums the segment: about 8,000 instructions a segment, 5% of a run (issue [bench]).
 * The recorders need none of the options.
 */
#ifndef HANDSHAKE_TCP_WIRE_HEADER_H
#define HANDSHAKE_TCP_WIRE_HEADER_H

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

class TcpWireHeader
{
  public:
    /** Reads \p packet's TCP header; false (fields unset) when it is shorter than 20 bytes. */
    bool Read(Ptr<const Packet> packet);

    uint16_t GetSourcePort() const;
    uint16_t GetDestinationPort() const;
    uint32_t GetSequenceNumber() const;
    uint32_t GetAckNumber() const;
    /** The flag bits as on the wire (TcpHeader::SYN, ACK, ...). */
    uint8_t GetFlags() const;
    /** The data offset in bytes: where the payload begins. */
    uint32_t GetHeaderLength() const;

  private:
    uint16_t m_sourcePort{0};
    uint16_t m_destinationPort{0};
    uint32_t m_sequence{0};
    uint32_t m_ack{0};
    uint8_t m_flags{0};
    uint32_t m_headerLength{0};
};

} // namespace ns3

#endif // HANDSHAKE_TCP_WIRE_HEADER_H

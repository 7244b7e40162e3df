/*
 * The TCP header of a segment we send, as bytes the core encoded (handshake::TcpSegmentEncoder),
 * for Packet::AddHeader (issue [bench]: ns-3's TcpHeader built an ns-3 object per option and summed
 * the segment a byte at a time). It is a TcpHeader and keeps TcpHeader's TypeId, so a packet's
 * metadata names a TcpHeader: Packet::Print, ASCII traces and every reader of the packet see
 * ns-3's header, deserialized from these bytes. Its own fields stay empty: Parsed() gives the
 * header as ns-3 reads it, for trace sources that have a sink. For sending only: Deserialize is
 * TcpHeader's and fills those fields, not the bytes.
 */
#ifndef HANDSHAKE_TCP_SENT_HEADER_H
#define HANDSHAKE_TCP_SENT_HEADER_H

#include "tcp-four-tuple.h"
#include "tcp-header-check.h"
#include "tcp-segment.h"

#include "ns3/tcp-header.h"

#include <cstdint>

namespace ns3
{

class HandshakeTcpSentHeader : public TcpHeader
{
  public:
    /** The header of \p segment sent on \p tuple (from its local to its remote address). */
    HandshakeTcpSentHeader(const handshake::TcpSegment& segment, const handshake::TcpFourTuple& tuple);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    void Print(std::ostream& os) const override;

    /** The header as ns-3's TcpHeader::Deserialize reads these bytes. */
    TcpHeader Parsed() const;

  private:
    uint8_t m_bytes[handshake::TcpHeaderCheck::MAX_HEADER_BYTES];
    uint32_t m_length;
};

} // namespace ns3

#endif // HANDSHAKE_TCP_SENT_HEADER_H

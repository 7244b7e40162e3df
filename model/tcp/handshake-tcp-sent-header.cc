#include "handshake-tcp-sent-header.h"

#include "handshake-tcp-l4-protocol.h"
#include "handshake-tcp-received-header.h"
#include "tcp-segment-encoder.h"

namespace ns3
{

HandshakeTcpSentHeader::HandshakeTcpSentHeader(const handshake::TcpSegment& segment,
                                               const handshake::TcpFourTuple& tuple)
    : m_length(handshake::TcpSegmentEncoder::EncodeHeader(
          segment,
          HandshakeTcpL4Protocol::ToIpv4(tuple.localAddress).Get(),
          HandshakeTcpL4Protocol::ToIpv4(tuple.remoteAddress).Get(),
          m_bytes))
{
}

uint32_t
HandshakeTcpSentHeader::GetSerializedSize() const
{
    return m_length;
}

void
HandshakeTcpSentHeader::Serialize(Buffer::Iterator start) const
{
    start.Write(m_bytes, m_length);
}

void
HandshakeTcpSentHeader::Print(std::ostream& os) const
{
    Parsed().Print(os);
}

TcpHeader
HandshakeTcpSentHeader::Parsed() const
{
    return HandshakeTcpReceivedHeader::Parse(m_bytes, m_length); // as the peer reads them
}

} // namespace ns3

#include "handshake-tcp-received-header.h"

#include "handshake-tcp-l4-protocol.h"

#include "ns3/buffer.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

HandshakeTcpReceivedHeader::HandshakeTcpReceivedHeader(const uint8_t* bytes, uint32_t length)
    : m_length(std::min<uint32_t>(length, sizeof m_bytes))
{
    std::memcpy(m_bytes, bytes, m_length);
}

HandshakeTcpReceivedHeader
HandshakeTcpReceivedHeader::WithBadChecksum(Ptr<const Packet> segment,
                                            Ipv4Address source,
                                            Ipv4Address destination)
{
    HandshakeTcpReceivedHeader received;
    TcpHeader header;
    header.EnableChecksums();
    header.InitializeChecksum(source, destination, HandshakeTcpL4Protocol::PROT_NUMBER);
    segment->PeekHeader(header);
    received.m_header = header;
    return received;
}

const TcpHeader&
HandshakeTcpReceivedHeader::Get() const
{
    if (!m_header)
    {
        m_header = m_length > 0 ? Parse(m_bytes, m_length) : TcpHeader();
    }
    return *m_header;
}

TcpHeader
HandshakeTcpReceivedHeader::Parse(const uint8_t* bytes, uint32_t length)
{
    Buffer buffer;
    buffer.AddAtStart(length);
    buffer.Begin().Write(bytes, length);
    TcpHeader header;
    header.Deserialize(buffer.Begin());
    return header;
}

} // namespace ns3

#include "handshake-tcp-received-header.h"

#include "handshake-tcp-l4-protocol.h"

#include "ns3/buffer.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

HandshakeTcpReceivedHeader::HandshakeTcpReceivedHeader(const uint8_t* bytes, uint32_t length)
    : m_length(std::min(length, MAX_BYTES))
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
        m_header.emplace();
        if (m_length > 0)
        {
            Buffer buffer;
            buffer.AddAtStart(m_length);
            buffer.Begin().Write(m_bytes, m_length);
            m_header->Deserialize(buffer.Begin());
        }
    }
    return *m_header;
}

} // namespace ns3

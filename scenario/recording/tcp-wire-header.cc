#include "tcp-wire-header.h"

namespace ns3
{

namespace
{

uint32_t
ReadBigEndian(const uint8_t* bytes, int count)
{
    uint32_t value = 0;
    for (int i = 0; i < count; ++i)
    {
        value = (value << 8) | bytes[i];
    }
    return value;
}

} // namespace

bool
TcpWireHeader::Read(Ptr<const Packet> packet)
{
    uint8_t bytes[20];
    if (packet->CopyData(bytes, sizeof bytes) < sizeof bytes)
    {
        return false;
    }
    m_sourcePort = static_cast<uint16_t>(ReadBigEndian(bytes, 2));
    m_destinationPort = static_cast<uint16_t>(ReadBigEndian(bytes + 2, 2));
    m_sequence = ReadBigEndian(bytes + 4, 4);
    m_ack = ReadBigEndian(bytes + 8, 4);
    m_headerLength = (bytes[12] >> 4) * 4u;
    m_flags = bytes[13];
    return true;
}

uint16_t
TcpWireHeader::GetSourcePort() const
{
    return m_sourcePort;
}

uint16_t
TcpWireHeader::GetDestinationPort() const
{
    return m_destinationPort;
}

uint32_t
TcpWireHeader::GetSequenceNumber() const
{
    return m_sequence;
}

uint32_t
TcpWireHeader::GetAckNumber() const
{
    return m_ack;
}

uint8_t
TcpWireHeader::GetFlags() const
{
    return m_flags;
}

uint32_t
TcpWireHeader::GetHeaderLength() const
{
    return m_headerLength;
}

} // namespace ns3

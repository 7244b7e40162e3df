#include "tcp-isn-generator.h"

namespace ns3
{
namespace handshake
{

TcpIsnGenerator::TcpIsnGenerator(const SipHashKey& key)
    : m_key(key)
{
}

uint32_t
TcpIsnGenerator::Clock(TcpTime now)
{
    // RFC 6528 3 / RFC 9293 3.4.1: "M is the 4 microsecond timer".
    return static_cast<uint32_t>(static_cast<uint64_t>(now.count()) / 4000);
}

uint32_t
TcpIsnGenerator::Generate(const TcpFourTuple& tuple, TcpTime now) const
{
    uint8_t buffer[TcpFourTuple::MAX_SERIALIZED];
    size_t length = tuple.Serialize(buffer);
    // RFC 6528 3: F() must not be computable from the outside without the key; SipHash is a PRF.
    uint32_t f = static_cast<uint32_t>(SipHash24(m_key, buffer, length));
    return Clock(now) + f;
}

} // namespace handshake
} // namespace ns3

#include "tcp-syn-cookie.h"

namespace ns3
{
namespace handshake
{

namespace
{
constexpr uint32_t COUNTER_BITS = 5;
constexpr uint32_t COUNTER_MASK = (1u << COUNTER_BITS) - 1;
constexpr uint32_t MSS_INDEX_MASK = 0x7; //!< 3 bits, below the counter's 5
constexpr uint32_t HASH_BITS = 24;
constexpr uint32_t HASH_MASK = (1u << HASH_BITS) - 1;
} // namespace

TcpSynCookie::TcpSynCookie(const SipHashKey& key)
    : m_key(key)
{
}

uint64_t
TcpSynCookie::Counter(TcpTime now)
{
    return static_cast<uint64_t>(now.count() / PERIOD.count());
}

uint32_t
TcpSynCookie::Hash(const TcpFourTuple& tuple, uint32_t peerIsn, uint32_t counterAndMss) const
{
    // RFC 4987 3.6: "s = a cryptographic hash function computed over the server IP address and
    // port number, the client IP address and port number, and t". Also hashed: the client's ISN,
    // which the ACK must echo (SEG.SEQ - 1), and the MSS index, so neither can be altered.
    uint8_t buffer[TcpFourTuple::MAX_SERIALIZED + 8];
    size_t n = tuple.Serialize(buffer);
    for (uint32_t value : {peerIsn, counterAndMss})
    {
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            buffer[n++] = static_cast<uint8_t>(value >> shift);
        }
    }
    return static_cast<uint32_t>(SipHash24(m_key, buffer, n)) & HASH_MASK;
}

uint32_t
TcpSynCookie::Make(const TcpFourTuple& tuple, uint32_t peerIsn, uint16_t peerMss, TcpTime now) const
{
    // RFC 4987 3.6: "m = the MSS that the server would have stored in the SYN queue entry" (the
    // largest table entry not above the peer's MSS), "t = a slowly incrementing time counter".
    uint32_t index = 0;
    for (uint32_t i = 0; i < MSS_TABLE.size(); ++i)
    {
        if (MSS_TABLE[i] <= peerMss)
        {
            index = i;
        }
    }
    uint32_t top = ((static_cast<uint32_t>(Counter(now)) & COUNTER_MASK) << 3) | index;
    return (top << HASH_BITS) | Hash(tuple, peerIsn, top);
}

std::optional<uint16_t>
TcpSynCookie::Check(const TcpFourTuple& tuple,
                    uint32_t peerIsn,
                    uint32_t cookie,
                    TcpTime now) const
{
    // RFC 4987 3.6: the server "checks that t is recent (to prevent replay) and recomputes s".
    uint32_t top = cookie >> HASH_BITS;
    uint32_t age = (static_cast<uint32_t>(Counter(now)) - (top >> 3)) & COUNTER_MASK;
    if (age > 1 || Hash(tuple, peerIsn, top) != (cookie & HASH_MASK))
    {
        return std::nullopt;
    }
    return MSS_TABLE[(cookie >> HASH_BITS) & MSS_INDEX_MASK];
}

} // namespace handshake
} // namespace ns3

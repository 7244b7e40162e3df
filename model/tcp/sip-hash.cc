#include "sip-hash.h"

namespace ns3
{
namespace handshake
{

namespace
{

uint64_t
Rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

uint64_t
LoadLe64(const uint8_t* p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
    {
        v = (v << 8) | p[i];
    }
    return v;
}

/** One SipRound (paper, section 2). */
void
SipRound(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3)
{
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
}

} // namespace

uint64_t
SipHash24(const SipHashKey& key, const uint8_t* data, size_t length)
{
    const uint64_t k0 = LoadLe64(key.data());
    const uint64_t k1 = LoadLe64(key.data() + 8);
    // Initialization constants: "somepseudorandomlygeneratedbytes".
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = k1 ^ 0x7465646279746573ULL;

    const size_t whole = length - length % 8;
    for (size_t i = 0; i < whole; i += 8)
    {
        uint64_t m = LoadLe64(data + i);
        v3 ^= m;
        SipRound(v0, v1, v2, v3); // c = 2 compression rounds
        SipRound(v0, v1, v2, v3);
        v0 ^= m;
    }
    // Last block: the remaining bytes, then the length modulo 256 in the top byte.
    uint64_t last = static_cast<uint64_t>(length & 0xff) << 56;
    for (size_t i = 0; i < length % 8; ++i)
    {
        last |= static_cast<uint64_t>(data[whole + i]) << (8 * i);
    }
    v3 ^= last;
    SipRound(v0, v1, v2, v3);
    SipRound(v0, v1, v2, v3);
    v0 ^= last;

    v2 ^= 0xff;
    for (int i = 0; i < 4; ++i) // d = 4 finalization rounds
    {
        SipRound(v0, v1, v2, v3);
    }
    return v0 ^ v1 ^ v2 ^ v3;
}

} // namespace handshake
} // namespace ns3

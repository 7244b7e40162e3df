/*
 * SipHash-2-4, the keyed 64-bit hash of J.-P. Aumasson and D. J. Bernstein, "SipHash: a fast
 * short-input PRF" (INDOCRYPT 2012, https://131002.net/siphash/siphash.pdf). Used as the secret
 * function F() of RFC 6528 (ISNs) and RFC 6056 (ephemeral ports). Plain C++, no ns-3.
 */
#ifndef HANDSHAKE_SIP_HASH_H
#define HANDSHAKE_SIP_HASH_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace handshake
{

/** A 128-bit SipHash key, bytes k0..k15 as in the paper. */
using SipHashKey = std::array<uint8_t, 16>;

/** SipHash-2-4 of \p length bytes at \p data under \p key (the paper's reference algorithm). */
uint64_t SipHash24(const SipHashKey& key, const uint8_t* data, size_t length);

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_SIP_HASH_H

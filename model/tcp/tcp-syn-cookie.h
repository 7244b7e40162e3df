/*
 * SYN cookies (RFC 4987 3.6): a listener whose SYN queue is full answers a SYN without keeping
 * any state, encoding what it must remember in its own initial sequence number. The peer's ACK
 * of that SYN-ACK returns the number (SEG.ACK - 1), from which the connection is rebuilt.
 *
 * Layout of the 32-bit cookie, as RFC 4987 3.6 describes (and Linux did before it hashed the
 * counter in):
 *
 *     | t mod 32 (5 bits) | MSS index (3 bits) | F(tuple, peer ISN, t, MSS index) (24 bits) |
 *
 * t counts 64-second periods of simulation time; a cookie is accepted for the period it was made
 * in and the next one (so 64 to 128 s). F is SipHash-2-4 under a secret key. What the cookie
 * cannot carry is lost, as in Linux without timestamps: window scaling (and any other SYN
 * option but the MSS, rounded down to a table entry). Plain C++, no ns-3.
 */
#ifndef HANDSHAKE_TCP_SYN_COOKIE_H
#define HANDSHAKE_TCP_SYN_COOKIE_H

#include "sip-hash.h"
#include "tcp-config.h"
#include "tcp-four-tuple.h"

#include <array>
#include <cstdint>
#include <optional>

namespace ns3
{
namespace handshake
{

class TcpSynCookie
{
  public:
    /** The MSS values a cookie can carry (3 bits); the peer's MSS is rounded down to one. */
    static constexpr std::array<uint16_t, 8> MSS_TABLE{536, 1200, 1300, 1360, 1400, 1440, 1460, 8960};
    /** Length of one period of the counter t. */
    static constexpr TcpTime PERIOD = std::chrono::seconds(64);

    explicit TcpSynCookie(const SipHashKey& key);

    /**
     * The ISN of the SYN-ACK answering a SYN with sequence number \p peerIsn and MSS option
     * \p peerMss (536 if absent, RFC 9293 3.7.1) on \p tuple (local = the listener's side).
     */
    uint32_t Make(const TcpFourTuple& tuple, uint32_t peerIsn, uint16_t peerMss, TcpTime now) const;

    /**
     * Checks the ACK that completes a cookie handshake: \p cookie is SEG.ACK - 1 and \p peerIsn
     * SEG.SEQ - 1. Returns the MSS the cookie carries when it was made by Make() for this tuple
     * and peer ISN within the last two periods; nothing otherwise.
     */
    std::optional<uint16_t> Check(const TcpFourTuple& tuple,
                                  uint32_t peerIsn,
                                  uint32_t cookie,
                                  TcpTime now) const;

    /** The counter t for \p now (not reduced mod 32). */
    static uint64_t Counter(TcpTime now);

  private:
    uint32_t Hash(const TcpFourTuple& tuple, uint32_t peerIsn, uint32_t counterAndMss) const;

    SipHashKey m_key;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_SYN_COOKIE_H

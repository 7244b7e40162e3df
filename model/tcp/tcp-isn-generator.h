/*
 * Initial sequence numbers per RFC 6528 section 3:
 *
 *     ISN = M + F(localip, localport, remoteip, remoteport, secretkey)
 *
 * M is a timer that ticks every 4 microseconds (RFC 9293 3.4.1), read from the simulation time
 * passed in; F is SipHash-2-4 keyed with a 128-bit secret. Plain C++, no ns-3: the adapter draws the
 * key from an ns-3 random stream so that a fixed RngRun gives the same ISNs.
 */
#ifndef HANDSHAKE_TCP_ISN_GENERATOR_H
#define HANDSHAKE_TCP_ISN_GENERATOR_H

#include "sip-hash.h"
#include "tcp-config.h"
#include "tcp-four-tuple.h"

#include <cstdint>

namespace ns3
{
namespace handshake
{

class TcpIsnGenerator
{
  public:
    explicit TcpIsnGenerator(const SipHashKey& key);

    /** The ISN for a connection \p tuple opened at simulation time \p now. */
    uint32_t Generate(const TcpFourTuple& tuple, TcpTime now) const;

    /** M: the 4-microsecond clock of RFC 9293 3.4.1 (wraps every ~4.77 hours). */
    static uint32_t Clock(TcpTime now);

  private:
    SipHashKey m_key;
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_ISN_GENERATOR_H

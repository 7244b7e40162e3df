/*
 * Retransmission timeout per RFC 6298: SRTT/RTTVAR smoothing (alpha 1/8, beta 1/4, K = 4), clock
 * granularity G, min/max bounds and exponential backoff. Karn's rule (no samples from retransmitted
 * segments) is the caller's: it only feeds samples of segments sent once.
 */
#ifndef HANDSHAKE_TCP_RTO_ESTIMATOR_H
#define HANDSHAKE_TCP_RTO_ESTIMATOR_H

#include "tcp-config.h"

#include <cstdint>

namespace ns3
{
namespace handshake
{

class TcpRtoEstimator
{
  public:
    TcpRtoEstimator(TcpTime initialRto, TcpTime minRto, TcpTime maxRto, TcpTime granularity);

    /** RFC 6298 2.2 (first sample) and 2.3 (later samples). */
    void AddSample(TcpTime rtt);
    /** RFC 6298 5.5: double the timer after an expiry. */
    void Backoff();
    /** RFC 6298 5.7 / Karn: a new ACK makes the computed RTO valid again. */
    void ResetBackoff();
    /**
     * RFC 6298 5.7: after the SYN timed out, an RTO below 3 s is re-initialized to 3 s when data
     * transmission begins (as long as no RTT sample replaced it).
     */
    void ApplySynTimeoutFloor();

    /** Current timeout: base RTO doubled per backoff, capped at maxRto (RFC 6298 2.5). */
    TcpTime Rto() const;
    TcpTime Srtt() const;
    TcpTime RttVar() const;
    uint32_t BackoffCount() const;
    bool HasSample() const;

  private:
    TcpTime m_minRto;
    TcpTime m_maxRto;
    TcpTime m_granularity;
    TcpTime m_baseRto;
    TcpTime m_srtt{0};
    TcpTime m_rttvar{0};
    bool m_hasSample{false};
    uint32_t m_backoff{0};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RTO_ESTIMATOR_H

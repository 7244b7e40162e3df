/*
 * Retransmission timeout per RFC 6298: SRTT/RTTVAR smoothing (alpha 1/8, beta 1/4, K = 4), clock
 * granularity G, min/max bounds and exponential backoff; or, with minRtoInVariance, as Linux's
 * tcp_rtt_estimator and __tcp_set_rto: the same SRTT, and RTO = SRTT + rttvar where rttvar is the
 * largest 4 * mean deviation of the current window of data, never below minRto. Karn's rule (no
 * samples from retransmitted segments) is the caller's: it only feeds samples of segments sent once.
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
    TcpRtoEstimator(TcpTime initialRto,
                    TcpTime minRto,
                    TcpTime maxRto,
                    TcpTime granularity,
                    bool minRtoInVariance = false);

    /** RFC 6298 2.2 (first sample) and 2.3 (later samples). \p windowEnded: the sample's ACK
     *  covers all data sent when the previous window began (Linux: after(snd_una, rtt_seq)). */
    void AddSample(TcpTime rtt, bool windowEnded = false);
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
    void AddLinuxSample(TcpTime rtt, bool windowEnded);

    TcpTime m_minRto;
    TcpTime m_maxRto;
    TcpTime m_granularity;
    TcpTime m_baseRto;
    TcpTime m_srtt{0};
    TcpTime m_rttvar{0};
    bool m_minRtoInVariance;
    TcpTime m_mdev{0};    //!< Linux mdev_us: 4 * mean deviation
    TcpTime m_mdevMax{0}; //!< Linux mdev_max_us: the largest m_mdev in this window, >= minRto
    bool m_hasSample{false};
    uint32_t m_backoff{0};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RTO_ESTIMATOR_H

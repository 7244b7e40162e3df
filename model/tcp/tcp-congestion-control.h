/*
 * Congestion control strategy of one connection (RFC 5681 and successors: NewReno, CUBIC). The
 * connection detects losses (its loss-recovery strategy: RACK-TLP or RFC 6675) and drives the
 * window during recovery with Proportional Rate Reduction (RFC 6937); the strategy decides how the
 * window grows on ACKs and how far it falls on a congestion event or a timeout.
 */
#ifndef HANDSHAKE_TCP_CONGESTION_CONTROL_H
#define HANDSHAKE_TCP_CONGESTION_CONTROL_H

#include "tcp-config.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace ns3
{
namespace handshake
{

/** What one ACK tells congestion control (RFC 5681 3.1, RFC 9438 4, RFC 9406 4). */
struct TcpAckSample
{
    TcpTime now{0};
    uint32_t bytesAcked{0};     //!< bytes newly delivered: cumulatively acknowledged or SACKed
    uint32_t sndUna{0};         //!< SND.UNA after this ACK
    uint32_t sndNxt{0};         //!< highest sequence number sent so far (SND.MAX)
    uint32_t bytesInFlight{0};  //!< after this ACK
    std::optional<TcpTime> rtt; //!< the RTT sample this ACK gave, if any
    TcpTime minRtt{0};          //!< smallest RTT sample of the connection so far (0: none yet)
};

class TcpCongestionControl
{
  public:
    virtual ~TcpCongestionControl() = default;

    virtual const char* Name() const = 0;
    /** Called when the effective MSS is known (after the handshake), and before. */
    virtual void Init(uint32_t mss, uint32_t initialCwndSegments, uint32_t initialSsthresh) = 0;
    /** New data delivered while not in loss recovery: slow start or congestion avoidance. */
    virtual void OnAck(const TcpAckSample& ack) = 0;
    /**
     * A loss was detected (fast retransmit, RACK, RFC 6675): a congestion event. Sets ssthresh
     * (RFC 5681 3.1 equation 4 for NewReno, RFC 9438 4.6 for CUBIC) and whatever the strategy
     * remembers of it; the window itself is then reduced by the connection's PRR through SetCwnd.
     */
    virtual void OnCongestionEvent(uint32_t flightSize, TcpTime now) = 0;
    /** Loss recovery ended (RFC 6937 / RFC 6675): by default cwnd = ssthresh. */
    virtual void OnRecoveryExit(TcpTime /* now */) { SetCwnd(Ssthresh()); }
    /** The retransmission timer expired (RFC 5681 3.1: ssthresh reduced, cwnd = 1 SMSS). */
    virtual void OnRetransmitTimeout(uint32_t flightSize, TcpTime now) = 0;
    /** Sets the window directly: Proportional Rate Reduction during recovery (RFC 6937). */
    virtual void SetCwnd(uint32_t cwnd) = 0;

    virtual uint32_t Cwnd() const = 0;
    virtual uint32_t Ssthresh() const = 0;
};

/** A strategy by name: "NewReno" (RFC 5681 + 6582) or "Cubic" (RFC 9438 with HyStart++, RFC
 *  9406); nullptr for an unknown name. */
std::unique_ptr<TcpCongestionControl> CreateCongestionControl(const char* name);

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CONGESTION_CONTROL_H

/*
 * Congestion control strategy of one connection (RFC 5681 and successors). The connection does loss
 * detection (duplicate ACKs, RTO, NewReno partial ACKs) and asks the strategy how the congestion
 * window reacts; a later issue adds CUBIC etc. as further implementations.
 */
#ifndef HANDSHAKE_TCP_CONGESTION_CONTROL_H
#define HANDSHAKE_TCP_CONGESTION_CONTROL_H

#include "tcp-config.h"

#include <cstdint>
#include <memory>

namespace ns3
{
namespace handshake
{

class TcpCongestionControl
{
  public:
    virtual ~TcpCongestionControl() = default;

    virtual const char* Name() const = 0;
    /** Called once the effective MSS is known (after the handshake). */
    virtual void Init(uint32_t mss, uint32_t initialCwndSegments, uint32_t initialSsthresh) = 0;
    /** New data acknowledged outside loss recovery. */
    virtual void OnAck(uint32_t bytesAcked, TcpTime now) = 0;
    /** Third duplicate ACK: fast retransmit and enter recovery (\p flightSize bytes outstanding).
     */
    virtual void OnEnterRecovery(uint32_t flightSize) = 0;
    /** A further duplicate ACK during recovery. */
    virtual void OnDupAckInRecovery() = 0;
    /** A partial ACK during recovery (RFC 6582 3.2 step 5). */
    virtual void OnPartialAck(uint32_t bytesAcked) = 0;
    /** The ACK that ends recovery (RFC 6582 3.2 step 4); \p flightSize after it. */
    virtual void OnExitRecovery(uint32_t flightSize) = 0;
    /** The retransmission timer expired (RFC 5681 3.1 equation 4). */
    virtual void OnRetransmitTimeout(uint32_t flightSize) = 0;

    virtual uint32_t Cwnd() const = 0;
    virtual uint32_t Ssthresh() const = 0;
};

/** The default strategy, chosen by TcpConfig (Reno per RFC 5681). */
std::unique_ptr<TcpCongestionControl> CreateDefaultCongestionControl();

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CONGESTION_CONTROL_H

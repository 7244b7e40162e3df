/*
 * NewReno congestion control (RFC 5681 3.1): slow start and congestion avoidance with byte
 * counting, ssthresh = max(FlightSize / 2, 2 * SMSS) on a congestion event. Fast recovery itself
 * (RFC 6582's partial ACKs, or SACK-based recovery) is the connection's, with PRR (RFC 6937).
 */
#ifndef HANDSHAKE_TCP_RENO_CONGESTION_CONTROL_H
#define HANDSHAKE_TCP_RENO_CONGESTION_CONTROL_H

#include "tcp-congestion-control.h"

namespace ns3
{
namespace handshake
{

class TcpRenoCongestionControl : public TcpCongestionControl
{
  public:
    const char* Name() const override;
    void Init(uint32_t mss, uint32_t initialCwndSegments, uint32_t initialSsthresh) override;
    void OnAck(const TcpAckSample& ack) override;
    void OnCongestionEvent(uint32_t flightSize, TcpTime now) override;
    void OnRetransmitTimeout(uint32_t flightSize, TcpTime now) override;
    void SetCwnd(uint32_t cwnd) override;
    uint32_t Cwnd() const override;
    uint32_t Ssthresh() const override;

  private:
    /** RFC 5681 3.1 equation 4: max(FlightSize / 2, 2 * SMSS). */
    uint32_t HalfFlight(uint32_t flightSize) const;

    uint32_t m_mss{536};
    uint32_t m_cwnd{536};
    uint32_t m_ssthresh{0xFFFFFFFF};
    uint32_t m_bytesAckedInCa{0};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_RENO_CONGESTION_CONTROL_H

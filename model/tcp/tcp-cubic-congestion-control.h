/*
 * CUBIC congestion control (RFC 9438) with HyStart++ (RFC 9406) in the initial slow start: Linux's
 * default. The window grows as a cubic function of the time since the last congestion event,
 * W_cubic(t) = C (t - K)^3 + W_max, never slower than Reno would (the Reno-friendly region,
 * RFC 9438 4.3); a congestion event multiplies it by beta_cubic = 0.7. Windows are kept in bytes
 * and computed in segments, times in seconds, as the RFC writes them.
 * Part of the sans-I/O core: no ns-3 dependency.
 */
#ifndef HANDSHAKE_TCP_CUBIC_CONGESTION_CONTROL_H
#define HANDSHAKE_TCP_CUBIC_CONGESTION_CONTROL_H

#include "tcp-congestion-control.h"

namespace ns3
{
namespace handshake
{

class TcpCubicCongestionControl : public TcpCongestionControl
{
  public:
    static constexpr double C = 0.4;    //!< RFC 9438 4.1
    static constexpr double BETA = 0.7; //!< beta_cubic, RFC 9438 4.6
    // RFC 9406 4.3, the recommended constants.
    static constexpr TcpTime MIN_RTT_THRESH = std::chrono::milliseconds(4);
    static constexpr TcpTime MAX_RTT_THRESH = std::chrono::milliseconds(16);
    static constexpr uint32_t MIN_RTT_DIVISOR = 8;
    static constexpr uint32_t N_RTT_SAMPLE = 8;
    static constexpr uint32_t CSS_GROWTH_DIVISOR = 4;
    static constexpr uint32_t CSS_ROUNDS = 5;

    /** Where the initial slow start is (RFC 9406 4.2). */
    enum class Phase
    {
        SLOW_START,
        CONSERVATIVE_SLOW_START, //!< CSS
        AVOIDANCE,
    };

    const char* Name() const override;
    void Init(uint32_t mss, uint32_t initialCwndSegments, uint32_t initialSsthresh) override;
    void OnAck(const TcpAckSample& ack) override;
    void OnCongestionEvent(uint32_t flightSize, TcpTime now) override;
    void OnRetransmitTimeout(uint32_t flightSize, TcpTime now) override;
    void SetCwnd(uint32_t cwnd) override;
    uint32_t Cwnd() const override;
    uint32_t Ssthresh() const override;

    Phase GetPhase() const { return m_phase; }
    /** W_max (segments) and K (seconds) of the current epoch, for tests. */
    double WMax() const { return m_wMax; }
    double K() const { return m_k; }

  private:
    void SlowStart(const TcpAckSample& ack);
    /** RFC 9406 4.2: per-round RTT tracking, the exit to CSS and back. */
    void HyStart(const TcpAckSample& ack);
    void CongestionAvoidance(const TcpAckSample& ack);
    void StartEpoch(TcpTime now);
    /** RFC 9438 4.6: ssthresh and W_max after a congestion event. */
    void Reduce();
    double Segments(uint64_t bytes) const { return static_cast<double>(bytes) / m_mss; }

    uint32_t m_mss{536};
    uint32_t m_cwnd{536};
    uint32_t m_ssthresh{0xFFFFFFFF};
    Phase m_phase{Phase::SLOW_START};
    bool m_hyStart{true}; //!< RFC 9406 4.3: only in the initial slow start
    // HyStart++ round state (RFC 9406 4.2).
    uint32_t m_windowEnd{0};
    bool m_roundStarted{false};
    TcpTime m_lastRoundMinRtt{TcpTime::max()};
    TcpTime m_currentRoundMinRtt{TcpTime::max()};
    uint32_t m_rttSampleCount{0};
    TcpTime m_cssBaselineMinRtt{TcpTime::max()};
    uint32_t m_cssRounds{0};
    // CUBIC epoch (RFC 9438 4.2-4.3), windows in segments.
    bool m_epochValid{false};
    TcpTime m_epochStart{0};
    double m_wMax{0};
    double m_k{0};
    double m_cwndEpoch{0};
    double m_wEst{0};
    double m_cwndSegments{0}; //!< the window in segments, with its fraction
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CUBIC_CONGESTION_CONTROL_H

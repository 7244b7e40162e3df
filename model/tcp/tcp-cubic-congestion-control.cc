#include "tcp-cubic-congestion-control.h"

#include "tcp-sequence.h"

#include <algorithm>
#include <cmath>

namespace ns3
{
namespace handshake
{

const char*
TcpCubicCongestionControl::Name() const
{
    return "Cubic";
}

void
TcpCubicCongestionControl::Init(uint32_t mss, uint32_t initialCwndSegments, uint32_t initialSsthresh)
{
    *this = TcpCubicCongestionControl{};
    m_mss = std::max<uint32_t>(mss, 1);
    m_cwnd = std::max<uint32_t>(1, initialCwndSegments) * m_mss; // RFC 6928
    m_cwndSegments = Segments(m_cwnd);
    m_ssthresh = initialSsthresh;
}

void
TcpCubicCongestionControl::OnAck(const TcpAckSample& ack)
{
    if (m_cwnd < m_ssthresh)
    {
        SlowStart(ack); // RFC 5681 3.1, also below ssthresh after a recovery or an RTO
        return;
    }
    if (m_phase != Phase::AVOIDANCE)
    {
        m_phase = Phase::AVOIDANCE; // slow start reached ssthresh: the first epoch begins
        m_hyStart = false;
        m_epochValid = false;
    }
    CongestionAvoidance(ack);
}

void
TcpCubicCongestionControl::SlowStart(const TcpAckSample& ack)
{
    if (m_hyStart)
    {
        HyStart(ack);
    }
    // RFC 9406 4.2: cwnd += min(N, L * SMSS), L = infinity without pacing (RFC 3465 byte
    // counting, as Linux's tcp_slow_start); in CSS a quarter of that.
    uint64_t increase = ack.bytesAcked;
    if (m_phase == Phase::CONSERVATIVE_SLOW_START)
    {
        increase /= CSS_GROWTH_DIVISOR;
    }
    m_cwnd = static_cast<uint32_t>(std::min<uint64_t>(m_cwnd + increase, 0x7FFFFFFFu));
    m_cwndSegments = Segments(m_cwnd);
    m_epochValid = false; // the epoch starts when congestion avoidance does
}

void
TcpCubicCongestionControl::HyStart(const TcpAckSample& ack)
{
    // RFC 9406 4.2: a round ends when the ACK passes windowEnd (SND.NXT at the round's start).
    if (!m_roundStarted || SeqGeq(ack.sndUna, m_windowEnd))
    {
        m_roundStarted = true;
        m_windowEnd = ack.sndNxt;
        m_lastRoundMinRtt = m_currentRoundMinRtt;
        m_currentRoundMinRtt = TcpTime::max();
        m_rttSampleCount = 0;
        if (m_phase == Phase::CONSERVATIVE_SLOW_START && ++m_cssRounds >= CSS_ROUNDS)
        {
            // CSS_ROUNDS rounds of CSS: slow start is over (ssthresh = cwnd).
            m_ssthresh = m_cwnd;
            m_phase = Phase::AVOIDANCE;
            m_hyStart = false;
            return;
        }
    }
    if (!ack.rtt)
    {
        return;
    }
    m_currentRoundMinRtt = std::min(m_currentRoundMinRtt, *ack.rtt);
    m_rttSampleCount++;
    if (m_rttSampleCount < N_RTT_SAMPLE || m_currentRoundMinRtt == TcpTime::max())
    {
        return;
    }
    if (m_phase == Phase::SLOW_START && m_lastRoundMinRtt != TcpTime::max())
    {
        TcpTime thresh =
            std::clamp(m_lastRoundMinRtt / MIN_RTT_DIVISOR, MIN_RTT_THRESH, MAX_RTT_THRESH);
        if (m_currentRoundMinRtt >= m_lastRoundMinRtt + thresh)
        {
            m_cssBaselineMinRtt = m_currentRoundMinRtt; // the delay grew: to CSS
            m_phase = Phase::CONSERVATIVE_SLOW_START;
            m_cssRounds = 0;
        }
    }
    else if (m_phase == Phase::CONSERVATIVE_SLOW_START &&
             m_currentRoundMinRtt < m_cssBaselineMinRtt)
    {
        // The increase was spurious: back to slow start.
        m_cssBaselineMinRtt = TcpTime::max();
        m_phase = Phase::SLOW_START;
    }
}

void
TcpCubicCongestionControl::StartEpoch(TcpTime now)
{
    // RFC 9438 4.2: K = cbrt((W_max - cwnd_epoch) / C), zero when the window is at or above W_max.
    m_epochValid = true;
    m_epochStart = now;
    m_cwndEpoch = m_cwndSegments;
    if (m_wMax < m_cwndEpoch)
    {
        m_wMax = m_cwndEpoch; // no congestion event yet (or the window grew past W_max)
    }
    m_k = std::cbrt((m_wMax - m_cwndEpoch) / C);
    m_wEst = m_cwndEpoch; // RFC 9438 4.3
}

void
TcpCubicCongestionControl::CongestionAvoidance(const TcpAckSample& ack)
{
    if (!m_epochValid)
    {
        StartEpoch(ack.now);
    }
    double acked = Segments(ack.bytesAcked);
    // RTT as RFC 9438 4.2 uses it: the minimum RTT seen (Linux's delay_min); else the sample; else
    // 100 ms, a guess that only matters before any sample exists.
    double rtt = ack.minRtt.count() > 0 ? std::chrono::duration<double>(ack.minRtt).count()
                 : ack.rtt                ? std::chrono::duration<double>(*ack.rtt).count()
                                          : 0.1;
    double t = std::chrono::duration<double>(ack.now - m_epochStart).count();
    auto cubic = [this](double at) { return C * std::pow(at - m_k, 3) + m_wMax; };
    // RFC 9438 4.3: the Reno-friendly estimate, alpha_cubic until W_est reaches W_max, then 1.
    double alpha = m_wEst >= m_wMax ? 1.0 : 3.0 * (1.0 - BETA) / (1.0 + BETA);
    m_wEst += alpha * acked / m_cwndSegments;
    if (cubic(t) < m_wEst)
    {
        m_cwndSegments = std::max(m_cwndSegments, m_wEst); // Reno-friendly region
    }
    else
    {
        // RFC 9438 4.4-4.5: aim at W_cubic(t + RTT), within [cwnd, 1.5 cwnd], and get there by
        // (target - cwnd) / cwnd per acknowledged segment.
        double target = std::clamp(cubic(t + rtt), m_cwndSegments, 1.5 * m_cwndSegments);
        m_cwndSegments += (target - m_cwndSegments) / m_cwndSegments * acked;
    }
    m_cwnd = static_cast<uint32_t>(std::min(m_cwndSegments * m_mss, 2147483647.0));
}

void
TcpCubicCongestionControl::Reduce()
{
    // RFC 9438 4.7 (fast convergence): a loss below the last W_max lowers W_max further.
    double cwnd = m_cwndSegments;
    m_wMax = cwnd < m_wMax ? cwnd * (1.0 + BETA) / 2.0 : cwnd;
    // RFC 9438 4.6: ssthresh = cwnd * beta_cubic (cwnd rather than the flight, as Linux), at
    // least 2 segments.
    m_ssthresh = std::max<uint32_t>(static_cast<uint32_t>(cwnd * BETA * m_mss), 2 * m_mss);
    m_epochValid = false;
    m_phase = Phase::AVOIDANCE;
    m_hyStart = false; // a congestion event ends the initial slow start for good (RFC 9406 4.2)
}

void
TcpCubicCongestionControl::OnCongestionEvent(uint32_t /* flightSize */, TcpTime /* now */)
{
    Reduce(); // the window itself is PRR's to bring down to ssthresh
}

void
TcpCubicCongestionControl::OnRetransmitTimeout(uint32_t /* flightSize */, TcpTime /* now */)
{
    // RFC 9438 4.8: ssthresh as on a congestion event, cwnd = 1 SMSS, slow start again (without
    // HyStart++, RFC 9406 4.3); the next epoch starts when slow start ends.
    Reduce();
    m_phase = Phase::SLOW_START;
    m_cwnd = m_mss;
    m_cwndSegments = 1.0;
}

void
TcpCubicCongestionControl::SetCwnd(uint32_t cwnd)
{
    m_cwnd = std::max(cwnd, m_mss);
    m_cwndSegments = Segments(m_cwnd);
    m_epochValid = m_epochValid && m_phase == Phase::AVOIDANCE;
}

uint32_t
TcpCubicCongestionControl::Cwnd() const
{
    return m_cwnd;
}

uint32_t
TcpCubicCongestionControl::Ssthresh() const
{
    return m_ssthresh;
}

} // namespace handshake
} // namespace ns3

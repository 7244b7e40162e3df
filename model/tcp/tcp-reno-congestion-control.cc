#include "tcp-reno-congestion-control.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

std::unique_ptr<TcpCongestionControl>
CreateDefaultCongestionControl()
{
    return std::make_unique<TcpRenoCongestionControl>();
}

const char*
TcpRenoCongestionControl::Name() const
{
    return "Reno";
}

void
TcpRenoCongestionControl::Init(uint32_t mss, uint32_t initialCwndSegments, uint32_t initialSsthresh)
{
    m_mss = mss;
    m_cwnd = std::max<uint32_t>(1, initialCwndSegments) * mss; // RFC 5681 3.1 / RFC 6928
    m_ssthresh = initialSsthresh;
    m_bytesAckedInCa = 0;
}

void
TcpRenoCongestionControl::OnAck(uint32_t bytesAcked, TcpTime /* now */)
{
    if (m_cwnd < m_ssthresh)
    {
        // RFC 5681 3.1 equation 2: cwnd += min(N, SMSS) per ACK in slow start.
        m_cwnd += std::min(bytesAcked, m_mss);
        return;
    }
    // RFC 5681 3.1: congestion avoidance adds one SMSS per cwnd of acknowledged bytes
    // (the byte-counting variant of equation 3).
    m_bytesAckedInCa += bytesAcked;
    if (m_bytesAckedInCa >= m_cwnd)
    {
        m_bytesAckedInCa -= m_cwnd;
        m_cwnd += m_mss;
    }
}

void
TcpRenoCongestionControl::OnEnterRecovery(uint32_t flightSize)
{
    // RFC 5681 3.2 steps 2 and 3: ssthresh per equation 4, cwnd = ssthresh + 3 * SMSS.
    m_ssthresh = HalfFlight(flightSize);
    m_cwnd = m_ssthresh + 3 * m_mss;
}

void
TcpRenoCongestionControl::OnDupAckInRecovery()
{
    // RFC 5681 3.2 step 4: inflate by one SMSS per further duplicate ACK.
    m_cwnd += m_mss;
}

void
TcpRenoCongestionControl::OnPartialAck(uint32_t bytesAcked)
{
    // RFC 6582 3.2 step 5: deflate by the amount acknowledged, add back one SMSS if that was >=
    // SMSS.
    m_cwnd = m_cwnd > bytesAcked ? m_cwnd - bytesAcked : m_mss;
    if (bytesAcked >= m_mss)
    {
        m_cwnd += m_mss;
    }
}

void
TcpRenoCongestionControl::OnExitRecovery(uint32_t flightSize)
{
    // RFC 6582 3.2 step 4, option 1: cwnd = min(ssthresh, FlightSize + SMSS).
    m_cwnd = std::min(m_ssthresh, std::max(flightSize, m_mss) + m_mss);
    m_bytesAckedInCa = 0;
}

void
TcpRenoCongestionControl::OnRetransmitTimeout(uint32_t flightSize)
{
    // RFC 5681 3.1: ssthresh per equation 4, cwnd = loss window = 1 SMSS.
    m_ssthresh = HalfFlight(flightSize);
    m_cwnd = m_mss;
    m_bytesAckedInCa = 0;
}

uint32_t
TcpRenoCongestionControl::Cwnd() const
{
    return m_cwnd;
}

uint32_t
TcpRenoCongestionControl::Ssthresh() const
{
    return m_ssthresh;
}

uint32_t
TcpRenoCongestionControl::HalfFlight(uint32_t flightSize) const
{
    return std::max(flightSize / 2, 2 * m_mss);
}

} // namespace handshake
} // namespace ns3

#include "tcp-reno-congestion-control.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

const char*
TcpRenoCongestionControl::Name() const
{
    return "NewReno";
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
TcpRenoCongestionControl::OnAck(const TcpAckSample& ack)
{
    if (m_cwnd < m_ssthresh)
    {
        // RFC 5681 3.1 equation 2: cwnd += min(N, SMSS) per ACK in slow start.
        m_cwnd += std::min(ack.bytesAcked, m_mss);
        return;
    }
    // RFC 5681 3.1: congestion avoidance adds one SMSS per cwnd of acknowledged bytes
    // (the byte-counting variant of equation 3).
    m_bytesAckedInCa += ack.bytesAcked;
    if (m_bytesAckedInCa >= m_cwnd)
    {
        m_bytesAckedInCa -= m_cwnd;
        m_cwnd += m_mss;
    }
}

void
TcpRenoCongestionControl::OnCongestionEvent(uint32_t flightSize, TcpTime /* now */)
{
    m_ssthresh = HalfFlight(flightSize); // RFC 5681 3.2 step 2
    m_bytesAckedInCa = 0;
}

void
TcpRenoCongestionControl::OnRetransmitTimeout(uint32_t flightSize, TcpTime /* now */)
{
    // RFC 5681 3.1: ssthresh per equation 4, cwnd = loss window = 1 SMSS.
    m_ssthresh = HalfFlight(flightSize);
    m_cwnd = m_mss;
    m_bytesAckedInCa = 0;
}

void
TcpRenoCongestionControl::SetCwnd(uint32_t cwnd)
{
    m_cwnd = std::max(cwnd, m_mss);
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

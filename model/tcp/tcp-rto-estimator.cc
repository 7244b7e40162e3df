#include "tcp-rto-estimator.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

TcpRtoEstimator::TcpRtoEstimator(TcpTime initialRto,
                                 TcpTime minRto,
                                 TcpTime maxRto,
                                 TcpTime granularity,
                                 bool minRtoInVariance)
    : m_minRto(minRto),
      m_maxRto(maxRto),
      m_granularity(granularity),
      m_baseRto(initialRto), // RFC 6298 2.1
      m_minRtoInVariance(minRtoInVariance)
{
}

void
TcpRtoEstimator::AddSample(TcpTime rtt, bool windowEnded)
{
    if (m_minRtoInVariance)
    {
        AddLinuxSample(rtt, windowEnded);
        return;
    }
    if (!m_hasSample)
    {
        // RFC 6298 2.2: SRTT <- R, RTTVAR <- R/2
        m_srtt = rtt;
        m_rttvar = rtt / 2;
        m_hasSample = true;
    }
    else
    {
        // RFC 6298 2.3: RTTVAR <- 3/4 RTTVAR + 1/4 |SRTT - R'|; SRTT <- 7/8 SRTT + 1/8 R'
        TcpTime delta = m_srtt > rtt ? m_srtt - rtt : rtt - m_srtt;
        m_rttvar = (3 * m_rttvar + delta) / 4;
        m_srtt = (7 * m_srtt + rtt) / 8;
    }
    // RFC 6298 2.2/2.3: RTO <- SRTT + max(G, K*RTTVAR), K = 4; 2.4/2.5: bounds.
    TcpTime rto = m_srtt + std::max(m_granularity, 4 * m_rttvar);
    m_baseRto = std::clamp(rto, m_minRto, m_maxRto);
}

void
TcpRtoEstimator::AddLinuxSample(TcpTime rtt, bool windowEnded)
{
    // Linux tcp_rtt_estimator, its mdev_us being 4 * the mean deviation (RFC 6298's K * RTTVAR).
    if (!m_hasSample)
    {
        m_srtt = rtt;
        m_mdev = 2 * rtt; // RTO = 3 * RTT for the first sample
        m_rttvar = std::max(m_mdev, m_minRto);
        m_mdevMax = m_rttvar;
        m_hasSample = true;
    }
    else
    {
        TcpTime error = rtt - m_srtt;
        m_srtt += error / 8; // SRTT = 7/8 SRTT + 1/8 R
        TcpTime change;
        if (error.count() < 0)
        {
            // A falling RTT moves the deviation with gain 1/32, not 1/4 (Eifel-like).
            change = -error - m_mdev / 4;
            if (change.count() > 0)
            {
                change /= 8;
            }
        }
        else
        {
            change = error - m_mdev / 4;
        }
        m_mdev += change; // mdev = 3/4 mdev + 1/4 |error|
        if (m_mdev > m_mdevMax)
        {
            m_mdevMax = m_mdev;
            m_rttvar = std::max(m_rttvar, m_mdevMax);
        }
        if (windowEnded)
        {
            // Once per window of data: rttvar decays toward this window's largest deviation.
            if (m_mdevMax < m_rttvar)
            {
                m_rttvar -= (m_rttvar - m_mdevMax) / 4;
            }
            m_mdevMax = m_minRto;
        }
    }
    // __tcp_set_rto: SRTT + rttvar, in whole clock ticks (usecs_to_jiffies rounds up).
    TcpTime rto = m_srtt + m_rttvar;
    if (m_granularity.count() > 0)
    {
        rto = (rto + m_granularity - TcpTime(1)) / m_granularity * m_granularity;
    }
    m_baseRto = std::min(rto, m_maxRto);
}

void
TcpRtoEstimator::Backoff()
{
    // Stop doubling once the cap is reached, so the shift cannot overflow.
    if (Rto() < m_maxRto)
    {
        ++m_backoff;
    }
}

void
TcpRtoEstimator::ResetBackoff()
{
    m_backoff = 0;
}

void
TcpRtoEstimator::ApplySynTimeoutFloor()
{
    constexpr TcpTime floor = std::chrono::seconds(3);
    if (!m_hasSample && m_baseRto < floor)
    {
        m_baseRto = std::min(floor, m_maxRto);
    }
}

TcpTime
TcpRtoEstimator::Rto() const
{
    TcpTime rto = m_baseRto;
    for (uint32_t i = 0; i < m_backoff && rto < m_maxRto; ++i)
    {
        rto *= 2;
    }
    return std::min(rto, m_maxRto);
}

TcpTime
TcpRtoEstimator::Srtt() const
{
    return m_srtt;
}

TcpTime
TcpRtoEstimator::RttVar() const
{
    return m_rttvar;
}

uint32_t
TcpRtoEstimator::BackoffCount() const
{
    return m_backoff;
}

bool
TcpRtoEstimator::HasSample() const
{
    return m_hasSample;
}

} // namespace handshake
} // namespace ns3

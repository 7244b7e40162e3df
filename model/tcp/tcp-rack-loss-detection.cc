#include "tcp-rack-loss-detection.h"

#include "tcp-rfc6675-loss-detection.h"
#include "tcp-sequence.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

std::unique_ptr<TcpLossDetection>
CreateLossDetection(TcpLossRecovery kind)
{
    if (kind == TcpLossRecovery::RFC6675)
    {
        return std::make_unique<TcpRfc6675LossDetection>();
    }
    return std::make_unique<TcpRackLossDetection>();
}

const char*
TcpRackLossDetection::Name() const
{
    return "RackTlp";
}

bool
TcpRackLossDetection::ProbesTail() const
{
    return true;
}

void
TcpRackLossDetection::OnDelivery(const TcpRetransmitQueue::Delivery& delivery,
                                 TcpTime now,
                                 TcpTime minRtt)
{
    m_minRtt = minRtt;
    m_reordering = m_reordering || delivery.reordered;
    if (!delivery.any)
    {
        return;
    }
    TcpTime rtt = now - delivery.newestSentAt;
    // RFC 8985 6.2 step 2: a retransmitted segment whose ACK may be for the original is no
    // guide (Linux: RTT below min_rtt); skip it.
    if (delivery.newestRetransmitted && rtt < minRtt)
    {
        return;
    }
    // Step 3: RACK.xmit_ts and RACK.end_seq follow the most recently sent segment delivered.
    if (!m_delivered || delivery.newestSentAt > m_xmitTs ||
        (delivery.newestSentAt == m_xmitTs && SeqGt(delivery.newestEnd, m_endSeq)))
    {
        m_delivered = true;
        m_xmitTs = delivery.newestSentAt;
        m_endSeq = delivery.newestEnd;
        m_rtt = rtt;
    }
}

TcpTime
TcpRackLossDetection::ReorderingWindow(const TcpRetransmitQueue& queue, bool inRecovery) const
{
    // RFC 8985 6.2 step 4: no reordering seen and (in recovery, or DupThresh segments SACKed):
    // 0, so that losses are found as fast as RFC 6675 would; else min_RTT / 4, at most SRTT.
    if (!m_reordering && (inRecovery || queue.SackedSegments() >= 3))
    {
        return TcpTime{0};
    }
    return std::min(m_minRtt / 4, m_rtt);
}

std::optional<TcpTime>
TcpRackLossDetection::DetectLosses(TcpRetransmitQueue& queue,
                                   TcpTime now,
                                   uint32_t /* mss */,
                                   bool inRecovery)
{
    if (!m_delivered)
    {
        return std::nullopt;
    }
    TcpTime reoWnd = ReorderingWindow(queue, inRecovery);
    std::optional<TcpTime> timeout;
    for (TcpSentSegment& segment : queue.Segments())
    {
        if (segment.sacked || segment.lost)
        {
            continue;
        }
        // RFC 8985 6.2 step 5: only segments sent before the newest delivered one can be lost.
        bool sentBefore = segment.sentAt < m_xmitTs ||
                          (segment.sentAt == m_xmitTs && SeqLt(segment.end, m_endSeq));
        if (!sentBefore)
        {
            continue;
        }
        TcpTime deadline = segment.sentAt + m_rtt + reoWnd;
        if (deadline <= now)
        {
            queue.MarkLost(segment);
        }
        else if (!timeout || deadline < *timeout)
        {
            timeout = deadline; // RFC 8985 6.3: the reordering timer
        }
    }
    return timeout;
}

} // namespace handshake
} // namespace ns3

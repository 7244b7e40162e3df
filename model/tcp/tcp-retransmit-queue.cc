#include "tcp-retransmit-queue.h"

#include "tcp-sequence.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

std::deque<TcpSentSegment>&
TcpRetransmitQueue::Segments()
{
    // Without storage, a shared empty deque: callers walk and mark segments, only OnSent adds
    // one (and allocates), so a loss detection pass over an idle connection allocates nothing.
    static std::deque<TcpSentSegment> none;
    return m_storage ? *m_storage : none;
}

const std::deque<TcpSentSegment>&
TcpRetransmitQueue::Segments() const
{
    static const std::deque<TcpSentSegment> none;
    return m_storage ? *m_storage : none;
}

void
TcpRetransmitQueue::OnSent(uint32_t start, uint32_t end, TcpTime now)
{
    if (!SeqLt(start, end))
    {
        return;
    }
    if (!Segments().empty() && SeqLt(start, Segments().back().end))
    {
        return; // not new (a go-back-N resend at other boundaries): the caller's retransmission
    }
    TcpSentSegment segment;
    segment.start = start;
    segment.end = end;
    segment.sentAt = now;
    if (!m_storage)
    {
        m_storage = std::make_unique<std::deque<TcpSentSegment>>();
    }
    m_storage->push_back(segment);
    m_pipe += segment.Length();
}

bool
TcpRetransmitQueue::OnRetransmitted(uint32_t start, TcpTime now)
{
    auto it = std::lower_bound(Segments().begin(),
                               Segments().end(),
                               start,
                               [](const TcpSentSegment& s, uint32_t seq) { return SeqLt(s.start, seq); });
    if (it == Segments().end() || it->start != start || it->sacked)
    {
        return false;
    }
    if (it->lost)
    {
        it->lost = false; // back in the pipe (RFC 6675 4: retransmissions count once)
        m_lostSegments--;
        m_pipe += it->Length();
    }
    it->timesSent++;
    it->sentAt = now;
    return true;
}

TcpRetransmitQueue::Delivery
TcpRetransmitQueue::OnAck(uint32_t ack, const std::vector<TcpSackBlock>& sack)
{
    Delivery delivery;
    // Linux tcp_sacktag_write_queue / tcp_check_sack_reordering: reordering is judged against the
    // highest SACKed before this ACK, whatever order its blocks come in (newest first, RFC 2018).
    std::optional<uint32_t> priorHighestSacked;
    if (m_anySacked)
    {
        priorHighestSacked = m_highestSacked;
    }
    while (!Segments().empty() && SeqLeq(Segments().front().end, ack))
    {
        TcpSentSegment& front = Segments().front();
        if (!front.sacked)
        {
            Deliver(front, delivery, priorHighestSacked);
        }
        Remove(front);
        Segments().pop_front();
    }
    if (!Segments().empty() && SeqLt(Segments().front().start, ack))
    {
        // Partly acknowledged (the peer took part of a segment): keep the rest.
        TcpSentSegment& front = Segments().front();
        uint32_t acked = ack - front.start;
        if (!front.sacked && !front.lost)
        {
            m_pipe -= acked;
        }
        delivery.bytes += front.sacked ? 0 : acked;
        front.start = ack;
    }
    for (const TcpSackBlock& block : sack)
    {
        if (!SeqLt(block.left, block.right) || SeqLeq(block.right, ack))
        {
            continue; // malformed, or a D-SACK of what was acknowledged (RFC 2883)
        }
        auto it = std::lower_bound(Segments().begin(),
                                   Segments().end(),
                                   block.left,
                                   [](const TcpSentSegment& s, uint32_t seq) { return SeqLt(s.start, seq); });
        for (; it != Segments().end() && SeqLeq(it->end, block.right); ++it)
        {
            if (!it->sacked)
            {
                Deliver(*it, delivery, priorHighestSacked);
                it->sacked = true;
                m_sackedBytes += it->Length();
                m_sackedSegments++;
                if (!m_anySacked || SeqGt(it->end, m_highestSacked))
                {
                    m_highestSacked = it->end;
                    m_anySacked = true;
                }
            }
        }
    }
    if (m_storage && m_storage->empty())
    {
        m_storage.reset(); // all acknowledged: an idle or TIME_WAIT connection keeps no deque
    }
    return delivery;
}

void
TcpRetransmitQueue::Deliver(TcpSentSegment& segment,
                            Delivery& delivery,
                            std::optional<uint32_t> priorHighestSacked)
{
    delivery.bytes += segment.Length();
    if (!segment.lost)
    {
        m_pipe -= segment.Length();
    }
    else
    {
        segment.lost = false; // it arrived after all
        m_lostSegments--;
    }
    // RFC 8985 6.2 step 4: a segment never retransmitted delivered below one SACKed by an
    // earlier ACK shows reordering.
    if (segment.timesSent == 1 && priorHighestSacked && SeqLt(segment.end, *priorHighestSacked))
    {
        delivery.reordered = true;
    }
    if (!delivery.any || segment.sentAt > delivery.newestSentAt ||
        (segment.sentAt == delivery.newestSentAt && SeqGt(segment.end, delivery.newestEnd)))
    {
        delivery.any = true;
        delivery.newestSentAt = segment.sentAt;
        delivery.newestEnd = segment.end;
        delivery.newestRetransmitted = segment.timesSent > 1;
    }
}

void
TcpRetransmitQueue::Remove(const TcpSentSegment& segment)
{
    if (segment.sacked)
    {
        m_sackedBytes -= segment.Length();
        m_sackedSegments--;
    }
}

void
TcpRetransmitQueue::MarkLost(TcpSentSegment& segment)
{
    if (segment.sacked || segment.lost)
    {
        return;
    }
    segment.lost = true;
    m_lostSegments++;
    m_pipe -= segment.Length();
}

void
TcpRetransmitQueue::MarkAllLost()
{
    for (TcpSentSegment& segment : Segments())
    {
        MarkLost(segment);
    }
}

const TcpSentSegment*
TcpRetransmitQueue::FirstLost() const
{
    if (m_lostSegments == 0)
    {
        return nullptr;
    }
    for (const TcpSentSegment& segment : Segments())
    {
        if (segment.lost)
        {
            return &segment;
        }
    }
    return nullptr;
}

void
TcpRetransmitQueue::Clear()
{
    *this = TcpRetransmitQueue{};
}

} // namespace handshake
} // namespace ns3

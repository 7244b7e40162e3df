/*
 * TcpTimeWait: TIME-WAIT's segment rules on a small state (RFC 9293 3.10.7.4), in the order
 * TcpConnection applies them (tcp-connection-input.cc): PAWS, sequence check, RST, SYN, ACK, text.
 */
#include "tcp-time-wait.h"

#include "tcp-sequence.h"

#include <algorithm>
#include <chrono>

namespace ns3
{
namespace handshake
{

TcpTimeWait::TcpTimeWait(const Variables& variables)
    : m_v(variables)
{
}

TcpTimeWait::Reply
TcpTimeWait::OnSegment(const TcpSegment& seg, TcpTime now)
{
    Reply reply;
    const bool rst = seg.Has(TcpSegment::RST);
    // RFC 7323 5.3 R1: a TSval older than TS.Recent is an old duplicate: ACK it, drop it.
    if (m_v.timestamps && seg.timestamp && m_v.tsRecentValid && !rst &&
        SeqLt(seg.timestamp->value, m_v.tsRecent))
    {
        reply.ack = MakeAck(now);
        return reply;
    }
    // RFC 9293 3.10.7.4 first: sequence number check. A retransmitted FIN lies below RCV.NXT:
    // "Acknowledge it, and restart the 2 MSL timeout."
    if (!SegmentAcceptable(seg.seq, seg.SequenceLength(), m_v.rcvNxt, m_v.receiveWindow))
    {
        if (!rst)
        {
            uint32_t end = seg.seq + static_cast<uint32_t>(seg.payload.size());
            if (!seg.payload.empty() && SeqLeq(end, m_v.rcvNxt))
            {
                NoteDuplicate(seg.seq, end); // RFC 2883 4.1.1
            }
            reply.ack = MakeAck(now);
            if (seg.Has(TcpSegment::FIN))
            {
                m_v.deadline = now + m_v.timeout;
                reply.restarted = true;
            }
        }
        return reply;
    }
    // RFC 7323 4.3 (2): TS.Recent follows the peer's clock for in-sequence segments.
    if (m_v.timestamps && seg.timestamp && SeqGeq(seg.timestamp->value, m_v.tsRecent) &&
        SeqLeq(seg.seq, m_v.lastAckSent))
    {
        m_v.tsRecent = seg.timestamp->value;
        m_v.tsRecentValid = true;
    }
    // second: RST. RFC 5961 3.2: only an exact match resets, any other gets a challenge ACK.
    // Both FINs were exchanged already: the connection did close normally.
    if (rst)
    {
        if (seg.seq == m_v.rcvNxt)
        {
            reply.closed = true;
        }
        else
        {
            reply.ack = MakeAck(now);
        }
        return reply;
    }
    // fourth: SYN in a synchronized state, RFC 5961 4.2: challenge ACK.
    if (seg.Has(TcpSegment::SYN))
    {
        reply.ack = MakeAck(now);
        return reply;
    }
    // fifth: no ACK bit, drop; an ACK of something not yet sent: ACK and drop.
    if (!seg.Has(TcpSegment::ACK))
    {
        return reply;
    }
    if (SeqGt(seg.ack, m_v.sndMax))
    {
        reply.ack = MakeAck(now);
        return reply;
    }
    // seventh: text below RCV.NXT is a duplicate (RFC 2883 4.1.1); TIME-WAIT takes no new text.
    uint32_t length = static_cast<uint32_t>(seg.payload.size());
    bool fin = seg.Has(TcpSegment::FIN);
    if (SeqLt(seg.seq, m_v.rcvNxt))
    {
        uint32_t skip = std::min(m_v.rcvNxt - seg.seq, length);
        NoteDuplicate(seg.seq, seg.seq + skip);
        if (SeqLt(seg.seq + skip, m_v.rcvNxt))
        {
            fin = false; // the FIN, too, was received before
        }
    }
    // eighth: a FIN beyond RCV.NXT is ACKed at once, as out-of-order text (RFC 5681 4.2).
    if (fin && SeqGt(seg.seq + length, m_v.rcvNxt))
    {
        reply.ack = MakeAck(now);
    }
    return reply;
}

TcpSegment
TcpTimeWait::MakeAck(TcpTime now)
{
    TcpSegment seg;
    seg.sourcePort = m_v.localPort;
    seg.destinationPort = m_v.remotePort;
    seg.seq = m_v.sndMax;
    seg.ack = m_v.rcvNxt;
    seg.flags = TcpSegment::ACK;
    seg.window = m_v.window;
    m_v.lastAckSent = m_v.rcvNxt;
    if (m_v.timestamps)
    {
        // RFC 7323 5.4: our clock ticks every millisecond, offset per connection.
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
        seg.timestamp = TcpTimestampOption{static_cast<uint32_t>(ms) + m_v.tsOffset, m_v.tsRecent};
    }
    if (m_v.sack && m_v.dsack)
    {
        seg.sack.push_back(*m_v.dsack);
        m_v.dsack.reset();
    }
    return seg;
}

void
TcpTimeWait::NoteDuplicate(uint32_t seq, uint32_t end)
{
    if (m_v.sack && SeqLt(seq, end))
    {
        m_v.dsack = TcpSackBlock{seq, end};
    }
}

} // namespace handshake
} // namespace ns3

/*
 * TcpConnection, segment arrival: the event processing of RFC 9293 3.10.7 (SYN-SENT, then the
 * synchronized states: sequence check, RST, SYN, ACK, text, FIN).
 */
#include "tcp-connection-impl.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

// =====================================================================================================
// Segment arrival (RFC 9293 3.10.7)
// =====================================================================================================

void
TcpConnection::Impl::OnSegment(const TcpSegment& seg, TcpTime now)
{
    if (m_state == TcpState::CLOSED)
    {
        return; // the adapter answers segments for closed connections (RFC 9293 3.10.7.1)
    }
    m_stats.segmentsReceived++;
    if (m_state == TcpState::LISTEN)
    {
        OnSegmentListen(seg, now);
        return;
    }
    if (m_state == TcpState::SYN_SENT)
    {
        OnSegmentSynSent(seg, now);
    }
    else
    {
        OnSegmentSynchronized(seg, now);
    }
    if (m_state != TcpState::CLOSED)
    {
        TrySend(now);
        if (m_ackNow)
        {
            SendAck(now);
        }
        UpdateTimers(now, false);
    }
}

void
TcpConnection::Impl::OnSegmentSynSent(const TcpSegment& seg, TcpTime now)
{
    bool ackAcceptable = false;
    if (seg.Has(TcpSegment::ACK))
    {
        // RFC 9293 3.10.7.3 first: an ACK outside (ISS, SND.NXT] gets a RST unless it is one.
        if (SeqLeq(seg.ack, m_iss) || SeqGt(seg.ack, m_sndNxt))
        {
            if (!seg.Has(TcpSegment::RST))
            {
                SendRst(seg.ack, false, 0);
            }
            return;
        }
        ackAcceptable = true;
    }
    if (seg.Has(TcpSegment::RST))
    {
        // RFC 9293 3.10.7.3 second (and RFC 5961 3.2): only a RST acknowledging our SYN counts.
        if (ackAcceptable)
        {
            EnterClosed(TcpOutcome::REFUSED);
        }
        return;
    }
    if (!seg.Has(TcpSegment::SYN))
    {
        return; // fifth: neither SYN nor RST, drop
    }
    // RFC 9293 3.10.7.3 fourth: RCV.NXT = SEG.SEQ + 1, IRS = SEG.SEQ.
    m_irs = seg.seq;
    m_rcvNxt = seg.seq + 1;
    ReadPeerSynOptions(seg);
    m_sndWnd = seg.window; // RFC 7323 2.2: not scaled on a SYN
    m_maxSndWnd = m_sndWnd;
    m_sndWl1 = seg.seq;
    m_sndWl2 = seg.ack;
    if (ackAcceptable)
    {
        HandleNewAck(seg, now);
        SetState(TcpState::ESTABLISHED);
        HandshakeComplete();
        // RFC 9293 3.10.7.3: "continue processing at the sixth step": text and FIN of the SYN-ACK.
        TcpSegment rest = seg;
        rest.flags &= ~TcpSegment::SYN;
        rest.seq += 1;
        HandleText(rest, now);
        SendAck(now); // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
        return;
    }
    // Simultaneous open (RFC 9293 3.5 figure 7): SYN-SENT -> SYN-RECEIVED, send SYN,ACK.
    SetState(TcpState::SYN_RCVD);
    SendSyn(now);
}

void
TcpConnection::Impl::OnSegmentSynchronized(TcpSegment seg, TcpTime now)
{
    if (seg.Has(TcpSegment::SYN) && seg.seq == m_irs && !seg.Has(TcpSegment::RST))
    {
        if (m_state == TcpState::SYN_RCVD && !seg.Has(TcpSegment::ACK))
        {
            // The peer's SYN again: our SYN-ACK was lost; answer it again.
            m_sndNxt = m_iss;
            SendSyn(now);
            return;
        }
        if (m_state == TcpState::SYN_RCVD)
        {
            // Simultaneous open, RFC 9293 figure 7 line 6: the peer's SYN,ACK. Its SYN is known;
            // process its ACK and answer with an ACK.
            seg.flags &= ~TcpSegment::SYN;
            seg.seq += 1;
            ScheduleAck(now, true, 0);
        }
    }
    if (!PassesPaws(seg, now))
    {
        return;
    }
    // RFC 9293 3.10.7.4 first: sequence number check.
    if (!SegmentAcceptable(seg.seq, seg.SequenceLength(), m_rcvNxt, ReceiveWindow()))
    {
        if (!seg.Has(TcpSegment::RST))
        {
            uint32_t end = seg.seq + static_cast<uint32_t>(seg.payload.size());
            if (!seg.payload.empty() && SeqLeq(end, m_rcvNxt))
            {
                NoteDuplicate(seg.seq, end); // RFC 2883 4.1.1: a retransmission we had
                EnterQuickAck(); // Linux tcp_send_dupack: the peer retransmits, ACK at once
            }
            SendAck(now);
            if (m_state == TcpState::TIME_WAIT && seg.Has(TcpSegment::FIN))
            {
                EnterTimeWait(now); // a retransmitted FIN restarts the 2 MSL timeout
            }
        }
        return;
    }
    UpdateTsRecent(seg);
    // second: RST; fourth: SYN in a synchronized state (RFC 5961 4.2: challenge ACK).
    if (seg.Has(TcpSegment::RST))
    {
        HandleRst(seg, now);
        return;
    }
    if (seg.Has(TcpSegment::SYN))
    {
        SendAck(now);
        return;
    }
    // fifth: ACK field.
    if (!HandleAck(seg, now))
    {
        return;
    }
    // seventh and eighth: segment text and FIN.
    HandleText(seg, now);
}

bool
TcpConnection::Impl::PassesPaws(const TcpSegment& seg, TcpTime now)
{
    // RFC 7323 5.3 R1: a segment whose TSval is older than TS.Recent is an old duplicate: ACK it
    // (unless it is a RST) and drop it.
    if (!m_options.timestamps || !seg.timestamp || !m_tsRecentValid || seg.Has(TcpSegment::RST) ||
        !SeqLt(seg.timestamp->value, m_tsRecent))
    {
        return true;
    }
    m_stats.pawsDrops++;
    SendAck(now);
    return false;
}

void
TcpConnection::Impl::UpdateTsRecent(const TcpSegment& seg)
{
    // RFC 7323 4.3 (2): TS.Recent <- SEG.TSval if SEG.TSval >= TS.Recent and SEG.SEQ =<
    // Last.ACK.sent.
    if (m_options.timestamps && seg.timestamp && SeqGeq(seg.timestamp->value, m_tsRecent) &&
        SeqLeq(seg.seq, m_lastAckSent))
    {
        m_tsRecent = seg.timestamp->value;
        m_tsRecentValid = true;
    }
}

void
TcpConnection::Impl::TakeTimestampRttSample(const TcpSegment& seg, TcpTime now)
{
    if (!m_options.timestamps || !seg.timestamp || seg.timestamp->echo == 0)
    {
        return;
    }
    // An echo older than our latest retransmission was not caused by it: it may be TS.Recent
    // left over from before a loss (a duplicate's ACK echoes it, RFC 7323 4.3), and would give
    // an RTT of seconds. Only echoes of what we sent since count.
    if (m_anyRetransmitted && SeqLt(seg.timestamp->echo, m_retransmittedTs))
    {
        return;
    }
    uint32_t elapsed = TsClock(now) - seg.timestamp->echo;
    if (elapsed < 0x7FFFFFFFu)
    {
        AddRttSample(std::chrono::milliseconds(elapsed));
    }
}

bool
TcpConnection::Impl::HandleRst(const TcpSegment& seg, TcpTime now)
{
    // RFC 9293 3.10.7.4 second / RFC 5961 3.2: only an exact match resets; any other in-window RST
    // gets a challenge ACK.
    if (seg.seq != m_rcvNxt)
    {
        SendAck(now);
        return false;
    }
    switch (m_state)
    {
    case TcpState::SYN_RCVD:
        // Passive open by Listen(): back to LISTEN. By AcceptSyn: the listener is the caller's,
        // so this connection ends. Active (simultaneous) open: refused.
        if (m_listening)
        {
            ReturnToListen();
        }
        else
        {
            EnterClosed(m_activeOpen ? TcpOutcome::REFUSED : TcpOutcome::RESET);
        }
        break;
    case TcpState::TIME_WAIT:
        // Both FINs were exchanged already: the connection did close normally.
        EnterClosed(TcpOutcome::CLOSED_NORMALLY);
        break;
    default:
        EnterClosed(TcpOutcome::RESET);
        break;
    }
    return true;
}

bool
TcpConnection::Impl::HandleAck(const TcpSegment& seg, TcpTime now)
{
    if (!seg.Has(TcpSegment::ACK))
    {
        return false; // RFC 9293 3.10.7.4 fifth: if the ACK bit is off, drop the segment
    }
    if (!m_synAcked)
    {
        // RFC 9293 3.10.7.4 fifth, SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT completes the
        // handshake. Also in FIN-WAIT-1 entered by a Close in SYN-RECEIVED (3.10.4): until our SYN
        // is acknowledged, no segment that fails this check may deliver text.
        if (!(SeqLt(m_sndUna, seg.ack) && SeqLeq(seg.ack, m_sndMax)))
        {
            SendRst(seg.ack, false, 0);
            return false;
        }
        if (m_state == TcpState::SYN_RCVD)
        {
            SetState(TcpState::ESTABLISHED);
        }
    }
    if (SeqGt(seg.ack, m_sndMax))
    {
        SendAck(now); // RFC 9293 3.10.7.4: ACK for something not yet sent: ACK and drop
        return false;
    }
    m_probesUnanswered = 0; // the peer is alive
    m_lastAcked = 0;
    if (SeqGt(seg.ack, m_sndUna))
    {
        HandleNewAck(seg, now);
    }
    else if (seg.ack == m_sndUna && !m_options.sack)
    {
        HandleDuplicateAck(seg, now);
    }
    if (m_options.sack && m_synAcked && m_state != TcpState::CLOSED)
    {
        ProcessSackAck(seg, now);
    }
    // RFC 9293 3.10.7.4 fifth: SND.UNA =< SEG.ACK =< SND.NXT updates the send window.
    if (SeqLeq(seg.ack, m_sndMax) && SeqGeq(seg.ack, m_sndUna))
    {
        UpdateSendWindow(seg);
    }
    if (OurFinAcked())
    {
        AfterOurFinAcked(now);
    }
    return m_state != TcpState::CLOSED;
}

void
TcpConnection::Impl::HandleNewAck(const TcpSegment& seg, TcpTime now)
{
    uint32_t acked = seg.ack - m_sndUna;
    bool synNowAcked = !m_synAcked && SeqGt(seg.ack, m_iss);
    // Free acknowledged data from the send buffer.
    if (SeqGt(seg.ack, m_sendBufferSeq))
    {
        size_t bytes = std::min<size_t>(seg.ack - m_sendBufferSeq, m_sendBuffer.Size());
        m_sendBuffer.Acknowledge(bytes);
        m_sendBufferSeq += static_cast<uint32_t>(bytes);
        if (bytes > 0 && !m_finQueued)
        {
            Emit(TcpEvent::SEND_SPACE, static_cast<uint32_t>(m_sendBuffer.Free()));
        }
    }
    // RFC 6298 3 (Karn): the timed segment was sent once, so its ACK is a valid sample. When
    // Karn's rule left nothing timed (a retransmission, the handshake's included), RFC 7323
    // 4.1: the echoed timestamp gives one. As Linux (tcp_ack_update_rtt), the echo only stands
    // in for the send time: an echo can be old (a lost ACK, a delayed one).
    if (m_rttTiming && SeqGt(seg.ack, m_rttSeq))
    {
        AddRttSample(now - m_rttStart);
        m_rttTiming = false;
    }
    else if (!m_rttTiming)
    {
        TakeTimestampRttSample(seg, now);
    }
    m_rto.ResetBackoff();
    m_retries = 0;
    m_sndUna = seg.ack;
    if (SeqLt(m_sndNxt, m_sndUna))
    {
        m_sndNxt = m_sndUna; // after a go-back-N or a zero-window probe
    }
    if (synNowAcked && m_state != TcpState::SYN_SENT)
    {
        HandshakeComplete();
        acked -= 1;
    }
    else if (synNowAcked)
    {
        m_synAcked = true;
        return; // SYN-SENT: the caller finishes the handshake
    }
    m_lastAcked = acked;
    ExpandSendBuffer();
    if (m_options.sack)
    {
        UpdateTimers(now, true); // RFC 6298 5.3; the rest is ProcessSackAck's
        return;
    }
    // Without SACK: congestion control (RFC 5681 3.1 and 3.2, RFC 6582 3.2).
    m_dupAcks = 0;
    if (m_inRecovery)
    {
        if (SeqGeq(seg.ack, m_recover))
        {
            m_inRecovery = false;
            SetCongState(TcpCongState::OPEN);
            m_cc->OnRecoveryExit(now);
            // RFC 6582 3.2 step 4, option 1: cwnd = min(ssthresh, FlightSize + SMSS).
            m_cc->SetCwnd(std::min(m_cc->Ssthresh(),
                                   std::max(FlightSize(), EffectiveMss()) + EffectiveMss()));
        }
        else
        {
            // RFC 6582 3.2 step 5: deflate by the amount acknowledged, add back one SMSS.
            uint32_t cwnd = m_cc->Cwnd() > acked ? m_cc->Cwnd() - acked : 0;
            m_cc->SetCwnd(acked >= EffectiveMss() ? cwnd + EffectiveMss() : cwnd);
            RetransmitFirstUnacked(now);
        }
    }
    else if (acked > 0)
    {
        m_cc->OnAck(AckSample(acked, now));
    }
    UpdateTimers(now, true); // RFC 6298 5.3: restart the timer on an ACK of new data
}

void
TcpConnection::Impl::HandleDuplicateAck(const TcpSegment& seg, TcpTime now)
{
    // RFC 5681 2: a duplicate ACK carries no data, no SYN/FIN, the same window, and arrives while
    // data is outstanding. A zero window is a persist situation, not a loss signal.
    bool duplicate = seg.payload.empty() && !seg.Has(TcpSegment::FIN) && m_sndMax != m_sndUna &&
                     (static_cast<uint32_t>(seg.window) << m_options.sndShift) == m_sndWnd &&
                     m_sndWnd != 0 && m_synAcked;
    if (!duplicate)
    {
        return;
    }
    ++m_dupAcks;
    if (m_inRecovery)
    {
        m_cc->SetCwnd(m_cc->Cwnd() + EffectiveMss()); // RFC 5681 3.2 step 4
        return;
    }
    if (m_dupAcks == DUP_ACK_THRESHOLD)
    {
        // RFC 5681 3.2 steps 2-3 (fast retransmit), RFC 6582 3.2 step 2: remember the recovery
        // point.
        m_inRecovery = true;
        SetCongState(TcpCongState::RECOVERY);
        m_recover = m_sndMax;
        m_cc->OnCongestionEvent(FlightSize(), now);
        m_cc->SetCwnd(m_cc->Ssthresh() + DUP_ACK_THRESHOLD * EffectiveMss()); // RFC 5681 3.2 step 3
        m_rttTiming = false; // Karn
        RetransmitFirstUnacked(now);
    }
}

void
TcpConnection::Impl::RetransmitFirstUnacked(TcpTime now)
{
    // RFC 5681 3.2 step 2 and RFC 6582 3.2 step 5: the first unacknowledged segment, i.e. data
    // already sent (below SND.MAX), never new data: the peer's window may have closed since
    // (RFC 9293 3.8.6); a FIN outstanding at its end goes along (Transmit).
    uint32_t sentDataEnd = SeqLt(m_sndMax, DataEndSeq()) ? m_sndMax : DataEndSeq();
    uint32_t sent = SeqGt(sentDataEnd, m_sndUna) ? sentDataEnd - m_sndUna : 0;
    Transmit(m_sndUna, std::min(SendMss(), sent), false, now);
}

void
TcpConnection::Impl::UpdateSendWindow(const TcpSegment& seg)
{
    // RFC 9293 3.10.7.4 fifth: take the window only from a segment not older than the last update.
    if (SeqLt(m_sndWl1, seg.seq) || (m_sndWl1 == seg.seq && SeqLeq(m_sndWl2, seg.ack)))
    {
        uint32_t oldWindow = m_sndWnd;
        m_sndWnd = static_cast<uint32_t>(seg.window) << m_options.sndShift;
        if (oldWindow == 0 && m_sndWnd > 0)
        {
            m_sndNxt = m_sndUna; // a zero window dropped what we probed with: send it again
        }
        m_maxSndWnd = std::max(m_maxSndWnd, m_sndWnd);
        m_sndWl1 = seg.seq;
        m_sndWl2 = seg.ack;
    }
}

void
TcpConnection::Impl::AfterOurFinAcked(TcpTime now)
{
    switch (m_state)
    {
    case TcpState::FIN_WAIT_1:
        SetState(TcpState::FIN_WAIT_2); // RFC 9293 3.10.7.4 fifth, FIN-WAIT-1
        ArmFinWait2Timer(now);
        break;
    case TcpState::CLOSING:
        EnterTimeWait(now); // CLOSING: our FIN is acknowledged, enter TIME-WAIT
        break;
    case TcpState::LAST_ACK:
        EnterClosed(TcpOutcome::CLOSED_NORMALLY); // LAST-ACK: delete the TCB
        break;
    default:
        break;
    }
}

void
TcpConnection::Impl::HandleText(const TcpSegment& seg, TcpTime now)
{
    // RFC 9293 3.10.7.4 seventh: trim what was received before and what lies beyond the window.
    uint32_t seq = seg.seq;
    const uint8_t* data = seg.payload.data();
    uint32_t length = static_cast<uint32_t>(seg.payload.size());
    bool fin = seg.Has(TcpSegment::FIN);
    if (SeqLt(seq, m_rcvNxt))
    {
        uint32_t skip = std::min(m_rcvNxt - seq, length);
        NoteDuplicate(seq, seq + skip); // RFC 2883 4.1.1
        data += skip;
        length -= skip;
        seq += skip;
        if (SeqLt(seq, m_rcvNxt))
        {
            fin = false; // the FIN, too, was received before
        }
    }
    if (length > 0 && CanReceiveText())
    {
        uint64_t offset = m_receiveBuffer.NextOffset() + (seq - m_rcvNxt);
        bool inOrder = seq == m_rcvNxt;
        bool hadGap = m_receiveBuffer.HasOutOfOrder() || m_peerFinPending;
        uint32_t window = ReceiveWindow();
        uint32_t beyond = (seq - m_rcvNxt) + length; // from RCV.NXT to the end of the text
        auto held = m_receiveBuffer.OutOfOrderRange(offset);
        if (held && held->second >= offset + length)
        {
            NoteDuplicate(seq, seq + length); // RFC 2883 4.1.3: held out of order already
        }
        size_t delivered = m_receiveBuffer.Insert(offset, data, length);
        m_rcvNxt += static_cast<uint32_t>(delivered);
        if (beyond > window)
        {
            fin = false; // part of the text did not fit: the FIN lies beyond the window
            m_stats.bytesBeyondWindow += std::min(beyond - window, length);
        }
        if (delivered > 0)
        {
            Emit(TcpEvent::DATA_READABLE, static_cast<uint32_t>(m_receiveBuffer.Readable()));
        }
        else
        {
            NoteSackBlock(offset);
        }
        // RFC 5681 4.2: ACK at once out of order segments and segments that fill a gap;
        // otherwise ACK every second segment or after the delayed-ACK timeout (RFC 9293 3.8.6.3).
        // Out-of-order ACKs may be compressed (CompressOutOfOrderAck); text beyond the window
        // starts quick-ACK mode (Linux tcp_data_queue, out_of_window).
        if (beyond > window)
        {
            EnterQuickAck();
        }
        bool outOfOrder = !inOrder && !m_dsack && beyond <= window;
        uint32_t finSeq = seg.seq + static_cast<uint32_t>(seg.payload.size());
        if (fin && beyond <= window && finSeq == m_rcvNxt &&
            (m_state == TcpState::ESTABLISHED || m_state == TcpState::SYN_RCVD))
        {
            // Linux tcp_fin: the peer's FIN puts us in ping-pong mode (no quick ACK), so that an
            // application closing at once sends FIN+ACK in one segment.
            m_pingPong = true;
        }
        ScheduleAck(now, !inOrder || hadGap || beyond > window || m_dsack, length, outOfOrder);
    }
    if (fin)
    {
        uint32_t finSeq = seg.seq + static_cast<uint32_t>(seg.payload.size());
        if (finSeq == m_rcvNxt)
        {
            HandleFin(now);
        }
        else if (SeqGt(finSeq, m_rcvNxt))
        {
            // Beyond a gap: held until the gap fills, and ACKed at once like out-of-order text
            // (RFC 5681 4.2), the FIN SACKed as Linux does (it queues the FIN out of order).
            m_peerFinPending = true;
            m_peerFinSeq = finSeq;
            ScheduleAck(now, true, 0);
        }
    }
    if (m_peerFinPending && m_peerFinSeq == m_rcvNxt && !m_peerFinReceived)
    {
        HandleFin(now);
    }
}

void
TcpConnection::Impl::HandleFin(TcpTime now)
{
    if (m_peerFinReceived)
    {
        return;
    }
    // RFC 9293 3.10.7.4 eighth: advance RCV.NXT over the FIN, signal the user, ACK it.
    m_peerFinReceived = true;
    m_peerFinPending = false;
    m_rcvNxt += 1;
    Emit(TcpEvent::PEER_CLOSED);
    switch (m_state)
    {
    case TcpState::SYN_RCVD:
    case TcpState::ESTABLISHED:
        SetState(TcpState::CLOSE_WAIT);
        // Delayed, so that an application closing at once sends FIN+ACK in one segment.
        ScheduleAck(now, false, 0);
        break;
    case TcpState::FIN_WAIT_1:
        if (OurFinAcked())
        {
            EnterTimeWait(now);
        }
        else
        {
            SetState(TcpState::CLOSING); // simultaneous close
        }
        ScheduleAck(now, true, 0);
        break;
    case TcpState::FIN_WAIT_2:
        EnterTimeWait(now);
        ScheduleAck(now, true, 0);
        break;
    default:
        ScheduleAck(now, true, 0);
        break;
    }
}

} // namespace handshake
} // namespace ns3

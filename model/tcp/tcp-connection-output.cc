/*
 * TcpConnection, output and timers: segmentation to the usable window, retransmission (RFC 6298),
 * persist probes, delayed ACKs, the advertised window and TIME-WAIT.
 */
#include "tcp-connection-impl.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

// =====================================================================================================
// Timers
// =====================================================================================================

void
TcpConnection::Impl::OnTimer(TcpTimerKind kind, TcpTime now)
{
    int i = Index(kind);
    if (m_state == TcpState::CLOSED || !m_timerArmed[i] || now < m_timerDeadline[i])
    {
        return; // stale: cancelled or re-armed later
    }
    m_timerArmed[i] = false;
    switch (kind)
    {
    case TcpTimerKind::RETRANSMIT:
        if (m_timerArmed[Index(TcpTimerKind::PROBE)] &&
            m_timerDeadline[Index(TcpTimerKind::PROBE)] <= now)
        {
            // The probe was due no later than the RTO (its PTO capped by the RTO, RFC 8985 7.2):
            // Linux arms one timer for both, so the probe goes and the RTO restarts from it, not
            // backed off (tcp_schedule_loss_probe, tcp_send_loss_probe).
            CancelTimer(TcpTimerKind::PROBE); // the adapter is told: its own event goes too
            if (OnProbeTimeout(now))
            {
                break;
            }
        }
        OnRetransmitTimeout(now);
        break;
    case TcpTimerKind::PERSIST:
        OnPersistTimeout(now);
        break;
    case TcpTimerKind::DELAYED_ACK:
        SendAck(now);
        break;
    case TcpTimerKind::TIME_WAIT:
        EnterClosed(TcpOutcome::CLOSED_NORMALLY); // RFC 9293 3.10.8: time-wait timeout
        break;
    case TcpTimerKind::REORDER:
        OnReorderTimeout(now);
        break;
    case TcpTimerKind::PROBE:
        OnProbeTimeout(now);
        break;
    case TcpTimerKind::FIN_WAIT_2:
        // Linux: the FIN_WAIT_2 timewait bucket expires silently; a late segment meets no
        // connection and gets the host's RST (RFC 9293 3.10.7.1).
        EnterClosed(TcpOutcome::TIMED_OUT);
        break;
    }
}

void
TcpConnection::Impl::OnRetransmitTimeout(TcpTime now)
{
    m_stats.rtoExpirations++;
    m_retries++;
    Emit(TcpEvent::RTO_EXPIRED, m_retries);
    uint32_t limit = m_synAcked     ? m_config.dataRetries
                     : m_activeOpen ? m_config.synRetries
                                    : m_config.synAckRetries;
    if (m_retries > limit)
    {
        if (m_state != TcpState::SYN_SENT)
        {
            SendRst(m_sndMax, true, m_rcvNxt); // give up: tell the peer (RFC 9293 3.8.3, R2)
        }
        EnterClosed(TcpOutcome::TIMED_OUT);
        return;
    }
    // RFC 6298 5.5-5.6: back off, retransmit the earliest unacknowledged segment, restart the
    // timer.
    m_rto.Backoff();
    m_rttTiming = false; // Karn: no sample from a retransmitted segment
    if (!m_synAcked)
    {
        m_synTimedOut = true;
        SendSyn(now);
    }
    else if (m_options.sack)
    {
        // RFC 6675 5.1 / RFC 8985 6.3 (Linux tcp_enter_loss): everything not SACKed is lost,
        // resent in order as the window of one segment grows.
        m_cc->OnRetransmitTimeout(FlightSize(), now);
        m_queue.MarkAllLost();
        m_recover = m_sndMax;
        m_tlpEndSeq.reset(); // the RTO answers for the tail now
        SetCongState(TcpCongState::LOSS);
        TrySend(now);
    }
    else
    {
        m_cc->OnRetransmitTimeout(FlightSize(), now);
        m_inRecovery = false;
        SetCongState(TcpCongState::LOSS);
        m_dupAcks = 0;
        m_sndNxt = m_sndUna; // go back N: resend from the first unacknowledged byte
        TrySend(now);
    }
    ArmTimer(TcpTimerKind::RETRANSMIT, now + m_rto.Rto());
    UpdateTimers(now, false);
}

void
TcpConnection::Impl::OnPersistTimeout(TcpTime now)
{
    // RFC 9293 3.8.6.1: probe a zero window with one byte; the timer backs off like the RTO.
    // A peer that answers keeps the connection alive for ever; one that stays silent for
    // dataRetries probes is given up on, as for data (Linux does the same with tcp_retries2).
    if (++m_probesUnanswered > m_config.dataRetries)
    {
        SendRst(m_sndMax, true, m_rcvNxt);
        EnterClosed(TcpOutcome::TIMED_OUT);
        return;
    }
    m_sndNxt = m_sndUna;
    if (SeqGt(DataEndSeq(), m_sndUna))
    {
        Transmit(m_sndUna, 1, false, now);
    }
    if (m_persistBackoff < 16)
    {
        m_persistBackoff++;
    }
    UpdateTimers(now, false);
}

void
TcpConnection::Impl::ArmTimer(TcpTimerKind kind, TcpTime deadline)
{
    int i = Index(kind);
    m_timerArmed[i] = true;
    m_timerDeadline[i] = deadline;
    m_actions.timers.push_back(TcpTimerRequest{kind, true, deadline});
}

void
TcpConnection::Impl::CancelTimer(TcpTimerKind kind)
{
    int i = Index(kind);
    if (m_timerArmed[i])
    {
        m_timerArmed[i] = false;
        m_actions.timers.push_back(TcpTimerRequest{kind, false, TcpTime(0)});
    }
}

bool
TcpConnection::Impl::Armed(TcpTimerKind kind) const
{
    return m_timerArmed[Index(kind)];
}

void
TcpConnection::Impl::UpdateTimers(TcpTime now, bool restartRetransmit)
{
    if (m_state == TcpState::CLOSED || m_state == TcpState::TIME_WAIT)
    {
        return;
    }
    // A zero send window with data waiting: the persist timer replaces the retransmission timer.
    bool dataWaiting = m_synAcked && SeqGt(DataEndSeq(), m_sndUna);
    if (m_sndWnd == 0 && dataWaiting)
    {
        CancelTimer(TcpTimerKind::RETRANSMIT);
        CancelTimer(TcpTimerKind::PROBE);
        if (!Armed(TcpTimerKind::PERSIST))
        {
            TcpTime interval = m_rto.Rto();
            for (uint32_t i = 0; i < m_persistBackoff && interval < m_config.persistMax; ++i)
            {
                interval *= 2;
            }
            interval = std::clamp(interval, m_config.persistMin, m_config.persistMax);
            ArmTimer(TcpTimerKind::PERSIST, now + interval);
        }
        return;
    }
    CancelTimer(TcpTimerKind::PERSIST);
    m_persistBackoff = 0;
    // RFC 6298 5.1-5.2: run the timer while data (or SYN/FIN) is outstanding, stop it otherwise.
    if (m_sndMax == m_sndUna)
    {
        CancelTimer(TcpTimerKind::RETRANSMIT);
    }
    else if (restartRetransmit || !Armed(TcpTimerKind::RETRANSMIT))
    {
        ArmTimer(TcpTimerKind::RETRANSMIT, now + m_rto.Rto());
    }
    UpdateLossProbe(now, restartRetransmit);
}

void
TcpConnection::Impl::EnterTimeWait(TcpTime now)
{
    if (m_state != TcpState::TIME_WAIT)
    {
        SetState(TcpState::TIME_WAIT);
    }
    CancelTimer(TcpTimerKind::RETRANSMIT);
    CancelTimer(TcpTimerKind::PERSIST);
    CancelTimer(TcpTimerKind::REORDER);
    CancelTimer(TcpTimerKind::PROBE);
    CancelTimer(TcpTimerKind::FIN_WAIT_2);
    ArmTimer(TcpTimerKind::TIME_WAIT, now + 2 * m_config.msl); // RFC 9293 3.10.7.4: 2 MSL
}

// =====================================================================================================
// Output
// =====================================================================================================

void
TcpConnection::Impl::TrySend(TcpTime now)
{
    if (!m_synAcked)
    {
        return; // RFC 9293 3.10.2: data queued before the handshake waits for ESTABLISHED
    }
    switch (m_state)
    {
    case TcpState::ESTABLISHED:
    case TcpState::CLOSE_WAIT:
    case TcpState::FIN_WAIT_1:
    case TcpState::CLOSING:
    case TcpState::LAST_ACK:
        break;
    default:
        return;
    }
    while (m_options.sack && RetransmitOneLost(now))
    {
    }
    while (SendOneSegment(now))
    {
    }
}

bool
TcpConnection::Impl::SendOneSegment(TcpTime now)
{
    uint32_t unsent = UnsentFrom(m_sndNxt);
    bool finDue = m_finQueued && m_sndNxt == m_finSeq;
    if (unsent == 0 && !finDue)
    {
        return false;
    }
    // The peer's window bounds the sequence range; cwnd bounds what is in the network: with SACK
    // RFC 6675's pipe, else everything unacknowledged.
    uint32_t inFlight = m_sndNxt - m_sndUna;
    uint32_t rwndRoom = m_sndWnd > inFlight ? m_sndWnd - inFlight : 0;
    uint32_t pipe = m_options.sack ? m_queue.Pipe() : inFlight;
    uint32_t cwndRoom = m_cc->Cwnd() > pipe ? m_cc->Cwnd() - pipe : 0;
    uint32_t usable = std::min(rwndRoom, cwndRoom);
    uint32_t mss = SendMss();
    uint32_t length = std::min({unsent, mss, usable});
    if (unsent > 0 && length == 0)
    {
        return false; // window closed: wait for an ACK or the persist timer
    }
    // RFC 9293 3.8.6.2.1 (sender SWS avoidance): send a full segment, all that is queued, at least
    // half the largest window seen, or anything when nothing is in flight.
    bool worthIt =
        length == mss || length == unsent || inFlight == 0 || length >= m_maxSndWnd / 2;
    bool fin = m_finQueued && m_sndNxt + length == m_finSeq;
    bool newData = SeqGeq(m_sndNxt, m_sndMax); // Nagle never delays a retransmission
    if (!worthIt || (newData && length < mss && !fin && NagleHolds()))
    {
        return false;
    }
    Transmit(m_sndNxt, length, fin, now);
    return true;
}

bool
TcpConnection::Impl::Pushed(uint32_t seq, uint32_t end)
{
    auto acked = std::find_if(m_pushedEnds.begin(), m_pushedEnds.end(),
                              [this](uint32_t pushedEnd) { return SeqGt(pushedEnd, m_sndUna); });
    m_pushedEnds.erase(m_pushedEnds.begin(), acked);
    if (SeqLt(seq, m_sndMax))
    {
        // A retransmission carries PSH where the original did (Linux resends the skb).
        auto it = std::lower_bound(m_pushedEnds.begin(), m_pushedEnds.end(), seq + 1, SeqLt);
        return it != m_pushedEnds.end() && SeqLeq(*it, end);
    }
    // Linux tcp_push / tcp_mark_push: PSH on the segment that ends a write (a write that filled
    // the send buffer ends where it stopped, as Linux pushes before waiting for room), and
    // forced_push: PSH at least once per half of the peer's largest window.
    auto sent = std::find_if(m_writeEnds.begin(), m_writeEnds.end(),
                             [end](uint32_t writeEnd) { return SeqGt(writeEnd, end); });
    bool push = sent != m_writeEnds.begin() || SeqGt(end, m_pushedSeq + m_maxSndWnd / 2);
    m_writeEnds.erase(m_writeEnds.begin(), sent);
    if (push)
    {
        m_pushedSeq = end;
        m_pushedEnds.push_back(end);
    }
    return push;
}

bool
TcpConnection::Impl::NagleHolds() const
{
    // RFC 896 with Minshall's refinement (Linux tcp_nagle_check / tcp_minshall_check): a small
    // segment waits while an earlier small segment is unacknowledged.
    return !m_config.noDelay && SeqGt(m_smallSegmentEnd, m_sndUna) &&
           SeqLeq(m_smallSegmentEnd, m_sndMax);
}

void
TcpConnection::Impl::Transmit(uint32_t seq, uint32_t length, bool fin, TcpTime now)
{
    TcpSegment seg = MakeSegment(seq, TcpSegment::ACK);
    if (length > 0)
    {
        seg.payload = m_sendBuffer.Copy(seq - m_sendBufferSeq, length);
        length = static_cast<uint32_t>(seg.payload.size());
        if (Pushed(seq, seq + length))
        {
            seg.flags |= TcpSegment::PSH;
        }
    }
    // Text ending at our FIN takes the FIN along, unless the peer SACKed the FIN already (Linux
    // tcp_retrans_try_collapse does not merge a SACKed segment into a retransmission).
    if (fin || (m_finQueued && seq + length == m_finSeq && !FinSacked()))
    {
        seg.flags |= TcpSegment::FIN;
    }
    uint32_t end = seq + seg.SequenceLength();
    if (length > 0 && length < SendMss())
    {
        m_smallSegmentEnd = seq + length; // Linux tcp_minshall_update
    }
    bool retransmission = SeqLt(seq, m_sndMax);
    if (m_synAcked && m_options.sack)
    {
        // The scoreboard serves SACK-based recovery only: without SACK nothing would empty it.
        if (retransmission)
        {
            m_queue.OnRetransmitted(seq, now);
            if (SeqGt(end, m_sndMax))
            {
                // A resend from below SND.MAX that runs past it (after a persist probe moved
                // SND.NXT back, RFC 9293 3.8.6.1) carries new data too: it joins the scoreboard,
                // or it would never be retransmitted if lost.
                m_queue.OnSent(m_sndMax, end, now);
            }
        }
        else
        {
            m_queue.OnSent(seq, end, now);
        }
    }
    if (m_congState == TcpCongState::RECOVERY)
    {
        m_prrOut += end - seq; // RFC 6937: prr_out
    }
    if (retransmission)
    {
        m_stats.retransmissions++;
        Emit(TcpEvent::RETRANSMISSION, seq);
        NoteRetransmissionTime(now);
        if (m_rttTiming && SeqLeq(seq, m_rttSeq))
        {
            m_rttTiming = false; // Karn: the timed segment is ambiguous now
        }
        if (seq == m_sndUna && m_options.sack && m_config.lossRecovery == TcpLossRecovery::RACK_TLP &&
            Armed(TcpTimerKind::RETRANSMIT))
        {
            // Linux tcp_rearm_rto: the RTO runs from the last transmission of the oldest
            // outstanding segment, so resending it (RACK, RFC 8985 6.3) restarts the timer.
            ArmTimer(TcpTimerKind::RETRANSMIT, now + m_rto.Rto());
        }
    }
    else if (!m_rttTiming)
    {
        m_rttTiming = true; // RFC 6298 3: time one segment per RTT
        m_rttSeq = seq;
        m_rttStart = now;
    }
    m_stats.bytesSent += length;
    if (SeqGt(end, m_sndNxt))
    {
        m_sndNxt = end; // a single retransmission (fast, partial ACK) does not move SND.NXT back
    }
    if (SeqGt(end, m_sndMax))
    {
        m_sndMax = end;
    }
    m_actions.segments.push_back(std::move(seg));
}

void
TcpConnection::Impl::SendSyn(TcpTime now)
{
    // RFC 9293 3.10.1 / 3.10.7.2: <SEQ=ISS><CTL=SYN> or <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, with
    // MSS.
    bool synAck = m_synReceived;
    TcpSegment seg =
        MakeSegment(m_iss, synAck ? (TcpSegment::SYN | TcpSegment::ACK) : TcpSegment::SYN);
    if (!synAck)
    {
        seg.ack = 0;
    }
    seg.mss = m_config.mss;
    // RFC 2018 2 and RFC 7323 3.2: offer on a SYN; on a SYN-ACK only what the peer offered.
    seg.sackPermitted = synAck ? m_options.sack : m_config.sack;
    if (synAck ? m_options.timestamps : m_config.timestamps)
    {
        seg.timestamp = TcpTimestampOption{TsClock(now), synAck ? m_tsRecent : 0};
    }
    // RFC 7323 2.2: offer scaling on a SYN; on a SYN-ACK only if the peer offered it.
    if (m_config.windowScale > 0 && (!synAck || m_options.rcvShift > 0))
    {
        seg.windowScale = TcpNegotiatedOptions::OfferedShift(m_config);
    }
    if (m_rcvSsthresh == 0)
    {
        m_rcvSsthresh = InitialReceiveWindow();
    }
    seg.window = AdvertisedWindow(true);
    bool retransmission = SeqGt(m_sndMax, m_iss);
    if (retransmission)
    {
        m_stats.retransmissions++;
        Emit(TcpEvent::RETRANSMISSION, m_iss);
        NoteRetransmissionTime(now);
        m_rttTiming = false; // Karn
    }
    else
    {
        m_rttTiming = true;
        m_rttSeq = m_iss;
        m_rttStart = now;
    }
    m_sndNxt = m_iss + 1;
    m_sndMax = m_iss + 1;
    m_actions.segments.push_back(std::move(seg));
}

void
TcpConnection::Impl::SendAck(TcpTime /* now */)
{
    // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, with SND.NXT taken as the highest sequence number sent
    // (BSD's snd_max): after a go-back-N, SND.NXT may lie below the peer's RCV.NXT, and a pure ACK
    // there would be unacceptable to it (RFC 9293 3.10.7.4), its ACK field ignored.
    m_actions.segments.push_back(MakeSegment(m_sndMax, TcpSegment::ACK));
}

void
TcpConnection::Impl::SendRst(uint32_t seq, bool withAck, uint32_t ack)
{
    TcpSegment seg = BareSegment(seq, TcpSegment::RST | (withAck ? TcpSegment::ACK : 0));
    seg.ack = withAck ? ack : 0;
    m_actions.segments.push_back(std::move(seg));
}

uint32_t
TcpConnection::Impl::AdvertisedMssPayload() const
{
    // Linux advmss less the timestamp option every segment carries once negotiated.
    return m_config.mss - (m_options.timestamps ? TIMESTAMP_OPTION_BYTES : 0);
}

uint32_t
TcpConnection::Impl::WindowOffered() const
{
    uint32_t free = ReceiveSpace();
    if (m_config.receiveWindowGrowth && m_rcvSsthresh > 0)
    {
        free = std::min(free, m_rcvSsthresh); // Linux __tcp_select_window
    }
    return free;
}

uint32_t
TcpConnection::Impl::InitialReceiveWindow() const
{
    // Linux tcp_select_initial_window: the free buffer, at most 65535 (a SYN's window is not
    // scaled), rounded down to whole segments of our MSS less the timestamps when both sent them
    // (64240 on a SYN, 65160 on a SYN-ACK with timestamps).
    uint32_t space = std::min<uint32_t>(ReceiveSpace(), 0xFFFF);
    uint32_t mss = AdvertisedMssPayload();
    return space > mss && mss > 0 ? space / mss * mss : space;
}

void
TcpConnection::Impl::GrowReceiveWindow(uint32_t bytes)
{
    // Linux tcp_grow_window, for segments of 128 bytes or more: while the buffer has room beyond
    // rcv_ssthresh, open it by two segments (at least twice this one) and ACK at once (quick |= 1).
    if (!m_config.receiveWindowGrowth || bytes < 128 || m_rcvSsthresh == 0)
    {
        return;
    }
    uint32_t limit = std::min<uint32_t>(ReceiveSpace(), 0xFFFFu << m_options.rcvShift);
    if (limit <= m_rcvSsthresh)
    {
        return;
    }
    uint32_t increment = 2 * std::max(AdvertisedMssPayload(), bytes);
    m_rcvSsthresh += std::min(limit - m_rcvSsthresh, increment);
    m_quickAcksLeft |= 1;
}

void
TcpConnection::Impl::EnterQuickAck()
{
    // Linux tcp_incr_quickack: one quick ACK per two segments the window holds (2 if it holds
    // fewer), at most quickAcks (TCP_MAX_QUICKACKS).
    uint32_t perWindow = ReceiveSpace() / (2 * std::max<uint32_t>(m_rcvMss, 1));
    uint32_t quick = std::min(m_config.quickAcks, perWindow > 0 ? perWindow : 2);
    m_quickAcksLeft = std::max(m_quickAcksLeft, quick);
}

bool
TcpConnection::Impl::CompressOutOfOrderAck(TcpTime now)
{
    // Linux __tcp_ack_snd_check: out-of-order data is ACKed at once three times per RCV.NXT (the
    // sender's DupThresh, RFC 5681 3.2); after that the ACKs are held back together for
    // min(tcp_comp_sack_delay_ns, RTT / 20), or until 44 of them wait (tcp_comp_sack_nr).
    constexpr uint32_t DUP_THRESH = 3;
    constexpr uint32_t MOST_COMPRESSED = 44;
    if (m_config.sackCompressionDelay.count() == 0 || !m_options.sack ||
        m_acksCompressed >= MOST_COMPRESSED)
    {
        return false;
    }
    if (m_outOfOrderAckRcvNxt != m_rcvNxt)
    {
        m_outOfOrderAckRcvNxt = m_rcvNxt;
        m_outOfOrderAcksSent = 0;
    }
    if (m_outOfOrderAcksSent < DUP_THRESH)
    {
        m_outOfOrderAcksSent++;
        return false;
    }
    m_acksCompressed++;
    TcpTime delay = m_config.sackCompressionDelay;
    if (m_rto.HasSample())
    {
        delay = std::min(delay, m_rto.Srtt() / 20);
    }
    TcpTime deadline = now + delay;
    if (!Armed(TcpTimerKind::DELAYED_ACK) ||
        deadline < m_timerDeadline[Index(TcpTimerKind::DELAYED_ACK)])
    {
        ArmTimer(TcpTimerKind::DELAYED_ACK, deadline);
    }
    return true;
}

void
TcpConnection::Impl::ScheduleAck(TcpTime now, bool immediate, uint32_t bytes, bool outOfOrder)
{
    m_bytesUnacked += bytes;
    if (bytes > 0 && bytes < m_rcvMss)
    {
        // Linux tcp_measure_rcv_mss: a segment shorter than the peer's usual ends a write
        // (ICSK_ACK_PUSHED); the application's read of it is ACKed at once (Receive). Linux
        // marks a full-sized segment with PSH so too; not modelled: alone, that rule left a
        // window's last segment to the delayed-ACK timer (doc/fidelity.rst).
        m_shortSegmentUnacked = true;
    }
    if (bytes > 0)
    {
        // Linux tcp_measure_rcv_mss: the peer's segment size, learnt from what arrives.
        m_rcvMss = std::min<uint32_t>(std::max(bytes, m_rcvMss), m_config.mss);
        if (!m_quickAckStarted)
        {
            // Linux tcp_event_data_recv: the first data starts quick-ACK mode.
            m_quickAckStarted = true;
            EnterQuickAck();
        }
        GrowReceiveWindow(bytes);
    }
    // RFC 9293 3.8.6.3 / RFC 5681 4.2: ACK at least every second full-sized segment (Linux
    // __tcp_ack_snd_check: more than one receive MSS unacknowledged), within the delayed-ACK
    // timeout; data in quick-ACK mode at once.
    bool quick = bytes > 0 && m_quickAcksLeft > 0 && !m_pingPong;
    if (outOfOrder && !quick && CompressOutOfOrderAck(now))
    {
        return;
    }
    if (immediate || quick || m_config.delayedAckTimeout.count() == 0 || m_bytesUnacked > m_rcvMss)
    {
        m_ackNow = true; // sent once the segment is processed, unless data carries it first
        return;
    }
    if (!Armed(TcpTimerKind::DELAYED_ACK))
    {
        ArmTimer(TcpTimerKind::DELAYED_ACK, now + m_config.delayedAckTimeout);
    }
}

TcpSegment
TcpConnection::Impl::MakeSegment(uint32_t seq, uint8_t flags)
{
    // Every segment but a RST carries the current ACK and window, so it settles a pending ACK.
    TcpSegment seg = BareSegment(seq, flags);
    seg.ack = m_rcvNxt;
    seg.window = AdvertisedWindow(false);
    m_lastAckSent = m_rcvNxt;
    if (m_options.timestamps)
    {
        // RFC 7323 3.2: once negotiated, on every segment but a RST, echoing TS.Recent.
        seg.timestamp = TcpTimestampOption{TsClock(m_lastNow), m_tsRecent};
    }
    AddSackBlocks(seg);
    if (m_bytesUnacked > 0 && m_quickAcksLeft > 0)
    {
        m_quickAcksLeft--; // Linux tcp_dec_quickack_mode: one per ACK of new data
    }
    m_bytesUnacked = 0;
    m_shortSegmentUnacked = false;
    m_acksCompressed = 0;
    m_ackNow = false;
    CancelTimer(TcpTimerKind::DELAYED_ACK);
    return seg;
}

TcpSegment
TcpConnection::Impl::BareSegment(uint32_t seq, uint8_t flags)
{
    TcpSegment seg;
    seg.sourcePort = m_localPort;
    seg.destinationPort = m_remotePort;
    seg.seq = seq;
    seg.flags = flags;
    m_stats.segmentsSent++;
    return seg;
}

void
TcpConnection::Impl::NoteRetransmissionTime(TcpTime now)
{
    m_retransmittedTs = TsClock(now);
    m_anyRetransmitted = true;
}

uint32_t
TcpConnection::Impl::TsClock(TcpTime now) const
{
    // RFC 7323 5.4: a clock ticking between 1 ms and 1 s; Linux's ticks every millisecond.
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    return static_cast<uint32_t>(ms) + m_tsOffset;
}

void
TcpConnection::Impl::NoteSackBlock(uint64_t offset)
{
    // RFC 2018 4: the first block reports the most recently received segment's block, the
    // others the most recently reported ones.
    auto range = m_receiveBuffer.OutOfOrderRange(offset);
    if (!range)
    {
        return;
    }
    auto sameBlock = [&](uint64_t other) {
        auto r = m_receiveBuffer.OutOfOrderRange(other);
        return !r || *r == *range;
    };
    m_sackRecent.erase(std::remove_if(m_sackRecent.begin(), m_sackRecent.end(), sameBlock),
                       m_sackRecent.end());
    m_sackRecent.insert(m_sackRecent.begin(), range->first);
    if (m_sackRecent.size() > TcpSegment::MAX_SACK_BLOCKS)
    {
        m_sackRecent.pop_back();
    }
}

void
TcpConnection::Impl::NoteDuplicate(uint32_t seq, uint32_t end)
{
    // RFC 2883 4: a duplicate segment is reported in the first block of the next ACK, once.
    if (m_options.sack && SeqLt(seq, end))
    {
        m_dsack = TcpSackBlock{seq, end};
    }
}

uint32_t
TcpConnection::Impl::SendMss() const
{
    // Linux tcp_current_mss: SACK blocks the next segment carries take room from its payload,
    // 2 NOPs + kind + length + 8 bytes a block (RFC 2018 3), so the IP packet stays within the MTU.
    if (!m_options.sack)
    {
        return EffectiveMss();
    }
    size_t blocks = m_dsack ? 1 : 0;
    for (uint64_t offset : m_sackRecent)
    {
        blocks += m_receiveBuffer.OutOfOrderRange(offset) ? 1 : 0;
    }
    blocks += PendingFinSackBlock() ? 1 : 0;
    blocks = std::min(blocks, m_options.MaxSackBlocks());
    uint32_t room = blocks > 0 ? static_cast<uint32_t>(4 + 8 * blocks) : 0;
    uint32_t mss = EffectiveMss();
    return mss > room + 1 ? mss - room : 1;
}

void
TcpConnection::Impl::AddSackBlocks(TcpSegment& seg)
{
    if (!m_options.sack)
    {
        return;
    }
    if (m_dsack)
    {
        seg.sack.push_back(*m_dsack);
        m_dsack.reset();
    }
    uint64_t next = m_receiveBuffer.NextOffset();
    for (uint64_t offset : m_sackRecent)
    {
        auto range = m_receiveBuffer.OutOfOrderRange(offset);
        if (!range || seg.sack.size() >= m_options.MaxSackBlocks())
        {
            continue; // delivered since: no longer out of order
        }
        uint32_t left = m_rcvNxt + static_cast<uint32_t>(range->first - next);
        uint32_t right = left + static_cast<uint32_t>(range->second - range->first);
        if (m_peerFinPending && right == m_peerFinSeq)
        {
            ++right; // the FIN right behind held text: one block, as Linux's out-of-order skb
        }
        seg.sack.push_back(TcpSackBlock{left, right});
    }
    if (PendingFinSackBlock() && seg.sack.size() < m_options.MaxSackBlocks())
    {
        seg.sack.push_back(TcpSackBlock{m_peerFinSeq, m_peerFinSeq + 1});
    }
}

bool
TcpConnection::Impl::FinSacked() const
{
    const std::deque<TcpSentSegment>& sent = m_queue.Segments();
    return m_finQueued && !sent.empty() && SeqLeq(sent.back().start, m_finSeq) &&
           SeqGt(sent.back().end, m_finSeq) && sent.back().sacked;
}

bool
TcpConnection::Impl::PendingFinSackBlock() const
{
    // A FIN beyond a gap gets a block of its own unless it follows held text (RFC 2018 4: a
    // block per contiguous run of held sequence space; the FIN occupies one number).
    if (!m_options.sack || !m_peerFinPending || m_peerFinReceived)
    {
        return false;
    }
    uint64_t finOffset = m_receiveBuffer.NextOffset() + (m_peerFinSeq - m_rcvNxt);
    auto held = m_receiveBuffer.OutOfOrderRange(finOffset - 1);
    return !held || held->second != finOffset;
}

uint16_t
TcpConnection::Impl::AdvertisedWindow(bool syn)
{
    uint32_t edge = 0;
    uint16_t window = WindowToAdvertise(syn, edge);
    m_rcvAdvertisedEdge = edge;
    return window;
}

uint16_t
TcpConnection::Impl::WindowToAdvertise(bool syn, uint32_t& advertisedEdge) const
{
    uint32_t shift = syn ? 0 : m_options.rcvShift;
    uint32_t free = WindowOffered();
    // RFC 9293 3.8.6.2.2 (receiver SWS avoidance): move the right edge only by min(buffer/2, MSS)
    // or more. In-order data and reads only move RCV.NXT + free space right, so the window never
    // shrinks (RFC 9293 3.8.6); the min() below is a guard.
    uint32_t edge = m_rcvNxt + free;
    uint32_t step = std::min<uint32_t>(WindowClamp() / 2, m_config.mss);
    if (!syn && SeqGeq(m_rcvAdvertisedEdge, m_rcvNxt) && SeqLt(edge, m_rcvAdvertisedEdge + step))
    {
        edge = SeqLt(edge, m_rcvAdvertisedEdge) ? edge : m_rcvAdvertisedEdge;
    }
    uint32_t window = std::min<uint32_t>(edge - m_rcvNxt, 0xFFFFu << shift) >> shift;
    advertisedEdge = m_rcvNxt + (window << shift);
    return static_cast<uint16_t>(window);
}

void
TcpConnection::Impl::MaybeSendWindowUpdate(TcpTime now)
{
    if (!CanReceiveText() || m_peerFinReceived)
    {
        return;
    }
    // Linux tcp_cleanup_rbuf: a read announces the window only if it was down to half of what
    // the buffer allows and can now at least double; RFC 9293 3.8.6.2.2 (receiver SWS avoidance):
    // and only by min(buffer / 2, MSS) or more.
    uint32_t clamp = std::min<uint32_t>(WindowClamp(), 0xFFFFu << m_options.rcvShift);
    uint32_t advertised =
        SeqGt(m_rcvAdvertisedEdge, m_rcvNxt) ? m_rcvAdvertisedEdge - m_rcvNxt : 0;
    uint32_t fresh = std::min<uint32_t>(WindowOffered(), clamp);
    uint32_t step = std::min<uint32_t>(WindowClamp() / 2, m_config.mss);
    if (2 * uint64_t{advertised} <= clamp && fresh >= 2 * uint64_t{advertised} &&
        fresh >= advertised + step)
    {
        SendAck(now);
    }
}

void
TcpConnection::Impl::AdjustReceiveSpace(size_t copied, TcpTime now)
{
    if (m_config.receiveBufferMaxBytes <= m_receiveBuffer.Capacity() || !m_rto.HasSample())
    {
        return;
    }
    m_rcvSpaceCopied += static_cast<uint32_t>(copied);
    if (m_rcvSpaceStart.count() < 0)
    {
        m_rcvSpaceStart = now;
        return;
    }
    if (now - m_rcvSpaceStart < m_rto.Srtt())
    {
        return; // measured once per RTT
    }
    // Linux tcp_rcv_space_adjust: room for twice what was read in the last RTT plus 16 segments,
    // more while the rate grows, so that a sender in slow start is never window-limited.
    uint64_t copiedNow = m_rcvSpaceCopied;
    uint64_t window = 2 * copiedNow + 16 * uint64_t{m_config.mss};
    if (m_rcvSpace > 0 && copiedNow > m_rcvSpace)
    {
        window += 2 * (window * (copiedNow - m_rcvSpace) / m_rcvSpace);
    }
    if (copiedNow > m_rcvSpace)
    {
        m_rcvSpace = static_cast<uint32_t>(copiedNow);
        // The buffer that window needs, memory counted as Linux's (tcp_space_from_win).
        auto buffer = static_cast<uint64_t>(static_cast<double>(window) / m_config.receiveWindowShare);
        m_receiveBuffer.Grow(std::min<uint64_t>(buffer, m_config.receiveBufferMaxBytes));
    }
    m_rcvSpaceCopied = 0;
    m_rcvSpaceStart = now;
}

void
TcpConnection::Impl::ExpandSendBuffer()
{
    uint64_t wanted = std::min<uint64_t>(2 * uint64_t{m_cc->Cwnd()}, m_config.sendBufferMaxBytes);
    if (wanted > m_sendBuffer.Capacity() && !m_finQueued)
    {
        m_sendBuffer.Grow(wanted);
        Emit(TcpEvent::SEND_SPACE, static_cast<uint32_t>(m_sendBuffer.Free()));
    }
}

} // namespace handshake
} // namespace ns3

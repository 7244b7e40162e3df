/*
 * The RFC 9293 state machine of one connection. Incoming segments go through OnSegment (event
 * processing of RFC 9293 3.10.7), outgoing data leaves through TrySend/Transmit; timers are
 * requested with absolute deadlines. See doc/tcp-core.rst for what is and is not implemented.
 */
#include "tcp-connection.h"

#include "tcp-congestion-control.h"
#include "tcp-receive-buffer.h"
#include "tcp-rto-estimator.h"
#include "tcp-send-buffer.h"
#include "tcp-sequence.h"

#include <algorithm>
#include <array>

namespace ns3
{
namespace handshake
{

namespace
{
/** RFC 9293 3.7.1: the MSS to assume when the peer sent no MSS option. */
constexpr uint16_t DEFAULT_PEER_MSS = 536;
/** RFC 7323 2.3: the largest shift a window scale option may carry. */
constexpr uint8_t MAX_WINDOW_SHIFT = 14;
/** RFC 5681 3.2: duplicate ACKs that trigger fast retransmit. */
constexpr uint32_t DUP_ACK_THRESHOLD = 3;

int
Index(TcpTimerKind kind)
{
    return static_cast<int>(kind);
}
} // namespace

struct TcpConnection::Impl
{
    Impl(const TcpConfig& config, uint16_t localPort, uint16_t remotePort, uint32_t iss);

    // ---- inputs
    void Connect(TcpTime now);
    void AcceptSyn(const TcpSegment& syn, TcpTime now);
    void Listen(TcpTime now);
    void OnSegmentListen(const TcpSegment& seg, TcpTime now);
    void ReturnToListen();
    void OnSegment(const TcpSegment& seg, TcpTime now);
    void OnTimer(TcpTimerKind kind, TcpTime now);
    size_t Send(const uint8_t* data, size_t length, TcpTime now);
    size_t Receive(uint8_t* buffer, size_t maxLength, TcpTime now);
    void Close(TcpTime now);
    void Abort(TcpTime now);

    // ---- segment arrival (RFC 9293 3.10.7)
    void OnSegmentSynSent(const TcpSegment& seg, TcpTime now);
    void OnSegmentSynchronized(TcpSegment seg, TcpTime now);
    bool IsAcceptable(const TcpSegment& seg) const;
    bool HandleRst(const TcpSegment& seg, TcpTime now);
    bool HandleAck(const TcpSegment& seg, TcpTime now);
    void HandleNewAck(const TcpSegment& seg, TcpTime now);
    void HandleDuplicateAck(const TcpSegment& seg, TcpTime now);
    void UpdateSendWindow(const TcpSegment& seg);
    void AfterOurFinAcked(TcpTime now);
    void HandleText(const TcpSegment& seg, TcpTime now);
    void HandleFin(TcpTime now);
    void ReadPeerSynOptions(const TcpSegment& syn);
    void HandshakeComplete();

    // ---- timers
    void OnRetransmitTimeout(TcpTime now);
    void OnPersistTimeout(TcpTime now);
    void ArmTimer(TcpTimerKind kind, TcpTime deadline);
    void CancelTimer(TcpTimerKind kind);
    bool Armed(TcpTimerKind kind) const;
    void UpdateTimers(TcpTime now, bool restartRetransmit);
    void EnterTimeWait(TcpTime now);

    // ---- output
    void TrySend(TcpTime now);
    bool SendOneSegment(TcpTime now);
    void Transmit(uint32_t seq, uint32_t length, bool fin, TcpTime now);
    void SendSyn(TcpTime now);
    void SendAck(TcpTime now);
    void SendRst(uint32_t seq, bool withAck, uint32_t ack);
    void ScheduleAck(TcpTime now, bool immediate);
    TcpSegment MakeSegment(uint32_t seq, uint8_t flags);
    uint16_t AdvertisedWindow(bool syn);
    void MaybeSendWindowUpdate(TcpTime now);

    // ---- state
    void SetState(TcpState to);
    void EnterClosed(TcpOutcome outcome);
    void Emit(TcpEvent::Kind kind, uint32_t value = 0);

    // ---- helpers
    uint32_t DataEndSeq() const;
    /** Queued data bytes from \p seq to the end of the send buffer. */
    uint32_t UnsentFrom(uint32_t seq) const;
    uint32_t FlightSize() const;
    uint32_t EffectiveMss() const;
    uint32_t ReceiveWindow() const;
    bool OurFinAcked() const;
    bool CanReceiveText() const;

    TcpConfig m_config;
    uint16_t m_localPort;
    uint16_t m_remotePort;
    TcpState m_state{TcpState::CLOSED};
    bool m_closedReported{false};
    bool m_activeOpen{false};
    bool m_listening{false}; //!< opened by Listen(): a reset SYN_RCVD returns to LISTEN
    TcpActions m_actions;
    TcpConnection::Stats m_stats;

    // Send sequence variables (RFC 9293 3.3.1); SND.MAX is the highest sequence number sent.
    uint32_t m_iss;
    uint32_t m_sndUna;
    uint32_t m_sndNxt;
    uint32_t m_sndMax;
    uint32_t m_sndWnd{0};
    uint32_t m_maxSndWnd{0};
    uint32_t m_sndWl1{0};
    uint32_t m_sndWl2{0};
    uint8_t m_sndShift{0};
    bool m_synAcked{false};
    bool m_synReceived{false}; //!< the peer's SYN is known: our SYN goes out as SYN,ACK
    uint16_t m_peerMss{DEFAULT_PEER_MSS};
    TcpSendBuffer m_sendBuffer;
    uint32_t m_sendBufferSeq; //!< sequence number of the send buffer's first byte
    bool m_finQueued{false};
    uint32_t m_finSeq{0};

    // Receive sequence variables.
    uint32_t m_irs{0};
    uint32_t m_rcvNxt{0};
    uint8_t m_rcvShift{0};
    uint32_t m_rcvAdvertisedEdge{0}; //!< RCV.NXT + RCV.WND as last advertised
    TcpReceiveBuffer m_receiveBuffer;
    bool m_peerFinReceived{false};
    bool m_peerFinPending{false}; //!< FIN seen beyond a gap, at m_peerFinSeq
    uint32_t m_peerFinSeq{0};
    uint32_t m_segmentsUnacked{0};
    bool m_ackNow{false}; //!< an ACK is owed at the end of this segment's processing

    // Timers, RTO, congestion control.
    std::array<bool, TCP_TIMER_KINDS> m_timerArmed{};
    std::array<TcpTime, TCP_TIMER_KINDS> m_timerDeadline{};
    TcpRtoEstimator m_rto;
    uint32_t m_retries{0};
    uint32_t m_persistBackoff{0};
    bool m_rttTiming{false};
    uint32_t m_rttSeq{0};
    TcpTime m_rttStart{0};
    std::unique_ptr<TcpCongestionControl> m_cc;
    uint32_t m_dupAcks{0};
    bool m_inRecovery{false};
    uint32_t m_recover{0};
};

TcpConnection::Impl::Impl(const TcpConfig& config,
                          uint16_t localPort,
                          uint16_t remotePort,
                          uint32_t iss)
    : m_config(config),
      m_localPort(localPort),
      m_remotePort(remotePort),
      m_iss(iss),
      m_sndUna(iss),
      m_sndNxt(iss),
      m_sndMax(iss),
      m_sendBuffer(config.sendBufferBytes),
      m_sendBufferSeq(iss + 1),
      m_receiveBuffer(config.receiveBufferBytes),
      m_rto(config.initialRto, config.minRto, config.maxRto, config.clockGranularity),
      m_cc(CreateDefaultCongestionControl())
{
    m_cc->Init(config.mss, config.initialCwndSegments, config.initialSsthresh);
}

// =====================================================================================================
// Opening
// =====================================================================================================

void
TcpConnection::Impl::Connect(TcpTime now)
{
    if (m_state != TcpState::CLOSED || m_closedReported)
    {
        return;
    }
    // RFC 9293 3.10.1: send SYN, SND.UNA = ISS, SND.NXT = ISS + 1, enter SYN-SENT.
    m_activeOpen = true;
    SetState(TcpState::SYN_SENT);
    SendSyn(now);
    UpdateTimers(now, true);
}

void
TcpConnection::Impl::Listen(TcpTime /* now */)
{
    if (m_state != TcpState::CLOSED || m_closedReported)
    {
        return;
    }
    m_listening = true;
    SetState(TcpState::LISTEN);
}

void
TcpConnection::Impl::OnSegmentListen(const TcpSegment& seg, TcpTime now)
{
    // RFC 9293 3.10.7.2: ignore a RST, answer an ACK with <SEQ=SEG.ACK><CTL=RST>, take a SYN.
    if (seg.Has(TcpSegment::RST))
    {
        return;
    }
    if (seg.Has(TcpSegment::ACK))
    {
        SendRst(seg.ack, false, 0);
        return;
    }
    if (seg.Has(TcpSegment::SYN))
    {
        m_stats.segmentsReceived--; // AcceptSyn counts it
        AcceptSyn(seg, now);
    }
}

void
TcpConnection::Impl::ReturnToListen()
{
    // RFC 9293 3.10.7.4 second, SYN-RECEIVED from a passive OPEN: back to LISTEN, forget the peer.
    for (int i = 0; i < TCP_TIMER_KINDS; ++i)
    {
        CancelTimer(static_cast<TcpTimerKind>(i));
    }
    m_sndUna = m_sndNxt = m_sndMax = m_iss;
    m_irs = m_rcvNxt = 0;
    m_synReceived = false;
    m_sndWnd = m_maxSndWnd = 0;
    m_peerMss = DEFAULT_PEER_MSS;
    m_sndShift = m_rcvShift = 0;
    m_rttTiming = false;
    m_retries = 0;
    m_rto.ResetBackoff();
    SetState(TcpState::LISTEN);
}

void
TcpConnection::Impl::AcceptSyn(const TcpSegment& syn, TcpTime now)
{
    bool fresh = m_state == TcpState::CLOSED || m_state == TcpState::LISTEN;
    if (!fresh || m_closedReported || !syn.Has(TcpSegment::SYN) ||
        syn.Has(TcpSegment::RST) || syn.Has(TcpSegment::ACK))
    {
        return;
    }
    // RFC 9293 3.10.7.2: RCV.NXT = SEG.SEQ + 1, IRS = SEG.SEQ, send <SEQ=ISS><ACK=RCV.NXT><SYN,ACK>.
    m_stats.segmentsReceived++;
    m_irs = syn.seq;
    m_rcvNxt = syn.seq + 1;
    ReadPeerSynOptions(syn);
    m_sndWnd = syn.window; // RFC 7323 2.2: the window of a SYN is never scaled
    m_maxSndWnd = m_sndWnd;
    m_sndWl1 = syn.seq;
    m_sndWl2 = m_iss;
    SetState(TcpState::SYN_RCVD);
    SendSyn(now);
    UpdateTimers(now, true);
}

void
TcpConnection::Impl::ReadPeerSynOptions(const TcpSegment& syn)
{
    m_synReceived = true;
    m_rcvAdvertisedEdge = m_rcvNxt + ReceiveWindow();
    m_peerMss = syn.mss.value_or(DEFAULT_PEER_MSS);
    // RFC 7323 2.2: scaling is on only if both SYNs carry the option.
    if (syn.windowScale && m_config.windowScale > 0)
    {
        m_sndShift = std::min(*syn.windowScale, MAX_WINDOW_SHIFT);
        m_rcvShift = std::min(m_config.windowScale, MAX_WINDOW_SHIFT);
    }
    else
    {
        m_sndShift = 0;
        m_rcvShift = 0;
    }
    m_cc->Init(EffectiveMss(), m_config.initialCwndSegments, m_config.initialSsthresh);
}

void
TcpConnection::Impl::HandshakeComplete()
{
    m_synAcked = true;
    Emit(TcpEvent::ESTABLISHED);
}

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
            ScheduleAck(now, true);
        }
    }
    // RFC 9293 3.10.7.4 first: sequence number check.
    if (!IsAcceptable(seg))
    {
        if (!seg.Has(TcpSegment::RST))
        {
            SendAck(now);
            if (m_state == TcpState::TIME_WAIT && seg.Has(TcpSegment::FIN))
            {
                EnterTimeWait(now); // a retransmitted FIN restarts the 2 MSL timeout
            }
        }
        return;
    }
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
TcpConnection::Impl::IsAcceptable(const TcpSegment& seg) const
{
    // RFC 9293 3.10.7.4, the table of four cases.
    uint32_t length = seg.SequenceLength();
    uint32_t window = ReceiveWindow();
    if (seg.seq == m_rcvNxt)
    {
        // Covers both zero-length cases, and the "special allowance" for zero windows: the ACK
        // and RST of a segment at RCV.NXT are processed even when its text cannot be kept.
        return true;
    }
    if (length == 0)
    {
        return window > 0 && SeqInWindow(seg.seq, m_rcvNxt, window);
    }
    if (window == 0)
    {
        return false;
    }
    return SeqInWindow(seg.seq, m_rcvNxt, window) ||
           SeqInWindow(seg.seq + length - 1, m_rcvNxt, window);
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
    if (m_state == TcpState::SYN_RCVD)
    {
        // RFC 9293 3.10.7.4 fifth, SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT completes the handshake.
        if (!(SeqLt(m_sndUna, seg.ack) && SeqLeq(seg.ack, m_sndMax)))
        {
            SendRst(seg.ack, false, 0);
            return false;
        }
        SetState(TcpState::ESTABLISHED);
    }
    if (SeqGt(seg.ack, m_sndMax))
    {
        SendAck(now); // RFC 9293 3.10.7.4: ACK for something not yet sent: ACK and drop
        return false;
    }
    if (SeqGt(seg.ack, m_sndUna))
    {
        HandleNewAck(seg, now);
    }
    else if (seg.ack == m_sndUna)
    {
        HandleDuplicateAck(seg, now);
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
    // RFC 6298 3 (Karn): the timed segment was sent once, so its ACK is a valid sample.
    if (m_rttTiming && SeqGt(seg.ack, m_rttSeq))
    {
        m_rto.AddSample(now - m_rttStart);
        m_rttTiming = false;
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
    // Congestion control (RFC 5681 3.1 and 3.2, RFC 6582 3.2).
    m_dupAcks = 0;
    if (m_inRecovery)
    {
        if (SeqGeq(seg.ack, m_recover))
        {
            m_inRecovery = false;
            m_cc->OnExitRecovery(FlightSize());
        }
        else
        {
            m_cc->OnPartialAck(acked);
            Transmit(m_sndUna, std::min(EffectiveMss(), UnsentFrom(m_sndUna)), false, now);
        }
    }
    else if (acked > 0)
    {
        m_cc->OnAck(acked, now);
    }
    UpdateTimers(now, true); // RFC 6298 5.3: restart the timer on an ACK of new data
}

void
TcpConnection::Impl::HandleDuplicateAck(const TcpSegment& seg, TcpTime now)
{
    // RFC 5681 2: a duplicate ACK carries no data, no SYN/FIN, the same window, and arrives while
    // data is outstanding. A zero window is a persist situation, not a loss signal.
    bool duplicate = seg.payload.empty() && !seg.Has(TcpSegment::FIN) && m_sndMax != m_sndUna &&
                     (static_cast<uint32_t>(seg.window) << m_sndShift) == m_sndWnd &&
                     m_sndWnd != 0 && m_synAcked;
    if (!duplicate)
    {
        return;
    }
    ++m_dupAcks;
    if (m_inRecovery)
    {
        m_cc->OnDupAckInRecovery(); // RFC 5681 3.2 step 4
        return;
    }
    if (m_dupAcks == DUP_ACK_THRESHOLD)
    {
        // RFC 5681 3.2 steps 2-3 (fast retransmit), RFC 6582 3.2 step 2: remember the recovery point.
        m_inRecovery = true;
        m_recover = m_sndMax;
        m_cc->OnEnterRecovery(FlightSize());
        m_rttTiming = false; // Karn
        Transmit(m_sndUna, std::min(EffectiveMss(), UnsentFrom(m_sndUna)), false, now);
    }
}

void
TcpConnection::Impl::UpdateSendWindow(const TcpSegment& seg)
{
    // RFC 9293 3.10.7.4 fifth: take the window only from a segment not older than the last update.
    if (SeqLt(m_sndWl1, seg.seq) || (m_sndWl1 == seg.seq && SeqLeq(m_sndWl2, seg.ack)))
    {
        uint32_t oldWindow = m_sndWnd;
        m_sndWnd = static_cast<uint32_t>(seg.window) << m_sndShift;
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
        bool hadGap = m_receiveBuffer.HasOutOfOrder();
        uint32_t window = ReceiveWindow();
        uint32_t beyond = (seq - m_rcvNxt) + length; // from RCV.NXT to the end of the text
        size_t delivered = m_receiveBuffer.Insert(offset, data, length);
        m_rcvNxt += static_cast<uint32_t>(delivered);
        if (beyond > window)
        {
            fin = false; // part of the text did not fit: the FIN lies beyond the window
        }
        if (delivered > 0)
        {
            Emit(TcpEvent::DATA_READABLE, static_cast<uint32_t>(m_receiveBuffer.Readable()));
        }
        // RFC 5681 4.2: ACK at once out of order segments and segments that fill a gap;
        // otherwise ACK every second segment or after the delayed-ACK timeout (RFC 9293 3.8.6.3).
        ScheduleAck(now, !inOrder || hadGap || beyond > window);
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
            m_peerFinPending = true;
            m_peerFinSeq = finSeq;
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
        ScheduleAck(now, false);
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
        ScheduleAck(now, true);
        break;
    case TcpState::FIN_WAIT_2:
        EnterTimeWait(now);
        ScheduleAck(now, true);
        break;
    default:
        ScheduleAck(now, true);
        break;
    }
}

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
    }
}

void
TcpConnection::Impl::OnRetransmitTimeout(TcpTime now)
{
    m_stats.rtoExpirations++;
    m_retries++;
    Emit(TcpEvent::RTO_EXPIRED, m_retries);
    uint32_t limit = m_synAcked ? m_config.dataRetries : m_config.synRetries;
    if (m_retries > limit)
    {
        if (m_state != TcpState::SYN_SENT)
        {
            SendRst(m_sndNxt, true, m_rcvNxt); // give up: tell the peer (RFC 9293 3.8.3, R2)
        }
        EnterClosed(TcpOutcome::TIMED_OUT);
        return;
    }
    // RFC 6298 5.5-5.6: back off, retransmit the earliest unacknowledged segment, restart the timer.
    m_rto.Backoff();
    m_rttTiming = false; // Karn: no sample from a retransmitted segment
    if (!m_synAcked)
    {
        SendSyn(now);
    }
    else
    {
        m_cc->OnRetransmitTimeout(FlightSize());
        m_inRecovery = false;
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
    uint32_t window = std::min(m_sndWnd, m_cc->Cwnd());
    uint32_t inFlight = m_sndNxt - m_sndUna;
    uint32_t usable = window > inFlight ? window - inFlight : 0;
    uint32_t length = std::min({unsent, EffectiveMss(), usable});
    if (unsent > 0 && length == 0)
    {
        return false; // window closed: wait for an ACK or the persist timer
    }
    // RFC 9293 3.8.6.2.1 (sender SWS avoidance): send a full segment, all that is queued, at least
    // half the largest window seen, or anything when nothing is in flight.
    bool worthIt = length == EffectiveMss() || length == unsent || inFlight == 0 ||
                   length >= m_maxSndWnd / 2;
    if (!worthIt)
    {
        return false;
    }
    bool fin = m_finQueued && m_sndNxt + length == m_finSeq;
    Transmit(m_sndNxt, length, fin, now);
    return true;
}

void
TcpConnection::Impl::Transmit(uint32_t seq, uint32_t length, bool fin, TcpTime now)
{
    TcpSegment seg = MakeSegment(seq, TcpSegment::ACK);
    if (length > 0)
    {
        seg.payload = m_sendBuffer.Copy(seq - m_sendBufferSeq, length);
        length = static_cast<uint32_t>(seg.payload.size());
        seg.flags |= TcpSegment::PSH;
    }
    if (fin || (m_finQueued && seq + length == m_finSeq))
    {
        seg.flags |= TcpSegment::FIN;
    }
    uint32_t end = seq + seg.SequenceLength();
    bool retransmission = SeqLt(seq, m_sndMax);
    if (retransmission)
    {
        m_stats.retransmissions++;
        Emit(TcpEvent::RETRANSMISSION, seq);
        if (m_rttTiming && SeqLeq(seq, m_rttSeq))
        {
            m_rttTiming = false; // Karn: the timed segment is ambiguous now
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
    // RFC 9293 3.10.1 / 3.10.7.2: <SEQ=ISS><CTL=SYN> or <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, with MSS.
    bool synAck = m_synReceived;
    TcpSegment seg = MakeSegment(m_iss, synAck ? (TcpSegment::SYN | TcpSegment::ACK) : TcpSegment::SYN);
    if (!synAck)
    {
        seg.ack = 0;
    }
    seg.mss = m_config.mss;
    // RFC 7323 2.2: offer scaling on a SYN; on a SYN-ACK only if the peer offered it.
    if (m_config.windowScale > 0 && (!synAck || m_rcvShift > 0))
    {
        seg.windowScale = std::min(m_config.windowScale, MAX_WINDOW_SHIFT);
    }
    seg.window = AdvertisedWindow(true);
    bool retransmission = SeqGt(m_sndMax, m_iss);
    if (retransmission)
    {
        m_stats.retransmissions++;
        Emit(TcpEvent::RETRANSMISSION, m_iss);
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
    TcpSegment seg;
    seg.sourcePort = m_localPort;
    seg.destinationPort = m_remotePort;
    seg.seq = seq;
    seg.ack = withAck ? ack : 0;
    seg.flags = TcpSegment::RST | (withAck ? TcpSegment::ACK : 0);
    m_stats.segmentsSent++;
    m_actions.segments.push_back(std::move(seg));
}

void
TcpConnection::Impl::ScheduleAck(TcpTime now, bool immediate)
{
    m_segmentsUnacked++;
    // RFC 9293 3.8.6.3 / RFC 5681 4.2: ACK at least every second full segment, within 500 ms.
    if (immediate || m_config.delayedAckTimeout.count() == 0 || m_segmentsUnacked >= 2)
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
    TcpSegment seg;
    seg.sourcePort = m_localPort;
    seg.destinationPort = m_remotePort;
    seg.seq = seq;
    seg.ack = m_rcvNxt;
    seg.flags = flags;
    seg.window = AdvertisedWindow(false);
    m_segmentsUnacked = 0;
    m_ackNow = false;
    CancelTimer(TcpTimerKind::DELAYED_ACK);
    m_stats.segmentsSent++;
    return seg;
}

uint16_t
TcpConnection::Impl::AdvertisedWindow(bool syn)
{
    uint32_t shift = syn ? 0 : m_rcvShift;
    uint32_t free = ReceiveWindow();
    // RFC 9293 3.8.6.2.2 (receiver SWS avoidance): move the right edge only by min(buffer/2, MSS)
    // or more; never shrink it (RFC 9293 3.8.6).
    uint32_t edge = m_rcvNxt + free;
    uint32_t step = std::min<uint32_t>(m_config.receiveBufferBytes / 2, m_config.mss);
    if (!syn && SeqGeq(m_rcvAdvertisedEdge, m_rcvNxt) && SeqLt(edge, m_rcvAdvertisedEdge + step))
    {
        edge = SeqLt(edge, m_rcvAdvertisedEdge) ? edge : m_rcvAdvertisedEdge;
    }
    uint32_t window = std::min<uint32_t>(edge - m_rcvNxt, 0xFFFFu << shift) >> shift;
    m_rcvAdvertisedEdge = m_rcvNxt + (window << shift);
    return static_cast<uint16_t>(window);
}

void
TcpConnection::Impl::MaybeSendWindowUpdate(TcpTime now)
{
    if (!CanReceiveText() || m_peerFinReceived)
    {
        return;
    }
    uint32_t edge = m_rcvNxt + std::min<uint32_t>(ReceiveWindow(), 0xFFFFu << m_rcvShift);
    uint32_t step = std::min<uint32_t>(m_config.receiveBufferBytes / 2, m_config.mss);
    // RFC 9293 3.8.6.2.2: announce the opened window once it grew by a useful amount.
    if (SeqGeq(edge, m_rcvAdvertisedEdge + step))
    {
        SendAck(now);
    }
}

// =====================================================================================================
// Application calls
// =====================================================================================================

size_t
TcpConnection::Impl::Send(const uint8_t* data, size_t length, TcpTime now)
{
    switch (m_state)
    {
    case TcpState::SYN_SENT:
    case TcpState::SYN_RCVD:
    case TcpState::ESTABLISHED:
    case TcpState::CLOSE_WAIT:
        break;
    default:
        return 0; // RFC 9293 3.10.2: "connection closing" or "connection does not exist"
    }
    if (m_finQueued)
    {
        return 0;
    }
    size_t taken = m_sendBuffer.Append(data, length);
    TrySend(now);
    UpdateTimers(now, false);
    return taken;
}

size_t
TcpConnection::Impl::Receive(uint8_t* buffer, size_t maxLength, TcpTime now)
{
    size_t count = m_receiveBuffer.Read(buffer, maxLength);
    m_stats.bytesDelivered += count;
    if (count > 0 && m_state != TcpState::CLOSED)
    {
        MaybeSendWindowUpdate(now);
    }
    return count;
}

void
TcpConnection::Impl::Close(TcpTime now)
{
    switch (m_state)
    {
    case TcpState::CLOSED:
        return;
    case TcpState::LISTEN:
        EnterClosed(TcpOutcome::CLOSED_NORMALLY); // RFC 9293 3.10.4: delete the TCB
        return;
    case TcpState::SYN_SENT:
        // RFC 9293 3.10.4: delete the TCB; nothing was established, so no FIN is owed.
        EnterClosed(TcpOutcome::ABORTED);
        return;
    case TcpState::SYN_RCVD:
    case TcpState::ESTABLISHED:
        SetState(TcpState::FIN_WAIT_1); // RFC 9293 3.10.4: queue a FIN after the data
        break;
    case TcpState::CLOSE_WAIT:
        SetState(TcpState::LAST_ACK);
        break;
    default:
        return; // already closing: "error: connection closing"
    }
    m_finQueued = true;
    m_finSeq = DataEndSeq();
    TrySend(now);
    UpdateTimers(now, false);
}

void
TcpConnection::Impl::Abort(TcpTime /* now */)
{
    switch (m_state)
    {
    case TcpState::CLOSED:
        return;
    case TcpState::SYN_RCVD:
    case TcpState::ESTABLISHED:
    case TcpState::FIN_WAIT_1:
    case TcpState::FIN_WAIT_2:
    case TcpState::CLOSE_WAIT:
        SendRst(m_sndNxt, false, 0); // RFC 9293 3.10.5: <SEQ=SND.NXT><CTL=RST>
        EnterClosed(TcpOutcome::ABORTED);
        return;
    case TcpState::TIME_WAIT:
        EnterClosed(TcpOutcome::CLOSED_NORMALLY); // both FINs are done; nothing to abort
        return;
    default:
        EnterClosed(TcpOutcome::ABORTED); // LISTEN, SYN-SENT, CLOSING, LAST-ACK: no RST
        return;
    }
}

// =====================================================================================================
// State and helpers
// =====================================================================================================

void
TcpConnection::Impl::SetState(TcpState to)
{
    TcpEvent event{TcpEvent::STATE_CHANGED};
    event.from = m_state;
    event.to = to;
    m_state = to;
    m_actions.events.push_back(event);
}

void
TcpConnection::Impl::EnterClosed(TcpOutcome outcome)
{
    if (m_closedReported)
    {
        return;
    }
    for (int i = 0; i < TCP_TIMER_KINDS; ++i)
    {
        CancelTimer(static_cast<TcpTimerKind>(i));
    }
    if (m_state != TcpState::CLOSED)
    {
        SetState(TcpState::CLOSED);
    }
    m_closedReported = true;
    TcpEvent event{TcpEvent::CLOSED};
    event.from = TcpState::CLOSED;
    event.to = TcpState::CLOSED;
    event.outcome = outcome;
    m_actions.events.push_back(event);
}

void
TcpConnection::Impl::Emit(TcpEvent::Kind kind, uint32_t value)
{
    TcpEvent event{kind};
    event.from = m_state;
    event.to = m_state;
    event.value = value;
    m_actions.events.push_back(event);
}

uint32_t
TcpConnection::Impl::DataEndSeq() const
{
    return m_sendBufferSeq + static_cast<uint32_t>(m_sendBuffer.Size());
}

uint32_t
TcpConnection::Impl::UnsentFrom(uint32_t seq) const
{
    uint32_t end = DataEndSeq();
    return SeqGt(end, seq) ? end - seq : 0;
}

uint32_t
TcpConnection::Impl::FlightSize() const
{
    return m_sndMax - m_sndUna;
}

uint32_t
TcpConnection::Impl::EffectiveMss() const
{
    // RFC 9293 3.7.1: Eff.snd.MSS is bounded by the peer's MSS and by our own.
    return std::min<uint32_t>(m_peerMss, m_config.mss);
}

uint32_t
TcpConnection::Impl::ReceiveWindow() const
{
    return static_cast<uint32_t>(m_receiveBuffer.Window());
}

bool
TcpConnection::Impl::OurFinAcked() const
{
    return m_finQueued && SeqGt(m_sndUna, m_finSeq);
}

bool
TcpConnection::Impl::CanReceiveText() const
{
    // RFC 9293 3.10.7.4 seventh: text is processed in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2.
    return m_state == TcpState::ESTABLISHED || m_state == TcpState::FIN_WAIT_1 ||
           m_state == TcpState::FIN_WAIT_2;
}

// =====================================================================================================
// Public face
// =====================================================================================================

TcpConnection::TcpConnection(const TcpConfig& config,
                             uint16_t localPort,
                             uint16_t remotePort,
                             uint32_t iss)
    : m_impl(std::make_unique<Impl>(config, localPort, remotePort, iss))
{
}

TcpConnection::~TcpConnection() = default;

void
TcpConnection::Connect(TcpTime now)
{
    m_impl->Connect(now);
}

void
TcpConnection::AcceptSyn(const TcpSegment& syn, TcpTime now)
{
    m_impl->AcceptSyn(syn, now);
}

void
TcpConnection::Listen(TcpTime now)
{
    m_impl->Listen(now);
}

void
TcpConnection::OnSegment(const TcpSegment& segment, TcpTime now)
{
    m_impl->OnSegment(segment, now);
}

void
TcpConnection::OnTimer(TcpTimerKind kind, TcpTime now)
{
    m_impl->OnTimer(kind, now);
}

size_t
TcpConnection::Send(const uint8_t* data, size_t length, TcpTime now)
{
    return m_impl->Send(data, length, now);
}

size_t
TcpConnection::Receive(uint8_t* buffer, size_t maxLength, TcpTime now)
{
    return m_impl->Receive(buffer, maxLength, now);
}

void
TcpConnection::Close(TcpTime now)
{
    m_impl->Close(now);
}

void
TcpConnection::Abort(TcpTime now)
{
    m_impl->Abort(now);
}

TcpActions&
TcpConnection::Actions()
{
    return m_impl->m_actions;
}

TcpState
TcpConnection::State() const
{
    return m_impl->m_state;
}

size_t
TcpConnection::BytesReadable() const
{
    return m_impl->m_receiveBuffer.Readable();
}

size_t
TcpConnection::SendSpace() const
{
    return m_impl->m_finQueued ? 0 : m_impl->m_sendBuffer.Free();
}

bool
TcpConnection::PeerFinished() const
{
    return m_impl->m_peerFinReceived && m_impl->m_receiveBuffer.Readable() == 0;
}

uint16_t
TcpConnection::PeerMss() const
{
    return m_impl->m_peerMss;
}

uint16_t
TcpConnection::LocalPort() const
{
    return m_impl->m_localPort;
}

uint16_t
TcpConnection::RemotePort() const
{
    return m_impl->m_remotePort;
}

uint32_t
TcpConnection::Iss() const
{
    return m_impl->m_iss;
}

const TcpConnection::Stats&
TcpConnection::GetStats() const
{
    return m_impl->m_stats;
}

TcpTime
TcpConnection::Srtt() const
{
    return m_impl->m_rto.Srtt();
}

TcpTime
TcpConnection::Rto() const
{
    return m_impl->m_rto.Rto();
}

uint32_t
TcpConnection::CongestionWindow() const
{
    return m_impl->m_cc->Cwnd();
}

} // namespace handshake
} // namespace ns3

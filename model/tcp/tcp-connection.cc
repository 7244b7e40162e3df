/*
 * TcpConnection: construction, opening, application calls, state changes and the public face.
 * Segment arrival is in tcp-connection-input.cc, output and timers in tcp-connection-output.cc.
 * See doc/tcp-core.rst for what is and is not implemented.
 */
#include "tcp-connection-impl.h"

#include <algorithm>

namespace ns3
{
namespace handshake
{

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
      m_smallSegmentEnd(iss),
      m_pushedSeq(iss),
      m_receiveBuffer(config.receiveBufferBytes),
      m_rto(config.initialRto, config.minRto, config.maxRto, config.clockGranularity,
            config.minRtoInVariance),
      m_cc(CreateCongestionControl(config.congestionControl.c_str()))
{
    // RFC 7323 5.4: a per-connection offset, so that TSval reveals no host-wide clock; taken from
    // the ISS (random per connection, reproducible per RngRun).
    m_tsOffset = (iss * 2654435761u) ^ 0x5bd1e995u;
    if (!m_cc)
    {
        m_cc = CreateCongestionControl("NewReno"); // an unknown name: the adapter rejects those
    }
    m_cc->Init(config.mss, config.initialCwndSegments, config.initialSsthresh);
}

// =====================================================================================================
// Opening
// =====================================================================================================

void
TcpConnection::Impl::Connect(TcpTime now)
{
    // RFC 9293 3.10.1: from CLOSED, or from LISTEN once the foreign socket is known ("change the
    // connection from passive to active"): send SYN, SND.UNA = ISS, SND.NXT = ISS + 1, SYN-SENT.
    bool passive = m_state == TcpState::LISTEN;
    if ((m_state != TcpState::CLOSED && !passive) || m_closedReported)
    {
        return;
    }
    m_listening = false;
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
    m_options = TcpNegotiatedOptions{};
    m_tsRecentValid = false;
    m_rttTiming = false;
    m_retries = 0;
    m_rto.ResetBackoff();
    SetState(TcpState::LISTEN);
}

void
TcpConnection::Impl::AcceptSyn(const TcpSegment& syn, TcpTime now)
{
    bool fresh = m_state == TcpState::CLOSED || m_state == TcpState::LISTEN;
    if (!fresh || m_closedReported || !syn.Has(TcpSegment::SYN) || syn.Has(TcpSegment::RST) ||
        syn.Has(TcpSegment::ACK))
    {
        return;
    }
    // RFC 9293 3.10.7.2: RCV.NXT = SEG.SEQ + 1, IRS = SEG.SEQ, send
    // <SEQ=ISS><ACK=RCV.NXT><SYN,ACK>.
    m_stats.segmentsReceived++;
    TakePeerSyn(syn);
    SendSyn(now);
    UpdateTimers(now, true);
}

void
TcpConnection::Impl::AcceptCookie(const TcpSegment& ack, uint16_t peerMss, TcpTime now)
{
    if (m_state != TcpState::CLOSED || m_closedReported || !ack.Has(TcpSegment::ACK) ||
        ack.Has(TcpSegment::SYN) || ack.Has(TcpSegment::RST))
    {
        return;
    }
    // RFC 4987 3.6: the SYN queue entry is rebuilt from the cookie: the peer's ISN is SEG.SEQ - 1,
    // its MSS the cookie's; options the cookie cannot carry (window scale) are off.
    TcpSegment syn;
    syn.sourcePort = ack.sourcePort;
    syn.destinationPort = ack.destinationPort;
    syn.seq = ack.seq - 1;
    syn.flags = TcpSegment::SYN;
    syn.mss = peerMss;
    TakePeerSyn(syn); // window 0 until the ACK's own window is taken (RFC 9293 3.10.7.4 fifth)
    m_rcvSsthresh = InitialReceiveWindow(); // what the stateless SYN-ACK offered
    // Our SYN-ACK went out statelessly: its sequence number is used.
    m_sndNxt = m_sndMax = m_iss + 1;
    OnSegment(ack, now);
}

void
TcpConnection::Impl::TakePeerSyn(const TcpSegment& syn)
{
    // RFC 9293 3.10.7.2: RCV.NXT = SEG.SEQ + 1, IRS = SEG.SEQ, then SYN-RECEIVED.
    m_irs = syn.seq;
    m_rcvNxt = syn.seq + 1;
    ReadPeerSynOptions(syn);
    m_sndWnd = syn.window; // RFC 7323 2.2: the window of a SYN is never scaled
    m_maxSndWnd = m_sndWnd;
    m_sndWl1 = syn.seq;
    m_sndWl2 = m_iss;
    SetState(TcpState::SYN_RCVD);
}

void
TcpConnection::Impl::ReadPeerSynOptions(const TcpSegment& syn)
{
    m_synReceived = true;
    m_rcvAdvertisedEdge = m_rcvNxt + ReceiveWindow();
    m_options = TcpNegotiatedOptions::FromPeerSyn(m_config, syn);
    if (m_options.timestamps)
    {
        m_tsRecent = syn.timestamp->value; // RFC 7323 4.3 (2): the SYN's TSval
        m_tsRecentValid = true;
    }
    m_cc->Init(EffectiveMss(), m_config.initialCwndSegments, m_config.initialSsthresh);
}

void
TcpConnection::Impl::HandshakeComplete()
{
    m_synAcked = true;
    if (m_synTimedOut)
    {
        m_rto.ApplySynTimeoutFloor(); // RFC 6298 5.7
    }
    Emit(TcpEvent::ESTABLISHED);
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
    if (taken > 0)
    {
        m_writeEnds.push_back(DataEndSeq());
    }
    TrySend(now);
    UpdateTimers(now, false);
    return taken;
}

size_t
TcpConnection::Impl::Receive(uint8_t* buffer, size_t maxLength, TcpTime now)
{
    size_t count = m_receiveBuffer.Read(buffer, maxLength);
    m_stats.bytesDelivered += count;
    AdjustReceiveSpace(count, now);
    if (count > 0 && m_state != TcpState::CLOSED)
    {
        // Linux tcp_cleanup_rbuf: reading everything up to the end of a short (pushed) segment
        // sends the delayed ACK now rather than at the timeout; not after the peer's FIN, which
        // puts Linux in ping-pong mode (tcp_fin), so that our FIN can carry that ACK.
        if (m_shortSegmentUnacked && !m_peerFinReceived && Armed(TcpTimerKind::DELAYED_ACK) &&
            m_receiveBuffer.Readable() == 0)
        {
            SendAck(now);
        }
        else
        {
            MaybeSendWindowUpdate(now);
        }
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
TcpConnection::Impl::Orphan(TcpTime now)
{
    m_orphaned = true;
    ArmFinWait2Timer(now);
}

void
TcpConnection::Impl::ArmFinWait2Timer(TcpTime now)
{
    // Linux tcp_close / tcp_rcv_state_process: an orphaned socket in FIN_WAIT_2 lives
    // tcp_fin_timeout from the later of its close and its entering FIN_WAIT_2.
    if (m_orphaned && m_state == TcpState::FIN_WAIT_2 && m_config.finTimeout > TcpTime(0) &&
        !Armed(TcpTimerKind::FIN_WAIT_2))
    {
        ArmTimer(TcpTimerKind::FIN_WAIT_2, now + m_config.finTimeout);
    }
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

void
TcpConnection::Impl::Forget(TcpTime /* now */)
{
    // RFC 9293 3.5.1: "a failure or reboot that resulted in loss of memory". No segment: a
    // crashed host sends nothing; from now on its TCP answers this 4-tuple as CLOSED (3.10.7.1).
    if (m_state == TcpState::CLOSED)
    {
        return; // never opened, or already over: nothing to forget, nothing to report
    }
    EnterClosed(TcpOutcome::LOST);
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
    // RFC 9293 3.7.1: Eff.snd.MSS is bounded by the peer's MSS and by our own, less the options
    // every segment carries (RFC 6691: the MSS counts no options): 12 bytes of timestamps, so
    // 1448 on a 1500-byte MTU, as Linux.
    uint32_t mss = std::min<uint32_t>(m_options.peerMss, m_config.mss);
    uint32_t options = m_options.timestamps ? TIMESTAMP_OPTION_BYTES : 0;
    return mss > options + 1 ? mss - options : 1;
}

uint32_t
TcpConnection::Impl::ReceiveWindow() const
{
    return static_cast<uint32_t>(m_receiveBuffer.Window());
}

uint32_t
TcpConnection::Impl::WindowClamp() const
{
    return static_cast<uint32_t>(static_cast<double>(m_receiveBuffer.Capacity()) *
                                 m_config.receiveWindowShare);
}

uint32_t
TcpConnection::Impl::ReceiveSpace() const
{
    size_t held = m_receiveBuffer.Capacity() - m_receiveBuffer.Window();
    uint32_t clamp = WindowClamp();
    return held < clamp ? clamp - static_cast<uint32_t>(held) : 0;
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
    m_impl->m_lastNow = now;
    m_impl->Connect(now);
}

void
TcpConnection::AcceptSyn(const TcpSegment& syn, TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->AcceptSyn(syn, now);
}

TcpSegment
TcpConnection::StatelessSynAck(const TcpConfig& config, const TcpSegment& syn, uint32_t cookie)
{
    // The SYN-ACK AcceptSyn would send, from a connection that is dropped at once.
    TcpConfig noScaling = config;
    noScaling.windowScale = 0; // nothing is kept to honour options: none but the MSS
    noScaling.sack = false;
    noScaling.timestamps = false;
    Impl scratch(noScaling, syn.destinationPort, syn.sourcePort, cookie);
    scratch.AcceptSyn(syn, TcpTime{0});
    for (TcpSegment& segment : scratch.m_actions.segments)
    {
        if (segment.Has(TcpSegment::SYN | TcpSegment::ACK))
        {
            return std::move(segment);
        }
    }
    return TcpSegment{}; // not a SYN: nothing to answer (flags 0)
}

void
TcpConnection::AcceptCookie(const TcpSegment& ack, uint16_t peerMss, TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->AcceptCookie(ack, peerMss, now);
}

void
TcpConnection::Listen(TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->Listen(now);
}

void
TcpConnection::OnSegment(const TcpSegment& segment, TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->OnSegment(segment, now);
}

void
TcpConnection::OnTimer(TcpTimerKind kind, TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->OnTimer(kind, now);
}

std::optional<TcpTime>
TcpConnection::TimerDeadline(TcpTimerKind kind) const
{
    if (!m_impl->Armed(kind))
    {
        return std::nullopt;
    }
    return m_impl->m_timerDeadline[static_cast<size_t>(kind)];
}

size_t
TcpConnection::Send(const uint8_t* data, size_t length, TcpTime now)
{
    m_impl->m_lastNow = now;
    return m_impl->Send(data, length, now);
}

size_t
TcpConnection::Receive(uint8_t* buffer, size_t maxLength, TcpTime now)
{
    m_impl->m_lastNow = now;
    return m_impl->Receive(buffer, maxLength, now);
}

void
TcpConnection::Close(TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->Close(now);
}

void
TcpConnection::Orphan(TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->Orphan(now);
}

std::optional<TcpTimeWait>
TcpConnection::CompactTimeWait() const
{
    const Impl& c = *m_impl;
    // Text held beyond a gap (a peer that sent past its own FIN) goes on being SACKed in every
    // ACK: TcpTimeWait keeps no blocks but a D-SACK, so such a connection stays whole.
    if (c.m_state != TcpState::TIME_WAIT || !c.m_actions.Empty() || c.m_receiveBuffer.Readable() > 0 ||
        c.m_receiveBuffer.HasOutOfOrder())
    {
        return std::nullopt;
    }
    for (int i = 0; i < TCP_TIMER_KINDS; ++i)
    {
        if (c.m_timerArmed[i] != (i == Impl::Index(TcpTimerKind::TIME_WAIT)))
        {
            return std::nullopt; // a timer of another kind is armed, or the timeout is not
        }
    }
    TcpTimeWait::Variables v;
    v.localPort = c.m_localPort;
    v.remotePort = c.m_remotePort;
    v.sndMax = c.m_sndMax;
    v.rcvNxt = c.m_rcvNxt;
    v.receiveWindow = c.ReceiveWindow();
    uint32_t edge = 0;
    v.window = c.WindowToAdvertise(false, edge);
    v.timestamps = c.m_options.timestamps;
    v.sack = c.m_options.sack;
    v.tsRecentValid = c.m_tsRecentValid;
    v.tsOffset = c.m_tsOffset;
    v.tsRecent = c.m_tsRecent;
    v.lastAckSent = c.m_lastAckSent;
    v.dsack = c.m_dsack;
    v.deadline = c.m_timerDeadline[Impl::Index(TcpTimerKind::TIME_WAIT)];
    v.timeout = 2 * c.m_config.msl;
    return TcpTimeWait(v);
}

void
TcpConnection::Abort(TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->Abort(now);
}

void
TcpConnection::Forget(TcpTime now)
{
    m_impl->m_lastNow = now;
    m_impl->Forget(now);
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
    return m_impl->m_options.peerMss;
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

uint32_t
TcpConnection::BytesInFlight() const
{
    return m_impl->m_options.sack ? m_impl->m_queue.Pipe() : m_impl->FlightSize();
}

std::optional<TcpTime>
TcpConnection::LatestRtt() const
{
    return m_impl->m_lastRttSample;
}

TcpCongState
TcpConnection::CongState() const
{
    return m_impl->m_congState;
}

TcpConnection::Variables
TcpConnection::GetVariables() const
{
    const Impl& s = *m_impl;
    return Variables{s.m_sndUna,
                     s.m_sndNxt,
                     s.m_sndMax,
                     s.m_sndWnd,
                     s.m_irs,
                     s.m_rcvNxt,
                     s.m_sendBuffer.Size(),
                     s.m_receiveBuffer.OutOfOrderBytes(),
                     s.m_sendBuffer.Capacity(),
                     s.m_receiveBuffer.Capacity()};
}

void
TcpConnection::SetCongestionControl(std::unique_ptr<TcpCongestionControl> cc)
{
    if (!cc || m_impl->m_state != TcpState::CLOSED || m_impl->m_closedReported)
    {
        return;
    }
    const TcpConfig& config = m_impl->m_config;
    cc->Init(config.mss, config.initialCwndSegments, config.initialSsthresh);
    m_impl->m_cc = std::move(cc);
}

const TcpCongestionControl&
TcpConnection::CongestionControl() const
{
    return *m_impl->m_cc;
}

} // namespace handshake
} // namespace ns3

/*
 * The private state of TcpConnection, shared by the .cc files that implement it by concern:
 * tcp-connection.cc (opening, application calls, state), tcp-connection-input.cc (segment
 * arrival, RFC 9293 3.10.7) and tcp-connection-output.cc (output and timers).
 * Not part of the adapter contract: use tcp-connection.h.
 */
#ifndef HANDSHAKE_TCP_CONNECTION_IMPL_H
#define HANDSHAKE_TCP_CONNECTION_IMPL_H

#include "tcp-congestion-control.h"
#include "tcp-connection.h"
#include "tcp-loss-detection.h"
#include "tcp-retransmit-queue.h"
#include "tcp-negotiated-options.h"
#include "tcp-receive-buffer.h"
#include "tcp-rto-estimator.h"
#include "tcp-send-buffer.h"
#include "tcp-sequence.h"

#include <array>
#include <optional>
#include <vector>
#include <memory>

namespace ns3
{
namespace handshake
{

struct TcpConnection::Impl
{
    static constexpr uint16_t DEFAULT_PEER_MSS = TcpNegotiatedOptions::DEFAULT_PEER_MSS;
    static constexpr uint8_t MAX_WINDOW_SHIFT = TcpNegotiatedOptions::MAX_WINDOW_SHIFT;
    /** RFC 7323 3.2 with two NOPs (Linux TCPOLEN_TSTAMP_ALIGNED). */
    static constexpr uint32_t TIMESTAMP_OPTION_BYTES = 12;
    /** RFC 5681 3.2: duplicate ACKs that trigger fast retransmit. */
    static constexpr uint32_t DUP_ACK_THRESHOLD = 3;

    static int Index(TcpTimerKind kind)
    {
        return static_cast<int>(kind);
    }

    Impl(const TcpConfig& config, uint16_t localPort, uint16_t remotePort, uint32_t iss);

    // ---- inputs
    void Connect(TcpTime now);
    void AcceptSyn(const TcpSegment& syn, TcpTime now);
    void AcceptCookie(const TcpSegment& ack, uint16_t peerMss, TcpTime now);
    void Listen(TcpTime now);
    void OnSegmentListen(const TcpSegment& seg, TcpTime now);
    void ReturnToListen();
    void OnSegment(const TcpSegment& seg, TcpTime now);
    void OnTimer(TcpTimerKind kind, TcpTime now);
    size_t Send(const uint8_t* data, size_t length, TcpTime now);
    size_t Receive(uint8_t* buffer, size_t maxLength, TcpTime now);
    void Close(TcpTime now);
    void Abort(TcpTime now);
    void Orphan(TcpTime now);
    /** Arms the FIN_WAIT_2 timer of an orphaned connection in FIN_WAIT_2 (Linux tcp_fin_timeout). */
    void ArmFinWait2Timer(TcpTime now);
    void Forget(TcpTime now);

    // ---- segment arrival (RFC 9293 3.10.7)
    void OnSegmentSynSent(const TcpSegment& seg, TcpTime now);
    void OnSegmentSynchronized(TcpSegment seg, TcpTime now);
    bool HandleRst(const TcpSegment& seg, TcpTime now);
    bool HandleAck(const TcpSegment& seg, TcpTime now);
    void HandleNewAck(const TcpSegment& seg, TcpTime now);
    void HandleDuplicateAck(const TcpSegment& seg, TcpTime now);
    void UpdateSendWindow(const TcpSegment& seg);
    void AfterOurFinAcked(TcpTime now);
    void HandleText(const TcpSegment& seg, TcpTime now);
    void HandleFin(TcpTime now);
    /** The passive side's part of taking a SYN (both AcceptSyn and AcceptCookie): to SYN_RCVD. */
    void TakePeerSyn(const TcpSegment& syn);
    void ReadPeerSynOptions(const TcpSegment& syn);
    void HandshakeComplete();
    /** RFC 7323 5.3 (PAWS): false when \p seg is an old duplicate to drop (an ACK is sent). */
    bool PassesPaws(const TcpSegment& seg, TcpTime now);
    /** RFC 7323 4.3: TS.Recent follows the peer's clock for in-sequence segments. */
    void UpdateTsRecent(const TcpSegment& seg);
    /** RFC 7323 4.1: the RTT a timestamp echo gives, if any. */
    void TakeTimestampRttSample(const TcpSegment& seg, TcpTime now);
    /** RFC 2018 4 / RFC 2883: remembers what the next ACK's SACK blocks report. */
    void NoteSackBlock(uint64_t offset);
    void NoteDuplicate(uint32_t seq, uint32_t end);
    void AddSackBlocks(TcpSegment& seg);
    /** A FIN held beyond a gap that needs a SACK block of its own. */
    bool PendingFinSackBlock() const;
    /** Our FIN went out and the peer SACKed it. */
    bool FinSacked() const;

    // ---- SACK-based loss recovery (RFC 6675, RFC 8985, RFC 6937)
    /** After the cumulative ACK of \p seg was taken: SACK blocks, losses, recovery, window. */
    void ProcessSackAck(const TcpSegment& seg, TcpTime now);
    TcpLossDetection& LossDetection();
    void DetectLosses(TcpTime now);
    void EnterRecovery(TcpTime now);
    /** RFC 6937 3.1: the window during recovery, from what the ACK delivered. */
    void ProportionalRateReduction(uint32_t delivered, bool safeAck);
    bool RetransmitOneLost(TcpTime now);
    void SetCongState(TcpCongState state);
    void AddRttSample(TcpTime rtt);
    /** RFC 8985 7.2: (re)arms the probe timeout, or cancels it when no probe is due. */
    void UpdateLossProbe(TcpTime now, bool restart);
    /** RFC 8985 7.3; false when there was nothing to probe with (every segment SACKed). */
    bool OnProbeTimeout(TcpTime now);
    /** RFC 8985 7.4.2: whether the ACK \p seg ends the probe's episode, and how. */
    void ProcessTlpAck(const TcpSegment& seg, const TcpRetransmitQueue::Delivery& delivery,
                       TcpTime now);
    void OnReorderTimeout(TcpTime now);
    /** The congestion control's view of one ACK. */
    TcpAckSample AckSample(uint32_t bytes, TcpTime now) const;

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
    /** Sends the first unacknowledged segment again: at most SMSS of data already sent. */
    void RetransmitFirstUnacked(TcpTime now);
    bool NagleHolds() const;
    /** Whether the text [seq, end) goes out with PSH (Linux tcp_push, forced_push). */
    bool Pushed(uint32_t seq, uint32_t end);
    void SendSyn(TcpTime now);
    void SendAck(TcpTime now);
    void SendRst(uint32_t seq, bool withAck, uint32_t ack);
    /** An ACK is owed for \p bytes of data (0: a FIN or a control segment): at once, or
     *  delayed as RFC 9293 3.8.6.3 allows. */
    void ScheduleAck(TcpTime now, bool immediate, uint32_t bytes, bool outOfOrder = false);
    bool CompressOutOfOrderAck(TcpTime now);
    void EnterQuickAck();
    void GrowReceiveWindow(uint32_t bytes);
    uint32_t InitialReceiveWindow() const;
    /** Our MSS less the options every segment carries (Linux advmss less timestamps). */
    uint32_t AdvertisedMssPayload() const;
    /** The free buffer, bounded by rcv_ssthresh when the window grows as Linux's. */
    uint32_t WindowOffered() const;
    TcpSegment MakeSegment(uint32_t seq, uint8_t flags);
    /** Our timestamp clock (RFC 7323 5.4): milliseconds, offset per connection. */
    uint32_t TsClock(TcpTime now) const;
    void NoteRetransmissionTime(TcpTime now);
    /** Ports, sequence number and flags only; counts the segment as sent. */
    TcpSegment BareSegment(uint32_t seq, uint8_t flags);
    uint16_t AdvertisedWindow(bool syn);
    /** What AdvertisedWindow(\p syn) would send, and the right edge it would advertise. */
    uint16_t WindowToAdvertise(bool syn, uint32_t& edge) const;
    void MaybeSendWindowUpdate(TcpTime now);
    /** Linux tcp_rcv_space_adjust (dynamic right-sizing): \p copied bytes were read at \p now. */
    void AdjustReceiveSpace(size_t copied, TcpTime now);
    /** Linux tcp_sndbuf_expand: room for twice the congestion window. */
    void ExpandSendBuffer();

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
    /** EffectiveMss less the room the next segment's SACK blocks take. */
    uint32_t SendMss() const;
    uint32_t ReceiveWindow() const;
    /** The window the whole buffer is worth (Linux window_clamp = tcp_win_from_space(rcvbuf)). */
    uint32_t WindowClamp() const;
    /** The window the free buffer is worth (Linux tcp_space): WindowClamp less what is held. */
    uint32_t ReceiveSpace() const;
    bool OurFinAcked() const;
    bool CanReceiveText() const;

    TcpConfig m_config;
    TcpTime m_lastNow{0}; //!< the time of the call being processed
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
    bool m_synAcked{false};
    bool m_synReceived{false}; //!< the peer's SYN is known: our SYN goes out as SYN,ACK
    TcpNegotiatedOptions m_options; //!< what the SYNs agreed on
    TcpSendBuffer m_sendBuffer;
    uint32_t m_sendBufferSeq; //!< sequence number of the send buffer's first byte
    bool m_finQueued{false};
    bool m_orphaned{false}; //!< the application closed the socket: it reads no more
    uint32_t m_smallSegmentEnd{0}; //!< end of the last sub-MSS segment sent (Nagle/Minshall)
    // Vectors, not deques: an empty std::deque allocates, and half-open connections must stay
    // small (HandshakeTcpCaps).
    std::vector<uint32_t> m_writeEnds;  //!< past the last byte of each write not yet sent
    std::vector<uint32_t> m_pushedEnds; //!< past each unacknowledged segment sent with PSH
    uint32_t m_pushedSeq{0};           //!< Linux pushed_seq: the end of the last PSH segment
    uint32_t m_finSeq{0};

    // Receive sequence variables.
    uint32_t m_irs{0};
    uint32_t m_rcvNxt{0};
    uint32_t m_rcvAdvertisedEdge{0}; //!< RCV.NXT + RCV.WND as last advertised
    TcpReceiveBuffer m_receiveBuffer;
    bool m_peerFinReceived{false};
    bool m_peerFinPending{false}; //!< FIN seen beyond a gap, at m_peerFinSeq
    uint32_t m_peerFinSeq{0};
    uint32_t m_bytesUnacked{0}; //!< data received since our last ACK
    bool m_shortSegmentUnacked{false}; //!< a segment below m_rcvMss came since our last ACK
    // Timestamps (RFC 7323 4.3) and SACK blocks to report (RFC 2018 4, RFC 2883).
    uint32_t m_tsOffset{0};
    uint32_t m_tsRecent{0};
    bool m_tsRecentValid{false};
    uint32_t m_lastAckSent{0}; //!< RFC 7323's Last.ACK.sent
    uint32_t m_retransmittedTs{0}; //!< our TSval when we last retransmitted
    bool m_anyRetransmitted{false};
    std::vector<uint64_t> m_sackRecent; //!< out-of-order blocks by stream offset, latest first
    std::optional<TcpSackBlock> m_dsack; //!< a duplicate to report once (RFC 2883)
    uint32_t m_rcvMss{DEFAULT_PEER_MSS}; //!< the peer's segment size as seen (Linux rcv_mss)
    bool m_quickAckStarted{false};
    uint32_t m_quickAcksLeft{0};
    bool m_pingPong{false}; //!< Linux pingpong mode, after the peer's FIN: no quick ACKs
    uint32_t m_rcvSsthresh{0}; //!< Linux rcv_ssthresh: the most we advertise yet (0: not set)
    uint32_t m_rttWindowEnd{0}; //!< Linux rtt_seq: SND.NXT when the RTO estimator's window began
    uint32_t m_outOfOrderAckRcvNxt{0}; //!< RCV.NXT the count below is for (compressed_ack_rcv_nxt)
    uint32_t m_outOfOrderAcksSent{0};  //!< immediate ACKs of out-of-order data there (dup_ack_counter)
    uint32_t m_acksCompressed{0};      //!< out-of-order ACKs held back since the last ACK
    bool m_ackNow{false}; //!< an ACK is owed at the end of this segment's processing

    // Timers, RTO, congestion control.
    std::array<bool, TCP_TIMER_KINDS> m_timerArmed{};
    std::array<TcpTime, TCP_TIMER_KINDS> m_timerDeadline{};
    TcpRtoEstimator m_rto;
    uint32_t m_retries{0};
    bool m_synTimedOut{
        false}; //!< the retransmission timer expired while our SYN was unacknowledged
    uint32_t m_persistBackoff{0};
    uint32_t m_probesUnanswered{0}; //!< zero-window probes since the peer last sent an ACK
    bool m_rttTiming{false};
    uint32_t m_rttSeq{0};
    TcpTime m_rttStart{0};
    std::unique_ptr<TcpCongestionControl> m_cc;
    TcpTime m_minRtt{0};
    std::optional<TcpTime> m_lastRttSample; //!< taken by the ACK being processed
    uint32_t m_lastAcked{0}; //!< data bytes the last new cumulative ACK acknowledged
    // SACK-based recovery: the scoreboard, loss detection, PRR (RFC 6937) and TLP (RFC 8985 7).
    TcpRetransmitQueue m_queue;
    std::unique_ptr<TcpLossDetection> m_lossDetection;
    TcpCongState m_congState{TcpCongState::OPEN};
    uint32_t m_prrDelivered{0};
    uint32_t m_prrOut{0};
    uint32_t m_recoverFs{0};
    // RFC 8985 7.4: the tail loss probe episode. TLP.end_seq (SND.NXT when the probe went out),
    // TLP.is_retrans, and where a retransmitted probe started (for its D-SACK).
    std::optional<uint32_t> m_tlpEndSeq;
    bool m_tlpIsRetrans{false};
    // Receive-buffer auto-tuning (Linux rcvq_space).
    uint32_t m_rcvSpace{0};       //!< most bytes read in one RTT so far
    uint32_t m_rcvSpaceCopied{0}; //!< bytes read since m_rcvSpaceStart
    TcpTime m_rcvSpaceStart{-1};
    uint32_t m_dupAcks{0};
    bool m_inRecovery{false};
    uint32_t m_recover{0};
};

} // namespace handshake
} // namespace ns3

#endif // HANDSHAKE_TCP_CONNECTION_IMPL_H
